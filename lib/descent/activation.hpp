#pragma once
/// \file activation.hpp
/// \brief The nonlinearities of a network's hidden layers and their derivatives.
///
/// Each hidden unit passes its weighted sum z through an activation h = f(z). The backward
/// pass needs f′(z); for the sigmoid and tanh it is cheapest to get from the output h that
/// the forward pass stored: σ′ = h(1 − h) (at most 1/4), tanh′ = 1 − h² (at most 1).

#include <Eigen/Core>
#include <optional>
#include <string_view>

namespace descent {

/// The activation of a hidden layer.
enum class Activation {
  identity,  ///< f(z) = z: a network of these is one linear map
  sigmoid,   ///< f(z) = 1 / (1 + e^(−z)), between 0 and 1
  tanh,      ///< f(z) = tanh z, between −1 and 1
  relu,      ///< f(z) = max(z, 0)
};

/// "identity", "sigmoid", "tanh" or "relu".
[[nodiscard]] constexpr std::string_view name(Activation f) {
  switch (f) {
    case Activation::identity: return "identity";
    case Activation::sigmoid: return "sigmoid";
    case Activation::tanh: return "tanh";
    case Activation::relu: return "relu";
  }
  return "?";
}

/// The activation called `word`, if there is one.
[[nodiscard]] constexpr std::optional<Activation> activation_named(std::string_view word) {
  for (const Activation f : {Activation::identity, Activation::sigmoid, Activation::tanh, Activation::relu}) {
    if (name(f) == word) return f;
  }
  return std::nullopt;
}

/// h = f(z), element by element.
// [activation]
inline Eigen::MatrixXd activate(Activation f, const Eigen::MatrixXd& z) {
  switch (f) {
    case Activation::sigmoid: return (1.0 + (-z.array()).exp()).inverse().matrix();
    case Activation::tanh: return z.array().tanh().matrix();
    case Activation::relu: return z.cwiseMax(0.0);
    case Activation::identity: break;
  }
  return z;
}

/// f′(z), from the pre-activation z and the output h = f(z).
inline Eigen::MatrixXd activation_slope(Activation f, const Eigen::MatrixXd& z, const Eigen::MatrixXd& h) {
  switch (f) {
    case Activation::sigmoid: return (h.array() * (1.0 - h.array())).matrix();  // ≤ 1/4
    case Activation::tanh: return (1.0 - h.array().square()).matrix();           // ≤ 1
    case Activation::relu: return (z.array() > 0.0).cast<double>().matrix();     // 0 or 1
    case Activation::identity: break;
  }
  return Eigen::MatrixXd::Ones(z.rows(), z.cols());
}
// [activation]

}  // namespace descent
