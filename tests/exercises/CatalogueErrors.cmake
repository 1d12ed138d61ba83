# A broken chapter catalogue (exercises/NN_name/exercises.json) stops the configure with a
# message naming the file and the problem; a good one reads back its entries. Runs the reader
# the build uses (cmake/DescentCatalogue.cmake) in a child cmake -P on small chapter folders.
# Inputs: SOURCE_DIR (the project), WORK_DIR.
cmake_minimum_required(VERSION 3.25)
if(DEFINED READ)  # the child: read one catalogue and print what it found
  include(${SOURCE_DIR}/cmake/DescentCatalogue.cmake)
  get_filename_component(dir ${READ} DIRECTORY)
  descent_read_exercise_catalogue(FILE ${READ} CHAPTER_DIR ${dir} PREFIX ex)
  foreach(name IN LISTS ex_EXERCISES)
    message(STATUS "read ${name} ${ex_${name}_POINTS} wrong=${ex_${name}_WRONG} alternatives=${ex_${name}_ALTERNATIVES}")
  endforeach()
  return()
endif()

file(REMOVE_RECURSE ${WORK_DIR})
# A chapter folder with one exercise (solution, adapter, cases, audit, one wrong solution, one
# correct alternative) and the given catalogue.
function(chapter name json)
  set(dir ${WORK_DIR}/${name})
  file(WRITE ${dir}/walk.hpp "// the solution\n")
  foreach(part io.hpp cases.cpp hidden.cpp audit.md)
    file(WRITE ${dir}/cases/walk.${part} "// ${part}\n")
  endforeach()
  file(WRITE ${dir}/wrong/walk.backwards.inc "// a wrong body\n")
  file(WRITE ${dir}/alternatives/walk.two_pass.inc "// a correct body\n")
  file(WRITE ${dir}/exercises.json "${json}")
endfunction()

function(expect_read name expected)
  execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${SOURCE_DIR} -DREAD=${WORK_DIR}/${name}/exercises.json
                          -P ${CMAKE_CURRENT_LIST_FILE}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(FIND "${out}" "${expected}" at)
  if(NOT status EQUAL 0 OR at EQUAL -1)
    message(FATAL_ERROR "${name}: expected '${expected}', got exit ${status}:\n${out}${err}")
  endif()
endfunction()

function(expect_error name expected)
  execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${SOURCE_DIR} -DREAD=${WORK_DIR}/${name}/exercises.json
                          -P ${CMAKE_CURRENT_LIST_FILE}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(REGEX REPLACE "[ \n]+" " " err_line "${err}")  # CMake wraps long messages
  string(FIND "${err_line}" "${WORK_DIR}/${name}/exercises.json" names_file)
  string(FIND "${err_line}" "${expected}" names_problem)
  if(status EQUAL 0 OR names_file EQUAL -1 OR names_problem EQUAL -1)
    message(FATAL_ERROR "${name}: expected an error naming the file and '${expected}', got exit ${status}:\n${out}${err}")
  endif()
  message(STATUS "${name}: refused")
endfunction()

chapter(good [=[{"title": "Walks", "exercises": [{"name": "walk", "points": 10, "wrong": [{"mistake": "backwards", "expect": 3}], "alternatives": ["two_pass"]}]}]=])
expect_read(good "read walk 10 wrong=backwards alternatives=two_pass")

chapter(missing_alternative [=[{"title": "Walks", "exercises": [{"name": "walk", "points": 10, "alternatives": ["welford"]}]}]=])
expect_error(missing_alternative "missing file ${WORK_DIR}/missing_alternative/alternatives/walk.welford.inc")

chapter(missing_audit [=[{"title": "Walks", "exercises": [{"name": "walk", "points": 10}]}]=])
file(REMOVE ${WORK_DIR}/missing_audit/cases/walk.audit.md)
expect_error(missing_audit "missing file ${WORK_DIR}/missing_audit/cases/walk.audit.md")

chapter(missing_solution [=[{"title": "Walks", "exercises": [{"name": "walk", "points": 10}, {"name": "run", "points": 5}]}]=])
expect_error(missing_solution "missing file ${WORK_DIR}/missing_solution/run.hpp")

chapter(missing_wrong [=[{"title": "Walks", "exercises": [{"name": "walk", "points": 10, "wrong": [{"mistake": "sideways", "expect": 3}]}]}]=])
expect_error(missing_wrong "missing file ${WORK_DIR}/missing_wrong/wrong/walk.sideways.inc")

chapter(not_json [=[{"title": "Walks", "exercises": [{"name": "walk", "points": 10,]}]=])
expect_error(not_json "not a valid exercise catalogue")

chapter(no_points [=[{"title": "Walks", "exercises": [{"name": "walk"}]}]=])
expect_error(no_points "walk: \"points\" must be a NUMBER")

chapter(wrong_scores_full [=[{"title": "Walks", "exercises": [{"name": "walk", "points": 10, "wrong": [{"mistake": "backwards", "expect": 10}]}]}]=])
expect_error(wrong_scores_full "walk.backwards: \"expect\" must be a whole number below 10")

chapter(twice [=[{"title": "Walks", "exercises": [{"name": "walk", "points": 10}, {"name": "walk", "points": 10}]}]=])
expect_error(twice "exercise 'walk' is listed twice")
