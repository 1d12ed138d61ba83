#pragma once
/// \file train.hpp
/// \brief The training loop over data: epochs of batches, one optimizer step per batch.
///
/// \ref descent::minimize steps on the whole objective. Training on data steps on averages
/// over batches of samples instead: each epoch deals the N sample indices into batches of B
/// (shuffled, drawn with replacement, or in order), and each batch gives one loss, one
/// gradient and one optimizer step. B = 1 is stochastic gradient descent, B = N is full-batch
/// descent, anything between is mini-batch descent (Chapter 4); the same loop trains the
/// network of Chapter 8.
///
/// The optimizer is passed by reference and the loop never calls its `reset()`: momentum
/// buffers and Adam's averages carry on from one epoch to the next and from one call to the
/// next. Everything else a run carries (parameters, counters, the sampler's random generator,
/// the running loss average) is a \ref descent::TrainingState, which a result hands back: two
/// calls of one epoch each give, bit for bit, the parameters of one call of two epochs.

#include "descent/objective.hpp"
#include "descent/optimizer.hpp"
#include "descent/random.hpp"
#include "descent/schedule.hpp"
#include "descent/stopping.hpp"
#include "descent/training_trace.hpp"

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace descent {

/// How an epoch picks its samples.
enum class Sampling {
  shuffled,          ///< every sample once per epoch, in a fresh random order each epoch
  with_replacement,  ///< every index drawn independently and uniformly: duplicates happen
  in_order,          ///< 0, 1, …, N−1 every epoch: no randomness at all
};

/// The knobs of one call of \ref descent::train. Fields are named for designated initialisers:
/// `TrainingOptions{.epochs = 5, .batch_size = 16}`.
struct TrainingOptions {
  int epochs = 1;                     ///< epochs to run in this call
  Eigen::Index batch_size = 32;       ///< B: 1 is SGD, N is full-batch descent
  bool drop_last = false;             ///< drop an epoch's last batch when it is shorter than B
  Sampling sampling = Sampling::shuffled;
  std::uint64_t seed = 1;             ///< seeds the sampler when training starts from parameters
  std::optional<int> max_updates{};   ///< a budget of updates for this call (none: epochs decide)
  /// Keep every k-th update in the trace (1: all; 0: none in between). The first and the
  /// last row of a call, a diverged row, and the last update of an epoch whose hook added
  /// metrics are always kept.
  int record_every = 1;
  bool record_parameters = false;     ///< store the parameters in every kept row (small models)
  /// β of the running loss average a ← β·a + (1 − β)·ℓ, bias-corrected (see RunningAverage).
  /// 0.98 weighs roughly the last 50 batches; 0 gives the raw batch loss.
  double loss_average = 0.98;
  /// A batch loss above `explosion_factor × max(|first batch loss|, 1)` is divergence, as in
  /// \ref descent::StopRules.
  double explosion_factor = default_explosion_factor;
};

/// The N sample indices of one epoch in the order they are used: a fresh permutation
/// (shuffled), N independent uniform draws (with replacement), or 0, 1, …, N−1 (in order).
[[nodiscard]] std::vector<Eigen::Index> epoch_order(Eigen::Index samples, Sampling sampling, Random& random);

/// `order` dealt into consecutive batches of `batch_size`; the last is shorter unless dropped.
[[nodiscard]] std::vector<Batch> split_into_batches(std::span<const Eigen::Index> order,
                                                    Eigen::Index batch_size, bool drop_last);

/// An exponential moving average with bias correction, the trick Adam uses for its moments:
/// a ← β·a + (1 − β)·ℓ and w ← β·w + (1 − β), reported as a / w. The weight w = 1 − βᵗ makes
/// the first values honest instead of pulled towards the 0 the average starts from.
struct RunningAverage {
  double biased = 0.0;  ///< a
  double weight = 0.0;  ///< w = 1 − βᵗ
  /// Adds `value` with smoothing β = `smoothing` and returns the corrected average.
  double add(double value, double smoothing) {
    biased = smoothing * biased + (1.0 - smoothing) * value;
    weight = smoothing * weight + (1.0 - smoothing);
    return biased / weight;
  }
};

/// Everything a training run carries from one update to the next, except the optimizer's
/// own state. A result returns it; passing it back to \ref descent::train continues the run.
/// A call that stops in the middle of an epoch leaves the rest of that epoch undrawn: the
/// next call starts a new epoch.
struct TrainingState {
  /// Training from `start`, with batches drawn from a generator seeded with `seed`.
  TrainingState(Vector start, std::uint64_t seed) : x(std::move(start)), sampler(seed) {}

  Vector x;                       ///< the parameters
  int updates = 0;                ///< optimizer steps taken: the schedule's clock
  int epochs = 0;                 ///< epochs completed
  std::int64_t samples_seen = 0;  ///< per-sample gradients evaluated
  Random sampler;                 ///< draws every epoch's order
  RunningAverage average_loss;    ///< the smoothed batch loss
  std::optional<double> first_loss;  ///< the first batch loss: the scale of the explosion test
};

/// What the step hook sees after each update.
struct StepRecord {
  int update = 0;                 ///< updates taken, this one included
  int epoch = 0;                  ///< the epoch this update belongs to (the first is 1)
  std::int64_t samples_seen = 0;  ///< per-sample gradients evaluated so far
  double batch_loss = 0.0;        ///< the batch's mean loss, before the step
  double average_loss = 0.0;      ///< the running average of batch losses
  double gradient_norm = 0.0;     ///< ‖∇‖ of the batch gradient
  double learning_rate = 0.0;     ///< η used by this update
  Batch batch{};                  ///< the sample indices of this update's batch
  const Vector& parameters;       ///< the parameters after the update
};

/// What the epoch hook sees after each completed epoch.
struct EpochRecord {
  int epoch = 0;                  ///< epochs completed, this one included
  int updates = 0;                ///< updates taken so far
  std::int64_t samples_seen = 0;  ///< per-sample gradients evaluated so far
  double mean_batch_loss = 0.0;   ///< this epoch's batch losses, averaged per sample
  const Vector& parameters;       ///< the parameters at the end of the epoch
};

/// Hooks called by the loop; an empty one is skipped. Each returns false to stop training.
struct TrainingHooks {
  /// After every update (printing progress, stopping on a condition).
  std::function<bool(const StepRecord&)> on_step{};
  /// After every epoch. It may add named metrics (a validation loss, an accuracy), which
  /// the trace records as columns; early stopping is done here (see EarlyStopping).
  std::function<bool(const EpochRecord&, Metrics&)> on_epoch{};
};

/// Why a call of \ref descent::train ended.
enum class TrainingStop {
  epochs_done,    ///< all requested epochs ran
  update_budget,  ///< `max_updates` updates were taken
  step_hook,      ///< the step hook asked to stop
  epoch_hook,     ///< the epoch hook asked to stop (early stopping)
  diverged,       ///< a batch loss was non-finite or exploded
};

/// "all epochs done", "update budget used", …
[[nodiscard]] std::string_view describe(TrainingStop reason);

/// What a call of \ref descent::train ends with.
struct TrainingResult {
  /// Parameters, counters and sampler, ready to continue. After divergence `state.x` holds
  /// the last parameters whose batch loss was finite, not the exploded ones.
  TrainingState state;
  /// The last finite batch loss of this call (noisy: evaluate f for the full loss); NaN if none.
  double loss = 0.0;
  TrainingStop reason = TrainingStop::epochs_done;
  /// Set when diverged: `step` is the update whose batch loss blew up (it was not applied).
  std::optional<Divergence> divergence{};
  TrainingTrace trace{};  ///< this call's rows

  [[nodiscard]] bool diverged() const { return divergence.has_value(); }
};

/// The bookkeeping of one call of \ref descent::train, kept out of the loop so the loop
/// reads like the algorithm: counters, the running average, the divergence test, the trace
/// (with thinning), the hooks and the reason to stop. Lives only during that call.
class TrainingRun {
 public:
  /// Checks `options` against the data size; throws std::invalid_argument naming the field.
  TrainingRun(Eigen::Index samples, TrainingState start, const TrainingOptions& options,
              const TrainingHooks& hooks);

  /// False once stopped, when all epochs ran, or when the update budget is used.
  [[nodiscard]] bool wants_epoch();
  /// Draws the next epoch's batches (valid until the next call).
  [[nodiscard]] const std::vector<Batch>& draw_epoch();
  /// False once the update budget is used.
  [[nodiscard]] bool wants_update();
  [[nodiscard]] int updates() const { return state_.updates; }
  [[nodiscard]] Vector& x() { return state_.x; }
  /// True (and the run stops, with x rolled back) when the batch loss is non-finite or
  /// exploding; otherwise remembers x as the last parameters with a finite loss.
  [[nodiscard]] bool blew_up(Batch batch, const Evaluation& evaluation, double learning_rate);
  /// Counts the update, records it and calls the step hook; false if the hook stops the run.
  [[nodiscard]] bool after_update(Batch batch, const Evaluation& evaluation, double learning_rate);
  /// Counts a completed epoch, calls the epoch hook and records its metrics.
  void end_epoch();
  /// The result, with the last row of the trace kept.
  [[nodiscard]] TrainingResult finish();

 private:
  void record(StepRow row);
  void keep_pending();
  [[nodiscard]] Vector recorded_parameters() const;

  const TrainingOptions& options_;
  const TrainingHooks& hooks_;
  Eigen::Index samples_;
  TrainingState state_;
  int epochs_this_call_ = 0;
  int updates_this_call_ = 0;
  std::vector<Eigen::Index> order_;
  std::vector<Batch> batches_;
  double epoch_loss_sum_ = 0.0;
  std::int64_t epoch_samples_ = 0;
  Vector last_finite_x_;
  double last_finite_loss_ = std::numeric_limits<double>::quiet_NaN();
  bool stopped_ = false;
  TrainingStop reason_ = TrainingStop::epochs_done;
  std::optional<Divergence> divergence_;
  TrainingTrace trace_;
  std::optional<StepRow> pending_;  // the latest row thinning skipped, kept if it turns out last
};

/// Trains the parameters in `start` on the samples of `f` with `optimizer`, one step per batch.
///
/// η comes from `schedule` indexed by the global update count (state.updates), so a schedule
/// runs on across calls. The optimizer's state is never reset here: call `reset()` yourself to
/// start afresh. `options.seed` is not used: the sampler comes with `start`.
template <SampleObjective F, Schedule S, Optimizer O>
TrainingResult train(const F& f, TrainingState start, const S& schedule, O& optimizer,
                     const TrainingOptions& options, const TrainingHooks& hooks = {}) {
  TrainingRun run(f.samples(), std::move(start), options, hooks);  // counters, trace, hooks
  // [training_loop]
  while (run.wants_epoch()) {
    for (const Batch batch : run.draw_epoch()) {  // shuffled, resampled or in order
      if (!run.wants_update()) break;                          // the update budget
      const double learning_rate = schedule(run.updates());   // global update count
      const Evaluation e = f.value_and_gradient(run.x(), batch);  // over B samples
      if (run.blew_up(batch, e, learning_rate)) break;         // reported, no crash
      optimizer.step(run.x(), e.gradient, learning_rate);      // its state carries on
      if (!run.after_update(batch, e, learning_rate)) break;   // counters, trace, hook
    }
    run.end_epoch();  // on_epoch: validation metrics, early stopping
  }
  // [training_loop]
  return run.finish();
}

/// Trains from the parameters `x0`, with the sampler seeded by `options.seed`.
template <SampleObjective F, Schedule S, Optimizer O>
TrainingResult train(const F& f, Vector x0, const S& schedule, O& optimizer, const TrainingOptions& options,
                     const TrainingHooks& hooks = {}) {
  return train(f, TrainingState(std::move(x0), options.seed), schedule, optimizer, options, hooks);
}

/// Early stopping: stop once a metric (lower is better) has not improved for `patience`
/// epochs in a row, and keep the parameters of its best epoch. Call `keep_going` from the
/// epoch hook after setting the metric; afterwards, `best_parameters()` are the ones to use.
class EarlyStopping {
 public:
  /// An improvement must beat the best value by more than `min_delta`.
  explicit EarlyStopping(std::string metric, int patience = 5, double min_delta = 0.0);

  /// False once `patience` epochs in a row did not improve. Throws std::logic_error when
  /// `metrics` lacks the metric (the hook forgot to set it).
  [[nodiscard]] bool keep_going(const EpochRecord& epoch, const Metrics& metrics);

  [[nodiscard]] int best_epoch() const { return best_epoch_; }  ///< 0 before the first epoch
  [[nodiscard]] double best_value() const { return best_value_; }
  [[nodiscard]] const Vector& best_parameters() const { return best_parameters_; }

 private:
  std::string metric_;
  int patience_;
  double min_delta_;
  int best_epoch_ = 0;
  double best_value_ = 0.0;
  int epochs_without_improvement_ = 0;
  Vector best_parameters_;
};

}  // namespace descent
