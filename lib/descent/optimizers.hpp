#pragma once
/// \file optimizers.hpp
/// \brief The optimizer family: momentum, Nesterov, Adagrad, RMSprop, Adam, AdamW, Lion.
///
/// Every optimizer here meets \ref descent::Optimizer, so the descent loop, any schedule and
/// gradient clipping work with all of them. The update rules and defaults follow PyTorch's
/// `torch.optim` (SGD with momentum and Nesterov, Adagrad, RMSprop, Adam, AdamW); Lion is not in
/// `torch.optim` and follows its paper (Chen et al., 2023). Differences from PyTorch, on purpose:
/// no `dampening`, `maximize`, `amsgrad`, `centered` or `lr_decay` options, and the learning rate
/// comes from the loop at every step instead of being stored in the optimizer.
///
/// Each is a template on the scalar type (float or double) and keeps its state explicit: the
/// buffers are readable (`velocity()`, `first_moment()`, …), created at the first step with the
/// parameters' size, and cleared by `reset()`. Each update is one loop over the parameters that
/// reads and writes every array once, which keeps it at memory speed on large vectors.

#include "descent/objective.hpp"
#include "descent/optimizer.hpp"

#include <cmath>
#include <string_view>

namespace descent {

/// A vector of float or double.
template <class Scalar>
using VectorOf = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

/// Momentum's and Nesterov's settings, by name: `Momentum<>({.momentum = 0.9, .weight_decay = 1e-4})`.
/// Two numbers of the same type side by side are easy to swap; names are not.
template <class Scalar = double>
struct MomentumSettings {
  Scalar momentum = Scalar(0.9);  ///< μ
  Scalar weight_decay = 0;        ///< λ of the L2 penalty added to the gradient
};

/// Momentum in PyTorch's form: b ← μ·b + g, then w ← w − η·b (with b = g at the first step).
/// Optional L2 weight decay adds λ·w to the gradient first.
template <class Scalar = double>
class Momentum {
 public:
  explicit Momentum(MomentumSettings<Scalar> settings = {})
      : momentum_(settings.momentum), weight_decay_(settings.weight_decay) {}
  /// Momentum μ, no weight decay.
  explicit Momentum(Scalar momentum) : Momentum(MomentumSettings<Scalar>{.momentum = momentum}) {}

  // [momentum_step]
  void step(VectorOf<Scalar>& w, const VectorOf<Scalar>& g, Scalar learning_rate) {
    if (velocity_.size() != w.size()) velocity_ = VectorOf<Scalar>::Zero(w.size());
    Scalar* __restrict p = w.data();
    Scalar* __restrict b = velocity_.data();
    const Scalar* __restrict grad = g.data();
    const Scalar momentum = momentum_, weight_decay = weight_decay_;
    for (Eigen::Index i = 0, n = w.size(); i < n; ++i) {
      const Scalar gi = grad[i] + weight_decay * p[i];
      b[i] = momentum * b[i] + gi;  // first step: b was 0, so b = g, as in PyTorch
      p[i] -= learning_rate * b[i];
    }
  }
  // [momentum_step]
  void reset() { velocity_.resize(0); }
  [[nodiscard]] std::string_view name() const { return "momentum"; }
  [[nodiscard]] const VectorOf<Scalar>& velocity() const { return velocity_; }

 private:
  Scalar momentum_;
  Scalar weight_decay_;
  VectorOf<Scalar> velocity_;
};

/// The same heavy ball written with a velocity in parameter units: v ← μ·v − η·g, w ← w + v.
/// For a constant η it takes exactly the steps of \ref Momentum (v = −η·b); with a changing η
/// the two differ, because here past steps keep the η they were taken with.
template <class Scalar = double>
class MomentumVelocityForm {
 public:
  explicit MomentumVelocityForm(Scalar momentum = 0.9) : momentum_(momentum) {}

  void step(VectorOf<Scalar>& w, const VectorOf<Scalar>& g, Scalar learning_rate) {
    if (velocity_.size() != w.size()) velocity_ = VectorOf<Scalar>::Zero(w.size());
    for (Eigen::Index i = 0, n = w.size(); i < n; ++i) {
      velocity_[i] = momentum_ * velocity_[i] - learning_rate * g[i];
      w[i] += velocity_[i];
    }
  }
  void reset() { velocity_.resize(0); }
  [[nodiscard]] std::string_view name() const { return "momentum (velocity form)"; }
  [[nodiscard]] const VectorOf<Scalar>& velocity() const { return velocity_; }

 private:
  Scalar momentum_;
  VectorOf<Scalar> velocity_;
};

/// Nesterov momentum in PyTorch's form: b ← μ·b + g, then w ← w − η·(g + μ·b): the step looks
/// ahead along the updated velocity.
template <class Scalar = double>
class Nesterov {
 public:
  explicit Nesterov(MomentumSettings<Scalar> settings = {})
      : momentum_(settings.momentum), weight_decay_(settings.weight_decay) {}
  /// Momentum μ, no weight decay.
  explicit Nesterov(Scalar momentum) : Nesterov(MomentumSettings<Scalar>{.momentum = momentum}) {}

  void step(VectorOf<Scalar>& w, const VectorOf<Scalar>& g, Scalar learning_rate) {
    if (velocity_.size() != w.size()) velocity_ = VectorOf<Scalar>::Zero(w.size());
    for (Eigen::Index i = 0, n = w.size(); i < n; ++i) {
      const Scalar gi = g[i] + weight_decay_ * w[i];
      velocity_[i] = momentum_ * velocity_[i] + gi;
      w[i] -= learning_rate * (gi + momentum_ * velocity_[i]);
    }
  }
  void reset() { velocity_.resize(0); }
  [[nodiscard]] std::string_view name() const { return "nesterov"; }
  [[nodiscard]] const VectorOf<Scalar>& velocity() const { return velocity_; }

 private:
  Scalar momentum_;
  Scalar weight_decay_;
  VectorOf<Scalar> velocity_;
};

/// Adagrad (PyTorch): s ← s + g², w ← w − η·g/(√s + ε). Each coordinate's step shrinks with the
/// total squared gradient it has seen. PyTorch's defaults: η = 0.01, ε = 1e-10.
template <class Scalar = double>
class Adagrad {
 public:
  explicit Adagrad(Scalar eps = Scalar(1e-10)) : eps_(eps) {}

  void step(VectorOf<Scalar>& w, const VectorOf<Scalar>& g, Scalar learning_rate) {
    if (sum_.size() != w.size()) sum_ = VectorOf<Scalar>::Zero(w.size());
    for (Eigen::Index i = 0, n = w.size(); i < n; ++i) {
      sum_[i] += g[i] * g[i];
      w[i] -= learning_rate * g[i] / (std::sqrt(sum_[i]) + eps_);
    }
  }
  void reset() { sum_.resize(0); }
  [[nodiscard]] std::string_view name() const { return "adagrad"; }
  [[nodiscard]] const VectorOf<Scalar>& squared_sum() const { return sum_; }

 private:
  Scalar eps_;
  VectorOf<Scalar> sum_;
};

/// RMSprop's settings, by name.
template <class Scalar = double>
struct RMSpropSettings {
  Scalar alpha = Scalar(0.99);  ///< α, the decay of the squared-gradient average
  Scalar eps = Scalar(1e-8);    ///< ε > 0: the update divides by √v + ε
};

/// RMSprop (PyTorch): v ← α·v + (1 − α)·g², w ← w − η·g/(√v + ε). Like Adagrad, but the squared
/// gradients are a moving average, so old ones are forgotten. PyTorch's defaults: η = 0.01,
/// α = 0.99, ε = 1e-8.
template <class Scalar = double>
class RMSprop {
 public:
  explicit RMSprop(RMSpropSettings<Scalar> settings = {}) : alpha_(settings.alpha), eps_(settings.eps) {}

  void step(VectorOf<Scalar>& w, const VectorOf<Scalar>& g, Scalar learning_rate) {
    if (average_.size() != w.size()) average_ = VectorOf<Scalar>::Zero(w.size());
    for (Eigen::Index i = 0, n = w.size(); i < n; ++i) {
      average_[i] = alpha_ * average_[i] + (1 - alpha_) * g[i] * g[i];
      w[i] -= learning_rate * g[i] / (std::sqrt(average_[i]) + eps_);
    }
  }
  void reset() { average_.resize(0); }
  [[nodiscard]] std::string_view name() const { return "rmsprop"; }
  [[nodiscard]] const VectorOf<Scalar>& squared_average() const { return average_; }

 private:
  Scalar alpha_;
  Scalar eps_;
  VectorOf<Scalar> average_;
};

/// How Adam applies weight decay λ.
enum class WeightDecay {
  l2,         ///< Adam: λ·w is added to the gradient (and then rescaled by √v like the rest)
  decoupled,  ///< AdamW: w ← w·(1 − η·λ) before the step, outside the adaptive scaling
};

/// Adam's settings, by name: `Adam<>({.beta2 = 0.99, .eps = 1e-6})`.
template <class Scalar = double>
struct AdamSettings {
  Scalar beta1 = Scalar(0.9);     ///< β1, the decay of the gradient average m
  Scalar beta2 = Scalar(0.999);   ///< β2, the decay of the squared-gradient average v
  Scalar eps = Scalar(1e-8);      ///< ε > 0: the update divides by √v̂ + ε
  Scalar weight_decay = 0;        ///< λ
  WeightDecay decay = WeightDecay::l2;  ///< `decoupled` makes this AdamW
};

/// Adam and AdamW (PyTorch). With t counting steps from 1:
///
///     m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²
///     w ← w − (η / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
///
/// The divisions by 1 − βᵗ (bias correction) undo the pull towards the zero the averages
/// start from. Weight decay λ: Adam adds λ·w to the gradient (an L2 penalty, which then gets
/// rescaled by √v); AdamW instead shrinks the weights directly, w ← w·(1 − η·λ), before the
/// step ("decoupled"). PyTorch's defaults: η = 1e-3, β = (0.9, 0.999), ε = 1e-8, and λ = 0 for
/// Adam but 0.01 for AdamW.
template <class Scalar = double>
class Adam {
 public:
  explicit Adam(AdamSettings<Scalar> settings = {})
      : beta1_(settings.beta1), beta2_(settings.beta2), eps_(settings.eps),
        weight_decay_(settings.weight_decay), decoupled_(settings.decay == WeightDecay::decoupled) {}

  // [adam_step]
  void step(VectorOf<Scalar>& w, const VectorOf<Scalar>& g, Scalar learning_rate) {
    if (m_.size() != w.size()) {
      m_ = VectorOf<Scalar>::Zero(w.size());
      v_ = VectorOf<Scalar>::Zero(w.size());
      t_ = 0;
    }
    ++t_;
    const Scalar t = static_cast<Scalar>(t_);
    const Scalar correction1 = 1 - std::pow(beta1_, t);
    const Scalar correction2_root = std::sqrt(1 - std::pow(beta2_, t));
    const Scalar step_size = learning_rate / correction1;
    const Scalar shrink = decoupled_ ? 1 - learning_rate * weight_decay_ : 1;  // AdamW
    const Scalar l2 = decoupled_ ? 0 : weight_decay_;                        // Adam
    // Locals: no reloads through `this`. __restrict: the four arrays never overlap, which
    // lets the compiler vectorise the loop.
    const Scalar beta1 = beta1_, beta2 = beta2_, eps = eps_;
    Scalar* __restrict p = w.data();
    Scalar* __restrict m = m_.data();
    Scalar* __restrict v = v_.data();
    const Scalar* __restrict grad = g.data();
    // One pass: read p, g, m, v; write p, m, v.
    for (Eigen::Index i = 0, n = w.size(); i < n; ++i) {
      const Scalar gi = grad[i] + l2 * p[i];
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      const Scalar denominator = std::sqrt(v[i]) / correction2_root + eps;
      p[i] = shrink * p[i] - step_size * m[i] / denominator;
    }
  }
  // [adam_step]
  void reset() {
    m_.resize(0);
    v_.resize(0);
    t_ = 0;
  }
  [[nodiscard]] std::string_view name() const { return decoupled_ ? "adamw" : "adam"; }
  [[nodiscard]] const VectorOf<Scalar>& first_moment() const { return m_; }
  [[nodiscard]] const VectorOf<Scalar>& second_moment() const { return v_; }
  [[nodiscard]] long steps_taken() const { return t_; }

 private:
  Scalar beta1_, beta2_, eps_, weight_decay_;
  bool decoupled_;
  VectorOf<Scalar> m_, v_;
  long t_ = 0;
};

/// AdamW's settings: Adam's, with PyTorch's AdamW default λ = 0.01 (a separate struct, so that
/// `AdamW<>({.eps = 1e-6})` does not silently drop the decay to Adam's 0).
template <class Scalar = double>
struct AdamWSettings {
  Scalar beta1 = Scalar(0.9);
  Scalar beta2 = Scalar(0.999);
  Scalar eps = Scalar(1e-8);
  Scalar weight_decay = Scalar(0.01);
};

/// AdamW: Adam with decoupled weight decay.
template <class Scalar = double>
Adam<Scalar> AdamW(AdamWSettings<Scalar> s = {}) {
  return Adam<Scalar>({s.beta1, s.beta2, s.eps, s.weight_decay, WeightDecay::decoupled});
}

/// Lion's settings, by name.
template <class Scalar = double>
struct LionSettings {
  Scalar beta1 = Scalar(0.9);   ///< β1, the interpolation that is signed
  Scalar beta2 = Scalar(0.99);  ///< β2, the decay of the momentum m
  Scalar weight_decay = 0;      ///< λ, decoupled as in AdamW
};

/// Lion (Chen et al., 2023): the step is the *sign* of an interpolation of momentum and gradient,
///     c = β1·m + (1 − β1)·g,   w ← w·(1 − η·λ) − η·sign(c),   m ← β2·m + (1 − β2)·g.
/// Every coordinate moves by exactly η (or 0), so η must be 3–10× smaller than Adam's.
/// The paper's defaults: η = 1e-4, β = (0.9, 0.99), λ = 0.
template <class Scalar = double>
class Lion {
 public:
  explicit Lion(LionSettings<Scalar> settings = {})
      : beta1_(settings.beta1), beta2_(settings.beta2), weight_decay_(settings.weight_decay) {}

  void step(VectorOf<Scalar>& w, const VectorOf<Scalar>& g, Scalar learning_rate) {
    if (m_.size() != w.size()) m_ = VectorOf<Scalar>::Zero(w.size());
    for (Eigen::Index i = 0, n = w.size(); i < n; ++i) {
      const Scalar c = beta1_ * m_[i] + (1 - beta1_) * g[i];
      const Scalar sign = static_cast<Scalar>((c > 0) - (c < 0));
      w[i] = w[i] * (1 - learning_rate * weight_decay_) - learning_rate * sign;
      m_[i] = beta2_ * m_[i] + (1 - beta2_) * g[i];
    }
  }
  void reset() { m_.resize(0); }
  [[nodiscard]] std::string_view name() const { return "lion"; }
  [[nodiscard]] const VectorOf<Scalar>& momentum() const { return m_; }

 private:
  Scalar beta1_, beta2_, weight_decay_;
  VectorOf<Scalar> m_;
};

static_assert(Optimizer<Momentum<>> && Optimizer<MomentumVelocityForm<>> && Optimizer<Nesterov<>> &&
              Optimizer<Adagrad<>> && Optimizer<RMSprop<>> && Optimizer<Adam<>> && Optimizer<Lion<>>);

}  // namespace descent
