# The instructor appendix's real output: assign makes a pack for Chapter 1, a sample student
# submission is made from it (a plausible wrong Exercise 1.1, a correct Exercise 1.2), and grade
# scores it. Everything runs in OUT_DIR with relative paths, so the output reads the same on
# every machine. Inputs: ASSIGN, GRADE, WRONG (a wrong descent_path.hpp), RIGHT (the reference
# central_difference.hpp), OUT_DIR.
file(REMOVE_RECURSE ${OUT_DIR}/instructor-demo)
file(MAKE_DIRECTORY ${OUT_DIR}/instructor-demo)
set(work ${OUT_DIR}/instructor-demo)
execute_process(COMMAND ${ASSIGN} --chapters 1 --out packs WORKING_DIRECTORY ${work}
                RESULT_VARIABLE status OUTPUT_VARIABLE assign_out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "assign failed: ${err}")
endif()
file(WRITE ${OUT_DIR}/ch00-assign.txt "$ assign --chapters 1 --out packs\n${assign_out}")
file(COPY ${work}/packs/descent-pack/ DESTINATION ${work}/alice)
file(COPY ${WRONG} ${RIGHT} DESTINATION ${work}/alice/exercises/01_hand_descent)
execute_process(COMMAND ${GRADE} alice --out graded/alice --chapters 1 --timeout 5 WORKING_DIRECTORY ${work}
                RESULT_VARIABLE status OUTPUT_VARIABLE grade_out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "grade failed: ${err}")
endif()
file(WRITE ${OUT_DIR}/ch00-grade.txt "$ grade alice --out graded/alice --chapters 1\n${grade_out}")
file(READ ${work}/graded/alice/results.json json)
# The first failed test case (the tests are in the catalogue's order).
string(JSON count LENGTH "${json}" tests)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON status GET "${json}" tests ${i} status)
  if(status STREQUAL "failed")
    string(JSON first GET "${json}" tests ${i})
    break()
  endif()
endforeach()
if(NOT DEFINED first)
  message(FATAL_ERROR "the demo submission failed no test case")
endif()
string(JSON score GET "${json}" score)
file(WRITE ${OUT_DIR}/ch00-results-json.txt
     "results.json, top level: \"score\": ${score}, with one entry per test case in \"tests\"; the failed one:\n${first}\n")
