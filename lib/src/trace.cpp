#include "descent/trace.hpp"

#include "descent/output.hpp"

#include <cstdio>
#include <ostream>
#include <sstream>

namespace descent {

namespace {
// %.17g round-trips every double; a reader's script gets back exactly what we computed.
std::string exact(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}
}  // namespace

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
    for (Eigen::Index i = 0; i < n; ++i) out << ',' << exact(row.x[i]);
    out << ',' << exact(row.loss) << ',' << exact(row.gradient_norm) << ',' << exact(row.learning_rate)
        << ',' << row.evaluations;
    for (Eigen::Index i = 0; i < n; ++i) out << ',' << exact(row.gradient[i]);
    out << ',' << (row.diverged ? "diverged" : "ok") << '\n';
  }
}

void Trace::write_csv(const std::filesystem::path& file) const {
  std::ostringstream text;
  write_csv(text);
  write_file_atomically(file, text.str());
}

}  // namespace descent
