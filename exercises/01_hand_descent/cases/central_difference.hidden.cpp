// Hidden grading cases of Exercise 1.2 (central_difference_gradient): only an instructor's
// grading runs them; a student sees each case's name (the class of inputs) and whether it
// passed, never its inputs.

#include "central_difference.requests.hpp"

#include <array>
#include <cmath>

using grading::json;
using namespace requests;

namespace {

// c·w_i^p in n coordinates.
json power_of_one_coordinate(double coefficient, int n, int i, int p) {
  std::vector<int> powers(static_cast<std::size_t>(n), 0);
  powers[static_cast<std::size_t>(i)] = p;
  return monomial(coefficient, powers);
}

// A random smooth function of n coordinates: a polynomial whose terms couple up to three
// coordinates with powers up to 3, plus a sinusoid along a random direction.
json random_function(descent::Random& random, int n) {
  std::vector<json> terms;
  const int count = 2 + static_cast<int>(random.below(4));
  for (int k = 0; k < count; ++k) {
    std::vector<int> powers(static_cast<std::size_t>(n), 0);
    for (int used = 0; used < 3; ++used) powers[random.below(static_cast<std::uint64_t>(n))] = static_cast<int>(random.below(4));
    terms.push_back(monomial(random.uniform(-2.0, 2.0), powers));
  }
  return {{"kind", "sum"},
          {"terms", {polynomial(terms),
                     {{"kind", "sinusoid"},
                      {"amplitude", random.uniform(0.5, 3.0)},
                      {"frequency", grading::uniform_numbers(random, n, -1.5, 1.5)},
                      {"phase", random.uniform(-3.0, 3.0)}}}}};
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  // f = w0³ + w1⁴: the central secants are 3x² + Δ² and 4x³ + 4xΔ², not the slopes 3x² and 4x³.
  grading::Case curved{.name = "cubics and quartics, where the central secant is not the slope, several steps",
                       .points = 2,
                       .tolerance = {1e-9, 1e-10}};
  const json cubic_and_quartic = polynomial({power_of_one_coordinate(1.0, 2, 0, 3), power_of_one_coordinate(1.0, 2, 1, 4)});
  for (const auto& [x0, x1, delta] : {std::array{1.5, -0.7, 0.3}, std::array{-2.0, 3.0, 0.05}, std::array{0.25, 0.5, 0.8}}) {
    curved.calls.push_back(central_difference(cubic_and_quartic, {x0, x1}, delta));
    curved.closed_form.push_back(
        {{"value",
          {{"gradient", {3.0 * x0 * x0 + delta * delta, 4.0 * x1 * x1 * x1 + 4.0 * x1 * delta * delta}}, {"evaluations", 4}}}});
  }
  book.add(curved);

  // Differential: random smooth functions of random sizes, two calls of each size in a row (so
  // anything kept from the previous call of that size shows), one coordinate, then the first
  // call again (an estimate must not depend on earlier calls).
  grading::Case random_functions{.name = "random polynomials and sinusoids of 1 to 6 coordinates, several calls in one run",
                                 .points = 3,
                                 .tolerance = {1e-8, 1e-9}};
  const auto random_call = [&book](int n) {
    return central_difference(random_function(book.random(), n), grading::uniform_numbers(book.random(), n, -2.0, 2.0),
                              book.random().uniform(0.01, 0.3));
  };
  for (int k = 0; k < 4; ++k) {
    const int n = 2 + static_cast<int>(book.random().below(5));
    random_functions.calls.push_back(random_call(n));
    random_functions.calls.push_back(random_call(n));
  }
  random_functions.calls.push_back(random_call(1));
  random_functions.calls.push_back(random_functions.calls.front());
  book.add(random_functions);

  // Quadratics and lines, where the secants are exact: the same point with different functions,
  // points of another size (the statement's example, x² + 3y at (1, 2), among them), the first
  // call again, and a coupled function at a new point of the first size.
  const json line = polynomial({power_of_one_coordinate(3.0, 3, 0, 1), power_of_one_coordinate(-1.0, 3, 1, 1),
                                power_of_one_coordinate(2.0, 3, 2, 1)});
  const json saddle = polynomial({monomial(1.0, {1, 1, 0}), power_of_one_coordinate(1.0, 3, 2, 2)});
  const json plane_bowl = polynomial({power_of_one_coordinate(1.0, 2, 0, 2), power_of_one_coordinate(-3.0, 2, 1, 1)});
  const json statement_example = polynomial({power_of_one_coordinate(1.0, 2, 0, 2), power_of_one_coordinate(3.0, 2, 1, 1)});
  const std::vector<double> x{0.5, -1.5, 2.0};
  book.add({.name = "the same point with different functions, then other points and sizes, in one run",
            .points = 2,
            .calls = {central_difference(line, x, 0.25), central_difference(saddle, x, 0.25),
                      central_difference(plane_bowl, {1.0, 1.0}, 0.25), central_difference(statement_example, {1.0, 2.0}, 0.5),
                      central_difference(line, x, 0.25), central_difference(saddle, {2.0, 0.5, -1.0}, 0.25)},
            .tolerance = {1e-12, 1e-12},
            .closed_form = {{{"value", {{"gradient", {3.0, -1.0, 2.0}}, {"evaluations", 6}}}},
                            {{"value", {{"gradient", {-1.5, 0.5, 4.0}}, {"evaluations", 6}}}},
                            {{"value", {{"gradient", {2.0, -3.0}}, {"evaluations", 4}}}},
                            {{"value", {{"gradient", {2.0, 3.0}}, {"evaluations", 4}}}},
                            {{"value", {{"gradient", {3.0, -1.0, 2.0}}, {"evaluations", 6}}}},
                            {{"value", {{"gradient", {0.5, 2.0, -2.0}}, {"evaluations", 6}}}}}});

  book.add({.name = "a point without coordinates, then a point with one",
            .points = 1,
            .calls = {central_difference(polynomial({monomial(5.0, {})}), {}, 0.5),
                      central_difference(polynomial({monomial(1.0, {2})}), {3.0}, 0.5)},
            .tolerance = {1e-12, 1e-12},
            .closed_form = {{{"value", {{"gradient", json::array()}, {"evaluations", 0}}}},
                            {{"value", {{"gradient", {6.0}}, {"evaluations", 2}}}}}});

  // f = w0·w1² + 10⁻³·w2³ far from the origin with Δ = 0.01: the step is Δ whatever the size of
  // the coordinate. Secants: w1², 2·w0·w1 (exact), 10⁻³·(3·w2² + Δ²).
  book.add({.name = "coupled terms far from the origin: the step is delta, not relative to the coordinate",
            .points = 2,
            .calls = {central_difference(polynomial({monomial(1.0, {1, 2, 0}), monomial(1e-3, {0, 0, 3})}),
                                         {300.0, -40.0, 1000.0}, 0.01)},
            .tolerance = {1e-7, 1e-10},
            .closed_form = {{{"value", {{"gradient", {1600.0, -24000.0, 1e-3 * (3e6 + 1e-4)}}, {"evaluations", 6}}}}}});

  // A diagonal bowl in 40 coordinates: exact secants h_i·(x_i − c_i) and 80 evaluations.
  constexpr int many = 40;
  std::vector<double> curvature, center, point, slope;
  for (int i = 0; i < many; ++i) {
    curvature.push_back(1.0 + 0.25 * i);
    center.push_back(0.5 * (i % 7) - 1.0);
    point.push_back(2.0 - 0.125 * i);
    slope.push_back(curvature.back() * (point.back() - center.back()));
  }
  book.add({.name = "forty coordinates: two evaluations per coordinate",
            .points = 1,
            .calls = {central_difference({{"kind", "quadratic"}, {"hessian", curvature}, {"center", center}}, point, 0.5)},
            .tolerance = {1e-10, 1e-12},
            .closed_form = {{{"value", {{"gradient", slope}, {"evaluations", 2 * many}}}}}});
}
