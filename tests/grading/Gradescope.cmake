# The Gradescope entry point: run_autograder, given /autograder-like folders, writes
# results/results.json with full marks for the reference solutions. Inputs: RUN_AUTOGRADER, GRADE,
# EXERCISES, WORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/submission/exercises/01_hand_descent ${WORK_DIR}/results)
file(GLOB solutions ${EXERCISES}/01_hand_descent/*.hpp)
file(COPY ${solutions} DESTINATION ${WORK_DIR}/submission/exercises/01_hand_descent)
execute_process(COMMAND ${CMAKE_COMMAND} -E env AUTOGRADER_ROOT=${WORK_DIR} DESCENT_GRADE=${GRADE}
                        DESCENT_GRADE_CHAPTERS=1 bash ${RUN_AUTOGRADER}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR NOT EXISTS ${WORK_DIR}/results/results.json)
  message(FATAL_ERROR "run_autograder failed (${status}): ${out}${err}")
endif()
file(READ ${WORK_DIR}/results/results.json json)
string(JSON score GET "${json}" score)
if(NOT score EQUAL 22)
  message(FATAL_ERROR "expected 22 points, got ${score}")
endif()
message(STATUS "run_autograder: results.json with 22 points")
