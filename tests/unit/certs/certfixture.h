#pragma once
// CertFixture: throw-away certificate hierarchies made with the `openssl` command at test
// time, in a temporary folder, so that no private key is ever committed and the tool that
// judges the engine's output also made its input. Every openssl call runs with a neutral
// environment: OPENSSL_CONF points at an empty file in the folder and HOME is the folder, so
// neither the machine's openssl.cnf, nor ~/.rnd, nor the network plays a part.
//
// Shared by the engine tests (tests/unit/certs) and the CLI tests (tests/integration). The
// helpers return false and keep the reason in lastError(); callers wrap them in QVERIFY2.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace certtest {

using namespace Qt::StringLiterals;

inline constexpr int kStartMs = 10000;
// Per openssl call: a 4096-bit key on a loaded CI machine can take a while.
inline constexpr int kOpensslMs = 60000;

// The example plan's names (resources/examples/sslab.vlab.json).
inline constexpr auto kPsc1 = u"vcenter-psc01.sslab.com";
inline constexpr auto kPsc2 = u"vcenter-psc02.sslab.com";
inline constexpr auto kLb = u"vcenter-psc-lb.sslab.com";
inline constexpr auto kPscSubject =
    u"/C=AE/ST=State/L=City/O=SSLAB/OU=Department/CN=vcenter-psc-lb.sslab.com";

struct ProcessRun
{
    bool finished = false; // started and ended normally within the time limit
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString why; // when !finished

    bool ok() const { return finished && exitCode == 0; }
    QByteArray output() const { return QByteArray(out + err); }
    QString describe(const QString &what) const
    {
        return u"%1: %2 exit %3\n--- stdout\n%4\n--- stderr\n%5"_s.arg(
            what, why, QString::number(exitCode), QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

// Runs a program to its end, with a time limit on every wait; nothing sleeps.
inline ProcessRun runProcess(const QString &program, const QStringList &args, const QString &workDir,
                             const QProcessEnvironment &env, const QByteArray &input = {},
                             int timeoutMs = kOpensslMs)
{
    ProcessRun run;
    QProcess process;
    process.setProgram(program);
    process.setArguments(args);
    process.setWorkingDirectory(workDir);
    process.setProcessEnvironment(env);
    if (input.isEmpty())
        process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    if (!process.waitForStarted(kStartMs)) {
        run.why = u"did not start: "_s + process.errorString();
        return run;
    }
    if (!input.isEmpty()) {
        process.write(input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(kStartMs); // reap it; the run has failed either way
        run.why = u"did not finish within %1 ms"_s.arg(timeoutMs);
        return run;
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit) {
        run.why = u"crashed: "_s + process.errorString();
        return run;
    }
    run.finished = true;
    run.exitCode = process.exitCode();
    return run;
}

// `stat -c %a FILE`: the file's mode as the system reports it ("600"), empty if stat failed.
inline QString statMode(const QString &path)
{
    const ProcessRun r = runProcess(u"stat"_s, {u"-c"_s, u"%a"_s, path}, QDir::tempPath(),
                                    QProcessEnvironment::systemEnvironment(), {}, kStartMs);
    return r.ok() ? QString::fromLatin1(r.out).trimmed() : QString();
}

// The PEM text with one base64 character of the first block changed (counted from the start
// of the block's body), as a damaged copy-and-paste would.
inline QByteArray flipBase64Char(const QByteArray &pem, int index)
{
    QByteArray out = pem;
    const qsizetype begin = out.indexOf("-----BEGIN ");
    const qsizetype body = begin < 0 ? -1 : out.indexOf('\n', begin) + 1;
    if (body <= 0)
        return {};
    qsizetype at = body;
    for (int seen = 0; at < out.size(); ++at) {
        if (out.at(at) == '\n' || out.at(at) == '\r')
            continue;
        if (seen++ == index)
            break;
    }
    if (at >= out.size() || out.at(at) == '-')
        return {};
    out[at] = out.at(at) == 'A' ? 'B' : 'A';
    return out;
}

// A leaf certificate to make; the defaults are the PSC machine certificate of the example plan.
struct LeafSpec
{
    QString subject = QString::fromUtf16(kPscSubject);
    QStringList dnsNames = {QString::fromUtf16(kPsc1), QString::fromUtf16(kPsc2), QString::fromUtf16(kLb)};
    QString keyName;    // an existing key "<keyName>.key" to reuse; empty: a new "<name>.key"
    int keyBits = 2048; // for a new key
    int days = 365;
    QString md = u"sha256"_s;
    bool ca = false; // basicConstraints CA:true (a CA where a leaf is expected)
    QString keyUsage = u"nonRepudiation, digitalSignature, keyEncipherment"_s;
    QString startDate; // "YYYYMMDDHHMMSSZ"; with endDate, signed by `openssl ca`
    QString endDate;
};

class CertFixture
{
public:
    explicit CertFixture(const QString &dir)
        : m_dir(dir)
    {
    }

    QString dir() const { return m_dir; }
    QString path(const QString &name) const { return QDir(m_dir).filePath(name); }
    QString lastError() const { return m_error; }
    QProcessEnvironment environment() const { return m_env; }

    // Finds openssl and writes the neutral config and the CA extension sections.
    bool setUp()
    {
        m_openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (m_openssl.isEmpty())
            return failed(u"the openssl command is not installed; it judges these tests"_s);
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(u"OPENSSL_CONF"_s, path(u"openssl-neutral.cnf"_s));
        m_env.insert(u"HOME"_s, m_dir);
        m_env.insert(u"LC_ALL"_s, u"C"_s);
        m_env.remove(u"RANDFILE"_s);
        m_env.remove(u"OPENSSL_ENGINES"_s);
        return write(u"openssl-neutral.cnf"_s, "# intentionally empty: no system defaults\n")
            && write(u"ca-extensions.cnf"_s,
                     "[ root_ca ]\n"
                     "basicConstraints = critical, CA:true\n"
                     "keyUsage = critical, keyCertSign, cRLSign\n"
                     "subjectKeyIdentifier = hash\n"
                     "\n"
                     "[ intermediate_ca ]\n"
                     "basicConstraints = critical, CA:true\n"
                     "keyUsage = critical, keyCertSign, cRLSign\n"
                     "subjectKeyIdentifier = hash\n"
                     "authorityKeyIdentifier = keyid:always\n");
    }

    // openssl with the fixture's environment, in the fixture's folder.
    ProcessRun openssl(const QStringList &args, const QByteArray &input = {}) const
    {
        return runProcess(m_openssl, args, m_dir, m_env, input);
    }

    // openssl that must run to its end and fail (refuse the input), not time out or crash.
    bool refuses(const QStringList &args)
    {
        const ProcessRun r = openssl(args);
        if (!r.finished || r.exitCode == 0)
            return failed(r.describe(u"expected openssl to refuse: openssl "_s + args.join(u' ')));
        return true;
    }

    // openssl that must succeed; its standard output, or false with the reason kept.
    bool run(const QStringList &args, QByteArray *output = nullptr)
    {
        const ProcessRun r = openssl(args);
        if (!r.ok())
            return failed(r.describe(u"openssl "_s + args.join(u' ')));
        if (output)
            *output = r.out;
        return true;
    }

    QByteArray read(const QString &name) const
    {
        QFile file(path(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    bool write(const QString &name, const QByteArray &data)
    {
        QFile file(path(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
            return failed(u"cannot write "_s + path(name));
        return true;
    }

    // "<out>" = the files one after the other (a bundle, or a chain file in a chosen order).
    bool concat(const QString &out, const QStringList &names)
    {
        QByteArray data;
        for (const QString &name : names) {
            const QByteArray part = read(name);
            if (part.isEmpty())
                return failed(u"cannot read "_s + path(name));
            data += part;
        }
        return write(out, data);
    }

    // "<name>.key": an RSA key of `bits`.
    bool makeKey(const QString &name, int bits)
    {
        return run({u"genpkey"_s, u"-quiet"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s,
                    u"rsa_keygen_bits:%1"_s.arg(bits), u"-out"_s, name + u".key"_s});
    }

    // "<name>.key" and the self-signed CA certificate "<name>.cer".
    bool makeRoot(const QString &name, const QString &subject, int bits = 2048)
    {
        return makeKey(name, bits)
            && run({u"req"_s, u"-new"_s, u"-x509"_s, u"-key"_s, name + u".key"_s, u"-subj"_s, subject,
                    u"-days"_s, u"3650"_s, u"-sha256"_s, u"-set_serial"_s, randomSerial(), u"-config"_s,
                    u"ca-extensions.cnf"_s, u"-extensions"_s, u"root_ca"_s, u"-out"_s, name + u".cer"_s});
    }

    // "<name>.key" and a CA certificate "<name>.cer" signed by "<issuer>.cer"/"<issuer>.key".
    bool makeIntermediate(const QString &name, const QString &subject, const QString &issuer)
    {
        return makeKey(name, 2048) && makeCsr(name, name, subject)
            && run({u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, issuer + u".cer"_s,
                    u"-CAkey"_s, issuer + u".key"_s, u"-set_serial"_s, randomSerial(), u"-days"_s, u"3000"_s,
                    u"-sha256"_s, u"-extfile"_s, u"ca-extensions.cnf"_s, u"-extensions"_s,
                    u"intermediate_ca"_s, u"-out"_s, name + u".cer"_s});
    }

    // "<name>.csr" for "<keyName>.key", with extra request extensions ("basicConstraints=CA:true").
    bool makeCsr(const QString &name, const QString &keyName, const QString &subject,
                 const QStringList &extensions = {})
    {
        QStringList args{u"req"_s,        u"-new"_s,    u"-key"_s,    keyName + u".key"_s,    u"-subj"_s,
                         subject,         u"-sha256"_s, u"-config"_s, u"ca-extensions.cnf"_s, u"-out"_s,
                         name + u".csr"_s};
        for (const QString &ext : extensions)
            args << u"-addext"_s << ext;
        return run(args);
    }

    // "<name>.cer" (and its key and request) signed by "<issuer>": `openssl x509 -req`, or
    // `openssl ca` when the spec fixes the validity dates.
    bool makeLeaf(const QString &name, const LeafSpec &spec, const QString &issuer)
    {
        const QString key = spec.keyName.isEmpty() ? name : spec.keyName;
        if (spec.keyName.isEmpty() && !makeKey(name, spec.keyBits))
            return false;
        if (!makeCsr(name, key, spec.subject) || !writeLeafExtensions(name, spec))
            return false;
        if (spec.startDate.isEmpty()) {
            return run({u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, issuer + u".cer"_s,
                        u"-CAkey"_s, issuer + u".key"_s, u"-set_serial"_s, randomSerial(), u"-days"_s,
                        QString::number(spec.days), u'-' + spec.md, u"-extfile"_s, name + u".ext"_s,
                        u"-extensions"_s, u"leaf"_s, u"-out"_s, name + u".cer"_s});
        }
        // openssl ca keeps a small database; each dated leaf gets its own.
        const QString db = name + u".ca"_s;
        if (!QDir(m_dir).mkpath(db) || !write(db + u"/index.txt"_s, {})
            || !write(db + u"/serial"_s, randomSerial().mid(2).toLatin1() + '\n'))
            return false;
        const QByteArray config = u"[ ca ]\n"
                                  u"default_ca = fixture_ca\n"
                                  u"[ fixture_ca ]\n"
                                  u"database = %1/index.txt\n"
                                  u"new_certs_dir = %1\n"
                                  u"serial = %1/serial\n"
                                  u"default_md = %2\n"
                                  u"policy = policy_any\n"
                                  u"unique_subject = no\n"
                                  u"copy_extensions = none\n"
                                  u"[ policy_any ]\n"
                                  u"countryName = optional\n"
                                  u"stateOrProvinceName = optional\n"
                                  u"localityName = optional\n"
                                  u"organizationName = optional\n"
                                  u"organizationalUnitName = optional\n"
                                  u"commonName = supplied\n"_s.arg(db, spec.md)
                                      .toUtf8();
        return write(db + u".cnf"_s, config)
            && run({u"ca"_s,         u"-batch"_s,        u"-config"_s,     db + u".cnf"_s,
                    u"-cert"_s,      issuer + u".cer"_s, u"-keyfile"_s,    issuer + u".key"_s,
                    u"-in"_s,        name + u".csr"_s,   u"-out"_s,        name + u".cer"_s,
                    u"-startdate"_s, spec.startDate,     u"-enddate"_s,    spec.endDate,
                    u"-extfile"_s,   name + u".ext"_s,   u"-extensions"_s, u"leaf"_s,
                    u"-notext"_s,    u"-preserveDN"_s});
    }

    // A leaf that signed itself: "<name>.key", "<name>.cer" (CA:false, the PSC names).
    bool makeSelfSignedLeaf(const QString &name, const LeafSpec &spec)
    {
        return makeKey(name, spec.keyBits) && writeLeafExtensions(name, spec)
            && run({u"req"_s, u"-new"_s, u"-x509"_s, u"-key"_s, name + u".key"_s, u"-subj"_s, spec.subject,
                    u"-days"_s, QString::number(spec.days), u"-sha256"_s, u"-set_serial"_s, randomSerial(),
                    u"-config"_s, name + u".ext"_s, u"-extensions"_s, u"leaf"_s, u"-out"_s,
                    name + u".cer"_s});
    }

    // The hierarchy most tests use: root -> int1 -> int2 -> leaf (the example plan's PSC
    // certificate, key "leaf.key"), and an unrelated root "other-root".
    bool makeStandardHierarchy()
    {
        return makeRoot(u"root"_s, u"/O=vLab Test/CN=vLab Test Root CA"_s)
            && makeIntermediate(u"int1"_s, u"/O=vLab Test/CN=vLab Test Intermediate 1"_s, u"root"_s)
            && makeIntermediate(u"int2"_s, u"/O=vLab Test/CN=vLab Test Intermediate 2"_s, u"int1"_s)
            && makeLeaf(u"leaf"_s, LeafSpec{}, u"int2"_s)
            && makeRoot(u"other-root"_s, u"/O=Somebody Else/CN=Unrelated Root CA"_s);
    }

    bool toDer(const QString &pemName, const QString &derName)
    {
        return run({u"x509"_s, u"-in"_s, pemName, u"-outform"_s, u"DER"_s, u"-out"_s, derName});
    }

    // A PKCS#7 bundle (.p7b) of the PEM certificates, in the given order.
    bool toPkcs7(const QStringList &pemNames, const QString &out, bool der)
    {
        QStringList args{u"crl2pkcs7"_s, u"-nocrl"_s};
        for (const QString &name : pemNames)
            args << u"-certfile"_s << name;
        args << u"-outform"_s << (der ? u"DER"_s : u"PEM"_s) << u"-out"_s << out;
        return run(args);
    }

    // The "subject=..." line openssl prints for one certificate file.
    bool subjectOf(const QString &file, QString *subject)
    {
        QByteArray out;
        if (!run({u"x509"_s, u"-in"_s, file, u"-noout"_s, u"-subject"_s}, &out))
            return false;
        *subject = QString::fromUtf8(out).trimmed();
        return true;
    }

    // The "subject=..." lines of every certificate in a PEM file, in file order, as openssl
    // reads them (crl2pkcs7 | pkcs7 -print_certs).
    bool subjectsIn(const QString &file, QStringList *subjects)
    {
        const QString bundle = u"subjects-%1.p7b"_s.arg(++m_counter);
        QByteArray out;
        if (!run({u"crl2pkcs7"_s, u"-nocrl"_s, u"-certfile"_s, file, u"-out"_s, bundle})
            || !run({u"pkcs7"_s, u"-in"_s, bundle, u"-print_certs"_s, u"-noout"_s}, &out))
            return false;
        QFile::remove(path(bundle));
        subjects->clear();
        for (const QByteArray &line : out.split('\n')) {
            if (line.startsWith("subject="))
                *subjects << QString::fromUtf8(line).trimmed();
        }
        return true;
    }

    // The subject lines of fixture certificates, for comparing with subjectsIn().
    bool subjectsOf(const QStringList &files, QStringList *subjects)
    {
        subjects->clear();
        for (const QString &file : files) {
            QString subject;
            if (!subjectOf(file, &subject))
                return false;
            *subjects << subject;
        }
        return true;
    }

    // `openssl req -verify` says the request's self-signature is OK. (openssl 3.0 exits 0
    // even when it is not, so the words decide.)
    bool requestVerifies(const QString &csr)
    {
        const ProcessRun r = openssl({u"req"_s, u"-in"_s, csr, u"-noout"_s, u"-verify"_s});
        if (!r.ok() || !r.output().contains("verify OK"))
            return failed(r.describe(u"openssl req -verify -in "_s + csr));
        return true;
    }

    // `openssl verify -CAfile root [-untrusted untrusted] leaf` says OK.
    bool verifies(const QString &leaf, const QString &root, const QString &untrusted = {})
    {
        QStringList args{u"verify"_s, u"-CAfile"_s, root};
        if (!untrusted.isEmpty())
            args << u"-untrusted"_s << untrusted;
        args << leaf;
        QByteArray out;
        if (!run(args, &out))
            return false;
        if (!out.contains(": OK"))
            return failed(u"openssl verify printed: "_s + QString::fromUtf8(out));
        return true;
    }

private:
    bool failed(const QString &why)
    {
        m_error = why;
        return false;
    }

    static QString randomSerial()
    {
        // 63 random bits: positive, and unique enough for a throw-away hierarchy.
        return u"0x%1"_s.arg(QRandomGenerator::global()->generate64() >> 1, 16, 16, QChar(u'0'));
    }

    bool writeLeafExtensions(const QString &name, const LeafSpec &spec)
    {
        QStringList san;
        for (const QString &dns : spec.dnsNames)
            san << u"DNS:"_s + dns;
        QString text = u"[ leaf ]\n"_s;
        text += spec.ca ? u"basicConstraints = critical, CA:true\n"_s : u"basicConstraints = CA:false\n"_s;
        if (!spec.keyUsage.isEmpty())
            text += u"keyUsage = "_s + spec.keyUsage + u'\n';
        if (!san.isEmpty())
            text += u"subjectAltName = "_s + san.join(u", "_s) + u'\n';
        text += u"subjectKeyIdentifier = hash\n"
                u"authorityKeyIdentifier = keyid:always\n"_s;
        return write(name + u".ext"_s, text.toUtf8());
    }

    QString m_dir;
    QString m_openssl;
    QProcessEnvironment m_env;
    QString m_error;
    int m_counter = 0;
};

} // namespace certtest
