#include "descent/optimizer_choice.hpp"

#include "descent/errors.hpp"
#include "descent/format.hpp"

#include <algorithm>
#include <cmath>

namespace descent {

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names{"gd",      "momentum", "momentum-velocity", "nesterov", "adagrad",
                                              "rmsprop", "adam",     "adamw",             "lion"};
  return names;
}

double default_learning_rate(const std::string& name) {
  if (name == "adagrad" || name == "rmsprop") return 1e-2;
  if (name == "lion") return 1e-4;
  return 1e-3;
}

namespace {
double checked_beta(const std::optional<double>& value, double fallback, const char* flag) {
  const double beta = value.value_or(fallback);
  if (!(beta >= 0.0 && beta < 1.0)) {
    throw UsageError(std::string(flag) + " must be in [0, 1) (got " + format_number(beta, 6) + ")");
  }
  return beta;
}

// ε sits under a division (g / (√v + ε)); at the first step of a zero gradient v = 0 too,
// and ε = 0 makes that 0/0.
double checked_positive_eps(const std::optional<double>& value, double fallback) {
  const double eps = value.value_or(fallback);
  if (!(eps > 0.0) || !std::isfinite(eps)) {
    throw UsageError("--eps must be a finite number greater than 0 (got " + format_number(eps, 6) +
                     "): the update divides by √v + ε");
  }
  return eps;
}

double checked_non_negative(const std::optional<double>& value, double fallback, const char* flag) {
  const double x = value.value_or(fallback);
  if (!(x >= 0.0) || !std::isfinite(x)) {
    throw UsageError(std::string(flag) + " must be a finite number at least 0 (got " + format_number(x, 6) + ")");
  }
  return x;
}
}  // namespace

AnyOptimizer make_optimizer(const OptimizerSettings& s) {
  const auto& names = optimizer_names();
  if (std::find(names.begin(), names.end(), s.name) == names.end()) {
    throw UsageError("--optimizer must be one of " + joined_choices(names) + " (got '" + s.name + "')");
  }
  const double decay = checked_non_negative(s.weight_decay, s.name == "adamw" ? 0.01 : 0.0, "--weight-decay");
  if (s.name == "gd") return AnyOptimizer(GradientDescent{});
  const auto momentum = [&] {
    return MomentumSettings<>{.momentum = checked_beta(s.momentum, 0.9, "--momentum"), .weight_decay = decay};
  };
  if (s.name == "momentum") return AnyOptimizer(Momentum<>(momentum()));
  if (s.name == "momentum-velocity") return AnyOptimizer(MomentumVelocityForm<>(checked_beta(s.momentum, 0.9, "--momentum")));
  if (s.name == "nesterov") return AnyOptimizer(Nesterov<>(momentum()));
  if (s.name == "adagrad") return AnyOptimizer(Adagrad<>(checked_positive_eps(s.eps, 1e-10)));
  if (s.name == "rmsprop") {
    return AnyOptimizer(RMSprop<>({.alpha = checked_beta(s.beta2, 0.99, "--beta2"),
                                   .eps = checked_positive_eps(s.eps, 1e-8)}));
  }
  if (s.name == "lion") {
    return AnyOptimizer(Lion<>({.beta1 = checked_beta(s.beta1, 0.9, "--beta1"),
                                .beta2 = checked_beta(s.beta2, 0.99, "--beta2"),
                                .weight_decay = decay}));
  }
  return AnyOptimizer(Adam<>({.beta1 = checked_beta(s.beta1, 0.9, "--beta1"),
                              .beta2 = checked_beta(s.beta2, 0.999, "--beta2"),
                              .eps = checked_positive_eps(s.eps, 1e-8),
                              .weight_decay = decay,
                              .decay = s.name == "adamw" ? WeightDecay::decoupled : WeightDecay::l2}));
}

}  // namespace descent
