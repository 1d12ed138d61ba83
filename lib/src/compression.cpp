#include "descent/compression.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace descent {

// [top_k]
Vector TopK::compress(const Vector& v) const {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(v.size()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  const auto kept = static_cast<std::ptrdiff_t>(std::min(k, v.size()));
  // Largest |v_i| first; equal sizes by index, so the choice never depends on the sort.
  std::partial_sort(order.begin(), order.begin() + kept, order.end(), [&](Eigen::Index a, Eigen::Index b) {
    return std::abs(v[a]) > std::abs(v[b]) || (std::abs(v[a]) == std::abs(v[b]) && a < b);
  });
  Vector sparse = Vector::Zero(v.size());
  for (std::ptrdiff_t i = 0; i < kept; ++i) sparse[order[i]] = v[order[i]];
  return sparse;
}
// [top_k]

Vector EightBit::compress(const Vector& v) const {
  const double largest = v.size() == 0 ? 0.0 : v.cwiseAbs().maxCoeff();
  if (largest == 0.0 || !std::isfinite(largest)) return v;
  const double step = largest / 127.0;  // levels −127·step … 127·step
  return v.unaryExpr([step](double x) { return std::round(x / step) * step; });
}

}  // namespace descent
