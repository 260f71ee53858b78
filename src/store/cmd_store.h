// `renumber store init|migrate|status`, and the --store flag the migration
// commands and `status` share. Listed in src/cli/registrars.cc.
//
// init creates the schema in an empty PostgreSQL database (idempotent: an
// initialized store is left alone); migrate applies the migrations a newer
// renumber brings; status shows the store, its schema version, the renumber
// connections, the locks held (who, what, where) and each campaign's
// accounts by state. Errors exit by the table of src/cli/exit_codes.h (a
// schema to initialize or migrate first is 4 for init and migrate);
// status exits 3 when the schema is not what this renumber needs.
#ifndef RENUMBER_STORE_CMD_STORE_H_
#define RENUMBER_STORE_CMD_STORE_H_

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/cli/command.h"
#include "src/store/campaign_store.h"

namespace renumber {

void RegisterStoreCommands(CLI::App& app, GlobalOptions& global,
                           CommandRun& run);

// Adds --store SPEC (help text names $RENUMBER_STORE) to `cmd`.
void AddStoreOption(CLI::App* cmd, std::string* spec);

// "Being worked on now (<where>):" and one line per lock, or a line saying
// nobody is.
std::string RenderHeldLocks(const std::vector<HeldLock>& held,
                            const std::string& where, Lang lang);
nlohmann::json HeldLocksJson(const std::vector<HeldLock>& held);

}  // namespace renumber

#endif  // RENUMBER_STORE_CMD_STORE_H_
