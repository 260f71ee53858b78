// Messages of `renumber report`: the report's headings and labels
// ("creport."), the names of states, results, phases and verdicts as the
// report shows them, and the replies staff paste to customers ("reply.").
// The replies are written for a hosting customer: polite (です・ます), in the
// provider's terms (基盤変更メンテナンス, 配送サーバー, オリジンサーバー,
// 作業代行), without the tool's words.
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& ReportMessages() {
  static const std::vector<MessageEntry> kTable = {
      // The report.
      {"creport.title", "Campaign report: {}", "作業報告: {}"},
      {"creport.all_campaigns", "all campaigns", "すべての作業"},
      {"creport.generated", "Generated {} by renumber {}; times in {}.",
       "作成日時 {}（renumber {}）。時刻は {} で表示しています。"},
      {"creport.live",
       "A read-only verify ran at {} just before this report: states, "
       "checks and findings are from it.",
       "この報告の直前（{}）に読み取り専用の確認（verify）"
       "を実行しました。状態・確認結果・検出事項はその結果です。"},
      {"creport.journal_only",
       "From the journal only (no vendor was asked): each state is the one "
       "read back at the end of the account's last run. Add --live for the "
       "state now.",
       "ジャーナルの記録のみから作成しました（サービスへの問い合わせは"
       "していません）。状態は各アカウントの最後の作業の終了時に読み取った"
       "ものです。現在の状態は --live を付けて確認できます。"},
      {"creport.totals", "Totals", "集計"},
      {"creport.total.accounts", "Accounts", "アカウント数"},
      {"creport.total.customers", "Customers", "お客様数"},
      {"creport.total.attention", "Need attention", "要確認"},
      {"creport.total.dns_work", "DNS changes left to customers",
       "お客様による DNS 変更が必要な箇所"},
      {"creport.total.hidden_origins", "Hidden origins (manual work)",
       "隠れたオリジン（手作業が必要な箇所）"},
      {"creport.total.customers_with_work", "Customers with work left",
       "作業が残っているお客様"},
      {"creport.by_state", "By state", "状態別"},
      {"creport.by_result", "By result of the last run", "最後の作業の結果別"},
      {"creport.by_verdict", "By monitoring verdict", "監視の判定別"},
      {"creport.chart", "Accounts by state over time",
       "状態別アカウント数の推移"},
      {"creport.chart_desc", "{} accounts from {} to {}",
       "{1} から {2} までの {0} アカウント"},
      {"creport.chart_axis", "accounts", "アカウント"},
      {"creport.chart_empty", "No run is recorded yet.",
       "まだ作業の記録がありません。"},
      {"creport.chart_data", "The chart's data", "グラフのデータ"},
      {"creport.col.time", "Time", "時刻"},
      {"creport.accounts", "Accounts", "アカウント別"},
      {"creport.col.account", "Account", "アカウント"},
      {"creport.col.phase", "Phase", "工程"},
      {"creport.col.result", "Result", "結果"},
      {"creport.col.state", "State", "状態"},
      {"creport.col.verdict", "Verdict", "判定"},
      {"creport.col.changed", "Last change", "最終変更"},
      {"creport.col.by", "By", "担当"},
      {"creport.col.error", "Last error", "最後のエラー"},
      {"creport.details", "Details", "詳細"},
      {"creport.move", "Old IP → new IP: {} → {}", "旧IP → 新IP: {} → {}"},
      {"creport.maintenance_end", "maintenance_end: {}",
       "メンテナンス終了: {}"},
      {"creport.ticket", "Ticket: {}", "チケット: {}"},
      {"creport.last_run", "Last run: {} by {} (campaign {})",
       "最後の作業: {}（担当 {}、作業名 {}）"},
      {"creport.checks", "Checks as of {}", "{} 時点の確認結果"},
      {"creport.findings_at", "Findings as of {}", "{} 時点の検出事項"},
      {"creport.dns_work", "DNS changes left to the customer",
       "お客様による DNS 変更が必要な箇所"},
      {"creport.hidden_origins",
       "Hidden origins (manual work; renumber does not change them)",
       "隠れたオリジン（手作業が必要です。renumber は変更しません）"},
      {"creport.notes", "Notes", "備考"},
      {"creport.live_error", "The live verify could not read it: {}",
       "確認時に読み取れませんでした: {}"},
      {"creport.verdict_why", "Verdict: {} — {}", "判定: {} — {}"},
      {"creport.check.ok", "[ok]", "[正常]"},
      {"creport.check.fail", "[FAIL]", "[失敗]"},
      {"creport.check.warn", "[warn]", "[注意]"},
      {"creport.replies", "Replies to customers (Japanese and English)",
       "お客様へのご報告文（日本語・英語）"},
      {"creport.replies_hint",
       "Each block can be pasted into the reply to that customer.",
       "各ブロックをそのお客様への返信に貼り付けてお使いください。"},
      {"creport.warnings", "Journal warnings", "ジャーナルの警告"},
      {"creport.none", "-", "-"},
      {"creport.paren", " ({})", "（{}）"},
      {"creport.written", "report written to {}", "報告を {} に書き出しました"},
      // Names as the report shows them.
      {"creport.state.not-started", "not started", "未着手"},
      {"creport.state.prepared", "prepared", "事前設定済み"},
      {"creport.state.prepared-stale", "prepared (stale)",
       "事前設定済み（切替時に再作成）"},
      {"creport.state.cut-over", "cut over", "切替済み"},
      {"creport.state.partial", "partial", "一部のみ"},
      {"creport.state.missing", "missing", "設定なし"},
      {"creport.state.unknown", "unknown", "不明"},
      {"creport.state.not-run", "not run", "未実施"},
      {"creport.result.done", "done", "完了"},
      {"creport.result.nothing-to-do", "nothing to do", "変更不要"},
      {"creport.result.refused", "refused", "中止（安全確認）"},
      {"creport.result.failed", "failed", "失敗"},
      {"creport.result.interrupted", "interrupted", "中断"},
      {"creport.result.not-run", "not run", "未実施"},
      {"creport.phase.prepare", "prepare", "事前設定"},
      {"creport.phase.cutover", "cut over", "切替"},
      {"creport.phase.rollback-prepare", "roll back prepare",
       "事前設定の切り戻し"},
      {"creport.phase.rollback-cutover", "roll back cut over",
       "切替の切り戻し"},
      {"creport.verdict.OK", "OK", "正常"},
      {"creport.verdict.WARNING", "WARNING", "警告"},
      {"creport.verdict.CRITICAL", "CRITICAL", "重大"},
      {"creport.verdict.UNKNOWN", "UNKNOWN", "不明"},
      // The replies to customers.
      {"reply.customer", "Customer ID: {}", "お客様ID: {}"},
      {"reply.intro",
       "Here is the status of the settings change for Zenlogic's platform "
       "maintenance that we are carrying out on your behalf.",
       "基盤変更メンテナンスに伴う設定変更の作業代行について、状況を"
       "ご報告いたします。"},
      {"reply.service.ess",
       "Symantec Email Security.cloud (delivery server)",
       "Symantec Email Security.cloud（配送サーバー）"},
      {"reply.service.cdn", "ZenlogicCDN (origin server)",
       "ZenlogicCDN（オリジンサーバー）"},
      {"reply.old_ip", "Old server IP address: {}",
       "旧サーバーIPアドレス: {}"},
      {"reply.new_ip", "New server IP address: {}",
       "新サーバーIPアドレス: {}"},
      {"reply.maintenance_end", "End of the maintenance: {}",
       "メンテナンス終了予定: {}"},
      {"reply.status", "Status: {}", "状況: {}"},
      {"reply.changed_at", "Last changed: {}", "最終変更日時: {}"},
      {"reply.state.ess.cut-over",
       "The switch to the new server IP address is complete, and the old "
       "address has been removed from the delivery servers.",
       "新しいサーバーIPアドレスへの切替が完了し、旧サーバーIPアドレスは"
       "配送サーバーの設定から削除しました。"},
      {"reply.state.cdn.cut-over",
       "The switch to the new server IP address is complete: the origin "
       "server now points to the new address.",
       "新しいサーバーIPアドレスへの切替が完了し、オリジンサーバーは"
       "新しいサーバーIPアドレスを参照しています。"},
      {"reply.state.ess.prepared",
       "The new server IP address has been added as a standby delivery "
       "server. Until the maintenance, mail is delivered to the current "
       "server as before; we will switch over after the maintenance.",
       "新しいサーバーIPアドレスを予備の配送サーバーとして追加しました。"
       "メンテナンスまでは、これまでどおり現在のサーバーへ配送されます。"
       "基盤変更メンテナンスの完了後に切り替えます。"},
      {"reply.state.cdn.prepared",
       "Settings with the new server IP address as the origin server are "
       "ready but not yet active; your site is still served from the "
       "current server. We will switch to them after the maintenance.",
       "オリジンサーバーを新しいサーバーIPアドレスとした切替用の設定を"
       "準備しました（まだ有効にはしていません）。サイトは引き続き現在の"
       "サーバーから配信されます。基盤変更メンテナンスの完了後に切り替え"
       "ます。"},
      {"reply.state.not-started", "No setting has been changed yet.",
       "まだ設定は変更しておりません。"},
      {"reply.state.partial",
       "Only part of the change is in place. Our staff are checking it and "
       "will contact you.",
       "設定変更の一部のみが反映された状態です。担当者が確認のうえ、"
       "あらためてご連絡いたします。"},
      {"reply.state.missing",
       "Neither the old nor the new server IP address is set. Please check "
       "the settings; our staff will also contact you.",
       "旧・新いずれのサーバーIPアドレスも設定されておりません。設定を"
       "ご確認ください。担当者からもご連絡いたします。"},
      {"reply.state.unknown",
       "We are confirming the current status and will report again.",
       "現在の状況を確認しております。確認でき次第、あらためてご報告"
       "いたします。"},
      {"reply.checking",
       "A problem occurred during this work; our staff are looking into it "
       "and will contact you.",
       "この作業中に問題が発生したため、担当者が確認しております。"
       "あらためてご連絡いたします。"},
      {"reply.todo", "Please take care of the following:",
       "お客様にてご対応をお願いしたい事項がございます。"},
      {"reply.dns_intro",
       "These settings use a host name that points to the old server IP "
       "address. After the maintenance, please change its DNS record to the "
       "new server IP address ({}).",
       "以下の設定はホスト名で指定されており、そのホスト名が旧サーバーIP"
       "アドレスを指しています。メンテナンス完了後、DNS レコードを新しい"
       "サーバーIPアドレス（{}）に変更してください。"},
      {"reply.hidden_intro",
       "The old server IP address is also written in the following places. "
       "They are not changed automatically and need to be changed by hand.",
       "旧サーバーIPアドレスは以下の箇所にも記載されています。これらは"
       "自動では変更されないため、手作業での変更が必要です。"},
      {"reply.nothing_to_do",
       "There is nothing you need to do for these services.",
       "お客様にてご対応いただく作業はございません。"},
      {"reply.closing", "If you have any questions, please contact us.",
       "ご不明な点がございましたら、お気軽にお問い合わせください。"},
  };
  return kTable;
}

}  // namespace renumber
