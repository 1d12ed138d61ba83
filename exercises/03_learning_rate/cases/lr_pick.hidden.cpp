// Hidden grading cases of Exercise 3.3 (steepest_index): only an instructor's grading runs them;
// a student sees each case's name (the class of inputs) and whether it passed, never its inputs.

#include "lr_pick.requests.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using grading::json;
using namespace requests;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// Powers of two from 2^-3 to 2^3: ln η[i+1] − ln η[i−1] is exactly 2 ln 2 (the same double) for
// i = 2, 3, 4 however it is computed (a difference of logs, the log of a ratio, log2), so equal
// loss differences there give exactly equal slopes.
const std::vector<double> powers_of_two{0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0};

struct Sweep {
  std::vector<double> rates;
  std::vector<double> losses;
};

// A sweep's answer is decided by a clear margin when no loss before the cliff is within a
// relative 1e-6 of 4 × the smallest loss before it, and the steepest candidate's slope beats
// every other candidate's by a relative 1e-6: then every valid order of floating-point
// operations gives the same index. Also checks that the cliff is where it was meant to be.
bool clearly_decided(const Sweep& s, std::size_t cliff) {
  double smallest = s.losses[0];
  std::size_t found = s.losses.size();
  for (std::size_t i = 1; i < s.losses.size(); ++i) {
    if (std::abs(s.losses[i] - 4.0 * smallest) <= 1e-6 * 4.0 * smallest) return false;
    if (s.losses[i] > 4.0 * smallest) {
      found = i;
      break;
    }
    smallest = std::min(smallest, s.losses[i]);
  }
  if (found != cliff || cliff < 3) return false;
  std::vector<double> slopes;
  for (std::size_t i = 1; i + 1 < cliff; ++i) {
    slopes.push_back((s.losses[i + 1] - s.losses[i - 1]) / std::log(s.rates[i + 1] / s.rates[i - 1]));
  }
  std::sort(slopes.begin(), slopes.end());
  return slopes.size() == 1 || slopes[1] - slopes[0] > 1e-6 * std::abs(slopes[0]);
}

// A random range test of n points: a plateau, a fall (a noisy logistic) to a minimum, a gentle
// rise of 0 to 5 steps that stays below 4 × the smallest loss, then the cliff (sometimes an
// infinite loss) and erratic losses after it, some far below the minimum. One sweep in five
// has no cliff. The rates grow by uneven factors.
Sweep random_sweep(descent::Random& random, int n) {
  while (true) {
    Sweep s;
    double rate = std::pow(10.0, random.uniform(-7.0, -3.0));
    for (int i = 0; i < n; ++i) {
      s.rates.push_back(rate);
      rate *= std::pow(10.0, random.uniform(0.05, 0.6));
    }
    const bool has_cliff = random.below(5) != 0;
    const int cliff = has_cliff ? 3 + static_cast<int>(random.below(static_cast<std::uint64_t>(n - 3))) : n;
    const int rise = std::min(cliff - 2, static_cast<int>(random.below(6)));
    const int lowest = cliff - 1 - rise;
    const double high = random.uniform(1.0, 100.0);
    const double low = high * random.uniform(0.005, 0.3);
    const double center = random.uniform(0.0, lowest);
    const double width = random.uniform(0.3, 3.0);
    double smallest = inf;
    for (int i = 0; i < n; ++i) {
      double loss = 0.0;
      if (i <= lowest) {
        loss = (low + (high - low) / (1.0 + std::exp((i - center) / width))) * (1.0 + 0.02 * random.normal());
      } else if (i < cliff) {
        loss = std::min(s.losses.back() * random.uniform(1.05, 1.5), 3.5 * smallest);
      } else if (i == cliff) {
        loss = random.below(6) == 0 ? inf : smallest * random.uniform(4.5, 50.0);
      } else {
        loss = random.below(6) == 0 ? inf : smallest * std::pow(10.0, random.uniform(-2.0, 2.0));
      }
      s.losses.push_back(loss);
      smallest = std::min(smallest, loss);
    }
    if (clearly_decided(s, static_cast<std::size_t>(cliff))) return s;
  }
}

}  // namespace

void hidden_cases(grading::CaseBook& book) {
  // Loss differences −4 at i = 2, 3, 4 (a straight fall), then at i = 3, 4 only, over exactly
  // equal log steps; a flat sweep ties every candidate at slope 0.
  book.add({.name = "equal steepest slopes: the smaller index wins",
            .points = 2,
            .calls = {steepest_index(powers_of_two, {10, 9, 8, 5, 4, 1, 0.5}),
                      steepest_index(powers_of_two, {9, 8.5, 8, 6, 4, 2, 1.9}),
                      steepest_index(powers_of_two, {3, 3, 3, 3, 3, 3, 3})},
            .tolerance = {0.0, 0.0},
            .closed_form = {value(2), value(3), value(1)}});

  // The smallest loss before index 3 is 2.5 and losses[3] is exactly 10 = 4 × 2.5: that does not
  // exceed it, so index 3 is not the cliff and the fall after it counts (index 4). Just above
  // 10, index 3 is the cliff and only index 1 is left.
  book.add({.name = "a loss of exactly 4 x the smallest before it does not exceed it (no cliff there)",
            .points = 2,
            .calls = {steepest_index(powers_of_two, {10, 9, 2.5, 10, 3, 0.5, 0.4}),
                      steepest_index(powers_of_two, {10, 9, 2.5, 10.000001, 3, 0.5, 0.4})},
            .tolerance = {0.0, 0.0},
            .closed_form = {value(4), value(1)}});

  // The minimum 1 is at index 5; the loss rises gently (never 4 × the one before it) and
  // crosses 4 × 1 at index 9, the cliff. After it the loss falls steeply (a run jumping into
  // another valley), which only a late cliff would count. Candidates: i ≤ 7; steepest: i = 3.
  book.add({.name = "the cliff several points after the minimum, the loss rising gently to it",
            .points = 2,
            .calls = {steepest_index(log_spaced(1e-5, 1.0, 12), {3, 2.9, 2.6, 2, 1.4, 1, 1.5, 2.5, 3.9, 4.4, 0.3, 1})},
            .tolerance = {0.0, 0.0},
            .closed_form = {value(3)}});

  // Bumps of a few percent before the fall are noise, not the cliff: steepest at i = 5.
  book.add({.name = "a noisy sweep: small bumps before the fall are not the cliff",
            .points = 1,
            .calls = {steepest_index(log_spaced(1e-6, 1e-1, 10), {10, 10.3, 9.9, 10.1, 8, 5, 2, 1.5, 1.2, 9})},
            .tolerance = {0.0, 0.0},
            .closed_form = {value(5)}});

  // The cliff is index 4 (37 > 4 × 9). Index 3's central slope (37 − 39) reaches into the
  // cliff, so it is not a candidate; of 1 (39 − 10) and 2 (9 − 10), 2 is steeper.
  book.add({.name = "the point just before the cliff is not a candidate (its slope reaches into the cliff)",
            .points = 1,
            .calls = {steepest_index({0.25, 0.5, 1.0, 2.0, 4.0}, {10, 10, 39, 9, 37})},
            .tolerance = {0.0, 0.0},
            .closed_form = {value(2)}});

  // A run that overflows: the cliff is an infinite loss, and so is every later one.
  book.add({.name = "a sweep whose loss overflows to infinity at the cliff",
            .points = 1,
            .calls = {steepest_index(log_spaced(1e-4, 1e1, 8), {5, 4.8, 3, 1.2, 0.9, inf, inf, inf}),
                      steepest_index(log_spaced(1e-4, 1e1, 8), {5, 4.9, 4.8, 1.2, 0.5, 1.1, inf, inf})},
            .tolerance = {0.0, 0.0},
            .closed_form = {value(2), value(3)}});

  // Three points have one candidate; four points with the cliff at index 3 too.
  book.add({.name = "the shortest sweeps: a single candidate",
            .points = 1,
            .calls = {steepest_index({0.01, 0.1, 1.0}, {2, 3, 4}),
                      steepest_index({0.01, 0.1, 1.0, 10.0}, {2, 3, 1, 5})},
            .tolerance = {0.0, 0.0},
            .closed_form = {value(1), value(1)}});

  // Differential: pairs of random sweeps of the same length but different learning rates, asked
  // in turns in one run (nothing may be kept from an earlier sweep), then the first one again.
  grading::Case turns{.name = "random sweeps (lengths 5 to 40, the cliff from right after the minimum to 5 "
                              "points later, or none), several of the same length in one run",
                      .points = 3,
                      .tolerance = {0.0, 0.0}};
  for (int pair = 0; pair < 4; ++pair) {
    const int n = 5 + static_cast<int>(book.random().below(36));
    for (int k = 0; k < 2; ++k) {
      const Sweep s = random_sweep(book.random(), n);
      turns.calls.push_back(steepest_index(s.rates, s.losses));
    }
  }
  turns.calls.push_back(turns.calls.front());
  book.add(turns);
}
