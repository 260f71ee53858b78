#include "src/store/cmd_store.h"

#include <cstdio>
#include <map>
#include <memory>

#include "src/cli/app.h"
#include "src/cli/exit_codes.h"
#include "src/engine/state_dir.h"
#include "src/engine/text.h"
#include "src/i18n/i18n.h"
#include "src/model/paths.h"
#include "src/store/open_store.h"
#include "src/store/pg_schema.h"
#include "src/store/pg_store.h"

namespace renumber {
namespace {

using json = nlohmann::json;

struct StoreOptions {
  std::string store, ca_file, state_dir;
  bool json = false;
};

int Fail(const GlobalOptions& g, const StoreOptions& o, const Status& s) {
  std::fprintf(stderr, "%s\n",
               Tr(g.lang, "cli.error", Localized(s, g.lang)).c_str());
  const int code = ExitCodeFor(s);
  if (o.json)
    std::printf(
        "%s\n",
        json({{"error", s.message()}, {"exit_code", code}}).dump(2).c_str());
  return code;
}

void Say(const std::string& line) { std::printf("%s\n", line.c_str()); }

// The PostgreSQL store of `o`, without the schema check (init and migrate
// are how the schema gets current).
Result<std::unique_ptr<PgStore>> OpenRaw(const StoreOptions& o,
                                         const char* sub) {
  const std::string spec = ChosenStoreSpec(o.store);
  RN_RETURN_IF_ERROR(ValidateStoreSpec(spec));
  if (!IsSharedStoreSpec(spec))
    return Status::InvalidArgument(Tr(Lang::kEn, "store.needs_pg", sub),
                                   Tr(Lang::kJa, "store.needs_pg", sub));
  return OpenPgStore(spec, o.ca_file,
                     std::string("renumber store ") + sub + " " + OsUserName() +
                         "@" + HostName(),
                     RealClock(), /*check_schema=*/false);
}

std::string Descriptions(const std::vector<int>& versions) {
  std::string out;
  for (int v : versions)
    out += (out.empty() ? "" : "; ") + std::to_string(v) + " " +
           PgMigrations()[v - 1].description;
  return out;
}

int RunInit(const GlobalOptions& g, const StoreOptions& o) {
  auto store = OpenRaw(o, "init");
  if (!store.ok()) return Fail(g, o, store.status());
  PgSession* s = (*store)->session();
  auto version = SchemaVersion(s);
  if (!version.ok()) return Fail(g, o, version.status());
  const int latest = LatestSchemaVersion();
  if (*version == latest) {
    Say(Tr(g.lang, "store.already", s->where(), latest));
    return kExitOk;
  }
  if (*version != 0)
    return Fail(
        g, o,
        Status::PreconditionFailed(
            Tr(Lang::kEn, "store.init_older", s->where(), *version, latest),
            Tr(Lang::kJa, "store.init_older", s->where(), *version, latest)));
  auto applied = MigrateSchema(s);
  if (!applied.ok()) return Fail(g, o, applied.status());
  Say(Tr(g.lang, "store.initialized", s->where(), latest,
         Descriptions(*applied)));
  return kExitOk;
}

int RunMigrate(const GlobalOptions& g, const StoreOptions& o) {
  auto store = OpenRaw(o, "migrate");
  if (!store.ok()) return Fail(g, o, store.status());
  PgSession* s = (*store)->session();
  auto before = SchemaVersion(s);
  if (!before.ok()) return Fail(g, o, before.status());
  if (*before == 0) return Fail(g, o, CheckSchemaCurrent(s));
  auto applied = MigrateSchema(s);
  if (!applied.ok()) return Fail(g, o, applied.status());
  if (applied->empty()) {
    Say(Tr(g.lang, "store.current", s->where(), *before));
  } else {
    Say(Tr(g.lang, "store.migrated", s->where(), *before, applied->back(),
           Descriptions(*applied)));
  }
  return kExitOk;
}

// "prepared 10, failed 1" per campaign, from the accounts table.
std::map<std::string, std::map<std::string, int>> ByCampaign(
    const std::vector<StoredAccount>& accounts) {
  std::map<std::string, std::map<std::string, int>> out;
  for (const StoredAccount& a : accounts) {
    const std::string what = a.result == "done" || a.result == "nothing-to-do"
                                 ? (a.state.empty() ? a.result : a.state)
                                 : a.result;
    ++out[a.campaign][what];
  }
  return out;
}

std::string Campaigns(const std::vector<StoredAccount>& accounts, Lang lang,
                      json* doc) {
  std::string out = Tr(lang, "store.status.campaigns") + "\n";
  auto by = ByCampaign(accounts);
  if (by.empty()) out += Tr(lang, "store.status.no_campaigns") + "\n";
  for (const auto& [campaign, counts] : by) {
    std::string parts;
    int total = 0;
    for (const auto& [what, n] : counts) {
      parts += (parts.empty() ? "" : ", ") + what + " " + std::to_string(n);
      total += n;
    }
    out += Tr(lang, "store.status.campaign", campaign, total, parts) + "\n";
    (*doc)["campaigns"][campaign] = counts;
  }
  return out;
}

int RunLocalStatus(const GlobalOptions& g, const StoreOptions& o) {
  StoreOpenOptions so;
  so.state_dir = ResolveStateDir(o.state_dir);
  so.fs = PosixFileSystem();
  so.clock = RealClock();
  // As `renumber status`: a missing state dir has no campaigns, one that is
  // not the user's own is refused, the journals are read through it.
  auto state = OpenStateDir(PosixFileSystem(), so.state_dir, /*create=*/false);
  if (!state.ok() && !state.status().Is(Code::kNotFound))
    return Fail(g, o, state.status());
  if (state.ok()) so.fs = state->fs.get();
  auto store = OpenCampaignStore(so);
  if (!store.ok()) return Fail(g, o, store.status());
  auto accounts = (*store)->Accounts("");
  if (!accounts.ok()) return Fail(g, o, accounts.status());
  json doc = {{"store", (*store)->Where()},
              {"shared", false},
              {"campaigns", json::object()}};
  std::string text = Tr(g.lang, "store.status.local", (*store)->Where()) +
                     "\n" + Campaigns(*accounts, g.lang, &doc);
  std::fputs(text.c_str(), o.json ? stderr : stdout);
  if (o.json) Say(doc.dump(2));
  return kExitOk;
}

int RunStatus(const GlobalOptions& g, const StoreOptions& o) {
  if (!IsSharedStoreSpec(ChosenStoreSpec(o.store))) {
    if (Status s = ValidateStoreSpec(ChosenStoreSpec(o.store)); !s.ok())
      return Fail(g, o, s);
    return RunLocalStatus(g, o);
  }
  auto store = OpenRaw(o, "status");
  if (!store.ok()) return Fail(g, o, store.status());
  PgStore& st = **store;
  auto version = SchemaVersion(st.session());
  if (!version.ok()) return Fail(g, o, version.status());
  const int latest = LatestSchemaVersion();
  json doc = {{"store", st.Where()},
              {"shared", true},
              {"server_version", st.session()->server_version()},
              {"schema_version", *version},
              {"latest_schema_version", latest},
              {"connections", json::array()},
              {"locks", json::array()},
              {"campaigns", json::object()}};
  std::string text = Tr(g.lang, "store.status.store", st.Where(),
                        st.session()->server_version()) +
                     "\n" +
                     Tr(g.lang, "store.status.schema", *version, latest) + "\n";
  Status current = CheckSchemaCurrent(st.session());
  if (!current.ok()) {
    text += Tr(g.lang, "store.status.schema_action", current.message()) + "\n";
  }
  auto conns = st.Connections();
  if (!conns.ok()) return Fail(g, o, conns.status());
  text += Tr(g.lang, "store.status.connections", conns->size()) + "\n";
  for (const PgConnectionInfo& c : *conns) {
    text += Tr(g.lang, "store.status.connection", c.pid, c.user, c.client,
               c.since, c.state, c.application) +
            "\n";
    doc["connections"].push_back({{"pid", c.pid},
                                  {"user", c.user},
                                  {"client", c.client},
                                  {"since", c.since},
                                  {"state", c.state},
                                  {"application", c.application}});
  }
  if (current.ok()) {
    auto held = st.HeldLocks();
    if (!held.ok()) return Fail(g, o, held.status());
    text += Tr(g.lang, "store.status.locks", held->size()) + "\n";
    for (const HeldLock& h : *held)
      text += Tr(g.lang, "store.held_line", h.account, InLang(h.holder, g.lang),
                 h.client) +
              "\n";
    doc["locks"] = HeldLocksJson(*held);
    auto accounts = st.Accounts("");
    if (!accounts.ok()) return Fail(g, o, accounts.status());
    text += Campaigns(*accounts, g.lang, &doc);
  }
  std::fputs(text.c_str(), o.json ? stderr : stdout);
  const int code = current.ok() ? kExitOk : kExitNotExpected;
  if (o.json) {
    doc["exit_code"] = code;
    Say(doc.dump(2));
  }
  return code;
}

void AddFlags(CLI::App* cmd, StoreOptions* o) {
  AddStoreOption(cmd, &o->store);
  cmd->add_option("--ca-file", o->ca_file,
                  "extra CA (PEM) to trust for the server; verification is "
                  "always on");
  cmd->add_flag("--json", o->json, "one JSON document on stdout");
}

}  // namespace

void AddStoreOption(CLI::App* cmd, std::string* spec) {
  cmd->add_option("--store", *spec,
                  "campaign store shared by a team: a PostgreSQL connection "
                  "string (postgresql://user@host/db; password from "
                  "~/.pgpass, TLS verified). Default $RENUMBER_STORE, else "
                  "the local state directory");
}

std::string RenderHeldLocks(const std::vector<HeldLock>& held,
                            const std::string& where, Lang lang) {
  if (held.empty()) return Tr(lang, "store.held_none", where) + "\n";
  std::string out = Tr(lang, "store.held", where) + "\n";
  for (const HeldLock& h : held)
    out += Tr(lang, "store.held_line", h.account, InLang(h.holder, lang),
              h.client) +
           "\n";
  return out;
}

json HeldLocksJson(const std::vector<HeldLock>& held) {
  json out = json::array();
  for (const HeldLock& h : held)
    out.push_back({{"account", h.account},
                   {"holder", h.holder.en},
                   {"client", h.client}});
  return out;
}

void RegisterStoreCommands(CLI::App& app, GlobalOptions& global,
                           CommandRun& run) {
  CLI::App* store = app.add_subcommand(
      "store",
      "The campaign store a team shares (PostgreSQL): create and upgrade its "
      "schema, and see who is connected and which accounts are locked.");
  store->require_subcommand(1);
  store->footer(
      "Examples:\n"
      "  renumber store init --store "
      "postgresql://renumber@db.example/renumber\n"
      "  export RENUMBER_STORE=postgresql://renumber@db.example/renumber\n"
      "  renumber store migrate\n"
      "  renumber store status --json\n");
  struct Sub {
    const char* name;
    const char* help;
    int (*fn)(const GlobalOptions&, const StoreOptions&);
  };
  static const Sub kSubs[] = {
      {"init",
       "create the schema in an empty database (run once, as the "
       "database's owner); an initialized store is left alone",
       RunInit},
      {"migrate", "apply the schema migrations this renumber brings",
       RunMigrate},
      {"status",
       "the store, its schema version, renumber connections, locks held "
       "(who, what, where) and each campaign's accounts by state",
       RunStatus},
  };
  for (const Sub& sub : kSubs) {
    auto o = std::make_shared<StoreOptions>();
    CLI::App* cmd = store->add_subcommand(sub.name, sub.help);
    AddFlags(cmd, o.get());
    if (std::string(sub.name) == "status")
      cmd->add_option("--state-dir", o->state_dir,
                      "without a PostgreSQL store: the local state directory");
    auto fn = sub.fn;
    cmd->callback([o, fn, &global, &run] {
      run = [o, fn, &global] { return fn(global, *o); };
    });
  }
}

}  // namespace renumber
