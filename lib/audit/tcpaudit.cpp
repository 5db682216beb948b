#include "audit/tcpaudit.h"

#include "audit/sshauditfailure.h"
#include "core/tr.h"
#include "diag/tcpdiagjob.h"

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

} // namespace

QList<AuditResult> tcpAuditResults(const TcpDiagJob &job, const PscNode &node)
{
    const TcpReportOptions &options = job.request().options;
    AuditResult psc;
    psc.area = u"tcp"_s;
    psc.target = node.fqdn;
    psc.expected = Tr::tr("no pile-up on ports %1").arg(portList(options.ports));
    if (!job.result())
        return {sshAuditFailure(psc, job.result().error(), job.request().connection)};
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
