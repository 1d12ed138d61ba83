// Chapter 3 — Learning-rate failure.
//
// How the learning rate decides between crawling, settling, oscillating and exploding; the
// stability edge 2/λ_max from the Hessian against the edge found by experiment; a race that
// diverges and is caught; the remedies; the LR range test; and the schedule family.
// Run with --help for the flags.

#include "descent/behaviour.hpp"
#include "descent/chapter.hpp"
#include "descent/free_run.hpp"
#include "descent/clipping.hpp"
#include "descent/datasets.hpp"
#include "descent/format.hpp"
#include "descent/functions.hpp"
#include "descent/least_squares.hpp"
#include "descent/lr_finder.hpp"
#include "descent/minimize.hpp"
#include "descent/plot.hpp"
#include "descent/run_output.hpp"
#include "descent/schedule.hpp"
#include "descent/stability.hpp"
#include "descent/trace_plots.hpp"

#include <cmath>
#include <iostream>

namespace {

using namespace descent;

// The regime a step factor puts plain descent in, from the measured ratio w₁/w₀.
std::string regime(double factor) {
  if (std::abs(factor) > 1.0) return "divergent";
  if (factor == 0.0) return "one step";
  if (factor < 0.0) return "oscillating";
  return "monotone";
}

int steps_to_within(const RunResult& run, const Vector& minimizer, double fraction) {
  const double start = (run.trace.front().x - minimizer).norm();
  for (const auto& row : run.trace.rows()) {
    if ((row.x - minimizer).norm() <= fraction * start) return row.step;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------
// Experiment "regimes": the step factor (1 − ηλ) on two parabolas.

// The number of steps of an experiment (race, remedies, schedules).
struct StepsSettings {
  int steps = 100;
  void declare(CommandLine& cli) { cli.integer("steps", steps, "steps of each run", 2, 1'000'000); }
};

int regimes_experiment(const CommandLine& cli, const NoSettings& /*settings*/) {
  const Parabola square;  // C(w) = w², curvature 2: factor 1 − 2η
  TextTable table({"η", "predicted 1 − 2η", "measured w₁/w₀", "w after 1, 2, 3 steps", "regime"});
  table.align_left(3).align_left(4);
  LinePlot plot{.title = "C(w) = w² from w = 5: w by step in the four regimes",
                .x_label = "step",
                .y_label = "w",
                .y_range = std::array<double, 2>{-20.0, 20.0},
                .minimum = 0.0,
                .minimum_title = "minimum w = 0"};
  LinePlot losses{.title = "C(w) = w² from w = 5: the loss by step (log scale)",
                  .x_label = "step",
                  .y_label = "C",
                  .log_y = true,
                  .y_range = std::array<double, 2>{1e-8, 1e5}};
  for (const double eta : {0.25, 0.5, 0.75, 1.25}) {
    const RunResult run = minimize(square, Vector::Constant(1, 5.0), eta, StopRules{.max_steps = 10});
    const auto& rows = run.trace.rows();
    const double measured = rows[1].x[0] / rows[0].x[0];
    table.add_row({format_number(eta), format_number(1.0 - 2.0 * eta), format_number(measured),
                   format_number(rows[1].x[0]) + ", " + format_number(rows[2].x[0]) + ", " + format_number(rows[3].x[0]),
                   regime(measured)});
    plot.series.push_back({"η = " + format_number(eta), {}, run.trace.coordinate(0), SeriesStyle::lines_points});
    for (const auto& row : rows) plot.series.back().x.push_back(row.step);
    losses.series.push_back(loss_series("η = " + format_number(eta), run));  // η = 0.5 hits 0: not drawn
  }
  std::cout << "C(w) = w², start w = 5: each step multiplies w by 1 − 2η\n\n" << table.str() << "\n";

  //! [curvature_presets]
  const Parabola gentle{0.15};  // C(w) = 0.15·w²: curvature C'' = 0.3
  const double edge = largest_stable_learning_rate(gentle.hessian(Vector::Zero(1)));
  //! [curvature_presets]
  TextTable presets({"η", "measured factor", "steps to within 1 %", "verdict"});
  for (const double eta : {0.3, 6.0, 7.0}) {
    const RunResult run = minimize(gentle, Vector::Constant(1, 5.0), eta, StopRules{.max_steps = 200});
    const double factor = run.trace.rows()[1].x[0] / run.trace.rows()[0].x[0];
    const int steps = steps_to_within(run, gentle.minimizer(), 0.01);
    const char* verdict = steps < 0 ? "explodes" : factor < 0.0 ? "oscillates in" : steps > 30 ? "crawls" : "settles";
    presets.add_row({format_number(eta), format_number(factor), steps < 0 ? "never" : std::to_string(steps), verdict});
  }
  std::cout << "C(w) = 0.15·w² (curvature 0.3), start w = 5: stable only for η < 2/0.3 = " << format_number(edge, 6)
            << "\n\n"
            << presets.str();
  if (cli.terminal_plot()) std::cout << "\n" << terminal_plot(plot);
  save_figure(cli, plot, ".svg");
  save_figure(cli, losses, "-loss.svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "race": three learning rates on L(w, b) = w² + 4b².

const DiagonalBowl race_bowl{point(1.0, 4.0)};  // Hessian diag(2, 8)
const Vector race_start = point(-2.0, 1.0);

// What the explosion check saves a reader from: the same diverging run with no check stops only
// when the loss overflows to inf, at a step the note names next to the step the check stopped at.
std::string overflow_note(double eta, int stopped_at) {
  const RunResult unchecked = minimize(race_bowl, race_start, eta,
                                       StopRules{.max_steps = 1'000'000, .explosion_factor = INFINITY});
  if (!unchecked.diverged()) return "";
  const Divergence& end = *unchecked.divergence;
  return "\nη = " + format_number(eta) + " without the explosion check: the run goes on to step " +
         std::to_string(end.step) + ", where its loss " +
         (std::isinf(end.loss) ? std::string("overflows to inf") : "becomes " + format_number(end.loss)) + ", " +
         std::to_string(end.step - stopped_at) + " steps after the check stopped it\n";
}

int race_experiment(const CommandLine& cli, const StepsSettings& s) {
  const int steps = s.steps;
  const double edge = largest_stable_learning_rate(race_bowl.hessian(race_start));
  TextTable table({"η", "outcome", "w", "b", "L"});
  table.align_left(1);
  ContourPlot map;
  map.title = "L(w, b) = w² + 4b²: three learning rates from (−2, 1)";
  map.x_label = "w";
  map.y_label = "b";
  map.x_range = {-2.5, 1.0};
  map.y_range = {-2.0, 2.0};
  map.f = [](double w, double b) { return race_bowl.value(point(w, b)); };
  map.levels = log_spaced_levels(0.02, 20.0, 10);
  map.minimum = std::array<double, 2>{0.0, 0.0};
  std::string unchecked_note;
  for (const double eta : {0.01, 0.1, 0.3}) {
    const RunResult run = minimize(race_bowl, race_start, eta, StopRules{.max_steps = steps});
    const std::string outcome =
        run.diverged() ? describe(*run.divergence)
                       : std::string(describe(classify(run, race_bowl.minimizer(), 1e-3))) + " after " +
                             std::to_string(run.steps) + " steps";
    table.add_row({format_number(eta), outcome, format_number(run.x[0], 6), format_number(run.x[1], 6),
                   format_number(run.loss, 6)});
    // Draw the first steps: the diverging run leaves the map, and gnuplot clips it at the frame.
    RunResult shown = run;
    Series path{"η = " + format_number(eta) + (run.diverged() ? " (diverged)" : ""), {}, {}, SeriesStyle::lines_points};
    for (const auto& row : run.trace.rows()) {
      if (row.step > 12 && eta > edge) break;
      path.x.push_back(row.x[0]);
      path.y.push_back(row.x[1]);
    }
    map.paths.push_back(path);
    save_trace(cli, run.trace, "-lr" + format_number(eta) + ".csv");
    if (run.diverged()) unchecked_note += overflow_note(eta, run.divergence->step);
  }
  std::cout << "L(w, b) = w² + 4b² from (w, b) = (−2, 1), " << steps << " steps\n"
            << "Hessian diag(2, 8): stable only for η < 2/8 = " << format_number(edge) << "; at η = 0.3 the b factor is 1 − 8·0.3 = "
            << format_number(1.0 - 8.0 * 0.3) << "\n\n"
            << table.str() << unchecked_note;
  save_figure(cli, map, ".svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "stability": 2/λ_max from the eigenvalues against bisection on real runs.

int stability_experiment(const CommandLine& /*cli*/, const NoSettings& /*settings*/) {
  const Dataset houses = linear_data(200, point(1.0, 3.0), 0.5, 3);
  struct Case {
    std::string name;
    Quadratic quadratic;
    Vector start;
  };
  const Vector three = Vector::LinSpaced(3, 1.0, 1.0);
  const std::vector<Case> cases{
      {"C = w²", Quadratic{Matrix::Constant(1, 1, 2.0), Vector::Zero(1)}, Vector::Constant(1, 5.0)},
      {"C = 0.15·w²", Quadratic{Matrix::Constant(1, 1, 0.3), Vector::Zero(1)}, Vector::Constant(1, 5.0)},
      {"w² + 4b²", Quadratic{race_bowl.hessian(race_start), Vector::Zero(2)}, race_start},
      {"rotated, eigenvalues 1, 10, 50", Quadratic::with_eigenvalues(Vector{{1.0, 10.0, 50.0}}), three},
      {"least squares, features of spread 1 and 3",
       Quadratic{LeastSquares(houses.features, houses.targets).hessian(three),
                 LeastSquares(houses.features, houses.targets).hessian(three) *
                     LeastSquares(houses.features, houses.targets).closed_form()},
       three},
  };
  TextTable table({"quadratic", "λmax (eigensolver)", "2/λmax", "edge by bisection", "relative difference"});
  for (const auto& c : cases) {
    //! [theory_and_experiment]
    const double lambda = largest_curvature(c.quadratic.hessian(c.start));
    const double theory = 2.0 / lambda;
    const double experiment =
        stability_edge_by_bisection(c.quadratic, c.start, 0.5 * theory, 1.5 * theory);
    //! [theory_and_experiment]
    table.add_row({c.name, format_number(lambda, 10), format_number(theory, 10), format_number(experiment, 10),
                   format_scientific(std::abs(experiment - theory) / theory, 1)});
  }
  std::cout << "The stability edge of plain descent: theory (2/λmax) against experiment (bisection on η,\n"
            << "each probe a real run of 4000 steps that either grows or does not)\n\n"
            << table.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "remedies": the diverging race run, fixed four ways.

int remedies_experiment(const CommandLine& cli, const StepsSettings& s) {
  const int steps = s.steps;
  struct Remedy {
    std::string name;
    AnySchedule schedule;
    double clip;  // 0: no clipping
  };
  //! [remedies]
  const std::vector<Remedy> remedies{
      {"none: constant η = 0.3", ConstantRate{0.3}, 0.0},
      {"lower η: constant 0.2", ConstantRate{0.2}, 0.0},
      {"decay: 0.3·e^(−0.05t)", ExponentialDecay{0.3, 0.05}, 0.0},
      {"warm-up 10 + cosine from 0.3",
       Warmup<CosineAnnealing>{10, CosineAnnealing{0.3, 0.0, steps - 10}}, 0.0},
      {"clip ‖g‖ ≤ 1 at η = 0.3", ConstantRate{0.3}, 1.0},
  };
  //! [remedies]
  TextTable table({"remedy", "outcome", "largest loss", "final loss"});
  table.align_left(1);
  LinePlot plot{.title = "the η = 0.3 race run and its remedies",
                .x_label = "step",
                .y_label = "L (log scale)",
                .log_y = true,
                .y_range = std::array<double, 2>{1e-12, 1e8}};
  for (const auto& r : remedies) {
    const StopRules rules{.max_steps = steps};
    const RunResult run = r.clip > 0.0 ? minimize(race_bowl, race_start, r.schedule, rules, ClipByNorm<>{r.clip})
                                       : minimize(race_bowl, race_start, r.schedule, rules);
    double largest = 0.0;
    for (const auto& row : run.trace.rows()) {
      if (std::isfinite(row.loss)) largest = std::max(largest, row.loss);
    }
    const Behaviour b = classify(run, race_bowl.minimizer(), 1e-3);
    table.add_row({r.name,
                   run.diverged() ? describe(*run.divergence) : std::string(describe(b)) + " after " + std::to_string(run.steps) + " steps",
                   format_scientific(largest, 2), run.diverged() ? "—" : format_scientific(run.loss, 2)});
    plot.series.push_back(loss_series(r.name, run));
  }
  std::cout << "L(w, b) = w² + 4b² from (−2, 1) with η = 0.3 diverges (the edge is 0.25). Four remedies, " << steps
            << " steps:\n\n"
            << table.str();
  save_figure(cli, plot, ".svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "lr-finder": the range test on an ill-conditioned least-squares problem.

int lr_finder_experiment(const CommandLine& cli, const NoSettings& /*settings*/) {
  const Dataset data = linear_data(200, Vector{{1.0, 3.0, 10.0}}, 0.5, 3);
  const LeastSquares loss(data.features, data.targets);
  const Vector start = Vector::Zero(loss.dimension());
  //! [lr_finder]
  const LrSweep sweep = lr_range_test(loss, start, 1e-5, 1.0, 100);
  const LrPick pick = pick_learning_rate(sweep);
  //! [lr_finder]
  const double edge = largest_stable_learning_rate(loss.hessian(start));
  TextTable table({"step", "η", "loss after the step"});
  for (std::size_t i = 0; i < sweep.losses.size(); i += 10) {
    table.add_row({std::to_string(i), format_scientific(sweep.learning_rates[i], 3), format_number(sweep.losses[i], 6)});
  }
  const std::size_t last = sweep.losses.size() - 1;
  if (last % 10 != 0) {
    table.add_row({std::to_string(last), format_scientific(sweep.learning_rates[last], 3), format_number(sweep.losses[last], 6)});
  }
  std::cout << "LR range test: least squares with 3 features of spread 1, 3 and 10 (200 samples);\n"
            << "η grows from 1e-05 to 1 by the same factor each step, stopping when the loss passes 4× its best\n\n"
            << table.str() << "\n"
            << "steepest fall of the loss: η = " << format_scientific(pick.steepest, 3) << " (step " << pick.steepest_index
            << ")\n"
            << "cliff (loss above 4× its best): "
            << (pick.cliff ? "η = " + format_scientific(*pick.cliff, 3) : std::string("not reached")) << "\n"
            << "suggestion, 10× below the cliff: η = " << format_scientific(pick.suggestion, 3) << "\n"
            << "theory: stable only for η < 2/λmax = " << format_scientific(edge, 3) << "\n\n";
  TextTable check({"η", "what it is", "loss after 100 steps from 0"});
  const auto final_loss = [&](double eta) {
    const RunResult run = minimize(loss, start, eta, StopRules{.max_steps = 100});
    return run.diverged() ? describe(*run.divergence) : format_number(run.loss, 6);
  };
  check.add_row({format_scientific(pick.suggestion, 3), "the suggestion", final_loss(pick.suggestion)});
  check.add_row({format_scientific(pick.steepest, 3), "the steepest point", final_loss(pick.steepest)});
  check.add_row({format_scientific(0.9 * edge, 3), "just inside 2/λmax", final_loss(0.9 * edge)});
  if (pick.cliff) check.add_row({format_scientific(*pick.cliff, 3), "the cliff", final_loss(*pick.cliff)});
  std::cout << check.str();
  // The sweep's loss at the last recorded η not above `eta`, to place a marker on the curve.
  const auto loss_at = [&](double eta) {
    std::size_t i = 0;
    while (i + 1 < sweep.learning_rates.size() && sweep.learning_rates[i + 1] <= eta) ++i;
    return sweep.losses[i];
  };
  LinePlot plot{.title = "LR range test: loss against η",
                .x_label = "η (log scale)",
                .y_label = "loss (log scale)",
                .log_x = true,
                .log_y = true,
                .series = {Series{"loss during the sweep", sweep.learning_rates, sweep.losses, SeriesStyle::lines},
                 Series{"steepest fall", {pick.steepest}, {sweep.losses[pick.steepest_index]}, SeriesStyle::points},
                 Series{"suggestion (cliff / 10)", {pick.suggestion}, {loss_at(pick.suggestion)}, SeriesStyle::points}}};
  if (cli.terminal_plot()) std::cout << "\n" << terminal_plot(plot);
  save_figure(cli, plot, ".svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "schedules": every schedule's η(t), and a race between them.

int schedules_experiment(const CommandLine& cli, const StepsSettings& s) {
  const int steps = s.steps;
  const Dataset data = linear_data(200, Vector{{1.0, 3.0, 10.0}}, 0.5, 3);
  const LeastSquares loss(data.features, data.targets);
  const Vector start = Vector::Zero(loss.dimension());
  const double peak = 0.9 * largest_stable_learning_rate(loss.hessian(start));
  // Small multiples, one schedule a panel on the same axes, so that no curve hides another.
  std::vector<LinePlot> rates;
  std::vector<LinePlot> race;
  TextTable shape({"schedule", "η(0)", "η(1)", "η(10)", "η(25)", "η(50)", "η(75)", "η(" + std::to_string(steps - 1) + ")"});
  TextTable outcome({"schedule", "L − L* after " + std::to_string(steps) + " steps"});
  const double best = loss.value(loss.closed_form());
  std::vector<std::string> names = schedule_names();
  names.emplace_back("cosine+warm-up");
  for (const auto& name : names) {
    const bool warm = name == "cosine+warm-up";
    const ScheduleChoice choice{warm ? "cosine" : name, 0.1, steps, 0.0, warm ? steps / 10 : 0};
    const AnySchedule schedule = make_schedule(choice);
    std::vector<std::string> cells{name};
    for (const int t : {0, 1, 10, 25, 50, 75, steps - 1}) cells.push_back(format_number(schedule(t), 4));
    shape.add_row(cells);
    Series curve{name, {}, {}, SeriesStyle::lines};
    for (int t = 0; t < steps; ++t) {
      curve.x.push_back(t);
      curve.y.push_back(schedule(t));
    }
    rates.push_back({.title = name, .x_label = "step", .y_label = "η", .y_range = std::array<double, 2>{0.0, 0.1},
                     .series = {curve}});
    ScheduleChoice raced = choice;
    raced.learning_rate = peak;
    const RunResult run = minimize(loss, start, make_schedule(raced), StopRules{.max_steps = steps});
    race.push_back({.title = name, .x_label = "step", .y_label = "L − L*", .log_y = true,
                    .y_range = std::array<double, 2>{1e-2, 1e3}, .series = {loss_series(name, run, best)}});
    outcome.add_row({name, run.diverged() ? describe(*run.divergence) : format_scientific(run.loss - best, 3)});
  }
  std::cout << "Learning-rate schedules (η0 = 0.1 over " << steps << " steps; warm-up: " << steps / 10 << " steps)\n\n"
            << shape.str() << "\n"
            << "Raced on least squares with 3 features of spread 1, 3, 10, peak η = " << format_scientific(peak, 3)
            << " (0.9 × 2/λmax):\n\n"
            << outcome.str();
  save_figure(cli, rates, 4, ".svg",
              "learning-rate schedules: η against step, η0 = 0.1, " + std::to_string(steps) + " steps");
  save_figure(cli, race, 4, "-race.svg",
              "schedules raced on least squares (peak η = 0.9 × 2/λmax): L − L* (log scale) against step");
  return 0;
}

}  // namespace

//! [main]
int main(int argc, char* argv[]) {
  using namespace descent;
  Chapter chapter("learning_rate",
                  "Chapter 3: how the learning rate makes descent crawl, settle, oscillate or explode;\n"
                  "the stability edge 2/λmax, the LR range test, and learning-rate schedules.");
  chapter
      .add({.name = "regimes", .summary = "the step factor 1 − ηλ: monotone, one step, oscillating, divergent",
            .outputs = OutputFlags::files_and_plot()},
           regimes_experiment)
      .add({.name = "race", .summary = "three learning rates on L(w, b) = w² + 4b²", .outputs = OutputFlags::files_only()},
           race_experiment)
      .add({.name = "stability", .summary = "the edge 2/λmax against bisection on real runs",
            .outputs = OutputFlags::text_only()},
           stability_experiment)
      .add({.name = "remedies", .summary = "lower η, decay, warm-up and clipping on the diverging run",
            .outputs = OutputFlags::files_only()},
           remedies_experiment)
      .add({.name = "lr-finder", .summary = "the LR range test: loss against an exponentially growing η",
            .outputs = OutputFlags::files_and_plot()},
           lr_finder_experiment)
      .add({.name = "schedules", .summary = "every schedule plotted and raced on least squares", .outputs = OutputFlags::files_only()},
           schedules_experiment);
  add_free_run(chapter, {.landscapes = {{.name = "race",
                                         .formula = "L(w, b) = w² + 4b²",
                                         .make = [](double) { return AnyObjective(race_bowl); },
                                         .start = race_start,
                                         .minimizer = race_bowl.minimizer()},
                                        {.name = "gentle",
                                         .formula = "C(w) = 0.15·w²",
                                         .make = [](double) { return AnyObjective(Parabola{0.15}); },
                                         .start = Vector::Constant(1, 5.0),
                                         .minimizer = Parabola{0.15}.minimizer()}},
                         .clip_flag = true,
                         .learning_rate = 0.1,
                         .steps = 100});
  return chapter.main(argc, argv);
}
//! [main]
