// TLS trust decisions: fingerprints in every form people paste, and which handshake errors a
// confirmed fingerprint may answer. The certificate is made by the openssl command.

#include "net/tlstrust.h"
#include "net/trustedpins.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

class TstTlsTrust : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parseForms_data();
    void parseForms();
    void parseRejects_data();
    void parseRejects();
    void judge();
    void keepConfirmedPins();

private:
    QTemporaryDir m_dir;
    QSslCertificate m_cert;
    QSslCertificate m_other;
};

static QSslCertificate makeSelfSigned(const QString &dir, const QString &name)
{
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                   u"-nodes"_s, u"-subj"_s, u"/CN="_s + name, u"-days"_s, u"2"_s, u"-keyout"_s,
                   dir + u'/' + name + u".key"_s, u"-out"_s, dir + u'/' + name + u".crt"_s});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
        return QSslCertificate();
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(dir + u'/' + name + u".crt"_s);
    return certs.isEmpty() ? QSslCertificate() : certs.constFirst();
}

void TstTlsTrust::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cert = makeSelfSigned(m_dir.path(), u"nsip.example"_s);
    m_other = makeSelfSigned(m_dir.path(), u"other.example"_s);
    QVERIFY(!m_cert.isNull());
    QVERIFY(!m_other.isNull());
}

void TstTlsTrust::parseForms_data()
{
    QTest::addColumn<QString>("text");
    const QByteArray digest = QCryptographicHash::hash("vlab", QCryptographicHash::Sha256);
    const QString colon = QString::fromLatin1(digest.toHex(':').toUpper());
    const QString plain = QString::fromLatin1(digest.toHex());
    QTest::newRow("colon upper") << colon;
    QTest::newRow("plain lower") << plain;
    QTest::newRow("SHA256: prefix") << u"SHA256:"_s + colon;
    QTest::newRow("sha256= prefix, spaces") << u"  sha256="_s + plain + u"  "_s;
    QTest::newRow("SHA-256: prefix") << u"SHA-256:"_s + colon.toLower();
}

void TstTlsTrust::parseForms()
{
    QFETCH(QString, text);
    const Result<QByteArray> parsed = parseSha256Fingerprint(text);
    QVERIFY2(parsed.ok(), parsed ? "" : qPrintable(parsed.error().message));
    QCOMPARE(*parsed, QCryptographicHash::hash("vlab", QCryptographicHash::Sha256));
    QCOMPARE(formatSha256(*parsed).size(), 32 * 3 - 1);
}

void TstTlsTrust::parseRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("sha1 length") << u"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01"_s;
    QTest::newRow("not hex") << QString(64, u'g');
    QTest::newRow("one too many") << QString(66, u'a');
    QTest::newRow("ssh base64 form") << u"SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"_s;
}

void TstTlsTrust::parseRejects()
{
    QFETCH(QString, text);
    const Result<QByteArray> parsed = parseSha256Fingerprint(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, u"tls.fingerprint.syntax"_s);
    QVERIFY(parsed.error().message.contains(u"32 hex pairs"_s));
}

void TstTlsTrust::judge()
{
    const QByteArray pin = m_cert.digest(QCryptographicHash::Sha256);
    const QList<QSslError> untrusted{QSslError(QSslError::SelfSignedCertificate, m_cert),
                                     QSslError(QSslError::HostNameMismatch, m_cert)};

    // Verified by the system: nothing to judge.
    QVERIFY(judgeTlsErrors({}, m_cert, {}).accept);

    // Unknown certificate, no pin: refused, and the refusal shows the fingerprint to confirm.
    TlsVerdict v = judgeTlsErrors(untrusted, m_cert, {});
    QVERIFY(!v.accept);
    QCOMPARE(v.presentedFingerprint, sha256Fingerprint(m_cert));
    QVERIFY(v.problem.contains(sha256Fingerprint(m_cert)));
    QVERIFY(v.confirmable); // the one refusal a person's confirmation answers

    // The confirmed certificate: accepted.
    QVERIFY(judgeTlsErrors(untrusted, m_cert, pin).accept);

    // Another certificate behind the same pin: refused, naming both fingerprints.
    const QList<QSslError> otherErrors{QSslError(QSslError::SelfSignedCertificate, m_other)};
    v = judgeTlsErrors(otherErrors, m_other, pin);
    QVERIFY(!v.accept);
    QVERIFY(v.problem.contains(sha256Fingerprint(m_other)));
    QVERIFY(v.problem.contains(formatSha256(pin)));
    // A changed certificate is never offered as a first confirmation; it is marked changed, so
    // the wizard can ask again with a warning that shows both fingerprints.
    QVERIFY(!v.confirmable);
    QVERIFY(v.pinChanged);
    QVERIFY(!judgeTlsErrors(untrusted, m_cert, {}).pinChanged);

    // Errors a pin never answers: expired, bad signature.
    for (QSslError::SslError hard : {QSslError::CertificateExpired, QSslError::CertificateSignatureFailed,
                                     QSslError::CertificateRevoked}) {
        QList<QSslError> errors = untrusted;
        errors << QSslError(hard, m_cert);
        v = judgeTlsErrors(errors, m_cert, pin);
        QVERIFY2(!v.accept, qPrintable(QSslError(hard).errorString()));
        QVERIFY(v.problem.contains(u"does not override"_s));
        QVERIFY(!v.pinChanged);
        QVERIFY(!judgeTlsErrors(errors, m_cert, {}).confirmable);
    }

    // No certificate at all.
    QVERIFY(!judgeTlsErrors({QSslError(QSslError::NoPeerCertificate)}, QSslCertificate(), pin).accept);
    QVERIFY(!judgeTlsErrors({QSslError(QSslError::NoPeerCertificate)}, QSslCertificate(), {}).confirmable);
}

void TstTlsTrust::keepConfirmedPins()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project = dir.filePath(u"new/project"_s); // not there yet: made
    const QByteArray a = QCryptographicHash::hash("a", QCryptographicHash::Sha256);
    const QByteArray b = QCryptographicHash::hash("b", QCryptographicHash::Sha256);
    QVERIFY(vlab::TrustedPins::keep(project, u"VC01.sslab.com"_s, 443, a).ok());
    QVERIFY(vlab::TrustedPins::keep(project, u"192.168.1.200"_s, 8443, b).ok());
    const vlab::Result<vlab::TrustedPins> pins = vlab::TrustedPins::load(project);
    QVERIFY(pins.ok());
    QCOMPARE(pins->pin(u"vc01.sslab.com"_s, 443), a); // host names compare without case
    QCOMPARE(pins->pin(u"192.168.1.200"_s, 8443), b);
    QVERIFY(pins->pin(u"192.168.1.200"_s, 443).isEmpty()); // another port is another endpoint
    // A damaged file is reported, not overwritten.
    QFile file(QDir(project).filePath(vlab::TrustedPins::fileName()));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ not json");
    file.close();
    QVERIFY(!vlab::TrustedPins::keep(project, u"vc01.sslab.com"_s, 443, b).ok());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("{ not json"));
}

QTEST_GUILESS_MAIN(TstTlsTrust)
#include "tst_tlstrust.moc"
