# Reading a chapter's exercise catalogue, exercises/NN_name/exercises.json:
#
#   {"title": "Hand descent",
#    "exercises": [{"name": "descent_path", "points": 12,
#                   "wrong": [{"mistake": "plus_sign", "expect": 3}, …],
#                   "alternatives": ["two_pass", …]}, …]}
#
# Exercises are listed in the book's order. Each one has exercises/NN_name/<name>.hpp (the
# reference solution with markers) and, in cases/, its adapter <name>.io.hpp and its public and
# hidden grading cases <name>.cases.cpp and <name>.hidden.cpp (with the request builders they
# share, <name>.requests.hpp, where they share any), and the audit <name>.audit.md
# (each sentence of the statement that constrains behaviour → the cases that test it); each
# correct alternative is alternatives/<name>.<alternative>.inc and must score full marks; each
# wrong solution is
# wrong/<name>.<mistake>.inc and must score exactly `expect` points, fewer than `points`.
# Script-safe (no targets), so tests can run it with cmake -P.

# A JSON string literal for `text`.
function(descent_json_string out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

# descent_read_exercise_catalogue(FILE path CHAPTER_DIR dir PREFIX p)
#   Reads and checks `path` (every file it implies must exist) and sets, in the caller's scope:
#   p_TITLE, p_EXERCISES (names in order), p_<name>_POINTS, p_<name>_WRONG (mistakes in order),
#   p_<name>_<mistake>_EXPECT. Anything wrong is a fatal error that names the file.
function(descent_read_exercise_catalogue)
  cmake_parse_arguments(ARG "" "FILE;CHAPTER_DIR;PREFIX" "" ${ARGN})
  set(file ${ARG_FILE})
  set(p ${ARG_PREFIX})
  if(NOT EXISTS ${file})
    message(FATAL_ERROR "${file}: no such exercise catalogue")
  endif()
  file(READ ${file} json)
  string(JSON type ERROR_VARIABLE error TYPE "${json}")
  if(error OR NOT type STREQUAL "OBJECT")
    message(FATAL_ERROR "${file}: not a valid exercise catalogue (a JSON object): ${error}")
  endif()

  # The value at `path…` with the expected JSON type, or a fatal error naming file and entry.
  macro(_descent_get var what expected_type)
    string(JSON _type ERROR_VARIABLE _error TYPE "${json}" ${ARGN})
    if(_error OR NOT _type STREQUAL "${expected_type}")
      message(FATAL_ERROR "${file}: ${what} must be a ${expected_type}")
    endif()
    string(JSON ${var} GET "${json}" ${ARGN})
  endmacro()

  _descent_get(title "\"title\"" STRING title)
  _descent_get(_ignored "\"exercises\"" ARRAY exercises)
  string(JSON count LENGTH "${json}" exercises)
  if(count EQUAL 0)
    message(FATAL_ERROR "${file}: \"exercises\" is empty")
  endif()
  set(names "")
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    _descent_get(name "exercise ${i}: \"name\"" STRING exercises ${i} name)
    if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
      message(FATAL_ERROR "${file}: exercise name '${name}' is not a C++ identifier")
    endif()
    if(name IN_LIST names)
      message(FATAL_ERROR "${file}: exercise '${name}' is listed twice")
    endif()
    list(APPEND names ${name})
    _descent_get(points "${name}: \"points\"" NUMBER exercises ${i} points)
    if(NOT points MATCHES "^[1-9][0-9]*$")
      message(FATAL_ERROR "${file}: ${name}: \"points\" must be a positive whole number, not ${points}")
    endif()
    foreach(needed ${ARG_CHAPTER_DIR}/${name}.hpp ${ARG_CHAPTER_DIR}/cases/${name}.io.hpp
                   ${ARG_CHAPTER_DIR}/cases/${name}.cases.cpp ${ARG_CHAPTER_DIR}/cases/${name}.hidden.cpp
                   ${ARG_CHAPTER_DIR}/cases/${name}.audit.md)
      if(NOT EXISTS ${needed})
        message(FATAL_ERROR "${file}: ${name}: missing file ${needed}")
      endif()
    endforeach()
    set(mistakes "")
    string(JSON wrong_type ERROR_VARIABLE no_wrong TYPE "${json}" exercises ${i} wrong)
    if(NOT no_wrong)
      _descent_get(_ignored "${name}: \"wrong\"" ARRAY exercises ${i} wrong)
      string(JSON wrong_count LENGTH "${json}" exercises ${i} wrong)
      if(wrong_count GREATER 0)
        math(EXPR wrong_last "${wrong_count} - 1")
        foreach(j RANGE ${wrong_last})
          _descent_get(mistake "${name}: wrong ${j}: \"mistake\"" STRING exercises ${i} wrong ${j} mistake)
          _descent_get(expect "${name}: ${mistake}: \"expect\"" NUMBER exercises ${i} wrong ${j} expect)
          if(NOT mistake MATCHES "^[A-Za-z0-9_]+$" OR mistake IN_LIST mistakes)
            message(FATAL_ERROR "${file}: ${name}: mistake '${mistake}' is not a plain name or is listed twice")
          endif()
          if(NOT expect MATCHES "^[0-9]+$" OR NOT expect LESS points)
            message(FATAL_ERROR "${file}: ${name}.${mistake}: \"expect\" must be a whole number below ${points} (a wrong solution loses points), not ${expect}")
          endif()
          if(NOT EXISTS ${ARG_CHAPTER_DIR}/wrong/${name}.${mistake}.inc)
            message(FATAL_ERROR "${file}: ${name}: missing file ${ARG_CHAPTER_DIR}/wrong/${name}.${mistake}.inc")
          endif()
          list(APPEND mistakes ${mistake})
          set(${p}_${name}_${mistake}_EXPECT ${expect} PARENT_SCOPE)
        endforeach()
      endif()
    endif()
    # Correct alternatives: other valid implementations the statement allows, which must score
    # full marks (alternatives/<name>.<alternative>.inc).
    set(alternatives "")
    string(JSON alternatives_type ERROR_VARIABLE no_alternatives TYPE "${json}" exercises ${i} alternatives)
    if(NOT no_alternatives)
      _descent_get(_ignored "${name}: \"alternatives\"" ARRAY exercises ${i} alternatives)
      string(JSON alternative_count LENGTH "${json}" exercises ${i} alternatives)
      if(alternative_count GREATER 0)
        math(EXPR alternative_last "${alternative_count} - 1")
        foreach(j RANGE ${alternative_last})
          _descent_get(alternative "${name}: alternative ${j}" STRING exercises ${i} alternatives ${j})
          if(NOT alternative MATCHES "^[A-Za-z0-9_]+$" OR alternative IN_LIST alternatives OR alternative IN_LIST mistakes)
            message(FATAL_ERROR "${file}: ${name}: alternative '${alternative}' is not a plain name or is listed twice")
          endif()
          if(NOT EXISTS ${ARG_CHAPTER_DIR}/alternatives/${name}.${alternative}.inc)
            message(FATAL_ERROR "${file}: ${name}: missing file ${ARG_CHAPTER_DIR}/alternatives/${name}.${alternative}.inc")
          endif()
          list(APPEND alternatives ${alternative})
        endforeach()
      endif()
    endif()
    set(${p}_${name}_POINTS ${points} PARENT_SCOPE)
    set(${p}_${name}_WRONG "${mistakes}" PARENT_SCOPE)
    set(${p}_${name}_ALTERNATIVES "${alternatives}" PARENT_SCOPE)
  endforeach()
  set(${p}_TITLE "${title}" PARENT_SCOPE)
  set(${p}_EXERCISES "${names}" PARENT_SCOPE)
endfunction()
