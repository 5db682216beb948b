#include "audit/tcpaudit.h"

#include "core/tr.h"
#include "diag/tcpdiagjob.h"
#include "remote/hostkeys.h"

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

QString portList(const QList<int> &ports)
{
    QStringList list;
    for (int port : ports)
        list << QString::number(port);
    return list.join(u", "_s);
}

// The job ended before it could count anything: what its error means for the audit.
AuditResult failedResult(AuditResult a, const Error &e, const TcpDiagRequest &request)
{
    const SshEndpoint &endpoint = request.connection.endpoint;
    a.message = e.message;
    if (e.code == u"hostkey.not-confirmed"_s) {
        const QString fingerprint = fingerprintToConfirm(e);
        a.status = AuditStatus::Skipped;
        a.message = Tr::tr("Not checked: the host key of %1 is not recorded in %2, and the audit records "
                           "none.")
                        .arg(endpoint.toString(), request.connection.knownHostsFile);
        a.hint = Tr::tr("Compare the fingerprint %1 with the one the PSC's administrator gives you, then "
                        "record it once: vlab diag tcp --ssh %2 --plan PLAN --accept-host-key %1.")
                     .arg(fingerprint.isEmpty() ? Tr::tr("(see vlab diag tcp)") : fingerprint,
                          endpoint.toString());
    } else if (e.code.startsWith(u"hostkey."_s) && e.code != u"hostkey.no-file"_s
               && e.code != u"hostkey.read"_s) {
        // A recorded key that differs now: nothing was sent.
        a.status = AuditStatus::Drift;
        a.found = e.details;
        a.hint = Tr::tr("Find out why the PSC's host key changed before recording the new one.");
    } else if (e.code == u"ssh.auth"_s || e.code == u"ssh.key"_s) {
        a.status = AuditStatus::Drift;
        a.hint = Tr::tr("Check the SSH user and its password (VLAB_ROOT_PASSWORD) or key (--identity).");
    } else if (e.code == u"ssh.connect"_s || e.code == u"ssh.timeout"_s || e.code == u"ssh.dropped"_s
               || e.code == u"job.timeout"_s) {
        a.status = AuditStatus::Unreachable;
        a.hint = Tr::tr("Check that the PSC is up, that SSH is enabled on it and that %1 is its address.")
                     .arg(endpoint.host);
    } else {
        // Cancelled, no known_hosts file, a login shell that cannot run ss or netstat, output
        // that does not parse: not checked.
        a.status = AuditStatus::Skipped;
        a.message = Tr::tr("Not checked: %1").arg(e.message);
        if (e.code == u"diag.remote"_s)
            a.hint = Tr::tr("Make bash the login shell of %1 on the PSC (chsh -s /bin/bash %1).")
                         .arg(endpoint.user);
    }
    return a;
}

} // namespace

QList<AuditResult> tcpAuditResults(const TcpDiagJob &job, const PscNode &node)
{
    const TcpReportOptions &options = job.request().options;
    AuditResult psc;
    psc.area = u"tcp"_s;
    psc.target = node.fqdn;
    psc.expected = Tr::tr("no pile-up on ports %1").arg(portList(options.ports));
    if (!job.result())
        return {failedResult(psc, job.result().error(), job.request())};
    const TcpStateReport &report = job.tcpReport();
    if (!report.hasPileUp()) {
        psc.status = AuditStatus::Ok;
        psc.found = report.total() == 0
            ? Tr::tr("no connection on these ports")
            : Tr::tr("%1 connection(s): %2").arg(QString::number(report.total()), formatTcpStateCounts([&] {
                                                     TcpStateCounts counts{};
                                                     for (TcpState s : allTcpStates())
                                                         counts.at(size_t(s)) = report.count(s);
                                                     return counts;
                                                 }()));
        psc.message = Tr::tr("No pile-up on the PSC ports of %1.").arg(node.fqdn);
        return {psc};
    }
    QList<AuditResult> items;
    for (const Finding &f : report.findings()) {
        // The diagnostics name a pile-up "tcp.STATE:PORT".
        const QString what = f.path.mid(4);
        const QString stateName = what.section(u':', 0, 0);
        const int port = what.section(u':', 1).toInt();
        const std::optional<TcpState> state = tcpStateFromName(stateName);
        int count = 0;
        for (const TcpPortRow &row : report.ports()) {
            if (row.port == port && state)
                count = row.counts.at(size_t(*state));
        }
        AuditResult a;
        a.area = u"tcp"_s;
        a.target = Tr::tr("%1 port %2 %3").arg(node.fqdn, QString::number(port), stateName);
        a.status = AuditStatus::Drift;
        a.expected = state
            ? Tr::tr("fewer than %1 in %2").arg(QString::number(options.thresholds.at(*state)), stateName)
            : psc.expected;
        a.found = Tr::tr("%1 in %2").arg(QString::number(count), stateName);
        a.message = f.message;
        a.hint = f.hint;
        items << a;
    }
    return items;
}

} // namespace vlab
