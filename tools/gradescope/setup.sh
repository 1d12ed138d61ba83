#!/usr/bin/env bash
# Gradescope runs this once when the autograder image is built. The autograder zip holds this
# file, run_autograder, and the Descent sources in source/ (with CHAPTERS naming the chapters
# to grade, e.g. "1,3"). It installs the compiler and libraries and builds the grader (with the
# exercises' case generators, which it runs).
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  g++ make cmake libeigen3-dev catch2 libboost-program-options-dev libboost-iostreams-dev \
  libboost-filesystem-dev libgnuplot-iostream-dev gnuplot-nox nlohmann-json3-dev bubblewrap >/dev/null
cd /autograder/source
cmake --preset default -DDESCENT_BUILD_BOOK=OFF -DDESCENT_BUILD_TESTS=OFF
cmake --build build --target grade -j "$(nproc)"
