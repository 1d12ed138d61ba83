#include "descent/output.hpp"

#include "descent/errors.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace descent {

namespace fs = std::filesystem;

void prepare_output_directory(const fs::path& directory, std::string_view flag) {
  // The folder is tried for real (created if missing, a probe file written and removed, then
  // whatever was created removed again): permission bits say little to root, and /proc or a
  // read-only mount only refuse when asked. Nothing is left behind, so input that fails a
  // later check leaves no trace.
  const std::string name = std::string(flag) + " " + directory.string();
  std::error_code error;
  const fs::path target = fs::absolute(directory, error);
  if (error) throw UsageError(name + ": " + error.message());
  std::vector<fs::path> missing;  // from the deepest up
  fs::path existing = target;
  while (!fs::exists(existing, error) && existing != existing.parent_path()) {
    missing.push_back(existing);
    existing = existing.parent_path();
  }
  if (!fs::is_directory(existing, error)) {
    throw UsageError(name + ": " + existing.string() + " exists and is not a directory");
  }
  const auto undo = [&] {
    for (const auto& created : missing) fs::remove(created, error);  // deepest first; only empty folders
  };
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (!fs::create_directory(*it, error) && error) {
      const std::string reason = error.message();
      undo();
      throw UsageError(name + ": cannot create " + it->string() + " (" + reason + ")");
    }
  }
  const fs::path probe = target / (".descent-probe-" + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  const int open_error = errno;
  if (fd >= 0) {
    ::close(fd);
    ::unlink(probe.c_str());
  }
  undo();
  if (fd < 0) throw UsageError(name + ": not writable (" + std::strerror(open_error) + ")");
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
