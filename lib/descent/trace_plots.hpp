#pragma once
/// \file trace_plots.hpp
/// \brief Series for figures, read off a run's trace: loss by step, and the path of (x0, x1).

#include "descent/minimize.hpp"
#include "descent/plot.hpp"

#include <string>

namespace descent {

/// The 2-vector (x, y), for the two-parameter examples.
[[nodiscard]] inline Vector point(double x, double y) {
  Vector p(2);
  p << x, y;
  return p;
}

/// Loss against step, one point per recorded row; with `minimum`, the loss above it (L − L*).
[[nodiscard]] inline Series loss_series(const std::string& title, const RunResult& run, double minimum = 0.0) {
  Series s{title, {}, {}, SeriesStyle::lines};
  for (const auto& row : run.trace.rows()) {
    s.x.push_back(row.step);
    s.y.push_back(row.loss - minimum);
  }
  return s;
}

/// The path of the first two coordinates, for a contour map.
[[nodiscard]] inline Series path_series(const std::string& title, const RunResult& run,
                                        SeriesStyle style = SeriesStyle::lines_points) {
  return {title, run.trace.coordinate(0), run.trace.coordinate(1), style};
}

}  // namespace descent
