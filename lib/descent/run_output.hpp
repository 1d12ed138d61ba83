#pragma once
/// \file run_output.hpp
/// \brief What a chapter shows and saves for a single run: a sampled trace table, the loss plot
/// in the terminal, and with --out the trace CSV and the loss figure.

#include "descent/cli.hpp"
#include "descent/minimize.hpp"
#include "descent/plot.hpp"

#include <string>
#include <vector>

namespace descent {

/// About `rows_wanted` evenly spaced rows of the trace, the first and last always: step, η, each
/// parameter, and the loss (or "diverged: …" on the row where the run was stopped).
[[nodiscard]] std::string trace_table(const RunResult& run, int rows_wanted = 12);

/// The loss by step on a log axis. `loss_name` labels the axis ("loss C"); the single series is
/// called `series_title`, or `loss_name` when that is empty. When the lowest loss `minimum` is not
/// 0 the plot shows the loss above it, L − L*: only that gap shrinks to 0, so only it falls as a
/// straight line on a log axis.
[[nodiscard]] LinePlot loss_plot(const RunResult& run, const std::string& title, const std::string& loss_name = "loss",
                                 const std::string& series_title = "", double minimum = 0.0);

/// Whether `plot` has a finite point to draw. When it has none (every run blew up at once, or the
/// loss is zero throughout) it says "(no figure: <why_not>)" unless --quiet and returns false:
/// a run that blew up is a result to report, and an empty figure would only hide it.
[[nodiscard]] bool drawable_or_explained(const CommandLine& cli, const LinePlot& plot, const std::string& why_not);

/// The usual end of a run: `losses` drawn in the terminal (unless --quiet or --no-plot) and,
/// with --out, `<base><suffix>.csv` (the trace) and `<base><suffix>-loss.svg`, where the base
/// is --name or the experiment's name.
void show_and_save_run(const CommandLine& cli, const RunResult& run, const LinePlot& losses,
                       const std::string& suffix = "");

/// With --out, saves `plot` as `<base><suffix>` (the suffix carries the extension, e.g.
/// "-paths.svg"); without --out, does nothing.
void save_figure(const CommandLine& cli, const LinePlot& plot, const std::string& suffix);
/// The same for a contour map.
void save_figure(const CommandLine& cli, const ContourPlot& plot, const std::string& suffix);
/// With --out, saves `panels` side by side, `columns` to a row, under `title`, as `<base><suffix>`
/// (small multiples, see \ref descent::save_panels).
void save_figure(const CommandLine& cli, const std::vector<LinePlot>& panels, int columns, const std::string& suffix,
                 const std::string& title);
/// The same for contour maps.
void save_figure(const CommandLine& cli, const std::vector<ContourPlot>& panels, int columns,
                 const std::string& suffix, const std::string& title);
/// With --out, writes the trace as `<base><suffix>` (e.g. "-adam.csv").
void save_trace(const CommandLine& cli, const Trace& trace, const std::string& suffix);

/// How a run under `rules` ended, for a reader: "diverged at step 12: loss …", "reached ‖∇L‖ ≤ 1e-09
/// in 40 steps", "loss stopped changing after 31 steps", "still going after 100 steps".
[[nodiscard]] std::string describe_outcome(const RunResult& run, const StopRules& rules);

}  // namespace descent
