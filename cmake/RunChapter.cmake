# Runs one chapter program for the book (see descent_figure_run in DescentChapter.cmake).
# Inputs: PROGRAM, SHOWN_NAME, ARGS (space-separated), OUT_DIR, NAME, EXPECTED (list).
# Optional: SHOWN_ARGS replaces ARGS in the command line shown; NO_OUT skips --out/--name
# (for tools that are not chapter programs).
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
execute_process(
  COMMAND "${PROGRAM}" ${arg_list}
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${SHOWN_NAME} ${SHOWN_ARGS} failed (${status}): ${errors}")
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
