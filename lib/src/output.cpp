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
  const std::string name = std::string(flag) + " " + directory.string();
  std::error_code error;
  if (fs::exists(directory, error) && !fs::is_directory(directory, error)) {
    throw UsageError(name + ": exists and is not a directory");
  }
  fs::create_directories(directory, error);
  if (error) throw UsageError(name + ": cannot create directory (" + error.message() + ")");
  // access() says what the kernel would allow; a probe file would leave litter on failure.
  if (::access(directory.c_str(), W_OK | X_OK) != 0) {
    throw UsageError(name + ": not writable (" + std::strerror(errno) + ")");
  }
}

void write_file_atomically(const fs::path& file, std::string_view content) {
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
