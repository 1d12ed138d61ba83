#pragma once
// The requests that both the public and the hidden cases of Exercise 9.2 (ring_all_reduce)
// make (ring_all_reduce.cases.cpp, ring_all_reduce.hidden.cpp), written once so that the two
// cannot drift apart. Trusted side only: it is not an adapter, and no pack carries it.

#include "grading/cases.hpp"

#include <string>
#include <vector>

namespace requests {

using grading::json;

using Vector = std::vector<double>;
/// One all-reduce: each worker's vector.
using Round = std::vector<Vector>;

inline json chunk(int n, int workers, int c) {
  return grading::request("ring_chunk", {{"n", n}, {"workers", workers}, {"chunk", c}});
}
inline json chunk_answer(int begin, int size) { return {{"value", {{"begin", begin}, {"size", size}}}}; }

inline json transfer(int rank, int workers, int step, const std::string& phase) {
  return grading::request("ring_transfer", {{"rank", rank}, {"workers", workers}, {"step", step}, {"phase", phase}});
}
inline json transfer_answer(int send, int receive) { return {{"value", {{"send", send}, {"receive", receive}}}}; }

// Lists as std::vector: a braced list of one json would be that json itself, not a list of one.
inline json receive(const std::vector<Vector>& buffers, const Vector& inbox, int rank, int step, const std::string& phase) {
  return grading::request("ring_receive",
                          {{"buffers", buffers}, {"inbox", inbox}, {"rank", rank}, {"step", step}, {"phase", phase}});
}
inline json buffers_answer(const std::vector<Vector>& buffers) { return {{"value", buffers}}; }

inline json finish(const Vector& buffer, int workers) {
  return grading::request("ring_finish", {{"buffer", buffer}, {"workers", workers}});
}

inline json all_reduce(const std::vector<Round>& rounds) {
  return grading::request("ring_all_reduce", {{"rounds", rounds}, {"schedule", "lockstep"}});
}
inline json all_reduce_late(const std::vector<Round>& rounds, int late_worker) {
  return grading::request("ring_all_reduce", {{"rounds", rounds}, {"schedule", "late"}, {"late_worker", late_worker}});
}

/// The closed form of an all-reduce: in every round, every worker ends with the mean of the
/// round's vectors (summed here in rank order, not around the ring).
inline json means_answer(const std::vector<Round>& rounds) {
  json answer = json::array();
  for (const Round& round : rounds) {
    Vector mean(round.front().size(), 0.0);
    for (const Vector& v : round) {
      for (std::size_t i = 0; i < v.size(); ++i) mean[i] += v[i];
    }
    for (double& x : mean) x /= static_cast<double>(round.size());
    answer.push_back(std::vector<Vector>(round.size(), mean));
  }
  return {{"value", answer}};
}

/// `rounds` all-reduces of `workers` random vectors of n numbers each.
inline std::vector<Round> random_rounds(descent::Random& random, int rounds, int workers, int n) {
  std::vector<Round> list;
  for (int j = 0; j < rounds; ++j) {
    Round round;
    for (int r = 0; r < workers; ++r) round.push_back(grading::uniform_numbers(random, n, -10.0, 10.0));
    list.push_back(round);
  }
  return list;
}

}  // namespace requests
