#include "descent/classifier.hpp"

#include "descent/softmax.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace descent {

namespace {

// Calls visit(batch) on consecutive chunks of 0, 1, …, N−1.
template <class Visit>
void for_each_chunk(Eigen::Index samples, Visit visit) {
  std::vector<Eigen::Index> indices(static_cast<std::size_t>(samples));
  std::iota(indices.begin(), indices.end(), Eigen::Index{0});
  for (Eigen::Index begin = 0; begin < samples; begin += ClassifierLoss::chunk_size) {
    const Eigen::Index length = std::min(ClassifierLoss::chunk_size, samples - begin);
    visit(Batch(indices).subspan(static_cast<std::size_t>(begin), static_cast<std::size_t>(length)));
  }
}

}  // namespace

Matrix gather_inputs(const LabelledData& data, Batch batch) {
  Matrix inputs(data.inputs.rows(), static_cast<Eigen::Index>(batch.size()));
  for (std::size_t b = 0; b < batch.size(); ++b) {
    inputs.col(static_cast<Eigen::Index>(b)) = data.inputs.col(batch[b]).cast<double>();
  }
  return inputs;
}

std::vector<int> gather_labels(const LabelledData& data, Batch batch) {
  std::vector<int> labels;
  labels.reserve(batch.size());
  for (const Eigen::Index i : batch) labels.push_back(data.labels[static_cast<std::size_t>(i)]);
  return labels;
}

ClassifierLoss::ClassifierLoss(Mlp network, const LabelledData& data)
    : network_(std::move(network)), data_(&data) {
  if (data.inputs.rows() != network_.inputs()) {
    throw std::invalid_argument("ClassifierLoss: the data have " + std::to_string(data.inputs.rows()) +
                                " features, the network takes " + std::to_string(network_.inputs()));
  }
  if (data.classes != network_.outputs()) {
    throw std::invalid_argument("ClassifierLoss: the network's outputs must be one per class");
  }
}

double ClassifierLoss::value(const Vector& x, Batch batch) const {
  const ForwardPass pass = network_.forward(x, gather_inputs(*data_, batch));
  return softmax_cross_entropy(pass.logits, gather_labels(*data_, batch)).loss;
}

// [value_and_gradient]
Evaluation ClassifierLoss::value_and_gradient(const Vector& x, Batch batch) const {
  const ForwardPass pass = network_.forward(x, gather_inputs(*data_, batch));
  LossAndSlope loss = softmax_cross_entropy(pass.logits, gather_labels(*data_, batch));
  Evaluation result{.value = loss.loss, .gradient = {}};
  network_.backward(x, pass, std::move(loss.slope), result.gradient);
  return result;
}
// [value_and_gradient]

double ClassifierLoss::value(const Vector& x) const {
  double total = 0.0;
  for_each_chunk(samples(), [&](Batch chunk) {
    total += value(x, chunk) * static_cast<double>(chunk.size());
  });
  return total / static_cast<double>(samples());
}

Evaluation ClassifierLoss::value_and_gradient(const Vector& x) const {
  Evaluation total{.value = 0.0, .gradient = Vector::Zero(dimension())};
  for_each_chunk(samples(), [&](Batch chunk) {
    const Evaluation part = value_and_gradient(x, chunk);
    const auto weight = static_cast<double>(chunk.size());
    total.value += weight * part.value;
    total.gradient += weight * part.gradient;
  });
  total.value /= static_cast<double>(samples());
  total.gradient /= static_cast<double>(samples());
  return total;
}

Matrix logits(const Mlp& network, const Vector& x, const LabelledData& data) {
  Matrix all(network.outputs(), data.size());
  for_each_chunk(data.size(), [&](Batch chunk) {
    all.middleCols(chunk.front(), static_cast<Eigen::Index>(chunk.size())) =
        network.forward(x, gather_inputs(data, chunk)).logits;
  });
  return all;
}

std::vector<int> predict(const Mlp& network, const Vector& x, const LabelledData& data) {
  const Matrix scores = logits(network, x, data);
  std::vector<int> predicted(static_cast<std::size_t>(scores.cols()));
  for (Eigen::Index i = 0; i < scores.cols(); ++i) {
    Eigen::Index best = 0;
    scores.col(i).maxCoeff(&best);
    predicted[static_cast<std::size_t>(i)] = static_cast<int>(best);
  }
  return predicted;
}

double accuracy(const std::vector<int>& predicted, const LabelledData& data) {
  if (predicted.size() != data.labels.size() || predicted.empty()) {
    throw std::invalid_argument("accuracy: one prediction per sample");
  }
  std::size_t right = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i) right += predicted[i] == data.labels[i] ? 1 : 0;
  return static_cast<double>(right) / static_cast<double>(predicted.size());
}

Eigen::MatrixXi confusion_matrix(const std::vector<int>& predicted, const LabelledData& data) {
  if (predicted.size() != data.labels.size()) throw std::invalid_argument("confusion_matrix: one prediction per sample");
  Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(data.classes, data.classes);
  for (std::size_t i = 0; i < predicted.size(); ++i) ++counts(data.labels[i], predicted[i]);
  return counts;
}

}  // namespace descent
