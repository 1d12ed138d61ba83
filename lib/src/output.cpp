#include "descent/output.hpp"

#include "descent/errors.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace descent {

namespace fs = std::filesystem;

void prepare_output_directory(const fs::path& directory, std::string_view flag) {
  // Checks only: nothing is created until the program writes its first file, so input that
  // fails a later check leaves no trace behind.
  const std::string name = std::string(flag) + " " + directory.string();
  std::error_code error;
  fs::path existing = fs::absolute(directory, error);
  while (!existing.empty() && !fs::exists(existing, error)) {
    if (existing == existing.parent_path()) break;
    existing = existing.parent_path();
  }
  if (!fs::is_directory(existing, error)) {
    throw UsageError(name + ": " + existing.string() + " exists and is not a directory");
  }
  // access() says what the kernel would allow; a probe file would leave litter on failure.
  if (::access(existing.c_str(), W_OK | X_OK) != 0) {
    throw UsageError(name + ": not writable (" + std::strerror(errno) + ")");
  }
}

void write_file_atomically(const fs::path& file, std::string_view content) {
  if (file.has_parent_path()) fs::create_directories(file.parent_path());  // the --out folder, at first use
  fs::path temporary = file;
  temporary += ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + temporary.string() + ": " + std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary.string() + ": " + std::strerror(errno));
  }
  std::error_code error;
  fs::rename(temporary, file, error);
  if (error) {
    fs::remove(temporary, error);
    throw std::runtime_error("cannot write " + file.string());
  }
}

}  // namespace descent
