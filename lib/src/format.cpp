#include "descent/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <stdexcept>

namespace descent {

namespace {
constexpr std::string_view minus_sign = "\u2212";  // the typographic minus, as in the book

// Replaces a leading ASCII '-' by the typographic minus; an exponent's sign stays ASCII.
std::string typographic(std::string text) {
  if (!text.empty() && text.front() == '-') text.replace(0, 1, minus_sign);
  return text;
}

std::string non_finite(double value) {
  if (std::isnan(value)) return "undefined (NaN)";
  return value > 0 ? "overflow (+inf)" : "overflow (\u2212inf)";
}

std::string printf_double(const char* format, int precision, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, precision, value);
  return buffer;
}
}  // namespace

std::string format_number(double value, int significant) {
  if (!std::isfinite(value)) return non_finite(value);
  if (value == 0.0) return "0";  // no "−0" in a table
  return typographic(printf_double("%.*g", significant, value));
}

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value)) return non_finite(value);
  std::string text = printf_double("%.*f", decimals, value);
  if (text.find_first_not_of("-0.") == std::string::npos) text.erase(0, text.front() == '-' ? 1 : 0);
  return typographic(text);
}

std::string format_point(const Eigen::VectorXd& x, int significant) {
  std::string text;
  for (const double v : x) {
    if (!text.empty()) text += ", ";
    text += format_number(v, significant);
  }
  return x.size() == 1 ? text : "(" + text + ")";
}

std::string format_exact(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);  // round-trips every double
  return buffer;
}

std::string format_scientific(double value, int significant) {
  if (!std::isfinite(value)) return non_finite(value);
  return typographic(printf_double("%.*e", std::max(significant - 1, 0), value));
}

std::string format_bytes(double bytes) {
  if (!std::isfinite(bytes)) return non_finite(bytes);
  static constexpr const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  std::size_t unit = 0;
  while (std::abs(bytes) >= 999.5 && unit + 1 < std::size(units)) {  // 999.6 kB would print as "1e+03 kB"
    bytes /= 1000.0;
    ++unit;
  }
  return format_number(bytes, 3) + " " + units[unit];
}

std::string joined_choices(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : "|") + w;
  return out;
}

std::size_t display_width(std::string_view text) {
  // Count UTF-8 lead bytes: every byte that is not a continuation byte (10xxxxxx).
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(),
      [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

TextTable::TextTable(std::vector<std::string> headers)
    : headers_(std::move(headers)), left_(headers_.size(), false) {
  if (!left_.empty()) left_[0] = true;
}

TextTable& TextTable::align_left(std::size_t column) {
  left_.at(column) = true;
  return *this;
}

void TextTable::add_row(std::vector<std::string> cells) {
  if (cells.size() != headers_.size()) {
    throw std::logic_error("TextTable row has " + std::to_string(cells.size()) + " cells, expected " +
                           std::to_string(headers_.size()));
  }
  rows_.push_back(std::move(cells));
}

std::string TextTable::str() const {
  std::vector<std::size_t> widths(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) widths[c] = display_width(headers_[c]);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  const auto render = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string padding(widths[c] - display_width(cells[c]), ' ');
      if (c > 0) line += "  ";
      line += left_[c] ? cells[c] + padding : padding + cells[c];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + '\n';
  };
  std::string out = render(headers_);
  std::size_t rule = 0;
  for (const auto w : widths) rule += w;
  out += std::string(rule + 2 * (widths.size() - 1), '-') + '\n';
  for (const auto& row : rows_) out += render(row);
  return out;
}

}  // namespace descent
