// Hidden grading cases of Exercise 3.1 (warmup_cosine): only an instructor's grading runs them;
// a student sees each case's name (the class of inputs) and whether it passed, never its inputs.

#include "warmup_cosine.requests.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

using grading::json;
using namespace requests;

namespace {

struct Schedule {
  double peak;
  double minimum;
  int warmup_steps;
  int total_steps;
};

// A random schedule: T from 2 to 60, W from 0 to T - 1 (no warm-up one time in four), a peak
// from 1e-4 to 10 (log-uniform) and a minimum below it (zero one time in four).
Schedule random_schedule(descent::Random& random) {
  const int total = 2 + static_cast<int>(random.below(59));
  const int warmup = random.below(4) == 0 ? 0 : static_cast<int>(random.below(static_cast<std::uint64_t>(total)));
  const double peak = std::pow(10.0, random.uniform(-4.0, 1.0));
  const double minimum = random.below(4) == 0 ? 0.0 : peak * random.uniform(0.0, 0.9);
  return {peak, minimum, warmup, total};
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  // peak 0.8, minimum 0.2, W = 4: the warm-up is 0.2, 0.4, 0.6, 0.8 (from zero, not from 0.2),
  // then the cosine starts at the peak.
  grading::Case from_zero{.name = "the warm-up climbs from zero even when the minimum is not zero", .points = 2};
  for (int t = 0; t <= 4; ++t) {
    from_zero.calls.push_back(warmup_cosine(t, 0.8, 0.2, 4, 12));
    from_zero.closed_form.push_back(value(0.2 * std::min(t + 1, 4)));
  }
  book.add(from_zero);

  // W = 1: step 0 is the whole warm-up, at the peak; the cosine then runs over T - W = 4 steps.
  grading::Case one_step{.name = "a one-step warm-up (W = 1) starts at the peak", .points = 1};
  const double one_step_rates[] = {0.6, 0.6, 0.1 + 0.25 * (1.0 + std::sqrt(0.5)), 0.35,
                                   0.1 + 0.25 * (1.0 - std::sqrt(0.5)), 0.1, 0.1};
  for (int t = 0; t <= 6; ++t) {
    one_step.calls.push_back(warmup_cosine(t, 0.6, 0.1, 1, 5));
    one_step.closed_form.push_back(value(one_step_rates[t]));
  }
  book.add(one_step);

  // W = 0, T = 8, peak 1.5, minimum 0.3: the cosine runs from step 0; from step 8 on, 0.3.
  grading::Case no_warmup_end{.name = "no warm-up (W = 0), at and past the end of the run (t >= T)", .points = 2};
  for (const int t : {0, 4, 7, 8, 9, 1000000}) {
    no_warmup_end.calls.push_back(warmup_cosine(t, 1.5, 0.3, 0, 8));
    no_warmup_end.closed_form.push_back(value(t >= 8 ? 0.3 : 0.3 + 0.6 * (1.0 + std::cos(std::numbers::pi * t / 8.0))));
  }
  book.add(no_warmup_end);

  // W = T - 1: the cosine has a single step, at the peak; the next step is past the run.
  grading::Case one_cosine_step{.name = "the shortest cosine (W = T - 1): one step at the peak, then the minimum",
                                .points = 1};
  const double short_rates[] = {1.0, 2.0, 3.0, 3.0, 0.25, 0.25};
  for (int t = 0; t <= 5; ++t) {
    one_cosine_step.calls.push_back(warmup_cosine(t, 3.0, 0.25, 3, 4));
    one_cosine_step.closed_form.push_back(value(short_rates[t]));
  }
  book.add(one_cosine_step);

  // Differential: random schedules asked in turns, step by step, in one run (a rate must not
  // depend on an earlier call), up to three steps past each run's end.
  grading::Case turns{.name = "random schedules (warm-ups from 0 to T - 1, minima from 0), every step and past "
                              "the end, several schedules asked in turns in one run",
                      .points = 3,
                      .tolerance = {1e-12, 1e-9}};
  std::vector<Schedule> schedules;
  for (int k = 0; k < 5; ++k) schedules.push_back(random_schedule(book.random()));
  for (int t = 0; t <= 63; ++t) {
    for (const Schedule& s : schedules) {
      if (t <= s.total_steps + 3) {
        turns.calls.push_back(warmup_cosine(t, s.peak, s.minimum, s.warmup_steps, s.total_steps));
      }
    }
  }
  book.add(turns);
}
