// Grading tests for Exercise 3.3 (steepest_index). Points per case are in the [points=N] tag.

#include "lr_pick.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using exercises::steepest_index;

namespace {
std::vector<double> log_spaced(double from, double to, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(from * std::pow(to / from, static_cast<double>(i) / (n - 1)));
  return out;
}
}  // namespace

TEST_CASE("the steepest fall, not the lowest loss", "[lr_pick][points=3]") {
  const auto lrs = log_spaced(1e-4, 1.0, 9);
  const std::vector<double> losses{10, 9.8, 9, 6, 3, 2.5, 2.4, 30, 100};
  INFO("central slopes over equal log steps: i=3 has 3 − 9 = −6, the most negative. The lowest loss (i=6) "
       "is where descent is already too fast to trust; got "
       << steepest_index(lrs, losses));
  CHECK(steepest_index(lrs, losses) == 3);
}

TEST_CASE("slopes are per factor of the learning rate (against ln η)", "[lr_pick][points=3]") {
  const std::vector<double> lrs{1e-3, 2e-3, 4e-3, 1e-2, 1e-1, 2e-1, 4e-1};
  const std::vector<double> losses{10, 9, 7, 5, 2, 1.5, 1.4};
  INFO("against ln η the slopes are −2.16, −2.49, −1.55, −1.17, −0.43: expected index 2. "
       "Against η itself index 1 would look steepest; got "
       << steepest_index(lrs, losses));
  CHECK(steepest_index(lrs, losses) == 2);
}

TEST_CASE("points from the cliff on are ignored", "[lr_pick][points=2]") {
  const auto lrs = log_spaced(1e-3, 1e-1, 7);
  const std::vector<double> losses{10, 8, 6, 5, 40, 1, 0.5};
  INFO("40 > 4 × 5 makes index 4 the cliff; only indices 1 and 2 are candidates: expected 1, got "
       << steepest_index(lrs, losses));
  CHECK(steepest_index(lrs, losses) == 1);
}

TEST_CASE("the first and last points need two neighbours, so they are never picked", "[lr_pick][points=2]") {
  const auto lrs = log_spaced(1e-4, 1e-2, 5);
  const std::vector<double> early{100, 10, 9.9, 9.8, 9.7};
  INFO("the big drop is between points 0 and 1; the central slope puts it at index 1; got " << steepest_index(lrs, early));
  CHECK(steepest_index(lrs, early) == 1);
  const std::vector<double> late{10, 9.9, 9.8, 9.7, 1};
  INFO("the big drop is between points 3 and 4; the central slope puts it at index 3; got " << steepest_index(lrs, late));
  CHECK(steepest_index(lrs, late) == 3);
}
