// Grading tests for Exercise 2.2 (fit_scaling, standardize, to_original_units). Points per
// case are in the [points=N] tag. Expected values are computed by hand or by definition.

#include "feature_scaling.hpp"

#include "grading_support.hpp"

#include <Eigen/QR>
#include <catch2/catch.hpp>
#include <cmath>

using namespace exercises;
using grading::vec;

TEST_CASE("mean and population deviation of each column", "[feature_scaling][points=2]") {
  Eigen::MatrixXd X(4, 2);
  X << 1, 10, 3, 10, 5, 30, 7, 30;  // column 0: mean 4, sd sqrt(5); column 1: mean 20, sd 10
  const Scaling s = fit_scaling(X);
  REQUIRE(s.mean.size() == 2);
  REQUIRE(s.deviation.size() == 2);
  INFO("means (4, 20) and deviations (sqrt(5) = 2.2361, 10), dividing by N = 4; got means (" << s.mean[0] << ", "
       << s.mean[1] << "), deviations (" << s.deviation[0] << ", " << s.deviation[1] << ")");
  CHECK(s.mean[0] == Approx(4.0).margin(1e-12));
  CHECK(s.mean[1] == Approx(20.0).margin(1e-12));
  CHECK(s.deviation[0] == Approx(std::sqrt(5.0)).margin(1e-12));
  CHECK(s.deviation[1] == Approx(10.0).margin(1e-12));
}

TEST_CASE("standardised columns have mean 0 and deviation 1", "[feature_scaling][points=2]") {
  Eigen::MatrixXd X(5, 3);
  X << 2000, 3, 0.1, 1500, 2, 0.4, 2500, 4, 0.2, 900, 1, 0.9, 3100, 5, 0.3;
  const Eigen::MatrixXd Z = standardize(X, fit_scaling(X));
  REQUIRE(Z.rows() == 5);
  REQUIRE(Z.cols() == 3);
  for (Eigen::Index j = 0; j < 3; ++j) {
    const double mean = Z.col(j).mean();
    const double deviation = std::sqrt((Z.col(j).array() - mean).square().mean());
    INFO("column " << j << ": mean " << mean << " (want 0), deviation " << deviation << " (want 1)");
    CHECK(mean == Approx(0.0).margin(1e-12));
    CHECK(deviation == Approx(1.0).margin(1e-12));
  }
  INFO("the first entry (2000 − 2000)/sd is 0; got " << Z(0, 0));
  CHECK(Z(0, 0) == Approx(0.0).margin(1e-12));
}

TEST_CASE("a constant column is only centred", "[feature_scaling][points=1]") {
  Eigen::MatrixXd X(3, 2);
  X << 1, 7, 2, 7, 3, 7;
  const Scaling s = fit_scaling(X);
  REQUIRE(s.deviation.size() == 2);
  INFO("a column of 7s has deviation 0; use 1 instead so nothing is divided by 0");
  CHECK(s.deviation[1] == Approx(1.0).margin(1e-12));
  const Eigen::MatrixXd Z = standardize(X, s);
  CHECK(Z.col(1).isZero(1e-12));
  CHECK(Z.allFinite());
}

TEST_CASE("a model fitted on standardised features predicts the same in original units",
          "[feature_scaling][points=3]") {
  Eigen::MatrixXd X(6, 2);
  X << 1200, 2, 800, 1, 2500, 4, 1800, 3, 3000, 5, 600, 1;
  const Scaling s = fit_scaling(X);
  const Eigen::MatrixXd Z = standardize(X, s);
  const Eigen::VectorXd theta_std = vec({40.0, -7.5, 260.0});  // some model on standardised features
  const Eigen::VectorXd theta = to_original_units(theta_std, s);
  REQUIRE(theta.size() == 3);
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    const double on_standardised = Z.row(i).dot(theta_std.head(2)) + theta_std[2];
    const double on_original = X.row(i).dot(theta.head(2)) + theta[2];
    INFO("row " << i << ": the standardised model predicts " << on_standardised << ", your original-units model "
                << on_original << ". Divide each weight by its σ and move the shift into the bias.");
    CHECK(on_original == Approx(on_standardised).epsilon(1e-12));
  }
}

TEST_CASE("least squares on standardised data, carried back, is least squares on the raw data",
          "[feature_scaling][points=2]") {
  Eigen::MatrixXd X(5, 1);
  X << 650, 1200, 1800, 2400, 2950;
  const Eigen::VectorXd y = vec({150, 230, 330, 410, 490});
  const auto least_squares = [&y](const Eigen::MatrixXd& features) {
    Eigen::MatrixXd design(features.rows(), features.cols() + 1);
    design << features, Eigen::VectorXd::Ones(features.rows());
    return Eigen::VectorXd(design.colPivHouseholderQr().solve(y));
  };
  const Scaling s = fit_scaling(X);
  const Eigen::VectorXd via_standardised = to_original_units(least_squares(standardize(X, s)), s);
  const Eigen::VectorXd direct = least_squares(X);
  REQUIRE(via_standardised.size() == 2);
  INFO("direct fit (w, b) = (" << direct[0] << ", " << direct[1] << "), yours (" << via_standardised[0] << ", "
                              << via_standardised[1] << ")");
  CHECK(via_standardised[0] == Approx(direct[0]).epsilon(1e-9));
  CHECK(via_standardised[1] == Approx(direct[1]).epsilon(1e-9));
}
