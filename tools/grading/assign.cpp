// assign: makes a self-contained student pack for chosen chapters.
//
//   assign --chapters 1,3 --out DIR [--name descent-pack]
//
// DIR/<name>/ and DIR/<name>.tar.gz hold the generated starters (the solutions' marked regions
// replaced by stubs), each chapter's exercise statement, the public grading tests, the scorer
// and a CMake project that builds on a machine with Debian's g++, cmake, libeigen3-dev and
// catch2. Solutions, hidden tests and the plausible wrong solutions never go in.

#include "grading/grading.hpp"

#include "descent/cli.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using descent::UsageError;

void copy_into(const fs::path& from, const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

// The book's exercise page, readable outside the book: each \snippet becomes the quoted code
// (the region between its //! [tag] markers holds only the documented signature), and
// Doxygen's math and \ref markup become plain Markdown.
std::string statement_for_pack(const fs::path& page, const fs::path& source_root) {
  std::ifstream in(page);
  std::ostringstream out;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("\\snippet ", 0) == 0) {
      std::istringstream words(line.substr(9));
      std::string file, tag;
      words >> file >> tag;
      std::ifstream code(source_root / file);
      std::string quoted;
      bool inside = false;
      for (std::string code_line; std::getline(code, code_line);) {
        if (code_line.find("//! [" + tag + "]") != std::string::npos) {
          if (inside) break;
          inside = true;
          continue;
        }
        if (inside) quoted += code_line + '\n';
      }
      out << "```cpp\n" << quoted << "```\n";
      continue;
    }
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"\\f$", "$"}, {"\\f[", "$$"}, {"\\f]", "$$"},
                                   {"\\ref ", ""}}) {
      for (auto at = line.find(from); at != std::string::npos; at = line.find(from, at + to.size())) {
        line.replace(at, from.size(), to);
      }
    }
    if (line.rfind("# ", 0) == 0) line = line.substr(0, line.find(" {#"));  // drop the page id
    out << line << '\n';
  }
  return out.str();
}

std::string readme(const std::vector<std::string>& chapters, const std::vector<std::string>& exercises) {
  std::ostringstream text;
  text << "# Descent exercises\n\nChapters in this pack:";
  for (const auto& c : chapters) text << ' ' << c;
  text << "\n\nExercises (edit these files; each has a stub marked TODO):\n\n";
  for (const auto& e : exercises) text << "- `exercises/" << e << ".hpp`\n";
  text << R"(
Each chapter's statement is `exercises/NN_name/exercises.md` (its first paragraph describes the
book's repository; in this pack you edit the files under `exercises/` directly).

## Build and test (Debian 12: g++, cmake, libeigen3-dev, catch2)

```
cmake -S . -B build
cmake --build build -j
ctest --test-dir build                    # pass or fail for every public test case
cmake --build build --target score        # your points, with what each failed test expected
```

Every test case runs in its own process with a time limit. The starters compile and score 0.
Your instructor grades with more test cases than these (hidden ones), so make your code right,
not just right for these tests.
)";
  return text.str();
}

}  // namespace

int main(int argc, char* argv[]) {
  return descent::run_program("assign", [&] {
    std::string chapters_text;
    std::string pack_name;
    std::string exercises_dir = DESCENT_EXERCISES_DIR;
    descent::CommandLine cli("assign", "Make a student pack (folder and tarball) for the chosen chapters.");
    cli.text("chapters", chapters_text, "the chapters to hand out, e.g. 1,3", "LIST")
        .text("pack-name", pack_name, "name of the pack folder and tarball (default descent-pack)", "NAME")
        .text("exercises", exercises_dir, "the exercises folder (default: this build's)", "DIR");
    if (!cli.parse(argc, argv)) return 0;
    if (chapters_text.empty()) throw UsageError("--chapters is required, e.g. --chapters 1,3");
    if (!cli.out()) throw UsageError("--out DIR is required: the pack goes there");
    if (pack_name.empty()) pack_name = "descent-pack";
    if (pack_name.find('/') != std::string::npos) throw UsageError("--pack-name must be a plain name");
    std::vector<int> wanted;
    for (const double c : descent::parse_vector(chapters_text, "--chapters")) wanted.push_back(static_cast<int>(c));

    std::vector<fs::path> chapter_dirs;
    for (const auto& entry : fs::directory_iterator(exercises_dir)) {
      const std::string dir = entry.path().filename().string();
      if (!entry.is_directory() || dir.size() < 3 || !std::isdigit(static_cast<unsigned char>(dir[0]))) continue;
      if (std::find(wanted.begin(), wanted.end(), std::stoi(dir.substr(0, 2))) != wanted.end()) {
        chapter_dirs.push_back(entry.path());
      }
    }
    std::sort(chapter_dirs.begin(), chapter_dirs.end());
    for (const int c : wanted) {
      const bool found = std::any_of(chapter_dirs.begin(), chapter_dirs.end(),
                                     [&](const fs::path& p) { return std::stoi(p.filename().string().substr(0, 2)) == c; });
      if (!found) throw UsageError("--chapters: chapter " + std::to_string(c) + " has no exercises");
    }

    const fs::path pack = *cli.out() / pack_name;
    fs::remove_all(pack);
    std::vector<std::string> chapter_names;
    std::vector<std::string> exercise_names;
    for (const auto& dir : chapter_dirs) {
      const std::string chapter = dir.filename().string();
      chapter_names.push_back(chapter);
      fs::create_directories(pack / "exercises" / chapter);
      std::ofstream(pack / "exercises" / chapter / "exercises.md")
          << statement_for_pack(dir / "exercises.md", fs::path(exercises_dir).parent_path());
      for (const auto& test : fs::directory_iterator(dir / "tests")) {
        const std::string file = test.path().filename().string();
        if (!file.ends_with("_test.cpp") || file.ends_with("_hidden_test.cpp")) continue;  // hidden tests stay home
        const std::string name = file.substr(0, file.size() - std::string("_test.cpp").size());
        copy_into(test.path(), pack / "tests" / chapter / file);
        fs::create_directories(pack / "exercises" / chapter);
        const grading::Outcome starter = grading::run_limited(
            {DESCENT_MAKE_STARTER, (dir / (name + ".hpp")).string(), (pack / "exercises" / chapter / (name + ".hpp")).string()},
            grading::Limits{30.0, 512});
        if (starter.exit_status != 0) throw std::runtime_error("cannot make the starter of " + name + ": " + starter.output);
        exercise_names.push_back(chapter + "/" + name);
      }
    }
    const fs::path tools = DESCENT_TOOLS_DIR;
    copy_into(fs::path(exercises_dir) / "grading_support.hpp", pack / "exercises" / "grading_support.hpp");
    for (const char* file : {"grading/grading.hpp", "grading/grading.cpp", "grading/grading_main.cpp", "score_exercises.cpp"}) {
      copy_into(tools / file, pack / "tools" / file);
    }
    copy_into(tools / "grading" / "pack" / "CMakeLists.txt", pack / "CMakeLists.txt");
    std::ofstream(pack / "README.md") << readme(chapter_names, exercise_names);

    const fs::path tarball = *cli.out() / (pack_name + ".tar.gz");
    const grading::Outcome tar = grading::run_limited(
        {"/bin/tar", "--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "-czf",
         tarball.string(), "-C", cli.out()->string(), pack_name},
        grading::Limits{60.0, 1024});
    if (tar.exit_status != 0) throw std::runtime_error("tar failed: " + tar.output);
    std::cout << "pack:    " << pack.string() << "\ntarball: " << tarball.string() << "\nexercises:";
    for (const auto& e : exercise_names) std::cout << ' ' << e;
    std::cout << '\n';
    return 0;
  });
}
