#pragma once
// The VCSA appliance shell: on vCenter and PSC appliances root's login shell may be the
// appliance shell ("Command> "), not bash. Commands over SSH then do not run and SFTP breaks
// ("Received too large ... SFTP packet"). The documented fix makes bash root's login shell
// (`chsh -s /bin/bash root`, undone by `chsh -s /bin/appliancesh root`); it changes the
// appliance, so it is an explicit step the user approves, never done on the side.

#include "core/result.h"
#include "remote/ptydriver.h"
#include "remote/sshsession.h"

namespace vlab {

namespace ApplianceShell {
inline constexpr auto EnableBash = "shell.set --enabled True";
inline constexpr auto EnterBash = "shell";
inline constexpr auto FixCommand = "chsh -s /bin/bash root";
inline constexpr auto UndoCommand = "chsh -s /bin/appliancesh root";
} // namespace ApplianceShell

enum class LoginShell { Bash, ApplianceShell, Unknown };

// Output of a command or a login that came from the appliance shell: its prompt, its banner or
// its answer to an unknown command.
bool looksLikeApplianceShell(const QByteArray &output);

// Runs a harmless probe over exec and tells which shell ran it.
Result<LoginShell> detectLoginShell(SshSession &session, const CancelCheck &cancelled = {});

struct LoginShellFixResult
{
    bool alreadyBash = false; // the login shell was bash: nothing was changed
    QString undoCommand;      // to give the appliance shell back
    QString transcript;       // what the terminal showed
    QList<PtyExchange> exchanges;
};

// The approved step: logs in with a terminal, and at "Command> " enables and enters bash
// (shell.set --enabled True, shell), runs `chsh -s /bin/bash root` and checks its exit status.
// `shellCommand` empty: the login shell (tests put a stand-in there).
// Codes: "appliance.fix" and those of PtyDriver.
Result<LoginShellFixResult>
switchLoginShellToBash(SshSession &session, const CancelCheck &cancelled = {},
                       const QString &shellCommand = {},
                       std::chrono::milliseconds promptTimeout = std::chrono::seconds(60));

} // namespace vlab
