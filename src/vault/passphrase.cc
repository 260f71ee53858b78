#include "src/vault/passphrase.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>

#include "src/log/log.h"
#include "src/vault/crypto.h"

namespace renumber::vault {
namespace {

constexpr size_t kMaxLine = 4096;
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// State for restoring the terminal from a signal handler.
volatile sig_atomic_t g_tty_fd = -1;
termios g_saved_termios;

extern "C" void RestoreTtyAndReraise(int sig) {
  if (g_tty_fd >= 0) tcsetattr(g_tty_fd, TCSAFLUSH, &g_saved_termios);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

class TtyPrompterImpl : public Prompter {
 public:
  Result<Secret> ReadHidden(const std::string& prompt) override {
    int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
      return Status::Unavailable("there is no terminal to ask on",
                                 "入力を求める端末がありません");
    termios old;
    if (::tcgetattr(fd, &old) != 0) {
      ::close(fd);
      return Status::Unavailable("/dev/tty is not a terminal",
                                 "/dev/tty が端末ではありません");
    }
    struct sigaction handler = {}, saved[4];
    handler.sa_handler = RestoreTtyAndReraise;
    g_saved_termios = old;
    g_tty_fd = fd;
    for (int i = 0; i < 4; ++i) sigaction(kSignals[i], &handler, &saved[i]);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    // Echo off (dropping anything typed ahead, which was echoed) before the
    // prompt shows: what is typed once the prompt is visible is kept.
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
    (void)!::write(fd, prompt.data(), prompt.size());
    std::string line;
    line.reserve(kMaxLine);  // no reallocation: no stray copies to wipe
    bool eof = ReadLine(fd, &line);
    ::tcsetattr(fd, TCSAFLUSH, &old);
    g_tty_fd = -1;
    for (int i = 0; i < 4; ++i) sigaction(kSignals[i], &saved[i], nullptr);
    ::close(fd);
    if (eof && line.empty())
      return Status::InvalidArgument("no input", "入力がありません");
    return Secret(std::move(line));
  }

 private:
  // Reads up to a newline; true at end of input.
  static bool ReadLine(int fd, std::string* line) {
    for (;;) {
      char c;
      ssize_t n = ::read(fd, &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return true;
      if (c == '\n') return false;
      if (line->size() < kMaxLine - 1) line->push_back(c);
    }
  }
};

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

Prompter* TtyPrompter() {
  static Prompter* p = new TtyPrompterImpl;
  return p;
}

Result<Secret> ReadSecretFile(FileSystem* fs, const std::string& path,
                              const std::string& what,
                              const std::string& what_ja_or_empty) {
  const std::string& what_ja =
      what_ja_or_empty.empty() ? what : what_ja_or_empty;
  RN_RETURN_IF_ERROR(CheckPrivateFile(fs, path).Annotate(what, what_ja));
  auto text = fs->ReadFile(path, kMaxSecretFileBytes);
  if (!text.ok()) return text.status().Annotate(what, what_ja);
  std::string value = std::move(*text);
  if (!value.empty() && value.back() == '\n') value.pop_back();
  if (!value.empty() && value.back() == '\r') value.pop_back();
  if (value.empty())
    return Status::InvalidArgument(what + " '" + path + "' is empty",
                                   what_ja + " '" + path + "' が空です");
  AddScrubbedSecret(value);
  return Secret(std::move(value));
}

std::string FindPassphraseFile(FileSystem* fs, const std::string& flag_file,
                               std::string* source) {
  auto found = [&](const std::string& path, const std::string& from) {
    if (source) *source = from;
    return path;
  };
  if (!flag_file.empty()) return found(flag_file, "--passphrase-file");
  if (std::string env = Env(kPassphraseFileEnv); !env.empty())
    return found(env, kPassphraseFileEnv);
  if (std::string dir = Env("CREDENTIALS_DIRECTORY"); !dir.empty()) {
    std::string path = dir + "/" + kCredentialName;
    if (fs->Exists(path))
      return found(path, "$CREDENTIALS_DIRECTORY/renumber-vault");
  }
  return "";
}

Result<Secret> UnlockPassphrase(FileSystem* fs, Prompter* prompter,
                                const std::string& flag_file,
                                const std::string& prompt,
                                std::string* source) {
  std::string from;
  std::string file = FindPassphraseFile(fs, flag_file, &from);
  if (source) *source = file.empty() ? "terminal" : from;
  if (!file.empty())
    return ReadSecretFile(fs, file, "the passphrase file",
                          "パスフレーズのファイル");
  auto typed = prompter->ReadHidden(prompt);
  if (typed.status().Is(Code::kUnavailable))
    return Status::InvalidArgument(
        "no vault passphrase: there is no terminal to ask on and none of "
        "--passphrase-file, $" +
            std::string(kPassphraseFileEnv) +
            " or $CREDENTIALS_DIRECTORY/renumber-vault is set",
        "保管庫のパスフレーズがありません: "
        "入力を求める端末がなく、--passphrase-file、$" +
            std::string(kPassphraseFileEnv) +
            "、$CREDENTIALS_DIRECTORY/renumber-vault "
            "のいずれも指定されていません");
  if (typed.ok()) AddScrubbedSecret(typed->reveal());
  return typed;
}

Result<Secret> NewPassphrase(FileSystem* fs, Prompter* prompter,
                             const std::string& file, const std::string& prompt,
                             const std::string& confirm_prompt) {
  Secret pass;
  if (!file.empty()) {
    RN_ASSIGN_OR_RETURN(pass, ReadSecretFile(fs, file, "the passphrase file",
                                             "パスフレーズのファイル"));
  } else {
    auto first = prompter->ReadHidden(prompt);
    if (first.status().Is(Code::kUnavailable))
      return Status::InvalidArgument(
          "no new passphrase: there is no terminal to ask on; pass a 0600 file "
          "instead",
          "新しいパスフレーズがありません: "
          "入力を求める端末がありません。代わりにモード 0600 "
          "のファイルを指定してください");
    RN_RETURN_IF_ERROR(first.status());
    RN_ASSIGN_OR_RETURN(Secret again, prompter->ReadHidden(confirm_prompt));
    if (!(*first == again))
      return Status::InvalidArgument("the two passphrases do not match",
                                     "2 回入力したパスフレーズが一致しません");
    pass = std::move(*first);
    AddScrubbedSecret(pass.reveal());
  }
  if (pass.size() < kMinPassphraseLength)
    return Status::InvalidArgument(
        "the passphrase is too short: use at least " +
            std::to_string(kMinPassphraseLength) + " characters",
        "パスフレーズが短すぎます。" + std::to_string(kMinPassphraseLength) +
            " 文字以上にしてください");
  return pass;
}

}  // namespace renumber::vault
