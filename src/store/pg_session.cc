#include "src/store/pg_session.h"

#include <libpq-fe.h>

namespace renumber {

struct PgSession::Conn {
  PGconn* pg = nullptr;
  ~Conn() {
    if (pg) PQfinish(pg);
  }
};

namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// libpq's messages run over several lines (and repeat themselves when a
// connection dies): the first line says it.
std::string FirstLine(const char* text) {
  std::string s = text ? text : "";
  size_t nl = s.find('\n');
  return Trim(nl == std::string::npos ? s : s.substr(0, nl));
}

bool Has(const std::string& s, const char* part) {
  return s.find(part) != std::string::npos;
}

// What a failed connection attempt means for the user.
// libpq's text (`why`) is kept as it is in both languages.
Status ConnectError(const std::string& where, const std::string& why) {
  const std::string m = where + ": cannot connect: " + why;
  const std::string ja =
      where +
      ": 作業記録の共有ストア（PostgreSQL）への接続に失敗しました: " + why;
  if (Has(why, "no password supplied"))
    return Status::Unauthorized(
        m + " (put the password in ~/.pgpass, mode 0600, or the file "
            "$PGPASSFILE names)",
        ja + "。パスワードは ~/.pgpass（モード 0600）または $PGPASSFILE "
             "で指定したファイルに記載してください");
  if (Has(why, "password authentication failed") ||
      Has(why, "authentication failed"))
    return Status::Unauthorized(m, ja);
  if (Has(why, "certificate") || Has(why, "SSL") || Has(why, "pg_hba.conf"))
    return Status::Forbidden(m, ja);
  if (Has(why, "timeout expired")) return Status::Timeout(m, ja);
  if (Has(why, "does not exist") && Has(why, "database"))
    return Status::NotFound(m, ja);
  return Status::Unavailable(m, ja);
}

Status SqlError(const std::string& where, PGresult* res,
                const std::string& message) {
  const char* state_c = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : "";
  const std::string state = state_c ? state_c : "";
  const std::string m = where + ": " + message;
  // What failed in Japanese, then PostgreSQL's own text as it is.
  auto ja = [&where, &message](const char* what) {
    return where + ": 作業記録の共有ストア（PostgreSQL）" + what + ": " +
           message;
  };
  if (state == "57014")
    return Status::Timeout(m, ja("での処理が時間内に終わりませんでした"));
  if (state == "42P01" || state == "42883")
    return Status::PreconditionFailed(
        m + " (no renumber schema here: run `renumber store init`)",
        ja("に renumber のスキーマがありません") +
            "（`renumber store init` を実行してください）");
  if (state.rfind("23", 0) == 0)
    return Status::Conflict(m, ja("で既存のデータと競合しました"));
  if (state == "42501")
    return Status::Forbidden(m, ja("での操作が許可されていません"));
  if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0)
    return Status::Unavailable(m, ja("との接続に問題が発生しました"));
  return Status::Internal(m, ja("での処理に失敗しました"));
}

// A connection failure's lines, joined into one ("…failed: Connection
// refused; Is the server running…").
std::string OneLine(const char* text) {
  std::string out, line;
  std::string s = text ? text : "";
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    line = s.substr(start, nl == std::string::npos ? nl : nl - start);
    start = nl == std::string::npos ? s.size() : nl + 1;
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    line = line.substr(b);
    if (out.find(line) != std::string::npos) continue;  // said already
    out += (out.empty() ? "" : "; ") + line;
  }
  return out;
}

}  // namespace

PgSession::PgSession(std::unique_ptr<Conn> conn, std::string where)
    : conn_(std::move(conn)), where_(std::move(where)) {}

PgSession::~PgSession() = default;

Result<std::unique_ptr<PgSession>> PgSession::Connect(const PgConnInfo& info) {
  auto conn = std::make_unique<Conn>();
  conn->pg = PQconnectdb(info.conninfo.c_str());
  if (!conn->pg)
    return Status::Unavailable(
        info.where + ": out of memory",
        info.where + ": メモリが不足しているため接続できませんでした");
  if (PQstatus(conn->pg) != CONNECTION_OK)
    return ConnectError(info.where, OneLine(PQerrorMessage(conn->pg)));
  std::unique_ptr<PgSession> s(new PgSession(std::move(conn), info.where));
  s->backend_pid_ = PQbackendPID(s->conn_->pg);
  int v = PQserverVersion(s->conn_->pg);
  s->server_version_ =
      std::to_string(v / 10000) + "." + std::to_string(v % 10000);
  // Every journal record is durable when its INSERT returns, whatever the
  // server's default; no statement waits forever.
  RN_RETURN_IF_ERROR(s->ExecScript(
      "SET synchronous_commit TO on; SET statement_timeout TO '30s'; "
      "SET client_min_messages TO warning"));
  return s;
}

Status PgSession::Lost(const std::string& what) {
  broken_ = true;
  broken_reason_ = what;
  return Status::Unavailable(
      where_ + ": the connection to the campaign store was lost (" + what +
          "); nothing more is written in this run — run the command again "
          "once the store is back",
      where_ + ": 作業記録の共有ストアとの接続が切れました（" + what +
          "）。この実行ではこれ以上書き込みません。ストアが復旧してから"
          "コマンドを再度実行してください");
}

Result<PgRows> PgSession::Exec(const std::string& sql,
                               const std::vector<PgValue>& params) {
  std::lock_guard<std::mutex> l(mu_);
  if (broken_)
    return Status::Unavailable(
        where_ +
            ": the connection to the campaign store was lost earlier in "
            "this run (" +
            broken_reason_ + "); run the command again once the store is back",
        where_ +
            ": この実行の途中で作業記録の共有ストアとの接続が切れています（" +
            broken_reason_ +
            "）。ストアが復旧してからコマンドを再度実行してください");
  std::vector<const char*> values;
  for (const PgValue& p : params) values.push_back(p ? p->c_str() : nullptr);
  std::unique_ptr<PGresult, void (*)(PGresult*)> res(
      PQexecParams(conn_->pg, sql.c_str(), static_cast<int>(values.size()),
                   nullptr, values.data(), nullptr, nullptr, 0),
      PQclear);
  ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    std::string message = FirstLine(PQerrorMessage(conn_->pg));
    if (PQstatus(conn_->pg) == CONNECTION_BAD) return Lost(message);
    return SqlError(where_, res.get(), message);
  }
  PgRows out;
  const int n = PQntuples(res.get()), cols = PQnfields(res.get());
  out.rows.reserve(static_cast<size_t>(n));
  for (int r = 0; r < n; ++r) {
    PgRow row;
    for (int c = 0; c < cols; ++c)
      row.push_back(PQgetisnull(res.get(), r, c)
                        ? PgValue()
                        : PgValue(PQgetvalue(res.get(), r, c)));
    out.rows.push_back(std::move(row));
  }
  const char* affected = PQcmdTuples(res.get());
  out.affected = affected && *affected ? std::atol(affected) : 0;
  return out;
}

Status PgSession::ExecScript(const std::string& sql) {
  std::lock_guard<std::mutex> l(mu_);
  if (broken_)
    return Status::Unavailable(
        where_ + ": the connection was lost earlier (" + broken_reason_ + ")",
        where_ + ": 先に接続が切れています（" + broken_reason_ + "）");
  std::unique_ptr<PGresult, void (*)(PGresult*)> res(
      PQexec(conn_->pg, sql.c_str()), PQclear);
  ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::Ok();
  std::string message = FirstLine(PQerrorMessage(conn_->pg));
  if (PQstatus(conn_->pg) == CONNECTION_BAD) return Lost(message);
  return SqlError(where_, res.get(), message);
}

}  // namespace renumber
