#pragma once
/// \file training_trace.hpp
/// \brief The record of a training run over data: scalars per update and per epoch, as CSV.
///
/// A network with 13,002 parameters trained for 20,000 updates would fill a \ref descent::Trace
/// (which stores x and ∇L in every row) with half a billion numbers. A training trace keeps
/// only scalars by default: the batch loss, a running average of it, the gradient norm, the
/// learning rate and the counters, plus any named metrics a hook adds (a validation loss, an
/// accuracy). Its CSV has the same columns whatever the size of the model. Parameters are kept
/// only when asked for, which small models in the book do to draw their paths.

#include "descent/objective.hpp"

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace descent {

/// Named numbers measured during training ("validation_loss", "accuracy"), in the order they
/// were first set. A hook adds them; the trace turns each name into a CSV column.
class Metrics {
 public:
  /// Sets `name` to `value`, replacing an earlier value of the same name.
  void set(std::string_view name, double value);
  /// The value of `name`, if it was set.
  [[nodiscard]] std::optional<double> get(std::string_view name) const;
  [[nodiscard]] const std::vector<std::pair<std::string, double>>& entries() const { return entries_; }
  [[nodiscard]] bool empty() const { return entries_.empty(); }

 private:
  std::vector<std::pair<std::string, double>> entries_;
};

/// One update as the trace keeps it. The loss and gradient are those of the update's batch,
/// measured at the parameters before the step; `parameters` are those after it.
struct StepRow {
  int update = 0;                 ///< updates taken, this one included (the first is 1)
  int epoch = 0;                  ///< the epoch this update belongs to (the first is 1)
  std::int64_t samples_seen = 0;  ///< per-sample gradients evaluated so far, this batch included
  double batch_loss = 0.0;        ///< the mean loss over this update's batch
  double average_loss = 0.0;      ///< the running average of batch losses (smoother to plot)
  double gradient_norm = 0.0;     ///< ‖∇‖ of the batch gradient
  double learning_rate = 0.0;     ///< η used by this update
  bool diverged = false;          ///< the batch loss blew up here and the update was not applied
  Metrics metrics{};              ///< named values; an epoch's metrics also land on its last update
  Vector parameters{};            ///< after the update; empty unless parameters are recorded
};

/// One completed epoch.
struct EpochRow {
  int epoch = 0;                  ///< epochs completed, this one included (the first is 1)
  int updates = 0;                ///< updates taken by the end of this epoch
  std::int64_t samples_seen = 0;  ///< per-sample gradients evaluated by the end of this epoch
  double mean_batch_loss = 0.0;   ///< the epoch's batch losses averaged per sample (free: no extra pass)
  Metrics metrics{};              ///< named values the epoch hook added
  Vector parameters{};            ///< at the end of the epoch; empty unless parameters are recorded
};

/// Step rows and epoch rows of one training run, in order.
class TrainingTrace {
 public:
  void add_step(StepRow row) { steps_.push_back(std::move(row)); }
  void add_epoch(EpochRow row) { epochs_.push_back(std::move(row)); }
  [[nodiscard]] const std::vector<StepRow>& steps() const { return steps_; }
  [[nodiscard]] const std::vector<EpochRow>& epochs() const { return epochs_; }
  /// The last step row, for the recorder to attach an epoch's metrics to.
  [[nodiscard]] StepRow& last_step() { return steps_.back(); }

  /// The step CSV: `update,epoch,samples,batch_loss,average_loss,grad_norm,lr,<metrics…>,
  /// <x0…>,status`. The x columns appear only if parameters were recorded; a metric column
  /// is empty in rows that lack it; `status` is `ok` or `diverged`. 17 significant digits.
  void write_csv(std::ostream& out) const;
  /// The step CSV, written to `file` atomically.
  void write_csv(const std::filesystem::path& file) const;
  /// The epoch CSV: `epoch,updates,samples,mean_batch_loss,<metrics…>,<x0…>`.
  void write_epochs_csv(std::ostream& out) const;
  /// The epoch CSV, written to `file` atomically.
  void write_epochs_csv(const std::filesystem::path& file) const;

 private:
  std::vector<StepRow> steps_;
  std::vector<EpochRow> epochs_;
};

}  // namespace descent
