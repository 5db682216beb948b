#!/usr/bin/env bash
# Takes the README's pictures of the wizard as a user sees it: the real window on a real X
# server of 1024x700 (Xvfb, no window manager), moved through the steps with real key presses
# (xdotool: Alt+N is Next), each picture a grab of the whole screen (ImageMagick's `import
# -window root`), not an offscreen rendering. The keychain is whatever this session offers: on a
# machine without one, the run panel's one-line notice shows, as it would for such a user.
# Usage: tests/gui/screenshots.sh BUILD_DIR [OUT_DIR]   (default OUT_DIR: resources/screenshots)
# Needs Xvfb, xdotool and imagemagick (README, "Two commands", installs them).
set -euo pipefail
build=${1:?usage: screenshots.sh BUILD_DIR [OUT_DIR]}
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${2:-$src/resources/screenshots}
wizard="$build/app/wizard/vlab-wizard"
[ -x "$wizard" ] || { echo "screenshots.sh: no $wizard (build first)" >&2; exit 2; }
mkdir -p "$out"
work=$(mktemp -d)
xvfb= app=
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
mkfifo "$work/display"
Xvfb -displayfd 3 -screen 0 1024x700x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
read -r display < "$work/display"
export DISPLAY=":$display" QT_QPA_PLATFORM=xcb LC_ALL=C.UTF-8 LANGUAGE=en
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$HOME" "$work/lab"
cp "$src/resources/examples/sslab.vlab.json" "$work/lab/sslab.vlab.json"

# Grabs the screen into OUT/NAME.png once it has settled on something new: two grabs in a row
# alike, and unlike the picture before (the key press reached the window and the next page is
# drawn). Gives up after about 20 s.
grab() { import -window root -depth 8 "rgb:$1"; }
last=
settled_shot() {
  local name=$1 previous=$2 raw=$work/grab.rgb sum before=
  for _ in $(seq 100); do
    grab "$raw"
    sum=$(md5sum < "$raw")
    if [ "$sum" = "$before" ] && [ "$sum" != "$previous" ]; then
      # No time stamps in the file: the same screen gives the same PNG.
      convert -size 1024x700 -depth 8 "rgb:$raw" -define png:exclude-chunks=date,time "$out/$name.png"
      last=$sum
      echo "$out/$name.png"
      return
    fi
    before=$sum
    sleep 0.2
  done
  echo "screenshots.sh: the screen did not settle on a new picture for $name" >&2
  exit 1
}

# Starts the wizard and takes its first picture once it is drawn; then a click on the page
# heading gives it the keyboard (without a window manager nothing else does).
start_wizard() {
  local name=$1 blank
  shift
  grab "$work/blank.rgb"
  blank=$(md5sum < "$work/blank.rgb")
  "$wizard" "$@" >"$work/wizard.log" 2>&1 &
  app=$!
  settled_shot "$name" "$blank"
  xdotool mousemove 600 40 click 1
}
stop_wizard() { kill "$app"; wait "$app" 2>/dev/null || true; app=; }

# The start page, with the plan below among the recent ones.
printf '[General]\nrecentPlans=%s\n' "$work/lab/sslab.vlab.json" > "$work/settings.conf"
mkdir -p "$XDG_CONFIG_HOME/vLab" && cp "$work/settings.conf" "$XDG_CONFIG_HOME/vLab/vLab Wizard.conf"
start_wizard start
stop_wizard

# Every step of the example lab, saved in a project folder of its own.
start_wizard 00-plan "$work/lab/sslab.vlab.json"
for name in 00-build 01-precheck 02-psc 03-certificates 04-applycerts 05-netscaler 06-vcenter 07-vcha 08-vds \
  09-diagnostics 10-audit 11-files; do
  xdotool key alt+n
  settled_shot "$name" "$last"
done
stop_wizard
