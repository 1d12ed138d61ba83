# Exercises: one source of truth per exercise (the reference solution with BEGIN/END SOLUTION
# markers), from which the student's starter is generated.
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
