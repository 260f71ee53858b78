// Messages of `renumber preflight` (src/preflight). Keys start with
// "preflight.". Japanese follows the provider's notice (基盤変更メンテナンス,
// 他社ネームサーバー, DNSゾーン, 配送) in polite form.
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& PreflightMessages() {
  static const std::vector<MessageEntry> kTable = {
      // Records that still point at the old IP.
      {"preflight.old_ip_other",
       "{0} points at the old IP {1}; its DNS zone {2} is on other name "
       "servers ({3}).",
       "{0} が旧IPアドレス {1} を指しています。DNSゾーン {2} "
       "は他社ネームサーバー ({3}) で管理されています。"},
      {"preflight.old_ip_unknown",
       "{0} points at the old IP {1}; which name servers hold it could not "
       "be found.",
       "{0} が旧IPアドレス {1} "
       "を指しています。管理しているネームサーバーを確認できませんでした。"},
      {"preflight.old_ip_provider",
       "{0} points at the old IP {1}; its DNS zone {2} is on Zenlogic's name "
       "servers ({3}), so Zenlogic changes it after the maintenance: nothing "
       "to do (unless the domain moves to other name servers before the "
       "maintenance).",
       "{0} は旧IPアドレス {1} を指していますが、DNSゾーン {2} は "
       "Zenlogic提供のネームサーバー（{3}）"
       "にあるため、メンテナンス完了後に Zenlogic "
       "が変更します。お客様の作業は不要です"
       "（メンテナンス実施日までに他社ネームサーバーへ変更された場合を"
       "除きます）。"},
      {"preflight.old_ip_change_action",
       "After the maintenance ends ({0}), change it to the new IP {1} in the "
       "DNS zone {2} yourself: Zenlogic does not edit zones on other name "
       "servers. If that is difficult, apply for Zenlogic's DNS zone editing "
       "proxy work, or move the domain to Zenlogic's name servers, by six "
       "days before the maintenance.",
       "基盤変更メンテナンス完了後（{0}）に、お客様にてDNSゾーン {2} "
       "の該当レコードを新しいIPアドレス {1} へ変更してください "
       "（他社ネームサーバーのDNSゾーンは Zenlogic "
       "では変更されません）。ご自身での変更が難しい場合は、"
       "メンテナンス実施日の6日前までに「DNSゾーン編集代行」を"
       "お申し込みいただくか、Zenlogic提供のネームサーバーへ変更してください"
       "。"},
      {"preflight.old_ip_remove_action",
       "After the maintenance ends ({0}), remove the old IP {1} from it (the "
       "new IP is already there): the old server is switched off.",
       "基盤変更メンテナンス完了後（{0}）に、旧IPアドレス {1} "
       "を削除してください "
       "（新しいIPアドレスは登録済みです）。旧サーバーはメンテナンス完了後に"
       "停止します。"},
      {"preflight.new_ip_already", "{0} already points at the new IP {1}.",
       "{0} はすでに新しいIPアドレス {1} を指しています。"},
      {"preflight.no_zone",
       "{0}: no name servers were found (does the domain exist?).",
       "{0}: ネームサーバーが見つかりませんでした "
       "（ドメイン名が存在しない可能性があります）。"},
      {"preflight.dns_error", "{0}: could not check: {1}",
       "{0}: 確認できませんでした: {1}"},
      {"preflight.dns_error_action",
       "Run preflight again later; if it keeps failing, check the DNS "
       "servers asked (--dns-server) and the domain's name servers.",
       "しばらくしてから preflight "
       "を再実行してください。失敗が続く場合は、問い合わせ先のDNSサーバー "
       "(--dns-server) とドメイン名のネームサーバーをご確認ください。"},
      // SPF.
      {"preflight.spf_pass",
       "The SPF record of {0} authorises the new IP {1} ({2}).",
       "{0} のSPFレコードは新しいIPアドレス {1} を許可しています（{2}）。"},
      {"preflight.spf_none",
       "{0} has no SPF record: receivers cannot check mail from {1} by SPF "
       "(a record such as \"v=spf1 {2} ~all\" lets them).",
       "{0} にはSPFレコードがありません。送信先メールサーバーはSPFで {1} "
       "からのメールを確認できません（例: \"v=spf1 {2} ~all\" "
       "を設定すると確認できるようになります）。"},
      {"preflight.spf_not_authorised",
       "The SPF record of {0} does not authorise the new IP {1} (result: "
       "{2}): after the maintenance, receivers may refuse mail from it or "
       "mark it as spam.",
       "{0} のSPFレコードは新しいIPアドレス {1} を許可していません（判定: "
       "{2}）。基盤変更メンテナンス完了後、送信先メールサーバーで配送を"
       "拒否されたり、迷惑メールと判断されたりするおそれがあります。"},
      {"preflight.spf_not_authorised_old_is",
       "The SPF record of {0} authorises the old IP {3} but not the new IP "
       "{1} (result: {2}): after the maintenance, receivers may refuse mail "
       "from it or mark it as spam.",
       "{0} のSPFレコードは旧IPアドレス {3} "
       "を許可していますが、新しいIPアドレス {1} は許可していません（判定: "
       "{2}）。基盤変更メンテナンス完了後、送信先メールサーバーで配送を"
       "拒否されたり、迷惑メールと判断されたりするおそれがあります。"},
      {"preflight.spf_add_action",
       "Before the maintenance, add {1} to the SPF record of {0}, next to the "
       "old IP, e.g. \"{2}\"; remove the old IP after the maintenance.",
       "基盤変更メンテナンスの前に、{0} "
       "のSPFレコードへ旧IPアドレスと並べて {1} を追加してください（例: "
       "\"{2}\"）。旧IPアドレスはメンテナンス完了後に削除してください。"},
      {"preflight.spf_permerror",
       "The SPF record of {0} is broken (permerror: {1}): receivers treat it "
       "as an error and may refuse the mail.",
       "{0} のSPFレコードに誤りがあります（permerror: "
       "{1}）。送信先メールサーバーでエラーとして扱われ、配送を拒否される"
       "おそれがあります。"},
      {"preflight.spf_permerror_action",
       "Before the maintenance, correct the SPF record of {0} and make sure "
       "it authorises {1}.",
       "基盤変更メンテナンスの前に {0} のSPFレコードを修正し、{1} "
       "が許可されるようにしてください。"},
      {"preflight.spf_temperror",
       "The SPF record of {0} could not be evaluated (temperror): {1}",
       "{0} のSPFレコードを評価できませんでした (temperror): {1}"},
      // Reverse DNS of the new IP.
      {"preflight.ptr_missing",
       "The new IP {0} has no reverse DNS (no PTR record at {1}): many "
       "receivers refuse mail from such an IP or mark it as spam.",
       "新しいIPアドレス {0} に逆引き (PTR) レコードがありません "
       "（{1}）。逆引きできないIPアドレスからのメールは、送信先メールサーバー"
       "で配送を拒否されたり迷惑メールと判断されたりすることがあります。"},
      {"preflight.ptr_missing_action",
       "Ask Zenlogic, before the maintenance, to set reverse DNS (a PTR "
       "record) for {0}, naming a host whose A record is {0}.",
       "基盤変更メンテナンスの前に、{0} の逆引き（PTR）"
       "レコードの設定を Zenlogic へご依頼ください（正引きで {0} "
       "を返すホスト名を指定します）。"},
      {"preflight.ptr_ok",
       "Reverse DNS of {0}: {1}, which resolves back to {0}.",
       "{0} の逆引きは {1} で、正引きでも {0} に戻ります。"},
      {"preflight.ptr_mismatch",
       "The reverse DNS of {0} names {1}, but {1} does not resolve back to "
       "{0} (forward-confirmed reverse DNS fails): receivers that check it "
       "refuse the mail or mark it as spam.",
       "{0} の逆引きは {1} ですが、{1} の正引きが {0} "
       "になりません。正引きと逆引きの一致を確認する送信先メールサーバーでは"
       "、配送を拒否されたり迷惑メールと判断されたりすることがあります。"},
      {"preflight.ptr_mismatch_action",
       "Before the maintenance, ask Zenlogic to correct the PTR record of "
       "{0}, or add an A record {1} -> {0} in the DNS zone that holds {1}.",
       "基盤変更メンテナンスの前に、{0} のPTRレコードの修正を Zenlogic "
       "へご依頼いただくか、{1} のDNSゾーンに {1} → {0} "
       "のAレコードを追加してください。"},
      // DNS blocklists.
      {"preflight.dnsbl_clear", "{0} is not listed in {1}.",
       "{0} は {1} に登録されていません。"},
      {"preflight.dnsbl_not_a_listing",
       "{0} answered {2} for {1}: an error code of the list, not a listing "
       "(lists often refuse queries that come through public resolvers).",
       "{0} は {1} の問い合わせに {2} "
       "を返しました。登録を示す応答ではなく、ブロックリスト側のエラー"
       "コードです（公開DNSリゾルバー経由の問い合わせは拒否されることが"
       "あります）。"},
      {"preflight.dnsbl_listed",
       "The new IP {0} is listed in the DNS blocklist {1} ({2}; {3}): "
       "receivers using it refuse mail from {0}.",
       "新しいIPアドレス {0} がDNSブロックリスト {1} に登録されています "
       "（{2}; {3}）。このリストを使う送信先メールサーバーでは {0} "
       "からのメールの配送が拒否されます。"},
      {"preflight.dnsbl_listed_action",
       "Before the maintenance, ask the operator of {0} to delist {1} (most "
       "lists have a delisting form), and tell Zenlogic.",
       "基盤変更メンテナンスの前に、{0} の運営者へ {1} の登録解除 "
       "（delisting）を依頼してください"
       "（多くのリストに解除申請フォームがあります）。Zenlogic "
       "へもお知らせください。"},
      // Domains.
      {"preflight.domains_unknown",
       "No domains are known for {0}: their DNS was not checked.",
       "{0} のドメイン名が分からないため、DNSを確認していません。"},
      {"preflight.domains_unknown_action",
       "Give the domains with --domains FILE (CUSTOMER DOMAIN...) or "
       "--domain NAME.",
       "--domains FILE（顧客ID ドメイン名...）または --domain NAME "
       "でドメイン名を指定してください。"},
      {"preflight.domains_failed", "could not list the domains: {}",
       "ドメイン名の一覧を取得できませんでした: {}"},
      // The report.
      {"preflight.header",
       "renumber preflight: read-only DNS checks (asking {0}; Zenlogic name "
       "servers: {1}; blocklists: {2})",
       "renumber preflight: DNSの確認のみを行います（問い合わせ先: {0}、"
       "Zenlogic提供のネームサーバー: {1}、ブロックリスト: {2}）"},
      {"preflight.domains_from_vendors",
       "Reading the domains of {0} account(s) from ESS and the CDN (GETs "
       "only)...",
       "{0} アカウントのドメイン名を ESS と CDN から読み込んでいます（GET "
       "のみ）..."},
      {"preflight.system_dns", "the system's DNS servers",
       "システムのDNSサーバー"},
      {"preflight.none", "none", "なし"},
      {"preflight.customer", "{0} ({1}): {2} -> {3}, maintenance ends {4}",
       "{0} ({1}): {2} → {3}、メンテナンス終了 {4}"},
      {"preflight.domains", "Domains:", "ドメイン名:"},
      {"preflight.more_domains",
       "… and {0} more {1} domain(s) on the same name servers: {2}",
       "… 同じネームサーバーの {1} ドメイン名があと {0} 件: {2}"},
      {"preflight.more_findings",
       "  … and {0} more of the same ({1}): {2} (--json lists them all)",
       "  … 同じ種類（{1}）があと {0} 件: {2}（すべて --json に含まれます）"},
      {"preflight.ns_provider", "Zenlogic name servers ({})",
       "Zenlogic提供のネームサーバー ({})"},
      {"preflight.ns_other", "other name servers ({})",
       "他社ネームサーバー ({})"},
      {"preflight.ns_unknown", "name servers unknown", "ネームサーバー不明"},
      {"preflight.todo.customer",
       "To do - the customer, before the maintenance:",
       "お客様の作業（基盤変更メンテナンスの前に）:"},
      {"preflight.todo.customer.after",
       "To do - the customer, after the maintenance ends ({}):",
       "お客様の作業（基盤変更メンテナンス完了後（{}）に）:"},
      {"preflight.todo.provider", "To ask Zenlogic, before the maintenance:",
       "Zenlogic へのご依頼（基盤変更メンテナンスの前に）:"},
      {"preflight.todo.provider.after",
       "Zenlogic, after the maintenance ends ({}):",
       "Zenlogic の作業（基盤変更メンテナンス完了後（{}））:"},
      {"preflight.todo.blocklist",
       "To ask blocklist operators, before the maintenance:",
       "ブロックリスト運営者へのご依頼（基盤変更メンテナンスの前に）:"},
      {"preflight.errors", "Could not check:", "確認できなかった項目:"},
      {"preflight.notes", "Notes:", "参考:"},
      {"preflight.nothing_to_do", "Nothing to do.",
       "対応が必要な項目はありません。"},
      {"preflight.summary",
       "preflight: {0} customers: {1} need action, {2} could not be fully "
       "checked, {3} with nothing to do ({4} s)",
       "preflight: 顧客 {0} 件 - 対応が必要 {1} 件、確認できなかった項目あり "
       "{2} 件、対応不要 {3} 件（{4} 秒）"},
  };
  return kTable;
}

}  // namespace renumber
