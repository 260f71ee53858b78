#include "src/store/open_store.h"

#include <algorithm>
#include <cstdlib>

#include "src/store/local_store.h"
#include "src/store/pg_conninfo.h"
#include "src/store/pg_store.h"

namespace renumber {

std::string ChosenStoreSpec(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("RENUMBER_STORE");
  return env ? env : "";
}

bool IsSharedStoreSpec(const std::string& spec) {
  return IsPostgresSpec(spec) || (spec.find('=') != std::string::npos &&
                                  spec.find("://") == std::string::npos);
}

Status ValidateStoreSpec(const std::string& spec) {
  if (spec.empty() || spec == "local") return Status::Ok();
  if (!IsSharedStoreSpec(spec))
    return Status::InvalidArgument(
        "--store: not a campaign store: give a PostgreSQL connection string "
        "(postgresql://user@host/db) or leave it out for the local state "
        "directory",
        "--store: 作業記録の共有ストアとして使えません。PostgreSQL "
        "の接続文字列（postgresql://user@host/db）を指定してください。"
        "ローカルの保存先を使う場合は --store を省略してください");
  return PreparePgConnInfo(spec, "", "").status();
}

Result<std::unique_ptr<CampaignStore>> OpenCampaignStore(
    const StoreOpenOptions& o) {
  RN_RETURN_IF_ERROR(ValidateStoreSpec(o.spec));
  if (o.spec.empty() || o.spec == "local")
    return NewLocalStore(o.fs, o.clock, o.state_dir);
  RN_ASSIGN_OR_RETURN(
      auto store,
      OpenPgStore(o.spec, o.ca_file, o.application_name, o.clock,
                  /*check_schema=*/true, std::max(1, o.connections)));
  return std::unique_ptr<CampaignStore>(std::move(store));
}

}  // namespace renumber
