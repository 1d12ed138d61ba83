// The code the book quotes reads on a page: every line of a \snippet region from the chapters
// and the library is at most 90 characters wide (code points, not bytes).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path source_root = DESCENT_SOURCE_DIR;

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t code_points(const std::string& line) {
  std::size_t count = 0;
  for (const unsigned char c : line) count += (c & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

// Every "\snippet path tag" in the book's pages.
std::vector<std::pair<std::string, std::string>> quoted_regions() {
  std::vector<fs::path> pages;
  for (const auto& folder : {source_root / "chapters", source_root / "book"}) {
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
      if (entry.path().extension() == ".md") pages.push_back(entry.path());
    }
  }
  const std::regex snippet(R"(\\snippet\s+(\S+)\s+(\S+))");
  std::vector<std::pair<std::string, std::string>> regions;
  for (const auto& page : pages) {
    const std::string text = read(page);
    for (std::sregex_iterator it(text.begin(), text.end(), snippet), end; it != end; ++it) {
      regions.emplace_back((*it)[1].str(), (*it)[2].str());
    }
  }
  return regions;
}

}  // namespace

TEST_CASE("quoted code from the chapters and the library stays within 90 columns") {
  const auto regions = quoted_regions();
  REQUIRE(regions.size() > 20);  // the scan found the book's snippets
  std::vector<std::string> too_wide;
  for (const auto& [file, tag] : regions) {
    std::istringstream lines(read(source_root / file));
    // Markers are "//! [tag]" in chapter and exercise sources and "// [tag]" in the library's
    // (a plain comment there, so that the API pages do not show "[tag]" as documentation).
    const std::string marker = "[" + tag + "]";
    bool inside = false;
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
      ++number;
      if (line.find(marker) != std::string::npos && line.find("//") != std::string::npos) {
        inside = !inside;
        continue;
      }
      if (inside && code_points(line) > 90) {
        too_wide.push_back(file + ":" + std::to_string(number) + " [" + tag + "] " +
                           std::to_string(code_points(line)) + " columns");
      }
    }
  }
  INFO("lines wider than 90 columns in quoted regions");
  for (const auto& line : too_wide) UNSCOPED_INFO(line);
  CHECK(too_wide.empty());
}
