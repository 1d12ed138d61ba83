#include "grading/catalogue.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace grading {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Reader {
  fs::path file;
  bool check_files;

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("exercise catalogue " + file.string() + ": " + what);
  }

  const json& member(const json& object, const char* key, const std::string& where) const {
    if (!object.is_object() || !object.contains(key)) fail(where + "lacks \"" + key + "\"");
    return object.at(key);
  }

  std::string text(const json& object, const char* key, const std::string& where) const {
    const json& value = member(object, key, where);
    if (!value.is_string() || value.get<std::string>().empty()) fail(where + "\"" + key + "\" must be a non-empty string");
    return value.get<std::string>();
  }

  int whole(const json& object, const char* key, const std::string& where) const {
    const json& value = member(object, key, where);
    if (!value.is_number_integer() || value.get<long long>() < 0 || value.get<long long>() > 1000000) {
      fail(where + "\"" + key + "\" must be a whole number");
    }
    return value.get<int>();
  }

  // A path member, relative ones resolved against the catalogue's folder; absent or null gives
  // an empty path when `optional`.
  fs::path path(const json& object, const char* key, const std::string& where, bool optional, bool must_exist) const {
    if (optional && (!object.contains(key) || object.at(key).is_null())) return {};
    fs::path p = text(object, key, where);
    if (p.is_relative()) p = file.parent_path() / p;
    if (must_exist && check_files && !fs::is_regular_file(p)) fail(where + "missing file " + p.string());
    return p;
  }
};

}  // namespace

Catalogue read_catalogue(const fs::path& file, bool check_files) {
  const Reader r{file, check_files};
  std::ifstream in(file);
  if (!in) r.fail("cannot be read");
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::parse_error& error) {
    r.fail(std::string("not valid JSON: ") + error.what());
  }
  if (!doc.is_object()) r.fail("not a JSON object");
  Catalogue catalogue;
  catalogue.file = file;
  catalogue.support_dir = r.path(doc, "support_dir", "", false, false);
  if (check_files && !fs::is_regular_file(catalogue.support_dir / "protocol.hpp")) {
    r.fail("\"support_dir\" has no protocol.hpp");
  }
  const json& chapters = r.member(doc, "chapters", "");
  if (!chapters.is_array()) r.fail("\"chapters\" must be an array");
  std::vector<std::string> names;
  for (const json& c : chapters) {
    CatalogueChapter chapter;
    chapter.chapter = r.text(c, "chapter", "a chapter ");
    const std::string at = chapter.chapter + ": ";
    chapter.number = r.whole(c, "number", at);
    chapter.title = c.contains("title") ? r.text(c, "title", at) : "";
    chapter.statement = r.path(c, "statement", at, true, true);
    for (const auto& known : catalogue.chapters) {
      if (known.number == chapter.number) r.fail(at + "chapter " + std::to_string(chapter.number) + " is listed twice");
    }
    const json& exercises = r.member(c, "exercises", at);
    if (!exercises.is_array()) r.fail(at + "\"exercises\" must be an array");
    for (const json& e : exercises) {
      CatalogueExercise exercise;
      exercise.name = r.text(e, "name", at + "an exercise ");
      const std::string where = chapter.chapter + "/" + exercise.name + ": ";
      if (std::find(names.begin(), names.end(), exercise.name) != names.end()) r.fail(where + "listed twice");
      names.push_back(exercise.name);
      exercise.points = r.whole(e, "points", where);
      exercise.solution = r.path(e, "solution", where, false, true);
      exercise.io = r.path(e, "io", where, false, true);
      exercise.cases = r.path(e, "cases", where, true, true);
      exercise.hidden_cases = r.path(e, "hidden_cases", where, true, true);
      exercise.case_generator = r.path(e, "case_generator", where, true, false);
      exercise.public_cases = r.path(e, "public_cases", where, true, true);
      if (exercise.case_generator.empty() && exercise.public_cases.empty()) {
        r.fail(where + "needs a \"case_generator\" or \"public_cases\"");
      }
      exercise.starter = r.path(e, "starter", where, true, false);
      chapter.exercises.push_back(std::move(exercise));
    }
    catalogue.chapters.push_back(std::move(chapter));
  }
  return catalogue;
}

std::vector<CatalogueChapter> Catalogue::select(const std::vector<int>& wanted) const {
  for (const int n : wanted) {
    if (std::none_of(chapters.begin(), chapters.end(), [&](const CatalogueChapter& c) { return c.number == n; })) {
      throw CatalogueChapterMissing(n);
    }
  }
  std::vector<CatalogueChapter> chosen;
  for (const auto& c : chapters) {
    if (wanted.empty() || std::find(wanted.begin(), wanted.end(), c.number) != wanted.end()) chosen.push_back(c);
  }
  return chosen;
}

std::string catalogue_json(const Catalogue& catalogue) {
  using ordered = nlohmann::ordered_json;  // keys in the order written here
  const auto optional_path = [](const fs::path& p) { return p.empty() ? ordered(nullptr) : ordered(p.string()); };
  ordered chapters = ordered::array();
  for (const auto& c : catalogue.chapters) {
    ordered exercises = ordered::array();
    for (const auto& e : c.exercises) {
      exercises.push_back({{"name", e.name},
                           {"points", e.points},
                           {"solution", e.solution.string()},
                           {"io", e.io.string()},
                           {"cases", optional_path(e.cases)},
                           {"hidden_cases", optional_path(e.hidden_cases)},
                           {"case_generator", optional_path(e.case_generator)},
                           {"public_cases", optional_path(e.public_cases)},
                           {"starter", optional_path(e.starter)}});
    }
    ordered chapter = {{"chapter", c.chapter}, {"number", c.number}, {"title", c.title}};
    if (!c.statement.empty()) chapter["statement"] = c.statement.string();
    chapter["exercises"] = std::move(exercises);
    chapters.push_back(std::move(chapter));
  }
  ordered doc = ordered::object();
  doc["support_dir"] = catalogue.support_dir.string();
  doc["chapters"] = std::move(chapters);
  return doc.dump(2) + "\n";
}

}  // namespace grading
