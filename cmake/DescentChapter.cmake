# Helpers shared by every chapter. A chapter lives in its folder, chapters/NN_name/: its
# CMakeLists.txt declares the program, the runs the book shows and the chapter's tests with the
# functions below, and chapters/CMakeLists.txt lists the folders in reading order.
#
# descent_chapter(BINARY name SOURCES files…)
#   One standalone program per chapter, linked against the library, placed in build/bin.
function(descent_chapter)
  cmake_parse_arguments(ARG "" "BINARY" "SOURCES" ${ARGN})
  add_executable(${ARG_BINARY} ${ARG_SOURCES})
  target_link_libraries(${ARG_BINARY} PRIVATE descent descent_warnings)
  set_target_properties(${ARG_BINARY} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
  # Once the chapter's folder is read, gather its figure runs into one target.
  cmake_language(DEFER CALL descent_chapter_figures)
endfunction()

# The target figures_<folder> that runs every descent_figure_run of the folder it is called in
# (a custom command's output can only be a dependency of targets in its own folder), and
# timed_figures_<folder> for its TIMED runs; the `figures` target depends on all of them.
function(descent_chapter_figures)
  get_filename_component(folder ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  get_property(outputs DIRECTORY PROPERTY DESCENT_FIGURE_OUTPUTS)
  if(outputs)
    add_custom_target(figures_${folder} DEPENDS ${outputs})
    set_property(GLOBAL APPEND PROPERTY DESCENT_FIGURE_TARGETS figures_${folder})
  endif()
  get_property(timed DIRECTORY PROPERTY DESCENT_TIMED_OUTPUTS)
  if(timed)
    add_custom_target(timed_figures_${folder} DEPENDS ${timed})
    set_property(GLOBAL APPEND PROPERTY DESCENT_TIMED_TARGETS timed_figures_${folder})
  endif()
endfunction()

# descent_figure_run([CHAPTER dir] BINARY target NAME run-name ARGS flags… FILES produced…
#                    [NO_OUT] [SHOWN_ARGS text] [DEPENDS targets…]
#                    [WORKDIR dir] [EXPECT_STATUS code])
#   Runs a program as the book shows it: stdout goes to figures/<dir>/<name>.txt (headed by
#   the command line a reader would type) and --out/--name put its CSVs and figures beside it
#   (NO_OUT: a tool that takes no --out). FILES lists what the run must produce: a missing one
#   fails the build. SHOWN_ARGS replaces ARGS in the command line shown. EXPECT_STATUS 2 shows
#   how a program refuses bad input (its stderr is the output); WORKDIR is where it runs.
#   CHAPTER defaults to the folder the call is in. The outputs become part of the folder's
#   figures_<folder> target, on which the `figures` target (figures/CMakeLists.txt) depends.
#   TIMED: the run prints timings, so it must have the machine to itself. Timed runs go in
#   timed_figures_<folder> instead, and figures/CMakeLists.txt runs them one after another
#   once every other figure run and every program is done: a parallel build (-j) then has
#   nothing else to run beside them.
#   LAUNCHER program args…: run the binary through this launcher (mpirun -np 2 …); the command
#   line shown then starts with SHOWN_LAUNCHER.
function(descent_figure_run)
  cmake_parse_arguments(ARG "NO_OUT;TIMED" "CHAPTER;BINARY;NAME;SHOWN_ARGS;WORKDIR;EXPECT_STATUS;SHOWN_LAUNCHER"
                        "ARGS;FILES;DEPENDS;LAUNCHER" ${ARGN})
  if(NOT ARG_CHAPTER)
    get_filename_component(ARG_CHAPTER ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  endif()
  set(out_dir ${PROJECT_SOURCE_DIR}/figures/${ARG_CHAPTER})
  set(outputs ${out_dir}/${ARG_NAME}.txt)
  foreach(file IN LISTS ARG_FILES)
    list(APPEND outputs ${out_dir}/${file})
  endforeach()
  string(REPLACE ";" " " run_args "${ARG_ARGS}")
  if(DEFINED ARG_SHOWN_ARGS)
    set(shown_args "${ARG_SHOWN_ARGS}")
  else()
    set(shown_args "${run_args}")
  endif()
  if(ARG_LAUNCHER)
    list(POP_FRONT ARG_LAUNCHER program)
    string(REPLACE ";" " " launcher_args "${ARG_LAUNCHER}")
    set(run_args "${launcher_args} $<TARGET_FILE:${ARG_BINARY}> ${run_args}")
    set(shown_name ${ARG_SHOWN_LAUNCHER})
    set(shown_args "${ARG_BINARY} ${shown_args}")
  else()
    set(program $<TARGET_FILE:${ARG_BINARY}>)
    set(shown_name ${ARG_BINARY})
  endif()
  set(order_after "")
  if(ARG_TIMED)
    # One timed run at a time: each waits for the folder's previous one.
    get_property(order_after DIRECTORY PROPERTY DESCENT_TIMED_OUTPUTS)
    set_property(GLOBAL APPEND PROPERTY DESCENT_TIMED_BINARIES ${ARG_BINARY})
  endif()
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${CMAKE_COMMAND}
            -DPROGRAM=${program}
            -DSHOWN_NAME=${shown_name}
            "-DARGS=${run_args}"
            "-DSHOWN_ARGS=${shown_args}"
            -DNO_OUT=${ARG_NO_OUT}
            -DWORKDIR=${ARG_WORKDIR}
            -DEXPECT_STATUS=${ARG_EXPECT_STATUS}
            -DOUT_DIR=${out_dir}
            -DNAME=${ARG_NAME}
            "-DEXPECTED=${outputs}"
            -P ${PROJECT_SOURCE_DIR}/cmake/RunChapter.cmake
    DEPENDS ${ARG_BINARY} ${ARG_DEPENDS} ${order_after} ${PROJECT_SOURCE_DIR}/cmake/RunChapter.cmake
    COMMENT "Running ${shown_name} ${shown_args}"
    VERBATIM)
  if(ARG_TIMED)
    set_property(DIRECTORY APPEND PROPERTY DESCENT_TIMED_OUTPUTS ${outputs})
  else()
    set_property(DIRECTORY APPEND PROPERTY DESCENT_FIGURE_OUTPUTS ${outputs})
  endif()
endfunction()

# The chapter's number, "1" for chapters/01_hand_descent (for test names).
function(descent_chapter_number out)
  get_filename_component(folder ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  string(REGEX MATCH "^[0-9]+" digits "${folder}")
  math(EXPR number "${digits}")
  set(${out} ${number} PARENT_SCOPE)
endfunction()

# descent_chapter_tests(BINARY program SOURCES files…)
#   The chapter's reproduction tests (Catch2, one CTest test per TEST_CASE, named "chapter N: …").
#   The program's path is the macro <PROGRAM>_BINARY; test data are under DESCENT_TEST_DATA.
function(descent_chapter_tests)
  if(NOT DESCENT_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "BINARY" "SOURCES" ${ARGN})
  descent_chapter_number(number)
  set(target chapter${number}_tests)
  string(TOUPPER "${ARG_BINARY}" macro)
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE descent descent_warnings Catch2::Catch2WithMain)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests/chapters)
  target_compile_options(${target} PRIVATE ${DESCENT_TEST_OPTIMIZATION})
  target_compile_definitions(${target} PRIVATE ${macro}_BINARY="$<TARGET_FILE:${ARG_BINARY}>"
                                               DESCENT_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data")
  add_dependencies(${target} ${ARG_BINARY})
  # --warn NoTests: a test whose name filter matches nothing fails instead of passing unseen.
  catch_discover_tests(${target} TEST_PREFIX "chapter ${number}: " EXTRA_ARGS --warn NoTests
                       PROPERTIES TIMEOUT 60 LABELS chapter)
endfunction()

# descent_bad_input_test(program case "expected text" args…)
#   Bad input on the command line: exit 2, one line on stderr naming `expected text`, nothing on
#   stdout, no file written (tests/cli/ExpectUsageError.cmake). "@FILE@" in args is a regular file.
function(descent_bad_input_test binary name expected_text)
  if(NOT DESCENT_BUILD_TESTS)
    return()
  endif()
  add_test(NAME "cli.${binary}.${name}"
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${binary}> "-DEXPECTED=${expected_text}"
            -DWORK_DIR=${PROJECT_BINARY_DIR}/tests/cli-work/${binary}-${name} "-DARGS=${ARGN}"
            -P ${PROJECT_SOURCE_DIR}/tests/cli/ExpectUsageError.cmake)
  set_tests_properties("cli.${binary}.${name}" PROPERTIES LABELS cli)
endfunction()

# descent_determinism_test(program "run|run|…")
#   Same command, same bytes: each run twice, each with its own --out; same stdout, same files.
function(descent_determinism_test binary runs)
  if(NOT DESCENT_BUILD_TESTS)
    return()
  endif()
  descent_chapter_number(number)
  string(LENGTH "${number}" digits)
  set(padded ${number})
  if(digits EQUAL 1)
    set(padded 0${number})
  endif()
  add_test(NAME chapter${padded}.deterministic_output
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${binary}> -DWORK_DIR=${PROJECT_BINARY_DIR}/tests/determinism-${padded}
            "-DRUNS=${runs}" -P ${PROJECT_SOURCE_DIR}/tests/chapters/Deterministic.cmake)
  set_tests_properties(chapter${padded}.deterministic_output PROPERTIES LABELS chapter)
endfunction()
