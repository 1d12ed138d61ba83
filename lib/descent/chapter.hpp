#pragma once
/// \file chapter.hpp
/// \brief The frame of a chapter program: each experiment declared once, with its own flags.
///
/// A chapter program runs one of several experiments (`--experiment NAME`). Each experiment is
/// declared in one place: its name, a one-line summary, the output flags it honours, a settings
/// struct whose member initialisers are the true defaults and whose `declare` names its flags,
/// and the function that runs it. From that one declaration the frame
/// - prints `--help` with every experiment's own flags and their real defaults
///   (`--experiment NAME --help` shows one experiment),
/// - refuses a flag given to an experiment that does not use it, naming the flag and the
///   experiments it belongs to (exit 2), instead of silently ignoring it,
/// - sets the default base name of output files to the experiment's name.
///
/// \code
/// struct ZigzagSettings {
///   double condition = 25.0;
///   int steps = 150;
///   void declare(CommandLine& cli) {
///     cli.real("condition", condition, "κ of the bowl", RealRange{1.0, 1e8})
///         .integer("steps", steps, "steps", 1, 100'000);
///   }
/// };
/// int zigzag(const CommandLine& cli, const ZigzagSettings& s);
///
/// int main(int argc, char* argv[]) {
///   return Chapter("momentum_adam", "Chapter 6: …")
///       .add({.name = "zigzag", .summary = "descent and momentum on a narrow bowl"}, zigzag)
///       .main(argc, argv);
/// }
/// \endcode

#include "descent/cli.hpp"

#include <concepts>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace descent {

/// What the frame needs to know about an experiment besides its flags.
struct ExperimentInfo {
  std::string name;       ///< the word --experiment takes
  std::string summary;    ///< one line for --help
  OutputFlags outputs{};  ///< which of --out/--name, --no-plot, --quiet it honours
};

/// The settings of one experiment: default-constructible (the defaults) and able to declare
/// its flags on a command line, bound to its own members.
template <class S>
concept ExperimentSettings = std::copyable<S> && requires(S& settings, CommandLine& cli) {
  settings.declare(cli);
};

/// Settings of an experiment that takes no flags of its own.
struct NoSettings {
  void declare(CommandLine& /*cli*/) {}
};

static_assert(ExperimentSettings<NoSettings>);

/// A chapter program: its experiments, the flags of each, and the way it runs.
class Chapter {
 public:
  Chapter(std::string program, std::string summary);

  /// Adds an experiment whose settings start as `initial`; the first one added is the default.
  template <ExperimentSettings S>
  Chapter& add(ExperimentInfo info, S initial, std::function<int(const CommandLine&, const S&)> run) {
    auto bind = [initial = std::move(initial), run = std::move(run)](CommandLine& cli) -> Runner {
      auto settings = std::make_shared<S>(initial);
      settings->declare(cli);
      return [run, settings](const CommandLine& parsed) { return run(parsed, *settings); };
    };
    return add_entry({std::move(info), std::move(bind)});
  }
  /// The same for a plain function; its settings type is deduced and starts default-constructed.
  template <ExperimentSettings S>
    requires std::default_initializable<S>
  Chapter& add(ExperimentInfo info, int (*run)(const CommandLine&, const S&)) {
    return add(std::move(info), S{}, std::function<int(const CommandLine&, const S&)>(run));
  }

  /// Parses the command line, runs the chosen experiment and maps errors to exit codes
  /// (bad input: one line on stderr and 2; any other failure: 1).
  [[nodiscard]] int main(int argc, const char* const argv[]) const;
  [[nodiscard]] int main(int argc, char* argv[]) const { return main(argc, const_cast<const char* const*>(argv)); }

  /// The --help text: every experiment, or only `experiment` when it is not empty.
  [[nodiscard]] std::string usage(const std::string& experiment = "") const;
  /// The experiment names, in the order they were added.
  [[nodiscard]] std::vector<std::string> experiment_names() const;

 private:
  using Runner = std::function<int(const CommandLine&)>;
  struct Entry {
    ExperimentInfo info;
    std::function<Runner(CommandLine&)> bind;  // declares the flags into fresh settings
  };
  Chapter& add_entry(Entry entry);
  [[nodiscard]] const Entry& find(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> flags_of(const Entry& entry) const;
  [[nodiscard]] std::string refusal(const std::string& flag, const Entry& chosen) const;
  [[nodiscard]] bool is_known_flag(const std::string& flag) const;  // of any experiment, or the frame's
  int execute(int argc, const char* const argv[]) const;

  std::string program_;
  std::string summary_;
  std::vector<Entry> entries_;
};

}  // namespace descent
