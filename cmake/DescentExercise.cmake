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
#   and exercises (name, points, and the absolute paths of solution, io (the adapter), cases,
#   hidden_cases, case_generator and starter), plus support_dir (exercises/, which holds the
#   protocol headers every answer program includes). It also defines the target `score`.
#
# descent_exercise(CHAPTER dir NAME name POINTS total)
#   exercises/<dir>/<name>.hpp                  the reference solution with markers
#   exercises/<dir>/cases/<name>.io.hpp         its adapter: how a request calls it (exercises/protocol.hpp)
#   exercises/<dir>/cases/<name>.cases.cpp      the public grading cases (in student packs)
#   exercises/<dir>/cases/<name>.hidden.cpp     the hidden grading cases (never packed)
#   exercises/<dir>/cases/<name>.requests.hpp  the request builders both case files share (never packed)
# creates
#   build/starter/<dir>/<name>.hpp          the starter (target `starters` makes them all)
#   cases_<name>                            the case generator: the reference's answers to every case
#   build/exercises/cases/<name>.json       … its case file (seed DESCENT_GRADE_SEED), and
#   build/exercises/cases/<name>.public.json  the public cases only (what a pack carries)
#   answers_<name>_reference, _starter      answer programs built from each exercise file
#   answers_<name>_student                  … from $DESCENT_STUDENT_DIR/<dir>/<name>.hpp when it
#                                           exists (target `score` grades them all)
# and the tests that the reference agrees with the cases' closed forms, that the audit
# (cases/<name>.audit.md) names only real cases, that the reference scores POINTS, and that the
# starter compiles and scores 0.
include(${CMAKE_CURRENT_LIST_DIR}/DescentCatalogue.cmake)

set(DESCENT_STUDENT_DIR "${PROJECT_SOURCE_DIR}/student" CACHE PATH
    "Folder with your exercise solutions (<chapter>/<name>.hpp), graded by the 'score' target")
set(DESCENT_GRADE_TIMEOUT 10 CACHE STRING "Seconds each grading case may run")
set(DESCENT_GRADE_SEED 1 CACHE STRING "Seed of the differential grading cases in the build's case files")

add_custom_target(starters)
set_property(GLOBAL PROPERTY DESCENT_SCORE_ARGUMENTS "")
set_property(GLOBAL PROPERTY DESCENT_SCORE_DEPENDS "")

# An answer program: the exercise file found in `include_dir` with its adapter and the answer main.
function(descent_answer_program target name include_dir)
  get_property(cases_dir GLOBAL PROPERTY DESCENT_EXERCISE_${name}_CASES_DIR)
  add_executable(${target} ${PROJECT_SOURCE_DIR}/tools/grading/answer_main.cpp)
  target_include_directories(${target} PRIVATE ${include_dir} ${cases_dir})
  target_link_libraries(${target} PRIVATE answer_runtime)
  target_compile_definitions(${target} PRIVATE EIGEN_MAX_ALIGN_BYTES=32 DESCENT_EXERCISE_IO="${name}.io.hpp")
  target_compile_options(${target} PRIVATE ${DESCENT_TEST_OPTIMIZATION})
  target_precompile_headers(${target} REUSE_FROM answer_pch)
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/exercise-tests)
endfunction()

# A test that scores `program` against exercise `name`'s case file and expects exactly `points`.
function(descent_score_test test name program points)
  add_test(NAME ${test}
    COMMAND score_exercises --timeout ${DESCENT_GRADE_TIMEOUT} --expect ${points}
            ${CMAKE_BINARY_DIR}/exercises/cases/${name}.json $<TARGET_FILE:${program}>)
  set_tests_properties(${test} PROPERTIES LABELS exercise)
endfunction()

function(descent_exercise)
  cmake_parse_arguments(ARG "" "CHAPTER;NAME;POINTS" "" ${ARGN})
  set(name ${ARG_NAME})
  set(source_dir ${PROJECT_SOURCE_DIR}/exercises/${ARG_CHAPTER})
  set(cases_dir ${source_dir}/cases)
  set(starter_dir ${CMAKE_BINARY_DIR}/starter/${ARG_CHAPTER})
  set(case_file ${CMAKE_BINARY_DIR}/exercises/cases/${name}.json)
  set(public_case_file ${CMAKE_BINARY_DIR}/exercises/cases/${name}.public.json)
  set_property(GLOBAL PROPERTY DESCENT_EXERCISE_${name}_SOLUTION ${source_dir}/${name}.hpp)
  set_property(GLOBAL PROPERTY DESCENT_EXERCISE_${name}_CASES_DIR ${cases_dir})

  add_custom_command(
    OUTPUT ${starter_dir}/${name}.hpp
    COMMAND ${CMAKE_COMMAND} -E make_directory ${starter_dir}
    COMMAND make_starter ${source_dir}/${name}.hpp ${starter_dir}/${name}.hpp
    DEPENDS make_starter ${source_dir}/${name}.hpp
    COMMENT "Generating the starter for ${name}")
  add_custom_target(starter_${name} DEPENDS ${starter_dir}/${name}.hpp)
  add_dependencies(starters starter_${name})

  # The trusted side: the reference's answers to every case, public and hidden.
  add_executable(cases_${name} ${PROJECT_SOURCE_DIR}/tools/grading/case_main.cpp
                 ${cases_dir}/${name}.cases.cpp ${cases_dir}/${name}.hidden.cpp)
  # Cases may use the library's headers (descent/random.hpp for seeded inputs), not its code.
  target_include_directories(cases_${name} PRIVATE ${source_dir} ${cases_dir} ${PROJECT_SOURCE_DIR}/lib)
  target_link_libraries(cases_${name} PRIVATE grading answer_runtime)
  target_compile_definitions(cases_${name} PRIVATE EIGEN_MAX_ALIGN_BYTES=32
                             DESCENT_EXERCISE_IO="${name}.io.hpp" DESCENT_EXERCISE_NAME="${name}")
  target_compile_options(cases_${name} PRIVATE ${DESCENT_TEST_OPTIMIZATION})
  set_target_properties(cases_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/exercise-tests)
  add_custom_command(
    OUTPUT ${case_file} ${public_case_file}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/exercises/cases
    COMMAND cases_${name} --seed ${DESCENT_GRADE_SEED} > ${case_file}.new
    COMMAND ${CMAKE_COMMAND} -E rename ${case_file}.new ${case_file}
    COMMAND cases_${name} --public > ${public_case_file}.new
    COMMAND ${CMAKE_COMMAND} -E rename ${public_case_file}.new ${public_case_file}
    DEPENDS cases_${name}
    COMMENT "Computing the grading cases of ${name} from the reference")
  add_custom_target(case_file_${name} ALL DEPENDS ${case_file} ${public_case_file})
  add_dependencies(grading_cases cases_${name})
  add_test(NAME exercise.${name}.reference_agrees_with_closed_forms
           COMMAND cases_${name} --check --audit ${cases_dir}/${name}.audit.md)
  set_tests_properties(exercise.${name}.reference_agrees_with_closed_forms PROPERTIES LABELS exercise)

  descent_answer_program(answers_${name}_reference ${name} ${source_dir})
  descent_answer_program(answers_${name}_starter ${name} ${starter_dir})
  add_dependencies(answers_${name}_starter starter_${name})
  descent_score_test(exercise.${name}.reference_scores_full_marks ${name} answers_${name}_reference ${ARG_POINTS})
  descent_score_test(exercise.${name}.starter_scores_zero ${name} answers_${name}_starter 0)
  add_test(NAME exercise.${name}.starter_has_no_solution
    COMMAND ${CMAKE_COMMAND} -DSOLUTION=${source_dir}/${name}.hpp -DSTARTER=${starter_dir}/${name}.hpp
            -P ${PROJECT_SOURCE_DIR}/tests/exercises/CheckStarter.cmake)
  set_tests_properties(exercise.${name}.starter_has_no_solution PROPERTIES LABELS exercise)

  # Self-study: the student's file, if there is one, is scored by the `score` target.
  set(student_file ${DESCENT_STUDENT_DIR}/${ARG_CHAPTER}/${name}.hpp)
  if(EXISTS ${student_file})
    descent_answer_program(answers_${name}_student ${name} ${DESCENT_STUDENT_DIR}/${ARG_CHAPTER})
    set_property(GLOBAL APPEND PROPERTY DESCENT_SCORE_ARGUMENTS ${case_file} $<TARGET_FILE:answers_${name}_student>)
    set_property(GLOBAL APPEND PROPERTY DESCENT_SCORE_DEPENDS answers_${name}_student case_file_${name})
  endif()
endfunction()

# descent_exercise_mutant(NAME name BODY file EXPECT points [ALTERNATIVE])
#   Builds an answer program from the reference with its marked region replaced by the lines of
#   `file` (make_starter --body): a plausible wrong solution, which must score exactly `points`
#   (less than full marks), or with ALTERNATIVE a correct alternative, which must score `points`
#   = full marks.
function(descent_exercise_mutant)
  cmake_parse_arguments(ARG "ALTERNATIVE" "NAME;BODY;EXPECT" "" ${ARGN})
  get_filename_component(label ${ARG_BODY} NAME)
  string(REGEX REPLACE "^${ARG_NAME}\\.|\\.inc$" "" label ${label})
  get_property(solution GLOBAL PROPERTY DESCENT_EXERCISE_${ARG_NAME}_SOLUTION)
  if(ARG_ALTERNATIVE)
    set(label alternative_${label})
    set(test exercise.${ARG_NAME}.correct_alternative_scores_full_marks.${label})
  else()
    set(test exercise.${ARG_NAME}.wrong_solution_loses_points.${label})
  endif()
  set(mutant_dir ${CMAKE_CURRENT_BINARY_DIR}/mutants/${label})
  add_custom_command(
    OUTPUT ${mutant_dir}/${ARG_NAME}.hpp
    COMMAND ${CMAKE_COMMAND} -E make_directory ${mutant_dir}
    COMMAND make_starter ${solution} ${mutant_dir}/${ARG_NAME}.hpp --body ${ARG_BODY}
    DEPENDS make_starter ${solution} ${ARG_BODY})
  set(target answers_${ARG_NAME}_mutant_${label})
  descent_answer_program(${target} ${ARG_NAME} ${mutant_dir})
  target_sources(${target} PRIVATE ${mutant_dir}/${ARG_NAME}.hpp)
  descent_score_test(${test} ${ARG_NAME} ${target} ${ARG_EXPECT})
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
    set(chapter_digits ${CMAKE_MATCH_1})
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
    # The chapter's points table for its exercise page (figures/NN_name/chNN-exercise-points.txt).
    set(case_files "")
    foreach(name IN LISTS ex_EXERCISES)
      list(APPEND case_files ${CMAKE_BINARY_DIR}/exercises/cases/${name}.json)
    endforeach()
    set(points_file ${PROJECT_SOURCE_DIR}/figures/${chapter}/ch${chapter_digits}-exercise-points.txt)
    string(REPLACE ";" "," names_argument "${ex_EXERCISES}")
    add_custom_command(
      OUTPUT ${points_file}
      COMMAND ${CMAKE_COMMAND} -DNUMBER=${number} -DNAMES=${names_argument} -DCASE_DIR=${CMAKE_BINARY_DIR}/exercises/cases
              -DOUTPUT=${points_file} -P ${PROJECT_SOURCE_DIR}/cmake/ExercisePoints.cmake
      DEPENDS ${case_files} ${PROJECT_SOURCE_DIR}/cmake/ExercisePoints.cmake
      COMMENT "Writing the exercise points of ${chapter}"
      VERBATIM)
    add_custom_target(exercise_points_${chapter} DEPENDS ${points_file})
    set_property(GLOBAL APPEND PROPERTY DESCENT_FIGURE_TARGETS exercise_points_${chapter})
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
      foreach(alternative IN LISTS ex_${name}_ALTERNATIVES)
        descent_exercise_mutant(NAME ${name} BODY ${dir}/alternatives/${name}.${alternative}.inc
                                EXPECT ${ex_${name}_POINTS} ALTERNATIVE)
      endforeach()
      descent_json_string(solution "${dir}/${name}.hpp")
      descent_json_string(io "${dir}/cases/${name}.io.hpp")
      descent_json_string(cases "${dir}/cases/${name}.cases.cpp")
      descent_json_string(hidden "${dir}/cases/${name}.hidden.cpp")
      descent_json_string(generator "${CMAKE_BINARY_DIR}/exercise-tests/cases_${name}")
      descent_json_string(starter "${CMAKE_BINARY_DIR}/starter/${chapter}/${name}.hpp")
      if(exercises_json)
        string(APPEND exercises_json ",")
      endif()
      string(APPEND exercises_json "\n        {\"name\": \"${name}\", \"points\": ${ex_${name}_POINTS},"
             "\n         \"solution\": ${solution},\n         \"io\": ${io},"
             "\n         \"cases\": ${cases},\n         \"hidden_cases\": ${hidden},"
             "\n         \"case_generator\": ${generator},\n         \"starter\": ${starter}}")
    endforeach()
    if(chapters_json)
      string(APPEND chapters_json ",")
    endif()
    string(APPEND chapters_json "\n    {\"chapter\": \"${chapter}\", \"number\": ${number}, \"title\": ${title},"
           "\n     \"statement\": ${statement},\n     \"exercises\": [${exercises_json}]}")
  endforeach()
  descent_json_string(support "${PROJECT_SOURCE_DIR}/exercises")
  # Written through a copy so that an unchanged catalogue keeps its time stamp.
  file(WRITE ${ARG_OUTPUT}.new "{\n  \"support_dir\": ${support},\n  \"chapters\": [${chapters_json}]\n}\n")
  file(COPY_FILE ${ARG_OUTPUT}.new ${ARG_OUTPUT} ONLY_IF_DIFFERENT)
  file(REMOVE ${ARG_OUTPUT}.new)

  # Self-study: `score` grades the student's files found by descent_exercise, all at once.
  get_property(score_arguments GLOBAL PROPERTY DESCENT_SCORE_ARGUMENTS)
  get_property(score_depends GLOBAL PROPERTY DESCENT_SCORE_DEPENDS)
  if(score_arguments)
    add_custom_target(score
      COMMAND score_exercises --timeout ${DESCENT_GRADE_TIMEOUT} ${score_arguments}
      DEPENDS score_exercises ${score_depends}
      COMMENT "Grading your solutions in ${DESCENT_STUDENT_DIR}"
      VERBATIM)
  else()
    add_custom_target(score
      COMMAND ${CMAKE_COMMAND} -E echo "No solutions to grade: ${DESCENT_STUDENT_DIR} holds no <chapter>/<exercise>.hpp (see the exercise pages)"
      VERBATIM)
  endif()
endfunction()
