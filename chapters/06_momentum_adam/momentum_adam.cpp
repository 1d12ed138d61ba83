// Chapter 6 — Momentum, RMSprop, Adam, AdamW, Lion.
//
// Races the optimizer family on the Rosenbrock valley, checks the quadratic theory of descent
// and momentum against measured convergence rates, and shows momentum damping the zig-zag of
// plain descent. Run with --help for the flags.

#include "descent/cli.hpp"
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
    {"gd", 1e-3},   {"momentum", 1e-3}, {"nesterov", 1e-3}, {"adagrad", 1.0}, {"rmsprop", 3e-3},
    {"adam", 5e-2}, {"adamw", 5e-2},    {"lion", 2e-3},
};
//! [race_entries]

int race_experiment(const CommandLine& cli, int steps, double tolerance) {
  const Rosenbrock valley;
  const Vector start = point(-1.2, 1.0);
  TextTable table({"optimizer", "η", "below " + format_number(tolerance) + " from step", "f after " + std::to_string(steps),
                   "final (x, y)"});
  ContourPlot map;
  map.title = "Rosenbrock from (−1.2, 1): " + std::to_string(steps) + " steps of each optimizer";
  map.x_range = {-1.6, 1.4};
  map.y_range = {-0.6, 1.6};
  map.f = [&](double x, double y) { return valley.value(point(x, y)); };
  map.levels = log_spaced_levels(0.01, 500.0, 14);
  map.resolution = 161;
  LinePlot losses{"Rosenbrock: f by step (log scale)", "step", "f", false, true, std::nullopt,
                  std::array<double, 2>{1e-14, 1e3}, {}};
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
    map.paths.push_back(path_series(label, run, SeriesStyle::lines));
    losses.series.push_back(loss_series(label, run));
    if (cli.out()) run.trace.write_csv(*cli.out() / (cli.output_name("race") + "-" + entry.name + ".csv"));
  }
  std::cout << "Rosenbrock f(x, y) = 100(y − x²)² + (1 − x)², minimum 0 at (1, 1), start (−1.2, 1), " << steps
            << " steps\n\n"
            << table.str();
  if (cli.terminal_plot()) std::cout << "\n" << terminal_plot(losses, 72, 24);
  if (cli.out()) {
    save_plot(map, *cli.out() / (cli.output_name("race") + "-paths.svg"));
    save_plot(losses, *cli.out() / (cli.output_name("race") + "-loss.svg"));
  }
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

int theory_experiment() {
  TextTable rates({"κ", "method", "α", "β", "predicted rate", "measured rate", "relative difference"});
  TextTable edges({"κ", "β", "predicted edge α < (2 + 2β)/λmax", "edge by bisection", "relative difference"});
  for (const double kappa : {10.0, 100.0}) {
    const double l1 = 1.0;
    const double ln = kappa;
    const Quadratic q = Quadratic::with_eigenvalues(point(l1, ln));
    const int steps = kappa < 50 ? 400 : 1000;
    //! [optimal_parameters]
    const double gd_rate = (kappa - 1) / (kappa + 1);        // at α = 2/(λ1 + λn)
    const double gd_alpha = 2.0 / (l1 + ln);
    const double root = std::sqrt(kappa);
    const double momentum_rate = (root - 1) / (root + 1);     // heavy ball, tuned
    const double momentum_alpha = std::pow(2.0 / (std::sqrt(l1) + std::sqrt(ln)), 2);
    const double momentum_beta = momentum_rate * momentum_rate;
    //! [optimal_parameters]
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
            << rates.str() << "\nThe stability edge of momentum at fixed β (bisection on α, runs of 4000 steps):\n\n"
            << edges.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "zigzag": plain descent and momentum on an ill-conditioned bowl.

int zigzag_experiment(const CommandLine& cli, double kappa, int steps) {
  const Quadratic q{Matrix(point(1.0, kappa).asDiagonal()), Vector::Zero(2)};  // ½(x² + κy²)
  const Vector start = point(-10.0, 1.0);
  const double root = std::sqrt(kappa);
  const double alpha = 2.0 / (1.0 + kappa);
  const double momentum_alpha = std::pow(2.0 / (1.0 + root), 2);
  const double beta = std::pow((root - 1) / (root + 1), 2);
  const RunResult plain = minimize(q, start, alpha, StopRules{.max_steps = steps});
  const RunResult heavy = minimize(q, start, ConstantRate{momentum_alpha}, StopRules{.max_steps = steps},
                                   Momentum<>(beta));
  TextTable table({"method", "α", "β", "L after " + std::to_string(steps) + " steps", "below 1e-6 from step"});
  table.add_row({"descent", format_number(alpha, 4), "—", format_scientific(plain.loss, 2),
                 steps_text(steps_to_stay_below(plain, 1e-6))});
  table.add_row({"momentum", format_number(momentum_alpha, 4), format_number(beta, 4), format_scientific(heavy.loss, 2),
                 steps_text(steps_to_stay_below(heavy, 1e-6))});
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
    map.paths.push_back({"descent", plain.trace.coordinate(0), plain.trace.coordinate(1), SeriesStyle::lines_points});
    map.paths.push_back({"momentum", heavy.trace.coordinate(0), heavy.trace.coordinate(1), SeriesStyle::lines_points});
    save_plot(map, *cli.out() / (cli.output_name("zigzag") + ".svg"));
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "run": one optimizer, every hyper-parameter from the command line.

struct RunSettings {
  OptimizerSettings optimizer;
  std::string function;
  Vector start;
  double learning_rate = 0.0;
  int steps = 0;
  double condition = 10.0;
  ScheduleChoice schedule;
};

int run_experiment(const CommandLine& cli, RunSettings s) {
  const AnyOptimizer optimizer = make_optimizer(s.optimizer);  // validates β, ε, λ: exit 2 if wrong
  s.schedule.learning_rate = cli.given("lr") ? s.learning_rate : default_learning_rate(s.optimizer.name);
  s.schedule.steps = s.steps;
  const AnySchedule schedule = make_schedule(s.schedule);
  const bool rosenbrock = s.function == "rosenbrock";
  const Vector start = s.start.size() > 0 ? s.start : rosenbrock ? point(-1.2, 1.0) : Vector::Ones(2);
  require_size(start, 2, "--start");
  const Rosenbrock valley;
  const Quadratic bowl = Quadratic::with_eigenvalues(point(1.0, s.condition));
  const RunResult run = rosenbrock ? minimize(valley, start, schedule, StopRules{.max_steps = s.steps}, optimizer)
                                   : minimize(bowl, start, schedule, StopRules{.max_steps = s.steps}, optimizer);
  if (!cli.quiet()) {
    std::cout << optimizer.name() << " on " << (rosenbrock ? "Rosenbrock" : "a quadratic with κ = " + format_number(s.condition))
              << ", η0 = " << format_number(s.schedule.learning_rate) << " (" << s.schedule.name << ")\n\n"
              << trace_table(run) << "\n";
  }
  std::cout << "result: " << (run.diverged() ? describe(*run.divergence)
                                             : "f = " + format_scientific(run.loss, 3) + " at (" + format_number(run.x[0], 6) +
                                                   ", " + format_number(run.x[1], 6) + ") after " + std::to_string(run.steps) +
                                                   " steps")
            << "\n";
  show_and_save_run(cli, run, loss_plot(run, "loss by step", "loss", std::string(optimizer.name())),
                    cli.output_name("run"));
  return 0;
}

}  // namespace

//! [main]
int main(int argc, char* argv[]) {
  return descent::run_program("momentum_adam", [&] {
    std::string experiment;
    RunSettings run;
    double momentum = 0.9, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weight_decay = 0.0, tolerance = 1e-10;
    const std::string optimizers = joined_choices(optimizer_names());
    const std::string schedules = joined_choices(schedule_names());
    CommandLine cli("momentum_adam",
                    "Chapter 6: momentum, Nesterov, Adagrad, RMSprop, Adam, AdamW and Lion, raced and explained.");
    cli.choice("experiment", experiment, "race", "what to run", {"race", "theory", "zigzag", "run"})
        .text("optimizer", run.optimizer.name, "for --experiment run: " + optimizers + " (default gd)", "NAME")
        .real("lr", run.learning_rate, 1e-3, "learning rate η (default: the optimizer's PyTorch default)",
              RealRange::positive())
        .real("momentum", momentum, 0.9, "μ of momentum and Nesterov", RealRange{0.0, 1.0, true, false})
        .real("beta1", beta1, 0.9, "β1 of Adam, AdamW and Lion", RealRange{0.0, 1.0, true, false})
        .real("beta2", beta2, 0.999, "β2 of Adam and AdamW (RMSprop's α: 0.99, Lion's β2: 0.99 by default)",
              RealRange{0.0, 1.0, true, false})
        .real("eps", eps, 1e-8, "ε of Adam, AdamW, RMSprop (Adagrad: 1e-10 by default)", RealRange::non_negative())
        .real("weight-decay", weight_decay, 0.0, "λ (AdamW: 0.01 by default)", RealRange::non_negative())
        .integer("steps", run.steps, 3000, "steps", 1, 10'000'000)
        .vector("start", run.start, "", "start point x,y (default −1.2,1 on Rosenbrock, 1,1 on the quadratic)")
        .choice("function", run.function, "rosenbrock", "for --experiment run", {"rosenbrock", "quadratic"})
        .real("condition", run.condition, 10.0, "κ of the quadratic (and of the zig-zag bowl)", RealRange{1.0, 1e8})
        .real("tolerance", tolerance, 1e-10, "the race counts steps until f falls below this", RealRange::positive())
        .text("schedule", run.schedule.name, "for --experiment run: " + schedules + " (default constant)", "NAME")
        .integer("warmup", run.schedule.warmup, 0, "linear warm-up steps", 0, 10'000'000);
    if (!cli.parse(argc, argv)) return 0;
    if (run.optimizer.name.empty()) run.optimizer.name = "gd";
    if (run.schedule.name.empty()) run.schedule.name = "constant";
    // Only flags the reader typed override an optimizer's own defaults.
    if (cli.given("momentum")) run.optimizer.momentum = momentum;
    if (cli.given("beta1")) run.optimizer.beta1 = beta1;
    if (cli.given("beta2")) run.optimizer.beta2 = beta2;
    if (cli.given("eps")) run.optimizer.eps = eps;
    if (cli.given("weight-decay")) run.optimizer.weight_decay = weight_decay;
    if (experiment != "run") {
      for (const char* flag : {"optimizer", "lr", "momentum", "beta1", "beta2", "eps", "weight-decay", "start",
                               "function", "schedule", "warmup"}) {
        if (cli.given(flag)) throw UsageError(std::string("--") + flag + " applies only to --experiment run");
      }
    }
    if (experiment == "theory") return theory_experiment();
    if (experiment == "zigzag") return zigzag_experiment(cli, cli.given("condition") ? run.condition : 25.0,
                                                        cli.given("steps") ? run.steps : 150);
    if (experiment == "run") return run_experiment(cli, run);
    return race_experiment(cli, run.steps, tolerance);
  });
}
//! [main]
