# With DESCENT_GNUPLOT pointing at nothing, a run that draws must fail with exit code 1 and a
# message naming gnuplot, and leave no figure behind.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} -E env DESCENT_GNUPLOT=/nonexistent/gnuplot
                        ${PROGRAM} --out ${WORK_DIR} --no-plot
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 1)
  message(FATAL_ERROR "expected exit code 1 without gnuplot, got ${status}: ${err}")
endif()
string(FIND "${err}" "gnuplot" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the error does not mention gnuplot: ${err}")
endif()
file(GLOB figures ${WORK_DIR}/*.svg ${WORK_DIR}/*.partial)
if(figures)
  message(FATAL_ERROR "figures left behind without gnuplot: ${figures}")
endif()
# A gnuplot that runs but fails (here: 'false') must be reported too.
execute_process(COMMAND ${CMAKE_COMMAND} -E env DESCENT_GNUPLOT=false ${PROGRAM} --out ${WORK_DIR} --no-plot
  RESULT_VARIABLE status ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT status EQUAL 1)
  message(FATAL_ERROR "expected exit code 1 with a failing gnuplot, got ${status}: ${err}")
endif()
message(STATUS "${err}")
