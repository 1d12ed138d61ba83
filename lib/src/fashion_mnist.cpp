#include "descent/fashion_mnist.hpp"

#include "descent/errors.hpp"
#include "descent/idx.hpp"

#include <string>

namespace descent {

namespace {

IdxArray read_installed(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    throw DataError(file.string() + ": no such file (Debian installs it with the package " +
                    std::string(fashion_mnist_package) + ")");
  }
  return read_idx(file);
}

}  // namespace

LabelledData load_fashion_mnist(FashionMnistSplit split, const std::filesystem::path& folder) {
  const std::string prefix = split == FashionMnistSplit::train ? "train" : "t10k";
  const std::filesystem::path image_file = folder / (prefix + "-images-idx3-ubyte.gz");
  const std::filesystem::path label_file = folder / (prefix + "-labels-idx1-ubyte.gz");
  const IdxArray images = read_installed(image_file);
  const IdxArray labels = read_installed(label_file);
  const auto side = static_cast<std::size_t>(fashion_mnist_side);
  if (images.sizes.size() != 3 || images.sizes[1] != side || images.sizes[2] != side) {
    throw DataError(image_file.string() + ": not a file of 28×28 images");
  }
  if (labels.sizes.size() != 1) throw DataError(label_file.string() + ": not a file of labels");
  if (images.sizes[0] != labels.sizes[0]) {
    throw DataError(image_file.string() + ": " + std::to_string(images.sizes[0]) + " images but " +
                    label_file.string() + " has " + std::to_string(labels.sizes[0]) + " labels");
  }
  const auto count = static_cast<Eigen::Index>(images.sizes[0]);
  const Eigen::Index pixels = fashion_mnist_side * fashion_mnist_side;
  LabelledData data{.inputs = Eigen::MatrixXf(pixels, count), .labels = {}, .classes = 10};
  // The file's bytes are image after image, so they fill the columns in memory order.
  const Eigen::Map<const Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>> bytes(
      images.values.data(), pixels, count);
  data.inputs = bytes.cast<float>() / 255.0F;
  data.labels.reserve(labels.values.size());
  for (std::size_t i = 0; i < labels.values.size(); ++i) {
    const int label = labels.values[i];
    if (label >= data.classes) {
      throw DataError(label_file.string() + ": label " + std::to_string(label) + " of sample " +
                      std::to_string(i + 1) + " is not a class 0–9");
    }
    data.labels.push_back(label);
  }
  return data;
}

}  // namespace descent
