#pragma once
// Exercise 9.2: one worker's part of a ring all-reduce.

#include <Eigen/Core>

#include <algorithm>
#include <vector>

namespace exercises {

//! [chunk]
/// Where chunk c (0 ≤ c < K) of a vector of n numbers lies when the vector is split among
/// K workers: the entries begin, …, begin + size − 1. Chunk 0 starts at entry 0, each
/// chunk starts where the one before it ends, and their sizes differ by at most one: the
/// first n mod K chunks hold ⌈n/K⌉ numbers, the others ⌊n/K⌋. With fewer numbers than
/// workers, the last chunks are empty (they begin at n).
struct Chunk {
  Eigen::Index begin = 0;
  Eigen::Index size = 0;
};

inline Chunk ring_chunk(Eigen::Index n, int workers, int chunk) {
//! [chunk]
  // BEGIN SOLUTION
  const Eigen::Index shorter = n / workers;  // every chunk's size, before the remainder
  const Eigen::Index longer_chunks = n % workers;
  return {.begin = chunk * shorter + std::min<Eigen::Index>(chunk, longer_chunks),
          .size = shorter + (chunk < longer_chunks ? 1 : 0)};
  // END SOLUTION
  // STARTER: (void)n; (void)workers; (void)chunk; return {};
}

//! [transfer]
/// The two phases of a ring all-reduce over K workers, each of K − 1 steps. Worker r
/// always sends to worker r + 1 and receives from worker r − 1 (ranks modulo K).
enum class Phase { reduce_scatter, all_gather };

/// Which chunks worker r sends and receives at step s (0 ≤ s ≤ K − 2) of a phase.
/// Reduce-scatter: at step 0 worker r sends its chunk r; at every later step it sends
/// the chunk it received (and added its own part to) at the step before. After the
/// last step, worker r holds the complete sum of chunk r + 1.
/// All-gather: at step 0 worker r sends that complete chunk r + 1; at every later step
/// it passes on the chunk it received at the step before.
/// Chunk numbers are in 0, …, K − 1.
struct Transfer {
  int send = 0;
  int receive = 0;
};

inline Transfer ring_transfer(int rank, int workers, int step, Phase phase) {
//! [transfer]
  // BEGIN SOLUTION
  // Reduce-scatter sends r, r − 1, r − 2, …; all-gather starts one chunk higher.
  const int first = phase == Phase::reduce_scatter ? rank : rank + 1;
  const auto wrapped = [workers](int chunk) { return ((chunk % workers) + workers) % workers; };
  return {.send = wrapped(first - step), .receive = wrapped(first - step - 1)};
  // END SOLUTION
  // STARTER: (void)rank; (void)workers; (void)step; (void)phase; return {};
}

//! [receive]
/// What the K workers of one all-reduce share (threads of one machine): buffers[r] is
/// worker r's vector, which it reduces in place and which no other worker may touch;
/// inbox[r] is the message worker r − 1 sent it at this step, a copy of the chunk it
/// sent, taken when it sent it.
struct Ring {
  std::vector<Eigen::VectorXd> buffers;
  std::vector<Eigen::VectorXd> inbox;
};

/// Worker r's part of step s of a phase, once its message has arrived: inbox[r] holds
/// chunk ring_transfer(r, K, s, phase).receive. Fold it into buffers[r] where ring_chunk
/// puts that chunk: add it in the reduce-scatter, copy it in the all-gather. Read
/// nothing of another worker but your inbox: workers do not wait for each other, so by
/// now worker r − 1 may have moved on, even past the end of this all-reduce.
inline void ring_receive(Ring& ring, int rank, int step, Phase phase) {
//! [receive]
  // BEGIN SOLUTION
  const int workers = static_cast<int>(ring.buffers.size());
  Eigen::VectorXd& buffer = ring.buffers[static_cast<std::size_t>(rank)];
  const Eigen::VectorXd& message = ring.inbox[static_cast<std::size_t>(rank)];
  const int received = ring_transfer(rank, workers, step, phase).receive;
  const Chunk chunk = ring_chunk(buffer.size(), workers, received);
  if (phase == Phase::reduce_scatter) {
    buffer.segment(chunk.begin, chunk.size) += message;
  } else {
    buffer.segment(chunk.begin, chunk.size) = message;
  }
  // END SOLUTION
  // STARTER: (void)ring; (void)rank; (void)step; (void)phase;
}

//! [finish]
/// After its last step, worker r's buffer holds the sum of the K workers' vectors: turn
/// it into their mean, the gradient every replica steps with.
inline void ring_finish(Eigen::VectorXd& buffer, int workers) {
//! [finish]
  // BEGIN SOLUTION
  buffer /= static_cast<double>(workers);
  // END SOLUTION
  // STARTER: (void)buffer; (void)workers;
}

}  // namespace exercises
