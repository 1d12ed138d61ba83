// grade: the instructor's grader. Builds each exercise file of a student submission into an
// answer program, asks it the exercise's grading cases (public and hidden) and decides every
// verdict on its own side, from the answers alone (grading/judge.hpp).
//
//   grade SUBMISSION --out DIR [--chapters 1,3] [--seed N] [--timeout S] [--memory MB] [--catalogue FILE]
//   grade --batch FOLDER --out DIR [...]
//
// The exercises are those of the exercise catalogue (by default the one this build wrote,
// build/exercises/catalogue.json), in its order; every one is reported, a missing file as 0.
// Their cases come from each exercise's case generator (built with the reference solution, run
// here, never in a sandbox): the expected answers are the reference's, and --seed picks the
// differential cases' inputs (the same seed, the same cases: a score can be reproduced).
// SUBMISSION is a folder or a .tar.gz of a student pack: it holds exercises/NN_name/<exercise>.hpp.
// DIR receives report.txt (the instructor's), student_report.txt and results.json (Gradescope's
// format; what the student may see). With --batch every folder or tarball in FOLDER is graded
// into DIR/<id>/ (a safe id made from the name), and DIR/gradebook.csv and DIR/gradebook.json
// collect the points, rewritten after every submission; one broken or hostile submission never
// stops the batch.
//
// The student's code never runs in this process and is never compiled with the cases: every
// student process (the compiler, every case's answer program) runs in a sandbox (sandbox.hpp):
// its own uid, PID/network/IPC/mount namespaces, a read-only view of only what the step needs,
// limits per case. All public cases of a submission run before any hidden case, and hidden
// cases run under a second uid, so nothing a hidden case sees can reach visible output.

#include "grading/catalogue.hpp"
#include "grading/grading.hpp"
#include "grading/intake.hpp"
#include "grading/judge.hpp"
#include "grading/reports.hpp"
#include "grading/sandbox.hpp"

#include "descent/cli.hpp"
#include "descent/output.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using descent::UsageError;

// One exercise the grader knows: its adapter and its cases (expected answers included).
struct Exercise {
  std::string chapter;  // "01_hand_descent"
  std::string name;     // "descent_path"
  fs::path io;          // the adapter, cases/<name>.io.hpp
  grading::CaseFile cases;
};

struct Settings {
  std::string submission;
  std::string batch;
  std::string chapters;
  std::string catalogue_file = DESCENT_CATALOGUE;
  fs::path support_dir;  // protocol.hpp, test_functions.hpp, state_scripts.hpp
  int seed = 1;
  double timeout = 10.0;
  int memory = 1024;
  double compile_timeout = 60.0;  // per exercise
  double budget = 600.0;          // per submission, compiling and running everything
  grading::IntakeLimits intake;
};

// What one submission's processes run as, and until when.
struct Context {
  uid_t uid;         // compiling and the public cases
  uid_t hidden_uid;  // the hidden cases
  std::chrono::steady_clock::time_point deadline;
};

fs::path make_scratch(const std::string& what) {
  std::string pattern = (fs::temp_directory_path() / ("descent-" + what + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a temporary folder");
  return pattern;
}

// The cases of one exercise, from its case generator (a trusted program of this build), written
// into `scratch` (a folder of the grader's own).
grading::CaseFile generate_cases(const grading::CatalogueExercise& e, int seed, const fs::path& scratch) {
  if (::access(e.case_generator.c_str(), X_OK) != 0) {
    throw std::runtime_error(e.name + ": its case generator " + e.case_generator.string() +
                             " is not built (cmake --build build --target grading_cases)");
  }
  const fs::path file = scratch / (e.name + ".json");
  const grading::Outcome run = grading::run_limited(
      {e.case_generator.string(), "--seed", std::to_string(seed), "--out", file.string()}, grading::Limits{120.0, 4096});
  if (run.exit_status != 0) throw std::runtime_error(e.name + ": the case generator failed: " + run.output.substr(0, 500));
  return grading::read_case_file(file);
}

// The catalogue's exercises of the chosen chapters (all when `chapters` is empty), in its order.
std::vector<Exercise> exercises_to_grade(const grading::Catalogue& catalogue, const Settings& s) {
  std::vector<int> wanted;
  if (!s.chapters.empty()) {
    for (const double c : descent::parse_vector(s.chapters, "--chapters")) wanted.push_back(static_cast<int>(c));
  }
  std::vector<grading::CatalogueChapter> chosen;
  try {
    chosen = catalogue.select(wanted);
  } catch (const grading::CatalogueChapterMissing& missing) {
    throw UsageError(std::string("--chapters: ") + missing.what());
  }
  std::vector<Exercise> found;
  const fs::path scratch = make_scratch("cases");
  try {
    for (const auto& chapter : chosen) {
      for (const auto& e : chapter.exercises) {
        found.push_back(Exercise{chapter.chapter, e.name, e.io, generate_cases(e, s.seed, scratch)});
      }
    }
  } catch (...) {
    fs::remove_all(scratch);
    throw;
  }
  fs::remove_all(scratch);
  if (found.empty()) throw UsageError("--catalogue " + catalogue.file.string() + ": no exercises");
  return found;
}

// Every case of an exercise at 0 points with the same feedback: what a submission that could
// not be built or run gets.
grading::ExerciseResult not_run(const Exercise& e, const std::string& why) {
  grading::ExerciseResult result{e.chapter + "/" + e.name, {}, why};
  for (const auto& c : e.cases.cases) {
    result.cases.push_back({c.name, 0, c.points, c.hidden, false, "not run: " + why.substr(0, why.find('\n'))});
  }
  return result;
}

// The compiler flags of every answer program (the precompiled header must see the same ones).
std::vector<std::string> compile_flags() {
  return {DESCENT_CXX, "-std=c++20", "-O1", "-w", "-I" DESCENT_EIGEN_INCLUDE, "-DEIGEN_MAX_ALIGN_BYTES=32"};
}

// JSON and Eigen take most of an answer program's compile time: they are compiled once into a
// precompiled header, kept in a per-user cache folder between runs, that every answer program
// then starts from. Returns the header to -include, or an empty path if none could be
// built (grading then just compiles slower). A stale one (another compiler) is ignored by GCC.
// The cache is built by the grader itself, outside any sandbox, in a folder only its user may
// write (one owned by anybody else, or writable by others, is not used); sandboxes see it read-only.
fs::path precompiled_header() {
  const fs::path folder = fs::temp_directory_path() / ("descent-grade-cache-" + std::to_string(::geteuid()));
  const fs::path header = folder / "answer_pch.hpp";
  const fs::path compiled = folder / "answer_pch.hpp.gch";
  std::error_code error;
  fs::create_directories(folder, error);
  struct stat info{};
  if (error || ::lstat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::geteuid() ||
      (info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return {};
  }
  ::chmod(folder.c_str(), 0755);
  if (!fs::exists(header)) {
    std::ofstream(header) << "#include <nlohmann/json.hpp>\n#include <Eigen/Core>\n#include <cmath>\n"
                             "#include <functional>\n#include <string>\n#include <vector>\n";
  }
  if (fs::exists(compiled)) return header;
  const fs::path partial = folder / ("answer_pch." + std::to_string(::getpid()) + ".gch");  // then renamed: atomic
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

// The compiler's error lines, with the grader's paths rewritten: everything it compiled is the
// student's own file or public (the adapter, the protocol headers, the answer main).
std::string compiler_errors(const std::string& output, const grading::Privacy& privacy) {
  std::string shown;
  int kept = 0;
  std::istringstream lines(grading::shown_to_student(output, privacy));
  for (std::string line; std::getline(lines, line) && kept < 12;) {
    if (line.find("error") == std::string::npos && line.find("note:") == std::string::npos &&
        line.find("required from") == std::string::npos) {
      continue;
    }
    shown += line + '\n';
    ++kept;
  }
  return shown.empty() ? grading::shown_to_student(output.substr(0, 2000), privacy) : shown;
}

// One exercise's answer program, or why there is none.
struct Built {
  fs::path program;
  std::string error;  // shown to the student too (it holds nothing of the instructor's)
};

Built build_answer_program(const Exercise& e, const fs::path& root, const fs::path& scratch, const fs::path& pch,
                           const Settings& s, const Context& context, const grading::Privacy& privacy) {
  const fs::path relative = fs::path("exercises") / e.chapter / (e.name + ".hpp");
  const fs::path header = root / relative;
  if (!no_links_below(root, relative)) return {{}, "refused: " + relative.string() + " is reached through a symbolic link"};
  if (fs::symlink_status(header).type() != fs::file_type::regular) return {{}, "missing file " + relative.string()};
  if (std::chrono::steady_clock::now() >= context.deadline) {
    return {{}, "not graded: the submission's time budget of " + std::to_string(static_cast<int>(s.budget)) + " s ran out"};
  }
  // The student's header is the only file of theirs the compiler sees, copied into a clean folder.
  const fs::path include = scratch / "include" / e.chapter;
  fs::create_directories(include);
  fs::permissions(scratch / "include", fs::perms(0755));
  fs::permissions(include, fs::perms(0755));
  fs::copy_file(header, include / header.filename(), fs::copy_options::overwrite_existing);
  fs::permissions(include / header.filename(), fs::perms(0644));
  const fs::path build = scratch / ("build-" + e.name);
  grading::make_sandbox_folder(build, context.uid);
  grading::SandboxView view;
  view.uid = context.uid;
  view.read_only = {scratch / "support", include, DESCENT_ANSWER_RUNTIME};
  if (!pch.empty()) view.read_only.push_back(pch.parent_path());
  view.writable = build;
  view.workdir = build;
  view.environment = sandbox_environment();
  std::vector<std::string> command = compile_flags();
  command.push_back("-I" + (scratch / "support").string());
  command.push_back("-I" + include.string());
  if (!pch.empty()) command.insert(command.end(), {"-include", pch.string()});
  command.push_back("-DDESCENT_EXERCISE_IO=\"" + e.name + ".io.hpp\"");
  const fs::path program = build / "answers";
  command.insert(command.end(),
                 {(scratch / "support" / "answer_main.cpp").string(), DESCENT_ANSWER_RUNTIME, "-o", program.string()});
  grading::Limits limits{s.compile_timeout, 2048};
  limits.runner = grading::sandboxed_runner(view, 16, 512LL << 20);
  limits.deadline = context.deadline;
  const grading::Outcome built = grading::run_limited(command, limits);
  if (built.over_budget) return {{}, "compile error: the submission's time budget ran out while compiling"};
  if (built.timed_out) {
    return {{}, "compile error: the compiler took longer than " + std::to_string(static_cast<int>(s.compile_timeout)) + " s"};
  }
  if (built.exit_status != 0 || !fs::exists(program)) return {{}, "compile error:\n" + compiler_errors(built.output, privacy)};
  return {program, {}};
}

// The selected cases of one exercise, each in a fresh sandbox of `uid` that sees only the program.
grading::ExerciseResult run_cases(const Exercise& e, const fs::path& program, grading::CaseSelection selection, uid_t uid,
                                  const fs::path& scratch, const Settings& s, const Context& context) {
  const fs::path folder = scratch / "case";
  const auto space = [&](std::size_t) {
    std::error_code ignored;
    fs::remove_all(folder, ignored);  // nothing of an earlier case is left
    // The program may write its answers file only: its scratch space is the private /tmp, whose
    // size is bounded; files of its own here would be on the grader's disk, without bound.
    grading::make_answer_folder(folder, grading::answers_file(folder), uid);
    grading::SandboxView view;
    view.uid = uid;
    view.read_only = {program.parent_path()};
    view.writable = folder;
    view.workdir = folder;
    view.environment = sandbox_environment();
    grading::Limits limits{s.timeout, s.memory};
    // One process per case: an answer program has no reason to start another, and an attempt is caught.
    limits.runner = grading::sandboxed_runner(view, 1, 16LL << 20);
    limits.deadline = context.deadline;
    return grading::CaseSpace{folder, limits};
  };
  grading::ExerciseResult result = grading::grade_answers(program.string(), e.cases, space, selection);
  std::error_code ignored;
  fs::remove_all(folder, ignored);
  result.exercise = e.chapter + "/" + e.name;
  return result;
}

// The support files every answer program compiles with, all public: the protocol headers, the
// adapters and the answer main. (The protocol's compiled part, the answer runtime, is linked
// from the build.)
void copy_support(const fs::path& to, const std::vector<Exercise>& exercises, const Settings& s) {
  fs::create_directories(to);
  fs::permissions(to, fs::perms(0755));
  const auto copy = [&](const fs::path& file) {
    fs::copy_file(file, to / file.filename(), fs::copy_options::overwrite_existing);
    fs::permissions(to / file.filename(), fs::perms(0644));
  };
  copy(s.support_dir / "protocol.hpp");
  copy(s.support_dir / "test_functions.hpp");
  copy(s.support_dir / "state_scripts.hpp");
  copy(DESCENT_ANSWER_MAIN);
  for (const auto& e : exercises) copy(e.io);
}

// Grades one submission into `out` and returns the instructor's results.
std::vector<grading::ExerciseResult> grade_submission(const fs::path& submission, const fs::path& out,
                                                      const std::vector<Exercise>& exercises, const Settings& s,
                                                      const fs::path& pch, uid_t uid, const grading::Privacy& instructor) {
  const fs::path scratch = make_scratch("grade");
  ::chmod(scratch.c_str(), 0711);  // without namespaces, the sandbox's user reaches its folders in it
  // This submission's own paths first: its header shown as the pack names it, the rest as placeholders.
  grading::Privacy privacy;
  for (const auto& e : exercises) grading::add_path(privacy, scratch / "include" / e.chapter, "exercises/" + e.chapter);
  grading::add_path(privacy, scratch / "support", "<support>");
  grading::add_path(privacy, scratch, "<grader temp>");
  grading::add_path(privacy, fs::absolute(submission), "<submission>");
  grading::add_path(privacy, fs::absolute(out), "<output>");
  privacy.paths.insert(privacy.paths.end(), instructor.paths.begin(), instructor.paths.end());
  privacy.temp_prefixes = instructor.temp_prefixes;
  const Context context{uid, uid + 1,
                        std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                               std::chrono::duration<double>(s.budget))};
  std::vector<Built> built(exercises.size());
  std::vector<grading::ExerciseResult> results;
  for (const auto& e : exercises) results.push_back(not_run(e, "not graded"));
  try {
    const fs::path root = grading::take_in(submission, scratch, s.intake);
    copy_support(scratch / "support", exercises, s);
    for (std::size_t k = 0; k < exercises.size(); ++k) {
      built[k] = build_answer_program(exercises[k], root, scratch, pch, s, context, privacy);
    }
    // Every public case of the submission first, then every hidden one under the other uid.
    for (const auto selection : {grading::CaseSelection::public_only, grading::CaseSelection::hidden_only}) {
      for (std::size_t k = 0; k < exercises.size(); ++k) {
        if (built[k].program.empty()) continue;
        const uid_t who = selection == grading::CaseSelection::public_only ? context.uid : context.hidden_uid;
        const grading::ExerciseResult part = run_cases(exercises[k], built[k].program, selection, who, scratch, s, context);
        // The case file lists public cases first: the public part replaces the front, the hidden the rest.
        auto& cases = results[k].cases;
        const auto first = std::find_if(cases.begin(), cases.end(), [](const auto& c) { return c.hidden; });
        if (selection == grading::CaseSelection::public_only) {
          cases.erase(cases.begin(), first);
          cases.insert(cases.begin(), part.cases.begin(), part.cases.end());
        } else {
          cases.erase(first, cases.end());
          cases.insert(cases.end(), part.cases.begin(), part.cases.end());
        }
        results[k].error.clear();
      }
    }
    for (std::size_t k = 0; k < exercises.size(); ++k) {
      if (built[k].program.empty()) results[k] = not_run(exercises[k], built[k].error);
    }
  } catch (const std::exception& error) {
    results.clear();
    for (const auto& e : exercises) results.push_back(not_run(e, grading::shown_to_student(std::string("not graded: ") + error.what(), privacy)));
  }
  std::error_code ignored;
  fs::remove_all(scratch, ignored);
  // Whatever the submission printed is shown escaped.
  std::vector<grading::ExerciseResult> shown;
  for (auto& r : results) {
    r.error = grading::escaped(r.error);
    for (auto& c : r.cases) {
      c.name = grading::escaped(c.name);
      c.feedback = grading::escaped(c.feedback);
    }
    shown.push_back(grading::student_view(r, r.error, privacy));
  }
  // Written last, from the grader's memory: nothing a submission wrote survives. report.txt is
  // the instructor's (everything, hidden cases included); student_report.txt and results.json
  // are what the student may see.
  fs::create_directories(out);
  descent::write_file_atomically(out / "report.txt", grading::report(results));
  descent::write_file_atomically(out / "student_report.txt", grading::student_report(shown));
  descent::write_file_atomically(
      out / "results.json",
      grading::gradescope_results(shown).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  return results;
}

}  // namespace

int main(int argc, char* argv[]) {
  return descent::run_program("grade", [&] {
    Settings s;
    descent::CommandLine cli("grade",
                             "Grade student submissions: every grading case, public and hidden.\n"
                             "  grade SUBMISSION --out DIR        one folder or .tar.gz\n"
                             "  grade --batch FOLDER --out DIR    every submission in FOLDER, plus gradebook.csv");
    cli.text("submission", s.submission, "the submission (also the first plain argument)", "PATH")
        .text("batch", s.batch, "grade every folder or tarball in this folder", "FOLDER")
        .text("chapters", s.chapters, "only these chapters, e.g. 1,3 (default: all)", "LIST")
        .text("catalogue", s.catalogue_file, "the exercise catalogue (default: this build's)", "FILE")
        .integer("seed", s.seed, 1, "seed of the differential cases' inputs (same seed, same cases)", 0, 2000000000)
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
    s.support_dir = catalogue.support_dir;
    const std::vector<Exercise> exercises = exercises_to_grade(catalogue, s);
    grading::become_subreaper();
    const grading::SandboxStatus& sandbox = grading::sandbox_status();
    if (!sandbox.namespaces) {
      std::cerr << "grade: WARNING: no sandbox namespaces here (" << sandbox.why << ").\n"
                << "grade: student code still runs " << (sandbox.drops_uid ? "under a uid of its own, " : "")
                << "with CPU, memory, process, file-size and time limits" << (sandbox.cgroups ? " (per case)" : "")
                << ", but it sees the file system as that uid may: keep solutions and other submissions unreadable.\n";
    }
    const fs::path pch = precompiled_header();
    // The instructor's paths, shown as placeholders (the most specific first).
    grading::Privacy privacy;
    grading::add_path(privacy, s.support_dir, "<support>");
    grading::add_path(privacy, fs::path(s.catalogue_file).parent_path(), "<catalogue>");
    grading::add_path(privacy, DESCENT_BINARY_DIR, "<build>");
    grading::add_path(privacy, DESCENT_SOURCE_DIR, "<source>");
    std::error_code temp_error;
    for (const fs::path& temp : {fs::temp_directory_path(), fs::weakly_canonical(fs::temp_directory_path(), temp_error)}) {
      privacy.temp_prefixes.push_back((temp / "descent-").string());
    }
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
      if (type == fs::file_type::directory || (type == fs::file_type::regular && grading::is_tarball(entry.path()))) {
        submissions.push_back(entry.path());
      } else if (type == fs::file_type::symlink) {
        std::cerr << "grade: skipped " << grading::escaped(entry.path().filename().string()) << ": a symbolic link\n";
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
      const std::string id = grading::safe_id(grading::submission_name(submissions[k]), taken);
      const auto results = grade_submission(submissions[k], *cli.out() / id, exercises, s, pch,
                                            uid_base + 2 * static_cast<uid_t>(k % 500), privacy);
      int total = 0;
      book << grading::csv_field(id);
      nlohmann::json points = nlohmann::json::object();
      for (const auto& r : results) {
        book << ',' << r.points();
        points[r.exercise] = r.points();
        total += r.points();
      }
      book << ',' << total << '\n';
      students.push_back({{"id", id}, {"submission", grading::escaped(submissions[k].filename().string())},
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
