// Grading cases of Exercise 3.1 (warmup_cosine) that students see in their pack. The expected
// rates come from the reference solution; the closed forms here are checked against it.

#include "warmup_cosine.requests.hpp"

#include <cmath>
#include <numbers>

using grading::json;
using namespace requests;

void public_cases(grading::CaseBook& book) {
  // peak 0.4 over W = 4 warm-up steps: 0.1, 0.2, 0.3, 0.4.
  grading::Case warmup{.name = "the warm-up climbs linearly and reaches the peak at step W - 1",
                       .points = 2,
                       .hint = "Step t of a W-step warm-up is peak * (t + 1) / W: the first step already uses "
                               "1/W of the peak, step W - 1 uses all of it."};
  for (int t = 0; t < 4; ++t) {
    warmup.calls.push_back(warmup_cosine(t, 0.4, 0.0, 4, 20));
    warmup.closed_form.push_back(value(0.1 * (t + 1)));
  }
  book.add(warmup);

  // W = 5, T = 25: the cosine covers t = 5 … 25, twenty steps, from 1.0 down to 0.1.
  grading::Case cosine{.name = "the cosine starts at the peak when the warm-up ends and runs its own clock",
                       .points = 3,
                       .hint = "The cosine's progress is (t - W) / (T - W), and it ends at the minimum, not at 0."};
  for (const int t : {5, 10, 15, 20, 24}) {
    cosine.calls.push_back(warmup_cosine(t, 1.0, 0.1, 5, 25));
    cosine.closed_form.push_back(value(0.1 + 0.45 * (1.0 + std::cos(std::numbers::pi * (t - 5) / 20.0))));
  }
  book.add(cosine);

  grading::Case after{.name = "after the run the rate stays at the minimum",
                      .points = 2,
                      .hint = "From step T on the rate is the minimum (0.01 here); one step before the end "
                              "the cosine is almost, but not quite, down."};
  for (const int t : {30, 31, 100}) {
    after.calls.push_back(warmup_cosine(t, 0.5, 0.01, 3, 30));
    after.closed_form.push_back(value(0.01));
  }
  after.calls.push_back(warmup_cosine(29, 0.5, 0.01, 3, 30));
  after.closed_form.push_back(value(0.01 + 0.245 * (1.0 + std::cos(std::numbers::pi * 26.0 / 27.0))));
  book.add(after);

  book.add({.name = "without a warm-up the first step uses the peak",
            .points = 1,
            .calls = {warmup_cosine(0, 0.3, 0.0, 0, 10), warmup_cosine(5, 0.3, 0.0, 0, 10)},
            .hint = "W = 0 means no warm-up: the cosine starts at step 0, at the peak.",
            .closed_form = {value(0.3), value(0.15)}});

  // W = 100, T = 1000, peak 2, minimum 0: rises for 100 steps, then only falls.
  grading::Case long_run{.name = "a long schedule rises, then never rises again",
                         .points = 2,
                         .hint = "The peak 2.0 is reached at step 99 and held at step 100, where the cosine "
                                 "starts; from there the rate only falls."};
  for (int t = 0; t < 1000; ++t) {
    long_run.calls.push_back(warmup_cosine(t, 2.0, 0.0, 100, 1000));
    long_run.closed_form.push_back(value(t < 100 ? 0.02 * (t + 1)
                                                 : 1.0 + std::cos(std::numbers::pi * (t - 100) / 900.0)));
  }
  book.add(long_run);
}
