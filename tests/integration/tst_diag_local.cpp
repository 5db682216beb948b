// TCP states from the real kernel. The test opens loopback connections (127.0.0.1 only, on
// ephemeral ports) with plain POSIX sockets, drives them into CLOSE_WAIT, FIN_WAIT_2 and
// TIME_WAIT, and reads them back through the engine (/proc/net/tcp*) and through the built
// `vlab diag tcp`. States are awaited by polling /proc against a deadline, never by sleeping.

#include "diag/tcpstatereport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

constexpr int kStateDeadlineMs = 10000;

// Owns a socket descriptor.
class Fd
{
public:
    explicit Fd(int fd = -1)
        : m_fd(fd)
    {
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    Fd(Fd &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {
    }
    Fd &operator=(Fd &&other) noexcept
    {
        reset(std::exchange(other.m_fd, -1));
        return *this;
    }
    ~Fd() { reset(); }
    int get() const { return m_fd; }
    void reset(int fd = -1)
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = fd;
    }

private:
    int m_fd = -1;
};

QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

sockaddr_in loopback(int port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(quint16(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

// A listening socket on 127.0.0.1 and a kernel-chosen port.
bool listenLoopback(Fd *fd, int *port, QString *why)
{
    fd->reset(::socket(AF_INET, SOCK_STREAM, 0));
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    if (fd->get() < 0 || ::bind(fd->get(), reinterpret_cast<sockaddr *>(&a), sizeof a) != 0
        || ::listen(fd->get(), 16) != 0
        || ::getsockname(fd->get(), reinterpret_cast<sockaddr *>(&a), &len) != 0) {
        *why = u"listen: "_s + lastError();
        return false;
    }
    *port = ntohs(a.sin_port);
    return true;
}

// One connected pair: the client end and the accepted server end.
bool connectPair(int listenFd, int port, Fd *client, Fd *server, QString *why)
{
    client->reset(::socket(AF_INET, SOCK_STREAM, 0));
    const sockaddr_in a = loopback(port);
    if (client->get() < 0
        || ::connect(client->get(), reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0) {
        *why = u"connect: "_s + lastError();
        return false;
    }
    server->reset(::accept(listenFd, nullptr, nullptr)); // the handshake is done: no wait
    if (server->get() < 0) {
        *why = u"accept: "_s + lastError();
        return false;
    }
    return true;
}

// The local sockets on `ports`, through the engine.
TcpStateReport localReport(const QList<int> &ports)
{
    TcpReportOptions options;
    options.ports = ports;
    const Result<TcpCapture> capture = readLocalTcpConnections();
    return TcpStateReport::build(capture ? capture->connections : QList<TcpConnection>{}, options);
}

using Expected = QList<std::pair<TcpState, int>>;

// "" when the sockets on `port` are exactly `expected` (other states 0), else what differs.
QString mismatch(int port, const Expected &expected)
{
    const TcpStateReport r = localReport({port});
    TcpStateCounts want{};
    for (const auto &[state, n] : expected)
        want.at(size_t(state)) = n;
    for (TcpState s : allTcpStates()) {
        if (r.count(s) != want.at(size_t(s))) {
            TcpStateCounts have{};
            for (TcpState t : allTcpStates())
                have.at(size_t(t)) = r.count(t);
            return u"port %1: have {%2}, want {%3}"_s.arg(QString::number(port), formatTcpStateCounts(have),
                                                          formatTcpStateCounts(want));
        }
    }
    return {};
}

struct Run
{
    bool ok = false;
    QString why;
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run runVlab(const QStringList &args)
{
    Run run;
    QProcess p;
    p.setProgram(QStringLiteral(VLAB_CLI_PATH));
    p.setArguments(args);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start();
    if (!p.waitForStarted(10000) || !p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        run.why = u"vlab did not run: "_s + p.errorString();
        return run;
    }
    run.ok = p.exitStatus() == QProcess::NormalExit;
    run.why = run.ok ? QString() : u"vlab crashed"_s;
    run.exitCode = p.exitCode();
    run.out = p.readAllStandardOutput();
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

QString portList(const QList<int> &ports)
{
    QStringList s;
    for (int p : ports)
        s << QString::number(p);
    return s.join(u',');
}

} // namespace

class TestDiagLocal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(u"/proc/net/tcp"_s))
            QSKIP("no /proc/net/tcp: not a Linux kernel");
        QString why;
        QVERIFY2(listenLoopback(&m_closeWaitListener, &m_closeWaitPort, &why), qPrintable(why));
        QVERIFY2(listenLoopback(&m_finWaitListener, &m_finWaitPort, &why), qPrintable(why));
        QVERIFY2(listenLoopback(&m_timeWaitListener, &m_timeWaitPort, &why), qPrintable(why));
    }

    // The server keeps its accepted sockets open after the clients half-close: the server
    // ends sit in CLOSE_WAIT (the peer closed, we did not), the clients in FIN_WAIT_2.
    void closeWait()
    {
        for (int i = 0; i < 3; ++i) {
            Fd client;
            Fd server;
            QString why;
            QVERIFY2(connectPair(m_closeWaitListener.get(), m_closeWaitPort, &client, &server, &why),
                     qPrintable(why));
            // shutdown, not close: the client keeps its end, so its FIN_WAIT_2 does not expire
            // after tcp_fin_timeout while the test runs.
            QCOMPARE(::shutdown(client.get(), SHUT_WR), 0);
            m_keep.push_back(std::move(client));
            m_keep.push_back(std::move(server));
        }
        const Expected expected{{TcpState::Listen, 1}, {TcpState::CloseWait, 3}, {TcpState::FinWait2, 3}};
        QTRY_COMPARE_WITH_TIMEOUT(mismatch(m_closeWaitPort, expected), QString(), kStateDeadlineMs);
        const TcpStateReport r = localReport({m_closeWaitPort});
        for (const TcpConnection &c : r.connections()) {
            if (c.state == TcpState::CloseWait)
                QCOMPARE(c.localPort, m_closeWaitPort); // the server's end
            if (c.state == TcpState::FinWait2)
                QCOMPARE(c.peerPort, m_closeWaitPort); // the client's end
            QCOMPARE(c.localAddress, u"127.0.0.1"_s);
        }
    }

    // The server closes its sending side and the clients never do: the server ends sit in
    // FIN_WAIT_2 (we closed, the peer did not), the clients in CLOSE_WAIT.
    void finWait2()
    {
        for (int i = 0; i < 2; ++i) {
            Fd client;
            Fd server;
            QString why;
            QVERIFY2(connectPair(m_finWaitListener.get(), m_finWaitPort, &client, &server, &why),
                     qPrintable(why));
            QCOMPARE(::shutdown(server.get(), SHUT_WR), 0);
            m_keep.push_back(std::move(client));
            m_keep.push_back(std::move(server));
        }
        const Expected expected{{TcpState::Listen, 1}, {TcpState::FinWait2, 2}, {TcpState::CloseWait, 2}};
        QTRY_COMPARE_WITH_TIMEOUT(mismatch(m_finWaitPort, expected), QString(), kStateDeadlineMs);
        const TcpStateReport r = localReport({m_finWaitPort});
        for (const TcpConnection &c : r.connections()) {
            if (c.state == TcpState::FinWait2)
                QCOMPARE(c.localPort, m_finWaitPort);
        }
    }

    // A completed active close: the client closes first, the server answers with its own
    // close; the client's end stays in TIME_WAIT and the server's end is gone.
    void timeWait()
    {
        for (int i = 0; i < 4; ++i) {
            Fd client;
            Fd server;
            QString why;
            QVERIFY2(connectPair(m_timeWaitListener.get(), m_timeWaitPort, &client, &server, &why),
                     qPrintable(why));
            client.reset();
            char byte = 0;
            QCOMPARE(::recv(server.get(), &byte, 1, 0), ssize_t(0)); // the client's FIN has arrived
            server.reset();
        }
        const Expected expected{{TcpState::Listen, 1}, {TcpState::TimeWait, 4}};
        QTRY_COMPARE_WITH_TIMEOUT(mismatch(m_timeWaitPort, expected), QString(), kStateDeadlineMs);
        const TcpStateReport r = localReport({m_timeWaitPort});
        for (const TcpConnection &c : r.connections()) {
            if (c.state == TcpState::TimeWait)
                QCOMPARE(c.peerPort, m_timeWaitPort);
        }
    }

    // The same sockets through the built CLI.
    // README "TCP diagnostics": exit 0 no pile-up (cliLocalJson), exit 1 pile-up
    // (cliLocalThresholds, cliFileCaptureWithPileUp), exit 2 bad input (cliBadInput).
    void cliLocalJson()
    {
        const QList<int> ports{m_closeWaitPort, m_finWaitPort, m_timeWaitPort};
        const Run run = runVlab(
            {u"diag"_s, u"tcp"_s, u"--local"_s, u"--ports"_s, portList(ports), u"--format"_s, u"json"_s});
        QVERIFY2(run.ok, qPrintable(run.why));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err)); // 5 CLOSE_WAIT < 10: no pile-up
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        const QJsonObject states = o.value(u"states"_s).toObject();
        QCOMPARE(states.size(), 11);
        QCOMPARE(states.value(u"CLOSE_WAIT"_s).toInt(), 5);
        QCOMPARE(states.value(u"FIN_WAIT_2"_s).toInt(), 5);
        QCOMPARE(states.value(u"TIME_WAIT"_s).toInt(), 4);
        QCOMPARE(states.value(u"LISTEN"_s).toInt(), 3);
        QCOMPARE(states.value(u"ESTABLISHED"_s).toInt(-1), 0);
        QCOMPARE(o.value(u"total"_s).toInt(), 17);
        QCOMPARE(o.value(u"source"_s).toString(), u"local"_s);
        QCOMPARE(o.value(u"format"_s).toString(), u"proc"_s);
        QCOMPARE(o.value(u"ports"_s).toArray().size(), 3);
        QCOMPARE(o.value(u"peers"_s).toArray().size(), 1); // 127.0.0.1
        QCOMPARE(o.value(u"pileUp"_s).toBool(true), false);
        // This machine's tcp_fin_timeout was read.
        QFile fin(u"/proc/sys/net/ipv4/tcp_fin_timeout"_s);
        if (fin.open(QIODevice::ReadOnly))
            QCOMPARE(o.value(u"finTimeoutSeconds"_s).toInt(), fin.readAll().trimmed().toInt());
        m_finTimeoutJson = o.value(u"finTimeoutSeconds"_s);
    }

    void cliLocalThresholds()
    {
        const QList<int> ports{m_closeWaitPort, m_finWaitPort, m_timeWaitPort};
        const Run run = runVlab({u"diag"_s, u"tcp"_s, u"--local"_s, u"--ports"_s, portList(ports),
                                 u"--format"_s, u"json"_s, u"--close-wait"_s, u"3"_s, u"--fin-wait-2"_s,
                                 u"3"_s, u"--time-wait"_s, u"4"_s});
        QVERIFY2(run.ok, qPrintable(run.why));
        QCOMPARE(run.exitCode, 1);
        QStringList paths;
        for (const QJsonValue &f : QJsonDocument::fromJson(run.out).object().value(u"findings"_s).toArray())
            paths << f.toObject().value(u"path"_s).toString();
        paths.sort();
        QStringList expected{u"tcp.CLOSE_WAIT:%1"_s.arg(m_closeWaitPort),
                             u"tcp.FIN_WAIT_2:%1"_s.arg(m_closeWaitPort),
                             u"tcp.TIME_WAIT:%1"_s.arg(m_timeWaitPort)};
        expected.sort();
        QCOMPARE(paths, expected);
        // The text form says the same, with tcp_fin_timeout in the FIN_WAIT_2 advice.
        const Run text = runVlab(
            {u"diag"_s, u"tcp"_s, u"--local"_s, u"--ports"_s, portList(ports), u"--fin-wait-2"_s, u"3"_s});
        QCOMPARE(text.exitCode, 1);
        QVERIFY(text.out.contains("FIN_WAIT_2"));
        if (m_finTimeoutJson.isDouble())
            QVERIFY(text.out.contains(QByteArray(QByteArray("tcp_fin_timeout is ")
                                                 + QByteArray::number(m_finTimeoutJson.toInt()) + " s")));
    }

    // The system's own ss and netstat, captured now, parse to the same counts as /proc.
    void realToolCaptures_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("ss -tan") << u"ss"_s << QStringList{u"-tan"_s};
        QTest::newRow("netstat -ant") << u"netstat"_s << QStringList{u"-ant"_s};
    }

    void realToolCaptures()
    {
        QFETCH(QString, tool);
        QFETCH(QStringList, args);
        const QString program = QStandardPaths::findExecutable(tool);
        if (program.isEmpty())
            QSKIP("the tool is not installed");
        const QList<int> ports{m_closeWaitPort, m_finWaitPort, m_timeWaitPort};
        QProcess p;
        p.start(program, args);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        const Result<TcpCapture> capture = parseTcpCapture(p.readAllStandardOutput());
        QVERIFY2(capture.ok(),
                 qPrintable(capture.ok() ? QString()
                                         : capture.error().message + u" | "_s + capture.error().details));
        TcpReportOptions options;
        options.ports = ports;
        const TcpStateReport fromTool = TcpStateReport::build(capture->connections, options);
        const TcpStateReport fromProc = localReport(ports);
        for (TcpState s : allTcpStates())
            QVERIFY2(fromTool.count(s) == fromProc.count(s),
                     qPrintable(u"%1: %2 from the tool, %3 from /proc"_s.arg(
                         tcpStateName(s), QString::number(fromTool.count(s)),
                         QString::number(fromProc.count(s)))));
    }

    void cliFileCaptureWithPileUp()
    {
        const Run run = runVlab({u"diag"_s, u"tcp"_s, u"--file"_s,
                                 QStringLiteral(VLAB_TEST_DATA_DIR "/diag/ss-psc-closewait.txt"),
                                 u"--format"_s, u"json"_s});
        QVERIFY2(run.ok, qPrintable(run.why));
        QCOMPARE(run.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(o.value(u"format"_s).toString(), u"ss"_s);
        QCOMPARE(o.value(u"states"_s).toObject().value(u"CLOSE_WAIT"_s).toInt(), 12);
        const QJsonArray findings = o.value(u"findings"_s).toArray();
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.at(0).toObject().value(u"path"_s).toString(), u"tcp.CLOSE_WAIT:443"_s);
        // Raising the threshold clears it.
        const Run raised = runVlab({u"diag"_s, u"tcp"_s, u"--file"_s,
                                    QStringLiteral(VLAB_TEST_DATA_DIR "/diag/ss-psc-closewait.txt"),
                                    u"--close-wait"_s, u"13"_s});
        QCOMPARE(raised.exitCode, 0);
        QVERIFY(raised.out.contains("No pile-up"));
    }

    // README "TCP diagnostics": with --ports all, a capture taken on a PSC without its LISTEN
    // lines counts the PSC's service ports, not the peers' ephemeral ports (issue #19, item 5).
    void cliAllPortsCountsServicePorts()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString capture = dir.filePath(u"established.txt"_s);
        QFile file(capture);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("State      Recv-Q Send-Q  Local Address:Port     Peer Address:Port\n"
                   "ESTAB      0      0       192.168.1.211:443      192.168.1.50:51000\n"
                   "CLOSE-WAIT 1      0       192.168.1.211:443      192.168.1.50:51001\n"
                   "ESTAB      0      0       192.168.1.211:389      192.168.1.51:51000\n");
        file.close();
        const Run run = runVlab(
            {u"diag"_s, u"tcp"_s, u"--file"_s, capture, u"--ports"_s, u"all"_s, u"--format"_s, u"json"_s});
        QVERIFY2(run.ok, qPrintable(run.why));
        QCOMPARE(run.exitCode, 0);
        const QJsonArray ports = QJsonDocument::fromJson(run.out).object().value(u"ports"_s).toArray();
        QStringList rows;
        for (const QJsonValue &row : ports)
            rows << u"%1:%2"_s.arg(QString::number(row.toObject().value(u"port"_s).toInt()),
                                   QString::number(row.toObject().value(u"total"_s).toInt()));
        QCOMPARE(rows, (QStringList{u"389:1"_s, u"443:2"_s}));
    }

    void cliBadInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("stderrHas");
        const QString malformed = QStringLiteral(VLAB_TEST_DATA_DIR "/diag/ss-malformed.txt");
        const QString sample = QStringLiteral(VLAB_TEST_DATA_DIR "/diag/ss-psc-closewait.txt");
        QTest::newRow("malformed capture") << QStringList{u"--file"_s, malformed} << u"Line 4:"_s;
        QTest::newRow("missing file")
            << QStringList{u"--file"_s, u"/nonexistent/capture.txt"_s} << u"cannot read"_s;
        // Refused before reading: /dev/zero grew without end, a FIFO blocked in open().
        QTest::newRow("a device") << QStringList{u"--file"_s, u"/dev/zero"_s} << u"is a device"_s;
        QTest::newRow("a FIFO") << QStringList{u"--file"_s, u"@fifo"_s} << u"is a pipe (FIFO)"_s;
        // Without VLAB_ROOT_PASSWORD (the test's environment has none) and without --identity.
        QTest::newRow("ssh without credentials")
            << QStringList{u"--ssh"_s, u"root@127.0.0.1"_s} << u"VLAB_ROOT_PASSWORD"_s;
        QTest::newRow("ssh malformed") << QStringList{u"--ssh"_s, u"127.0.0.1"_s} << u"USER@HOST"_s;
        QTest::newRow("no source") << QStringList{} << u"exactly one of"_s;
        QTest::newRow("two sources") << QStringList{u"--local"_s, u"--file"_s, sample} << u"exactly one of"_s;
        QTest::newRow("bad ports") << QStringList{u"--local"_s, u"--ports"_s, u"443,70000"_s} << u"--ports"_s;
        QTest::newRow("bad format") << QStringList{u"--local"_s, u"--format"_s, u"xml"_s} << u"--format"_s;
        QTest::newRow("bad threshold")
            << QStringList{u"--local"_s, u"--close-wait"_s, u"many"_s} << u"--close-wait"_s;
    }

    void cliBadInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, stderrHas);
        QTemporaryDir dir;
        if (const qsizetype fifo = args.indexOf(u"@fifo"_s); fifo >= 0) {
            args[fifo] = dir.filePath(u"capture.fifo"_s);
            QCOMPARE(::mkfifo(QFile::encodeName(args.at(fifo)).constData(), 0600), 0);
        }
        const Run run = runVlab(QStringList{u"diag"_s, u"tcp"_s} + args);
        QVERIFY2(run.ok, qPrintable(run.why));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(stderrHas), qPrintable(run.err));
    }

    void cleanupTestCase() { m_keep.clear(); }

private:
    Fd m_closeWaitListener;
    Fd m_finWaitListener;
    Fd m_timeWaitListener;
    int m_closeWaitPort = 0;
    int m_finWaitPort = 0;
    int m_timeWaitPort = 0;
    std::vector<Fd> m_keep; // the ends that must stay open for their states to last
    QJsonValue m_finTimeoutJson;
};

QTEST_GUILESS_MAIN(TestDiagLocal)
#include "tst_diag_local.moc"
