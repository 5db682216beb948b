#!/bin/sh
# Fails when a source file of the engine or the programs chains QString::arg calls
# (x.arg(a).arg(b)): the second call would substitute into whatever the first one inserted, so
# a value holding "%1".."%9" (a plan value, a peer's reply, a file name) takes the next
# argument in its place. One multi-argument arg() (numbers through QString::number) replaces
# every placeholder in one pass. Usage: check_arg_chains.sh DIR...
set -eu
pattern='\.arg(\((?:[^()"'"'"']|"(?:[^"\\]|\\.)*"|'"'"'(?:[^'"'"'\\]|\\.)*'"'"'|(?1))*\))\s*\.arg\('
status=0
for dir in "$@"; do
  for file in $(find "$dir" -name '*.cpp' -o -name '*.h' | sort); do
    if grep -Pzoq "$pattern" "$file"; then
      grep -Pzo "$pattern" "$file" | tr '\0' '\n' | head -3 | sed "s|^|$file: chained arg(): |"
      status=1
    fi
  done
done
[ $status -eq 0 ] && echo "no chained QString::arg calls"
exit $status
