#!/usr/bin/env bash
# Makes the zip to upload to Gradescope: setup.sh and run_autograder at the top, the sources
# (as committed) in source/, and source/CHAPTERS naming the chapters to grade.
#   bash tools/gradescope/make_autograder.sh 1,3 autograder.zip
set -euo pipefail
chapters=${1:?usage: make_autograder.sh CHAPTERS OUTPUT.zip}
output=$(realpath -m "${2:?usage: make_autograder.sh CHAPTERS OUTPUT.zip}")
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/source"
git -C "$repo" archive HEAD | tar -x -C "$stage/source"
echo "$chapters" > "$stage/source/CHAPTERS"
cp "$repo/tools/gradescope/setup.sh" "$repo/tools/gradescope/run_autograder" "$stage/"
(cd "$stage" && cmake -E tar cf "$output" --format=zip setup.sh run_autograder source)
echo "autograder: $output"
