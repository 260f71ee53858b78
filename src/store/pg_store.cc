#include "src/store/pg_store.h"

#include <unistd.h>

#include "src/store/pg_schema.h"

namespace renumber {
namespace {

using json = nlohmann::json;

// SQL for an RFC 3339 UTC text of a timestamptz column.
#define RN_UTC(col) \
  "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

// Rows of lines → journal contents; positions are 1-based like file lines.
JournalContents Decode(const PgRows& rows, size_t column, size_t from,
                       size_t to, JournalRead read) {
  JournalContents out;
  for (size_t i = from; i < to; ++i)
    DecodeJournalLineInto(rows.Text(i, column), static_cast<int>(i - from + 1),
                          read, &out);
  return out;
}

class PgSink : public JournalSink {
 public:
  PgSink(PgStore* store, std::string campaign)
      : store_(store), campaign_(std::move(campaign)) {}

  Status Append(json record) override {
    if (!record.contains("t")) record["t"] = store_->clock()->Now().ToRfc3339();
    std::string line = EncodeJournalLine(record);
    line.pop_back();  // the newline: one row is one line
    auto text = [&](const char* key) -> PgValue {
      auto it = record.find(key);
      if (it == record.end() || !it->is_string()) return PgValue();
      return it->get<std::string>();
    };
    const PgValue account = text("account");
    return store_->SessionFor(account.value_or(""))
        ->Exec(
            "WITH j AS (INSERT INTO renumber_journal (campaign, line, account, "
            "type, operator) VALUES ($1, $2, $3, $4, $5) RETURNING seq) "
            "INSERT INTO renumber_accounts (campaign, account, phase, result, "
            "state, operator, updated_at) "
            "SELECT $1, $3, $6, $7, $8, $5, now() FROM j "
            "WHERE $4::text = 'account-end' AND $3::text IS NOT NULL "
            "ON CONFLICT (campaign, account) DO UPDATE SET "
            "phase = EXCLUDED.phase, result = EXCLUDED.result, "
            "state = EXCLUDED.state, operator = EXCLUDED.operator, "
            "updated_at = EXCLUDED.updated_at "
            // A run refused (the account held elsewhere, a gate) changed
            // nothing: the account keeps its last state.
            "WHERE EXCLUDED.result IS DISTINCT FROM 'refused'",
            {campaign_, line, account, text("type"), text("operator"),
             text("phase"), text("result"), text("state")})
        .status()
        .Annotate("journal");
  }

 private:
  PgStore* store_;
  std::string campaign_;
};

class PgLock : public FileLock {
 public:
  PgLock(PgSession* session, std::string account, int64_t key)
      : session_(session), account_(std::move(account)), key_(key) {}
  ~PgLock() override {
    // A lost connection has released it already.
    (void)session_->Exec(
        "WITH d AS (DELETE FROM renumber_locks WHERE account = $1 AND "
        "backend_pid = pg_backend_pid()) SELECT pg_advisory_unlock($2)",
        {account_, std::to_string(key_)});
  }
  Status WriteInfo(std::string_view info) override {
    return session_
        ->Exec(
            "UPDATE renumber_locks SET holder = $2::jsonb WHERE account = "
            "$1 AND backend_pid = pg_backend_pid()",
            {account_, std::string(info)})
        .status();
  }

 private:
  PgSession* session_;
  std::string account_;
  int64_t key_;
};

class PgLocker : public AccountLocker {
 public:
  PgLocker(PgStore* store, LockHolder me) : store_(store), me_(std::move(me)) {
    if (me_.since.empty()) me_.since = store_->clock()->Now().ToRfc3339();
  }

  Result<std::unique_ptr<FileLock>> Acquire(const AccountKey& account,
                                            std::chrono::milliseconds wait,
                                            Text* holder_out) override {
    const std::string name = account.ToString();
    PgSession* s = store_->SessionFor(name);
    Clock* clock = store_->clock();
    const int64_t key = AccountLockKey(name);
    const std::string key_text = std::to_string(key);
    auto deadline = clock->Steady() + wait;
    for (;;) {
      RN_ASSIGN_OR_RETURN(
          PgRows got, s->Exec("SELECT pg_try_advisory_lock($1)", {key_text}));
      if (got.Text(0, 0) == "t") {
        auto lock = std::make_unique<PgLock>(s, name, key);
        RN_RETURN_IF_ERROR(
            s->Exec("INSERT INTO renumber_locks (account, lock_key, "
                    "backend_pid, holder) VALUES ($1, $2, pg_backend_pid(), "
                    "$3::jsonb) ON CONFLICT (account) DO UPDATE SET "
                    "lock_key = EXCLUDED.lock_key, backend_pid = "
                    "EXCLUDED.backend_pid, holder = EXCLUDED.holder, "
                    "taken_at = now()",
                    {name, key_text, me_.ToJson()})
                .status());
        return std::unique_ptr<FileLock>(std::move(lock));
      }
      if (clock->Steady() >= deadline) {
        RN_ASSIGN_OR_RETURN(Text who, Holder(name, key));
        if (holder_out) *holder_out = who;
        return Status::PreconditionFailed("being worked on by " + who.en,
                                          who.ja + " が作業中です");
      }
      clock->SleepFor(std::chrono::milliseconds(200));
    }
  }

 private:
  // Who holds `account`'s lock now, as LockHolder::Describe says it, with
  // the address the holder connects from.
  Result<Text> Holder(const std::string& account, int64_t key) {
    const uint64_t u = static_cast<uint64_t>(key);
    RN_ASSIGN_OR_RETURN(
        PgRows r,
        store_->SessionFor(account)->Exec(
            "SELECT h.holder::text, coalesce(host(a.client_addr), 'a local "
            "socket') FROM pg_locks l "
            "JOIN renumber_locks h ON h.backend_pid = l.pid AND h.account = $1 "
            "LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
            "AND l.classid = $2::bigint::oid AND l.objid = $3::bigint::oid "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = "
            "current_database())",
            {account, std::to_string(u >> 32),
             std::to_string(u & 0xFFFFFFFFu)}));
    if (r.rows.empty())
      return Text{"another renumber run", "別の renumber の実行"};
    Text who = LockHolder::Describe(r.Text(0, 0));
    const std::string from = r.Text(0, 1);
    return Text{who.en + ", connected from " + from,
                who.ja + "（接続元 " + from + "）"};
  }

  PgStore* store_;
  LockHolder me_;
};

}  // namespace

int64_t AccountLockKey(const std::string& account) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : "renumber:" + account) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<int64_t>(h);
}

PgStore::PgStore(std::vector<std::unique_ptr<PgSession>> sessions, Clock* clock,
                 std::string host)
    : sessions_(std::move(sessions)), clock_(clock), host_(std::move(host)) {}

PgSession* PgStore::SessionFor(const std::string& account) {
  if (account.empty() || sessions_.size() == 1) return sessions_[0].get();
  const uint64_t h = static_cast<uint64_t>(AccountLockKey(account));
  return sessions_[h % sessions_.size()].get();
}

PgStore::~PgStore() = default;

Result<JournalContents> PgStore::ReadJournal(const std::string& campaign,
                                             JournalRead read) {
  RN_ASSIGN_OR_RETURN(PgRows r,
                      session()->Exec("SELECT line FROM renumber_journal WHERE "
                                      "campaign = $1 ORDER BY seq",
                                      {campaign}));
  return Decode(r, 0, 0, r.rows.size(), read);
}

Result<std::vector<CampaignJournal>> PgStore::ReadJournals() {
  RN_ASSIGN_OR_RETURN(
      PgRows r, session()->Exec("SELECT campaign, line FROM "
                                "renumber_journal ORDER BY campaign, seq"));
  std::vector<CampaignJournal> out;
  size_t start = 0;
  for (size_t i = 1; i <= r.rows.size(); ++i) {
    if (i < r.rows.size() && r.Text(i, 0) == r.Text(start, 0)) continue;
    const std::string campaign = r.Text(start, 0);
    out.push_back({campaign, campaign + ".journal",
                   Decode(r, 1, start, i, JournalRead::kWhole)});
    start = i;
  }
  return out;
}

Result<std::unique_ptr<JournalSink>> PgStore::OpenJournal(
    const std::string& campaign) {
  return std::unique_ptr<JournalSink>(new PgSink(this, campaign));
}

Result<std::unique_ptr<AccountLocker>> PgStore::Locks(LockHolder me) {
  return std::unique_ptr<AccountLocker>(new PgLocker(this, std::move(me)));
}

Result<std::vector<HeldLock>> PgStore::HeldLocks() {
  RN_ASSIGN_OR_RETURN(
      PgRows r,
      session()->Exec(
          "SELECT h.account, h.holder::text, coalesce(host(a.client_addr), "
          "'a local socket') FROM renumber_locks h "
          "JOIN pg_locks l ON l.pid = h.backend_pid AND l.locktype = "
          "'advisory' AND l.granted AND l.objsubid = 1 "
          "AND l.classid = ((h.lock_key >> 32) & 4294967295)::oid "
          "AND l.objid = (h.lock_key & 4294967295)::oid "
          "AND l.database = (SELECT oid FROM pg_database WHERE datname = "
          "current_database()) "
          "LEFT JOIN pg_stat_activity a ON a.pid = h.backend_pid "
          "ORDER BY h.account"));
  std::vector<HeldLock> out;
  for (size_t i = 0; i < r.rows.size(); ++i)
    out.push_back(
        {r.Text(i, 0), LockHolder::Describe(r.Text(i, 1)), r.Text(i, 2)});
  return out;
}

Result<std::vector<StoredAccount>> PgStore::Accounts(
    const std::string& campaign) {
  RN_ASSIGN_OR_RETURN(
      PgRows r,
      session()->Exec("SELECT campaign, account, coalesce(phase, ''), "
                      "coalesce(result, ''), coalesce(state, ''), "
                      "coalesce(operator, ''), " RN_UTC(
                          "updated_at") " FROM renumber_accounts WHERE $1 = '' "
                                        "OR campaign = $1 "
                                        "ORDER BY campaign, account",
                      {campaign}));
  std::vector<StoredAccount> out;
  for (size_t i = 0; i < r.rows.size(); ++i)
    out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3),
                   r.Text(i, 4), r.Text(i, 5), r.Text(i, 6)});
  return out;
}

Status PgStore::CopyAudit(const std::string& vault,
                          const std::vector<std::string>& lines) {
  if (lines.empty()) return Status::Ok();
  return session()
      ->Exec(
          "INSERT INTO renumber_audit (vault, line, host) SELECT $1, x, $3 "
          "FROM json_array_elements_text($2::json) WITH ORDINALITY AS "
          "t(x, n) ORDER BY n",
          {vault, json(lines).dump(), host_})
      .status()
      .Annotate("audit copy", "監査記録の複製");
}

Result<std::vector<PgConnectionInfo>> PgStore::Connections() {
  RN_ASSIGN_OR_RETURN(
      PgRows r,
      session()->Exec(
          "SELECT pid, coalesce(usename, ''), application_name, "
          "coalesce(host(client_addr), 'local socket'), " RN_UTC(
              "backend_start") ", coalesce(state, '') "
                               "FROM pg_stat_activity WHERE datname = "
                               "current_database() "
                               "AND application_name LIKE 'renumber%' ORDER BY "
                               "backend_start"));
  std::vector<PgConnectionInfo> out;
  for (size_t i = 0; i < r.rows.size(); ++i)
    out.push_back({std::stoi(r.Text(i, 0)), r.Text(i, 1), r.Text(i, 2),
                   r.Text(i, 3), r.Text(i, 4), r.Text(i, 5)});
  return out;
}

Result<std::unique_ptr<PgStore>> OpenPgStore(
    const std::string& spec, const std::string& ca_file,
    const std::string& application_name, Clock* clock, bool check_schema,
    int connections) {
  RN_ASSIGN_OR_RETURN(PgConnInfo info,
                      PreparePgConnInfo(spec, ca_file, application_name));
  std::vector<std::unique_ptr<PgSession>> sessions;
  RN_ASSIGN_OR_RETURN(auto first, PgSession::Connect(info));
  if (check_schema) RN_RETURN_IF_ERROR(CheckSchemaCurrent(first.get()));
  sessions.push_back(std::move(first));
  while (static_cast<int>(sessions.size()) < connections) {
    RN_ASSIGN_OR_RETURN(auto more, PgSession::Connect(info));
    sessions.push_back(std::move(more));
  }
  char host[256] = "?";
  gethostname(host, sizeof host - 1);
  return std::make_unique<PgStore>(std::move(sessions), clock, host);
}

}  // namespace renumber
