#include "precheckservers.h"

#include "plan/planjson.h"
#include "precheck/ntpcheck.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QDnsLookup>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkDatagram>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kReadyMs = 10000; // how long a server may take to answer its first query
constexpr qsizetype kMaxLog = 64 * 1024;

// Runs the event loop until one of the added signals is emitted or the time is up.
class SignalWait
{
public:
    template<typename Sender, typename Signal>
    void add(const Sender *sender, Signal signal)
    {
        QObject::connect(sender, signal, &m_loop, [this] {
            m_fired = true;
            m_loop.quit();
        });
    }
    // True when a signal came (also one that came before wait() was called).
    bool wait(int ms)
    {
        if (m_fired)
            return true;
        QTimer::singleShot(qMax(ms, 0), &m_loop, &QEventLoop::quit);
        m_loop.exec();
        return m_fired;
    }

private:
    QEventLoop m_loop;
    bool m_fired = false;
};

// The pause between two polls of a service that did not answer yet. It only paces the
// polling; readiness itself is always the service's real answer.
void pollPause(QDeadlineTimer deadline)
{
    QEventLoop loop;
    QTimer::singleShot(int(qBound(qint64(0), deadline.remainingTime(), qint64(25))), &loop,
                       &QEventLoop::quit);
    loop.exec();
}

int remainingMs(QDeadlineTimer deadline, int cap)
{
    return int(qBound(qint64(0), deadline.remainingTime(), qint64(cap)));
}

// A killed test may linger as a zombie until it is reaped: that counts as gone.
bool processAlive(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll(); // "pid (name) S ..."
        const qsizetype close = line.lastIndexOf(')');
        return close < 0 || line.mid(close + 2, 1) != "Z";
    }
    return ::kill(pid_t(pid), 0) == 0 || errno != ESRCH;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

// In CI every tool is installed by .ci/setup: a missing one is a failure there, a skip elsewhere.
ServerStart missingTool(const QString &tool, const QString &package)
{
    const bool ci = qEnvironmentVariable("CI") == u"true"_s;
    return {ci ? ServerStart::Outcome::Failed : ServerStart::Outcome::Unavailable,
            u"%1 is not installed (Debian package %2; .ci/setup installs it)"_s.arg(tool, package)};
}

ServerStart notRoot(const QString &what)
{
    return {ServerStart::Outcome::Unavailable, u"%1 needs root (CI runs as root)"_s.arg(what)};
}

ServerStart failed(const QString &why)
{
    return {ServerStart::Outcome::Failed, why};
}

} // namespace

PrecheckServers::PrecheckServers(QObject *parent)
    : QObject(parent)
    , m_slot(20 + int(QCoreApplication::applicationPid() % 200))
{
}

PrecheckServers::~PrecheckServers()
{
    stopAll();
}

void PrecheckServers::stopAll()
{
    stopProcess(m_dnsmasq);
    stopProcess(m_chronyd);
    delete m_tcp;
    delete m_tls;
    delete m_silentUdp;
    removeNamespace();
}

QString PrecheckServers::address(Host host) const
{
    return u"127.0.%1.%2"_s.arg(QString::number(m_slot), QString::number(int(host)));
}

QString PrecheckServers::fqdn(Host host)
{
    switch (host) {
    case Host::LoadBalancer:
        return u"vcenter-psc-lb.sslab.com"_s;
    case Host::Psc01:
        return u"vcenter-psc01.sslab.com"_s;
    case Host::Psc02:
        return u"vcenter-psc02.sslab.com"_s;
    case Host::Psc03:
        return u"vcenter-psc03.sslab.com"_s;
    case Host::VCenter01:
        return u"vcenter-vc01.sslab.com"_s;
    case Host::VCenter02:
        return u"vcenter-vc02.sslab.com"_s;
    case Host::Esxi:
        return u"esxi01.sslab.com"_s;
    default:
        return {};
    }
}

QString PrecheckServers::reverseName(const QString &ipv4)
{
    QStringList parts = ipv4.split(u'.');
    std::reverse(parts.begin(), parts.end());
    return parts.join(u'.') + u".in-addr.arpa"_s;
}

QString PrecheckServers::ntpEndpoint() const
{
    return u"%1:%2"_s.arg(ntpHost(), QString::number(m_ntpPort));
}

quint16 PrecheckServers::openTcpPort() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

quint16 PrecheckServers::silentUdpPort() const
{
    return m_silentUdp ? m_silentUdp->localPort() : 0;
}

quint16 PrecheckServers::tlsPort() const
{
    return m_tls ? m_tls->serverPort() : 0;
}

QString PrecheckServers::certificatePath() const
{
    return m_dir.filePath(u"tls/cert.pem"_s);
}

QStringList PrecheckServers::certificateNames()
{
    return {fqdn(Host::LoadBalancer), fqdn(Host::Psc01)}; // not PSC 2: the planted gap
}

QString PrecheckServers::filteredHost() const
{
    return u"169.254.%1.2"_s.arg(m_slot);
}

QString PrecheckServers::log() const
{
    return m_log;
}

// ---------------------------------------------------------------------------------------------
// Processes

PrecheckServers::Tool PrecheckServers::runTool(const QString &program, const QStringList &args,
                                               const QByteArray &input, int timeoutMs)
{
    Tool tool;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(timeoutMs)) {
        tool.output = u"%1 did not start: %2"_s.arg(program, p.errorString());
        return tool;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(timeoutMs);
        tool.output = u"%1 did not finish within %2 ms"_s.arg(program, QString::number(timeoutMs));
        return tool;
    }
    tool.exitCode = p.exitCode();
    tool.ok = p.exitStatus() == QProcess::NormalExit && tool.exitCode == 0;
    tool.output = QString::fromLocal8Bit(p.readAll()).trimmed();
    if (!tool.ok)
        tool.output = u"%1 %2 failed (exit %3): %4"_s.arg(program, args.join(u' '),
                                                          QString::number(tool.exitCode), tool.output);
    return tool;
}

QString PrecheckServers::findTool(const QString &name)
{
    const QString inPath = QStandardPaths::findExecutable(name);
    if (!inPath.isEmpty())
        return inPath;
    return QStandardPaths::findExecutable(name, {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s, u"/bin"_s});
}

ServerStart PrecheckServers::startProcess(QPointer<QProcess> &process, const QString &program,
                                          const QStringList &args)
{
    process = new QProcess(this);
    process->setProcessChannelMode(QProcess::MergedChannels);
    // The server dies with this process, even when a crash or a test timeout kills it. (A
    // change of user clears this, so the servers are told to stay root.)
    process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    const QString name = QFileInfo(program).fileName();
    connect(process, &QProcess::readyRead, this, [this, p = process.data(), name] {
        if (m_log.size() < kMaxLog)
            m_log += QString::fromLocal8Bit(p->readAll()).replace(u"\n"_s, u"\n%1: "_s.arg(name));
        else
            p->readAll();
    });
    m_log += u"\n$ %1 %2\n%3: "_s.arg(program, args.join(u' '), name);
    process->start(program, args);
    if (!process->waitForStarted(kReadyMs))
        return failed(u"%1 did not start: %2"_s.arg(program, process->errorString()));
    return {ServerStart::Outcome::Started, {}};
}

void PrecheckServers::stopProcess(QPointer<QProcess> &process)
{
    if (!process)
        return;
    if (process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!process->waitForFinished(3000)) {
            process->kill();
            process->waitForFinished(3000);
        }
    }
    delete process;
}

// ---------------------------------------------------------------------------------------------
// dnsmasq

ServerStart PrecheckServers::startDns()
{
    if (m_dnsmasq)
        return {ServerStart::Outcome::Started, {}};
    const QString dnsmasq = findTool(u"dnsmasq"_s);
    if (dnsmasq.isEmpty())
        return missingTool(u"dnsmasq"_s, u"dnsmasq-base"_s);
    if (!isRoot())
        return notRoot(u"dnsmasq on port 53 (QDnsLookup always asks port 53)"_s);

    const auto a = [this](Host h) {
        return address(h);
    };
    const auto ptr = [this](Host ptrOf, const QString &name) {
        return u"--ptr-record=%1,%2"_s.arg(reverseName(address(ptrOf)), name);
    };
    QStringList args = {
        u"--keep-in-foreground"_s,
        u"--conf-file=/dev/null"_s,
        u"--no-resolv"_s,
        u"--no-hosts"_s,
        u"--bind-interfaces"_s,
        u"--listen-address=%1"_s.arg(a(Host::Dns)),
        u"--port=53"_s,
        u"--pid-file="_s, // none: nothing to clean up
        u"--user=root"_s,
        u"--group=root"_s, // stay root: a change of user or group clears PR_SET_PDEATHSIG
        u"--log-facility=-"_s,
        u"--log-queries"_s,
        // Only local data for the lab's zones: a name without a record is NXDOMAIN.
        u"--local=/sslab.com/"_s,
        u"--local=/127.in-addr.arpa/"_s,
    };
    // A and PTR, both right.
    for (Host h : {Host::LoadBalancer, Host::Psc01, Host::Psc03, Host::VCenter02, Host::Esxi})
        args << u"--host-record=%1,%2"_s.arg(fqdn(h), a(h));
    // Planted: PSC 2's A is right, its PTR names another host.
    args << u"--address=/%1/%2"_s.arg(fqdn(Host::Psc02), a(Host::Psc02)) << ptr(Host::Psc02, wrongPtrName());
    // Planted: vCenter's PTR is right, its A record is missing.
    args << ptr(Host::VCenter01, fqdn(Host::VCenter01));

    const ServerStart started = startProcess(m_dnsmasq, dnsmasq, args);
    if (!started.started())
        return started;
    if (!dnsAnswers(kReadyMs)) {
        const QString why = u"dnsmasq on %1:53 did not answer within %2 ms:%3"_s.arg(
            a(Host::Dns), QString::number(kReadyMs), m_log);
        stopProcess(m_dnsmasq);
        return failed(why);
    }
    return started;
}

// Ready when it answers a query for a name it serves with the right address.
bool PrecheckServers::dnsAnswers(int deadlineMs)
{
    const QDeadlineTimer deadline(deadlineMs);
    while (!deadline.hasExpired()) {
        if (!m_dnsmasq || m_dnsmasq->state() != QProcess::Running)
            return false;
        QDnsLookup lookup(QDnsLookup::A, fqdn(Host::Psc01), dnsServer());
        SignalWait answered;
        answered.add(&lookup, &QDnsLookup::finished);
        lookup.lookup();
        if (!answered.wait(remainingMs(deadline, 3000))) {
            lookup.abort();
            continue;
        }
        for (const QDnsHostAddressRecord &r : lookup.hostAddressRecords()) {
            if (r.value() == QHostAddress(address(Host::Psc01)))
                return true;
        }
        pollPause(deadline);
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// chronyd

ServerStart PrecheckServers::startNtp()
{
    if (m_chronyd)
        return {ServerStart::Outcome::Started, {}};
    const QString chronyd = findTool(u"chronyd"_s);
    if (chronyd.isEmpty())
        return missingTool(u"chronyd"_s, u"chrony"_s);
    if (!isRoot())
        return notRoot(u"chronyd (it refuses to start otherwise: \"Not superuser\")"_s);

    // A port of its own on its own address, so a system chronyd (port 123) is no concern.
    {
        QUdpSocket probe;
        if (!probe.bind(QHostAddress(ntpHost()), 0))
            return failed(u"no free UDP port on %1: %2"_s.arg(ntpHost(), probe.errorString()));
        m_ntpPort = probe.localPort();
    }
    const QString dir = m_dir.filePath(u"chrony"_s);
    if (!QDir().mkpath(dir))
        return failed(u"cannot create %1"_s.arg(dir));
    const QString conf = QDir(dir).filePath(u"chrony.conf"_s);
    {
        QFile f(conf);
        const QString text =
            u"# vLab Wizard pre-check test server: serves this machine's clock, touches nothing.\n"
            "port %1\n"
            "bindaddress %2\n"
            "allow 127.0.0.0/8\n"
            "local stratum 8\n"
            "cmdport 0\n"
            "bindcmdaddress /\n" // no Unix command socket (a system chronyd owns /run/chrony)
            "pidfile %3\n"
            "driftfile %4\n"_s.arg(QString::number(m_ntpPort), ntpHost(),
                                   QDir(dir).filePath(u"chronyd.pid"_s), QDir(dir).filePath(u"drift"_s));
        if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0)
            return failed(u"cannot write %1"_s.arg(conf));
    }
    // -x: never touch the system clock; -d: stay in the foreground, log to stderr; -u root:
    // Debian's chronyd would switch to _chrony (which also could not reach this folder), and
    // that change of user would clear PR_SET_PDEATHSIG.
    const ServerStart started =
        startProcess(m_chronyd, chronyd, {u"-x"_s, u"-d"_s, u"-u"_s, u"root"_s, u"-f"_s, conf});
    if (!started.started())
        return started;
    if (!ntpAnswers(kReadyMs)) {
        const QString why = u"chronyd on %1 did not answer within %2 ms:%3"_s.arg(
            ntpEndpoint(), QString::number(kReadyMs), m_log);
        stopProcess(m_chronyd);
        return failed(why);
    }
    return started;
}

// Ready when an SNTP query gets a reply at the configured stratum.
bool PrecheckServers::ntpAnswers(int deadlineMs)
{
    const QDeadlineTimer deadline(deadlineMs);
    QUdpSocket socket;
    while (!deadline.hasExpired()) {
        if (!m_chronyd || m_chronyd->state() != QProcess::Running)
            return false;
        const qint64 sent = QDateTime::currentMSecsSinceEpoch();
        const QByteArray request = vlab::makeSntpRequest(sent);
        SignalWait replied;
        replied.add(&socket, &QUdpSocket::readyRead);
        socket.writeDatagram(request, QHostAddress(ntpHost()), m_ntpPort);
        if (!replied.wait(remainingMs(deadline, 250)))
            continue;
        while (socket.hasPendingDatagrams()) {
            const QByteArray reply = socket.receiveDatagram().data();
            const auto parsed =
                vlab::parseSntpReply(reply, sent, QDateTime::currentMSecsSinceEpoch(), request.mid(40, 8));
            if (parsed && parsed->stratum == 8)
                return true;
        }
        pollPause(deadline);
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// TCP, UDP and TLS listeners in this process

ServerStart PrecheckServers::startTcp()
{
    if (m_tcp)
        return {ServerStart::Outcome::Started, {}};
    const QHostAddress host(tcpHost());
    m_tcp = new QTcpServer(this);
    if (!m_tcp->listen(host, 0))
        return failed(u"cannot listen on %1: %2"_s.arg(tcpHost(), m_tcp->errorString()));
    // Take every connection and close it at once: the backlog never fills, however many
    // checks connect.
    connect(m_tcp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
            socket->close();
            socket->deleteLater();
        }
    });
    {
        QTcpServer closed; // a port that was free a moment ago: refused
        if (!closed.listen(host, 0))
            return failed(u"cannot listen on %1: %2"_s.arg(tcpHost(), closed.errorString()));
        m_closedTcpPort = closed.serverPort();
    }
    {
        QUdpSocket closed;
        if (!closed.bind(host, 0))
            return failed(u"cannot bind UDP on %1: %2"_s.arg(tcpHost(), closed.errorString()));
        m_closedUdpPort = closed.localPort();
    }
    // Bound and never read: queries to it are neither answered nor refused.
    m_silentUdp = new QUdpSocket(this);
    if (!m_silentUdp->bind(host, 0))
        return failed(u"cannot bind UDP on %1: %2"_s.arg(tcpHost(), m_silentUdp->errorString()));
    return {ServerStart::Outcome::Started, {}};
}

ServerStart PrecheckServers::startTls()
{
    if (m_tls)
        return {ServerStart::Outcome::Started, {}};
    if (!QSslSocket::supportsSsl())
        return failed(u"Qt has no TLS backend here"_s);
    const QString openssl = findTool(u"openssl"_s);
    if (openssl.isEmpty())
        return missingTool(u"openssl"_s, u"openssl"_s);
    const QString dir = m_dir.filePath(u"tls"_s);
    if (!QDir().mkpath(dir))
        return failed(u"cannot create %1"_s.arg(dir));
    const QString keyPath = QDir(dir).filePath(u"key.pem"_s);
    QStringList san;
    for (const QString &name : certificateNames())
        san << u"DNS:"_s + name;
    const Tool made = runTool(openssl,
                              {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                               u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, keyPath,
                               u"-out"_s, certificatePath(), u"-days"_s, u"2"_s, u"-subj"_s,
                               u"/O=SSLAB/CN=%1"_s.arg(fqdn(Host::LoadBalancer)), u"-addext"_s,
                               u"subjectAltName="_s + san.join(u','), u"-batch"_s});
    if (!made.ok)
        return failed(made.output);
    QFile certFile(certificatePath()), keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return failed(u"cannot read what openssl wrote in %1"_s.arg(dir));
    const QSslCertificate cert(certFile.readAll(), QSsl::Pem);
    const QSslKey key(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
    if (cert.isNull() || key.isNull())
        return failed(u"Qt cannot read the certificate or key openssl made"_s);

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(cert);
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_tls = new QSslServer(this);
    m_tls->setSslConfiguration(config);
    if (!m_tls->listen(QHostAddress(tcpHost()), 0))
        return failed(u"cannot listen on %1: %2"_s.arg(tcpHost(), m_tls->errorString()));
    connect(m_tls, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_tls->nextPendingConnection())
            connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    });
    return {ServerStart::Outcome::Started, {}};
}

// ---------------------------------------------------------------------------------------------
// The network namespace with a port that drops packets

QString PrecheckServers::netnsName() const
{
    return u"vlabtest-%1"_s.arg(QCoreApplication::applicationPid());
}

QString PrecheckServers::vethName(bool inside) const
{
    return u"vlt%1"_s.arg(QCoreApplication::applicationPid())
        + (inside ? u"n"_s : u"h"_s); // <= 15 characters
}

ServerStart PrecheckServers::startFilteredHost()
{
    if (m_netns)
        return {ServerStart::Outcome::Started, {}};
    const QString ip = findTool(u"ip"_s);
    if (ip.isEmpty())
        return missingTool(u"ip"_s, u"iproute2"_s);
    const QString nft = findTool(u"nft"_s);
    if (nft.isEmpty())
        return missingTool(u"nft"_s, u"nftables"_s);
    if (!isRoot())
        return notRoot(u"a network namespace (ip netns add)"_s);
    removeStaleNamespaces();

    const QString ns = netnsName(), outside = vethName(false), inside = vethName(true);
    const Tool added = runTool(ip, {u"netns"_s, u"add"_s, ns});
    if (!added.ok) // e.g. a container without the rights: not this test's failure
        return {ServerStart::Outcome::Unavailable, u"ip netns is not permitted here: "_s + added.output};
    m_netns = true;
    const QString hostSide = u"169.254.%1.1/30"_s.arg(m_slot), nsSide = u"169.254.%1.2/30"_s.arg(m_slot);
    const QList<QStringList> steps = {
        {u"link"_s, u"add"_s, outside, u"type"_s, u"veth"_s, u"peer"_s, u"name"_s, inside, u"netns"_s, ns},
        {u"addr"_s, u"add"_s, hostSide, u"dev"_s, outside},
        {u"link"_s, u"set"_s, outside, u"up"_s},
        {u"-n"_s, ns, u"addr"_s, u"add"_s, nsSide, u"dev"_s, inside},
        {u"-n"_s, ns, u"link"_s, u"set"_s, inside, u"up"_s},
        {u"-n"_s, ns, u"link"_s, u"set"_s, u"lo"_s, u"up"_s},
    };
    for (const QStringList &step : steps) {
        const Tool t = runTool(ip, step);
        if (!t.ok) {
            removeNamespace();
            return failed(t.output);
        }
    }
    const QByteArray rules = "table inet vlabtest {\n"
                             "  chain input {\n"
                             "    type filter hook input priority filter; policy accept;\n"
                             "    tcp dport "
        + QByteArray::number(droppedPort()) + " drop\n  }\n}\n";
    const Tool filtered = runTool(ip, {u"netns"_s, u"exec"_s, ns, nft, u"-f"_s, u"-"_s}, rules);
    if (!filtered.ok) {
        removeNamespace();
        return failed(filtered.output);
    }
    if (!namespaceAnswers(kReadyMs)) {
        removeNamespace();
        return failed(u"%1 did not refuse a connection to port %2 within %3 ms"_s.arg(
            filteredHost(), QString::number(refusedPort()), QString::number(kReadyMs)));
    }
    return {ServerStart::Outcome::Started, {}};
}

// Ready when the namespace's end refuses a port nothing listens on: the link carries packets.
bool PrecheckServers::namespaceAnswers(int deadlineMs)
{
    const QDeadlineTimer deadline(deadlineMs);
    while (!deadline.hasExpired()) {
        QTcpSocket socket;
        SignalWait answered;
        answered.add(&socket, &QTcpSocket::connected);
        answered.add(&socket, &QTcpSocket::errorOccurred);
        socket.connectToHost(filteredHost(), refusedPort());
        answered.wait(remainingMs(deadline, 1000));
        if (socket.error() == QAbstractSocket::ConnectionRefusedError)
            return true;
        socket.abort();
        pollPause(deadline);
    }
    return false;
}

// Namespaces and veth pairs left by an earlier run that was killed (its process is gone).
void PrecheckServers::removeStaleNamespaces()
{
    const QString ip = findTool(u"ip"_s);
    static const QRegularExpression nsLine(u"^vlabtest-(\\d+)\\b"_s, QRegularExpression::MultilineOption);
    auto it = nsLine.globalMatch(runTool(ip, {u"netns"_s, u"list"_s}).output);
    while (it.hasNext()) {
        const auto m = it.next();
        if (!processAlive(m.captured(1).toLongLong()))
            runTool(ip, {u"netns"_s, u"del"_s, m.captured(0)});
    }
    static const QRegularExpression linkLine(u"^\\d+: (vlt(\\d+)h)@"_s, QRegularExpression::MultilineOption);
    it = linkLine.globalMatch(runTool(ip, {u"-o"_s, u"link"_s, u"show"_s, u"type"_s, u"veth"_s}).output);
    while (it.hasNext()) {
        const auto m = it.next();
        if (!processAlive(m.captured(2).toLongLong()))
            runTool(ip, {u"link"_s, u"del"_s, m.captured(1)});
    }
}

void PrecheckServers::removeNamespace()
{
    if (!m_netns)
        return;
    m_netns = false;
    const QString ip = findTool(u"ip"_s);
    // Deleting the namespace deletes its end of the pair, and with it this end.
    runTool(ip, {u"netns"_s, u"del"_s, netnsName()});
    if (runTool(ip, {u"link"_s, u"show"_s, vethName(false)}).ok)
        runTool(ip, {u"link"_s, u"del"_s, vethName(false)});
}

// ---------------------------------------------------------------------------------------------
// Plans

QJsonObject PrecheckServers::loopbackPlan(PlanKind kind) const
{
    QJsonObject plan = QJsonDocument::fromJson(vlab::examplePlanJson()).object();
    const auto a = [this](Host h) {
        return address(h);
    };
    const bool allExist = kind == PlanKind::AllRecordsExist;

    plan.insert(u"dns"_s,
                QJsonObject{{u"domain"_s, u"sslab.com"_s}, {u"servers"_s, QJsonArray{a(Host::Dns)}}});
    plan.insert(u"ntp"_s, QJsonObject{{u"servers"_s, QJsonArray{ntpEndpoint()}}});
    QJsonObject network = plan.value(u"network"_s).toObject();
    network.insert(u"cidr"_s, u"127.0.%1.0/24"_s.arg(m_slot));
    network.insert(u"gateway"_s, a(Host::Gateway));
    plan.insert(u"network"_s, network);

    const Host secondPsc = allExist ? Host::Psc03 : Host::Psc02;
    const Host vcenter = allExist ? Host::VCenter02 : Host::VCenter01;
    const auto node = [&](Host h) {
        const QString name = fqdn(h).section(u'.', 0, 0);
        return QJsonObject{{u"name"_s, name}, {u"fqdn"_s, fqdn(h)}, {u"ip"_s, a(h)}};
    };
    plan.insert(u"psc"_s, QJsonArray{node(Host::Psc01), node(secondPsc)});

    QJsonObject lb = plan.value(u"loadBalancer"_s).toObject();
    lb.insert(u"nsip"_s, a(Host::Nsip));
    lb.insert(u"snip"_s, a(Host::Snip));
    lb.insert(u"vip"_s, a(Host::LoadBalancer));
    lb.insert(u"fqdn"_s, fqdn(Host::LoadBalancer));
    plan.insert(u"loadBalancer"_s, lb);

    QJsonObject cert = plan.value(u"certificate"_s).toObject();
    cert.insert(u"san"_s, QJsonArray{fqdn(Host::Psc01), fqdn(secondPsc), fqdn(Host::LoadBalancer)});
    plan.insert(u"certificate"_s, cert);

    QJsonObject vc = plan.value(u"vcenter"_s).toObject();
    vc.insert(u"name"_s, fqdn(vcenter).section(u'.', 0, 0));
    vc.insert(u"fqdn"_s, fqdn(vcenter));
    vc.insert(u"ip"_s, a(vcenter));
    plan.insert(u"vcenter"_s, vc);

    QJsonObject target = plan.value(u"target"_s).toObject();
    target.insert(u"host"_s, fqdn(Host::Esxi));
    plan.insert(u"target"_s, target);

    // Not checked live, but no address of a real network stays in a test plan.
    QJsonObject vcha = plan.value(u"vcha"_s).toObject();
    QJsonObject haNet = vcha.value(u"network"_s).toObject();
    haNet.insert(u"cidr"_s, u"127.1.%1.0/24"_s.arg(m_slot));
    vcha.insert(u"network"_s, haNet);
    vcha.insert(u"activeIp"_s, u"127.1.%1.11"_s.arg(m_slot));
    vcha.insert(u"passiveIp"_s, u"127.1.%1.12"_s.arg(m_slot));
    vcha.insert(u"witnessIp"_s, u"127.1.%1.13"_s.arg(m_slot));
    plan.insert(u"vcha"_s, vcha);
    return plan;
}

QStringList PrecheckServers::plantedDnsFaults() const
{
    return {u"%1 (A)"_s.arg(fqdn(Host::VCenter01)), u"%1 (PTR)"_s.arg(address(Host::Psc02))};
}
