// Grading cases of Exercise 2.1 (mse_gradient) that students see in their pack. The expected
// gradients come from the reference solution; the closed forms here (worked by hand, or measured
// with central differences of the loss) are checked against it.

#include "mse_gradient.requests.hpp"

#include <vector>

using grading::json;
using namespace requests;

namespace {

// L(θ) = (1/N)·Σ_i (x_iᵀw + b − y_i)², written out with loops.
double mse(const Rows& X, const std::vector<double>& y, const std::vector<double>& theta) {
  double sum = 0.0;
  for (std::size_t i = 0; i < X.size(); ++i) {
    double prediction = theta.back();
    for (std::size_t j = 0; j < X[i].size(); ++j) prediction += X[i][j] * theta[j];
    sum += (prediction - y[i]) * (prediction - y[i]);
  }
  return sum / static_cast<double>(X.size());
}

// The gradient measured with central differences of the loss (step 1e-5).
std::vector<double> measured_gradient(const Rows& X, const std::vector<double>& y, const std::vector<double>& theta) {
  std::vector<double> slopes;
  for (std::size_t k = 0; k < theta.size(); ++k) {
    std::vector<double> up = theta, down = theta;
    up[k] += 1e-5;
    down[k] -= 1e-5;
    slopes.push_back((mse(X, y, up) - mse(X, y, down)) / 2e-5);
  }
  return slopes;
}

}  // namespace

void public_cases(grading::CaseBook& book) {
  // θ = (w, b) = (2, 0.5): predictions 0.5, 2.5, 6.5; residuals −0.5, 0.5, 2.5.
  // ∂L/∂w = (2/3)(0 + 0.5 + 7.5) = 16/3; ∂L/∂b = (2/3)(2.5) = 5/3.
  book.add({.name = "one feature, three points, worked by hand",
            .points = 3,
            .calls = {mse_gradient({{0.0}, {1.0}, {3.0}}, {1.0, 2.0, 4.0}, {2.0, 0.5})},
            .hint = "Expected (dL/dw, dL/db) = (16/3, 5/3) = (5.3333, 1.6667). Residuals are prediction minus "
                    "target; average over N and keep the factor 2.",
            .closed_form = {{{"value", {16.0 / 3.0, 5.0 / 3.0}}}}});

  const Rows four_features{{1, 2, -1, 0.5}, {0, 1, 3, -2}, {2, -1, 0, 1}, {-3, 0.5, 1, 1}, {1, 1, 1, 1}, {0.2, -0.7, 2, 0}};
  const std::vector<double> targets{3, -1, 2, 0.5, 4, -2};
  const std::vector<double> theta{0.3, -1.2, 0.8, 2.0, -0.4};
  book.add({.name = "matches central differences of the loss with four features",
            .points = 3,
            .calls = {mse_gradient(four_features, targets, theta)},
            .tolerance = {1e-7, 1e-7},
            .hint = "Entry k is the slope of the loss along parameter k; the bias is the last entry. "
                    "Use (2/N) X^T r for the weights and (2/N) sum(r) for the bias.",
            .closed_form = {{{"value", measured_gradient(four_features, targets, theta)}}}});

  // The same data twice has the same mean squared error, so the same gradient.
  const Rows pair{{1, 2}, {3, -1}};
  const Rows pair_twice{{1, 2}, {3, -1}, {1, 2}, {3, -1}};
  const std::vector<double> pair_theta{0.5, 0.25, -1};
  book.add({.name = "a mean, not a sum: duplicating the data changes nothing",
            .points = 2,
            .calls = {mse_gradient(pair, {1, 0}, pair_theta), mse_gradient(pair_twice, {1, 0, 1, 0}, pair_theta)},
            .tolerance = {1e-9, 1e-9},
            .hint = "The same data twice has the same mean squared error, so the same gradient: divide by N.",
            .closed_form = {{{"value", measured_gradient(pair, {1, 0}, pair_theta)}},
                            {{"value", measured_gradient(pair, {1, 0}, pair_theta)}}}});

  // y = 2x + 1 exactly: zero gradient at (2, 1); with b one too high every residual is +1, so
  // ∂L/∂b = 2 and ∂L/∂w = 2·mean(x) = 5.
  const Rows line{{1}, {2}, {3}, {4}};
  book.add({.name = "zero at the least-squares solution, pointing uphill elsewhere",
            .points = 2,
            .calls = {mse_gradient(line, {3, 5, 7, 9}, {2, 1}), mse_gradient(line, {3, 5, 7, 9}, {2, 2})},
            .hint = "At (w, b) = (2, 1) every residual is 0, so the gradient is 0; with b one too high every "
                    "residual is +1: dL/db = 2, dL/dw = 2 mean(x) = 5.",
            .closed_form = {{{"value", {0.0, 0.0}}}, {{"value", {5.0, 2.0}}}}});
}
