#include "remote/pscendpointjob.h"

#include "core/tr.h"
#include "remote/applianceshell.h"
#include "remote/ptydriver.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr qsizetype kOutputLimit = 16384;

QString tail(const QByteArray &text)
{
    const QString s = QString::fromUtf8(text.right(kOutputLimit)).trimmed();
    return text.size() > kOutputLimit ? u"...\n"_s + s : s;
}

Error failed(const PscEndpointStep &step, int status, const QString &output)
{
    return makeError(
        u"psc.endpoint"_s,
        Tr::tr("On %1 (%2) the command ended with exit status %3. Check the command against KB 2147014 "
               "and the output, then run the step again.")
            .arg(step.nodeId, step.host, QString::number(status)),
        output);
}

} // namespace

PscEndpointJob::PscEndpointJob(PscEndpointRequest request, QObject *parent)
    : ThreadedJob(Tr::tr("Point %1 at the load-balancer name").arg(request.step.nodeId),
                  Tr::tr("Runs on %1: %2").arg(request.connection.endpoint.toString(), request.step.command),
                  parent)
    , m_request(std::move(request))
{
    setTarget(m_request.connection.endpoint.toString());
}

ThreadedJob::Work PscEndpointJob::makeWork()
{
    return [r = m_request](const WorkContext &ctx) -> Result<void> {
        const CancelCheck cancelled = [&ctx] {
            return ctx.isCancelled();
        };
        ctx.progress(0.05, Tr::tr("Connecting to %1").arg(r.connection.endpoint.toString()));
        SshSession session;
        const Result<HostKeyCheck> hostKey = session.connect(r.connection, cancelled);
        if (!hostKey)
            return hostKey.error();
        ctx.evidence(Evidence::Kind::Note,
                     Tr::tr("Connected to %1; host key %2 %3.")
                         .arg(r.connection.endpoint.toString(), hostKey->keyType, hostKey->fingerprint));
        if (Result<void> auth = session.authenticate(r.credentials); !auth)
            return auth;
        // Commands need bash; the appliance shell answers "Unknown command" to them.
        const Result<LoginShell> shell = detectLoginShell(session, cancelled);
        if (!shell)
            return shell.error();
        if (*shell == LoginShell::ApplianceShell)
            return makeError(
                u"appliance.shell"_s,
                Tr::tr("root's login shell on %1 is the appliance shell, where these commands do not run. "
                       "Make bash the login shell first (the login-shell step: %2; undo with %3).")
                    .arg(r.step.nodeId, QString::fromLatin1(ApplianceShell::FixCommand),
                         QString::fromLatin1(ApplianceShell::UndoCommand)));

        ctx.progress(0.2, Tr::tr("Running the command on %1").arg(r.step.nodeId));
        ctx.evidence(Evidence::Kind::Command, r.step.command,
                     Tr::tr("on %1").arg(r.connection.endpoint.toString()));
        if (!r.step.needsSsoPassword) {
            const Result<ExecResult> ran = session.exec(r.step.command, r.runTimeout, cancelled);
            if (!ran)
                return ran.error();
            const QString output = tail(ran->standardOutput + ran->standardError);
            ctx.evidence(Evidence::Kind::Received, Tr::tr("exit status %1").arg(ran->exitStatus), output);
            if (ran->exitStatus != 0)
                return failed(r.step, ran->exitStatus, output);
            ctx.evidence(Evidence::Kind::Outcome, Tr::tr("%1: done (exit status 0).").arg(r.step.nodeId));
            ctx.progress(1.0);
            return {};
        }

        // The password goes over the terminal, at a prompt, without echo: it is never part of
        // a command line the evidence or the appliance's logs keep.
        PtyDriver pty(session, cancelled);
        const QString command =
            u"stty -echo 2>/dev/null; printf 'SSO password: '; IFS= read -r VLAB_SSO_PASSWORD; "
            u"stty echo 2>/dev/null; printf '\\n'; "_s
            + r.step.command;
        if (Result<void> started = pty.start(command); !started)
            return started;
        const Result<int> prompt = pty.expect({QRegularExpression(u"SSO password: "_s)}, r.promptTimeout);
        if (!prompt)
            return prompt.error();
        if (Result<void> sent = pty.send(r.ssoPassword, true); !sent)
            return sent;
        const Result<int> status = pty.finish(r.runTimeout);
        const QString transcript = pty.transcript();
        for (const PtyExchange &x : pty.exchanges())
            ctx.evidence(Evidence::Kind::Sent, x.prompt, x.answer);
        ctx.evidence(Evidence::Kind::Received, Tr::tr("Terminal transcript"), transcript);
        if (!status)
            return status.error();
        if (*status != 0)
            return failed(r.step, *status, transcript);
        ctx.evidence(Evidence::Kind::Outcome, Tr::tr("%1: done (exit status 0).").arg(r.step.nodeId));
        ctx.progress(1.0);
        return {};
    };
}

} // namespace vlab
