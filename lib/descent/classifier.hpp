#pragma once
/// \file classifier.hpp
/// \brief A network with softmax cross-entropy on labelled data, as an objective to descend.
///
/// L(x) = (1/N) Σ_i −log softmax(network_x(input_i))_(label_i): the mean cross-entropy of
/// the network with parameters x over N labelled samples. It is a \ref descent::SampleObjective,
/// so \ref descent::train's loop trains it with any optimizer and schedule: each batch of
/// sample indices gives one forward and one backward pass.

#include "descent/labelled_data.hpp"
#include "descent/mlp.hpp"
#include "descent/objective.hpp"

#include <cstdint>
#include <vector>

namespace descent {

/// The columns of `data.inputs` at `batch`, in double precision.
[[nodiscard]] Matrix gather_inputs(const LabelledData& data, Batch batch);
/// The labels of `batch`.
[[nodiscard]] std::vector<int> gather_labels(const LabelledData& data, Batch batch);

/// The mean cross-entropy of a network over labelled data (see the file's description).
class ClassifierLoss {
 public:
  /// Keeps a reference to `data`, which must outlive the objective.
  ClassifierLoss(Mlp network, const LabelledData& data);
  ClassifierLoss(Mlp network, LabelledData&& data) = delete;

  [[nodiscard]] Eigen::Index dimension() const { return network_.parameter_count(); }
  [[nodiscard]] Eigen::Index samples() const { return data_->size(); }
  /// A full gradient costs N per-sample gradients.
  [[nodiscard]] std::int64_t evaluations_per_gradient() const { return samples(); }

  /// The mean loss over all samples (forward passes only, in chunks).
  [[nodiscard]] double value(const Vector& x) const;
  [[nodiscard]] Vector gradient(const Vector& x) const { return value_and_gradient(x).gradient; }
  /// Loss and gradient over all samples, in chunks of `chunk_size` samples.
  [[nodiscard]] Evaluation value_and_gradient(const Vector& x) const;
  /// The mean loss over a batch only.
  [[nodiscard]] double value(const Vector& x, Batch batch) const;
  /// Loss and gradient over a batch only: one forward and one backward pass.
  [[nodiscard]] Evaluation value_and_gradient(const Vector& x, Batch batch) const;

  [[nodiscard]] const Mlp& network() const { return network_; }
  [[nodiscard]] const LabelledData& data() const { return *data_; }

  /// Samples per chunk when the loss is taken over the whole data set.
  static constexpr Eigen::Index chunk_size = 1000;

 private:
  Mlp network_;
  const LabelledData* data_;
};

static_assert(SampleObjective<ClassifierLoss>);
static_assert(OnePassObjective<ClassifierLoss>);
static_assert(CountsEvaluations<ClassifierLoss>);

/// The logits of every sample of `data` (outputs × N).
[[nodiscard]] Matrix logits(const Mlp& network, const Vector& x, const LabelledData& data);
/// The predicted class of every sample: the largest logit.
[[nodiscard]] std::vector<int> predict(const Mlp& network, const Vector& x, const LabelledData& data);
/// The fraction of `predicted` equal to `data.labels`.
[[nodiscard]] double accuracy(const std::vector<int>& predicted, const LabelledData& data);
/// Counts: row = true class, column = predicted class.
[[nodiscard]] Eigen::MatrixXi confusion_matrix(const std::vector<int>& predicted, const LabelledData& data);

}  // namespace descent
