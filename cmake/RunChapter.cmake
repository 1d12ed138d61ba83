# Runs one chapter program for the book (see descent_figure_run in DescentChapter.cmake).
# Inputs: PROGRAM, SHOWN_NAME, ARGS (space-separated), OUT_DIR, NAME, EXPECTED (list).
separate_arguments(arg_list UNIX_COMMAND "${ARGS}")
file(MAKE_DIRECTORY "${OUT_DIR}")
foreach(file IN LISTS EXPECTED)
  file(REMOVE "${file}")  # a stale figure must never pass for a fresh one
endforeach()
execute_process(
  COMMAND "${PROGRAM}" ${arg_list} --out "${OUT_DIR}" --name "${NAME}"
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${SHOWN_NAME} ${ARGS} failed (${status}): ${errors}")
endif()
if(ARGS STREQUAL "")
  set(command_line "$ ${SHOWN_NAME}")
else()
  set(command_line "$ ${SHOWN_NAME} ${ARGS}")
endif()
file(WRITE "${OUT_DIR}/${NAME}.txt" "${command_line}\n${output}")
foreach(file IN LISTS EXPECTED)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "${SHOWN_NAME} ${ARGS} did not write ${file}")
  endif()
endforeach()
