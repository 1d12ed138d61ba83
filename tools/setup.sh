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
  catch2                               # the test suite (v2, prebuilt main)
  doxygen libjs-mathjax libjs-lunr     # the book, with formulas typeset and text searched offline
  nlohmann-json3-dev                   # grading: requests, answers, case files, results.json
  liblbfgspp-dev                       # the L-BFGS benchmark's peer (header-only, Chapter 7)
  bubblewrap                           # grade: a sandbox (namespaces) for every student process
  dataset-fashion-mnist                # Chapters 8 and 9: the images a real network learns from
  libopenmpi-dev openmpi-bin           # Chapter 9: the data-parallel loop across processes (mpirun)
)

# --pdf: also what the PDF book needs (target pdf): LaTeX, SVG to PDF, and pdftotext for its test.
pdf=0
[ "${1:-}" = "--pdf" ] && pdf=1 && packages+=(doxygen-latex librsvg2-bin poppler-utils)
started=$SECONDS
step() { printf '\n==> %s  (%ds so far)\n' "$1" "$((SECONDS - started))"; }

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  step "Installing ${#missing[@]} Debian packages (about 2-4 minutes on a fresh machine): ${missing[*]}"
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup.sh: run as root (or install sudo) to install ${missing[*]}" >&2; exit 2; }
    as_root=(sudo)
  fi
  echo "Reading the package lists (apt-get update)..."
  "${as_root[@]}" apt-get update -qq
  # One line per package as it is set up; apt's full log goes to build/apt-install.log.
  mkdir -p build
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
    2>&1 | tee build/apt-install.log | awk '/^(Unpacking|Setting up) / { print "  " $1 " " $2 " " $3; fflush() }'
else
  step "Every Debian package is already installed"
fi

step "Configuring (cmake --preset default, a few seconds)"
cmake --preset default
# The book target builds every chapter program (and the tools the book shows), runs them to
# regenerate figures/, then runs Doxygen. The test programs are built by the test workflow.
step "Building the chapters, running them for the figures, and building the book (about 10 minutes on 2 cores; ~2 GB in build/ once the tests are built too)"
cmake --build --preset book -j "$(nproc)"
((pdf)) && cmake --build build --target pdf -j "$(nproc)"
echo
echo "Book ready after $((SECONDS - started))s: $PWD/build/book/html/index.html"
