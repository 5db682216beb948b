#!/usr/bin/env bash
# Every C++ source of the tree is formatted as .clang-format says (clang-format 14, Debian 12's).
# Prints each file that differs and how to fix it; exits non-zero when any does.
set -u
top=${1:?usage: check_format.sh SOURCE_DIR}
cd "$top" || exit 2
command -v clang-format >/dev/null || { echo "clang-format is not installed (.ci/setup installs it)"; exit 2; }
bad=0
while IFS= read -r -d '' f; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f"
    bad=$((bad + 1))
  fi
done < <(find lib app tests -path tests/unit/architecture/layer-fixtures -prune -o \( -name '*.cpp' -o -name '*.h' \) -print0)
if [ "$bad" -gt 0 ]; then
  echo "$bad file(s) differ from .clang-format; fix with: clang-format -i FILE..."
  exit 1
fi
echo "every source is formatted"
