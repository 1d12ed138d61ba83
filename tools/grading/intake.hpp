#pragma once
// Taking a submission in: a folder or a .tar.gz, inspected before anything is unpacked, and a
// submission's name made into a safe id for folders and the gradebook.

#include <filesystem>
#include <string>
#include <vector>

namespace grading {

struct IntakeLimits {
  int max_files = 1000;   ///< in a tarball
  int max_megabytes = 20; ///< a tarball's contents, unpacked
};

bool is_tarball(const std::filesystem::path& path);

/// Why a tarball is refused (links, devices, absolute or ".." paths, too many files or bytes),
/// or an empty string. It is listed, not unpacked.
std::string refuse_tarball(const std::filesystem::path& tarball, const IntakeLimits& limits);

/// The folder holding the submission's exercises/: for a tarball, unpacked into `scratch` after
/// refuse_tarball accepted it. Throws std::runtime_error ("refused: …") otherwise.
std::filesystem::path take_in(const std::filesystem::path& submission, const std::filesystem::path& scratch,
                              const IntakeLimits& limits);

/// "alice.tar.gz" → "alice".
std::string submission_name(const std::filesystem::path& submission);

/// A submission's name made into a folder name and gradebook id: lower case [a-z0-9._-], not
/// starting with '.' or '-', at most 60 characters, never "gradebook…"; a name already taken
/// gets -2, -3, … (submissions are taken in sorted order, so the same batch gives the same ids).
std::string safe_id(const std::string& name, std::vector<std::string>& taken);

}  // namespace grading
