// Default sanitizer options compiled into every executable of a
// RENUMBER_SANITIZE build (see cmake/RenumberTest.cmake). Environment
// variables (ASAN_OPTIONS, ...) still override them.
extern "C" {

const char* __asan_default_options() { return "detect_leaks=1"; }

const char* __ubsan_default_options() {
  return "print_stacktrace=1:halt_on_error=1:suppressions=" RENUMBER_UBSAN_SUPP;
}

// Work still queued in cpprest's pool at exit, and OpenSSL's per-thread
// error state, are reported intermittently (docs/stack.md #10).
const char* __lsan_default_suppressions() {
  return "leak:libcpprest.so\nleak:libcrypto.so\n";
}

}  // extern "C"
