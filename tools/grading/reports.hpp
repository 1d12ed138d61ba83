#pragma once
// What grade writes and what a student may see of it: the student's view of a graded exercise
// (hidden cases named by their input class, never explained; the instructor's paths rewritten),
// the student's report, Gradescope's results.json, gradebook fields, and any bytes a submission
// printed made safe to show.

#include "grading/grading.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace grading {

/// Paths a student must never see, and what is shown instead.
struct Privacy {
  std::vector<std::pair<std::string, std::string>> paths;  ///< applied in this order
  std::vector<std::string> temp_prefixes;  ///< "<tmp>/descent-": any path starting so is the grader's
};

/// Adds `path` (and its canonical spelling) to be shown as `shown`; more specific paths first.
void add_path(Privacy& privacy, const std::filesystem::path& path, const std::string& shown);

/// `text` with every private path rewritten.
std::string shown_to_student(const std::string& text, const Privacy& privacy);

/// An exercise as the student may see it: public cases with their feedback (paths rewritten),
/// hidden cases with their name and score only. `student_error` replaces the exercise's error.
ExerciseResult student_view(const ExerciseResult& full, const std::string& student_error, const Privacy& privacy);

/// The student's report: every case with its score; feedback only for public cases.
std::string student_report(const std::vector<ExerciseResult>& shown);

/// Gradescope's results.json from the student's view.
nlohmann::json gradescope_results(const std::vector<ExerciseResult>& shown);

/// Any bytes, made safe to show: valid UTF-8, newlines and tabs kept; every other control
/// character and every invalid byte written as \xNN.
std::string escaped(const std::string& text);

/// A CSV field: quoted (with doubled quotes) when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text);

}  // namespace grading
