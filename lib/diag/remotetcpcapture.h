#pragma once
// The TCP states of a remote machine (a PSC), collected over SSH for the diagnostics:
// `ss -tan` (or `netstat -ant` where ss is missing) and net.ipv4.tcp_fin_timeout, read by the
// same parsers as a saved capture (diag/tcpstatereport.h).

#include "diag/tcpstatereport.h"
#include "remote/sshsession.h"

namespace vlab {

// The command run on the host; its output is a capture parseTcpCapture() reads.
QString remoteTcpCaptureCommand();

// Runs it over an authenticated session. Codes: those of SshSession::exec, "diag.remote"
// (neither tool ran), and the parsers'.
Result<TcpCapture> collectRemoteTcpCapture(SshSession &session, std::chrono::milliseconds timeout,
                                           const CancelCheck &cancelled = {}, QByteArray *raw = nullptr);

} // namespace vlab
