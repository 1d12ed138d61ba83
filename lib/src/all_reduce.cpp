#include "descent/all_reduce.hpp"

#include <stdexcept>
#include <string>

namespace descent {

Vector packed(const ShardMean& part) {
  const Eigen::Index n = part.mean.gradient.size();
  const auto weight = static_cast<double>(part.samples);
  Vector v(n + 2);
  v.head(n) = weight * part.mean.gradient;
  v[n] = weight * part.mean.value;
  v[n + 1] = weight;
  return v;
}

Evaluation unpacked(const Vector& sums) {
  const Eigen::Index n = sums.size() - 2;
  const double samples = sums[n + 1];
  return {sums[n] / samples, sums.head(n) / samples};
}

// [weighted_average_body]
Evaluation weighted_average(std::span<const ShardMean> parts) {
  if (parts.empty()) throw std::invalid_argument("weighted_average: no parts");
  Vector total = packed(parts[0]);
  for (std::size_t k = 1; k < parts.size(); ++k) total += packed(parts[k]);  // k = 1, 2…
  return unpacked(total);
}
// [weighted_average_body]

namespace {
std::ptrdiff_t checked_workers(int workers) {
  if (workers < 1) throw std::invalid_argument("all-reduce: " + std::to_string(workers) + " workers");
  return workers;
}
}  // namespace

ThreadAllReduce::ThreadAllReduce(int workers)
    : slots_(static_cast<std::size_t>(workers)), barrier_(checked_workers(workers)) {}

// [thread_all_reduce]
Evaluation ThreadAllReduce::all_reduce(int worker, const ShardMean& mine) {
  slots_[static_cast<std::size_t>(worker)] = mine;  // my slot only
  barrier_.arrive_and_wait();                       // all K slots are written
  Evaluation average = weighted_average(slots_);    // every worker, same order, same bits
  barrier_.arrive_and_wait();                       // all have read: slots may be reused
  return average;
}
// [thread_all_reduce]

RingAllReduce::RingAllReduce(int workers)
    : workers_(workers),
      outbox_(static_cast<std::size_t>(workers)),
      sent_(static_cast<std::size_t>(workers), 0),
      barrier_(checked_workers(workers)) {}

RowRange ring_chunk(Eigen::Index n, int workers, int chunk) {
  const Eigen::Index base = n / workers;
  const Eigen::Index longer = n % workers;  // the first `longer` chunks get one more
  const Eigen::Index first = chunk * base + std::min<Eigen::Index>(chunk, longer);
  return {first, base + (chunk < longer ? 1 : 0)};
}

Evaluation RingAllReduce::all_reduce(int worker, const ShardMean& mine) {
  Vector values = packed(mine);
  ring_sum(worker, values);
  return unpacked(values);
}

// [ring_sum]
void RingAllReduce::ring_sum(int worker, Vector& values) {
  const int k = worker;
  const int K = workers_;
  const auto left = static_cast<std::size_t>((k + K - 1) % K);  // who hands me chunks
  const auto mine = static_cast<std::size_t>(k);
  const auto chunk = [&](int c) {
    const RowRange r = ring_chunk(values.size(), K, ((c % K) + K) % K);
    return values.segment(r.first, r.count);
  };
  for (int s = 0; s < K - 1; ++s) {  // reduce-scatter
    outbox_[mine] = chunk(k - s);     // pass on chunk k − s
    sent_[mine] += 8 * outbox_[mine].size();
    barrier_.arrive_and_wait();       // every outbox is full
    chunk(k - s - 1) = outbox_[left] + chunk(k - s - 1);  // the left one's partial sum +
    barrier_.arrive_and_wait();       // every outbox is read
  }
  for (int s = 0; s < K - 1; ++s) {  // all-gather: I hold the sum of chunk k + 1
    outbox_[mine] = chunk(k + 1 - s);
    sent_[mine] += 8 * outbox_[mine].size();
    barrier_.arrive_and_wait();
    chunk(k - s) = outbox_[left];     // a finished chunk: copy it
    barrier_.arrive_and_wait();
  }
}
// [ring_sum]

}  // namespace descent
