#pragma once
// The exercise catalogue that assign and grade read: the build writes it from the chapters'
// exercises/NN_name/exercises.json (build/exercises/catalogue.json), and assign writes the part
// for its chapters into every pack (catalogue.json at the pack's top). Format:
//
//   {"support_dir": "…/exercises",
//    "chapters": [{"chapter": "01_hand_descent", "number": 1, "title": "Hand descent",
//                  "statement": "…/exercises.md",
//                  "exercises": [{"name": "descent_path", "points": 16, "solution": "…",
//                                 "io": "…/cases/descent_path.io.hpp",
//                                 "cases": "…", "hidden_cases": "…", "case_generator": "…",
//                                 "public_cases": "…", "starter": "…"}]}]}
//
// Chapters and exercises are in the book's order. Relative paths are relative to the
// catalogue's folder (a pack's catalogue uses them). support_dir holds the protocol headers
// every answer program includes (exercises/protocol.hpp, test_functions.hpp). The build's
// catalogue has "cases", "hidden_cases" (the case sources) and "case_generator" (the program
// that computes the case file from the reference); a pack's has only "public_cases" (the public
// case file, expected answers included); "statement" may be absent.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace grading {

struct CatalogueExercise {
  std::string name;  ///< "descent_path"
  int points = 0;    ///< full marks, hidden cases included
  std::filesystem::path solution;        ///< the reference (in a pack: the student's file)
  std::filesystem::path io;              ///< the adapter: how a request calls the exercise
  std::filesystem::path cases;           ///< public case source, or empty (a pack)
  std::filesystem::path hidden_cases;    ///< hidden case source, or empty (a pack)
  std::filesystem::path case_generator;  ///< built later; not checked
  std::filesystem::path public_cases;    ///< a pack's public case file, or empty
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
  std::filesystem::path support_dir;  ///< the protocol headers' folder
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

/// Reads and checks a catalogue. With `check_files`, every file it names must exist, except
/// starters and case generators (built later). Throws std::runtime_error naming the catalogue and the problem.
Catalogue read_catalogue(const std::filesystem::path& file, bool check_files = true);

/// The catalogue as JSON text, in the format above (paths as stored).
std::string catalogue_json(const Catalogue& catalogue);

}  // namespace grading
