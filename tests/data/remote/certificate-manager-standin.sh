#!/usr/bin/env bash
# STAND-IN for /usr/lib/vmware-vmca/bin/certificate-manager (vSphere 6.7), for the tests only.
# It is not VMware's program and replaces no certificate. It reproduces the documented prompt
# sequence and output of option 1 ("Replace Machine SSL certificate with Custom Certificate"),
# then sub-option 2 ("Import custom certificate(s) and key(s)"), as written down in
# shared/reference/domain-facts.md, section "certificate-manager (option 1, then 2)":
#  - the menu box with "*** Welcome to the vSphere 6.7 Certificate Manager ***", items 1 and 8
#    as documented (items 2 to 7 are not reproduced), "Note : Use Ctrl-D to exit." and
#    "Option[1 to 8]: ";
#  - the SSO credential request, "Enter username [Administrator@vsphere.local]:" (Enter takes
#    the default) and "Enter password:" read without echo from the terminal;
#  - the sub-menu and "Option [1 or 2]: ";
#  - three file prompts, each an explanation line and "File : "; a missing file gives
#    "Please provide valid file location, couldn't find file : <path>" and the prompt again;
#  - the confirmation "Continue operation : Option[Y/N] ? : ", other answers get
#    "Please enter any value with in [Y/N].";
#  - progress lines that end in a carriage return, a newline only at 100% or on failure;
#  - on failure: "Error Code : N", "Error Message : ...", "Status : 0% Completed [Operation
#    failed, performing automatic rollback]", then "Performing rollback of Machine SSL Cert..."
#    and "Rollback completed successfully" or "Rollback operation failed" (those two lines'
#    exact form is marked unverified in domain-facts.md). The 85% figure before "starting
#    services" and the exit status 1 on failure are this stand-in's choices, not documented.
#
# What a PSC does after a successful replacement, serving the new certificate on 443 once its
# services are back, is played by the test's TLS listener (tests/fixtures/tlslistener.h):
# with VLAB_STANDIN_STORE set, a successful run copies the certificate and key it was given to
# <store>/<address>/machine-ssl.crt and .key, <address> being the one this SSH session
# reached (from SSH_CONNECTION), and the listener serves them from then on on that address.
#
# Environment:
#   VLAB_STANDIN_MODE     success (default) | rollback | rollback-failed | hang (after the 70% line,
#                         waits for input that never comes: a run a test cancels half way)
#   VLAB_STANDIN_FAIL_ON  an address: the mode applies to sessions that reached it, others succeed
#   VLAB_STANDIN_LOG      a file that receives what was answered (the password only as its length)
#   VLAB_STANDIN_STORE    a folder for the certificate "now served" (see above)
set -u
mode="${VLAB_STANDIN_MODE:-success}"
log="${VLAB_STANDIN_LOG:-/dev/null}"
store="${VLAB_STANDIN_STORE:-}"
# shellcheck disable=SC2086
set -- ${SSH_CONNECTION:-}
address="${3:-unknown}"
if [ -n "${VLAB_STANDIN_FAIL_ON:-}" ] && [ "$address" != "$VLAB_STANDIN_FAIL_ON" ]; then
  mode=success
fi
record() { printf '%s\n' "$*" >> "$log"; }

line='|                                                                                     |'
echo ' _____________________________________________________________________________________'
echo "$line"
echo '|      *** Welcome to the vSphere 6.7 Certificate Manager ***                         |'
echo "$line"
echo '|                   -- Select Operation --                                            |'
echo "$line"
echo '|      1. Replace Machine SSL certificate with Custom Certificate                     |'
echo "$line"
echo '|      (items 2 to 7 are not reproduced by this stand-in)                             |'
echo "$line"
echo '|      8. Reset all Certificates                                                      |'
echo '|_____________________________________________________________________________________|'
echo 'Note : Use Ctrl-D to exit.'
printf 'Option[1 to 8]: '
IFS= read -r option || exit 0
record "option=$option"
[ "$option" = 1 ] || { echo "stand-in: only option 1 is reproduced"; exit 2; }

echo 'Please provide valid SSO and VC privileged user credential to perform certificate operations.'
printf 'Enter username [Administrator@vsphere.local]:'
IFS= read -r user || exit 0
[ -n "$user" ] || user='Administrator@vsphere.local'
record "user=$user"
printf 'Enter password:'
IFS= read -r -s password || exit 0
echo
record "password-length=${#password}"

echo '         1. Generate Certificate Signing Request(s) and Key(s) for Machine SSL certificate'
echo
echo '         2. Import custom certificate(s) and key(s) to replace existing Machine SSL certificate'
echo
printf 'Option [1 or 2]: '
IFS= read -r sub || exit 0
record "sub-option=$sub"
[ "$sub" = 2 ] || { echo "stand-in: only sub-option 2 is reproduced"; exit 2; }

ask_file() {
  echo
  echo "$1"
  while :; do
    printf 'File : '
    IFS= read -r answer || exit 0
    if [ -f "$answer" ]; then
      record "$2=$answer"
      return
    fi
    echo "Please provide valid file location, couldn't find file : $answer"
  done
}
ask_file 'Please provide valid custom certificate for Machine SSL.' certificate
certificate_file="$answer"
ask_file 'Please provide valid custom key for Machine SSL.' key
key_file="$answer"
ask_file 'Please provide the signing certificate of the Machine SSL certificate' signing-certificate

echo
echo 'You are going to replace Machine SSL cert using custom cert'
while :; do
  printf 'Continue operation : Option[Y/N] ? : '
  IFS= read -r yn || exit 0
  case "$yn" in
    Y|y) record "confirm=$yn"; break ;;
    N|n) record "confirm=$yn"; exit 0 ;;
    *) echo 'Please enter any value with in [Y/N].' ;;
  esac
done

printf 'Status : 70%% Completed [stopping services...]\r'
if [ "$mode" = hang ]; then
  IFS= read -r _ || exit 1 # the terminal closes when the client goes
  exit 1
fi
if [ "$mode" = success ]; then
  if [ -n "$store" ]; then
    # Each file lands whole (copied aside, then renamed): the listener may read at any time.
    mkdir -p "$store/$address"
    cp "$certificate_file" "$store/$address/.machine-ssl.crt" && mv -f "$store/$address/.machine-ssl.crt" "$store/$address/machine-ssl.crt"
    cp "$key_file" "$store/$address/.machine-ssl.key" && mv -f "$store/$address/.machine-ssl.key" "$store/$address/machine-ssl.key"
  fi
  printf 'Status : 85%% Completed [starting services...]\r'
  printf 'Status : 100%% Completed [All tasks completed successfully]\n'
  exit 0
fi
echo
echo 'Error Code : 70034'
echo 'Error Message : Failed to replace the Machine SSL certificate (stand-in failure)'
printf 'Status : 0%% Completed [Operation failed, performing automatic rollback]\n'
echo 'Performing rollback of Machine SSL Cert...'
if [ "$mode" = rollback-failed ]; then
  echo 'Rollback operation failed'
else
  echo 'Rollback completed successfully'
fi
exit 1
