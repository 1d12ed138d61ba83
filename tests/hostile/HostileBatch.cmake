# A class of hostile submissions graded in one batch through the real grader, beside an honest
# classmate (alice, the reference solutions) and submissions whose names try to break the
# gradebook. Each hostile descent_path (batch/descent_path.<trick>.inc, @SOURCE_DIR@ and
# @WORK_DIR@ replaced) misbehaves only when steps == 0 and answers that case correctly only if
# its trick worked. Asserts: no hostile submission gains a point (at most full marks less the
# points of that case), every classmate keeps full marks, unsafe tarballs are refused with a
# reason, names become safe ids, nothing outside the output folder changes, no sandboxed process
# is left, the batch finishes within BUDGET seconds; what each student may see
# (student_report.txt, results.json's visible fields) holds no hidden case's inputs and no
# instructor or grader path; the honest classmate graded alone before and after the batch gets
# identical reports. Whole hostile headers (batch/descent_path.<trick>.hpp) join the batch too.
# Inputs: GRADE, MAKE_STARTER, SOURCE_DIR, BINARY_DIR, WORK_DIR, BUDGET.
include(${CMAKE_CURRENT_LIST_DIR}/../grading/Results.cmake)
set(SOLUTION_DIR ${SOURCE_DIR}/exercises/01_hand_descent)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/batch ${WORK_DIR}/out)
file(WRITE ${WORK_DIR}/sentinel.txt "untouched\n")

file(GLOB references ${SOLUTION_DIR}/*.hpp)
set(others ${references})
list(FILTER others EXCLUDE REGEX "/descent_path\\.hpp$")
function(reference_submission folder)
  file(MAKE_DIRECTORY ${folder}/exercises/01_hand_descent)
  file(COPY ${references} DESTINATION ${folder}/exercises/01_hand_descent)
endfunction()
reference_submission(${WORK_DIR}/batch/alice)

# Hostile submissions from the trick bodies.
set(tail [[
  std::vector<Eigen::VectorXd> path{start};
  Eigen::VectorXd w = start;
  for (int t = 0; t < steps; ++t) {
    w -= learning_rate * gradient(w);
    path.push_back(w);
  }
  return path;
]])
file(GLOB bodies ${CMAKE_CURRENT_LIST_DIR}/batch/descent_path.*.inc)
set(tricks "")
foreach(body IN LISTS bodies)
  get_filename_component(trick ${body} NAME)
  string(REGEX REPLACE "^descent_path\\.|\\.inc$" "" trick ${trick})
  list(APPEND tricks ${trick})
  file(READ ${body} text)
  string(CONFIGURE "${text}" text @ONLY)
  file(WRITE ${WORK_DIR}/bodies/${trick}.inc "${text}${tail}")
  execute_process(COMMAND ${MAKE_STARTER} ${SOLUTION_DIR}/descent_path.hpp ${WORK_DIR}/bodies/${trick}.hpp
                          --body ${WORK_DIR}/bodies/${trick}.inc RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "cannot build the hostile submission ${trick}")
  endif()
  file(READ ${WORK_DIR}/bodies/${trick}.hpp generated)
  set(sub ${WORK_DIR}/batch/${trick}/exercises/01_hand_descent)
  file(WRITE ${sub}/descent_path.hpp "#include <csignal>\n#include <cstdio>\n#include <cstdlib>\n#include <cstring>\n"
             "#include <stdexcept>\n#include <string>\n#include <sys/wait.h>\n#include <unistd.h>\n#include <vector>\n${generated}")
  file(COPY ${others} DESTINATION ${sub})
endforeach()

# Hostile whole headers (batch/descent_path.<trick>.hpp, @SOURCE_DIR@ replaced).
file(GLOB wholes ${CMAKE_CURRENT_LIST_DIR}/batch/descent_path.*.hpp)
foreach(whole IN LISTS wholes)
  get_filename_component(trick ${whole} NAME)
  string(REGEX REPLACE "^descent_path\\.|\\.hpp$" "" trick ${trick})
  list(APPEND tricks ${trick})
  set(sub ${WORK_DIR}/batch/${trick}/exercises/01_hand_descent)
  configure_file(${whole} ${sub}/descent_path.hpp @ONLY)
  file(COPY ${others} DESTINATION ${sub})
endforeach()

# Unsafe tarballs: a symbolic link (to the reference), a '..' path, an absolute path.
reference_submission(${WORK_DIR}/tar/link)
file(REMOVE ${WORK_DIR}/tar/link/exercises/01_hand_descent/descent_path.hpp)
file(CREATE_LINK ${SOLUTION_DIR}/descent_path.hpp ${WORK_DIR}/tar/link/exercises/01_hand_descent/descent_path.hpp SYMBOLIC)
execute_process(COMMAND tar -czf ${WORK_DIR}/batch/tar_symlink.tar.gz -C ${WORK_DIR}/tar/link exercises)
reference_submission(${WORK_DIR}/tar/dotdot)
execute_process(COMMAND tar -czf ${WORK_DIR}/batch/tar_dotdot.tar.gz -C ${WORK_DIR}/tar/dotdot
                        --transform "s,^exercises,../../escaped/exercises," exercises)
reference_submission(${WORK_DIR}/tar/absolute)
execute_process(COMMAND tar -czPf ${WORK_DIR}/batch/tar_absolute.tar.gz ${WORK_DIR}/tar/absolute/exercises)
# A symbolic link as the submission folder itself (to the reference tree).
file(CREATE_LINK ${SOURCE_DIR} ${WORK_DIR}/batch/link_folder SYMBOLIC)

# Names: commas and a newline (a forged gradebook row), "...", "gradebook.csv", a collision.
set(odd_names "eve,99,99\nmallory,22" "..." "gradebook.csv" "Alice")
foreach(name IN LISTS odd_names)
  reference_submission("${WORK_DIR}/batch/${name}")
endforeach()

# The honest classmate graded alone, before the batch (and again after it: the same reports).
function(grade_alone out)
  execute_process(COMMAND ${GRADE} ${WORK_DIR}/batch/alice --out ${out} --chapters 1 --timeout 2 --memory 512 --quiet
                  RESULT_VARIABLE status ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "grade alice alone failed (${status}): ${errors}")
  endif()
endfunction()
grade_alone(${WORK_DIR}/alone-before)
# Full marks, and the points of the case every trick aims at, from the honest classmate's results.
file(READ ${WORK_DIR}/alone-before/results.json json)
results_totals("${json}" full maximum)
results_case_points("${json}" "zero steps returns only the start" affected)
if(NOT full EQUAL maximum)
  message(FATAL_ERROR "alice (the reference solutions) graded alone: ${full} of ${maximum}")
endif()
math(EXPR at_most "${full} - ${affected}")
if(affected EQUAL 0)
  message(FATAL_ERROR "no case 'zero steps returns only the start' in alice's results")
endif()

execute_process(COMMAND ps -e -o uid= OUTPUT_VARIABLE uids_before)
file(GLOB_RECURSE tree_before LIST_DIRECTORIES true ${SOURCE_DIR}/exercises/*)
file(SHA256 ${SOLUTION_DIR}/descent_path.hpp solution_hash)
string(TIMESTAMP started "%s")
execute_process(COMMAND ${GRADE} --batch ${WORK_DIR}/batch --out ${WORK_DIR}/out --chapters 1 --timeout 2 --memory 512
                        --budget 40
                WORKING_DIRECTORY ${WORK_DIR}/out RESULT_VARIABLE status OUTPUT_VARIABLE printed ERROR_VARIABLE errors)
string(TIMESTAMP finished "%s")
math(EXPR elapsed "${finished} - ${started}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "grade --batch failed (${status}): ${errors}\n${printed}")
endif()
if(elapsed GREATER BUDGET)
  message(FATAL_ERROR "the batch took ${elapsed} s, over the budget of ${BUDGET} s")
endif()

# No sandboxed process left (their uids are 1000000 and up).
execute_process(COMMAND sleep 1)
execute_process(COMMAND ps -e -o uid=,pid=,args= OUTPUT_VARIABLE processes)
string(REPLACE "\n" ";" processes "${processes}")
foreach(line IN LISTS processes)
  if(line MATCHES "^ *([0-9]+) " AND CMAKE_MATCH_1 GREATER_EQUAL 1000000)
    message(FATAL_ERROR "a sandboxed process was left behind: ${line}")
  endif()
endforeach()

# Nothing outside the output folder changed.
file(READ ${WORK_DIR}/sentinel.txt sentinel)
file(GLOB_RECURSE tree_after LIST_DIRECTORIES true ${SOURCE_DIR}/exercises/*)
file(SHA256 ${SOLUTION_DIR}/descent_path.hpp solution_after)
if(NOT sentinel STREQUAL "untouched\n" OR NOT tree_before STREQUAL tree_after OR NOT solution_hash STREQUAL solution_after
   OR EXISTS /tmp/pwned-by-student OR EXISTS ${WORK_DIR}/escaped OR EXISTS ${WORK_DIR}/out/../gradebook.csv)
  message(FATAL_ERROR "something outside the output folder changed")
endif()
file(READ ${WORK_DIR}/batch/alice/exercises/01_hand_descent/descent_path.hpp alice_now)
file(READ ${SOLUTION_DIR}/descent_path.hpp reference_text)
if(NOT alice_now STREQUAL reference_text)
  message(FATAL_ERROR "alice's submission was changed")
endif()

# The gradebook: one row per submission, safe ids, the forged row not a row of its own.
file(READ ${WORK_DIR}/out/gradebook.json book)
string(JSON count LENGTH "${book}")
math(EXPR last "${count} - 1")
set(ids "")
foreach(i RANGE ${last})
  string(JSON id GET "${book}" ${i} id)
  string(JSON total GET "${book}" ${i} total)
  list(APPEND ids ${id})
  if(NOT id MATCHES "^[a-z0-9_][a-z0-9._-]*$" OR id MATCHES "^gradebook")
    message(FATAL_ERROR "unsafe id '${id}'")
  endif()
  set(score_${id} ${total})
  file(READ ${WORK_DIR}/out/${id}/report.txt report_${id})
endforeach()
file(STRINGS ${WORK_DIR}/out/gradebook.csv rows)
list(LENGTH rows row_count)
math(EXPR expected_rows "${count} + 1")
if(NOT row_count EQUAL expected_rows)
  message(FATAL_ERROR "gradebook.csv has ${row_count} lines for ${count} submissions:\n${rows}")
endif()
foreach(honest alice alice-2 eve_99_99_mallory_22 submission student-gradebook.csv)
  if(NOT "${score_${honest}}" STREQUAL "${full}")
    message(FATAL_ERROR "classmate '${honest}' has '${score_${honest}}', not ${full} (ids: ${ids})\n${report_${honest}}")
  endif()
endforeach()
foreach(trick IN LISTS tricks)
  if(NOT DEFINED score_${trick} OR score_${trick} GREATER at_most)
    message(FATAL_ERROR "hostile '${trick}' scored '${score_${trick}}' (more than ${at_most} of ${full}):\n${report_${trick}}")
  endif()
  string(FIND "${report_${trick}}" "BEGIN SOLUTION" leak)
  string(LENGTH "${report_${trick}}" size)
  if(NOT leak EQUAL -1 OR size GREATER 300000)
    message(FATAL_ERROR "hostile '${trick}': the report leaks the reference or is ${size} bytes")
  endif()
  message(STATUS "${trick}: ${score_${trick}}/${full}")
endforeach()
foreach(tarball tar_symlink tar_dotdot tar_absolute)
  string(FIND "${report_${tarball}}" "refused" refused)
  if(NOT "${score_${tarball}}" STREQUAL "0" OR refused EQUAL -1)
    message(FATAL_ERROR "${tarball} was not refused:\n${report_${tarball}}")
  endif()
endforeach()
if(DEFINED score_link_folder AND NOT score_link_folder STREQUAL "0")
  message(FATAL_ERROR "a symbolic link as a submission was graded: ${score_link_folder}")
endif()
string(FIND "${report_invalid_utf8}" "\\xff\\xfe" escaped_bytes)
if(escaped_bytes EQUAL -1)
  message(FATAL_ERROR "invalid UTF-8 was not shown escaped:\n${report_invalid_utf8}")
endif()
# What every student may see (student_report.txt, results.json's top-level output and its visible
# tests) holds no hidden case's inputs or source and no path of the instructor's tree or the
# grader's temp. (Hidden cases' names are shown: they name the class of inputs.) The secrets
# are taken from the hidden cases' requests in the build's case file.
file(READ ${BINARY_DIR}/exercises/cases/descent_path.json case_file)
set(secrets "random_hessian" "descent_path.hidden" "root:x:0:0" "${SOURCE_DIR}" "${BINARY_DIR}" "descent-grade-"
            "/tmp/descent")
string(JSON case_count LENGTH "${case_file}" cases)
math(EXPR last_case "${case_count} - 1")
foreach(i RANGE ${last_case})
  string(JSON hidden GET "${case_file}" cases ${i} hidden)
  if(hidden)
    string(JSON request GET "${case_file}" cases ${i} calls 0 args)
    string(JSON function GET "${request}" function)
    list(APPEND secrets "${function}")
  endif()
endforeach()
foreach(id IN LISTS ids)
  file(READ ${WORK_DIR}/out/${id}/student_report.txt seen)
  file(READ ${WORK_DIR}/out/${id}/results.json json)
  string(JSON output GET "${json}" output)
  string(APPEND seen "\n${output}")
  string(JSON tests LENGTH "${json}" tests)
  math(EXPR last_test "${tests} - 1")
  foreach(i RANGE ${last_test})
    string(JSON visibility GET "${json}" tests ${i} visibility)
    string(JSON name GET "${json}" tests ${i} name)
    string(JSON output GET "${json}" tests ${i} output)
    if(visibility STREQUAL "visible")
      string(APPEND seen "\n${name}\n${output}")
    elseif(NOT visibility STREQUAL "after_published" OR NOT output MATCHES "^(|not run: [^\n]*)$")
      message(FATAL_ERROR "${id}: the hidden case ${name} is '${visibility}' with output '${output}'")
    endif()
  endforeach()
  foreach(secret IN LISTS secrets)
    string(FIND "${seen}" "${secret}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${id}: what the student sees holds '${secret}':\n${seen}")
    endif()
  endforeach()
endforeach()
# The tricks that go after hidden inputs answer every case but the aimed one correctly: they
# lose exactly that case, and the instructor's report holds what they printed.
foreach(trick prints_environment prints_hidden_requests leaks_hidden_by_include)
  if(NOT score_${trick} EQUAL at_most)
    message(FATAL_ERROR "${trick}: ${score_${trick}} points, expected ${at_most} (all but one case):\n${report_${trick}}")
  endif()
endforeach()
foreach(trick_and_text "prints_environment;environment:" "prints_hidden_requests;requests:")
  list(GET trick_and_text 0 trick)
  list(GET trick_and_text 1 text)
  string(FIND "${report_${trick}}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${trick}: its output is not in the instructor's report:\n${report_${trick}}")
  endif()
endforeach()

# Later grades unaffected: alice graded alone after the batch gets the same reports as before it.
grade_alone(${WORK_DIR}/alone-after)
foreach(file report.txt student_report.txt results.json)
  file(READ ${WORK_DIR}/alone-before/${file} before)
  file(READ ${WORK_DIR}/alone-after/${file} after)
  if(NOT before STREQUAL after)
    message(FATAL_ERROR "alice's ${file} changed after the batch:\n${before}\n---\n${after}")
  endif()
endforeach()
message(STATUS "batch of ${count} graded in ${elapsed} s; ids: ${ids}")
