#include "descent/schedule.hpp"

#include "descent/errors.hpp"
#include "descent/format.hpp"

#include <algorithm>

namespace descent {

const std::vector<std::string>& schedule_names() {
  static const std::vector<std::string> names{"constant", "step", "exponential", "cosine", "restarts", "one-cycle"};
  return names;
}

namespace {
AnySchedule base_schedule(const ScheduleChoice& c, int steps) {
  if (c.name == "constant") return ConstantRate{c.learning_rate};
  if (c.name == "step") return StepDecay{c.learning_rate, c.decay > 0.0 ? c.decay : 0.5, std::max(1, steps / 4)};
  if (c.name == "exponential") return ExponentialDecay{c.learning_rate, c.decay > 0.0 ? c.decay : 5.0 / steps};
  if (c.name == "cosine") return CosineAnnealing{c.learning_rate, 0.0, steps};
  if (c.name == "restarts") return CosineWarmRestarts{c.learning_rate, 0.0, std::max(1, steps / 7), 2};
  return OneCycle{c.learning_rate, steps};
}
}  // namespace

AnySchedule make_schedule(const ScheduleChoice& c) {
  const auto& names = schedule_names();
  if (std::find(names.begin(), names.end(), c.name) == names.end()) {
    throw UsageError("--schedule must be one of " + joined_choices(names) + " (got '" + c.name + "')");
  }
  if (c.decay < 0.0) throw UsageError("--decay must not be negative (got " + std::to_string(c.decay) + ")");
  if (c.name == "step" && c.decay > 1.0) throw UsageError("--decay for the step schedule is a factor in (0, 1]");
  if (c.warmup < 0 || c.warmup >= c.steps) {
    throw UsageError("--warmup (" + std::to_string(c.warmup) + ") must be shorter than the run (--steps " +
                     std::to_string(c.steps) + ")");
  }
  AnySchedule base = base_schedule(c, c.steps - c.warmup);  // the schedule's own clock starts after warm-up
  if (c.warmup == 0) return base;
  return Warmup<AnySchedule>{c.warmup, std::move(base)};
}

}  // namespace descent
