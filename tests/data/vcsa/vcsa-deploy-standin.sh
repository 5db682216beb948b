#!/bin/sh
# A STAND-IN for VMware's vcsa-deploy (the VCSA CLI installer), written for vLab Wizard's
# tests. It deploys nothing. The tests copy it into a fake ISO tree as
# vcsa-cli-installer/lin64/vcsa-deploy, with vcsa-template-schema.json next to it, and run the
# engine and `vlab vcsa run` against it.
#
# Sources (docs/sources.md, "vcsa-deploy"):
# - the template keys: vcsa-template-schema.json (this folder), transcribed from the stock 6.5
#   and 6.7 templates and VMware's installation guides as public copies show them (its
#   "_sources" name each one); every key of a template is checked against the kind of template
#   it is (first PSC: deployment_option infrastructure; replica PSC: infrastructure with
#   first_instance false; vCenter with an external PSC: management-<size>): an unknown key, a
#   required key missing, a value of the wrong kind or outside its listed values fails the
#   template check. Keys the schema marks "confirmed": false are accepted (the runbook says to
#   verify them on the real installer).
# - options and the EULA/CEIP flags: the stock examples run every phase, template check
#   included, with --accept-eula (ibeerens/VCSA README: "vcsa-deploy install --accept-eula
#   --verify-template-only <JSON file path>"; VMware's 6.5 guide examples with
#   --acknowledge-ceip too), and the stock templates' CEIP comment asks for --acknowledge-ceip
#   ("Please confirm your acknowledgement by passing in the parameter --acknowledge-ceip in
#   the command line"): this stand-in requires --accept-eula in every phase and
#   --acknowledge-ceip whenever the template enables CEIP or the phase installs;
# - output and log layout: ../../../shared/reference/domain-facts.md, "vcsa-deploy (form seen on
#   7.x/8.x; 6.7 exact form unverified)": task lines framed by '=' rows ("[START] Start
#   executing Task: ... at HH:MM:SS", "[SUCCEEDED] Successfully executed Task '...' in TaskFlow
#   '...' at HH:MM:SS", "[FAILED] Task: ... execution failed at HH:MM:SS", "Task '...' execution
#   failed because [...], possible resolution is [...]"), the progress report block with
#   "Task: <text>.(RUNNING n/100)", "VCSA Deployment is still running", "Successfully completed
#   VCSA deployment.", "Result and Log File Information...", "WorkFlow log directory:
#   <dir>/workflow_<epoch-ms>", "Error occurred. See logs for details."; the log
#   <log-dir>/workflow_<epoch-ms>/vcsa-cli-installer.log with lines "YYYY-MM-DD HH:MM:SS,mmm -
#   vCSACliInstallLogger - INFO|ERROR - ...";
# - exit 0 on success. Other exit codes are unverified; this stand-in uses the ones commonly
#   given (1 runtime failure, 2 usage/validation, 3 template error).
# Needs jq (Debian package jq) for the template check. For vLab Wizard's sake it also refuses
# an unfilled "<VLAB_...>" password placeholder.
#
# Test modes (environment):
#   VCSA_STANDIN_MODE=ok (default) | template-error | precheck-fail | install-fail | hang
#   VCSA_STANDIN_HANG_PHASE=verify|precheck|install   where "hang" hangs (default install):
#                                the verify and precheck runs hang as soon as they start (before
#                                the template check), so that a test's time limit does not race
#                                the stand-in's own work; the install run after its first progress
#                                report
#   VCSA_STANDIN_IGNORE_TERM=1   the hang ignores SIGTERM (and so does its child)
#   VCSA_STANDIN_NO_WORKFLOW_LINE=1  do not print the "WorkFlow log directory" line
#   VCSA_STANDIN_RECORD=FILE     append one line per run: phase, template mode and path,
#                                arguments, whether a VLAB_*PASSWORD variable was passed on
#   VCSA_STANDIN_PIDFILE=FILE    the hang writes its own and its child's process ids here
#   VCSA_STANDIN_ECHO_SECRETS=FILE  NOT vendor behaviour, a test of vLab Wizard's masking:
#                                after the template check, print every "password" value of
#                                the template the way careless programs echo them: JSON-escaped
#                                (Python's json.dumps, also ASCII-only with \/), shell-quoted
#                                (shlex.quote), backslash-escaped (bash printf %q) and
#                                URL-encoded (urllib quote and quote_plus), each line also
#                                appended to FILE so the test knows what to look for (needs
#                                python3; without it nothing is printed)
#   VCSA_STANDIN_SCHEMA=FILE     the schema (default: vcsa-template-schema.json next to it)
#   VCSA_STANDIN_DEPLOYED=DIR    NOT vendor behaviour: a successful install writes
#                                DIR/<the appliance's address> holding its system name, so a test
#                                can play the new appliance answering there (tst_rehearsal)

args="$*"
mode=${VCSA_STANDIN_MODE:-ok}
phase=install
eula=no
ceip=no
logdir=
template=
sub=
while [ $# -gt 0 ]; do
  case "$1" in
    install) sub=install ;;
    --verify-template-only) phase=verify ;;
    --precheck-only) phase=precheck ;;
    --accept-eula) eula=yes ;;
    --acknowledge-ceip) ceip=yes ;;
    --no-ssl-certificate-verification|--terse) ;;
    --log-dir) shift; logdir=$1 ;;
    --log-dir=*) logdir=${1#--log-dir=} ;;
    -*) echo "vcsa-deploy: error: unrecognized argument: $1" >&2; exit 2 ;;
    *) template=$1 ;;
  esac
  shift
done

rule() { echo "=============================================================================="; }
now() { date +%H:%M:%S; }
ms() { date +%s%3N; }

if [ "$sub" != install ] || [ -z "$template" ] || [ -z "$logdir" ]; then
  echo "usage: vcsa-deploy install [options] TEMPLATE (this stand-in also needs --log-dir)" >&2
  exit 2
fi
if [ "$eula" != yes ]; then
  echo "vcsa-deploy: error: --accept-eula is required" >&2
  exit 2
fi
ceip_enabled=$(jq -r '(.ceip.settings.ceip_enabled // .ceip.settings["ceip.enabled"] // false) | tostring' "$template" 2>/dev/null)
if [ "$ceip" != yes ] && { [ "$phase" = install ] || [ "$ceip_enabled" = true ]; }; then
  echo "vcsa-deploy: error: --acknowledge-ceip is required" >&2
  exit 2
fi

workflow="$logdir/workflow_$(ms)"
mkdir -p "$workflow" || exit 1
log="$workflow/vcsa-cli-installer.log"
logline() { echo "$(date '+%Y-%m-%d %H:%M:%S'),000 - vCSACliInstallLogger - $1 - $2" >> "$log"; }

if [ -n "${VCSA_STANDIN_RECORD:-}" ]; then
  secret_env=no
  env | grep -q '^VLAB_[A-Z_]*PASSWORD=' && secret_env=yes
  echo "phase=$phase mode=$(stat -c %a "$template" 2>/dev/null) template=$template env_password=$secret_env args=$args" \
    >> "$VCSA_STANDIN_RECORD"
fi
logline INFO "Stand-in vcsa-deploy, phase $phase, template $template"

finish() { # $1 exit code
  echo "Result and Log File Information..."
  [ "${VCSA_STANDIN_NO_WORKFLOW_LINE:-}" = 1 ] || echo "WorkFlow log directory: $workflow"
  exit "$1"
}

fail_task() { # $1 task, $2 reason, $3 hint, $4 exit code
  rule
  echo "[FAILED] Task: $1 execution failed at $(now)"
  echo "Task '$1' execution failed because [$2], possible resolution is [$3]"
  rule
  logline ERROR "$2"
  echo "Error occurred. See logs for details."
  finish "$4"
}

hang() {
  [ "${VCSA_STANDIN_IGNORE_TERM:-}" = 1 ] && trap '' TERM
  sleep 600 &
  child=$!
  [ -n "${VCSA_STANDIN_PIDFILE:-}" ] && echo "$$ $child" > "$VCSA_STANDIN_PIDFILE"
  echo "VCSA Deployment is still running"
  wait "$child"
  wait "$child"
  exit 1
}
[ "$mode" = hang ] && [ "$phase" != install ] && [ "${VCSA_STANDIN_HANG_PHASE:-install}" = "$phase" ] && hang

echo_secrets() {
  command -v python3 > /dev/null 2>&1 || return 0
  python3 - "$template" "$VCSA_STANDIN_ECHO_SECRETS" <<'PY'
import json, shlex, subprocess, sys, urllib.parse
def walk(value, found):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "password" and isinstance(item, str):
                found.append(item)
            else:
                walk(item, found)
    elif isinstance(value, list):
        for item in value:
            walk(item, found)
found = []
with open(sys.argv[1]) as f:
    walk(json.load(f), found)
forms = []
for pw in found:
    forms += [json.dumps(pw)[1:-1], json.dumps(pw, ensure_ascii=True).replace("/", "\\/")[1:-1],
              shlex.quote(pw),
              subprocess.run(["bash", "-c", 'printf "%q" "$1"', "_", pw], capture_output=True, text=True).stdout,
              urllib.parse.quote(pw, safe=""), urllib.parse.quote_plus(pw)]
with open(sys.argv[2], "a") as record:
    for form in forms:
        print("Setting echoed: password=" + form)
        record.write(form + "\n")
PY
}

# Template validation (every phase, as the real installer does first).
rule
echo "[START] Start executing Task: To validate CLI options at $(now)"
valid=yes
reason=
schema=${VCSA_STANDIN_SCHEMA:-$(dirname "$0")/vcsa-template-schema.json}
if [ ! -r "$template" ]; then
  valid=no; reason="The template file $template cannot be read"
elif ! command -v jq > /dev/null 2>&1 || [ ! -r "$schema" ]; then
  echo "vcsa-deploy stand-in: needs jq and the schema $schema" >&2
  exit 2
elif ! jq -e 'type == "object" and has("__version")' "$template" > /dev/null 2>&1; then
  valid=no; reason="The template is not valid JSON with a __version key"
else
  # Every key against the schema of its kind of template (see the header).
  reason=$(jq -r --slurpfile schema "$schema" '
    def present($p): getpath($p) != null;
    def name($p): $p | join(" > ");
    (.["new_vcsa"] // .["new.vcsa"] // {}) as $nv
    | ($nv.appliance // {}) as $app
    | ($app.deployment_option // $app["deployment.option"] // "") as $opt
    | ($nv.sso // {}) as $sso
    | (if ($sso | has("first_instance")) then $sso.first_instance
       elif ($sso | has("first-instance")) then $sso["first-instance"] else null end) as $first
    | (if $opt == "infrastructure" then (if $first == false then "psc-replica" else "psc-first" end)
       elif ($opt | tostring | startswith("management-")) then "vcenter-external-psc" else null end) as $kind
    | $schema[0].versions[.__version | tostring] as $version
    | if $version == null then "Unsupported template version \(.__version)"
      elif $kind == null then "Cannot tell the kind of deployment from deployment_option \($opt | tojson)"
      else $version[$kind] as $k
      | [paths(type != "object") | select(all(.[]; type == "string"))
         | select(index("__comments") == null and index("__version") == null)] as $leaves
      | . as $t
      | [ ($leaves[] | . as $p | select(any($k.keys[]; .path == $p) | not)
           | "Unknown key \(name($p)) in a \($kind) template"),
          ($k.keys[] | . as $key | select($key.required and ($t | present($key.path) | not))
           | "Missing key \(name($key.path)) in a \($kind) template"),
          ($k.oneOf[] | select(any(.[]; . as $p | $t | present($p)) | not)
           | "Missing key: one of \(map(name(.)) | join(", "))"),
          ($k.keys[] | . as $key | select($t | present($key.path)) | ($t | getpath($key.path)) as $v
           | select(
               ($key.type == "string" and ($v | type) != "string")
               or ($key.type == "boolean" and ($v | type) != "boolean")
               or ($key.type == "integer" and (($v | type) != "number" or ($v | floor) != $v))
               or ($key.type == "array" and ($v | type) != "array")
               or ($key.type == "string-or-array" and ($v | type) != "string"
                   and (($v | type) != "array" or any($v[]; type != "string"))))
           | "Invalid value for \(name($key.path)): expected \($key.type)"),
          ($k.keys[] | . as $key | select($key.values != null and ($t | present($key.path)))
           | ($t | getpath($key.path)) as $v | select(any($key.values[]; . == $v) | not)
           | "Invalid value for \(name($key.path)): \($v | tojson) is not one of \($key.values | join(", "))")
        ] | join("; ")
      end' "$template" 2>&1)
  [ -n "$reason" ] && valid=no
fi
if [ "$valid" = yes ] && grep -q '<VLAB_[A-Z_]*>' "$template"; then
  valid=no; reason="The template still holds an unfilled <VLAB_...> placeholder"
fi
if [ "$valid" = yes ] && [ "$phase" = verify ] && [ "$mode" = template-error ]; then
  valid=no; reason="Invalid value for section 'new_vcsa', subsection 'network', key 'prefix'"
fi
if [ "$valid" = no ]; then
  fail_task "TemplateValidationTask" "$reason" "Correct the template and run the installer again" 3
fi
echo "[SUCCEEDED] Successfully executed Task 'CLIOptionsValidationTask: Executing CLI optionsvalidation task' in TaskFlow 'template' at $(now)"
rule
logline INFO "Template validated"
[ -n "${VCSA_STANDIN_ECHO_SECRETS:-}" ] && echo_secrets
[ "$phase" = verify ] && finish 0

rule
echo "[START] Start executing Task: Perform precheck tasks at $(now)"
if [ "$mode" = precheck-fail ]; then
  fail_task "PrecheckTask" "The reverse DNS lookup of the appliance address does not return its FQDN" \
    "Add a PTR record for the appliance address" 1
fi
echo "[SUCCEEDED] Successfully executed Task 'PrecheckTask: Running prechecks.' in TaskFlow 'install' at $(now)"
rule
logline INFO "Prechecks passed"
[ "$phase" = precheck ] && finish 0

progress() { # $1 text, $2 state, $3 n
  echo "==========VCSA Deployment Progress Report=========="
  echo "Task: $1.($2 $3/100)"
}
rule
echo "[START] Start executing Task: Deploy the appliance at $(now)"
progress "Install required RPMs for the appliance" RUNNING 20
[ "$mode" = hang ] && hang
progress "Install required RPMs for the appliance" RUNNING 55
if [ "$mode" = install-fail ]; then
  logline ERROR "Failed to install RPM vmware-identity-sts: No space left on device"
  logline ERROR "Deployment of the appliance was rolled back"
  rule
  echo "[FAILED] Task: MonitorDeploymentTask: Monitoring Deployment execution failed at $(now)"
  rule
  echo "Error occurred. See logs for details."
  finish 1
fi
echo "VCSA Deployment is still running"
progress "Start the services of the appliance" RUNNING 90
progress "Start the services of the appliance" SUCCEEDED 100
echo "Successfully completed VCSA deployment."
logline INFO "Deployment completed"
if [ -n "${VCSA_STANDIN_DEPLOYED:-}" ]; then
  address=$(jq -r '[.. | objects | .ip? | strings][0] // empty' "$template")
  system_name=$(jq -r '[.. | objects | .system_name? | strings][0] // empty' "$template")
  [ -n "$address" ] && printf '%s\n' "$system_name" > "$VCSA_STANDIN_DEPLOYED/$address"
fi
rule
finish 0
