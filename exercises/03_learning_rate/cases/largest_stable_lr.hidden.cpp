// Hidden grading cases of Exercise 3.2 (largest_stable_learning_rate): only an instructor's
// grading runs them; a student sees each case's name (the class of inputs) and whether it
// passed, never its inputs.

#include "largest_stable_lr.requests.hpp"


#include <cmath>
#include <vector>

using grading::json;
using namespace requests;

namespace {

Eigen::MatrixXd from_rows(int n, std::initializer_list<double> entries) {
  Eigen::MatrixXd m(n, n);
  auto entry = entries.begin();
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) m(r, c) = *entry++;
  }
  return m;
}


}  // namespace

void hidden_cases(grading::CaseBook& book) {
  // In each, (1, …, 1) is an exact eigenvector of a smaller eigenvalue: a·I − b·11ᵀ has
  // eigenvalue a on every direction orthogonal to (1, …, 1) and a − n·b along it.
  book.add({.name = "bowls whose steepest directions are orthogonal to (1, 1, ..., 1)",
            .points = 2,
            .calls = {largest_stable_learning_rate(from_rows(2, {5, -3, -3, 5})),
                      largest_stable_learning_rate(from_rows(3, {5, -1, -1, -1, 5, -1, -1, -1, 5})),
                      largest_stable_learning_rate(from_rows(4, {8, -2, -2, -2, -2, 8, -2, -2,
                                                                 -2, -2, 8, -2, -2, -2, -2, 8}))},
            .closed_form = {value(2.0 / 8.0), value(2.0 / 6.0), value(2.0 / 10.0)}});

  // The first axis is an exact eigenvector (eigenvalue 1) of a bowl that is steepest along
  // (0, 1, 1), with eigenvalue 8.
  book.add({.name = "a bowl whose steepest direction is orthogonal to the first axis",
            .points = 1,
            .calls = {largest_stable_learning_rate(from_rows(3, {1, 0, 0, 0, 5, 3, 0, 3, 5}))},
            .closed_form = {value(0.25)}});

  book.add({.name = "axis-aligned bowls whose steepest axis is neither the first nor the last",
            .points = 1,
            .calls = {largest_stable_learning_rate(from_rows(3, {1, 0, 0, 0, 9, 0, 0, 0, 4})),
                      largest_stable_learning_rate(from_rows(4, {3, 0, 0, 0, 0, 2, 0, 0, 0, 0, 7, 0, 0, 0, 0, 5}))},
            .closed_form = {value(2.0 / 9.0), value(2.0 / 7.0)}});

  // The two largest eigenvalues 1 % and 0.01 % apart, in random bases: a method that needs a
  // gap between them (a fixed, small number of power-iteration steps) is far from converged.
  book.add({.name = "two nearly equal largest eigenvalues in a rotated basis",
            .points = 2,
            .calls = {largest_stable_learning_rate(grading::rotated(book.random(), Eigen::Vector<double, 5>(0.5, 10, 3, 9.9, 1))),
                      largest_stable_learning_rate(grading::rotated(book.random(), Eigen::Vector4d(0.9999, 0.2, 1, 0.5)))},
            .tolerance = {0.0, 1e-9},
            .closed_form = {value(0.2), value(2.0)}});

  // The steepest direction of each is exactly a gentler direction of the next: a method that
  // carries anything (a start vector) from one call to the next is stuck there.
  book.add({.name = "several bowls in one run, each one's steepest direction a gentler one of the next",
            .points = 2,
            .calls = {largest_stable_learning_rate(from_rows(2, {1, 0, 0, 5})),
                      largest_stable_learning_rate(from_rows(2, {5, 0, 0, 1})),
                      largest_stable_learning_rate(from_rows(2, {5, -3, -3, 5})),
                      largest_stable_learning_rate(from_rows(2, {5, 3, 3, 5})),
                      largest_stable_learning_rate(from_rows(2, {5, -3, -3, 5}))},
            .closed_form = {value(0.4), value(0.4), value(0.25), value(0.25), value(0.25)}});

  // Differential: random sizes and bases, eigenvalues spread over six orders of magnitude.
  grading::Case spread{.name = "random rotated bowls of sizes 1 to 8, curvatures from 1e-3 to 1e3, several in one run",
                       .points = 2,
                       .tolerance = {0.0, 1e-9}};
  for (int k = 0; k < 8; ++k) {
    const int n = 1 + static_cast<int>(book.random().below(8));
    Eigen::VectorXd eigenvalues(n);
    for (int i = 0; i < n; ++i) eigenvalues[i] = std::pow(10.0, book.random().uniform(-3.0, 3.0));
    spread.calls.push_back(largest_stable_learning_rate(grading::rotated(book.random(), eigenvalues)));
  }
  book.add(spread);
}
