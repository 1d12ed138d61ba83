# The fallback without namespaces (DESCENT_GRADE_NO_NAMESPACES=1, as where containers forbid
# them): grade still grades the reference solutions of chapter 1 to full marks through the real
# path and prints its warning exactly once.
# Inputs: GRADE, EXERCISES, WORK_DIR.
include(${CMAKE_CURRENT_LIST_DIR}/Results.cmake)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/submission/exercises/01_hand_descent)
file(GLOB solutions ${EXERCISES}/01_hand_descent/*.hpp)
file(COPY ${solutions} DESTINATION ${WORK_DIR}/submission/exercises/01_hand_descent)
execute_process(COMMAND ${CMAKE_COMMAND} -E env DESCENT_GRADE_NO_NAMESPACES=1
                        ${GRADE} ${WORK_DIR}/submission --out ${WORK_DIR}/out --chapters 1 --timeout 5 --quiet
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "grade without namespaces failed (${status}): ${out}${err}")
endif()
file(READ ${WORK_DIR}/out/results.json json)
results_totals("${json}" score maximum)
if(maximum EQUAL 0 OR NOT score EQUAL maximum)
  message(FATAL_ERROR "expected full marks without namespaces, got ${score} of ${maximum}:\n${err}")
endif()
string(REGEX MATCHALL "WARNING: no sandbox namespaces here" warnings "${err}")
list(LENGTH warnings count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected the warning once, got it ${count} times:\n${err}")
endif()
message(STATUS "without namespaces: ${score}/${maximum}, one warning:\n${err}")
