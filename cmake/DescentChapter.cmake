# Helpers shared by every chapter.
#
# descent_chapter(BINARY name SOURCES files…)
#   One standalone program per chapter, linked against the library, placed in build/bin.
function(descent_chapter)
  cmake_parse_arguments(ARG "" "BINARY" "SOURCES" ${ARGN})
  add_executable(${ARG_BINARY} ${ARG_SOURCES})
  target_link_libraries(${ARG_BINARY} PRIVATE descent descent_warnings)
  set_target_properties(${ARG_BINARY} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
endfunction()

# descent_figure_run(CHAPTER dir BINARY target NAME run-name ARGS flags… FILES produced…
#                    [NO_OUT] [SHOWN_ARGS text] [DEPENDS targets…]
#                    [WORKDIR dir] [EXPECT_STATUS code])
#   Runs a program as the book shows it: stdout goes to figures/<dir>/<name>.txt (headed by
#   the command line a reader would type) and --out/--name put its CSVs and figures beside it
#   (NO_OUT: a tool that takes no --out). FILES lists what the run must produce: a missing one
#   fails the build. SHOWN_ARGS replaces ARGS in the command line shown. EXPECT_STATUS 2 shows
#   how a program refuses bad input (its stderr is the output); WORKDIR is where it runs.
#   Appends every output to the variable DESCENT_FIGURE_OUTPUTS in the caller's scope.
function(descent_figure_run)
  cmake_parse_arguments(ARG "NO_OUT" "CHAPTER;BINARY;NAME;SHOWN_ARGS;WORKDIR;EXPECT_STATUS" "ARGS;FILES;DEPENDS"
                        ${ARGN})
  set(out_dir ${DESCENT_FIGURES_DIR}/${ARG_CHAPTER})
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
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${CMAKE_COMMAND}
            -DPROGRAM=$<TARGET_FILE:${ARG_BINARY}>
            -DSHOWN_NAME=${ARG_BINARY}
            "-DARGS=${run_args}"
            "-DSHOWN_ARGS=${shown_args}"
            -DNO_OUT=${ARG_NO_OUT}
            -DWORKDIR=${ARG_WORKDIR}
            -DEXPECT_STATUS=${ARG_EXPECT_STATUS}
            -DOUT_DIR=${out_dir}
            -DNAME=${ARG_NAME}
            "-DEXPECTED=${outputs}"
            -P ${PROJECT_SOURCE_DIR}/cmake/RunChapter.cmake
    DEPENDS ${ARG_BINARY} ${ARG_DEPENDS} ${PROJECT_SOURCE_DIR}/cmake/RunChapter.cmake
    COMMENT "Running ${ARG_BINARY} ${shown_args}"
    VERBATIM)
  set(DESCENT_FIGURE_OUTPUTS ${DESCENT_FIGURE_OUTPUTS} ${outputs} PARENT_SCOPE)
endfunction()
