#include "descent/standardize.hpp"

namespace descent {

Standardizer Standardizer::fit(const Matrix& features) {
  Standardizer s;
  s.mean = features.colwise().mean().transpose();
  s.deviation = ((features.rowwise() - s.mean.transpose()).array().square().colwise().mean().sqrt()).transpose();
  // A column is constant when its spread is rounding noise against its size: three rows of 0.1
  // give a computed σ of about 1e-17, not 0 (Exercise 2.2 states the same rule).
  constexpr double negligible_spread = 1e-10;
  const Vector size = features.cwiseAbs().colwise().maxCoeff().transpose();
  for (Eigen::Index j = 0; j < s.deviation.size(); ++j) {
    if (s.deviation[j] <= negligible_spread * size[j]) s.deviation[j] = 1.0;
  }
  return s;
}

Matrix Standardizer::transform(const Matrix& features) const {
  return ((features.rowwise() - mean.transpose()).array().rowwise() / deviation.transpose().array()).matrix();
}

Matrix Standardizer::inverse_transform(const Matrix& standardized) const {
  return ((standardized.array().rowwise() * deviation.transpose().array()).rowwise() + mean.transpose().array())
      .matrix();
}

Vector Standardizer::to_original_units(const Vector& theta) const {
  const Eigen::Index d = mean.size();
  Vector original = theta;
  original.head(d) = theta.head(d).cwiseQuotient(deviation);
  if (theta.size() > d) original[d] = theta[d] - original.head(d).dot(mean);
  return original;
}

Vector Standardizer::to_standardized_units(const Vector& theta) const {
  const Eigen::Index d = mean.size();
  Vector standardized = theta;
  standardized.head(d) = theta.head(d).cwiseProduct(deviation);
  if (theta.size() > d) standardized[d] = theta[d] + theta.head(d).dot(mean);
  return standardized;
}

}  // namespace descent
