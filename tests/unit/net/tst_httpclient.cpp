// HttpClient against a plain HTTP server on 127.0.0.1 written here (QTcpServer, in the test's
// own event loop): replies over the size limit are cut off as soon as their announced length
// or the bytes received pass it, and replies under it arrive whole.

#include "net/httpclient.h"

#include <QEventLoop>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <functional>
#include <optional>

using namespace vlab;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// Answers each request with what `respond` writes; the socket stays open until the client
// closes it (so a client that waits for a whole body would wait until its deadline).
class RawHttpServer : public QObject
{
public:
    using Respond = std::function<void(QTcpSocket *)>;
    explicit RawHttpServer(Respond respond)
        : m_respond(std::move(respond))
    {
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QIODevice::readyRead, socket, [this, socket] {
                    m_request += socket->readAll();
                    if (m_request.contains("\r\n\r\n") && !m_answered) {
                        m_answered = true;
                        m_respond(socket);
                    }
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort())); }

private:
    QTcpServer m_server;
    Respond m_respond;
    QByteArray m_request;
    bool m_answered = false;
};

Result<HttpResponse> get(HttpClient &client)
{
    std::optional<Result<HttpResponse>> got;
    QEventLoop loop;
    client.send(HttpRequest{"GET", u"/nitro/v1/config/lbvserver"_s, {}, {}}, &loop,
                [&](Result<HttpResponse> r) {
                    got = std::move(r);
                    loop.quit();
                });
    if (!got)
        loop.exec();
    return std::move(*got);
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replyUnderLimitArrivesWhole()
    {
        const QByteArray body(200'000, 'a');
        RawHttpServer server([&](QTcpSocket *s) {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        });
        QVERIFY(server.listen());
        HttpClient client(server.url());
        client.setMaxReplyBytes(1'000'000);
        const Result<HttpResponse> r = get(client);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body.size(), body.size());
    }

    // A large announced length is refused at once, not after the body (or the deadline).
    void announcedLengthOverLimitRefused()
    {
        RawHttpServer server([](QTcpSocket *s) {
            s->write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900000000\r\n\r\n{");
        });
        QVERIFY(server.listen());
        HttpClient client(server.url());
        client.setMaxReplyBytes(1'000'000);
        client.setTimeout(20s);
        const Result<HttpResponse> r = get(client);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"http.too-large"_s);
        QVERIFY2(r.error().message.contains(u"127.0.0.1"_s), qPrintable(r.error().message));
    }

    // A chunked body has no announced length: the bytes received count.
    void endlessChunkedBodyCutOff()
    {
        int chunksSent = 0;
        RawHttpServer server([&](QTcpSocket *s) {
            s->write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            // 64 chunks of 64 KiB (4 MiB) then the end: whole, it would be a valid reply.
            const QByteArray chunk(64 * 1024, 'z');
            for (int i = 0; i < 64 && s->state() == QAbstractSocket::ConnectedState; ++i) {
                s->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
                ++chunksSent;
            }
            s->write("0\r\n\r\n");
        });
        QVERIFY(server.listen());
        HttpClient client(server.url());
        client.setMaxReplyBytes(1'000'000);
        const Result<HttpResponse> r = get(client);
        QVERIFY2(!r, "a 4 MiB body passed a 1 MB limit");
        QCOMPARE(r.error().code, u"http.too-large"_s);
        QCOMPARE(chunksSent, 64);
    }

    void defaultLimitIsGenerous()
    {
        HttpClient client(QUrl(u"https://127.0.0.1"_s));
        QCOMPARE(client.maxReplyBytes(), HttpClient::kDefaultMaxReplyBytes);
        QVERIFY(client.maxReplyBytes() >= 16 * 1024 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
