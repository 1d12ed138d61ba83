// assign: makes a self-contained student pack for chosen chapters.
//
//   assign --chapters 1,3 --out DIR [--pack-name descent-pack] [--catalogue FILE]
//
// The exercises are the chapters' entries in the exercise catalogue (by default the one this
// build wrote, build/exercises/catalogue.json). DIR/<name>/ and DIR/<name>.tar.gz hold the
// generated starters (the solutions' marked regions replaced by stubs), each chapter's exercise
// statement, each exercise's adapter and public cases (public_cases/<exercise>.json: requests
// and the reference's answers, computed here by the exercise's case generator), the protocol
// headers, the answer main and the scorer, the catalogue's part for these chapters
// (catalogue.json, paths relative to the pack) and a CMake project that builds on a machine
// with Debian's g++, cmake, libeigen3-dev and nlohmann-json3-dev. Solutions, hidden cases (their
// sources and their answers) and the plausible wrong solutions never go in.

#include "grading/catalogue.hpp"
#include "grading/grading.hpp"

#include "descent/cli.hpp"

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

## Build and test (Debian 12: g++, cmake, libeigen3-dev, nlohmann-json3-dev)

```
cmake -S . -B build
cmake --build build -j
ctest --test-dir build                    # pass or fail per exercise (all its public cases)
cmake --build build --target score        # your points, with what each failed case expected
```

Each exercise file is built into a small answer program; the scorer sends it the requests of
`public_cases/<exercise>.json` and compares its answers with the reference's (also in that
file). Every case runs in a fresh process with a time limit, and the calls of one case go to
the same process, so state kept between calls shows. The starters compile and score 0. Your
instructor grades with more cases than these (hidden ones, named by the kind of input they
try), so make your code right, not just right for these cases.
)";
  return text.str();
}

}  // namespace

int main(int argc, char* argv[]) {
  return descent::run_program("assign", [&] {
    std::string chapters_text;
    std::string pack_name;
    std::string catalogue_file = DESCENT_CATALOGUE;
    descent::CommandLine cli("assign", "Make a student pack (folder and tarball) for the chosen chapters.");
    cli.text("chapters", chapters_text, "the chapters to hand out, e.g. 1,3", "LIST")
        .text("pack-name", pack_name, "name of the pack folder and tarball (default descent-pack)", "NAME")
        .text("catalogue", catalogue_file, "the exercise catalogue (default: this build's)", "FILE");
    if (!cli.parse(argc, argv)) return 0;
    if (chapters_text.empty()) throw UsageError("--chapters is required, e.g. --chapters 1,3");
    if (!cli.out()) throw UsageError("--out DIR is required: the pack goes there");
    if (pack_name.empty()) pack_name = "descent-pack";
    if (pack_name.find('/') != std::string::npos) throw UsageError("--pack-name must be a plain name");
    if (!fs::is_regular_file(catalogue_file)) throw UsageError("--catalogue " + catalogue_file + ": no such file");
    std::vector<int> wanted;
    for (const double c : descent::parse_vector(chapters_text, "--chapters")) wanted.push_back(static_cast<int>(c));

    const grading::Catalogue catalogue = grading::read_catalogue(catalogue_file);
    grading::Catalogue packed;  // the pack's own catalogue: these chapters, paths inside the pack
    try {
      packed.chapters = catalogue.select(wanted);
    } catch (const grading::CatalogueChapterMissing& missing) {
      throw UsageError(std::string("--chapters: ") + missing.what());
    }

    const fs::path pack = *cli.out() / pack_name;
    fs::remove_all(pack);
    std::vector<std::string> chapter_names;
    std::vector<std::string> exercise_names;
    for (auto& chapter : packed.chapters) {
      const std::string& dir = chapter.chapter;
      chapter_names.push_back(dir);
      if (chapter.statement.empty()) throw std::runtime_error(catalogue_file + ": " + dir + " has no statement");
      fs::create_directories(pack / "exercises" / dir);
      // Statements live in <repository>/exercises/NN_name/; their \snippet paths start at <repository>.
      std::ofstream(pack / "exercises" / dir / "exercises.md")
          << statement_for_pack(chapter.statement, chapter.statement.parent_path().parent_path().parent_path());
      chapter.statement = fs::path("exercises") / dir / "exercises.md";
      for (auto& e : chapter.exercises) {  // public cases only: hidden ones stay home
        const fs::path io = fs::path("exercises") / dir / "cases" / e.io.filename();
        const fs::path cases = fs::path("public_cases") / (e.name + ".json");
        const fs::path starter = fs::path("exercises") / dir / (e.name + ".hpp");
        copy_into(e.io, pack / io);
        fs::create_directories((pack / cases).parent_path());
        const grading::Outcome generated = grading::run_limited(
            {e.case_generator.string(), "--public", "--out", (pack / cases).string()}, grading::Limits{120.0, 4096});
        if (generated.exit_status != 0 || !fs::is_regular_file(pack / cases)) {
          throw std::runtime_error("cannot compute the public cases of " + e.name + " (is " + e.case_generator.string() +
                                   " built?): " + generated.output.substr(0, 500));
        }
        const grading::Outcome made = grading::run_limited(
            {DESCENT_MAKE_STARTER, e.solution.string(), (pack / starter).string()}, grading::Limits{30.0, 512});
        if (made.exit_status != 0) throw std::runtime_error("cannot make the starter of " + e.name + ": " + made.output);
        exercise_names.push_back(dir + "/" + e.name);
        e.solution = starter;  // in a pack, the student's file
        e.io = io;
        e.public_cases = cases;
        e.cases.clear();
        e.hidden_cases.clear();
        e.case_generator.clear();
        e.starter.clear();
      }
    }
    const fs::path tools = DESCENT_TOOLS_DIR;
    for (const char* file : {"protocol.hpp", "protocol.cpp", "test_functions.hpp", "test_functions.cpp", "state_scripts.hpp"}) {
      copy_into(catalogue.support_dir / file, pack / "exercises" / file);
    }
    packed.support_dir = "exercises";
    std::ofstream(pack / "catalogue.json") << grading::catalogue_json(packed);
    for (const char* file : {"grading/grading.hpp", "grading/grading.cpp", "grading/judge.hpp", "grading/judge.cpp",
                             "grading/answer_main.cpp", "score_exercises.cpp"}) {
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
