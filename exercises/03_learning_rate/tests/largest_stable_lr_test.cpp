// Grading tests for Exercise 3.2 (largest_stable_learning_rate). Points per case in [points=N].

#include "largest_stable_lr.hpp"

#include <Eigen/QR>
#include <catch2/catch.hpp>

using exercises::largest_stable_learning_rate;

TEST_CASE("an axis-aligned bowl: w² + 4b² has Hessian diag(2, 8)", "[largest_stable_lr][points=2]") {
  Eigen::MatrixXd h(2, 2);
  h << 2, 0, 0, 8;
  INFO("λmax = 8, so the limit is 2/8 = 0.25");
  CHECK(largest_stable_learning_rate(h) == Approx(0.25).epsilon(1e-12));
}

TEST_CASE("a coupled bowl: the eigenvalue, not the diagonal, decides", "[largest_stable_lr][points=3]") {
  Eigen::MatrixXd h(2, 2);
  h << 5, 3, 3, 5;  // eigenvalues 8 and 2; the largest diagonal entry is only 5
  INFO("eigenvalues of [[5, 3], [3, 5]] are 8 and 2: expected 2/8 = 0.25, got " << largest_stable_learning_rate(h));
  CHECK(largest_stable_learning_rate(h) == Approx(0.25).epsilon(1e-12));
}

TEST_CASE("one parameter with curvature 0.3", "[largest_stable_lr][points=2]") {
  const Eigen::MatrixXd h = Eigen::MatrixXd::Constant(1, 1, 0.3);
  CHECK(largest_stable_learning_rate(h) == Approx(2.0 / 0.3).epsilon(1e-12));
}

TEST_CASE("four parameters with eigenvalues 1, 2, 10, 40 in a rotated basis", "[largest_stable_lr][points=3]") {
  Eigen::MatrixXd m(4, 4);
  m << 1, 2, 0, 1, 0, 1, 3, 1, 2, 0, 1, 1, 1, 1, 0, 2;
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(m).householderQ();
  const Eigen::Vector4d eigenvalues(1, 2, 10, 40);
  const Eigen::MatrixXd h = q * eigenvalues.asDiagonal() * q.transpose();
  INFO("expected 2/40 = 0.05, got " << largest_stable_learning_rate(h));
  CHECK(largest_stable_learning_rate(h) == Approx(0.05).epsilon(1e-10));
}
