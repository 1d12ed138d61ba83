#pragma once
/// \file cli.hpp
/// \brief The command line every chapter program shares.
///
/// Built on Boost.Program_options. Every chapter gets `--help`, `--out DIR`, `--quiet`,
/// `--no-plot` and, where it defines any, `--preset NAME`. Every numeric flag is validated
/// (finite, in range) after parsing; anything wrong raises \ref descent::UsageError, which
/// \ref descent::run_program turns into one line on stderr and exit code 2, before the
/// program has written anything.

#include "descent/errors.hpp"
#include "descent/objective.hpp"

#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace descent {

/// The allowed interval of a real-valued flag.
struct RealRange {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_inclusive = true;
  bool max_inclusive = true;

  /// (0, ∞): learning rates, tolerances that must be on.
  static RealRange positive() { return {.min = 0.0, .min_inclusive = false}; }
  /// [0, ∞): tolerances where 0 means off.
  static RealRange non_negative() { return {.min = 0.0}; }
  /// Any finite number.
  static RealRange any() { return {}; }
  /// [0, 1): averaging weights such as momentum μ and Adam's β.
  static RealRange fraction() { return {.min = 0.0, .max = 1.0, .min_inclusive = true, .max_inclusive = false}; }
};

/// Which of the shared output flags a program (or one experiment of a chapter) accepts. A flag
/// that would change nothing is not offered, so giving it is an error rather than silently ignored.
struct OutputFlags {
  bool files = true;          ///< --out DIR and --name BASE: it writes CSVs or figures
  bool terminal_plot = true;  ///< --no-plot: it draws a plot in the terminal
  bool quiet = true;          ///< --quiet: it has a shorter form of its output

  /// Prints tables and text only: no output flag applies.
  static constexpr OutputFlags text_only() { return {.files = false, .terminal_plot = false, .quiet = false}; }
  /// Also writes files under --out, but draws nothing in the terminal.
  static constexpr OutputFlags files_only() { return {.terminal_plot = false, .quiet = false}; }
  /// Writes files and draws in the terminal, with no shorter form.
  static constexpr OutputFlags files_and_plot() { return {.quiet = false}; }
};

/// A flag the program does not know (the chapter frame says which experiment it belongs to).
class UnknownFlag : public UsageError {
 public:
  UnknownFlag(const std::string& message, std::string flag) : UsageError(message), flag_(std::move(flag)) {}
  /// The flag as typed, without its value: "--lr".
  [[nodiscard]] const std::string& flag() const { return flag_; }

 private:
  std::string flag_;
};

/// A named set of flag values, e.g. "too-big" = {--lr 1.8}.
struct Preset {
  std::string name;
  std::string description;
  std::vector<std::pair<std::string, std::string>> settings;  ///< flag name → value text
};

/// A chapter program's command line.
class CommandLine {
 public:
  CommandLine(std::string program, std::string summary, OutputFlags outputs = {});
  ~CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  // Flags whose default is the target's current value: the default shown by --help is then the
  // value the program really starts from (declare it once, in the settings struct).

  /// A real number, checked to be finite and inside `range`; the default is `target` as it is.
  CommandLine& real(const std::string& name, double& target, const std::string& help,
                    RealRange range = RealRange::any());
  /// A real number with no default: left empty unless given (`help` says what happens then).
  CommandLine& optional_real(const std::string& name, std::optional<double>& target, const std::string& help,
                             RealRange range = RealRange::any());
  /// A whole number in [min, max]; the default is `target` as it is.
  CommandLine& integer(const std::string& name, int& target, const std::string& help, int min, int max);
  /// A comma-separated vector; the default is `target` as it is (empty: `help` says what is used).
  /// Given, it must hold at least one finite number.
  CommandLine& vector(const std::string& name, Vector& target, const std::string& help);
  /// One word out of `choices`; the default is `target` as it is.
  CommandLine& choice(const std::string& name, std::string& target, const std::string& help,
                      std::vector<std::string> choices);

  /// A real number, checked to be finite and inside `range`.
  CommandLine& real(const std::string& name, double& target, double default_value,
                    const std::string& help, RealRange range = RealRange::any());
  /// A whole number in [min, max].
  CommandLine& integer(const std::string& name, int& target, int default_value, const std::string& help,
                       int min, int max);
  /// A comma-separated vector such as `-2.5` or `1,-0.5`; every entry must be finite.
  /// An empty `default_text` leaves `target` empty when the flag is absent.
  CommandLine& vector(const std::string& name, Vector& target, const std::string& default_text,
                      const std::string& help);
  /// One word out of `choices`.
  CommandLine& choice(const std::string& name, std::string& target, const std::string& default_value,
                      const std::string& help, std::vector<std::string> choices);
  /// Free text such as a file or column name (`value_name` is shown in --help, e.g. FILE).
  CommandLine& text(const std::string& name, std::string& target, const std::string& help,
                    const std::string& value_name = "TEXT");
  /// An on/off switch (absent means off).
  CommandLine& flag(const std::string& name, bool& target, const std::string& help);
  /// Adds a preset; `--preset NAME` applies its settings unless the flag is given too.
  CommandLine& preset(Preset preset);

  /// Parses and validates. Returns false when `--help` was asked for (usage already printed).
  /// Throws UsageError on anything wrong.
  bool parse(int argc, const char* const argv[]);

  /// True when the reader typed `--name` (or a preset set it), false for a default.
  [[nodiscard]] bool given(const std::string& name) const;
  /// `--out DIR`, checked writable (created when the first file is written).
  [[nodiscard]] const std::optional<std::filesystem::path>& out() const { return out_; }
  /// `--quiet`: print only the essential result lines.
  [[nodiscard]] bool quiet() const { return quiet_; }
  /// Whether to draw the terminal plot (off with `--no-plot` or `--quiet`).
  [[nodiscard]] bool terminal_plot() const { return !quiet_ && !no_plot_; }
  /// The preset chosen, or empty.
  [[nodiscard]] const std::string& preset_name() const { return preset_name_; }
  /// The usage text printed by --help.
  [[nodiscard]] std::string usage() const;
  /// The program's own flags (not --help and the output flags), formatted as --help shows them.
  [[nodiscard]] std::string own_options() const;
  /// The names of the program's own flags, without "--".
  [[nodiscard]] std::vector<std::string> own_flag_names() const;
  /// The base of output file names when --name is not given.
  void set_output_base(std::string base) { output_base_ = std::move(base); }
  /// `--out DIR` joined with `<base><suffix>`, base being --name or the output base. Requires --out.
  [[nodiscard]] std::filesystem::path output_path(const std::string& suffix) const;

 private:
  [[nodiscard]] std::string presets_text() const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::optional<std::filesystem::path> out_;
  bool quiet_ = false;
  bool no_plot_ = false;
  std::string name_;
  std::string preset_name_;
  std::string output_base_ = "run";
};

/// Parses "a,b,c" into a vector; throws UsageError naming `flag` on a bad entry.
[[nodiscard]] Vector parse_vector(const std::string& text, const std::string& flag);

/// Throws UsageError unless `x` has `size` entries.
void require_size(const Vector& x, Eigen::Index size, const std::string& flag);

/// The most memory one run of a chapter program may need (2 GB): beyond it the flags asking for
/// more are refused up front, instead of exhausting a shared machine or ending in std::bad_alloc.
inline constexpr double most_run_bytes = 2e9;

/// Throws UsageError unless `bytes`, an estimate of what `asked` (the flags, as typed) needs for
/// `what`, is at most \ref most_run_bytes.
void require_memory(double bytes, const std::string& asked, const std::string& what);

/// Throws UsageError naming `flag` unless `loss` and the gradient at the start `x` are finite.
void require_finite_start(double loss, bool gradient_finite, const Vector& x, const std::string& flag);

/// Throws UsageError naming `flag` unless `f` and its gradient are finite at the start `x`: a
/// start where the loss already overflows is input no method can begin from, not a run that
/// diverged at step 0.
template <Objective F>
void require_finite_start(const F& f, const Vector& x, const std::string& flag) {
  require_finite_start(f.value(x), f.gradient(x).allFinite(), x, flag);
}

/// The help line of the output flags a program offers, e.g. for "Output flags" sections.
[[nodiscard]] std::string output_flags_help(const OutputFlags& outputs);

/// Runs a chapter's `body`, mapping failures to exit codes: UsageError → 2 (one line on
/// stderr, prefixed by the program name), any other error → 1.
int run_program(const char* program, const std::function<int()>& body);

}  // namespace descent
