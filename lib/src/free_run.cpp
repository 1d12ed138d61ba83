#include "descent/free_run.hpp"

#include "descent/behaviour.hpp"
#include "descent/clipping.hpp"
#include "descent/format.hpp"
#include "descent/minimize.hpp"
#include "descent/optimizer_choice.hpp"
#include "descent/run_output.hpp"
#include "descent/schedule.hpp"

#include <algorithm>
#include <iostream>

namespace descent {

namespace {

bool one_of(const std::string& word, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(), [&](const char* w) { return word == w; });
}

// Which hyper-parameter flags each optimizer reads; any other one given is refused.
bool optimizer_uses(const std::string& optimizer, const std::string& flag) {
  if (flag == "momentum") return one_of(optimizer, {"momentum", "momentum-velocity", "nesterov"});
  if (flag == "beta1") return one_of(optimizer, {"adam", "adamw", "lion"});
  if (flag == "beta2") return one_of(optimizer, {"adam", "adamw", "lion", "rmsprop"});
  if (flag == "eps") return one_of(optimizer, {"adam", "adamw", "rmsprop", "adagrad"});
  if (flag == "weight-decay") return one_of(optimizer, {"momentum", "nesterov", "adam", "adamw", "lion"});
  return true;
}

const Landscape& landscape_named(const FreeRunOptions& options, const std::string& name) {
  for (const auto& l : options.landscapes) {
    if (l.name == name) return l;
  }
  return options.landscapes.front();  // the choice flag has already refused unknown names
}

}  // namespace

void FreeRunSettings::declare(CommandLine& cli) {
  const FreeRunOptions& o = *options;
  std::vector<std::string> names;
  std::string formulas;
  std::string starts;
  for (const auto& l : o.landscapes) {
    names.push_back(l.name);
    formulas += (formulas.empty() ? "" : "; ") + l.name + " is " + l.formula;
    std::string start_text;
    for (const double x : l.start) {
      if (!start_text.empty()) start_text += ',';
      start_text += format_number(x);
    }
    starts += (starts.empty() ? "" : ", ") + start_text + " for " + l.name;
  }
  if (function.empty()) function = names.front();
  steps = o.steps;
  condition = o.condition;
  cli.choice("function", function, "the landscape: " + formulas, names)
      .vector("start", start, "the start (default: " + starts + ")");
  if (o.optimizer_flags) {
    cli.choice("optimizer", optimizer, "the optimizer", optimizer_names())
        .optional_real("lr", learning_rate, "η0 (default: the optimizer's PyTorch default)", RealRange::positive())
        .optional_real("momentum", momentum, "μ of momentum and Nesterov (default 0.9)",
                       RealRange::fraction())
        .optional_real("beta1", beta1, "β1 of Adam, AdamW and Lion (default 0.9)", RealRange::fraction())
        .optional_real("beta2", beta2, "β2 of Adam and AdamW (default 0.999), RMSprop's α (0.99), Lion's β2 (0.99)",
                       RealRange::fraction())
        .optional_real("eps", eps, "ε of Adam, AdamW, RMSprop (default 1e-8) and Adagrad (1e-10)",
                       RealRange::positive())
        .optional_real("weight-decay", weight_decay, "λ (default 0; AdamW 0.01)", RealRange::non_negative());
  } else {
    learning_rate = o.learning_rate;
    cli.real("lr", *learning_rate, "η0, the schedule's starting (or peak) learning rate", RealRange::positive());
  }
  cli.integer("steps", steps, "steps", 2, 10'000'000)
      .choice("schedule", schedule, "the learning-rate schedule", schedule_names())
      .optional_real("decay", decay,
                     "step: factor per quarter of the run (default 0.5); exponential: k in η0·e^(−kt) (default 5/steps)",
                     RealRange::positive())
      .integer("warmup", warmup, "linear warm-up steps in front of the schedule", 0, 10'000'000);
  if (o.clip_flag) cli.optional_real("clip", clip, "clip the gradient to this norm (default: no clipping)", RealRange::positive());
  if (std::any_of(o.landscapes.begin(), o.landscapes.end(), [](const Landscape& l) { return l.uses_condition; })) {
    cli.real("condition", condition, "κ of the landscapes that have one", RealRange{1.0, 1e8});
  }
}

int free_run(const CommandLine& cli, const FreeRunSettings& s) {
  const Landscape& landscape = landscape_named(*s.options, s.function);
  // Refuse what this combination would ignore.
  if (cli.given("condition") && !landscape.uses_condition) {
    throw UsageError("--condition does not apply to --function " + landscape.name);
  }
  if (cli.given("decay") && !one_of(s.schedule, {"step", "exponential"})) {
    throw UsageError("--decay applies only to --schedule step or exponential (got " + s.schedule + ")");
  }
  for (const char* flag : {"momentum", "beta1", "beta2", "eps", "weight-decay"}) {
    if (cli.given(flag) && !optimizer_uses(s.optimizer, flag)) {
      throw UsageError(std::string("--") + flag + " does not apply to --optimizer " + s.optimizer);
    }
  }
  const AnyOptimizer optimizer = make_optimizer({.name = s.optimizer,
                                                 .momentum = s.momentum,
                                                 .beta1 = s.beta1,
                                                 .beta2 = s.beta2,
                                                 .eps = s.eps,
                                                 .weight_decay = s.weight_decay});
  const ScheduleChoice choice{.name = s.schedule,
                              .learning_rate = s.learning_rate.value_or(default_learning_rate(s.optimizer)),
                              .steps = s.steps,
                              .decay = s.decay.value_or(0.0),
                              .warmup = s.warmup};
  // [run_schedule]
  const AnySchedule schedule = make_schedule(choice);  // validates the flags: exit 2 if wrong
  // [run_schedule]
  const AnyObjective objective = landscape.make(s.condition);
  const Vector start = s.start.size() > 0 ? s.start : landscape.start;
  require_size(start, objective.dimension(), "--start");
  require_finite_start(objective, start, "--start");  // an overflowing start is input, not divergence
  require_memory(trace_bytes(s.steps, objective.dimension()), "--steps " + std::to_string(s.steps),
                 "the run's trace");

  const StopRules rules{.max_steps = s.steps};
  const RunResult run = s.clip ? minimize(objective, start, schedule, rules, ClipByNorm<AnyOptimizer>{*s.clip, optimizer})
                               : minimize(objective, start, schedule, rules, optimizer);
  if (!cli.quiet()) {
    std::cout << optimizer.name() << " on " << landscape.formula
              << (landscape.uses_condition ? ", κ = " + format_number(s.condition) : "") << ", schedule " << s.schedule
              << " from η0 = " << format_number(choice.learning_rate)
              << (s.warmup > 0 ? ", warm-up " + std::to_string(s.warmup) : "")
              << (s.clip ? ", clipping ‖g‖ ≤ " + format_number(*s.clip) : "") << "\n\n"
              << trace_table(run) << "\n";
  }
  std::cout << "result: "
            << (run.diverged() ? describe(*run.divergence)
                               : std::string(describe(classify(run, landscape.minimizer, 1e-3))) + ", loss " +
                                     format_number(run.loss, 6) + " at " + format_point(run.x) + " after " +
                                     std::to_string(run.steps) + " steps")
            << "\n";
  LinePlot losses = loss_plot(run, "loss by step", "loss", std::string(optimizer.name()));
  losses.series.front().method = s.optimizer;  // its look in every figure of the book
  show_and_save_run(cli, run, losses, "");
  return 0;
}

Chapter& add_free_run(Chapter& chapter, FreeRunOptions options) {
  FreeRunSettings initial;
  initial.options = std::make_shared<const FreeRunOptions>(std::move(options));
  const std::string summary = initial.options->optimizer_flags
                                  ? "one optimizer, every hyper-parameter from the command line"
                                  : "one descent with the schedule, warm-up and clipping you choose";
  return chapter.add<FreeRunSettings>({.name = "run", .summary = summary}, std::move(initial), free_run);
}

}  // namespace descent
