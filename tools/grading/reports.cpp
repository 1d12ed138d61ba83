#include "grading/reports.hpp"

#include <cctype>
#include <sstream>

namespace grading {

namespace fs = std::filesystem;

void add_path(Privacy& privacy, const fs::path& path, const std::string& shown) {
  if (path.empty()) return;
  std::error_code error;
  for (const fs::path& spelling : {path, fs::weakly_canonical(path, error)}) {
    std::string text = spelling.string();
    while (text.size() > 1 && text.back() == '/') text.pop_back();
    if (text.size() > 1) privacy.paths.emplace_back(text, shown);
  }
}

std::string shown_to_student(const std::string& text, const Privacy& privacy) {
  std::string shown;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    for (const auto& [path, name] : privacy.paths) {
      for (auto at = line.find(path); at != std::string::npos; at = line.find(path, at + name.size())) {
        line.replace(at, path.size(), name);
      }
    }
    for (const auto& prefix : privacy.temp_prefixes) {
      for (auto at = line.find(prefix); at != std::string::npos; at = line.find(prefix, at)) {
        auto stop = at;
        while (stop < line.size() && (std::isalnum(static_cast<unsigned char>(line[stop])) != 0 ||
                                      std::string("/._-+").find(line[stop]) != std::string::npos)) {
          ++stop;
        }
        line.replace(at, stop - at, "<grader temp>");
      }
    }
    // The grader's scratch and cache folders by name, wherever they show (e.g. /proc/self/mountinfo).
    for (auto at = line.find("descent-grade-"); at != std::string::npos; at = line.find("descent-grade-", at)) {
      const auto path_char = [&](std::size_t k) {
        return std::isalnum(static_cast<unsigned char>(line[k])) != 0 || std::string("/._-+").find(line[k]) != std::string::npos;
      };
      auto start = at;
      while (start > 0 && path_char(start - 1)) --start;
      auto stop = at;
      while (stop < line.size() && path_char(stop)) ++stop;
      line.replace(start, stop - start, "<grader temp>");
      at = start;
    }
    shown += line + '\n';
  }
  if (!text.empty() && text.back() != '\n' && !shown.empty()) shown.pop_back();
  return shown;
}

ExerciseResult student_view(const ExerciseResult& full, const std::string& student_error, const Privacy& privacy) {
  ExerciseResult shown{full.exercise, {}, shown_to_student(student_error, privacy)};
  for (CaseResult c : full.cases) {
    if (c.hidden) {
      // Its name (the class of inputs) and its score; never its inputs, answers or output.
      const bool not_run = c.feedback.rfind("not run: ", 0) == 0;
      c.feedback = c.passed ? "" : not_run ? shown_to_student(c.feedback, privacy) : "";
    } else {
      c.feedback = shown_to_student(c.feedback, privacy);
    }
    shown.cases.push_back(std::move(c));
  }
  return shown;
}

std::string student_report(const std::vector<ExerciseResult>& shown) {
  std::string text = report(shown);
  return text + "Hidden cases are named by the kind of input they try; their inputs are for your instructor.\n";
}

nlohmann::json gradescope_results(const std::vector<ExerciseResult>& shown) {
  nlohmann::json tests = nlohmann::json::array();
  int total = 0;
  for (const auto& e : shown) {
    for (const auto& c : e.cases) {
      tests.push_back({{"name", e.exercise + ": " + c.name + (c.hidden ? " (hidden)" : "")},
                       {"score", c.points},
                       {"max_score", c.max_points},
                       {"status", c.passed ? "passed" : "failed"},
                       {"output", c.feedback},
                       {"visibility", c.hidden ? "after_published" : "visible"}});
      total += c.points;
    }
  }
  return {{"score", total}, {"output", student_report(shown)}, {"visibility", "visible"},
          {"stdout_visibility", "hidden"}, {"tests", tests}};
}

std::string escaped(const std::string& text) {
  std::string shown;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (valid && length == 2 && c < 0xC2) valid = false;  // overlong
    if (valid && length == 1 && (c >= 0x20 || c == '\n' || c == '\t') && c != 0x7F) {
      shown += text[i];
    } else if (valid && length > 1) {
      shown.append(text, i, length);
    } else {
      static constexpr char hex[] = "0123456789abcdef";
      shown += "\\x";
      shown += hex[c >> 4];
      shown += hex[c & 15];
      length = 1;
    }
    i += length;
  }
  return shown;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

}  // namespace grading
