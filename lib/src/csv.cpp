#include "descent/csv.hpp"

#include "descent/format.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace descent {

namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = line.find(',', begin);
    cells.push_back(trimmed(line.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin)));
    if (comma == std::string::npos) return cells;
    begin = comma + 1;
  }
}

bool parses_as_number(const std::string& cell, double& value) {
  const char* first = cell.data();
  const char* last = first + cell.size();
  if (first != last && *first == '+') ++first;
  const auto [end, error] = std::from_chars(first, last, value);
  return error == std::errc() && end == last && first != last;
}

// A cell or column name as an error message quotes it: control bytes (a stray escape sequence
// or carriage return in a corrupt file would rewrite the reader's terminal) written as \xNN,
// and at most 40 bytes, so a binary file gives a short line and not a screenful.
std::string shown(const std::string& text) {
  constexpr std::size_t longest = 40;
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < longest; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) {
      constexpr char hex[] = "0123456789abcdef";
      out += {'\\', 'x', hex[byte >> 4], hex[byte & 0xf]};
    } else {
      out += text[i];
    }
  }
  return text.size() > longest ? out + "…" : out;
}

std::string unquoted(const std::string& name) {
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') return name.substr(1, name.size() - 2);
  return name;
}

}  // namespace

Table read_csv(const std::filesystem::path& file, Eigen::Index minimum_rows) {
  const std::string where = file.string();
  // Only a regular file of sane size: a folder, a device or a pipe (/dev/zero) would read forever
  // or mean nothing as a table.
  std::error_code error;
  if (std::filesystem::exists(file, error) && !std::filesystem::is_regular_file(file, error)) {
    throw DataError(where + ": not a regular file");
  }
  constexpr std::uintmax_t largest = std::uintmax_t{1} << 30;
  if (std::filesystem::is_regular_file(file, error) && std::filesystem::file_size(file, error) > largest) {
    throw DataError(where + ": larger than 1 GiB");
  }
  std::ifstream in(file);
  if (!in) throw DataError(where + ": cannot open (" + std::strerror(errno) + ")");
  Table table;
  table.file = file;
  std::vector<std::vector<double>> rows;
  int line_number = 0;
  bool first = true;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line_number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a UTF-8 byte-order mark
    const std::string text = trimmed(line);
    if (text.empty() || text.front() == '#') continue;
    const auto cells = cells_of(text);
    std::vector<double> numbers(cells.size());
    bool all_numeric = true;
    for (std::size_t c = 0; c < cells.size(); ++c) all_numeric = parses_as_number(cells[c], numbers[c]) && all_numeric;
    if (first) {
      first = false;
      table.has_header = !all_numeric;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        table.columns.push_back(table.has_header ? unquoted(cells[c]) : std::to_string(c + 1));
        if (table.columns.back().empty()) {
          throw DataError(where + ":" + std::to_string(line_number) + ":" + std::to_string(c + 1) +
                          ": empty column name in the header");
        }
      }
      if (table.has_header) continue;
    }
    if (cells.size() != table.columns.size()) {
      throw DataError(where + ":" + std::to_string(line_number) + ": " + std::to_string(cells.size()) +
                      " cells, expected " + std::to_string(table.columns.size()) + " like the first line");
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string place = where + ":" + std::to_string(line_number) + ":" + std::to_string(c + 1) +
                                (table.has_header ? " (" + shown(table.columns[c]) + ")" : "");
      double value = 0.0;
      if (cells[c].empty()) throw DataError(place + ": empty cell");
      if (!parses_as_number(cells[c], value)) throw DataError(place + ": '" + shown(cells[c]) + "' is not a number");
      if (!std::isfinite(value)) throw DataError(place + ": '" + shown(cells[c]) + "' is not a finite number");
      numbers[c] = value;
    }
    rows.push_back(std::move(numbers));
  }
  if (table.columns.empty()) throw DataError(where + ": the file is empty");
  if (static_cast<Eigen::Index>(rows.size()) < minimum_rows) {
    throw DataError(where + ": needs at least " + std::to_string(minimum_rows) + " data rows, found " +
                    std::to_string(rows.size()));
  }
  table.values.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(table.columns.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      table.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
    }
  }
  return table;
}

Eigen::Index Table::column_index(const std::string& name_or_number) const {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c] == name_or_number) return static_cast<Eigen::Index>(c);
  }
  double number = 0.0;
  if (parses_as_number(name_or_number, number) && number >= 1 && number <= static_cast<double>(columns.size()) &&
      number == std::floor(number)) {
    return static_cast<Eigen::Index>(number) - 1;
  }
  std::string names;
  for (const auto& c : columns) names += (names.empty() ? "" : ", ") + shown(c);
  throw DataError(file.string() + ": no column '" + shown(name_or_number) + "' (columns: " + names + ")");
}

Vector Table::column(const std::string& name_or_number) const { return values.col(column_index(name_or_number)); }

ColumnData read_columns(const std::string& file, const std::string& x_column, const std::string& y_column) {
  const Table table = read_csv(file);
  const std::string x = x_column.empty() ? table.columns.front() : x_column;
  const std::string y = y_column.empty() ? table.columns.back() : y_column;
  ColumnData c;
  c.data.features = table.column(x);
  c.data.targets = table.column(y);
  if (table.column_index(x) == table.column_index(y)) throw UsageError("--x and --y name the same column '" + shown(x) + "'");
  c.description = std::to_string(table.values.rows()) + " rows of " + file;
  c.x_name = table.columns[static_cast<std::size_t>(table.column_index(x))];
  c.y_name = table.columns[static_cast<std::size_t>(table.column_index(y))];
  // The losses fitted to these columns sum squares of the values: they must not overflow.
  constexpr double largest = 1e150;  // N·largest² stays far below the double limit 1.8e308
  const auto check_magnitude = [&](const Vector& values, const std::string& name) {
    const double biggest = values.cwiseAbs().maxCoeff();
    if (biggest > largest) {
      throw DataError(file + ": column '" + shown(name) + "' has values up to " + format_scientific(biggest, 2) +
                      "; their squares overflow a double: rescale the column");
    }
  };
  check_magnitude(c.data.features.col(0), c.x_name);
  check_magnitude(c.data.targets, c.y_name);
  // A line through data whose feature never changes is not determined: every slope fits as well.
  const Vector column = c.data.features.col(0);
  const double spread = column.maxCoeff() - column.minCoeff();
  if (!(spread > 1e-12 * std::max(std::abs(column.maxCoeff()), std::abs(column.minCoeff())))) {
    throw DataError(file + ": column '" + shown(c.x_name) + "' is constant (" + format_number(column[0], 6) +
                    " in every row), so no line can be fitted: the normal equations are singular");
  }
  return c;
}

}  // namespace descent
