#include "descent/train.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace descent {

namespace {
void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument("train: " + message);
}

void check(const TrainingOptions& options, Eigen::Index samples) {
  require(samples > 0, "the objective has no samples");
  require(options.epochs >= 0, "epochs must be 0 or more");
  require(options.batch_size >= 1, "batch_size must be at least 1");
  require(!options.drop_last || options.batch_size <= samples,
          "drop_last with batch_size above the " + std::to_string(samples) + " samples leaves no batch");
  require(!options.max_updates || *options.max_updates >= 0, "max_updates must be 0 or more");
  require(options.record_every >= 0, "record_every must be 0 or more");
  require(options.loss_average >= 0.0 && options.loss_average < 1.0, "loss_average must be in [0, 1)");
  require(options.explosion_factor > 0.0, "explosion_factor must be positive");
}
}  // namespace

std::vector<Eigen::Index> epoch_order(Eigen::Index samples, Sampling sampling, Random& random) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(samples));
  switch (sampling) {
    case Sampling::shuffled:
      std::iota(order.begin(), order.end(), Eigen::Index{0});
      random.shuffle(order);  // a new permutation every epoch
      break;
    case Sampling::with_replacement:
      for (Eigen::Index& index : order) index = static_cast<Eigen::Index>(random.below(samples));
      break;
    case Sampling::in_order:
      std::iota(order.begin(), order.end(), Eigen::Index{0});
      break;
  }
  return order;
}

std::vector<Batch> split_into_batches(std::span<const Eigen::Index> order, Eigen::Index batch_size,
                                      bool drop_last) {
  std::vector<Batch> batches;
  const auto size = static_cast<std::size_t>(batch_size);
  for (std::size_t begin = 0; begin < order.size(); begin += size) {
    const std::size_t length = std::min(size, order.size() - begin);
    if (length < size && drop_last) break;
    batches.push_back(order.subspan(begin, length));
  }
  return batches;
}

std::string_view describe(TrainingStop reason) {
  switch (reason) {
    case TrainingStop::epochs_done: return "all epochs done";
    case TrainingStop::update_budget: return "update budget used";
    case TrainingStop::step_hook: return "stopped by the step hook";
    case TrainingStop::epoch_hook: return "stopped by the epoch hook";
    case TrainingStop::diverged: return "diverged";
  }
  return "unknown";
}

TrainingRun::TrainingRun(Eigen::Index samples, TrainingState start, const TrainingOptions& options,
                         const TrainingHooks& hooks)
    : options_(options), hooks_(hooks), samples_(samples), state_(std::move(start)),
      last_finite_x_(state_.x) {
  check(options, samples);
}

bool TrainingRun::wants_epoch() {
  if (stopped_) return false;
  if (epochs_this_call_ >= options_.epochs) {
    reason_ = TrainingStop::epochs_done;
    return false;
  }
  if (!wants_update()) return false;  // the budget ran out exactly at an epoch's end
  return true;
}

const std::vector<Batch>& TrainingRun::draw_epoch() {
  order_ = epoch_order(samples_, options_.sampling, state_.sampler);
  batches_ = split_into_batches(order_, options_.batch_size, options_.drop_last);
  epoch_loss_sum_ = 0.0;
  epoch_samples_ = 0;
  return batches_;
}

bool TrainingRun::wants_update() {
  if (options_.max_updates && updates_this_call_ >= *options_.max_updates) {
    stopped_ = true;
    reason_ = TrainingStop::update_budget;
  }
  return !stopped_;
}

bool TrainingRun::blew_up(Batch batch, const Evaluation& evaluation, double learning_rate) {
  const double loss = evaluation.value;
  if (!descent::blew_up(loss, state_.first_loss.value_or(loss), options_.explosion_factor)) {
    if (!state_.first_loss) state_.first_loss = loss;
    last_finite_x_ = state_.x;
    last_finite_loss_ = loss;
    return false;
  }
  state_.samples_seen += static_cast<std::int64_t>(batch.size());  // the evaluation was spent
  record(StepRow{.update = state_.updates + 1, .epoch = state_.epochs + 1,
                 .samples_seen = state_.samples_seen,
                 .batch_loss = loss, .average_loss = loss, .gradient_norm = evaluation.gradient.norm(),
                 .learning_rate = learning_rate, .diverged = true, .metrics = {},
                 .parameters = recorded_parameters()});
  const double previous = state_.first_loss ? last_finite_loss_ : loss;
  divergence_ = Divergence{state_.updates + 1, loss, previous};
  state_.x = last_finite_x_;  // the exploded parameters are of no use to anyone
  stopped_ = true;
  reason_ = TrainingStop::diverged;
  return true;
}

bool TrainingRun::after_update(Batch batch, const Evaluation& evaluation, double learning_rate) {
  const auto batch_size = static_cast<std::int64_t>(batch.size());
  ++state_.updates;
  ++updates_this_call_;
  state_.samples_seen += batch_size;
  epoch_loss_sum_ += evaluation.value * static_cast<double>(batch_size);
  epoch_samples_ += batch_size;
  const StepRecord step{.update = state_.updates, .epoch = state_.epochs + 1,
                        .samples_seen = state_.samples_seen, .batch_loss = evaluation.value,
                        .average_loss = state_.average_loss.add(evaluation.value, options_.loss_average),
                        .gradient_norm = evaluation.gradient.norm(), .learning_rate = learning_rate,
                        .batch = batch, .parameters = state_.x};
  record(StepRow{.update = step.update, .epoch = step.epoch, .samples_seen = step.samples_seen,
                 .batch_loss = step.batch_loss, .average_loss = step.average_loss,
                 .gradient_norm = step.gradient_norm, .learning_rate = step.learning_rate, .diverged = false,
                 .metrics = {}, .parameters = recorded_parameters()});
  if (hooks_.on_step && !hooks_.on_step(step)) {
    stopped_ = true;
    reason_ = TrainingStop::step_hook;
  }
  return !stopped_;
}

void TrainingRun::end_epoch() {
  if (stopped_) return;  // an interrupted epoch is not a completed one
  ++state_.epochs;
  ++epochs_this_call_;
  const double mean_batch_loss = epoch_loss_sum_ / static_cast<double>(epoch_samples_);  // ≥ 1 batch
  const EpochRecord epoch{.epoch = state_.epochs, .updates = state_.updates,
                          .samples_seen = state_.samples_seen,
                          .mean_batch_loss = mean_batch_loss, .parameters = state_.x};
  Metrics metrics;
  if (hooks_.on_epoch && !hooks_.on_epoch(epoch, metrics)) {
    stopped_ = true;
    reason_ = TrainingStop::epoch_hook;
  }
  if (!metrics.empty()) {  // the epoch's metrics also go on its last update, to plot against updates
    keep_pending();
    if (!trace_.steps().empty() && trace_.steps().back().update == state_.updates) {
      for (const auto& [name, value] : metrics.entries()) trace_.last_step().metrics.set(name, value);
    }
  }
  trace_.add_epoch(EpochRow{.epoch = epoch.epoch, .updates = epoch.updates,
                            .samples_seen = epoch.samples_seen,
                            .mean_batch_loss = epoch.mean_batch_loss, .metrics = std::move(metrics),
                            .parameters = recorded_parameters()});
}

TrainingResult TrainingRun::finish() {
  keep_pending();
  return TrainingResult{.state = std::move(state_), .loss = last_finite_loss_, .reason = reason_,
                        .divergence = divergence_, .trace = std::move(trace_)};
}

void TrainingRun::record(StepRow row) {
  const int every = options_.record_every;
  const bool kept = trace_.steps().empty() || row.diverged || (every > 0 && row.update % every == 0);
  if (row.diverged) keep_pending();  // the last finite row is worth seeing next to the blow-up
  if (kept) {
    pending_.reset();
    trace_.add_step(std::move(row));
  } else {
    pending_ = std::move(row);
  }
}

void TrainingRun::keep_pending() {
  if (pending_) trace_.add_step(std::move(*pending_));
  pending_.reset();
}

Vector TrainingRun::recorded_parameters() const { return options_.record_parameters ? state_.x : Vector(); }

EarlyStopping::EarlyStopping(std::string metric, int patience, double min_delta)
    : metric_(std::move(metric)), patience_(patience), min_delta_(min_delta) {
  if (patience_ < 1) throw std::invalid_argument("EarlyStopping: patience must be at least 1");
}

bool EarlyStopping::keep_going(const EpochRecord& epoch, const Metrics& metrics) {
  const std::optional<double> value = metrics.get(metric_);
  if (!value) throw std::logic_error("EarlyStopping: the epoch hook did not set \"" + metric_ + "\"");
  if (best_epoch_ == 0 || *value < best_value_ - min_delta_) {
    best_epoch_ = epoch.epoch;
    best_value_ = *value;
    best_parameters_ = epoch.parameters;
    epochs_without_improvement_ = 0;
    return true;
  }
  ++epochs_without_improvement_;
  return epochs_without_improvement_ < patience_;
}

}  // namespace descent
