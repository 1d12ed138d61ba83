#pragma once
/// \file run_output.hpp
/// \brief What a chapter shows and saves for a single run: a sampled trace table, the loss plot
/// in the terminal, and with --out the trace CSV and the loss figure.

#include "descent/cli.hpp"
#include "descent/minimize.hpp"
#include "descent/plot.hpp"

#include <string>

namespace descent {

/// About `rows_wanted` evenly spaced rows of the trace, the first and last always: step, η, each
/// parameter, and the loss (or "diverged: …" on the row where the run was stopped).
[[nodiscard]] std::string trace_table(const RunResult& run, int rows_wanted = 12);

/// The loss by step on a log axis. `loss_name` labels the axis ("loss C"); the single series is
/// called `series_title`, or `loss_name` when that is empty.
[[nodiscard]] LinePlot loss_plot(const RunResult& run, const std::string& title, const std::string& loss_name = "loss",
                                 const std::string& series_title = "");

/// The usual end of a run: `losses` drawn in the terminal (unless --quiet or --no-plot) and,
/// with --out, `<base>.csv` (the trace) and `<base>-loss.svg`.
void show_and_save_run(const CommandLine& cli, const RunResult& run, const LinePlot& losses, const std::string& base);

}  // namespace descent
