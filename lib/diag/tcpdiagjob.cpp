#include "diag/tcpdiagjob.h"

#include "core/atomicfile.h"
#include "core/tr.h"
#include "diag/remotetcpcapture.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
constexpr qint64 kMaxCaptureBytes = 64 * 1024 * 1024;
}

TcpDiagJob::TcpDiagJob(TcpDiagRequest request, QObject *parent)
    : ThreadedJob(Tr::tr("TCP connection states"), {}, parent)
    , m_request(std::move(request))
{
    mutableReport().description =
        Tr::tr("Counts the TCP connections of %1 per state, port and peer.").arg(sourceName());
    setKey(u"diag.tcp"_s);
    if (m_request.source == TcpDiagRequest::Source::Ssh)
        setTarget(m_request.connection.endpoint.toString());
}

QString TcpDiagJob::sourceName() const
{
    switch (m_request.source) {
    case TcpDiagRequest::Source::Local:
        return Tr::tr("this machine");
    case TcpDiagRequest::Source::File:
        return m_request.file;
    case TcpDiagRequest::Source::Ssh:
        return m_request.connection.endpoint.toString();
    }
    return {};
}

ThreadedJob::Work TcpDiagJob::makeWork()
{
    return [this, r = m_request, source = sourceName()](const WorkContext &ctx) -> Result<void> {
        const CancelCheck cancelled = [&ctx] {
            return ctx.isCancelled();
        };
        TcpReportOptions options = r.options;
        std::optional<HostKeyCheck> checkedKey;
        ctx.progress(0.1, Tr::tr("Collecting the connections of %1").arg(source));
        Result<TcpCapture> capture = makeError(QString(), QString());
        switch (r.source) {
        case TcpDiagRequest::Source::Local:
            capture = readLocalTcpConnections();
            if (capture && !options.finTimeoutSeconds)
                options.finTimeoutSeconds = readLocalFinTimeout();
            break;
        case TcpDiagRequest::Source::File: {
            // A regular file of at most 64 MB (a FIFO or /dev/zero is refused, not read).
            const Result<QByteArray> data = readFileLimited(r.file, kMaxCaptureBytes);
            if (!data)
                return makeError(u"diag.file"_s, data.error().message);
            capture = parseTcpCapture(*data);
            break;
        }
        case TcpDiagRequest::Source::Ssh: {
            SshSession session;
            const Result<HostKeyCheck> hostKey = session.connect(r.connection, cancelled);
            if (!hostKey)
                return hostKey.error();
            checkedKey = *hostKey;
            ctx.evidence(Evidence::Kind::Note,
                         Tr::tr("Connected to %1; host key %2 %3.")
                             .arg(r.connection.endpoint.toString(), hostKey->keyType, hostKey->fingerprint));
            if (Result<void> auth = session.authenticate(r.credentials); !auth)
                return auth;
            ctx.evidence(Evidence::Kind::Command, remoteTcpCaptureCommand());
            capture = collectRemoteTcpCapture(session, r.connection.timeout, cancelled);
            break;
        }
        }
        if (!capture)
            return capture.error();
        if (!options.finTimeoutSeconds)
            options.finTimeoutSeconds = capture->finTimeoutSeconds;
        ctx.progress(0.8, Tr::tr("Counting %n connection(s)", nullptr, int(capture->connections.size())));
        const TcpStateReport report = TcpStateReport::build(capture->connections, options);
        ctx.evidence(Evidence::Kind::Received,
                     Tr::tr("TCP states of %1 (%2)").arg(source, tcpCaptureFormatName(capture->format)),
                     report.toText());
        for (const Finding &f : report.findings())
            ctx.evidence(Evidence::Kind::Outcome, f.message, f.hint);
        if (report.findings().isEmpty())
            ctx.evidence(Evidence::Kind::Outcome, Tr::tr("No pile-up over the thresholds."));
        // Hand the report to the job's thread; the job object itself is only touched there.
        QMetaObject::invokeMethod(
            this,
            [this, report, format = capture->format, checkedKey] {
                m_report = report;
                m_format = format;
                m_hostKey = checkedKey;
                Q_EMIT reportReady(report);
            },
            Qt::QueuedConnection);
        ctx.progress(1.0, Tr::tr("%n connection(s) counted", nullptr, report.total()));
        return {};
    };
}

} // namespace vlab
