#!/usr/bin/env bash
# Runs one GUI test on a real X server of its own: Xvfb (no window manager), a 1280x1024 screen,
# the xcb platform, real key and mouse events through the X server. Xvfb picks a free display
# itself and reports it on a pipe once it accepts connections (-displayfd), so tests running in
# parallel never race for a display number and nothing waits by the clock.
# Usage: [VLAB_XVFB_SCREEN=WxHxD] on-xvfb.sh TEST [ARGS...]   (default 1280x1024x24)
set -euo pipefail
dir=$(mktemp -d)
xvfb=
cleanup() {
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
mkfifo "$dir/display"
Xvfb -displayfd 3 -screen 0 "${VLAB_XVFB_SCREEN:-1280x1024x24}" -nolisten tcp 3>"$dir/display" 2>"$dir/xvfb.log" &
xvfb=$!
if ! read -r display < "$dir/display"; then
  echo "on-xvfb.sh: Xvfb did not start:" >&2
  cat "$dir/xvfb.log" >&2
  exit 1
fi
status=0
DISPLAY=":$display" QT_QPA_PLATFORM=xcb "$@" || status=$?
exit "$status"
