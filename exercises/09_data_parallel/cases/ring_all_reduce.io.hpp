#pragma once
// How the grader calls Exercise 9.2 (see exercises/protocol.hpp), one call per function and one
// for a whole all-reduce. Phases are "reduce_scatter" and "all_gather".
//   {"call": "ring_chunk", "args": {"n": n, "workers": K, "chunk": c}}   answers {"begin", "size"}
//   {"call": "ring_transfer", "args": {"rank": r, "workers": K, "step": s, "phase": ..}}
//       answers {"send", "receive"}
//   {"call": "ring_receive", "args": {"buffers": [[..] × K], "inbox": [..], "rank": r,
//       "step": s, "phase": ..}}   answers every worker's buffer after worker r's step
//   {"call": "ring_finish", "args": {"buffer": [..], "workers": K}}   answers the buffer
//   {"call": "ring_all_reduce", "args": {"rounds": [[[..] × K], ..], "schedule": ..}}
//       runs one all-reduce per round, each worker starting the next as soon as it has
//       finished one, and answers every worker's buffer at the end of each round.
//
// The all-reduce is run by the driver below, on one thread, in a fixed order of the workers'
// actions (a schedule), so that a run is the same every time. A worker's actions are: send
// (copy the chunk that ring_transfer and ring_chunk name out of its buffer into its right
// neighbour's mailbox, a queue), receive (once that step's message is first in its own mailbox,
// put it in ring.inbox[r] and call ring_receive), and, after 2(K − 1) steps, ring_finish; then
// its buffer takes the vector of the next round. Schedules:
//   "lockstep": all workers send, then all receive (rank 0 first), step after step.
//   "late" with "late_worker": q: worker q acts only when no other worker can. Its left
//       neighbour then finishes the round (and starts the next) before q receives anything
//       in the all-gather: a step that reads that neighbour's buffer instead of its inbox
//       reads the neighbour's average, or its next gradient, not what it sent.

#include "ring_all_reduce.hpp"

#include "protocol.hpp"

#include <deque>
#include <stdexcept>
#include <string>
#include <vector>

namespace exercise_io {

using exercises::Phase;

inline Phase to_phase(const protocol::json& j) {
  if (j == "reduce_scatter") return Phase::reduce_scatter;
  if (j == "all_gather") return Phase::all_gather;
  throw protocol::BadRequest("phase must be \"reduce_scatter\" or \"all_gather\", not " + j.dump());
}

inline std::string phase_name(Phase phase) { return phase == Phase::reduce_scatter ? "reduce_scatter" : "all_gather"; }

/// The solution's own answers, refused when they point outside the vector (rather than
/// letting them read or write memory that is not there).
inline int checked_transfer_chunk(int chunk, int rank, int workers, int step, Phase phase) {
  if (chunk < 0 || chunk >= workers) {
    throw std::runtime_error("ring_transfer(" + std::to_string(rank) + ", " + std::to_string(workers) + ", " +
                             std::to_string(step) + ", " + phase_name(phase) + ") names chunk " + std::to_string(chunk) +
                             ", not one of 0.." + std::to_string(workers - 1));
  }
  return chunk;
}

inline exercises::Chunk checked_chunk(Eigen::Index n, int workers, int chunk) {
  const exercises::Chunk c = exercises::ring_chunk(n, workers, chunk);
  if (c.begin < 0 || c.size < 0 || c.begin + c.size > n) {
    throw std::runtime_error("ring_chunk(" + std::to_string(n) + ", " + std::to_string(workers) + ", " +
                             std::to_string(chunk) + ") = {" + std::to_string(c.begin) + ", " + std::to_string(c.size) +
                             "} lies outside the vector");
  }
  return c;
}

/// The chunk worker r receives at step s, where the solution puts it.
inline exercises::Chunk received_chunk(Eigen::Index n, int rank, int workers, int step, Phase phase) {
  const int chunk = exercises::ring_transfer(rank, workers, step, phase).receive;
  return checked_chunk(n, workers, checked_transfer_chunk(chunk, rank, workers, step, phase));
}

/// The K workers of a ring, driven through several all-reduces (rounds) in a schedule.
class RingDriver {
 public:
  explicit RingDriver(std::vector<std::vector<Eigen::VectorXd>> rounds)
      : rounds_(std::move(rounds)), workers_(static_cast<int>(rounds_.front().size())),
        n_(rounds_.front().front().size()), progress_(rounds_.front().size()), mailboxes_(rounds_.front().size()),
        results_(rounds_.size(), std::vector<Eigen::VectorXd>(rounds_.front().size())) {
    ring_.buffers = rounds_.front();
    ring_.inbox.assign(rounds_.front().size(), Eigen::VectorXd());
  }

  /// All workers in turn, one action each, until every one is done.
  void run_lockstep() {
    while (!all_done()) {
      for (int r = 0; r < workers_; ++r) {
        if (!can_act(r)) throw std::runtime_error("lockstep: worker " + std::to_string(r) + " has no message");
        act(r);
      }
    }
  }

  /// Always the first worker in the order late + 1, late + 2, …, late that can act.
  void run_late(int late) {
    while (!all_done()) {
      bool acted = false;
      for (int k = 1; k <= workers_ && !acted; ++k) {
        const int r = (late + k) % workers_;
        if (can_act(r)) {
          act(r);
          acted = true;
        }
      }
      if (!acted) throw std::runtime_error("the workers wait for each other forever");
    }
  }

  [[nodiscard]] protocol::json results() const {
    protocol::json rounds = protocol::json::array();
    for (const auto& round : results_) rounds.push_back(protocol::vectors(round));
    return rounds;
  }

 private:
  struct Progress {
    std::size_t round = 0;
    int event = 0;  // steps 0 … K − 2 reduce-scatter, K − 1 … 2K − 3 all-gather, 2K − 2 finish
    bool sent = false;
    bool done = false;
  };

  [[nodiscard]] int finish_event() const { return 2 * (workers_ - 1); }
  [[nodiscard]] Phase phase_of(int event) const { return event < workers_ - 1 ? Phase::reduce_scatter : Phase::all_gather; }
  [[nodiscard]] int step_of(int event) const { return event < workers_ - 1 ? event : event - (workers_ - 1); }

  [[nodiscard]] bool all_done() const {
    for (const Progress& p : progress_) {
      if (!p.done) return false;
    }
    return true;
  }

  [[nodiscard]] bool can_act(int r) const {
    const Progress& p = progress_[static_cast<std::size_t>(r)];
    return !p.done && (p.event == finish_event() || !p.sent || !mailboxes_[static_cast<std::size_t>(r)].empty());
  }

  void act(int r) {
    const auto k = static_cast<std::size_t>(r);
    Progress& p = progress_[k];
    Eigen::VectorXd& buffer = ring_.buffers[k];
    if (p.event == finish_event()) {
      exercises::ring_finish(buffer, workers_);
      check_length(r);
      results_[p.round][k] = buffer;
      p.event = 0;
      p.done = ++p.round == rounds_.size();
      if (!p.done) buffer = rounds_[p.round][k];  // the next training step's gradient
      return;
    }
    const Phase phase = phase_of(p.event);
    const int step = step_of(p.event);
    if (!p.sent) {
      const int chunk = exercises::ring_transfer(r, workers_, step, phase).send;
      const exercises::Chunk c = checked_chunk(n_, workers_, checked_transfer_chunk(chunk, r, workers_, step, phase));
      mailboxes_[(k + 1) % k_workers()].push_back(buffer.segment(c.begin, c.size));
      p.sent = true;
      return;
    }
    std::deque<Eigen::VectorXd>& mailbox = mailboxes_[k];
    const exercises::Chunk expected = received_chunk(n_, r, workers_, step, phase);
    if (mailbox.front().size() != expected.size) {
      throw std::runtime_error("worker " + std::to_string(r) + " receives " + std::to_string(mailbox.front().size()) +
                               " numbers at step " + std::to_string(step) + " of " + phase_name(phase) +
                               " where its chunk holds " + std::to_string(expected.size));
    }
    ring_.inbox[k] = mailbox.front();
    mailbox.pop_front();
    exercises::ring_receive(ring_, r, step, phase);
    check_length(r);
    ++p.event;
    p.sent = false;
  }

  [[nodiscard]] std::size_t k_workers() const { return static_cast<std::size_t>(workers_); }

  void check_length(int r) const {
    if (ring_.buffers[static_cast<std::size_t>(r)].size() != n_) {
      throw std::runtime_error("worker " + std::to_string(r) + "'s buffer changed its length");
    }
  }

  std::vector<std::vector<Eigen::VectorXd>> rounds_;
  int workers_;
  Eigen::Index n_;
  exercises::Ring ring_;
  std::vector<Progress> progress_;
  std::vector<std::deque<Eigen::VectorXd>> mailboxes_;  // mailboxes_[r]: what worker r − 1 sent, in order
  std::vector<std::vector<Eigen::VectorXd>> results_;
};

inline std::vector<Eigen::VectorXd> to_vectors(const protocol::json& j) {
  if (!j.is_array() || j.empty()) throw protocol::BadRequest("not a non-empty list of vectors: " + j.dump());
  std::vector<Eigen::VectorXd> list;
  for (const auto& v : j) list.push_back(protocol::to_vector(v));
  return list;
}

inline protocol::json answer(const protocol::json& request) {
  using namespace protocol;
  const json& call = arg(request, "call");
  const json& args = arg(request, "args");
  if (call == "ring_chunk") {
    const exercises::Chunk c = exercises::ring_chunk(to_int(arg(args, "n")), to_int(arg(args, "workers")), to_int(arg(args, "chunk")));
    return {{"begin", c.begin}, {"size", c.size}};
  }
  if (call == "ring_transfer") {
    const exercises::Transfer t = exercises::ring_transfer(to_int(arg(args, "rank")), to_int(arg(args, "workers")),
                                                           to_int(arg(args, "step")), to_phase(arg(args, "phase")));
    return {{"send", t.send}, {"receive", t.receive}};
  }
  if (call == "ring_receive") {
    exercises::Ring ring{.buffers = to_vectors(arg(args, "buffers")), .inbox = {}};
    const int workers = static_cast<int>(ring.buffers.size());
    const int rank = to_int(arg(args, "rank"));
    const int step = to_int(arg(args, "step"));
    const Phase phase = to_phase(arg(args, "phase"));
    if (rank < 0 || rank >= workers || step < 0 || step > workers - 2) throw BadRequest("no such rank or step");
    const Eigen::Index n = ring.buffers.front().size();
    for (const auto& b : ring.buffers) {
      if (b.size() != n) throw BadRequest("buffers of different lengths");
    }
    ring.inbox.assign(ring.buffers.size(), Eigen::VectorXd());
    ring.inbox[static_cast<std::size_t>(rank)] = to_vector(arg(args, "inbox"));
    if (received_chunk(n, rank, workers, step, phase).size != ring.inbox[static_cast<std::size_t>(rank)].size()) {
      throw std::runtime_error("the inbox does not have the size ring_chunk gives the chunk ring_transfer receives");
    }
    exercises::ring_receive(ring, rank, step, phase);
    return vectors(ring.buffers);
  }
  if (call == "ring_finish") {
    Eigen::VectorXd buffer = to_vector(arg(args, "buffer"));
    exercises::ring_finish(buffer, to_int(arg(args, "workers")));
    return vector(buffer);
  }
  if (call == "ring_all_reduce") {
    std::vector<std::vector<Eigen::VectorXd>> rounds;
    const json& listed = arg(args, "rounds");
    if (!listed.is_array() || listed.empty()) throw BadRequest("\"rounds\" must be a non-empty list");
    for (const json& round : listed) {
      rounds.push_back(to_vectors(round));
      for (const auto& v : rounds.back()) {
        if (rounds.back().size() != rounds.front().size() || v.size() != rounds.front().front().size() || v.size() == 0) {
          throw BadRequest("every round needs the same number of workers and vectors of one non-zero length");
        }
      }
    }
    RingDriver driver(std::move(rounds));
    const json& schedule = arg(args, "schedule");
    if (schedule == "lockstep") {
      driver.run_lockstep();
    } else if (schedule == "late") {
      const int late = to_int(arg(args, "late_worker"));
      if (late < 0 || late >= static_cast<int>(listed.front().size())) throw BadRequest("no such late_worker");
      driver.run_late(late);
    } else {
      throw BadRequest("schedule must be \"lockstep\" or \"late\"");
    }
    return driver.results();
  }
  throw BadRequest("unknown call " + call.dump());
}

}  // namespace exercise_io
