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
  double compile_timeout = 60.0;  // per exercise
  double budget = 600.0;          // per submission, compiling and running everything
  int max_files = 1000;           // in a tarball
  int max_megabytes = 20;         // a tarball's contents, unpacked
};

// What one submission's processes run as, and until when.
struct Context {
  uid_t uid;
  std::chrono::steady_clock::time_point deadline;
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

grading::ExerciseResult grade_exercise(const Exercise& e, const fs::path& root, const Settings& s,
                                       const fs::path& scratch, const fs::path& pch, const Context& context) {
  grading::ExerciseResult result{e.chapter + "/" + e.name, declared_cases(e), {}};
  const fs::path relative = fs::path("exercises") / e.chapter / (e.name + ".hpp");
  const fs::path header = root / relative;
  const auto zero = [&](const std::string& why) {
    result.error = why;
    for (auto& c : result.cases) c.feedback = "not run: " + why.substr(0, why.find('\n'));
    return result;
  };
  if (!no_links_below(root, relative)) return zero("refused: exercises/" + e.chapter + "/" + e.name + ".hpp is reached through a symbolic link");
  if (fs::symlink_status(header).type() != fs::file_type::regular) {
    return zero("missing file exercises/" + e.chapter + "/" + e.name + ".hpp");
  }
  if (std::chrono::steady_clock::now() >= context.deadline) {
    return zero("not graded: the submission's time budget of " + std::to_string(static_cast<int>(s.budget)) + " s ran out");
  }
  // The student's header is the only file of theirs the tests see, copied into a clean folder.
  const fs::path include = scratch / "include" / e.chapter;
  fs::create_directories(include);
  fs::permissions(scratch / "include", fs::perms(0755));
  fs::permissions(include, fs::perms(0755));
  fs::copy_file(header, include / header.filename(), fs::copy_options::overwrite_existing);
  fs::permissions(include / header.filename(), fs::perms(0644));
  // The compiler writes only into a folder of the sandbox's user; it sees (read-only) the system,
  // the student's header, the grading support header, this exercise's tests, the trusted main
  // and the precompiled header: no reference solution, no other exercise, no other submission.
  const fs::path build = scratch / ("build-" + e.name);
  grading::make_sandbox_folder(build, context.uid);
  const fs::path program = build / ("ex_" + e.name);
  grading::SandboxView compile_view;
  compile_view.uid = context.uid;
  compile_view.read_only = {scratch / "support", include, DESCENT_GRADING_MAIN_LIBRARY};
  for (const auto& source : e.test_sources) compile_view.read_only.push_back(source);
  if (!pch.empty()) compile_view.read_only.push_back(pch.parent_path());
  compile_view.writable = build;
  compile_view.workdir = build;
  compile_view.environment = sandbox_environment();
  std::vector<std::string> compile = compile_flags();
  compile.push_back("-I" + (scratch / "support").string());
  compile.push_back("-I" + include.string());
  if (!pch.empty()) compile.insert(compile.end(), {"-include", pch.string()});
  for (const auto& source : e.test_sources) compile.push_back(source.string());
  compile.insert(compile.end(), {DESCENT_GRADING_MAIN_LIBRARY, "-o", program.string()});
  grading::Limits compile_limits{s.compile_timeout, 2048};
  compile_limits.runner = grading::sandboxed_runner(compile_view, 16, 512LL << 20);
  compile_limits.deadline = context.deadline;
  const grading::Outcome built = grading::run_limited(compile, compile_limits);
  if (built.over_budget) return zero("compile error: the submission's time budget ran out while compiling");
  if (built.timed_out) {
    return zero("compile error: the compiler took longer than " + std::to_string(static_cast<int>(s.compile_timeout)) + " s");
  }
  if (built.exit_status != 0 || !fs::exists(program)) {
    return zero("compile error:\n" + first_errors(built.output, scratch));
  }
  // Every case: the program read-only, a working folder of its own user, nothing else of ours.
  const fs::path work = scratch / ("run-" + e.name);
  grading::make_sandbox_folder(work, context.uid);
  grading::SandboxView run_view;
  run_view.uid = context.uid;
  run_view.read_only = {build};
  run_view.writable = work;
  run_view.workdir = work;
  run_view.environment = sandbox_environment();
  grading::Limits limits{s.timeout, s.memory};
  // One process per case: a graded test has no reason to start another, and an attempt is caught.
  limits.runner = grading::sandboxed_runner(run_view, 1, 16LL << 20);
  limits.deadline = context.deadline;
  try {
    grading::ExerciseResult graded = grading::grade_program(program.string(), result.exercise, limits);
    graded.exercise = result.exercise;
    return graded;
  } catch (const std::exception& error) {
    return zero(error.what());
  }
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
                                                      const fs::path& pch, uid_t uid) {
  const fs::path scratch = make_scratch("grade");
  ::chmod(scratch.c_str(), 0711);  // without namespaces, the sandbox's user reaches its folders in it
  const Context context{uid, std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                                    std::chrono::duration<double>(s.budget))};
  std::vector<grading::ExerciseResult> results;
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
    for (const auto& e : exercises) results.push_back(grade_exercise(e, root, s, scratch, pch, context));
  } catch (const std::exception& error) {
    results.clear();
    for (const auto& e : exercises) {
      grading::ExerciseResult r{e.chapter + "/" + e.name, declared_cases(e), std::string("not graded: ") + error.what()};
      for (auto& c : r.cases) c.feedback = "not run: " + std::string(error.what());
      results.push_back(std::move(r));
    }
  }
  std::error_code ignored;
  fs::remove_all(scratch, ignored);
  // Whatever the submission printed is shown escaped.
  for (auto& r : results) {
    r.error = escaped(r.error);
    for (auto& c : r.cases) {
      c.name = escaped(c.name);
      c.feedback = escaped(c.feedback);
    }
  }
  // Written last, from the grader's memory: nothing a submission wrote survives.
  fs::create_directories(out);
  descent::write_file_atomically(out / "report.txt", grading::report(results));
  descent::write_file_atomically(
      out / "results.json",
      gradescope_results(results).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  return results;
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
    // One unprivileged uid per submission, different for every grade run at the same time.
    const uid_t uid_base = 1000000 + static_cast<uid_t>(::getpid() % 100000) * 1000;

    if (!s.submission.empty()) {
      if (!fs::exists(s.submission)) throw UsageError(s.submission + ": no such file or folder");
      const auto results = grade_submission(s.submission, *cli.out(), exercises, s, pch, uid_base);
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
                                            uid_base + static_cast<uid_t>(k % 1000));
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
