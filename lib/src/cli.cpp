#include "descent/cli.hpp"

#include "descent/format.hpp"
#include "descent/output.hpp"
#include "descent/plot.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace descent {

namespace po = boost::program_options;

struct CommandLine::Impl {
  std::string program;
  std::string summary;
  // Wider than Boost's 80 columns, so that long flag names keep their help on one line.
  po::options_description common{96, 48};   // --help and the output flags
  po::options_description options{96, 48};  // the program's own flags
  std::vector<std::string> own_names;
  po::variables_map values;
  std::vector<std::function<void()>> validators;  // run after parsing, in declaration order
  std::vector<Preset> presets;
  std::string out_text;
};

namespace {
std::string flag_name(const std::string& name) { return "--" + name; }

std::string describe_range(const RealRange& range);

void check_in_range(const std::string& name, double value, const RealRange& range) {
  const bool above = range.min_inclusive ? value >= range.min : value > range.min;
  const bool below = range.max_inclusive ? value <= range.max : value < range.max;
  if (!std::isfinite(value) || !above || !below) {
    throw UsageError(flag_name(name) + " must be " +
                     (std::isfinite(range.min) || std::isfinite(range.max) ? "a finite number " : "") +
                     describe_range(range) + " (got " + format_number(value, 6) + ")");
  }
}

std::string describe_range(const RealRange& range) {
  const auto bound = [](double value) { return format_number(value, 6); };
  const bool has_min = std::isfinite(range.min);
  const bool has_max = std::isfinite(range.max);
  if (!has_min && !has_max) return "any finite number";
  if (has_min && !has_max) return (range.min_inclusive ? "at least " : "greater than ") + bound(range.min);
  if (!has_min && has_max) return (range.max_inclusive ? "at most " : "less than ") + bound(range.max);
  return std::string("in ") + (range.min_inclusive ? "[" : "(") + bound(range.min) + ", " + bound(range.max) +
         (range.max_inclusive ? "]" : ")");
}
}  // namespace

CommandLine::CommandLine(std::string program, std::string summary, OutputFlags outputs)
    : impl_(std::make_unique<Impl>()) {
  impl_->program = std::move(program);
  impl_->summary = std::move(summary);
  impl_->common.add_options()("help,h", "show this help and exit");
  if (outputs.files) {
    impl_->common.add_options()
        ("out", po::value<std::string>(&impl_->out_text)->value_name("DIR"),
         "write the trace CSV(s) and figures into DIR")
        ("name", po::value<std::string>(&name_)->value_name("BASE"),
         "base name of the files written to --out (default: the program's own choice)");
  }
  if (outputs.quiet) impl_->common.add_options()("quiet,q", po::bool_switch(&quiet_), "print only the result lines");
  if (outputs.terminal_plot) {
    impl_->common.add_options()("no-plot", po::bool_switch(&no_plot_), "do not draw the plot in the terminal");
  }
}

std::string output_flags_help(const OutputFlags& outputs) {
  std::vector<std::string> flags;
  if (outputs.files) flags.emplace_back("--out DIR, --name BASE");
  if (outputs.terminal_plot) flags.emplace_back("--no-plot");
  if (outputs.quiet) flags.emplace_back("--quiet");
  std::string text;
  for (const auto& f : flags) text += (text.empty() ? "" : ", ") + f;
  return text.empty() ? "none" : text;
}

CommandLine::~CommandLine() = default;

CommandLine& CommandLine::real(const std::string& name, double& target, const std::string& help, RealRange range) {
  return real(name, target, target, help, range);
}

CommandLine& CommandLine::optional_real(const std::string& name, std::optional<double>& target,
                                        const std::string& help, RealRange range) {
  auto value = std::make_shared<double>(0.0);
  impl_->own_names.push_back(name);
  impl_->options.add_options()(name.c_str(), po::value<double>(value.get())->value_name("X"),
                               (help + " (" + describe_range(range) + ")").c_str());
  impl_->validators.emplace_back([this, name, &target, value, range] {
    if (!given(name)) return;
    check_in_range(name, *value, range);
    target = *value;
  });
  return *this;
}

CommandLine& CommandLine::integer(const std::string& name, int& target, const std::string& help, int min, int max) {
  return integer(name, target, target, help, min, max);
}

CommandLine& CommandLine::vector(const std::string& name, Vector& target, const std::string& help) {
  std::string shown;
  for (const double x : target) {
    if (!shown.empty()) shown += ',';
    shown += format_number(x, 10);
  }
  return vector(name, target, shown, help);
}

CommandLine& CommandLine::choice(const std::string& name, std::string& target, const std::string& help,
                                 std::vector<std::string> choices) {
  const std::string default_value = target;
  return choice(name, target, default_value, help, std::move(choices));
}

CommandLine& CommandLine::real(const std::string& name, double& target, double default_value,
                               const std::string& help, RealRange range) {
  impl_->options.add_options()(name.c_str(),
      po::value<double>(&target)->default_value(default_value, format_number(default_value, 10))->value_name("X"),
      (help + " (" + describe_range(range) + ")").c_str());
  impl_->own_names.push_back(name);
  impl_->validators.emplace_back([name, &target, range] { check_in_range(name, target, range); });
  return *this;
}

CommandLine& CommandLine::integer(const std::string& name, int& target, int default_value,
                                  const std::string& help, int min, int max) {
  impl_->options.add_options()(name.c_str(), po::value<int>(&target)->default_value(default_value)->value_name("N"),
      (help + " (" + std::to_string(min) + " to " + std::to_string(max) + ")").c_str());
  impl_->own_names.push_back(name);
  impl_->validators.emplace_back([name, &target, min, max] {
    if (target < min || target > max) {
      throw UsageError(flag_name(name) + " must be a whole number from " + std::to_string(min) + " to " +
                       std::to_string(max) + " (got " + std::to_string(target) + ")");
    }
  });
  return *this;
}

CommandLine& CommandLine::vector(const std::string& name, Vector& target, const std::string& default_text,
                                 const std::string& help) {
  auto text = std::make_shared<std::string>();
  impl_->options.add_options()(name.c_str(),
      po::value<std::string>(text.get())->default_value(default_text)->value_name("X[,Y...]"), help.c_str());
  impl_->own_names.push_back(name);
  // An empty default means "the chapter chooses" (e.g. each function's own start point); an
  // empty value typed by the reader is a mistake, not a request for the default.
  impl_->validators.emplace_back([this, name, &target, text] {
    if (given(name) && text->empty()) throw UsageError(flag_name(name) + " needs at least one number");
    target = text->empty() ? Vector() : parse_vector(*text, flag_name(name));
  });
  return *this;
}

CommandLine& CommandLine::choice(const std::string& name, std::string& target, const std::string& default_value,
                                 const std::string& help, std::vector<std::string> choices) {
  const std::string listed = joined_choices(choices);
  // In the help, ", " between the words lets Boost wrap the list between words, not inside one.
  std::string shown;
  for (const auto& c : choices) shown += (shown.empty() ? std::string() : std::string(", ")) + c;
  impl_->options.add_options()(name.c_str(),
      po::value<std::string>(&target)->default_value(default_value)->value_name("NAME"),
      (help + " (one of " + shown + ")").c_str());
  impl_->own_names.push_back(name);
  impl_->validators.emplace_back([name, &target, choices = std::move(choices), listed] {
    if (std::find(choices.begin(), choices.end(), target) == choices.end()) {
      throw UsageError(flag_name(name) + " must be one of " + listed + " (got '" + target + "')");
    }
  });
  return *this;
}

CommandLine& CommandLine::text(const std::string& name, std::string& target, const std::string& help,
                               const std::string& value_name) {
  impl_->options.add_options()(name.c_str(), po::value<std::string>(&target)->value_name(value_name), help.c_str());
  impl_->own_names.push_back(name);
  impl_->validators.emplace_back([name, &target, this] {
    if (given(name) && target.empty()) throw UsageError(flag_name(name) + " needs a value");
  });
  return *this;
}

CommandLine& CommandLine::flag(const std::string& name, bool& target, const std::string& help) {
  impl_->options.add_options()(name.c_str(), po::bool_switch(&target), help.c_str());
  impl_->own_names.push_back(name);
  return *this;
}

CommandLine& CommandLine::preset(Preset preset) {
  if (impl_->presets.empty()) {
    impl_->options.add_options()("preset", po::value<std::string>(&preset_name_)->value_name("NAME"),
                                 "apply a named set of flags (listed below); explicit flags win");
    impl_->own_names.emplace_back("preset");
  }
  impl_->presets.push_back(std::move(preset));
  return *this;
}

std::string CommandLine::usage() const {
  std::ostringstream text;
  po::options_description shown("Options", 96, 48);
  shown.add(impl_->common).add(impl_->options);
  text << "Usage: " << impl_->program << " [options]\n" << impl_->summary << "\n\n" << shown;
  return text.str() + presets_text();
}

std::string CommandLine::own_options() const {
  std::ostringstream text;
  text << impl_->options;
  return text.str() + presets_text();
}

std::vector<std::string> CommandLine::own_flag_names() const { return impl_->own_names; }

std::filesystem::path CommandLine::output_path(const std::string& suffix) const {
  if (!out_) throw std::logic_error("output_path needs --out");
  return *out_ / ((name_.empty() ? output_base_ : name_) + suffix);
}

std::string CommandLine::presets_text() const {
  std::ostringstream text;
  if (!impl_->presets.empty()) {
    text << "\nPresets (--preset NAME):\n";
    std::size_t width = 0;
    for (const auto& p : impl_->presets) width = std::max(width, p.name.size());
    for (const auto& p : impl_->presets) {
      std::string flags;
      for (const auto& [flag, value] : p.settings) flags += " --" + flag + " " + value;
      text << "  " << p.name << std::string(width - p.name.size() + 2, ' ') << p.description << " (" << flags.substr(1)
           << ")\n";
    }
  }
  return text.str();
}

namespace {
// Boost reads "--lr -1" as the flag --lr followed by an unknown short option "-1". A word that
// looks like a negative number right after a long flag is glued on ("--lr=-1"), so the reader
// gets the real complaint: "--lr must be … (got −1)".
std::vector<std::string> glue_negative_numbers(int argc, const char* const argv[]) {
  std::vector<std::string> words;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    const bool negative_number = word.size() > 1 && word[0] == '-' &&
        (std::isdigit(static_cast<unsigned char>(word[1])) != 0 || word[1] == '.' || word.rfind("-inf", 0) == 0 ||
         word.rfind("-nan", 0) == 0);
    if (negative_number && !words.empty() && words.back().rfind("--", 0) == 0 &&
        words.back().find('=') == std::string::npos) {
      words.back() += "=" + word;
    } else {
      words.push_back(word);
    }
  }
  return words;
}
}  // namespace

bool CommandLine::parse(int argc, const char* const argv[]) {
  // Abbreviations are off: "--exp run" must not quietly mean "--experiment run".
  const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  std::vector<std::string> stray;  // words that are not flags or their values
  po::options_description hidden;
  hidden.add_options()("stray-words", po::value<std::vector<std::string>>(&stray));
  po::positional_options_description positional;
  positional.add("stray-words", -1);
  po::options_description all;
  all.add(impl_->common).add(impl_->options).add(hidden);
  try {
    po::store(po::command_line_parser(glue_negative_numbers(argc, argv))
                  .options(all)
                  .positional(positional)
                  .style(style)
                  .run(),
              impl_->values);
    if (impl_->values.count("stray-words") != 0U) {
      const auto words = impl_->values["stray-words"].as<std::vector<std::string>>();
      throw UsageError("unexpected argument '" + words.front() + "' (flags start with --; see --help)");
    }
    if (impl_->values.count("help") != 0U) {
      std::cout << usage();
      return false;
    }
    if (impl_->values.count("preset") != 0U) {
      const auto name = impl_->values["preset"].as<std::string>();
      const auto found = std::find_if(impl_->presets.begin(), impl_->presets.end(),
                                      [&](const Preset& p) { return p.name == name; });
      if (found == impl_->presets.end()) {
        std::vector<std::string> names;
        for (const auto& p : impl_->presets) names.push_back(p.name);
        throw UsageError("--preset must be one of " + joined_choices(names) + " (got '" + name + "')");
      }
      // store() keeps values the reader typed and replaces only defaults: explicit flags win.
      std::vector<std::string> words;
      for (const auto& [flag, value] : found->settings) words.push_back("--" + flag + "=" + value);
      po::store(po::command_line_parser(words).options(all).style(style).run(), impl_->values);
    }
    po::notify(impl_->values);
  } catch (const po::unknown_option& error) {
    throw UnknownFlag(error.what(), error.get_option_name());
  } catch (const po::error& error) {
    throw UsageError(error.what());
  }
  for (const auto& validate : impl_->validators) validate();
  if (name_.empty() && impl_->values.count("name") != 0U) throw UsageError("--name needs a base name");
  // Room for the longest suffix a program adds ("-race-paths.svg"…) within a 255-byte file name.
  if (name_.size() > 200) {
    throw UsageError("--name is too long (" + std::to_string(name_.size()) + " bytes; at most 200)");
  }
  if (name_.find_first_of("/\\") != std::string::npos || name_ == "." || name_ == "..") {
    throw UsageError("--name must be a plain file name: no '/' or '\\', not '.' or '..' (got '" + name_ +
                     "')");
  }
  if (!name_.empty() && impl_->out_text.empty()) throw UsageError("--name names files in --out DIR: give --out too");
  if (!impl_->out_text.empty()) {
    out_ = impl_->out_text;
    prepare_output_directory(*out_);
  } else if (impl_->values.count("out") != 0U) {
    throw UsageError("--out needs a directory name");
  }
  return true;
}

bool CommandLine::given(const std::string& name) const {
  return impl_->values.count(name) != 0U && !impl_->values[name].defaulted();
}

Vector parse_vector(const std::string& text, const std::string& flag) {
  std::vector<double> entries;
  std::size_t begin = 0;
  while (true) {
    const std::size_t end = text.find(',', begin);
    const std::string word = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    // strtod, not stod: a subnormal such as 1e-320 is a number (stod calls it out of range).
    // Hexadecimal ("0x10") is refused, as it is for single numbers.
    char* parsed_to = nullptr;
    const double value = word.find_first_of("xX") == std::string::npos ? std::strtod(word.c_str(), &parsed_to) : 0.0;
    const std::size_t used = parsed_to == nullptr ? 0 : static_cast<std::size_t>(parsed_to - word.c_str());
    if (word.empty() || used != word.size()) {
      throw UsageError(flag + " expects comma-separated numbers such as 1,-0.5 (got '" + text + "')");
    }
    if (!std::isfinite(value)) throw UsageError(flag + " entries must be finite (got '" + word + "')");
    entries.push_back(value);
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  return Eigen::Map<const Vector>(entries.data(), static_cast<Eigen::Index>(entries.size()));
}

void require_size(const Vector& x, Eigen::Index size, const std::string& flag) {
  if (x.size() != size) {
    throw UsageError(flag + " needs " + std::to_string(size) + (size == 1 ? " number" : " numbers") + " (got " +
                     std::to_string(x.size()) + ")");
  }
}

void require_memory(double bytes, const std::string& asked, const std::string& what) {
  if (bytes <= most_run_bytes) return;
  throw UsageError(asked + " needs about " + format_bytes(bytes) + " for " + what + "; at most " +
                   format_bytes(most_run_bytes));
}

void require_finite_start(double loss, bool gradient_finite, const Vector& x, const std::string& flag) {
  if (std::isfinite(loss) && gradient_finite) return;
  throw UsageError(flag + " " + format_point(x) + ": the " + (std::isfinite(loss) ? "gradient" : "loss") +
                   " there is not finite" + (std::isfinite(loss) ? "" : " (" + format_number(loss) + ")") +
                   "; start nearer the minimum");
}

int run_program(const char* program, const std::function<int()>& body) {
  try {
    return body();
  } catch (const UsageError& error) {
    std::cerr << program << ": " << error.what() << '\n';
    return 2;
  } catch (const PlotError& error) {
    std::cerr << program << ": cannot draw figures: " << error.what() << '\n';
    return 1;
  } catch (const std::exception& error) {
    std::cerr << program << ": " << error.what() << '\n';
    return 1;
  }
}

}  // namespace descent
