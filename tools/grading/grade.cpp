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
// folder or tarball in FOLDER is graded into DIR/<id>/ (a safe id made from the name) and
// DIR/gradebook.csv and DIR/gradebook.json collect the points, rewritten after every submission;
// one broken or hostile submission never stops the batch.
//
// Every student process (the compiler on the student's code, every test case) runs in a sandbox
// (sandbox.hpp): its own uid, PID/network/IPC/mount namespaces, a read-only view of only what
// the step needs, limits per case. Tarballs are inspected before they are unpacked.

#include "grading/catalogue.hpp"
#include "grading/grading.hpp"
#include "grading/sandbox.hpp"

#include "descent/cli.hpp"
#include "descent/output.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using descent::UsageError;

// One exercise the grader knows: where its tests are, what they are worth.
struct Exercise {
  std::string chapter;  // "01_hand_descent"
  std::string name;     // "descent_path"
  fs::path test;        // the public tests (also in the student's pack)
  fs::path hidden_test; // the hidden tests, or empty
};

struct Settings {
  std::string submission;
  std::string batch;
  std::string chapters;
  std::string catalogue_file = DESCENT_CATALOGUE;
  fs::path include_dir;  // holds grading_support.hpp
  double timeout = 10.0;
  int memory = 1024;
  double compile_timeout = 60.0;  // per exercise
  double budget = 600.0;          // per submission, compiling and running everything
  int max_files = 1000;           // in a tarball
  int max_megabytes = 20;         // a tarball's contents, unpacked
};

// What one submission's processes run as, and until when. The hidden tests are compiled and run
// under a uid of their own, so nothing the public runs can read holds hidden text.
struct Context {
  uid_t uid;
  uid_t hidden_uid;
  std::chrono::steady_clock::time_point deadline;
};

// One exercise graded: the instructor's full result, and the error the student may see.
struct Graded {
  grading::ExerciseResult result;
  std::string student_error;
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
      found.push_back(Exercise{chapter.chapter, e.name, e.test, e.hidden_test});
    }
  }
  if (found.empty()) throw UsageError("--catalogue " + catalogue.file.string() + ": no exercises");
  return found;
}

// The cases a test source declares, read from its TEST_CASE lines: what a submission that does
// not compile loses. Every case of a hidden test source is hidden.
std::vector<grading::CaseResult> declared_cases(const fs::path& source, bool hidden) {
  static const std::regex test_case(R"re(TEST_CASE\("([^"]*)",\s*"([^"]*)"\))re");
  std::vector<grading::CaseResult> cases;
  if (source.empty()) return cases;
  std::ifstream in(source);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  for (std::sregex_iterator m(text.begin(), text.end(), test_case), end; m != end; ++m) {
    grading::CaseResult c;
    c.name = (*m)[1];
    const std::string tags = (*m)[2];
    const auto at = tags.find("[points=");
    c.max_points = at == std::string::npos ? 0 : std::atoi(tags.c_str() + at + 8);
    c.hidden = hidden;
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<grading::CaseResult> declared_cases(const Exercise& e) {
  auto cases = declared_cases(e.test, false);
  for (auto& c : declared_cases(e.hidden_test, true)) cases.push_back(std::move(c));
  return cases;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string trimmed(const std::string& line) {
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return line.substr(first, line.find_last_not_of(" \t\r") + 1 - first);
}

// What a student must never see, and what is shown instead: the instructor's paths (rewritten
// to names the student knows, or to placeholders) and text quoted from the hidden tests (each
// line quoting one is replaced by a fixed sentence).
struct Privacy {
  std::vector<std::pair<std::string, std::string>> paths;  // applied in this order
  std::vector<std::string> temp_prefixes;  // "<tmp>/descent-": any path starting so is the grader's
  std::vector<std::string> hidden_text;    // lines and string literals of the hidden tests
};

// Adds `path` (and its canonical spelling) to be shown as `shown`.
void add_path(Privacy& p, const fs::path& path, const std::string& shown) {
  if (path.empty()) return;
  std::error_code error;
  for (const fs::path& spelling : {path, fs::weakly_canonical(path, error)}) {
    std::string text = spelling.string();
    while (text.size() > 1 && text.back() == '/') text.pop_back();
    if (text.size() > 1) p.paths.emplace_back(text, shown);
  }
}

Privacy instructor_privacy(const std::vector<Exercise>& exercises, const Settings& s) {
  Privacy p;
  std::string public_text;
  for (const auto& e : exercises) {
    add_path(p, e.test, "tests/" + e.chapter + "/" + e.test.filename().string());
    add_path(p, e.hidden_test, "<hidden tests>");
    public_text += read_text(e.test);
  }
  static const std::regex literal(R"re("((?:[^"\\\n]|\\.){10,})")re");
  for (const auto& e : exercises) {
    if (e.hidden_test.empty()) continue;
    const std::string text = read_text(e.hidden_test);
    for (std::sregex_iterator m(text.begin(), text.end(), literal), end; m != end; ++m) {
      if (public_text.find((*m)[1]) == std::string::npos) p.hidden_text.push_back((*m)[1]);
    }
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      line = trimmed(line);
      if (line.size() >= 20 && line[0] != '#' && public_text.find(line) == std::string::npos) p.hidden_text.push_back(line);
    }
  }
  add_path(p, DESCENT_GRADING_MAIN_LIBRARY, "<grading main>");
  add_path(p, s.include_dir, "<support>");
  add_path(p, fs::path(s.catalogue_file).parent_path(), "<catalogue>");
  add_path(p, DESCENT_BINARY_DIR, "<build>");
  add_path(p, DESCENT_SOURCE_DIR, "<source>");
  std::error_code error;
  for (const fs::path& temp : {fs::temp_directory_path(), fs::weakly_canonical(fs::temp_directory_path(), error)}) {
    p.temp_prefixes.push_back((temp / "descent-").string());
  }
  return p;
}

// `text` as a student may see it: no line quoting the hidden tests, no instructor path.
std::string shown_to_student(const std::string& text, const Privacy& p) {
  std::string shown;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const bool quotes = std::any_of(p.hidden_text.begin(), p.hidden_text.end(),
                                    [&](const std::string& hidden) { return line.find(hidden) != std::string::npos; });
    if (quotes) line = "[a line quoting the hidden tests is not shown]";
    for (const auto& [path, name] : p.paths) {
      for (auto at = line.find(path); at != std::string::npos; at = line.find(path, at + name.size())) {
        line.replace(at, path.size(), name);
      }
    }
    for (const auto& prefix : p.temp_prefixes) {
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
std::vector<std::string> compile_flags() {
  return {DESCENT_CXX, "-std=c++20", "-O1", "-w", "-I" DESCENT_EIGEN_INCLUDE, "-DEIGEN_MAX_ALIGN_BYTES=32"};
}

// catch.hpp and Eigen take most of a grading program's compile time: they are compiled once
// into a precompiled header, kept in a per-user cache folder between runs, that every test
// source then starts from. Returns the header to -include, or an empty path if none could be
// built (grading then just compiles slower). A stale one (another compiler) is ignored by GCC.
// The cache is built by the grader itself, outside any sandbox, in a folder only its user may
// write (one owned by anybody else, or writable by others, is not used); sandboxes see it read-only.
fs::path precompiled_header() {
  const fs::path folder = fs::temp_directory_path() / ("descent-grade-cache-" + std::to_string(::geteuid()));
  const fs::path header = folder / "grading_pch.hpp";
  const fs::path compiled = folder / "grading_pch.hpp.gch";
  std::error_code error;
  fs::create_directories(folder, error);
  struct stat info{};
  if (error || ::lstat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::geteuid() ||
      (info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return {};
  }
  ::chmod(folder.c_str(), 0755);
  if (!fs::exists(header)) {
    std::ofstream(header) << "#include <catch2/catch.hpp>\n#include <Eigen/Core>\n#include <Eigen/Eigenvalues>\n"
                             "#include <Eigen/QR>\n#include <cmath>\n#include <functional>\n#include <vector>\n";
  }
  if (fs::exists(compiled)) return header;
  const fs::path partial = folder / ("grading_pch." + std::to_string(::getpid()) + ".gch");  // then renamed: atomic
  std::vector<std::string> command = compile_flags();
  command.insert(command.end(), {"-x", "c++-header", header.string(), "-o", partial.string()});
  const grading::Outcome built = grading::run_limited(command, grading::Limits{180.0, 4096});
  if (built.exit_status != 0) return {};
  ::chmod(partial.c_str(), 0644);
  fs::rename(partial, compiled, error);
  return error ? fs::path() : header;
}

// True when `path` and every folder from `root` down to it is what it says, not a symbolic link.
bool no_links_below(const fs::path& root, const fs::path& relative) {
  fs::path at = root;
  for (const auto& part : relative) {
    at /= part;
    std::error_code error;
    if (fs::symlink_status(at, error).type() == fs::file_type::symlink) return false;
  }
  return true;
}

// The environment every sandboxed step gets (nothing of the grader's own).
std::vector<std::string> sandbox_environment() {
  return {"PATH=/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp", "LANG=C.UTF-8"};
}

// The compiler's error lines a student may see: only those located in their own header or in
// the public test file of their pack (the instructor's paths rewritten), or a fixed sentence.
std::string student_diagnostics(const std::string& output, const Privacy& privacy, const std::string& header,
                                const std::string& test) {
  std::string shown;
  int kept = 0;
  std::istringstream lines(shown_to_student(output, privacy));
  for (std::string line; std::getline(lines, line) && kept < 12;) {
    if (line.rfind(header + ":", 0) != 0 && line.rfind(test + ":", 0) != 0) continue;
    if (line.find("error") == std::string::npos && line.find("note:") == std::string::npos &&
        line.find("required from") == std::string::npos) {
      continue;
    }
    shown += line + '\n';
    ++kept;
  }
  return shown.empty() ? "the compiler's messages are all in library code: build the exercise with your pack "
                         "(cmake --build build) to see them\n"
                       : shown;
}

Graded grade_exercise(const Exercise& e, const fs::path& root, const Settings& s, const fs::path& scratch,
                      const fs::path& pch, const Context& context, const Privacy& privacy) {
  Graded graded{{e.chapter + "/" + e.name, declared_cases(e), {}}, {}};
  const fs::path relative = fs::path("exercises") / e.chapter / (e.name + ".hpp");
  const fs::path header = root / relative;
  // `why` for the instructor, `shown` for the student; the cases of `from` on score 0.
  const auto zero = [&](const std::string& why, const std::string& shown, std::size_t from = 0) {
    graded.result.error = why;
    graded.student_error = shown;
    for (std::size_t k = from; k < graded.result.cases.size(); ++k) {
      graded.result.cases[k].passed = false;
      graded.result.cases[k].points = 0;
      graded.result.cases[k].feedback = "not run: " + shown.substr(0, shown.find('\n'));
    }
    return graded;
  };
  const auto zero_all = [&](const std::string& why) { return zero(why, why); };
  if (!no_links_below(root, relative)) return zero_all("refused: exercises/" + e.chapter + "/" + e.name + ".hpp is reached through a symbolic link");
  if (fs::symlink_status(header).type() != fs::file_type::regular) {
    return zero_all("missing file exercises/" + e.chapter + "/" + e.name + ".hpp");
  }
  if (std::chrono::steady_clock::now() >= context.deadline) {
    return zero_all("not graded: the submission's time budget of " + std::to_string(static_cast<int>(s.budget)) + " s ran out");
  }
  // The student's header is the only file of theirs the tests see, copied into a clean folder.
  const fs::path include = scratch / "include" / e.chapter;
  fs::create_directories(include);
  fs::permissions(scratch / "include", fs::perms(0755));
  fs::permissions(include, fs::perms(0755));
  fs::copy_file(header, include / header.filename(), fs::copy_options::overwrite_existing);
  fs::permissions(include / header.filename(), fs::perms(0644));
  // The public and the hidden tests are two programs, compiled and run apart: the public
  // program, its compiler messages and its runs never see the hidden tests (the only compiler
  // messages and case feedback a student sees come from it). Each compiler writes only into a
  // folder of its sandbox's user and sees (read-only) the system, the student's header, the
  // grading support header, one test source, the trusted main and the precompiled header.
  struct Program {
    grading::Outcome built;
    fs::path build;
    fs::path program;
  };
  const auto compile = [&](const fs::path& test, const std::string& kind, uid_t uid) {
    Program p;
    p.build = scratch / ("build-" + e.name + "-" + kind);
    grading::make_sandbox_folder(p.build, uid);
    p.program = p.build / ("ex_" + e.name);
    grading::SandboxView view;
    view.uid = uid;
    view.read_only = {scratch / "support", include, DESCENT_GRADING_MAIN_LIBRARY, test};
    if (!pch.empty()) view.read_only.push_back(pch.parent_path());
    view.writable = p.build;
    view.workdir = p.build;
    view.environment = sandbox_environment();
    std::vector<std::string> command = compile_flags();
    command.push_back("-I" + (scratch / "support").string());
    command.push_back("-I" + include.string());
    if (!pch.empty()) command.insert(command.end(), {"-include", pch.string()});
    command.insert(command.end(), {test.string(), DESCENT_GRADING_MAIN_LIBRARY, "-o", p.program.string()});
    grading::Limits limits{s.compile_timeout, 2048};
    limits.runner = grading::sandboxed_runner(view, 16, 512LL << 20);
    limits.deadline = context.deadline;
    p.built = grading::run_limited(command, limits);
    return p;
  };
  // Why a compile failed, for the instructor and the student; empty when it worked.
  const auto failed = [&](const Program& p) -> std::string {
    if (p.built.over_budget) return "compile error: the submission's time budget ran out while compiling";
    if (p.built.timed_out) {
      return "compile error: the compiler took longer than " + std::to_string(static_cast<int>(s.compile_timeout)) + " s";
    }
    if (p.built.exit_status != 0 || !fs::exists(p.program)) return "compile error:\n";
    return {};
  };
  // Every case: the program read-only, a working folder of its own user, nothing else of ours.
  const auto run = [&](const Program& p, const std::string& kind, uid_t uid, bool hidden) {
    const fs::path work = scratch / ("run-" + e.name + "-" + kind);
    grading::make_sandbox_folder(work, uid);
    grading::SandboxView view;
    view.uid = uid;
    view.read_only = {p.build};
    view.writable = work;
    view.workdir = work;
    view.environment = sandbox_environment();
    grading::Limits limits{s.timeout, s.memory};
    // One process per case: a graded test has no reason to start another, and an attempt is caught.
    limits.runner = grading::sandboxed_runner(view, 1, 16LL << 20);
    limits.deadline = context.deadline;
    grading::ExerciseResult result = grading::grade_program(p.program.string(), graded.result.exercise, limits);
    for (auto& c : result.cases) c.hidden = hidden;  // what the hidden program ran is hidden, whatever its tags
    return result.cases;
  };
  const std::string shown_header = relative.string();
  const std::string shown_test = "tests/" + e.chapter + "/" + e.test.filename().string();
  const Program public_program = compile(e.test, "public", context.uid);
  if (const std::string why = failed(public_program); !why.empty()) {
    if (why != "compile error:\n") return zero_all(why);
    return zero(why + first_errors(public_program.built.output, scratch),
                why + student_diagnostics(public_program.built.output, privacy, shown_header, shown_test));
  }
  std::vector<grading::CaseResult> cases;
  try {
    cases = run(public_program, "public", context.uid, false);
  } catch (const std::exception& error) {
    return zero_all(shown_to_student(error.what(), privacy));
  }
  const std::size_t public_cases = cases.size();
  if (e.hidden_test.empty()) {
    graded.result.cases = std::move(cases);
    return graded;
  }
  // The hidden cases: what goes wrong there is the instructor's to read, the student gets a sentence.
  auto hidden_declared = declared_cases(e.hidden_test, true);
  const auto hidden_zero = [&](const std::string& why, const std::string& shown) {
    graded.result.cases = std::move(cases);
    for (auto& c : hidden_declared) graded.result.cases.push_back(std::move(c));
    return zero(why, shown, public_cases);
  };
  const Program hidden_program = compile(e.hidden_test, "hidden", context.hidden_uid);
  if (const std::string why = failed(hidden_program); !why.empty()) {
    if (why != "compile error:\n") return hidden_zero(why, why);
    return hidden_zero("compile error with the hidden tests:\n" + first_errors(hidden_program.built.output, scratch),
                       "compile error with the hidden tests: the exercise compiles with the public tests but not "
                       "with the hidden ones (their compiler messages are for your instructor)");
  }
  try {
    for (auto& c : run(hidden_program, "hidden", context.hidden_uid, true)) cases.push_back(std::move(c));
  } catch (const std::exception& error) {
    return hidden_zero(std::string("the hidden tests: ") + error.what(),
                       "the hidden tests could not be run (the reason is for your instructor)");
  }
  graded.result.cases = std::move(cases);
  return graded;
}

// An exercise as the student may see it: public cases with their feedback (the instructor's
// paths and any line quoting the hidden tests removed), hidden cases with a fixed sentence.
grading::ExerciseResult student_view(const Graded& graded, const Privacy& privacy) {
  grading::ExerciseResult shown{graded.result.exercise, {}, shown_to_student(graded.student_error, privacy)};
  for (grading::CaseResult c : graded.result.cases) {
    if (c.hidden && c.feedback.rfind("not run: ", 0) == 0) {
      c.feedback = shown_to_student(c.feedback, privacy);  // the student's reason, set by grade_exercise
    } else if (c.hidden) {
      c.feedback = c.passed ? "" : "a hidden case: what it checks and why it failed are for your instructor\n";
    } else {
      c.name = shown_to_student(c.name, privacy);
      c.feedback = shown_to_student(c.feedback, privacy);
    }
    shown.cases.push_back(std::move(c));
  }
  return shown;
}

// The student's report: like the instructor's, but each exercise's hidden cases only counted,
// never named or explained.
std::string student_report(const std::vector<grading::ExerciseResult>& results) {
  std::ostringstream out;
  int total = 0;
  int maximum = 0;
  for (const auto& e : results) {
    out << e.exercise << ": " << e.points() << "/" << e.max_points() << " points\n";
    std::istringstream error(e.error);
    for (std::string line; std::getline(error, line);) out << "         " << line << '\n';
    int hidden = 0, hidden_points = 0, hidden_max = 0;
    for (const auto& c : e.cases) {
      if (c.hidden) {
        ++hidden;
        hidden_points += c.points;
        hidden_max += c.max_points;
        continue;
      }
      out << (c.passed ? "  [pass] " : "  [FAIL] ") << c.points << "/" << c.max_points << "  " << c.name << '\n';
      std::istringstream lines(c.feedback);
      for (std::string line; std::getline(lines, line);) out << "         " << line << '\n';
    }
    if (hidden > 0) {
      out << "  [hidden] " << hidden_points << "/" << hidden_max << "  " << hidden
          << (hidden == 1 ? " hidden case (what it checks" : " hidden cases (what they check") << " is for your instructor)\n";
    }
    total += e.points();
    maximum += e.max_points();
  }
  out << "score: " << total << "/" << maximum << '\n';
  return out.str();
}

// Gradescope's results.json, from the student's view: hidden cases published only after grading
// and with a fixed sentence, the visible top-level output the student's report.
nlohmann::json gradescope_results(const std::vector<grading::ExerciseResult>& shown) {
  nlohmann::json tests = nlohmann::json::array();
  double total = 0;
  for (const auto& e : shown) {
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
  return {{"score", total}, {"output", student_report(shown)}, {"visibility", "visible"},
          {"stdout_visibility", "hidden"}, {"tests", tests}};
}

// Any bytes a submission printed, made safe to show: valid UTF-8 and newlines and tabs kept,
// every other control character and every invalid byte written as \xNN.
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

// A tarball is listed before anything is unpacked: only plain files and folders, relative paths
// without "..", at most max_files members and max_megabytes in all. Returns why it is refused,
// or an empty string.
std::string refuse_tarball(const fs::path& tarball, const Settings& s) {
  const grading::Outcome names = grading::run_limited(
      {"/bin/tar", "--quoting-style=escape", "-P", "-tzf", fs::absolute(tarball).string()}, grading::Limits{60.0, 1024});
  const grading::Outcome verbose = grading::run_limited(
      {"/bin/tar", "--quoting-style=escape", "-P", "--numeric-owner", "-tvzf", fs::absolute(tarball).string()},
      grading::Limits{60.0, 1024});
  if (names.exit_status != 0 || verbose.exit_status != 0) return "not a readable .tar.gz";
  if (names.output.size() >= 190000 || verbose.output.size() >= 190000) {
    return "more than " + std::to_string(s.max_files) + " files";
  }
  std::istringstream name_lines(names.output);
  std::istringstream verbose_lines(verbose.output);
  long long bytes = 0;
  int files = 0;
  for (std::string name, line; std::getline(name_lines, name);) {
    if (!std::getline(verbose_lines, line)) return "an unreadable listing";
    if (++files > s.max_files) return "more than " + std::to_string(s.max_files) + " files";
    const char type = line.empty() ? '?' : line[0];
    if (type != '-' && type != 'd') {
      const char* what = type == 'l' ? "a symbolic link" : type == 'h' ? "a hard link" : "a device, fifo or socket";
      return "it holds " + std::string(what) + " (" + escaped(name) + ")";
    }
    if (name.empty() || name[0] == '/') return "it holds an absolute path (" + escaped(name) + ")";
    if (name.find('\\') != std::string::npos) return "a file name with unusual characters (" + escaped(name) + ")";
    for (const auto& part : fs::path(name)) {
      if (part == "..") return "it holds a path with '..' (" + escaped(name) + ")";
    }
    std::istringstream fields(line);
    std::string permissions, owner;
    long long size = 0;
    fields >> permissions >> owner >> size;
    bytes += size;
    if (bytes > static_cast<long long>(s.max_megabytes) << 20) {
      return "it unpacks to more than " + std::to_string(s.max_megabytes) + " MB";
    }
  }
  return {};
}

// Grades one submission into `out` and returns its results.
std::vector<grading::ExerciseResult> grade_submission(const fs::path& submission, const fs::path& out,
                                                      const std::vector<Exercise>& exercises, const Settings& s,
                                                      const fs::path& pch, uid_t uid, const Privacy& instructor) {
  const fs::path scratch = make_scratch("grade");
  ::chmod(scratch.c_str(), 0711);  // without namespaces, the sandbox's user reaches its folders in it
  // This submission's own paths first: its header shown as the pack names it, the rest as placeholders.
  Privacy privacy = instructor;
  std::vector<std::pair<std::string, std::string>> own;
  for (const auto& e : exercises) own.emplace_back((scratch / "include" / e.chapter).string(), "exercises/" + e.chapter);
  own.emplace_back((scratch / "support").string(), "<support>");
  own.emplace_back(scratch.string(), "<grader temp>");
  std::error_code path_error;
  for (const fs::path& path : {fs::absolute(submission, path_error), fs::weakly_canonical(submission, path_error)}) {
    if (path.string().size() > 1) own.emplace_back(path.string(), "<submission>");
  }
  for (const fs::path& path : {fs::absolute(out, path_error), fs::weakly_canonical(out, path_error)}) {
    if (path.string().size() > 1) own.emplace_back(path.string(), "<output>");
  }
  privacy.paths.insert(privacy.paths.begin(), own.begin(), own.end());
  const Context context{uid, uid + 1, std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                                    std::chrono::duration<double>(s.budget))};
  std::vector<Graded> results;
  try {
    fs::create_directories(scratch / "support");
    fs::permissions(scratch / "support", fs::perms(0755));
    fs::copy_file(s.include_dir / "grading_support.hpp", scratch / "support" / "grading_support.hpp");
    fs::permissions(scratch / "support" / "grading_support.hpp", fs::perms(0644));
    fs::path root = submission;
    if (fs::symlink_status(submission).type() == fs::file_type::symlink) {
      throw std::runtime_error("refused: the submission is a symbolic link");
    }
    if (is_tarball(submission)) {
      if (const std::string why = refuse_tarball(submission, s); !why.empty()) {
        throw std::runtime_error("refused: " + why);
      }
      const fs::path unpacked = scratch / "submission";
      fs::create_directories(unpacked);
      const grading::Outcome untar = grading::run_limited(
          {"/bin/tar", "--no-same-owner", "--no-same-permissions", "--no-overwrite-dir", "--no-unquote",
           "-xzf", fs::absolute(submission).string(), "-C", unpacked.string()},
          grading::Limits{60.0, 1024});
      if (untar.exit_status != 0) throw std::runtime_error("cannot unpack the tarball: " + untar.output.substr(0, 500));
      // What was unpacked is checked again: plain files and folders only.
      for (auto it = fs::recursive_directory_iterator(unpacked); it != fs::recursive_directory_iterator(); ++it) {
        const auto type = it->symlink_status().type();
        if (type != fs::file_type::regular && type != fs::file_type::directory) {
          throw std::runtime_error("refused: the tarball holds something that is not a plain file or folder");
        }
      }
      root = submission_root(unpacked);
    } else {
      root = submission_root(submission);
    }
    for (const auto& e : exercises) results.push_back(grade_exercise(e, root, s, scratch, pch, context, privacy));
  } catch (const std::exception& error) {
    results.clear();
    for (const auto& e : exercises) {
      Graded r{{e.chapter + "/" + e.name, declared_cases(e), std::string("not graded: ") + error.what()},
               std::string("not graded: ") + error.what()};
      for (auto& c : r.result.cases) c.feedback = "not run: " + std::string(error.what());
      results.push_back(std::move(r));
    }
  }
  std::error_code ignored;
  fs::remove_all(scratch, ignored);
  // Whatever the submission printed is shown escaped.
  std::vector<grading::ExerciseResult> full;
  std::vector<grading::ExerciseResult> shown;
  for (auto& r : results) {
    r.result.error = escaped(r.result.error);
    r.student_error = escaped(r.student_error);
    for (auto& c : r.result.cases) {
      c.name = escaped(c.name);
      c.feedback = escaped(c.feedback);
    }
    full.push_back(r.result);
    shown.push_back(student_view(r, privacy));
  }
  // Written last, from the grader's memory: nothing a submission wrote survives. report.txt is
  // the instructor's (everything, hidden cases included); student_report.txt and results.json
  // are what the student may see.
  fs::create_directories(out);
  descent::write_file_atomically(out / "report.txt", grading::report(full));
  descent::write_file_atomically(out / "student_report.txt", student_report(shown));
  descent::write_file_atomically(
      out / "results.json",
      gradescope_results(shown).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  return full;
}

// A submission's name made into a folder name and gradebook id: lower case [a-z0-9._-], not
// starting with '.' or '-', at most 60 characters, never "gradebook…"; a name already taken
// gets -2, -3, … (submissions are taken in sorted order, so the same batch gives the same ids).
std::string safe_id(const std::string& name, std::vector<std::string>& taken) {
  std::string id;
  for (const char raw : name) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(raw)));
    const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    id += plain ? c : '_';
  }
  id.erase(0, id.find_first_not_of(".-"));
  if (id.size() > 60) id.resize(60);
  if (id.empty()) id = "submission";
  if (id.rfind("gradebook", 0) == 0) id = "student-" + id;
  std::string unique = id;
  for (int n = 2; std::find(taken.begin(), taken.end(), unique) != taken.end(); ++n) unique = id + "-" + std::to_string(n);
  taken.push_back(unique);
  return unique;
}

// A CSV field: quoted (with doubled quotes) when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
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
        .integer("memory", s.memory, 1024, "megabytes of memory per test case (all its processes together)", 64, 65536)
        .real("compile-timeout", s.compile_timeout, 60.0, "seconds to compile one exercise", descent::RealRange::positive())
        .real("budget", s.budget, 600.0, "seconds for a whole submission (compiling and running)",
              descent::RealRange::positive());
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
    const grading::SandboxStatus& sandbox = grading::sandbox_status();
    if (!sandbox.namespaces) {
      std::cerr << "grade: WARNING: no sandbox namespaces here (" << sandbox.why << ").\n"
                << "grade: student code still runs " << (sandbox.drops_uid ? "under a uid of its own, " : "")
                << "with CPU, memory, process, file-size and time limits" << (sandbox.cgroups ? " (per case)" : "")
                << ", but it sees the file system as that uid may: keep solutions and other submissions unreadable.\n";
    }
    const fs::path pch = precompiled_header();
    const Privacy privacy = instructor_privacy(exercises, s);
    // Two unprivileged uids per submission (public, hidden), different for every grade run at the same time.
    const uid_t uid_base = 1000000 + static_cast<uid_t>(::getpid() % 100000) * 1000;

    if (!s.submission.empty()) {
      if (!fs::exists(s.submission)) throw UsageError(s.submission + ": no such file or folder");
      const auto results = grade_submission(s.submission, *cli.out(), exercises, s, pch, uid_base, privacy);
      if (!cli.quiet()) std::cout << grading::report(results);
      return 0;
    }
    if (!fs::is_directory(s.batch)) throw UsageError("--batch " + s.batch + ": not a folder");
    std::vector<fs::path> submissions;
    for (const auto& entry : fs::directory_iterator(s.batch)) {
      const auto type = entry.symlink_status().type();
      if (type == fs::file_type::directory || (type == fs::file_type::regular && is_tarball(entry.path()))) {
        submissions.push_back(entry.path());
      } else if (type == fs::file_type::symlink) {
        std::cerr << "grade: skipped " << escaped(entry.path().filename().string()) << ": a symbolic link\n";
      }
    }
    std::sort(submissions.begin(), submissions.end());
    std::ostringstream book;
    book << "student";
    for (const auto& e : exercises) book << ',' << e.chapter << '/' << e.name;
    book << ",total\n";
    std::vector<std::string> taken;
    nlohmann::json students = nlohmann::json::array();
    for (std::size_t k = 0; k < submissions.size(); ++k) {
      const std::string id = safe_id(student_id(submissions[k]), taken);
      const auto results = grade_submission(submissions[k], *cli.out() / id, exercises, s, pch,
                                            uid_base + 2 * static_cast<uid_t>(k % 500), privacy);
      int total = 0;
      book << csv_field(id);
      nlohmann::json points = nlohmann::json::object();
      for (const auto& r : results) {
        book << ',' << r.points();
        points[r.exercise] = r.points();
        total += r.points();
      }
      book << ',' << total << '\n';
      students.push_back({{"id", id}, {"submission", escaped(submissions[k].filename().string())},
                          {"points", points}, {"total", total}});
      // Both written after every submission: a batch stopped half-way keeps what it graded.
      descent::write_file_atomically(*cli.out() / "gradebook.csv", book.str());
      descent::write_file_atomically(*cli.out() / "gradebook.json",
                                     students.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
      std::cout << id << ": " << total << " points\n";
    }
    descent::write_file_atomically(*cli.out() / "gradebook.csv", book.str());
    std::cout << "gradebook: " << (*cli.out() / "gradebook.csv").string() << '\n';
    return 0;
  });
}
