// The live pre-checks against real servers on this machine (issue 7, point 8): dnsmasq with
// the example lab's records (one A record missing, one PTR wrong), chronyd, TCP listeners, a
// closed port, a port an nftables rule drops inside a network namespace, and a TLS listener
// whose certificate lacks one name. PrecheckServers starts them for this run and stops them
// at the end. Then the same through the built `vlab precheck`.
// Only loopback addresses and the test's own namespace are ever contacted.

#include "precheckservers.h"

#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "plan/planjson.h"
#include "precheck/dnscheck.h"
#include "precheck/dnsmessage.h"
#include "precheck/ntpcheck.h"
#include "precheck/portcheck.h"
#include "precheck/precheckplan.h"
#include "precheck/tlscheck.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Qt::StringLiterals;
using vlab::CheckJob;
using vlab::CheckResult;
using vlab::CheckStatus;
using vlab::Job;
using vlab::JobQueue;
using Host = PrecheckServers::Host;

namespace {

constexpr int kGraceMs = 750;   // how late past its time limit a check may finish
constexpr int kAnswerMs = 1000; // an answered check (pass, refused, wrong record) is quicker than this

struct Ran
{
    bool finished = false;
    Job::State state = Job::State::Pending;
    CheckResult result;
    QString errorCode;
};

// Runs one check on its own and waits for it, at most `waitMs`.
Ran runCheck(CheckJob *job, int waitMs)
{
    const std::unique_ptr<CheckJob> owner(job);
    QSignalSpy done(job, &Job::finished);
    job->start();
    if (done.isEmpty())
        done.wait(waitMs);
    Ran ran;
    ran.finished = job->isFinished();
    ran.state = job->state();
    ran.result = job->checkResult();
    ran.errorCode = job->result().ok() ? QString() : job->result().error().code;
    return ran;
}

QString describe(const CheckResult &r)
{
    return u"%1 [%2] %3 | hint: %4 | detail: %5 | %6 ms"_s.arg(
        vlab::checkStatusName(r.status), r.target, r.message, r.hint, r.detail, QString::number(r.elapsedMs));
}

} // namespace

// Skips when this machine cannot run the server (not root, tool missing), fails when it should.
#define REQUIRE_SERVER(start)                                     \
    do {                                                          \
        if ((start).outcome == ServerStart::Outcome::Unavailable) \
            QSKIP(qPrintable((start).why));                       \
        QVERIFY2((start).started(), qPrintable((start).why));     \
    } while (false)

struct DnsCase
{
    vlab::DnsCheck::Mode mode = vlab::DnsCheck::Mode::Forward;
    QString fqdn;
    QString address;
    QList<QHostAddress> servers;
    CheckStatus status = CheckStatus::Pass;
    QStringList inMessage;
    QStringList inHint;
    int timeoutMs = 3000;
};
Q_DECLARE_METATYPE(DnsCase)

enum class Needs { Tcp, Netns, Chrony, Tls };

struct PortCase
{
    Needs needs = Needs::Tcp;
    QString host;
    quint16 port = 0;
    int timeoutMs = 2000;
    CheckStatus status = CheckStatus::Pass;
    QString inMessage;
    int minMs = 0;
    int maxMs = kAnswerMs;
};
Q_DECLARE_METATYPE(PortCase)

struct SntpCase
{
    QByteArray packet;
    qint64 t1Ms = 0;
    qint64 t4Ms = 0;
    QByteArray sent;   // the transmit timestamp of our request
    QString errorCode; // empty: parses
    int stratum = 0;
    int leap = 0;
    double offsetMs = 0;
    double delayMs = 0;
};
Q_DECLARE_METATYPE(SntpCase)

struct TlsCase
{
    enum class Port { Tls, PlainTcp, Closed };
    Port port = Port::Tls;
    QString name;
    CheckStatus status = CheckStatus::Pass;
    QStringList inMessage;
    QString inHint;
};
Q_DECLARE_METATYPE(TlsCase)

struct PlanJobsCase
{
    QString only;
    bool targetAsAddress = false;
    QMap<QString, int> perCategory;
    bool beforeInstall = false; // as `vlab run` checks before it installs the PSCs and vCenter
};
Q_DECLARE_METATYPE(PlanJobsCase)

struct CliCase
{
    PrecheckServers::PlanKind plan = PrecheckServers::PlanKind::PlantedFaults;
    QStringList args; // after "precheck PLAN"
    bool needsNtp = false;
    int exitCode = 0;
    bool json = true;
    int checks = 0;
    int failed = 0;
    bool plantedFaults = false; // the failing targets are exactly the planted ones
    QString inStdout{};
    QString inStderr{};
};
Q_DECLARE_METATYPE(CliCase)

class TestPrecheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void dns_data();
    void dns();
    void ports_data();
    void ports();
    void ntp_data();
    void ntp();
    void sntpReply_data();
    void sntpReply();
    void sntpRequest();
    void tls_data();
    void tls();
    void tlsFingerprint();
    void planJobs_data();
    void planJobs();
    void cancelStopsAll_data();
    void cancelStopsAll();
    void dnsMessages();
    void dnsSilentServer();
    void cancelledAndNotRunAddUp();
    void maxInFlight_data();
    void maxInFlight();
    void cli_data();
    void cli();

private:
    const ServerStart &startOf(Needs needs) const;
    QString writePlan(PrecheckServers::PlanKind kind);

    std::unique_ptr<PrecheckServers> m_servers;
    ServerStart m_tcp, m_tls, m_dns, m_ntp, m_netns;
    QTemporaryDir m_dir;
};

void TestPrecheck::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_servers = std::make_unique<PrecheckServers>();
    m_tcp = m_servers->startTcp();
    m_tls = m_servers->startTls();
    m_dns = m_servers->startDns();
    m_ntp = m_servers->startNtp();
    m_netns = m_servers->startFilteredHost();
    const auto state = [](const ServerStart &s) {
        return s.started() ? u"started"_s : s.why;
    };
    qInfo().noquote() << u"loopback lab 127.0.%1.0/24"_s.arg(m_servers->slot()) << "\n  tcp:" << state(m_tcp)
                      << "\n  tls:" << state(m_tls) << "\n  dnsmasq:" << state(m_dns)
                      << "\n  chronyd:" << state(m_ntp) << "\n  namespace:" << state(m_netns);
}

void TestPrecheck::cleanupTestCase()
{
    m_servers.reset(); // stops every server, removes the namespace
}

const ServerStart &TestPrecheck::startOf(Needs needs) const
{
    switch (needs) {
    case Needs::Tcp:
        return m_tcp;
    case Needs::Netns:
        return m_netns;
    case Needs::Chrony:
        return m_ntp;
    case Needs::Tls:
        return m_tls;
    }
    return m_tcp;
}

// --------------------------------------------------------------------------------------------
// DNS against dnsmasq

void TestPrecheck::dns_data()
{
    QTest::addColumn<DnsCase>("c");
    const PrecheckServers &s = *m_servers;
    const QList<QHostAddress> lab = {s.dnsServer()};
    const auto fwd = vlab::DnsCheck::Mode::Forward;
    const auto rev = vlab::DnsCheck::Mode::Reverse;
    const QString psc01 = s.fqdn(Host::Psc01), psc02 = s.fqdn(Host::Psc02), vc01 = s.fqdn(Host::VCenter01);
    const QString ip11 = s.address(Host::Psc01), ip12 = s.address(Host::Psc02),
                  ip13 = s.address(Host::VCenter01), ip99 = s.address(Host::Unassigned);

    QTest::newRow("forward: A record as planned")
        << DnsCase{fwd, psc01, ip11, lab, CheckStatus::Pass, {psc01, ip11}, {}};
    QTest::newRow("forward: A record missing (planted)") << DnsCase{fwd,
                                                                    vc01,
                                                                    ip13,
                                                                    lab,
                                                                    CheckStatus::Fail,
                                                                    {vc01 + u" has no A record"_s},
                                                                    {u"%1. IN A %2"_s.arg(vc01, ip13)}};
    QTest::newRow("forward: A record points elsewhere")
        << DnsCase{fwd,
                   psc01,
                   ip99,
                   lab,
                   CheckStatus::Fail,
                   {u"points to "_s + ip11, u"the plan says "_s + ip99},
                   {u"%1. IN A %2"_s.arg(psc01, ip99)}};
    QTest::newRow("forward: deployment host, any address")
        << DnsCase{fwd, s.fqdn(Host::Esxi), {}, lab, CheckStatus::Pass, {s.address(Host::Esxi)}, {}};
    QTest::newRow("forward: deployment host missing")
        << DnsCase{fwd,
                   u"esxi02.sslab.com"_s,
                   {},
                   lab,
                   CheckStatus::Fail,
                   {u"esxi02.sslab.com has no A record"_s},
                   {u"Create an A record for esxi02.sslab.com"_s}};
    QTest::newRow("reverse: PTR as planned")
        << DnsCase{rev, psc01, ip11, lab, CheckStatus::Pass, {ip11 + u" resolves back to "_s + psc01}, {}};
    QTest::newRow("reverse: PTR names another host (planted)")
        << DnsCase{rev,
                   psc02,
                   ip12,
                   lab,
                   CheckStatus::Fail,
                   {ip12, s.wrongPtrName(), u"not to "_s + psc02},
                   {u"%1. IN PTR %2."_s.arg(s.reverseName(ip12), psc02)}};
    QTest::newRow("reverse: PTR missing")
        << DnsCase{rev,
                   u"vcenter-vc03.sslab.com"_s,
                   ip99,
                   lab,
                   CheckStatus::Fail,
                   {ip99 + u" has no reverse (PTR) record"_s},
                   {u"%1. IN PTR vcenter-vc03.sslab.com."_s.arg(s.reverseName(ip99))}};
    QTest::newRow("reverse: vCenter's PTR is there without its A record")
        << DnsCase{rev, vc01, ip13, lab, CheckStatus::Pass, {vc01}, {}};
    QTest::newRow("forward: the first server refuses, the second answers")
        << DnsCase{fwd,
                   psc01,
                   ip11,
                   {QHostAddress(s.address(Host::Unassigned)), s.dnsServer()},
                   CheckStatus::Pass,
                   {psc01, ip11},
                   {}};
    QTest::newRow("no DNS server in the plan")
        << DnsCase{fwd, psc01, ip11, {}, CheckStatus::Fail, {u"no usable DNS server"_s}, {u"dns.servers"_s}};
}

void TestPrecheck::dns()
{
    QFETCH(DnsCase, c);
    if (!c.servers.isEmpty())
        REQUIRE_SERVER(m_dns);
    const Ran ran = runCheck(new vlab::DnsCheck(c.mode, c.fqdn, c.address, c.servers, u"test"_s, c.timeoutMs),
                             c.timeoutMs + kGraceMs);
    QVERIFY2(ran.finished, "the check did not finish");
    const CheckResult &r = ran.result;
    QVERIFY2(r.status == c.status, qPrintable(describe(r)));
    QCOMPARE(r.category, u"dns"_s);
    QCOMPARE(ran.state, c.status == CheckStatus::Fail ? Job::State::Failed : Job::State::Succeeded);
    if (c.status == CheckStatus::Fail)
        QCOMPARE(ran.errorCode, u"precheck.failed"_s);
    for (const QString &part : std::as_const(c.inMessage))
        QVERIFY2(r.message.contains(part), qPrintable(u"no \"%1\" in: %2"_s.arg(part, describe(r))));
    for (const QString &part : std::as_const(c.inHint))
        QVERIFY2(r.hint.contains(part), qPrintable(u"no \"%1\" in: %2"_s.arg(part, describe(r))));
    QVERIFY2(r.elapsedMs < c.timeoutMs, qPrintable(describe(r))); // answered, not timed out
}

// --------------------------------------------------------------------------------------------
// TCP ports: open, refused, no answer

void TestPrecheck::ports_data()
{
    QTest::addColumn<PortCase>("c");
    const PrecheckServers &s = *m_servers;
    QTest::newRow("open") << PortCase{Needs::Tcp, s.tcpHost(),       s.openTcpPort(),
                                      2000,       CheckStatus::Pass, u"is open"_s};
    QTest::newRow("refused: nothing listens") << PortCase{
        Needs::Tcp, s.tcpHost(), s.closedTcpPort(), 2000, CheckStatus::Fail, u"refused the connection"_s};
    QTest::newRow("refused: inside the namespace")
        << PortCase{Needs::Netns, s.filteredHost(),  s.refusedPort(),
                    2000,         CheckStatus::Fail, u"refused the connection"_s};
    QTest::newRow("no answer: nftables drops it")
        << PortCase{Needs::Netns, s.filteredHost(),      s.droppedPort(),
                    1500,         CheckStatus::NoAnswer, u"no answer within 1500 ms"_s,
                    1500,         1500 + kGraceMs};
}

void TestPrecheck::ports()
{
    QFETCH(PortCase, c);
    REQUIRE_SERVER(startOf(c.needs));
    QElapsedTimer clock;
    clock.start();
    const Ran ran = runCheck(new vlab::PortCheck(c.host, c.port, u"test"_s, u"test"_s, c.timeoutMs),
                             c.timeoutMs + kGraceMs);
    const qint64 wall = clock.elapsed();
    QVERIFY2(ran.finished, "the check did not finish");
    const CheckResult &r = ran.result;
    QVERIFY2(r.status == c.status, qPrintable(describe(r)));
    QCOMPARE(r.target, u"%1:%2"_s.arg(c.host, QString::number(c.port)));
    QVERIFY2(r.message.contains(c.inMessage), qPrintable(describe(r)));
    // The three outcomes read differently.
    for (const QString &other : {u"is open"_s, u"refused the connection"_s, u"no answer within"_s}) {
        if (other != c.inMessage && !c.inMessage.startsWith(other))
            QVERIFY2(!r.message.contains(other), qPrintable(describe(r)));
    }
    QVERIFY2(
        r.elapsedMs >= c.minMs && r.elapsedMs <= c.maxMs,
        qPrintable(u"%1 ms, expected %2..%3: %4"_s.arg(QString::number(r.elapsedMs), QString::number(c.minMs),
                                                       QString::number(c.maxMs), describe(r))));
    QVERIFY2(wall >= c.minMs, qPrintable(u"gave up after %1 ms"_s.arg(wall)));
}

// --------------------------------------------------------------------------------------------
// NTP: chronyd, a closed UDP port, a silent one

void TestPrecheck::ntp_data()
{
    QTest::addColumn<PortCase>("c");
    const PrecheckServers &s = *m_servers;
    QTest::newRow("chronyd: stratum 8, small offset")
        << PortCase{Needs::Chrony, s.ntpHost(), s.ntpPort(), 2000, CheckStatus::Pass, u"stratum 8"_s};
    // Qt reads the ICMP "port unreachable" as a failed read (NetworkError) with the system's
    // text for ECONNREFUSED, not as ConnectionRefusedError.
    QTest::newRow("closed UDP port: refused") << PortCase{
        Needs::Tcp, s.tcpHost(), s.closedUdpPort(), 2000, CheckStatus::Fail, u"Connection refused"_s};
    QTest::newRow("silent UDP socket: no answer")
        << PortCase{Needs::Tcp, s.tcpHost(),           s.silentUdpPort(),
                    1000,       CheckStatus::NoAnswer, u"did not answer the NTP query within 1000 ms"_s,
                    1000,       1000 + kGraceMs};
}

void TestPrecheck::ntp()
{
    QFETCH(PortCase, c);
    REQUIRE_SERVER(startOf(c.needs));
    const Ran ran = runCheck(new vlab::NtpCheck(c.host, c.port, 1000, c.timeoutMs), c.timeoutMs + kGraceMs);
    QVERIFY2(ran.finished, "the check did not finish");
    const CheckResult &r = ran.result;
    QVERIFY2(r.status == c.status, qPrintable(describe(r)));
    QCOMPARE(r.category, u"ntp"_s);
    QCOMPARE(r.target, u"%1:%2"_s.arg(c.host, QString::number(c.port)));
    QVERIFY2(r.message.contains(c.inMessage), qPrintable(describe(r)));
    QVERIFY2(
        r.elapsedMs >= c.minMs && r.elapsedMs <= c.maxMs,
        qPrintable(u"%1 ms, expected %2..%3: %4"_s.arg(QString::number(r.elapsedMs), QString::number(c.minMs),
                                                       QString::number(c.maxMs), describe(r))));
    if (c.status == CheckStatus::Pass) {
        // chronyd serves this machine's own clock: only scheduling separates the two.
        static const QRegularExpression figures(
            u"stratum (\\d+), offset (-?[0-9.]+) ms, round trip (-?[0-9.]+) ms"_s);
        const auto m = figures.match(r.detail);
        QVERIFY2(m.hasMatch(), qPrintable(describe(r)));
        QCOMPARE(m.captured(1).toInt(), 8);
        QVERIFY2(std::abs(m.captured(2).toDouble()) < 100.0, qPrintable(describe(r)));
        QVERIFY2(m.captured(3).toDouble() >= -1.0 && m.captured(3).toDouble() < 500.0,
                 qPrintable(describe(r)));
    }
}

// --------------------------------------------------------------------------------------------
// SNTP packets, built by hand

namespace {

constexpr quint64 kNtpEpochOffset = 2208988800ULL; // 1900-01-01 to 1970-01-01, in seconds
constexpr qint64 kT1 = 1700000000000;              // a whole second, so every time below is exact

// An NTP timestamp for `ms`; exact when the milliseconds are a multiple of 1/8 s.
QByteArray ntpTimestamp(qint64 ms)
{
    const qint64 seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    const qint64 rest = ms - seconds * 1000;
    const quint64 v = (quint64(seconds + qint64(kNtpEpochOffset)) << 32) | quint64((rest << 32) / 1000);
    QByteArray out(8, '\0');
    for (int i = 0; i < 8; ++i)
        out[i] = char((v >> (56 - 8 * i)) & 0xff);
    return out;
}

// A server reply: leap, version 4, mode, stratum; originate, receive (T2) and transmit (T3).
QByteArray reply(int leap, int mode, int stratum, const QByteArray &originate, qint64 t2Ms, qint64 t3Ms)
{
    QByteArray p(48, '\0');
    p[0] = char((leap << 6) | (4 << 3) | mode);
    p[1] = char(stratum);
    p.replace(24, 8, originate);
    p.replace(32, 8, ntpTimestamp(t2Ms));
    p.replace(40, 8, ntpTimestamp(t3Ms));
    return p;
}

} // namespace

void TestPrecheck::sntpReply_data()
{
    QTest::addColumn<SntpCase>("c");
    const QByteArray ours = ntpTimestamp(kT1);
    // T2 = T1 + 1250, T3 = T2 + 250, T4 = T1 + 500: offset ((1250) + (1500 - 500)) / 2 = 1125,
    // delay 500 - 250 = 250.
    QTest::newRow("server 1125 ms ahead") << SntpCase{
        reply(0, 4, 8, ours, kT1 + 1250, kT1 + 1500), kT1, kT1 + 500, ours, {}, 8, 0, 1125.0, 250.0};
    // T2 = T1 - 1875, T3 = T1 - 1750, T4 = T1 + 250: offset (-1875 + -2000) / 2 = -1937.5, delay 125.
    QTest::newRow("server 1937.5 ms behind") << SntpCase{
        reply(0, 4, 2, ours, kT1 - 1875, kT1 - 1750), kT1, kT1 + 250, ours, {}, 2, 0, -1937.5, 125.0};
    QTest::newRow("unsynchronised (leap 3, stratum 16)")
        << SntpCase{reply(3, 4, 16, ours, kT1, kT1), kT1, kT1, ours, {}, 16, 3, 0.0, 0.0};
    QTest::newRow("broadcast mode 5 is a server too")
        << SntpCase{reply(0, 5, 3, ours, kT1 + 125, kT1 + 125), kT1, kT1 + 250, ours, {}, 3, 0, 0.0, 250.0};
    QTest::newRow("short packet") << SntpCase{reply(0, 4, 8, ours, kT1, kT1).left(47), kT1, kT1, ours,
                                              u"ntp.short"_s};
    QTest::newRow("empty packet") << SntpCase{QByteArray(), kT1, kT1, ours, u"ntp.short"_s};
    QTest::newRow("wrong mode: a client request")
        << SntpCase{reply(0, 3, 0, ours, kT1, kT1), kT1, kT1, ours, u"ntp.mode"_s};
    QTest::newRow("wrong originate: not our request")
        << SntpCase{reply(0, 4, 8, ntpTimestamp(kT1 - 125), kT1, kT1), kT1, kT1, ours, u"ntp.origin"_s};
}

void TestPrecheck::sntpReply()
{
    QFETCH(SntpCase, c);
    const vlab::Result<vlab::SntpReply> r = vlab::parseSntpReply(c.packet, c.t1Ms, c.t4Ms, c.sent);
    if (!c.errorCode.isEmpty()) {
        QVERIFY(!r);
        QCOMPARE(r.error().code, c.errorCode);
        QVERIFY(!r.error().message.isEmpty());
        return;
    }
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->stratum, c.stratum);
    QCOMPARE(r->leap, c.leap);
    QCOMPARE(r->offsetMs, c.offsetMs); // exact: every time is a multiple of 1/8 s
    QCOMPARE(r->delayMs, c.delayMs);
}

void TestPrecheck::sntpRequest()
{
    const QByteArray request = vlab::makeSntpRequest(kT1 + 500);
    QCOMPARE(request.size(), 48);
    QCOMPARE(quint8(request.at(0)), quint8(0x23)); // leap 0, version 4, mode 3 (client)
    QCOMPARE(request.mid(40, 8), ntpTimestamp(kT1 + 500));
    // A server copies our transmit time into its originate field: that is what the check sends.
    const auto r = vlab::parseSntpReply(reply(0, 4, 8, request.mid(40, 8), kT1 + 500, kT1 + 500), kT1 + 500,
                                        kT1 + 500, request.mid(40, 8));
    QVERIFY(r.ok());
    QCOMPARE(r->offsetMs, 0.0);
}

// --------------------------------------------------------------------------------------------
// TLS: the certificate lacks one name

void TestPrecheck::tls_data()
{
    QTest::addColumn<TlsCase>("c");
    const QString lb = PrecheckServers::fqdn(Host::LoadBalancer), psc01 = PrecheckServers::fqdn(Host::Psc01),
                  missing = PrecheckServers::uncoveredName();
    QTest::newRow("covered: the PSC's own name")
        << TlsCase{TlsCase::Port::Tls, psc01, CheckStatus::Pass, {u"Serves \"%1\""_s.arg(lb)}, {}};
    QTest::newRow("covered: the load balancer's name")
        << TlsCase{TlsCase::Port::Tls, lb, CheckStatus::Pass, {u"Serves \"%1\""_s.arg(lb)}, {}};
    QTest::newRow("not covered: the second PSC") << TlsCase{
        TlsCase::Port::Tls, missing, CheckStatus::Fail,
        QStringList{u"does not cover "_s + missing} + PrecheckServers::certificateNames(), missing};
    QTest::newRow("plain TCP: no handshake")
        << TlsCase{TlsCase::Port::PlainTcp, psc01, CheckStatus::Fail, {u"No TLS handshake"_s}, {}};
    QTest::newRow("nothing listens") << TlsCase{
        TlsCase::Port::Closed, psc01, CheckStatus::Fail, {u"Nothing accepts HTTPS"_s}, {}};
}

void TestPrecheck::tls()
{
    QFETCH(TlsCase, c);
    REQUIRE_SERVER(m_tcp);
    REQUIRE_SERVER(m_tls);
    const quint16 port = c.port == TlsCase::Port::Tls ? m_servers->tlsPort()
        : c.port == TlsCase::Port::PlainTcp           ? m_servers->openTcpPort()
                                                      : m_servers->closedTcpPort();
    const Ran ran =
        runCheck(new vlab::TlsCheck(m_servers->tcpHost(), port, c.name, u"test"_s, 3000), 3000 + kGraceMs);
    QVERIFY2(ran.finished, "the check did not finish");
    const CheckResult &r = ran.result;
    QVERIFY2(r.status == c.status, qPrintable(describe(r)));
    QCOMPARE(r.category, u"tls"_s);
    for (const QString &part : std::as_const(c.inMessage))
        QVERIFY2(r.message.contains(part), qPrintable(u"no \"%1\" in: %2"_s.arg(part, describe(r))));
    QVERIFY2(r.hint.contains(c.inHint), qPrintable(describe(r)));
    QVERIFY2(r.elapsedMs < 3000, qPrintable(describe(r)));
}

void TestPrecheck::tlsFingerprint()
{
    REQUIRE_SERVER(m_tls);
    const Ran ran = runCheck(new vlab::TlsCheck(m_servers->tcpHost(), m_servers->tlsPort(),
                                                PrecheckServers::fqdn(Host::Psc01), u"test"_s, 3000),
                             3000 + kGraceMs);
    QVERIFY(ran.finished);
    const CheckResult &r = ran.result;
    QVERIFY2(r.status == CheckStatus::Pass, qPrintable(describe(r)));

    QProcess openssl;
    openssl.start(
        u"openssl"_s,
        {u"x509"_s, u"-in"_s, m_servers->certificatePath(), u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s});
    QVERIFY2(openssl.waitForFinished(10000) && openssl.exitCode() == 0, qPrintable(openssl.errorString()));
    // "sha256 Fingerprint=AB:CD:..."
    const QString printed = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
    const QString expected = printed.section(u'=', 1).toUpper();
    QVERIFY2(expected.count(u':') == 31, qPrintable(printed));

    static const QRegularExpression sha(u"^SHA-256: (\\S+)$"_s, QRegularExpression::MultilineOption);
    const auto m = sha.match(r.detail);
    QVERIFY2(m.hasMatch(), qPrintable(describe(r)));
    QCOMPARE(m.captured(1), expected);
    static const QRegularExpression names(u"^DNS names: (.*)$"_s, QRegularExpression::MultilineOption);
    QStringList served = names.match(r.detail).captured(1).split(u", "_s);
    QStringList planted = PrecheckServers::certificateNames();
    served.sort();
    planted.sort();
    QCOMPARE(served, planted);
    QVERIFY2(!r.detail.contains(u"trusted here: yes"_s),
             qPrintable(r.detail)); // self-signed: reported, not required
}

// --------------------------------------------------------------------------------------------
// The checks a plan calls for

void TestPrecheck::planJobs_data()
{
    QTest::addColumn<PlanJobsCase>("c");
    // The example lab: 2 PSCs, a load balancer (VIP name, NSIP), vCenter, an ESXi host by name,
    // one NTP server.
    //  dns:   A and PTR for PSC 1, PSC 2, the LB name and vCenter (8); the ESXi host's A only,
    //         its address being whatever DNS says (1)                                    -> 9
    //  ports: 7 per PSC (443 389 636 2012 2014 2020 22), NSIP 443, vCenter 443 and 5480,
    //         ESXi 443                                                                  -> 18
    //  tls:   PSC 1, PSC 2, NSIP, vCenter, ESXi                                         -> 5
    //  ntp:   one server                                                                -> 1
    const QMap<QString, int> all = {{u"dns"_s, 9}, {u"ports"_s, 18}, {u"tls"_s, 5}, {u"ntp"_s, 1}};
    QTest::newRow("all four") << PlanJobsCase{u"dns,ports,ntp,tls"_s, false, all};
    QTest::newRow("dns") << PlanJobsCase{u"dns"_s, false, {{u"dns"_s, 9}}};
    QTest::newRow("ports") << PlanJobsCase{u"ports"_s, false, {{u"ports"_s, 18}}};
    QTest::newRow("ntp") << PlanJobsCase{u"ntp"_s, false, {{u"ntp"_s, 1}}};
    QTest::newRow("tls") << PlanJobsCase{u"tls"_s, false, {{u"tls"_s, 5}}};
    QTest::newRow("dns,ntp") << PlanJobsCase{u"dns,ntp"_s, false, {{u"dns"_s, 9}, {u"ntp"_s, 1}}};
    // A target given as an address has no name to look up.
    QTest::newRow("all four, target by address") << PlanJobsCase{
        u"dns,ports,ntp,tls"_s, true, {{u"dns"_s, 8}, {u"ports"_s, 18}, {u"tls"_s, 5}, {u"ntp"_s, 1}}};
    // A whole-lab run before its installs: the PSCs and vCenter do not answer yet, so only
    // their records are checked; ports and TLS of the NetScaler the run is given and the target.
    QTest::newRow("before the run installs the appliances") << PlanJobsCase{
        u"dns,ports,ntp,tls"_s, false, {{u"dns"_s, 9}, {u"ports"_s, 2}, {u"tls"_s, 2}, {u"ntp"_s, 1}}, true};
}

void TestPrecheck::planJobs()
{
    QFETCH(PlanJobsCase, c);
    QJsonObject json = m_servers->loopbackPlan(PrecheckServers::PlanKind::PlantedFaults);
    if (c.targetAsAddress) {
        QJsonObject target = json.value(u"target"_s).toObject();
        target.insert(u"host"_s, m_servers->address(Host::Esxi));
        json.insert(u"target"_s, target);
    }
    const vlab::Result<vlab::LabPlan> plan = vlab::parsePlan(QJsonDocument(json).toJson());
    QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
    const auto categories = vlab::parsePrecheckCategories(c.only);
    QVERIFY(categories.ok());
    vlab::PrecheckOptions options;
    options.categories = categories.value();
    if (c.beforeInstall) {
        options.notInstalledYet = QStringList{plan->psc.at(0).fqdn, plan->psc.at(1).fqdn, plan->vcenter.fqdn};
        options.nsip = u"127.0.0.1:4443"_s;
    }
    const QList<CheckJob *> jobs = vlab::createPrecheckJobs(plan.value(), options);
    const auto cleanup = qScopeGuard([&jobs] { qDeleteAll(jobs); });

    QMap<QString, int> perCategory;
    int reverse = 0;
    for (const CheckJob *job : jobs) {
        ++perCategory[job->checkResult().category];
        reverse += job->checkResult().target.endsWith(u"(PTR)"_s) ? 1 : 0;
        QCOMPARE(job->state(), Job::State::Pending); // created, not run
        QCOMPARE(job->timeoutMs(), options.timeoutMs);
    }
    QCOMPARE(perCategory, c.perCategory);
    if (c.beforeInstall) {
        QStringList reached;
        for (const CheckJob *job : jobs) {
            if (job->checkResult().category != u"dns"_s && job->checkResult().category != u"ntp"_s)
                reached << job->checkResult().target;
        }
        reached.sort();
        const QString esxi = m_servers->address(Host::Esxi);
        QVERIFY2(reached.size() == 4 && reached.filter(u"127.0.0.1:4443"_s).size() == 2
                     && reached.filter(PrecheckServers::fqdn(Host::Esxi)).size() == 2,
                 qPrintable(reached.join(u", "_s) + u" / "_s + esxi));
    }
    if (c.perCategory.contains(u"dns"_s))
        QCOMPARE(reverse, 4); // PSC 1, PSC 2, the LB name, vCenter
}

// --------------------------------------------------------------------------------------------
// All at once: cancel, bound

void TestPrecheck::cancelStopsAll_data()
{
    QTest::addColumn<int>("maxInFlight");
    QTest::addColumn<int>("running"); // started before the cancel
    QTest::newRow("all 20 in flight") << 24 << 20;
    QTest::newRow("5 in flight, 15 waiting") << 5 << 5;
}

void TestPrecheck::cancelStopsAll()
{
    QFETCH(int, maxInFlight);
    QFETCH(int, running);
    REQUIRE_SERVER(m_tcp);
    constexpr int kChecks = 20;
    constexpr int kSlowMs = 30000; // never answered: they would run this long
    QList<CheckJob *> jobs;
    for (int i = 0; i < kChecks; ++i)
        jobs << new vlab::NtpCheck(m_servers->tcpHost(), m_servers->silentUdpPort(), 1000, kSlowMs);
    JobQueue queue;
    vlab::PrecheckOptions options;
    options.maxInFlight = maxInFlight;
    vlab::addPrecheckJobs(queue, jobs, options);
    QSignalSpy started(&queue, &JobQueue::jobStarted);
    QSignalSpy finished(&queue, &JobQueue::finished);
    queue.start();
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), running, 5000);

    QElapsedTimer clock;
    clock.start();
    queue.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 2000);
    const qint64 stopMs = clock.elapsed();
    QVERIFY2(stopMs < 500, qPrintable(u"stopping took %1 ms"_s.arg(stopMs)));
    QCOMPARE(finished.constFirst().constFirst().toBool(), false);
    QVERIFY(queue.wasCancelled());
    int cancelled = 0, skipped = 0;
    for (const CheckJob *job : std::as_const(jobs)) {
        cancelled += job->state() == Job::State::Cancelled ? 1 : 0;
        skipped += job->state() == Job::State::Skipped ? 1 : 0;
    }
    QCOMPARE(cancelled, running);
    QCOMPARE(skipped, kChecks - running);
    QCOMPARE(started.count(), running); // none started after the cancel
}

// --------------------------------------------------------------------------------------------
// Truthful outcomes (issue #15, item 4): a silent DNS server is "no answer" within the limit,
// never a missing record; a cancelled run's checks are cancelled or not run, and add up.

void TestPrecheck::dnsMessages()
{
    // The query: header (id, RD, one question), labels, type A, class IN (RFC 1035 4.1).
    const QByteArray query = vlab::dnsQuery(0x1234, u"psc.sslab.com"_s, vlab::DnsType::A);
    QCOMPARE(query.toHex(),
             QByteArray("123401000001000000000000"
                        "037073630573736c616203636f6d00"
                        "00010001"));
    QVERIFY(vlab::dnsQuery(1, u"a..b"_s, vlab::DnsType::A).isEmpty());
    QVERIFY(vlab::dnsQuery(1, QString(64, u'x'), vlab::DnsType::A).isEmpty());

    // A reply with a compressed owner name and an A record; then a PTR whose name is
    // compressed into the question.
    QByteArray reply = QByteArray::fromHex("123481800001000100000000037073630573736c"
                                           "616203636f6d0000010001"
                                           "c00c000100010000003c0004c0a801d3");
    std::optional<vlab::DnsReply> parsed = vlab::parseDnsReply(reply);
    QVERIFY(parsed);
    QCOMPARE(parsed->id, quint16(0x1234));
    QCOMPARE(parsed->rcode, 0);
    QCOMPARE(parsed->addresses, QList<QHostAddress>{QHostAddress(u"192.168.1.211"_s)});
    reply = QByteArray::fromHex("0001818000010001000000000131013102696e00000c0001"
                                "c00c000c00010000003c000603707363c010");
    parsed = vlab::parseDnsReply(reply);
    QVERIFY(parsed);
    QCOMPARE(parsed->names, QStringList{u"psc.in"_s});
    // NXDOMAIN, no answers.
    parsed = vlab::parseDnsReply(QByteArray::fromHex("0007818300010000000000000378797a0000010001"));
    QVERIFY(parsed);
    QCOMPARE(parsed->rcode, 3);
    QVERIFY(parsed->addresses.isEmpty());
    // Malformed: a query (QR clear), too short, a pointer loop, a record past the end.
    QVERIFY(!vlab::parseDnsReply(query));
    QVERIFY(!vlab::parseDnsReply(QByteArray::fromHex("12348180")));
    QVERIFY(!vlab::parseDnsReply(QByteArray::fromHex("123481800001000000000000c00c00010001")));
    QVERIFY(!vlab::parseDnsReply(QByteArray::fromHex("1234818000000001000000000000010001000000"
                                                     "3c0004c0a8")));
}

void TestPrecheck::dnsSilentServer()
{
    REQUIRE_SERVER(m_dns); // root, for port 53
    // A DNS server that receives and never answers.
    QUdpSocket silent;
    const QHostAddress address(m_servers->address(Host::Unassigned));
    QVERIFY2(silent.bind(address, 53), qPrintable(silent.errorString()));
    constexpr int kLimitMs = 700;
    const Ran ran =
        runCheck(new vlab::DnsCheck(vlab::DnsCheck::Mode::Forward, m_servers->fqdn(Host::Psc01),
                                    m_servers->address(Host::Psc01), {address}, u"test"_s, kLimitMs),
                 kLimitMs + kGraceMs);
    QVERIFY2(ran.finished, "the check did not end within its limit");
    const CheckResult &r = ran.result;
    QVERIFY2(r.status == CheckStatus::NoAnswer, qPrintable(describe(r)));
    QCOMPARE(ran.errorCode, u"precheck.noanswer"_s);
    QVERIFY2(r.message.contains(u"No answer"_s) && r.message.contains(u"700 ms"_s), qPrintable(describe(r)));
    QVERIFY2(!r.message.contains(u"record"_s), qPrintable(describe(r))); // not "has no A record"
    QVERIFY2(r.elapsedMs >= kLimitMs && r.elapsedMs < kLimitMs + kGraceMs, qPrintable(describe(r)));
    QVERIFY2(silent.hasPendingDatagrams(), "the silent server was asked");

    // The silent server first, the lab's dnsmasq second: the second is asked after the first's
    // share of the limit, and its answer counts.
    const Ran second =
        runCheck(new vlab::DnsCheck(vlab::DnsCheck::Mode::Forward, m_servers->fqdn(Host::Psc01),
                                    m_servers->address(Host::Psc01), {address, m_servers->dnsServer()},
                                    u"test"_s, 2000),
                 2000 + kGraceMs);
    QVERIFY2(second.result.status == CheckStatus::Pass, qPrintable(describe(second.result)));
    QVERIFY2(second.result.elapsedMs < 2000, qPrintable(describe(second.result)));
}

void TestPrecheck::cancelledAndNotRunAddUp()
{
    REQUIRE_SERVER(m_dns);
    QUdpSocket silent;
    const QHostAddress address(m_servers->address(Host::Unassigned));
    QVERIFY2(silent.bind(address, 53), qPrintable(silent.errorString()));
    QList<CheckJob *> jobs;
    for (int i = 0; i < 3; ++i)
        jobs << new vlab::DnsCheck(vlab::DnsCheck::Mode::Forward, m_servers->fqdn(Host::Psc01),
                                   m_servers->address(Host::Psc01), {address}, u"test"_s, 30000);
    JobQueue queue;
    vlab::PrecheckOptions options;
    options.maxInFlight = 1;
    vlab::addPrecheckJobs(queue, jobs, options);
    QSignalSpy finished(&queue, &JobQueue::finished);
    queue.start();
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingDatagrams(), 5000); // the first check is waiting
    queue.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 2000);
    QList<CheckResult> outcomes;
    for (const CheckJob *job : std::as_const(jobs))
        outcomes << job->outcome();
    QCOMPARE(outcomes.at(0).status, CheckStatus::Cancelled);
    QCOMPARE(outcomes.at(1).status, CheckStatus::NotRun);
    QCOMPARE(outcomes.at(2).status, CheckStatus::NotRun);
    const vlab::PrecheckCounts counts = vlab::countOutcomes(outcomes);
    QCOMPARE(counts.cancelled, 1);
    QCOMPARE(counts.notRun, 2);
    QCOMPARE(counts.failed + counts.noAnswer + counts.passed + counts.warnings, 0);
    const QJsonObject json = QJsonDocument::fromJson(vlab::precheckResultsJson(outcomes)).object();
    QCOMPARE(json.value(u"checks"_s).toInt(), 3);
    QCOMPARE(json.value(u"cancelled"_s).toInt(), 1);
    QCOMPARE(json.value(u"notRun"_s).toInt(), 2);
    QCOMPARE(json.value(u"failed"_s).toInt(), 0);
    QCOMPARE(json.value(u"results"_s).toArray().at(0).toObject().value(u"status"_s).toString(),
             u"cancelled"_s);
}

void TestPrecheck::maxInFlight_data()
{
    QTest::addColumn<int>("maxInFlight");
    QTest::addColumn<int>("peak");
    QTest::newRow("one at a time") << 1 << 1;
    QTest::newRow("three at a time") << 3 << 3;
    QTest::newRow("unbounded: all twelve") << 0 << 12;
}

void TestPrecheck::maxInFlight()
{
    QFETCH(int, maxInFlight);
    QFETCH(int, peak);
    REQUIRE_SERVER(m_tcp);
    constexpr int kChecks = 12;
    constexpr int kTimeoutMs = 200;
    QList<CheckJob *> jobs;
    for (int i = 0; i < kChecks; ++i)
        jobs << new vlab::NtpCheck(m_servers->tcpHost(), m_servers->silentUdpPort(), 1000, kTimeoutMs);
    JobQueue queue;
    vlab::PrecheckOptions options;
    options.maxInFlight = maxInFlight;
    vlab::addPrecheckJobs(queue, jobs, options);
    int inFlight = 0, highest = 0, startedCount = 0;
    connect(&queue, &JobQueue::jobStarted, this, [&] {
        ++startedCount;
        highest = std::max(highest, ++inFlight);
    });
    connect(&queue, &JobQueue::jobFinished, this, [&] { --inFlight; });
    QSignalSpy finished(&queue, &JobQueue::finished);
    queue.start();
    QVERIFY(finished.wait(kChecks * kTimeoutMs + 5000));
    QCOMPARE(highest, peak);
    QCOMPARE(startedCount, kChecks);
    // Independent checks: every one ran to its own outcome (no answer), none was skipped.
    for (const CheckJob *job : std::as_const(jobs)) {
        QCOMPARE(job->state(), Job::State::Failed);
        QCOMPARE(job->checkResult().status, CheckStatus::NoAnswer);
        QVERIFY2(job->checkResult().message.contains(u"did not answer"_s),
                 qPrintable(describe(job->checkResult())));
    }
}

// --------------------------------------------------------------------------------------------
// vlab precheck

QString TestPrecheck::writePlan(PrecheckServers::PlanKind kind)
{
    const QByteArray json = QJsonDocument(m_servers->loopbackPlan(kind)).toJson();
    const QString path = m_dir.filePath(
        kind == PrecheckServers::PlanKind::PlantedFaults ? u"faults.vlab.json"_s : u"all-exist.vlab.json"_s);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size())
        return {};
    return path;
}

// README "Pre-checks": exit 0 when nothing failed, exit 1 when something failed, exit 2 on bad
// input (one row each below).
void TestPrecheck::cli_data()
{
    QTest::addColumn<CliCase>("c");
    const auto faults = PrecheckServers::PlanKind::PlantedFaults;
    const auto allExist = PrecheckServers::PlanKind::AllRecordsExist;
    QTest::newRow("--only dns, json: the planted faults fail")
        << CliCase{faults, {u"--only"_s, u"dns"_s, u"--format"_s, u"json"_s}, false, 1, true, 9, 2, true};
    QTest::newRow("--only dns, text")
        << CliCase{faults,
                   {u"--only"_s, u"dns"_s},
                   false,
                   1,
                   false,
                   9,
                   2,
                   false,
                   u"precheck: 7 ok, 0 warning(s), 2 failed, 0 no answer, 0 cancelled, 0 not run"_s};
    QTest::newRow("--only dns,ntp where every record exists") << CliCase{
        allExist, {u"--only"_s, u"dns,ntp"_s, u"--format"_s, u"json"_s}, true, 0, true, 10, 0, false};
    QTest::newRow("--only bogus") << CliCase{
        faults, {u"--only"_s, u"bogus"_s},        false, 2, false, 0, 0, false,
        {},     u"\"bogus\" is not a pre-check"_s};
}

void TestPrecheck::cli()
{
    QFETCH(CliCase, c);
    if (c.exitCode != 2) {
        REQUIRE_SERVER(m_dns);
        if (c.needsNtp)
            REQUIRE_SERVER(m_ntp);
    }
    const QString plan = writePlan(c.plan);
    QVERIFY(!plan.isEmpty());
    {
        QFile f(plan);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains("192.168."), "a test plan must only name loopback addresses");
    }
    // README "Run journal and resume": precheck journals its run in the plan's folder (issue
    // #19, item 4: it wrote none); bad input journals nothing.
    const QString journalPath = QFileInfo(plan).dir().filePath(vlab::RunJournal::fileName());
    const vlab::Result<vlab::RunJournal> journalBefore = vlab::RunJournal::load(journalPath);
    QVERIFY(journalBefore);
    const QDateTime startedAt = QDateTime::currentDateTimeUtc().addSecs(-1);
    QProcess vlabProcess;
    vlabProcess.setProgram(QStringLiteral(VLAB_CLI_PATH));
    vlabProcess.setArguments(QStringList{u"precheck"_s, plan} + c.args);
    vlabProcess.setStandardInputFile(QProcess::nullDevice());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    vlabProcess.setProcessEnvironment(env);
    vlabProcess.start();
    QVERIFY2(vlabProcess.waitForStarted(10000), qPrintable(vlabProcess.errorString()));
    if (!vlabProcess.waitForFinished(30000)) {
        vlabProcess.kill();
        vlabProcess.waitForFinished(5000);
        QFAIL("vlab precheck did not finish within 30 s");
    }
    QCOMPARE(vlabProcess.exitStatus(), QProcess::NormalExit);
    const QString out = QString::fromUtf8(vlabProcess.readAllStandardOutput());
    const QString err = QString::fromUtf8(vlabProcess.readAllStandardError());
    const QString both = u"stdout:\n%1\nstderr:\n%2"_s.arg(out, err);
    QVERIFY2(vlabProcess.exitCode() == c.exitCode,
             qPrintable(u"exit %1, expected %2\n%3"_s.arg(QString::number(vlabProcess.exitCode()),
                                                          QString::number(c.exitCode), both)));
    const vlab::Result<vlab::RunJournal> journal = vlab::RunJournal::load(journalPath);
    QVERIFY2(journal, qPrintable(journal ? QString() : journal.error().message));
    if (c.exitCode == 2) {
        QCOMPARE(journal->runs.size(), journalBefore->runs.size());
    } else {
        QCOMPARE(journal->runs.size(), journalBefore->runs.size() + 1);
        const vlab::JournalRun &run = journal->runs.constLast();
        QCOMPARE(run.title, u"Pre-checks"_s);
        QVERIFY(run.started >= startedAt);
        QVERIFY2(run.finished.isValid(), "the run's end is recorded");
        QVERIFY(!run.jobs.isEmpty());
        for (const vlab::JournalJob &job : run.jobs)
            QVERIFY2(job.state != u"running"_s && job.state != u"pending"_s,
                     qPrintable(job.title + job.state));
    }
    if (!c.inStdout.isEmpty())
        QVERIFY2(out.contains(c.inStdout), qPrintable(both));
    if (!c.inStderr.isEmpty())
        QVERIFY2(err.contains(c.inStderr), qPrintable(both));
    if (!c.json) {
        if (c.exitCode != 2)
            QCOMPARE(int(out.count(QRegularExpression(u"^FAIL "_s, QRegularExpression::MultilineOption))),
                     c.failed);
        return;
    }
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + u'\n' + both));
    QCOMPARE(root.value(u"checks"_s).toInt(), c.checks);
    QCOMPARE(root.value(u"failed"_s).toInt(), c.failed);
    QStringList failing;
    for (const QJsonValue &v : root.value(u"results"_s).toArray()) {
        const QJsonObject r = v.toObject();
        if (r.value(u"status"_s).toString() == u"fail"_s)
            failing << r.value(u"target"_s).toString();
    }
    QCOMPARE(int(failing.size()), c.failed);
    if (c.plantedFaults) {
        QStringList planted = m_servers->plantedDnsFaults();
        failing.sort();
        planted.sort();
        QCOMPARE(failing, planted);
    }
}

QTEST_GUILESS_MAIN(TestPrecheck)
#include "tst_precheck.moc"
