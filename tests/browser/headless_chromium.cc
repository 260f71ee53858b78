// HeadlessChromium (browser.h): Debian's `chromium` started as this
// machine's notes say it works (headless, no sandbox as root, no GPU, no
// background networking, a new empty profile), driven through
// --remote-debugging-pipe: commands on its fd 3, answers and events on
// its fd 4. Host names resolve nowhere (--host-resolver-rules), so nothing
// a page asks for can leave the machine.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <sstream>

#include "src/core/fs.h"
#include "src/sim/basic_auth.h"
#include "tests/browser/browser.h"
#include "tests/browser/cdp_session.h"

namespace renumber {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// The DevTools pipe of a started browser: we write its fd 3, read its fd 4.
class FdPipe : public MessagePipe {
 public:
  FdPipe(int to_browser, int from_browser)
      : out_(to_browser), in_(from_browser) {}
  ~FdPipe() override {
    if (out_ >= 0) close(out_);
    if (in_ >= 0) close(in_);
  }

  Status Send(const std::string& message) override {
    std::string data = message + '\0';
    for (size_t done = 0; done < data.size();) {
      ssize_t n = write(out_, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0)
        return Status::Unavailable(std::string("DevTools pipe: ") +
                                   std::strerror(errno));
      done += static_cast<size_t>(n);
    }
    return Status::Ok();
  }

  Result<std::string> Receive(Clock::time_point deadline) override {
    for (;;) {
      size_t end = buffer_.find('\0');
      if (end != std::string::npos) {
        std::string message = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        return message;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - Clock::now());
      if (left.count() <= 0)
        return Status::Timeout("no answer from the browser in time");
      pollfd p{in_, POLLIN, 0};
      int ready = poll(&p, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready == 0) continue;  // the deadline check above ends it
      char buf[65536];
      ssize_t n = read(in_, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Status::Unavailable("the browser closed its pipe");
      buffer_.append(buf, static_cast<size_t>(n));
    }
  }

 private:
  int out_, in_;
  std::string buffer_;
};

// `name` as a path: itself when it has a '/', else the first executable
// of that name in PATH; "" when there is none.
std::string FindExecutable(const std::string& name) {
  if (name.find('/') != std::string::npos)
    return access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = dir + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string FileUrl(const std::string& path) {
  std::string url = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::strchr("/-._~", c)) {
      url += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      url += buf;
    }
  }
  return url;
}

std::string Tail(const std::string& path, size_t n) {
  auto text = PosixFileSystem()->ReadFile(path);
  if (!text.ok()) return "";
  return text->size() > n ? text->substr(text->size() - n) : *text;
}

// One running browser: started by the constructor, ended (its whole
// process group) by the destructor.
class Process {
 public:
  Process(const std::string& binary, const std::string& profile,
          const std::string& log) {
    std::vector<std::string> args = {
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-dev-shm-usage",
        "--no-default-browser-check",
        "--hide-scrollbars",
        "--mute-audio",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--user-data-dir=" + profile,
        "--remote-debugging-pipe",
        "about:blank"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int to[2], from[2];
    if (pipe2(to, O_CLOEXEC) != 0 || pipe2(from, O_CLOEXEC) != 0) return;
    const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                            0600);
    pid_ = fork();
    if (pid_ == 0) {
      // Only async-signal-safe calls until exec.
      setpgid(0, 0);
      const int in = fcntl(to[0], F_DUPFD, 10);
      const int out = fcntl(from[1], F_DUPFD, 10);
      const int null = open("/dev/null", O_RDONLY);
      dup2(null, 0);
      dup2(log_fd, 1);
      dup2(log_fd, 2);
      dup2(in, 3);
      dup2(out, 4);
      for (int fd = 5; fd < 4096; ++fd) close(fd);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(to[0]);
    close(from[1]);
    if (log_fd >= 0) close(log_fd);
    if (pid_ < 0) {
      close(to[1]);
      close(from[0]);
      return;
    }
    setpgid(pid_, pid_);  // whichever of parent and child runs first
    pipe_ = std::make_unique<FdPipe>(to[1], from[0]);
  }

  ~Process() {
    if (pid_ <= 0) return;
    // Browser.close was asked for (or the visit failed): end what is left
    // of the group, renderers included, and reap the browser.
    kill(-pid_, SIGKILL);
    int status;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }

  bool started() const { return pipe_ != nullptr; }
  MessagePipe* pipe() { return pipe_.get(); }

 private:
  pid_t pid_ = -1;
  std::unique_ptr<FdPipe> pipe_;
};

class HeadlessChromium : public Browser {
 public:
  explicit HeadlessChromium(ChromiumOptions o) : o_(std::move(o)) {
    // A browser that dies mid-write must give an error, not kill the test.
    signal(SIGPIPE, SIG_IGN);
  }

  Result<PageReport> Open(const PageRequest& request) override {
    const std::string binary = FindExecutable(o_.binary);
    if (binary.empty())
      return Status::NotFound("no '" + o_.binary +
                              "' in PATH: install Debian's chromium "
                              "(sh .ci/bootstrap does)");
    const std::string profile = o_.work_dir + "/chromium-profile-" +
                                std::to_string(++visits_);
    const std::string log = profile + ".log";
    RN_RETURN_IF_ERROR(PosixFileSystem()->CreateDirs(profile, 0700));
    const auto start = Clock::now();
    Process browser(binary, profile, log);
    if (!browser.started())
      return Status::Internal("could not start " + binary);
    CdpSession cdp(browser.pipe());
    auto report = Visit(&cdp, request, start + request.timeout);
    // Ask it to close either way; the Process ends whatever stays.
    (void)cdp.Call("Browser.close", json::object(), "",
                   Clock::now() + std::chrono::seconds(10));
    if (!report.ok())
      return report.status().Annotate("chromium (its log: ..." +
                                       Tail(log, 1500) + ")");
    report->elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        Clock::now() - start);
    return report;
  }

 private:
  static Result<json> Evaluate(CdpSession* cdp, const std::string& session,
                               const std::string& expression,
                               Clock::time_point deadline) {
    RN_ASSIGN_OR_RETURN(json r, cdp->Call("Runtime.evaluate",
                                          {{"expression", expression},
                                           {"returnByValue", true}},
                                          session, deadline));
    if (r.contains("exceptionDetails")) return json();
    return r["result"].value("value", json());
  }

  Result<PageReport> Visit(CdpSession* cdp, const PageRequest& request,
                           Clock::time_point deadline) {
    RN_ASSIGN_OR_RETURN(json target,
                        cdp->Call("Target.createTarget",
                                  {{"url", "about:blank"}}, "", deadline));
    RN_ASSIGN_OR_RETURN(
        json attached,
        cdp->Call("Target.attachToTarget",
                  {{"targetId", target.value("targetId", "")},
                   {"flatten", true}},
                  "", deadline));
    const std::string session = attached.value("sessionId", "");
    for (const char* domain : {"Page.enable", "Runtime.enable", "Log.enable"})
      RN_RETURN_IF_ERROR(
          cdp->Call(domain, json::object(), session, deadline).status());
    RN_RETURN_IF_ERROR(cdp->Call("Emulation.setDeviceMetricsOverride",
                                 {{"width", request.width},
                                  {"height", 900},
                                  {"deviceScaleFactor", 1},
                                  {"mobile", false}},
                                 session, deadline)
                           .status());
    const size_t mark = cdp->events().size();
    RN_ASSIGN_OR_RETURN(
        json nav, cdp->Call("Page.navigate", {{"url", FileUrl(request.file)}},
                            session, deadline));
    if (nav.contains("errorText"))
      return Status::Internal("navigation failed: " +
                              nav.value("errorText", ""));
    RN_RETURN_IF_ERROR(
        cdp->WaitForEvent("Page.loadEventFired", deadline, mark).status());
    PageReport report;
    for (const std::string& e : request.expressions) {
      RN_ASSIGN_OR_RETURN(json v, Evaluate(cdp, session, e, deadline));
      report.values.push_back(v);
    }
    RN_ASSIGN_OR_RETURN(json title,
                        Evaluate(cdp, session, "document.title", deadline));
    report.title = title.is_string() ? title.get<std::string>() : "";
    RN_ASSIGN_OR_RETURN(json metrics, cdp->Call("Page.getLayoutMetrics",
                                                json::object(), session,
                                                deadline));
    const json size = metrics.value("cssContentSize", json::object());
    report.page_height = static_cast<int>(size.value("height", 900.0));
    if (!request.screenshot.empty())
      RN_RETURN_IF_ERROR(Screenshot(cdp, session, request, report.page_height,
                                    deadline));
    report.console_errors = ConsoleErrors(cdp->events());
    return report;
  }

  static Status Screenshot(CdpSession* cdp, const std::string& session,
                           const PageRequest& request, int height,
                           Clock::time_point deadline) {
    RN_ASSIGN_OR_RETURN(
        json shot,
        cdp->Call("Page.captureScreenshot",
                  {{"format", "png"},
                   {"captureBeyondViewport", true},
                   {"clip",
                    {{"x", 0},
                     {"y", 0},
                     {"width", request.width},
                     {"height", std::max(height, 1)},
                     {"scale", 1}}}},
                  session, deadline));
    auto png = Base64Decode(shot.value("data", ""));
    if (!png || png->empty())
      return Status::Internal("the screenshot is not base64 PNG data");
    return WriteFileAtomic(PosixFileSystem(), request.screenshot, *png, 0644);
  }

  const ChromiumOptions o_;
  int visits_ = 0;
};

}  // namespace

std::unique_ptr<Browser> NewHeadlessChromium(const ChromiumOptions& options) {
  return std::make_unique<HeadlessChromium>(options);
}

}  // namespace renumber
