#pragma once
/// \file all_reduce.hpp
/// \brief Averaging the workers' results so that every worker gets the same average.
///
/// In data-parallel training (Chapter 9) each of K workers computes the mean loss and gradient
/// over its own shard of n_k samples. The full-batch gradient is the average of those shard
/// means weighted by shard size,
///
///     g = (1/N) Σ_k n_k·g_k,   N = Σ_k n_k,
///
/// and an *all-reduce* is any way of handing that same g to every worker. Two live here, on
/// threads of one process: \ref descent::ThreadAllReduce (each worker posts its result, all
/// read all of them in the same order) and \ref descent::RingAllReduce (chunks passed around a
/// ring, as clusters do it). `mpi_all_reduce.hpp` adds Open MPI's. They all meet the
/// \ref descent::AllReduce concept, so the training loop does not know which one it uses.
///
/// Every one of them adds the shards in an order fixed by the worker numbers, never "whoever
/// finishes first": floating-point addition is not associative, and a sum in arrival order
/// would change in its last bits from run to run.

#include "descent/objective.hpp"

#include <barrier>
#include <concepts>
#include <cstdint>
#include <span>
#include <vector>

namespace descent {

/// One worker's contribution: the mean over its shard and the shard's size, its weight.
struct ShardMean {
  Evaluation mean;            ///< mean loss and gradient (or any vector) over the shard
  Eigen::Index samples = 0;   ///< n_k, the shard's number of samples
};

static_assert(std::semiregular<ShardMean>);  // a value: copied into slots and messages

/// The form sent between workers: [n_k·g_k, n_k·L_k, n_k]. Sums of these add up shard sums
/// and sample counts, whatever the number of workers.
[[nodiscard]] Vector packed(const ShardMean& part);
/// The weighted mean from a sum of packed parts: divides by the summed count.
[[nodiscard]] Evaluation unpacked(const Vector& sums);

/// g = (1/N) Σ_k n_k·g_k (and the same for the loss), added in the order k = 0, 1, …, K−1.
// [weighted_average]
[[nodiscard]] Evaluation weighted_average(std::span<const ShardMean> parts);
// [weighted_average]

/// What every all-reduce offers: worker `worker` hands in its part and gets back the weighted
/// average of all the workers' parts, the same bits on every worker. Every worker must call
/// it, once per round, or the others wait for ever.
// [all_reduce_concept]
template <class R>
concept AllReduce = requires(R& reduce, int worker, const ShardMean& mine) {
  { reduce.workers() } -> std::convertible_to<int>;                  // K
  { reduce.all_reduce(worker, mine) } -> std::convertible_to<Evaluation>;
};
// [all_reduce_concept]

/// The all-reduce of threads sharing memory: each worker writes its part into its own slot,
/// waits at a barrier until all K slots are written, then reads all of them in worker order.
class ThreadAllReduce {
 public:
  explicit ThreadAllReduce(int workers);
  [[nodiscard]] int workers() const { return static_cast<int>(slots_.size()); }
  [[nodiscard]] Evaluation all_reduce(int worker, const ShardMean& mine);

 private:
  std::vector<ShardMean> slots_;  // slot k is written by worker k only
  std::barrier<> barrier_;
};

static_assert(AllReduce<ThreadAllReduce>);

/// The ring all-reduce, over threads: the vector is cut into K chunks; in K − 1 steps of
/// *reduce-scatter* each worker passes one chunk to its right-hand neighbour, who adds it to
/// its own, until worker k holds the full sum of chunk k + 1; in K − 1 steps of *all-gather*
/// the finished chunks travel on round the ring until everyone has all of them. Each worker
/// sends 2(K − 1)/K of the vector, however large K is; it counts the bytes it sends.
class RingAllReduce {
 public:
  explicit RingAllReduce(int workers);
  [[nodiscard]] int workers() const { return workers_; }
  [[nodiscard]] Evaluation all_reduce(int worker, const ShardMean& mine);
  /// Replaces `values` by the sum of every worker's `values` (called by all K workers).
  void ring_sum(int worker, Vector& values);
  /// Bytes worker `worker` has sent so far.
  [[nodiscard]] std::int64_t bytes_sent(int worker) const { return sent_[static_cast<std::size_t>(worker)]; }

 private:
  int workers_;
  std::vector<Vector> outbox_;       // outbox k: what worker k hands to worker k + 1 this step
  std::vector<std::int64_t> sent_;   // bytes, counted by each worker for itself
  std::barrier<> barrier_;
};

static_assert(AllReduce<RingAllReduce>);

/// Chunk `chunk` of K over n values: entries [first, first + count), sizes differing by one
/// at most (the first n mod K chunks are one longer).
[[nodiscard]] RowRange ring_chunk(Eigen::Index n, int workers, int chunk);

}  // namespace descent
