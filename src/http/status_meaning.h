// What an HTTP status from a vendor means to the person reading the error,
// in Japanese (the English message keeps the status line as the vendor
// sent it): "ログイン情報が正しくありません（401）".
//
// Pure function; thread-safe.
#ifndef RENUMBER_HTTP_STATUS_MEANING_H_
#define RENUMBER_HTTP_STATUS_MEANING_H_

#include <string>

namespace renumber {

// "サービスが 403 を返しました（権限がありません…）" for `status`.
std::string VendorStatusJa(int status);

}  // namespace renumber

#endif  // RENUMBER_HTTP_STATUS_MEANING_H_
