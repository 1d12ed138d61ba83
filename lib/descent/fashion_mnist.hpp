#pragma once
/// \file fashion_mnist.hpp
/// \brief Fashion-MNIST: 70,000 greyscale 28×28 photos of clothes in 10 classes.
///
/// Debian's package `dataset-fashion-mnist` installs the four gzipped IDX files (see idx.hpp)
/// in /usr/share/datasets/fashion-mnist: 60,000 training and 10,000 test images with their
/// labels. Pixels are bytes 0–255 (0 is the background); the loader scales them to [0, 1].

#include "descent/labelled_data.hpp"

#include <array>
#include <filesystem>
#include <string_view>

namespace descent {

/// Where Debian installs the files.
inline constexpr std::string_view fashion_mnist_folder = "/usr/share/datasets/fashion-mnist";
/// The package that installs them, named in the error when a file is missing.
inline constexpr std::string_view fashion_mnist_package = "dataset-fashion-mnist";

/// The classes, by label 0–9.
inline constexpr std::array<std::string_view, 10> fashion_mnist_classes = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};

/// The two halves of the data set.
enum class FashionMnistSplit { train, test };

/// Side length of an image in pixels: an input has 28 × 28 = 784 features.
inline constexpr int fashion_mnist_side = 28;

/// Loads one half from `folder`: inputs are 784 × N (an image's pixels row by row, scaled to
/// [0, 1]), labels 0–9.
///
/// Throws \ref descent::DataError naming the file when it is missing (and then the package
/// that installs it), is not an IDX file of 28×28 images or of labels, is truncated, or when
/// the image and label files disagree on the count or a label is above 9.
[[nodiscard]] LabelledData load_fashion_mnist(FashionMnistSplit split,
                                              const std::filesystem::path& folder = fashion_mnist_folder);

}  // namespace descent
