#pragma once
/// \file mlp.hpp
/// \brief A multilayer perceptron whose parameters are one flat vector.
///
/// Layer l computes z = W_l a + b_l from its input a, then h = f(z) (hidden layers) or
/// leaves z as the output (the last layer's z are the logits, see softmax.hpp). Every
/// weight matrix and bias is an Eigen::Map into ONE parameter vector, so to an optimizer
/// the network is just a point x in R^n with a gradient: plain descent, momentum, Adam and
/// every schedule train it unchanged. A batch is B columns, so each layer's work is one
/// matrix product W_l A.
///
/// The forward pass keeps each layer's input, z and h; the backward pass walks the layers
/// in reverse, multiplying by each local derivative (the chain rule):
///   δ = ∂L/∂z = (∂L/∂h) ⊙ f′(z),  ∂L/∂W = δ aᵀ,  ∂L/∂b = Σ_batch δ,  ∂L/∂a = Wᵀ δ.
/// Two options of the same network fight vanishing gradients in deep stacks: residual
/// connections (a hidden layer adds its input to its output, a ← a + f(z), so the backward
/// pass has an identity path around every f′) and normalisation (each sample's z is shifted
/// and scaled to mean 0 and variance 1 over the layer's units before f).

#include "descent/activation.hpp"
#include "descent/gradient_check.hpp"
#include "descent/objective.hpp"

#include <cstdint>
#include <vector>

namespace descent {

/// The shape of a network. Fields are named: `Architecture{.widths = {784, 16, 16, 10}}`.
struct Architecture {
  std::vector<Eigen::Index> widths;          ///< inputs, each hidden layer, outputs
  Activation hidden = Activation::sigmoid;   ///< f of every hidden layer (the last has none)
  bool residual = false;   ///< a hidden layer as wide as its input outputs a + f(z)
  bool normalise = false;  ///< each hidden layer normalises z over its units, per sample
};

/// How the first weights are drawn. Biases start at 0.
enum class InitScheme {
  zero,      ///< every weight 0: the hidden units of a layer stay identical (symmetry)
  constant,  ///< every weight equal to `scale`: identical units as well
  uniform,   ///< uniform on [−scale, scale]
  normal,    ///< normal with deviation `scale`
  xavier,    ///< normal with deviation scale·√(2 / (fan_in + fan_out)), for sigmoid, tanh
  he,        ///< normal with deviation scale·√(2 / fan_in), for ReLU
};

/// An initialisation: `Initialisation{.scheme = InitScheme::he, .seed = 7}`.
struct Initialisation {
  InitScheme scheme = InitScheme::he;
  double scale = 1.0;       ///< see InitScheme
  std::uint64_t seed = 1;   ///< the same seed, the same weights
};

/// What the forward pass keeps of one layer for the backward pass.
struct LayerRecord {
  Matrix input;   ///< a: the layer's input, features × B
  Matrix z;       ///< W a + b (normalised, when the network normalises)
  Matrix h;       ///< f(z), or z for the output layer
  Eigen::RowVectorXd inverse_deviation;  ///< 1/σ of each sample's z, when normalised
};

/// The forward pass of one batch: every layer's record, and the logits.
struct ForwardPass {
  std::vector<LayerRecord> layers;
  Matrix logits;  ///< outputs × B
};

/// A multilayer perceptron (see the file's description).
class Mlp {
 public:
  /// Throws std::invalid_argument unless there are at least two widths, all positive.
  explicit Mlp(Architecture architecture);

  [[nodiscard]] const Architecture& architecture() const { return architecture_; }
  /// Layers with weights: 3 for 784-16-16-10.
  [[nodiscard]] int layers() const { return static_cast<int>(architecture_.widths.size()) - 1; }
  /// n: every weight and bias. 13,002 for 784-16-16-10.
  [[nodiscard]] Eigen::Index parameter_count() const { return blocks_.back().offset + blocks_.back().size; }
  [[nodiscard]] Eigen::Index inputs() const { return architecture_.widths.front(); }
  [[nodiscard]] Eigen::Index outputs() const { return architecture_.widths.back(); }
  /// Layer l's weights and bias as a block of the parameter vector, named "layer l+1".
  [[nodiscard]] const ParameterBlock& block(int layer) const { return blocks_.at(static_cast<std::size_t>(layer)); }
  [[nodiscard]] const std::vector<ParameterBlock>& blocks() const { return blocks_; }

  /// Layer l's weights W_l (outputs × inputs), a view into `parameters` (or a gradient).
  [[nodiscard]] Eigen::Map<const Matrix> weights(const Vector& parameters, int layer) const;
  [[nodiscard]] Eigen::Map<Matrix> weights(Vector& parameters, int layer) const;
  /// Layer l's bias b_l, a view into `parameters` (or a gradient).
  [[nodiscard]] Eigen::Map<const Vector> bias(const Vector& parameters, int layer) const;
  [[nodiscard]] Eigen::Map<Vector> bias(Vector& parameters, int layer) const;

  /// Fresh parameters drawn as `init` says.
  [[nodiscard]] Vector initial_parameters(const Initialisation& init) const;

  /// The forward pass of a batch (inputs × B), keeping what the backward pass needs.
  [[nodiscard]] ForwardPass forward(const Vector& parameters, Matrix batch) const;
  /// The backward pass: from ∂L/∂logits (`slope`, outputs × B) to ∂L/∂x, written into
  /// `gradient` (resized to n). The inputs' own gradient is never formed.
  void backward(const Vector& parameters, const ForwardPass& pass, Matrix slope, Vector& gradient) const;

 private:
  [[nodiscard]] bool is_hidden(int layer) const { return layer + 1 < layers(); }
  [[nodiscard]] bool adds_input(int layer) const;

  Architecture architecture_;
  std::vector<ParameterBlock> blocks_;
};

}  // namespace descent
