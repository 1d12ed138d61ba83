#include "descent/idx.hpp"

#include "descent/errors.hpp"

#include <boost/iostreams/device/file.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>

#include <array>
#include <fstream>
#include <iterator>
#include <sstream>

namespace descent {

namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& problem) {
  throw DataError(file.string() + ": " + problem);
}

bool is_gzip(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<char, 2> start{};
  in.read(start.data(), 2);
  return in.gcount() == 2 && static_cast<unsigned char>(start[0]) == 0x1f &&
         static_cast<unsigned char>(start[1]) == 0x8b;
}

// The whole file, unpacked when it is gzipped.
std::vector<std::uint8_t> file_bytes(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) fail(file, "no such file");
  std::ifstream probe(file, std::ios::binary);
  if (!probe) fail(file, "cannot be opened");
  if (!is_gzip(file)) {
    return {std::istreambuf_iterator<char>(probe), std::istreambuf_iterator<char>()};
  }
  namespace io = boost::iostreams;
  try {
    io::filtering_istream in;
    in.push(io::gzip_decompressor());
    in.push(io::file_source(file.string(), std::ios::binary));
    std::vector<std::uint8_t> bytes;
    std::array<char, 1 << 16> chunk{};
    while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
      bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + in.gcount());
    }
    if (in.bad()) fail(file, "corrupt or truncated gzip data");  // the filter's error, swallowed
    return bytes;
  } catch (const io::gzip_error&) {
    fail(file, "corrupt or truncated gzip data");
  } catch (const std::ios_base::failure&) {
    fail(file, "corrupt or truncated gzip data");
  }
}

std::uint32_t big_endian(const std::vector<std::uint8_t>& bytes, std::size_t at) {
  return (std::uint32_t{bytes[at]} << 24) | (std::uint32_t{bytes[at + 1]} << 16) |
         (std::uint32_t{bytes[at + 2]} << 8) | std::uint32_t{bytes[at + 3]};
}

}  // namespace

IdxArray read_idx(const std::filesystem::path& file) {
  std::vector<std::uint8_t> bytes = file_bytes(file);
  if (bytes.size() < 4) fail(file, "too short for an IDX header (" + std::to_string(bytes.size()) + " bytes)");
  const std::uint32_t magic = big_endian(bytes, 0);
  const std::size_t dimensions = bytes[3];
  if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0x08 || dimensions < 1 || dimensions > 4) {
    std::ostringstream text;
    text << "not an IDX file of unsigned bytes (magic number 0x" << std::hex << magic
         << ", expected 0x00000801 to 0x00000804)";
    fail(file, text.str());
  }
  const std::size_t header = 4 + 4 * dimensions;
  if (bytes.size() < header) fail(file, "truncated in its header");
  IdxArray array;
  std::size_t count = 1;
  for (std::size_t d = 0; d < dimensions; ++d) {
    const std::size_t size = big_endian(bytes, 4 + 4 * d);
    if (size == 0) fail(file, "dimension " + std::to_string(d + 1) + " has size 0");
    array.sizes.push_back(size);
    if (size > bytes.size() / count) count = bytes.size() + 1;  // more than the file: truncated
    else count *= size;
  }
  const std::size_t data = bytes.size() - header;
  if (data < count) {
    std::string sizes;
    for (const std::size_t size : array.sizes) sizes += (sizes.empty() ? "" : "×") + std::to_string(size);
    fail(file, "truncated: " + std::to_string(data) + " bytes of data, sizes " + sizes);
  }
  if (data > count) {
    fail(file, std::to_string(data - count) + " bytes after the data its sizes announce");
  }
  array.values.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header), bytes.end());
  return array;
}

}  // namespace descent
