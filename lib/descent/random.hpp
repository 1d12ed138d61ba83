#pragma once
/// \file random.hpp
/// \brief Seeded random numbers that are the same on every machine.
///
/// The standard library's distributions (std::normal_distribution and friends) may give
/// different numbers with different standard libraries. The book promises the same output
/// from the same command, so the draws are made here from std::mt19937_64, whose sequence
/// the C++ standard fixes exactly.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

namespace descent {

/// A seeded source of uniform, normal and integer draws.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  /// Uniform on [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  /// Uniform on [low, high).
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  /// Standard normal (Box–Muller; the second value of each pair is kept for the next call).
  double normal() {
    if (spare_) {
      spare_ = false;
      return spare_value_;
    }
    double u = 0.0;
    do {
      u = uniform();
    } while (u <= 0.0);
    const double v = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u));
    spare_value_ = radius * std::sin(2.0 * std::numbers::pi * v);
    spare_ = true;
    return radius * std::cos(2.0 * std::numbers::pi * v);
  }
  /// Normal with the given mean and standard deviation.
  double normal(double mean, double deviation) { return mean + deviation * normal(); }
  /// Uniform integer in [0, n), without modulo bias.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    std::uint64_t draw = 0;
    do {
      draw = engine_();
    } while (draw >= limit);
    return draw % n;
  }
  /// Shuffles in place (Fisher–Yates), the same way on every machine.
  template <class T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  std::mt19937_64 engine_;
  bool spare_ = false;
  double spare_value_ = 0.0;
};

}  // namespace descent
