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
// The request builders both of them use (and the forms of answers both state) are written once,
// in <exercise>.requests.hpp beside them, which includes this header. No pack carries it: a pack
// has the public cases as computed requests and answers, and the adapter as its only source.
//
// Differential cases draw their inputs from book.random(), seeded per grading run: the same
// seed gives the same cases, so a score can be reproduced.

#include "grading/judge.hpp"

#include "descent/random.hpp"

#include <Eigen/Core>
#include <Eigen/QR>

#include <cstdint>
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
  /// The reference throws for some call of this case, on purpose (the statement says it must).
  /// Without it, a reference that throws is a broken case, refused by the generator: any error
  /// a student's code threw would match it.
  bool reference_throws = false;
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

// Inputs for differential cases, drawn from a case book's seeded source.

/// n numbers, uniform on [low, high).
inline std::vector<double> uniform_numbers(descent::Random& random, int n, double low, double high) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(random.uniform(low, high));
  return v;
}

/// A whole number, uniform on [low, high].
inline int whole_number(descent::Random& random, int low, int high) {
  return low + static_cast<int>(random.below(static_cast<std::uint64_t>(high - low + 1)));
}

/// A random rotation: the orthogonal factor Q of an n × n matrix of standard normal draws
/// (drawn column by column). Its columns point in no special direction: neither along an axis
/// nor along (1, …, 1).
inline Eigen::MatrixXd random_rotation(descent::Random& random, Eigen::Index n) {
  const Eigen::MatrixXd gaussian = Eigen::MatrixXd::NullaryExpr(n, n, [&] { return random.normal(); });
  return Eigen::HouseholderQR<Eigen::MatrixXd>(gaussian).householderQ();
}

/// The symmetric matrix Q·diag(eigenvalues)·Qᵀ: eigenvalue i along column i of `rotation`,
/// symmetrised exactly, so that every way of reading it (rows or columns) sees the same matrix.
inline Eigen::MatrixXd with_eigenvalues(const Eigen::MatrixXd& rotation, const Eigen::VectorXd& eigenvalues) {
  const Eigen::MatrixXd h = rotation * eigenvalues.asDiagonal() * rotation.transpose();
  return 0.5 * (h + h.transpose());
}

/// A symmetric matrix with the given eigenvalues along the directions of a fresh random rotation.
inline Eigen::MatrixXd rotated(descent::Random& random, const Eigen::VectorXd& eigenvalues) {
  return with_eigenvalues(random_rotation(random, eigenvalues.size()), eigenvalues);
}

/// A symmetric positive-definite n × n matrix (as rows) with eigenvalues uniform on
/// [smallest, largest] along random directions: a rotated quadratic bowl's Hessian.
inline json random_spd_matrix(descent::Random& random, int n, double smallest = 0.2, double largest = 3.0) {
  const Eigen::MatrixXd rotation = random_rotation(random, n);  // drawn before the eigenvalues
  Eigen::VectorXd eigenvalues(n);
  for (int i = 0; i < n; ++i) eigenvalues[i] = random.uniform(smallest, largest);
  const Eigen::MatrixXd h = with_eigenvalues(rotation, eigenvalues);
  json rows = json::array();
  for (int r = 0; r < n; ++r) {
    json row = json::array();
    for (int c = 0; c < n; ++c) row.push_back(h(r, c));
    rows.push_back(row);
  }
  return rows;
}

}  // namespace grading

void public_cases(grading::CaseBook& book);
void hidden_cases(grading::CaseBook& book);
