#include "grading/intake.hpp"

#include "grading/grading.hpp"
#include "grading/reports.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

namespace grading {

namespace fs = std::filesystem;

namespace {

// The folder that holds exercises/: the submission itself, or one level down (a tarball of a
// pack folder).
fs::path submission_root(const fs::path& unpacked) {
  if (fs::is_directory(unpacked / "exercises")) return unpacked;
  for (const auto& entry : fs::directory_iterator(unpacked)) {
    if (entry.is_directory() && fs::is_directory(entry.path() / "exercises")) return entry.path();
  }
  return unpacked;
}

}  // namespace

bool is_tarball(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.ends_with(".tar.gz") || name.ends_with(".tgz");
}

std::string submission_name(const fs::path& p) {
  std::string name = p.filename().string();
  for (const char* ext : {".tar.gz", ".tgz"}) {
    if (name.ends_with(ext)) name.erase(name.size() - std::string(ext).size());
  }
  return name;
}

std::string refuse_tarball(const fs::path& tarball, const IntakeLimits& s) {
  const grading::Outcome names = grading::run_limited(
      {"/bin/tar", "--quoting-style=escape", "-P", "-tzf", fs::absolute(tarball).string()}, grading::Limits{60.0, 1024});
  const grading::Outcome verbose = grading::run_limited(
      {"/bin/tar", "--quoting-style=escape", "-P", "--numeric-owner", "-tvzf", fs::absolute(tarball).string()},
      grading::Limits{60.0, 1024});
  if (names.exit_status != 0 || verbose.exit_status != 0) return "not a readable .tar.gz";
  if (names.output.size() >= 190000 || verbose.output.size() >= 190000) {
    return "more than " + std::to_string(s.max_files) + " files";
  }
  std::istringstream name_lines(names.output);
  std::istringstream verbose_lines(verbose.output);
  long long bytes = 0;
  int files = 0;
  for (std::string name, line; std::getline(name_lines, name);) {
    if (!std::getline(verbose_lines, line)) return "an unreadable listing";
    if (++files > s.max_files) return "more than " + std::to_string(s.max_files) + " files";
    const char type = line.empty() ? '?' : line[0];
    if (type != '-' && type != 'd') {
      const char* what = type == 'l' ? "a symbolic link" : type == 'h' ? "a hard link" : "a device, fifo or socket";
      return "it holds " + std::string(what) + " (" + escaped(name) + ")";
    }
    if (name.empty() || name[0] == '/') return "it holds an absolute path (" + escaped(name) + ")";
    if (name.find('\\') != std::string::npos) return "a file name with unusual characters (" + escaped(name) + ")";
    for (const auto& part : fs::path(name)) {
      if (part == "..") return "it holds a path with '..' (" + escaped(name) + ")";
    }
    std::istringstream fields(line);
    std::string permissions, owner;
    long long size = 0;
    fields >> permissions >> owner >> size;
    bytes += size;
    if (bytes > static_cast<long long>(s.max_megabytes) << 20) {
      return "it unpacks to more than " + std::to_string(s.max_megabytes) + " MB";
    }
  }
  return {};
}

fs::path take_in(const fs::path& submission, const fs::path& scratch, const IntakeLimits& limits) {
  if (fs::symlink_status(submission).type() == fs::file_type::symlink) {
    throw std::runtime_error("refused: the submission is a symbolic link");
  }
  if (!is_tarball(submission)) return submission_root(submission);
  if (const std::string why = refuse_tarball(submission, limits); !why.empty()) {
    throw std::runtime_error("refused: " + why);
  }
  const fs::path unpacked = scratch / "submission";
  fs::create_directories(unpacked);
  const Outcome untar = run_limited({"/bin/tar", "--no-same-owner", "--no-same-permissions", "--no-overwrite-dir",
                                     "--no-unquote", "-xzf", fs::absolute(submission).string(), "-C", unpacked.string()},
                                    Limits{60.0, 1024});
  if (untar.exit_status != 0) throw std::runtime_error("cannot unpack the tarball: " + untar.output.substr(0, 500));
  // What was unpacked is checked again: plain files and folders only.
  for (auto it = fs::recursive_directory_iterator(unpacked); it != fs::recursive_directory_iterator(); ++it) {
    const auto type = it->symlink_status().type();
    if (type != fs::file_type::regular && type != fs::file_type::directory) {
      throw std::runtime_error("refused: the tarball holds something that is not a plain file or folder");
    }
  }
  return submission_root(unpacked);
}

std::string safe_id(const std::string& name, std::vector<std::string>& taken) {
  std::string id;
  for (const char raw : name) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(raw)));
    const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    id += plain ? c : '_';
  }
  id.erase(0, id.find_first_not_of(".-"));
  if (id.size() > 60) id.resize(60);
  if (id.empty()) id = "submission";
  if (id.rfind("gradebook", 0) == 0) id = "student-" + id;
  std::string unique = id;
  for (int n = 2; std::find(taken.begin(), taken.end(), unique) != taken.end(); ++n) unique = id + "-" + std::to_string(n);
  taken.push_back(unique);
  return unique;
}

}  // namespace grading
