# Exercises: one source of truth per exercise (the reference solution with BEGIN/END SOLUTION
# markers), from which the student's starter is generated, and one catalogue per chapter.
#
# descent_exercise_catalogue(CHAPTERS dir… OUTPUT file)
#   For each chapter folder exercises/<dir>/ that has an exercises.json (its title, and its
#   exercises in order with their points and pinned wrong solutions; format and checks in
#   cmake/DescentCatalogue.cmake): descent_exercise for every exercise, descent_exercise_mutant
#   for every wrong solution. The JSON files are configure dependencies; a malformed one stops
#   the configure with a message naming it. Writes `file`, the build's catalogue that assign and
#   grade read: the chapters in order, each with its number, title, statement (exercises.md)
#   and exercises (name, points, and the absolute paths of solution, test, hidden_test (or
#   null) and starter), plus support_header (exercises/grading_support.hpp).
#
# descent_exercise(CHAPTER dir NAME name POINTS total)
#   exercises/<dir>/<name>.hpp              the reference solution with markers
#   exercises/<dir>/tests/<name>_test.cpp   the grading tests, [points=N] per case
#   exercises/<dir>/tests/<name>_hidden_test.cpp  optional instructor-only cases ([hidden])
# creates
#   build/starter/<dir>/<name>.hpp          the starter (target `starters` makes them all)
#   ex_<name>_reference, ex_<name>_starter  the grading tests built against each
#   ex_<name>_student                       … and against $DESCENT_STUDENT_DIR/<dir>/<name>.hpp
#                                           when that file exists (target `score` grades it)
# and the tests that the reference scores POINTS and the starter compiles and scores 0.
include(${CMAKE_CURRENT_LIST_DIR}/DescentCatalogue.cmake)

set(DESCENT_STUDENT_DIR "${PROJECT_SOURCE_DIR}/student" CACHE PATH
    "Folder with your exercise solutions (<chapter>/<name>.hpp), graded by the 'score' target")
set(DESCENT_GRADE_TIMEOUT 10 CACHE STRING "Seconds each grading test case may run")

add_custom_target(starters)
add_custom_target(score
  COMMAND ${CMAKE_COMMAND} -E echo "No student solutions found under ${DESCENT_STUDENT_DIR}; see the exercise pages.")

# The grading test program for one exercise, built against the solution found in `include_dir`.
function(descent_exercise_tests target test_sources include_dir)
  add_executable(${target} ${test_sources})
  target_include_directories(${target} PRIVATE ${include_dir} ${PROJECT_SOURCE_DIR}/exercises)
  target_link_libraries(${target} PRIVATE Eigen3::Eigen grading_main)
  target_compile_definitions(${target} PRIVATE EIGEN_MAX_ALIGN_BYTES=32)
  target_compile_options(${target} PRIVATE ${DESCENT_TEST_OPTIMIZATION})
  target_precompile_headers(${target} REUSE_FROM catch_pch)
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/exercise-tests)
endfunction()

function(descent_exercise)
  cmake_parse_arguments(ARG "" "CHAPTER;NAME;POINTS" "" ${ARGN})
  set(source_dir ${PROJECT_SOURCE_DIR}/exercises/${ARG_CHAPTER})
  set(starter_dir ${CMAKE_BINARY_DIR}/starter/${ARG_CHAPTER})
  set(test_source ${source_dir}/tests/${ARG_NAME}_test.cpp)
  # Hidden tests (tagged [hidden]) live in their own file, which student packs leave out.
  if(EXISTS ${source_dir}/tests/${ARG_NAME}_hidden_test.cpp)
    list(APPEND test_source ${source_dir}/tests/${ARG_NAME}_hidden_test.cpp)
  endif()
  set_property(GLOBAL PROPERTY DESCENT_EXERCISE_${ARG_NAME}_SOLUTION ${source_dir}/${ARG_NAME}.hpp)
  set_property(GLOBAL PROPERTY DESCENT_EXERCISE_${ARG_NAME}_TEST "${test_source}")

  add_custom_command(
    OUTPUT ${starter_dir}/${ARG_NAME}.hpp
    COMMAND ${CMAKE_COMMAND} -E make_directory ${starter_dir}
    COMMAND make_starter ${source_dir}/${ARG_NAME}.hpp ${starter_dir}/${ARG_NAME}.hpp
    DEPENDS make_starter ${source_dir}/${ARG_NAME}.hpp
    COMMENT "Generating the starter for ${ARG_NAME}")
  add_custom_target(starter_${ARG_NAME} DEPENDS ${starter_dir}/${ARG_NAME}.hpp)
  add_dependencies(starters starter_${ARG_NAME})

  descent_exercise_tests(ex_${ARG_NAME}_reference "${test_source}" ${source_dir})
  descent_exercise_tests(ex_${ARG_NAME}_starter "${test_source}" ${starter_dir})
  add_dependencies(ex_${ARG_NAME}_starter starter_${ARG_NAME})

  # One CTest test per grading case of the reference, each with a time limit.
  catch_discover_tests(ex_${ARG_NAME}_reference
    TEST_PREFIX "exercise.${ARG_NAME}.reference: "
    PROPERTIES TIMEOUT ${DESCENT_GRADE_TIMEOUT} LABELS exercise)
  add_test(NAME exercise.${ARG_NAME}.reference_scores_full_marks
    COMMAND score_exercises --timeout ${DESCENT_GRADE_TIMEOUT} --expect ${ARG_POINTS} $<TARGET_FILE:ex_${ARG_NAME}_reference>)
  add_test(NAME exercise.${ARG_NAME}.starter_scores_zero
    COMMAND score_exercises --timeout ${DESCENT_GRADE_TIMEOUT} --expect 0 $<TARGET_FILE:ex_${ARG_NAME}_starter>)
  add_test(NAME exercise.${ARG_NAME}.starter_has_no_solution
    COMMAND ${CMAKE_COMMAND} -DSOLUTION=${source_dir}/${ARG_NAME}.hpp -DSTARTER=${starter_dir}/${ARG_NAME}.hpp
            -P ${PROJECT_SOURCE_DIR}/tests/exercises/CheckStarter.cmake)
  set_tests_properties(exercise.${ARG_NAME}.reference_scores_full_marks exercise.${ARG_NAME}.starter_scores_zero
                       exercise.${ARG_NAME}.starter_has_no_solution PROPERTIES LABELS exercise)

  set(student_file ${DESCENT_STUDENT_DIR}/${ARG_CHAPTER}/${ARG_NAME}.hpp)
  if(EXISTS ${student_file})
    descent_exercise_tests(ex_${ARG_NAME}_student "${test_source}" ${DESCENT_STUDENT_DIR}/${ARG_CHAPTER})
    add_custom_target(score_${ARG_NAME}
      COMMAND score_exercises --timeout ${DESCENT_GRADE_TIMEOUT} $<TARGET_FILE:ex_${ARG_NAME}_student>
      DEPENDS ex_${ARG_NAME}_student score_exercises
      COMMENT "Grading ${student_file}")
    add_dependencies(score score_${ARG_NAME})
  endif()
endfunction()

# descent_exercise_mutant(NAME name BODY file EXPECT points)
#   Builds the grading tests of exercise `name` against a plausible wrong solution: the
#   reference with its marked region replaced by the lines of `file` (make_starter --body),
#   and asserts it scores exactly `points` (less than full marks).
function(descent_exercise_mutant)
  cmake_parse_arguments(ARG "" "NAME;BODY;EXPECT" "" ${ARGN})
  get_filename_component(label ${ARG_BODY} NAME)
  string(REGEX REPLACE "^${ARG_NAME}\\.|\\.inc$" "" label ${label})
  get_property(solution GLOBAL PROPERTY DESCENT_EXERCISE_${ARG_NAME}_SOLUTION)
  get_property(test_source GLOBAL PROPERTY DESCENT_EXERCISE_${ARG_NAME}_TEST)
  set(mutant_dir ${CMAKE_CURRENT_BINARY_DIR}/mutants/${label})
  add_custom_command(
    OUTPUT ${mutant_dir}/${ARG_NAME}.hpp
    COMMAND ${CMAKE_COMMAND} -E make_directory ${mutant_dir}
    COMMAND make_starter ${solution} ${mutant_dir}/${ARG_NAME}.hpp --body ${ARG_BODY}
    DEPENDS make_starter ${solution} ${ARG_BODY})
  set(target ex_${ARG_NAME}_mutant_${label})
  descent_exercise_tests(${target} "${test_source}" ${mutant_dir})
  target_sources(${target} PRIVATE ${mutant_dir}/${ARG_NAME}.hpp)
  add_test(NAME exercise.${ARG_NAME}.wrong_solution_loses_points.${label}
    COMMAND score_exercises --timeout ${DESCENT_GRADE_TIMEOUT} --expect ${ARG_EXPECT} $<TARGET_FILE:${target}>)
  set_tests_properties(exercise.${ARG_NAME}.wrong_solution_loses_points.${label} PROPERTIES LABELS exercise)
endfunction()

function(descent_exercise_catalogue)
  cmake_parse_arguments(ARG "" "OUTPUT" "CHAPTERS" ${ARGN})
  set(all_names "")
  set(chapters_json "")
  foreach(chapter IN LISTS ARG_CHAPTERS)
    if(NOT chapter MATCHES "^([0-9][0-9])_[A-Za-z0-9_]+$")
      message(FATAL_ERROR "DESCENT_CHAPTERS: '${chapter}' is not a chapter folder name (NN_name)")
    endif()
    math(EXPR number "1${CMAKE_MATCH_1} - 100")
    set(dir ${PROJECT_SOURCE_DIR}/exercises/${chapter})
    # Reconfigure when the catalogue appears or disappears (glob) and when it changes.
    file(GLOB catalogue CONFIGURE_DEPENDS ${dir}/exercises.json)
    if(NOT catalogue)
      continue()
    endif()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${catalogue})
    descent_read_exercise_catalogue(FILE ${catalogue} CHAPTER_DIR ${dir} PREFIX ex)
    if(NOT EXISTS ${dir}/exercises.md)
      message(FATAL_ERROR "${catalogue}: missing file ${dir}/exercises.md (the chapter's exercise statement)")
    endif()
    descent_json_string(title "${ex_TITLE}")
    descent_json_string(statement "${dir}/exercises.md")
    set(exercises_json "")
    foreach(name IN LISTS ex_EXERCISES)
      if(name IN_LIST all_names)
        message(FATAL_ERROR "${catalogue}: exercise '${name}' is also in an earlier chapter (names are unique)")
      endif()
      list(APPEND all_names ${name})
      descent_exercise(CHAPTER ${chapter} NAME ${name} POINTS ${ex_${name}_POINTS})
      foreach(mistake IN LISTS ex_${name}_WRONG)
        descent_exercise_mutant(NAME ${name} BODY ${dir}/wrong/${name}.${mistake}.inc
                                EXPECT ${ex_${name}_${mistake}_EXPECT})
      endforeach()
      descent_json_string(solution "${dir}/${name}.hpp")
      descent_json_string(test "${dir}/tests/${name}_test.cpp")
      set(hidden null)
      if(EXISTS ${dir}/tests/${name}_hidden_test.cpp)
        descent_json_string(hidden "${dir}/tests/${name}_hidden_test.cpp")
      endif()
      descent_json_string(starter "${CMAKE_BINARY_DIR}/starter/${chapter}/${name}.hpp")
      if(exercises_json)
        string(APPEND exercises_json ",")
      endif()
      string(APPEND exercises_json "\n        {\"name\": \"${name}\", \"points\": ${ex_${name}_POINTS},"
             "\n         \"solution\": ${solution},\n         \"test\": ${test},"
             "\n         \"hidden_test\": ${hidden},\n         \"starter\": ${starter}}")
    endforeach()
    if(chapters_json)
      string(APPEND chapters_json ",")
    endif()
    string(APPEND chapters_json "\n    {\"chapter\": \"${chapter}\", \"number\": ${number}, \"title\": ${title},"
           "\n     \"statement\": ${statement},\n     \"exercises\": [${exercises_json}]}")
  endforeach()
  descent_json_string(support "${PROJECT_SOURCE_DIR}/exercises/grading_support.hpp")
  # Written through a copy so that an unchanged catalogue keeps its time stamp.
  file(WRITE ${ARG_OUTPUT}.new "{\n  \"support_header\": ${support},\n  \"chapters\": [${chapters_json}]\n}\n")
  file(COPY_FILE ${ARG_OUTPUT}.new ${ARG_OUTPUT} ONLY_IF_DIFFERENT)
  file(REMOVE ${ARG_OUTPUT}.new)
endfunction()
