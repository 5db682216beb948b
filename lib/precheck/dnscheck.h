#pragma once
// DnsCheck: asks the plan's DNS servers (not the operating system's resolver) for a name's
// A record and compares it with the planned address (Forward), or for the PTR record of the
// planned address and compares it with the name (Reverse). Missing, wrong and mismatched
// records are reported apart, each with the record to create. The queries go over UDP to
// each server directly (dnsmessage.h), so that a server that never answers is "no answer"
// within the check's limit, told apart from a missing record; the next server of the plan is
// asked when the first stays silent for its share of the limit or cannot answer.

#include "precheck/checkjob.h"
#include "precheck/dnsmessage.h"

#include <QHostAddress>
#include <QList>
#include <QTimer>

class QUdpSocket;

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
    struct Asked
    {
        QUdpSocket *socket = nullptr;
        quint16 id = 0;
        QString problem;       // why this server gave no usable answer (empty: none yet)
        bool answered = false; // it answered, with an error (not silent or unreachable)
    };
    void askNext();
    void readReplies(qsizetype index);
    void serverProblem(qsizetype index, const QString &why, bool answered);
    void evaluate(const QString &server, const DnsReply &reply);
    QString silentServers() const;

    Mode m_mode;
    QString m_fqdn;
    QString m_address;
    QList<QHostAddress> m_servers;
    QList<Asked> m_asked; // one per server asked so far, in the plan's order
    QTimer m_nextServer;  // asks the next server when the earlier ones stay silent
};

} // namespace vlab
