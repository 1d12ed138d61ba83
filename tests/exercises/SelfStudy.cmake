# Self-study scoring through the README's commands ("To grade your own work"): a student copies
# the starters of Chapter 1, solves Exercise 1.1 (here: the reference), configures with
# DESCENT_STUDENT_DIR and builds `score`. It must build, grade both files, print each
# exercise's points and the total, and exit 0. A student folder with no solutions gives one
# clear line and exit 0 too. Inputs: SOURCE_DIR, STARTER_DIR (the build's starters), WORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/student)
file(COPY ${STARTER_DIR}/01_hand_descent DESTINATION ${WORK_DIR}/student)
file(COPY ${SOURCE_DIR}/exercises/01_hand_descent/descent_path.hpp DESTINATION ${WORK_DIR}/student/01_hand_descent)

function(configure_and_score student expect_status)
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -DCMAKE_BUILD_TYPE=Release
                          -DDESCENT_STUDENT_DIR=${student} -DDESCENT_BUILD_BOOK=OFF -DDESCENT_BUILD_TESTS=OFF
                  RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "configure with DESCENT_STUDENT_DIR=${student} failed: ${err}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build --target score -j 2
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "cmake --build build --target score failed (${status}):\n${out}${err}")
  endif()
  set(score_output "${out}" PARENT_SCOPE)
endfunction()

configure_and_score(${WORK_DIR}/student 0)
if(NOT score_output MATCHES "descent_path: ([0-9]+)/([0-9]+) points" OR NOT CMAKE_MATCH_1 EQUAL CMAKE_MATCH_2)
  message(FATAL_ERROR "the solved exercise does not get full marks:\n${score_output}")
endif()
if(NOT score_output MATCHES "central_difference: 0/[1-9][0-9]* points")
  message(FATAL_ERROR "the unsolved starter is not graded at 0:\n${score_output}")
endif()
if(NOT score_output MATCHES "score: ([0-9]+)/([0-9]+)")
  message(FATAL_ERROR "no total:\n${score_output}")
endif()
message(STATUS "self-study score: ${CMAKE_MATCH_1}/${CMAKE_MATCH_2}")

file(MAKE_DIRECTORY ${WORK_DIR}/nothing)
configure_and_score(${WORK_DIR}/nothing 0)
if(NOT score_output MATCHES "No solutions to grade: [^\n]*nothing holds no <chapter>/<exercise>.hpp")
  message(FATAL_ERROR "an empty student folder does not say so in one line:\n${score_output}")
endif()
message(STATUS "an empty student folder: one line")
