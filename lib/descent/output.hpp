#pragma once
/// \file output.hpp
/// \brief Writing results: an output folder checked before any work, files that appear whole.

#include <filesystem>
#include <string_view>

namespace descent {

/// Checks that files could be written in `directory` (it, or its nearest existing parent, is a
/// writable folder) without creating anything. Throws \ref descent::UsageError naming `flag`.
void prepare_output_directory(const std::filesystem::path& directory, std::string_view flag = "--out");

/// Writes `content` to `file` through a temporary file and a rename, so a reader (or a
/// crash) never leaves half a file behind. Creates the file's folder if needed.
void write_file_atomically(const std::filesystem::path& file, std::string_view content);

}  // namespace descent
