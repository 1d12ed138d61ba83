#pragma once
// Exercise 4.2: a seeded shuffler that deals every epoch into mini-batches.

#include <Eigen/Core>
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

namespace exercises {

//! [options]
/// How a shuffler deals an epoch: `EpochOptions{.batch_size = 4, .seed = 7}`.
struct EpochOptions {
  Eigen::Index batch_size = 1;  ///< B, the samples in a batch
  bool drop_last = false;       ///< drop an epoch's last batch when it is shorter than B
  std::uint64_t seed = 1;       ///< seeds this shuffler's own random generator
};
//! [options]

//! [shuffler]
/// Deals the samples 0, 1, …, N − 1 into batches, one epoch after another. Each epoch
/// is a new random order of all N samples (the first epoch too), cut into consecutive
/// batches of B; the last batch holds the N mod B samples left over, unless drop_last
/// drops it. The orders come from the shuffler's own generator, seeded with `seed`: two
/// shufflers built with the same arguments give the same epochs, and another seed gives
/// other epochs.
class EpochShuffler {
 public:
  /// Throws std::invalid_argument when N < 1, B < 1, or drop_last with B > N (no batch).
  EpochShuffler(Eigen::Index samples, EpochOptions options)
//! [shuffler]
      // BEGIN SOLUTION
      : options_(options), order_(static_cast<std::size_t>(std::max<Eigen::Index>(samples, 0))),
        generator_(options.seed) {
    if (samples < 1) throw std::invalid_argument("EpochShuffler: no samples to deal");
    if (options.batch_size < 1) throw std::invalid_argument("EpochShuffler: batch_size must be at least 1");
    if (options.drop_last && options.batch_size > samples) {
      throw std::invalid_argument("EpochShuffler: drop_last with batch_size above the samples leaves no batch");
    }
  }
      // END SOLUTION
      // STARTER: { (void)samples; (void)options; }

//! [next_epoch]
  /// The next epoch: its batches, in the order they are used.
  std::vector<std::vector<Eigen::Index>> next_epoch() {
//! [next_epoch]
    // BEGIN SOLUTION
    std::iota(order_.begin(), order_.end(), Eigen::Index{0});
    std::shuffle(order_.begin(), order_.end(), generator_);  // a fresh order every epoch
    const auto size = static_cast<std::size_t>(options_.batch_size);
    std::vector<std::vector<Eigen::Index>> batches;
    for (std::size_t begin = 0; begin < order_.size(); begin += size) {
      const std::size_t end = std::min(begin + size, order_.size());
      if (end - begin < size && options_.drop_last) break;
      batches.emplace_back(order_.begin() + static_cast<std::ptrdiff_t>(begin),
                           order_.begin() + static_cast<std::ptrdiff_t>(end));
    }
    return batches;
    // END SOLUTION
    // STARTER: return {};
  }

 private:
  // BEGIN SOLUTION
  EpochOptions options_;
  std::vector<Eigen::Index> order_;  // the samples 0 to N - 1, reshuffled by every epoch
  std::mt19937_64 generator_;        // this shuffler's own, seeded once
  // END SOLUTION
  // STARTER: // what your shuffler keeps from one epoch to the next
};

}  // namespace exercises
