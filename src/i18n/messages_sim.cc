// Messages of the sim area (`renumber sim`). Keys start with "sim.".
#include "src/i18n/messages.h"

namespace renumber {

const std::vector<MessageEntry>& SimMessages() {
  static const std::vector<MessageEntry> kTable = {
      {"sim.wrote_origins",
       "wrote {0}/connect-to and {0}/origins-ca.pem (pass --connect-to and "
       "--ca-file to renumber)",
       "{0}/connect-to と {0}/origins-ca.pem を書き出しました（renumber に "
       "--connect-to と --ca-file を指定してください）"},
      {"sim.write_origins_needs_origins",
       "--write-origins needs --origins PHASE",
       "--write-origins には --origins PHASE も指定してください"},
      {"sim.title",
       "renumber sim: simulated ESS and CDN management APIs for tests and "
       "demos (not the real services)",
       "renumber sim: テスト・デモ用の ESS / CDN 管理 API シミュレーター "
       "（本物のサービスではありません）"},
      {"sim.api_url", "  {} API: {}", "  {} の API: {}"},
      {"sim.admin",
       "  simulator admin (faults, counters): user {}, token {}\n"
       "    e.g. curl -u {}:TOKEN {}/_sim/counters",
       "  シミュレーター管理（障害注入・カウンター）: ユーザー {}、トークン "
       "{}\n"
       "    例: curl -u {}:TOKEN {}/_sim/counters"},
      {"sim.customers_seeded", "  {} simulated customers (seeded)",
       "  模擬顧客 {} 件（シードから生成）"},
      {"sim.customers_loaded", "  {} simulated customers (loaded from {})",
       "  模擬顧客 {} 件（{} から読み込み）"},
      {"sim.creds_header",
       "SIMULATOR-ONLY test credentials (fake, generated; valid only "
       "against this simulator):",
       "シミュレーター専用のテスト用認証情報（自動生成された偽物で、"
       "このシミュレーターでのみ有効です）:"},
      {"sim.cred", "  {} {}  {}", "  {} {}  {}"},
      {"sim.cred_other", "  {} {}  {}  ({})", "  {} {}  {} （{}）"},
      {"sim.wrote_plan", "wrote the plan: {}",
       "計画ファイルを書き出しました: {}"},
      {"sim.wrote_credentials",
       "wrote the simulator-only credentials (mode 0600): {}",
       "シミュレーター専用の認証情報を書き出しました（モード 0600）: {}"},
      {"sim.wrote_domains", "wrote the customers' domains: {}",
       "顧客のドメイン名を書き出しました: {}"},
      {"sim.dns_address",
       "  DNS (the customers' zones, UDP): {}  (renumber preflight "
       "--dns-server)",
       "  DNS （顧客のDNSゾーン、UDP）: {}  （renumber preflight "
       "--dns-server）"},
      {"sim.serving", "serving until Ctrl-C (SIGINT or SIGTERM)",
       "Ctrl-C（SIGINT / SIGTERM）を受けるまで応答を続けます"},
      {"sim.state_saved", "saved the simulator state to {}",
       "シミュレーターの状態を {} に保存しました"},
      {"sim.stopped", "simulators stopped", "シミュレーターを停止しました"},
      {"sim.bad_faults", "cannot use --faults {}: {}",
       "--faults {} を使用できません: {}"},
      {"sim.start_failed", "cannot start the simulators: {}",
       "シミュレーターを起動できません: {}"},
      {"sim.save_failed", "cannot save the simulator state to {}: {}",
       "シミュレーターの状態を {} に保存できません: {}"},
      {"sim.write_failed", "cannot write {}: {}", "{} を書き出せません: {}"},
      {"sim.no_serve_dns",
       "--write-domains and --dns need the simulators running: drop "
       "--no-serve",
       "--write-domains と --dns はシミュレーターの起動中にのみ使えます: "
       "--no-serve を外してください"},
      {"sim.no_serve_port",
       "--no-serve with --write-credentials needs fixed ports in --ess and "
       "--cdn ({})",
       "--no-serve と --write-credentials を併用するときは --ess と --cdn に"
       "固定ポートを指定してください（{}）"},
  };
  return kTable;
}

}  // namespace renumber
