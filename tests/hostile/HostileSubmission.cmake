# One hostile submission through the real grader. The submission's descent_path misbehaves
# only in the test case "zero steps returns only the start" (steps == 0) and is correct
# otherwise; its central_difference is the reference. The grader must give the affected case 0,
# every other case its points (20 of 22), finish within BUDGET seconds, and write its own
# report and results.json over anything the submission wrote.
# Inputs: GRADE, MAKE_STARTER, SOLUTION_DIR, BODY, WORK_DIR, BUDGET.
file(REMOVE_RECURSE ${WORK_DIR})
set(sub ${WORK_DIR}/submission/exercises/01_hand_descent)
file(MAKE_DIRECTORY ${sub} ${WORK_DIR}/out)
execute_process(COMMAND ${MAKE_STARTER} ${SOLUTION_DIR}/descent_path.hpp ${WORK_DIR}/body.hpp --body ${BODY}
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cannot build the hostile submission from ${BODY}")
endif()
file(READ ${WORK_DIR}/body.hpp generated)
file(WRITE ${sub}/descent_path.hpp
     "#include <csignal>\n#include <cstdio>\n#include <cstdlib>\n#include <unistd.h>\n${generated}")
file(COPY ${SOLUTION_DIR}/central_difference.hpp DESTINATION ${sub})

string(TIMESTAMP started "%s")
execute_process(COMMAND ${GRADE} ${WORK_DIR}/submission --out ${WORK_DIR}/out --chapters 1 --timeout 2 --memory 512
                WORKING_DIRECTORY ${WORK_DIR}/out
                RESULT_VARIABLE status OUTPUT_VARIABLE report ERROR_VARIABLE errors)
string(TIMESTAMP finished "%s")
math(EXPR elapsed "${finished} - ${started}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "grade failed (${status}): ${errors}")
endif()
if(elapsed GREATER BUDGET)
  message(FATAL_ERROR "grading took ${elapsed} s, over the budget of ${BUDGET} s")
endif()

file(READ ${WORK_DIR}/out/results.json json)
string(JSON score GET "${json}" score)
if(NOT score EQUAL 20)
  message(FATAL_ERROR "expected 20 points (all but the affected case), got ${score}:\n${report}")
endif()
string(JSON count LENGTH "${json}" tests)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON name GET "${json}" tests ${i} name)
  string(JSON status GET "${json}" tests ${i} status)
  if(name MATCHES "zero steps returns only the start")
    if(NOT status STREQUAL "failed")
      message(FATAL_ERROR "the hostile case was not failed: ${name}")
    endif()
  elseif(NOT status STREQUAL "passed")
    message(FATAL_ERROR "an innocent case lost its points: ${name}\n${report}")
  endif()
endforeach()
file(READ ${WORK_DIR}/out/report.txt text)
string(FIND "${text}" "score: 20/22" at)
if(at EQUAL -1)
  message(FATAL_ERROR "report.txt was not the grader's own:\n${text}")
endif()
message(STATUS "graded in ${elapsed} s: 20/22, the affected case failed\n${report}")
