#pragma once
/// \file csv.hpp
/// \brief Numeric tables from CSV files, with errors that say where the problem is.
///
/// A table is comma-separated numbers, one row per line. The first line is a header of column
/// names if any of its cells is not a number; otherwise columns are called 1, 2, … Blank lines
/// and lines starting with `#` are skipped. Anything else that is not a finite number is a
/// \ref descent::DataError whose message starts `file:line:column (name):`.

#include "descent/datasets.hpp"
#include "descent/errors.hpp"
#include "descent/objective.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace descent {

/// A numeric table read from a file.
struct Table {
  std::filesystem::path file;        ///< where it came from (for messages)
  std::vector<std::string> columns;  ///< header names, or "1", "2", … when there is no header
  Matrix values;                     ///< one row per data line
  bool has_header = false;

  /// The column with this name, or with this 1-based number. Throws DataError if none.
  [[nodiscard]] Vector column(const std::string& name_or_number) const;
  /// Index of that column (0-based). Throws DataError if none.
  [[nodiscard]] Eigen::Index column_index(const std::string& name_or_number) const;
};

/// Reads `file`. Throws DataError for a missing or empty file, ragged rows, cells that are not
/// finite numbers, or fewer than `minimum_rows` data rows.
[[nodiscard]] Table read_csv(const std::filesystem::path& file, Eigen::Index minimum_rows = 2);

/// One feature column and one target column of a CSV file, as `--data FILE --x COLUMN --y
/// COLUMN` choose them (Chapters 2 and 4).
struct ColumnData {
  Dataset data;             ///< one feature column, the targets
  std::string x_name;       ///< the feature column's name
  std::string y_name;       ///< the target column's name
  std::string description;  ///< "50 rows of houses.csv"
};

/// Reads `file` and picks the columns `x_column` and `y_column` (by name or number; empty: the
/// first and the last). Throws UsageError when both name the same column, and DataError when
/// the feature never changes (no line through such data is determined), besides read_csv's.
[[nodiscard]] ColumnData read_columns(const std::string& file, const std::string& x_column,
                                      const std::string& y_column);

}  // namespace descent
