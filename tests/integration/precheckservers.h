#pragma once
// PrecheckServers: the real servers the live pre-check tests and benchmark talk to, started by
// the test itself for one run and torn down with this object (also when a test fails; the
// server processes also die with the test process, see PR_SET_PDEATHSIG):
//  - dnsmasq serving the example lab's forward and reverse records, rewritten to loopback
//    addresses, with one A record missing (vCenter) and one PTR wrong (the second PSC) on
//    purpose; the lab's zones are local, so a missing name is NXDOMAIN, not REFUSED;
//  - chronyd as an NTP server (local stratum 8, serving this machine's clock, -x: it never
//    touches the clock) on a loopback address and a port of its own;
//  - TCP listeners (open) and a closed TCP port (refused); a TLS listener whose certificate,
//    made at test time with the openssl command, lacks one of the plan's names;
//  - a silent UDP socket (an NTP server that never answers) and a closed UDP port;
//  - a network namespace joined by a veth pair, with an nftables DROP rule on one port: a
//    port that never answers.
// Traffic goes only to 127.0.S.0/24 (S: a slot derived from the process id, so two runs at
// once do not collide) and to the namespace's link-local /30: nothing leaves the machine.
// Readiness is polled on the real service (a DNS query, an SNTP query, a TCP connect) with a
// deadline; nothing sleeps.

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

class QSslServer;
class QTcpServer;
class QUdpSocket;

// What came of starting one server: Started; Unavailable (this machine cannot: not root, a
// tool missing; tests skip with the reason); Failed (it should have worked; tests fail).
struct ServerStart
{
    enum class Outcome { Started, Unavailable, Failed };
    Outcome outcome = Outcome::Failed;
    QString why;

    bool started() const { return outcome == Outcome::Started; }
};

class PrecheckServers : public QObject
{
    Q_OBJECT
public:
    // The loopback lab: host numbers within 127.0.S.0/24.
    enum class Host {
        Gateway = 1,
        LoadBalancer = 10, // vcenter-psc-lb: A and PTR
        Psc01 = 11,        // vcenter-psc01: A and PTR; also the TCP and TLS listeners
        Psc02 = 12,        // vcenter-psc02: A, but its PTR names wrongPtrName() (planted)
        VCenter01 = 13,    // vcenter-vc01: PTR only, no A record (planted)
        VCenter02 = 14,    // vcenter-vc02: A and PTR (the plan where everything exists)
        Psc03 = 15,        // vcenter-psc03: A and PTR (the plan where everything exists)
        Esxi = 20,         // esxi01: A and PTR
        Dns = 53,
        Unassigned = 99, // no records at all
        Ntp = 123,
        Nsip = 200,
        Snip = 201,
    };
    enum class PlanKind {
        PlantedFaults,   // the example lab: vCenter's A record missing, PSC 2's PTR wrong
        AllRecordsExist, // PSC 2 and vCenter replaced by names whose records are all right
    };

    explicit PrecheckServers(QObject *parent = nullptr);
    ~PrecheckServers() override;

    ServerStart startDns();
    ServerStart startNtp();
    ServerStart startTcp();          // open listener, closed port, silent and closed UDP ports
    ServerStart startTls();          // needs the openssl command
    ServerStart startFilteredHost(); // the network namespace
    void stopAll();

    int slot() const { return m_slot; }
    QString address(Host host) const; // "127.0.S.n"
    static QString fqdn(Host host);   // "vcenter-psc01.sslab.com"; empty for hosts without a name
    static QString wrongPtrName() { return QStringLiteral("vcenter-psc-old.sslab.com"); }
    static QString reverseName(const QString &ipv4); // "11.77.0.127.in-addr.arpa"

    QHostAddress dnsServer() const { return QHostAddress(address(Host::Dns)); }
    QString ntpHost() const { return address(Host::Ntp); }
    quint16 ntpPort() const { return m_ntpPort; }
    QString ntpEndpoint() const; // "127.0.S.123:PORT", as a plan names it

    QString tcpHost() const { return address(Host::Psc01); }
    quint16 openTcpPort() const;
    quint16 closedTcpPort() const { return m_closedTcpPort; }
    quint16 silentUdpPort() const;
    quint16 closedUdpPort() const { return m_closedUdpPort; }

    quint16 tlsPort() const;
    QString certificatePath() const; // PEM; names LB and PSC 1, not PSC 2
    static QStringList certificateNames();
    static QString uncoveredName() { return fqdn(Host::Psc02); }

    QString filteredHost() const;                // the namespace's end of the veth pair
    quint16 droppedPort() const { return 4433; } // nftables drops it: no answer
    quint16 refusedPort() const { return 4434; } // nothing listens: refused

    // The example plan, rewritten to this lab's loopback addresses (and NTP server port).
    QJsonObject loopbackPlan(PlanKind kind) const;
    // Targets of the DNS checks that fail on the PlantedFaults plan.
    QStringList plantedDnsFaults() const;

    // The server processes' output so far, for failure messages.
    QString log() const;

private:
    struct Tool
    {
        bool ok = false;
        int exitCode = -1;
        QString output;
    };
    static Tool runTool(const QString &program, const QStringList &args, const QByteArray &input = {},
                        int timeoutMs = 10000);
    static QString findTool(const QString &name);
    ServerStart startProcess(QPointer<QProcess> &process, const QString &program, const QStringList &args);
    static void stopProcess(QPointer<QProcess> &process);
    bool dnsAnswers(int deadlineMs);
    bool ntpAnswers(int deadlineMs);
    bool namespaceAnswers(int deadlineMs);
    void removeStaleNamespaces();
    void removeNamespace();
    QString netnsName() const;
    QString vethName(bool inside) const;

    int m_slot = 0;
    QTemporaryDir m_dir;
    QPointer<QProcess> m_dnsmasq;
    QPointer<QProcess> m_chronyd;
    quint16 m_ntpPort = 0;
    QPointer<QTcpServer> m_tcp;
    QPointer<QSslServer> m_tls;
    QPointer<QUdpSocket> m_silentUdp;
    quint16 m_closedTcpPort = 0;
    quint16 m_closedUdpPort = 0;
    bool m_netns = false;
    QString m_log;
};
