# CTest reads a test's name up to a ';' (a CMake list separator), so a Catch TEST_CASE whose name
# holds one is registered as two tests that match nothing, and both "pass" without running.
# This script fails, naming each such test, so that it cannot happen unnoticed.
file(GLOB_RECURSE sources "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/exercises/*.cpp"
     "${SOURCE_DIR}/tools/*.cpp")
set(found "")
foreach(source IN LISTS sources)
  file(STRINGS "${source}" lines REGEX "TEST_CASE\\(\"[^\"]*\;")
  foreach(line IN LISTS lines)
    string(APPEND found "\n  ${source}: ${line}")
  endforeach()
endforeach()
if(found)
  message(FATAL_ERROR "test names with ';' (CTest splits them and runs neither half):${found}")
endif()
