// Messages of the vault area. Keys start with "vault.".
// 保管庫 = the credential vault for 作業代行 (proxy work).
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& VaultMessages() {
  static const std::vector<MessageEntry> kTable = {
      {"vault.error", "error: {}", "エラー: {}"},
      {"vault.prompt_unlock",
       "Vault passphrase for {}: ", "認証情報保管庫 {} のパスフレーズ: "},
      {"vault.prompt_retry",
       "Wrong passphrase (recorded in the audit log). Try again ({} tries "
       "left): ",
       "パスフレーズが違います（監査ログに記録しました）。もう一度入力して"
       "ください（残り {} 回）: "},
      {"vault.prompt_new", "New vault passphrase (at least 12 characters): ",
       "新しい保管庫パスフレーズ（12 文字以上）: "},
      {"vault.prompt_confirm",
       "Repeat the new passphrase: ", "確認のためもう一度入力してください: "},
      {"vault.prompt_password", "Console password for {} (input hidden): ",
       "{} の管理画面パスワード（入力は表示されません）: "},
      {"vault.prompt_token", "API token for {} (input hidden): ",
       "{} の API トークン（入力は表示されません）: "},
      {"vault.wrong_passphrase",
       "error: cannot unlock the vault: wrong passphrase, or the vault file "
       "was altered (the attempt was written to the audit log)",
       "エラー: 保管庫を開けません。パスフレーズが違うか、保管庫ファイルが"
       "改変されています（この試行は監査ログに記録されました）"},
      {"vault.initialized",
       "Created the vault {} (scrypt N=2^{}, r={}, p={}; key derivation and "
       "save took {} ms). Audit log: {}",
       "保管庫 {} を作成しました（scrypt N=2^{}, r={}, p={}; 鍵導出と保存に "
       "{} ms）。監査ログ: {}"},
      {"vault.rekeyed",
       "Changed the passphrase of {}; every entry was re-encrypted.",
       "{} のパスフレーズを変更し、すべてのエントリを再暗号化しました。"},
      {"vault.added", "Stored {} (ticket {}); it expires {} ({} days).",
       "{} を保管しました（チケット {}）。有効期限 {}（残り {} 日）。"},
      {"vault.imported",
       "Imported {} account(s) from {} into {}; they expire {}.",
       "{} 件のアカウントを {} から {} に取り込みました。有効期限 {}。"},
      {"vault.delete_file",
       "Now delete the credentials file, e.g.: shred -u '{}' (the vault "
       "holds the only copy needed for the proxy work).",
       "認証情報ファイルを今すぐ削除してください（例: shred -u '{}'）。"
       "作業代行に必要な情報は保管庫にあります。"},
      {"vault.expired_mark", "expired", "期限切れ"},
      {"vault.list_empty", "The vault {} holds no entries.",
       "保管庫 {} にエントリはありません。"},
      {"vault.list_count", "{} entries in {}.", "{} 件（{}）"},
      {"vault.list_count_one", "1 entry in {}.", "1 件（{}）"},
      {"vault.col_customer", "customer", "お客様"},
      {"vault.col_service", "service", "サービス"},
      {"vault.col_api_base", "api_base", "API のアドレス"},
      {"vault.col_ticket", "ticket", "チケット"},
      {"vault.col_expires", "expires", "有効期限"},
      {"vault.col_days_left", "days left", "残り日数"},
      {"vault.col_time", "time", "日時"},
      {"vault.col_who", "who", "作業者"},
      {"vault.col_action", "action", "操作"},
      {"vault.col_entry", "entry", "エントリ"},
      {"vault.col_result", "result", "結果"},
      {"vault.col_detail", "detail", "詳細"},
      {"vault.reveal_needs_ticket",
       "show --reveal needs --ticket: the reason is written to the audit log "
       "before the secret is shown",
       "show --reveal には --ticket が必要です（秘密情報を表示する前に理由を"
       "監査ログに記録します）"},
      {"vault.revealed", "Revealed the secret of {} (ticket {}); audited.",
       "{} の秘密情報を表示しました（チケット {}）。監査ログに記録済みです。"},
      {"vault.removed", "Removed {} from {}.", "{} を {} から削除しました。"},
      {"vault.purge_all_needs_yes",
       "purge --all deletes every customer's login; add --yes to confirm "
       "(nothing was changed)",
       "purge --all はすべてのお客様のログイン情報を削除します。確認のため "
       "--yes を付けてください（何も変更していません）"},
      {"vault.purged_none", "Nothing to purge in {}.",
       "{} に削除対象のエントリはありません。"},
      {"vault.purged", "Purged {} entries: {}",
       "{} 件のエントリを削除しました: {}"},
      {"vault.purged_one", "Purged 1 entry: {}",
       "1 件のエントリを削除しました: {}"},
      {"vault.purged_more", "{} … and {} more (each one is in the audit log)",
       "{} … ほか {} 件（すべて監査ログに記録されています）"},
      {"vault.audit_empty", "The audit log {} is empty or missing.",
       "監査ログ {} は空か、存在しません。"},
      {"vault.audit_broken", "Audit log {}: record {} is broken: {}",
       "監査ログ {}: レコード {} が壊れています: {}"},
      {"vault.audit_ok",
       "Audit log {}: {} record(s), intact: every record's MAC and the hash "
       "chain verify, and the log is as long as the vault recorded.",
       "監査ログ {}: {} 件、改ざんはありません（全レコードの MAC とハッシュ"
       "チェーンが正しく、ログの長さも保管庫の記録と一致しています）。"},
      {"vault.audit_unverified",
       "Audit log {}: UNVERIFIED. {} record(s) chained and in place, but {} "
       "of them (line(s) {}) carry no MAC: \"failed unlock\" records, which "
       "anyone able to write the log could have written.",
       "監査ログ {}: 未検証。{} 件はチェーンどおりですが、うち {} 件（行 {}） "
       "には MAC がありません: ロック解除失敗の記録で、ログに書き込める者なら"
       "誰でも書けるものです。"},
      {"vault.audit_not_anchored",
       "This vault was written before it recorded its audit log's length; "
       "the next change or use records it.",
       "この保管庫は監査ログの長さを記録する前の版で作られました。次の変更"
       "または使用の際に記録されます。"},
  };
  return kTable;
}

}  // namespace renumber
