#include "descent/labelled_data.hpp"

#include <numeric>
#include <stdexcept>

namespace descent {

LabelledData LabelledData::subset(std::span<const Eigen::Index> indices) const {
  LabelledData part{.inputs = Eigen::MatrixXf(inputs.rows(), static_cast<Eigen::Index>(indices.size())),
                    .labels = {},
                    .classes = classes};
  part.labels.reserve(indices.size());
  for (std::size_t j = 0; j < indices.size(); ++j) {
    part.inputs.col(static_cast<Eigen::Index>(j)) = inputs.col(indices[j]);
    part.labels.push_back(labels[static_cast<std::size_t>(indices[j])]);
  }
  return part;
}

LabelledData LabelledData::first(Eigen::Index count) const {
  if (count < 0 || count > size()) throw std::invalid_argument("LabelledData::first: count out of range");
  std::vector<Eigen::Index> indices(static_cast<std::size_t>(count));
  std::iota(indices.begin(), indices.end(), Eigen::Index{0});
  return subset(indices);
}

TrainValidation split_validation(const LabelledData& data, Eigen::Index validation, Random& random) {
  if (validation < 0 || validation >= data.size()) {
    throw std::invalid_argument("split_validation: the validation set must leave samples to train on");
  }
  std::vector<Eigen::Index> order(static_cast<std::size_t>(data.size()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  random.shuffle(order);
  const auto cut = order.begin() + validation;
  return {.train = data.subset({cut, order.end()}), .validation = data.subset({order.begin(), cut})};
}

}  // namespace descent
