// Tests of lib/certs with the `openssl` command as the judge. The CA hierarchies are made at
// test time (certfixture.h), in a temporary folder; what the engine writes is read back by
// openssl: `req -verify` and `req/x509 -text` for requests and certificates, moduli of key
// and request, `verify` of the chains, subjects of chain files in their order. Bad inputs
// (a key that does not match, a missing intermediate, a self-signed, expired or SHA-1 leaf,
// a corrupt PEM, a 100 MB file ...) each have a row naming the check or error they trip.

#include "certfixture.h"

#include "certs/casigner.h"
#include "certs/certinfo.h"
#include "certs/certjobs.h"
#include "certs/certverifier.h"
#include "certs/chainbuilder.h"
#include "certs/csrgenerator.h"
#include "certs/csrrequest.h"
#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "plan/planjson.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sys/stat.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace certunit {

using certtest::CertFixture;
using certtest::LeafSpec;
using vlab::CertReport;
using vlab::CertSource;
using vlab::CsrRequest;
using vlab::Severity;

// Only reached when something is broken.
constexpr int kGuardMs = 60000;

CsrRequest exampleRequest()
{
    return CsrRequest::fromPlan(vlab::examplePlan());
}

const QStringList kExampleSubject = {u"countryName = AE"_s,
                                     u"stateOrProvinceName = State"_s,
                                     u"localityName = City"_s,
                                     u"organizationName = SSLAB"_s,
                                     u"organizationalUnitName = Department"_s,
                                     u"commonName = vcenter-psc-lb.sslab.com"_s};
const QString kExampleSan =
    u"DNS:vcenter-psc01.sslab.com, DNS:vcenter-psc02.sslab.com, DNS:vcenter-psc-lb.sslab.com"_s;
const QString kPscKeyUsage = u"Digital Signature, Non Repudiation, Key Encipherment"_s;

// The subject as openssl reads it: one "longName = raw value" per entry, nothing escaped.
bool subjectFields(CertFixture &fx, const QString &kind, const QString &file, QStringList *fields)
{
    QByteArray out;
    if (!fx.run({kind, u"-in"_s, file, u"-noout"_s, u"-subject"_s, u"-nameopt"_s,
                 u"sep_multiline,utf8,lname,space_eq"_s},
                &out))
        return false;
    fields->clear();
    for (const QByteArray &line : out.split('\n')) {
        if (line.startsWith("    "))
            *fields << QString::fromUtf8(line.mid(4));
    }
    return true;
}

// The line after `header` in `openssl ... -text` output, trimmed ("" if absent).
QString textAfter(const QByteArray &text, const QString &header)
{
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (lines.at(i).contains(header))
            return lines.at(i + 1).trimmed();
    }
    return {};
}

QString textOf(const QByteArray &out, const QByteArray &prefix)
{
    for (const QByteArray &line : out.split('\n')) {
        if (line.startsWith(prefix))
            return QString::fromUtf8(line.mid(prefix.size())).trimmed();
    }
    return {};
}

bool ownerOnly(const QString &path)
{
    const QFileDevice::Permissions p = QFile::permissions(path);
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther
        | QFileDevice::ExeOwner;
    return (p & QFileDevice::ReadOwner) && (p & QFileDevice::WriteOwner) && !(p & others);
}

QStringList filesIn(const QString &dir)
{
    QStringList out;
    const QDir d(dir);
    for (const QFileInfo &info :
         d.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name)) {
        out << info.fileName();
        if (info.isDir()) {
            for (const QString &inner : filesIn(info.filePath()))
                out << info.fileName() + u'/' + inner;
        }
    }
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QByteArray toPemBlock(const QByteArray &der, const char *label)
{
    QByteArray pem = QByteArray("-----BEGIN ") + label + "-----\n";
    const QByteArray b64 = der.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        pem += b64.mid(i, 64) + '\n';
    return pem + "-----END " + label + "-----\n";
}

// Base64 characters in the body of the first PEM block.
int base64Length(const QByteArray &pem)
{
    const qsizetype begin = pem.indexOf('\n', pem.indexOf("-----BEGIN ")) + 1;
    const qsizetype end = pem.indexOf("-----END ");
    int n = 0;
    for (qsizetype i = begin; i < end; ++i)
        n += (pem.at(i) == '\n' || pem.at(i) == '\r') ? 0 : 1;
    return n;
}

QStringList checkIds(const CertReport &report)
{
    QStringList ids;
    for (const vlab::CertCheck &c : report.checks)
        ids << c.id;
    return ids;
}

enum class Format { PemFiles, DerFiles, PemBundle, Pkcs7Pem, Pkcs7Der };

struct VerifyCase
{
    QStringList chain;   // fixture files, one after the other: the machine chain file
    QString key;         // fixture key file to match, or none
    QStringList cas;     // fixture CA files
    bool plan = false;   // check the names against the example plan
    int nowDays = 0;     // the verification's clock, in days from now
    QStringList failing; // the checks that must fail; every other check must pass
    QString id;          // the check whose outcome is described below
    Severity severity = Severity::Error;
    QString message;    // part of that check's message
    bool clean = false; // report.clean()
};

} // namespace certunit

Q_DECLARE_METATYPE(certunit::Format)
Q_DECLARE_METATYPE(certunit::VerifyCase)
Q_DECLARE_METATYPE(vlab::CsrRequest)

using namespace certunit;

class TestCerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void requestConfigAcceptedByOpenssl_data();
    void requestConfigAcceptedByOpenssl();
    void requestConfigEscaping_data();
    void requestConfigEscaping();
    void requestProblems_data();
    void requestProblems();

    void generateKeyAndCsr_data();
    void generateKeyAndCsr();
    void generateKeyAndCsrCancelled_data();
    void generateKeyAndCsrCancelled();

    void signWithCa_data();
    void signWithCa();
    void signWithCaValidityDays_data();
    void signWithCaValidityDays();
    void signWithCaRefuses_data();
    void signWithCaRefuses();

    void buildChainInAnyOrder_data();
    void buildChainInAnyOrder();
    void buildChainNotes_data();
    void buildChainNotes();
    void buildChainRefuses_data();
    void buildChainRefuses();

    void describeCertificates_data();
    void describeCertificates();

    void verifyCertificates_data();
    void verifyCertificates();

    void writePrivateKeyMode_data();
    void writePrivateKeyMode();
    void writePrivateKeyRefusesToOverwrite();
    void writePrivateKeyKeepsBackup();

    void generateCsrJobThroughQueue();
    void generateCsrJobRefusesExistingKey();

    void readCertSourceLimits_data();
    void readCertSourceLimits();

private:
    CertFixture &fx() { return *m_fx; }

    QTemporaryDir m_dir;
    std::unique_ptr<CertFixture> m_fx;
};

void TestCerts::initTestCase()
{
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
    m_fx = std::make_unique<CertFixture>(m_dir.path());
    QVERIFY2(fx().setUp(), qPrintable(fx().lastError()));
    QVERIFY2(fx().makeStandardHierarchy(), qPrintable(fx().lastError()));

    // The VMCA-like root of a PSC: root.cer + privatekey.pem.
    QVERIFY2(fx().makeRoot(u"vmca-root"_s,
                           u"/CN=CA/DC=vsphere/DC=local/C=US/ST=California/O=vcenter-psc01.sslab.com"
                           u"/OU=VMware Engineering"_s),
             qPrintable(fx().lastError()));

    // Leaves that are wrong in one way each; all but the 1024-bit and self-signed one share
    // leaf.key, so the key matches them.
    auto variant = [](auto change) {
        LeafSpec spec;
        spec.keyName = u"leaf"_s;
        change(spec);
        return spec;
    };
    const QList<std::pair<QString, LeafSpec>> leaves = {
        {u"leaf-sha1"_s, variant([](LeafSpec &s) { s.md = u"sha1"_s; })},
        {u"leaf-expired"_s, variant([](LeafSpec &s) {
             s.startDate = u"20200101000000Z"_s;
             s.endDate = u"20210101000000Z"_s;
         })},
        {u"leaf-soon"_s, variant([](LeafSpec &s) { s.days = 10; })},
        {u"leaf-no-psc02"_s, variant([](LeafSpec &s) {
             s.dnsNames = {QString::fromUtf16(certtest::kPsc1), QString::fromUtf16(certtest::kLb)};
         })},
        {u"leaf-wrong-cn"_s,
         variant([](LeafSpec &s) { s.subject = u"/C=AE/O=SSLAB/CN=wrong-name.sslab.com"_s; })},
        {u"leaf-ca"_s, variant([](LeafSpec &s) {
             s.ca = true;
             s.keyUsage = u"digitalSignature, keyEncipherment, keyCertSign"_s;
         })},
        {u"leaf-no-ku"_s, variant([](LeafSpec &s) { s.keyUsage.clear(); })},
        {u"leaf-1024"_s,
         [] {
             LeafSpec s;
             s.keyBits = 1024;
             return s;
         }()},
    };
    for (const auto &[name, spec] : leaves)
        QVERIFY2(fx().makeLeaf(name, spec, u"int2"_s), qPrintable(name + u": "_s + fx().lastError()));
    // Self-signed leaves: with the PSC key usage (no keyCertSign), and with none at all.
    QVERIFY2(fx().makeSelfSignedLeaf(u"leaf-self"_s, LeafSpec{}), qPrintable(fx().lastError()));
    QVERIFY2(fx().makeSelfSignedLeaf(u"leaf-self-no-ku"_s, variant([](LeafSpec &s) { s.keyUsage.clear(); })),
             qPrintable(fx().lastError()));

    // DER copies and bundles.
    for (const QString &name : {u"leaf"_s, u"int1"_s, u"int2"_s, u"root"_s})
        QVERIFY2(fx().toDer(name + u".cer"_s, name + u".der"_s), qPrintable(fx().lastError()));

    QVERIFY(fx().concat(u"describe-bundle.pem"_s, {u"leaf.cer"_s, u"int2.cer"_s, u"root.cer"_s}));
    QVERIFY2(fx().toPkcs7({u"leaf.cer"_s, u"int2.cer"_s}, u"describe.p7b"_s, false),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().toPkcs7({u"root.cer"_s}, u"describe-der.p7b"_s, true), qPrintable(fx().lastError()));

    // Damaged copies: a changed character in the DER header (unreadable) and in the
    // signature (readable, but the signature no longer verifies).
    const QByteArray leafPem = fx().read(u"leaf.cer"_s);
    QVERIFY(fx().write(u"leaf-corrupt.cer"_s, certtest::flipBase64Char(leafPem, 6)));
    QVERIFY(fx().write(u"root-corrupt.cer"_s, certtest::flipBase64Char(fx().read(u"root.cer"_s), 6)));
    QVERIFY(fx().write(u"leaf-bad-signature.cer"_s,
                       certtest::flipBase64Char(leafPem, base64Length(leafPem) - 20)));
    // openssl agrees that they are damaged.
    QVERIFY2(fx().refuses({u"x509"_s, u"-in"_s, u"leaf-corrupt.cer"_s, u"-noout"_s}),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().refuses({u"x509"_s, u"-in"_s, u"root-corrupt.cer"_s, u"-noout"_s}),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().run({u"x509"_s, u"-in"_s, u"leaf-bad-signature.cer"_s, u"-noout"_s}),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().refuses({u"verify"_s, u"-CAfile"_s, u"root.cer"_s, u"-untrusted"_s, u"int1.cer"_s,
                           u"-untrusted"_s, u"int2.cer"_s, u"leaf-bad-signature.cer"_s}),
             qPrintable(fx().lastError()));

    // The engine's own request for the PSC (signed by the CA in the signing tests).
    const vlab::Result<vlab::KeyAndCsr> psc = vlab::generateKeyAndCsr(exampleRequest());
    QVERIFY2(psc.ok(), psc.ok() ? "" : qPrintable(psc.error().message));
    QVERIFY(fx().write(u"psc.key"_s, psc->keyPem) && fx().write(u"psc.csr"_s, psc->csrPem));
    // A request for a CA certificate, and the PSC request changed after it was signed.
    QVERIFY2(fx().makeCsr(u"wants-ca"_s, u"leaf"_s, QString::fromUtf16(certtest::kPscSubject),
                          {u"basicConstraints=critical,CA:true"_s}),
             qPrintable(fx().lastError()));
    QByteArray der;
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, u"psc.csr"_s, u"-outform"_s, u"DER"_s}, &der),
             qPrintable(fx().lastError()));
    const qsizetype at = der.indexOf("vcenter-psc-lb");
    QVERIFY(at > 0);
    der[at] = 'w';
    QVERIFY(fx().write(u"psc-tampered.csr"_s, toPemBlock(der, "CERTIFICATE REQUEST")));
    const certtest::ProcessRun check =
        fx().openssl({u"req"_s, u"-in"_s, u"psc-tampered.csr"_s, u"-noout"_s, u"-verify"_s});
    QVERIFY2(check.finished && check.output().contains("verify failure"),
             qPrintable(check.describe(u"openssl req -verify of the tampered request"_s)));
    // An encrypted CA key.
    QVERIFY2(fx().run({u"pkey"_s, u"-in"_s, u"vmca-root.key"_s, u"-aes256"_s, u"-passout"_s, u"pass:secret"_s,
                       u"-out"_s, u"vmca-root-encrypted.key"_s}),
             qPrintable(fx().lastError()));
}

// ---------------------------------------------------------------------------------------
// The request config

void TestCerts::requestConfigAcceptedByOpenssl_data()
{
    QTest::addColumn<int>("keyBits");
    QTest::addColumn<QString>("newkey");
    QTest::newRow("2048, -newkey rsa:2048") << 2048 << u"rsa:2048"_s;
    QTest::newRow("3072, size from default_bits") << 3072 << u"rsa"_s;
}

void TestCerts::requestConfigAcceptedByOpenssl()
{
    QFETCH(int, keyBits);
    QFETCH(QString, newkey);
    CsrRequest request = exampleRequest();
    request.keyBits = keyBits;
    const QString tag = u"config-%1"_s.arg(keyBits);

    // What the config's own comment tells a person to run.
    QVERIFY(fx().write(tag + u".cfg"_s, vlab::renderRequestConfig(request)));
    QVERIFY2(fx().run({u"req"_s, u"-new"_s, u"-config"_s, tag + u".cfg"_s, u"-newkey"_s, newkey, u"-nodes"_s,
                       u"-keyout"_s, tag + u"-byhand.key"_s, u"-out"_s, tag + u"-byhand.csr"_s}),
             qPrintable(fx().lastError()));
    const vlab::Result<vlab::KeyAndCsr> ours = vlab::generateKeyAndCsr(request);
    QVERIFY(ours.ok());
    QVERIFY(fx().write(tag + u"-ours.csr"_s, ours->csrPem));

    QStringList byHandSubject, ourSubject;
    QVERIFY2(subjectFields(fx(), u"req"_s, tag + u"-byhand.csr"_s, &byHandSubject),
             qPrintable(fx().lastError()));
    QVERIFY2(subjectFields(fx(), u"req"_s, tag + u"-ours.csr"_s, &ourSubject), qPrintable(fx().lastError()));
    QCOMPARE(byHandSubject, kExampleSubject);
    QCOMPARE(ourSubject, byHandSubject);

    QByteArray byHand, ourText;
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, tag + u"-byhand.csr"_s, u"-noout"_s, u"-text"_s}, &byHand),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, tag + u"-ours.csr"_s, u"-noout"_s, u"-text"_s}, &ourText),
             qPrintable(fx().lastError()));
    for (const QString &header : {u"X509v3 Subject Alternative Name"_s, u"X509v3 Key Usage"_s,
                                  u"X509v3 Basic Constraints"_s, u"Signature Algorithm"_s, u"Public-Key"_s}) {
        QCOMPARE(textAfter(byHand, header), textAfter(ourText, header));
    }
    QCOMPARE(textAfter(byHand, u"X509v3 Subject Alternative Name"_s), kExampleSan);
    QCOMPARE(textAfter(byHand, u"X509v3 Key Usage"_s), kPscKeyUsage);
    QCOMPARE(textAfter(byHand, u"X509v3 Basic Constraints"_s), u"CA:FALSE"_s);
    QVERIFY(byHand.contains("Signature Algorithm: sha256WithRSAEncryption")); // default_md
    QVERIFY(byHand.contains(u"Public-Key: (%1 bit)"_s.arg(keyBits).toLatin1()));
    QVERIFY(ourText.contains(u"Public-Key: (%1 bit)"_s.arg(keyBits).toLatin1()));
    // encrypt_key = no: the key openssl wrote is not encrypted.
    QVERIFY(fx().read(tag + u"-byhand.key"_s).startsWith("-----BEGIN PRIVATE KEY-----"));
}

void TestCerts::requestConfigEscaping_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("dollar") << u"Cost$HOME ${ENV::PATH} $$"_s;
    QTest::newRow("hash") << u"Lab #1 # not a comment"_s;
    QTest::newRow("double quotes") << u"The \"Lab\" Team"_s;
    QTest::newRow("single quotes") << u"O'Brien's 'Lab'"_s;
    QTest::newRow("backslash") << u"C:\\Lab\\Certs\\"_s;
    QTest::newRow("backslash before dollar") << u"\\$HOME and \\#"_s;
    QTest::newRow("all together") << u"$x #y \"z\" 'w' \\v"_s;
    QTest::newRow("commas, equals, plus, semicolon") << u"a, b = c + d; <e>"_s;
    QTest::newRow("non-ASCII") << u"Zürich Straße – Ünïcødé"_s;
    QTest::newRow("leading and trailing spaces") << u"  padded  "_s;
    QTest::newRow("spaces around special characters") << u" $x #y \"z\" 'w' \\ "_s;
}

void TestCerts::requestConfigEscaping()
{
    QFETCH(QString, value);
    CsrRequest request = exampleRequest();
    request.subject.organization = value;
    request.subject.locality = value;
    request.subject.organizationUnit = value + u" OU"_s;
    QVERIFY2(request.problem().isEmpty(), qPrintable(request.problem()));
    const QString tag = u"escape-%1"_s.arg(QString::fromLatin1(QTest::currentDataTag()))
                            .replace(QRegularExpression(u"[^A-Za-z0-9-]"_s), u"_"_s);

    QVERIFY(fx().write(tag + u".cfg"_s, vlab::renderRequestConfig(request)));
    // Any key will do; reusing the fixture's saves a key generation per row.
    QVERIFY2(
        fx().run({u"req"_s, u"-new"_s, u"-config"_s, tag + u".cfg"_s, u"-key"_s, u"leaf.key"_s, u"-out"_s,
                  tag + u".csr"_s}),
        qPrintable(fx().lastError() + u"\n--- config\n"_s + QString::fromUtf8(fx().read(tag + u".cfg"_s))));
    QStringList byHand;
    QVERIFY2(subjectFields(fx(), u"req"_s, tag + u".csr"_s, &byHand), qPrintable(fx().lastError()));
    const QStringList expected = {u"countryName = AE"_s,
                                  u"stateOrProvinceName = State"_s,
                                  u"localityName = "_s + value,
                                  u"organizationName = "_s + value,
                                  u"organizationalUnitName = "_s + value + u" OU"_s,
                                  u"commonName = vcenter-psc-lb.sslab.com"_s};
    QCOMPARE(byHand, expected);

    // The engine's own request says the same.
    const vlab::Result<vlab::KeyAndCsr> ours = vlab::generateKeyAndCsr(request);
    QVERIFY(ours.ok());
    QVERIFY(fx().write(tag + u"-ours.csr"_s, ours->csrPem));
    QStringList ourSubject;
    QVERIFY2(subjectFields(fx(), u"req"_s, tag + u"-ours.csr"_s, &ourSubject), qPrintable(fx().lastError()));
    QCOMPARE(ourSubject, expected);
}

void TestCerts::requestProblems_data()
{
    QTest::addColumn<CsrRequest>("request");
    QTest::addColumn<QString>("message");
    auto with = [](auto change) {
        CsrRequest r = exampleRequest();
        change(r);
        return r;
    };
    QTest::newRow("1024-bit key") << with([](CsrRequest &r) { r.keyBits = 1024; }) << u"1024"_s;
    QTest::newRow("empty CN") << with([](CsrRequest &r) { r.subject.commonName.clear(); }) << u"CN"_s;
    QTest::newRow("three-letter country")
        << with([](CsrRequest &r) { r.subject.country = u"ARE"_s; }) << u"two-letter"_s;
    QTest::newRow("line break in O (config injection)") << with([](CsrRequest &r) {
        r.subject.organization = u"SSLAB\n[ v3_req ]\nbasicConstraints = CA:true"_s;
    }) << u"control character"_s;
    QTest::newRow("comma in a DNS name")
        << with([](CsrRequest &r) { r.dnsNames << u"a.example, DNS:evil.example"_s; }) << u"evil.example"_s;
    QTest::newRow("space in a DNS name")
        << with([](CsrRequest &r) { r.dnsNames << u"a b.example"_s; }) << u"a b.example"_s;
    QTest::newRow("empty DNS name") << with([](CsrRequest &r) { r.dnsNames << QString(); }) << u"DNS name"_s;
}

void TestCerts::requestProblems()
{
    QFETCH(CsrRequest, request);
    QFETCH(QString, message);
    QVERIFY(!request.problem().isEmpty());
    QVERIFY2(request.problem().contains(message), qPrintable(request.problem()));
    const vlab::Result<vlab::KeyAndCsr> made = vlab::generateKeyAndCsr(request);
    QVERIFY(!made.ok());
    QCOMPARE(made.error().code, u"cert.request"_s);
    QCOMPARE(made.error().message, request.problem());
}

// ---------------------------------------------------------------------------------------
// Key and request

void TestCerts::generateKeyAndCsr_data()
{
    QTest::addColumn<int>("keyBits");
    QTest::newRow("RSA 2048") << 2048;
    QTest::newRow("RSA 3072") << 3072;
    QTest::newRow("RSA 4096") << 4096;
}

void TestCerts::generateKeyAndCsr()
{
    QFETCH(int, keyBits);
    CsrRequest request = exampleRequest();
    request.keyBits = keyBits;
    const vlab::Result<vlab::KeyAndCsr> made = vlab::generateKeyAndCsr(request);
    QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message + u'\n' + made.error().details));
    // PKCS#8, unencrypted: what certificate-manager reads.
    QVERIFY(made->keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QVERIFY(made->csrPem.startsWith("-----BEGIN CERTIFICATE REQUEST-----\n"));
    const QString key = u"gen-%1.key"_s.arg(keyBits);
    const QString csr = u"gen-%1.csr"_s.arg(keyBits);
    QVERIFY(fx().write(key, made->keyPem) && fx().write(csr, made->csrPem));

    QVERIFY2(fx().requestVerifies(csr), qPrintable(fx().lastError()));

    QByteArray text;
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, csr, u"-noout"_s, u"-text"_s}, &text),
             qPrintable(fx().lastError()));
    QStringList subject;
    QVERIFY2(subjectFields(fx(), u"req"_s, csr, &subject), qPrintable(fx().lastError()));
    QCOMPARE(subject, kExampleSubject);
    QCOMPARE(textAfter(text, u"X509v3 Subject Alternative Name"_s), kExampleSan);
    QCOMPARE(textAfter(text, u"X509v3 Key Usage"_s), kPscKeyUsage);
    QCOMPARE(textAfter(text, u"X509v3 Basic Constraints"_s), u"CA:FALSE"_s);
    QVERIFY2(text.contains(u"Public-Key: (%1 bit)"_s.arg(keyBits).toLatin1()), text.constData());
    QVERIFY2(text.contains("Signature Algorithm: sha256WithRSAEncryption"), text.constData());
    QVERIFY2(text.contains("Version: 1 (0x0)"), text.constData());

    QByteArray keyText;
    QVERIFY2(fx().run({u"pkey"_s, u"-in"_s, key, u"-noout"_s, u"-text"_s}, &keyText),
             qPrintable(fx().lastError()));
    QVERIFY2(keyText.contains(u"Private-Key: (%1 bit"_s.arg(keyBits).toLatin1()),
             keyText.left(200).constData());

    // The key belongs to the request: same modulus, same public key.
    QByteArray keyModulus, csrModulus, keyPublic, csrPublic;
    QVERIFY2(fx().run({u"rsa"_s, u"-in"_s, key, u"-noout"_s, u"-modulus"_s}, &keyModulus),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, csr, u"-noout"_s, u"-modulus"_s}, &csrModulus),
             qPrintable(fx().lastError()));
    QVERIFY(keyModulus.startsWith("Modulus="));
    QCOMPARE(keyModulus, csrModulus);
    QVERIFY2(fx().run({u"pkey"_s, u"-in"_s, key, u"-pubout"_s}, &keyPublic), qPrintable(fx().lastError()));
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, csr, u"-noout"_s, u"-pubkey"_s}, &csrPublic),
             qPrintable(fx().lastError()));
    QVERIFY(keyPublic.startsWith("-----BEGIN PUBLIC KEY-----"));
    QCOMPARE(keyPublic, csrPublic);
}

void TestCerts::generateKeyAndCsrCancelled_data()
{
    QTest::addColumn<int>("cancelAfterPolls");
    QTest::newRow("cancelled before the first prime") << 0;
    QTest::newRow("cancelled during the prime search") << 3;
}

void TestCerts::generateKeyAndCsrCancelled()
{
    QFETCH(int, cancelAfterPolls);
    CsrRequest request = exampleRequest();
    request.keyBits = 4096; // long enough to be polled many times
    int polls = 0;
    const vlab::Result<vlab::KeyAndCsr> made =
        vlab::generateKeyAndCsr(request, [&polls, cancelAfterPolls] { return polls++ >= cancelAfterPolls; });
    QVERIFY(!made.ok());
    QCOMPARE(made.error().code, u"job.cancelled"_s);
    QVERIFY(polls > cancelAfterPolls);

    // A callback that never cancels is polled, and the key is made.
    request.keyBits = 2048;
    int calls = 0;
    const vlab::Result<vlab::KeyAndCsr> done = vlab::generateKeyAndCsr(request, [&calls] {
        ++calls;
        return false;
    });
    QVERIFY(done.ok());
    QVERIFY(calls > 0);
}

// ---------------------------------------------------------------------------------------
// Signing with a local CA (VMCA)

void TestCerts::signWithCa_data()
{
    QTest::addColumn<QStringList>("caFiles"); // concatenated into the CA certificate input
    QTest::addColumn<QString>("caKey");
    QTest::addColumn<QStringList>("expectedChain"); // after the leaf
    QTest::newRow("VMCA root") << QStringList{u"vmca-root.cer"_s} << u"vmca-root.key"_s
                               << QStringList{u"vmca-root.cer"_s};
    QTest::newRow("subordinate VMCA with its chain")
        << QStringList{u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s} << u"int2.key"_s
        << QStringList{u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s};
    QTest::newRow("subordinate VMCA, its issuers out of order")
        << QStringList{u"int2.cer"_s, u"root.cer"_s, u"int1.cer"_s} << u"int2.key"_s
        << QStringList{u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s};
}

void TestCerts::signWithCa()
{
    QFETCH(QStringList, caFiles);
    QFETCH(QString, caKey);
    QFETCH(QStringList, expectedChain);
    QByteArray caPem;
    for (const QString &name : caFiles)
        caPem += fx().read(name);
    const vlab::Result<vlab::SignedCertificate> signedCert =
        vlab::signWithCa(fx().read(u"psc.csr"_s), caPem, fx().read(caKey), 730);
    QVERIFY2(signedCert.ok(), signedCert.ok() ? "" : qPrintable(signedCert.error().message));

    QTemporaryDir out;
    QVERIFY(out.isValid());
    const QString leaf = out.filePath(u"psc-ha-vip.crt"_s);
    const QString chain = out.filePath(u"psc-ha-vip-chain.crt"_s);
    const QString caChain = out.filePath(u"cachain.crt"_s);
    QVERIFY(writeAll(leaf, signedCert->leafPem) && writeAll(chain, signedCert->chainPem)
            && writeAll(caChain, signedCert->caChainPem));

    // openssl accepts the leaf against the root, with the chain file as the untrusted part.
    QVERIFY2(fx().verifies(leaf, expectedChain.constLast(), caChain), qPrintable(fx().lastError()));
    QVERIFY2(fx().verifies(leaf, expectedChain.constLast(), chain), qPrintable(fx().lastError()));

    QStringList subjects, expected;
    QVERIFY2(fx().subjectsIn(chain, &subjects), qPrintable(fx().lastError()));
    QVERIFY2(fx().subjectsOf(QStringList{leaf} + expectedChain, &expected), qPrintable(fx().lastError()));
    QCOMPARE(subjects, expected);
    QVERIFY2(fx().subjectsIn(caChain, &subjects), qPrintable(fx().lastError()));
    QCOMPARE(subjects, expected.mid(1));

    // The request's subject and extensions are carried over; SKI and AKI are added.
    QStringList leafSubject;
    QVERIFY2(subjectFields(fx(), u"x509"_s, leaf, &leafSubject), qPrintable(fx().lastError()));
    QCOMPARE(leafSubject, kExampleSubject);
    QByteArray text;
    QVERIFY2(fx().run({u"x509"_s, u"-in"_s, leaf, u"-noout"_s, u"-text"_s}, &text),
             qPrintable(fx().lastError()));
    QVERIFY2(text.contains("Version: 3 (0x2)"), text.constData());
    QVERIFY2(text.contains("Signature Algorithm: sha256WithRSAEncryption"), text.constData());
    QCOMPARE(textAfter(text, u"X509v3 Subject Alternative Name"_s), kExampleSan);
    QCOMPARE(textAfter(text, u"X509v3 Key Usage"_s), kPscKeyUsage);
    QCOMPARE(textAfter(text, u"X509v3 Basic Constraints"_s), u"CA:FALSE"_s);
    const QString ski = textAfter(text, u"X509v3 Subject Key Identifier"_s);
    const QString aki = textAfter(text, u"X509v3 Authority Key Identifier"_s);
    QVERIFY2(!ski.isEmpty() && !aki.isEmpty(), text.constData());
    QByteArray caSki;
    QVERIFY2(fx().run({u"x509"_s, u"-in"_s, caFiles.constFirst(), u"-noout"_s, u"-ext"_s,
                       u"subjectKeyIdentifier"_s},
                      &caSki),
             qPrintable(fx().lastError()));
    QVERIFY2(aki.contains(textAfter(caSki, u"X509v3 Subject Key Identifier"_s)), qPrintable(aki));
    QVERIFY(ski != aki);

    // The certificate carries the request's key.
    QByteArray csrModulus, certModulus;
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, u"psc.csr"_s, u"-noout"_s, u"-modulus"_s}, &csrModulus),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().run({u"x509"_s, u"-in"_s, leaf, u"-noout"_s, u"-modulus"_s}, &certModulus),
             qPrintable(fx().lastError()));
    QCOMPARE(certModulus, csrModulus);
}

void TestCerts::signWithCaValidityDays_data()
{
    QTest::addColumn<int>("days");
    QTest::newRow("1 day") << 1;
    QTest::newRow("30 days") << 30;
    QTest::newRow("730 days (the plan's default)") << 730;
    QTest::newRow("3650 days (the maximum)") << 3650;
}

void TestCerts::signWithCaValidityDays()
{
    QFETCH(int, days);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const vlab::Result<vlab::SignedCertificate> signedCert = vlab::signWithCa(
        fx().read(u"psc.csr"_s), fx().read(u"vmca-root.cer"_s), fx().read(u"vmca-root.key"_s), days);
    QVERIFY(signedCert.ok());
    const QDateTime after = QDateTime::currentDateTimeUtc();
    const QString leaf = u"days-%1.crt"_s.arg(days);
    QVERIFY(fx().write(leaf, signedCert->leafPem));
    QByteArray dates;
    QVERIFY2(
        fx().run({u"x509"_s, u"-in"_s, leaf, u"-noout"_s, u"-dates"_s, u"-dateopt"_s, u"iso_8601"_s}, &dates),
        qPrintable(fx().lastError()));
    const QDateTime notBefore =
        QDateTime::fromString(textOf(dates, "notBefore="), u"yyyy-MM-dd HH:mm:ss'Z'"_s);
    const QDateTime notAfter = QDateTime::fromString(textOf(dates, "notAfter="), u"yyyy-MM-dd HH:mm:ss'Z'"_s);
    QVERIFY2(notBefore.isValid() && notAfter.isValid(), dates.constData());
    const QDateTime nb = QDateTime(notBefore.date(), notBefore.time(), QTimeZone::utc());
    const QDateTime na = QDateTime(notAfter.date(), notAfter.time(), QTimeZone::utc());
    // Back-dated by one minute, valid for `days` from the moment of signing. OpenSSL takes the
    // moment from time(), whole seconds of the kernel's coarse clock, which can still show the
    // previous second just after `before` was read in milliseconds: compare whole seconds, with
    // that one second of lag allowed.
    const QDateTime beforeSecond = before.addMSecs(-before.time().msec());
    QVERIFY2(nb >= beforeSecond.addSecs(-61) && nb <= after.addSecs(-59), dates.constData());
    const qint64 span = nb.secsTo(na);
    QVERIFY2(span >= qint64(days) * 86400 + 60 && span <= qint64(days) * 86400 + 62,
             qPrintable(u"span %1 s"_s.arg(span)));
}

void TestCerts::signWithCaRefuses_data()
{
    QTest::addColumn<QString>("csr");
    QTest::addColumn<QString>("caCert");
    QTest::addColumn<QString>("caKey");
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("request asks for CA:true") << u"wants-ca.csr"_s << u"vmca-root.cer"_s << u"vmca-root.key"_s
                                              << 730 << u"csr.wants-ca"_s << u"CA:true"_s;
    QTest::newRow("request changed after it was made")
        << u"psc-tampered.csr"_s << u"vmca-root.cer"_s << u"vmca-root.key"_s << 730 << u"csr.signature"_s
        << u"changed"_s;
    QTest::newRow("CA key of another CA")
        << u"psc.csr"_s << u"vmca-root.cer"_s << u"root.key"_s << 730 << u"ca.key-mismatch"_s << u"(CA)"_s;
    QTest::newRow("CA certificate is a leaf") << u"psc.csr"_s << u"leaf.cer"_s << u"leaf.key"_s << 730
                                              << u"ca.not-ca"_s << u"not a CA certificate"_s;
    QTest::newRow("encrypted CA key") << u"psc.csr"_s << u"vmca-root.cer"_s << u"vmca-root-encrypted.key"_s
                                      << 730 << u"key.encrypted"_s << u"pass phrase"_s;
    QTest::newRow("certificate given as the request")
        << u"leaf.cer"_s << u"vmca-root.cer"_s << u"vmca-root.key"_s << 730 << u"csr.unreadable"_s
        << u"holds a certificate"_s;
    QTest::newRow("corrupt CA certificate")
        << u"psc.csr"_s << u"root-corrupt.cer"_s << u"root.key"_s << 730 << u"cert.corrupt"_s << u"damaged"_s;
    QTest::newRow("key given as the CA certificate")
        << u"psc.csr"_s << u"vmca-root.key"_s << u"vmca-root.key"_s << 730 << u"cert.none"_s
        << u"private key"_s;
    QTest::newRow("0 days") << u"psc.csr"_s << u"vmca-root.cer"_s << u"vmca-root.key"_s << 0 << u"cert.days"_s
                            << u"1 to 3650"_s;
    QTest::newRow("3651 days") << u"psc.csr"_s << u"vmca-root.cer"_s << u"vmca-root.key"_s << 3651
                               << u"cert.days"_s << u"1 to 3650"_s;
}

void TestCerts::signWithCaRefuses()
{
    QFETCH(QString, csr);
    QFETCH(QString, caCert);
    QFETCH(QString, caKey);
    QFETCH(int, days);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const vlab::Result<vlab::SignedCertificate> signedCert =
        vlab::signWithCa(fx().read(csr), fx().read(caCert), fx().read(caKey), days);
    QVERIFY(!signedCert.ok());
    QCOMPARE(signedCert.error().code, code);
    QVERIFY2(signedCert.error().message.contains(message), qPrintable(signedCert.error().message));
}

// ---------------------------------------------------------------------------------------
// Chain files from an external CA

void TestCerts::buildChainInAnyOrder_data()
{
    QTest::addColumn<Format>("format");
    QTest::addColumn<QStringList>("order");
    QTest::addColumn<bool>("derLeaf");
    const QList<std::pair<const char *, Format>> formats = {{"PEM files", Format::PemFiles},
                                                            {"DER files", Format::DerFiles},
                                                            {"one PEM bundle", Format::PemBundle},
                                                            {"PKCS#7 (PEM)", Format::Pkcs7Pem},
                                                            {"PKCS#7 (DER)", Format::Pkcs7Der}};
    QStringList order{u"int1"_s, u"int2"_s, u"root"_s};
    std::sort(order.begin(), order.end());
    int row = 0;
    do {
        for (const auto &[name, format] : formats) {
            const bool derLeaf = (row++ % 4) == 3; // now and then the leaf is DER as well
            QTest::addRow("%s: %s%s", name, qPrintable(order.join(u", "_s)), derLeaf ? ", DER leaf" : "")
                << format << order << derLeaf;
        }
    } while (std::next_permutation(order.begin(), order.end()));
}

void TestCerts::buildChainInAnyOrder()
{
    QFETCH(Format, format);
    QFETCH(QStringList, order);
    QFETCH(bool, derLeaf);
    const QString tag = u"order-%1-%2"_s.arg(QString::number(int(format)), order.join(u'-'));

    QList<CertSource> cas;
    QStringList pems;
    for (const QString &name : order)
        pems << name + u".cer"_s;
    switch (format) {
    case Format::PemFiles:
    case Format::DerFiles:
        for (const QString &name : order) {
            const QString fileName = name + (format == Format::DerFiles ? u".der"_s : u".cer"_s);
            cas.append({fileName, fx().read(fileName)});
        }
        break;
    case Format::PemBundle:
        QVERIFY(fx().concat(tag + u".pem"_s, pems));
        cas.append({tag + u".pem"_s, fx().read(tag + u".pem"_s)});
        break;
    case Format::Pkcs7Pem:
    case Format::Pkcs7Der:
        QVERIFY2(fx().toPkcs7(pems, tag + u".p7b"_s, format == Format::Pkcs7Der),
                 qPrintable(fx().lastError()));
        cas.append({tag + u".p7b"_s, fx().read(tag + u".p7b"_s)});
        break;
    }
    for (const CertSource &source : std::as_const(cas))
        QVERIFY2(!source.data.isEmpty(), qPrintable(source.name));
    const QString leafName = derLeaf ? u"leaf.der"_s : u"leaf.cer"_s;

    const vlab::Result<vlab::CertificateChain> chain =
        vlab::buildChain(CertSource{leafName, fx().read(leafName)}, cas);
    QVERIFY2(chain.ok(), chain.ok() ? "" : qPrintable(chain.error().message));
    QVERIFY2(chain->notes.isEmpty(), qPrintable(chain->notes.join(u'\n')));
    QCOMPARE(chain->leafPem, fx().read(u"leaf.cer"_s));
    QCOMPARE(chain->intermediatesPem,
             (QList<QByteArray>{fx().read(u"int2.cer"_s), fx().read(u"int1.cer"_s)}));
    QCOMPARE(chain->rootPem, fx().read(u"root.cer"_s));

    // What openssl reads from the written files: leaf, int2, int1, root.
    QTemporaryDir out;
    QVERIFY(out.isValid());
    const QString leaf = out.filePath(u"psc-ha-vip.crt"_s);
    const QString chainFile = out.filePath(u"psc-ha-vip-chain.crt"_s);
    const QString caChain = out.filePath(u"cachain.crt"_s);
    const QString intermediates = out.filePath(u"intermediates.pem"_s);
    QVERIFY(writeAll(leaf, chain->leafPem) && writeAll(chainFile, chain->chainPem())
            && writeAll(caChain, chain->caChainPem())
            && writeAll(intermediates, chain->intermediatesPem.join()));
    QStringList subjects, expected;
    QVERIFY2(fx().subjectsOf({u"leaf.cer"_s, u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s}, &expected),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().subjectsIn(chainFile, &subjects), qPrintable(fx().lastError()));
    QCOMPARE(subjects, expected);
    QVERIFY2(fx().subjectsIn(caChain, &subjects), qPrintable(fx().lastError()));
    QCOMPARE(subjects, expected.mid(1));
    QVERIFY2(fx().verifies(leaf, u"root.cer"_s, intermediates), qPrintable(fx().lastError()));
    QVERIFY2(fx().verifies(leaf, u"root.cer"_s, chainFile), qPrintable(fx().lastError()));
}

void TestCerts::buildChainNotes_data()
{
    QTest::addColumn<QStringList>("leafFiles"); // concatenated into the leaf input
    QTest::addColumn<QStringList>("caFiles");
    QTest::addColumn<QString>("note"); // part of the one note expected; empty: none
    QTest::newRow("leaf file holds the whole chain, shuffled")
        << QStringList{u"root.cer"_s, u"int1.cer"_s, u"leaf.cer"_s, u"int2.cer"_s} << QStringList{}
        << u"held 4 certificates"_s;
    QTest::newRow("leaf file holds the chain, root also given")
        << QStringList{u"leaf.cer"_s, u"int2.cer"_s, u"int1.cer"_s} << QStringList{u"root.cer"_s}
        << u"held 3 certificates"_s;
    QTest::newRow("unrelated extra CA")
        << QStringList{u"leaf.cer"_s}
        << QStringList{u"int1.cer"_s, u"other-root.cer"_s, u"int2.cer"_s, u"root.cer"_s}
        << u"Unrelated Root CA is not part of this chain"_s;
    QTest::newRow("same intermediate twice, PEM and DER")
        << QStringList{u"leaf.cer"_s}
        << QStringList{u"int1.cer"_s, u"int2.cer"_s, u"int1.der"_s, u"root.cer"_s} << QString();
}

void TestCerts::buildChainNotes()
{
    QFETCH(QStringList, leafFiles);
    QFETCH(QStringList, caFiles);
    QFETCH(QString, note);
    QByteArray leafData;
    for (const QString &name : leafFiles)
        leafData += fx().read(name);
    QList<CertSource> cas;
    for (const QString &name : caFiles)
        cas.append({name, fx().read(name)});
    const vlab::Result<vlab::CertificateChain> chain =
        vlab::buildChain(CertSource{u"leaf.pem"_s, leafData}, cas);
    QVERIFY2(chain.ok(), chain.ok() ? "" : qPrintable(chain.error().message));
    if (note.isEmpty()) {
        QVERIFY2(chain->notes.isEmpty(), qPrintable(chain->notes.join(u'\n')));
    } else {
        QCOMPARE(chain->notes.size(), qsizetype(1));
        QVERIFY2(chain->notes.constFirst().contains(note), qPrintable(chain->notes.constFirst()));
    }
    const QString chainFile =
        u"notes-%1-chain.crt"_s.arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'_');
    QVERIFY(fx().write(chainFile, chain->chainPem()));
    QStringList subjects, expected;
    QVERIFY2(fx().subjectsOf({u"leaf.cer"_s, u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s}, &expected),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().subjectsIn(fx().path(chainFile), &subjects), qPrintable(fx().lastError()));
    QCOMPARE(subjects, expected);
    QVERIFY2(fx().verifies(u"leaf.cer"_s, u"root.cer"_s, fx().path(chainFile)), qPrintable(fx().lastError()));
}

void TestCerts::buildChainRefuses_data()
{
    QTest::addColumn<QString>("leaf");
    QTest::addColumn<QStringList>("caFiles");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing intermediate 2")
        << u"leaf.cer"_s << QStringList{u"int1.cer"_s, u"root.cer"_s} << u"chain.missing-issuer"_s
        << u"\"O = vLab Test, CN = vLab Test Intermediate 2\", which signed \"vcenter-psc-lb.sslab.com\""_s;
    QTest::newRow("missing intermediate 1")
        << u"leaf.cer"_s << QStringList{u"root.cer"_s, u"int2.der"_s} << u"chain.missing-issuer"_s
        << u"\"O = vLab Test, CN = vLab Test Intermediate 1\", which signed \"vLab Test Intermediate 2\""_s;
    QTest::newRow("missing root") << u"leaf.cer"_s << QStringList{u"int2.cer"_s, u"int1.cer"_s}
                                  << u"chain.missing-issuer"_s << u"vLab Test Root CA"_s;
    QTest::newRow("only an unrelated root") << u"leaf.cer"_s << QStringList{u"other-root.cer"_s}
                                            << u"chain.missing-issuer"_s << u"vLab Test Intermediate 2"_s;
    QTest::newRow("self-signed leaf")
        << u"leaf-self.cer"_s << QStringList{u"root.cer"_s} << u"chain.self-signed-leaf"_s
        << u"The leaf certificate (vcenter-psc-lb.sslab.com) is self-signed"_s;
    QTest::newRow("self-signed leaf without key usage")
        << u"leaf-self-no-ku.cer"_s << QStringList{u"root.cer"_s, u"int1.cer"_s}
        << u"chain.self-signed-leaf"_s << u"self-signed"_s;
    QTest::newRow("leaf file holds only CA certificates")
        << u"int2.cer"_s << QStringList{u"root.cer"_s} << u"chain.no-leaf"_s << u"only CA certificates"_s;
    QTest::newRow("corrupt PEM leaf")
        << u"leaf-corrupt.cer"_s << QStringList{u"root.cer"_s} << u"cert.corrupt"_s << u"damaged"_s;
    QTest::newRow("corrupt PEM CA") << u"leaf.cer"_s
                                    << QStringList{u"int2.cer"_s, u"int1.cer"_s, u"root-corrupt.cer"_s}
                                    << u"cert.corrupt"_s << u"root-corrupt.cer"_s;
    QTest::newRow("request given as the leaf")
        << u"leaf.csr"_s << QStringList{u"root.cer"_s} << u"cert.none"_s << u"certificate request"_s;
    QTest::newRow("key given as a CA")
        << u"leaf.cer"_s << QStringList{u"leaf.key"_s} << u"cert.none"_s << u"private key"_s;
    QTest::newRow("empty CA file") << u"leaf.cer"_s << QStringList{u"empty.cer"_s} << u"cert.empty"_s
                                   << u"empty"_s;
    QTest::newRow("garbage CA file") << u"leaf.cer"_s << QStringList{u"garbage.bin"_s} << u"cert.unreadable"_s
                                     << u"neither PEM, DER nor PKCS#7"_s;
}

void TestCerts::buildChainRefuses()
{
    QFETCH(QString, leaf);
    QFETCH(QStringList, caFiles);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QVERIFY(fx().write(u"empty.cer"_s, "\n"));
    QVERIFY(fx().write(u"garbage.bin"_s, QByteArray("\x01\x02garbage\xff\xfe", 12)));
    QList<CertSource> cas;
    for (const QString &name : caFiles)
        cas.append({name, fx().read(name)});
    const vlab::Result<vlab::CertificateChain> chain =
        vlab::buildChain(CertSource{leaf, fx().read(leaf)}, cas);
    QVERIFY(!chain.ok());
    QCOMPARE(chain.error().code, code);
    QVERIFY2(chain.error().message.contains(message), qPrintable(chain.error().message));
}

// ---------------------------------------------------------------------------------------
// Certificates in words

void TestCerts::describeCertificates_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("expected"); // the PEM certificates it holds, in order
    QTest::newRow("PEM leaf") << u"leaf.cer"_s << QStringList{u"leaf.cer"_s};
    QTest::newRow("DER leaf") << u"leaf.der"_s << QStringList{u"leaf.cer"_s};
    QTest::newRow("PEM root") << u"root.cer"_s << QStringList{u"root.cer"_s};
    QTest::newRow("PEM bundle") << u"describe-bundle.pem"_s
                                << QStringList{u"leaf.cer"_s, u"int2.cer"_s, u"root.cer"_s};
    QTest::newRow("PKCS#7 (PEM)") << u"describe.p7b"_s << QStringList{u"leaf.cer"_s, u"int2.cer"_s};
    QTest::newRow("PKCS#7 (DER)") << u"describe-der.p7b"_s << QStringList{u"root.cer"_s};
    QTest::newRow("self-signed leaf") << u"leaf-self.cer"_s << QStringList{u"leaf-self.cer"_s};
    QTest::newRow("request") << u"psc.csr"_s << QStringList{};
}

void TestCerts::describeCertificates()
{
    QFETCH(QString, input);
    QFETCH(QStringList, expected);
    const vlab::Result<QList<vlab::CertInfo>> infos = vlab::describeCertificates(fx().read(input), input);
    QVERIFY2(infos.ok(), infos.ok() ? "" : qPrintable(infos.error().message));

    if (expected.isEmpty()) { // a request
        QCOMPARE(infos->size(), qsizetype(1));
        const vlab::CertInfo &info = infos->constFirst();
        QVERIFY(info.isRequest);
        QString subject;
        QByteArray out;
        QVERIFY2(fx().run({u"req"_s, u"-in"_s, input, u"-noout"_s, u"-subject"_s}, &out),
                 qPrintable(fx().lastError()));
        QCOMPARE(u"subject="_s + info.subject, QString::fromUtf8(out).trimmed());
        QCOMPARE(info.dnsNames.join(u", "_s), QString(kExampleSan).remove(u"DNS:"_s));
        QCOMPARE(info.keyBits, 2048);
        QVERIFY(info.toText().startsWith(u"Certificate request for vcenter-psc-lb.sslab.com"_s));
        return;
    }

    QCOMPARE(infos->size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const vlab::CertInfo &info = infos->at(i);
        const QString pem = expected.at(i);
        QByteArray out;
        QVERIFY2(fx().run({u"x509"_s, u"-in"_s, pem, u"-noout"_s, u"-subject"_s, u"-issuer"_s, u"-serial"_s,
                           u"-dates"_s, u"-dateopt"_s, u"iso_8601"_s, u"-fingerprint"_s, u"-sha256"_s},
                          &out),
                 qPrintable(fx().lastError()));
        QByteArray sha1;
        QVERIFY2(fx().run({u"x509"_s, u"-in"_s, pem, u"-noout"_s, u"-fingerprint"_s, u"-sha1"_s}, &sha1),
                 qPrintable(fx().lastError()));
        QCOMPARE(info.subject, textOf(out, "subject="));
        QCOMPARE(info.issuer, textOf(out, "issuer="));
        QCOMPARE(info.serial, textOf(out, "serial="));
        QCOMPARE(info.sha256Fingerprint, textOf(out, "sha256 Fingerprint="));
        QCOMPARE(info.sha1Fingerprint, textOf(sha1, "sha1 Fingerprint="));
        QCOMPARE(info.notBefore.toString(u"yyyy-MM-dd HH:mm:ss'Z'"_s), textOf(out, "notBefore="));
        QCOMPARE(info.notAfter.toString(u"yyyy-MM-dd HH:mm:ss'Z'"_s), textOf(out, "notAfter="));
        QCOMPARE(info.notAfter.offsetFromUtc(), 0);
        QCOMPARE(info.keyType, u"RSA"_s);
        QCOMPARE(info.keyBits, 2048);
        QCOMPARE(info.signatureAlgorithm, u"sha256WithRSAEncryption"_s);
        const bool isLeaf = pem.startsWith(u"leaf"_s);
        QCOMPARE(info.selfSigned, pem == u"root.cer"_s || pem == u"leaf-self.cer"_s);
        QCOMPARE(info.isCa, !isLeaf);
        if (isLeaf) {
            QCOMPARE(info.dnsNames.join(u", "_s), QString(kExampleSan).remove(u"DNS:"_s));
            QCOMPARE(info.commonName, u"vcenter-psc-lb.sslab.com"_s);
            QCOMPARE(info.keyUsage,
                     (QStringList{u"digitalSignature"_s, u"nonRepudiation"_s, u"keyEncipherment"_s}));
        }
        const QString text = info.toText();
        QVERIFY2(text.contains(info.sha256Fingerprint) && text.contains(u"valid, "_s), qPrintable(text));
        if (pem == u"leaf-self.cer"_s)
            QVERIFY2(text.startsWith(u"Self-signed certificate for vcenter-psc-lb.sslab.com"_s),
                     qPrintable(text));
    }
}

// ---------------------------------------------------------------------------------------
// The verification report

void TestCerts::verifyCertificates_data()
{
    QTest::addColumn<VerifyCase>("c");
    const QStringList chain = {u"leaf.cer"_s, u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s};
    const QStringList root = {u"root.cer"_s};
    auto good = [&] {
        VerifyCase c;
        c.chain = chain;
        c.key = u"leaf.key"_s;
        c.cas = root;
        c.plan = true;
        c.clean = true;
        return c;
    };
    auto leafChain = [](const QString &leaf) {
        return QStringList{leaf, u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s};
    };

    QTest::newRow("good: the chain file as vlab writes it") << good();
    {
        VerifyCase c = good();
        c.chain = {u"leaf.der"_s};
        c.cas = {u"int2.cer"_s, u"int1.der"_s, u"root.cer"_s};
        QTest::newRow("good: DER leaf alone, CAs given separately") << c;
    }
    {
        VerifyCase c = good();
        c.key = u"other-root.key"_s;
        c.failing = {u"key-match"_s};
        c.id = u"key-match"_s;
        c.message = u"does not belong to the certificate \"vcenter-psc-lb.sslab.com\""_s;
        c.clean = false;
        QTest::newRow("key of another certificate") << c;
    }
    {
        VerifyCase c = good();
        c.key = u"root.cer"_s;
        c.failing = {u"key-match"_s};
        c.id = u"key-match"_s;
        c.message = u"holds a certificate, not a private key"_s;
        c.clean = false;
        QTest::newRow("certificate given as the key") << c;
    }
    {
        VerifyCase c = good();
        c.chain = {u"leaf.cer"_s, u"int2.cer"_s};
        c.failing = {u"chain-trust"_s};
        c.id = u"chain-trust"_s;
        c.message = u"unable to get local issuer certificate"_s;
        c.clean = false;
        QTest::newRow("missing intermediate") << c;
    }
    {
        VerifyCase c = good();
        c.chain = {u"leaf.cer"_s, u"int2.cer"_s, u"int1.cer"_s};
        c.cas = {};
        c.failing = {u"chain-trust"_s};
        c.id = u"chain-trust"_s;
        c.message = u"No root certificate was given"_s;
        c.clean = false;
        QTest::newRow("no root given") << c;
    }
    {
        VerifyCase c = good();
        c.chain = {u"leaf.cer"_s, u"int2.cer"_s, u"int1.cer"_s};
        c.cas = {u"other-root.cer"_s};
        c.failing = {u"chain-trust"_s};
        c.id = u"chain-trust"_s;
        c.message = u"unable to get local issuer certificate"_s;
        c.clean = false;
        QTest::newRow("root of another CA") << c;
    }
    {
        VerifyCase c = good();
        c.chain = leafChain(u"leaf-expired.cer"_s);
        c.failing = {u"validity"_s, u"chain-trust"_s};
        c.id = u"validity"_s;
        c.message = u"expired"_s;
        c.clean = false;
        QTest::newRow("expired leaf (2020 to 2021)") << c;
    }
    {
        VerifyCase c = good();
        c.nowDays = 400;
        c.failing = {u"validity"_s, u"chain-trust"_s};
        c.id = u"validity"_s;
        c.message = u"expired"_s;
        c.clean = false;
        QTest::newRow("expired by the clock (now + 400 days)") << c;
    }
    {
        VerifyCase c = good();
        c.nowDays = -2;
        c.failing = {u"validity"_s, u"chain-trust"_s};
        c.id = u"validity"_s;
        c.message = u"not valid yet"_s;
        c.clean = false;
        QTest::newRow("not yet valid (now - 2 days)") << c;
    }
    {
        VerifyCase c = good();
        c.chain = leafChain(u"leaf-soon.cer"_s);
        c.failing = {u"validity"_s};
        c.id = u"validity"_s;
        c.severity = Severity::Warning;
        c.message = u"expires in 9 day(s)"_s;
        QTest::newRow("expiring in 10 days: a warning") << c;
    }
    {
        VerifyCase c = good();
        c.chain = leafChain(u"leaf-no-psc02.cer"_s);
        c.failing = {u"san"_s};
        c.id = u"san"_s;
        c.message = u"does not name vcenter-psc02.sslab.com"_s;
        c.clean = false;
        QTest::newRow("SAN lacks psc02, plan given") << c;
    }
    {
        VerifyCase c = good();
        c.chain = leafChain(u"leaf-no-psc02.cer"_s);
        c.plan = false;
        QTest::newRow("SAN lacks psc02, no plan: not checked") << c;
    }
    {
        VerifyCase c = good();
        c.chain = leafChain(u"leaf-wrong-cn.cer"_s);
        c.failing = {u"cn"_s};
        c.id = u"cn"_s;
        c.message =
            u"CN is \"wrong-name.sslab.com\", not the load-balancer name \"vcenter-psc-lb.sslab.com\""_s;
        c.clean = false;
        QTest::newRow("CN is not the load-balancer name") << c;
    }
    {
        VerifyCase c = good();
        c.chain = leafChain(u"leaf-sha1.cer"_s);
        c.failing = {u"signature"_s};
        c.id = u"signature"_s;
        c.message = u"signed with SHA1"_s;
        c.clean = false;
        QTest::newRow("SHA-1 signature") << c;
    }
    {
        VerifyCase c = good();
        c.chain = leafChain(u"leaf-ca.cer"_s);
        c.failing = {u"chain-order"_s, u"not-ca"_s};
        c.id = u"not-ca"_s;
        c.message = u"\"vcenter-psc-lb.sslab.com\" is a CA certificate"_s;
        c.clean = false;
        QTest::newRow("leaf is a CA (CA:true)") << c;
    }
    {
        VerifyCase c = good();
        c.chain = {u"root.cer"_s, u"int1.cer"_s, u"int2.cer"_s, u"leaf.cer"_s};
        c.key = QString();
        c.failing = {u"chain-order"_s, u"not-ca"_s, u"key-usage"_s, u"san"_s, u"cn"_s};
        c.id = u"chain-order"_s;
        c.message = u"is the CA certificate \"vLab Test Root CA\", not the PSC certificate"_s;
        c.clean = false;
        QTest::newRow("chain given starting with the root") << c;
    }
    {
        VerifyCase c = good();
        c.chain = {u"leaf.cer"_s, u"int1.cer"_s, u"int2.cer"_s, u"root.cer"_s};
        c.failing = {u"chain-order"_s};
        c.id = u"chain-order"_s;
        c.message = u"(\"vLab Test Intermediate 1\") did not sign the one before it"_s;
        c.clean = false;
        QTest::newRow("intermediates in the wrong order") << c;
    }
    {
        VerifyCase c = good();
        c.chain = {u"leaf-corrupt.cer"_s};
        c.failing = {u"readable"_s};
        c.id = u"readable"_s;
        c.message = u"damaged"_s;
        c.clean = false;
        QTest::newRow("corrupt PEM (one base64 character changed)") << c;
    }
    {
        VerifyCase c = good();
        c.cas = {u"root-corrupt.cer"_s};
        c.failing = {u"readable"_s};
        c.id = u"readable"_s;
        c.message = u"root-corrupt.cer"_s;
        c.clean = false;
        QTest::newRow("corrupt PEM CA file") << c;
    }
    {
        VerifyCase c = good();
        c.chain = leafChain(u"leaf-bad-signature.cer"_s);
        c.failing = {u"chain-order"_s, u"chain-trust"_s};
        c.id = u"chain-trust"_s;
        c.message = u"signature failure"_s;
        c.clean = false;
        QTest::newRow("damaged signature") << c;
    }
    {
        VerifyCase c = good();
        c.chain = leafChain(u"leaf-1024.cer"_s);
        c.key = u"leaf-1024.key"_s;
        c.failing = {u"key-size"_s};
        c.id = u"key-size"_s;
        c.message = u"only 1024 bits"_s;
        c.clean = false;
        QTest::newRow("1024-bit key") << c;
    }
    {
        VerifyCase c = good();
        c.chain = leafChain(u"leaf-no-ku.cer"_s);
        c.failing = {u"key-usage"_s};
        c.id = u"key-usage"_s;
        c.severity = Severity::Warning;
        c.message = u"no key usage extension"_s;
        QTest::newRow("no key usage extension: a warning") << c;
    }
    {
        VerifyCase c = good();
        c.chain = {u"leaf-self.cer"_s};
        c.key = QString();
        c.failing = {u"chain-trust"_s};
        c.id = u"chain-trust"_s;
        c.message = u"self-signed"_s;
        c.clean = false;
        QTest::newRow("self-signed leaf") << c;
    }
}

void TestCerts::verifyCertificates()
{
    QFETCH(VerifyCase, c);
    vlab::CertVerification input;
    QByteArray chainData;
    for (const QString &name : std::as_const(c.chain))
        chainData += fx().read(name);
    input.chain = CertSource{u"psc-ha-vip-chain.crt"_s, chainData};
    if (!c.key.isEmpty())
        input.key = CertSource{c.key, fx().read(c.key)};
    for (const QString &name : std::as_const(c.cas))
        input.cas.append({name, fx().read(name)});
    if (c.plan)
        input.plan = vlab::examplePlan();
    input.now = QDateTime::currentDateTimeUtc().addDays(c.nowDays);

    const CertReport report = vlab::verifyCertificates(input);
    const QString text = report.toText();
    if (c.failing == QStringList{u"readable"_s}) {
        QCOMPARE(checkIds(report), (QStringList{u"readable"_s}));
    } else {
        // Every check is reported, once, in checklist order.
        QCOMPARE(checkIds(report),
                 (QStringList{u"chain-order"_s, u"not-ca"_s, u"key-match"_s, u"chain-trust"_s, u"san"_s,
                              u"cn"_s, u"validity"_s, u"key-usage"_s, u"key-size"_s, u"signature"_s}));
    }
    for (const vlab::CertCheck &check : report.checks) {
        QVERIFY2(check.passed != c.failing.contains(check.id), qPrintable(check.id + u"\n"_s + text));
        QVERIFY2(!check.title.isEmpty() && !check.message.isEmpty(), qPrintable(text));
        if (!check.passed)
            QVERIFY2(!check.hint.isEmpty(), qPrintable(check.id + u" has no fix hint"_s));
        if (check.id == c.id) {
            QCOMPARE(check.severity, c.severity);
            QVERIFY2(check.message.contains(c.message), qPrintable(check.message));
        }
    }
    QCOMPARE(report.clean(), c.clean);
    const vlab::Findings findings = report.findings();
    QCOMPARE(findings.size(), c.failing.size());
    for (const vlab::Finding &f : findings)
        QVERIFY2(c.failing.contains(f.path.mid(int(qstrlen("certificate.")))), qPrintable(f.path));
}

// ---------------------------------------------------------------------------------------
// The private key file

void TestCerts::writePrivateKeyMode_data()
{
    QTest::addColumn<int>("mask");
    QTest::newRow("umask 022") << 022;
    QTest::newRow("umask 000") << 0;
}

void TestCerts::writePrivateKeyMode()
{
    QFETCH(int, mask);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"psc-ha-vip.key"_s);
    const mode_t previous = ::umask(mode_t(mask));
    const vlab::Result<QString> written = vlab::writePrivateKey(path, "KEY ONE\n", vlab::ExistingKey::Refuse);
    ::umask(previous);
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
    QVERIFY(written->isEmpty()); // no backup
    QCOMPARE(readAll(path), QByteArray("KEY ONE\n"));
    QVERIFY(ownerOnly(path));
    QCOMPARE(certtest::statMode(path), u"600"_s);
    QCOMPARE(filesIn(dir.path()), QStringList{u"psc-ha-vip.key"_s}); // no temporary left behind
}

void TestCerts::writePrivateKeyRefusesToOverwrite()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"psc-ha-vip.key"_s);
    QVERIFY(vlab::writePrivateKey(path, "OLD KEY\n", vlab::ExistingKey::Refuse).ok());
    const vlab::Result<QString> again = vlab::writePrivateKey(path, "NEW KEY\n", vlab::ExistingKey::Refuse);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, u"key.exists"_s);
    QVERIFY2(again.error().message.contains(u"--backup"_s), qPrintable(again.error().message));
    QCOMPARE(readAll(path), QByteArray("OLD KEY\n"));
    QCOMPARE(certtest::statMode(path), u"600"_s);
    QVERIFY(ownerOnly(path));
    QCOMPARE(filesIn(dir.path()), QStringList{u"psc-ha-vip.key"_s});
}

void TestCerts::writePrivateKeyKeepsBackup()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"psc-ha-vip.key"_s);
    QVERIFY(vlab::writePrivateKey(path, "KEY 1\n", vlab::ExistingKey::Refuse).ok());
    const QRegularExpression dated(u"^psc-ha-vip\\.key\\.\\d{8}-\\d{6}(-\\d+)?\\.bak$"_s);

    const vlab::Result<QString> first = vlab::writePrivateKey(path, "KEY 2\n", vlab::ExistingKey::KeepBackup);
    QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
    QVERIFY2(dated.match(QFileInfo(*first).fileName()).hasMatch(), qPrintable(*first));
    QCOMPARE(readAll(*first), QByteArray("KEY 1\n"));
    QCOMPARE(certtest::statMode(*first), u"600"_s);
    QVERIFY(ownerOnly(*first));
    QCOMPARE(readAll(path), QByteArray("KEY 2\n"));
    QCOMPARE(certtest::statMode(path), u"600"_s);
    QVERIFY(ownerOnly(path));

    // Again at once (most likely within the same second): a second, distinct backup.
    const vlab::Result<QString> second =
        vlab::writePrivateKey(path, "KEY 3\n", vlab::ExistingKey::KeepBackup);
    QVERIFY(second.ok());
    QVERIFY(*second != *first);
    QVERIFY2(dated.match(QFileInfo(*second).fileName()).hasMatch(), qPrintable(*second));
    QCOMPARE(readAll(*first), QByteArray("KEY 1\n"));
    QCOMPARE(readAll(*second), QByteArray("KEY 2\n"));
    QCOMPARE(certtest::statMode(*second), u"600"_s);
    QCOMPARE(readAll(path), QByteArray("KEY 3\n"));
    QCOMPARE(filesIn(dir.path()).size(), qsizetype(3));
}

// ---------------------------------------------------------------------------------------
// The job

void TestCerts::generateCsrJobThroughQueue()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(u"project/certs"_s); // made by the job
    const CsrRequest request = exampleRequest();

    vlab::JobQueue queue;
    auto *job = new vlab::GenerateCsrJob(request, folder, vlab::ExistingKey::Refuse);
    queue.addJob(job);
    QSignalSpy finished(&queue, &vlab::JobQueue::finished);
    queue.start();
    QVERIFY(finished.wait(kGuardMs));
    QCOMPARE(finished.size(), qsizetype(1));
    QVERIFY2(finished.at(0).at(0).toBool(),
             job->result().ok() ? "" : qPrintable(job->result().error().message));

    QCOMPARE(filesIn(folder),
             (QStringList{u"psc-ha-vip.csr"_s, u"psc-ha-vip.key"_s, u"psc_ha_csr_cfg.cfg"_s}));
    const QString key = QDir(folder).filePath(u"psc-ha-vip.key"_s);
    const QString csr = QDir(folder).filePath(u"psc-ha-vip.csr"_s);
    const QString cfg = QDir(folder).filePath(u"psc_ha_csr_cfg.cfg"_s);
    QCOMPARE(certtest::statMode(key), u"600"_s);
    QVERIFY(ownerOnly(key));
    QCOMPARE(readAll(cfg), vlab::renderRequestConfig(request));
    QVERIFY2(fx().requestVerifies(csr), qPrintable(fx().lastError()));
    QByteArray keyModulus, csrModulus;
    QVERIFY2(fx().run({u"rsa"_s, u"-in"_s, key, u"-noout"_s, u"-modulus"_s}, &keyModulus),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, csr, u"-noout"_s, u"-modulus"_s}, &csrModulus),
             qPrintable(fx().lastError()));
    QCOMPARE(keyModulus, csrModulus);

    // Evidence: the request and config with their hashes, the key by name only.
    const QByteArray keyPem = readAll(key);
    const QString keyHash = vlab::sha256Hex(keyPem);
    const QByteArray keyLine = keyPem.split('\n').value(1); // a line of the key's base64
    QVERIFY(keyLine.size() > 40);
    bool csrHashed = false, keyNamed = false;
    for (const vlab::Evidence &e : job->report().evidence) {
        for (const QString &s : {e.text, e.detail}) {
            QVERIFY2(!s.contains(keyHash, Qt::CaseInsensitive), qPrintable(s));
            QVERIFY2(!s.contains(QString::fromLatin1(keyLine)), qPrintable(s));
            QVERIFY2(!s.contains(u"PRIVATE KEY"_s), qPrintable(s));
        }
        if (e.kind == vlab::Evidence::Kind::File && e.text == csr)
            csrHashed = e.detail == vlab::sha256Hex(readAll(csr));
        if (e.kind == vlab::Evidence::Kind::File && e.text == key)
            keyNamed = true;
    }
    QVERIFY(csrHashed);
    QVERIFY(keyNamed);
    const QByteArray rendered =
        QJsonDocument(queue.report().toJson()).toJson() + queue.report().toText().toUtf8();
    QVERIFY(!rendered.contains(keyHash.toLatin1()));
    QVERIFY(!rendered.contains(keyLine));
}

void TestCerts::generateCsrJobRefusesExistingKey()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString key = dir.filePath(u"psc-ha-vip.key"_s);
    QVERIFY(vlab::writePrivateKey(key, "AN EXISTING KEY\n", vlab::ExistingKey::Refuse).ok());

    vlab::JobQueue queue;
    auto *job = new vlab::GenerateCsrJob(exampleRequest(), dir.path(), vlab::ExistingKey::Refuse);
    queue.addJob(job);
    QSignalSpy finished(&queue, &vlab::JobQueue::finished);
    queue.start();
    QVERIFY(finished.wait(kGuardMs));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(job->result().error().code, u"key.exists"_s);
    // No partial output: no request, no config, the key untouched.
    QCOMPARE(filesIn(dir.path()), QStringList{u"psc-ha-vip.key"_s});
    QCOMPARE(readAll(key), QByteArray("AN EXISTING KEY\n"));
}

// ---------------------------------------------------------------------------------------
// Reading inputs

void TestCerts::readCertSourceLimits_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("size");  // a sparse file of this size; -1: do not create
    QTest::addColumn<QString>("code"); // empty: readable
    QTest::newRow("100 MB sparse file") << u"huge.bin"_s << qint64(100) * 1024 * 1024 << u"file.too-large"_s;
    QTest::newRow("one byte over 1 MiB")
        << u"over.bin"_s << vlab::kMaxCertFileBytes + 1 << u"file.too-large"_s;
    QTest::newRow("exactly 1 MiB") << u"limit.bin"_s << vlab::kMaxCertFileBytes << QString();
    QTest::newRow("missing file") << u"missing.cer"_s << qint64(-1) << u"file.missing"_s;
    if (QFileInfo::exists(u"/dev/zero"_s))
        // Refused before it is opened (a device may never end; a FIFO would block in open()).
        QTest::newRow("endless device (/dev/zero)") << u"/dev/zero"_s << qint64(-1) << u"file.not-regular"_s;
}

void TestCerts::readCertSourceLimits()
{
    QFETCH(QString, name);
    QFETCH(qint64, size);
    QFETCH(QString, code);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath(name);
    if (size >= 0) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(size));
    }
    QElapsedTimer timer;
    timer.start();
    const vlab::Result<CertSource> source = vlab::readCertSource(path);
    const qint64 elapsed = timer.elapsed();
    if (code.isEmpty()) {
        QVERIFY(source.ok());
        QCOMPARE(qint64(source->data.size()), size);
        QCOMPARE(source->name, name);
        return;
    }
    QVERIFY(!source.ok());
    QCOMPARE(source.error().code, code);
    if (code == u"file.too-large"_s) {
        QVERIFY2(source.error().message.contains(u"at most"_s), qPrintable(source.error().message));
        if (size > 0)
            QVERIFY2(elapsed < 2000, qPrintable(u"took %1 ms"_s.arg(elapsed))); // refused by size, not read
    }
}

QTEST_GUILESS_MAIN(TestCerts)
#include "tst_certs.moc"
