#include "remote/loginshelljob.h"

#include "core/tr.h"
#include "remote/applianceshell.h"

using namespace Qt::StringLiterals;

namespace vlab {

LoginShellJob::LoginShellJob(const QString &nodeName, const SshConnectOptions &connection,
                             const SshCredentials &credentials, const QString &shellCommand, QObject *parent)
    : ThreadedJob(Tr::tr("Make bash the login shell on %1").arg(nodeName),
                  Tr::tr("Runs %1 on %2 so that SFTP works; undo with %3.")
                      .arg(QString::fromLatin1(ApplianceShell::FixCommand), connection.endpoint.toString(),
                           QString::fromLatin1(ApplianceShell::UndoCommand)),
                  parent)
    , m_node(nodeName)
    , m_connection(connection)
    , m_credentials(credentials)
    , m_shellCommand(shellCommand)
{
    setTarget(connection.endpoint.toString());
}

ThreadedJob::Work LoginShellJob::makeWork()
{
    return [node = m_node, connection = m_connection, credentials = m_credentials,
            shellCommand = m_shellCommand,
            replacement = m_replacement](const WorkContext &ctx) -> Result<void> {
        const CancelCheck cancelled = [&ctx] {
            return ctx.isCancelled();
        };
        if (replacement) {
            const Result<ServedLook> look = lookAtServedCertificate(*replacement, ctx);
            if (!look)
                return look.error();
            if (look->verdict == ServedLook::Verdict::NewLeaf)
                return alreadyServedResult(
                    *replacement, *look,
                    Tr::tr("No file needs to go there, so the login shell was left as it is."));
        }
        ctx.progress(0.1, Tr::tr("Connecting to %1").arg(connection.endpoint.toString()));
        SshSession session;
        Result<HostKeyCheck> hostKey = session.connect(connection, cancelled);
        if (!hostKey)
            return hostKey.error();
        ctx.evidence(Evidence::Kind::Note,
                     Tr::tr("Connected to %1; host key %2 %3.")
                         .arg(connection.endpoint.toString(), hostKey->keyType, hostKey->fingerprint));
        if (Result<void> auth = session.authenticate(credentials); !auth)
            return auth;
        ctx.progress(0.4, Tr::tr("Switching the login shell of %1").arg(node));
        ctx.evidence(Evidence::Kind::Command, QString::fromLatin1(ApplianceShell::FixCommand),
                     Tr::tr("undo: %1").arg(QString::fromLatin1(ApplianceShell::UndoCommand)));
        const Result<LoginShellFixResult> fixed = switchLoginShellToBash(session, cancelled, shellCommand);
        if (!fixed)
            return fixed.error();
        for (const PtyExchange &x : fixed->exchanges)
            ctx.evidence(Evidence::Kind::Sent, x.prompt, x.answer);
        ctx.evidence(Evidence::Kind::Received, Tr::tr("Terminal transcript"), fixed->transcript);
        ctx.evidence(
            Evidence::Kind::Outcome,
            fixed->alreadyBash
                ? Tr::tr("bash already was the login shell on %1; nothing changed.").arg(node)
                : Tr::tr("bash is now the login shell on %1; undo with %2.").arg(node, fixed->undoCommand));
        ctx.progress(1.0, Tr::tr("Login shell of %1 checked").arg(node));
        return {};
    };
}

} // namespace vlab
