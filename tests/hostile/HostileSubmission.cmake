# One hostile submission through the real grader. The submission's descent_path misbehaves
# only in the case "zero steps returns only the start" (steps == 0) and is correct otherwise;
# its other exercise files are the references. The grader must give the affected case 0, every
# other case its points, finish within BUDGET seconds, and write its own report and
# results.json over anything the submission wrote.
# Inputs: GRADE, MAKE_STARTER, SOLUTION_DIR, BODY, WORK_DIR, BUDGET.
include(${CMAKE_CURRENT_LIST_DIR}/../grading/Results.cmake)
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
file(GLOB others ${SOLUTION_DIR}/*.hpp)
list(FILTER others EXCLUDE REGEX "/descent_path\\.hpp$")
file(COPY ${others} DESTINATION ${sub})

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
results_totals("${json}" score maximum)
results_case_points("${json}" "zero steps returns only the start" affected)
string(JSON count LENGTH "${json}" tests)
math(EXPR last "${count} - 1")
math(EXPR expected "${maximum} - ${affected}")
if(affected EQUAL 0 OR NOT score EQUAL expected)
  message(FATAL_ERROR "expected ${expected} points (all but the affected case), got ${score}:\n${report}")
endif()
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
string(FIND "${text}" "score: ${expected}/${maximum}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "report.txt was not the grader's own:\n${text}")
endif()
message(STATUS "graded in ${elapsed} s: ${expected}/${maximum}, the affected case failed\n${report}")
