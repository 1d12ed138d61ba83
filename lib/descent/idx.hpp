#pragma once
/// \file idx.hpp
/// \brief The IDX file format of MNIST and Fashion-MNIST: a magic number, sizes, then bytes.
///
/// An IDX file starts with four bytes: two zeros, a type code (0x08 for unsigned bytes, the
/// only type these data sets use) and the number of dimensions d. Then come d sizes, each a
/// 32-bit big-endian integer, and then the values, the last dimension varying fastest. A file
/// of 60,000 images of 28×28 pixels has d = 3 and sizes 60000, 28, 28. The files may be
/// gzipped (Debian ships them so); the reader unpacks them on the fly.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace descent {

/// The contents of an IDX file of unsigned bytes.
struct IdxArray {
  std::vector<std::size_t> sizes;    ///< one entry per dimension, the first is the count
  std::vector<std::uint8_t> values;  ///< the product of `sizes` bytes, last dimension fastest
};

/// Reads an IDX file of unsigned bytes, gzipped or not.
///
/// Throws \ref descent::DataError naming the file when it cannot be opened, is not gzip or
/// IDX (wrong magic number), has a size of 0, is truncated or has bytes after its data.
[[nodiscard]] IdxArray read_idx(const std::filesystem::path& file);

}  // namespace descent
