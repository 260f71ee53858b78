// Messages of the engine and the migration commands. Keys start with
// "engine.". Japanese follows the provider's notice (基盤変更メンテナンス,
// 配送サーバー, オリジンサーバー, 作業代行).
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& EngineMessages() {
  static const std::vector<MessageEntry> kTable = {
      {"engine.locked", "another renumber run is working on it: {}",
       "別の renumber が作業中のため、このアカウントには触れていません: {}"},
      {"engine.nothing_to_roll_back",
       "the journal holds no {} changes for this account: nothing to roll back",
       "ジャーナルにこのアカウントの {} "
       "の変更記録がないため、切り戻す対象がありません"},
      {"engine.not_ready",
       "{} needs a prepared account, but it is {}: run prepare first",
       "{} には事前設定済みのアカウントが必要ですが、現在の状態は {} "
       "です。先に prepare を実行してください"},
      {"engine.before_window",
       "before maintenance_end ({}): cut over only after the maintenance, or "
       "pass --ignore-window",
       "メンテナンス終了時刻 ({}) "
       "より前です。基盤変更メンテナンス完了後に切替を行うか、"
       "--ignore-window を指定してください"},
      {"engine.before_window_preview",
       "the maintenance-window gate would refuse this cut over now: "
       "maintenance_end is {}",
       "現時点では切替はメンテナンス時間の確認で拒否されます: "
       "メンテナンス終了時刻は {} です"},
      {"engine.unverified_preview",
       "the new-side gate would refuse this cut over now: the new IP does "
       "not verify yet ({})",
       "現時点では切替は新しい IP の確認で拒否されます: まだ確認が取れて"
       "いません ({})"},
      {"engine.window_overridden",
       "--ignore-window: cut over before maintenance_end ({}); recorded in "
       "the journal",
       "--ignore-window: メンテナンス終了時刻 ({}) より前に切替を実行します "
       "(ジャーナルに記録済み)"},
      {"engine.new_side_unverified",
       "the new IP does not verify yet ({}); nothing was removed",
       "新しい IP アドレスの確認が取れていません ({})。何も削除していません"},
      {"engine.waiting",
       "waiting for the new origin: {0}; nothing was changed (run again, or "
       "cutover --wait-ready DURATION)",
       "新しいオリジンサーバーの準備を待っています: {1}。何も変更していません"
       "(再実行するか、cutover --wait-ready を指定してください)"},
      {"engine.still_waiting",
       "switched what was ready; still waiting for: {0} (run again, or "
       "cutover --wait-ready DURATION)",
       "準備ができたものは切り替えました。まだ待っているもの: {1}"
       "(再実行するか、cutover --wait-ready を指定してください)"},
      {"engine.prepared_stale",
       "prepared-stale: the customer activated another version after the "
       "switch was staged; cutover will stage it again from the active "
       "version",
       "prepared-stale: 切替用バージョンの作成後にお客様が別のバージョンを"
       "有効化しています。切替時に有効バージョンから作り直します"},
      {"engine.manual_work",
       "the account stays {} because the old IP remains in hidden origins "
       "(see the hidden-origin findings): manual work, renumber never "
       "changes them",
       "旧 IP が隠れたオリジンサーバーに残っているため、アカウントは {} "
       "のままです(hidden-origin の項目を参照)。手作業で変更してください"
       "(本ツールは変更しません)"},
      {"engine.probe_failed", "the origin probes did not run: {}",
       "オリジンサーバーの確認を実行できませんでした: {}"},
      {"engine.observation_not_kept",
       "what the old origin answered could not be kept in the journal: {}",
       "旧オリジンサーバーの応答をジャーナルに記録できませんでした: {}"},
      {"engine.paused_line",
       "paused until {} ({}): the vendor's write budget resets then; run "
       "the same command again to continue",
       "{} ({}) まで一時停止しています。その時刻にベンダーの書き込み上限が"
       "戻ります。同じコマンドを再実行すると続きから作業します"},
      {"engine.adapter_refused", "{}; nothing was changed",
       "{} (安全のため中止しました。何も変更していません)"},
      {"engine.declined", "not applied: the question was answered no",
       "確認に「いいえ」と回答されたため、適用していません"},
      {"monitor.summary", "{} critical, {} warning, {} unknown of {} accounts",
       "{0} 件が CRITICAL、{1} 件が WARNING、{2} 件が UNKNOWN (全 {3} アカウント)"},
      {"monitor.unknown", "could not be checked: {}",
       "確認できませんでした: {}"},
      {"monitor.missing",
       "missing: neither the old nor the new IP is referenced",
       "missing: 旧 IP も新 IP も設定されていません"},
      {"monitor.new_down", "cut over, but the new server fails: {}",
       "切替済みですが、新サーバーの確認に失敗しています: {}"},
      {"monitor.not_cut_over",
       "not cut over, although the maintenance ended {}",
       "基盤変更メンテナンスは {} に終了していますが、切替が済んでいません"},
      {"monitor.cutover_due_now",
       "cut over due: the maintenance ended {}",
       "切替の時刻です: 基盤変更メンテナンスは {} に終了しました"},
      {"monitor.partial", "partial: some references moved, some not",
       "partial: 一部の参照だけが移行されています"},
      {"monitor.not_expected", "not in the expected state ({})",
       "想定した状態ではありません ({})"},
      {"monitor.check", "a check fails: {}", "確認に失敗しています: {}"},
      {"monitor.prepared_stale",
       "prepared-stale: the customer activated another CDN version since "
       "prepare; cut over builds the staged version again on it",
       "prepared-stale: 事前設定のあとにお客様が別の CDN バージョンを有効化しました。"
       "切替時に切替用バージョンをそのバージョンから作り直します"},
      {"monitor.differs",
       "the new origin answers differently from the old one: {}",
       "新しいオリジンサーバーの応答が旧オリジンサーバーと異なります: {}"},
      {"monitor.cutover_soon", "cut over due within a day: maintenance_end {}",
       "1 日以内に切替予定です: メンテナンス終了時刻 {}"},
      {"time.now", "now", "まもなく"},
      {"time.minutes", "{} min", "{} 分"},
      {"time.hours", "{} h", "{} 時間"},
      {"time.hours_minutes", "{} h {} min", "{} 時間 {} 分"},
      {"time.days", "{} days", "{} 日"},
      {"time.in", "in {}", "あと {}"},
      {"time.ago", "{} ago", "{} 前"},
      {"report.state", "state: {}", "状態: {}"},
      {"report.would", "{} would:", "{} で行う変更:"},
      {"report.will", "{} will:", "{} で行う変更:"},
      {"report.no_changes", "(no changes)", "(変更なし)"},
      {"report.refused", "refused: {}", "拒否: {}"},
      {"report.error", "error: {}", "エラー: {}"},
      {"report.col.account", "ACCOUNT", "アカウント"},
      {"report.col.phase", "PHASE", "フェーズ"},
      {"report.col.result", "RESULT", "結果"},
      {"report.col.state", "STATE", "状態"},
      {"report.col.writes", "WRITES", "書き込み"},
      {"report.col.time", "TIME", "時間"},
      {"report.total", "{} accounts: {}", "{} アカウント: {}"},
      {"report.and_more", "… and {} more (see the table)",
       "… ほか {} 件 (表を参照してください)"},
      {"report.accounts", "{} accounts: {}", "{} アカウント: {}"},
      {"report.held_elsewhere",
       "!! {} of these {} accounts were NOT in this run: another renumber run "
       "holds them (see above). Run again when it has finished, or pass "
       "--wait-lock SECONDS.",
       "!! {} / {} アカウントは今回の実行に含まれていません: 別の renumber "
       "が作業中です (上記参照)。その作業が終わってから再実行するか、"
       "--wait-lock 秒数 を指定してください。"},
      {"report.summary", "Summary: {} accounts, {} with changes ({} changes)",
       "概要: {} アカウント、うち変更あり {} アカウント (変更 {} 件)"},
      {"report.summary_states", "states now: {}", "現在の状態: {}"},
      {"report.summary_changes", "changes: {}", "変更の内訳: {}"},
      {"report.summary_notes", "notes: {}", "注記: {}"},
      {"report.summary_nothing", "nothing to do: {} accounts ({})",
       "変更不要: {} アカウント ({})"},
      {"report.summary_left_out", "not in this run: {} accounts",
       "今回の実行に含まれないアカウント: {} 件"},
      {"report.total_one", "{} account: {}", "{} アカウント: {}"},
      {"status.col.account", "ACCOUNT", "アカウント"},
      {"status.col.phase", "PHASE", "フェーズ"},
      {"status.col.result", "RESULT", "結果"},
      {"status.col.state", "STATE", "状態"},
      {"status.col.when", "WHEN", "日時"},
      {"status.col.error", "LAST ERROR", "直近のエラー"},
      {"status.col.by", "CHANGED BY", "変更者"},
      {"status.warning", "warning: {}", "警告: {}"},
      {"report.result.ok", "ok", "正常"},
      {"report.result.done", "done", "完了"},
      {"report.result.nothing-to-do", "nothing-to-do", "変更不要"},
      {"report.result.would-change", "would-change", "変更予定"},
      {"report.result.not-expected", "not-expected", "想定外の状態"},
      {"report.result.refused", "refused", "拒否"},
      {"report.result.failed", "failed", "失敗"},
      {"report.result.paused", "paused", "一時停止"},
      {"report.waiting", "waiting: {}", "待機中: {}"},
      {"report.paused_until", "paused until {}", "{} まで一時停止"},
      {"status.empty",
       "no account has been worked on yet: no journal records in {} (another "
       "state directory? see --state-dir)",
       "まだ作業したアカウントはありません: {} にジャーナルの記録がありません "
       "(別の保存先の場合は --state-dir を指定してください)"},
  };
  return kTable;
}

}  // namespace renumber
