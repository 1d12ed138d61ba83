# The fallback without namespaces (DESCENT_GRADE_NO_NAMESPACES=1, as where containers forbid
# them): grade still grades the reference solutions of chapter 1 to full marks through the real
# path, prints its warning exactly once, and the student's report holds no hidden-case text.
# Inputs: GRADE, EXERCISES, WORK_DIR.
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
string(JSON score GET "${json}" score)
if(NOT score EQUAL 22)
  message(FATAL_ERROR "expected 22 points without namespaces, got ${score}:\n${err}")
endif()
string(REGEX MATCHALL "WARNING: no sandbox namespaces here" warnings "${err}")
list(LENGTH warnings count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected the warning once, got it ${count} times:\n${err}")
endif()
file(READ ${WORK_DIR}/out/student_report.txt student)
string(FIND "${student}" "four-dimensional" leak)
if(NOT leak EQUAL -1 OR NOT student MATCHES "score: 22/22")
  message(FATAL_ERROR "the student's report:\n${student}")
endif()
message(STATUS "without namespaces: 22/22, one warning:\n${err}")
