// Hidden grading cases of Exercise 1.1 (descent_path): only an instructor's grading runs them;
// a student sees each case's name (the class of inputs) and whether it passed, never its inputs.

#include "descent_path.requests.hpp"

#include <cmath>

using grading::json;
using namespace requests;

void hidden_cases(grading::CaseBook& book) {
  // L = Σ c_i (w_i − 1)²: coordinate i keeps (1 − 2ηc_i) of its distance to 1 per step.
  const std::vector<double> c{0.5, 1.0, 2.0, 4.0};
  json last = json::array();
  for (const double ci : c) last.push_back(1.0 - std::pow(1.0 - 0.2 * ci, 50));
  book.add({.name = "a long run on a four-dimensional shifted bowl",
            .points = 2,
            .calls = {descent_path({{"kind", "quadratic"}, {"hessian", {1.0, 2.0, 4.0, 8.0}}, {"center", {1, 1, 1, 1}}},
                                   {0.0, 0.0, 0.0, 0.0}, 0.1, 50)},
            .tolerance = {1e-12, 1e-10},
            .parts = {"size:", "/50"},
            .closed_form = {{{"value", {{"size:", 51}, {"/50", last}}}}}});

  // Differential: random rotated quadratics of random sizes, several calls in one run (a path
  // must not depend on an earlier call), compared with the reference's paths.
  grading::Case rotated{.name = "random rotated quadratics of sizes 1 to 6, several calls in one run",
                        .points = 2,
                        .tolerance = {1e-10, 1e-9}};
  for (int k = 0; k < 6; ++k) {
    const int n = 1 + static_cast<int>(book.random().below(6));
    const json function = {{"kind", "quadratic"}, {"hessian", grading::random_spd_matrix(book.random(), n)},
                           {"center", grading::uniform_numbers(book.random(), n, -5.0, 5.0)}};
    rotated.calls.push_back(descent_path(function, grading::uniform_numbers(book.random(), n, -10.0, 10.0), book.random().uniform(0.05, 0.6),
                                         1 + static_cast<int>(book.random().below(40))));
  }
  rotated.calls.push_back(rotated.calls.front());  // the first call again: the same path
  book.add(rotated);

  grading::Case wavy{.name = "a non-quadratic loss with ripples, random starts", .points = 2, .tolerance = {1e-10, 1e-9}};
  for (int k = 0; k < 4; ++k) {
    const int n = 2 + static_cast<int>(book.random().below(4));
    const json function = {{"kind", "wavy"}, {"curvature", grading::uniform_numbers(book.random(), n, 0.5, 2.0)},
                           {"ripple", grading::uniform_numbers(book.random(), n, -1.0, 1.0)}};
    wavy.calls.push_back(descent_path(function, grading::uniform_numbers(book.random(), n, -4.0, 4.0), 0.3, 25));
  }
  book.add(wavy);

  book.add({.name = "a curved valley (Rosenbrock) with a small learning rate",
            .points = 1,
            .calls = {descent_path({{"kind", "rosenbrock"}, {"a", 1.0}, {"b", 100.0}}, {-1.2, 1.0}, 0.001, 200)},
            .tolerance = {1e-10, 1e-9}});

  // The gradient vanishes exactly: from the minimum itself, and after η = 1/4 on curvature 4
  // lands on it in one step (3 − ¼·4·2 = 1, exact in floating point). The rule has no
  // convergence test: every step is still taken, and the path stays put.
  book.add({.name = "a run that starts at the minimum or lands on it: every step is still taken",
            .points = 1,
            .calls = {descent_path({{"kind", "quadratic"}, {"hessian", {2.0, 4.0}}, {"center", {1.0, -1.0}}},
                                   {1.0, -1.0}, 0.1, 5),
                      descent_path({{"kind", "quadratic"}, {"hessian", {4.0}}, {"center", {1.0}}}, {3.0}, 0.25, 4)},
            .closed_form = {{{"value", json::array({{1.0, -1.0}, {1.0, -1.0}, {1.0, -1.0}, {1.0, -1.0}, {1.0, -1.0},
                                                    {1.0, -1.0}})}},
                            {{"value", json::array({{3.0}, {1.0}, {1.0}, {1.0}, {1.0}})}}}});

  // η = 1.5 on slope 2w doubles |w| every step: past about 1024 steps the path overflows to
  // infinity and then to NaN. Every step is still taken and recorded.
  book.add({.name = "a run that overflows: every step is still taken",
            .points = 1,
            .calls = {descent_path({{"kind", "quadratic"}, {"hessian", {2.0}}}, {1.0}, 1.5, 1100)},
            .tolerance = {0.0, 1e-12}});
}
