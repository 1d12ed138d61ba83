#pragma once
/// \file data_parallel.hpp
/// \brief Data-parallel training: replicas of the parameters, one shard of the data each.
///
/// K workers each hold a full copy (a *replica*) of the parameters and a *shard* of the
/// samples. Every step, each worker computes the mean loss and gradient over its shard only;
/// an all-reduce (\ref all_reduce.hpp) hands every worker the average weighted by shard size,
/// which is the full-batch gradient; and every worker takes the same optimizer step with it.
/// The replicas start equal and take equal steps, so they stay equal without ever sending
/// parameters. The same replica function runs on threads (\ref descent::on_threads) and on
/// MPI processes (`mpi_all_reduce.hpp`): only the all-reduce differs.
///
/// Also here: gradient accumulation (the same average, taken over micro-batches one after
/// another instead of over workers at once) and local SGD / federated averaging (replicas
/// that step alone for H steps, then average their parameters).

#include "descent/all_reduce.hpp"
#include "descent/objective.hpp"
#include "descent/optimizer.hpp"
#include "descent/random.hpp"
#include "descent/stopping.hpp"

#include <cmath>
#include <concepts>
#include <functional>
#include <numeric>
#include <span>
#include <thread>
#include <type_traits>
#include <vector>

namespace descent {

/// N samples cut into K consecutive shards whose sizes differ by one at most.
[[nodiscard]] std::vector<RowRange> even_shards(Eigen::Index samples, int workers);
/// Consecutive shards of the given sizes, from row 0 on.
[[nodiscard]] std::vector<RowRange> shards_of_sizes(const std::vector<Eigen::Index>& sizes);

/// Runs `work(k)` on K threads, k = 0 … K−1, and returns their results in worker order.
/// The threads are joined before it returns (std::jthread joins when it goes out of scope).
// [on_threads]
template <class Work>
  requires std::invocable<Work&, int>
auto on_threads(int workers, Work work) {
  using Result = std::invoke_result_t<Work&, int>;
  std::vector<Result> results(static_cast<std::size_t>(workers));
  {
    std::vector<std::jthread> threads;
    for (int k = 0; k < workers; ++k) {
      threads.emplace_back([&results, &work, k] { results[std::size_t(k)] = work(k); });
    }
  }  // every thread has finished here
  return results;
}
// [on_threads]

/// The mean loss and gradient over one shard: in one pass over its rows when the objective
/// can (\ref descent::RowRangeObjective), else as a batch of the shard's sample indices.
template <SampleObjective F>
ShardMean shard_mean(const F& f, const Vector& x, RowRange shard) {
  if constexpr (RowRangeObjective<F>) {
    return {f.value_and_gradient(x, shard), shard.count};
  } else {
    std::vector<Eigen::Index> indices(static_cast<std::size_t>(shard.count));
    std::iota(indices.begin(), indices.end(), shard.first);
    return {f.value_and_gradient(x, Batch(indices)), shard.count};
  }
}

/// How many steps a data-parallel run takes, and how long they are.
struct DataParallelSettings {
  int steps = 100;
  double learning_rate = 0.1;
  double explosion_factor = default_explosion_factor;  ///< as in \ref descent::StopRules
};

static_assert(std::semiregular<DataParallelSettings>);

/// What one replica ends with.
struct ReplicaResult {
  Vector parameters;           ///< its copy of the parameters at the end
  std::vector<double> losses;  ///< the all-reduced full-data loss before each step
  int diverged_at = -1;        ///< the step whose loss blew up (\ref descent::blew_up; −1: none)
};

static_assert(std::semiregular<ReplicaResult>);  // default-made, then filled by its thread

/// One replica's training loop: the same code on every worker, thread or process.
// [replica_loop]
template <SampleObjective F, Optimizer O, AllReduce R>
ReplicaResult data_parallel_replica(const F& loss, RowRange shard, Vector x, O optimizer,
                                    R& reduce, int worker, DataParallelSettings s) {
  ReplicaResult result;
  for (int t = 0; t < s.steps; ++t) {
    const ShardMean mine = shard_mean(loss, x, shard);           // my rows only
    const Evaluation average = reduce.all_reduce(worker, mine);  // same on every worker
    result.losses.push_back(average.value);
    // Every worker sees the same average, so all of them stop at the same step.
    if (blew_up(average.value, result.losses.front(), s.explosion_factor)) {
      result.diverged_at = t;
      break;
    }
    optimizer.step(x, average.gradient, s.learning_rate);        // same step everywhere
  }
  result.parameters = x;
  return result;
}
// [replica_loop]

/// K replicas on K threads, shard k on worker k, joined by a \ref descent::ThreadAllReduce.
/// Returns every replica's result (they are equal, bit for bit).
template <SampleObjective F, Optimizer O>
std::vector<ReplicaResult> train_on_threads(const F& loss, std::span<const RowRange> shards,
                                            const Vector& start, const O& optimizer,
                                            DataParallelSettings s) {
  ThreadAllReduce reduce(static_cast<int>(shards.size()));
  return on_threads(reduce.workers(), [&](int k) {
    return data_parallel_replica(loss, shards[static_cast<std::size_t>(k)], start, optimizer,
                                 reduce, k, s);
  });
}

/// Gradient accumulation: the mean over several micro-batches, computed one after another and
/// weighted by size like shards. It equals the mean over all their rows at once.
// [accumulate]
template <SampleObjective F>
Evaluation accumulated(const F& f, const Vector& x, std::span<const RowRange> micro) {
  Vector total = packed(shard_mean(f, x, micro.front()));
  for (std::size_t b = 1; b < micro.size(); ++b) {
    total += packed(shard_mean(f, x, micro[b]));  // add, don't step yet
  }
  return unpacked(total);  // one step with this, as if it were the big batch
}
// [accumulate]

/// Local SGD: each replica takes H steps of mini-batch SGD on its own shard, then all
/// average their parameters (weighted by shard size): one communication round.
struct LocalSgdSettings {
  int rounds = 50;              ///< communication rounds
  int sync_every = 1;           ///< H, local steps between two averages
  Eigen::Index batch_size = 8;  ///< samples per local step, drawn from the worker's shard
  double learning_rate = 0.05;
  std::uint64_t seed = 1;       ///< worker k draws from seed + k
};

static_assert(std::semiregular<LocalSgdSettings>);

/// One replica of local SGD; returns its parameters after every round (the start first). A
/// round whose average is not finite is the last: every replica gets the same average, so all
/// stop together.
// [local_sgd]
template <SampleObjective F, AllReduce R>
std::vector<Vector> local_sgd_replica(const F& f, RowRange shard, Vector x, R& reduce,
                                      int worker, LocalSgdSettings s) {
  Random random(s.seed + static_cast<std::uint64_t>(worker));
  std::vector<Eigen::Index> batch(static_cast<std::size_t>(s.batch_size));
  std::vector<Vector> after_round{x};
  for (int round = 0; round < s.rounds; ++round) {
    for (int h = 0; h < s.sync_every; ++h) {  // H steps alone, on my shard
      for (auto& i : batch) i = shard.first + Eigen::Index(random.below(shard.count));
      x -= s.learning_rate * f.value_and_gradient(x, Batch(batch)).gradient;
    }
    // Average the replicas: the all-reduce of parameters, weighted by shard size.
    x = reduce.all_reduce(worker, {{0.0, x}, shard.count}).gradient;
    after_round.push_back(x);
    if (!x.allFinite()) break;  // diverged
  }
  return after_round;
}
// [local_sgd]

}  // namespace descent
