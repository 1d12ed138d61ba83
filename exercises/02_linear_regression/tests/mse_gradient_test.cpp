// Grading tests for Exercise 2.1 (mse_gradient). Points per case are in the [points=N] tag.
// Expected values are worked out independently: by hand, or by central differences of the loss.

#include "mse_gradient.hpp"

#include "grading_support.hpp"

#include <catch2/catch.hpp>

using exercises::mse_gradient;
using grading::vec;

namespace {
double mse(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& theta) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    double prediction = theta[X.cols()];
    for (Eigen::Index j = 0; j < X.cols(); ++j) prediction += X(i, j) * theta[j];
    sum += (prediction - y[i]) * (prediction - y[i]);
  }
  return sum / static_cast<double>(X.rows());
}
}  // namespace

TEST_CASE("one feature, three points, worked by hand", "[mse_gradient][points=3]") {
  Eigen::MatrixXd X(3, 1);
  X << 0.0, 1.0, 3.0;
  const Eigen::VectorXd y = vec({1.0, 2.0, 4.0});
  // theta = (w, b) = (2, 0.5): predictions 0.5, 2.5, 6.5; residuals -0.5, 0.5, 2.5.
  // dL/dw = (2/3)(0 + 0.5 + 7.5) = 16/3; dL/db = (2/3)(2.5) = 5/3.
  const Eigen::VectorXd g = mse_gradient(X, y, vec({2.0, 0.5}));
  REQUIRE(g.size() == 2);
  INFO("expected (dL/dw, dL/db) = (16/3, 5/3) = (5.3333, 1.6667), got (" << g[0] << ", " << g[1]
       << "). Residuals are prediction minus target; average over N and keep the factor 2.");
  CHECK(g[0] == Approx(16.0 / 3.0).margin(1e-12));
  CHECK(g[1] == Approx(5.0 / 3.0).margin(1e-12));
}

TEST_CASE("matches central differences of the loss with four features", "[mse_gradient][points=3]") {
  Eigen::MatrixXd X(6, 4);
  X << 1, 2, -1, 0.5, 0, 1, 3, -2, 2, -1, 0, 1, -3, 0.5, 1, 1, 1, 1, 1, 1, 0.2, -0.7, 2, 0;
  const Eigen::VectorXd y = vec({3, -1, 2, 0.5, 4, -2});
  const Eigen::VectorXd theta = vec({0.3, -1.2, 0.8, 2.0, -0.4});
  const Eigen::VectorXd g = mse_gradient(X, y, theta);
  REQUIRE(g.size() == 5);
  for (Eigen::Index k = 0; k < 5; ++k) {
    Eigen::VectorXd up = theta, down = theta;
    up[k] += 1e-5;
    down[k] -= 1e-5;
    const double numeric = (mse(X, y, up) - mse(X, y, down)) / 2e-5;
    INFO("parameter " << k << (k == 4 ? " (the bias)" : "") << ": measured slope " << numeric << ", got " << g[k]);
    CHECK(g[k] == Approx(numeric).epsilon(1e-7).margin(1e-7));
  }
}

TEST_CASE("a mean, not a sum: duplicating the data changes nothing", "[mse_gradient][points=2]") {
  Eigen::MatrixXd X(2, 2);
  X << 1, 2, 3, -1;
  const Eigen::VectorXd y = vec({1, 0});
  Eigen::MatrixXd X2(4, 2);
  X2 << X, X;
  Eigen::VectorXd y2(4);
  y2 << y, y;
  const Eigen::VectorXd theta = vec({0.5, 0.25, -1});
  const Eigen::VectorXd once = mse_gradient(X, y, theta);
  const Eigen::VectorXd twice = mse_gradient(X2, y2, theta);
  REQUIRE(once.size() == 3);
  REQUIRE(twice.size() == 3);
  INFO("the same data twice has the same mean squared error, so the same gradient; divide by N");
  for (Eigen::Index k = 0; k < 3; ++k) CHECK(twice[k] == Approx(once[k]).margin(1e-12));
  CHECK(once.norm() > 0.1);
}

TEST_CASE("zero at the least-squares solution, pointing uphill elsewhere", "[mse_gradient][points=2]") {
  Eigen::MatrixXd X(4, 1);
  X << 1, 2, 3, 4;
  const Eigen::VectorXd y = vec({3, 5, 7, 9});  // exactly y = 2x + 1
  const Eigen::VectorXd at_best = mse_gradient(X, y, vec({2, 1}));
  REQUIRE(at_best.size() == 2);
  INFO("at (w, b) = (2, 1) every residual is 0, so the gradient must be 0");
  CHECK(at_best.norm() == Approx(0.0).margin(1e-12));
  const Eigen::VectorXd above = mse_gradient(X, y, vec({2, 2}));  // every prediction 1 too high
  INFO("with b one too high every residual is +1: dL/db = 2, dL/dw = 2·mean(x) = 5; got (" << above[0] << ", "
                                                                                          << above[1] << ")");
  CHECK(above[1] == Approx(2.0).margin(1e-12));
  CHECK(above[0] == Approx(5.0).margin(1e-12));
}
