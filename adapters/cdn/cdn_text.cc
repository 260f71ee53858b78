#include "adapters/cdn/cdn_text.h"

namespace renumber::cdn {
namespace {

std::string S(const nlohmann::json& p, const char* key) {
  auto it = p.find(key);
  if (it == p.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

}  // namespace

std::string ServiceLabel(const std::string& name, const std::string& id) {
  return name.empty() ? id : name + " (" + id + ")";
}

Text DescribeChange(ChangeKind kind, const nlohmann::json& p) {
  const std::string svc = S(p, "service");
  switch (kind) {
    case ChangeKind::kCloneVersion:
      return {
          "Clone active version " + S(p, "from_version") + " of CDN service " +
              svc + " into a staged version (nothing live changes)",
          "CDN サービス " + svc + " の有効バージョン " + S(p, "from_version") +
              " を複製して切替用バージョンを作成（稼働中の設定は変わりません"
              "）"};
    case ChangeKind::kLabelStaged:
      return {"Label the staged version of " + svc + ": origin servers " +
                  S(p, "old_ip") + " \xE2\x86\x92 " + S(p, "new_ip") +
                  ", built on version " + S(p, "base"),
              svc + " の切替用バージョンにコメントを設定（オリジンサーバー " +
                  S(p, "old_ip") + " \xE2\x86\x92 " + S(p, "new_ip") +
                  "、バージョン " + S(p, "base") + " から作成）"};
    case ChangeKind::kSetAddress:
      return {"In the staged version of " + svc + ", set origin server " +
                  S(p, "backend") + " from " + S(p, "old_address") + " to " +
                  S(p, "new_ip") + " (every other setting unchanged)",
              svc + " の切替用バージョンでオリジンサーバー " + S(p, "backend") +
                  " のアドレスを " + S(p, "old_address") + " から " +
                  S(p, "new_ip") + " に変更（他の設定は変更しません）"};
    case ChangeKind::kValidateStaged:
      return {"Validate the staged version of " + svc,
              svc + " の切替用バージョンを検証"};
    case ChangeKind::kSupersedeStaged:
      return {"Mark the older staged version " + S(p, "version") + " of " +
                  svc + " as replaced",
              svc + " の古い切替用バージョン " + S(p, "version") +
                  " を置き換え済みとして記録"};
    case ChangeKind::kActivateStaged:
      return {"Activate the staged version of " + svc +
                  " in one switch (version " + S(p, "base") +
                  " stays for rollback)",
              svc + " の切替用バージョンを一括で有効化（バージョン " +
                  S(p, "base") + " は切り戻し用に残ります）"};
    case ChangeKind::kReactivateVersion:
      return {
          "Activate version " + S(p, "version") + " of " + svc +
              " again (active before the " + S(p, "undoes") +
              "; now active: " + S(p, "live_active") + ")",
          svc + " のバージョン " + S(p, "version") +
              " を再び有効化（切替前の有効バージョン。現在の有効バージョン: " +
              S(p, "live_active") + "）"};
    case ChangeKind::kAbandonStaged:
      return {
          "Mark the staged version " + S(p, "version") + " of " + svc +
              " as abandoned (nothing live to undo)",
          svc + " の切替用バージョン " + S(p, "version") +
              " を破棄済みとして記録（稼働中の設定に戻すものはありません）"};
  }
  const std::string name = ChangeKinds().Name(kind);
  return {name + " on " + svc, svc + " に対する " + name};
}

Text OldReferenceText(const std::string& service, int version,
                      const std::string& backend, const std::string& ip) {
  const std::string v = std::to_string(version);
  return {"Origin server " + backend + " of " + service + " (active version " +
              v + ") points at the old IP " + ip,
          service + "（有効バージョン " + v + "）のオリジンサーバー " +
              backend + " は旧 IP " + ip + " を指しています"};
}

Text NewReferenceText(const std::string& service, int version,
                      const std::string& backend, const std::string& ip) {
  const std::string v = std::to_string(version);
  return {"Origin server " + backend + " of " + service + " (active version " +
              v + ") points at the new IP " + ip,
          service + "（有効バージョン " + v + "）のオリジンサーバー " +
              backend + " は新 IP " + ip + " を指しています"};
}

Text DnsDependentText(const std::string& service, const std::string& backend,
                      const std::string& host, const std::string& old_ip) {
  return {
      "Origin server " + backend + " of " + service + " uses host name " +
          host + ", which resolves to the old IP " + old_ip +
          ": a DNS change, left alone",
      service + " のオリジンサーバー " + backend + " はホスト名 " + host +
          " を使用し、旧 IP " + old_ip +
          " に解決されます。DNS の変更が必要です（本ツールは変更しません）"};
}

Text HiddenOriginText(const std::string& service, const std::string& where) {
  return {
      "Hidden origin: the old IP is in " + where + " of " + service +
          ": manual work, renumber never changes it (the account is not "
          "cut over while it remains)",
      "隠れたオリジンサーバー: " + service + " の " + where +
          " に旧 IP があります。手作業での変更が必要です（本ツールは変更せず、"
          "残っている間は切替完了になりません）"};
}

Text StagedText(const std::string& service, int staged, int base, bool stale,
                int active) {
  const std::string s = std::to_string(staged), b = std::to_string(base),
                    a = std::to_string(active);
  if (stale)
    return {service + ": staged version " + s + " was built on version " + b +
                ", but version " + a +
                " is active now (the customer changed the service): "
                "prepared-stale; cut over builds the switch again",
            service + ": 切替用バージョン " + s + " はバージョン " + b +
                " から作成されましたが、現在はバージョン " + a +
                " が有効です（お客様が設定を変更しました）。prepared-stale: "
                "切替時に作り直します"};
  return {service + ": staged version " + s + " (built on active version " + b +
              ") holds the switch to the new IP",
          service + ": 切替用バージョン " + s + "（有効バージョン " + b +
              " から作成）に新 IP への切替が用意されています"};
}

Text DraftNoteText(const std::string& service, int draft, int active) {
  const std::string d = std::to_string(draft), a = std::to_string(active);
  return {service + " has an unactivated draft version " + d +
              " (newer than active version " + a +
              "): left untouched; renumber stages its switch on a clone of "
              "version " +
              a,
          service + " には未有効化の下書きバージョン " + d +
              "（有効バージョン " + a +
              " より新しい）があります。下書きには触れず、バージョン " + a +
              " の複製に切替を用意します"};
}

Text NoActiveVersionText(const std::string& service) {
  return {service + " has no active version: left alone",
          service + " には有効なバージョンがありません（対象外）"};
}

Text ProjectedCutoverText() {
  return {
      "no staged switch yet: this cut over is a projection (run prepare "
      "first)",
      "切替用バージョンがまだありません。この切替は見込みです"
      "（先に事前設定を実行してください）"};
}

Text NothingToChangeText() {
  return {"Nothing to change on the CDN services for this phase",
          "このフェーズで CDN サービスに変更はありません"};
}

Text AddressesInUseText(const std::string& old_ip, const std::string& new_ip,
                        const std::string& in_use) {
  return {
      "neither " + old_ip + " nor " + new_ip +
          " is an origin server of this account; it uses " + in_use +
          " (check old_ip in the plan)",
      old_ip + " も " + new_ip +
          " もこのアカウントのオリジンサーバーではありません。設定されている"
          "オリジンサーバー: " +
          in_use + " （計画ファイルの old_ip をご確認ください）"};
}

Text DiffHeaderText(const std::string& service, int staged, int active) {
  const std::string s = std::to_string(staged), a = std::to_string(active);
  return {"Staged version " + s + " of " + service +
              ", as the CDN shows it (diff from active version " + a + "):",
          service + " の切替用バージョン " + s + "（有効バージョン " + a +
              " との差分、CDN の表示）:"};
}

}  // namespace renumber::cdn
