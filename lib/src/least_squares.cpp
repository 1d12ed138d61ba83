#include "descent/least_squares.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>
#include <string>

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

// [mse_gradient]
Vector LeastSquares::gradient(const Vector& theta) const {
  const Vector r = residuals(theta);             // r = Xw + b − y
  const double scale = 2.0 / static_cast<double>(samples());
  Vector g(dimension());
  g.head(features_.cols()) = scale * (features_.transpose() * r);  // ∂L/∂w = (2/N) Xᵀr
  if (fit_bias_) g[features_.cols()] = scale * r.sum();            // ∂L/∂b = (2/N) Σ r_i
  return g;
}
// [mse_gradient]

namespace {
/// The mean squared residual over the rows of `features` and its gradient (2/B)·[Xᵀr, Σ r].
Evaluation mean_squared_error(const Matrix& features, const Vector& r, bool fit_bias) {
  const double scale = 2.0 / static_cast<double>(r.size());
  Evaluation e{r.squaredNorm() / static_cast<double>(r.size()), Vector(features.cols() + (fit_bias ? 1 : 0))};
  e.gradient.head(features.cols()) = scale * (features.transpose() * r);
  if (fit_bias) e.gradient[features.cols()] = scale * r.sum();
  return e;
}
}  // namespace

Evaluation LeastSquares::value_and_gradient(const Vector& theta) const {
  return mean_squared_error(features_, residuals(theta), fit_bias_);
}

Evaluation LeastSquares::value_and_gradient(const Vector& theta, Batch batch) const {
  if (batch.empty()) throw std::invalid_argument("LeastSquares: an empty batch has no mean");
  const auto outside = [&](Eigen::Index i) { return i < 0 || i >= samples(); };
  if (std::ranges::any_of(batch, outside)) {
    throw std::out_of_range("LeastSquares: a batch index is outside 0.." + std::to_string(samples() - 1));
  }
  const Matrix features = features_(batch, Eigen::all);  // the batch's rows, B × d
  const Vector r = predict(theta, features) - targets_(batch);
  return mean_squared_error(features, r, fit_bias_);
}

namespace {
/// Σ a_i·b_i in four running sums (lanes) added at the end: the compiler may then use vector
/// instructions without reordering anything, so the result depends on n and the numbers only.
double lane_dot(const double* a, const double* b, Eigen::Index n) {
  std::array<double, 4> lane{};
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4) {
    for (int l = 0; l < 4; ++l) lane[l] += a[i + l] * b[i + l];
  }
  double sum = (lane[0] + lane[1]) + (lane[2] + lane[3]);
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}
}  // namespace

// [fused_rows]
Evaluation LeastSquares::value_and_gradient(const Vector& theta, RowRange rows) const {
  if (rows.count <= 0 || rows.first < 0 || rows.first + rows.count > samples()) {
    throw std::out_of_range("LeastSquares: rows " + std::to_string(rows.first) + " + " +
                            std::to_string(rows.count) + " outside 0.." +
                            std::to_string(samples() - 1));
  }
  constexpr Eigen::Index block = 256;  // 256 rows × 64 columns = 128 kB: stays in cache
  const Eigen::Index d = features_.cols();
  std::array<double, block> r{};       // the block's residuals
  Vector sums = Vector::Zero(dimension());  // Σ r_i·x_i (and Σ r_i for the bias)
  double squares = 0.0;                     // Σ r_i²
  for (Eigen::Index start = rows.first; start < rows.first + rows.count; start += block) {
    const Eigen::Index n = std::min(block, rows.first + rows.count - start);
    const double* y = targets_.data() + start;
    for (Eigen::Index i = 0; i < n; ++i) r[i] = (fit_bias_ ? theta[d] : 0.0) - y[i];
    for (Eigen::Index j = 0; j < d; ++j) {  // r += X_block·w, one column at a time
      const double* column = features_.col(j).data() + start;
      for (Eigen::Index i = 0; i < n; ++i) r[i] += column[i] * theta[j];
    }
    for (Eigen::Index j = 0; j < d; ++j) {  // the same block, still in cache: Xᵀr
      sums[j] += lane_dot(features_.col(j).data() + start, r.data(), n);
    }
    if (fit_bias_) sums[d] += std::accumulate(r.begin(), r.begin() + n, 0.0);
    squares += lane_dot(r.data(), r.data(), n);
  }
  const auto count = static_cast<double>(rows.count);
  return {squares / count, (2.0 / count) * sums};
}
// [fused_rows]

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

// [closed_form]
Vector LeastSquares::closed_form() const {
  Matrix design(samples(), dimension());  // X̃ = [X, 1]
  design.leftCols(features_.cols()) = features_;
  if (fit_bias_) design.col(features_.cols()).setOnes();
  const Matrix gram = design.transpose() * design;  // X̃ᵀX̃
  return gram.ldlt().solve(design.transpose() * targets_);
}
// [closed_form]

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
