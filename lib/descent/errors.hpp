#pragma once
/// \file errors.hpp
/// \brief Errors that are the reader's input, not the program's fault.

#include <stdexcept>
#include <string>

namespace descent {

/// Bad input from the reader (a flag, a data file): reported as one line, exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A data file that cannot be used. The message starts with `file:line:column:` where known.
class DataError : public UsageError {
 public:
  using UsageError::UsageError;
};

}  // namespace descent
