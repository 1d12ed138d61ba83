// Chapter 6 — Momentum, RMSprop, Adam, AdamW, Lion.
//
// Races the optimizer family on the Rosenbrock valley, checks the quadratic theory of descent
// and momentum against measured convergence rates, and shows momentum damping the zig-zag of
// plain descent. Run with --help for the flags.

#include "descent/chapter.hpp"
#include "descent/free_run.hpp"
#include "descent/format.hpp"
#include "descent/functions.hpp"
#include "descent/minimize.hpp"
#include "descent/optimizer_choice.hpp"
#include "descent/plot.hpp"
#include "descent/run_output.hpp"
#include "descent/schedule.hpp"
#include "descent/stability.hpp"
#include "descent/trace_plots.hpp"

#include <cmath>
#include <iostream>
#include <string_view>
#include <variant>

namespace {

using namespace descent;

// The step from which the loss stays below `tolerance` to the end of the run (−1: it does not).
int steps_to_stay_below(const RunResult& run, double tolerance) {
  const auto& rows = run.trace.rows();
  if (rows.empty() || !(rows.back().loss < tolerance)) return -1;
  std::size_t t = rows.size() - 1;
  while (t > 0 && rows[t - 1].loss < tolerance) --t;
  return rows[t].step;
}

std::string steps_text(int steps) { return steps < 0 ? "not reached" : std::to_string(steps); }

// ---------------------------------------------------------------------------------------
// Experiment "race": every optimizer on Rosenbrock from (−1.2, 1).

// Each optimizer's learning rate for the race, chosen by trying a few values on this valley
// (all other hyper-parameters at their defaults). Try others with --experiment run.
struct RaceEntry {
  const char* name;
  double learning_rate;
};
//! [race_entries]
constexpr RaceEntry race_entries[] = {
    {"gd", 2e-3},      {"momentum", 1e-3}, {"nesterov", 1e-3}, {"adagrad", 1.0},
    {"rmsprop", 3e-3}, {"adam", 5e-2},     {"adamw", 5e-2},    {"lion", 2e-3},
};
//! [race_entries]
static_assert(std::string_view(race_entries[0].name) == "gd", "the sweep below names gd's entry as the first");

struct RaceSettings {
  int steps = 3000;
  double tolerance = 1e-10;
  void declare(CommandLine& cli) {
    cli.integer("steps", steps, "steps of each optimizer", 1, 10'000'000)
        .real("tolerance", tolerance, "count the steps until f stays below this", RealRange::positive());
  }
};

// Plain descent's η on the valley, swept: f after `steps` steps for each, and the lowest. Past
// 2/λmax on the valley floor (λmax ≈ 1000 near the minimum) descent rattles across the walls;
// far past it, it blows up.
std::string descent_sweep(const Rosenbrock& valley, const Vector& start, int steps) {
  TextTable table({"η (gd)", "f after " + std::to_string(steps) + " steps"});
  double best_loss = INFINITY;
  double best_rate = 0.0;
  for (const double eta : {1e-3, 1.5e-3, 2e-3, 2.5e-3, 3e-3, 5e-3, 1e-2}) {
    const RunResult run = minimize(valley, start, eta, StopRules{.max_steps = steps, .record_every = 0});
    table.add_row({format_number(eta), run.diverged() ? describe(*run.divergence) : format_scientific(run.loss, 2)});
    if (!run.diverged() && run.loss < best_loss) {
      best_loss = run.loss;
      best_rate = eta;
    }
  }
  return "Plain descent's η, swept: after " + std::to_string(steps) + " steps f is lowest at η = " +
         format_number(best_rate) + " (the race above runs gd at " + format_number(race_entries[0].learning_rate) +
         "):\n\n" + table.str();
}

int race_experiment(const CommandLine& cli, const RaceSettings& s) {
  const int steps = s.steps;
  const double tolerance = s.tolerance;
  const Rosenbrock valley;
  const Vector start = point(-1.2, 1.0);
  require_memory(double(std::size(race_entries)) * trace_bytes(steps, 2), "--steps " + std::to_string(steps),
                 "the traces of the race");
  TextTable table({"optimizer", "η", "below " + format_number(tolerance) + " from step", "f after " + std::to_string(steps),
                   "final (x, y)"});
  // Small multiples: one panel per optimizer, on the same axes, so that no path hides another.
  std::vector<ContourPlot> maps;
  std::vector<LinePlot> losses;
  for (const auto& entry : race_entries) {
    //! [race_run]
    OptimizerSettings settings;  // every hyper-parameter but η at its PyTorch default
    settings.name = entry.name;
    const AnyOptimizer optimizer = make_optimizer(settings);
    const RunResult run = minimize(valley, start, ConstantRate{entry.learning_rate},
                                   StopRules{.max_steps = steps}, optimizer);
    //! [race_run]
    const int reached = steps_to_stay_below(run, tolerance);
    table.add_row({entry.name, format_number(entry.learning_rate), steps_text(reached),
                   run.diverged() ? describe(*run.divergence) : format_scientific(run.loss, 2),
                   "(" + format_number(run.x[0], 5) + ", " + format_number(run.x[1], 5) + ")"});
    const std::string label = std::string(entry.name) + " (η = " + format_number(entry.learning_rate) + ")";
    ContourPlot& map = maps.emplace_back();
    map.title = label;
    map.x_range = {-1.6, 1.4};
    map.y_range = {-0.6, 1.6};
    map.f = [&](double x, double y) { return valley.value(point(x, y)); };
    map.levels = log_spaced_levels(0.01, 500.0, 10);
    map.resolution = 121;
    map.minimum = std::array<double, 2>{1.0, 1.0};
    map.paths.push_back(path_series("path", run, SeriesStyle::lines));
    map.paths.back().method = entry.name;
    losses.push_back({.title = label,
                      .x_label = "step",
                      .y_label = "f (log scale)",
                      .log_y = true,
                      .y_range = std::array<double, 2>{1e-14, 1e3},
                      .series = {loss_series("f", run)}});
    losses.back().series.back().method = entry.name;
    save_trace(cli, run.trace, std::string("-") + entry.name + ".csv");
  }
  std::cout << "Rosenbrock f(x, y) = 100(y − x²)² + (1 − x)², minimum 0 at (1, 1), start (−1.2, 1), " << steps
            << " steps\n\n"
            << table.str() << "\n"
            << descent_sweep(valley, start, steps);
  if (cli.terminal_plot()) {
    LinePlot together{.title = "Rosenbrock: f by step (log scale)", .x_label = "step", .y_label = "f", .log_y = true,
                      .y_range = std::array<double, 2>{1e-14, 1e3}};
    for (const auto& panel : losses) together.series.push_back(panel.series.front());
    for (std::size_t i = 0; i < together.series.size(); ++i) together.series[i].title = race_entries[i].name;
    std::cout << "\n" << terminal_plot(together, 72, 24);
  }
  save_figure(cli, maps, 4, "-paths.svg",
              "Rosenbrock: paths in (x, y) from (−1.2, 1), " + std::to_string(steps) +
                  " steps each; grey: contours of f; star: the minimum (1, 1)");
  save_figure(cli, losses, 4, "-loss.svg", "Rosenbrock: f (log scale) against step, one optimizer a panel, the same axes");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "theory": measured convergence rates against the quadratic formulas.

// ‖x_T‖ / ‖x_{T/2}‖ to the power 2/T: the per-step shrink factor late in a run.
template <Optimizer O>
double measured_rate(const Quadratic& q, double learning_rate, int steps, O optimizer) {
  const RunResult run = minimize(q, Vector::Ones(q.dimension()), ConstantRate{learning_rate},
                                 StopRules{.max_steps = steps, .explosion_factor = INFINITY}, std::move(optimizer));
  const auto& rows = run.trace.rows();
  return std::pow(rows.back().x.stableNorm() / rows[rows.size() / 2].x.stableNorm(), 2.0 / steps);
}

int theory_experiment(const CommandLine& /*cli*/, const NoSettings& /*settings*/) {
  TextTable rates({"κ", "method", "η", "μ", "predicted rate", "measured rate", "relative difference"});
  TextTable edges({"κ", "μ", "predicted edge η < (2 + 2μ)/λmax", "edge by bisection", "relative difference"});
  for (const double kappa : {10.0, 100.0}) {
    const double l1 = 1.0;
    const double ln = kappa;
    const Quadratic q = Quadratic::with_eigenvalues(point(l1, ln));
    const int steps = kappa < 50 ? 400 : 1000;
    const TunedSettings best = best_constant_settings(l1, ln);
    const double gd_rate = best.descent_rate;
    const double gd_alpha = best.descent_learning_rate;
    const double momentum_rate = best.momentum_rate;
    const double momentum_alpha = best.momentum_learning_rate;
    const double momentum_beta = best.momentum;
    const double gd_measured = measured_rate(q, gd_alpha, steps, GradientDescent{});
    const double momentum_measured = measured_rate(q, momentum_alpha, steps, Momentum<>(momentum_beta));
    rates.add_row({format_number(kappa), "descent", format_number(gd_alpha, 6), "—", format_number(gd_rate, 6),
                   format_number(gd_measured, 6), format_scientific(std::abs(gd_measured - gd_rate) / gd_rate, 1)});
    rates.add_row({format_number(kappa), "momentum", format_number(momentum_alpha, 6), format_number(momentum_beta, 6),
                   format_number(momentum_rate, 6), format_number(momentum_measured, 6),
                   format_scientific(std::abs(momentum_measured - momentum_rate) / momentum_rate, 1)});
    for (const double beta : {0.5, 0.9}) {
      const double predicted = (2.0 + 2.0 * beta) / ln;
      const double found = stability_edge_by_bisection(q, Vector::Ones(2), 0.5 * predicted, 1.5 * predicted, 1e-9,
                                                       4000, Momentum<>(beta));
      edges.add_row({format_number(kappa), format_number(beta), format_number(predicted, 10), format_number(found, 10),
                     format_scientific(std::abs(found - predicted) / predicted, 1)});
    }
  }
  std::cout << "Quadratics with eigenvalues 1 and κ (rotated off the axes), start (1, 1).\n"
            << "Rates are ‖x_T‖/‖x_T/2‖ to the power 2/T, late in a run of T steps.\n\n"
            << rates.str() << "\nThe stability edge of momentum at fixed μ (bisection on η, runs of 4000 steps):\n\n"
            << edges.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "zigzag": plain descent and momentum on an ill-conditioned bowl.

struct ZigzagSettings {
  double condition = 25.0;
  int steps = 150;
  void declare(CommandLine& cli) {
    cli.real("condition", condition, "κ of the bowl ½(x² + κy²)", RealRange{1.0, 1e8})
        .integer("steps", steps, "steps of each method", 1, 10'000'000);
  }
};

// The largest |y| after the start, the step it comes at, and the step from which |y| stays below
// `level`: how far a method swings across the valley, and how soon the swings die out.
struct Swings {
  double largest = 0.0;
  int largest_at = 0;
  int settled_from = -1;
};

Swings swings_of(const RunResult& run, double level) {
  Swings s;
  const auto& rows = run.trace.rows();
  for (std::size_t t = 1; t < rows.size(); ++t) {
    const double across = std::abs(rows[t].x[1]);
    if (across > s.largest) {
      s.largest = across;
      s.largest_at = rows[t].step;
    }
    if (across >= level) s.settled_from = -1;
    else if (s.settled_from < 0) s.settled_from = rows[t].step;
  }
  return s;
}

// |y| by step: the swings across the valley, on a log axis.
Series across_series(const std::string& title, const RunResult& run, const std::string& method) {
  Series s{title, {}, {}, SeriesStyle::lines_points, method};
  for (const auto& row : run.trace.rows()) {
    s.x.push_back(row.step);
    s.y.push_back(std::abs(row.x[1]));
  }
  return s;
}

int zigzag_experiment(const CommandLine& cli, const ZigzagSettings& s) {
  const double kappa = s.condition;
  const int steps = s.steps;
  const Quadratic q{Matrix(point(1.0, kappa).asDiagonal()), Vector::Zero(2)};  // ½(x² + κy²)
  const Vector start = point(-10.0, 1.0);
  require_memory(2.0 * trace_bytes(steps, 2), "--steps " + std::to_string(steps), "the two runs' traces");
  const TunedSettings best = best_constant_settings(1.0, kappa);
  const double eta = best.descent_learning_rate;
  const double momentum_eta = best.momentum_learning_rate;
  const double mu = best.momentum;
  const RunResult plain = minimize(q, start, eta, StopRules{.max_steps = steps});
  const RunResult heavy = minimize(q, start, ConstantRate{momentum_eta}, StopRules{.max_steps = steps},
                                   Momentum<>(mu));
  constexpr double settled = 1e-2;
  TextTable table({"method", "η", "μ", "L after " + std::to_string(steps) + " steps", "below 1e-6 from step",
                   "largest |y| (step)", "|y| < " + format_number(settled) + " from step"});
  const auto add = [&](const char* name, double learning_rate, const std::string& momentum, const RunResult& run) {
    const Swings w = swings_of(run, settled);
    table.add_row({name, format_number(learning_rate, 4), momentum, format_scientific(run.loss, 2),
                   steps_text(steps_to_stay_below(run, 1e-6)),
                   format_number(w.largest, 3) + " (" + std::to_string(w.largest_at) + ")", steps_text(w.settled_from)});
  };
  add("descent", eta, "—", plain);
  add("momentum", momentum_eta, format_number(mu, 4), heavy);
  std::cout << "L(x, y) = ½(x² + " << format_number(kappa) << "·y²), κ = " << format_number(kappa)
            << ", start (−10, 1), each method with its best constant parameters\n\n"
            << table.str();
  if (cli.out()) {
    ContourPlot map;
    map.title = "κ = " + format_number(kappa) + ": descent below 1e-6 from step " +
                steps_text(steps_to_stay_below(plain, 1e-6)) + ", momentum from step " +
                steps_text(steps_to_stay_below(heavy, 1e-6));
    map.x_range = {-11.0, 2.0};
    map.y_range = {-2.5, 2.5};
    map.f = [&](double x, double y) { return q.value(point(x, y)); };
    map.levels = log_spaced_levels(0.05, 60.0, 10);
    map.minimum = std::array<double, 2>{0.0, 0.0};
    map.paths.push_back({"descent", plain.trace.coordinate(0), plain.trace.coordinate(1), SeriesStyle::lines_points, "gd"});
    map.paths.push_back(
        {"momentum", heavy.trace.coordinate(0), heavy.trace.coordinate(1), SeriesStyle::lines_points, "momentum"});
    save_figure(cli, map, ".svg");
    const LinePlot across{.title = "the swings across the valley: |y| by step",
                          .x_label = "step",
                          .y_label = "|y| (log scale)",
                          .log_y = true,
                          .x_range = std::array<double, 2>{0.0, 60.0},
                          .y_range = std::array<double, 2>{1e-6, 10.0},
                          .series = {across_series("descent", plain, "gd"), across_series("momentum", heavy, "momentum")}};
    save_figure(cli, across, "-across.svg");
  }
  return 0;
}

}  // namespace

//! [main]
int main(int argc, char* argv[]) {
  using namespace descent;
  Chapter chapter("momentum_adam",
                  "Chapter 6: momentum, Nesterov, Adagrad, RMSprop, Adam, AdamW and "
                  "Lion, raced and explained.");
  chapter
      .add({.name = "race",
            .summary =
                "every optimizer on Rosenbrock from (−1.2, 1): steps to a tolerance",
            .outputs = OutputFlags::files_and_plot()},
           race_experiment)
      .add({.name = "theory",
            .summary = "measured convergence rates against the quadratic formulas",
            .outputs = OutputFlags::text_only()},
           theory_experiment)
      .add({.name = "zigzag",
            .summary = "plain descent and momentum on an ill-conditioned bowl",
            .outputs = OutputFlags::files_only()},
           zigzag_experiment);
  const Vector rosenbrock_start = point(-1.2, 1.0);
  add_free_run(chapter,
               {.landscapes = {{.name = "rosenbrock",
                                .formula = "Rosenbrock f(x, y) = 100(y − x²)² + (1 − x)²",
                                .make = [](double) { return AnyObjective(Rosenbrock{}); },
                                .start = rosenbrock_start,
                                .minimizer = point(1.0, 1.0)},
                               {.name = "quadratic",
                                .formula = "a quadratic with eigenvalues 1 and κ",
                                .make =
                                    [](double kappa) {
                                      return AnyObjective(
                                          Quadratic::with_eigenvalues(point(1.0, kappa)));
                                    },
                                .start = Vector::Ones(2),
                                .minimizer = Vector::Zero(2),
                                .uses_condition = true}},
                .optimizer_flags = true,
                .steps = 3000});
  return chapter.main(argc, argv);
}
//! [main]
