#pragma once
// The few DNS messages a pre-check needs (RFC 1035, sections 4.1 and 3.3): a recursive query
// for one A or PTR record, and the reply's response code and records. The pre-checks ask the
// plan's DNS servers themselves over UDP, instead of through the system resolver, so that a
// server that does not answer is told apart from a record that does not exist: the system
// resolver reports both as a failed lookup.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>

namespace vlab {

enum class DnsType : quint16 { A = 1, Ptr = 12 };

// The query message for `name` ("vcenter-psc01.sslab.com", "211.1.168.192.in-addr.arpa").
// Empty when the name cannot be encoded (an empty label or one longer than 63 octets).
QByteArray dnsQuery(quint16 id, const QString &name, DnsType type);

struct DnsReply
{
    quint16 id = 0;
    int rcode = 0;                 // 0 NOERROR, 1 FORMERR, 2 SERVFAIL, 3 NXDOMAIN, 4 NOTIMP, 5 REFUSED
    bool truncated = false;        // TC: the answer did not fit (not expected for one A or PTR record)
    QList<QHostAddress> addresses; // A records of the answer section
    QStringList names;             // PTR records of the answer section, without the final dot
};

// The reply to a query, or nullopt when `message` is not a well-formed DNS response.
std::optional<DnsReply> parseDnsReply(const QByteArray &message);

} // namespace vlab
