#pragma once
/// \file free_run.hpp
/// \brief The `run` experiment of a chapter: one descent on one of the chapter's landscapes,
/// with the learning rate, schedule, warm-up, clipping and (from Chapter 6 on) the optimizer
/// and its hyper-parameters chosen on the command line.
///
/// Chapters declare which landscapes the reader may pick and which groups of flags apply;
/// every flag is checked, and a flag that the chosen combination would ignore (a decay for a
/// constant schedule, β1 for momentum, a condition number for Rosenbrock) is refused.

#include "descent/any_objective.hpp"
#include "descent/chapter.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace descent {

/// One landscape the reader can pick with --function.
struct Landscape {
  std::string name;             ///< the word --function takes
  std::string formula;          ///< as printed: "L(w, b) = w² + 4b²"
  std::function<AnyObjective(double condition)> make{};  ///< builds it (κ from --condition, if offered)
  Vector start{};               ///< the start when --start is not given
  Vector minimizer{};           ///< where the minimum is, to name the outcome
  bool uses_condition = false;  ///< --condition changes this landscape
};

/// What a chapter's `run` experiment offers.
struct FreeRunOptions {
  std::vector<Landscape> landscapes{};  ///< the first is the default
  bool optimizer_flags = false;       ///< --optimizer and its hyper-parameters (Chapter 6 on)
  bool clip_flag = false;             ///< --clip (gradient clipping, Chapter 3)
  double learning_rate = 0.1;         ///< η0 when --lr is not given (without optimizer flags)
  int steps = 100;                    ///< the default --steps
  double condition = 10.0;            ///< the default --condition, for landscapes that use it
};

/// The flags of the `run` experiment, bound to their values.
struct FreeRunSettings {
  std::shared_ptr<const FreeRunOptions> options;
  std::string function;
  Vector start;
  std::optional<double> learning_rate;
  int steps = 100;
  std::string schedule = "constant";
  std::optional<double> decay;
  int warmup = 0;
  std::optional<double> clip;
  double condition = 10.0;
  std::string optimizer = "gd";
  std::optional<double> momentum, beta1, beta2, eps, weight_decay;

  void declare(CommandLine& cli);
};

/// Adds the `run` experiment to `chapter`.
Chapter& add_free_run(Chapter& chapter, FreeRunOptions options);

/// Runs it (what `add_free_run` registers).
int free_run(const CommandLine& cli, const FreeRunSettings& settings);

}  // namespace descent
