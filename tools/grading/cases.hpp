#pragma once
// Writing an exercise's grading cases (exercises/NN_name/cases/<exercise>.cases.cpp and
// <exercise>.hidden.cpp). A case is a list of requests for one fresh answer program, the points
// it is worth, how close the answers must be and what to tell a student whose answers differ.
// The expected answers are not written here: the case generator (case_main.cpp) computes them
// from the reference solution. Where a closed form is known, `closed_form` states it as well,
// and the generator checks that the reference agrees (so a wrong reference cannot go unseen).
//
//   void public_cases(grading::CaseBook& book);   // in <exercise>.cases.cpp (in student packs)
//   void hidden_cases(grading::CaseBook& book);   // in <exercise>.hidden.cpp (never packed)
//
// Differential cases draw their inputs from book.random(), seeded per grading run: the same
// seed gives the same cases, so a score can be reproduced.

#include "grading/judge.hpp"

#include "descent/random.hpp"

#include <string>
#include <vector>

namespace grading {

/// What a case file needs from one case; `hidden` is set by the book it is added to.
struct Case {
  std::string name;
  int points = 1;
  std::vector<json> calls;
  Tolerance tolerance{};
  /// Compare only these parts of each answer (JSON pointers, "size:/pointer"); empty: all of it.
  std::vector<std::string> parts;
  std::string hint;
  /// Expected answers computed independently ({"value": …} or {"error": …} per call), or empty.
  /// With `parts`, a value gives just those parts, keyed by part: {"size:": 5, "/0": [3.0]}.
  std::vector<json> closed_form;
};

class CaseBook {
 public:
  explicit CaseBook(unsigned long long seed) : random_(seed) {}

  void add(Case c) { cases_.push_back(std::move(c)); }
  /// The seeded source of differential inputs.
  descent::Random& random() { return random_; }
  [[nodiscard]] const std::vector<Case>& cases() const { return cases_; }

 private:
  descent::Random random_;
  std::vector<Case> cases_;
};

/// A request: {"call": call, "args": args}.
inline json request(const std::string& call, json args) { return {{"call", call}, {"args", std::move(args)}}; }

}  // namespace grading

void public_cases(grading::CaseBook& book);
void hidden_cases(grading::CaseBook& book);
