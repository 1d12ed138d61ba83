// Grading tests for Exercise 3.1 (warmup_cosine). Points per case are in the [points=N] tag.

#include "warmup_cosine.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

using exercises::warmup_cosine;

TEST_CASE("the warm-up climbs linearly and reaches the peak at step W - 1", "[warmup_cosine][points=2]") {
  // peak 0.4 over W = 4 warm-up steps: 0.1, 0.2, 0.3, 0.4
  for (int t = 0; t < 4; ++t) {
    INFO("step " << t << " of a 4-step warm-up to 0.4: expected " << 0.1 * (t + 1) << ", got "
                 << warmup_cosine(t, 0.4, 0.0, 4, 20) << " (the first step already uses 1/W of the peak)");
    CHECK(warmup_cosine(t, 0.4, 0.0, 4, 20) == Approx(0.1 * (t + 1)).margin(1e-12));
  }
}

TEST_CASE("the cosine starts at the peak when the warm-up ends and runs its own clock", "[warmup_cosine][points=3]") {
  // W = 5, T = 25: the cosine covers t = 5 … 25, twenty steps, from 1.0 down to 0.1.
  const auto expected = [](int t) { return 0.1 + 0.45 * (1.0 + std::cos(std::numbers::pi * (t - 5) / 20.0)); };
  for (const int t : {5, 10, 15, 20, 24}) {
    INFO("step " << t << ": expected " << expected(t) << ", got " << warmup_cosine(t, 1.0, 0.1, 5, 25)
                 << ". The cosine's progress is (t − W)/(T − W), and it ends at the minimum, not at 0.");
    CHECK(warmup_cosine(t, 1.0, 0.1, 5, 25) == Approx(expected(t)).margin(1e-12));
  }
}

TEST_CASE("after the run the rate stays at the minimum", "[warmup_cosine][points=2]") {
  for (const int t : {30, 31, 100}) {
    INFO("step " << t << " of a 30-step run: expected the minimum 0.01");
    CHECK(warmup_cosine(t, 0.5, 0.01, 3, 30) == Approx(0.01).margin(1e-12));
  }
  INFO("one step before the end the cosine is almost down: expected "
       << 0.01 + 0.245 * (1.0 + std::cos(std::numbers::pi * 26.0 / 27.0)));
  CHECK(warmup_cosine(29, 0.5, 0.01, 3, 30) ==
        Approx(0.01 + 0.245 * (1.0 + std::cos(std::numbers::pi * 26.0 / 27.0))).margin(1e-12));
}

TEST_CASE("without a warm-up the first step uses the peak", "[warmup_cosine][points=1]") {
  CHECK(warmup_cosine(0, 0.3, 0.0, 0, 10) == Approx(0.3).margin(1e-12));
  CHECK(warmup_cosine(5, 0.3, 0.0, 0, 10) == Approx(0.15).margin(1e-12));
}

TEST_CASE("a long schedule rises, then never rises again", "[warmup_cosine][points=2]") {
  for (int t = 1; t < 100; ++t) REQUIRE(warmup_cosine(t, 2.0, 0.0, 100, 1000) > warmup_cosine(t - 1, 2.0, 0.0, 100, 1000));
  INFO("the peak 2.0 is reached at step 99 and held at step 100, where the cosine starts");
  CHECK(warmup_cosine(99, 2.0, 0.0, 100, 1000) == Approx(2.0).margin(1e-12));
  CHECK(warmup_cosine(100, 2.0, 0.0, 100, 1000) == Approx(2.0).margin(1e-12));
  for (int t = 101; t < 1000; ++t) REQUIRE(warmup_cosine(t, 2.0, 0.0, 100, 1000) <= warmup_cosine(t - 1, 2.0, 0.0, 100, 1000));
}
