#pragma once
/// \file trace.hpp
/// \brief The record of a descent run: one row per step, written as CSV.

#include "descent/objective.hpp"

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <vector>

namespace descent {

/// The state after `step` updates.
struct TraceRow {
  int step = 0;               ///< number of updates taken so far (0 is the start)
  Vector x;                   ///< the parameters after `step` updates
  Vector gradient;            ///< ∇L at x
  double loss = 0.0;          ///< L(x)
  double gradient_norm = 0.0; ///< ‖∇L(x)‖
  double learning_rate = 0.0; ///< η in force at this step: the rate that takes x to the next row
  /// gradient evaluations spent so far (per-sample for data objectives; a line search's trials count)
  std::int64_t evaluations = 0;
  bool diverged = false;      ///< the loss here was non-finite or exploded, and the run stopped
};

/// The most memory a trace of `steps` rows in `dimension` variables may take: each row holds
/// x and the gradient (two heap blocks) and a few numbers, and growing the row vector briefly
/// needs the old rows and the new ones. For refusing runs too long to keep (\ref require_memory).
[[nodiscard]] inline double trace_bytes(double steps, Eigen::Index dimension) {
  return 2.0 * steps * (sizeof(TraceRow) + 2.0 * (8.0 * double(dimension) + 32.0));
}

/// All rows of one run, in step order.
class Trace {
 public:
  void add(TraceRow row) { rows_.push_back(std::move(row)); }
  [[nodiscard]] const std::vector<TraceRow>& rows() const { return rows_; }
  [[nodiscard]] const TraceRow& front() const { return rows_.front(); }
  [[nodiscard]] const TraceRow& back() const { return rows_.back(); }
  [[nodiscard]] std::size_t size() const { return rows_.size(); }
  [[nodiscard]] bool empty() const { return rows_.empty(); }

  /// The losses, one per row (for plotting).
  [[nodiscard]] std::vector<double> losses() const;
  /// Coordinate `i` of x, one per row (for plotting paths).
  [[nodiscard]] std::vector<double> coordinate(Eigen::Index i) const;

  /// Writes the CSV: `step,x0,…,loss,grad_norm,lr,evaluations,g0,…,status`.
  ///
  /// Numbers are written with 17 significant digits so a reader's script gets back the
  /// exact doubles. `status` is `ok`, or `diverged` on the row where the run was stopped.
  void write_csv(std::ostream& out) const;
  /// Writes the CSV to `file` atomically (a reader never sees half a file).
  void write_csv(const std::filesystem::path& file) const;

 private:
  std::vector<TraceRow> rows_;
};

}  // namespace descent
