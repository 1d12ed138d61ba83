#include "descent/datasets.hpp"

#include "descent/random.hpp"

#include <Eigen/QR>
#include <cmath>

namespace descent {

Dataset synthetic_housing(Eigen::Index houses, std::uint64_t seed) {
  constexpr double price_per_square_foot = 0.15;  // k$ per sq ft
  constexpr double base_price = 50.0;             // k$
  constexpr double noise = 25.0;                  // k$, standard deviation
  Random random(seed);
  Dataset data{Matrix(houses, 1), Vector(houses)};
  for (Eigen::Index i = 0; i < houses; ++i) {
    const double size = random.uniform(600.0, 3000.0);
    data.features(i, 0) = size;
    data.targets[i] = price_per_square_foot * size + base_price + random.normal(0.0, noise);
  }
  return data;
}

Dataset linear_data(Eigen::Index samples, const Vector& scales, double noise, std::uint64_t seed) {
  Random random(seed);
  Dataset data{Matrix(samples, scales.size()), Vector(samples)};
  for (Eigen::Index i = 0; i < samples; ++i) {
    double target = 0.5;
    for (Eigen::Index j = 0; j < scales.size(); ++j) {
      data.features(i, j) = scales[j] * random.normal();
      target += data.features(i, j);
    }
    data.targets[i] = target + noise * random.normal();
  }
  return data;
}

Dataset orthogonal_regression(Eigen::Index samples, const Vector& curvatures, const Vector& weights, double noise,
                              std::uint64_t seed) {
  const Eigen::Index d = curvatures.size();
  constexpr std::uint64_t feature_seed = 20240404;  // fixed: --seed changes the labels only
  Random features(feature_seed);
  Matrix raw(samples, d);
  for (Eigen::Index i = 0; i < samples; ++i) {
    for (Eigen::Index j = 0; j < d; ++j) raw(i, j) = features.normal();
  }
  const Matrix q = Eigen::HouseholderQR<Matrix>(raw).householderQ() * Matrix::Identity(samples, d);
  Dataset data{Matrix(samples, d), Vector(samples)};
  for (Eigen::Index j = 0; j < d; ++j) {
    // ‖column‖² = N·h/2, so (2/N)·XᵀX has h on its diagonal and 0 elsewhere.
    data.features.col(j) = std::sqrt(0.5 * static_cast<double>(samples) * curvatures[j]) * q.col(j);
  }
  Random labels(seed);
  for (Eigen::Index i = 0; i < samples; ++i) {
    data.targets[i] = data.features.row(i).dot(weights) + noise * labels.normal();
  }
  return data;
}

}  // namespace descent
