#include "descent/errors.hpp"
#include "descent/fashion_mnist.hpp"
#include "descent/idx.hpp"

#include <boost/iostreams/device/file.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace descent;
namespace fs = std::filesystem;

namespace {

// A fresh folder for one test's files.
fs::path scratch(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("descent-idx-test-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::vector<std::uint8_t> header(std::uint8_t type, const std::vector<std::uint32_t>& sizes) {
  std::vector<std::uint8_t> bytes{0, 0, type, static_cast<std::uint8_t>(sizes.size())};
  for (const std::uint32_t size : sizes) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<std::uint8_t>(size >> shift));
  }
  return bytes;
}

void write_gz(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
  namespace io = boost::iostreams;
  io::filtering_ostream out;
  out.push(io::gzip_compressor());
  out.push(io::file_sink(file.string(), std::ios::binary));
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// Images of 28×28 (pixel value = image number) and labels, `images` and `labels` of them.
void write_set(const fs::path& folder, const std::string& prefix, std::uint32_t images, std::uint32_t labels) {
  std::vector<std::uint8_t> pixels = header(0x08, {images, 28, 28});
  for (std::uint32_t i = 0; i < images * 784; ++i) pixels.push_back(static_cast<std::uint8_t>(i / 784 * 50));
  write_gz(folder / (prefix + "-images-idx3-ubyte.gz"), pixels);
  std::vector<std::uint8_t> classes = header(0x08, {labels});
  for (std::uint32_t i = 0; i < labels; ++i) classes.push_back(static_cast<std::uint8_t>(9 - i));
  write_gz(folder / (prefix + "-labels-idx1-ubyte.gz"), classes);
}

std::string error_reading(const fs::path& file) {
  try {
    (void)read_idx(file);
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string error_loading(const fs::path& folder) {
  try {
    (void)load_fashion_mnist(FashionMnistSplit::test, folder);
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("a small Fashion-MNIST set written by the test loads, scaled to [0, 1]") {
  const fs::path folder = scratch("good");
  write_set(folder, "t10k", 3, 3);
  const LabelledData data = load_fashion_mnist(FashionMnistSplit::test, folder);
  REQUIRE(data.size() == 3);
  CHECK(data.inputs.rows() == 784);
  CHECK(data.classes == 10);
  CHECK(data.labels == std::vector<int>{9, 8, 7});
  CHECK(data.inputs(0, 0) == 0.0F);
  CHECK(data.inputs(783, 2) == Approx(100.0 / 255.0));
  CHECK(fashion_mnist_classes[9] == "Ankle boot");
}

TEST_CASE("the IDX reader refuses a wrong magic number, truncation and trailing bytes") {
  const fs::path folder = scratch("bad");
  std::vector<std::uint8_t> wrong_type = header(0x0D, {2});  // floats: not ours
  wrong_type.insert(wrong_type.end(), 8, 0);
  write_gz(folder / "float.gz", wrong_type);
  CHECK_THAT(error_reading(folder / "float.gz"),
             Catch::StartsWith((folder / "float.gz").string() + ": not an IDX file") &&
                 Catch::Contains("magic number 0xd01"));
  std::vector<std::uint8_t> short_data = header(0x08, {4, 2});
  short_data.insert(short_data.end(), 7, 1);
  write_gz(folder / "short.gz", short_data);
  CHECK_THAT(error_reading(folder / "short.gz"), Catch::Contains("truncated: 7 bytes of data, sizes 4×2"));
  std::vector<std::uint8_t> long_data = header(0x08, {3});
  long_data.insert(long_data.end(), 5, 1);
  write_gz(folder / "long.gz", long_data);
  CHECK_THAT(error_reading(folder / "long.gz"), Catch::Contains("2 bytes after the data"));
  write_gz(folder / "empty.gz", {});
  CHECK_THAT(error_reading(folder / "empty.gz"), Catch::Contains("too short for an IDX header"));
  std::vector<std::uint8_t> zero_size = header(0x08, {0});
  write_gz(folder / "zero.gz", zero_size);
  CHECK_THAT(error_reading(folder / "zero.gz"), Catch::Contains("dimension 1 has size 0"));
  std::vector<std::uint8_t> many = header(0x08, {4000});
  for (int i = 0; i < 4000; ++i) many.push_back(static_cast<std::uint8_t>(i * 7919 % 251));  // compresses badly
  write_gz(folder / "cut.gz", many);
  fs::resize_file(folder / "cut.gz", fs::file_size(folder / "cut.gz") / 2);  // a download cut short
  CHECK(error_reading(folder / "cut.gz") == (folder / "cut.gz").string() + ": corrupt or truncated gzip data");
  CHECK_THAT(error_reading(folder / "nothing.gz"), Catch::EndsWith("nothing.gz: no such file"));
}

TEST_CASE("Fashion-MNIST files that disagree or are missing are named, with the package") {
  const fs::path folder = scratch("mismatch");
  write_set(folder, "t10k", 3, 2);
  CHECK_THAT(error_loading(folder), Catch::Contains("3 images but") && Catch::Contains("has 2 labels"));
  const fs::path missing = scratch("missing");
  CHECK(error_loading(missing) == (missing / "t10k-images-idx3-ubyte.gz").string() +
                                      ": no such file (Debian installs it with the package dataset-fashion-mnist)");
  std::vector<std::uint8_t> small = header(0x08, {1, 14, 14});
  small.insert(small.end(), 196, 0);
  write_gz(missing / "t10k-images-idx3-ubyte.gz", small);
  write_gz(missing / "t10k-labels-idx1-ubyte.gz", {0, 0, 8, 1, 0, 0, 0, 1, 3});
  CHECK_THAT(error_loading(missing), Catch::Contains("not a file of 28×28 images"));
  const fs::path bad_label = scratch("label");
  write_set(bad_label, "t10k", 1, 1);
  write_gz(bad_label / "t10k-labels-idx1-ubyte.gz", {0, 0, 8, 1, 0, 0, 0, 1, 12});
  CHECK_THAT(error_loading(bad_label), Catch::Contains("label 12 of sample 1 is not a class 0–9"));
}
