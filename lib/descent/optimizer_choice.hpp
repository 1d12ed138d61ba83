#pragma once
/// \file optimizer_choice.hpp
/// \brief Choosing an optimizer by name at run time, with its PyTorch defaults.
///
/// A command line says `--optimizer adam --beta2 0.99`; \ref descent::make_optimizer turns that
/// into an \ref descent::AnyOptimizer, a value that holds any optimizer of the family and meets
/// \ref descent::Optimizer itself. Settings left unset take the optimizer's own default.

#include "descent/optimizers.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace descent {

/// Hyper-parameters as given; unset ones take the chosen optimizer's default.
struct OptimizerSettings {
  std::string name = "gd";            ///< one of optimizer_names()
  std::optional<double> momentum;     ///< μ for momentum and Nesterov (default 0.9)
  std::optional<double> beta1;        ///< Adam's β1 (0.9), Lion's β1 (0.9)
  std::optional<double> beta2;        ///< Adam's β2 (0.999), RMSprop's α (0.99), Lion's β2 (0.99)
  std::optional<double> eps;          ///< ε (Adam, RMSprop 1e-8; Adagrad 1e-10)
  std::optional<double> weight_decay; ///< λ (0; AdamW 0.01)
};

/// Any optimizer of the family, chosen at run time.
class AnyOptimizer {
 public:
  using Variant = std::variant<GradientDescent, Momentum<>, MomentumVelocityForm<>, Nesterov<>, Adagrad<>, RMSprop<>,
                               Adam<>, Lion<>>;
  explicit AnyOptimizer(Variant optimizer) : optimizer_(std::move(optimizer)) {}
  void step(Vector& x, const Vector& gradient, double learning_rate) {
    std::visit([&](auto& o) { o.step(x, gradient, learning_rate); }, optimizer_);
  }
  void reset() {
    std::visit([](auto& o) { o.reset(); }, optimizer_);
  }
  [[nodiscard]] std::string_view name() const {
    return std::visit([](const auto& o) { return o.name(); }, optimizer_);
  }

 private:
  Variant optimizer_;
};

static_assert(Optimizer<AnyOptimizer>);

/// "gd", "momentum", "momentum-velocity", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "lion".
[[nodiscard]] const std::vector<std::string>& optimizer_names();

/// PyTorch's default learning rate for the optimizer (1e-3 where PyTorch has none: plain
/// descent, momentum, Nesterov).
[[nodiscard]] double default_learning_rate(const std::string& name);

/// Builds the optimizer. Throws UsageError naming the flag for an unknown name, a β outside
/// [0, 1), a negative weight decay, or an ε that is not above 0 for Adagrad, RMSprop, Adam and
/// AdamW (their update divides by √v + ε, which is 0/0 at the first step of a zero gradient).
[[nodiscard]] AnyOptimizer make_optimizer(const OptimizerSettings& settings);

}  // namespace descent
