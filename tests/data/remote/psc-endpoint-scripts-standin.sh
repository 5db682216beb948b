#!/bin/sh
# STAND-IN for the two scripts of VMware's procedure for PSC high availability behind a load
# balancer (KB 2147014): updateSSOConfig.py, run on every PSC, and UpdateLsEndpoint.py, run on
# one PSC. For the tests only, run as `sh psc-endpoint-scripts-standin.sh updateSSOConfig ARGS`
# or `... UpdateLsEndpoint ARGS`. The real scripts' paths, flags and output are NOT confirmed by
# a public source (docs/sources.md); this stand-in accepts exactly the flags of vLab Wizard's
# default commands (lib/remote/pscendpointplan.cpp), so a change there that is not also
# reasoned about here fails the tests:
#   updateSSOConfig  --lb-fqdn=FQDN
#   UpdateLsEndpoint --lb-fqdn=FQDN --user=USER --password=PASSWORD
# It checks that the FQDN is a DNS name, appends one line per run to $VLAB_STANDIN_LOG (the
# script, the arguments with the password replaced by its length and SHA-256), prints a line of
# its own and exits 0; a wrong or missing flag exits 2 ("usage"). VLAB_STANDIN_FAIL=1 makes it
# exit 1 after printing "Error: ...", for the failure path.
# With VLAB_STANDIN_STATE set (the vmafd-cli stand-in's state folder), a successful
# updateSSOConfig also sets "ls=https://FQDN:443/lookupservice/sdk" in the state of the address
# this SSH session reached, so that vmafd-cli on that PSC then names the load-balancer name as
# its lookup service location (what the audit's psc area reads). NOT confirmed vendor
# behaviour: the stand-in's model of the step's outcome.
set -u
log="${VLAB_STANDIN_LOG:-/dev/null}"
script="${1:-}"
shift || true
lb=; user=; password=; have_password=no
for arg in "$@"; do
  case "$arg" in
    --lb-fqdn=*) lb=${arg#--lb-fqdn=} ;;
    --user=*) user=${arg#--user=} ;;
    --password=*) password=${arg#--password=}; have_password=yes ;;
    *) echo "usage: $script: unknown argument $arg" >&2; exit 2 ;;
  esac
done
case "$lb" in
  ''|*[!A-Za-z0-9.-]*|.*|*.) echo "usage: $script: --lb-fqdn=FQDN is required" >&2; exit 2 ;;
esac
case "$script" in
  updateSSOConfig)
    [ -z "$user" ] && [ "$have_password" = no ] || { echo "usage: updateSSOConfig takes --lb-fqdn only" >&2; exit 2; }
    printf 'script=updateSSOConfig lb=%s\n' "$lb" >> "$log" ;;
  UpdateLsEndpoint)
    [ -n "$user" ] && [ "$have_password" = yes ] && [ -n "$password" ] || { echo "usage: UpdateLsEndpoint needs --user and --password" >&2; exit 2; }
    sum=$(printf '%s' "$password" | sha256sum | cut -d' ' -f1)
    printf 'script=UpdateLsEndpoint lb=%s user=%s password-length=%s password-sha256=%s\n' \
      "$lb" "$user" "${#password}" "$sum" >> "$log" ;;
  *) echo "usage: stand-in for updateSSOConfig or UpdateLsEndpoint" >&2; exit 2 ;;
esac
if [ "${VLAB_STANDIN_FAIL:-}" = 1 ]; then
  echo "Error: the stand-in was told to fail"
  exit 1
fi
if [ "$script" = updateSSOConfig ] && [ -n "${VLAB_STANDIN_STATE:-}" ]; then
  # shellcheck disable=SC2086
  set -- ${SSH_CONNECTION:-}
  state="$VLAB_STANDIN_STATE/${3:-unknown}"
  { grep -v '^ls=' "$state" 2>/dev/null; printf 'ls=https://%s:443/lookupservice/sdk\n' "$lb"; } > "$state.new" \
    && mv "$state.new" "$state" || { echo "Error: cannot write $state (stand-in)"; exit 1; }
fi
echo "$script: pointed at $lb (stand-in)"
exit 0
