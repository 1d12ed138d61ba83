#include "descent/classifier.hpp"
#include "descent/gradient_check.hpp"
#include "descent/mlp.hpp"
#include "descent/optimizers.hpp"
#include "descent/random.hpp"
#include "descent/softmax.hpp"
#include "descent/train.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace descent;

namespace {

// Random inputs and labels: `count` samples of `features` features in [−1, 1].
LabelledData scattered_samples(Eigen::Index features, int classes, Eigen::Index count, std::uint64_t seed) {
  Random random(seed);
  LabelledData data{.inputs = Eigen::MatrixXf(features, count), .labels = {}, .classes = classes};
  for (float& v : data.inputs.reshaped()) v = static_cast<float>(random.uniform(-1.0, 1.0));
  for (Eigen::Index i = 0; i < count; ++i) data.labels.push_back(static_cast<int>(random.below(static_cast<std::uint64_t>(classes))));
  return data;
}

double worst_check(const Architecture& architecture, const Initialisation& init, Eigen::Index count = 7) {
  const LabelledData data = scattered_samples(architecture.widths.front(), static_cast<int>(architecture.widths.back()),
                                        count, 11);
  const ClassifierLoss loss(Mlp(architecture), data);
  const Vector x = loss.network().initial_parameters(init);
  return worst_error(gradient_check(loss, x, loss.network().blocks()));
}

}  // namespace

TEST_CASE("784-16-16-10 has 13,002 parameters, laid out layer by layer") {
  const Mlp network(Architecture{.widths = {784, 16, 16, 10}});
  CHECK(network.parameter_count() == 13'002);
  CHECK(network.layers() == 3);
  CHECK(network.block(0).size == 784 * 16 + 16);
  CHECK(network.block(2).offset == 784 * 16 + 16 + 16 * 16 + 16);
  Vector x = Vector::LinSpaced(network.parameter_count(), 0.0, 13'001.0);
  CHECK(network.weights(x, 1)(0, 0) == 12'560.0);   // the views read the flat vector
  CHECK(network.weights(x, 1)(1, 0) == 12'561.0);   // column-major
  CHECK(network.bias(x, 2)(9) == 13'001.0);
  network.bias(x, 0)(0) = -1.0;                     // and write it
  CHECK(x(784 * 16) == -1.0);
}

TEST_CASE("backprop agrees with central differences on several shapes and activations") {
  const Initialisation init{.scheme = InitScheme::normal, .scale = 0.7, .seed = 3};
  for (const Activation f : {Activation::identity, Activation::sigmoid, Activation::tanh, Activation::relu}) {
    INFO(std::string(name(f)));
    CHECK(worst_check({.widths = {5, 4, 3}, .hidden = f}, init) < 1e-8);
    CHECK(worst_check({.widths = {6, 8, 8, 8, 4}, .hidden = f}, init) < 1e-8);
    CHECK(worst_check({.widths = {3, 2}, .hidden = f}, init) < 1e-8);
  }
}

TEST_CASE("backprop agrees with central differences through residual and normalised layers") {
  const Initialisation init{.scheme = InitScheme::xavier, .scale = 1.0, .seed = 5};
  for (const Activation f : {Activation::sigmoid, Activation::tanh}) {
    CHECK(worst_check({.widths = {4, 6, 6, 6, 3}, .hidden = f, .residual = true}, init) < 1e-8);
    CHECK(worst_check({.widths = {4, 6, 6, 6, 3}, .hidden = f, .normalise = true}, init) < 1e-8);
    CHECK(worst_check({.widths = {4, 6, 6, 3}, .hidden = f, .residual = true, .normalise = true}, init) < 1e-8);
  }
}

TEST_CASE("a wrong gradient fails the check in the layer it is wrong in") {
  const LabelledData data = scattered_samples(5, 3, 6, 2);
  const ClassifierLoss loss(Mlp({.widths = {5, 4, 4, 3}, .hidden = Activation::tanh}), data);
  const Vector x = loss.network().initial_parameters({.scheme = InitScheme::normal, .scale = 0.8});
  struct Broken {  // the gradient of layer 2 doubled
    const ClassifierLoss& inner;
    Eigen::Index dimension() const { return inner.dimension(); }
    double value(const Vector& p) const { return inner.value(p); }
    Vector gradient(const Vector& p) const {
      Vector g = inner.gradient(p);
      g.segment(inner.network().block(1).offset, inner.network().block(1).size) *= 2.0;
      return g;
    }
  };
  const auto checks = gradient_check(Broken{loss}, x, loss.network().blocks());
  CHECK(checks[0].relative_error < 1e-8);
  CHECK(checks[1].relative_error == Approx(1.0 / 3.0).epsilon(1e-6));  // |2g − g| / (|2g| + |g|)
  CHECK(checks[2].relative_error < 1e-8);
}

TEST_CASE("softmax cross-entropy stays finite on logits of 1000 and has gradient p − onehot") {
  Eigen::MatrixXd logits(3, 2);
  logits << 1000.0, -1000.0, 0.0, 0.0, -1000.0, 1000.0;
  const std::vector<int> labels{0, 1};
  const LossAndSlope loss = softmax_cross_entropy(logits, labels);
  REQUIRE(std::isfinite(loss.loss));
  CHECK(loss.loss == Approx(1000.0 / 2.0));  // sample 0: −log p ≈ 0; sample 1: 1000
  CHECK(loss.slope.allFinite());
  CHECK(loss.slope(0, 0) == Approx(0.0).margin(1e-12));
  CHECK(loss.slope(1, 1) == Approx(-0.5));   // (p − 1)/B with p ≈ 0
  CHECK(loss.slope(2, 1) == Approx(0.5));
  CHECK(softmax(logits).colwise().sum().isApproxToConstant(1.0));
}

TEST_CASE("zero initial weights keep the hidden units identical through training") {
  const LabelledData data = scattered_samples(6, 3, 40, 9);
  const ClassifierLoss loss(Mlp({.widths = {6, 5, 3}, .hidden = Activation::sigmoid}), data);
  GradientDescent gd;
  const auto spread = [&](const Vector& x) {  // the largest difference between two hidden units' weights
    const Matrix w = loss.network().weights(x, 0);
    return (w.rowwise() - w.row(0)).cwiseAbs().maxCoeff();
  };
  const auto trained = [&](InitScheme scheme) {
    const Vector x0 = loss.network().initial_parameters({.scheme = scheme, .scale = 0.5});
    return train(loss, x0, [](int) { return 0.5; }, gd, {.epochs = 20, .batch_size = 8}).state.x;
  };
  CHECK(spread(trained(InitScheme::zero)) == 0.0);
  CHECK(spread(trained(InitScheme::constant)) == 0.0);
  CHECK(spread(trained(InitScheme::normal)) > 0.1);
}

TEST_CASE("the initialisations draw at the scale they name") {
  const Mlp network({.widths = {400, 300, 10}});
  const auto deviation = [&](const Initialisation& init) {
    const Vector x = network.initial_parameters(init);
    const Matrix w = network.weights(x, 0);
    return std::sqrt(w.squaredNorm() / static_cast<double>(w.size()));
  };
  CHECK(deviation({.scheme = InitScheme::normal, .scale = 2.0}) == Approx(2.0).epsilon(0.01));
  CHECK(deviation({.scheme = InitScheme::uniform, .scale = 3.0}) == Approx(3.0 / std::sqrt(3.0)).epsilon(0.01));
  CHECK(deviation({.scheme = InitScheme::he}) == Approx(std::sqrt(2.0 / 400.0)).epsilon(0.01));
  CHECK(deviation({.scheme = InitScheme::xavier}) == Approx(std::sqrt(2.0 / 700.0)).epsilon(0.01));
  const Vector x = network.initial_parameters({.scheme = InitScheme::he});
  CHECK(network.bias(x, 0).isZero());
  CHECK(x == network.initial_parameters({.scheme = InitScheme::he}));  // seeded
  CHECK(x != network.initial_parameters({.scheme = InitScheme::he, .seed = 2}));
}

TEST_CASE("the full loss is the average of the batch losses") {
  const LabelledData data = scattered_samples(4, 3, 2500, 4);  // three chunks, the last short
  const ClassifierLoss loss(Mlp({.widths = {4, 5, 3}, .hidden = Activation::relu}), data);
  const Vector x = loss.network().initial_parameters({});
  std::vector<Eigen::Index> all(2500);
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<Eigen::Index>(i);
  const Evaluation whole = loss.value_and_gradient(x, all);
  CHECK(loss.value(x) == Approx(whole.value).epsilon(1e-12));
  CHECK(loss.gradient(x).isApprox(whole.gradient, 1e-12));
  const std::vector<int> predicted = predict(loss.network(), x, data);
  const Eigen::MatrixXi confusion = confusion_matrix(predicted, data);
  CHECK(confusion.sum() == 2500);
  CHECK(accuracy(predicted, data) == Approx(confusion.trace() / 2500.0));
}
