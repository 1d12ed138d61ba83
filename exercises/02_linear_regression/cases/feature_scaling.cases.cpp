// Grading cases of Exercise 2.2 (fit_scaling, standardize, to_original_units) that students see
// in their pack. The expected answers come from the reference solution; the closed forms here
// (worked by hand, or computed by definition with loops) are checked against it.

#include "feature_scaling.requests.hpp"

#include <Eigen/QR>

#include <cmath>
#include <vector>

using grading::json;
using namespace requests;

namespace {

struct Statistics {
  std::vector<double> mean, deviation;
};

json scaling(const Statistics& s) { return requests::scaling(s.mean, s.deviation); }

// Mean and population deviation of every column by definition (loops, two passes), with 1 for
// a column whose values are all equal (the cases here have no near-constant columns).
Statistics statistics(const Rows& X) {
  Statistics s;
  const double n = static_cast<double>(X.size());
  for (std::size_t j = 0; j < X[0].size(); ++j) {
    double sum = 0.0;
    for (const auto& row : X) sum += row[j];
    const double mean = sum / n;
    double squares = 0.0;
    bool all_equal = true;
    for (const auto& row : X) {
      squares += (row[j] - mean) * (row[j] - mean);
      all_equal = all_equal && row[j] == X[0][j];
    }
    s.mean.push_back(mean);
    s.deviation.push_back(all_equal ? 1.0 : std::sqrt(squares / n));
  }
  return s;
}

Rows standardized(const Rows& X, const Statistics& s) {
  Rows Z = X;
  for (auto& row : Z) {
    for (std::size_t j = 0; j < row.size(); ++j) row[j] = (row[j] - s.mean[j]) / s.deviation[j];
  }
  return Z;
}

// The original-units model read off its predictions: b is the standardised model's prediction
// at x = 0, and w_j its prediction at x = e_j minus b.
std::vector<double> same_predictions(const std::vector<double>& theta, const Statistics& s) {
  const std::size_t d = s.mean.size();
  const auto predict = [&](const std::vector<double>& x) {
    double y = theta[d];
    for (std::size_t j = 0; j < d; ++j) y += theta[j] * (x[j] - s.mean[j]) / s.deviation[j];
    return y;
  };
  const double bias = predict(std::vector<double>(d, 0.0));
  std::vector<double> original;
  for (std::size_t j = 0; j < d; ++j) {
    std::vector<double> unit(d, 0.0);
    unit[j] = 1.0;
    original.push_back(predict(unit) - bias);
  }
  original.push_back(bias);
  return original;
}

// The least-squares line (w, b) through the rows of X and the targets y.
std::vector<double> least_squares(const Rows& X, const std::vector<double>& y) {
  Eigen::MatrixXd design(static_cast<Eigen::Index>(X.size()), static_cast<Eigen::Index>(X[0].size() + 1));
  Eigen::VectorXd targets(design.rows());
  for (Eigen::Index i = 0; i < design.rows(); ++i) {
    const auto& row = X[static_cast<std::size_t>(i)];
    for (std::size_t j = 0; j < row.size(); ++j) design(i, static_cast<Eigen::Index>(j)) = row[j];
    design(i, design.cols() - 1) = 1.0;
    targets[i] = y[static_cast<std::size_t>(i)];
  }
  const Eigen::VectorXd solution = design.colPivHouseholderQr().solve(targets);
  return {solution.begin(), solution.end()};
}

}  // namespace

void public_cases(grading::CaseBook& book) {
  // Column 0: mean 4, deviation √5; column 1: mean 20, deviation 10 (dividing by N = 4).
  book.add({.name = "mean and population deviation of each column",
            .points = 2,
            .calls = {fit_scaling({{1, 10}, {3, 10}, {5, 30}, {7, 30}})},
            .hint = "Expected means (4, 20) and deviations (sqrt(5) = 2.2361, 10): divide by N = 4, not N - 1, "
                    "and take each column on its own.",
            .closed_form = {{{"value", {{"mean", {4.0, 20.0}}, {"deviation", {std::sqrt(5.0), 10.0}}}}}}});

  const Rows houses{{2000, 3, 0.1}, {1500, 2, 0.4}, {2500, 4, 0.2}, {900, 1, 0.9}, {3100, 5, 0.3}};
  book.add({.name = "standardised columns have mean 0 and deviation 1",
            .points = 2,
            .calls = {fit_scaling(houses), standardize(houses, scaling(statistics(houses)))},
            .hint = "Each entry becomes (x - mean) / deviation of its column; the first entry, (2000 - 2000) / sd, is 0.",
            .closed_form = {{{"value", scaling(statistics(houses))}},
                            {{"value", standardized(houses, statistics(houses))}}}});

  const Rows sevens{{1, 7}, {2, 7}, {3, 7}};
  book.add({.name = "a constant column is only centred",
            .points = 1,
            .calls = {fit_scaling(sevens), standardize(sevens, scaling(statistics(sevens)))},
            .hint = "A column of 7s has deviation 0; use 1 instead, so that nothing is divided by 0.",
            .closed_form = {{{"value", {{"mean", {2.0, 7.0}}, {"deviation", {std::sqrt(2.0 / 3.0), 1.0}}}}},
                            {{"value", Rows{{-std::sqrt(1.5), 0.0}, {0.0, 0.0}, {std::sqrt(1.5), 0.0}}}}}});

  // 0.1 has no exact binary form: the computed mean of three 0.1s is 0.1 + 1.4e-17, and so the
  // computed deviation is 1.4e-17, not 0. It is still a constant column.
  book.add({.name = "a constant column of 0.1s, whose computed spread is rounding noise",
            .points = 2,
            .calls = {fit_scaling({{0.1, 1.0}, {0.1, 2.0}, {0.1, 3.0}})},
            .hint = "Three 0.1s have a computed deviation of about 1e-17, not exactly 0: a column is constant "
                    "when its deviation is at most 1e-10 times its largest absolute value.",
            .closed_form = {{{"value", {{"mean", {0.1, 2.0}}, {"deviation", {1.0, std::sqrt(2.0 / 3.0)}}}}}}});

  // Every value is exact in binary: the mean is 1e8 and σ² = (2.25 + 0.25 + 0.25 + 2.25)/4.
  book.add({.name = "a large mean with a small spread: 1e8 plus offsets",
            .points = 2,
            .calls = {fit_scaling({{1e8 - 1.5, -3.0}, {1e8 - 0.5, -1.0}, {1e8 + 0.5, 1.0}, {1e8 + 1.5, 3.0}})},
            .hint = "Expected mean 1e8 and deviation sqrt(1.25) = 1.118 in the first column. The mean of the "
                    "squares minus the square of the mean cancels to noise here: take the mean first, then the "
                    "squared distances to it.",
            .closed_form = {{{"value", {{"mean", {1e8, 0.0}}, {"deviation", {std::sqrt(1.25), std::sqrt(5.0)}}}}}}});

  const Rows sizes{{1200, 2}, {800, 1}, {2500, 4}, {1800, 3}, {3000, 5}, {600, 1}};
  const std::vector<double> standardised_model{40.0, -7.5, 260.0};
  book.add({.name = "a model fitted on standardised features predicts the same in original units",
            .points = 3,
            .calls = {to_original_units(standardised_model, scaling(statistics(sizes)))},
            .hint = "Divide each weight by its deviation, and move the shift -w'_j mean_j / deviation_j into the bias.",
            .closed_form = {{{"value", same_predictions(standardised_model, statistics(sizes))}}}});

  const Rows areas{{650}, {1200}, {1800}, {2400}, {2950}};
  const std::vector<double> prices{150, 230, 330, 410, 490};
  book.add({.name = "least squares on standardised data, carried back, is least squares on the raw data",
            .points = 2,
            .calls = {to_original_units(least_squares(standardized(areas, statistics(areas)), prices), scaling(statistics(areas)))},
            .tolerance = {1e-9, 1e-9},
            .hint = "The line fitted to the standardised data, carried back, must be the line fitted to the raw data.",
            .closed_form = {{{"value", least_squares(areas, prices)}}}});
}
