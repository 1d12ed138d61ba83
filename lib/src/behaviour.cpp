#include "descent/behaviour.hpp"

namespace descent {

Behaviour classify(const RunResult& run, const Vector& minimizer, double tolerance) {
  if (run.diverged()) return Behaviour::diverged;
  const auto& rows = run.trace.rows();
  if ((rows.back().x - minimizer).norm() <= tolerance) return Behaviour::converged;
  if (rows.back().loss > rows.front().loss) return Behaviour::diverging;
  int crossings = 0;
  for (std::size_t t = 1; t < rows.size(); ++t) {
    if ((rows[t].x - minimizer).dot(rows[t - 1].x - minimizer) < 0.0) ++crossings;
  }
  const auto steps = static_cast<int>(rows.size()) - 1;
  const double start = (rows.front().x - minimizer).norm();
  const double end = (rows.back().x - minimizer).norm();
  if (2 * crossings > steps) {
    const double middle = (rows[rows.size() / 2].x - minimizer).norm();
    return end < 0.5 * middle ? Behaviour::oscillating_in : Behaviour::bouncing;
  }
  return end < 0.5 * start ? Behaviour::approaching : Behaviour::crawling;
}

std::string_view describe(Behaviour behaviour) {
  switch (behaviour) {
    case Behaviour::converged: return "converged";
    case Behaviour::approaching: return "approaching";
    case Behaviour::crawling: return "crawling";
    case Behaviour::oscillating_in: return "oscillating in";
    case Behaviour::bouncing: return "bouncing";
    case Behaviour::diverging: return "diverging";
    case Behaviour::diverged: return "diverged";
  }
  return "unknown";
}

}  // namespace descent
