#include "descent/least_squares.hpp"
#include "descent/minimize.hpp"
#include "descent/optimizers.hpp"
#include "descent/random.hpp"
#include "descent/train.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace descent;

namespace {

/// y = xᵀw + 0.5 + noise on `n` rows of `d` standard normal features.
LeastSquares noisy_line(Eigen::Index n, Eigen::Index d = 2, std::uint64_t seed = 7) {
  Random random(seed);
  Matrix features(n, d);
  Vector targets(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    double target = 0.5 + 0.1 * random.normal();
    for (Eigen::Index j = 0; j < d; ++j) {
      features(i, j) = random.normal();
      target += static_cast<double>(j + 1) * features(i, j);
    }
    targets[i] = target;
  }
  return {std::move(features), std::move(targets)};
}

using Batches = std::vector<std::vector<Eigen::Index>>;

/// A SampleObjective that remembers every batch it was asked about.
struct CountingObjective {
  const LeastSquares& inner;
  Batches* seen;

  [[nodiscard]] Eigen::Index dimension() const { return inner.dimension(); }
  [[nodiscard]] double value(const Vector& x) const { return inner.value(x); }
  [[nodiscard]] Vector gradient(const Vector& x) const { return inner.gradient(x); }
  [[nodiscard]] Eigen::Index samples() const { return inner.samples(); }
  [[nodiscard]] Evaluation value_and_gradient(const Vector& x, Batch batch) const {
    seen->emplace_back(batch.begin(), batch.end());
    return inner.value_and_gradient(x, batch);
  }
};
static_assert(SampleObjective<CountingObjective>);

Batches batches_drawn(const LeastSquares& data, const TrainingOptions& options) {
  Batches seen;
  GradientDescent descent;
  const CountingObjective counting{data, &seen};
  (void)train(counting, Vector::Zero(data.dimension()), ConstantRate{0.01}, descent, options);
  return seen;
}

/// Plain gradient descent at η = 0.05 from θ = 0.
TrainingResult descend(const LeastSquares& data, const TrainingOptions& options,
                       const TrainingHooks& hooks = {}) {
  GradientDescent descent;
  return train(data, Vector::Zero(data.dimension()), ConstantRate{0.05}, descent, options, hooks);
}

std::vector<int> updates_kept(const TrainingResult& result) {
  std::vector<int> updates;
  for (const StepRow& row : result.trace.steps()) updates.push_back(row.update);
  return updates;
}

std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

}  // namespace

TEST_CASE("least squares over a batch of all rows is the full value and gradient") {
  const LeastSquares f = noisy_line(50, 3);
  const Vector theta = Vector::LinSpaced(4, -1.0, 2.0);
  std::vector<Eigen::Index> all(50);
  std::iota(all.begin(), all.end(), Eigen::Index{0});
  const Evaluation in_order = f.value_and_gradient(theta, all);
  CHECK((in_order.gradient - f.gradient(theta)).norm() <= 1e-15 * f.gradient(theta).norm());
  CHECK(in_order.value == Approx(f.value(theta)).epsilon(1e-15));

  Random random(3);
  random.shuffle(all);
  const Evaluation shuffled = f.value_and_gradient(theta, all);
  CHECK((shuffled.gradient - f.gradient(theta)).norm() <= 1e-14 * f.gradient(theta).norm());

  const Evaluation one_pass = f.value_and_gradient(theta);
  CHECK(one_pass.value == f.value(theta));
  CHECK(one_pass.gradient == f.gradient(theta));
}

TEST_CASE("a batch's loss is the mean over its rows, a repeated row counted twice") {
  const LeastSquares f = noisy_line(20, 2);
  const Vector theta = Vector::Constant(3, 0.25);
  const Vector r = f.residuals(theta);
  const std::vector<Eigen::Index> batch{4, 9, 4};
  const Evaluation e = f.value_and_gradient(theta, batch);
  CHECK(e.value == Approx((2 * r[4] * r[4] + r[9] * r[9]) / 3.0).epsilon(1e-14));
  CHECK(e.gradient[2] == Approx(2.0 / 3.0 * (2 * r[4] + r[9])).epsilon(1e-14));  // ∂/∂b
  CHECK(e.gradient == f.rows(batch).gradient(theta));
  CHECK_THROWS_AS(f.value_and_gradient(theta, std::vector<Eigen::Index>{20}), std::out_of_range);
  CHECK_THROWS_AS(f.value_and_gradient(theta, Batch{}), std::invalid_argument);
}

TEST_CASE("shuffled sampling visits every sample exactly once per epoch, in a new order") {
  const LeastSquares data = noisy_line(10);
  const Batches seen = batches_drawn(data, {.epochs = 4, .batch_size = 3});
  REQUIRE(seen.size() == 16);  // ⌈10/3⌉ = 4 batches per epoch, the last of 1 sample
  std::vector<std::vector<Eigen::Index>> orders;
  for (std::size_t epoch = 0; epoch < 4; ++epoch) {
    std::vector<Eigen::Index> order;
    for (std::size_t b = 0; b < 4; ++b) {
      const auto& batch = seen[epoch * 4 + b];
      CHECK(batch.size() == (b < 3 ? 3U : 1U));
      order.insert(order.end(), batch.begin(), batch.end());
    }
    std::vector<Eigen::Index> sorted = order;
    std::ranges::sort(sorted);
    std::vector<Eigen::Index> expected(10);
    std::iota(expected.begin(), expected.end(), Eigen::Index{0});
    CHECK(sorted == expected);
    orders.push_back(order);
  }
  CHECK(orders[0] != orders[1]);
  CHECK(orders[1] != orders[2]);
  CHECK(orders[0] != std::vector<Eigen::Index>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});

  const Batches in_order =
      batches_drawn(data, {.epochs = 2, .batch_size = 4, .sampling = Sampling::in_order});
  CHECK(in_order == Batches{{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9}, {0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9}});
}

TEST_CASE("the same seed draws the same batches, another seed other ones") {
  const LeastSquares data = noisy_line(30);
  const TrainingOptions options{.epochs = 3, .batch_size = 4, .seed = 11};
  TrainingOptions other = options;
  other.seed = 12;
  CHECK(batches_drawn(data, options) == batches_drawn(data, options));
  CHECK(batches_drawn(data, options) != batches_drawn(data, other));
}

TEST_CASE("sampling with replacement draws duplicates and keeps the batch sizes") {
  const LeastSquares data = noisy_line(10);
  const Batches seen =
      batches_drawn(data, {.epochs = 5, .batch_size = 4, .sampling = Sampling::with_replacement, .seed = 5});
  REQUIRE(seen.size() == 15);  // 4, 4, 2 per epoch: N draws per epoch, as without replacement
  int epochs_with_a_repeat = 0;
  for (std::size_t epoch = 0; epoch < 5; ++epoch) {
    std::multiset<Eigen::Index> drawn;
    for (std::size_t b = 0; b < 3; ++b) {
      const auto& batch = seen[epoch * 3 + b];
      CHECK(batch.size() == (b < 2 ? 4U : 2U));
      for (const Eigen::Index i : batch) CHECK((i >= 0 && i < 10));
      drawn.insert(batch.begin(), batch.end());
    }
    if (std::set<Eigen::Index>(drawn.begin(), drawn.end()).size() < drawn.size()) ++epochs_with_a_repeat;
  }
  CHECK(epochs_with_a_repeat >= 4);  // 10 distinct out of 10 draws has chance 10!/10¹⁰ ≈ 4e-4

  const Batches dropped = batches_drawn(
      data, {.epochs = 2, .batch_size = 4, .drop_last = true, .sampling = Sampling::with_replacement});
  REQUIRE(dropped.size() == 4);
  for (const auto& batch : dropped) CHECK(batch.size() == 4U);
}

TEST_CASE("counters: updates = epochs·⌈N/B⌉ and samples = epochs·N") {
  const LeastSquares data = noisy_line(10);
  const TrainingResult r = descend(data, {.epochs = 5, .batch_size = 3});
  CHECK(r.reason == TrainingStop::epochs_done);
  CHECK(r.state.updates == 20);
  CHECK(r.state.epochs == 5);
  CHECK(r.state.samples_seen == 50);
  CHECK(r.trace.steps().size() == 20);
  CHECK(r.trace.epochs().size() == 5);
  CHECK(r.trace.epochs()[2].updates == 12);
  CHECK(r.trace.steps().back().epoch == 5);

  const TrainingResult dropped =
      descend(data, {.epochs = 5, .batch_size = 3, .drop_last = true});
  CHECK(dropped.state.updates == 15);
  CHECK(dropped.state.samples_seen == 45);

  const TrainingResult budget =
      descend(data, {.epochs = 5, .batch_size = 3, .max_updates = 6});
  CHECK(budget.reason == TrainingStop::update_budget);
  CHECK(budget.state.updates == 6);
  CHECK(budget.state.epochs == 1);
  CHECK(budget.state.samples_seen == 16);  // 10 in epoch 1, then 3 + 3
}

TEST_CASE("two calls of one epoch equal one call of two: optimizer and sampler carry on") {
  const LeastSquares data = noisy_line(25);
  const ExponentialDecay schedule{.initial = 0.05, .rate = 0.02};  // η depends on the global count
  const TrainingOptions one_epoch{.epochs = 1, .batch_size = 4, .seed = 9};
  TrainingOptions two_epochs = one_epoch;
  two_epochs.epochs = 2;

  Momentum<> carried(0.9);
  const TrainingResult first = train(data, Vector::Zero(3), schedule, carried, one_epoch);
  const TrainingResult second = train(data, first.state, schedule, carried, one_epoch);
  Momentum<> once(0.9);
  const TrainingResult both = train(data, Vector::Zero(3), schedule, once, two_epochs);

  CHECK(second.state.x == both.state.x);  // bit for bit
  CHECK(carried.velocity() == once.velocity());
  CHECK(second.state.updates == 14);
  CHECK(second.state.epochs == 2);
  CHECK(second.state.samples_seen == 50);
  CHECK(second.trace.steps().front().update == 8);
  CHECK(second.trace.steps().front().learning_rate == schedule(7));

  Momentum<> forgetful(0.9);  // a fresh optimizer for the second epoch loses the velocity
  const TrainingResult restarted = train(data, first.state, schedule, forgetful, one_epoch);
  CHECK(restarted.state.x != both.state.x);
  CHECK((restarted.state.x - both.state.x).norm() > 1e-6);
}

TEST_CASE("early stopping stops after `patience` epochs without progress, keeping the best") {
  const LeastSquares data = noisy_line(12);
  const std::vector<double> validation{5.0, 4.0, 3.0, 3.5, 3.2, 2.0, 1.0};
  EarlyStopping stopper("validation_loss", 2);
  const TrainingHooks hooks{.on_epoch = [&](const EpochRecord& epoch, Metrics& metrics) {
    metrics.set("validation_loss", validation[static_cast<std::size_t>(epoch.epoch - 1)]);
    return stopper.keep_going(epoch, metrics);
  }};
  GradientDescent descent;
  TrainingResult r = train(data, Vector::Zero(3), ConstantRate{0.05}, descent,
                           {.epochs = 7, .batch_size = 5, .record_parameters = true}, hooks);
  CHECK(r.reason == TrainingStop::epoch_hook);
  CHECK(r.state.epochs == 5);  // epochs 4 and 5 did not beat epoch 3
  CHECK(stopper.best_epoch() == 3);
  CHECK(stopper.best_value() == 3.0);
  REQUIRE(r.trace.epochs().size() == 5);
  const Vector& at_best = r.trace.epochs()[2].parameters;
  CHECK(stopper.best_parameters() == at_best);
  CHECK(stopper.best_parameters() != r.state.x);
  r.state.x = stopper.best_parameters();  // restore the best epoch's parameters
  CHECK(r.state.x == at_best);
  CHECK(r.trace.epochs()[3].metrics.get("validation_loss") == 3.5);

  EarlyStopping forgetful("validation_loss", 2);
  Metrics without;
  const Vector x = Vector::Zero(3);
  CHECK_THROWS_AS(forgetful.keep_going(EpochRecord{.epoch = 1, .parameters = x}, without), std::logic_error);
}

TEST_CASE("divergence at a large learning rate is reported with its update, never a NaN") {
  const LeastSquares data = noisy_line(20);
  const double eta = 3.0;  // far above 2/λ_max
  const RunResult reference = minimize(data, Vector::Zero(3), eta, StopRules{.max_steps = 500});
  REQUIRE(reference.diverged());

  GradientDescent descent;
  const TrainingResult r = train(data, Vector::Zero(3), ConstantRate{eta}, descent,
                                 {.epochs = 500, .batch_size = 20, .sampling = Sampling::in_order});
  REQUIRE(r.diverged());
  CHECK(r.reason == TrainingStop::diverged);
  // minimize reports the step after which the loss blew up; train reports the next update,
  // the one that measured it and was refused.
  CHECK(r.divergence->step == reference.divergence->step + 1);
  CHECK(r.state.updates == reference.divergence->step);
  CHECK(r.divergence->loss == Approx(reference.divergence->loss).epsilon(1e-9));
  CHECK(r.state.x.allFinite());
  CHECK(std::isfinite(r.loss));
  CHECK((r.state.x - reference.x).norm() <= 1e-9 * reference.x.norm());
  CHECK(r.trace.steps().back().diverged);
  CHECK(r.trace.steps().back().update == r.divergence->step);

  GradientDescent sgd;  // one sample per batch blows up too, and is caught the same way
  const TrainingResult noisy =
      train(data, Vector::Zero(3), ConstantRate{20.0}, sgd, {.epochs = 100, .batch_size = 1});
  REQUIRE(noisy.diverged());
  CHECK(noisy.divergence->step >= 1);
  CHECK(noisy.state.x.allFinite());
  const std::string where = "step " + std::to_string(noisy.divergence->step);
  CHECK(describe(*noisy.divergence).find(where) != std::string::npos);
}

TEST_CASE("full-batch training with gradient descent takes the steps of minimize") {
  const LeastSquares data = noisy_line(40, 3);
  const double eta = 0.05;
  const RunResult reference = minimize(data, Vector::Zero(4), eta, StopRules{.max_steps = 30});
  GradientDescent descent;
  const TrainingResult r =
      train(data, Vector::Zero(4), ConstantRate{eta}, descent,
            {.epochs = 30, .batch_size = 40, .sampling = Sampling::shuffled, .record_parameters = true});
  REQUIRE(r.trace.steps().size() == 30);
  for (std::size_t u = 1; u <= 30; ++u) {
    const Vector& expected = reference.trace.rows()[u].x;
    CHECK((r.trace.steps()[u - 1].parameters - expected).norm() <= 1e-12 * std::max(1.0, expected.norm()));
    CHECK(r.trace.steps()[u - 1].batch_loss == Approx(reference.trace.rows()[u - 1].loss).epsilon(1e-12));
  }
}

TEST_CASE("thinning keeps every k-th update, the first, the last and the epoch ends with metrics") {
  const LeastSquares data = noisy_line(10);
  const auto run = [&](int every, const TrainingHooks& hooks = {}) {
    return descend(data, {.epochs = 5, .batch_size = 3, .record_every = every}, hooks);  // 20 updates
  };
  CHECK(updates_kept(run(7)) == std::vector<int>{1, 7, 14, 20});
  CHECK(updates_kept(run(0)) == std::vector<int>{1, 20});
  CHECK(updates_kept(run(1)).size() == 20);
  const TrainingHooks with_metric{.on_epoch = [](const EpochRecord& epoch, Metrics& metrics) {
    metrics.set("epoch_squared", epoch.epoch * epoch.epoch);
    return true;
  }};
  const TrainingResult r = run(7, with_metric);
  CHECK(updates_kept(r) == std::vector<int>{1, 4, 7, 8, 12, 14, 16, 20});
  CHECK(r.trace.steps()[4].metrics.get("epoch_squared") == 9.0);  // update 12 ends epoch 3
  CHECK(!r.trace.steps()[2].metrics.get("epoch_squared"));
}

TEST_CASE("the running average of the batch loss is bias-corrected") {
  const LeastSquares data = noisy_line(10);
  const TrainingResult r =
      descend(data, {.epochs = 1, .batch_size = 3, .loss_average = 0.5});
  const auto& steps = r.trace.steps();
  CHECK(steps[0].average_loss == steps[0].batch_loss);  // not pulled towards 0
  const double first = steps[0].batch_loss, second = steps[1].batch_loss, third = steps[2].batch_loss;
  CHECK(steps[1].average_loss == Approx((first + 2 * second) / 3.0).epsilon(1e-15));
  const double per_sample = (3 * (first + second + third) + steps[3].batch_loss) / 10;  // 3 + 3 + 3 + 1
  CHECK(r.trace.epochs()[0].mean_batch_loss == Approx(per_sample).epsilon(1e-15));
}

TEST_CASE("the step hook sees each update and can stop the run") {
  const LeastSquares data = noisy_line(10);
  std::vector<std::size_t> sizes;
  const TrainingHooks hooks{.on_step = [&](const StepRecord& step) {
    sizes.push_back(step.batch.size());
    return step.update < 6;
  }};
  const TrainingResult r = descend(data, {.epochs = 5, .batch_size = 3}, hooks);
  CHECK(r.reason == TrainingStop::step_hook);
  CHECK(describe(r.reason) == "stopped by the step hook");
  CHECK(r.state.updates == 6);
  CHECK(r.state.epochs == 1);
  CHECK(sizes == std::vector<std::size_t>{3, 3, 3, 1, 3, 3});
  CHECK_THROWS_AS(descend(data, {.batch_size = 0}), std::invalid_argument);
}

TEST_CASE("a 13,002-parameter model writes a CSV as wide as a 3-parameter one") {
  const auto dir = std::filesystem::temp_directory_path() / "descent-train-test";
  std::filesystem::remove_all(dir);
  const TrainingHooks hooks{.on_epoch = [](const EpochRecord& epoch, Metrics& metrics) {
    metrics.set("validation_loss", 1.0 / epoch.epoch);
    return true;
  }};
  const auto csv_of = [&](const LeastSquares& data, const std::string& name, bool parameters) {
    Adam<> adam;
    const TrainingResult r = train(data, Vector::Zero(data.dimension()), ConstantRate{1e-3}, adam,
                                   {.epochs = 25, .batch_size = 8, .record_parameters = parameters}, hooks);
    r.trace.write_csv(dir / (name + ".csv"));
    r.trace.write_epochs_csv(dir / (name + "-epochs.csv"));
    return lines_of(dir / (name + ".csv"));
  };
  const std::vector<std::string> big = csv_of(noisy_line(40, 13001), "big", false);
  const std::vector<std::string> small = csv_of(noisy_line(40, 2), "small", false);
  const std::vector<std::string> small_x = csv_of(noisy_line(40, 2), "small-x", true);

  REQUIRE(big.size() == 126);  // a header and 25 epochs × 5 updates
  CHECK(big[0] == "update,epoch,samples,batch_loss,average_loss,grad_norm,lr,validation_loss,status");
  CHECK(cells_of(big[0]).size() == cells_of(small[0]).size());
  for (const std::string& line : big) CHECK(cells_of(line).size() == 9);
  CHECK(cells_of(big[1])[7].empty());          // update 1: no metric
  CHECK(cells_of(big[5])[7] == "1");           // update 5 ends epoch 1
  CHECK(cells_of(small_x[0]).size() == 12);     // x0, x1, x2 appear only when asked for
  CHECK(lines_of(dir / "big-epochs.csv")[0] == "epoch,updates,samples,mean_batch_loss,validation_loss");
  CHECK(lines_of(dir / "big-epochs.csv")[25].rfind("25,125,1000,", 0) == 0);
  std::filesystem::remove_all(dir);
}
