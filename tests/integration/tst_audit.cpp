// `vlab audit` (issue 16, item 2) end to end against real local peers:
//  - dnsmasq serving the loopback lab's records (precheckservers.h), for the `dns` area;
//  - TLS listeners on the lab's loopback addresses, port 443, serving certificates that the
//    openssl command makes at test time (right, wrong names, expiring in 10 days, from another
//    CA), a listener that accepts TCP but never answers the handshake, and an address where
//    nothing listens, for the `certs` area.
// The servers run in this test's event loop while the built `vlab` runs as a separate process.
// Port 443 and dnsmasq need root (as in CI); without it the tests skip and say why.

#include "netscaler/lbconfig.h"
#include "netscaler/nitromodel.h"
#include "nitrostandin.h"
#include "plan/planjson.h"
#include "precheckservers.h"
#include "vcsimfixture.h"
#include "vcsimlogins.h"
#include "vsphere/vcenteractions.h"
#include "vsphere/vchajob.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

using Host = PrecheckServers::Host;

constexpr int kRunLimitMs = 60000;

#define REQUIRE_SERVER(start)                                     \
    do {                                                          \
        if ((start).outcome == ServerStart::Outcome::Unavailable) \
            QSKIP(qPrintable((start).why));                       \
        QVERIFY2((start).started(), qPrintable((start).why));     \
    } while (false)

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    qint64 elapsedMs = 0;
    QJsonObject json;
    QString both() const
    {
        return u"exit %1\nstdout:\n%2\nstderr:\n%3"_s.arg(QString::number(exitCode), out, err);
    }
};

// What an endpoint serves in a row.
enum class Serve { Right, WrongNames, Expiring, OtherCa, Silent, Nothing };

struct CertCase
{
    Serve psc1 = Serve::Right;
    Serve psc2 = Serve::Right;
    Serve vip = Serve::Right;
    QString same; // status of the "same certificate on every PSC and the VIP" item
    int exitCode = 0;
};

} // namespace

Q_DECLARE_METATYPE(CertCase)

class TestAudit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void badInput_data();
    void badInput();
    void dns_data();
    void dns();
    void certs_data();
    void certs();
    void silentEndpointsAreWaitedForAtOnce();
    void textOutput();
    void netscaler();
    void vcenter();
    void vds();
    void vcenterAreasShareOneLogin();
    void vcenterStartingIsUnreachable();
    void onlyKeepsTheOtherAreasResults();

private:
    struct Listener
    {
        std::unique_ptr<QTcpServer> server;
    };
    bool makeCertificates(QString *why);
    QString writeProject(const QString &name, const QJsonObject &plan, bool withCa);
    // The loopback lab's plan; NTP is not audited, so its server is named without a port.
    QJsonObject plan(PrecheckServers::PlanKind kind) const
    {
        QJsonObject p = m_servers->loopbackPlan(kind);
        p.insert(u"ntp"_s, QJsonObject{{u"servers"_s, QJsonArray{m_servers->ntpHost()}}});
        return p;
    }
    Run audit(const QStringList &args) { return run(QStringList{u"audit"_s} + args); }
    Run run(const QStringList &args,
            const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    // Starts what `serve` asks for on address:443; false (with *why) when it cannot listen.
    bool serve(const QString &address, Serve serve, QString *why);
    ServerStart requirePort443();

    std::unique_ptr<PrecheckServers> m_servers;
    ServerStart m_dns;
    ServerStart m_certs;
    QTemporaryDir m_dir;
    QString m_certsWhy; // why the certificates could not be made; empty: made
    std::vector<std::unique_ptr<QTcpServer>> m_listeners;
    int m_silentOpen = 0; // connections the silent listeners hold now
    int m_silentMost = 0; // ... and the most they held at one time
};

void TestAudit::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_servers = std::make_unique<PrecheckServers>();
    m_dns = m_servers->startDns();
    if (makeCertificates(&m_certsWhy))
        m_certs = {ServerStart::Outcome::Started, {}};
    else
        m_certs = {m_certsWhy.startsWith(u"the openssl command is missing"_s)
                       ? ServerStart::Outcome::Unavailable
                       : ServerStart::Outcome::Failed,
                   m_certsWhy.isEmpty() ? u"the certificates could not be made"_s : m_certsWhy};
    qInfo().noquote() << u"loopback lab 127.0.%1.0/24; dnsmasq: %2; certificates: %3"_s.arg(
        QString::number(m_servers->slot()), m_dns.started() ? u"started"_s : m_dns.why,
        m_certsWhy.isEmpty() ? u"made"_s : m_certsWhy);
}

void TestAudit::cleanupTestCase()
{
    m_listeners.clear();
    m_servers.reset();
}

// The CA, and the leaves of every row, made by the openssl command: EC keys (fast), the
// names of the loopback lab's AllRecordsExist plan (PSC 1, PSC 3, the load balancer).
bool TestAudit::makeCertificates(QString *why)
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty()) {
        *why = u"the openssl command is missing (apt install openssl)"_s;
        return false;
    }
    const QDir dir(m_dir.filePath(u"pki"_s));
    if (!QDir().mkpath(dir.path()))
        return false;
    const auto run = [&](const QStringList &args) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(openssl, args);
        if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            *why = u"openssl %1: %2"_s.arg(args.join(u' '), QString::fromUtf8(p.readAll()));
            return false;
        }
        return true;
    };
    const QStringList ec = {u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                            u"-nodes"_s};
    for (const QString &ca : {u"ca"_s, u"otherca"_s}) {
        if (!run(QStringList{u"req"_s, u"-x509"_s} + ec
                 + QStringList{u"-keyout"_s, dir.filePath(ca + u".key"_s), u"-out"_s,
                               dir.filePath(ca + u".pem"_s), u"-days"_s, u"3650"_s, u"-subj"_s,
                               u"/O=SSLAB/CN=Audit test "_s + ca, u"-batch"_s}))
            return false;
    }
    const QString lb = PrecheckServers::fqdn(Host::LoadBalancer);
    const QStringList planned = {PrecheckServers::fqdn(Host::Psc01), PrecheckServers::fqdn(Host::Psc03), lb};
    struct Leaf
    {
        QString name, ca, cn;
        QStringList names;
        int days;
    };
    const QList<Leaf> leaves = {
        {u"right"_s, u"ca"_s, lb, planned, 400},
        // Lacks PSC 3, and its CN is PSC 1's name.
        {u"wrongnames"_s,
         u"ca"_s,
         PrecheckServers::fqdn(Host::Psc01),
         {PrecheckServers::fqdn(Host::Psc01), lb},
         400},
        {u"expiring"_s, u"ca"_s, lb, planned, 10},
        {u"fromotherca"_s, u"otherca"_s, lb, planned, 400},
    };
    for (const Leaf &leaf : leaves) {
        QStringList san;
        for (const QString &n : leaf.names)
            san << u"DNS:"_s + n;
        if (!run(QStringList{u"req"_s, u"-x509"_s, u"-CA"_s, dir.filePath(leaf.ca + u".pem"_s), u"-CAkey"_s,
                             dir.filePath(leaf.ca + u".key"_s)}
                 + ec
                 + QStringList{u"-keyout"_s, dir.filePath(leaf.name + u".key"_s), u"-out"_s,
                               dir.filePath(leaf.name + u".pem"_s), u"-days"_s, QString::number(leaf.days),
                               u"-subj"_s, u"/O=SSLAB/CN="_s + leaf.cn, u"-addext"_s,
                               u"subjectAltName="_s + san.join(u','), u"-addext"_s,
                               u"basicConstraints=critical,CA:FALSE"_s, u"-addext"_s,
                               u"keyUsage=digitalSignature,keyEncipherment"_s, u"-batch"_s}))
            return false;
    }
    return true;
}

QString TestAudit::writeProject(const QString &name, const QJsonObject &plan, bool withCa)
{
    const QDir dir(m_dir.filePath(name));
    if (!QDir().mkpath(dir.filePath(u"certs"_s)))
        return {};
    if (withCa) {
        QFile::remove(dir.filePath(u"certs/cachain.crt"_s));
        if (!QFile::copy(m_dir.filePath(u"pki/ca.pem"_s), dir.filePath(u"certs/cachain.crt"_s)))
            return {};
    }
    const QString path = dir.filePath(u"lab.vlab.json"_s);
    QFile f(path);
    const QByteArray json = QJsonDocument(plan).toJson();
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(json) != json.size())
        return {};
    return path;
}

Run TestAudit::run(const QStringList &args, const QProcessEnvironment &environment)
{
    Run run;
    QProcess process;
    QProcessEnvironment env = environment;
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    QSignalSpy finished(&process, &QProcess::finished);
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral(VLAB_CLI_PATH), args);
    // The listeners live in this event loop: wait with it running, never blocked.
    if (!finished.wait(kRunLimitMs)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = u"vlab audit did not finish within %1 ms"_s.arg(kRunLimitMs);
        return run;
    }
    run.elapsedMs = timer.elapsed();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    run.json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    return run;
}

ServerStart TestAudit::requirePort443()
{
    if (!m_certs.started())
        return m_certs;
    QTcpServer probe;
    if (!probe.listen(QHostAddress(m_servers->address(Host::Unassigned)), 443)) {
        if (probe.serverError() == QAbstractSocket::SocketAccessError)
            return {ServerStart::Outcome::Unavailable, u"listening on port 443 needs root"_s};
        return {ServerStart::Outcome::Failed, probe.errorString()};
    }
    return {ServerStart::Outcome::Started, {}};
}

bool TestAudit::serve(const QString &address, Serve serve, QString *why)
{
    if (serve == Serve::Nothing)
        return true;
    std::unique_ptr<QTcpServer> server;
    if (serve == Serve::Silent) {
        // Accepts the connection and never says a word: the handshake gets no answer.
        server = std::make_unique<QTcpServer>();
    } else {
        const QString name = serve == Serve::Right ? u"right"_s
            : serve == Serve::WrongNames           ? u"wrongnames"_s
            : serve == Serve::Expiring             ? u"expiring"_s
                                                   : u"fromotherca"_s;
        QFile certFile(m_dir.filePath(u"pki/%1.pem"_s.arg(name)));
        QFile keyFile(m_dir.filePath(u"pki/%1.key"_s.arg(name)));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            *why = u"cannot read %1"_s.arg(certFile.fileName());
            return false;
        }
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(certFile.readAll(), QSsl::Pem));
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem));
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        auto ssl = std::make_unique<QSslServer>();
        ssl->setSslConfiguration(config);
        server = std::move(ssl);
    }
    QTcpServer *raw = server.get();
    const bool silent = serve == Serve::Silent;
    QObject::connect(raw, &QTcpServer::newConnection, raw, [this, raw, silent] {
        while (QTcpSocket *socket = raw->nextPendingConnection()) {
            QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
            if (!silent)
                continue;
            m_silentMost = std::max(m_silentMost, ++m_silentOpen);
            QObject::connect(socket, &QAbstractSocket::disconnected, raw, [this] { --m_silentOpen; });
        }
    });
    if (!server->listen(QHostAddress(address), 443)) {
        *why = u"cannot listen on %1:443: %2"_s.arg(address, server->errorString());
        return false;
    }
    m_listeners.push_back(std::move(server));
    return true;
}

// README "As-built audit": exit 2 on bad input (usage, a plan that cannot be loaded, and a plan
// with errors, whose findings are printed), one row each below.
void TestAudit::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("inStderr");
    QTest::addColumn<QString>("inStdout");
    QTest::newRow("--only bogus, exit 2") << QStringList{u"PLAN"_s, u"--only"_s, u"dns,bogus"_s}
                                          << u"\"bogus\" is not an audit area"_s << QString();
    QTest::newRow("--only empty, exit 2")
        << QStringList{u"PLAN"_s, u"--only"_s, u","_s} << u"Name at least one audit area"_s << QString();
    QTest::newRow("--format xml, exit 2")
        << QStringList{u"PLAN"_s, u"--format"_s, u"xml"_s} << u"--format must be text or json"_s << QString();
    QTest::newRow("--timeout 5, exit 2") << QStringList{u"PLAN"_s, u"--timeout"_s, u"5"_s}
                                         << u"--timeout must be 100 to 120000 ms"_s << QString();
    QTest::newRow("no plan, exit 2") << QStringList{} << u"expected 1 argument"_s << QString();
    QTest::newRow("missing plan file, exit 2")
        << QStringList{u"/nonexistent/lab.vlab.json"_s} << u"vlab: "_s << QString();
    QTest::newRow("plan with errors, exit 2 with the findings")
        << QStringList{u"BADPLAN"_s, u"--format"_s, u"json"_s} << u"nothing was done"_s << u"\"findings\""_s;
}

void TestAudit::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, inStderr);
    QFETCH(QString, inStdout);
    QJsonObject bad = plan(PrecheckServers::PlanKind::AllRecordsExist);
    QJsonArray psc = bad.value(u"psc"_s).toArray();
    QJsonObject first = psc.at(0).toObject();
    first.insert(u"ip"_s, u"999.1.1.1"_s);
    psc.replace(0, first);
    bad.insert(u"psc"_s, psc);
    const QString good =
        writeProject(u"bad-input"_s, plan(PrecheckServers::PlanKind::AllRecordsExist), false);
    const QString invalid = writeProject(u"invalid-plan"_s, bad, false);
    QVERIFY(!good.isEmpty() && !invalid.isEmpty());
    args.replaceInStrings(u"BADPLAN"_s, invalid);
    args.replaceInStrings(u"PLAN"_s, good);
    const Run run = audit(args);
    QVERIFY2(run.exitCode == 2, qPrintable(run.both()));
    QVERIFY2(run.err.contains(inStderr), qPrintable(run.both()));
    if (!inStdout.isEmpty()) {
        QVERIFY2(run.out.contains(inStdout), qPrintable(run.both()));
        QCOMPARE(run.json.value(u"valid"_s).toBool(true), false);
        QVERIFY2(QJsonDocument(run.json).toJson().contains("psc[0].ip"), qPrintable(run.out));
    } else {
        QVERIFY2(run.out.isEmpty(), qPrintable(run.both()));
    }
}

// README "As-built audit": exit 0 when the lab matches, exit 1 on drift or anything unreachable.
void TestAudit::dns_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("silentServer");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("drift"); // targets expected as drift
    QTest::newRow("every record as planned, exit 0")
        << int(PrecheckServers::PlanKind::AllRecordsExist) << false << 0 << QStringList{};
    QTest::newRow("the planted faults are drift, exit 1")
        << int(PrecheckServers::PlanKind::PlantedFaults) << false << 1 << m_servers->plantedDnsFaults();
    QTest::newRow("a DNS server that does not answer is unreachable, not drift, exit 1")
        << int(PrecheckServers::PlanKind::AllRecordsExist) << true << 1 << QStringList{};
}

void TestAudit::dns()
{
    QFETCH(int, kind);
    QFETCH(bool, silentServer);
    QFETCH(int, exitCode);
    QFETCH(QStringList, drift);
    REQUIRE_SERVER(m_dns);
    QJsonObject p = plan(PrecheckServers::PlanKind(kind));
    if (silentServer)
        p.insert(u"dns"_s,
                 QJsonObject{{u"domain"_s, u"sslab.com"_s},
                             {u"servers"_s, QJsonArray{m_servers->address(Host::Unassigned)}}});
    const QString file = writeProject(u"dns"_s, p, false);
    QVERIFY(!file.isEmpty());
    const Run run = audit({file, u"--only"_s, u"dns"_s, u"--format"_s, u"json"_s, u"--timeout"_s, u"1500"_s});
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.both()));
    const QJsonArray checks = run.json.value(u"checks"_s).toArray();
    // Forward and reverse of both PSCs, the load balancer and vCenter; forward of the target.
    QCOMPARE(checks.size(), 9);
    QStringList drifted;
    int unreachable = 0;
    for (const QJsonValue &v : checks) {
        const QJsonObject c = v.toObject();
        QCOMPARE(c.value(u"area"_s).toString(), u"dns"_s);
        for (const QString &key :
             {u"target"_s, u"status"_s, u"expected"_s, u"found"_s, u"message"_s, u"hint"_s})
            QVERIFY2(c.value(key).isString(), qPrintable(key));
        const QString status = c.value(u"status"_s).toString();
        if (status == u"drift"_s)
            drifted << c.value(u"target"_s).toString();
        if (status == u"unreachable"_s) {
            ++unreachable;
            QVERIFY2(c.value(u"found"_s).toString().isEmpty(), qPrintable(run.out));
        }
        if (status == u"ok"_s && !c.value(u"expected"_s).toString().isEmpty())
            QCOMPARE(c.value(u"found"_s).toString(), c.value(u"expected"_s).toString());
    }
    drifted.sort();
    drift.sort();
    QCOMPARE(drifted, drift);
    QCOMPARE(unreachable, silentServer ? 9 : 0);
    const QJsonObject summary = run.json.value(u"summary"_s).toObject();
    QCOMPARE(summary.value(u"drift"_s).toInt(), int(drift.size()));
    QCOMPARE(summary.value(u"unreachable"_s).toInt(), unreachable);
    QCOMPARE(summary.value(u"ok"_s).toInt(), 9 - int(drift.size()) - unreachable);
    QCOMPARE(summary.value(u"skipped"_s).toInt(), 0);
    if (!drift.isEmpty()) {
        // The wrong PTR: what the plan expects and what the server gave.
        for (const QJsonValue &v : checks) {
            const QJsonObject c = v.toObject();
            if (c.value(u"target"_s).toString().endsWith(u"(PTR)"_s) && c.value(u"status"_s) == u"drift"_s) {
                QCOMPARE(c.value(u"expected"_s).toString(), PrecheckServers::fqdn(Host::Psc02));
                QCOMPARE(c.value(u"found"_s).toString(), PrecheckServers::wrongPtrName());
            }
        }
    }
}

// README "As-built audit": the certs area against TLS listeners on the planned addresses.
void TestAudit::certs_data()
{
    QTest::addColumn<CertCase>("c");
    QTest::newRow("the same right certificate everywhere, exit 0")
        << CertCase{Serve::Right, Serve::Right, Serve::Right, u"ok"_s, 0};
    QTest::newRow("PSC 2 serves a certificate lacking its name, exit 1")
        << CertCase{Serve::Right, Serve::WrongNames, Serve::Right, u"drift"_s, 1};
    QTest::newRow("the VIP serves one expiring in 10 days, exit 1")
        << CertCase{Serve::Right, Serve::Right, Serve::Expiring, u"drift"_s, 1};
    QTest::newRow("PSC 1 serves one from another CA, exit 1")
        << CertCase{Serve::OtherCa, Serve::Right, Serve::Right, u"drift"_s, 1};
    QTest::newRow("PSC 2 accepts but never answers: unreachable, not drift, exit 1")
        << CertCase{Serve::Right, Serve::Silent, Serve::Right, u"unreachable"_s, 1};
    QTest::newRow("nothing listens on the VIP: unreachable, not drift, exit 1")
        << CertCase{Serve::Right, Serve::Right, Serve::Nothing, u"unreachable"_s, 1};
}

void TestAudit::certs()
{
    QFETCH(CertCase, c);
    REQUIRE_SERVER(requirePort443());
    const struct
    {
        Host host;
        Serve serve;
        QString label;
    } endpoints[] = {{Host::Psc01, c.psc1, PrecheckServers::fqdn(Host::Psc01)},
                     {Host::Psc03, c.psc2, PrecheckServers::fqdn(Host::Psc03)},
                     {Host::LoadBalancer, c.vip, u"VIP "_s + PrecheckServers::fqdn(Host::LoadBalancer)}};
    m_listeners.clear();
    for (const auto &e : endpoints) {
        QString why;
        QVERIFY2(serve(m_servers->address(e.host), e.serve, &why), qPrintable(why));
    }
    const QString file = writeProject(u"certs"_s, plan(PrecheckServers::PlanKind::AllRecordsExist), true);
    QVERIFY(!file.isEmpty());
    const Run run =
        audit({file, u"--only"_s, u"certs"_s, u"--format"_s, u"json"_s, u"--timeout"_s, u"1500"_s});
    m_listeners.clear();
    QVERIFY2(run.exitCode == c.exitCode, qPrintable(run.both()));

    QHash<QString, QJsonObject> byTarget;
    for (const QJsonValue &v : run.json.value(u"checks"_s).toArray()) {
        const QJsonObject item = v.toObject();
        QCOMPARE(item.value(u"area"_s).toString(), u"certs"_s);
        byTarget.insert(item.value(u"target"_s).toString(), item);
    }
    int expectedItems = 1; // the comparison
    for (const auto &e : endpoints) {
        const QString base = u"%1 %2:443 "_s.arg(e.label, m_servers->address(e.host));
        const bool silent = e.serve == Serve::Silent || e.serve == Serve::Nothing;
        if (silent) {
            ++expectedItems;
            const QJsonObject tls = byTarget.value(base + u"tls"_s);
            QVERIFY2(!tls.isEmpty(), qPrintable(base + u"tls\n"_s + run.out));
            QCOMPARE(tls.value(u"status"_s).toString(), u"unreachable"_s);
            QVERIFY2(tls.value(u"found"_s).toString().isEmpty(), qPrintable(run.out));
            QVERIFY2(!byTarget.contains(base + u"names"_s),
                     "nothing is judged of an endpoint that did not answer");
            continue;
        }
        expectedItems += 3;
        const auto status = [&](const QString &aspect) {
            return byTarget.value(base + aspect).value(u"status"_s).toString();
        };
        QCOMPARE(status(u"names"_s), e.serve == Serve::WrongNames ? u"drift"_s : u"ok"_s);
        QCOMPARE(status(u"validity"_s), e.serve == Serve::Expiring ? u"drift"_s : u"ok"_s);
        QCOMPARE(status(u"chain"_s), e.serve == Serve::OtherCa ? u"drift"_s : u"ok"_s);
        if (e.serve == Serve::WrongNames) {
            const QJsonObject names = byTarget.value(base + u"names"_s);
            QVERIFY2(names.value(u"message"_s).toString().contains(PrecheckServers::fqdn(Host::Psc03)),
                     qPrintable(run.out));
            QVERIFY2(names.value(u"found"_s)
                         .toString()
                         .startsWith(u"CN = "_s + PrecheckServers::fqdn(Host::Psc01)),
                     qPrintable(run.out));
            QVERIFY(!names.value(u"hint"_s).toString().isEmpty());
        }
        if (e.serve == Serve::Expiring)
            QVERIFY2(
                byTarget.value(base + u"validity"_s).value(u"message"_s).toString().contains(u"expires in"_s),
                qPrintable(run.out));
    }
    QCOMPARE(byTarget.size(), expectedItems);
    const QJsonObject same = byTarget.value(u"every PSC and the VIP"_s);
    QCOMPARE(same.value(u"status"_s).toString(), c.same);
    const QJsonObject summary = run.json.value(u"summary"_s).toObject();
    int drift = 0, unreachable = 0;
    for (const QJsonObject &item : std::as_const(byTarget)) {
        drift += item.value(u"status"_s).toString() == u"drift"_s;
        unreachable += item.value(u"status"_s).toString() == u"unreachable"_s;
    }
    QCOMPARE(summary.value(u"drift"_s).toInt(), drift);
    QCOMPARE(summary.value(u"unreachable"_s).toInt(), unreachable);
    QCOMPARE(summary.value(u"ok"_s).toInt(), expectedItems - drift - unreachable);
    if (c.exitCode == 0)
        QCOMPARE(drift + unreachable, 0);
}

// Two endpoints that accept and never answer, with a limit of 2 s each: checked at once, both
// connections are held open at the same time (one after the other, never more than one).
void TestAudit::silentEndpointsAreWaitedForAtOnce()
{
    REQUIRE_SERVER(requirePort443());
    m_listeners.clear();
    m_silentOpen = m_silentMost = 0;
    QString why;
    QVERIFY2(serve(m_servers->address(Host::Psc01), Serve::Silent, &why), qPrintable(why));
    QVERIFY2(serve(m_servers->address(Host::Psc03), Serve::Silent, &why), qPrintable(why));
    QVERIFY2(serve(m_servers->address(Host::LoadBalancer), Serve::Right, &why), qPrintable(why));
    const QString file = writeProject(u"silent"_s, plan(PrecheckServers::PlanKind::AllRecordsExist), true);
    const Run run =
        audit({file, u"--only"_s, u"certs"_s, u"--format"_s, u"json"_s, u"--timeout"_s, u"2000"_s});
    m_listeners.clear();
    QVERIFY2(run.exitCode == 1, qPrintable(run.both()));
    const QJsonObject summary = run.json.value(u"summary"_s).toObject();
    QCOMPARE(summary.value(u"unreachable"_s).toInt(), 3); // two endpoints and the comparison
    QCOMPARE(summary.value(u"drift"_s).toInt(), 0);
    qInfo("two silent endpoints and one answering, 2000 ms limit each: %lld ms, at most %d silent "
          "connections open at once",
          run.elapsedMs, m_silentMost);
    QVERIFY2(m_silentMost >= 2, qPrintable(QString::number(m_silentMost)));
    // Each silent endpoint was given its whole limit (a lower bound: no machine is too slow for it).
    QVERIFY2(run.elapsedMs >= 2000, qPrintable(QString::number(run.elapsedMs)));
}

// The text form: one line per item, expected/found/fix under anything not ok, the summary; the
// areas not chosen are left out.
void TestAudit::textOutput()
{
    REQUIRE_SERVER(requirePort443());
    m_listeners.clear();
    QString why;
    QVERIFY2(serve(m_servers->address(Host::Psc01), Serve::Right, &why), qPrintable(why));
    QVERIFY2(serve(m_servers->address(Host::Psc03), Serve::WrongNames, &why), qPrintable(why));
    QVERIFY2(serve(m_servers->address(Host::LoadBalancer), Serve::Right, &why), qPrintable(why));
    const QString file = writeProject(u"text"_s, plan(PrecheckServers::PlanKind::AllRecordsExist), true);
    const Run run = audit({file, u"--only"_s, u"certs"_s, u"--timeout"_s, u"1500"_s});
    m_listeners.clear();
    QVERIFY2(run.exitCode == 1, qPrintable(run.both()));
    QVERIFY2(run.out.contains(u"DRIFT        certs      %1 %2:443 names: "_s.arg(
                 PrecheckServers::fqdn(Host::Psc03), m_servers->address(Host::Psc03))),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(u"             expected: CN = "_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"             found:    CN = "_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"audit: 8 ok, 2 drift, 0 unreachable, 0 skipped\n"_s), qPrintable(run.out));
    QVERIFY2(!run.out.contains(u" dns "_s), qPrintable(run.out));
}

// README "As-built audit": the netscaler area against the NITRO stand-in, after `vlab netscaler
// apply` made the plan's objects and kept the NSIP's confirmed fingerprint in the project:
// exit 0 when everything is as planned and UP, exit 1 on a removed binding, a DOWN service or
// a NetScaler that does not answer; an unconfirmed certificate sends nothing (skipped).
void TestAudit::netscaler()
{
    NitroStandin ns;
    QString why = ns.start();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    NitroStandin down;
    const QJsonObject labPlan = plan(PrecheckServers::PlanKind::AllRecordsExist);
    const vlab::Result<vlab::LabPlan> loaded = vlab::parsePlan(QJsonDocument(labPlan).toJson());
    QVERIFY(loaded);
    const vlab::Result<vlab::LbConfig> config = vlab::LbConfig::fromPlan(*loaded);
    QVERIFY(config);
    const QList<vlab::NitroObject> objects = vlab::nitroObjects(*config);
    QString firstService, bindingVserver, bindingService;
    for (const vlab::NitroObject &o : objects) {
        if (o.type == u"service"_s && firstService.isEmpty())
            firstService = o.name();
        if (o.type == u"lbvserver_service_binding"_s && bindingVserver.isEmpty()) {
            bindingVserver = o.name();
            bindingService = o.boundTo();
        }
    }
    QVERIFY(!firstService.isEmpty() && !bindingVserver.isEmpty());
    why = down.start({u"--down"_s, firstService});
    QVERIFY2(why.isEmpty(), qPrintable(why));

    const auto fingerprint = [](const NitroStandin &s) {
        return QString::fromLatin1(s.certificateSha256().toHex(':').toUpper());
    };
    const QString file = writeProject(u"netscaler"_s, labPlan, false);
    QVERIFY(!file.isEmpty());
    const QProcessEnvironment withPassword = [] {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"VLAB_NS_PASSWORD"_s, NitroStandin::password());
        return env;
    }();
    for (const NitroStandin *s : {&ns, &down}) {
        const Run apply = run({u"netscaler"_s, u"apply"_s, file, u"--nsip"_s, s->address(), u"--user"_s,
                               QString::fromLatin1(NitroStandin::kUser), u"--fingerprint"_s, fingerprint(*s)},
                              withPassword);
        QVERIFY2(apply.exitCode == 0, qPrintable(apply.both()));
    }
    // The fingerprints confirmed by apply, where the audit reads them.
    QVERIFY(QFile::exists(QFileInfo(file).dir().filePath(u"vlab-trust.json"_s)));
    const auto auditOf = [&](const NitroStandin &s, const QString &project) {
        return run(QStringList{u"audit"_s, project, u"--only"_s, u"netscaler"_s, u"--nsip"_s, s.address(),
                               u"--format"_s, u"json"_s, u"--timeout"_s, u"3000"_s},
                   withPassword);
    };
    const auto statuses = [](const Run &r) {
        QMap<QString, QString> byTarget;
        for (const QJsonValue &v : r.json.value(u"checks"_s).toArray())
            byTarget.insert(v[u"target"_s].toString(), v[u"status"_s].toString());
        return byTarget;
    };

    // As applied: every object as planned, services and virtual servers UP.
    Run r = auditOf(ns, file);
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QMap<QString, QString> found = statuses(r);
    QCOMPARE(found.size(), objects.size());
    for (const vlab::NitroObject &o : objects)
        QVERIFY2(found.value(o.label()) == u"ok"_s, qPrintable(o.label() + u'\n' + r.out));
    QVERIFY2(!r.out.contains(NitroStandin::password()) && !r.err.contains(NitroStandin::password()),
             "the password is never printed");

    // One binding removed behind the tool's back: exactly that is drift.
    const auto removed =
        ns.request("DELETE",
                   u"/nitro/v1/config/lbvserver_service_binding/%1?args=servicename:%2"_s.arg(bindingVserver,
                                                                                              bindingService),
                   {});
    QCOMPARE(removed.first, 200);
    r = auditOf(ns, file);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    found = statuses(r);
    QStringList drift;
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        if (it.value() != u"ok"_s)
            drift << it.key() + u'=' + it.value();
    }
    QCOMPARE(drift.size(), 1);
    QVERIFY2(drift.constFirst().contains(bindingVserver) && drift.constFirst().contains(bindingService)
                 && drift.constFirst().endsWith(u"=drift"_s),
             qPrintable(drift.join(u'\n')));

    // A service DOWN on the other NetScaler: that service is drift, the rest as planned.
    r = auditOf(down, file);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    found = statuses(r);
    drift.clear();
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        if (it.value() != u"ok"_s)
            drift << it.key();
    }
    QCOMPARE(drift, QStringList{u"service "_s + firstService});

    // A project without the confirmed fingerprint: the login (the password) is never sent.
    const QString unconfirmed = writeProject(u"netscaler-unconfirmed"_s, labPlan, false);
    const int loginsBefore = int(ns.state().value(u"log"_s).toArray().toVariantList().count(
        QVariant(u"POST /nitro/v1/config/login"_s)));
    r = auditOf(ns, unconfirmed);
    found = statuses(r);
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.first() == u"skipped"_s, qPrintable(r.out));
    QVERIFY2(r.out.contains(u"--fingerprint"_s), qPrintable(r.out));
    QCOMPARE(int(ns.state().value(u"log"_s).toArray().toVariantList().count(
                 QVariant(u"POST /nitro/v1/config/login"_s))),
             loginsBefore);

    // The NetScaler stops answering: unreachable, not drift.
    const QString address = ns.address();
    ns.stop();
    r = run(QStringList{u"audit"_s, file, u"--only"_s, u"netscaler"_s, u"--nsip"_s, address, u"--format"_s,
                        u"json"_s, u"--timeout"_s, u"2000"_s},
            withPassword);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    found = statuses(r);
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.first() == u"unreachable"_s, qPrintable(r.out));
}

// README "As-built audit": the vcenter and vcha areas against govmomi's vCenter simulator with
// the VCHA stand-in, the fingerprint confirmed in the project: exit 1 before VCHA is deployed
// (the cluster NOTCONFIGURED is drift), exit 0 once it is deployed and healthy; a vCenter
// without the VCHA REST API (6.7 GA) is skipped; an unconfirmed certificate sends nothing; a
// vCenter that does not answer is unreachable.
void TestAudit::vcenter()
{
    if (QStringLiteral(VLAB_VCSIM_PATH).isEmpty())
        QSKIP("The vCenter simulator was not built: install golang-go and golang-github-vmware-govmomi-dev.");
    VcSimFixture fixture;
    QString why = fixture.makeCertificate();
    if (why.startsWith(u"the openssl command is missing"_s))
        QSKIP(qPrintable(why));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString sim =
        fixture.start(QStringLiteral(VLAB_VCSIM_PATH), {u"-vcha-standin"_s, u"-vcha-polls"_s, u"0"_s}, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString ga = fixture.start(QStringLiteral(VLAB_VCSIM_PATH), {}, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // The simulator's inventory names: the HA network on its distributed port group.
    QJsonObject labPlan = plan(PrecheckServers::PlanKind::AllRecordsExist);
    QJsonObject vcha = labPlan.value(u"vcha"_s).toObject();
    vcha.insert(u"enabled"_s, true);
    QJsonObject haNetwork = vcha.value(u"network"_s).toObject();
    haNetwork.insert(u"portGroup"_s, u"DC0_DVPG0"_s);
    vcha.insert(u"network"_s, haNetwork);
    labPlan.insert(u"vcha"_s, vcha);
    QJsonObject target = labPlan.value(u"target"_s).toObject();
    target.insert(u"datastore"_s, u"LocalDS_0"_s);
    labPlan.insert(u"target"_s, target);
    const QString file = writeProject(u"vcenter"_s, labPlan, false);
    QVERIFY(!file.isEmpty());
    const vlab::Result<vlab::LabPlan> loaded = vlab::parsePlan(QJsonDocument(labPlan).toJson());
    QVERIFY(loaded);

    const QString password = u"S3cret-Pass!42"_s;
    const auto endpointOf = [&](const QString &hostPort) {
        vlab::VCenterEndpoint e;
        e.url = *vlab::parseVCenterHost(hostPort);
        e.pin = fixture.pin();
        e.user = u"administrator@vsphere.local"_s;
        e.password = password;
        e.timeout = std::chrono::milliseconds(30000);
        return e;
    };
    const vlab::VCenterActions actions(QFileInfo(file).absolutePath());
    QVERIFY(actions.keepFingerprint(endpointOf(sim)));
    QVERIFY(actions.keepFingerprint(endpointOf(ga)));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VLAB_VC_PASSWORD"_s, password);
    const auto auditOf = [&](const QString &hostPort, const QString &project) {
        return run(QStringList{u"audit"_s, project, u"--only"_s, u"vcenter,vcha"_s, u"--vcenter"_s, hostPort,
                               u"--format"_s, u"json"_s, u"--timeout"_s, u"5000"_s},
                   env);
    };
    const auto byArea = [](const Run &r) {
        QMap<QString, QJsonObject> items;
        for (const QJsonValue &v : r.json.value(u"checks"_s).toArray())
            items.insert(v[u"area"_s].toString(), v.toObject());
        return items;
    };

    // Before VCHA is deployed: the login works, the cluster is not configured.
    Run r = auditOf(sim, file);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QMap<QString, QJsonObject> items = byArea(r);
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.value(u"vcenter"_s).value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(items.value(u"vcha"_s).value(u"status"_s).toString(), u"drift"_s);
    QVERIFY2(items.value(u"vcha"_s).value(u"found"_s).toString().startsWith(u"NOTCONFIGURED"_s),
             qPrintable(r.out));
    QVERIFY2(!r.out.contains(password) && !r.err.contains(password), "the password is never printed");

    // Deployed through the VCHA step's own job: enabled and healthy.
    vlab::VchaJob deploy(vlab::VchaAction::Deploy, endpointOf(sim), *loaded);
    deploy.setPollInterval(std::chrono::milliseconds(20));
    QSignalSpy finished(&deploy, &vlab::Job::finished);
    deploy.start();
    QVERIFY(deploy.isFinished() || finished.wait(60000));
    QVERIFY2(deploy.state() == vlab::Job::State::Succeeded,
             qPrintable(deploy.result() ? QString() : deploy.result().error().message));
    r = auditOf(sim, file);
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    items = byArea(r);
    QCOMPARE(items.value(u"vcha"_s).value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(items.value(u"vcha"_s).value(u"found"_s).toString(), u"CONFIGURED, ENABLED, HEALTHY"_s);

    // A vCenter without the VCHA REST API: the login is checked, VCHA is not.
    r = auditOf(ga, file);
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    items = byArea(r);
    QCOMPARE(items.value(u"vcenter"_s).value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(items.value(u"vcha"_s).value(u"status"_s).toString(), u"skipped"_s);

    // A project without the confirmed fingerprint: nothing is sent, nothing is checked.
    const QString unconfirmed = writeProject(u"vcenter-unconfirmed"_s, labPlan, false);
    r = auditOf(sim, unconfirmed);
    items = byArea(r);
    QCOMPARE(items.value(u"vcenter"_s).value(u"status"_s).toString(), u"skipped"_s);
    QVERIFY2(items.value(u"vcenter"_s).value(u"hint"_s).toString().contains(u"--fingerprint"_s),
             qPrintable(r.out));

    // Nothing listens on the address: unreachable, not drift.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QString closedAddress = u"127.0.0.1:%1"_s.arg(closed.serverPort());
    closed.close();
    r = auditOf(closedAddress, file);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    items = byArea(r);
    QCOMPARE(items.value(u"vcenter"_s).value(u"status"_s).toString(), u"unreachable"_s);
    QCOMPARE(items.value(u"vcha"_s).value(u"status"_s).toString(), u"unreachable"_s);
}

// README "As-built audit": the vds area against govmomi's vCenter simulator with its Distributed
// Switch shim (-dvs-shim: it keeps maxMtu, the version and the uplink names as vCenter does), the
// fingerprint confirmed in the project: before `vlab vds create` the switch and its port groups
// are missing (drift, exit 1); after it every item is ok (exit 0); then pyVmomi (the judge of
// the SOAP API, tests/data/vsphere/change-dvs.py) changes one thing behind the tool's back and
// exactly that item is drift (exit 1): the MTU, then one port group's VLAN; the switch
// destroyed is drift; a stopped simulator is unreachable (exit 1).
void TestAudit::vds()
{
    if (QStringLiteral(VLAB_VCSIM_PATH).isEmpty())
        QSKIP("The vCenter simulator was not built: install golang-go and golang-github-vmware-govmomi-dev.");
    // Debian's python3-pyvmomi belongs to Debian's python3 (a python3 earlier in PATH may lack it).
    const QString python = QFileInfo::exists(u"/usr/bin/python3"_s)
        ? u"/usr/bin/python3"_s
        : QStandardPaths::findExecutable(u"python3"_s);
    if (python.isEmpty() || QProcess::execute(python, {u"-c"_s, u"import pyVmomi"_s}) != 0)
        QSKIP("pyVmomi is missing (Debian package python3-pyvmomi; .ci/setup installs it).");
    const QString changeDvs = QFINDTESTDATA("../data/vsphere/change-dvs.py");
    QVERIFY(!changeDvs.isEmpty());
    VcSimFixture fixture;
    QString why = fixture.makeCertificate();
    if (why.startsWith(u"the openssl command is missing"_s))
        QSKIP(qPrintable(why));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString sim = fixture.start(QStringLiteral(VLAB_VCSIM_PATH), {u"-dvs-shim"_s}, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    const QJsonObject labPlan = plan(PrecheckServers::PlanKind::AllRecordsExist);
    const vlab::Result<vlab::LabPlan> loaded = vlab::parsePlan(QJsonDocument(labPlan).toJson());
    QVERIFY(loaded);
    const vlab::DistributedSwitch &planned = loaded->vds;
    QVERIFY(planned.portGroups.size() == 2);
    const QString file = writeProject(u"vds"_s, labPlan, false);
    QVERIFY(!file.isEmpty());
    const QString password = u"S3cret-Pass!42"_s;
    vlab::VCenterEndpoint endpoint;
    endpoint.url = *vlab::parseVCenterHost(sim);
    endpoint.pin = fixture.pin();
    endpoint.user = u"administrator@vsphere.local"_s;
    QVERIFY(vlab::VCenterActions(QFileInfo(file).absolutePath()).keepFingerprint(endpoint));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VLAB_VC_PASSWORD"_s, password);
    // Every item has the JSON shape of the README, and no output holds the password: checked
    // on every run, reported at the end.
    QStringList shapeProblems;
    const auto auditVds = [&] {
        Run r = run(QStringList{u"audit"_s, file, u"--only"_s, u"vds"_s, u"--vcenter"_s, sim, u"--format"_s,
                                u"json"_s, u"--timeout"_s, u"5000"_s},
                    env);
        for (const QJsonValue &v : r.json.value(u"checks"_s).toArray()) {
            for (const QString &key :
                 {u"area"_s, u"target"_s, u"status"_s, u"expected"_s, u"found"_s, u"message"_s, u"hint"_s}) {
                if (!v[key].isString())
                    shapeProblems << u"no string %1 in %2"_s.arg(key, r.out);
            }
            if (v[u"area"_s].toString() != u"vds"_s)
                shapeProblems << u"another area: "_s + r.out;
        }
        if (r.out.contains(password) || r.err.contains(password))
            shapeProblems << u"the password was printed"_s;
        return r;
    };
    const auto statuses = [](const Run &r) {
        QMap<QString, QString> byTarget;
        for (const QJsonValue &v : r.json.value(u"checks"_s).toArray())
            byTarget.insert(v[u"target"_s].toString(), v[u"status"_s].toString());
        return byTarget;
    };
    const auto item = [](const Run &r, const QString &target) {
        for (const QJsonValue &v : r.json.value(u"checks"_s).toArray()) {
            if (v[u"target"_s].toString() == target)
                return v.toObject();
        }
        return QJsonObject();
    };
    const auto notOk = [&](const Run &r) {
        QStringList found;
        const QMap<QString, QString> byTarget = statuses(r);
        for (auto it = byTarget.cbegin(); it != byTarget.cend(); ++it) {
            if (it.value() != u"ok"_s)
                found << it.key() + u'=' + it.value();
        }
        return found;
    };
    const auto changeBehindTheBack = [&](const QStringList &args) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(python,
                QStringList{changeDvs, u"127.0.0.1"_s, sim.section(u':', -1), fixture.certificatePath(),
                            planned.name}
                    + args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return u"change-dvs.py %1: %2"_s.arg(args.join(u' '), QString::fromUtf8(p.readAll()));
        return QString();
    };
    const QString switchItem = planned.name;
    const QString mtuItem = planned.name + u" (MTU)"_s;
    const QString vlanItem = planned.portGroups.at(0).name + u" (VLAN)"_s;

    // Nothing created yet: the switch and both port groups are missing.
    Run r = auditVds();
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QCOMPARE(notOk(r),
             (QStringList{switchItem + u"=drift"_s, planned.portGroups.at(0).name + u" (VLAN)=drift"_s,
                          planned.portGroups.at(1).name + u" (VLAN)=drift"_s}));

    // Created by the Distributed Switch step's own verb: every item as planned.
    const Run create = run({u"vds"_s, u"create"_s, file, u"--host"_s, sim, u"--user"_s, endpoint.user}, env);
    QVERIFY2(create.exitCode == 0, qPrintable(create.both()));
    r = auditVds();
    QVERIFY2(r.exitCode == 0, qPrintable(r.both()));
    QCOMPARE(statuses(r).size(), 5); // version, MTU, uplinks, two port groups
    QVERIFY2(notOk(r).isEmpty(), qPrintable(r.out));
    QCOMPARE(item(r, planned.name + u" (version)"_s).value(u"found"_s).toString(), planned.version);
    QCOMPARE(item(r, mtuItem).value(u"found"_s).toString(), QString::number(planned.mtu));
    QCOMPARE(item(r, planned.name + u" (uplinks)"_s).value(u"found"_s).toString(),
             u"2: Uplink 1, Uplink 2"_s);
    QCOMPARE(item(r, vlanItem).value(u"found"_s).toString(),
             u"VLAN %1 on %2"_s.arg(QString::number(planned.portGroups.at(0).vlan), planned.name));

    // The MTU lowered behind the tool's back: exactly that item is drift.
    why = changeBehindTheBack({u"mtu"_s, u"1500"_s});
    QVERIFY2(why.isEmpty(), qPrintable(why));
    r = auditVds();
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QCOMPARE(notOk(r), QStringList{mtuItem + u"=drift"_s});
    QCOMPARE(item(r, mtuItem).value(u"expected"_s).toString(), QString::number(planned.mtu));
    QCOMPARE(item(r, mtuItem).value(u"found"_s).toString(), u"1500"_s);

    // The MTU put back, one port group's VLAN changed: exactly that item is drift.
    why = changeBehindTheBack({u"mtu"_s, QString::number(planned.mtu)});
    QVERIFY2(why.isEmpty(), qPrintable(why));
    why = changeBehindTheBack({u"vlan"_s, planned.portGroups.at(0).name, u"11"_s});
    QVERIFY2(why.isEmpty(), qPrintable(why));
    r = auditVds();
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QCOMPARE(notOk(r), QStringList{vlanItem + u"=drift"_s});
    QCOMPARE(item(r, vlanItem).value(u"found"_s).toString(), u"VLAN 11 on %1"_s.arg(planned.name));

    // The switch destroyed: it is drift (its port groups with it).
    why = changeBehindTheBack({u"destroy"_s});
    QVERIFY2(why.isEmpty(), qPrintable(why));
    r = auditVds();
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QCOMPARE(statuses(r).value(switchItem), u"drift"_s);
    QVERIFY2(item(r, switchItem).value(u"found"_s).toString().startsWith(u"no switch"_s), qPrintable(r.out));

    // The simulator stopped: unreachable, not drift.
    fixture.stopAll();
    r = auditVds();
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QCOMPARE(notOk(r), QStringList{switchItem + u"=unreachable"_s});
    QVERIFY2(shapeProblems.isEmpty(), qPrintable(shapeProblems.join(u'\n')));
}

// README "As-built audit": the vcenter, vcha and vds areas share one login to the vCenter
// (VCenterConnection): one REST session for vcenter and vcha, one SOAP session for vds, each
// logged out once at the end, as the simulator counts them (tests/tools/vcsim/logins.go; before,
// every area logged in on its own). --only vcha alone opens the REST one only. A refused login is
// sent once per kind, not once per area, and every area reports it (drift, with the password
// hint); a vCenter that does not answer is unreachable in every area.
void TestAudit::vcenterAreasShareOneLogin()
{
    if (QStringLiteral(VLAB_VCSIM_PATH).isEmpty())
        QSKIP("The vCenter simulator was not built: install golang-go and golang-github-vmware-govmomi-dev.");
    VcSimFixture fixture;
    QString why = fixture.makeCertificate();
    if (why.startsWith(u"the openssl command is missing"_s))
        QSKIP(qPrintable(why));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString user = u"administrator@vsphere.local"_s;
    const QString password = u"S3cret-Pass!42"_s;
    // Only this user and password log in (the simulator alone takes any password).
    const QString sim = fixture.start(QStringLiteral(VLAB_VCSIM_PATH),
                                      {u"-vcha-standin"_s, u"-login"_s, user + u':' + password}, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    QJsonObject labPlan = plan(PrecheckServers::PlanKind::AllRecordsExist);
    QJsonObject vcha = labPlan.value(u"vcha"_s).toObject();
    vcha.insert(u"enabled"_s, true);
    labPlan.insert(u"vcha"_s, vcha);
    QJsonObject target = labPlan.value(u"target"_s).toObject();
    target.insert(u"datacenter"_s, u"DC0"_s); // the simulator's
    labPlan.insert(u"target"_s, target);
    const QString file = writeProject(u"shared-login"_s, labPlan, false);
    QVERIFY(!file.isEmpty());
    vlab::VCenterEndpoint endpoint;
    endpoint.url = *vlab::parseVCenterHost(sim);
    endpoint.pin = fixture.pin();
    endpoint.user = user;
    QVERIFY(vlab::VCenterActions(QFileInfo(file).absolutePath()).keepFingerprint(endpoint));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VLAB_VC_PASSWORD"_s, password);
    const auto auditOf = [&](const QString &areas, const QString &hostPort, const QProcessEnvironment &e) {
        return run(QStringList{u"audit"_s, file, u"--only"_s, areas, u"--vcenter"_s, hostPort, u"--vc-user"_s,
                               user, u"--format"_s, u"json"_s, u"--timeout"_s, u"5000"_s},
                   e);
    };
    // The statuses of each area's items.
    const auto statusesByArea = [](const Run &r) {
        QMap<QString, QStringList> areas;
        for (const QJsonValue &v : r.json.value(u"checks"_s).toArray())
            areas[v[u"area"_s].toString()] << v[u"status"_s].toString();
        return areas;
    };
    const auto loginsDuring = [&](const std::function<Run()> &audit, Run *r) {
        const VcSimLogins before = readVcSimLogins(sim, fixture.pin());
        *r = audit();
        return readVcSimLogins(sim, fixture.pin()) - before;
    };

    // The three areas: one REST and one SOAP login, each logged out once.
    Run r;
    VcSimLogins logins = loginsDuring([&] { return auditOf(u"vcenter,vcha,vds"_s, sim, env); }, &r);
    QVERIFY2(logins.error.isEmpty(), qPrintable(logins.error));
    // vcha: NOTCONFIGURED is drift; vds: the switch is not made yet.
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QMap<QString, QStringList> areas = statusesByArea(r);
    QCOMPARE(areas.value(u"vcenter"_s), QStringList{u"ok"_s});
    QCOMPARE(areas.value(u"vcha"_s), QStringList{u"drift"_s});
    QVERIFY2(!areas.value(u"vds"_s).isEmpty() && !areas.value(u"vds"_s).contains(u"unreachable"_s)
                 && !areas.value(u"vds"_s).contains(u"skipped"_s),
             qPrintable(r.out));
    QVERIFY2(logins.restLogins == 1 && logins.restLogouts == 1 && logins.soapLogins == 1
                 && logins.soapLogouts == 1,
             qPrintable(logins.text()));

    // vcha alone: its REST login, nothing else.
    logins = loginsDuring([&] { return auditOf(u"vcha"_s, sim, env); }, &r);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    areas = statusesByArea(r);
    QCOMPARE(areas.keys(), QStringList{u"vcha"_s});
    QCOMPARE(areas.value(u"vcha"_s), QStringList{u"drift"_s});
    QVERIFY2(logins.restLogins == 1 && logins.restLogouts == 1 && logins.soapLogins == 0
                 && logins.soapLogouts == 0,
             qPrintable(logins.text()));

    // A wrong password: refused once per kind of session, reported in every area.
    QProcessEnvironment wrong = env;
    wrong.insert(u"VLAB_VC_PASSWORD"_s, u"not-the-password"_s);
    logins = loginsDuring([&] { return auditOf(u"vcenter,vcha,vds"_s, sim, wrong); }, &r);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QVERIFY2(logins.restLogins == 1 && logins.restLogouts == 0 && logins.soapLogins == 1
                 && logins.soapLogouts == 0,
             qPrintable(logins.text()));
    areas = statusesByArea(r);
    QCOMPARE(areas.keys(), (QStringList{u"vcenter"_s, u"vcha"_s, u"vds"_s}));
    for (const QJsonValue &v : r.json.value(u"checks"_s).toArray()) {
        QCOMPARE(v[u"status"_s].toString(), u"drift"_s);
        QVERIFY2(v[u"hint"_s].toString().contains(u"VLAB_VC_PASSWORD"_s), qPrintable(r.out));
    }
    QVERIFY2(!r.out.contains(password) && !r.err.contains(password), "the password is never printed");
    QVERIFY2(!r.out.contains(u"not-the-password"_s) && !r.err.contains(u"not-the-password"_s),
             "the password is never printed");

    // Nothing listens on the address: unreachable in every area.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QString closedAddress = u"127.0.0.1:%1"_s.arg(closed.serverPort());
    closed.close();
    r = auditOf(u"vcenter,vcha,vds"_s, closedAddress, env);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    areas = statusesByArea(r);
    QCOMPARE(areas.value(u"vcenter"_s), QStringList{u"unreachable"_s});
    QCOMPARE(areas.value(u"vcha"_s), QStringList{u"unreachable"_s});
    QCOMPARE(areas.value(u"vds"_s), QStringList{u"unreachable"_s});
}

// README "As-built audit": a vCenter whose services are still starting answers HTTP 503
// (the simulator's -starting, as vCenter's reverse proxy answers): nothing could be compared, so
// the vcenter, vcha and vds areas are unreachable with a hint to wait, never drift.
void TestAudit::vcenterStartingIsUnreachable()
{
    if (QStringLiteral(VLAB_VCSIM_PATH).isEmpty())
        QSKIP("The vCenter simulator was not built: install golang-go and golang-github-vmware-govmomi-dev.");
    VcSimFixture fixture;
    QString why = fixture.makeCertificate();
    if (why.startsWith(u"the openssl command is missing"_s))
        QSKIP(qPrintable(why));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString sim = fixture.start(QStringLiteral(VLAB_VCSIM_PATH), {u"-starting"_s}, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    QJsonObject labPlan = plan(PrecheckServers::PlanKind::AllRecordsExist);
    QJsonObject vcha = labPlan.value(u"vcha"_s).toObject();
    vcha.insert(u"enabled"_s, true);
    labPlan.insert(u"vcha"_s, vcha);
    const QString file = writeProject(u"vcenter-starting"_s, labPlan, false);
    QVERIFY(!file.isEmpty());
    vlab::VCenterEndpoint endpoint;
    endpoint.url = *vlab::parseVCenterHost(sim);
    endpoint.pin = fixture.pin();
    endpoint.user = u"administrator@vsphere.local"_s;
    QVERIFY(vlab::VCenterActions(QFileInfo(file).absolutePath()).keepFingerprint(endpoint));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VLAB_VC_PASSWORD"_s, u"S3cret-Pass!42"_s);
    const Run r = run(QStringList{u"audit"_s, file, u"--only"_s, u"vcenter,vcha,vds"_s, u"--vcenter"_s, sim,
                                  u"--format"_s, u"json"_s, u"--timeout"_s, u"5000"_s},
                      env);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    const QJsonArray checks = r.json.value(u"checks"_s).toArray();
    QStringList areas;
    for (const QJsonValue &v : checks) {
        areas << v[u"area"_s].toString();
        QVERIFY2(v[u"status"_s].toString() == u"unreachable"_s, qPrintable(r.out));
        QVERIFY2(v[u"hint"_s].toString().contains(u"HTTP 503"_s), qPrintable(r.out));
        QVERIFY2(v[u"hint"_s].toString().contains(u"wait until"_s), qPrintable(r.out));
    }
    QCOMPARE(areas, (QStringList{u"vcenter"_s, u"vcha"_s, u"vds"_s}));
    const QJsonObject summary = r.json.value(u"summary"_s).toObject();
    QCOMPARE(summary.value(u"drift"_s).toInt(), 0);
    QCOMPARE(summary.value(u"unreachable"_s).toInt(), 3);
}

// README "As-built audit": `vlab audit --only X` replaces area X's items in audit-results.json
// and keeps the other areas' items with the date each was audited ("areaTimes"), for the
// runbook's As built chapter. Nothing listens on the addresses: every item is unreachable or not
// checked, which is all this needs.
void TestAudit::onlyKeepsTheOtherAreasResults()
{
    const QString file =
        writeProject(u"merged-record"_s, plan(PrecheckServers::PlanKind::AllRecordsExist), false);
    QVERIFY(!file.isEmpty());
    const QString recordPath = QDir(QFileInfo(file).absolutePath()).filePath(u"audit-results.json"_s);
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const QString closedAddress = u"127.0.0.1:%1"_s.arg(closed.serverPort());
    closed.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VLAB_VC_PASSWORD"_s, u"S3cret-Pass!42"_s);
    env.insert(u"VLAB_NS_PASSWORD"_s, u"S3cret-Pass!42"_s);
    const auto auditOnly = [&](const QString &area) {
        return run(QStringList{u"audit"_s, file, u"--only"_s, area, u"--vcenter"_s, closedAddress,
                               u"--nsip"_s, closedAddress, u"--format"_s, u"json"_s, u"--timeout"_s,
                               u"2000"_s},
                   env);
    };
    const auto kept = [&] {
        QFile f(recordPath);
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
    };
    const auto checksOf = [](const QJsonObject &record, const QString &area) {
        QJsonArray checks;
        for (const QJsonValue &v : record.value(u"checks"_s).toArray()) {
            if (v[u"area"_s].toString() == area)
                checks.append(v);
        }
        return checks;
    };

    Run r = auditOnly(u"vcenter"_s);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    const QJsonObject first = kept();
    QCOMPARE(first.value(u"areas"_s).toArray(), QJsonArray{u"vcenter"_s});
    const QString vcenterTime = first.value(u"areaTimes"_s).toObject().value(u"vcenter"_s).toString();
    QVERIFY2(!vcenterTime.isEmpty(), QJsonDocument(first).toJson().constData());
    const QJsonArray vcenterChecks = checksOf(first, u"vcenter"_s);
    QCOMPARE(vcenterChecks.size(), 1);

    // Another area: added, the vcenter item and its date kept.
    r = auditOnly(u"netscaler"_s);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    QCOMPARE(r.json.value(u"checks"_s).toArray().size(), checksOf(kept(), u"netscaler"_s).size());
    const QJsonObject second = kept();
    QCOMPARE(second.value(u"areas"_s).toArray(), (QJsonArray{u"netscaler"_s, u"vcenter"_s}));
    QCOMPARE(checksOf(second, u"vcenter"_s), vcenterChecks);
    const QJsonObject times = second.value(u"areaTimes"_s).toObject();
    QCOMPARE(times.value(u"vcenter"_s).toString(), vcenterTime);
    const QString netscalerTime = times.value(u"netscaler"_s).toString();
    QVERIFY(netscalerTime >= vcenterTime);
    QCOMPARE(second.value(u"time"_s).toString(), netscalerTime);
    const QJsonArray netscalerChecks = checksOf(second, u"netscaler"_s);
    QVERIFY(!netscalerChecks.isEmpty());
    const QJsonObject summary = second.value(u"summary"_s).toObject();
    QCOMPARE(summary.value(u"ok"_s).toInt() + summary.value(u"drift"_s).toInt()
                 + summary.value(u"unreachable"_s).toInt() + summary.value(u"skipped"_s).toInt(),
             int(second.value(u"checks"_s).toArray().size()));

    // The same area again: its item replaced, not added; the other area untouched.
    r = auditOnly(u"vcenter"_s);
    QVERIFY2(r.exitCode == 1, qPrintable(r.both()));
    const QJsonObject third = kept();
    QCOMPARE(checksOf(third, u"vcenter"_s).size(), 1);
    QCOMPARE(checksOf(third, u"netscaler"_s), netscalerChecks);
    QCOMPARE(third.value(u"areaTimes"_s).toObject().value(u"netscaler"_s).toString(), netscalerTime);
    QVERIFY(third.value(u"areaTimes"_s).toObject().value(u"vcenter"_s).toString() >= netscalerTime);
}

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
