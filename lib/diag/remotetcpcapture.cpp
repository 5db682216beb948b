#include "diag/remotetcpcapture.h"

#include "core/tr.h"

using namespace Qt::StringLiterals;

namespace vlab {

QString remoteTcpCaptureCommand()
{
    return u"if command -v ss >/dev/null 2>&1; then ss -tan; elif command -v netstat >/dev/null 2>&1; then "
           "netstat -ant; else echo 'vlab: neither ss nor netstat' >&2; exit 127; fi; "
           "printf 'net.ipv4.tcp_fin_timeout = %s\\n' \"$(cat /proc/sys/net/ipv4/tcp_fin_timeout)\""_s;
}

Result<TcpCapture> collectRemoteTcpCapture(SshSession &session, std::chrono::milliseconds timeout,
                                           const CancelCheck &cancelled, QByteArray *raw)
{
    Result<ExecResult> run = session.exec(remoteTcpCaptureCommand(), timeout, cancelled);
    if (!run)
        return run.error();
    if (raw)
        *raw = run->standardOutput;
    if (run->exitStatus != 0) {
        return makeError(
            u"diag.remote"_s,
            Tr::tr("Collecting the TCP states on %1 failed (exit status %2): %3. On an appliance, "
                   "make sure the login shell is bash.")
                .arg(session.endpoint().toString(), QString::number(run->exitStatus),
                     QString::fromUtf8(run->standardError + run->standardOutput).trimmed().left(500)));
    }
    return parseTcpCapture(run->standardOutput);
}

} // namespace vlab
