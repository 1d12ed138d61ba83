# Runs one chapter program for the book (see descent_figure_run in DescentChapter.cmake).
# Inputs: PROGRAM, SHOWN_NAME, ARGS (space-separated), OUT_DIR, NAME, EXPECTED (list).
# Optional: SHOWN_ARGS replaces ARGS in the command line shown; NO_OUT skips --out/--name
# (for tools that are not chapter programs); WORKDIR is where it runs; EXPECT_STATUS is the exit
# code it must end with (default 0; a non-zero one shows what the program printed on stderr).
separate_arguments(arg_list UNIX_COMMAND "${ARGS}")
if(NOT NO_OUT)
  list(APPEND arg_list --out "${OUT_DIR}" --name "${NAME}")
endif()
if(NOT DEFINED SHOWN_ARGS)
  set(SHOWN_ARGS "${ARGS}")
endif()
file(MAKE_DIRECTORY "${OUT_DIR}")
foreach(file IN LISTS EXPECTED)
  file(REMOVE "${file}")  # a stale figure must never pass for a fresh one
endforeach()
if(NOT DEFINED EXPECT_STATUS OR EXPECT_STATUS STREQUAL "")
  set(EXPECT_STATUS 0)
endif()
if(NOT WORKDIR)
  set(WORKDIR "${OUT_DIR}")
endif()
execute_process(
  COMMAND "${PROGRAM}" ${arg_list}
  WORKING_DIRECTORY "${WORKDIR}"
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors
  RESULT_VARIABLE status)
if(NOT status EQUAL EXPECT_STATUS)
  message(FATAL_ERROR "${SHOWN_NAME} ${SHOWN_ARGS} exited with ${status}, expected ${EXPECT_STATUS}: ${errors}")
endif()
if(NOT EXPECT_STATUS EQUAL 0)
  set(output "${output}${errors}")
endif()
if(SHOWN_ARGS STREQUAL "")
  set(command_line "$ ${SHOWN_NAME}")
else()
  set(command_line "$ ${SHOWN_NAME} ${SHOWN_ARGS}")
endif()
file(WRITE "${OUT_DIR}/${NAME}.txt" "${command_line}\n${output}")
foreach(file IN LISTS EXPECTED)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "${SHOWN_NAME} ${ARGS} did not write ${file}")
  endif()
endforeach()
