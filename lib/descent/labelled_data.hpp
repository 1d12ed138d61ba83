#pragma once
/// \file labelled_data.hpp
/// \brief Samples with class labels: the data a classifier network learns from.
///
/// The inputs are one column per sample, so a batch is a few columns and a layer's work on it
/// is one matrix product. They are stored in single precision: 60,000 Fashion-MNIST images
/// take 188 MB instead of 376 MB. The network converts a batch to double when it reads it.

#include "descent/random.hpp"

#include <Eigen/Core>
#include <span>
#include <utility>
#include <vector>

namespace descent {

/// Inputs (one column per sample) and their classes 0, 1, …, classes − 1.
struct LabelledData {
  Eigen::MatrixXf inputs;   ///< features × samples
  std::vector<int> labels;  ///< one per column of `inputs`
  int classes = 0;          ///< the number of classes

  [[nodiscard]] Eigen::Index size() const { return inputs.cols(); }
  /// The samples at `indices`, in that order.
  [[nodiscard]] LabelledData subset(std::span<const Eigen::Index> indices) const;
  /// The first `count` samples.
  [[nodiscard]] LabelledData first(Eigen::Index count) const;
};

/// A training set and a held-out validation set.
struct TrainValidation {
  LabelledData train;
  LabelledData validation;
};

/// Splits `data` at random (seeded) into `validation` samples held out and the rest to train.
[[nodiscard]] TrainValidation split_validation(const LabelledData& data, Eigen::Index validation,
                                               Random& random);

}  // namespace descent
