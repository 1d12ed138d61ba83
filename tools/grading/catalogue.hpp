#pragma once
// The exercise catalogue that assign and grade read: the build writes it from the chapters'
// exercises/NN_name/exercises.json (build/exercises/catalogue.json), and assign writes the part
// for its chapters into every pack (catalogue.json at the pack's top). Format:
//
//   {"support_header": "…/exercises/grading_support.hpp",
//    "chapters": [{"chapter": "01_hand_descent", "number": 1, "title": "Hand descent",
//                  "statement": "…/exercises.md",
//                  "exercises": [{"name": "descent_path", "points": 12, "solution": "…",
//                                 "test": "…", "hidden_test": "…" or null, "starter": "…"}]}]}
//
// Chapters and exercises are in the book's order. Relative paths are relative to the
// catalogue's folder (a pack's catalogue uses them); "statement" and "support_header" may be
// absent (a pack's own CMake project does not need them).

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace grading {

struct CatalogueExercise {
  std::string name;  ///< "descent_path"
  int points = 0;    ///< full marks, hidden cases included
  std::filesystem::path solution;
  std::filesystem::path test;
  std::filesystem::path hidden_test;  ///< empty when the exercise has none
  std::filesystem::path starter;
};

struct CatalogueChapter {
  std::string chapter;  ///< the folder name, "01_hand_descent"
  int number = 0;       ///< 1
  std::string title;
  std::filesystem::path statement;  ///< exercises.md, or empty
  std::vector<CatalogueExercise> exercises;
};

struct Catalogue {
  std::filesystem::path file;
  std::filesystem::path support_header;  ///< or empty
  std::vector<CatalogueChapter> chapters;

  /// The chapters numbered in `wanted`, in catalogue order (all of them when `wanted` is
  /// empty). Throws CatalogueChapterMissing for the first wanted number it does not have.
  [[nodiscard]] std::vector<CatalogueChapter> select(const std::vector<int>& wanted) const;
};

/// A wanted chapter that has no exercises in the catalogue.
struct CatalogueChapterMissing : std::runtime_error {
  int number;
  explicit CatalogueChapterMissing(int n)
      : std::runtime_error("chapter " + std::to_string(n) + " has no exercises"), number(n) {}
};

/// Reads and checks a catalogue. With `check_files`, every solution and test file (and hidden
/// test, statement and support header when given) must exist; starters are built later and are
/// not checked. Throws std::runtime_error naming the catalogue and the problem.
Catalogue read_catalogue(const std::filesystem::path& file, bool check_files = true);

/// The catalogue as JSON text, in the format above (paths as stored).
std::string catalogue_json(const Catalogue& catalogue);

}  // namespace grading
