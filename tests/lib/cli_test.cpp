#include "descent/cli.hpp"
#include "descent/output.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

using namespace descent;

namespace {
struct Parsed {
  double lr = 0.0;
  int steps = 0;
  Vector start;
  std::string function;
  bool help_shown = false;
};

Parsed parse(std::vector<std::string> words) {
  Parsed p;
  CommandLine cli("prog", "a test program");
  cli.real("lr", p.lr, 0.1, "learning rate", RealRange::positive())
      .integer("steps", p.steps, 7, "steps", 1, 100)
      .vector("start", p.start, "", "start")
      .choice("function", p.function, "parabola", "function", {"parabola", "bowl"})
      .preset({"big", "a big step", {{"lr", "1.5"}, {"steps", "3"}}});
  words.insert(words.begin(), "prog");
  std::vector<const char*> argv;
  for (const auto& w : words) argv.push_back(w.c_str());
  p.help_shown = !cli.parse(static_cast<int>(argv.size()), argv.data());
  return p;
}

std::string error_of(std::vector<std::string> words) {
  try {
    parse(std::move(words));
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("defaults, explicit values and negative numbers") {
  const Parsed d = parse({});
  CHECK(d.lr == 0.1);
  CHECK(d.steps == 7);
  CHECK(d.start.size() == 0);
  const Parsed p = parse({"--lr", "0.25", "--steps", "12", "--start", "-2.5,1e-3", "--function", "bowl"});
  CHECK(p.lr == 0.25);
  CHECK(p.steps == 12);
  REQUIRE(p.start.size() == 2);
  CHECK(p.start[0] == -2.5);
  CHECK(p.start[1] == 1e-3);
}

TEST_CASE("presets fill in flags the reader did not type") {
  const Parsed p = parse({"--preset", "big"});
  CHECK(p.lr == 1.5);
  CHECK(p.steps == 3);
  const Parsed q = parse({"--preset", "big", "--steps", "9"});
  CHECK(q.lr == 1.5);
  CHECK(q.steps == 9);
}

TEST_CASE("every bad value names its flag") {
  CHECK(error_of({"--lr", "-1"}) == "--lr must be a finite number greater than 0 (got \u22121)");
  CHECK(error_of({"--lr", "nan"}).rfind("--lr must be a finite number", 0) == 0);
  CHECK(error_of({"--lr", "inf"}).rfind("--lr must be a finite number", 0) == 0);
  CHECK(error_of({"--lr", "0"}).rfind("--lr must be", 0) == 0);
  CHECK(error_of({"--lr", "fast"}).find("'--lr'") != std::string::npos);
  CHECK(error_of({"--steps", "0"}) == "--steps must be a whole number from 1 to 100 (got 0)");
  CHECK(error_of({"--steps", "1.5"}).find("'--steps'") != std::string::npos);
  CHECK(error_of({"--start", "1,x"}).rfind("--start expects comma-separated numbers", 0) == 0);
  CHECK(error_of({"--start", "inf"}).rfind("--start entries must be finite", 0) == 0);
  CHECK(error_of({"--function", "cubic"}) == "--function must be one of parabola|bowl (got 'cubic')");
  CHECK(error_of({"--preset", "huge"}) == "--preset must be one of big (got 'huge')");
  CHECK(error_of({"--bogus"}).find("--bogus") != std::string::npos);
  CHECK(error_of({"--name", "a/b"}).rfind("--name must be a plain file name", 0) == 0);
  CHECK(error_of({"--name", "..", "--out", "x"}) ==
        "--name must be a plain file name: no '/' or '\\', not '.' or '..' (got '..')");
}

TEST_CASE("the output folder (--out) is checked before any work and created at the first file") {
  const auto folder = std::filesystem::temp_directory_path() / "descent-cli-test" / "nested";
  std::filesystem::remove_all(folder.parent_path());
  Parsed p;
  CommandLine cli("prog", "summary");
  const std::string out = "--out=" + folder.string();
  const char* argv[] = {"prog", out.c_str()};
  REQUIRE(cli.parse(2, argv));
  CHECK_FALSE(std::filesystem::exists(folder));  // nothing yet: bad input found later leaves no trace
  REQUIRE(cli.out().has_value());
  CHECK(*cli.out() == folder);
  write_file_atomically(folder / "a.txt", "x");
  CHECK(std::filesystem::is_regular_file(folder / "a.txt"));
  const std::string bad = "--out=/proc/version/sub";
  const char* bad_argv[] = {"prog", bad.c_str()};
  CommandLine other("prog", "summary");
  CHECK_THROWS_AS(other.parse(2, bad_argv), UsageError);
  std::filesystem::remove_all(folder.parent_path());
}

TEST_CASE("the output folder is tried for real and nothing is left behind, even for root") {
  const auto root = std::filesystem::temp_directory_path() / "descent-out-probe";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  const auto try_out = [](const std::string& folder) -> std::string {
    CommandLine cli("prog", "summary");
    const std::string word = "--out=" + folder;
    const char* argv[] = {"prog", word.c_str()};
    try {
      cli.parse(2, argv);
    } catch (const UsageError& error) {
      return error.what();
    }
    return "";
  };
  // A missing chain of folders is fine, and the probe removes what it created.
  CHECK(try_out((root / "a" / "b" / "c").string()).empty());
  CHECK_FALSE(std::filesystem::exists(root / "a"));
  CHECK(std::filesystem::is_empty(root));
  // Under /proc nothing can be created; an existing file cannot hold files.
  CHECK(try_out("/proc/descent-no-such-folder/x").rfind("--out /proc/descent-no-such-folder/x: cannot create", 0) == 0);
  write_file_atomically(root / "file", "x");
  CHECK(try_out((root / "file" / "sub").string()).find("exists and is not a directory") != std::string::npos);
  CHECK(try_out((root / "file").string()).find("exists and is not a directory") != std::string::npos);
  std::filesystem::remove_all(root);
}

TEST_CASE("an empty list and stray words are refused, not read as defaults") {
  CHECK(error_of({"--start="}).find("'--start'") != std::string::npos);  // Boost's own words
  CHECK(error_of({"--start", ""}) == "--start needs at least one number");
  CHECK(error_of({"--lr", "0.2", "0.3"}) == "unexpected argument '0.3' (flags start with --; see --help)");
  CHECK(error_of({"--fun", "bowl"}).find("'--fun'") != std::string::npos);  // no abbreviations
}

TEST_CASE("flags whose default is the settings' own value") {
  struct Settings {
    double rate = 0.5;
    int steps = 12;
    std::string kind = "b";
    Vector start = Vector::Constant(2, 1.5);
    std::optional<double> decay;
  } s;
  CommandLine cli("prog", "summary", {.files = false});
  cli.real("rate", s.rate, "rate")
      .integer("steps", s.steps, "steps", 1, 100)
      .choice("kind", s.kind, "kind", {"a", "b"})
      .vector("start", s.start, "start")
      .optional_real("decay", s.decay, "decay", RealRange::positive());
  const std::string usage = cli.usage();
  CHECK(usage.find("--rate X (=0.5)") != std::string::npos);
  CHECK(usage.find("--steps N (=12)") != std::string::npos);
  CHECK(usage.find("--kind NAME (=b)") != std::string::npos);
  CHECK(usage.find("--start X[,Y...] (=1.5,1.5)") != std::string::npos);
  CHECK(usage.find("--out") == std::string::npos);
  const char* argv[] = {"prog", "--decay", "0.1"};
  REQUIRE(cli.parse(3, argv));
  CHECK(s.rate == 0.5);
  CHECK(s.steps == 12);
  CHECK(s.start == Vector::Constant(2, 1.5));
  REQUIRE(s.decay.has_value());
  CHECK(*s.decay == 0.1);
}

TEST_CASE("the help text (--help) prints usage with ranges and presets, and stops") {
  const Parsed p = parse({"--help"});
  CHECK(p.help_shown);
  CommandLine cli("prog", "summary");
  double lr = 0.0;
  cli.real("lr", lr, 0.1, "learning rate", RealRange::positive()).preset({"big", "a big step", {{"lr", "1.5"}}});
  const std::string usage = cli.usage();
  CHECK(usage.find("--lr X (=0.1)") != std::string::npos);
  CHECK(usage.find("greater than 0") != std::string::npos);
  CHECK(usage.find("big  a big step (--lr 1.5)") != std::string::npos);
}

TEST_CASE("run_program maps usage errors to exit code 2 and others to 1") {
  CHECK(run_program("prog", [] { return 0; }) == 0);
  CHECK(run_program("prog", []() -> int { throw UsageError("--x is bad"); }) == 2);
  CHECK(run_program("prog", []() -> int { throw std::runtime_error("disk full"); }) == 1);
}
