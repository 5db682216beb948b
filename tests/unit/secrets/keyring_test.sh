#!/usr/bin/env bash
# The keychain store against a real Secret Service: gnome-keyring-daemon on a private D-Bus
# session (dbus-run-session), in a scratch HOME. One probe process stores the canary, the
# keyring is asked for it directly with secret-tool, a second process reads it back (the
# secret outlives the process), a third removes it. No fallback may happen, and the canary
# may be in no file in plain text (the keyring file is encrypted) and in no output.
# Usage: dbus-run-session -- keyring_test.sh PROBE
set -euo pipefail
probe=$1
fail() { echo "FAIL: $*" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME=$scratch XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config XDG_CACHE_HOME=$scratch/cache
export XDG_RUNTIME_DIR=$scratch/run
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY XDG_CURRENT_DESKTOP
# A new login keyring, unlocked with a throwaway password; only the Secret Service part.
printf 'keyring-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null \
  || fail "gnome-keyring-daemon did not start"

export VLAB_TEST_CANARY="keyring-canary-$$-Pa55"
outputs=$scratch/outputs
mkdir "$outputs"
step() { # step NAME EXPECTED: runs the probe's NAME step and checks its report
  "$probe" "$1" >"$outputs/$1.out" 2>"$outputs/$1.err" || { cat "$outputs/$1".* >&2; fail "probe $1 failed"; }
  grep -qx "$2 persistent=yes fallbacks=0" "$outputs/$1.out" || { cat "$outputs/$1".* >&2; fail "probe $1"; }
  echo "ok: probe $1: $(cat "$outputs/$1.out")"
}
lookup() { secret-tool lookup user vlab/probe/sso server "vLab Wizard test" 2>/dev/null || true; }

step write write=ok
[ "$(lookup)" = "$VLAB_TEST_CANARY" ] || fail "the Secret Service does not hold the written secret"
echo "ok: the Secret Service holds it under user=vlab/probe/sso server=\"vLab Wizard test\""
step read read=same
if grep -rlF "$VLAB_TEST_CANARY" "$HOME" --exclude-dir=outputs; then fail "the secret is in a file in plain text"; fi
if grep -rlF "$VLAB_TEST_CANARY" "$outputs"; then fail "the secret was printed"; fi
echo "ok: in no file in plain text, in no output"
step remove remove=ok
[ -z "$(lookup)" ] || fail "the secret is still in the Secret Service after remove"
echo "ok: removed from the Secret Service"
echo "keyring test: all checks passed"
