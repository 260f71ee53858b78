// A web browser as the tests use it: open one local HTML file, with no
// network, wait until it has loaded, evaluate some JavaScript expressions
// in it, take a screenshot of the whole page, and report what its console
// said. HeadlessChromium drives Debian's `chromium` through the DevTools
// protocol on a pipe (no port, no WebSocket, no npm).
//
// Errors are values: kNotFound when the browser is not installed,
// kTimeout when the page did not load in time, kInternal for protocol
// errors (with the browser's own log for diagnosis).
#ifndef RENUMBER_TESTS_BROWSER_BROWSER_H_
#define RENUMBER_TESTS_BROWSER_BROWSER_H_

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace renumber {

struct PageRequest {
  std::string file;  // absolute path of the HTML file
  // Evaluated in the page after its load event, in order; each gives the
  // expression's value (returnByValue) or null if it threw.
  std::vector<std::string> expressions;
  std::string screenshot;  // PNG of the whole page written here ("" none)
  int width = 1280;        // CSS pixels
  std::chrono::seconds timeout{120};  // for the whole visit
};

struct PageReport {
  std::vector<std::string> console_errors;  // see ConsoleErrors()
  std::vector<nlohmann::json> values;       // one per expression
  std::string title;                        // document.title
  int page_height = 0;                      // CSS pixels
  std::chrono::milliseconds elapsed{0};     // browser start to screenshot
};

class Browser {
 public:
  virtual ~Browser() = default;
  virtual Result<PageReport> Open(const PageRequest& request) = 0;
};

struct ChromiumOptions {
  std::string binary = "chromium";  // looked up in PATH
  std::string work_dir;  // for the profile and the browser's log; required
};

// A fresh browser (new empty profile) per Open; it is closed, and its whole
// process group ended, before Open returns.
std::unique_ptr<Browser> NewHeadlessChromium(const ChromiumOptions& options);

}  // namespace renumber

#endif  // RENUMBER_TESTS_BROWSER_BROWSER_H_
