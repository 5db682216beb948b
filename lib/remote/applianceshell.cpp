#include "remote/applianceshell.h"

#include "core/tr.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
const QString kProbe = u"vlab-login-shell-probe"_s;
} // namespace

bool looksLikeApplianceShell(const QByteArray &output)
{
    return output.contains("Command> ") || output.contains("Connected to service")
        || output.contains("Unknown command: `");
}

Result<LoginShell> detectLoginShell(SshSession &session, const CancelCheck &cancelled)
{
    Result<ExecResult> run = session.exec(u"echo "_s + kProbe, session.timeout(), cancelled);
    if (!run)
        return run.error();
    const QByteArray all = run->standardOutput + run->standardError;
    if (run->exitStatus == 0 && run->standardOutput.trimmed() == kProbe.toLatin1())
        return LoginShell::Bash;
    if (looksLikeApplianceShell(all))
        return LoginShell::ApplianceShell;
    return LoginShell::Unknown;
}

Result<LoginShellFixResult> switchLoginShellToBash(SshSession &session, const CancelCheck &cancelled,
                                                   const QString &shellCommand,
                                                   std::chrono::milliseconds promptTimeout)
{
    static const QRegularExpression commandPrompt(u"Command> $"_s);
    static const QRegularExpression bashPrompt(u"[#$] $"_s);
    static const QRegularExpression granted(u"Shell access is granted to root[\\s\\S]*[#$] $"_s);
    static const QRegularExpression status(u"vlab-chsh-status=(\\d+)"_s);

    LoginShellFixResult result;
    result.undoCommand = QString::fromLatin1(ApplianceShell::UndoCommand);
    PtyDriver pty(session, cancelled);
    pty.addFailurePattern(QRegularExpression(u"Unknown command: `([^']*)'"_s), u"appliance.fix"_s,
                          Tr::tr("The appliance shell does not know \"%1\"; this appliance may be another "
                                 "version. Make bash the login shell by hand (chsh -s /bin/bash root)."));
    const auto finish = [&]() -> Result<LoginShellFixResult> {
        result.transcript = pty.transcript();
        result.exchanges = pty.exchanges();
        return result;
    };
    if (Result<void> started = pty.start(shellCommand); !started)
        return started.error();
    Result<int> first = pty.expect({commandPrompt, bashPrompt}, promptTimeout);
    if (!first)
        return first.error();
    if (first.value() == 1) {
        result.alreadyBash = true;
        static_cast<void>(pty.send(u"exit"_s));
        return finish();
    }
    const QList<std::pair<QString, QRegularExpression>> steps = {
        {QString::fromLatin1(ApplianceShell::EnableBash), commandPrompt},
        {QString::fromLatin1(ApplianceShell::EnterBash), granted},
        {QString::fromLatin1(ApplianceShell::FixCommand) + u"; echo vlab-chsh-status=$?"_s, status},
    };
    for (const auto &[command, answer] : steps) {
        if (Result<void> sent = pty.send(command); !sent)
            return sent.error();
        if (Result<int> seen = pty.expect({answer}, promptTimeout); !seen)
            return seen.error();
    }
    if (pty.lastMatch().captured(1) != u"0"_s) {
        return makeError(
            u"appliance.fix"_s,
            Tr::tr("\"%1\" failed with exit status %2; the login shell was not changed.")
                .arg(QString::fromLatin1(ApplianceShell::FixCommand), pty.lastMatch().captured(1)),
            pty.transcript());
    }
    // Leaving is best effort: the change is made and checked.
    static_cast<void>(pty.send(u"exit"_s));
    static_cast<void>(pty.expect({commandPrompt}, promptTimeout));
    static_cast<void>(pty.send(u"exit"_s));
    return finish();
}

} // namespace vlab
