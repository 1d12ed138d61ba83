# The Gradescope entry point: run_autograder, given /autograder-like folders, writes
# results/results.json with full marks for the reference solutions. Inputs: RUN_AUTOGRADER, GRADE,
# EXERCISES, WORK_DIR.
include(${CMAKE_CURRENT_LIST_DIR}/Results.cmake)
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
results_totals("${json}" score maximum)
if(maximum EQUAL 0 OR NOT score EQUAL maximum)
  message(FATAL_ERROR "expected full marks, got ${score} of ${maximum}")
endif()
message(STATUS "run_autograder: results.json with ${score}/${maximum} points")
