#include "descent/trace.hpp"

#include "descent/format.hpp"
#include "descent/output.hpp"

#include <cstdio>
#include <ostream>
#include <sstream>

namespace descent {


std::vector<double> Trace::losses() const {
  std::vector<double> out;
  out.reserve(rows_.size());
  for (const auto& row : rows_) out.push_back(row.loss);
  return out;
}

std::vector<double> Trace::coordinate(Eigen::Index i) const {
  std::vector<double> out;
  out.reserve(rows_.size());
  for (const auto& row : rows_) out.push_back(row.x[i]);
  return out;
}

void Trace::write_csv(std::ostream& out) const {
  const Eigen::Index n = rows_.empty() ? 0 : rows_.front().x.size();
  out << "step";
  for (Eigen::Index i = 0; i < n; ++i) out << ",x" << i;
  out << ",loss,grad_norm,lr,evaluations";
  for (Eigen::Index i = 0; i < n; ++i) out << ",g" << i;
  out << ",status\n";
  for (const auto& row : rows_) {
    out << row.step;
    for (Eigen::Index i = 0; i < n; ++i) out << ',' << format_exact(row.x[i]);
    out << ',' << format_exact(row.loss) << ',' << format_exact(row.gradient_norm) << ',' << format_exact(row.learning_rate)
        << ',' << row.evaluations;
    for (Eigen::Index i = 0; i < n; ++i) out << ',' << format_exact(row.gradient[i]);
    out << ',' << (row.diverged ? "diverged" : "ok") << '\n';
  }
}

void Trace::write_csv(const std::filesystem::path& file) const {
  std::ostringstream text;
  write_csv(text);
  write_file_atomically(file, text.str());
}

}  // namespace descent
