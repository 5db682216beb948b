#!/usr/bin/env bash
# Runs one libFuzzer target of tests/fuzz (ctest calls this; see tests/fuzz/CMakeLists.txt).
#   run_fuzzer.sh replay FUZZER SOURCE_DIR BUILD_DIR
#       every input of corpus/<target>/ and regressions/<target>/ once; fails on any finding
#   run_fuzzer.sh fuzz FUZZER SOURCE_DIR BUILD_DIR SECONDS
#       fuzzes for SECONDS, starting from those inputs; new inputs go to BUILD_DIR/corpus/<target>
#       (the sources are never written), a crashing input to BUILD_DIR/artifacts/<target>/
set -euo pipefail
mode=${1:?mode}
fuzzer=${2:?fuzzer}
src=${3:?source dir}
build=${4:?build dir}
seconds=${5:-20}
target=$(basename "$fuzzer")

dirs=()
for d in "$src/corpus/$target" "$src/regressions/$target"; do
  [ -d "$d" ] && dirs+=("$d")
done
artifacts="$build/artifacts/$target"
mkdir -p "$artifacts"
# A hang (quadratic parsing) counts as a finding, like a crash: 10 s per input at most.
common=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1)

case "$mode" in
  replay)
    files=()
    for d in "${dirs[@]}"; do
      while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$d" -type f -print0)
    done
    echo "$target: replaying ${#files[@]} input(s)"
    exec "$fuzzer" "${common[@]}" "${files[@]}"
    ;;
  fuzz)
    work="$build/corpus/$target"
    mkdir -p "$work"
    exec "$fuzzer" "${common[@]}" -max_total_time="$seconds" "$work" "${dirs[@]}"
    ;;
  *)
    echo "unknown mode $mode" >&2
    exit 2
    ;;
esac
