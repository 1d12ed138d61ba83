#include "descent/mlp.hpp"

#include "descent/random.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace descent {

namespace {

constexpr double normalisation_epsilon = 1e-5;  // keeps 1/σ finite when a sample's z are all equal

// Shifts and scales each column of z to mean 0, variance 1 over the layer's units; returns
// the 1/σ of each column, which the backward pass needs.
Eigen::RowVectorXd normalise_units(Matrix& z) {
  const auto units = static_cast<double>(z.rows());
  z.rowwise() -= z.colwise().mean();
  const Eigen::RowVectorXd variance = z.colwise().squaredNorm() / units;
  const Eigen::RowVectorXd inverse_deviation = (variance.array() + normalisation_epsilon).rsqrt();
  z.array().rowwise() *= inverse_deviation.array();
  return inverse_deviation;
}

// From ∂L/∂ẑ to ∂L/∂z through ẑ = (z − mean)/σ: the chain rule of a normalisation,
// (1/σ)(δ − mean(δ) − ẑ·mean(δ ⊙ ẑ)), column by column.
Matrix normalisation_backward(const Matrix& slope, const Matrix& normalised,
                              const Eigen::RowVectorXd& inverse_deviation) {
  const auto units = static_cast<double>(slope.rows());
  const Eigen::RowVectorXd mean_slope = slope.colwise().sum() / units;
  const Eigen::RowVectorXd mean_product = slope.cwiseProduct(normalised).colwise().sum() / units;
  Matrix result = slope.rowwise() - mean_slope;
  result -= normalised * mean_product.asDiagonal();
  result.array().rowwise() *= inverse_deviation.array();
  return result;
}

double deviation_of(const Initialisation& init, Eigen::Index fan_in, Eigen::Index fan_out) {
  switch (init.scheme) {
    case InitScheme::xavier: return init.scale * std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
    case InitScheme::he: return init.scale * std::sqrt(2.0 / static_cast<double>(fan_in));
    default: return init.scale;
  }
}

}  // namespace

Mlp::Mlp(Architecture architecture) : architecture_(std::move(architecture)) {
  const std::vector<Eigen::Index>& widths = architecture_.widths;
  if (widths.size() < 2) throw std::invalid_argument("Mlp: needs at least an input and an output width");
  Eigen::Index offset = 0;
  for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
    if (widths[l] < 1 || widths[l + 1] < 1) throw std::invalid_argument("Mlp: every width must be positive");
    const Eigen::Index size = widths[l + 1] * widths[l] + widths[l + 1];  // W then b
    blocks_.push_back({.name = "layer " + std::to_string(l + 1), .offset = offset, .size = size});
    offset += size;
  }
}

bool Mlp::adds_input(int layer) const {
  const auto l = static_cast<std::size_t>(layer);
  return architecture_.residual && is_hidden(layer) && architecture_.widths[l] == architecture_.widths[l + 1];
}

// [views]
Eigen::Map<const Matrix> Mlp::weights(const Vector& parameters, int layer) const {
  const auto l = static_cast<std::size_t>(layer);
  return {parameters.data() + block(layer).offset, architecture_.widths[l + 1], architecture_.widths[l]};
}
Eigen::Map<const Vector> Mlp::bias(const Vector& parameters, int layer) const {
  const Eigen::Index units = architecture_.widths[static_cast<std::size_t>(layer) + 1];
  return {parameters.data() + block(layer).offset + block(layer).size - units, units};
}
// [views]

Eigen::Map<Matrix> Mlp::weights(Vector& parameters, int layer) const {
  const auto l = static_cast<std::size_t>(layer);
  return {parameters.data() + block(layer).offset, architecture_.widths[l + 1], architecture_.widths[l]};
}
Eigen::Map<Vector> Mlp::bias(Vector& parameters, int layer) const {
  const Eigen::Index units = architecture_.widths[static_cast<std::size_t>(layer) + 1];
  return {parameters.data() + block(layer).offset + block(layer).size - units, units};
}

Vector Mlp::initial_parameters(const Initialisation& init) const {
  Vector parameters = Vector::Zero(parameter_count());
  Random random(init.seed);
  for (int l = 0; l < layers(); ++l) {
    Eigen::Map<Matrix> w = weights(parameters, l);
    const double deviation = deviation_of(init, w.cols(), w.rows());
    for (double& weight : w.reshaped()) {
      switch (init.scheme) {
        case InitScheme::zero: weight = 0.0; break;
        case InitScheme::constant: weight = init.scale; break;
        case InitScheme::uniform: weight = random.uniform(-init.scale, init.scale); break;
        default: weight = random.normal(0.0, deviation); break;
      }
    }
  }
  return parameters;
}

// [forward]
ForwardPass Mlp::forward(const Vector& parameters, Matrix batch) const {
  ForwardPass pass;
  Matrix a = std::move(batch);  // the first layer's input: B columns of features
  for (int l = 0; l < layers(); ++l) {
    LayerRecord layer{.input = std::move(a), .z = {}, .h = {}, .inverse_deviation = {}};
    layer.z.noalias() = weights(parameters, l) * layer.input;  // z = W a + b
    layer.z.colwise() += bias(parameters, l);
    if (is_hidden(l)) {
      if (architecture_.normalise) layer.inverse_deviation = normalise_units(layer.z);
      layer.h = activate(architecture_.hidden, layer.z);  // h = f(z)
    } else {
      layer.h = layer.z;  // the output layer's z are the logits
    }
    a = adds_input(l) ? Matrix(layer.input + layer.h) : layer.h;  // residual: a + f(z)
    pass.layers.push_back(std::move(layer));
  }
  pass.logits = std::move(a);
  return pass;
}
// [forward]

// [backward]
void Mlp::backward(const Vector& parameters, const ForwardPass& pass, Matrix slope,
                   Vector& gradient) const {
  gradient.resize(parameter_count());
  for (int l = layers() - 1; l >= 0; --l) {  // slope = ∂L/∂(what layer l gave)
    const LayerRecord& layer = pass.layers[static_cast<std::size_t>(l)];
    Matrix delta = slope;  // δ = ∂L/∂z
    if (is_hidden(l)) {
      delta.array() *= activation_slope(architecture_.hidden, layer.z, layer.h).array();  // ⊙ f′(z)
      if (architecture_.normalise) delta = normalisation_backward(delta, layer.z, layer.inverse_deviation);
    }
    weights(gradient, l).noalias() = delta * layer.input.transpose();  // ∂L/∂W = δ aᵀ
    bias(gradient, l) = delta.rowwise().sum();                          // ∂L/∂b = Σ δ
    if (l == 0) break;  // nobody needs the gradient of the data
    Matrix below = weights(parameters, l).transpose() * delta;  // ∂L/∂a = Wᵀ δ
    if (adds_input(l)) below += slope;  // residual: the identity path carries slope down
    slope = std::move(below);
  }
}
// [backward]

}  // namespace descent
