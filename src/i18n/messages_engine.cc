// Messages of the engine and the migration commands. Keys start with
// "engine.". Japanese follows the provider's notice (基盤変更メンテナンス,
// 配送サーバー, オリジンサーバー, 作業代行).
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& EngineMessages() {
  static const std::vector<MessageEntry> kTable = {
      {"engine.locked", "{}",
       "{} (別の renumber が作業中のため、このアカウントには触れていません)"},
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
       "{}: paused until {} ({}): the vendor's write budget resets then; run "
       "the same command again to continue",
       "{}: {} ({}) まで一時停止しています。その時刻にベンダーの書き込み上限が"
       "戻ります。同じコマンドを再実行すると続きから作業します"},
      {"engine.adapter_refused", "{}; nothing was changed",
       "{} (安全のため中止しました。何も変更していません)"},
      {"engine.declined", "not applied: the question was answered no",
       "確認に「いいえ」と回答されたため、適用していません"},
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
      {"report.total_one", "{} account: {}", "{} アカウント: {}"},
      {"status.col.account", "ACCOUNT", "アカウント"},
      {"status.col.phase", "PHASE", "フェーズ"},
      {"status.col.result", "RESULT", "結果"},
      {"status.col.state", "STATE", "状態"},
      {"status.col.when", "WHEN", "日時"},
      {"status.col.error", "LAST ERROR", "直近のエラー"},
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
