#include "descent/plot_style.hpp"

#include <stdexcept>

namespace descent {

namespace {
// The Okabe–Ito palette.
constexpr const char* black = "#000000";
constexpr const char* orange = "#E69F00";
constexpr const char* sky_blue = "#56B4E9";
constexpr const char* green = "#009E73";
constexpr const char* blue = "#0072B2";
constexpr const char* vermillion = "#D55E00";
constexpr const char* purple = "#CC79A7";
constexpr const char* brown = "#8C6D31";
}  // namespace

const std::vector<MethodLook>& method_looks() {
  // [method_looks]
  const LineLook descent{black, 1, 7};  // plain gradient descent, in every chapter
  const LineLook momentum{blue, 1, 5};
  const LineLook newton{orange, 1, 3};
  const LineLook lbfgs{sky_blue, 1, 1};
  static const std::vector<MethodLook> table{
      {"gd", descent},
      {"descent", descent},
      {"sgd", {brown, 1, 7}},       // stochastic (mini-batch) descent
      {"noisy-gd", {brown, 2, 7}},  // descent with added noise
      {"momentum", momentum},
      {"momentum-velocity", {blue, 4, 5}},  // the same method, velocity in weight units
      {"nesterov", {blue, 2, 5}},
      {"adagrad", {green, 1, 9}},
      {"rmsprop", {green, 2, 9}},
      {"adam", {vermillion, 1, 11}},
      {"adamw", {vermillion, 2, 11}},
      {"lion", {purple, 1, 13}},
      {"newton", newton},
      {"damped-newton", {orange, 2, 3}},
      {"lbfgs", lbfgs},
      {"l-bfgs", lbfgs},
  };
  // [method_looks]
  return table;
}

LineLook method_look(std::string_view method) {
  for (const auto& row : method_looks()) {
    if (row.method == method) return row.look;
  }
  throw std::invalid_argument("no look for the method '" + std::string(method) + "' in plot_style.cpp");
}

LineLook palette_look(int index) {
  static const LineLook palette[] = {{blue, 1, 7},  {vermillion, 1, 5}, {green, 1, 9}, {purple, 1, 11},
                                     {orange, 1, 13}, {sky_blue, 1, 3},   {black, 1, 1}, {brown, 1, 2}};
  constexpr int size = sizeof(palette) / sizeof(palette[0]);
  return palette[((index % size) + size) % size];
}

}  // namespace descent
