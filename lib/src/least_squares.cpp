#include "descent/least_squares.hpp"

#include <Eigen/Cholesky>
#include <stdexcept>

namespace descent {

LeastSquares::LeastSquares(Matrix features, Vector targets, bool fit_bias)
    : features_(std::move(features)), targets_(std::move(targets)), fit_bias_(fit_bias) {
  if (features_.rows() != targets_.size()) {
    throw std::invalid_argument("LeastSquares: " + std::to_string(features_.rows()) + " rows of features but " +
                                std::to_string(targets_.size()) + " targets");
  }
  if (features_.rows() == 0) throw std::invalid_argument("LeastSquares: no data");
}

Vector LeastSquares::predict(const Vector& theta, const Matrix& features) const {
  const Eigen::Index d = features_.cols();
  Vector prediction = features * theta.head(d);
  if (fit_bias_) prediction.array() += theta[d];
  return prediction;
}

Vector LeastSquares::residuals(const Vector& theta) const { return predict(theta, features_) - targets_; }

double LeastSquares::value(const Vector& theta) const {
  return residuals(theta).squaredNorm() / static_cast<double>(samples());
}

//! [mse_gradient]
Vector LeastSquares::gradient(const Vector& theta) const {
  const Vector r = residuals(theta);             // r = Xw + b − y
  const double scale = 2.0 / static_cast<double>(samples());
  Vector g(dimension());
  g.head(features_.cols()) = scale * (features_.transpose() * r);  // ∂L/∂w = (2/N) Xᵀr
  if (fit_bias_) g[features_.cols()] = scale * r.sum();            // ∂L/∂b = (2/N) Σ r_i
  return g;
}
//! [mse_gradient]

Matrix LeastSquares::hessian(const Vector&) const {
  const Eigen::Index d = features_.cols();
  Matrix h(dimension(), dimension());
  h.topLeftCorner(d, d) = features_.transpose() * features_;
  if (fit_bias_) {
    const Vector column_sums = features_.colwise().sum().transpose();
    h.topRightCorner(d, 1) = column_sums;
    h.bottomLeftCorner(1, d) = column_sums.transpose();
    h(d, d) = static_cast<double>(samples());
  }
  return (2.0 / static_cast<double>(samples())) * h;
}

//! [closed_form]
Vector LeastSquares::closed_form() const {
  Matrix design(samples(), dimension());  // X̃ = [X, 1]
  design.leftCols(features_.cols()) = features_;
  if (fit_bias_) design.col(features_.cols()).setOnes();
  const Matrix gram = design.transpose() * design;  // X̃ᵀX̃
  return gram.ldlt().solve(design.transpose() * targets_);
}
//! [closed_form]

LeastSquares LeastSquares::rows(const std::vector<Eigen::Index>& indices) const {
  Matrix features(static_cast<Eigen::Index>(indices.size()), features_.cols());
  Vector targets(static_cast<Eigen::Index>(indices.size()));
  for (std::size_t i = 0; i < indices.size(); ++i) {
    features.row(static_cast<Eigen::Index>(i)) = features_.row(indices[i]);
    targets[static_cast<Eigen::Index>(i)] = targets_[indices[i]];
  }
  return {std::move(features), std::move(targets), fit_bias_};
}

}  // namespace descent
