#include "src/store/pg_schema.h"

namespace renumber {
namespace {

// Serializes migrators: pg_advisory_xact_lock on this key ("renumber" in
// ASCII, schema).
constexpr const char* kMigrateLockKey = "8245931446733910530";

const std::vector<PgMigration> kMigrations = {
    {1, "journal: append-only campaign journal",
     R"sql(
CREATE FUNCTION renumber_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'renumber: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TABLE renumber_journal (
  seq         bigserial PRIMARY KEY,
  campaign    text NOT NULL,
  line        text NOT NULL,
  account     text,
  type        text,
  operator    text,
  written_at  timestamptz NOT NULL DEFAULT now(),
  written_by  text NOT NULL DEFAULT current_user,
  client_addr inet DEFAULT inet_client_addr()
);
CREATE INDEX renumber_journal_campaign ON renumber_journal (campaign, seq);
CREATE TRIGGER renumber_journal_append_only
  BEFORE UPDATE OR DELETE ON renumber_journal
  FOR EACH ROW EXECUTE FUNCTION renumber_refuse_change();
CREATE TRIGGER renumber_journal_no_truncate
  BEFORE TRUNCATE ON renumber_journal
  FOR EACH STATEMENT EXECUTE FUNCTION renumber_refuse_change();
)sql"},
    {2, "locks and accounts: lock holders, each account's last state",
     R"sql(
CREATE TABLE renumber_locks (
  account     text PRIMARY KEY,
  lock_key    bigint NOT NULL,
  backend_pid integer NOT NULL,
  holder      jsonb NOT NULL,
  taken_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE renumber_accounts (
  campaign   text NOT NULL,
  account    text NOT NULL,
  phase      text,
  result     text,
  state      text,
  operator   text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign, account)
);
INSERT INTO renumber_accounts (campaign, account, phase, result, state,
                               operator, updated_at)
SELECT DISTINCT ON (campaign, account)
       campaign, account,
       substr(line, 10)::jsonb ->> 'phase', substr(line, 10)::jsonb ->> 'result',
       substr(line, 10)::jsonb ->> 'state', operator, written_at
  FROM renumber_journal WHERE type = 'account-end'
 ORDER BY campaign, account,
          (substr(line, 10)::jsonb ->> 'result') = 'refused', seq DESC;
)sql"},
    {3, "audit: append-only copy of the vaults' audit records",
     R"sql(
CREATE TABLE renumber_audit (
  seq         bigserial PRIMARY KEY,
  vault       text NOT NULL,
  line        text NOT NULL,
  host        text,
  written_at  timestamptz NOT NULL DEFAULT now(),
  written_by  text NOT NULL DEFAULT current_user,
  client_addr inet DEFAULT inet_client_addr()
);
CREATE TRIGGER renumber_audit_append_only
  BEFORE UPDATE OR DELETE ON renumber_audit
  FOR EACH ROW EXECUTE FUNCTION renumber_refuse_change();
CREATE TRIGGER renumber_audit_no_truncate
  BEFORE TRUNCATE ON renumber_audit
  FOR EACH STATEMENT EXECUTE FUNCTION renumber_refuse_change();
)sql"},
};

constexpr const char* kVersionTable = R"sql(
CREATE TABLE IF NOT EXISTS renumber_schema_version (
  version     integer PRIMARY KEY,
  description text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now(),
  applied_by  text NOT NULL DEFAULT current_user
))sql";

}  // namespace

const std::vector<PgMigration>& PgMigrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations.back().version; }

Result<int> SchemaVersion(PgSession* session) {
  RN_ASSIGN_OR_RETURN(
      PgRows t,
      session->Exec(
          "SELECT to_regclass('renumber_schema_version') IS NOT NULL"));
  if (t.Text(0, 0) != "t") return 0;
  RN_ASSIGN_OR_RETURN(PgRows v,
                      session->Exec("SELECT coalesce(max(version), 0) FROM "
                                    "renumber_schema_version"));
  return std::stoi(v.Text(0, 0));
}

Result<std::vector<int>> MigrateSchema(PgSession* session, int target) {
  if (target <= 0) target = LatestSchemaVersion();
  std::vector<int> applied;
  for (const PgMigration& m : kMigrations) {
    if (m.version > target) break;
    // One transaction per migration: its DDL and its version row commit
    // together or not at all.
    RN_RETURN_IF_ERROR(session->ExecScript(
        std::string("BEGIN; SELECT pg_advisory_xact_lock(") + kMigrateLockKey +
        "); " + kVersionTable + ";"));
    auto current = SchemaVersion(session);
    if (!current.ok() || *current >= m.version) {
      (void)session->ExecScript("ROLLBACK");
      if (!current.ok()) return current.status();
      continue;
    }
    Status s = session->ExecScript(m.sql);
    if (s.ok())
      s = session
              ->Exec(
                  "INSERT INTO renumber_schema_version (version, "
                  "description) VALUES ($1, $2)",
                  {std::to_string(m.version), std::string(m.description)})
              .status();
    if (s.ok()) s = session->ExecScript("COMMIT");
    if (!s.ok()) {
      (void)session->ExecScript("ROLLBACK");
      return s.Annotate("migration " + std::to_string(m.version));
    }
    applied.push_back(m.version);
  }
  RN_ASSIGN_OR_RETURN(int now, SchemaVersion(session));
  if (now > target)
    return Status::PreconditionFailed(
        session->where() + ": the store's schema is version " +
            std::to_string(now) + ", newer than this renumber knows (" +
            std::to_string(target) + "): upgrade renumber",
        session->where() + ": ストアのスキーマはバージョン " +
            std::to_string(now) + " で、この renumber が対応している" +
            "バージョン（" + std::to_string(target) +
            "）より新しくなっています。renumber を更新してください");
  return applied;
}

Status CheckSchemaCurrent(PgSession* session) {
  RN_ASSIGN_OR_RETURN(int v, SchemaVersion(session));
  const int latest = LatestSchemaVersion();
  if (v == latest) return Status::Ok();
  if (v == 0)
    return Status::PreconditionFailed(
        session->where() +
            ": no renumber schema in this database: run `renumber store init "
            "--store …` once (as the database's owner)",
        session->where() +
            ": このデータベースには renumber のスキーマがありません。"
            "データベースの所有者として `renumber store init --store …` を"
            "一度実行してください");
  if (v < latest)
    return Status::PreconditionFailed(
        session->where() + ": the store's schema is version " +
            std::to_string(v) + ", this renumber needs " +
            std::to_string(latest) + ": run `renumber store migrate --store …`",
        session->where() + ": ストアのスキーマはバージョン " +
            std::to_string(v) + " ですが、この renumber にはバージョン " +
            std::to_string(latest) +
            " が必要です。`renumber store migrate --store …` "
            "を実行してください");
  return Status::PreconditionFailed(
      session->where() + ": the store's schema is version " +
          std::to_string(v) + ", newer than this renumber (" +
          std::to_string(latest) + "): upgrade renumber",
      session->where() + ": ストアのスキーマはバージョン " + std::to_string(v) +
          " で、この renumber が対応しているバージョン（" +
          std::to_string(latest) +
          "）より新しくなっています。renumber を更新してください");
}

}  // namespace renumber
