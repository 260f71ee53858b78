// Messages of the command line itself (help, global errors, exit codes).
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& CliMessages() {
  static const std::vector<MessageEntry> kTable = {
      {"cli.warning", "warning: {}", "警告: {}"},
      {"cli.error", "error: {}", "エラー: {}"},
      {"cli.bad_option", "error: {} (see renumber --help)",
       "エラー: {} (renumber --help を参照してください)"},
      {"progress.line", "{} {}/{}  failed {}  remaining {}  ETA {}",
       "{} {}/{}  失敗 {}  残り {}  残り時間 {}"},
      {"progress.slowest", "{} {} ({} s)", "{} {} ({} 秒)"},
      {"cli.no_terminal",
       "refusing to write without a terminal to ask on; pass --yes to apply "
       "(nothing was changed)",
       "確認できる端末がないため書き込みを中止しました。適用するには --yes "
       "を指定してください (何も変更していません)"},
      {"cli.confirm_one", "Apply these {} changes to {} account? [y/N]",
       "上記 {} 件の変更を {} アカウントに適用しますか? [y/N]"},
      {"cli.confirm", "Apply these {} changes to {} accounts? [y/N]",
       "上記 {} 件の変更を {} アカウントに適用しますか? [y/N]"},
      {"cli.answer_yes", "'{}' understood as yes: applying.",
       "「{}」を「はい」と受け取りました。適用します。"},
      {"cli.answer_none",
       "No answer: nothing is changed (y, yes or はい apply).",
       "回答がないため、何も変更しません (適用するには y、yes または はい "
       "と入力してください)。"},
      {"cli.answer_no",
       "'{}' understood as no: nothing is changed (y, yes or はい apply).",
       "「{}」を「いいえ」と受け取りました。何も変更しません (適用するには "
       "y、yes または はい と入力してください)。"},
      {"demo.intro",
       "renumber demo: {} simulated customers; ESS simulator at {}, CDN "
       "simulator at {}; plan, credentials and journal in {}",
       "renumber デモ: 模擬顧客 {} 件。ESS シミュレーター {}、CDN "
       "シミュレーター {}。"
       "計画・認証情報・ジャーナルの保存先 {}"},
      {"demo.dns",
       "DNS simulator at {} (the customers' zones, for preflight; some "
       "findings are expected)",
       "DNS シミュレーター {} (顧客のDNSゾーン。preflight "
       "用で、対応が必要な項目が出るのは想定どおりです)"},
      {"demo.step", "step {}/{}", "ステップ {}/{}"},
      {"demo.maintenance",
       "== the platform maintenance ends at {}: the old servers stop, the "
       "new ones come back one by one (until then they answer a "
       "placeholder page) ==",
       "== 基盤変更メンテナンスは {} に終了します。旧サーバーは停止し、"
       "新サーバーが順に稼働します(それまでは準備中のページを返します) =="},
      {"demo.step_failed", "this step ended with exit code {}; stopping",
       "このステップは終了コード {} で終わりました。デモを中止します"},
      {"demo.done",
       "demo finished: every account is as expected ({} ESS writes, {} CDN "
       "writes). Files: {}",
       "デモ完了: すべてのアカウントが想定どおりの状態です (ESS 書き込み {} "
       "件、CDN 書き込み {} 件)。ファイル: {}"},
      {"demo.done_removed",
       "demo finished: every account is as expected ({} ESS writes, {} CDN "
       "writes). Its temporary files were removed (--keep keeps them).",
       "デモ完了: すべてのアカウントが想定どおりの状態です (ESS 書き込み {} "
       "件、CDN 書き込み {} 件)。一時ファイルは削除しました (--keep "
       "で残せます)。"},
      {"demo.failed",
       "demo failed ({} ESS writes, {} CDN writes). Files kept in {}",
       "デモ失敗 (ESS 書き込み {} 件、CDN 書き込み {} 件)。ファイルは {} "
       "に残しました"},
  };
  return kTable;
}

}  // namespace renumber
