#pragma once
/// \file any_objective.hpp
/// \brief Any objective behind one type, for programs that choose the landscape at run time.

#include "descent/objective.hpp"

#include <memory>
#include <utility>

namespace descent {

/// Holds any \ref descent::Objective (by value, shared read-only) and forwards to it.
///
/// `minimize` is a template; a command line that picks "rosenbrock" or "quadratic" at run time
/// needs one type for both. The forwarding is exact: the same calls in the same order, so a run
/// through AnyObjective gives the same numbers as a run on the objective itself.
class AnyObjective {
 public:
  template <Objective F>
  explicit AnyObjective(F objective) : self_(std::make_shared<const Model<F>>(std::move(objective))) {}

  [[nodiscard]] Eigen::Index dimension() const { return self_->dimension(); }
  [[nodiscard]] double value(const Vector& x) const { return self_->value(x); }
  [[nodiscard]] Vector gradient(const Vector& x) const { return self_->gradient(x); }
  [[nodiscard]] std::int64_t evaluations_per_gradient() const { return self_->evaluations_per_gradient(); }

 private:
  struct Concept {
    virtual ~Concept() = default;
    [[nodiscard]] virtual Eigen::Index dimension() const = 0;
    [[nodiscard]] virtual double value(const Vector& x) const = 0;
    [[nodiscard]] virtual Vector gradient(const Vector& x) const = 0;
    [[nodiscard]] virtual std::int64_t evaluations_per_gradient() const = 0;
  };
  template <Objective F>
  struct Model final : Concept {
    explicit Model(F f) : objective(std::move(f)) {}
    [[nodiscard]] Eigen::Index dimension() const override { return objective.dimension(); }
    [[nodiscard]] double value(const Vector& x) const override { return objective.value(x); }
    [[nodiscard]] Vector gradient(const Vector& x) const override { return objective.gradient(x); }
    [[nodiscard]] std::int64_t evaluations_per_gradient() const override {
      return descent::evaluations_per_gradient(objective);
    }
    F objective;
  };
  std::shared_ptr<const Concept> self_;
};

static_assert(CountsEvaluations<AnyObjective>);

}  // namespace descent
