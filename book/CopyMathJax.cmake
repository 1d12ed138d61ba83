# Copies the parts of Debian's MathJax 2 (libjs-mathjax) the book uses into html/mathjax, so
# formulas typeset offline. Debian's fonts are symlinks: copy with -L. About 3.5 MB.
set(source /usr/share/javascript/mathjax)
if(NOT EXISTS ${source}/MathJax.js)
  message(FATAL_ERROR "MathJax not found in ${source}: install libjs-mathjax")
endif()
file(REMOVE_RECURSE ${DEST})
file(MAKE_DIRECTORY ${DEST})
foreach(part MathJax.js extensions jax/element jax/input/TeX jax/output/HTML-CSS fonts/HTML-CSS/TeX)
  execute_process(COMMAND cp -rL --parents ${part} ${DEST} WORKING_DIRECTORY ${source} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "could not copy MathJax part ${part}")
  endif()
endforeach()
