#include "descent/softmax.hpp"

#include <cmath>
#include <stdexcept>

namespace descent {

Eigen::MatrixXd softmax(const Eigen::MatrixXd& logits) {
  // [softmax]
  const Eigen::RowVectorXd largest = logits.colwise().maxCoeff();
  Eigen::MatrixXd p = (logits.rowwise() - largest).array().exp();  // every exponent ≤ 0
  p.array().rowwise() /= p.colwise().sum().array();
  // [softmax]
  return p;
}

LossAndSlope softmax_cross_entropy(const Eigen::MatrixXd& logits, std::span<const int> labels) {
  if (static_cast<Eigen::Index>(labels.size()) != logits.cols()) {
    throw std::invalid_argument("softmax_cross_entropy: one label per column of logits");
  }
  const auto batch = static_cast<double>(logits.cols());
  // [cross_entropy]
  const Eigen::RowVectorXd largest = logits.colwise().maxCoeff();             // m
  Eigen::MatrixXd p = (logits.rowwise() - largest).array().exp();             // e^(z − m) ≤ 1
  const Eigen::RowVectorXd total = p.colwise().sum();                         // ≥ 1
  p.array().rowwise() /= total.array();
  double loss = 0.0;
  for (Eigen::Index b = 0; b < logits.cols(); ++b) {
    const auto y = static_cast<Eigen::Index>(labels[static_cast<std::size_t>(b)]);
    loss += largest(b) + std::log(total(b)) - logits(y, b);  // −log p_y, exact in any case
    p(y, b) -= 1.0;                                           // p − onehot(y)
  }
  LossAndSlope result{.loss = loss / batch, .slope = p / batch};  // means over the batch
  // [cross_entropy]
  return result;
}

}  // namespace descent
