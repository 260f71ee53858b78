#include "src/store/pg_conninfo.h"

#include <libpq-fe.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <map>
#include <memory>

namespace renumber {
namespace {

// The CA bundle OpenSSL trusts by default ($SSL_CERT_FILE, else the
// distribution's bundle), as every other renumber connection does.
std::string SystemCaBundle() {
  const char* env = std::getenv(X509_get_default_cert_file_env());
  if (env && *env) return env;
  return X509_get_default_cert_file();
}

// key='value' with libpq's quoting.
std::string Quote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string Get(const std::map<std::string, std::string>& o,
                const std::string& key, const char* env = nullptr) {
  auto it = o.find(key);
  if (it != o.end() && !it->second.empty()) return it->second;
  const char* e = env ? std::getenv(env) : nullptr;
  return e ? e : "";
}

// True when every host is a Unix-socket directory (or none is given and
// $PGHOST does not name one: libpq's default is the local socket).
bool OnlyLocalSockets(const std::map<std::string, std::string>& o) {
  if (!Get(o, "hostaddr", "PGHOSTADDR").empty()) return false;
  std::string hosts = Get(o, "host", "PGHOST");
  if (hosts.empty()) return true;
  size_t start = 0;
  while (start <= hosts.size()) {
    size_t comma = hosts.find(',', start);
    std::string h = hosts.substr(
        start, comma == std::string::npos ? std::string::npos : comma - start);
    if (h.empty() || (h[0] != '/' && h[0] != '@')) return false;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return true;
}

}  // namespace

bool IsPostgresSpec(const std::string& spec) {
  return spec.rfind("postgresql://", 0) == 0 ||
         spec.rfind("postgres://", 0) == 0;
}

Result<PgConnInfo> PreparePgConnInfo(const std::string& spec,
                                     const std::string& ca_file,
                                     const std::string& application_name) {
  char* err = nullptr;
  std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> parsed(
      PQconninfoParse(spec.c_str(), &err), PQconninfoFree);
  if (!parsed) {
    std::string why = err ? err : "out of memory";
    if (err) PQfreemem(err);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    // libpq's message may quote the string; it holds no password we accept,
    // but say only what is wrong.
    return Status::InvalidArgument(
        "--store: not a PostgreSQL connection string (" + why + ")",
        "--store: PostgreSQL の接続文字列ではありません（" + why + "）");
  }
  std::map<std::string, std::string> o;
  for (PQconninfoOption* p = parsed.get(); p->keyword; ++p)
    if (p->val) o[p->keyword] = p->val;
  if (o.count("password"))
    return Status::InvalidArgument(
        "--store: the connection string holds a password; renumber never "
        "takes one on the command line or in $RENUMBER_STORE: put it in "
        "~/.pgpass (mode 0600; or the file $PGPASSFILE names) and remove it "
        "from the string",
        "--store: 接続文字列にパスワードが含まれています。renumber "
        "はコマンドラインや $RENUMBER_STORE でパスワードを受け付けません。"
        "パスワードは ~/.pgpass（モード 0600。または $PGPASSFILE "
        "で指定したファイル）に記載し、接続文字列からは削除してください");
  PgConnInfo out;
  const bool local = OnlyLocalSockets(o);
  std::string mode = Get(o, "sslmode");
  if (!local) {
    if (mode.empty()) mode = "verify-full";
    if (mode != "verify-full")
      return Status::InvalidArgument(
          "--store: sslmode=" + mode +
              " does not verify the server; renumber verifies every "
              "connection: leave sslmode out (verify-full) and name a private "
              "CA with sslrootcert=FILE or --ca-file",
          "--store: sslmode=" + mode +
              " ではサーバーの証明書が検証されません。renumber "
              "はすべての接続を検証します。sslmode を省略し（verify-full）、"
              "プライベート CA は sslrootcert=FILE または --ca-file "
              "で指定してください");
    o["sslmode"] = mode;
    if (Get(o, "sslrootcert").empty())
      o["sslrootcert"] = ca_file.empty() ? SystemCaBundle() : ca_file;
    out.tls = true;
  }
  if (Get(o, "connect_timeout").empty()) o["connect_timeout"] = "10";
  if (Get(o, "keepalives_idle").empty()) o["keepalives_idle"] = "10";
  if (Get(o, "keepalives_interval").empty()) o["keepalives_interval"] = "5";
  if (Get(o, "keepalives_count").empty()) o["keepalives_count"] = "3";
  if (Get(o, "tcp_user_timeout").empty()) o["tcp_user_timeout"] = "30000";
  if (!application_name.empty()) o["application_name"] = application_name;
  for (const auto& [k, v] : o)
    out.conninfo += (out.conninfo.empty() ? "" : " ") + k + "=" + Quote(v);

  std::string host = Get(o, "host", "PGHOST");
  if (host.empty()) host = Get(o, "hostaddr", "PGHOSTADDR");
  if (host.empty()) host = "local socket";
  std::string port = Get(o, "port", "PGPORT");
  std::string user = Get(o, "user", "PGUSER");
  std::string db = Get(o, "dbname", "PGDATABASE");
  out.where = "postgresql://" + (user.empty() ? "" : user + "@") + host +
              (port.empty() ? "" : ":" + port) + "/" + db;
  return out;
}

}  // namespace renumber
