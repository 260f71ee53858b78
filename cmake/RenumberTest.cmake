# Test files are compiled with line tables only (-g1) in RelWithDebInfo:
# file:line stays in every backtrace and sanitizer report, variables do
# not; measured on src/engine/campaign_test.cc with gcc -O2, 9.4 s of CPU
# instead of 13.6 s with -g. A Debug build keeps full debug information.
add_library(renumber_test_flags INTERFACE)
target_compile_options(renumber_test_flags INTERFACE
                       $<$<CONFIG:RelWithDebInfo>:-g1>)

# renumber_test(NAME SOURCES... LIBS ... LABELS label): one gtest binary whose
# tests are listed by ctest at test time (no test run during the build).
# One label per binary (ctest properties split lists).
function(renumber_test name)
  cmake_parse_arguments(RT "" "LABELS" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${RT_SOURCES})
  target_link_libraries(${name} PRIVATE renumber_flags ${RT_LIBS}
                        renumber_test_flags GTest::gmock GTest::gtest_main)
  renumber_sanitizer_defaults(${name})
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
                       DISCOVERY_TIMEOUT 60
                       PROPERTIES LABELS "${RT_LABELS}")
endfunction()

# With RENUMBER_SANITIZE, every executable carries its sanitizer options and
# the narrow suppressions in tests/sanitizers/, so they apply however it is
# started (ctest, an end-to-end test spawning the binary, a shell).
function(renumber_sanitizer_defaults name)
  if(RENUMBER_SANITIZE)
    target_sources(${name} PRIVATE
      ${PROJECT_SOURCE_DIR}/tests/sanitizers/sanitizer_defaults.cc)
    target_compile_definitions(${name} PRIVATE
      RENUMBER_UBSAN_SUPP="${PROJECT_SOURCE_DIR}/tests/sanitizers/ubsan.supp")
  endif()
endfunction()
