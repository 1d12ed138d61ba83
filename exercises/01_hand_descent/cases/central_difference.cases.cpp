// Grading cases of Exercise 1.2 (central_difference_gradient) that students see in their pack.
// The expected answers come from the reference solution; the closed forms here (exact
// derivatives, or the secant worked by hand) are checked against it.

#include "central_difference.requests.hpp"

#include <cmath>

using grading::json;
using namespace requests;

void public_cases(grading::CaseBook& book) {
  // f(x) = x³ at x = 2 with Δ = 0.1: ((2.1)³ − (1.9)³) / 0.2 = 12.01 (the true slope is 12).
  book.add({.name = "central secant of a cubic",
            .points = 2,
            .calls = {central_difference(polynomial({monomial(1.0, {3})}), {2.0}, 0.1)},
            .tolerance = {1e-9, 0.0},
            .parts = {"/gradient"},
            .hint = "Expected (f(2.1) - f(1.9)) / (2 * 0.1) = 12.01; a forward secant gives 12.61, dividing by "
                    "delta instead of 2 delta gives 24.02.",
            .closed_form = {{{"value", {{"/gradient", {12.01}}}}}}});

  // f = x0² x1 + sin(x2): gradient (2 x0 x1, x0², cos x2); Δ = 1e-4 is close enough for 1e-7.
  const json smooth = {{"kind", "sum"},
                       {"terms", {polynomial({monomial(1.0, {2, 1, 0})}),
                                  {{"kind", "sinusoid"}, {"amplitude", 1.0}, {"frequency", {0.0, 0.0, 1.0}}}}}};
  book.add({.name = "matches the exact gradient of a 3-D function",
            .points = 3,
            .calls = {central_difference(smooth, {1.0, 2.0, 0.5}, 1e-4)},
            .tolerance = {1e-7, 0.0},
            .parts = {"/gradient"},
            .hint = "Entry i is the slope along coordinate i alone: move only coordinate i, both ways, "
                    "and put it back afterwards.",
            .closed_form = {{{"value", {{"/gradient", {4.0, 1.0, std::cos(0.5)}}}}}}});

  // A linear function: every central secant is exact, so any mix-up of coordinates shows.
  const std::vector<double> slopes{3.0, -1.0, 0.25, 8.0, -5.5};
  std::vector<json> linear{monomial(1.0, {0, 0, 0, 0, 0})};
  for (std::size_t i = 0; i < slopes.size(); ++i) {
    std::vector<int> powers(slopes.size(), 0);
    powers[i] = 1;
    linear.push_back(monomial(slopes[i], powers));
  }
  book.add({.name = "each coordinate gets its own slope",
            .points = 2,
            .calls = {central_difference(polynomial(linear), {0.3, -0.2, 4.0, 1.0, 2.0}, 0.5)},
            .tolerance = {1e-9, 0.0},
            .parts = {"/gradient"},
            .hint = "For f = 3 x0 - x1 + 0.25 x2 + 8 x3 - 5.5 x4 + 1 the slope along coordinate i is its "
                    "coefficient: perturb x_i alone, by delta · e_i.",
            .closed_form = {{{"value", {{"/gradient", slopes}}}}}});

  // f = |x|²: central secants of a parabola are exact, 2 x_i.
  book.add({.name = "evaluates f exactly twice per coordinate",
            .points = 3,
            .calls = {central_difference({{"kind", "quadratic"}, {"hessian", {2.0, 2.0, 2.0, 2.0}}}, {1.0, 2.0, 3.0, 4.0},
                                         1e-3)},
            .tolerance = {1e-8, 0.0},
            .hint = "4 coordinates need 8 evaluations: f(x + delta e_i) and f(x - delta e_i) for each i, "
                    "and no others (not even f(x)).",
            .closed_form = {{{"value", {{"gradient", {2.0, 4.0, 6.0, 8.0}}, {"evaluations", 8}}}}}});
}
