// Which campaign store a command uses, and opening it: --store when given,
// else $RENUMBER_STORE, else the local state directory.
//
// A spec is "" or "local" (the state directory), or a PostgreSQL
// connection string (postgresql://… or postgres://… URI, or key=value
// pairs; pg_conninfo.h says what is checked). Anything else is bad input.
#ifndef RENUMBER_STORE_OPEN_STORE_H_
#define RENUMBER_STORE_OPEN_STORE_H_

#include <memory>
#include <string>

#include "src/core/fs.h"
#include "src/core/time.h"
#include "src/store/campaign_store.h"

namespace renumber {

// --store when non-empty, else $RENUMBER_STORE, else "".
std::string ChosenStoreSpec(const std::string& flag);

// True for a spec that names a PostgreSQL store.
bool IsSharedStoreSpec(const std::string& spec);

// kInvalidArgument for a spec that is no store or a connection string that
// breaks a rule (pg_conninfo.h); nothing is connected.
Status ValidateStoreSpec(const std::string& spec);

struct StoreOpenOptions {
  std::string spec;
  std::string state_dir;  // the local store's directory
  std::string ca_file;    // extra CA for the server (--ca-file)
  // What others see of this connection: "renumber prepare alice@ws1".
  std::string application_name = "renumber";
  // PostgreSQL: connections, so that accounts worked in parallel commit
  // their records in parallel (pg_store.h). 1 for read-only commands.
  int connections = 1;
  FileSystem* fs = nullptr;
  Clock* clock = nullptr;
};

// Opens the store (connects, checks the PostgreSQL schema is current).
Result<std::unique_ptr<CampaignStore>> OpenCampaignStore(
    const StoreOpenOptions& options);

}  // namespace renumber

#endif  // RENUMBER_STORE_OPEN_STORE_H_
