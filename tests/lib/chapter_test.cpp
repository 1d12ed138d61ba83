// The chapter frame: experiments declared once, their flags and defaults, and refusals.
#include "descent/chapter.hpp"

#include <catch2/catch.hpp>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace descent;

namespace {

struct Seen {
  std::string experiment;
  int steps = -1;
  double rate = -1.0;
  bool out = false;
};
Seen seen;

struct CountSettings {
  int steps = 42;
  double rate = 0.25;
  void declare(CommandLine& cli) {
    cli.integer("steps", steps, "how many", 1, 1000).real("rate", rate, "how fast", RealRange::positive());
  }
};

struct ScaleSettings {
  int steps = 7;  // the same flag name, another default
  void declare(CommandLine& cli) { cli.integer("steps", steps, "how many", 1, 1000); }
};

int count(const CommandLine& cli, const CountSettings& s) {
  seen = {"count", s.steps, s.rate, cli.out().has_value()};
  return 0;
}
int scale(const CommandLine& /*cli*/, const ScaleSettings& s) {
  seen = {"scale", s.steps, -1.0, false};
  return 0;
}
int quiet(const CommandLine& /*cli*/, const NoSettings& /*s*/) {
  seen = {"quiet", -1, -1.0, false};
  return 0;
}

Chapter frame() {
  Chapter chapter("prog", "a test chapter");
  chapter.add({.name = "count", .summary = "counts"}, count)
      .add({.name = "scale", .summary = "scales", .outputs = {.files = false, .terminal_plot = false, .quiet = false}},
           scale)
      .add({.name = "quiet", .summary = "says nothing", .outputs = {.files = false, .terminal_plot = false, .quiet = false}},
           quiet);
  return chapter;
}

struct Outcome {
  int status = 0;
  std::string out;
  std::string err;
};

Outcome run(std::vector<std::string> words) {
  words.insert(words.begin(), "prog");
  std::vector<const char*> argv;
  for (const auto& w : words) argv.push_back(w.c_str());
  std::ostringstream out, err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  seen = {};
  const int status = frame().main(static_cast<int>(argv.size()), argv.data());
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {status, out.str(), err.str()};
}

}  // namespace

TEST_CASE("the first experiment is the default and runs with its declared defaults") {
  const Outcome o = run({});
  REQUIRE(o.status == 0);
  CHECK(seen.experiment == "count");
  CHECK(seen.steps == 42);
  CHECK(seen.rate == 0.25);
  run({"--experiment", "scale"});
  CHECK(seen.experiment == "scale");
  CHECK(seen.steps == 7);  // its own default, not count's
  run({"--experiment=count", "--steps", "9"});
  CHECK(seen.steps == 9);
}

TEST_CASE("--help shows each experiment's flags with the defaults that really run") {
  const Outcome all = run({"--help"});
  REQUIRE(all.status == 0);
  CHECK(seen.experiment.empty());  // help runs nothing
  CHECK(all.out.find("--experiment count (default): counts") != std::string::npos);
  CHECK(all.out.find("--steps N (=42)") != std::string::npos);
  CHECK(all.out.find("--rate X (=0.25)") != std::string::npos);
  CHECK(all.out.find("--steps N (=7)") != std::string::npos);
  CHECK(all.out.find("(no flags of its own)") != std::string::npos);
  const Outcome one = run({"--experiment", "scale", "--help"});
  CHECK(one.out.find("--steps N (=7)") != std::string::npos);
  CHECK(one.out.find("(=42)") == std::string::npos);
  CHECK(one.out.find("output flags: none") != std::string::npos);
}

TEST_CASE("a flag of another experiment is refused, naming the flag and where it belongs") {
  const Outcome o = run({"--experiment", "scale", "--rate", "0.5"});
  CHECK(o.status == 2);
  CHECK(seen.experiment.empty());
  CHECK(o.err == "prog: --rate does not apply to --experiment scale (it is a flag of: count)\n");
  const Outcome out = run({"--experiment", "quiet", "--out", "somewhere"});
  CHECK(out.status == 2);
  CHECK(out.err == "prog: --out does not apply to --experiment quiet (it is a flag of: count)\n");
  const Outcome steps = run({"--experiment", "quiet", "--steps", "3"});
  CHECK(steps.err == "prog: --steps does not apply to --experiment quiet (it is a flag of: count, scale)\n");
}

TEST_CASE("unknown flags, abbreviations, stray words and unknown experiments are refused") {
  CHECK(run({"--bogus"}).err.find("'--bogus'") != std::string::npos);
  const Outcome abbreviated = run({"--ste", "3"});
  CHECK(abbreviated.status == 2);
  CHECK(abbreviated.err.find("'--ste'") != std::string::npos);
  const Outcome stray = run({"--steps", "3", "extra"});
  CHECK(stray.status == 2);
  CHECK(stray.err == "prog: unexpected argument 'extra' (flags start with --; see --help)\n");
  const Outcome unknown = run({"--experiment", "sing"});
  CHECK(unknown.status == 2);
  CHECK(unknown.err == "prog: --experiment must be one of count|scale|quiet (got 'sing')\n");
  CHECK(seen.experiment.empty());
}

TEST_CASE("a long flag typed with one dash (or three) is named as misspelt, not as another experiment's") {
  // "-steps" once read as "--steps does not apply to --experiment count (it is a flag of: count, …)".
  const Outcome one_dash = run({"-steps", "3"});
  CHECK(one_dash.status == 2);
  CHECK(one_dash.err == "prog: '-steps' is not a flag: long flags take two dashes (--steps)\n");
  CHECK(run({"---rate", "0.5"}).err == "prog: '---rate' is not a flag: long flags take two dashes (--rate)\n");
  CHECK(run({"-bogus"}).err.find("'-bogus'") != std::string::npos);  // unknown anywhere: Boost's own words
  const Outcome quiet_short = run({"--experiment", "scale", "-q"});  // a short flag keeps its one dash
  CHECK(quiet_short.err == "prog: -q does not apply to --experiment scale (it is a flag of: count)\n");
  CHECK(seen.experiment.empty());
}

TEST_CASE("an experiment name declared twice is a programming error") {
  Chapter chapter("prog", "twice");
  chapter.add({.name = "count", .summary = "counts"}, count);
  CHECK_THROWS_AS(chapter.add({.name = "count", .summary = "again"}, count), std::logic_error);
  CHECK(chapter.experiment_names() == std::vector<std::string>{"count"});
}
