#pragma once
/// \file compression.hpp
/// \brief Sending fewer bytes per all-reduce: top-k sparsification, 8-bit quantisation, and
/// error feedback, which keeps what compression dropped and adds it back next time.
///
/// A compressor turns a gradient into what the receivers will see (a vector of the same size,
/// mostly zeros for top-k, rounded to 255 levels for 8 bits) and says how many bytes that
/// costs on the wire. \ref descent::ErrorFeedback is a decorator around any compressor, and
/// \ref descent::CompressedAllReduce a decorator around any all-reduce: each worker's part is
/// compressed before it is reduced. On threads nothing really travels; the bytes counted are
/// those a network would carry.

#include "descent/all_reduce.hpp"

#include <concepts>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace descent {

/// Something that makes a vector cheaper to send.
// [compressor_concept]
template <class C>
concept Compressor = std::copyable<C> && requires(C& c, const Vector& v, Eigen::Index n) {
  { c.compress(v) } -> std::convertible_to<Vector>;    // what the receivers see
  { c.bytes(n) } -> std::convertible_to<std::int64_t>;  // wire size for n numbers
  { c.name() } -> std::convertible_to<std::string>;
};
// [compressor_concept]

/// No compression: n doubles of 8 bytes.
struct Uncompressed {
  [[nodiscard]] Vector compress(const Vector& v) const { return v; }
  [[nodiscard]] std::int64_t bytes(Eigen::Index n) const { return 8 * n; }
  [[nodiscard]] std::string name() const { return "plain"; }
};

static_assert(Compressor<Uncompressed>);

/// Keeps the k entries largest in size (ties: the lower index), sets the rest to zero. Sent as
/// k pairs (4-byte index, 8-byte value).
struct TopK {
  Eigen::Index k = 1;
  [[nodiscard]] Vector compress(const Vector& v) const;
  [[nodiscard]] std::int64_t bytes(Eigen::Index n) const { return 12 * std::min(k, n); }
  [[nodiscard]] std::string name() const { return "top-" + std::to_string(k); }
};

static_assert(Compressor<TopK>);

/// Each entry rounded to one of 255 levels between −max|v| and max|v|: one byte per entry
/// plus the 8-byte scale.
struct EightBit {
  [[nodiscard]] Vector compress(const Vector& v) const;
  [[nodiscard]] std::int64_t bytes(Eigen::Index n) const { return n + 8; }
  [[nodiscard]] std::string name() const { return "8-bit"; }
};

static_assert(Compressor<EightBit>);

/// Error feedback: what the inner compressor dropped this time is remembered and added to the
/// next vector, so nothing is lost for good, only delayed.
// [error_feedback]
template <Compressor C>
class ErrorFeedback {
 public:
  explicit ErrorFeedback(C inner) : inner_(std::move(inner)) {}
  [[nodiscard]] Vector compress(const Vector& v) {
    if (memory_.size() != v.size()) memory_ = Vector::Zero(v.size());
    const Vector wanted = v + memory_;         // today's vector plus the debt
    const Vector sent = inner_.compress(wanted);
    memory_ = wanted - sent;                   // what did not fit, kept for next time
    return sent;
  }
  // [error_feedback]
  [[nodiscard]] std::int64_t bytes(Eigen::Index n) const { return inner_.bytes(n); }
  [[nodiscard]] std::string name() const { return inner_.name() + " + error feedback"; }

 private:
  C inner_;
  Vector memory_;
};

static_assert(Compressor<ErrorFeedback<TopK>>);

/// An all-reduce whose parts are compressed first, each worker with its own compressor (error
/// feedback keeps a memory per worker). Counts the bytes each worker sends.
template <AllReduce R, Compressor C>
class CompressedAllReduce {
 public:
  CompressedAllReduce(R& inner, const C& compressor)
      : inner_(inner),
        compressors_(static_cast<std::size_t>(inner.workers()), compressor),
        sent_(static_cast<std::size_t>(inner.workers()), 0) {}
  [[nodiscard]] int workers() const { return inner_.workers(); }
  // [compressed_all_reduce]
  [[nodiscard]] Evaluation all_reduce(int worker, const ShardMean& mine) {
    const auto k = static_cast<std::size_t>(worker);
    const Vector sent = compressors_[k].compress(mine.mean.gradient);  // mine only
    sent_[k] += compressors_[k].bytes(sent.size());
    return inner_.all_reduce(worker, {{mine.mean.value, sent}, mine.samples});
  }
  // [compressed_all_reduce]
  /// Bytes worker `worker` has sent so far.
  [[nodiscard]] std::int64_t bytes_sent(int worker) const { return sent_[static_cast<std::size_t>(worker)]; }

 private:
  R& inner_;
  std::vector<C> compressors_;      // compressor k is used by worker k only
  std::vector<std::int64_t> sent_;  // entry k is written by worker k only
};

static_assert(AllReduce<CompressedAllReduce<ThreadAllReduce, ErrorFeedback<TopK>>>);

}  // namespace descent
