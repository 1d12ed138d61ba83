#pragma once
/// \file line_fit.hpp
/// \brief Least-squares lines through measured points: the slopes chapters compare with theory.
///
/// A measured law is checked by fitting a line: steps against log(1/ε) (Chapter 5), or, on
/// log-log axes, a variance against the batch size (Chapter 4), where the slope is the power.

#include <vector>

namespace descent {

/// y ≈ intercept + slope·x.
struct LineFit {
  double slope = 0.0;
  double intercept = 0.0;
  [[nodiscard]] double at(double x) const { return intercept + slope * x; }
};

/// The least-squares line through (x_i, y_i), from centred sums (no cancellation when the x are
/// large and close together). Needs at least two distinct x.
[[nodiscard]] LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y);

/// y ≈ 10^intercept · x^slope: the line through (log10 x, log10 y). Positive x and y only.
struct PowerLawFit {
  LineFit line;  ///< in log10 coordinates
  [[nodiscard]] double slope() const { return line.slope; }
  [[nodiscard]] double at(double x) const;
};

/// The power law through the points, fitted as a line on log-log axes.
[[nodiscard]] PowerLawFit fit_log_log(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace descent
