#include "descent/training_trace.hpp"

#include "descent/format.hpp"
#include "descent/output.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <sstream>

namespace descent {

namespace {
// Every metric name used by any row, in order of first appearance: the CSV's metric columns.
template <class Row>
std::vector<std::string> metric_names(const std::vector<Row>& rows) {
  std::vector<std::string> names;
  for (const Row& row : rows) {
    for (const auto& [name, value] : row.metrics.entries()) {
      if (std::ranges::find(names, name) == names.end()) names.push_back(name);
    }
  }
  return names;
}

// The widest parameter vector stored in any row (0 when none were recorded).
template <class Row>
Eigen::Index parameter_count(const std::vector<Row>& rows) {
  Eigen::Index count = 0;
  for (const Row& row : rows) count = std::max(count, row.parameters.size());
  return count;
}

template <class Row>
void write_metrics_and_parameters(std::ostream& out, const Row& row, const std::vector<std::string>& names,
                                  Eigen::Index parameters) {
  for (const std::string& name : names) {
    out << ',';
    if (const auto value = row.metrics.get(name)) out << format_exact(*value);  // empty cell when absent
  }
  for (Eigen::Index i = 0; i < parameters; ++i) {
    out << ',';
    if (i < row.parameters.size()) out << format_exact(row.parameters[i]);
  }
}

void write_header_tail(std::ostream& out, const std::vector<std::string>& names, Eigen::Index parameters) {
  for (const std::string& name : names) out << ',' << name;
  for (Eigen::Index i = 0; i < parameters; ++i) out << ",x" << i;
}
}  // namespace

void Metrics::set(std::string_view name, double value) {
  const auto same = [&](const auto& entry) { return entry.first == name; };
  if (const auto found = std::ranges::find_if(entries_, same); found != entries_.end()) {
    found->second = value;
  } else {
    entries_.emplace_back(std::string(name), value);
  }
}

std::optional<double> Metrics::get(std::string_view name) const {
  const auto same = [&](const auto& entry) { return entry.first == name; };
  if (const auto found = std::ranges::find_if(entries_, same); found != entries_.end()) return found->second;
  return std::nullopt;
}

void TrainingTrace::write_csv(std::ostream& out) const {
  const std::vector<std::string> names = metric_names(steps_);
  const Eigen::Index parameters = parameter_count(steps_);
  out << "update,epoch,samples,batch_loss,average_loss,grad_norm,lr";
  write_header_tail(out, names, parameters);
  out << ",status\n";
  for (const StepRow& row : steps_) {
    out << row.update << ',' << row.epoch << ',' << row.samples_seen << ',' << format_exact(row.batch_loss) << ','
        << format_exact(row.average_loss) << ',' << format_exact(row.gradient_norm) << ',' << format_exact(row.learning_rate);
    write_metrics_and_parameters(out, row, names, parameters);
    out << ',' << (row.diverged ? "diverged" : "ok") << '\n';
  }
}

void TrainingTrace::write_epochs_csv(std::ostream& out) const {
  const std::vector<std::string> names = metric_names(epochs_);
  const Eigen::Index parameters = parameter_count(epochs_);
  out << "epoch,updates,samples,mean_batch_loss";
  write_header_tail(out, names, parameters);
  out << '\n';
  for (const EpochRow& row : epochs_) {
    out << row.epoch << ',' << row.updates << ',' << row.samples_seen << ',' << format_exact(row.mean_batch_loss);
    write_metrics_and_parameters(out, row, names, parameters);
    out << '\n';
  }
}

void TrainingTrace::write_csv(const std::filesystem::path& file) const {
  std::ostringstream text;
  write_csv(text);
  write_file_atomically(file, text.str());
}

void TrainingTrace::write_epochs_csv(const std::filesystem::path& file) const {
  std::ostringstream text;
  write_epochs_csv(text);
  write_file_atomically(file, text.str());
}

}  // namespace descent
