#!/bin/sh
# STAND-IN for vmafd-cli (/usr/lib/vmware-vmafd/bin/vmafd-cli on a PSC), for the tests only:
# the three read-only subcommands the as-built audit's psc area runs,
#   get-domain-name --server-name localhost
#   get-site-name   --server-name localhost
#   get-ls-location --server-name localhost
# Output: the value and a newline on stdout, exit 0, as VMware's open-source vmafd-cli prints
# each of them (printf("%s\n", ...) in Lightwave's vmafd/tools/cli/cli.c, docs/sources.md).
# That the 6.7 appliance's vmafd-cli prints get-site-name the same way is NOT confirmed by a
# published 6.7 transcript; the URL form of get-ls-location (https://FQDN:443/lookupservice/sdk)
# is from published transcripts of vCenter appliances. What the real tool prints on failure is
# not documented: this stand-in prints "Error: ..." on stderr and exits 1 (its own choice).
#
# The values come from the state the test writes: $VLAB_STANDIN_STATE/<address>, where
# <address> is the address the SSH client connected to (the third field of $SSH_CONNECTION),
# so each loopback "PSC" answers for itself. Lines "domain=...", "site=...", "ls=..."; a
# missing file or key makes the subcommand fail.
set -u
sub="${1:-}"
if [ "$#" -ne 3 ] || [ "${2:-}" != --server-name ] || [ "${3:-}" != localhost ]; then
  echo "usage: vmafd-cli (stand-in) get-domain-name|get-site-name|get-ls-location --server-name localhost" >&2
  exit 2
fi
case "$sub" in
  get-domain-name) key=domain ;;
  get-site-name) key=site ;;
  get-ls-location) key=ls ;;
  *) echo "usage: vmafd-cli (stand-in): unknown subcommand $sub" >&2; exit 2 ;;
esac
set -- ${SSH_CONNECTION:-}
address="${3:-}"
state="${VLAB_STANDIN_STATE:-}/$address"
if [ -z "$address" ] || [ ! -r "$state" ]; then
  echo "Error: no state for address '$address' (stand-in)" >&2
  exit 1
fi
value=$(sed -n "s/^$key=//p" "$state" | head -n 1)
if [ -z "$value" ]; then
  echo "Error: $sub has no value (stand-in)" >&2
  exit 1
fi
printf '%s\n' "$value"
