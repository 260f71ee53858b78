// The PostgreSQL store's schema: numbered migrations, applied in order, each
// in its own transaction together with its row in renumber_schema_version,
// under a transaction advisory lock so that two operators running
// `renumber store migrate` at once apply each migration once.
//
// Tables (all prefixed renumber_, so the store can share a database):
//   renumber_schema_version  version, description, applied_at, applied_by
//   renumber_journal         append-only: campaign, the journal line
//                            ("<crc32c> <json>", JOURNAL_FORMAT.md), and
//                            who wrote it from where
//   renumber_locks           who holds which account's advisory lock
//   renumber_accounts        each campaign account's last phase, result and
//                            state (kept from account-end records)
//   renumber_audit           append-only copy of the vaults' audit records
// Append-only tables refuse UPDATE, DELETE and TRUNCATE by trigger.
#ifndef RENUMBER_STORE_PG_SCHEMA_H_
#define RENUMBER_STORE_PG_SCHEMA_H_

#include <string>
#include <vector>

#include "src/store/pg_session.h"

namespace renumber {

struct PgMigration {
  int version;
  const char* description;
  const char* sql;
};

// Every migration, oldest first (versions 1, 2, ...).
const std::vector<PgMigration>& PgMigrations();
int LatestSchemaVersion();

// The version applied (0: no renumber schema in this database).
Result<int> SchemaVersion(PgSession* session);

// Creates the version table if missing and applies the migrations after the
// current version up to `target` (LatestSchemaVersion() by default).
// Returns the versions applied (empty: already there). kPreconditionFailed
// when the database is newer than `target` allows (an older renumber).
Result<std::vector<int>> MigrateSchema(PgSession* session, int target = 0);

// kPreconditionFailed unless the schema is exactly the latest: tells the
// user to run `renumber store init` (none) or `renumber store migrate`
// (older), or to upgrade renumber (newer).
Status CheckSchemaCurrent(PgSession* session);

}  // namespace renumber

#endif  // RENUMBER_STORE_PG_SCHEMA_H_
