// Grading cases of Exercise 1.1 (descent_path) that students see in their pack. The expected
// paths come from the reference solution; the closed forms here are checked against it.

#include "descent_path.requests.hpp"

#include <cmath>

using grading::json;
using namespace requests;

namespace {

json quadratic(const json& hessian, const std::vector<double>& center) {
  return {{"kind", "quadratic"}, {"hessian", hessian}, {"center", center}};
}

}  // namespace

void public_cases(grading::CaseBook& book) {
  book.add({.name = "returns steps + 1 points and starts at the start",
            .points = 1,
            .calls = {descent_path(quadratic({2.0}, {0.0}), {3.0}, 0.25, 4)},
            .parts = {"size:", "/0"},
            .hint = "4 steps give 5 points: the start itself first, then one point per step.",
            .closed_form = {{{"value", {{"size:", 5}, {"/0", {3.0}}}}}}});

  // L(w) = 1.5 (w − 2)², slope 3 (w − 2): each step keeps 70 % of the distance to 2.
  json parabola = json::array();
  for (int t = 0; t <= 3; ++t) parabola.push_back({2.0 - 3.0 * std::pow(0.7, t)});
  book.add({.name = "follows w <- w - eta * slope on a shifted parabola",
            .points = 2,
            .calls = {descent_path(quadratic({3.0}, {2.0}), {-1.0}, 0.1, 3)},
            .hint = "Subtract eta times the slope: adding it climbs uphill.",
            .closed_form = {{{"value", parabola}}}});

  // L(x, y) = x² + xy + y² couples the coordinates: w ← (I − ηA) w with A = [[2, 1], [1, 2]].
  json coupled = json::array({{1.0, -2.0}});
  double x = 1.0, y = -2.0;
  for (int t = 0; t < 2; ++t) {
    const double next_x = 0.6 * x - 0.2 * y;
    y = -0.2 * x + 0.6 * y;
    x = next_x;
    coupled.push_back({x, y});
  }
  book.add({.name = "updates every coordinate from the gradient at the old point",
            .points = 3,
            .calls = {descent_path(quadratic(json::array({{2.0, 1.0}, {1.0, 2.0}}), {0.0, 0.0}), {1.0, -2.0}, 0.2, 2)},
            .hint = "Compute the whole gradient once per step, at the old point, then move every coordinate.",
            .closed_form = {{{"value", coupled}}}});

  book.add({.name = "zero steps returns only the start",
            .points = 2,
            .calls = {descent_path(quadratic({1.0, 1.0}, {0.0, 0.0}), {0.5, 7.0}, 0.1, 0)},
            .hint = "With steps = 0 the path is just {start}.",
            .closed_form = {{{"value", json::array({{0.5, 7.0}})}}}});

  // Slope 2w with eta = 1.5: each step multiplies w by 1 − 3 = −2; the rule does not stop.
  json growing = json::array();
  for (int t = 0; t <= 3; ++t) {
    const double factor = std::pow(-2.0, t);
    growing.push_back({factor, -factor, 0.5 * factor});
  }
  book.add({.name = "keeps stepping when the steps overshoot and grow",
            .points = 2,
            .calls = {descent_path(quadratic({2.0, 2.0, 2.0}, {0.0, 0.0, 0.0}), {1.0, -1.0, 0.5}, 1.5, 3)},
            .hint = "3 steps give 4 points even though the loss grows: do not stop or clamp.",
            .closed_form = {{{"value", growing}}}});
}
