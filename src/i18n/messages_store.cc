// Messages of the campaign stores (team mode) and `renumber store`.
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& StoreMessages() {
  static const std::vector<MessageEntry> kTable = {
      {"store.held_none", "No account is being worked on now ({}).",
       "現在作業中のアカウントはありません（{}）。"},
      {"store.held",
       "Being worked on now ({}):", "現在作業中のアカウント ({}):"},
      {"store.held_line", "  {}  {}, connected from {}", "  {}  {}、接続元 {}"},
      {"store.needs_pg",
       "renumber store {} works on a PostgreSQL store: give --store "
       "postgresql://user@host/db or set RENUMBER_STORE (the local state "
       "directory needs no set-up)",
       "renumber store {} は PostgreSQL のストアに対して使います: --store "
       "postgresql://user@host/db を指定するか RENUMBER_STORE "
       "を設定してください "
       "（ローカルの保存先は準備不要です）"},
      {"store.initialized", "{}: initialized, schema version {} ({})",
       "{}: 初期化しました。スキーマのバージョン {} ({})"},
      {"store.already",
       "{}: already initialized, schema version {}; nothing to do",
       "{}: 初期化済みです（スキーマのバージョン {}）。何もしません"},
      {"store.init_older",
       "{}: already initialized at schema version {}, older than {}: run "
       "`renumber store migrate`",
       "{}: スキーマのバージョン {} で初期化済みです（{} より古いバージョン"
       "です）。`renumber store migrate` を実行してください"},
      {"store.migrated", "{}: migrated from schema version {} to {}: {}",
       "{}: スキーマをバージョン {} から {} に更新しました: {}"},
      {"store.current", "{}: schema version {} is current; nothing to do",
       "{}: スキーマのバージョン {} は最新です。何もしません"},
      {"store.status.store", "store: {} (PostgreSQL {})",
       "ストア: {} (PostgreSQL {})"},
      {"store.status.local", "store: the local state directory {} (not shared)",
       "ストア: ローカルの保存先 {}（共有されていません）"},
      {"store.status.schema", "schema: version {} of {}",
       "スキーマ: バージョン {}（最新 {}）"},
      {"store.status.schema_action", "  → {}", "  → {}"},
      {"store.status.connections", "connections ({}):", "接続（{} 件）:"},
      {"store.status.connection", "  pid {}  {}  from {}  since {}  {}  {}",
       "  pid {}  {}  接続元 {}  接続開始 {}  {}  {}"},
      {"store.status.locks", "locks held ({}):", "保持中のロック（{} 件）:"},
      {"store.status.campaigns", "campaigns:", "キャンペーン:"},
      {"store.status.campaign", "  {}: {} accounts ({})",
       "  {}: {} アカウント ({})"},
      {"store.status.no_campaigns", "  none yet", "  まだありません"},
  };
  return kTable;
}

}  // namespace renumber
