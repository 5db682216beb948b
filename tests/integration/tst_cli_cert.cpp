// Integration test of the built `vlab cert ...` verbs, with the `openssl` command as the
// judge: each verb runs as a user would run it (QProcess, no stdin), and what it writes is read
// back by openssl. Every failing case checks the exit code (0 ok, 1 certificate problems,
// 2 bad input or usage), that the message names the problem, and that no file was written or
// changed: the row's folder and the fixture folder are listed before and after.

#include "certfixture.h"

#include "certs/csrrequest.h"
#include "plan/planjson.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;

namespace certcli {

using certtest::CertFixture;
using certtest::LeafSpec;
using certtest::ProcessRun;

constexpr int kVlabMs = 60000;

enum class Channel { Stdout, Stderr };

// A failing invocation. In arguments, "{fx}" is the fixture folder (inputs made by openssl),
// "{row}" the row's own empty folder and "{out}" the output folder "{row}/out".
struct FailCase
{
    QList<QStringList> before; // invocations that must succeed first
    QStringList args;
    int exitCode = 2;
    Channel channel = Channel::Stderr;
    QStringList expected; // each must appear in that channel
};

const QString kExampleSan =
    u"DNS:vcenter-psc01.sslab.com, DNS:vcenter-psc02.sslab.com, DNS:vcenter-psc-lb.sslab.com"_s;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every file and folder below `dir` with its size and, for small files, content hash.
QStringList snapshot(const QString &dir)
{
    QStringList entries;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        QString entry = QDir(dir).relativeFilePath(info.filePath());
        if (info.isDir()) {
            entry += u'/';
        } else {
            entry += u" %1"_s.arg(info.size());
            if (info.size() <= 1024 * 1024)
                entry += u' '
                    + QString::fromLatin1(
                             QCryptographicHash::hash(readAll(info.filePath()), QCryptographicHash::Sha256)
                                 .toHex());
        }
        entries << entry;
    }
    entries.sort();
    return entries;
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace certcli

Q_DECLARE_METATYPE(certcli::FailCase)

using namespace certcli;

class TestCliCert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void config();
    void csrRefusesThenKeepsBackup();
    void signVmca();
    void chain_data();
    void chain();
    void show_data();
    void show();
    void failures_data();
    void failures();
    void chainWithVerificationProblem();
    void readyOnlyAgainstPlan_data();
    void readyOnlyAgainstPlan();

private:
    CertFixture &fx() { return *m_fx; }
    QString fixture(const QString &name) const { return m_fx->path(name); }
    ProcessRun vlab(const QStringList &args, const QString &workDir) const;
    QStringList expand(const QStringList &args, const QString &row) const;

    QTemporaryDir m_dir;
    std::unique_ptr<CertFixture> m_fx;
};

ProcessRun TestCliCert::vlab(const QStringList &args, const QString &workDir) const
{
    QProcessEnvironment env = m_fx->environment();
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    return certtest::runProcess(QStringLiteral(VLAB_CLI_PATH), args, workDir, env, {}, kVlabMs);
}

QStringList TestCliCert::expand(const QStringList &args, const QString &row) const
{
    QStringList out;
    for (const QString &arg : args) {
        out << QString(arg)
                   .replace(u"{fx}"_s, m_fx->dir())
                   .replace(u"{out}"_s, row + u"/out"_s)
                   .replace(u"{row}"_s, row);
    }
    return out;
}

void TestCliCert::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(VLAB_CLI_PATH)).isExecutable(), VLAB_CLI_PATH);
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
    m_fx = std::make_unique<CertFixture>(m_dir.path());
    QVERIFY2(fx().setUp(), qPrintable(fx().lastError()));
    QVERIFY2(fx().makeStandardHierarchy(), qPrintable(fx().lastError()));

    // A VMCA-like root, under the names a PSC gives its files.
    QVERIFY2(fx().makeRoot(u"vmca-root"_s,
                           u"/CN=CA/DC=vsphere/DC=local/C=US/ST=California/O=vcenter-psc01.sslab.com"
                           u"/OU=VMware Engineering"_s),
             qPrintable(fx().lastError()));
    QVERIFY(QDir(m_dir.path()).mkpath(u"vmca"_s));
    QVERIFY(fx().write(u"vmca/root.cer"_s, fx().read(u"vmca-root.cer"_s)));
    QVERIFY(fx().write(u"vmca/privatekey.pem"_s, fx().read(u"vmca-root.key"_s)));
    QVERIFY2(fx().run({u"pkey"_s, u"-in"_s, u"vmca-root.key"_s, u"-aes256"_s, u"-passout"_s, u"pass:secret"_s,
                       u"-out"_s, u"vmca/encrypted.pem"_s}),
             qPrintable(fx().lastError()));

    LeafSpec noPsc02;
    noPsc02.keyName = u"leaf"_s;
    noPsc02.dnsNames = {QString::fromUtf16(certtest::kPsc1), QString::fromUtf16(certtest::kLb)};
    QVERIFY2(fx().makeLeaf(u"leaf-no-psc02"_s, noPsc02, u"int2"_s), qPrintable(fx().lastError()));
    LeafSpec expired;
    expired.keyName = u"leaf"_s;
    expired.startDate = u"20200101000000Z"_s;
    expired.endDate = u"20210101000000Z"_s;
    QVERIFY2(fx().makeLeaf(u"leaf-expired"_s, expired, u"int2"_s), qPrintable(fx().lastError()));
    QVERIFY2(fx().makeSelfSignedLeaf(u"leaf-self"_s, LeafSpec{}), qPrintable(fx().lastError()));
    for (const QString &name : {u"leaf"_s, u"int1"_s, u"int2"_s, u"root"_s})
        QVERIFY2(fx().toDer(name + u".cer"_s, name + u".der"_s), qPrintable(fx().lastError()));

    QVERIFY(fx().write(u"leaf-corrupt.cer"_s, certtest::flipBase64Char(fx().read(u"leaf.cer"_s), 6)));
    QVERIFY2(fx().refuses({u"x509"_s, u"-in"_s, u"leaf-corrupt.cer"_s, u"-noout"_s}),
             qPrintable(fx().lastError()));

    // Bundles and chain files in chosen orders.
    QVERIFY(fx().concat(u"cas-shuffled.pem"_s, {u"root.cer"_s, u"int2.cer"_s, u"int1.cer"_s}));
    QVERIFY2(fx().toPkcs7({u"int2.cer"_s, u"root.cer"_s, u"int1.cer"_s}, u"cas-shuffled.p7b"_s, false),
             qPrintable(fx().lastError()));
    QVERIFY(
        fx().concat(u"leaf-with-chain.pem"_s, {u"int1.cer"_s, u"leaf.cer"_s, u"root.cer"_s, u"int2.cer"_s}));
    QVERIFY(fx().concat(u"chain.pem"_s, {u"leaf.cer"_s, u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s}));
    QVERIFY(fx().concat(u"chain-no-psc02.pem"_s,
                        {u"leaf-no-psc02.cer"_s, u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s}));
    QVERIFY(fx().concat(u"chain-expired.pem"_s,
                        {u"leaf-expired.cer"_s, u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s}));
    QVERIFY(
        fx().concat(u"chain-root-first.pem"_s, {u"root.cer"_s, u"int1.cer"_s, u"int2.cer"_s, u"leaf.cer"_s}));
    QVERIFY(fx().concat(u"chain-missing-int1.pem"_s, {u"leaf.cer"_s, u"int2.cer"_s}));

    // Requests the VMCA must refuse: one asking for CA:true, one changed after it was signed.
    QVERIFY2(fx().makeCsr(u"wants-ca"_s, u"leaf"_s, QString::fromUtf16(certtest::kPscSubject),
                          {u"basicConstraints=critical,CA:true"_s}),
             qPrintable(fx().lastError()));
    QByteArray der;
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, u"leaf.csr"_s, u"-outform"_s, u"DER"_s}, &der),
             qPrintable(fx().lastError()));
    const qsizetype at = der.indexOf("vcenter-psc-lb");
    QVERIFY(at > 0);
    der[at] = 'w';
    QVERIFY(fx().write(u"tampered.der"_s, der));
    QVERIFY2(fx().run({u"req"_s, u"-inform"_s, u"DER"_s, u"-in"_s, u"tampered.der"_s, u"-out"_s,
                       u"tampered.csr"_s}),
             qPrintable(fx().lastError()));
    const ProcessRun check = fx().openssl({u"req"_s, u"-in"_s, u"tampered.csr"_s, u"-noout"_s, u"-verify"_s});
    QVERIFY2(check.finished && check.output().contains("verify failure"),
             qPrintable(check.describe(u"openssl req -verify of the tampered request"_s)));

    // The example plan, and one asking for a key size that is not offered.
    const QByteArray planJson = vlab::examplePlanJson();
    QVERIFY(fx().write(u"example.vlab.json"_s, planJson));
    QJsonObject weak = QJsonDocument::fromJson(planJson).object();
    QJsonObject certificate = weak.value(u"certificate"_s).toObject();
    certificate.insert(u"keyBits"_s, 1024);
    weak.insert(u"certificate"_s, certificate);
    QVERIFY(fx().write(u"weak-key.vlab.json"_s, QJsonDocument(weak).toJson()));

    // 100 MB of garbage (sparse: only the first bytes are written).
    QFile garbage(fixture(u"garbage.bin"_s));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    QVERIFY(garbage.write(QByteArray("\x00\xffnot a certificate\x01\x02", 21)) == 21);
    QVERIFY(garbage.resize(qint64(100) * 1024 * 1024));
    garbage.close();
}

void TestCliCert::config()
{
    QTemporaryDir row;
    QVERIFY(row.isValid());
    const QString cfg = row.filePath(u"psc_ha_csr_cfg.cfg"_s);
    const ProcessRun r =
        vlab({u"cert"_s, u"config"_s, fixture(u"example.vlab.json"_s), u"-o"_s, cfg}, row.path());
    QVERIFY2(r.ok(), qPrintable(r.describe(u"vlab cert config"_s)));
    QVERIFY2(r.out.contains("Wrote"), r.out.constData());
    QCOMPARE(readAll(cfg), vlab::renderRequestConfig(vlab::CsrRequest::fromPlan(vlab::examplePlan())));

    // A person can run openssl with it by hand.
    QVERIFY2(
        fx().run({u"req"_s, u"-new"_s, u"-config"_s, cfg, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                  u"-keyout"_s, row.filePath(u"byhand.key"_s), u"-out"_s, row.filePath(u"byhand.csr"_s)}),
        qPrintable(fx().lastError()));
    QVERIFY2(fx().requestVerifies(row.filePath(u"byhand.csr"_s)), qPrintable(fx().lastError()));
    QByteArray text;
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, row.filePath(u"byhand.csr"_s), u"-noout"_s, u"-text"_s}, &text),
             qPrintable(fx().lastError()));
    QVERIFY2(text.contains("Subject: C = AE, ST = State, L = City, O = SSLAB, OU = Department, "
                           "CN = vcenter-psc-lb.sslab.com"),
             text.constData());
    QVERIFY2(text.contains(kExampleSan.toLatin1()), text.constData());
    QVERIFY2(text.contains("CA:FALSE"), text.constData());
}

// README "Certificates": csr refuses to overwrite psc-ha-vip.key (exit 2); with --backup it keeps the
// old key as psc-ha-vip.key.<date>.bak.
void TestCliCert::csrRefusesThenKeepsBackup()
{
    QTemporaryDir row;
    QVERIFY(row.isValid());
    const QDir out(row.filePath(u"out"_s));
    const QStringList csr{u"cert"_s, u"csr"_s, fixture(u"example.vlab.json"_s), u"-o"_s, out.path()};

    const ProcessRun first = vlab(csr, row.path());
    QVERIFY2(first.ok(), qPrintable(first.describe(u"vlab cert csr"_s)));
    QCOMPARE(filesIn(out.path()),
             (QStringList{u"psc-ha-vip.csr"_s, u"psc-ha-vip.key"_s, u"psc_ha_csr_cfg.cfg"_s}));
    const QString key = out.filePath(u"psc-ha-vip.key"_s);
    const QString request = out.filePath(u"psc-ha-vip.csr"_s);
    QCOMPARE(certtest::statMode(key), u"600"_s);
    QVERIFY2(fx().requestVerifies(request), qPrintable(fx().lastError()));
    QByteArray keyModulus, csrModulus;
    QVERIFY2(fx().run({u"rsa"_s, u"-in"_s, key, u"-noout"_s, u"-modulus"_s}, &keyModulus),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, request, u"-noout"_s, u"-modulus"_s}, &csrModulus),
             qPrintable(fx().lastError()));
    QCOMPARE(keyModulus, csrModulus);
    const QByteArray oldKey = readAll(key);

    // Again: refused, and nothing changes.
    const QStringList before = snapshot(row.path());
    const ProcessRun again = vlab(csr, row.path());
    QVERIFY2(again.finished, qPrintable(again.why));
    QVERIFY2(again.exitCode == 2, qPrintable(again.describe(u"vlab cert csr, again"_s)));
    QVERIFY2(again.err.contains("--backup") && again.err.contains("already exists"), again.err.constData());
    QCOMPARE(snapshot(row.path()), before);
    QCOMPARE(readAll(key), oldKey);

    // With --backup: a new key, and the old one kept as a dated backup, both 0600.
    const ProcessRun backup = vlab(csr + QStringList{u"--backup"_s}, row.path());
    QVERIFY2(backup.ok(), qPrintable(backup.describe(u"vlab cert csr --backup"_s)));
    const QStringList backups =
        filesIn(out.path()).filter(QRegularExpression(u"^psc-ha-vip\\.key\\.\\d{8}-\\d{6}(-\\d+)?\\.bak$"_s));
    QCOMPARE(backups.size(), qsizetype(1));
    QCOMPARE(filesIn(out.path()).size(), qsizetype(4));
    QCOMPARE(readAll(out.filePath(backups.constFirst())), oldKey);
    QCOMPARE(certtest::statMode(out.filePath(backups.constFirst())), u"600"_s);
    QCOMPARE(certtest::statMode(key), u"600"_s);
    QVERIFY(readAll(key) != oldKey);
    QVERIFY2(fx().run({u"rsa"_s, u"-in"_s, key, u"-noout"_s, u"-modulus"_s}, &keyModulus),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().run({u"req"_s, u"-in"_s, request, u"-noout"_s, u"-modulus"_s}, &csrModulus),
             qPrintable(fx().lastError()));
    QCOMPARE(keyModulus, csrModulus);
}

void TestCliCert::signVmca()
{
    // README "Certificates": the project folder's plan (next to certs/) checks the names.
    QTemporaryDir row;
    QVERIFY(row.isValid());
    QVERIFY(QFile::copy(fixture(u"example.vlab.json"_s), row.filePath(u"lab.vlab.json"_s)));
    const QDir out(row.filePath(u"certs"_s));
    const ProcessRun csr =
        vlab({u"cert"_s, u"csr"_s, fixture(u"example.vlab.json"_s), u"-o"_s, out.path()}, row.path());
    QVERIFY2(csr.ok(), qPrintable(csr.describe(u"vlab cert csr"_s)));

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const ProcessRun r = vlab({u"cert"_s, u"sign-vmca"_s, u"--csr"_s, out.filePath(u"psc-ha-vip.csr"_s),
                               u"--ca-cert"_s, fixture(u"vmca/root.cer"_s), u"--ca-key"_s,
                               fixture(u"vmca/privatekey.pem"_s), u"--days"_s, u"90"_s, u"-o"_s, out.path()},
                              row.path());
    QVERIFY2(r.ok(), qPrintable(r.describe(u"vlab cert sign-vmca"_s)));
    // The verification that follows matched the key lying next to the request.
    QVERIFY2(r.out.contains("Verified: ready for certificate-manager"), r.out.constData());
    QVERIFY2(r.err.contains("Names checked against the plan") && r.err.contains("lab.vlab.json"),
             r.err.constData());
    QVERIFY2(r.out.contains("psc-ha-vip.key belongs to the certificate"), r.out.constData());
    QCOMPARE(filesIn(out.path()),
             (QStringList{u"cachain.crt"_s, u"psc-ha-vip-chain.crt"_s, u"psc-ha-vip.crt"_s,
                          u"psc-ha-vip.csr"_s, u"psc-ha-vip.key"_s, u"psc_ha_csr_cfg.cfg"_s}));

    const QString leaf = out.filePath(u"psc-ha-vip.crt"_s);
    QVERIFY2(fx().verifies(leaf, fixture(u"vmca/root.cer"_s)), qPrintable(fx().lastError()));
    QStringList subjects, expected;
    QVERIFY2(fx().subjectsOf({leaf, fixture(u"vmca/root.cer"_s)}, &expected), qPrintable(fx().lastError()));
    QVERIFY2(fx().subjectsIn(out.filePath(u"psc-ha-vip-chain.crt"_s), &subjects),
             qPrintable(fx().lastError()));
    QCOMPARE(subjects, expected);
    QVERIFY2(fx().subjectsIn(out.filePath(u"cachain.crt"_s), &subjects), qPrintable(fx().lastError()));
    QCOMPARE(subjects, expected.mid(1));
    QVERIFY2(expected.constFirst().endsWith(u"CN = vcenter-psc-lb.sslab.com"_s),
             qPrintable(expected.constFirst()));

    QByteArray keyModulus, certModulus, text, dates;
    QVERIFY2(fx().run({u"rsa"_s, u"-in"_s, out.filePath(u"psc-ha-vip.key"_s), u"-noout"_s, u"-modulus"_s},
                      &keyModulus),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().run({u"x509"_s, u"-in"_s, leaf, u"-noout"_s, u"-modulus"_s}, &certModulus),
             qPrintable(fx().lastError()));
    QCOMPARE(certModulus, keyModulus);
    QVERIFY2(fx().run({u"x509"_s, u"-in"_s, leaf, u"-noout"_s, u"-text"_s}, &text),
             qPrintable(fx().lastError()));
    QVERIFY2(text.contains(kExampleSan.toLatin1()), text.constData());
    QVERIFY2(text.contains("Digital Signature, Non Repudiation, Key Encipherment"), text.constData());
    QVERIFY2(text.contains("CA:FALSE"), text.constData());
    QVERIFY2(text.contains("sha256WithRSAEncryption"), text.constData());

    // --days 90, back-dated one minute.
    QVERIFY2(
        fx().run({u"x509"_s, u"-in"_s, leaf, u"-noout"_s, u"-dates"_s, u"-dateopt"_s, u"iso_8601"_s}, &dates),
        qPrintable(fx().lastError()));
    QDateTime notBefore, notAfter;
    for (const QByteArray &line : dates.split('\n')) {
        const QString value = QString::fromLatin1(line.mid(line.indexOf('=') + 1)).trimmed();
        const QDateTime parsed = QDateTime::fromString(value, u"yyyy-MM-dd HH:mm:ss'Z'"_s);
        const QDateTime utc(parsed.date(), parsed.time(), QTimeZone::utc());
        if (line.startsWith("notBefore="))
            notBefore = utc;
        else if (line.startsWith("notAfter="))
            notAfter = utc;
    }
    QVERIFY2(notBefore.isValid() && notAfter.isValid(), dates.constData());
    QVERIFY2(qAbs(notBefore.secsTo(before.addSecs(-60))) <= 120, dates.constData());
    const qint64 span = notBefore.secsTo(notAfter);
    QVERIFY2(span >= 90 * 86400 + 60 && span <= 90 * 86400 + 62, qPrintable(u"span %1 s"_s.arg(span)));
}

void TestCliCert::chain_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("note"); // part of a "note:" line on stderr; empty: none
    QTest::newRow("separate files, shuffled, PEM and DER")
        << QStringList{u"--leaf"_s, u"{fx}/leaf.cer"_s, u"--ca"_s, u"{fx}/root.cer"_s,
                       u"--ca"_s,   u"{fx}/int2.der"_s, u"--ca"_s, u"{fx}/int1.cer"_s}
        << QString();
    QTest::newRow("DER leaf, DER CAs")
        << QStringList{u"--leaf"_s, u"{fx}/leaf.der"_s, u"--ca"_s, u"{fx}/int1.der"_s,
                       u"--ca"_s,   u"{fx}/root.der"_s, u"--ca"_s, u"{fx}/int2.der"_s}
        << QString();
    QTest::newRow("one PEM bundle, shuffled")
        << QStringList{u"--leaf"_s, u"{fx}/leaf.cer"_s, u"--ca"_s, u"{fx}/cas-shuffled.pem"_s} << QString();
    QTest::newRow("one PKCS#7 bundle, shuffled")
        << QStringList{u"--leaf"_s, u"{fx}/leaf.cer"_s, u"--ca"_s, u"{fx}/cas-shuffled.p7b"_s} << QString();
    QTest::newRow("leaf file holding the whole chain")
        << QStringList{u"--leaf"_s, u"{fx}/leaf-with-chain.pem"_s, u"--ca"_s, u"{fx}/root.cer"_s}
        << u"held 4 certificates"_s;
    QTest::newRow("unrelated extra CA")
        << QStringList{u"--leaf"_s, u"{fx}/leaf.cer"_s,        u"--ca"_s, u"{fx}/other-root.cer"_s,
                       u"--ca"_s,   u"{fx}/cas-shuffled.pem"_s}
        << u"Unrelated Root CA is not part of this chain"_s;
}

void TestCliCert::chain()
{
    QFETCH(QStringList, args);
    QFETCH(QString, note);
    QTemporaryDir row;
    QVERIFY(row.isValid());
    const QDir out(row.filePath(u"out"_s));
    const ProcessRun r =
        vlab(QStringList{u"cert"_s, u"chain"_s} + expand(args, row.path())
                 + QStringList{u"-o"_s, out.path(), u"--plan"_s, fixture(u"example.vlab.json"_s)},
             row.path());
    QVERIFY2(r.ok(), qPrintable(r.describe(u"vlab cert chain"_s)));
    QVERIFY2(r.out.contains("Verified: ready for certificate-manager"), r.out.constData());
    if (note.isEmpty())
        QVERIFY2(!r.err.contains("note:"), r.err.constData());
    else
        QVERIFY2(r.err.contains("note: ") && r.err.contains(note.toUtf8()), r.err.constData());
    QCOMPARE(filesIn(out.path()),
             (QStringList{u"cachain.crt"_s, u"psc-ha-vip-chain.crt"_s, u"psc-ha-vip.crt"_s}));

    QStringList subjects, expected;
    QVERIFY2(fx().subjectsOf({u"leaf.cer"_s, u"int2.cer"_s, u"int1.cer"_s, u"root.cer"_s}, &expected),
             qPrintable(fx().lastError()));
    QVERIFY2(fx().subjectsIn(out.filePath(u"psc-ha-vip-chain.crt"_s), &subjects),
             qPrintable(fx().lastError()));
    QCOMPARE(subjects, expected);
    QVERIFY2(fx().subjectsIn(out.filePath(u"cachain.crt"_s), &subjects), qPrintable(fx().lastError()));
    QCOMPARE(subjects, expected.mid(1));
    QVERIFY2(fx().subjectsIn(out.filePath(u"psc-ha-vip.crt"_s), &subjects), qPrintable(fx().lastError()));
    QCOMPARE(subjects, expected.mid(0, 1));
    QVERIFY2(fx().verifies(out.filePath(u"psc-ha-vip.crt"_s), u"root.cer"_s, out.filePath(u"cachain.crt"_s)),
             qPrintable(fx().lastError()));
}

void TestCliCert::show_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected");  // on stdout
    QTest::addColumn<QString>("fingerprintOf"); // PEM whose SHA-256 fingerprint must be shown
    QTest::newRow("PEM certificate")
        << u"leaf.cer"_s
        << QStringList{u"Certificate for vcenter-psc-lb.sslab.com"_s,
                       u"DNS names:   vcenter-psc01.sslab.com, vcenter-psc02.sslab.com, vcenter-psc-lb.sslab.com"_s,
                       u"Issued by:   O = vLab Test, CN = vLab Test Intermediate 2"_s, u"valid, "_s}
        << u"leaf.cer"_s;
    QTest::newRow("DER certificate") << u"leaf.der"_s
                                     << QStringList{u"Certificate for vcenter-psc-lb.sslab.com"_s,
                                                    u"RSA 2048 bits"_s}
                                     << u"leaf.cer"_s;
    QTest::newRow("request (CSR)") << u"leaf.csr"_s
                                   << QStringList{u"Certificate request for vcenter-psc-lb.sslab.com"_s,
                                                  u"Subject:     C = AE, ST = State"_s}
                                   << QString();
    QTest::newRow("PKCS#7 bundle") << u"cas-shuffled.p7b"_s
                                   << QStringList{u"[1 of 3]"_s, u"[3 of 3]"_s, u"CA certificate for"_s,
                                                  u"Self-signed root CA certificate for vLab Test Root CA"_s}
                                   << u"int2.cer"_s;
    QTest::newRow("expired certificate")
        << u"leaf-expired.cer"_s << QStringList{u"EXPIRED"_s} << u"leaf-expired.cer"_s;
    QTest::newRow("self-signed leaf")
        << u"leaf-self.cer"_s << QStringList{u"Self-signed certificate for vcenter-psc-lb.sslab.com"_s}
        << u"leaf-self.cer"_s;
}

void TestCliCert::show()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expected);
    QFETCH(QString, fingerprintOf);
    const ProcessRun r = vlab({u"cert"_s, u"show"_s, fixture(file)}, m_dir.path());
    QVERIFY2(r.ok(), qPrintable(r.describe(u"vlab cert show"_s)));
    const QString text = QString::fromUtf8(r.out);
    for (const QString &e : std::as_const(expected))
        QVERIFY2(text.contains(e), qPrintable(e + u"\n--- in\n"_s + text));
    if (!fingerprintOf.isEmpty()) {
        QByteArray fp;
        QVERIFY2(
            fx().run({u"x509"_s, u"-in"_s, fingerprintOf, u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s}, &fp),
            qPrintable(fx().lastError()));
        const QByteArray value = fp.mid(fp.indexOf('=') + 1).trimmed();
        QVERIFY(value.size() == 95);
        QVERIFY2(r.out.contains(QByteArray("SHA-256:     " + value)), r.out.constData());
    }
}

// README "Certificates": exit 1 for verification and chain problems, exit 2 for bad input or
// usage (the rows below); exit 0 in config, csrRefusesThenKeepsBackup, signVmca, chain, show.
void TestCliCert::failures_data()
{
    QTest::addColumn<FailCase>("c");
    const QStringList csrIntoOut{u"cert"_s, u"csr"_s, u"{fx}/example.vlab.json"_s, u"-o"_s, u"{out}"_s};
    const QStringList sign{u"cert"_s, u"sign-vmca"_s, u"--ca-cert"_s, u"{fx}/vmca/root.cer"_s,
                           u"-o"_s,   u"{out}"_s};
    auto row = [](const char *name, QList<QStringList> before, QStringList args, int exitCode,
                  Channel channel, QStringList expected) {
        QTest::newRow(name) << FailCase{std::move(before), std::move(args), exitCode, channel,
                                        std::move(expected)};
    };
    const Channel out = Channel::Stdout;
    const Channel err = Channel::Stderr;

    row("csr: again without --backup", {csrIntoOut}, csrIntoOut, 2, err,
        {u"already exists"_s, u"--backup"_s});
    // The plan's own validation refuses the key size first (a plan with errors: exit 1).
    row("csr: a plan asking for a 1024-bit key", {},
        {u"cert"_s, u"csr"_s, u"{fx}/weak-key.vlab.json"_s, u"-o"_s, u"{out}"_s}, 1, err,
        {u"certificate.keyBits"_s, u"1024"_s});
    row("csr: without -o", {}, {u"cert"_s, u"csr"_s, u"{fx}/example.vlab.json"_s}, 2, err, {u"-o DIR"_s});
    row("config: a missing plan", {},
        {u"cert"_s, u"config"_s, u"{row}/missing.vlab.json"_s, u"-o"_s, u"{row}/x.cfg"_s}, 2, err,
        {u"missing.vlab.json"_s});

    row("sign-vmca: CA key of another CA", {csrIntoOut},
        sign + QStringList{u"--csr"_s, u"{out}/psc-ha-vip.csr"_s, u"--ca-key"_s, u"{fx}/other-root.key"_s}, 1,
        err, {u"does not belong to the CA certificate (CA)"_s});
    row("sign-vmca: request asks for CA:true", {},
        sign + QStringList{u"--csr"_s, u"{fx}/wants-ca.csr"_s, u"--ca-key"_s, u"{fx}/vmca/privatekey.pem"_s},
        1, err, {u"CA:true"_s});
    row("sign-vmca: request changed after it was made", {},
        sign + QStringList{u"--csr"_s, u"{fx}/tampered.csr"_s, u"--ca-key"_s, u"{fx}/vmca/privatekey.pem"_s},
        1, err, {u"changed after it was made"_s});
    row("sign-vmca: a certificate given as the request", {},
        sign + QStringList{u"--csr"_s, u"{fx}/leaf.cer"_s, u"--ca-key"_s, u"{fx}/vmca/privatekey.pem"_s}, 2,
        err, {u"holds a certificate, not a certificate request"_s});
    row("sign-vmca: encrypted CA key", {},
        sign + QStringList{u"--csr"_s, u"{fx}/leaf.csr"_s, u"--ca-key"_s, u"{fx}/vmca/encrypted.pem"_s}, 2,
        err, {u"pass phrase"_s});
    row("sign-vmca: 100 MB garbage as the request", {},
        sign + QStringList{u"--csr"_s, u"{fx}/garbage.bin"_s, u"--ca-key"_s, u"{fx}/vmca/privatekey.pem"_s},
        2, err, {u"garbage.bin is 100"_s, u"at most"_s});
    row("sign-vmca: --days 0", {},
        sign
            + QStringList{u"--csr"_s, u"{fx}/leaf.csr"_s, u"--ca-key"_s, u"{fx}/vmca/privatekey.pem"_s,
                          u"--days"_s, u"0"_s},
        2, err, {u"--days must be a number from 1 to 3650"_s});
    row("sign-vmca: without --ca-key", {}, sign + QStringList{u"--csr"_s, u"{fx}/leaf.csr"_s}, 2, err,
        {u"needs --ca-key"_s});

    const QStringList chain{u"cert"_s, u"chain"_s, u"-o"_s, u"{out}"_s};
    row("chain: missing intermediate", {},
        chain
            + QStringList{u"--leaf"_s, u"{fx}/leaf.cer"_s, u"--ca"_s, u"{fx}/int2.cer"_s, u"--ca"_s,
                          u"{fx}/root.cer"_s},
        1, err,
        {u"\"O = vLab Test, CN = vLab Test Intermediate 1\", which signed \"vLab Test Intermediate 2\", is missing"_s});
    row("chain: self-signed leaf", {},
        chain + QStringList{u"--leaf"_s, u"{fx}/leaf-self.cer"_s, u"--ca"_s, u"{fx}/root.cer"_s}, 1, err,
        {u"is self-signed"_s});
    row("chain: corrupt PEM leaf", {},
        chain + QStringList{u"--leaf"_s, u"{fx}/leaf-corrupt.cer"_s, u"--ca"_s, u"{fx}/root.cer"_s}, 2, err,
        {u"leaf-corrupt.cer"_s, u"damaged"_s});
    row("chain: 100 MB garbage as a CA", {},
        chain + QStringList{u"--leaf"_s, u"{fx}/leaf.cer"_s, u"--ca"_s, u"{fx}/garbage.bin"_s}, 2, err,
        {u"at most"_s});
    row("chain: a request given as the leaf", {},
        chain + QStringList{u"--leaf"_s, u"{fx}/leaf.csr"_s, u"--ca"_s, u"{fx}/root.cer"_s}, 2, err,
        {u"certificate request (CSR), not a signed certificate"_s});
    row("chain: without --ca", {}, chain + QStringList{u"--leaf"_s, u"{fx}/leaf.cer"_s}, 2, err,
        {u"at least one --ca"_s});

    const QStringList verify{u"cert"_s, u"verify"_s};
    row("verify --plan: SAN lacks psc02", {},
        verify
            + QStringList{u"--chain"_s, u"{fx}/chain-no-psc02.pem"_s, u"--ca"_s, u"{fx}/root.cer"_s,
                          u"--plan"_s, u"{fx}/example.vlab.json"_s},
        1, out, {u"does not name vcenter-psc02.sslab.com"_s, u"NOT ready: 1 check(s) failed"_s});
    row("verify: corrupt PEM", {}, verify + QStringList{u"--chain"_s, u"{fx}/leaf-corrupt.cer"_s}, 2, out,
        {u"damaged"_s});
    row("verify: key does not match", {},
        verify
            + QStringList{u"--chain"_s, u"{fx}/chain.pem"_s, u"--key"_s, u"{fx}/other-root.key"_s, u"--ca"_s,
                          u"{fx}/root.cer"_s},
        1, out, {u"other-root.key does not belong to the certificate"_s});
    row("verify: a certificate given as the key is bad input", {},
        verify
            + QStringList{u"--chain"_s, u"{fx}/chain.pem"_s, u"--key"_s, u"{fx}/root.cer"_s, u"--ca"_s,
                          u"{fx}/root.cer"_s},
        2, out, {u"holds a certificate, not a private key"_s});
    row("verify: expired leaf", {},
        verify + QStringList{u"--chain"_s, u"{fx}/chain-expired.pem"_s, u"--ca"_s, u"{fx}/root.cer"_s}, 1,
        out, {u"expired"_s});
    row("verify: chain given where the leaf is expected (root first)", {},
        verify + QStringList{u"--chain"_s, u"{fx}/chain-root-first.pem"_s, u"--ca"_s, u"{fx}/root.cer"_s}, 1,
        out, {u"is the CA certificate \"vLab Test Root CA\", not the PSC certificate"_s});
    row("verify: missing intermediate", {},
        verify + QStringList{u"--chain"_s, u"{fx}/chain-missing-int1.pem"_s, u"--ca"_s, u"{fx}/root.cer"_s},
        1, out, {u"unable to get local issuer certificate"_s});
    row("verify: self-signed leaf", {},
        verify + QStringList{u"--chain"_s, u"{fx}/leaf-self.cer"_s, u"--ca"_s, u"{fx}/root.cer"_s}, 1, out,
        {u"self-signed"_s});
    row("verify: 100 MB garbage", {}, verify + QStringList{u"--chain"_s, u"{fx}/garbage.bin"_s}, 2, err,
        {u"at most"_s});
    row("verify: --format xml", {},
        verify + QStringList{u"--chain"_s, u"{fx}/chain.pem"_s, u"--format"_s, u"xml"_s}, 2, err,
        {u"--format must be text or json"_s});

    row("show: 100 MB garbage", {}, {u"cert"_s, u"show"_s, u"{fx}/garbage.bin"_s}, 2, err,
        {u"garbage.bin is 100"_s, u"at most"_s});
    row("show: corrupt PEM", {}, {u"cert"_s, u"show"_s, u"{fx}/leaf-corrupt.cer"_s}, 2, err, {u"damaged"_s});
    row("show: a private key", {}, {u"cert"_s, u"show"_s, u"{fx}/leaf.key"_s}, 2, err,
        {u"holds a private key, not a certificate"_s});
    row("show: a missing file", {}, {u"cert"_s, u"show"_s, u"{row}/missing.cer"_s}, 2, err,
        {u"does not exist"_s});
    row("cert: unknown command", {}, {u"cert"_s, u"frobnicate"_s}, 2, err,
        {u"unknown cert command \"frobnicate\""_s});
}

void TestCliCert::failures()
{
    QFETCH(FailCase, c);
    QTemporaryDir row;
    QVERIFY(row.isValid());
    for (const QStringList &step : std::as_const(c.before)) {
        const ProcessRun r = vlab(expand(step, row.path()), row.path());
        QVERIFY2(r.ok(), qPrintable(r.describe(u"before: vlab "_s + step.join(u' '))));
    }
    const QStringList rowBefore = snapshot(row.path());
    const QStringList fixtureBefore = snapshot(m_dir.path());

    const ProcessRun r = vlab(expand(c.args, row.path()), row.path());
    QVERIFY2(r.finished, qPrintable(r.why));
    const QString diagnostics = r.describe(u"vlab "_s + c.args.join(u' '));
    QVERIFY2(r.exitCode == c.exitCode, qPrintable(diagnostics));
    const QString text = QString::fromUtf8(c.channel == Channel::Stdout ? r.out : r.err);
    for (const QString &e : std::as_const(c.expected))
        QVERIFY2(text.contains(e), qPrintable(u"expected \""_s + e + u"\"\n"_s + diagnostics));

    // Writes no partial files: nothing new or changed, in the row's folder or the inputs'.
    QCOMPARE(snapshot(row.path()), rowBefore);
    QCOMPARE(snapshot(m_dir.path()), fixtureBefore);
}

void TestCliCert::chainWithVerificationProblem()
{
    // The chain can be ordered, but the leaf has expired: the verification that follows
    // `cert chain` fails with 1. The chain files are written before that verification, so
    // they must at least be whole.
    QTemporaryDir row;
    QVERIFY(row.isValid());
    const QDir out(row.filePath(u"out"_s));
    const ProcessRun r = vlab({u"cert"_s, u"chain"_s, u"--leaf"_s, fixture(u"leaf-expired.cer"_s), u"--ca"_s,
                               fixture(u"cas-shuffled.pem"_s), u"-o"_s, out.path()},
                              row.path());
    QVERIFY2(r.finished, qPrintable(r.why));
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe(u"vlab cert chain"_s)));
    QVERIFY2(r.out.contains("expired") && r.out.contains("NOT ready"), r.out.constData());
    for (const QString &name : filesIn(out.path())) {
        QStringList subjects;
        QVERIFY2(fx().subjectsIn(out.filePath(name), &subjects), qPrintable(fx().lastError()));
        const qsizetype whole = name == u"psc-ha-vip-chain.crt"_s ? 4 : name == u"cachain.crt"_s ? 3 : 1;
        QCOMPARE(subjects.size(), whole);
    }
}

// README "Certificates": "Verified: ready for certificate-manager" (exit 0) only after the
// leaf's names were checked against the plan, given with --plan or found in the project
// folder; otherwise the report says that readiness is unknown, and the exit code is 1.
void TestCliCert::readyOnlyAgainstPlan_data()
{
    QTest::addColumn<QStringList>("args");  // {fx}, {row}, {out} as in failures()
    QTest::addColumn<QString>("planInRow"); // copy this fixture plan into {row} first; empty: none
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("expected"); // on stdout
    const QStringList chainNoPsc02{u"cert"_s,   u"chain"_s,
                                   u"--leaf"_s, u"{fx}/leaf-no-psc02.cer"_s,
                                   u"--ca"_s,   u"{fx}/cas-shuffled.pem"_s,
                                   u"-o"_s,     u"{out}"_s};
    const QStringList chainGood{
        u"cert"_s, u"chain"_s, u"--leaf"_s, u"{fx}/leaf.cer"_s, u"--ca"_s, u"{fx}/cas-shuffled.pem"_s,
        u"-o"_s,   u"{out}"_s};
    // sign-vmca signs the request `vlab cert csr` makes from the plan (readyOnlyAgainstPlan()).
    const QStringList sign{u"cert"_s,      u"sign-vmca"_s,
                           u"--csr"_s,     u"{out}/psc-ha-vip.csr"_s,
                           u"--ca-cert"_s, u"{fx}/vmca/root.cer"_s,
                           u"--ca-key"_s,  u"{fx}/vmca/privatekey.pem"_s,
                           u"-o"_s,        u"{out}"_s};
    const QString ready = u"Verified: ready for certificate-manager"_s;
    const QString unknown = u"Readiness UNKNOWN"_s;
    QTest::newRow("chain: SAN lacks psc02, no plan: readiness unknown")
        << chainNoPsc02 << QString() << 1 << QStringList{unknown, u"no --plan was given"_s};
    QTest::newRow("chain: SAN lacks psc02, plan in the project folder")
        << chainNoPsc02 << u"example.vlab.json"_s << 1
        << QStringList{u"does not name vcenter-psc02.sslab.com"_s, u"NOT ready"_s};
    QTest::newRow("chain: SAN lacks psc02, --plan")
        << chainNoPsc02 + QStringList{u"--plan"_s, u"{fx}/example.vlab.json"_s} << QString() << 1
        << QStringList{u"does not name vcenter-psc02.sslab.com"_s, u"NOT ready"_s};
    QTest::newRow("chain: good leaf, no plan: readiness unknown")
        << chainGood << QString() << 1 << QStringList{unknown};
    QTest::newRow("chain: good leaf, plan in the project folder")
        << chainGood << u"example.vlab.json"_s << 0 << QStringList{ready};
    QTest::newRow("sign-vmca: no plan: readiness unknown") << sign << QString() << 1 << QStringList{unknown};
    QTest::newRow("sign-vmca: --plan") << sign + QStringList{u"--plan"_s, u"{fx}/example.vlab.json"_s}
                                       << QString() << 0 << QStringList{ready};
    // The fixture folder holds two plans: which one is meant is not guessed.
    QTest::newRow("verify: two plans next to the chain: readiness unknown")
        << QStringList{u"cert"_s,           u"verify"_s, u"--chain"_s,
                       u"{fx}/chain.pem"_s, u"--ca"_s,   u"{fx}/root.cer"_s}
        << QString() << 1 << QStringList{unknown, u"holds several plans"_s};
    QTest::newRow("verify: --plan") << QStringList{u"cert"_s,    u"verify"_s,
                                                   u"--chain"_s, u"{fx}/chain.pem"_s,
                                                   u"--ca"_s,    u"{fx}/root.cer"_s,
                                                   u"--plan"_s,  u"{fx}/example.vlab.json"_s}
                                    << QString() << 0 << QStringList{ready};
}

void TestCliCert::readyOnlyAgainstPlan()
{
    QFETCH(QStringList, args);
    QFETCH(QString, planInRow);
    QFETCH(int, exitCode);
    QFETCH(QStringList, expected);
    QTemporaryDir row;
    QVERIFY(row.isValid());
    if (!planInRow.isEmpty())
        QVERIFY(QFile::copy(fixture(planInRow), row.filePath(u"lab.vlab.json"_s)));
    if (args.at(1) == u"sign-vmca"_s) {
        const ProcessRun csr =
            vlab({u"cert"_s, u"csr"_s, fixture(u"example.vlab.json"_s), u"-o"_s, row.filePath(u"out"_s)},
                 row.path());
        QVERIFY2(csr.ok(), qPrintable(csr.describe(u"vlab cert csr"_s)));
    }
    const ProcessRun r = vlab(expand(args, row.path()), row.path());
    QVERIFY2(r.finished, qPrintable(r.why));
    const QString diagnostics = r.describe(u"vlab "_s + args.join(u' '));
    QVERIFY2(r.exitCode == exitCode, qPrintable(diagnostics));
    for (const QString &e : std::as_const(expected))
        QVERIFY2(r.out.contains(e.toUtf8()), qPrintable(u"expected \""_s + e + u"\"\n"_s + diagnostics));
    if (exitCode != 0)
        QVERIFY2(!r.out.contains("ready for certificate-manager"), qPrintable(diagnostics));
}

QTEST_GUILESS_MAIN(TestCliCert)
#include "tst_cli_cert.moc"
