// The --help texts in Japanese, by their English text as declared next to
// each option (src/cli/cmd_*.cc, src/vault/cmd_*.cc, src/sim/cmd_sim.cc,
// and CLI11's own help and version flags). src/cli/help_i18n_test.cc
// fails when a text that --help shows is missing here, so a new option
// cannot ship without its Japanese.
#include <map>

#include "src/i18n/messages.h"

namespace renumber {

const std::vector<HelpEntry>& HelpTexts() {
  static const std::vector<HelpEntry> kTable = {
      {"Flow per account:\n"
       "  plan (read-only) -> prepare (add new next to old) -> verify\n"
       "  -> cutover (after maintenance_end: promote new, remove old) -> "
       "verify\n"
       "  rollback --phase prepare|cutover undoes a phase from the journal.\n"
       "\n"
       "Examples:\n"
       "  renumber demo                          run the whole flow on "
       "built-in simulators\n"
       "  renumber sim --seed 50                 serve simulated ESS and CDN "
       "APIs\n"
       "  renumber plan --plan plan.csv --credentials creds.json\n"
       "  renumber prepare --plan plan.csv --yes\n"
       "  renumber verify --plan plan.csv --expect prepared --format json\n"
       "  renumber cutover --plan plan.csv\n"
       "  renumber rollback --plan plan.csv --phase cutover\n"
       "  renumber status\n"
       "  renumber preflight --plan plan.csv        (the customers' DNS)\n"
       "  renumber vault list\n"
       "\n"
       "Exit codes:\n"
       "  0  done, or in the expected state\n"
       "  1  at least one account failed\n"
       "  2  bad input; nothing was changed\n"
       "  3  verify or plan found accounts not in the expected state;\n"
       "     preflight found something to do\n"
       "  4  refused by a safety gate; nothing was changed\n"
       "\n"
       "Run 'renumber COMMAND --help' for a command's options.",
       "アカウントごとの流れ:\n"
       "  plan（読み取りのみ）→ prepare（旧 IP の隣に新 IP を追加）→ verify\n"
       "  → cutover（maintenance_end の後: 新 IP を昇格し、旧 IP を削除）→ "
       "verify\n"
       "  rollback --phase prepare|cutover "
       "でジャーナルから工程を切り戻します。\n"
       "\n"
       "例:\n"
       "  renumber demo                          "
       "付属のシミュレーターで全体の流れを実行\n"
       "  renumber sim --seed 50                 ESS と CDN の API "
       "のシミュレーターを起動\n"
       "  renumber plan --plan plan.csv --credentials creds.json\n"
       "  renumber prepare --plan plan.csv --yes\n"
       "  renumber verify --plan plan.csv --expect prepared --format json\n"
       "  renumber cutover --plan plan.csv\n"
       "  renumber rollback --plan plan.csv --phase cutover\n"
       "  renumber status\n"
       "  renumber preflight --plan plan.csv        （お客様の DNS）\n"
       "  renumber vault list\n"
       "\n"
       "終了コード:\n"
       "  0  完了、または想定どおりの状態です\n"
       "  1  少なくとも 1 つのアカウントで失敗しました\n"
       "  2  入力に誤りがあります。何も変更していません\n"
       "  3  verify または plan "
       "で想定と異なる状態のアカウントが見つかりました。\n"
       "     preflight で対応が必要な項目が見つかりました\n"
       "  4  安全確認により中止しました。何も変更していません\n"
       "\n"
       "各コマンドのオプションは 'renumber コマンド --help' で表示できます。"},
      {"renumber moves Email Security.cloud delivery servers (配送サーバー) "
       "and ZenlogicCDN origin servers (オリジンサーバー) from a server's "
       "old "
       "IP to its new IP around the 基盤変更メンテナンス, without a lost mail "
       "or a failed page view.",
       "renumber は、基盤変更メンテナンスに合わせて、Email Security.cloud "
       "の配送サーバーと ZenlogicCDN "
       "のオリジンサーバーに設定されたサーバーの旧 IP アドレスを新しい IP "
       "アドレスへ移します。メールの取りこぼしやページの表示エラーを起こしませ"
       "ん。"},
      {"trace|debug|info|warn|error|off (default warn)",
       "trace|debug|info|warn|error|off（既定は warn）"},
      {"text|json", "text|json（ログの形式）"},
      {"en|ja for messages (default from LANG)",
       "en|ja（メッセージの言語。既定は LANG から判断）"},
      {"apply without asking", "確認せずに適用します"},
      {"show what would change; write nothing",
       "変更内容を表示するだけで、何も書き込みません"},
      {"seconds to wait for another run holding an account",
       "別の実行がアカウントを使用中のときに待つ秒数"},
      {"cut over before maintenance_end (recorded in the journal); only with a "
       "lead's approval, see the runbook",
       "maintenance_end "
       "より前に切替を行います（ジャーナルに記録されます）。責任者の承認がある"
       "場合だけ使ってください（手順書を参照）"},
      {"prepare|cutover", "prepare|cutover（切り戻す工程）"},
      {"roll back even if someone changed the account after us",
       "ほかの人がその後にアカウントを変更していても切り戻します"},
      {"not-started|prepared|cut-over, several comma-separated, or auto "
       "(prepared before each account's maintenance_end, cut-over after it): "
       "exit 3 otherwise",
       "not-started|prepared|cut-over（カンマ区切りで複数可）、または "
       "auto（各アカウントの maintenance_end より前は prepared、後は "
       "cut-over）。違う状態なら終了コード 3"},
      {"with --expect auto: how long after maintenance_end a prepared account "
       "is still only a warning (default 1h)",
       "--expect auto と一緒に: maintenance_end "
       "の後、事前設定済みのアカウントを警告にとどめる時間（既定は 1h）"},
      {"text|json|nagios|prometheus: json on stdout; nagios: a plugin's status "
       "line, perfdata and exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); "
       "prometheus: the text-exposition format",
       "text|json|nagios|prometheus: json は標準出力に JSON、nagios "
       "は監視プラグインの状態行・パフォーマンスデータ・終了コード（0 OK、1 "
       "WARNING、2 CRITICAL、3 UNKNOWN）、prometheus "
       "はテキスト形式のメトリクス"},
      {"with --format prometheus: write the file atomically here "
       "(node_exporter's textfile collector directory)",
       "--format prometheus と一緒に: "
       "このファイルに不可分に書き出します（node_exporter の textfile "
       "collector のディレクトリ）"},
      {"send no request but GETs: report the vendors' last check results "
       "instead of asking ESS to run its delivery check (for monitoring; a "
       "read-only CDN token is enough, ESS answers only administrators)",
       "GET 以外のリクエストを送りません。ESS "
       "に配送チェックを依頼せず、各サービスが記録している最後の確認結果を表示"
       "します（監視用。CDN は読み取り専用のトークンで足りますが、ESS "
       "は管理者にしか応答しません）"},
      {"From the journal (no vendor call): per account, the last phase, its "
       "result and state, who last changed it, the last error, and when. Exit "
       "3 when an account was interrupted, failed or refused.",
       "ジャーナルから（サービスへの問い合わせなしで）、アカウントごとに最後の"
       "工程、その結果と状態、最後に変更した人、直近のエラー、日時を表示します"
       "。中断・失敗・中止のアカウントがあれば終了コード 3 です。"},
      {"Examples:\n"
       "  renumber status\n"
       "  renumber status --plan plan.csv      (every account of the batch, "
       "never-run ones too)\n"
       "  renumber status --campaign plan-2026-12 --format json\n"
       "  renumber status --store postgresql://renumber@db.example/renumber\n"
       "      (team mode: every operator's records, and who holds which "
       "account now)\n",
       "例:\n"
       "  renumber status\n"
       "  renumber status --plan plan.csv      "
       "（作業対象のすべてのアカウント。未実施のものも含む）\n"
       "  renumber status --campaign plan-2026-12 --format json\n"
       "  renumber status --store postgresql://renumber@db.example/renumber\n"
       "      （チームでの作業: "
       "すべての担当者の記録と、現在どのアカウントを誰が使用中か）\n"},
      {"state directory (default $XDG_STATE_HOME/renumber)",
       "保存先ディレクトリ（既定は $XDG_STATE_HOME/renumber）"},
      {"only this campaign", "この作業（キャンペーン）だけ"},
      {"show every account of this plan, in its order, including those no run "
       "has reached (not-run)",
       "この計画ファイルのすべてのアカウントを順に表示します（まだ実施していな"
       "いもの（not-run）も含む）"},
      {"one JSON document on stdout", "標準出力に JSON を 1 つ出力します"},
      {"text|json (json: as --json)", "text|json（json は --json と同じ）"},
      {"plan CSV: customer,service,old_ip,new_ip,maintenance_end,ticket",
       "計画ファイル（CSV）: "
       "customer,service,old_ip,new_ip,maintenance_end,ticket"},
      {"only these accounts of the plan: C-10001 or C-10001/ess (repeatable)",
       "計画ファイルのうちこのアカウントだけ: C-10001 または "
       "C-10001/ess（複数回指定可）"},
      {"one account: ess|cdn", "1 アカウント分: ess|cdn"},
      {"one account: customer id", "1 アカウント分: お客様 ID"},
      {"one account: the old server IP",
       "1 アカウント分: サーバーの旧 IP アドレス"},
      {"one account: the new server IP",
       "1 アカウント分: サーバーの新しい IP アドレス"},
      {"one account: RFC 3339 end of the maintenance (required by cutover; "
       "otherwise default now)",
       "1 アカウント分: メンテナンス終了日時（RFC 3339。cutover "
       "では必須、それ以外の既定は現在時刻）"},
      {"ticket id written to notes", "設定の備考に書き込むチケット番号"},
      {"allow IPv4 <-> IPv6 moves", "IPv4 と IPv6 の間の移行を許可します"},
      {"credentials JSON (0600); default: the vault",
       "認証情報の JSON ファイル（モード 0600）。既定は保管庫"},
      {"extra CA (PEM) to trust; verification is always on",
       "追加で信頼する認証局（PEM）。証明書の検証は常に行います"},
      {"hosts(5)-format file consulted before DNS when looking for host names "
       "that point at the old IP",
       "旧 IP を指すホスト名を探すとき、DNS より先に参照する hosts(5) "
       "形式のファイル"},
      {"accounts in parallel (default 8)",
       "並行して処理するアカウント数（既定は 8）"},
      {"one JSON document on stdout; human output on stderr",
       "標準出力に JSON を 1 "
       "つ出力します。人が読む出力は標準エラー出力に出ます"},
      {"journal, locks, vault (default $XDG_STATE_HOME/renumber)",
       "ジャーナル・ロック・保管庫の保存先（既定は $XDG_STATE_HOME/renumber）"},
      {"name recorded in the journal (default: OS user)",
       "ジャーナルに記録する担当者名（既定は OS のユーザー名）"},
      {"journal name (default: the plan file's name)",
       "ジャーナルの名前（既定は計画ファイルの名前）"},
      {"also append the output, with times, to FILE (0600): a session record "
       "without tee",
       "出力を時刻付きで FILE（モード 0600）にも追記します。tee "
       "を使わずに作業記録を残せます"},
      {"Read-only: per account, what references the old IP (including "
       "dns-dependent and CIDR notes) and what prepare and cutover would "
       "change.",
       "読み取りのみ: アカウントごとに、旧 IP を参照している設定（DNS "
       "に依存するものや CIDR の注記を含む）と、prepare と cutover "
       "で行う変更を表示します。"},
      {"Examples:\n"
       "  renumber plan --plan plan.csv --credentials creds.json\n"
       "  renumber plan --plan plan.csv --preflight --dnsbl bl.example.org   "
       "(and the customers' DNS)\n"
       "  renumber plan --service ess --customer C-10001 --old-ip 203.0.113.10 "
       "--new-ip 198.51.100.20 --credentials creds.json --json\n",
       "例:\n"
       "  renumber plan --plan plan.csv --credentials creds.json\n"
       "  renumber plan --plan plan.csv --preflight --dnsbl bl.example.org   "
       "（お客様の DNS も確認）\n"
       "  renumber plan --service ess --customer C-10001 --old-ip 203.0.113.10 "
       "--new-ip 198.51.100.20 --credentials creds.json --json\n"},
      {"Before the maintenance: ESS — add the new IP as a failover next to the "
       "old one; CDN — stage, per service, an inactive version with the origin "
       "servers at the new IP (nothing live changes) and record what the old "
       "origin answers. Shows the plan and asks once; --yes skips the "
       "question.",
       "基盤変更メンテナンスの前に行います。ESS は旧 IP の隣に新 IP "
       "をフェイルオーバーの配送サーバーとして追加し、CDN "
       "はサービスごとに、オリジンサーバーを新 IP "
       "にした切替用バージョンを無効のまま作成して（公開中の設定は変わりません"
       "）、旧オリジンサーバーの応答を記録します。計画を表示して一度だけ確認し"
       "ます。--yes で確認を省略できます。"},
      {"Examples:\n"
       "  renumber prepare --plan plan.csv --credentials creds.json\n"
       "  renumber prepare --plan plan.csv --yes --jobs 16   (vault "
       "credentials)\n"
       "  renumber prepare --plan plan.csv --dry-run\n",
       "例:\n"
       "  renumber prepare --plan plan.csv --credentials creds.json\n"
       "  renumber prepare --plan plan.csv --yes --jobs 16   "
       "（保管庫の認証情報を使用）\n"
       "  renumber prepare --plan plan.csv --dry-run\n"},
      {"Read back every account, run the vendor checks and classify it "
       "(not-started, prepared, cut-over, partial, missing). Exit 3 when an "
       "account is not in the expected state. ESS: a new route whose last PASS "
       "is missing or over 24 hours old gets a fresh delivery check (POST "
       ".../check: records a check, changes no setting) unless --read-only.",
       "すべてのアカウントを読み直し、サービス側の確認を行って状態（not-"
       "started、prepared、cut-"
       "over、partial、missing）を判定します。想定した状態でないアカウントがあ"
       "れば終了コード 3 です。ESS では、新しい配送サーバーの最後の PASS "
       "がないか 24 時間より古いと、新たに配送チェックを依頼します（POST "
       ".../check: チェックを記録するだけで設定は変更しません）。--read-only "
       "のときは依頼しません。"},
      {"Examples:\n"
       "  renumber verify --plan plan.csv --expect prepared\n"
       "  (CDN: also probes the old and new origin servers and records what "
       "the old one answers, for the cutover gate)\n"
       "  renumber verify --plan plan.csv --expect cut-over --format json\n"
       "  renumber verify --plan plan.csv --expect auto --read-only --format "
       "nagios   (monitoring)\n"
       "  renumber verify --plan plan.csv --expect auto --read-only --format "
       "prometheus \\\n"
       "      --output /var/lib/prometheus/node-exporter/renumber.prom\n",
       "例:\n"
       "  renumber verify --plan plan.csv --expect prepared\n"
       "  （CDN "
       "では旧と新のオリジンサーバーも確認し、切替の可否の判定に使うため、旧オ"
       "リジンサーバーの応答を記録します）\n"
       "  renumber verify --plan plan.csv --expect cut-over --format json\n"
       "  renumber verify --plan plan.csv --expect auto --read-only --format "
       "nagios   （監視）\n"
       "  renumber verify --plan plan.csv --expect auto --read-only --format "
       "prometheus \\\n"
       "      --output /var/lib/prometheus/node-exporter/renumber.prom\n"},
      {"After the maintenance: ESS — promote the new IP and remove the old "
       "one; CDN — activate each service's staged version in one switch, as "
       "soon as its new origin answers for the site (not with a placeholder). "
       "Refused before maintenance_end (--ignore-window overrides; journaled) "
       "and for accounts whose new side does not verify; --wait-ready keeps "
       "polling and switches each service when it is ready.",
       "基盤変更メンテナンスの後に行います。ESS は新 IP を昇格して旧 IP "
       "を削除し、CDN "
       "は新しいオリジンサーバーがサイトの内容を返すようになり次第（準備中のペ"
       "ージではなく）、サービスごとに切替用バージョンを一度の操作で有効化しま"
       "す。maintenance_end より前は行いません（--ignore-window "
       "で上書きでき、ジャーナルに記録されます）。新 IP "
       "側の確認が取れないアカウントも行いません。--wait-ready "
       "を付けると確認を繰り返し、準備ができたサービスから切り替えます。"},
      {"Examples:\n"
       "  renumber cutover --plan plan.csv --dry-run     (preview, any time)\n"
       "  renumber cutover --plan plan.csv               (after "
       "maintenance_end; asks once)\n"
       "  renumber cutover --plan plan.csv --only C-10001\n"
       "  renumber cutover --plan plan.csv --yes --wait-ready 30m\n"
       "  renumber cutover --plan plan.csv --yes --check-path /health "
       "--check-text OK\n",
       "例:\n"
       "  renumber cutover --plan plan.csv --dry-run     "
       "（事前確認。いつでも実行可）\n"
       "  renumber cutover --plan plan.csv               （maintenance_end "
       "の後。一度だけ確認）\n"
       "  renumber cutover --plan plan.csv --only C-10001\n"
       "  renumber cutover --plan plan.csv --yes --wait-ready 30m\n"
       "  renumber cutover --plan plan.csv --yes --check-path /health "
       "--check-text OK\n"},
      {"Undo a phase from the journal: --phase prepare removes what prepare "
       "added (CDN: the staged version is marked abandoned; nothing live "
       "changed); --phase cutover puts the old IP back in its role (CDN: the "
       "version active before the switch is activated again).",
       "ジャーナルから工程を切り戻します: --phase prepare "
       "は事前設定で追加したものを削除し（CDN "
       "では切替用バージョンを破棄済みにします。公開中の設定は変わっていません"
       "）、--phase cutover は旧 IP を元の役割に戻します（CDN "
       "では切替前に有効だったバージョンを再び有効化します）。"},
      {"Examples:\n"
       "  renumber rollback --plan plan.csv --phase cutover\n"
       "  renumber rollback --plan plan.csv --phase prepare --yes\n",
       "例:\n"
       "  renumber rollback --plan plan.csv --phase cutover\n"
       "  renumber rollback --plan plan.csv --phase prepare --yes\n"},
      {"The campaign report from the journal: per customer and service the "
       "phase, result and state, the last change and who made it, checks, DNS "
       "work and hidden origins left to the customer; totals; a reply per "
       "customer in Japanese and English. HTML adds a chart of accounts by "
       "state over time (one self-contained file). --live runs a read-only "
       "verify first. Exit 3 when an account needs attention.",
       "ジャーナルから作業報告を作成します: "
       "お客様とサービスごとの工程・結果・状態、最後の変更とその担当者、確認結"
       "果、お客様に残る DNS "
       "の作業と隠れたオリジン、集計、お客様ごとの日本語・英語のご報告文。HTML "
       "では状態別アカウント数の推移のグラフも入ります（1 "
       "つのファイルで完結）。--live "
       "を付けると先に読み取り専用の確認を行います。要確認のアカウントがあれば"
       "終了コード 3 です。"},
      {"Examples:\n"
       "  renumber report --plan plan.csv                       (Markdown on "
       "stdout)\n"
       "  renumber report --plan plan.csv --format html --output report.html\n"
       "  renumber report --plan plan.csv --live --format html --output "
       "report.html\n"
       "  renumber report --campaign plan-2026-12 --format json\n"
       "  renumber report --plan plan.csv --store "
       "postgresql://renumber@db.example/renumber   (the team's store)\n"
       "  renumber --lang ja report --plan plan.csv --format html --output "
       "report.ja.html\n",
       "例:\n"
       "  renumber report --plan plan.csv                       （標準出力に "
       "Markdown）\n"
       "  renumber report --plan plan.csv --format html --output report.html\n"
       "  renumber report --plan plan.csv --live --format html --output "
       "report.html\n"
       "  renumber report --campaign plan-2026-12 --format json\n"
       "  renumber report --plan plan.csv --store "
       "postgresql://renumber@db.example/renumber   "
       "（チームで共有するストア）\n"
       "  renumber --lang ja report --plan plan.csv --format html --output "
       "report.ja.html\n"},
      {"md|html|json (default md): html is one self-contained page with the "
       "chart",
       "md|html|json（既定は md）。html はグラフ付きの 1 ページで完結します"},
      {"write the report to FILE (atomically, mode 0600) instead of stdout",
       "報告を標準出力ではなく FILE に書き出します（不可分に、モード 0600）"},
      {"every account of this plan, in its order, never-run ones too; the "
       "campaign defaults to the plan file's name",
       "この計画ファイルのすべてのアカウントを順に載せます（未実施のものも含む"
       "）。作業名の既定は計画ファイルの名前"},
      {"the journal to read (default: the plan file's name; without --plan, "
       "every campaign)",
       "読むジャーナル（既定は計画ファイルの名前。--plan "
       "がなければすべての作業）"},
      {"first run a read-only verify of the plan's accounts (GETs only, as "
       "verify --read-only --expect auto): the state now, checks and "
       "monitoring's verdict",
       "先に計画ファイルのアカウントを読み取り専用で確認します（GET "
       "のみ。verify --read-only --expect auto と同じ）: "
       "現在の状態、確認結果、監視の判定"},
      {"with --live: credentials JSON (0600); default: the vault",
       "--live と一緒に: 認証情報の JSON ファイル（モード "
       "0600）。既定は保管庫"},
      {"extra CA (PEM) to trust: the store's server, and with --live the "
       "vendors",
       "追加で信頼する認証局（PEM）: ストアのサーバー用。--live "
       "と一緒に使うときは各サービス用にも使います"},
      {"with --live: hosts(5)-format file consulted before DNS",
       "--live と一緒に: DNS より先に参照する hosts(5) 形式のファイル"},
      {"with --live: accounts in parallel (default 8)",
       "--live と一緒に: 並行して処理するアカウント数（既定は 8）"},
      {"with --live: how long after maintenance_end a prepared account is only "
       "a warning (default 1h)",
       "--live と一緒に: maintenance_end "
       "の後、事前設定済みのアカウントを警告にとどめる時間（既定は 1h）"},
      {"Run the whole flow (plan, prepare, verify, cutover, verify) against "
       "built-in ESS and CDN simulators on loopback. Changes nothing real.",
       "付属の ESS と CDN "
       "のシミュレーターをループバックで起動し、全体の流れ（plan、prepare、veri"
       "fy、cutover、verify）を実行します。実際の設定は何も変更しません。"},
      {"Examples:\n"
       "  renumber demo\n"
       "  renumber --lang ja demo --customers 12 --keep\n",
       "例:\n"
       "  renumber demo\n"
       "  renumber --lang ja demo --customers 12 --keep\n"},
      {"simulated customers (default 6)",
       "シミュレーターのお客様の数（既定は 6）"},
      {"work directory (default: a temp dir)",
       "作業ディレクトリ（既定は一時ディレクトリ）"},
      {"keep the temp dir (plan, journal)",
       "一時ディレクトリ（計画ファイル、ジャーナル）を残します"},
      {"Serves both simulators on loopback until Ctrl-C (SIGINT/SIGTERM). The\n"
       "printed credentials are SIMULATOR-ONLY: fake, generated from --seed, "
       "valid\n"
       "only against this simulator. The state (customers, routes, backends, "
       "change\n"
       "log) is loaded from --state at start when the file exists and saved to "
       "it on\n"
       "exit, so a campaign can span several runs.\n"
       "\n"
       "--write-plan / --write-credentials write their files and the "
       "simulators keep\n"
       "serving; add --no-serve to write the files and exit at once (the "
       "credentials\n"
       "then point at the --ess/--cdn addresses, which must have fixed "
       "ports).\n"
       "\n"
       "--dns HOST:PORT also serves the customers' DNS zones (UDP), for\n"
       "`renumber preflight --dns-server HOST:PORT --domains FILE` with the "
       "file of\n"
       "--write-domains.\n"
       "\n"
       "Faults (JSON, the shape of GET /_sim/faults) can be set at start with\n"
       "--faults and changed at run time:\n"
       "  curl -u sim-admin:TOKEN -X PUT -d '{\"error\":{\"rate\":0.1}}' "
       "ESS_URL/_sim/faults\n"
       "\n"
       "--origins PHASE also serves a real HTTP(S) origin server for every "
       "CDN\n"
       "customer's old and new address (PHASE: before — the new ones answer a\n"
       "placeholder; synced — both the site; after — the old ones are off; "
       "timed —\n"
       "before until --maintenance-end, then after, the new servers coming "
       "back one\n"
       "by one; stale-copy — the new ones serve an older copy of the site, the "
       "same\n"
       "title with another body); --write-origins DIR writes DIR/connect-to "
       "and DIR/origins-ca.pem\n"
       "for renumber's --connect-to and --ca-file.\n"
       "\n"
       "Examples:\n"
       "  renumber sim --seed 50\n"
       "  renumber sim --seed 12 --origins before --write-origins "
       "/tmp/origins\n"
       "  renumber sim --ess 127.0.0.1:18025 --cdn 127.0.0.1:18080 --seed 200 "
       "\\\n"
       "      --state sim.json --write-plan plan.csv --write-credentials "
       "creds.json\n"
       "  renumber sim --seed 20 --write-plan plan.csv --write-credentials "
       "creds.json --no-serve\n"
       "  renumber sim --seed 50 --faults faults.json --json > sim-info.json "
       "&\n"
       "  renumber sim --dns 127.0.0.1:5353 --write-plan plan.csv "
       "--write-domains domains.txt",
       "Ctrl-C（SIGINT/"
       "SIGTERM）まで、両方のシミュレーターをループバックで起動します。\n"
       "表示される認証情報はシミュレーター専用です。--seed "
       "から作った偽物で、この\n"
       "シミュレーターに対してだけ使えます。状態（お客様、配送サーバー、オリジ"
       "ン\n"
       "サーバー、変更履歴）は、ファイルがあれば起動時に --state "
       "から読み込み、\n"
       "終了時に保存します。作業を何回かに分けて行えます。\n"
       "\n"
       "--write-plan / --write-credentials "
       "はファイルを書き出し、シミュレーターは\n"
       "そのまま動き続けます。--no-serve "
       "を付けると、ファイルを書き出してすぐに終了\n"
       "します（このとき認証情報は --ess/--cdn "
       "のアドレスを指すため、ポートを固定\n"
       "してください）。\n"
       "\n"
       "--dns HOST:PORT を指定すると、お客様の DNS ゾーンにも（UDP "
       "で）応答します。\n"
       "--write-domains で書き出したファイルと合わせて\n"
       "`renumber preflight --dns-server HOST:PORT --domains FILE` "
       "で使います。\n"
       "\n"
       "障害の設定（JSON。GET /_sim/faults と同じ形）は、起動時に --faults "
       "で指定\n"
       "でき、実行中にも変更できます:\n"
       "  curl -u sim-admin:TOKEN -X PUT -d '{\"error\":{\"rate\":0.1}}' "
       "ESS_URL/_sim/faults\n"
       "\n"
       "--origins PHASE を指定すると、CDN "
       "の各お客様の旧アドレスと新アドレスで実際の\n"
       "HTTP(S) のオリジンサーバーも起動します（PHASE: before — "
       "新サーバーは準備中の\n"
       "ページを返す。synced — 両方ともサイトを返す。after — "
       "旧サーバーは停止。\n"
       "timed — --maintenance-end までは before、その後は after "
       "で、新サーバーが順に\n"
       "稼働する。stale-copy — "
       "新サーバーはサイトの古いコピーを返す（タイトルは同じで\n"
       "本文が異なる））。--write-origins DIR は、renumber の --connect-to と "
       "--ca-file\n"
       "に使う DIR/connect-to と DIR/origins-ca.pem を書き出します。\n"
       "\n"
       "例:\n"
       "  renumber sim --seed 50\n"
       "  renumber sim --seed 12 --origins before --write-origins "
       "/tmp/origins\n"
       "  renumber sim --ess 127.0.0.1:18025 --cdn 127.0.0.1:18080 --seed 200 "
       "\\\n"
       "      --state sim.json --write-plan plan.csv --write-credentials "
       "creds.json\n"
       "  renumber sim --seed 20 --write-plan plan.csv --write-credentials "
       "creds.json --no-serve\n"
       "  renumber sim --seed 50 --faults faults.json --json > sim-info.json "
       "&\n"
       "  renumber sim --dns 127.0.0.1:5353 --write-plan plan.csv "
       "--write-domains domains.txt"},
      {"Serve simulated ESS and CDN management APIs (tests, demos)",
       "ESS と CDN の管理 API のシミュレーターを起動します（テスト、デモ用）"},
      {"where this service's simulator listens, HOST:PORT (0 = a free port)",
       "このサービスのシミュレーターの待ち受け HOST:PORT（0 "
       "は空いているポート）"},
      {"number of simulated customers (ignored when --state exists)",
       "シミュレーターのお客様の数（--state のファイルがあるときは無視）"},
      {"maintenance_end of every seeded customer (RFC 3339)",
       "作成するすべてのお客様の maintenance_end（RFC 3339）"},
      {"state file: loaded at start if it exists, saved at start and on exit "
       "(0600)",
       "状態ファイル: "
       "あれば起動時に読み込み、起動時と終了時に保存します（モード 0600）"},
      {"write the plan CSV here", "計画ファイル（CSV）をここに書き出します"},
      {"write a credentials file (simulator-only, 0600) here",
       "認証情報ファイル（シミュレーター専用、モード "
       "0600）をここに書き出します"},
      {"fault configuration (JSON) for both simulators",
       "両方のシミュレーターの障害設定（JSON）"},
      {"simulator admin token (default: random; prefer the environment "
       "variable)",
       "シミュレーターの管理用トークン（既定はランダム。環境変数での指定を推奨"
       "）"},
      {"write the requested files and exit without serving",
       "指定したファイルを書き出し、シミュレーターを起動せずに終了します"},
      {"also print URLs, admin and test credentials as one JSON document on "
       "stdout",
       "URL、管理用とテスト用の認証情報も、JSON 1 "
       "つとして標準出力に出力します"},
      {"vault file (default: <state dir>/vault.bin)",
       "保管庫のファイル（既定は <保存先>/vault.bin）"},
      {"Vault", "保管庫"},
      {"state directory (default: $XDG_STATE_HOME/renumber or "
       "~/.local/state/renumber)",
       "保存先ディレクトリ（既定は $XDG_STATE_HOME/renumber または "
       "~/.local/state/renumber）"},
      {"0600 file with the vault passphrase (else "
       "$RENUMBER_VAULT_PASSPHRASE_FILE, "
       "$CREDENTIALS_DIRECTORY/renumber-vault, or a prompt)",
       "保管庫のパスフレーズを書いたモード 0600 のファイル（なければ "
       "$RENUMBER_VAULT_PASSPHRASE_FILE、$CREDENTIALS_DIRECTORY/"
       "renumber-vault、または端末での入力）"},
      {"who is doing the work, for the audit log (the OS user is always "
       "recorded too)",
       "作業する人の名前（監査ログ用。OS のユーザー名も必ず記録されます）"},
      {"Examples:\n"
       "  renumber vault init\n"
       "  renumber vault add --customer C-10001 --service ess \\\n"
       "      --api-base https://ess.example.net --username "
       "admin@example.co.jp \\\n"
       "      --ticket T-4711 --maintenance-end 2026-12-10T06:00:00+09:00\n"
       "  renumber vault import creds.json --ticket T-4711\n"
       "  renumber vault list\n"
       "  renumber vault show C-10001/ess --reveal --ticket T-4711\n"
       "  renumber vault purge            (cron: drop expired entries)\n"
       "  renumber vault audit --verify\n"
       "\n"
       "The passphrase is read from --passphrase-file, "
       "$RENUMBER_VAULT_PASSPHRASE_FILE,\n"
       "$CREDENTIALS_DIRECTORY/renumber-vault (systemd "
       "LoadCredentialEncrypted=), or\n"
       "asked on the terminal with echo off; never from an argument. Files "
       "holding\n"
       "secrets must be mode 0600.",
       "例:\n"
       "  renumber vault init\n"
       "  renumber vault add --customer C-10001 --service ess \\\n"
       "      --api-base https://ess.example.net --username "
       "admin@example.co.jp \\\n"
       "      --ticket T-4711 --maintenance-end 2026-12-10T06:00:00+09:00\n"
       "  renumber vault import creds.json --ticket T-4711\n"
       "  renumber vault list\n"
       "  renumber vault show C-10001/ess --reveal --ticket T-4711\n"
       "  renumber vault purge            （cron 用: 期限切れの登録を削除）\n"
       "  renumber vault audit --verify\n"
       "\n"
       "パスフレーズは --passphrase-file、$RENUMBER_VAULT_PASSPHRASE_FILE、\n"
       "$CREDENTIALS_DIRECTORY/renumber-vault（systemd の "
       "LoadCredentialEncrypted=）\n"
       "から読むか、端末で入力を求めます（表示されません）。引数からは受け取り"
       "ません。\n"
       "秘密情報を含むファイルはモード 0600 にしてください。"},
      {"create an empty vault and its audit log (files 0600)",
       "空の保管庫とその監査ログを作成します（ファイルはモード 0600）"},
      {"Examples:\n"
       "  renumber vault init                 (asks for a new passphrase "
       "twice)\n"
       "  renumber vault init --passphrase-file ~/.config/renumber/pass\n"
       "The key is derived with scrypt (N=2^17, r=8, p=1); init prints how "
       "long that took.",
       "例:\n"
       "  renumber vault init                 （新しいパスフレーズを 2 "
       "回入力）\n"
       "  renumber vault init --passphrase-file ~/.config/renumber/pass\n"
       "鍵は scrypt（N=2^17、r=8、p=1）で導出します。init "
       "はその所要時間を表示します。"},
      {"change the vault passphrase (re-encrypts every entry)",
       "保管庫のパスフレーズを変更します（すべての登録を暗号化し直します）"},
      {"0600 file with the new passphrase (else asked twice)",
       "新しいパスフレーズを書いたモード 0600 のファイル（なければ 2 回入力）"},
      {"Examples:\n"
       "  renumber vault rekey\n"
       "  renumber vault rekey --passphrase-file old.pass "
       "--new-passphrase-file new.pass",
       "例:\n"
       "  renumber vault rekey\n"
       "  renumber vault rekey --passphrase-file old.pass "
       "--new-passphrase-file new.pass"},
      {"delete one entry from the vault", "保管庫から登録を 1 つ削除します"},
      {"CUSTOMER/SERVICE, e.g. C-10001/cdn",
       "CUSTOMER/SERVICE（例: C-10001/cdn）"},
      {"ticket, for the audit log", "チケット番号（監査ログ用）"},
      {"Example:\n"
       "  renumber vault remove C-10001/cdn --ticket T-4711",
       "例:\n"
       "  renumber vault remove C-10001/cdn --ticket T-4711"},
      {"remove expired entries (--all: every entry); for cron",
       "期限切れの登録を削除します（--all ですべて）。cron 用"},
      {"remove every entry, expired or not",
       "期限切れかどうかにかかわらず、すべての登録を削除します"},
      {"confirm --all", "--all を確認済みにします"},
      {"Examples:\n"
       "  renumber vault purge --passphrase-file /etc/renumber/vault.pass\n"
       "  renumber vault purge --all --yes --ticket T-4711   (work is over)\n"
       "crontab: 17 3 * * * renumber vault purge --passphrase-file "
       "/etc/renumber/vault.pass",
       "例:\n"
       "  renumber vault purge --passphrase-file /etc/renumber/vault.pass\n"
       "  renumber vault purge --all --yes --ticket T-4711   （作業終了時）\n"
       "crontab: 17 3 * * * renumber vault purge --passphrase-file "
       "/etc/renumber/vault.pass"},
      {"print the vault's audit log; --verify checks chain and MACs",
       "保管庫の監査ログを表示します。--verify でハッシュの連鎖と MAC "
       "を検証します"},
      {"check every record's hash chain and MAC and the log's length against "
       "the vault (needs the passphrase); exit 0 intact, 3 unverified (records "
       "without a MAC: failed unlocks), 1 broken (edited, removed, truncated "
       "or deleted)",
       "すべての記録のハッシュの連鎖と "
       "MAC、ログの長さを保管庫と照合して検証します（パスフレーズが必要）。終了"
       "コードは、問題がなければ 0、検証できない記録（MAC のない記録: "
       "ロック解除の失敗）があれば "
       "3、壊れていれば（記録の編集・削除、ログの切り詰め・削除）1"},
      {"JSON on stdout", "標準出力に JSON を出力します"},
      {"Examples:\n"
       "  renumber vault audit\n"
       "  renumber vault audit --verify\n"
       "  renumber vault audit --json | jq '.[] | select(.action==\"reveal\")'",
       "例:\n"
       "  renumber vault audit\n"
       "  renumber vault audit --verify\n"
       "  renumber vault audit --json | jq '.[] | "
       "select(.action==\"reveal\")'"},
      {"list entries without secrets (customer, service, api_base, ticket, "
       "expiry, days left)",
       "登録を秘密情報なしで一覧します（お客様、サービス、api_"
       "base、チケット、有効期限、残り日数）"},
      {"Examples:\n"
       "  renumber vault list\n"
       "  renumber vault list --json | jq '.entries[] | select(.days_left < "
       "3)'",
       "例:\n"
       "  renumber vault list\n"
       "  renumber vault list --json | jq '.entries[] | select(.days_left < "
       "3)'"},
      {"show one entry; --reveal prints its secret (audited)",
       "登録を 1 つ表示します。--reveal "
       "で秘密情報を表示します（監査ログに記録）"},
      {"CUSTOMER/SERVICE, e.g. C-10001/ess",
       "CUSTOMER/SERVICE（例: C-10001/ess）"},
      {"print the password or API token on stdout (needs --ticket; written to "
       "the audit log first)",
       "パスワードまたは API トークンを標準出力に表示します（--ticket "
       "が必要。先に監査ログに記録します）"},
      {"ticket justifying the reveal", "表示の根拠となるチケット番号"},
      {"free-text reason for the audit log", "監査ログに残す理由（自由記述）"},
      {"entry details as JSON on stdout",
       "登録の詳細を JSON で標準出力に出力します"},
      {"Examples:\n"
       "  renumber vault show C-10001/ess\n"
       "  renumber vault show C-10001/ess --reveal --ticket T-4711 --reason "
       "'customer asked for a manual check'\n"
       "Expired entries are never revealed.",
       "例:\n"
       "  renumber vault show C-10001/ess\n"
       "  renumber vault show C-10001/ess --reveal --ticket T-4711 --reason "
       "'customer asked for a manual check'\n"
       "期限切れの登録は表示しません。"},
      {"support ticket of the proxy work (required)",
       "作業代行のサポートチケット（必須）"},
      {"RFC 3339 expiry, at most 90 days ahead",
       "有効期限（RFC 3339）。最長 90 日先まで"},
      {"RFC 3339 end of the maintenance; expiry = it + 14 days (default "
       "without either flag: now + 14 days)",
       "メンテナンス終了日時（RFC 3339）。有効期限はその 14 "
       "日後（どちらも指定しないときは現在から 14 日後）"},
      {"overwrite entries the vault already holds",
       "保管庫に登録済みのものを上書きします"},
      {"store one customer's login; the secret is asked with echo off",
       "お客様のログイン情報を 1 "
       "件登録します。秘密情報は表示なしで入力を求めます"},
      {"customer id, e.g. C-10001", "お客様 ID（例: C-10001）"},
      {"ess|cdn: the service", "ess|cdn（サービス）"},
      {"management API base URL, e.g. https://ess.example.net",
       "管理 API のベース URL（例: https://ess.example.net）"},
      {"console user (ess)", "管理画面のユーザー名（ess）"},
      {"extra CA bundle (PEM), optional",
       "追加の認証局バンドル（PEM）。省略可"},
      {"for scripts: 0600 file holding the password (ess) or API token (cdn) "
       "instead of the prompt",
       "スクリプト用: 入力を求める代わりに、パスワード（ess）または API "
       "トークン（cdn）を書いたモード 0600 のファイル"},
      {"Examples:\n"
       "  renumber vault add --customer C-10001 --service ess \\\n"
       "      --api-base https://ess.example.net --username admin@example.jp "
       "\\\n"
       "      --ticket T-4711 --maintenance-end 2026-12-10T06:00:00+09:00\n"
       "  renumber vault add --customer C-10001 --service cdn \\\n"
       "      --api-base https://api.cdn.example --ticket T-4711 --secret-file "
       "token.txt\n"
       "The secret is never taken from an argument.",
       "例:\n"
       "  renumber vault add --customer C-10001 --service ess \\\n"
       "      --api-base https://ess.example.net --username admin@example.jp "
       "\\\n"
       "      --ticket T-4711 --maintenance-end 2026-12-10T06:00:00+09:00\n"
       "  renumber vault add --customer C-10001 --service cdn \\\n"
       "      --api-base https://api.cdn.example --ticket T-4711 --secret-file "
       "token.txt\n"
       "秘密情報は引数からは受け取りません。"},
      {"store every account of a credentials file (template format)",
       "認証情報ファイル（テンプレートの形式）のすべてのアカウントを登録しま"
       "す"},
      {"credentials file, mode 0600", "認証情報ファイル（モード 0600）"},
      {"Examples:\n"
       "  renumber vault import creds.json --ticket T-4711\n"
       "  renumber vault import creds.json --ticket T-4711 --maintenance-end "
       "2026-12-10T06:00:00+09:00\n"
       "All accounts are stored or none. Delete the file afterwards.",
       "例:\n"
       "  renumber vault import creds.json --ticket T-4711\n"
       "  renumber vault import creds.json --ticket T-4711 --maintenance-end "
       "2026-12-10T06:00:00+09:00\n"
       "すべてのアカウントを登録するか、1 "
       "件も登録しないかのどちらかです。登録後はファイルを削除してください。"},
      {"credential vault file used when no --credentials is given (default: "
       "<state dir>/vault.bin)",
       "--credentials がないときに使う認証情報の保管庫のファイル（既定は "
       "<保存先>/vault.bin）"},
      {"0600 file holding the vault passphrase (else "
       "$RENUMBER_VAULT_PASSPHRASE_FILE, "
       "$CREDENTIALS_DIRECTORY/renumber-vault, or a prompt)",
       "保管庫のパスフレーズを書いたモード 0600 のファイル（なければ "
       "$RENUMBER_VAULT_PASSPHRASE_FILE、$CREDENTIALS_DIRECTORY/"
       "renumber-vault、または端末での入力）"},
      {"Print this help message and exit", "この説明を表示して終了します"},
      {"Display program version information and exit",
       "バージョンを表示して終了します"},
      {"Subcommands", "コマンド"},
      {"Options", "オプション"},
      {"Encrypted, audited store of customers' management-console logins for "
       "proxy work (作業代行). Entries expire (at most 90 days) and are "
       "purged; every use and reveal is written to the audit log first.",
       "作業代行のための、お客様の管理画面のログイン情報の暗号化・監査付きの保"
       "管庫です。登録には有効期限（最長 90 "
       "日）があり、期限後に削除されます。使用と表示はすべて、先に監査ログに記"
       "録されます。"},
      {"CDN: a text that page must contain (default: compare status, "
       "Content-Type and HTML title with the old origin's answer recorded "
       "before the maintenance)",
       "CDN: "
       "そのページに含まれているべき文字列（既定では、ステータス、Content-"
       "Type、HTML "
       "のタイトルを、基盤変更メンテナンスの前に記録した旧オリジンサーバーの応"
       "答と比べます）"},
      {"CDN: keep polling the new origins for up to DURATION (90s, 10m, 1h) "
       "and switch each service as soon as its new origin answers for the site",
       "CDN: 新しいオリジンサーバーの確認を最長 DURATION（90s、10m、1h "
       "など）繰り返し、新しいオリジンサーバーがサイトの内容を返すようになった"
       "サービスから順に切り替えます"},
      {"CDN: the page the new origin must serve before cut over (default /), "
       "for plan rows without a check_path",
       "CDN: 切替の前に新しいオリジンサーバーが返す必要のあるページ（既定は "
       "/）。計画ファイルで check_path を指定していない行に使います"},
      {"DNS blocklist zone to look the new IP up in (repeatable; none by "
       "default)",
       "新 IP を照会する DNS "
       "ブロックリストのゾーン（複数回指定可。既定はなし）"},
      {"Examples:\n"
       "  renumber preflight --plan plan.csv --credentials creds.json\n"
       "  renumber preflight --plan plan.csv --json          (vault "
       "credentials)\n"
       "  renumber preflight --plan plan.csv --domains domains.txt   (no "
       "vendor asked)\n"
       "  renumber preflight --service ess --customer C-10001 --old-ip "
       "203.0.113.10 --new-ip 198.51.100.20 --domain example.co.jp "
       "--maintenance-end 2026-12-10T06:00:00+09:00\n"
       "  renumber preflight --plan plan.csv --credentials creds.json "
       "--dns-server 127.0.0.1:5353 --dnsbl bl.example.org\n"
       "domains file: one line per customer or account, e.g.\n"
       "  C-10001      example.co.jp www.example.co.jp\n"
       "  C-10002/ess  example.jp\n",
       "例:\n"
       "  renumber preflight --plan plan.csv --credentials creds.json\n"
       "  renumber preflight --plan plan.csv --json          "
       "（保管庫の認証情報を使用）\n"
       "  renumber preflight --plan plan.csv --domains domains.txt   "
       "（サービスへの問い合わせなし）\n"
       "  renumber preflight --service ess --customer C-10001 --old-ip "
       "203.0.113.10 --new-ip 198.51.100.20 --domain example.co.jp "
       "--maintenance-end 2026-12-10T06:00:00+09:00\n"
       "  renumber preflight --plan plan.csv --credentials creds.json "
       "--dns-server 127.0.0.1:5353 --dnsbl bl.example.org\n"
       "ドメイン名のファイル: お客様またはアカウントごとに 1 行。例:\n"
       "  C-10001      example.co.jp www.example.co.jp\n"
       "  C-10002/ess  example.jp\n"},
      {"Examples:\n"
       "  renumber store init --store "
       "postgresql://renumber@db.example/renumber\n"
       "  export RENUMBER_STORE=postgresql://renumber@db.example/renumber\n"
       "  renumber store migrate\n"
       "  renumber store status --json\n",
       "例:\n"
       "  renumber store init --store "
       "postgresql://renumber@db.example/renumber\n"
       "  export RENUMBER_STORE=postgresql://renumber@db.example/renumber\n"
       "  renumber store migrate\n"
       "  renumber store status --json\n"},
      {"Read-only DNS checks per customer, for what the provider's notice "
       "warns about: which name servers serve each domain and the A/AAAA/MX "
       "records still at the old IP (on other name servers the customer "
       "changes them after the maintenance; on Zenlogic's, Zenlogic does); SPF "
       "of mail domains for the new IP; reverse DNS (PTR, forward-confirmed) "
       "of the new IP; the new IP in DNS blocklists. The domains are read from "
       "ESS and the CDN (GETs only), unless --domains or --domain gives them. "
       "Exit 3 when something needs doing, 1 when a check could not be done.",
       "基盤変更メンテナンスのお知らせで注意が呼びかけられている点を、お客様ご"
       "とに DNS で確認します（読み取りのみ）: "
       "各ドメイン名を管理しているネームサーバーと、旧 IP のままの A/AAAA/MX "
       "レコード（他社ネームサーバーではメンテナンスの後にお客様が変更し、Zenlo"
       "gic 提供のネームサーバーでは Zenlogic "
       "が変更します）、メール用ドメイン名の SPF に新 IP が含まれているか、新 "
       "IP の逆引き（PTR。正引きとの一致も確認）、DNS ブロックリストへの新 IP "
       "の登録。ドメイン名は ESS と CDN から読み取ります（GET "
       "のみ）。--domains または --domain "
       "で指定することもできます。対応が必要な項目があれば終了コード "
       "3、確認できなかった項目があれば 1 です。"},
      {"The campaign store a team shares (PostgreSQL): create and upgrade its "
       "schema, and see who is connected and which accounts are locked.",
       "チームで共有する作業記録のストア（PostgreSQL）: "
       "スキーマの作成と更新を行い、誰が接続しているか、どのアカウントがロック"
       "されているかを確認します。"},
      {"Zenlogic's name servers, or a domain covering them (repeatable; "
       "default ns1.zenlogic.jp, ns2.zenlogic.jp)",
       "Zenlogic "
       "提供のネームサーバー、またはそれらを含むドメイン名（複数回指定可。既定"
       "は ns1.zenlogic.jp、ns2.zenlogic.jp）"},
      {"a domain of the one customer, instead of the vendors' (repeatable)",
       "1 アカウント分: "
       "お客様のドメイン名。サービスから読み取る代わりに使います（複数回指定可"
       "）"},
      {"accounts read and customers checked in parallel (default 8)",
       "並行して読み取るアカウントと確認するお客様の数（既定は 8）"},
      {"also append the output, with times, to FILE (0600)",
       "出力を時刻付きで FILE（モード 0600）にも追記します"},
      {"also check the customers' DNS (renumber preflight) for the domains "
       "discovery reads from ESS and the CDN, and show the findings after the "
       "accounts (text and json output; the exit code stays the accounts')",
       "ESS と CDN から読み取ったドメイン名について、お客様の DNS "
       "も確認し（renumber preflight）、結果をアカウントの後に表示します（text "
       "と json の出力。終了コードはアカウントの結果のままです）"},
      {"also serve the CDN customers' origin servers: before, synced, after, "
       "timed or stale-copy (see below)",
       "CDN のお客様のオリジンサーバーも起動します: "
       "before、synced、after、timed、stale-copy のいずれか（下記を参照）"},
      {"also serve the customers' DNS zones on this HOST:PORT (UDP; 0 = a free "
       "port), for renumber preflight",
       "お客様の DNS ゾーンにもこの HOST:PORT で応答します（UDP。0 "
       "は空いているポート）。renumber preflight 用"},
      {"apply the schema migrations this renumber brings",
       "この renumber に含まれるスキーマの更新を適用します"},
      {"campaign store shared by a team: a PostgreSQL connection string "
       "(postgresql://user@host/db; password from ~/.pgpass, TLS verified). "
       "Default $RENUMBER_STORE, else the local state directory",
       "チームで共有する作業記録のストア: PostgreSQL "
       "の接続文字列（postgresql://user@host/db。パスワードは ~/.pgpass "
       "から読み、TLS の証明書を検証します）。既定は "
       "$RENUMBER_STORE、なければローカルの保存先ディレクトリ"},
      {"create the schema in an empty database (run once, as the database's "
       "owner); an initialized store is left alone",
       "空のデータベースにスキーマを作成します（データベースの所有者として一度"
       "だけ実行）。初期化済みのストアには何もしません"},
      {"extra CA (PEM) to trust for the server; verification is always on",
       "ストアのサーバー用に追加で信頼する認証局（PEM）。証明書の検証は常に行い"
       "ます"},
      {"extra CA (PEM) to trust for the store's server",
       "ストアのサーバー用に追加で信頼する認証局（PEM）"},
      {"name server to ask, IP[:PORT] (repeatable; default: the system's, from "
       "/etc/resolv.conf)",
       "問い合わせるネームサーバー "
       "IP[:PORT]（複数回指定可。既定はシステムの設定で、/etc/resolv.conf "
       "から読みます）"},
      {"one JSON document on stdout; the report on stderr",
       "標準出力に JSON を 1 つ出力します。報告は標準エラー出力に出ます"},
      {"origin probes: a file of 'ORIGIN_IP PORT CONNECT_IP PORT' lines; "
       "connect there instead (like curl --connect-to; Host, SNI and "
       "certificate checks unchanged)",
       "オリジンサーバーの確認用: 'ORIGIN_IP PORT CONNECT_IP PORT' "
       "の行を書いたファイル。代わりにそちらへ接続します（curl --connect-to "
       "と同様。Host、SNI、証明書の検証は変わりません）"},
      {"seconds to wait for the first try of a DNS query (default 2; two "
       "tries, the second twice as long)",
       "DNS の問い合わせの 1 回目で応答を待つ秒数（既定は 2。問い合わせは 2 "
       "回で、2 回目はその 2 倍待ちます）"},
      {"team mode: also copy every audit record to this campaign store "
       "(postgresql://…; default $RENUMBER_STORE)",
       "チームでの作業: "
       "監査ログのすべての記録をこの作業記録のストアにもコピーします（postgresq"
       "l://…。既定は $RENUMBER_STORE）"},
      {"the customers' domains instead of the vendors': lines of "
       "'CUSTOMER[/ess|cdn] DOMAIN...' (ESS domains get the SPF check)",
       "サービスから読み取る代わりに使う、お客様のドメイン名のファイル: "
       "'CUSTOMER[/ess|cdn] DOMAIN...' の形式の行（ESS のドメイン名は SPF "
       "も確認します）"},
      {"the store, its schema version, renumber connections, locks held (who, "
       "what, where) and each campaign's accounts by state",
       "ストアとそのスキーマのバージョン、renumber "
       "の接続、保持中のロック（誰が、どのアカウントを、どこから）、キャンペー"
       "ンごとの状態別のアカウントを表示します"},
      {"without a PostgreSQL store: the local state directory",
       "PostgreSQL のストアを使わないとき: ローカルの保存先ディレクトリ"},
      {"write DIR/connect-to and DIR/origins-ca.pem for the origins (renumber "
       "--connect-to / --ca-file)",
       "オリジンサーバー用の DIR/connect-to と DIR/origins-ca.pem "
       "を書き出します（renumber の --connect-to / --ca-file 用）"},
      {"write the customers' domains (for renumber preflight --domains) here",
       "お客様のドメイン名をここに書き出します（renumber preflight --domains "
       "用）"},
  };
  return kTable;
}

std::string_view HelpJa(std::string_view en) {
  static const auto* index = [] {
    auto* m = new std::map<std::string_view, std::string_view>;
    for (const HelpEntry& e : HelpTexts()) (*m)[e.en] = e.ja;
    return m;
  }();
  auto it = index->find(en);
  return it == index->end() ? std::string_view() : it->second;
}

}  // namespace renumber
