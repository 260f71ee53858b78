// Messages of the command line itself (help, global errors, exit codes).
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& CliMessages() {
  static const std::vector<MessageEntry> kTable = {
      {"cli.warning", "warning: {}", "警告: {}"},
      {"cli.error", "error: {}", "エラー: {}"},
      {"cli.not_a_command",
       "'{}' is not a renumber command; did you mean '{}'? (see renumber "
       "--help)",
       "'{}' は renumber のコマンドではありません。'{}' のことですか?"
       "（renumber --help を参照してください）"},
      // renumber(1), generated from the command line (src/cli/man_page.cc).
      {"man.manual", "User Commands", "ユーザーコマンド"},
      {"man.name", "NAME", "名前"},
      {"man.summary",
       "move ESS delivery servers and CDN origin servers to a new server IP",
       "ESS の配送サーバーと CDN のオリジンサーバーを新しいサーバー IP "
       "アドレスへ移します"},
      {"man.synopsis", "SYNOPSIS", "書式"},
      {"man.global_options", "global options", "全体のオプション"},
      {"man.command", "command", "コマンド"},
      {"man.options", "options", "オプション"},
      {"man.description", "DESCRIPTION", "説明"},
      {"man.more",
       "Every command below also takes -h, --help. The runbooks for support "
       "staff, customers and scheduled jobs are in "
       "/usr/share/doc/renumber/runbooks/.",
       "以下のどのコマンドも -h、--help で説明を表示します。サポート担当者・"
       "お客様・定期実行向けの手順書は /usr/share/doc/renumber/runbooks/ に"
       "あります。"},
      {"man.global_options_head", "GLOBAL OPTIONS", "全体のオプション"},
      {"man.commands", "COMMANDS", "コマンド"},
      {"man.flow", "FLOW AND EXAMPLES", "作業の流れと例"},
      {"man.exit_status", "EXIT STATUS", "終了ステータス"},
      {"man.exit.0", "done, or in the expected state",
       "完了、または想定どおりの状態です"},
      {"man.exit.1", "at least one account failed",
       "少なくとも 1 つのアカウントで失敗しました"},
      {"man.exit.2", "bad input; nothing was changed",
       "入力に誤りがあります。何も変更していません"},
      {"man.exit.3",
       "verify, plan, status or report found accounts not in "
       "the expected state",
       "verify・plan・status・report で想定と異なる状態のアカウントが"
       "見つかりました"},
      {"man.exit.4", "refused by a safety gate; nothing was changed",
       "安全確認により中止しました。何も変更していません"},
      {"man.environment", "ENVIRONMENT", "環境変数"},
      {"man.env.LANG",
       "ja_JP.UTF-8 (or LC_ALL, LC_MESSAGES) shows messages in Japanese; "
       "--lang overrides it.",
       "ja_JP.UTF-8（または LC_ALL、LC_MESSAGES）でメッセージを日本語で表示"
       "します。--lang が優先します。"},
      {"man.env.XDG_STATE_HOME",
       "The default state directory is $XDG_STATE_HOME/renumber.",
       "既定の保存先は $XDG_STATE_HOME/renumber です。"},
      {"man.env.HOME",
       "Without XDG_STATE_HOME, the state directory is "
       "$HOME/.local/state/renumber.",
       "XDG_STATE_HOME がない場合の保存先は $HOME/.local/state/renumber "
       "です。"},
      {"man.files", "FILES", "ファイル"},
      {"man.files_text",
       "STATE/journal/CAMPAIGN.journal: the append-only journal of every "
       "change. STATE/locks/: one lock per account. STATE/vault.bin and "
       "STATE/vault.audit.jsonl: the credential vault and its audit log.",
       "STATE/journal/CAMPAIGN.journal: すべての変更を追記する記録"
       "（ジャーナル）です。STATE/locks/: アカウントごとのロックです。"
       "STATE/vault.bin と STATE/vault.audit.jsonl: 認証情報の保管庫と"
       "その監査ログです。"},
      {"man.see_also", "SEE ALSO", "関連項目"},
      {"man.see_also_text",
       "/usr/share/doc/renumber/runbooks/README.md, "
       "/usr/share/doc/renumber/credentials-template/README.md, "
       "systemctl(1) for renumber-verify.timer.",
       "/usr/share/doc/renumber/runbooks/README.md、"
       "/usr/share/doc/renumber/credentials-template/README.ja.md、"
       "renumber-verify.timer については systemctl（1）。"},
      {"help.label.Usage", "Usage", "使い方"},
      {"help.label.OPTIONS", "OPTIONS", "オプション"},
      {"help.label.SUBCOMMAND", "SUBCOMMAND", "コマンド"},
      {"help.label.SUBCOMMANDS", "SUBCOMMANDS", "コマンド"},
      {"help.label.REQUIRED", "REQUIRED", "（必須）"},
      {"help.label.Positionals", "Positionals", "引数"},
      {"help.label.Needs", "Needs", "必要なオプション"},
      {"help.label.Excludes", "Excludes", "同時に使えないオプション"},
      {"help.label.Env", "Env", "環境変数"},
      {"help.label.TEXT", "TEXT", "文字列"},
      {"help.label.INT", "INT", "整数"},
      {"help.label.UINT", "UINT", "整数"},
      {"help.label.FLOAT", "FLOAT", "数値"},
      {"help.label.BOOLEAN", "BOOLEAN", "真偽値"},
      {"help.error.extras", "unexpected argument: {}",
       "使えない引数があります: {}"},
      {"help.error.required", "missing: {}", "必要な指定がありません: {}"},
      {"help.error.mismatch", "wrong number of values: {}",
       "値の数が正しくありません: {}"},
      {"help.error.conversion", "not a valid value: {}",
       "値を読み取れません: {}"},
      {"help.error.validation", "not a valid value: {}",
       "値が正しくありません: {}"},
      {"help.error.excludes", "options that do not go together: {}",
       "同時に指定できないオプションがあります: {}"},
      {"help.error.requires", "an option needs another: {}",
       "ほかのオプションと一緒に指定する必要があります: {}"},
      {"help.error.invalid", "cannot read the command line: {}",
       "コマンドラインを読み取れません: {}"},
      {"help.error.other", "cannot read the command line: {}",
       "コマンドラインを読み取れません: {}"},
      {"cli.bad_option", "error: {} (see renumber --help)",
       "エラー: {}（renumber --help を参照してください）"},
      {"progress.line", "{} {}/{}  failed {}  remaining {}  ETA {}",
       "{} {}/{}  失敗 {}  残り {}  残り時間 {}"},
      {"progress.slowest", "{} {} ({} s)", "{} {}（{} 秒）"},
      {"cli.no_terminal",
       "refusing to write without a terminal to ask on; pass --yes to apply "
       "(nothing was changed)",
       "確認できる端末がないため書き込みを中止しました。適用するには --yes "
       "を指定してください（何も変更していません）"},
      {"cli.confirm_one", "Apply these {} changes to {} account? [y/N]",
       "上記 {} 件の変更を {} アカウントに適用しますか? [y/N]"},
      {"cli.confirm", "Apply these {} changes to {} accounts? [y/N]",
       "上記 {} 件の変更を {} アカウントに適用しますか? [y/N]"},
      {"cli.answer_yes", "'{}' understood as yes: applying.",
       "「{}」を「はい」と受け取りました。適用します。"},
      {"cli.answer_none",
       "No answer: nothing is changed（y, yes or はい apply）.",
       "回答がないため、何も変更しません（適用するには y、yes または はい "
       "と入力してください）。"},
      {"cli.answer_no",
       "'{}' understood as no: nothing is changed（y, yes or はい apply）.",
       "「{}」を「いいえ」と受け取りました。何も変更しません（適用するには "
       "y、yes または はい と入力してください）。"},
      {"demo.intro",
       "renumber demo: {} simulated customers; {}; plan, credentials and "
       "journal in {}",
       "renumber デモ: 模擬顧客 {} 件。{}。計画・認証情報・ジャーナルの保存先 "
       "{}"},
      // One per vendor simulator, joined into demo.intro's second {}.
      {"demo.sim_at", "{} simulator at {}", "{}シミュレーター {}"},
      {"demo.sim_join", ", ", "、"},
      {"demo.dns",
       "DNS simulator at {} (the customers' zones, for preflight; some "
       "findings are expected)",
       "DNS シミュレーター {}（顧客のDNSゾーン。preflight "
       "用で、対応が必要な項目が出るのは想定どおりです）"},
      {"demo.step", "step {}/{}", "ステップ {}/{}"},
      {"demo.maintenance",
       "== the platform maintenance ends at {}: the old servers stop, the "
       "new ones come back one by one (until then they answer a "
       "placeholder page) ==",
       "== 基盤変更メンテナンスは {} に終了します。旧サーバーは停止し、"
       "新サーバーが順に稼働します（それまでは準備中のページを返します） =="},
      {"demo.step_failed", "this step ended with exit code {}; stopping",
       "このステップは終了コード {} で終わりました。デモを中止します"},
      // demo.writes, one per vendor simulator (joined with demo.sim_join),
      // is the {} in parentheses of the three below.
      {"demo.writes", "{0} writes to {1}", "{1}への書き込み {0} 件"},
      {"demo.done",
       "demo finished: every account is as expected ({}). Files: {}",
       "デモ完了: すべてのアカウントが想定どおりの状態です（{}）。ファイル: "
       "{}"},
      {"demo.done_removed",
       "demo finished: every account is as expected ({}). Its temporary "
       "files were removed (--keep keeps them).",
       "デモ完了: すべてのアカウントが想定どおりの状態です（{}）。"
       "一時ファイルは削除しました（--keep で残せます）。"},
      {"demo.failed", "demo failed ({}). Files kept in {}",
       "デモ失敗（{}）。ファイルは {} に残しました"},
  };
  return kTable;
}

}  // namespace renumber
