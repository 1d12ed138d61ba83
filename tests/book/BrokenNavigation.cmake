# Breaks a copy of the built book in one way (CASE) and checks that `book_nav check-html`
# refuses it: the reading-order test can fail.
if(NOT EXISTS ${HTML}/navtreedata.js)
  message(FATAL_ERROR "no book in ${HTML}: build it first (cmake --build build --target book)")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
file(COPY ${HTML}/ DESTINATION ${WORK_DIR})
function(break_file file from to)
  file(READ ${WORK_DIR}/${file} text)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${file} has no '${from}' to break")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
  file(WRITE ${WORK_DIR}/${file} "${text}")
endfunction()
if(CASE STREQUAL "wrong_next")        # Chapter 2's bars skip its exercises
  break_file(ch02_linear_regression.html "rel=\"next\" href=\"ex02_linear_regression.html\""
                                         "rel=\"next\" href=\"ch03_learning_rate.html\"")
elseif(CASE STREQUAL "unlinked_mention")  # a "Chapter 3" left as plain text
  break_file(ch01_hand_descent.html "<a class=\"el\" href=\"ch03_learning_rate.html\">Chapter 3</a>"
                                    "Chapter 3")
elseif(CASE STREQUAL "unsourced_snippet")  # Chapter 1's snippets without their file and lines
  break_file(ch01_hand_descent.html "<div class=\"snippet-source\">" "<div>")
elseif(CASE STREQUAL "raw_markup")    # bold around math, which Doxygen leaves as typed
  break_file(ch01_hand_descent.html "<div class=\"contents\">"
                                    "<div class=\"contents\"><p>**Top-\\f$k\\f$ sparsification:**</p>")
elseif(CASE STREQUAL "formula_gap")   # "(\f$\eta\f$ small)" as Doxygen writes it: "( \(\eta\) small)"
  break_file(ch01_hand_descent.html "<div class=\"contents\">"
                                    "<div class=\"contents\"><p>slow ( \\(\\eta\\) small)</p>")
  set(expected "is shown with a space before it")
elseif(CASE STREQUAL "tree_order")    # the side tree lists Chapter 2 before Chapter 1
  file(READ ${WORK_DIR}/contents.js tree)
  string(REPLACE "ch01_hand_descent.html" "SWAP" tree "${tree}")
  string(REPLACE "ch02_linear_regression.html" "ch01_hand_descent.html" tree "${tree}")
  string(REPLACE "SWAP" "ch02_linear_regression.html" tree "${tree}")
  file(WRITE ${WORK_DIR}/contents.js "${tree}")
endif()
execute_process(COMMAND ${BOOK_NAV} check-html ${ORDER} ${WORK_DIR}
  RESULT_VARIABLE status ERROR_VARIABLE err)
if(status EQUAL 0)
  message(FATAL_ERROR "check-html accepted a book broken by ${CASE}")
endif()
if(DEFINED expected AND NOT err MATCHES "${expected}")
  message(FATAL_ERROR "check-html refused ${CASE} for another reason: ${err}")
endif()
message(STATUS "refused as it must: ${err}")
