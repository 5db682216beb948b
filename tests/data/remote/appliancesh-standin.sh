#!/usr/bin/env bash
# STAND-IN for the VCSA appliance shell (/bin/appliancesh), for the tests only. It reproduces
# what shared/reference/domain-facts.md, section "Appliance shell", documents: the login banner
# ending in "Connected to service" with the hints '* List APIs: "help api list"' and
# '* Launch BASH: "shell"', the prompt "Command> ", "shell.set --enabled True", "shell" printing
# "Shell access is granted to root" and a bash prompt like "root@vcsa [ ~ ]# ", and
# "Unknown command: `<cmd>'" for anything else at "Command> ".
# In its "bash", lines run for real, except that chsh is a function that only records its
# arguments in $VLAB_STANDIN_LOG: the test machine's login shells are never changed.
# The text between "Connected to service" and the hints, the reply to shell.set and the
# "Shell is disabled." line are not
# documented; this stand-in prints nothing there.
set -u
log="${VLAB_STANDIN_LOG:-/dev/null}"
chsh() { printf 'chsh %s\n' "$*" >> "$log"; return 0; }

echo
echo 'Connected to service'
echo
echo '    * List APIs: "help api list"'
echo '    * List Plugins: "help pi list"'
echo '    * Launch BASH: "shell"'
echo
enabled=0
while :; do
  printf 'Command> '
  IFS= read -r cmd || exit 0
  case "$cmd" in
    'shell.set --enabled True'|'shell.set --enabled true') enabled=1 ;;
    shell)
      if [ "$enabled" != 1 ]; then
        echo 'Shell is disabled.'
        continue
      fi
      echo 'Shell access is granted to root'
      while :; do
        printf 'root@vcsa [ ~ ]# '
        IFS= read -r bashline || exit 0
        [ "$bashline" = exit ] && break
        eval "$bashline"
      done ;;
    exit|quit) exit 0 ;;
    '') ;;
    *) echo "Unknown command: \`${cmd%% *}'" ;;
  esac
done
