#pragma once
// DnsCheck: asks the plan's DNS servers (not the operating system's resolver) for a name's
// A record and compares it with the planned address (Forward), or for the PTR record of the
// planned address and compares it with the name (Reverse). Missing, wrong and mismatched
// records are reported apart, each with the record to create. Qt's QDnsLookup does the
// protocol work.

#include "precheck/checkjob.h"

#include <QHostAddress>
#include <QPointer>

class QDnsLookup;

namespace vlab {

class DnsCheck : public CheckJob
{
    Q_OBJECT
public:
    enum class Mode { Forward, Reverse };
    // expectedAddress may be empty for Forward (any A record passes: the target host).
    DnsCheck(Mode mode, const QString &fqdn, const QString &expectedAddress,
             const QList<QHostAddress> &servers, const QString &node, int timeoutMs,
             QObject *parent = nullptr);

    static QString reverseName(const QString &ipv4); // "211.1.168.192.in-addr.arpa"

protected:
    void begin() override;
    void timedOut() override;
    void abort() override;

private:
    void ask();
    void answered();

    Mode m_mode;
    QString m_fqdn;
    QString m_address;
    QList<QHostAddress> m_servers;
    qsizetype m_server = 0;
    QStringList m_silent; // servers that did not answer
    QPointer<QDnsLookup> m_lookup;
};

} // namespace vlab
