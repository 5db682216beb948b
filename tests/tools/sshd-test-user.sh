#!/usr/bin/env bash
# Creates (once) the system user the SSH tests log in as, and sets its password for this run.
# Called by tests/fixtures/sshdfixture.cpp when the tests run as root (as in CI); a
# developer running the tests as a normal user gets no new user and the password tests skip.
# The password comes on stdin (never as an argument, so no process listing shows it); the
# test generates a new random one each run. The user has a home, bash, and no sudo rights.
#
# Usage: sshd-test-user.sh USER < password
set -euo pipefail
user="${1:?usage: sshd-test-user.sh USER < password}"
case "$user" in
  vlabtest*) ;;
  *) echo "sshd-test-user.sh: refusing to touch \"$user\": only vlabtest* users are test users" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "sshd-test-user.sh: needs root" >&2; exit 2; }
if ! id -u "$user" >/dev/null 2>&1; then
  useradd --create-home --shell /bin/bash --comment "vLab Wizard SSH test user" "$user"
fi
IFS= read -r password
[ -n "$password" ] || { echo "sshd-test-user.sh: no password on stdin" >&2; exit 2; }
printf '%s:%s\n' "$user" "$password" | chpasswd
# chpasswd may leave an expired or locked account behind on some defaults: make it usable.
usermod --unlock "$user" >/dev/null 2>&1 || true
chage --maxdays -1 --lastday "$(date +%Y-%m-%d)" "$user" 2>/dev/null || true
