// Chapter 4 — SGD noise: batch, mini-batch and single-sample descent, measured.
//
// Trains a two-parameter least-squares model on 200 samples whose loss has the Hessian
// diag(1, 4), counting gradient evaluations; measures the variance of the mini-batch gradient
// against the batch size, the noise floor of constant-η SGD, what a decaying schedule, shuffling
// and the linear scaling rule do. Run with --help for the flags.

#include "descent/chapter.hpp"
#include "descent/line_fit.hpp"
#include "descent/csv.hpp"
#include "descent/datasets.hpp"
#include "descent/format.hpp"
#include "descent/least_squares.hpp"
#include "descent/optimizer.hpp"
#include "descent/plot.hpp"
#include "descent/random.hpp"
#include "descent/run_output.hpp"
#include "descent/schedule.hpp"
#include "descent/stability.hpp"
#include "descent/standardize.hpp"
#include "descent/train.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>

namespace {

using namespace descent;

// ---------------------------------------------------------------------------------------
// The problem every section trains on.

//! [the_data]
constexpr Eigen::Index sample_count = 200;    // N
constexpr double label_noise = 0.5;           // σ of the noise added to each label
constexpr std::uint64_t label_seed = 4;       // the only randomness in the data
Dataset chapter_data() {
  return orthogonal_regression(sample_count, Vector{{1.0, 4.0}},  // Hessian diag(1, 4)
                               Vector{{2.0, 1.0}}, label_noise, label_seed);
}
//! [the_data]

// The loss, its minimum, and where training starts.
struct Problem {
  LeastSquares loss;
  Vector best;             // w*, from the normal equations
  double minimum = 0.0;    // L(w*)
  Vector start;
  std::string description;
  std::string parameters = "w = (w1, w2)";
  std::string x_label = "w1";
  std::string y_label = "w2";

  [[nodiscard]] double excess(const Vector& w) const { return loss.value(w) - minimum; }
  [[nodiscard]] Eigen::Index samples() const { return loss.samples(); }
  [[nodiscard]] Matrix hessian() const { return loss.hessian(start); }
};

Problem make_problem(LeastSquares loss, std::string description) {
  const Vector best = loss.closed_form();
  const double minimum = loss.value(best);
  const Eigen::Index d = loss.dimension();
  return Problem{std::move(loss), best, minimum, Vector::Zero(d), std::move(description)};
}

Problem chapter_problem() {
  const Dataset data = chapter_data();
  return make_problem(LeastSquares(data.features, data.targets, /*fit_bias=*/false),
                      "200 samples, 2 orthogonalised features, label noise σ = 0.5 (seed 4)");
}

// `--data FILE --x COLUMN --y COLUMN`: the reader's CSV, x standardised, fitting (w, b).
struct DataSettings {
  std::string data_file;
  std::string x_column;
  std::string y_column;
  void declare(CommandLine& cli) {
    cli.text("data", data_file, "train on your own CSV file instead of the chapter's 200 samples", "FILE")
        .text("x", x_column, "the feature column of --data, by name or number (default: first)", "COLUMN")
        .text("y", y_column, "the target column of --data, by name or number (default: last)", "COLUMN");
  }
};

Problem load_problem(const DataSettings& s, const CommandLine& cli) {
  if (s.data_file.empty()) {
    if (cli.given("x") || cli.given("y")) throw UsageError("--x and --y choose columns of --data FILE");
    return chapter_problem();
  }
  const ColumnData columns = read_columns(s.data_file, s.x_column, s.y_column);
  const Standardizer scaling = Standardizer::fit(columns.data.features);
  Problem p = make_problem(LeastSquares(scaling.transform(columns.data.features), columns.data.targets),
                           columns.description + ": " + columns.y_name + " = w·(standardised " + columns.x_name +
                               ") + b");
  p.parameters = "(w, b)";
  p.x_label = "w (standardised " + columns.x_name + ")";
  p.y_label = "b";
  return p;
}

// The Hessian as the program computes it from the data, with its largest off-diagonal entry.
std::string hessian_text(const Problem& p) {
  const Matrix h = p.hessian();
  double off_diagonal = 0.0;
  std::string rows;
  for (Eigen::Index i = 0; i < h.rows(); ++i) {
    std::string row;
    for (Eigen::Index j = 0; j < h.cols(); ++j) {
      if (i != j) off_diagonal = std::max(off_diagonal, std::abs(h(i, j)));
      row += (j == 0 ? "" : ", ") + (i == j || std::abs(h(i, j)) > 1e-12 ? format_number(h(i, j), 12) : "0");
    }
    rows += (i == 0 ? "" : "; ") + row;
  }
  return "[" + rows + "] (largest off-diagonal |entry| " + format_scientific(off_diagonal, 1) + "), λmax = " +
         format_number(largest_curvature(h), 12) + ", 2/λmax = " + format_number(largest_stable_learning_rate(h), 12);
}

void print_problem(const Problem& p) {
  std::cout << "Data: " << p.description << "\n"
            << "Hessian of L computed from the data: " << hessian_text(p) << "\n"
            << "Minimum (normal equations): " << p.parameters << "* = " << format_point(p.best)
            << ", L* = " << format_number(p.minimum, 6) << "; start " << format_point(p.start)
            << ", L − L* = " << format_number(p.excess(p.start), 6) << "\n";
}

// A training run watched after every update: samples seen, the full loss above L*, the path.
struct Watched {
  std::vector<std::int64_t> samples;  // gradient evaluations after each update (0 at the start)
  std::vector<double> excess;         // L(w) − L* after each update, on all N samples
  std::vector<Vector> path;           // w after each update (the start first)
  TrainingResult result;
};

//! [watched_training]
Watched watch(const Problem& p, const AnySchedule& schedule, TrainingOptions options,
              std::uint64_t seed) {
  Watched w{{0}, {p.excess(p.start)}, {p.start}, {TrainingState(p.start, seed)}};
  options.record_every = 0;  // the hook keeps what is needed
  GradientDescent plain;     // w ← w − η·(gradient of the batch)
  const TrainingHooks hooks{.on_step = [&](const StepRecord& step) {
    w.samples.push_back(step.samples_seen);           // the library's counter
    w.excess.push_back(p.excess(step.parameters));    // measured, not used to train
    w.path.push_back(step.parameters);
    return true;
  }};
  w.result = train(p.loss, TrainingState(p.start, seed), schedule, plain, options, hooks);
  return w;
}
//! [watched_training]

// Evaluations spent when L − L* first fell to `level` or below (−1: never).
std::int64_t evaluations_to_reach(const Watched& w, double level) {
  for (std::size_t t = 0; t < w.excess.size(); ++t) {
    if (w.excess[t] <= level) return w.samples[t];
  }
  return -1;
}

// Root mean square of ‖w − w*‖ over the last quarter of the updates: how far from w* a run
// stays once it has arrived (for SGD, the size of its jitter).
double late_distance(const Watched& w, const Vector& best) {
  // At least the last point: a run of a single update (--epochs 1, full batch) has no quarter.
  const std::size_t from = w.path.size() - std::max<std::size_t>(1, w.path.size() / 4);
  double sum = 0.0;
  for (std::size_t t = from; t < w.path.size(); ++t) sum += (w.path[t] - best).squaredNorm();
  return std::sqrt(sum / static_cast<double>(w.path.size() - from));
}

// A watched run keeps every update (w and L − L*, about 100 bytes each). Beyond this many a run
// would take gigabytes and minutes: the flags that ask for more are refused instead.
constexpr std::int64_t most_watched_updates = 2'000'000;

void require_watchable(std::int64_t updates, const std::string& asked) {
  if (updates > most_watched_updates) {
    throw UsageError(asked + " means " + std::to_string(updates) + " updates in one run; at most " +
                     std::to_string(most_watched_updates) + " (each update is kept for the tables)");
  }
}

// The most epochs of single-sample SGD on the chapter's own 200 samples: 10,000.
constexpr int most_chapter_epochs = static_cast<int>(most_watched_updates / sample_count);

std::string count_text(std::int64_t n) { return n < 0 ? "never" : std::to_string(n); }

// A run that blew up is a result: the update, the batch loss there and the one before it.
std::string divergence_text(const Watched& w) {
  const Divergence& d = *w.result.divergence;
  return "diverged at update " + std::to_string(d.step) + ": batch loss " + format_number(d.loss, 4) +
         " (the update before: " + format_number(d.last_finite_loss, 4) + ")";
}

// Draws `plot` in the terminal and saves it under --out, unless no point of it is finite (every
// run blew up at once): then a note says so, since divergence is a result and not a failure.
void show_and_save_losses(const CommandLine& cli, const LinePlot& plot, const std::string& suffix,
                          bool in_terminal) {
  if (!drawable_or_explained(cli, plot, "no run has a finite loss to draw; lower --lr")) return;
  if (in_terminal && cli.terminal_plot()) std::cout << "\n" << terminal_plot(plot, 72, 22);
  save_figure(cli, plot, suffix);
}

// ---------------------------------------------------------------------------------------
// Experiment "compare": batch, mini-batch and single-sample descent from one start.

struct CompareSettings {
  DataSettings data;
  double learning_rate = 0.1;
  int epochs = 40;
  int seed = 1;
  void declare(CommandLine& cli) {
    data.declare(cli);
    cli.real("lr", learning_rate, "η, the same for every variant", RealRange::positive())
        .integer("epochs", epochs, "epochs of each variant (one epoch = N gradient evaluations)", 1, 100'000)
        .integer("seed", seed, "seed of the order in which samples are drawn", 0, 1'000'000'000);
  }
};

int compare_experiment(const CommandLine& cli, const CompareSettings& s) {
  const Problem p = load_problem(s.data, cli);
  const Eigen::Index n = p.samples();
  require_watchable(std::int64_t{s.epochs} * n,  // single-sample SGD: N updates an epoch
                    "--epochs " + std::to_string(s.epochs) + " of " + std::to_string(n) + " samples");
  const double start_excess = p.excess(p.start);
  const auto seed = static_cast<std::uint64_t>(s.seed);
  struct Variant {
    std::string name;
    Eigen::Index batch;
  };
  const std::vector<Variant> variants{{"batch", n}, {"mini-batch", std::min<Eigen::Index>(16, n)}, {"SGD", 1}};
  const std::vector<double> fractions{0.1, 0.01, 0.001};
  print_problem(p);
  std::cout << "η = " << format_number(s.learning_rate) << " for every variant, " << s.epochs << " epochs = "
            << s.epochs * n << " gradient evaluations each, samples shuffled every epoch\n\n";
  std::vector<std::string> headers{"variant", "B", "updates"};
  for (const double f : fractions) headers.push_back("evals to " + format_number(100 * f) + "%");
  headers.insert(headers.end(), {"final L − L*", "final ‖w − w*‖", "RMS ‖w − w*‖, last quarter"});
  TextTable table(headers);
  ContourPlot map;
  map.title = "three variants, η = " + format_number(s.learning_rate) + ", " + std::to_string(s.epochs) +
              " epochs each, over contours of L − L*";
  map.x_label = p.x_label;
  map.y_label = p.y_label;
  map.f = [&p](double a, double b) { return p.excess(Vector{{a, b}}); };
  map.levels = log_spaced_levels(1e-3 * start_excess, 2.0 * start_excess, 10);
  map.minimum = std::array<double, 2>{p.best[0], p.best[1]};
  LinePlot losses{.title = "full loss above its minimum (smoothed) against gradient evaluations",
                  .x_label = "gradient evaluations (samples seen)",
                  .y_label = "L − L*",
                  .log_x = true,
                  .log_y = true};
  std::array<double, 2> low{p.start[0], p.start[1]};
  std::array<double, 2> high = low;
  std::vector<std::string> diverged;  // one line per variant that blew up
  for (const auto& v : variants) {
    //! [compare_runs]
    const TrainingOptions options{.epochs = s.epochs, .batch_size = v.batch,
                                  .sampling = Sampling::shuffled};
    const Watched w = watch(p, ConstantRate{s.learning_rate}, options, seed);
    //! [compare_runs]
    std::vector<std::string> row{v.name, std::to_string(v.batch), std::to_string(w.result.state.updates)};
    for (const double f : fractions) row.push_back(count_text(evaluations_to_reach(w, f * start_excess)));
    if (w.result.diverged()) {  // distances of a blown-up path say nothing: the note below does
      row.insert(row.end(), {"diverged", "—", "—"});
      diverged.push_back(v.name + " " + divergence_text(w));
    } else {
      row.push_back(format_scientific(w.excess.back(), 2));
      row.push_back(format_scientific((w.path.back() - p.best).norm(), 2));
      row.push_back(format_scientific(late_distance(w, p.best), 2));
    }
    table.add_row(row);
    const std::string label = v.name + " (B = " + std::to_string(v.batch) + ")";
    // SGD's path is drawn for its first 2 epochs only: 8000 jittering steps would hide the rest.
    const std::size_t drawn = v.batch == 1 ? std::min<std::size_t>(w.path.size(), 2 * n + 1) : w.path.size();
    Series path{v.batch == 1 ? label + ", first " + std::to_string(drawn - 1) + " updates" : label, {}, {},
                v.batch == 1 ? SeriesStyle::lines : SeriesStyle::lines_points};
    Series curve{label, {}, {}, SeriesStyle::lines};
    // Full batch is plain descent, single samples are SGD: their looks in every figure of the book.
    const std::string method = v.batch == n ? "gd" : v.batch == 1 ? "sgd" : "";
    path.method = curve.method = method;
    for (std::size_t t = 0; t < drawn; ++t) {
      if (!w.path[t].allFinite()) break;  // a blown-up path is drawn up to its last finite point
      path.x.push_back(w.path[t][0]);
      path.y.push_back(w.path[t][1]);
      for (int k = 0; k < 2; ++k) {
        low[k] = std::min(low[k], w.path[t][k]);
        high[k] = std::max(high[k], w.path[t][k]);
      }
    }
    // Smoothed for the figure: at s evaluations, the mean of L − L* over the updates in the
    // last min(N, s/2) evaluations (the table above uses the raw values).
    std::size_t first = 1;
    for (std::size_t t = 1; t < w.excess.size(); ++t) {
      const std::int64_t window = std::max<std::int64_t>(1, std::min<std::int64_t>(n, w.samples[t] / 2));
      while (first < t && w.samples[first] <= w.samples[t] - window) ++first;
      double sum = 0.0;
      for (std::size_t u = first; u <= t; ++u) sum += w.excess[u];
      curve.x.push_back(static_cast<double>(w.samples[t]));
      curve.y.push_back(sum / static_cast<double>(t - first + 1));
    }
    map.paths.push_back(std::move(path));
    losses.series.push_back(std::move(curve));
  }
  std::cout << "Gradient evaluations (samples seen) until L − L* first falls to the given share of its start value "
            << format_number(start_excess, 6) << ";\nthe last column is the root mean square distance from w* over the "
            << "last quarter of the updates\n\n"
            << table.str();
  for (const auto& line : diverged) std::cout << line << "\n";
  if (!diverged.empty()) {
    std::cout << "(a stable η stays below 2/λmax = " << format_number(largest_stable_learning_rate(p.hessian()), 6)
              << ")\n";
  }
  show_and_save_losses(cli, losses, "-loss.svg", /*in_terminal=*/true);
  for (int k = 0; k < 2; ++k) {
    const double pad = 0.08 * (high[k] - low[k]) + 1e-9;
    (k == 0 ? map.x_range : map.y_range) = {low[k] - pad, high[k] + pad};
  }
  map.resolution = 161;
  // A path that left for 1e300 would shrink the contours to a dot: the map is drawn for runs
  // that stayed in sight.
  if (std::isfinite(map.x_range[1] - map.x_range[0]) && std::isfinite(map.y_range[1] - map.y_range[0])) {
    save_figure(cli, map, "-paths.svg");
  } else if (cli.out()) {
    std::cout << "(no map of the paths: a path left for coordinates beyond what a double holds)\n";
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "variance": the spread of the mini-batch gradient against the batch size.

struct VarianceSettings {
  int draws = 4000;
  int seed = 1;
  void declare(CommandLine& cli) {
    cli.integer("draws", draws, "batches drawn for each batch size and way of sampling", 10, 10'000'000)
        .integer("seed", seed, "seed of the draws", 0, 1'000'000'000);
  }
};

// The mean of ‖g_B − ∇L‖² over `draws` batches of B samples, drawn with or without replacement.
double measured_variance(const Problem& p, const Vector& w, const Vector& full, Eigen::Index batch, bool replacement,
                         int draws, Random& random) {
  const Eigen::Index n = p.samples();
  double sum = 0.0;
  for (int d = 0; d < draws; ++d) {
    //! [draw_batch]
    // N independent draws, or a permutation of 0…N−1; the batch is the first B of them.
    const Sampling how = replacement ? Sampling::with_replacement : Sampling::shuffled;
    const std::vector<Eigen::Index> indices = epoch_order(n, how, random);
    const Batch b(indices.data(), static_cast<std::size_t>(batch));
    sum += (p.loss.value_and_gradient(w, b).gradient - full).squaredNorm();
    //! [draw_batch]
  }
  return sum / draws;
}

int variance_experiment(const CommandLine& cli, const VarianceSettings& s) {
  const Problem p = chapter_problem();
  const Eigen::Index n = p.samples();
  const Vector& w = p.best;
  const Vector full = p.loss.gradient(w);
  // σ²: the spread of the N single-sample gradients around their mean, the full gradient.
  double sigma2 = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Index index[] = {i};
    sigma2 += (p.loss.value_and_gradient(w, Batch(index)).gradient - full).squaredNorm();
  }
  sigma2 /= static_cast<double>(n);
  Random random(static_cast<std::uint64_t>(s.seed));
  const std::vector<Eigen::Index> sizes{1, 2, 4, 8, 16, 32, 64, 128, 200};
  TextTable table({"B", "σ²/B", "measured, with replacement", "measured, without", "σ²/B·(N−B)/(N−1)"});
  std::vector<double> bs, with, without;
  for (const Eigen::Index b : sizes) {
    const double v_with = measured_variance(p, w, full, b, true, s.draws, random);
    const double v_without = measured_variance(p, w, full, b, false, s.draws, random);
    const double plain = sigma2 / static_cast<double>(b);
    const double finite = plain * static_cast<double>(n - b) / static_cast<double>(n - 1);
    table.add_row({std::to_string(b), format_number(plain, 4), format_number(v_with, 4),
                   v_without < 1e-20 ? "0" : format_number(v_without, 4), format_number(finite, 4)});
    if (b < n) {
      bs.push_back(static_cast<double>(b));
      with.push_back(v_with);
      without.push_back(v_without);
    }
  }
  const PowerLawFit fit_with = fit_log_log(bs, with);
  const PowerLawFit fit_without = fit_log_log(bs, without);
  std::cout << "Gradient of the mini-batch loss at w* = " << format_point(p.best) << ", " << s.draws
            << " batches per row; variance = mean of ‖g_B − ∇L‖²\n"
            << "σ² (spread of the " << n << " single-sample gradients) = " << format_number(sigma2, 6) << "\n\n"
            << table.str() << "\n"
            << "fitted log-log slope for B = 1…128, with replacement:    " << format_number(fit_with.slope(), 4)
            << "  (σ²/B predicts −1)\n"
            << "fitted log-log slope for B = 1…128, without replacement: " << format_number(fit_without.slope(), 4)
            << "  (steeper: the factor (N−B)/(N−1) falls to 0 at B = N)\n";
  if (cli.out()) {
    LinePlot plot{.title = "variance of the mini-batch gradient at w*, N = " + std::to_string(n),
                  .x_label = "batch size B",
                  .y_label = "mean ‖g_B − ∇L‖²",
                  .log_x = true,
                  .log_y = true,
                  .x_range = std::array<double, 2>{0.8, 250.0}};
    Series pred_with{"σ²/B (with replacement)", {}, {}, SeriesStyle::lines};
    Series pred_without{"σ²/B·(N−B)/(N−1) (without)", {}, {}, SeriesStyle::lines};
    for (double b = 1.0; b <= 180.0; b *= 1.05) {
      pred_with.x.push_back(b);
      pred_with.y.push_back(sigma2 / b);
      pred_without.x.push_back(b);
      pred_without.y.push_back(sigma2 / b * (static_cast<double>(n) - b) / static_cast<double>(n - 1));
    }
    const Series fitted_with{"fit, with: slope " + format_number(fit_with.slope(), 3),
                             {1.0, 128.0},
                             {fit_with.at(1.0), fit_with.at(128.0)},
                             SeriesStyle::lines};
    const Series fitted_without{"fit, without: slope " + format_number(fit_without.slope(), 3),
                                {1.0, 128.0},
                                {fit_without.at(1.0), fit_without.at(128.0)},
                                SeriesStyle::lines};
    plot.series = {Series{"measured, with replacement", bs, with, SeriesStyle::points},
                   Series{"measured, without replacement", bs, without, SeriesStyle::points},
                   pred_with, pred_without, fitted_with, fitted_without};
    save_figure(cli, plot, ".svg");
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "noise-floor": where constant-η SGD stops improving, against η.

struct SeedSettings {
  int seed = 1;
  void declare(CommandLine& cli) { cli.integer("seed", seed, "seed of the sample draws", 0, 1'000'000'000); }
};

// tr Σ: the summed variances of the single-sample gradients at w* (σ² of the variance section).
double single_sample_spread(const Problem& p) {
  const Vector full = p.loss.gradient(p.best);
  double sum = 0.0;
  for (Eigen::Index i = 0; i < p.samples(); ++i) {
    const Eigen::Index index[] = {i};
    sum += (p.loss.value_and_gradient(p.best, Batch(index)).gradient - full).squaredNorm();
  }
  return sum / static_cast<double>(p.samples());
}

int noise_floor_experiment(const CommandLine& cli, const SeedSettings& s) {
  const Problem p = chapter_problem();
  const double spread = single_sample_spread(p);
  const auto seed = static_cast<std::uint64_t>(s.seed);
  const std::vector<double> rates{0.001, 0.002, 0.004, 0.008, 0.016, 0.032};
  TextTable table({"η", "updates skipped", "updates averaged", "mean L − L*", "η·tr Σ/4", "ratio"});
  std::vector<double> floors;
  for (const double eta : rates) {
    //! [noise_floor]
    const int transient = static_cast<int>(std::ceil(10.0 / eta));  // e^(−2ηλmin·t) tiny
    const int measured = static_cast<int>(std::ceil(500.0 / eta));
    const TrainingOptions options{.epochs = 1'000'000, .batch_size = 1,
                                  .sampling = Sampling::with_replacement,
                                  .max_updates = transient + measured};
    const Watched w = watch(p, ConstantRate{eta}, options, seed);
    double sum = 0.0;
    for (std::size_t t = std::size_t(transient) + 1; t < w.excess.size(); ++t) {
      sum += w.excess[t];
    }
    const double floor = sum / measured;  // mean L − L* after the transient
    //! [noise_floor]
    floors.push_back(floor);
    const double predicted = eta * spread / 4.0;
    table.add_row({format_number(eta), std::to_string(transient), std::to_string(measured), format_scientific(floor, 3),
                   format_scientific(predicted, 3), format_number(floor / predicted, 3)});
  }
  const PowerLawFit fit = fit_log_log(rates, floors);
  std::cout << "Constant-η SGD (B = 1, samples drawn with replacement) from " << format_point(p.start)
            << "; tr Σ = " << format_number(spread, 6) << " (spread of the single-sample gradients at w*)\n\n"
            << table.str() << "\nfitted log-log slope of the floor against η: " << format_number(fit.slope(), 4)
            << "  (proportional to η: 1)\n";
  if (cli.out()) {
    Series prediction{"η·tr Σ/4", {}, {}, SeriesStyle::lines};
    for (const double eta : rates) {
      prediction.x.push_back(eta);
      prediction.y.push_back(eta * spread / 4.0);
    }
    const LinePlot plot{.title = "noise floor of constant-η SGD: fitted slope " + format_number(fit.slope(), 3),
                        .x_label = "learning rate η",
                        .y_label = "mean L − L* after the transient",
                        .log_x = true,
                        .log_y = true,
                        .series = {Series{"measured", rates, floors, SeriesStyle::points}, prediction}};
    save_figure(cli, plot, ".svg");
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "decay": a decaying schedule removes the floor.

struct DecaySettings {
  double learning_rate = 0.05;
  int epochs = 100;
  int seed = 1;
  void declare(CommandLine& cli) {
    cli.real("lr", learning_rate, "η0 of every schedule", RealRange::positive())
        .integer("epochs", epochs, "epochs of single-sample SGD", 2, most_chapter_epochs)
        .integer("seed", seed, "seed of the sample draws", 0, 1'000'000'000);
  }
};

int decay_experiment(const CommandLine& cli, const DecaySettings& s) {
  const Problem p = chapter_problem();
  const int updates = s.epochs * static_cast<int>(p.samples());
  const auto seed = static_cast<std::uint64_t>(s.seed);
  TextTable table({"schedule", "η at the end", "mean L − L* over the last epoch", "final ‖w − w*‖"});
  LinePlot plot{.title = "single-sample SGD, η0 = " + format_number(s.learning_rate) + ": constant against decaying",
                .x_label = "update",
                .y_label = "L − L* (mean over each epoch of 200 updates)",
                .log_y = true};
  std::vector<std::string> diverged;  // one line per schedule whose run blew up
  for (const std::string name : {"constant", "step", "exponential", "cosine"}) {
    //! [decay_run]
    const AnySchedule schedule =
        make_schedule({.name = name, .learning_rate = s.learning_rate, .steps = updates});
    const TrainingOptions options{.epochs = s.epochs, .batch_size = 1,
                                  .sampling = Sampling::with_replacement};
    const Watched w = watch(p, schedule, options, seed);
    //! [decay_run]
    const std::size_t n = static_cast<std::size_t>(p.samples());
    if (w.result.diverged()) {  // no last epoch to average: the run stopped where it blew up
      table.add_row({name, format_scientific(schedule(updates - 1), 2), "diverged", "—"});
      diverged.push_back(name + " " + divergence_text(w));
    } else {
      double last = 0.0;
      for (std::size_t t = w.excess.size() - n; t < w.excess.size(); ++t) last += w.excess[t];
      table.add_row({name, format_scientific(schedule(updates - 1), 2), format_scientific(last / n, 2),
                     format_scientific((w.path.back() - p.best).norm(), 2)});
    }
    Series curve{name, {}, {}, SeriesStyle::lines};
    for (std::size_t begin = 1; begin + n <= w.excess.size(); begin += n) {  // one point per epoch
      double sum = 0.0;
      for (std::size_t t = begin; t < begin + n; ++t) sum += w.excess[t];
      curve.x.push_back(static_cast<double>(begin + n - 1));
      curve.y.push_back(sum / n);
    }
    plot.series.push_back(std::move(curve));
  }
  std::cout << "Single-sample SGD (with replacement) from " << format_point(p.start) << ", " << s.epochs
            << " epochs = " << updates << " updates, η0 = " << format_number(s.learning_rate)
            << " (schedules of Chapter 3 over the whole run)\n\n"
            << table.str();
  for (const auto& line : diverged) std::cout << line << "\n";
  if (cli.out()) show_and_save_losses(cli, plot, ".svg", /*in_terminal=*/false);
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "epochs": sampling with and without replacement on the same budget.

struct EpochsSettings {
  int epochs = 50;
  int seeds = 10;
  void declare(CommandLine& cli) {
    cli.integer("epochs", epochs, "epochs of each run", 2, most_chapter_epochs)
        .integer("seeds", seeds, "runs (seeds 1, 2, …) averaged for each η and way of sampling", 1, 10'000);
  }
};

// Mean L − L* over the second half of single-sample runs (all updates, and epoch ends only).
struct LateLoss {
  double everywhere = 0.0;
  double epoch_ends = 0.0;
};

LateLoss late_loss(const Problem& p, double eta, Sampling sampling, const EpochsSettings& s) {
  const auto n = static_cast<std::size_t>(p.samples());
  LateLoss mean;
  std::size_t counted = 0;
  std::size_t ends = 0;
  for (int seed = 1; seed <= s.seeds; ++seed) {
    //! [same_budget]
    const TrainingOptions options{.epochs = s.epochs, .batch_size = 1,
                                  .sampling = sampling};
    const Watched w = watch(p, ConstantRate{eta}, options, std::uint64_t(seed));
    //! [same_budget]
    for (std::size_t t = static_cast<std::size_t>(s.epochs / 2) * n + 1; t < w.excess.size(); ++t) {
      mean.everywhere += w.excess[t];
      ++counted;
      if (t % n == 0) {
        mean.epoch_ends += w.excess[t];
        ++ends;
      }
    }
  }
  mean.everywhere /= static_cast<double>(counted);
  mean.epoch_ends /= static_cast<double>(ends);
  return mean;
}

int epochs_experiment(const CommandLine& /*cli*/, const EpochsSettings& s) {
  const Problem p = chapter_problem();
  const Eigen::Index n = p.samples();
  // How many samples one epoch drawn with replacement misses.
  Random random(1);
  double missed = 0.0;
  constexpr int trials = 1000;
  for (int t = 0; t < trials; ++t) {
    std::vector<bool> seen(static_cast<std::size_t>(n), false);
    for (const Eigen::Index i : epoch_order(n, Sampling::with_replacement, random)) seen[static_cast<std::size_t>(i)] = true;
    missed += static_cast<double>(std::count(seen.begin(), seen.end(), false)) / static_cast<double>(n);
  }
  std::cout << "One epoch of N = " << n << " draws with replacement leaves out " << format_number(100 * missed / trials, 4)
            << "% of the samples (mean of " << trials << " epochs); (1 − 1/N)^N = "
            << format_number(100 * std::pow(1.0 - 1.0 / static_cast<double>(n), static_cast<double>(n)), 4) << "%\n\n";
  TextTable table({"η", "with replacement", "shuffled: all updates", "shuffled: epoch ends", "epoch ends ÷ with"});
  for (const double eta : {0.02, 0.005, 0.002}) {
    const LateLoss with = late_loss(p, eta, Sampling::with_replacement, s);
    const LateLoss without = late_loss(p, eta, Sampling::shuffled, s);
    table.add_row({format_number(eta), format_scientific(with.everywhere, 2), format_scientific(without.everywhere, 2),
                   format_scientific(without.epoch_ends, 2), format_number(without.epoch_ends / with.everywhere, 2)});
  }
  std::cout << "Single-sample SGD, " << s.epochs << " epochs = " << s.epochs * n << " evaluations per run, "
            << s.seeds << " runs each: mean L − L* over the second half of each run\n\n"
            << table.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "scaling": the linear scaling rule η = η1·B, and where it breaks.

struct ScalingSettings {
  double base_rate = 0.005;
  int epochs = 20;
  void declare(CommandLine& cli) {
    cli.real("base-lr", base_rate, "η1, the learning rate at B = 1; B uses η = η1·B", RealRange::positive())
        .integer("epochs", epochs, "epochs of each run", 1, most_chapter_epochs);
  }
};

// The final L − L* of η = η1·B, averaged over seeds; +∞ when a run blew up, and then which.
struct ScaledResult {
  double excess = 0.0;
  std::string divergence;  // "seed 2 diverged at update …", empty when every run stayed finite
};

// Runs η = η1·B for `epochs` epochs (last short batch dropped), `seeds` times.
ScaledResult scaled_run(const Problem& p, double base_rate, Eigen::Index batch, int epochs, int seeds) {
  double sum = 0.0;
  for (int seed = 1; seed <= seeds; ++seed) {
    //! [scaled_run]
    const double eta = base_rate * static_cast<double>(batch);  // the linear scaling rule
    const TrainingOptions options{.epochs = epochs, .batch_size = batch,
                                  .drop_last = true};  // shuffled
    const Watched w = watch(p, ConstantRate{eta}, options, std::uint64_t(seed));
    //! [scaled_run]
    if (w.result.diverged()) return {INFINITY, "seed " + std::to_string(seed) + " " + divergence_text(w)};
    sum += w.excess.back();
  }
  return {sum / seeds, ""};
}

int scaling_experiment(const CommandLine& cli, const ScalingSettings& s) {
  const Problem p = chapter_problem();
  const Eigen::Index n = p.samples();
  const double lambda_max = largest_curvature(p.hessian());
  const double edge = 2.0 / lambda_max;
  const double predicted = edge / s.base_rate;  // the B at which η1·B reaches 2/λmax
  const double start_excess = p.excess(p.start);
  constexpr int seeds = 5;
  TextTable table({"B", "η = η1·B", "η·λmax",
                   "L − L* after " + std::to_string(s.epochs) + " epochs, mean of " + std::to_string(seeds) + " seeds",
                   "verdict"});
  table.align_left(4);
  const double reference = scaled_run(p, s.base_rate, 1, s.epochs, seeds).excess;
  std::vector<std::string> diverged;  // one line per B whose runs blew up
  LinePlot plot{.title = "linear scaling rule η = " + format_number(s.base_rate) + "·B, " + std::to_string(s.epochs) +
                         " epochs: predicted break at B = " + format_number(predicted, 4),
                .x_label = "batch size B",
                .y_label = "L − L* at the end (mean of " + std::to_string(seeds) + " seeds)",
                .log_x = true,
                .log_y = true};
  Series measured{"measured", {}, {}, SeriesStyle::lines_points};
  std::vector<double> diverged_batches;  // drawn as their own markers above every finite result
  for (const Eigen::Index b : {1, 2, 4, 8, 16, 32, 64, 80, 96, 104, 128, 200}) {
    if (b > n) continue;
    const double eta = s.base_rate * static_cast<double>(b);
    const ScaledResult scaled = scaled_run(p, s.base_rate, b, s.epochs, seeds);
    const double result = scaled.excess;
    if (!scaled.divergence.empty()) diverged.push_back("B = " + std::to_string(b) + ": " + scaled.divergence);
    const std::string verdict = !std::isfinite(result) || result > start_excess ? "breaks: the loss grew"
                                : result < 2.0 * reference                     ? "holds"
                                                                               : "slower";
    table.add_row({std::to_string(b), format_number(eta, 4), format_number(eta * lambda_max, 4),
                   std::isfinite(result) ? format_scientific(result, 2) : "diverged", verdict});
    if (std::isfinite(result)) {  // a finite loss is drawn where it is, however large
      measured.x.push_back(static_cast<double>(b));
      measured.y.push_back(result);
    } else {
      diverged_batches.push_back(static_cast<double>(b));
    }
  }
  // The observed break: the first B whose run ends above where it started.
  int observed = -1;
  for (Eigen::Index b = 1; b <= n && observed < 0; ++b) {
    const double result = scaled_run(p, s.base_rate, b, s.epochs, 1).excess;
    if (!std::isfinite(result) || result > start_excess) observed = static_cast<int>(b);
  }
  std::cout << "Linear scaling rule: η = η1·B with η1 = " << format_number(s.base_rate) << ", " << s.epochs
            << " epochs per run, shuffled, the last short batch dropped, " << seeds << " seeds (1…" << seeds
            << ") per B, start L − L* = "
            << format_number(start_excess, 6) << "\n"
            << "λmax = " << format_number(lambda_max, 12) << " (from the data), so η must stay below 2/λmax = "
            << format_number(edge, 12) << "\n\n"
            << table.str();
  for (const auto& line : diverged) std::cout << line << "\n";
  std::cout << "\n"
            << "predicted break: η1·B = 2/λmax at B = " << format_number(predicted, 6) << "\n"
            << "observed break:  first B (scanning 1…" << n << ", seed 1) whose run ends above its start: "
            << (observed < 0 ? std::string("none") : std::to_string(observed)) << "\n";
  if (cli.out()) {
    // "The top": ten times the largest finite result (and the start), so no finite point reaches it.
    double top = start_excess;
    for (const double y : measured.y) top = std::max(top, y);
    top *= 10.0;
    plot.series.push_back(std::move(measured));
    if (!diverged_batches.empty()) {
      plot.series.push_back({"diverged (drawn at the top)", diverged_batches,
                             std::vector<double>(diverged_batches.size(), top), SeriesStyle::points});
    }
    plot.series.push_back({"start L − L*", {1.0, static_cast<double>(n)}, {start_excess, start_excess}, SeriesStyle::lines});
    plot.series.push_back({"predicted break", {predicted, predicted}, {reference / 10, top}, SeriesStyle::lines});
    save_figure(cli, plot, ".svg");
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "run": one training run with every knob on the command line.

struct RunSettings {
  DataSettings data;
  int batch_size = 16;
  double learning_rate = 0.1;
  std::string schedule = "constant";
  int epochs = 20;
  int seed = 1;
  bool replacement = false;
  void declare(CommandLine& cli) {
    data.declare(cli);
    cli.integer("batch-size", batch_size, "B, samples per update: 1 is SGD, N is full-batch descent", 1,
                1'000'000'000)
        .real("lr", learning_rate, "η0, the schedule's starting (or peak) learning rate", RealRange::positive())
        .choice("schedule", schedule, "the learning-rate schedule over the whole run", schedule_names())
        .integer("epochs", epochs, "epochs (one epoch = N samples)", 1, 1'000'000)
        .integer("seed", seed, "seed of the order in which samples are drawn", 0, 1'000'000'000)
        .flag("replacement", replacement, "draw samples with replacement (default: shuffle every epoch)");
  }
};

int run_experiment(const CommandLine& cli, const RunSettings& s) {
  const Problem p = load_problem(s.data, cli);
  const Eigen::Index n = p.samples();
  if (s.batch_size > n) {
    throw UsageError("--batch-size must be at most the " + std::to_string(n) + " samples (got " +
                     std::to_string(s.batch_size) + (cli.given("batch-size") ? "" : ", the default") + ")");
  }
  const Eigen::Index batch = s.batch_size;
  const int per_epoch = static_cast<int>((n + batch - 1) / batch);
  require_watchable(std::int64_t{s.epochs} * per_epoch, "--epochs " + std::to_string(s.epochs) + " of " +
                                                             std::to_string(per_epoch) + " batches");
  const AnySchedule schedule =
      make_schedule({.name = s.schedule, .learning_rate = s.learning_rate, .steps = s.epochs * per_epoch});
  const TrainingOptions options{.epochs = s.epochs, .batch_size = batch,
                                .sampling = s.replacement ? Sampling::with_replacement : Sampling::shuffled};
  print_problem(p);
  const Watched w = watch(p, schedule, options, static_cast<std::uint64_t>(s.seed));
  std::cout << "B = " << batch << ", η0 = " << format_number(s.learning_rate) << " (" << s.schedule << "), "
            << s.epochs << " epochs of " << per_epoch << " updates, "
            << (s.replacement ? "drawn with replacement" : "shuffled every epoch") << ", seed " << s.seed << "\n\n";
  TextTable table({"epoch", "updates", "evaluations", "η", "L − L*", "‖w − w*‖"});
  const int shown_every = std::max(1, s.epochs / 10);
  for (int e = 1; e <= s.epochs; ++e) {
    if (e % shown_every != 0 && e != 1 && e != s.epochs) continue;
    const auto t = static_cast<std::size_t>(e * per_epoch);
    if (t >= w.excess.size()) break;
    table.add_row({std::to_string(e), std::to_string(t), std::to_string(w.samples[t]),
                   format_scientific(schedule(static_cast<int>(t) - 1), 2), format_scientific(w.excess[t], 3),
                   format_scientific((w.path[t] - p.best).norm(), 3)});
  }
  std::cout << table.str();
  if (w.result.diverged()) {
    std::cout << divergence_text(w) << "; lower --lr (2/λmax = "
              << format_number(largest_stable_learning_rate(p.hessian()), 6) << ")\n";
  }
  const Vector& last = w.result.state.x;  // after divergence: the last point whose loss was finite
  std::cout << (w.result.diverged() ? "last finite " : "final ") << p.parameters << " = " << format_point(last)
            << ", closed form " << format_point(p.best) << "\n";
  if (cli.out()) {
    LinePlot plot{.title = "L − L* by update, B = " + std::to_string(batch),
                  .x_label = "gradient evaluations",
                  .y_label = "L − L*",
                  .log_x = true,
                  .log_y = true};
    Series curve{"B = " + std::to_string(batch), {}, {}, SeriesStyle::lines};
    for (std::size_t t = 1; t < w.excess.size(); ++t) {
      curve.x.push_back(static_cast<double>(w.samples[t]));
      curve.y.push_back(w.excess[t]);
    }
    plot.series.push_back(std::move(curve));
    show_and_save_losses(cli, plot, "-loss.svg", /*in_terminal=*/false);
    w.result.trace.write_csv(cli.output_path(".csv"));
  }
  return 0;
}

}  // namespace

int main(int argc, char* argv[]) {
  using namespace descent;
  return Chapter("sgd_noise",
                 "Chapter 4: batch, mini-batch and single-sample descent on 200 samples whose loss has the\n"
                 "Hessian diag(1, 4): evaluations, gradient noise, the noise floor, schedules, batch sizes.")
      .add({.name = "compare", .summary = "batch, mini-batch and SGD from one start: evaluations to a loss level",
            .outputs = OutputFlags::files_and_plot()},
           compare_experiment)
      .add({.name = "variance", .summary = "variance of the mini-batch gradient against B", .outputs = OutputFlags::files_only()},
           variance_experiment)
      .add({.name = "noise-floor", .summary = "the floor of constant-η SGD against η", .outputs = OutputFlags::files_only()},
           noise_floor_experiment)
      .add({.name = "decay", .summary = "decaying schedules remove the floor", .outputs = OutputFlags::files_only()}, decay_experiment)
      .add({.name = "epochs", .summary = "sampling with and without replacement on one budget", .outputs = OutputFlags::text_only()},
           epochs_experiment)
      .add({.name = "scaling", .summary = "the linear scaling rule η ∝ B and where it breaks", .outputs = OutputFlags::files_only()},
           scaling_experiment)
      .add({.name = "run", .summary = "one run: batch size, η, schedule, epochs, seed, sampling, your CSV",
            .outputs = OutputFlags::files_only()},
           run_experiment)
      .main(argc, argv);
}
