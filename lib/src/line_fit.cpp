#include "descent/line_fit.hpp"

#include <cmath>
#include <stdexcept>

namespace descent {

LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) throw std::invalid_argument("fit_line: needs two or more (x, y) pairs");
  const double count = static_cast<double>(x.size());
  double mean_x = 0.0, mean_y = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mean_x += x[i] / count;
    mean_y += y[i] / count;
  }
  double covariance = 0.0, variance = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    covariance += (x[i] - mean_x) * (y[i] - mean_y);
    variance += (x[i] - mean_x) * (x[i] - mean_x);
  }
  if (!(variance > 0.0)) throw std::invalid_argument("fit_line: every x is the same");
  const double slope = covariance / variance;
  return {slope, mean_y - slope * mean_x};
}

double PowerLawFit::at(double x) const { return std::pow(10.0, line.at(std::log10(x))); }

PowerLawFit fit_log_log(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<double> log_x, log_y;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
    log_x.push_back(std::log10(x[i]));
    log_y.push_back(std::log10(y[i]));
  }
  return {fit_line(log_x, log_y)};
}

}  // namespace descent
