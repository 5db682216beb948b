#include "nitrostandin.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>

using namespace Qt::StringLiterals;

QString NitroStandin::password()
{
    // Random per run, meets the password policy; never printed.
    static const QString pw =
        u"Ns-"_s + QString::number(QRandomGenerator::global()->generate(), 36) + u"x9Q"_s;
    return pw;
}

NitroStandin::NitroStandin() = default;

NitroStandin::~NitroStandin()
{
    stop();
}

void NitroStandin::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString NitroStandin::start(const QStringList &arguments, const QJsonObject &state)
{
    if (!m_dir.isValid())
        return u"no temporary folder"_s;
    const QString cert = m_dir.filePath(u"nsip.crt"_s);
    const QString key = m_dir.filePath(u"nsip.key"_s);
    if (!QFile::exists(cert)) {
        QProcess openssl;
        openssl.start(u"openssl"_s,
                      {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                       u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-subj"_s, u"/CN=ns-standin"_s,
                       u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-days"_s, u"2"_s, u"-keyout"_s, key,
                       u"-out"_s, cert});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
            return u"openssl req failed: "_s + QString::fromUtf8(openssl.readAllStandardError());
    }
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(cert);
    if (certs.isEmpty())
        return u"cannot read the stand-in certificate"_s;
    m_sha256 = certs.constFirst().digest(QCryptographicHash::Sha256);

    QStringList args{u"--cert"_s,      cert,
                     u"--key"_s,       key,
                     u"--user"_s,      QString::fromLatin1(kUser),
                     u"--resources"_s, QStringLiteral(VLAB_NITRO_RESOURCES_PATH)};
    if (!state.isEmpty()) {
        QFile file(m_dir.filePath(u"state.json"_s));
        if (!file.open(QIODevice::WriteOnly))
            return u"cannot write the state file"_s;
        file.write(QJsonDocument(state).toJson());
        file.close();
        args << u"--state"_s << file.fileName();
    }
    args << arguments;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"VLAB_STANDIN_NS_PASSWORD"_s, password());
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(QStringLiteral(VLAB_NITRO_STANDIN_PATH), args);
    if (!m_process.waitForStarted(10000))
        return u"cannot start the stand-in: "_s + m_process.errorString();
    // It prints its address once it listens.
    QByteArray line;
    while (!line.contains('\n')) {
        if (!m_process.waitForReadyRead(10000))
            return u"the stand-in did not report its port: "_s
                + QString::fromUtf8(m_process.readAllStandardError());
        line += m_process.readAllStandardOutput();
    }
    m_port = quint16(line.mid(line.lastIndexOf(':') + 1).trimmed().toUInt());
    return m_port ? QString() : u"bad port line: "_s + QString::fromUtf8(line);
}

QString NitroStandin::address() const
{
    return u"127.0.0.1:"_s + QString::number(m_port);
}

QJsonObject NitroStandin::state() const
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(u"https://127.0.0.1:%1/standin/state"_s.arg(m_port)));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(certificatePath()));
    request.setSslConfiguration(tls);
    QNetworkReply *reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject state = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return state;
}

int NitroStandin::count(const QString &type) const
{
    return int(state().value(u"running"_s).toObject().value(type).toArray().size());
}

QPair<int, QJsonObject> NitroStandin::request(const QByteArray &verb, const QString &path,
                                              const QJsonObject &body) const
{
    QNetworkAccessManager nam;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(certificatePath()));
    const auto send = [&](const QByteArray &method, const QString &p, const QByteArray &payload,
                          const QByteArray &cookie) -> QPair<int, QByteArray> {
        QNetworkRequest request(QUrl(u"https://127.0.0.1:%1%2"_s.arg(QString::number(m_port), p)));
        request.setSslConfiguration(tls);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!cookie.isEmpty())
            request.setRawHeader("Cookie", cookie);
        QNetworkReply *reply = nam.sendCustomRequest(request, method, payload);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        const QPair<int, QByteArray> out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                                         reply->readAll()};
        delete reply;
        return out;
    };
    const QJsonObject login{
        {u"login"_s, QJsonObject{{u"username"_s, QString::fromLatin1(kUser)}, {u"password"_s, password()}}}};
    const auto session = send("POST", u"/nitro/v1/config/login"_s, QJsonDocument(login).toJson(), {});
    const QByteArray id =
        QJsonDocument::fromJson(session.second).object().value(u"sessionid"_s).toString().toLatin1();
    const auto answer = send(verb, path, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(),
                             "NITRO_AUTH_TOKEN=" + id);
    return {answer.first, QJsonDocument::fromJson(answer.second).object()};
}
