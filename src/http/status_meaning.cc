#include "src/http/status_meaning.h"

namespace renumber {
namespace {

const char* MeaningJa(int status) {
  switch (status) {
    case 400:
      return "リクエストが受け付けられませんでした";
    case 401:
      return "ログイン情報（ユーザー名・パスワード、または API トークン）が"
             "正しくありません";
    case 403:
      return "権限がありません。ESS は管理者のログイン、CDN は必要な範囲の "
             "API トークンが必要です";
    case 404:
      return "対象が見つかりません";
    case 409:
      return "現在の設定と競合しています";
    case 412:
      return "読み取った後に設定が変更されています";
    case 422:
      return "設定の内容が受け付けられませんでした";
    case 429:
      return "リクエストが多すぎるため制限されています";
    default:
      break;
  }
  if (status >= 500) return "サービス側で一時的な障害が起きています";
  if (status >= 300 && status < 400) return "別の場所へ転送されました";
  return "想定外の応答です";
}

}  // namespace

std::string VendorStatusJa(int status) {
  return std::string("サービスが ") + std::to_string(status) +
         " を返しました（" + MeaningJa(status) + "）";
}

}  // namespace renumber
