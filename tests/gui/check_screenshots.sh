#!/usr/bin/env bash
# ctest screenshots_real_window: tests/gui/screenshots.sh still takes the README's pictures from
# the real window: every picture is there, the size of the 1024x700 screen, and each step's picture
# differs from the one before (the key presses reached the window and moved it on).
# Usage: check_screenshots.sh BUILD_DIR
set -euo pipefail
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$(dirname "$0")/screenshots.sh" "$1" "$out" >/dev/null
fail() { echo "FAIL: $*" >&2; exit 1; }
names=(start 00-plan 00-build 01-precheck 02-psc 03-certificates 04-applycerts 05-netscaler 06-vcenter 07-vcha
  08-vds 09-diagnostics 10-audit 11-files)
previous=
for name in "${names[@]}"; do
  file="$out/$name.png"
  [ -s "$file" ] || fail "no $name.png"
  size=$(identify -format '%wx%h' "$file")
  [ "$size" = 1024x700 ] || fail "$name.png is $size, not the 1024x700 screen"
  sum=$(identify -format '%#' "$file") # of the pixels
  [ "$sum" != "$previous" ] || fail "$name.png shows the same as the picture before it"
  previous=$sum
done
echo "PASS: ${#names[@]} pictures of the real window, 1024x700, each step its own"
