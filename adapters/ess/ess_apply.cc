#include "adapters/ess/ess_apply.h"

#include "adapters/ess/ess_apply_internal.h"
#include "adapters/ess/ess_changes.h"
#include "adapters/ess/ess_read.h"

namespace renumber {
namespace ess {
namespace {

using nlohmann::json;
using OutboundDecide =
    std::function<Result<Step>(const OutboundList&, const Progress&)>;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

Result<ApplyOutcome> OnOutbound(const ApplyEnv& env,
                                const OutboundDecide& decide) {
  OutboundList fresh;
  ReadFn read = [&]() -> Result<std::string> {
    RN_ASSIGN_OR_RETURN(fresh, env.client->GetOutbound());
    return fresh.etag;
  };
  return RunWriteLoop(env.client, read,
                      [&](const Progress& p) { return decide(fresh, p); });
}

json ServerResult(const OutboundServer& s) {
  return {{"server_id", s.id}, {"address", s.address}, {"note", s.note}};
}

// add-outbound and restore-outbound.
Result<ApplyOutcome> ApplyAddOutbound(const ApplyEnv& env,
                                      const ChangeParams& p) {
  auto ip = IpAddress::Parse(p.address);
  if (!ip.ok())
    return ip.status().Annotate("ESS add-outbound params",
                                "ESS の送信サーバー追加の内容");
  return OnOutbound(
      env, [&](const OutboundList& l, const Progress& pr) -> Result<Step> {
        if (const OutboundServer* s = FindOutboundExact(l, *ip)) {
          json result = ServerResult(*s);
          result["created"] = pr.wrote();
          return Step::Done(result);
        }
        if (p.cidr_ok && OutboundCovers(l, *ip))
          return Step::Done({{"address", p.address},
                             {"created", false},
                             {"covered_by_cidr", true}});
        json body = {{"address", p.address}};
        if (!p.note.empty()) body["note"] = p.note;
        return Step::Post(kOutboundPath, body);
      });
}

// delete-outbound (old) and remove-added-outbound (rollback of prepare).
Result<ApplyOutcome> ApplyDeleteOutbound(const ApplyEnv& env,
                                         const ChangeParams& p, bool old_side) {
  std::string seen_note = p.server_note;
  return OnOutbound(
      env, [&](const OutboundList& l, const Progress& pr) -> Result<Step> {
        const std::string path = OutboundDeletePath(p.server_id);
        const OutboundServer* s = FindOutboundById(l, p.server_id);
        if (!s) {
          return Step::Done({{"server_id", p.server_id},
                             {"address", p.address},
                             {"note", seen_note},
                             {"deleted", pr.wrote()}});
        }
        seen_note = s->note;
        const IpAddress& expected =
            old_side ? env.target->old_ip : env.target->new_ip;
        if (!AddressIs(s->address, expected))
          return Refuse(env, path,
                        {"outbound server " + s->id + " (" + s->address +
                             ") changed address",
                         "送信サーバー " + s->id + "（" + s->address +
                             "）のアドレスが変わっています"});
        if (old_side && !OutboundCovers(l, env.target->new_ip, s->id))
          return Refuse(env, path,
                        {"the new IP " + env.target->new_ip.ToString() +
                             " is not among the outbound servers",
                         "新 IP " + env.target->new_ip.ToString() +
                             " が送信サーバーに含まれていません"});
        if (l.servers.size() < 2)
          return Refuse(env, path,
                        {"it is the last outbound server",
                         "最後の送信サーバーのため削除できません"});
        return Step::Post(path, DeleteBody(p));
      });
}

}  // namespace

Status Refuse(const ApplyEnv& env, const std::string& path, const Text& why) {
  const std::string call = env.client->CallName("POST", path);
  return Status::PreconditionFailed(call + " not sent: " + why.en,
                                    call + " は送信していません: " + why.ja);
}

Result<ChangeParams> DecodeParams(const Change& change) {
  const json& j = change.params;
  if (!j.is_object())
    return Status::Internal(
        "ESS change " + change.id + ": params not an object",
        "ESS の変更 " + change.id + ": 内容がオブジェクトではありません");
  ChangeParams p;
  p.domain = Str(j, "domain");
  p.route_id = Str(j, "route_id");
  p.server_id = Str(j, "server_id");
  p.address = Str(j, "address");
  p.role = Str(j, "role");
  p.reason = Str(j, "reason");
  p.note = Str(j, "note");
  p.ticket = Str(j, "ticket");
  p.server_note = Str(j, "server_note");
  auto port = j.find("port");
  if (port != j.end() && port->is_number_integer()) p.port = port->get<int>();
  p.name = Str(j, "name");
  p.replacement = Str(j, "replacement");
  if (auto a = j.find("anchor"); a != j.end()) p.anchor = *a;
  if (auto pos = j.find("position"); pos != j.end() && pos->is_number_integer())
    p.position = pos->get<int>();
  auto cidr_ok = j.find("cidr_ok");
  p.cidr_ok =
      cidr_ok != j.end() && cidr_ok->is_boolean() && cidr_ok->get<bool>();
  return p;
}

json DeleteBody(const ChangeParams& p) {
  json body = {{"reason", p.reason}, {"note", p.note}};
  if (!p.ticket.empty()) body["ticket"] = p.ticket;
  return body;
}

Result<ApplyOutcome> ApplyChange(EssClient* client, Clock* clock,
                                 const Change& change, const Target& target) {
  RN_ASSIGN_OR_RETURN(ChangeParams p, DecodeParams(change));
  const ApplyEnv env{client, clock, &target};
  const std::string& k = change.kind;
  const bool needs_route_id =
      k == kind::kCheckRoute || k == kind::kPromoteRoute ||
      k == kind::kDemoteRoute || k == kind::kDeleteRoute ||
      k == kind::kRemoveAddedRoute || k == kind::kLeaveNamedRoute;
  const bool needs_server_id =
      k == kind::kDeleteOutbound || k == kind::kRemoveAddedOutbound;
  const bool needs_name =
      k == kind::kJoinNamedRoute || k == kind::kLeaveNamedRoute;
  if ((needs_route_id && p.route_id.empty()) ||
      (needs_server_id && p.server_id.empty()) ||
      (needs_name && p.name.empty()))
    return Status::Internal(
        "ESS change " + change.id + ": no object id",
        "ESS の変更 " + change.id + ": 対象の ID がありません");
  if (k == kind::kAddRoute || k == kind::kRestoreRoute)
    return ApplyAddRoute(env, p);
  if (k == kind::kAddOutbound || k == kind::kRestoreOutbound)
    return ApplyAddOutbound(env, p);
  if (k == kind::kCheckRoute) return ApplyCheckRoute(env, p);
  if (k == kind::kPromoteRoute) return ApplyPromoteRoute(env, p);
  if (k == kind::kDemoteRoute) return ApplyDemoteRoute(env, p);
  if (k == kind::kDeleteRoute) return ApplyDeleteOldRoute(env, p);
  if (k == kind::kRemoveAddedRoute) return ApplyRemoveAddedRoute(env, p);
  if (k == kind::kDeleteOutbound) return ApplyDeleteOutbound(env, p, true);
  if (k == kind::kRemoveAddedOutbound)
    return ApplyDeleteOutbound(env, p, false);
  if (k == kind::kPlaceRoute) return ApplyPlaceRoute(env, p);
  if (k == kind::kJoinNamedRoute) return ApplyJoinNamedRoute(env, p);
  if (k == kind::kLeaveNamedRoute) return ApplyLeaveNamedRoute(env, p);
  return Status::Internal("ESS adapter: unknown change kind '" + k + "'",
                          "ESS: 不明な変更の種類 '" + k + "' です");
}

}  // namespace ess
}  // namespace renumber
