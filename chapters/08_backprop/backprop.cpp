// Chapter 8 — Backpropagation and vanishing gradients: a real network on real data.
//
// The chain rule as a backward pass through a 784-16-16-10 network, what it costs against
// finite differences, the gradient check (and a broken backward pass failing it), gradients
// that vanish or explode with depth and weight scale and the fixes for it, the symmetry of
// a zero start, and the network trained on Fashion-MNIST. Run with --help for the flags.

#include "descent/chapter.hpp"
#include "descent/classifier.hpp"
#include "descent/fashion_mnist.hpp"
#include "descent/format.hpp"
#include "descent/gradient_check.hpp"
#include "descent/mlp.hpp"
#include "descent/optimizers.hpp"
#include "descent/plot.hpp"
#include "descent/run_output.hpp"
#include "descent/schedule.hpp"
#include "descent/softmax.hpp"
#include "descent/train.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <iostream>
#include <numeric>

namespace {

using namespace descent;

// ---------------------------------------------------------------------------------------
// What every experiment shares: the data folder, the network, a batch of images.

struct DataFolder {
  std::string folder{fashion_mnist_folder};
  void declare(CommandLine& cli) {
    cli.text("data", folder, "folder of the four Fashion-MNIST .gz files (default: Debian's)", "DIR");
  }
  [[nodiscard]] LabelledData load(FashionMnistSplit split) const { return load_fashion_mnist(split, folder); }
};

// [the_network]
Architecture fashion_network(Activation hidden) {
  return {.widths = {784, 16, 16, 10}, .hidden = hidden};  // 28×28 pixels in, 10 classes
}
// [the_network]

// The first `count` sample indices: a fixed batch.
std::vector<Eigen::Index> first_indices(Eigen::Index count) {
  std::vector<Eigen::Index> indices(static_cast<std::size_t>(count));
  std::iota(indices.begin(), indices.end(), Eigen::Index{0});
  return indices;
}

// 13002 → "13,002".
std::string thousands(long long n) {
  const std::string digits = std::to_string(n);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

// A duration with a unit a reader can picture: "238 µs", "26.9 s".
std::string duration_text(double seconds) {
  if (seconds >= 1.0) return format_number(seconds, 3) + " s";
  if (seconds >= 1e-3) return format_number(seconds * 1e3, 3) + " ms";
  return format_number(seconds * 1e6, 3) + " µs";
}

// Median wall time of `repeats` calls of `work`, in seconds.
template <class Work>
double median_seconds(int repeats, Work work) {
  std::vector<double> times;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::nth_element(times.begin(), times.begin() + repeats / 2, times.end());
  return times[static_cast<std::size_t>(repeats / 2)];
}

// ---------------------------------------------------------------------------------------
// Experiment "cost": one backward pass against one forward pass and against n of them.

struct CostSettings {
  DataFolder data;
  int batch = 64;
  int repeats = 41;
  void declare(CommandLine& cli) {
    data.declare(cli);
    cli.integer("batch", batch, "images in the batch", 1, 10'000)
        .integer("repeats", repeats, "timed repetitions (the median is reported)", 1, 100'000);
  }
};

int cost_experiment(const CommandLine& /*cli*/, const CostSettings& s) {
  const LabelledData images = s.data.load(FashionMnistSplit::test);
  const ClassifierLoss loss(Mlp(fashion_network(Activation::sigmoid)), images);
  const Mlp& net = loss.network();
  const Vector x = net.initial_parameters({.scheme = InitScheme::xavier});
  const std::vector<Eigen::Index> batch = first_indices(std::min<Eigen::Index>(s.batch, images.size()));
  const auto b = static_cast<long long>(batch.size());
  // Multiply-adds per sample: forward W a for every layer; backward δ aᵀ for every layer and
  // Wᵀ δ for every layer but the first (nobody needs the gradient of the pixels).
  long long forward_madds = 0;
  long long backward_madds = 0;
  for (int l = 0; l < net.layers(); ++l) {
    const long long weights = net.block(l).size - net.architecture().widths[static_cast<std::size_t>(l) + 1];
    forward_madds += weights;
    backward_madds += weights + (l > 0 ? weights : 0);
  }
  const long long n = net.parameter_count();
  std::cout << "Network 784-16-16-10 (sigmoid), n = " << thousands(n) << " parameters, a batch of " << b
            << " test images\n\nCounted multiply-adds per image:\n"
            << "  forward pass   " << thousands(forward_madds) << "\n"
            << "  backward pass  " << thousands(backward_madds) << "  (" << format_number(
                   static_cast<double>(backward_madds) / static_cast<double>(forward_madds), 4)
            << " × forward)\n"
            << "  central differences: 2n = " << thousands(2 * n) << " forward passes\n\n";
  double sink = 0.0;  // keeps the timed work from being optimised away
  const double forward = median_seconds(s.repeats, [&] { sink += loss.value(x, batch); });
  const double both = median_seconds(s.repeats, [&] { sink += loss.value_and_gradient(x, batch).value; });
  const double backward = both - forward;
  const int probes = 100;  // partial derivatives timed; the whole gradient is n / probes of them
  const auto batch_loss = [&](const Vector& p) { return loss.value(p, batch); };
  const double probe_time = median_seconds(3, [&] {
    sink += central_difference_partials(batch_loss, x, probes).sum();
  });
  const double finite_differences = probe_time * static_cast<double>(n) / probes;
  TextTable table({"what", "time", "× one forward pass"});
  table.align_left(0);
  const auto row = [&](const std::string& what, double seconds) {
    table.add_row({what, duration_text(seconds), format_number(seconds / forward, 3)});
  };
  row("forward pass (with the loss)", forward);
  row("backward pass", backward);
  row("whole gradient by backprop", both);
  row("whole gradient by differences", finite_differences);
  std::cout << "Measured on this machine (median of " << s.repeats << " runs; times vary, ratios less):\n"
            << table.str() << "\nbackward ÷ forward = " << format_number(backward / forward, 3)
            << "; differences ÷ backprop = " << format_number(finite_differences / both, 3) << "\n";
  return std::isfinite(sink) ? 0 : 1;
}

// ---------------------------------------------------------------------------------------
// Experiment "check": backprop against central differences, per layer, and a broken pass.

// [broken_backward]
// A backward pass with the classic slip: it starts from p − onehot(y) instead of
// (p − onehot(y))/B, forgetting that the loss is a mean over the batch. Everything
// else is the library's own forward and backward pass.
struct ForgetsBatchMean {
  const ClassifierLoss& loss;
  [[nodiscard]] Eigen::Index dimension() const { return loss.dimension(); }
  [[nodiscard]] double value(const Vector& x) const { return loss.value(x); }
  [[nodiscard]] Vector gradient(const Vector& x) const {
    const std::vector<Eigen::Index> all = first_indices(loss.samples());
    const ForwardPass pass = loss.network().forward(x, gather_inputs(loss.data(), all));
    const LossAndSlope seed = softmax_cross_entropy(pass.logits, loss.data().labels);
    Vector g;
    loss.network().backward(x, pass, seed.slope * static_cast<double>(loss.samples()), g);
    return g;
  }
};
// [broken_backward]
static_assert(Objective<ForgetsBatchMean>);

struct CheckSettings {
  DataFolder data;
  int images = 16;
  std::string activation = "sigmoid";
  int seed = 1;
  void declare(CommandLine& cli) {
    data.declare(cli);
    cli.integer("images", images, "test images in the loss", 1, 1000)
        .choice("activation", activation, "the hidden layers' activation", {"sigmoid", "tanh", "relu", "identity"})
        .integer("seed", seed, "seed of the initial weights", 0, 1'000'000'000);
  }
};

std::string check_table(const Mlp& net, const std::vector<BlockCheck>& checks) {
  TextTable table({"block", "parameters", "‖gradient‖", "relative error"});
  table.align_left(0);
  for (std::size_t l = 0; l < checks.size(); ++l) {
    table.add_row({checks[l].name, thousands(net.block(static_cast<int>(l)).size),
                   format_scientific(checks[l].gradient_norm, 3), format_scientific(checks[l].relative_error, 2)});
  }
  return table.str();
}

int check_experiment(const CommandLine& /*cli*/, const CheckSettings& s) {
  const LabelledData images = s.data.load(FashionMnistSplit::test).first(s.images);
  const ClassifierLoss loss(Mlp(fashion_network(*activation_named(s.activation))), images);
  const Vector x = loss.network().initial_parameters(
      {.scheme = InitScheme::xavier, .seed = static_cast<std::uint64_t>(s.seed)});
  // [gradient_check]
  const auto honest = gradient_check(loss, x, loss.network().blocks());
  const auto broken = gradient_check(ForgetsBatchMean{loss}, x, loss.network().blocks());
  // [gradient_check]
  std::cout << "Network 784-16-16-10 (" << s.activation << ", Xavier start), loss over " << s.images
            << " test images;\ncentral differences with Δ = 1e-5 (" << thousands(2 * loss.dimension())
            << " evaluations of L)\n\nThe library's backward pass:\n"
            << check_table(loss.network(), honest) << "worst relative error " << format_scientific(worst_error(honest), 2)
            << (worst_error(honest) < 1e-6 ? ": passes" : ": FAILS") << "\n\nA backward pass that forgets the 1/B:\n"
            << check_table(loss.network(), broken) << "worst relative error " << format_scientific(worst_error(broken), 2)
            << (worst_error(broken) < 1e-6 ? ": passes" : ": FAILS") << "  (B = " << s.images << ": (B − 1)/(B + 1) = "
            << format_number((s.images - 1.0) / (s.images + 1.0), 4) << ")\n";
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "depth": gradient norms layer by layer in a deep network, and the fixes.

struct DepthSettings {
  DataFolder data;
  int depth = 8;
  int width = 32;
  int images = 256;
  int seed = 1;
  void declare(CommandLine& cli) {
    data.declare(cli);
    cli.integer("depth", depth, "hidden layers", 2, 100)
        .integer("width", width, "units per hidden layer", 2, 1000)
        .integer("images", images, "test images in the loss", 1, 10'000)
        .integer("seed", seed, "seed of the initial weights", 0, 1'000'000'000);
  }
};

// One network of the comparison: its architecture options and its start.
struct DepthVariant {
  std::string name;
  Activation hidden = Activation::sigmoid;
  Initialisation init{};
  bool residual = false;
  bool normalise = false;
};

// ‖∂L/∂W_l‖ for each hidden layer l, at the start.
std::vector<double> hidden_gradient_norms(const DepthVariant& v, const DepthSettings& s, const LabelledData& images) {
  Architecture shape{.widths = {784}, .hidden = v.hidden, .residual = v.residual, .normalise = v.normalise};
  for (int l = 0; l < s.depth; ++l) shape.widths.push_back(s.width);
  shape.widths.push_back(10);
  const ClassifierLoss loss{Mlp(shape), images};
  Initialisation init = v.init;
  init.seed = static_cast<std::uint64_t>(s.seed);
  const Vector x = loss.network().initial_parameters(init);
  Vector g = loss.gradient(x);
  std::vector<double> norms;
  for (int l = 0; l < s.depth; ++l) norms.push_back(loss.network().weights(g, l).norm());
  return norms;
}

// top ÷ bottom of two gradient norms as a table shows it, or "—" when bottom is exactly 0 (every
// ReLU unit off, or an underflow): 0/0 and x/0 are no numbers to print. `power` 1 gives the
// ratio, 1/(depth − 1) the factor per layer.
std::string norm_ratio(double top, double bottom, double power, bool scientific, bool& dashed) {
  const double ratio = std::pow(top / bottom, power);
  if (!(bottom > 0.0) || !std::isfinite(ratio)) {
    dashed = true;
    return "—";
  }
  return scientific ? format_scientific(ratio, 2) : format_number(ratio, 3);
}

int depth_experiment(const CommandLine& cli, const DepthSettings& s) {
  // A backward pass keeps each layer's inputs and outputs for every image, beside the weights
  // and their gradient (--depth 100 --width 1000 --images 10000 ended in std::bad_alloc).
  const double layers = s.depth, width = s.width;
  const double weights = 784.0 * width + layers * width * width + 10.0 * width;
  require_memory(8.0 * (2.0 * layers * width * s.images + 3.0 * weights),
                 "--depth " + std::to_string(s.depth) + " --width " + std::to_string(s.width) + " --images " +
                     std::to_string(s.images),
                 "the layers' activations and weights");
  const LabelledData images = s.data.load(FashionMnistSplit::test).first(s.images);
  std::cout << "sigmoid′(z) = σ(1 − σ) ≤ 1/4: through k layers at most 0.25^k; 0.25^" << s.depth << " = "
            << format_scientific(std::pow(0.25, s.depth), 3) << "\nA factor 0.5 fifty times: 0.5^50 = "
            << format_scientific(std::pow(0.5, 50), 3) << "; a factor 1.5 fifty times: 1.5^50 = "
            << format_scientific(std::pow(1.5, 50), 3) << "\n\n";
  // Sigmoid layers at weight scale s: weights drawn N(0, s²/fan_in).
  const std::vector<double> scales{0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0};
  std::vector<std::string> headers{"layer"};
  std::vector<std::vector<double>> columns;
  for (const double scale : scales) {
    headers.push_back("scale " + format_number(scale));
    columns.push_back(hidden_gradient_norms(
        {.name = "", .init = {.scheme = InitScheme::lecun, .scale = scale}}, s, images));
  }
  TextTable by_scale(headers);
  for (int l = 0; l < s.depth; ++l) {
    std::vector<std::string> row{std::to_string(l + 1)};
    for (const auto& column : columns) row.push_back(format_scientific(column[static_cast<std::size_t>(l)], 2));
    by_scale.add_row(row);
  }
  bool dashed = false;  // a ratio left out because a norm was exactly 0
  std::vector<std::string> factors{"shrink/layer"};
  for (const auto& column : columns) {
    factors.push_back(norm_ratio(column.back(), column.front(), 1.0 / (s.depth - 1), false, dashed));
  }
  by_scale.add_row(factors);
  std::cout << "Deep sigmoid network 784-" << s.depth << "×" << s.width << "-10, weights N(0, scale²/fan_in), "
            << s.images << " test images:\n‖∂L/∂W‖ of each hidden layer (layer 1 meets the pixels)\n"
            << by_scale.str() << "(shrink/layer = (layer " << s.depth << " ÷ layer 1)^(1/" << s.depth - 1
            << "):\n above 1 the gradient fades on its way down to the input, below 1 it grows)\n\n";

  // [depth_variants]
  const std::vector<DepthVariant> variants{
      {.name = "sigmoid, scale 1", .init = {.scheme = InitScheme::lecun}},
      {.name = "sigmoid, Xavier", .init = {.scheme = InitScheme::xavier}},
      {.name = "tanh, Xavier", .hidden = Activation::tanh,
       .init = {.scheme = InitScheme::xavier}},
      {.name = "ReLU, He", .hidden = Activation::relu,
       .init = {.scheme = InitScheme::he}},
      {.name = "sigmoid, residual", .init = {.scheme = InitScheme::lecun},
       .residual = true},
      {.name = "sigmoid, normalised", .init = {.scheme = InitScheme::lecun},
       .normalise = true},
  };
  // [depth_variants]
  TextTable fixes({"network", "‖∂L/∂W_1‖", "‖∂L/∂W_" + std::to_string(s.depth) + "‖", "layer 1 ÷ layer " + std::to_string(s.depth),
                   "shrink/layer"});
  fixes.align_left(0);
  LinePlot plot{.title = "gradient norm of each hidden layer at the start, 784-" + std::to_string(s.depth) + "×" +
                         std::to_string(s.width) + "-10",
                .x_label = "hidden layer (1 meets the pixels)",
                .y_label = "‖∂L/∂W‖",
                .log_y = true};
  for (const DepthVariant& v : variants) {
    const std::vector<double> norms = hidden_gradient_norms(v, s, images);
    fixes.add_row({v.name, format_scientific(norms.front(), 2), format_scientific(norms.back(), 2),
                   norm_ratio(norms.front(), norms.back(), 1.0, true, dashed),
                   norm_ratio(norms.back(), norms.front(), 1.0 / (s.depth - 1), false, dashed)});
    Series line{.title = v.name, .style = SeriesStyle::lines_points};
    for (int l = 0; l < s.depth; ++l) {
      line.x.push_back(l + 1);
      line.y.push_back(norms[static_cast<std::size_t>(l)]);
    }
    plot.series.push_back(std::move(line));
  }
  std::cout << "The fixes, on the same network and images:\n" << fixes.str();
  if (dashed) std::cout << "(—: a gradient norm is exactly 0, every unit off or an underflow, so no ratio)\n";
  save_figure(cli, plot, ".svg");
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiment "symmetry": a zero (or constant) start keeps hidden units identical.

struct SymmetrySettings {
  DataFolder data;
  int images = 2000;
  int epochs = 5;
  void declare(CommandLine& cli) {
    data.declare(cli);
    cli.integer("images", images, "test images to train on", 10, 10'000)
        .integer("epochs", epochs, "epochs of mini-batch training (B = 32, Adam η = 0.01)", 1, 1000);
  }
};

// [unit_spread]
// The largest difference between two units of a hidden layer: incoming weights and bias.
double unit_spread(const Mlp& net, const Vector& x, int layer) {
  Matrix units(net.weights(x, layer).rows(), net.weights(x, layer).cols() + 1);
  units << net.weights(x, layer), net.bias(x, layer);  // one row per unit
  return (units.rowwise() - units.row(0)).cwiseAbs().maxCoeff();
}
// [unit_spread]

int symmetry_experiment(const CommandLine& /*cli*/, const SymmetrySettings& s) {
  const LabelledData images = s.data.load(FashionMnistSplit::test).first(s.images);
  const ClassifierLoss loss(Mlp(fashion_network(Activation::sigmoid)), images);
  TextTable table({"start", "epoch", "loss", "accuracy", "spread, layer 1", "spread, layer 2"});
  table.align_left(0);
  struct Start {
    std::string name;
    Initialisation init;
  };
  for (const Start& start : {Start{"zero", {.scheme = InitScheme::zero}},
                             Start{"all 0.01", {.scheme = InitScheme::constant, .scale = 0.01}},
                             Start{"Xavier", {.scheme = InitScheme::xavier}}}) {
    Adam<> adam;
    const Mlp& net = loss.network();
    const auto report = [&](int epoch, const Vector& x) {
      table.add_row({start.name, std::to_string(epoch), format_number(loss.value(x), 4),
                     format_fixed(100.0 * accuracy(predict(net, x, images), images), 1) + " %",
                     format_scientific(unit_spread(net, x, 0), 2), format_scientific(unit_spread(net, x, 1), 2)});
    };
    Vector x = net.initial_parameters(start.init);
    report(0, x);
    const TrainingHooks hooks{.on_epoch = [&](const EpochRecord& epoch, Metrics&) {
      if (epoch.epoch == 1 || epoch.epoch == s.epochs) report(epoch.epoch, epoch.parameters);
      return true;
    }};
    x = train(loss, x, ConstantRate{0.01}, adam, {.epochs = s.epochs, .batch_size = 32, .record_every = 0},
              hooks).state.x;
  }
  std::cout << "784-16-16-10 (sigmoid) trained on " << thousands(s.images)
            << " test images; spread = largest difference between two units of a layer\n"
            << table.str();
  return 0;
}

// ---------------------------------------------------------------------------------------
// Experiments "train" and "overfit": the network on Fashion-MNIST with early stopping.

struct TrainSettings {
  DataFolder data;
  int train_images = 50'000;
  int validation_images = 10'000;
  int epochs = 30;
  int patience = 3;
  int past_stop = 0;
  int batch = 64;
  double learning_rate = 0.003;
  std::string activation = "relu";
  int seed = 1;
  void declare(CommandLine& cli) {
    data.declare(cli);
    cli.integer("train-images", train_images, "training images used (the rest of the 60,000 are held out)", 100,
                59'000)
        .integer("validation-images", validation_images, "images held out of the training file for validation",
                 100, 30'000)
        .integer("epochs", epochs, "most epochs", 1, 10'000)
        .integer("patience", patience, "epochs without a better validation loss before stopping", 1, 10'000)
        .integer("past-stop", past_stop, "epochs to go on after early stopping would stop (overfitting)", 0,
                 10'000)
        .integer("batch", batch, "B, images per update", 1, 60'000)
        .real("lr", learning_rate, "Adam's η", RealRange::positive())
        .choice("activation", activation, "the hidden layers' activation", {"sigmoid", "tanh", "relu", "identity"})
        .integer("seed", seed, "seed of the split, the initial weights and the batches", 0, 1'000'000'000);
  }
};

std::string percent(double fraction) { return format_fixed(100.0 * fraction, 2) + " %"; }

std::string confusion_text(const Eigen::MatrixXi& counts) {
  std::vector<std::string> headers{"true \\ predicted"};
  for (int k = 0; k < 10; ++k) headers.push_back(std::to_string(k));
  headers.push_back("recall");
  TextTable table(headers);
  table.align_left(0);
  for (int k = 0; k < 10; ++k) {
    std::vector<std::string> row{std::to_string(k) + " " + std::string(fashion_mnist_classes[static_cast<std::size_t>(k)])};
    for (int j = 0; j < 10; ++j) row.push_back(std::to_string(counts(k, j)));
    row.push_back(percent(static_cast<double>(counts(k, k)) / counts.row(k).sum()));
    table.add_row(row);
  }
  return table.str();
}

void save_misclassified(const CommandLine& cli, const LabelledData& test, const std::vector<int>& predicted) {
  ImageGrid grid{.title = "the first 15 test images the network gets wrong (true → predicted)", .columns = 5};
  for (Eigen::Index i = 0; i < test.size() && grid.images.size() < 15; ++i) {
    const int truth = test.labels[static_cast<std::size_t>(i)];
    const int guess = predicted[static_cast<std::size_t>(i)];
    if (truth == guess) continue;
    GreyImage image{.rows = fashion_mnist_side, .columns = fashion_mnist_side, .values = {},
                    .caption = std::string(fashion_mnist_classes[static_cast<std::size_t>(truth)]) + " → " +
                               std::string(fashion_mnist_classes[static_cast<std::size_t>(guess)])};
    for (Eigen::Index p = 0; p < test.inputs.rows(); ++p) image.values.push_back(test.inputs(p, i));
    grid.images.push_back(std::move(image));
  }
  save_plot(grid, cli.output_path("-wrong.svg"));
}

int train_experiment(const CommandLine& cli, const TrainSettings& s) {
  if (s.train_images + s.validation_images > 60'000) {
    throw UsageError("--train-images plus --validation-images must be at most the 60,000 training images");
  }
  if (s.batch > s.train_images) {  // a batch cannot hold more images than there are
    throw UsageError("--batch must be at most the " + std::to_string(s.train_images) + " training images (got " +
                     std::to_string(s.batch) + ")");
  }
  Random split_random(static_cast<std::uint64_t>(s.seed));
  const TrainValidation split = split_validation(s.data.load(FashionMnistSplit::train), s.validation_images,
                                                 split_random);
  const LabelledData train_set = split.train.first(s.train_images);
  const LabelledData test = s.data.load(FashionMnistSplit::test);
  // [training]
  const Mlp network(fashion_network(*activation_named(s.activation)));
  const ClassifierLoss loss(network, train_set);
  const ClassifierLoss validation(network, split.validation);
  const Vector start = network.initial_parameters({.scheme = InitScheme::he, .seed = 1});
  Adam<> adam;
  EarlyStopping early("validation_loss", s.patience);
  int stop_epoch = 0;  // the epoch early stopping chose to stop at (0: not yet)
  std::vector<std::array<double, 2>> losses;  // per epoch: training, validation
  const TrainingHooks hooks{.on_epoch = [&](const EpochRecord& epoch, Metrics& metrics) {
    metrics.set("validation_loss", validation.value(epoch.parameters));
    losses.push_back({epoch.mean_batch_loss, *metrics.get("validation_loss")});
    if (!early.keep_going(epoch, metrics) && stop_epoch == 0) stop_epoch = epoch.epoch;
    return stop_epoch == 0 || epoch.epoch < stop_epoch + s.past_stop;  // --past-stop
  }};
  const auto seed = static_cast<std::uint64_t>(s.seed);
  const TrainingOptions options{.epochs = s.epochs, .batch_size = s.batch, .seed = seed,
                                .record_every = 0};
  const TrainingResult result =
      train(loss, start, ConstantRate{s.learning_rate}, adam, options, hooks);
  const Vector& best = early.best_parameters();  // the weights of the best epoch
  const Vector& last = result.state.x;
  // [training]
  std::cout << "Network 784-16-16-10, " << s.activation << ", He start: " << thousands(loss.dimension())
            << " parameters\nData: " << thousands(train_set.size()) << " training images, "
            << thousands(split.validation.size()) << " held out for validation, " << thousands(test.size())
            << " test images\nAdam η = " << format_number(s.learning_rate) << ", B = " << s.batch
            << ", early stopping on the validation loss with patience " << s.patience << "\n\n";
  TextTable epochs({"epoch", "training loss", "validation loss", ""});
  epochs.align_left(3);
  LinePlot plot{.title = "cross-entropy per epoch, " + thousands(train_set.size()) + " training images",
                .x_label = "epoch", .y_label = "mean cross-entropy"};
  Series training_curve{.title = "training (mean batch loss of the epoch)"};
  Series validation_curve{.title = "validation"};
  const int every = losses.size() > 30 ? 5 : 1;  // a long run: every 5th epoch, and the marked ones
  for (std::size_t e = 0; e < losses.size(); ++e) {
    const int epoch = static_cast<int>(e) + 1;
    const std::string mark = epoch == early.best_epoch() ? "← best" : (epoch == stop_epoch ? "← early stop" : "");
    if (epoch % every == 0 || epoch == 1 || !mark.empty() || e + 1 == losses.size()) {
      epochs.add_row({std::to_string(epoch), format_number(losses[e][0], 4), format_number(losses[e][1], 4), mark});
    }
    training_curve.x.push_back(epoch);
    training_curve.y.push_back(losses[e][0]);
    validation_curve.x.push_back(epoch);
    validation_curve.y.push_back(losses[e][1]);
  }
  if (result.diverged()) {
    std::cout << epochs.str() << "Diverged at update " << result.divergence->step << ": batch loss "
              << format_number(result.divergence->loss, 4) << " after "
              << format_number(result.divergence->last_finite_loss, 4) << " (try a smaller --lr)\n";
    if (early.best_epoch() == 0) return 0;  // no epoch finished: no weights worth testing
  }
  const std::vector<int> predicted = predict(loss.network(), best, test);
  std::cout << (result.diverged() ? "" : epochs.str()) << "Best validation loss " << format_number(early.best_value(), 4) << " at epoch "
            << early.best_epoch() << (stop_epoch > 0 ? "; early stopping stops at epoch " + std::to_string(stop_epoch)
                                                     : std::string("; no early stop within the epochs"))
            << "\nWith the best epoch's weights: training accuracy "
            << percent(accuracy(predict(loss.network(), best, train_set), train_set)) << ", validation accuracy "
            << percent(accuracy(predict(loss.network(), best, split.validation), split.validation))
            << ", test accuracy " << percent(accuracy(predicted, test)) << "\n";
  if (s.past_stop > 0) {
    std::cout << "With the last epoch's weights (" << losses.size() << "): training accuracy "
              << percent(accuracy(predict(loss.network(), last, train_set), train_set)) << ", test accuracy "
              << percent(accuracy(predict(loss.network(), last, test), test)) << "\n";
  } else {
    std::cout << "\nConfusion on the " << thousands(test.size())
              << " test images (rows: true class, columns: predicted)\n"
              << confusion_text(confusion_matrix(predicted, test));
  }
  if (cli.out()) {
    plot.series = {training_curve, validation_curve};
    if (stop_epoch > 0) {
      const auto [low, high] = std::minmax_element(validation_curve.y.begin(), validation_curve.y.end());
      plot.series.push_back({.title = "early stop", .x = {1.0 * stop_epoch, 1.0 * stop_epoch},
                             .y = {std::min(*low, training_curve.y.back()), *high}, .style = SeriesStyle::lines});
    }
    save_figure(cli, plot, "-loss.svg");
    if (s.past_stop == 0) save_misclassified(cli, test, predicted);
  }
  return 0;
}

}  // namespace

int main(int argc, char* argv[]) {
  using namespace descent;
  return Chapter("backprop",
                 "Chapter 8: backpropagation through a 784-16-16-10 network on Fashion-MNIST: its cost, the\n"
                 "gradient check, vanishing and exploding gradients and their fixes, symmetry, training.")
      .add({.name = "cost", .summary = "one backward pass against one forward pass and against finite differences",
            .outputs = OutputFlags::text_only()},
           cost_experiment)
      .add({.name = "check", .summary = "backprop against central differences per layer, and a broken backward pass",
            .outputs = OutputFlags::text_only()},
           check_experiment)
      .add({.name = "depth", .summary = "gradient norms through a deep network: weight scale, and the fixes",
            .outputs = OutputFlags::files_only()},
           depth_experiment)
      .add({.name = "symmetry", .summary = "a zero or constant start keeps hidden units identical",
            .outputs = OutputFlags::text_only()},
           symmetry_experiment)
      .add({.name = "train", .summary = "784-16-16-10 on Fashion-MNIST with a validation split and early stopping",
            .outputs = OutputFlags::files_only()},
           train_experiment)
      .add({.name = "overfit", .summary = "the same on 1,000 images, trained on past the early stop",
            .outputs = OutputFlags::files_only()},
           TrainSettings{.data = {}, .train_images = 1000, .validation_images = 10'000, .epochs = 200,
                         .patience = 5, .past_stop = 60, .batch = 32, .learning_rate = 0.003,
                         .activation = "relu", .seed = 1},
           std::function<int(const CommandLine&, const TrainSettings&)>(train_experiment))
      .main(argc, argv);
}
