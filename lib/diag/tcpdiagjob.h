#pragma once
// TcpDiagJob: the Diagnostics step's live work as one job: collect TCP connections from this
// machine (/proc/net/tcp and tcp6), a saved capture file, or a PSC over SSH (ss -tan, else
// netstat -ant, plus tcp_fin_timeout), then build the TcpStateReport. The report reaches the
// job's thread through reportReady(); the evidence holds the source, the counts and the
// findings (for the runbook), never a password.

#include "diag/tcpstatereport.h"
#include "jobs/threadedjob.h"
#include "remote/sshsession.h"

namespace vlab {

struct TcpDiagRequest
{
    enum class Source { Local, File, Ssh };
    Source source = Source::Local;
    QString file;                 // Source::File
    SshConnectOptions connection; // Source::Ssh
    SshCredentials credentials;   // Source::Ssh
    TcpReportOptions options;
};

class TcpDiagJob : public ThreadedJob
{
    Q_OBJECT
public:
    explicit TcpDiagJob(TcpDiagRequest request, QObject *parent = nullptr);
    // Valid once the job has succeeded.
    const TcpStateReport &tcpReport() const { return m_report; }
    TcpCaptureFormat captureFormat() const { return m_format; }
    // Source::Ssh: the host key as checked (state Unknown: confirmed and recorded now).
    const std::optional<HostKeyCheck> &hostKey() const { return m_hostKey; }
    QString sourceName() const;
    // What this job runs with (what a page keeps once it succeeded).
    const TcpDiagRequest &request() const { return m_request; }

Q_SIGNALS:
    void reportReady(const vlab::TcpStateReport &report);

protected:
    Work makeWork() override;

private:
    TcpDiagRequest m_request;
    TcpStateReport m_report;
    TcpCaptureFormat m_format = TcpCaptureFormat::Ss;
    std::optional<HostKeyCheck> m_hostKey;
};

} // namespace vlab
