// Hidden grading cases of Exercise 2.2 (fit_scaling, standardize, to_original_units): only an
// instructor's grading runs them; a student sees each case's name (the class of inputs) and
// whether it passed, never its inputs.

#include "feature_scaling.requests.hpp"

#include <cmath>
#include <vector>

using grading::json;
using namespace requests;

namespace {

// Random rows: column j is offset_j + scale_j·(a standard normal draw).
Rows random_rows(descent::Random& random, int n, const std::vector<double>& offset, const std::vector<double>& scale) {
  Rows X(static_cast<std::size_t>(n));
  for (auto& row : X) {
    for (std::size_t j = 0; j < offset.size(); ++j) row.push_back(offset[j] + scale[j] * random.normal());
  }
  return X;
}

// The columns' means and population deviations, two passes (no constant columns here).
json measured_scaling(const Rows& X) {
  std::vector<double> mean(X[0].size(), 0.0), deviation(X[0].size(), 0.0);
  for (const auto& row : X) {
    for (std::size_t j = 0; j < row.size(); ++j) mean[j] += row[j] / static_cast<double>(X.size());
  }
  for (const auto& row : X) {
    for (std::size_t j = 0; j < row.size(); ++j) {
      deviation[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / static_cast<double>(X.size());
    }
  }
  for (double& sigma : deviation) sigma = std::sqrt(sigma);
  return scaling(mean, deviation);
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  // Columns m·(1 ± a) have mean m and σ = m·a. At a = 1e-11 the spread is below the rule's
  // 1e-10·max|x| (constant: σ = 1); at a = 1e-9 above it (σ = m·1e-9, known to about 1e-7
  // relative since 1 ± 1e-9 is itself rounded). The same at sizes 1e-20, 1 and 1e6.
  grading::Case around_rule{.name = "columns just below and just above the constant rule, at sizes from 1e-20 to 1e6",
                            .points = 2,
                            .tolerance = {0.0, 1e-6}};
  for (const double m : {1e-20, 1.0, 1e6}) {
    Rows X;
    for (const double sign : {-1.0, 1.0, -1.0, 1.0}) X.push_back({m * (1.0 + sign * 1e-11), m * (1.0 + sign * 1e-9)});
    around_rule.calls.push_back(fit_scaling(X));
    around_rule.closed_form.push_back({{"value", scaling({m, m}, {1.0, m * 1e-9})}});
  }
  book.add(around_rule);

  // σ = 0 and max|x| = 0: the rule holds with equality. One row: every column is constant.
  book.add({.name = "a column of zeros, and a single row",
            .points = 1,
            .calls = {fit_scaling({{0.0, 1.0}, {0.0, 3.0}}), fit_scaling({{0.0, 5.0, -2.0}})},
            .closed_form = {{{"value", scaling({0.0, 2.0}, {1.0, 1.0})}},
                            {{"value", scaling({0.0, 5.0, -2.0}, {1.0, 1.0, 1.0})}}}});

  // Values with no exact binary form repeated down a column: their computed spread is rounding
  // noise (growing with the number of rows), well below the rule. The last column counts rows:
  // mean (n − 1)/2, σ² = (n² − 1)/12.
  grading::Case noisy_constants{.name = "constant columns of values with no exact binary form, 2 to 300 rows",
                                .points = 2,
                                .tolerance = {1e-12, 1e-12}};
  const std::vector<double> constants{0.1, 1.0 / 3.0, -2.9, 1e5 / 3.0, 7e-3};
  for (const int n : {2, 3, 7, 10, 49, 300}) {
    Rows X;
    for (int i = 0; i < n; ++i) {
      X.push_back(constants);
      X.back().push_back(i);
    }
    std::vector<double> mean = constants, deviation(constants.size(), 1.0);
    mean.push_back((n - 1) / 2.0);
    deviation.push_back(std::sqrt((n * n - 1.0) / 12.0));
    noisy_constants.calls.push_back(fit_scaling(X));
    noisy_constants.closed_form.push_back({{"value", scaling(mean, deviation)}});
  }
  book.add(noisy_constants);

  // Differential: columns at ±10^3 … ±10^8 whose spread is 10^-4 … 10^-7 of their size (far
  // above the rule, far below what Σx²/N − μ² resolves), 10 to 2000 rows, several shapes.
  grading::Case large_means{.name = "large means with small spreads, random offsets, up to 2000 rows, several calls",
                            .points = 2,
                            .tolerance = {0.0, 1e-9}};
  for (int k = 0; k < 4; ++k) {
    const int d = 1 + static_cast<int>(book.random().below(4));
    std::vector<double> offset, scale;
    for (int j = 0; j < d; ++j) {
      const double size = (book.random().below(2) == 0 ? -1.0 : 1.0) * std::pow(10.0, book.random().uniform(3.0, 8.0));
      offset.push_back(size);
      scale.push_back(std::abs(size) * std::pow(10.0, -book.random().uniform(4.0, 7.0)));
    }
    large_means.calls.push_back(fit_scaling(random_rows(book.random(), 10 + static_cast<int>(book.random().below(1991)), offset, scale)));
  }
  book.add(large_means);

  // Statistics that did not come from the rows at hand (as when new rows are scaled with the
  // training data's): (x − μ)/σ with the given μ and σ, a σ of 1 included. Exact in binary.
  const json given = scaling({10.0, -4.0, 0.5}, {2.0, 0.25, 1.0});
  book.add({.name = "standardising with statistics that did not come from the rows, several calls",
            .points = 2,
            .calls = {standardize({{12.0, -4.0, 0.5}, {6.0, -3.5, 2.5}}, given), standardize({{10.0, -5.0, -1.5}}, given),
                      standardize({{0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}, {20.0, -4.25, 0.5}}, given)},
            .closed_form = {{{"value", Rows{{1.0, 0.0, 0.0}, {-2.0, 2.0, 2.0}}}},
                            {{"value", Rows{{0.0, -4.0, -2.0}}}},
                            {{"value", Rows{{-5.0, 16.0, -0.5}, {-4.5, 20.0, 0.5}, {5.0, -1.0, 0.0}}}}}});

  // (x − μ)/σ under a large mean: x − μ is exact, so z is (x − μ)/σ correctly rounded;
  // x/σ − μ/σ keeps only the digits of x/σ ≈ 3.3e8, about 6e-8 apart.
  book.add({.name = "standardising values with a large mean and a small deviation",
            .points = 1,
            .calls = {standardize({{1e8 + 0.75}, {1e8 - 0.5}, {1e8 + 1.25}}, scaling({1e8 + 0.25}, {0.3}))},
            .closed_form = {{{"value", Rows{{0.5 / 0.3}, {-0.75 / 0.3}, {1.0 / 0.3}}}}}});

  // w_j = w'_j/σ_j, b = b' − Σ_j w'_j·μ_j/σ_j with given statistics: 6 − (3·10/2 − 1·(−4)/0.25
  // + 2·0.5/1) = 6 − (15 + 16 + 1) = −26. Then models with one feature (the statement's
  // example, 2z + 1 on z = (x − 4)/√5, among them), and the first again.
  book.add({.name = "carrying back with given statistics, every weight and the bias non-zero",
            .points = 2,
            .calls = {to_original_units({3.0, -1.0, 2.0, 6.0}, given), to_original_units({-2.0, 1.5}, scaling({-3.0}, {4.0})),
                      to_original_units({2.0, 1.0}, scaling({4.0}, {std::sqrt(5.0)})),
                      to_original_units({3.0, -1.0, 2.0, 6.0}, given)},
            .closed_form = {{{"value", {1.5, -4.0, 2.0, -26.0}}},
                            {{"value", {-0.5, 0.0}}},
                            {{"value", {2.0 / std::sqrt(5.0), 1.0 - 8.0 / std::sqrt(5.0)}}},
                            {{"value", {1.5, -4.0, 2.0, -26.0}}}}});

  // Differential: the three functions interleaved on random data of random shapes, the
  // statistics handed to standardize and to_original_units measured here from the same rows.
  grading::Case pipeline{.name = "random data: fit, standardise and carry back interleaved, several shapes in one run",
                         .points = 2,
                         .tolerance = {1e-9, 1e-9}};
  for (int k = 0; k < 4; ++k) {
    const int d = 1 + static_cast<int>(book.random().below(5));
    std::vector<double> offset, scale, theta;
    for (int j = 0; j < d; ++j) {
      offset.push_back(book.random().uniform(-1000.0, 1000.0));
      scale.push_back(std::pow(10.0, book.random().uniform(-1.0, 3.0)));
      theta.push_back(book.random().uniform(-5.0, 5.0));
    }
    theta.push_back(book.random().uniform(-50.0, 50.0));
    const Rows X = random_rows(book.random(), 2 + static_cast<int>(book.random().below(30)), offset, scale);
    pipeline.calls.push_back(fit_scaling(X));
    pipeline.calls.push_back(standardize(X, measured_scaling(X)));
    pipeline.calls.push_back(to_original_units(theta, measured_scaling(X)));
  }
  book.add(pipeline);
}
