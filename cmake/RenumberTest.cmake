# renumber_test(NAME SOURCES... LIBS ...): one gtest binary whose tests are
# listed by ctest at test time (no test run during the build).
function(renumber_test name)
  cmake_parse_arguments(RT "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${RT_SOURCES})
  target_link_libraries(${name} PRIVATE renumber_flags ${RT_LIBS}
                        GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
                       DISCOVERY_TIMEOUT 30
                       PROPERTIES LABELS "${RT_LABELS}"
                       ENVIRONMENT "${RENUMBER_TEST_ENV}")
endfunction()
