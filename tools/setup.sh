#!/usr/bin/env bash
# First-time set-up on Debian 12: installs what is missing (compiler and CMake included),
# configures, builds every chapter, runs them to regenerate figures/ and builds the book.
# The second command of the README, `cmake --workflow --preset test`, builds and runs the tests.
# Safe to run again: it installs nothing that is already there and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ make cmake                       # compiler and build system
  libeigen3-dev                        # vectors and matrices
  libboost-program-options-dev         # the chapters' command lines
  libboost-iostreams-dev libboost-filesystem-dev libgnuplot-iostream-dev
  gnuplot-nox                          # figures (not 'gnuplot': that pulls in Qt)
  catch2                               # tests and exercise graders (v2, prebuilt main)
  doxygen libjs-mathjax libjs-lunr     # the book, with formulas typeset and text searched offline
  nlohmann-json3-dev                   # the grader's Gradescope results.json
  liblbfgspp-dev                       # the L-BFGS benchmark's peer (header-only, Chapter 7)
  bubblewrap                           # grade: a sandbox (namespaces) for every student process
)

# --pdf: also what the PDF book needs (target pdf): LaTeX, SVG to PDF, and pdftotext for its test.
pdf=0
[ "${1:-}" = "--pdf" ] && pdf=1 && packages+=(doxygen-latex librsvg2-bin poppler-utils)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup.sh: run as root (or install sudo) to install ${missing[*]}" >&2; exit 2; }
    as_root=(sudo)
  fi
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake --preset default
# The book target builds every chapter program (and the tools the book shows), runs them to
# regenerate figures/, then runs Doxygen. The test programs are built by the test workflow.
cmake --build --preset book -j "$(nproc)"
((pdf)) && cmake --build build --target pdf -j "$(nproc)"
echo
echo "Book ready: $PWD/build/book/html/index.html"
