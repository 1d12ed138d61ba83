#include "descent/datasets.hpp"

#include "descent/random.hpp"

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

}  // namespace descent
