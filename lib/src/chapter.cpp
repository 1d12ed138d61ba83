#include "descent/chapter.hpp"

#include "descent/format.hpp"

#include <algorithm>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace descent {

namespace {

// The experiment named on the command line ("--experiment NAME" or "--experiment=NAME"), or
// empty. Abbreviated flags are refused by the parser, so this scan sees what the parser sees.
std::string named_experiment(int argc, const char* const argv[]) {
  const std::string prefix = "--experiment=";
  std::string name;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--experiment" && i + 1 < argc) name = argv[i + 1];
    if (word.rfind(prefix, 0) == 0) name = word.substr(prefix.size());
  }
  return name;
}

bool asks_for_help(int argc, const char* const argv[]) {
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--help" || word == "-h") return true;
  }
  return false;
}

// "--lr=3" or "-q" as typed → "lr" / "q".
std::string bare_flag(std::string flag) {
  flag.erase(0, flag.find_first_not_of('-'));
  return flag.substr(0, flag.find('='));
}

}  // namespace

Chapter::Chapter(std::string program, std::string summary)
    : program_(std::move(program)), summary_(std::move(summary)) {}

Chapter& Chapter::add_entry(Entry entry) {
  if (std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.info.name == entry.info.name; })) {
    throw std::logic_error(program_ + ": experiment '" + entry.info.name + "' declared twice");
  }
  entries_.push_back(std::move(entry));
  return *this;
}

std::vector<std::string> Chapter::experiment_names() const {
  std::vector<std::string> names;
  for (const auto& e : entries_) names.push_back(e.info.name);
  return names;
}

const Chapter::Entry& Chapter::find(const std::string& name) const {
  if (entries_.empty()) throw std::logic_error(program_ + ": no experiments declared");
  if (name.empty()) return entries_.front();
  for (const auto& e : entries_) {
    if (e.info.name == name) return e;
  }
  throw UsageError("--experiment must be one of " + joined_choices(experiment_names()) + " (got '" + name + "')");
}

std::vector<std::string> Chapter::flags_of(const Entry& entry) const {
  CommandLine scratch(program_, summary_, entry.info.outputs);
  (void)entry.bind(scratch);
  std::vector<std::string> flags = scratch.own_flag_names();
  if (entry.info.outputs.files) flags.insert(flags.end(), {"out", "name"});
  if (entry.info.outputs.terminal_plot) flags.emplace_back("no-plot");
  if (entry.info.outputs.quiet) flags.insert(flags.end(), {"quiet", "q"});
  return flags;
}

std::string Chapter::refusal(const std::string& flag, const Entry& chosen) const {
  std::vector<std::string> owners;
  for (const auto& e : entries_) {
    const auto flags = flags_of(e);
    if (std::find(flags.begin(), flags.end(), flag) != flags.end()) owners.push_back(e.info.name);
  }
  if (owners.empty()) return "";
  std::string listed;
  for (const auto& o : owners) listed += (listed.empty() ? "" : ", ") + o;
  return (flag.size() == 1 ? "-" : "--") + flag + " does not apply to --experiment " + chosen.info.name + " (it is a flag of: " + listed + ")";
}

bool Chapter::is_known_flag(const std::string& flag) const {
  if (flag == "experiment" || flag == "help" || flag == "h") return true;
  return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) {
    const auto flags = flags_of(e);
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
  });
}

std::string Chapter::usage(const std::string& experiment) const {
  std::ostringstream text;
  text << "Usage: " << program_ << " [--experiment NAME] [flags of that experiment]\n" << summary_ << "\n\n";
  if (experiment.empty()) {
    text << "Experiments (the first is the default):\n";
    std::size_t width = 0;
    for (const auto& e : entries_) width = std::max(width, e.info.name.size());
    for (const auto& e : entries_) {
      text << "  " << e.info.name << std::string(width - e.info.name.size() + 2, ' ') << e.info.summary << "\n";
    }
    text << "\nEach experiment takes only its own flags (anything else is refused);\n"
         << "`" << program_ << " --experiment NAME --help` shows one experiment.\n"
         << "\nOutput flags, where an experiment lists them:\n"
         << "  --out DIR       write its CSV traces and figures into DIR\n"
         << "  --name BASE     base name of those files (default: the experiment's name)\n"
         << "  --no-plot       do not draw the plot in the terminal\n"
         << "  -q [ --quiet ]  print only the result lines\n";
  }
  for (const auto& e : entries_) {
    if (!experiment.empty() && e.info.name != experiment) continue;
    CommandLine scratch(program_, summary_, e.info.outputs);
    (void)e.bind(scratch);
    std::string options = scratch.own_options();
    while (!options.empty() && options.back() == '\n') options.pop_back();
    text << "\n--experiment " << e.info.name << (&e == &entries_.front() ? " (default)" : "") << ": " << e.info.summary
         << "\n  output flags: " << output_flags_help(e.info.outputs) << "\n";
    if (options.find("--") == std::string::npos) {
      text << "  (no flags of its own)\n";
    } else {
      text << options << "\n";
    }
  }
  return text.str();
}

int Chapter::execute(int argc, const char* const argv[]) const {
  const std::string named = named_experiment(argc, argv);
  const Entry& chosen = find(named);
  if (asks_for_help(argc, argv)) {
    std::cout << usage(named);
    return 0;
  }
  CommandLine cli(program_, summary_, chosen.info.outputs);
  std::string experiment = entries_.front().info.name;
  cli.choice("experiment", experiment, "what to run", experiment_names());
  const Runner runner = chosen.bind(cli);
  cli.set_output_base(chosen.info.name);
  try {
    if (!cli.parse(argc, argv)) return 0;
  } catch (const UnknownFlag& error) {
    const std::string typed = error.flag().substr(0, error.flag().find('='));  // "--lr", "-lr", "-q"
    const std::string bare = bare_flag(typed);
    // "-lr" or "---lr" is the flag --lr misspelt, not a flag of another experiment: say so.
    const bool one_letter = bare.size() == 1 && typed == "-" + bare;
    if (!one_letter && typed != "--" + bare && is_known_flag(bare)) {
      throw UsageError("'" + typed + "' is not a flag: long flags take two dashes (--" + bare + ")");
    }
    const std::string better = refusal(bare, chosen);
    if (better.empty()) throw;
    throw UsageError(better);
  }
  return runner(cli);
}

int Chapter::main(int argc, const char* const argv[]) const {
  return run_program(program_.c_str(), [&] { return execute(argc, argv); });
}

}  // namespace descent
