#include "adapters/cdn/cdn_text.h"

namespace renumber::cdn {
namespace {

std::string S(const nlohmann::json& p, const char* key) {
  auto it = p.find(key);
  if (it == p.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// "auto_loadbalance on, healthcheck hc_root" and its Japanese.
Text SettingsText(const nlohmann::json& set) {
  Text t;
  auto add = [&t](const std::string& en, const std::string& ja) {
    t.en += (t.en.empty() ? "" : ", ") + en;
    t.ja += (t.ja.empty() ? "" : "、") + ja;
  };
  if (!set.is_object()) return t;
  if (set.contains("auto_loadbalance")) {
    const bool on = set["auto_loadbalance"] == true;
    add(std::string("auto_loadbalance ") + (on ? "on" : "off"),
        std::string("auto_loadbalance ") + (on ? "有効" : "無効"));
  }
  if (set.contains("healthcheck")) {
    const std::string hc = S(set, "healthcheck");
    add(hc.empty() ? "no healthcheck" : "healthcheck " + hc,
        hc.empty() ? "ヘルスチェックなし" : "ヘルスチェック " + hc);
  }
  if (set.contains("comment")) add("its comment", "コメントも引き継ぐ");
  return t;
}

}  // namespace

std::string ServiceLabel(const std::string& name, const std::string& id) {
  return name.empty() ? id : name + " (" + id + ")";
}

Text DescribeChange(const std::string& kind, const nlohmann::json& p) {
  const std::string svc = S(p, "service");
  if (kind == "clone-version")
    return {"Clone active version " + S(p, "from_version") +
                " of CDN service " + svc + " into a new draft version",
            "CDN サービス " + svc + " の有効バージョン " +
                S(p, "from_version") +
                " を複製して新しい下書きバージョンを作成"};
  if (kind == "add-healthcheck")
    return {"Add healthcheck " + S(p, "name") + " (HEAD " + S(p, "host") +
                "/, expects 200) to the draft of " + svc,
            svc + " の下書きにヘルスチェック " + S(p, "name") + "（" +
                S(p, "host") + " の / を HEAD で確認、200 を期待）を追加"};
  if (kind == "add-backend")
    return {"Add origin server " + S(p, "name") + " at " + S(p, "address") +
                ", a copy of " + S(p, "copy_of") +
                " with every other setting, to the draft of " + svc,
            svc + " の下書きに " + S(p, "copy_of") +
                " の設定を複製したオリジンサーバー " + S(p, "name") + "（" +
                S(p, "address") + "）を追加"};
  if (kind == "update-backend") {
    Text set = SettingsText(p.value("set", nlohmann::json::object()));
    return {"Update origin server " + S(p, "name") + " in the draft of " + svc +
                ": " + set.en,
            svc + " の下書きでオリジンサーバー " + S(p, "name") + " を更新（" +
                set.ja + "）"};
  }
  if (kind == "link-director")
    return {"Add origin server " + S(p, "backend") + " to director " +
                S(p, "director") + " in the draft of " + svc,
            svc + " の下書きでディレクター " + S(p, "director") +
                " にオリジンサーバー " + S(p, "backend") + " を追加"};
  if (kind == "delete-backend")
    return {
        "Remove old origin server " + S(p, "name") + " (" + S(p, "address") +
            ") from the draft of " + svc + "; " + S(p, "twin") + " takes over",
        svc + " の下書きから旧オリジンサーバー " + S(p, "name") + "（" +
            S(p, "address") + "）を削除し、" + S(p, "twin") + " が引き継ぐ"};
  if (kind == "rename-backend") {
    Text set = SettingsText(p.value("set", nlohmann::json::object()));
    return {"Rename origin server " + S(p, "from") + " to " + S(p, "to") +
                " in the draft of " + svc +
                (set.en.empty() ? "" : " and restore its original " + set.en),
            svc + " の下書きでオリジンサーバー " + S(p, "from") + " を " +
                S(p, "to") + " に改名" +
                (set.ja.empty() ? "" : "し、元の設定に戻す（" + set.ja + "）")};
  }
  if (kind == "activate-version")
    return {"Validate and activate the draft of " + svc +
                " in one switch (version " + S(p, "from_version") +
                " stays for rollback)",
            svc + " の下書きを検証して一括で有効化（バージョン " +
                S(p, "from_version") + " は切り戻し用に残る）"};
  if (kind == "reactivate-version")
    return {"Activate version " + S(p, "version") + " of " + svc +
                " again (active before " + S(p, "undoes") +
                "; now active: " + S(p, "live_active") + ")",
            svc + " のバージョン " + S(p, "version") + " を再び有効化（" +
                S(p, "undoes") + " 前の有効バージョン。現在の有効バージョン: " +
                S(p, "live_active") + "）"};
  return {kind + " on " + svc, svc + " に対する " + kind};
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

Text DraftNoteText(const std::string& service, int draft, int active) {
  const std::string d = std::to_string(draft), a = std::to_string(active);
  return {service + " has an unactivated draft version " + d +
              " (newer than active version " + a +
              "): left untouched; renumber works on a clone of version " + a,
          service + " には未有効化の下書きバージョン " + d +
              "（有効バージョン " + a +
              " より新しい）があります。下書きには触れず、バージョン " + a +
              " の複製で作業します"};
}

Text NoActiveVersionText(const std::string& service) {
  return {service + " has no active version: left alone",
          service + " には有効なバージョンがありません（対象外）"};
}

}  // namespace renumber::cdn
