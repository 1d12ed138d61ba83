// grade: the instructor's grader. Builds a student submission against the full grading tests
// (public and hidden) and scores every test case in its own limited process.
//
//   grade SUBMISSION --out DIR [--chapters 1,3] [--timeout S] [--memory MB] [--catalogue FILE]
//   grade --batch FOLDER --out DIR [...]
//
// The exercises are those of the exercise catalogue (by default the one this build wrote,
// build/exercises/catalogue.json), in its order; every one is reported, a missing file as 0.
// SUBMISSION is a folder or a .tar.gz of a student pack: it holds exercises/NN_name/<exercise>.hpp.
// DIR receives report.txt (readable) and results.json (Gradescope's format). With --batch every
// folder or tarball in FOLDER is graded into DIR/<student>/ and DIR/gradebook.csv collects the
// points; one broken submission never stops the batch.

#include "grading/catalogue.hpp"
#include "grading/grading.hpp"

#include "descent/cli.hpp"
#include "descent/output.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using descent::UsageError;

// One exercise the grader knows: where its tests are, what they are worth.
struct Exercise {
  std::string chapter;  // "01_hand_descent"
  std::string name;     // "descent_path"
  std::vector<fs::path> test_sources;
};

struct Settings {
  std::string submission;
  std::string batch;
  std::string chapters;
  std::string catalogue_file = DESCENT_CATALOGUE;
  fs::path include_dir;  // holds grading_support.hpp
  double timeout = 10.0;
  int memory = 1024;
};

// The catalogue's exercises of the chosen chapters (all when `chapters` is empty), in its order.
std::vector<Exercise> exercises_to_grade(const grading::Catalogue& catalogue, const std::string& chapters) {
  std::vector<int> wanted;
  if (!chapters.empty()) {
    for (const double c : descent::parse_vector(chapters, "--chapters")) wanted.push_back(static_cast<int>(c));
  }
  std::vector<grading::CatalogueChapter> chosen;
  try {
    chosen = catalogue.select(wanted);
  } catch (const grading::CatalogueChapterMissing& missing) {
    throw UsageError(std::string("--chapters: ") + missing.what());
  }
  std::vector<Exercise> found;
  for (const auto& chapter : chosen) {
    for (const auto& e : chapter.exercises) {
      Exercise exercise{chapter.chapter, e.name, {e.test}};
      if (!e.hidden_test.empty()) exercise.test_sources.push_back(e.hidden_test);
      found.push_back(std::move(exercise));
    }
  }
  if (found.empty()) throw UsageError("--catalogue " + catalogue.file.string() + ": no exercises");
  return found;
}

// The cases a test source declares, read from its TEST_CASE lines: what a submission that does
// not compile loses.
std::vector<grading::CaseResult> declared_cases(const Exercise& e) {
  static const std::regex test_case(R"re(TEST_CASE\("([^"]*)",\s*"([^"]*)"\))re");
  std::vector<grading::CaseResult> cases;
  for (const auto& source : e.test_sources) {
    std::ifstream in(source);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    for (std::sregex_iterator m(text.begin(), text.end(), test_case), end; m != end; ++m) {
      grading::CaseResult c;
      c.name = (*m)[1];
      const std::string tags = (*m)[2];
      const auto at = tags.find("[points=");
      c.max_points = at == std::string::npos ? 0 : std::atoi(tags.c_str() + at + 8);
      c.hidden = tags.find("[hidden]") != std::string::npos;
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

fs::path make_scratch(const std::string& what) {
  std::string pattern = (fs::temp_directory_path() / ("descent-" + what + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a temporary folder");
  return pattern;
}

// The folder that holds exercises/: the submission itself, or one level down (a tarball of a
// pack folder).
fs::path submission_root(const fs::path& unpacked) {
  if (fs::is_directory(unpacked / "exercises")) return unpacked;
  for (const auto& entry : fs::directory_iterator(unpacked)) {
    if (entry.is_directory() && fs::is_directory(entry.path() / "exercises")) return entry.path();
  }
  return unpacked;
}

bool is_tarball(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.ends_with(".tar.gz") || name.ends_with(".tgz");
}

std::string student_id(const fs::path& p) {
  std::string name = p.filename().string();
  for (const char* ext : {".tar.gz", ".tgz"}) {
    if (name.ends_with(ext)) name.erase(name.size() - std::string(ext).size());
  }
  return name;
}

// The compiler's first error lines, without the scratch folder's path.
std::string first_errors(const std::string& output, const fs::path& scratch) {
  std::string shown;
  int kept = 0;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line) && kept < 12;) {
    if (line.find("error") == std::string::npos && line.find("note:") == std::string::npos) continue;
    for (auto at = line.find(scratch.string()); at != std::string::npos; at = line.find(scratch.string())) {
      line.erase(at, scratch.string().size() + 1);
    }
    shown += line + '\n';
    ++kept;
  }
  return shown.empty() ? output.substr(0, 2000) : shown;
}

// The compiler flags of every grading program (the precompiled header must see the same ones).
std::vector<std::string> compile_flags(const Settings& s) {
  return {DESCENT_CXX, "-std=c++20", "-O1", "-w", "-I" + s.include_dir.string(), "-I" DESCENT_EIGEN_INCLUDE,
          "-DEIGEN_MAX_ALIGN_BYTES=32"};
}

// catch.hpp and Eigen take most of a grading program's compile time: they are compiled once
// into a precompiled header, kept in a per-user cache folder between runs, that every test
// source then starts from. Returns the header to -include, or an empty path if none could be
// built (grading then just compiles slower). A stale one (another compiler) is ignored by GCC.
fs::path precompiled_header(const Settings& s) {
  const fs::path folder = fs::temp_directory_path() / ("descent-grade-cache-" + std::to_string(::getuid()));
  const fs::path header = folder / "grading_pch.hpp";
  const fs::path compiled = folder / "grading_pch.hpp.gch";
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) return {};
  if (!fs::exists(header)) {
    std::ofstream(header) << "#include <catch2/catch.hpp>\n#include <Eigen/Core>\n#include <Eigen/Eigenvalues>\n"
                             "#include <Eigen/QR>\n#include <cmath>\n#include <functional>\n#include <vector>\n";
  }
  if (fs::exists(compiled)) return header;
  const fs::path partial = folder / ("grading_pch." + std::to_string(::getpid()) + ".gch");  // then renamed: atomic
  std::vector<std::string> command = compile_flags(s);
  command.insert(command.end(), {"-x", "c++-header", header.string(), "-o", partial.string()});
  const grading::Outcome built = grading::run_limited(command, grading::Limits{180.0, 4096});
  if (built.exit_status != 0) return {};
  fs::rename(partial, compiled, error);
  return error ? fs::path() : header;
}

grading::ExerciseResult grade_exercise(const Exercise& e, const fs::path& root, const Settings& s,
                                       const fs::path& scratch, const fs::path& pch) {
  grading::ExerciseResult result{e.chapter + "/" + e.name, declared_cases(e), {}};
  const fs::path header = root / "exercises" / e.chapter / (e.name + ".hpp");
  const auto zero = [&](const std::string& why) {
    result.error = why;
    for (auto& c : result.cases) c.feedback = "not run: " + why.substr(0, why.find('\n'));
    return result;
  };
  if (!fs::is_regular_file(header)) return zero("missing file exercises/" + e.chapter + "/" + e.name + ".hpp");
  // The student's header is the only file of theirs the tests see, copied into a clean folder.
  const fs::path include = scratch / "include" / e.chapter;
  fs::create_directories(include);
  fs::copy_file(header, include / header.filename(), fs::copy_options::overwrite_existing);
  const fs::path program = scratch / ("ex_" + e.name);
  std::vector<std::string> compile = compile_flags(s);
  compile.push_back("-I" + include.string());
  if (!pch.empty()) compile.insert(compile.end(), {"-include", pch.string()});
  for (const auto& source : e.test_sources) compile.push_back(source.string());
  compile.insert(compile.end(), {DESCENT_GRADING_MAIN_LIBRARY, "-o", program.string()});
  const grading::Outcome built = grading::run_limited(compile, grading::Limits{180.0, 4096});
  if (built.timed_out) return zero("compile error: the compiler took longer than 180 s");
  if (built.exit_status != 0 || !fs::exists(program)) {
    return zero("compile error:\n" + first_errors(built.output, scratch));
  }
  grading::ExerciseResult graded =
      grading::grade_program(program.string(), result.exercise, grading::Limits{s.timeout, s.memory});
  graded.exercise = result.exercise;
  return graded;
}

nlohmann::json gradescope_results(const std::vector<grading::ExerciseResult>& results) {
  nlohmann::json tests = nlohmann::json::array();
  double total = 0;
  for (const auto& e : results) {
    for (const auto& c : e.cases) {
      tests.push_back({{"name", e.exercise + ": " + c.name},
                       {"score", c.points},
                       {"max_score", c.max_points},
                       {"status", c.passed ? "passed" : "failed"},
                       {"output", c.feedback},
                       {"visibility", c.hidden ? "after_published" : "visible"}});
      total += c.points;
    }
  }
  return {{"score", total}, {"output", grading::report(results)}, {"visibility", "visible"},
          {"stdout_visibility", "hidden"}, {"tests", tests}};
}

// Grades one submission into `out` and returns its results.
std::vector<grading::ExerciseResult> grade_submission(const fs::path& submission, const fs::path& out,
                                                      const std::vector<Exercise>& exercises, const Settings& s,
                                                      const fs::path& pch) {
  const fs::path scratch = make_scratch("grade");
  std::vector<grading::ExerciseResult> results;
  try {
    fs::path root = submission;
    if (is_tarball(submission)) {
      const fs::path unpacked = scratch / "submission";
      fs::create_directories(unpacked);
      const grading::Outcome untar = grading::run_limited(
          {"/bin/tar", "--no-same-owner", "--no-same-permissions", "-xzf", fs::absolute(submission).string(), "-C",
           unpacked.string()},
          grading::Limits{60.0, 1024});
      if (untar.exit_status != 0) throw std::runtime_error("cannot unpack " + submission.string() + ": " + untar.output);
      root = submission_root(unpacked);
    } else {
      root = submission_root(submission);
    }
    for (const auto& e : exercises) results.push_back(grade_exercise(e, root, s, scratch, pch));
  } catch (const std::exception& error) {
    results.clear();
    for (const auto& e : exercises) {
      grading::ExerciseResult r{e.chapter + "/" + e.name, declared_cases(e), std::string("not graded: ") + error.what()};
      results.push_back(std::move(r));
    }
  }
  std::error_code ignored;
  fs::remove_all(scratch, ignored);
  // Written last, from the grader's memory: nothing a submission wrote survives.
  fs::create_directories(out);
  descent::write_file_atomically(out / "report.txt", grading::report(results));
  descent::write_file_atomically(out / "results.json", gradescope_results(results).dump(2) + "\n");
  return results;
}

}  // namespace

int main(int argc, char* argv[]) {
  return descent::run_program("grade", [&] {
    Settings s;
    descent::CommandLine cli("grade",
                             "Grade student submissions against the full grading tests (public and hidden).\n"
                             "  grade SUBMISSION --out DIR        one folder or .tar.gz\n"
                             "  grade --batch FOLDER --out DIR    every submission in FOLDER, plus gradebook.csv");
    cli.text("submission", s.submission, "the submission (also the first plain argument)", "PATH")
        .text("batch", s.batch, "grade every folder or tarball in this folder", "FOLDER")
        .text("chapters", s.chapters, "only these chapters, e.g. 1,3 (default: all)", "LIST")
        .text("catalogue", s.catalogue_file, "the exercise catalogue (default: this build's)", "FILE")
        .real("timeout", s.timeout, 10.0, "seconds per test case", descent::RealRange::positive())
        .integer("memory", s.memory, 1024, "megabytes of address space per test case", 64, 65536);
    // The submission may also come as the first plain argument.
    std::vector<const char*> args(argv, argv + argc);
    std::string positional;
    if (argc > 1 && argv[1][0] != '-') {
      positional = argv[1];
      args.erase(args.begin() + 1);
    }
    if (!cli.parse(static_cast<int>(args.size()), args.data())) return 0;
    if (!positional.empty()) {
      if (!s.submission.empty()) throw UsageError("give the submission once (as a plain argument or --submission)");
      s.submission = positional;
    }
    if (s.submission.empty() == s.batch.empty()) throw UsageError("give either a SUBMISSION or --batch FOLDER");
    if (!cli.out()) throw UsageError("--out DIR is required: the report and results.json go there");
    if (!fs::is_regular_file(s.catalogue_file)) throw UsageError("--catalogue " + s.catalogue_file + ": no such file");
    const grading::Catalogue catalogue = grading::read_catalogue(s.catalogue_file);
    if (catalogue.support_header.empty()) throw std::runtime_error(s.catalogue_file + ": no support_header");
    s.include_dir = catalogue.support_header.parent_path();
    const std::vector<Exercise> exercises = exercises_to_grade(catalogue, s.chapters);
    grading::become_subreaper();
    const fs::path pch = precompiled_header(s);

    if (!s.submission.empty()) {
      if (!fs::exists(s.submission)) throw UsageError(s.submission + ": no such file or folder");
      const auto results = grade_submission(s.submission, *cli.out(), exercises, s, pch);
      if (!cli.quiet()) std::cout << grading::report(results);
      return 0;
    }
    if (!fs::is_directory(s.batch)) throw UsageError("--batch " + s.batch + ": not a folder");
    std::vector<fs::path> submissions;
    for (const auto& entry : fs::directory_iterator(s.batch)) {
      if (entry.is_directory() || is_tarball(entry.path())) submissions.push_back(entry.path());
    }
    std::sort(submissions.begin(), submissions.end());
    std::ostringstream book;
    book << "student";
    for (const auto& e : exercises) book << ',' << e.chapter << '/' << e.name;
    book << ",total\n";
    for (const auto& submission : submissions) {
      const std::string id = student_id(submission);
      const auto results = grade_submission(submission, *cli.out() / id, exercises, s, pch);
      int total = 0;
      book << id;
      for (const auto& r : results) {
        book << ',' << r.points();
        total += r.points();
      }
      book << ',' << total << '\n';
      std::cout << id << ": " << total << " points\n";
    }
    descent::write_file_atomically(*cli.out() / "gradebook.csv", book.str());
    std::cout << "gradebook: " << (*cli.out() / "gradebook.csv").string() << '\n';
    return 0;
  });
}
