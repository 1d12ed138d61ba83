// Chapter 9 — Data parallelism: K replicas on K threads, each with a shard of the data.
//
// Shows that K workers averaging their shard gradients take the full-batch step; measures the
// speed-up against the number of threads beside the machine's memory bandwidth; checks that
// gradient accumulation equals the big batch; compares local SGD and federated averaging by
// communication rounds; counts the bytes of plain, compressed and ring all-reduces; computes
// the bubble of pipeline parallelism. Run with --help for the flags.

#include "problem.hpp"

#include "descent/all_reduce.hpp"
#include "descent/chapter.hpp"
#include "descent/classifier.hpp"
#include "descent/fashion_mnist.hpp"
#include "descent/mlp.hpp"
#include "descent/compression.hpp"
#include "descent/data_parallel.hpp"
#include "descent/format.hpp"
#include "descent/optimizer.hpp"
#include "descent/plot.hpp"
#include "descent/random.hpp"
#include "descent/run_output.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <numeric>

namespace {

using namespace descent;
using chapter9::check_workers;
using chapter9::divergence_text;
using chapter9::regression;

std::string sizes_text(const std::vector<RowRange>& shards) {
  std::string text;
  for (const RowRange& s : shards) text += (text.empty() ? "" : ", ") + std::to_string(s.count);
  return text;
}

// The largest |a_i − b_i| over the largest |b_i|.
double relative_gap(const Vector& a, const Vector& b) {
  return (a - b).cwiseAbs().maxCoeff() / b.cwiseAbs().maxCoeff();
}

// ---------------------------------------------------------------------------------------
// Experiment "replicas": K workers take the one-worker full-batch step.

struct ReplicasSettings {
  chapter9::RunSettings run;
  void declare(CommandLine& cli) { run.declare(cli); }
};

// Plain gradient descent from θ = 0 on one thread, `evaluate(θ)` giving the loss and the
// gradient, stopped by the rule the replicas stop by: the references the replicas and the
// micro-batches are held against.
// [one_thread_descent]
template <class Evaluate>
ReplicaResult one_thread_descent(const LeastSquares& loss, const chapter9::RunSettings& s,
                                 Evaluate evaluate) {
  ReplicaResult run;
  run.parameters = Vector::Zero(loss.dimension());
  for (int t = 0; t < s.steps; ++t) {
    const Evaluation at = evaluate(run.parameters);
    run.losses.push_back(at.value);
    if (blew_up(at.value, run.losses.front(), default_explosion_factor)) {
      run.diverged_at = t;
      break;
    }
    run.parameters -= s.learning_rate * at.gradient;
  }
  return run;
}
// [one_thread_descent]

// The fewest samples the layouts below can share out: one in every shard of the 1%/29%/70% split.
constexpr int fewest_replica_samples = 7;

int replicas_experiment(const CommandLine& /*cli*/, const ReplicasSettings& settings) {
  const chapter9::RunSettings& s = settings.run;
  if (s.samples < fewest_replica_samples) {
    throw UsageError("--samples must be at least " + std::to_string(fewest_replica_samples) +
                     " for replicas: it splits them 1%, 29%, 70% (got " + std::to_string(s.samples) + ")");
  }
  const LeastSquares loss = regression(s.samples, s.features, std::uint64_t(s.seed));
  // The reference: the full batch, Eigen's two passes (residuals, then the gradient).
  const ReplicaResult full_batch = one_thread_descent(loss, s, [&](const Vector& theta) {
    return Evaluation{loss.value(theta), loss.gradient(theta)};
  });
  const Vector& reference = full_batch.parameters;
  std::vector<std::vector<RowRange>> layouts;
  for (int k = 1; k <= 4; ++k) layouts.push_back(even_shards(s.samples, k));
  const Eigen::Index tenth = std::max<Eigen::Index>(1, s.samples / 100);  // unequal: 1%, 29%, 70%
  layouts.push_back(shards_of_sizes({tenth, (3 * s.samples) / 10 - tenth, s.samples - (3 * s.samples) / 10}));
  std::cout << "Least squares on N = " << s.samples << " samples, d = " << s.features
            << " features and a bias (seed " << s.seed << ");\nplain gradient descent, η = "
            << format_number(s.learning_rate) << ", " << s.steps << " steps from θ = 0\n"
            << "Reference: one thread, the full batch, "
            << (full_batch.diverged_at >= 0 ? divergence_text(full_batch.diverged_at, full_batch.losses.back())
                                            : "L = " + format_number(loss.value(reference), 12))
            << "\n\n";
  const Vector first_step = -s.learning_rate * loss.gradient(Vector::Zero(loss.dimension()));
  TextTable table({"workers K", "shard sizes", "L after the steps", "gap after step 1",
                   "after step " + std::to_string(s.steps), "replicas"});
  table.align_left(1);
  for (const auto& shards : layouts) {
    // [replicas_run]
    const std::vector<ReplicaResult> replicas =
        train_on_threads(loss, shards, Vector::Zero(loss.dimension()), GradientDescent{},
                         {.steps = s.steps, .learning_rate = s.learning_rate});
    // [replicas_run]
    const Vector one_step = train_on_threads(loss, shards, Vector::Zero(loss.dimension()), GradientDescent{},
                                             {.steps = 1, .learning_rate = s.learning_rate})
                                .front()
                                .parameters;
    const Vector& theta = replicas.front().parameters;
    const bool equal = std::ranges::all_of(replicas, [&](const ReplicaResult& r) {
      return (r.parameters.array() == theta.array()).all();
    });
    const ReplicaResult& first = replicas.front();
    const double first_gap = relative_gap(one_step, first_step);  // not finite if step 1 overflowed
    table.add_row({std::to_string(shards.size()), sizes_text(shards),
                   first.diverged_at >= 0 ? divergence_text(first.diverged_at, first.losses.back())
                                          : format_number(loss.value(theta), 12),
                   std::isfinite(first_gap) ? format_scientific(first_gap, 2) : "—",
                   first.diverged_at >= 0 || full_batch.diverged_at >= 0
                       ? "—"
                       : format_scientific(relative_gap(theta, reference), 2),
                   equal ? "equal bit for bit" : "DIFFER"});
  }
  std::cout << "Gap: the largest |θ_j − θ_ref,j| over the largest |θ_ref,j|, where θ_ref comes from\n"
               "the one-thread full batch (Eigen's two passes: residuals, then the gradient)\n\n"
            << table.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "run": one data-parallel run, printed to the last digit (data_parallel_mpi
// prints the same lines for the same flags).

struct RunExperimentSettings {
  chapter9::RunSettings run;
  void declare(CommandLine& cli) {
    run.declare_workers(cli);
    run.declare(cli);
  }
};

int run_experiment(const CommandLine& /*cli*/, const RunExperimentSettings& settings) {
  const chapter9::RunSettings& s = settings.run;
  check_workers(s.workers, s.samples, "--workers");
  const LeastSquares loss = regression(s.samples, s.features, std::uint64_t(s.seed));
  const std::vector<RowRange> shards = even_shards(s.samples, s.workers);
  const std::vector<ReplicaResult> replicas =
      train_on_threads(loss, shards, Vector::Zero(loss.dimension()), GradientDescent{},
                       {.steps = s.steps, .learning_rate = s.learning_rate});
  const ReplicaResult& r = replicas.front();
  std::cout << s.workers << " worker threads, shards of " << sizes_text(shards) << " samples, "
            << s.steps << " steps, η = " << format_number(s.learning_rate) << "\n";
  std::cout << chapter9::run_report(r);
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "speedup": time per full gradient against worker threads, beside the memory.

struct SpeedupSettings {
  int rows = 1'000'000;
  int features = 64;
  int max_workers = 4;
  int repeats = 5;
  int network_batch = 4096;
  void declare(CommandLine& cli) {
    cli.integer("rows", rows, "N, rows of the least-squares data", 1000, 100'000'000)
        .integer("features", features, "d, columns", 1, 10'000)
        .integer("network-batch", network_batch,
                 "images in one training step of a 784-128-10 network on Fashion-MNIST (0: skip)", 0, 60'000)
        .integer("max-workers", max_workers, "time K = 1 … this many threads", 1, 64)
        .integer("repeats", repeats, "timings of each K; the fastest is kept", 1, 1000);
  }
};

using Clock = std::chrono::steady_clock;

// The fastest of `repeats` timings of `work()`, in seconds, after one run that is not timed
// (it pays for first touches of freshly allocated memory, which later runs reuse).
template <class Work>
double fastest(int repeats, Work work) {
  work();
  double best = INFINITY;
  for (int r = 0; r < repeats; ++r) {
    const auto start = Clock::now();
    work();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

// The fastest time of one data-parallel gradient on K threads: shard means, then all-reduce.
template <SampleObjective F>
double time_step(const F& loss, const Vector& theta, Eigen::Index samples, int k, int repeats) {
  const std::vector<RowRange> shards = even_shards(samples, k);
  ThreadAllReduce reduce(k);
  volatile double sink = 0.0;  // keeps the timed work from being optimised away
  // [timed_step]
  return fastest(repeats, [&] {
    const std::vector<Evaluation> results = on_threads(k, [&](int w) {
      return reduce.all_reduce(w, shard_mean(loss, theta, shards[std::size_t(w)]));
    });
    sink = sink + results.front().gradient[0];
  });
  // [timed_step]
}

// Arithmetic with no memory traffic, shared out among K threads: what the cores alone give.
// (If this does not speed up, the cores are busy with other work, not free for the threads.)
double arithmetic_only(int workers) {
  constexpr std::int64_t total = 60'000'000;  // multiply-adds, split evenly
  const std::vector<double> results = on_threads(workers, [&](int w) {
    // A start the compiler cannot know: with a constant one it may work out the loop's result
    // while compiling, and the "arithmetic" would then time only the threads' start.
    const volatile double start = 1.0 + w;
    double x = start;
    for (std::int64_t i = 0; i < total / workers; ++i) x = x * 0.999999 + 1e-6;
    return x;
  });
  return results.front();
}

// Reads every number of `values` once, on K threads (each sums its own part): the time memory
// needs to deliver the data, with almost no arithmetic.
double read_all(std::span<const double> values, int workers) {
  const std::vector<RowRange> parts = even_shards(static_cast<Eigen::Index>(values.size()), workers);
  const std::vector<double> sums = on_threads(workers, [&](int k) {
    const RowRange p = parts[static_cast<std::size_t>(k)];
    std::array<double, 4> lane{};
    for (Eigen::Index i = p.first; i + 4 <= p.first + p.count; i += 4) {
      for (int l = 0; l < 4; ++l) lane[l] += values[static_cast<std::size_t>(i + l)];
    }
    return (lane[0] + lane[1]) + (lane[2] + lane[3]);
  });
  return std::accumulate(sums.begin(), sums.end(), 0.0);
}

int speedup_experiment(const CommandLine& cli, const SpeedupSettings& s) {
  const LeastSquares loss = regression(s.rows, s.features, 1, "--rows");
  const Vector theta = Vector::Constant(loss.dimension(), 0.5);
  const double bytes = 8.0 * static_cast<double>(s.rows) * (s.features + 1);  // X and y
  const std::span<const double> matrix(loss.features().data(), std::size_t(loss.features().size()));
  std::cout << "Gradient of least squares on N = " << s.rows << " rows × d = " << s.features
            << " features (" << format_bytes(bytes) << " of data),\nK worker threads, each one fused pass"
            << " over its shard. The machine has " << std::thread::hardware_concurrency()
            << " hardware threads.\nFastest of " << s.repeats << " timings.\n\n";
  TextTable table({"K", "gradient", "speed-up", "ideal", "read X only", "bandwidth", "reading",
                   "arithmetic only"});
  LinePlot plot{.title = "speed-up over one thread: a least-squares gradient, a network's step",
                .x_label = "worker threads K",
                .y_label = "speed-up over one thread"};
  Series ideal{"ideal: K", {}, {}, SeriesStyle::lines};
  Series measured{"gradient, measured", {}, {}, SeriesStyle::lines_points};
  Series reading{"reading the data alone", {}, {}, SeriesStyle::lines_points};
  Series computing{"arithmetic alone", {}, {}, SeriesStyle::lines_points};
  double one_gradient = 0.0;
  double one_read = 0.0;
  double one_arithmetic = 0.0;
  volatile double sink = 0.0;
  for (int k = 1; k <= s.max_workers; ++k) {
    const double gradient = time_step(loss, theta, s.rows, k, s.repeats);
    const double read = fastest(s.repeats, [&] { sink = sink + read_all(matrix, k); });
    const double arithmetic = fastest(s.repeats, [&] { sink = sink + arithmetic_only(k); });
    if (k == 1) {
      one_gradient = gradient;
      one_read = read;
      one_arithmetic = arithmetic;
    }
    const double matrix_bytes = 8.0 * static_cast<double>(matrix.size());
    table.add_row({std::to_string(k), format_number(1e3 * gradient, 3) + " ms",
                   format_number(one_gradient / gradient, 3) + "×", std::to_string(k) + "×",
                   format_number(1e3 * read, 3) + " ms",
                   format_number(matrix_bytes / read / 1e9, 3) + " GB/s",
                   format_number(one_read / read, 3) + "×", format_number(one_arithmetic / arithmetic, 3) + "×"});
    ideal.x.push_back(k);
    ideal.y.push_back(k);
    measured.x.push_back(k);
    measured.y.push_back(one_gradient / gradient);
    reading.x.push_back(k);
    reading.y.push_back(one_read / read);
    computing.x.push_back(k);
    computing.y.push_back(one_arithmetic / arithmetic);
  }
  std::ifstream load_file("/proc/loadavg");
  std::string load = "unknown";
  load_file >> load;
  std::cout << table.str()
            << "\nSpeed-ups are over one thread. Reading: a loop that only reads X and adds it up.\n"
               "Arithmetic: 60 million multiply-adds shared out among the threads, touching no memory.\n"
            << "Load average (runnable threads, last minute) when measured: " << load
            << " on " << std::thread::hardware_concurrency() << " hardware threads.\n";
  // Which limit set one thread's pace: the gradient reads X and y once, so at the measured
  // bandwidth reading alone would take `reading_time`; much more than that is arithmetic.
  const double reading_time = bytes / (8.0 * static_cast<double>(matrix.size()) / one_read);
  const double ratio = one_gradient / reading_time;
  std::cout << "One gradient reads the " << format_bytes(bytes) << " once: at one thread's bandwidth that alone takes "
            << format_number(1e3 * reading_time, 3) << " ms.\nOne thread's gradient took "
            << format_number(ratio, 2) << "× that: "
            << (ratio > 1.3 ? "its arithmetic, more than the memory, set its pace.\n"
                            : "the memory, more than the arithmetic, set its pace.\n");
  plot.series = {ideal, measured, reading, computing};
  if (s.network_batch > 0) {
    // A training step of Chapter 8's network: forward and backward passes of its images.
    const LabelledData images = load_fashion_mnist(FashionMnistSplit::train).first(s.network_batch);
    const Mlp network(Architecture{.widths = {784, 128, 10}, .hidden = Activation::relu});
    const ClassifierLoss network_loss(network, images);
    const Vector x = network.initial_parameters({.scheme = InitScheme::he, .seed = 1});
    TextTable steps({"K", "network step", "speed-up", "ideal"});
    Series curve{"network step, measured", {}, {}, SeriesStyle::lines_points};
    double one = 0.0;
    for (int k = 1; k <= s.max_workers; ++k) {
      const double step = time_step(network_loss, x, s.network_batch, k, s.repeats);
      if (k == 1) one = step;
      steps.add_row({std::to_string(k), format_number(1e3 * step, 3) + " ms", format_number(one / step, 3) + "×",
                     std::to_string(k) + "×"});
      curve.x.push_back(k);
      curve.y.push_back(one / step);
    }
    std::cout << "\nA training step of a 784-128-10 ReLU network (" << network.parameter_count()
              << " parameters)\non " << s.network_batch << " Fashion-MNIST images, split among K threads:\n\n"
              << steps.str();
    plot.series.push_back(std::move(curve));
  }
  save_figure(cli, plot, ".svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "accumulation": micro-batches added up before one step equal the big batch.

struct AccumulationSettings {
  chapter9::RunSettings run{.samples = 1024};
  int micro_batches = 8;
  void declare(CommandLine& cli) {
    run.declare(cli);
    cli.integer("micro-batches", micro_batches, "micro-batches the batch is cut into", 1, 1'000'000);
  }
};

int accumulation_experiment(const CommandLine& /*cli*/, const AccumulationSettings& settings) {
  const chapter9::RunSettings& s = settings.run;
  check_workers(settings.micro_batches, s.samples, "--micro-batches");
  const LeastSquares loss = regression(s.samples, s.features, std::uint64_t(s.seed));
  const std::vector<RowRange> whole{{0, s.samples}};
  const Eigen::Index first = std::max<Eigen::Index>(1, s.samples / (4 * settings.micro_batches));
  std::cout << "Least squares on N = " << s.samples << " samples, d = " << s.features << " (seed " << s.seed
            << "): " << s.steps << " steps of η = " << format_number(s.learning_rate)
            << ",\neach on the whole batch, or accumulated over micro-batches. Gap: the largest difference\n"
            << "from the whole batch's vector, over its largest entry.\n\n";
  TextTable table({"micro-batches", "sizes", "gradient gap, θ = 0", "θ gap at the end"});
  table.align_left(1);
  const Evaluation big_start = accumulated(loss, Vector::Zero(loss.dimension()), whole);
  const ReplicaResult big = one_thread_descent(loss, s, [&](const Vector& theta) {
    return accumulated(loss, theta, whole);
  });
  if (big.diverged_at >= 0) {
    std::cout << "The whole batch " << divergence_text(big.diverged_at, big.losses.back()) << "; lower --lr\n\n";
  }
  const std::vector<std::vector<RowRange>> layouts{
      even_shards(s.samples, settings.micro_batches),
      settings.micro_batches == 1 ? whole
                                  : shards_of_sizes({first, s.samples - first})};  // a small, a big
  for (const auto& micro : layouts) {
    // [accumulated_steps]
    const ReplicaResult run = one_thread_descent(loss, s, [&](const Vector& theta) {
      return accumulated(loss, theta, micro);  // all micro-batches, then one step
    });
    // [accumulated_steps]
    const Vector g = accumulated(loss, Vector::Zero(loss.dimension()), micro).gradient;
    table.add_row({std::to_string(micro.size()), sizes_text(micro),
                   format_scientific(relative_gap(g, big_start.gradient), 2),
                   run.diverged_at >= 0 ? divergence_text(run.diverged_at, run.losses.back())
                   : big.diverged_at >= 0 ? "—"
                                          : format_scientific(relative_gap(run.parameters, big.parameters), 2)});
  }
  std::cout << table.str() << "\nThe unweighted mean of the two unequal micro-batch means would have a gap of "
            << format_scientific(relative_gap(0.5 * (shard_mean(loss, Vector::Zero(loss.dimension()), layouts[1].front())
                                                         .mean.gradient +
                                                     shard_mean(loss, Vector::Zero(loss.dimension()), layouts[1].back())
                                                         .mean.gradient),
                                              big_start.gradient),
                                 2)
            << " at θ = 0.\n";
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "local-sgd": average every H steps; federated averaging on skewed shards.

struct LocalSgdExperimentSettings {
  std::string data = "regression";
  int workers = 4;
  int samples = 4000;
  int rounds = 40;
  Vector sync_every{{1.0, 4.0, 16.0}};
  int batch_size = 8;
  double learning_rate = 0.02;
  int seed = 1;
  void declare(CommandLine& cli) {
    cli.choice("data", data, "regression: least squares, 8 features; fashion-mnist: a 784-32-10 network",
               {"regression", "fashion-mnist"})
        .integer("workers", workers, "K, replicas, at most --samples", 1, chapter9::most_threads)
        .integer("samples", samples, "N, samples shared out (the first N of Fashion-MNIST's training set)", 1,
                 10'000'000)
        .integer("rounds", rounds, "communication rounds of each run", 1, 100'000)
        .vector("sync-every", sync_every, "the H values compared: local steps between two averages")
        .integer("batch-size", batch_size, "samples per local SGD step", 1, 1'000'000)
        .real("lr", learning_rate, "η of the local steps", RealRange::positive())
        .integer("seed", seed, "seed of the data, the first weights and the draws", 0, 1'000'000'000);
  }
};

// The same samples twice: dealt at random (i.i.d. shards) and sorted by label or target
// (label-skewed shards: worker k gets the k-th band of labels), with what to measure.
template <SampleObjective F>
struct FederatedProblem {
  F iid;
  F skewed;
  std::function<double(const Vector&)> measure;  // what the figure shows, on all the samples
  std::string measured;                          // its name
  Vector start;
};

// Rows ordered by `key`, ties kept in order.
std::vector<Eigen::Index> order_by(Eigen::Index n, const std::function<double(Eigen::Index)>& key) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::ranges::stable_sort(order, [&](Eigen::Index a, Eigen::Index b) { return key(a) < key(b); });
  return order;
}

template <SampleObjective F>
int federated_comparison(const CommandLine& cli, const LocalSgdExperimentSettings& s,
                         const std::vector<int>& sync, const FederatedProblem<F>& p) {
  const std::vector<RowRange> shards = even_shards(p.iid.samples(), s.workers);
  TextTable table({"shards", "H", "samples seen", p.measured + " after round 1", "after half", "at the end"});
  LinePlot by_round{.title = "against communication rounds", .x_label = "communication rounds",
                    .y_label = p.measured, .log_y = true};
  LinePlot by_sample{.title = "against samples", .x_label = "samples seen (all workers)",
                     .y_label = p.measured, .log_x = true, .log_y = true};
  struct Case {
    bool skewed;
    int h;
  };
  std::vector<Case> cases;
  for (const int h : sync) cases.push_back({false, h});
  cases.push_back({true, sync.back()});
  if (sync.size() > 1) cases.push_back({true, sync.front()});
  for (const Case& c : cases) {
    const F& loss = c.skewed ? p.skewed : p.iid;
    const LocalSgdSettings settings{.rounds = s.rounds, .sync_every = c.h, .batch_size = s.batch_size,
                                    .learning_rate = s.learning_rate, .seed = std::uint64_t(s.seed)};
    // [local_sgd_run]
    ThreadAllReduce reduce(s.workers);
    const auto histories = on_threads(s.workers, [&](int k) {
      return local_sgd_replica(loss, shards[std::size_t(k)], p.start, reduce, k, settings);
    });
    // [local_sgd_run]
    const std::vector<Vector>& history = histories.front();
    const std::string title = (c.skewed ? "fedavg, skewed, H = " : "local SGD, H = ") + std::to_string(c.h);
    Series rounds{title, {}, {}, SeriesStyle::lines};
    Series samples{title, {}, {}, SeriesStyle::lines};
    const double per_round = double(s.workers) * c.h * s.batch_size;
    const double first = p.measure(history.front());
    int diverged_in = -1;  // the round whose average blew up (descent::blew_up), if any
    double blown = 0.0;
    for (std::size_t r = 1; r < history.size(); ++r) {
      const double measured = p.measure(history[r]);
      if (blew_up(measured, first, default_explosion_factor)) {
        diverged_in = int(r);
        blown = measured;
        break;
      }
      rounds.x.push_back(double(r));
      rounds.y.push_back(measured);
      samples.x.push_back(per_round * double(r));
    }
    const auto at = [&](int r) -> std::string {
      if (diverged_in < 0 || r < diverged_in) return format_scientific(rounds.y[std::size_t(r) - 1], 2);
      if (r < s.rounds) return "—";
      return "diverged in round " + std::to_string(diverged_in) + ": " + format_number(blown);
    };
    table.add_row({c.skewed ? "label-skewed" : "i.i.d.", std::to_string(c.h), format_number(per_round * s.rounds),
                   at(1), at((s.rounds + 1) / 2), at(s.rounds)});
    // A log axis has no 0: a gap that rounding took to 0 or below is drawn at the figure's floor.
    for (double& y : rounds.y) y = std::max(y, 1e-15);
    samples.y = rounds.y;
    by_round.series.push_back(std::move(rounds));
    by_sample.series.push_back(std::move(samples));
  }
  std::cout << table.str();
  if (!drawable_or_explained(cli, by_round, "every run blew up in its first round; lower --lr")) return 0;
  save_figure(cli, std::vector<LinePlot>{by_round, by_sample}, 2, ".svg",
              "local SGD and federated averaging: " + p.measured + " of the averaged parameters");
  return 0;
}

int local_sgd_experiment(const CommandLine& cli, const LocalSgdExperimentSettings& s) {
  check_workers(s.workers, s.samples, "--workers");
  const Mlp network(Architecture{.widths = {784, 32, 10}, .hidden = Activation::relu});
  // Every replica keeps its parameters after every round, for the curves.
  const Eigen::Index parameters = s.data == "regression" ? 9 : network.parameter_count();
  require_memory(8.0 * double(parameters) * double(s.rounds + 1) * double(s.workers),
                 "--rounds " + std::to_string(s.rounds) + " with --workers " + std::to_string(s.workers) +
                     " and --data " + s.data,
                 "the parameters of every replica after every round");
  if (s.batch_size > s.samples / s.workers) {
    throw UsageError("--batch-size must be at most a shard's " + std::to_string(s.samples / s.workers) +
                     " samples (--samples / --workers; got " + std::to_string(s.batch_size) + ")");
  }
  std::vector<int> sync;
  for (const double h : s.sync_every) {
    if (h < 1 || h != std::floor(h) || h > 1e6) {
      throw UsageError("--sync-every must list whole numbers from 1 to 1000000 (got " + format_number(h) + ")");
    }
    sync.push_back(static_cast<int>(h));
  }
  const std::string common = std::to_string(s.workers) + " replicas, local SGD with batches of " +
                             std::to_string(s.batch_size) + ", η = " + format_number(s.learning_rate) + ", " +
                             std::to_string(s.rounds) + " rounds; replicas averaged every H steps.\n" +
                             "Shards i.i.d. (independent, identically distributed): each a fair random share "
                             "of the data.\n";
  if (s.data == "regression") {
    const LeastSquares shuffled = regression(s.samples, 8, std::uint64_t(s.seed));  // i.i.d. rows
    const auto& y = shuffled.targets();
    const double minimum = shuffled.value(shuffled.closed_form());
    std::cout << "Least squares, N = " << s.samples << " samples, 8 features, L* = " << format_number(minimum, 6)
              << ";\n" << common << "Label-skewed shards (federated averaging): sorted by y, each worker a band of"
              << " targets.\n\n";
    return federated_comparison<LeastSquares>(
        cli, s, sync,
        {shuffled, shuffled.rows(order_by(s.samples, [&](Eigen::Index i) { return y[i]; })),
         [&](const Vector& x) { return shuffled.value(x) - minimum; }, "L − L*", Vector::Zero(9)});
  }
  const LabelledData training = load_fashion_mnist(FashionMnistSplit::train);
  if (s.samples > training.size()) {
    throw UsageError("--samples must be at most the " + std::to_string(training.size()) +
                     " training images with --data fashion-mnist (got " + std::to_string(s.samples) + ")");
  }
  // [fashion_shards]
  const LabelledData images = training.first(s.samples);  // the first N training images
  const auto label = [&](Eigen::Index i) { return images.labels[std::size_t(i)]; };
  const LabelledData sorted = images.subset(order_by(images.size(), label));
  // [fashion_shards]
  const LabelledData watched = images.first(std::min<Eigen::Index>(images.size(), 2000));
  const ClassifierLoss watch(network, watched);
  std::cout << "Fashion-MNIST, the first " << s.samples << " training images, a 784-32-10 ReLU network ("
            << network.parameter_count() << " parameters);\n" << common
            << "Label-skewed shards (federated averaging): sorted by label, each worker holds "
            << format_number(10.0 / s.workers, 3) << " of the 10 classes.\nThe loss is measured on the first "
            << watched.size() << " images.\n\n";
  return federated_comparison<ClassifierLoss>(
      cli, s, sync,
      {ClassifierLoss(network, images), ClassifierLoss(network, sorted),
       [&](const Vector& x) { return watch.value(x); }, "cross-entropy",
       network.initial_parameters({.scheme = InitScheme::he, .seed = std::uint64_t(s.seed)})});
}

// ---------------------------------------------------------------------------------------
// Experiment "compression": bytes per step and the loss, plain against compressed.

struct CompressionSettings {
  int workers = 4;
  int samples = 2048;
  int features = 64;
  int steps = 150;
  int keep = 4;
  double learning_rate = 0.1;
  void declare(CommandLine& cli) {
    cli.integer("workers", workers, "K, worker threads, at most --samples", 1, chapter9::most_threads)
        .integer("samples", samples, "N, samples", 1, 10'000'000)
        .integer("features", features, "d, features (d + 1 parameters)", 1, 10'000)
        .integer("steps", steps, "steps of gradient descent", 1, 1'000'000)
        .integer("keep", keep, "k of top-k: entries each worker sends", 1, 1'000'000)
        .real("lr", learning_rate, "η", RealRange::positive());
  }
};

struct CompressedRun {
  std::vector<double> losses;       // before each step; a diverged run ends with the loss that blew up
  std::int64_t bytes_per_step = 0;  // by one worker
  int diverged_at = -1;
};

template <Compressor C>
CompressedRun compressed_run(const LeastSquares& loss, const std::vector<RowRange>& shards, const C& compressor,
                             const CompressionSettings& s) {
  ThreadAllReduce plain(s.workers);
  const Vector start = Vector::Zero(loss.dimension());
  const DataParallelSettings steps{.steps = s.steps, .learning_rate = s.learning_rate};
  // [compressed_run]
  CompressedAllReduce reduce(plain, compressor);  // a decorator: same loop, fewer bytes
  const auto replicas = on_threads(s.workers, [&](int k) {
    return data_parallel_replica(loss, shards[std::size_t(k)], start, GradientDescent{},
                                 reduce, k, steps);
  });
  // [compressed_run]
  const std::vector<double>& losses = replicas.front().losses;  // one all-reduce per loss
  return {losses, reduce.bytes_sent(0) / std::int64_t(losses.size()), replicas.front().diverged_at};
}

int compression_experiment(const CommandLine& cli, const CompressionSettings& s) {
  check_workers(s.workers, s.samples, "--workers");
  const LeastSquares loss = regression(s.samples, s.features, 1);
  if (s.keep > loss.dimension()) {
    throw UsageError("--keep must be at most the " + std::to_string(loss.dimension()) + " parameters (got " +
                     std::to_string(s.keep) + ")");
  }
  const double minimum = loss.value(loss.closed_form());
  const std::vector<RowRange> shards = even_shards(s.samples, s.workers);
  const TopK top{.k = s.keep};
  std::vector<std::pair<std::string, CompressedRun>> runs{
      {"plain (8-byte doubles)", compressed_run(loss, shards, Uncompressed{}, s)},
      {top.name() + ", no memory", compressed_run(loss, shards, top, s)},
      {top.name() + " + error feedback", compressed_run(loss, shards, ErrorFeedback(top), s)},
      {"8-bit + error feedback", compressed_run(loss, shards, ErrorFeedback(EightBit{}), s)}};
  std::cout << "Least squares, N = " << s.samples << ", " << loss.dimension() << " parameters, L* = "
            << format_number(minimum, 6) << ";\n" << s.workers << " workers, gradient descent η = "
            << format_number(s.learning_rate) << ", " << s.steps << " steps\n"
            << "L* is the lowest loss, from the normal equations; it is rounded too, so once a run reaches it,\n"
            << "L − L* is a rounding error of either sign (a few 1e-16).\n\n";
  TextTable table({"all-reduce", "bytes per worker per step", "of plain", "L − L* after 50 steps", "at the end"});
  LinePlot plot{.title = "compressed gradients: the loss by step", .x_label = "step", .y_label = "L − L*",
                .log_y = true};
  const double plain_bytes = double(runs.front().second.bytes_per_step);
  for (const auto& [name, run] : runs) {
    Series curve{name, {}, {}, SeriesStyle::lines};
    const std::size_t finite = run.diverged_at >= 0 ? std::size_t(run.diverged_at) : run.losses.size();
    for (std::size_t t = 0; t < finite; ++t) {  // a blown-up loss is reported, not drawn
      curve.x.push_back(double(t));
      curve.y.push_back(run.losses[t] - minimum);
    }
    const auto at = [&](std::size_t t) -> std::string {
      if (t < finite) return format_scientific(run.losses[t] - minimum, 2);  // may round below 0 at L*
      return "—";  // after the blow-up, reported in the last column
    };
    const std::string end =
        run.diverged_at < 0 ? at(run.losses.size() - 1) : divergence_text(run.diverged_at, run.losses.back());
    for (double& y : curve.y) y = std::max(y, 1e-15);  // the log axis shows it at its floor
    table.add_row({name, std::to_string(run.bytes_per_step),
                   format_number(100.0 * double(run.bytes_per_step) / plain_bytes, 3) + "%",
                   at(std::min<std::size_t>(50, std::size_t(s.steps) - 1)), end});
    plot.series.push_back(std::move(curve));
  }
  std::cout << table.str();
  if (drawable_or_explained(cli, plot, "every run blew up at its first step; lower --lr")) {
    save_figure(cli, plot, ".svg");
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "ring": the ring all-reduce, its result and its bytes.

struct RingSettings {
  int values = 1'000'000;
  int max_workers = 4;
  void declare(CommandLine& cli) {
    cli.integer("values", values, "n, numbers in the vector summed", 1, 100'000'000)
        .integer("max-workers", max_workers, "run the ring for K = 2 … this many threads", 2, 64);
  }
};

int ring_experiment(const CommandLine& /*cli*/, const RingSettings& s) {
  // Each of K workers holds its part, a copy being summed and its result, beside the reference.
  require_memory(8.0 * double(s.values) * (3.0 * s.max_workers + 1.0),
                 "--values " + std::to_string(s.values) + " with --max-workers " + std::to_string(s.max_workers),
                 "the workers' vectors");
  std::cout << "Summing a vector of n = " << s.values << " doubles (" << format_bytes(8.0 * s.values)
            << ") held by each of K threads\n\n";
  TextTable table({"K", "ring: each sends", "2(K−1)/K·n·8", "gather: root sends", "others send",
                   "ring − fixed order"});
  for (int k = 2; k <= s.max_workers; ++k) {
    std::vector<Vector> parts;
    Random random{std::uint64_t(k)};
    for (int w = 0; w < k; ++w) {
      Vector part(s.values);
      for (double& x : part) x = random.normal();
      parts.push_back(std::move(part));
    }
    Vector fixed_order = parts[0];
    for (int w = 1; w < k; ++w) fixed_order += parts[std::size_t(w)];
    // [ring_run]
    RingAllReduce ring(k);
    const std::vector<Vector> sums = on_threads(k, [&](int w) {
      Vector mine = parts[std::size_t(w)];
      ring.ring_sum(w, mine);  // now the sum over all K workers
      return mine;
    });
    // [ring_run]
    double gap = 0.0;
    for (const Vector& sum : sums) gap = std::max(gap, relative_gap(sum, fixed_order));
    const double n = s.values;
    table.add_row({std::to_string(k), format_bytes(double(ring.bytes_sent(0))),
                   format_bytes(2.0 * (k - 1) / k * n * 8), format_bytes((k - 1) * n * 8), format_bytes(n * 8),
                   format_scientific(gap, 2)});
  }
  std::cout << table.str()
            << "\nGather to one: every other worker sends its vector to the root, which adds them and sends\n"
               "the sum back to each. In both schemes a worker receives as many bytes as it sends.\n"
               "Ring − fixed order: the ring's sum against the fixed-order sum, the largest difference\n"
               "on any worker over the largest entry.\n";
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "pipeline": the idle share of a pipeline of p stages and m micro-batches.

int pipeline_experiment(const CommandLine& /*cli*/, const NoSettings& /*s*/) {
  const std::vector<int> micro{1, 4, 8, 16, 32, 64};
  std::vector<std::string> headers{"stages p"};
  for (const int m : micro) headers.push_back("m = " + std::to_string(m));
  TextTable table(headers);
  for (const int p : {2, 4, 8, 16}) {
    std::vector<std::string> row{std::to_string(p)};
    for (const int m : micro) {
      // [bubble]
      const double bubble = double(p - 1) / double(m + p - 1);  // idle share of a stage
      // [bubble]
      row.push_back(format_number(100.0 * bubble, 3) + "%");
    }
    table.add_row(row);
  }
  std::cout << "Pipeline bubble (p − 1)/(m + p − 1): the share of time a stage waits, for p stages and m "
               "micro-batches per batch\n\n"
            << table.str();
  return 0;
}

}  // namespace

int main(int argc, char* argv[]) {
  using namespace descent;
  return Chapter("data_parallel",
                 "Chapter 9: data parallelism on threads: replicas, all-reduce, speed-up, gradient accumulation,\n"
                 "local SGD and federated averaging, compressed and ring all-reduces, pipeline bubbles.")
      .add({.name = "replicas", .summary = "K workers take the one-worker full-batch step", .outputs = OutputFlags::text_only()},
           replicas_experiment)
      .add({.name = "run", .summary = "one data-parallel run, final parameters to the last digit", .outputs = OutputFlags::text_only()},
           run_experiment)
      .add({.name = "speedup", .summary = "time of a gradient against threads, beside the memory bandwidth",
            .outputs = OutputFlags::files_only()},
           speedup_experiment)
      .add({.name = "accumulation", .summary = "micro-batches accumulated equal the big batch", .outputs = OutputFlags::text_only()},
           accumulation_experiment)
      .add({.name = "local-sgd", .summary = "average every H steps; federated averaging on skewed shards",
            .outputs = OutputFlags::files_only()},
           local_sgd_experiment)
      .add({.name = "compression", .summary = "bytes per step and loss: plain, top-k, 8-bit",
            .outputs = OutputFlags::files_only()},
           compression_experiment)
      .add({.name = "ring", .summary = "the ring all-reduce: its sum and the bytes each worker sends", .outputs = OutputFlags::text_only()},
           ring_experiment)
      .add({.name = "pipeline", .summary = "the bubble of pipeline parallelism", .outputs = OutputFlags::text_only()}, pipeline_experiment)
      .main(argc, argv);
}
