#include "descent/stopping.hpp"

#include "descent/format.hpp"

namespace descent {

std::string_view describe(StopReason reason) {
  switch (reason) {
    case StopReason::step_budget: return "step budget used";
    case StopReason::gradient_small: return "gradient below tolerance";
    case StopReason::loss_plateau: return "loss stopped changing";
    case StopReason::diverged: return "diverged";
    case StopReason::callback: return "stopped by callback";
  }
  return "unknown";
}

std::string describe(const Divergence& divergence) {
  return "diverged at step " + std::to_string(divergence.step) + ": loss " +
         format_number(divergence.loss, 4) + " (was " + format_number(divergence.last_finite_loss, 4) + ")";
}

}  // namespace descent
