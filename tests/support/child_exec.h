// Starting a program from a test process that runs threads: the simulators'
// listeners, cpprest's pool, another test thread starting its own child.
//
// Between fork() and exec a child may make only async-signal-safe calls. A
// lock that another thread held at the fork (a malloc arena's, the
// sanitizer allocator's, the environment's) stays held in the child for
// ever, and a malloc, strdup or setenv there hangs the child before the
// program ever runs. clang 14's ASan allocator has no fork handler, so in
// an ASan suite this happened: LockE2eTest's second `renumber` never
// started (issue 15, CI of 0d93102). ChildExec builds argv and envp in the
// parent; the child calls only execve, after whatever dup2/open/setsid its
// caller needs.
//
// Not thread-safe itself (build one per child); header-only.
#ifndef RENUMBER_TESTS_SUPPORT_CHILD_EXEC_H_
#define RENUMBER_TESTS_SUPPORT_CHILD_EXEC_H_

#include <unistd.h>

#include <string>
#include <vector>

extern char** environ;

namespace renumber {

class ChildExec {
 public:
  // `argv[0]` is the program's path (no PATH search). Each `env` entry
  // NAME=VALUE is set over the current environment, in order, as putenv
  // would (a later one for the same NAME wins); a bare NAME removes NAME.
  ChildExec(std::vector<std::string> argv, const std::vector<std::string>& env)
      : args_(std::move(argv)) {
    for (char** e = environ; e && *e; ++e)
      if (!Overridden(*e, env)) envs_.emplace_back(*e);
    for (size_t i = 0; i < env.size(); ++i)
      if (env[i].find('=') != std::string::npos &&
          !Overridden(env[i], {env.begin() + i + 1, env.end()}))
        envs_.push_back(env[i]);
    for (std::string& a : args_) argv_.push_back(a.data());
    argv_.push_back(nullptr);
    for (std::string& e : envs_) envp_.push_back(e.data());
    envp_.push_back(nullptr);
  }
  ChildExec(const ChildExec&) = delete;
  ChildExec& operator=(const ChildExec&) = delete;

  // In the child, after fork: runs the program; _exit(127) if it cannot.
  // Async-signal-safe.
  [[noreturn]] void Exec() const noexcept {
    ::execve(argv_[0], argv_.data(), envp_.data());
    ::_exit(127);
  }

 private:
  static std::string Name(const std::string& entry) {
    return entry.substr(0, entry.find('='));
  }
  static bool Overridden(const std::string& entry,
                         const std::vector<std::string>& env) {
    for (const std::string& e : env)
      if (Name(e) == Name(entry)) return true;
    return false;
  }

  std::vector<std::string> args_, envs_;
  std::vector<char*> argv_, envp_;
};

}  // namespace renumber

#endif  // RENUMBER_TESTS_SUPPORT_CHILD_EXEC_H_
