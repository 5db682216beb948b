#pragma once
// VcSimFixture: govmomi's vCenter simulator (tests/tools/vcsim, built by CMake) on 127.0.0.1 at
// a free port, serving TLS with a throwaway certificate the openssl command makes for the run,
// so that the clients' trust and pinning are exercised. Readiness: the program prints its URL
// once it serves (no sleeps). It exits when this process closes its stdin (also when the test
// process dies) or is terminated here.

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QProcess>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class VcSimFixture
{
public:
    static constexpr int kWaitMs = 30000;

    // Makes the certificate once; empty on success, else why not (tests skip or fail on it).
    // `subjectAltName` in openssl's syntax; by default the example lab's vCenter name.
    QString makeCertificate(const QString &subjectAltName = QStringLiteral("DNS:vcenter-vc01.sslab.com"))
    {
        using namespace Qt::StringLiterals;
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (openssl.isEmpty())
            return u"the openssl command is missing (Debian package openssl)"_s;
        if (!m_dir.isValid())
            return u"no temporary folder"_s;
        m_cert = m_dir.filePath(u"vcsim.crt"_s);
        m_key = m_dir.filePath(u"vcsim.key"_s);
        QProcess req;
        req.start(openssl,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                   u"-nodes"_s, u"-keyout"_s, m_key, u"-out"_s, m_cert, u"-days"_s, u"30"_s, u"-subj"_s,
                   u"/CN=vcenter-vc01.sslab.com"_s, u"-addext"_s, u"subjectAltName="_s + subjectAltName});
        if (!req.waitForFinished(kWaitMs) || req.exitCode() != 0)
            return u"openssl req failed: %1"_s.arg(QString::fromLocal8Bit(req.readAllStandardError()));
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(m_cert);
        if (certs.size() != 1)
            return u"Qt cannot read the certificate openssl made"_s;
        m_certificate = certs.constFirst();
        return {};
    }

    // Starts one simulator with the certificate; extra arguments such as -vcha-standin.
    // Returns the host:port it serves on, or sets *why.
    QString start(const QString &program, const QStringList &extra, QString *why)
    {
        using namespace Qt::StringLiterals;
        auto process = std::make_unique<QProcess>();
        process->start(program, QStringList{u"-cert"_s, m_cert, u"-key"_s, m_key} + extra);
        if (!process->waitForStarted(kWaitMs)) {
            *why = u"cannot start %1: %2"_s.arg(program, process->errorString());
            return {};
        }
        QElapsedTimer timer;
        timer.start();
        QByteArray out;
        while (timer.elapsed() < kWaitMs) {
            out += process->readAllStandardOutput();
            const QByteArray marker = "VLAB_VCSIM_URL=https://";
            const qsizetype at = out.indexOf(marker);
            const qsizetype end = at < 0 ? -1 : out.indexOf('\n', at);
            if (end > 0) {
                m_processes.push_back(std::move(process));
                return QString::fromLatin1(out.mid(at + marker.size(), end - at - marker.size())).trimmed();
            }
            if (process->state() == QProcess::NotRunning)
                break;
            process->waitForReadyRead(int(kWaitMs - timer.elapsed()));
        }
        *why = u"the simulator did not print its URL: %1"_s.arg(
            QString::fromLocal8Bit(process->readAllStandardError()));
        return {};
    }

    QByteArray pin() const { return m_certificate.digest(QCryptographicHash::Sha256); }
    QString certificatePath() const { return m_cert; }
    QString sha1Thumbprint() const
    {
        return QString::fromLatin1(m_certificate.digest(QCryptographicHash::Sha1).toHex(':').toUpper());
    }
    const QSslCertificate &certificate() const { return m_certificate; }

    ~VcSimFixture() { stopAll(); }

    // Ends every simulator started here (its address then refuses connections).
    void stopAll()
    {
        for (auto &p : m_processes) {
            if (p->state() == QProcess::NotRunning)
                continue;
            p->closeWriteChannel();
            if (!p->waitForFinished(5000)) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
    QSslCertificate m_certificate;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};
