#include "certs/certjobs.h"

#include "certs/casigner.h"
#include "certs/chainbuilder.h"
#include "certs/csrgenerator.h"
#include "core/atomicfile.h"
#include "core/tr.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

const QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

Result<void> writeAll(const WorkContext &ctx, const QList<std::pair<QString, QByteArray>> &files)
{
    for (const auto &[path, data] : files) {
        const Result<WrittenFile> written = writeFileAtomically(path, data);
        if (!written)
            return written.error();
        ctx.evidence(Evidence::Kind::File, written->path, written->sha256);
        ctx.log(Tr::tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
    }
    return {};
}

// The certificate folder holds the private key: created owner-only (0700) whatever the umask,
// and one that others may write into (made by `generate` under a lax umask) is closed, since
// whoever can write there can swap the chain or the key.
Result<void> ensureFolder(const QString &folder)
{
    if (Result<void> made = makePrivateFolder(folder); !made)
        return made;
    const QFileDevice::Permissions others = QFileDevice::WriteGroup | QFileDevice::WriteOther;
    if ((QFileInfo(folder).permissions() & others)
        && !QFile::setPermissions(folder,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return makeError(u"file.mkdir"_s, Tr::tr("Cannot make the folder %1 private.").arg(folder));
    return {};
}

} // namespace

Result<CertSource> readCertSource(const QString &path)
{
    Result<QByteArray> data = readFileLimited(path, kMaxCertFileBytes);
    if (!data)
        return data.error();
    return CertSource{QFileInfo(path).fileName(), data.value()};
}

Result<QString> writePrivateKey(const QString &path, const QByteArray &pem, ExistingKey existing)
{
    QString backup;
    if (QFileInfo::exists(path)) {
        if (existing == ExistingKey::Refuse) {
            return makeError(u"key.exists"_s,
                             Tr::tr("%1 already exists; it was left alone. Move it away, or ask for a "
                                    "dated backup of it (--backup).")
                                 .arg(path));
        }
        backup = path + u'.' + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s) + u".bak"_s;
        for (int n = 2; QFileInfo::exists(backup); ++n)
            backup = path + u'.' + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s) + u'-'
                + QString::number(n) + u".bak"_s;
        if (!QFile::rename(path, backup))
            return makeError(u"key.backup"_s, Tr::tr("Cannot keep a backup of %1 as %2.").arg(path, backup));
        // The backup is a private key too, whatever mode the old file had.
        QFile::setPermissions(backup, kOwnerOnly);
    }
    const Result<WrittenFile> written = writeFileAtomically(path, pem, kOwnerOnly);
    if (!written)
        return written.error();
    return backup;
}

GenerateCsrJob::GenerateCsrJob(const CsrRequest &request, const QString &folder, ExistingKey existing,
                               QObject *parent)
    : ThreadedJob(Tr::tr("Generate the PSC key and certificate request"),
                  Tr::tr("RSA %1-bit key, SHA-256 request for %2, and the OpenSSL config, in %3.")
                      .arg(QString::number(request.keyBits), request.subject.commonName, folder),
                  parent)
    , m_request(request)
    , m_folder(folder)
    , m_existing(existing)
{
    setKey(u"cert.csr"_s);
}

ThreadedJob::Work GenerateCsrJob::makeWork()
{
    return [request = m_request, folder = m_folder,
            existing = m_existing](const WorkContext &ctx) -> Result<void> {
        const QDir dir(folder);
        const QString keyPath = dir.filePath(QString::fromLatin1(CertFiles::Key));
        // Refuse before the (slow) key generation, not after it.
        if (existing == ExistingKey::Refuse && QFileInfo::exists(keyPath))
            return writePrivateKey(keyPath, {}, existing).error();
        if (Result<void> made = ensureFolder(folder); !made)
            return made;
        ctx.progress(0.05, Tr::tr("Generating a %1-bit RSA key").arg(request.keyBits));
        Result<KeyAndCsr> made = generateKeyAndCsr(request, [&ctx] { return ctx.isCancelled(); });
        if (!made)
            return made.error();
        ctx.progress(0.8, Tr::tr("Writing the key, request and config"));
        Result<QString> backup = writePrivateKey(keyPath, made->keyPem, existing);
        OPENSSL_cleanse(made.value().keyPem.data(), size_t(made.value().keyPem.size()));
        if (!backup)
            return backup.error();
        if (!backup->isEmpty())
            ctx.evidence(Evidence::Kind::Note, Tr::tr("The previous key was kept as %1.").arg(*backup));
        // The key's hash is not recorded: evidence never describes secret material.
        ctx.evidence(Evidence::Kind::File, keyPath, Tr::tr("private key, mode 0600"));
        ctx.evidence(Evidence::Kind::Command,
                     u"openssl req -new -nodes -newkey rsa:%1 -keyout %2 -out %3 -config %4"_s.arg(
                         QString::number(request.keyBits), QString::fromLatin1(CertFiles::Key),
                         QString::fromLatin1(CertFiles::Csr), QString::fromLatin1(CertFiles::Config)),
                     Tr::tr("the equivalent OpenSSL command"));
        return writeAll(
            ctx,
            {{dir.filePath(QString::fromLatin1(CertFiles::Csr)), made->csrPem},
             {dir.filePath(QString::fromLatin1(CertFiles::Config)), renderRequestConfig(request)}});
    };
}

SignWithCaJob::SignWithCaJob(const QString &csrFile, const QString &caCertFile, const QString &caKeyFile,
                             int validityDays, const QString &folder, QObject *parent)
    : ThreadedJob(
        Tr::tr("Sign the request with the VMCA root"),
        Tr::tr("Signs %1 with %2 for %3 days.").arg(csrFile, caCertFile, QString::number(validityDays)),
        parent)
    , m_csr(csrFile)
    , m_caCert(caCertFile)
    , m_caKey(caKeyFile)
    , m_folder(folder)
    , m_days(validityDays)
{
    setKey(u"cert.sign"_s);
}

ThreadedJob::Work SignWithCaJob::makeWork()
{
    return [csr = m_csr, caCert = m_caCert, caKey = m_caKey, folder = m_folder,
            days = m_days](const WorkContext &ctx) -> Result<void> {
        Result<QByteArray> csrData = readFileLimited(csr, kMaxCertFileBytes);
        if (!csrData)
            return csrData.error();
        Result<QByteArray> caData = readFileLimited(caCert, kMaxCertFileBytes);
        if (!caData)
            return caData.error();
        Result<QByteArray> keyData = readFileLimited(caKey, kMaxCertFileBytes);
        if (!keyData)
            return keyData.error();
        ctx.progress(0.3, Tr::tr("Signing"));
        Result<SignedCertificate> signedCert = signWithCa(*csrData, *caData, *keyData, days);
        OPENSSL_cleanse(keyData.value().data(), size_t(keyData.value().size()));
        if (!signedCert)
            return signedCert.error();
        if (Result<void> made = ensureFolder(folder); !made)
            return made;
        const QDir dir(folder);
        ctx.evidence(Evidence::Kind::Command,
                     u"openssl x509 -req -in %1 -CA %2 -CAkey %3 -CAcreateserial -sha256 -days %4 "
                     u"-extfile psc_ha_csr_cfg.cfg -extensions v3_req -out psc-ha-vip.crt"_s.arg(
                         QFileInfo(csr).fileName(), QFileInfo(caCert).fileName(), QFileInfo(caKey).fileName(),
                         QString::number(days)),
                     Tr::tr("the equivalent OpenSSL command"));
        return writeAll(ctx,
                        {{dir.filePath(QString::fromLatin1(CertFiles::Leaf)), signedCert->leafPem},
                         {dir.filePath(QString::fromLatin1(CertFiles::Chain)), signedCert->chainPem},
                         {dir.filePath(QString::fromLatin1(CertFiles::CaChain)), signedCert->caChainPem}});
    };
}

BuildChainJob::BuildChainJob(const QString &leafFile, const QStringList &caFiles, const QString &folder,
                             QObject *parent)
    : ThreadedJob(Tr::tr("Build the certificate chain files"),
                  Tr::tr("Orders %1 and %n CA file(s) into the chain files.", nullptr, int(caFiles.size()))
                      .arg(leafFile),
                  parent)
    , m_leaf(leafFile)
    , m_folder(folder)
    , m_cas(caFiles)
{
    setKey(u"cert.chain"_s);
}

ThreadedJob::Work BuildChainJob::makeWork()
{
    return [leafFile = m_leaf, caFiles = m_cas, folder = m_folder](const WorkContext &ctx) -> Result<void> {
        QList<CertSource> cas;
        for (const QString &file : caFiles) {
            Result<CertSource> ca = readCertSource(file);
            if (!ca)
                return ca.error();
            cas.append(ca.value());
        }
        Result<CertificateChain> chain = makeError(u"chain.no-leaf"_s, QString());
        if (leafFile.isEmpty()) {
            chain = buildChain(cas);
        } else {
            Result<CertSource> leaf = readCertSource(leafFile);
            if (!leaf)
                return leaf.error();
            chain = buildChain(leaf.value(), cas);
        }
        if (!chain)
            return chain.error();
        for (const QString &note : chain->notes)
            ctx.evidence(Evidence::Kind::Note, note);
        if (Result<void> made = ensureFolder(folder); !made)
            return made;
        const QDir dir(folder);
        return writeAll(ctx,
                        {{dir.filePath(QString::fromLatin1(CertFiles::Leaf)), chain->leafPem},
                         {dir.filePath(QString::fromLatin1(CertFiles::Chain)), chain->chainPem()},
                         {dir.filePath(QString::fromLatin1(CertFiles::CaChain)), chain->caChainPem()}});
    };
}

VerifyCertificatesJob::VerifyCertificatesJob(const QString &chainFile, const QString &keyFile,
                                             const QStringList &caFiles, const std::optional<LabPlan> &plan,
                                             QObject *parent)
    : ThreadedJob(Tr::tr("Verify the certificate files"),
                  Tr::tr("Checks %1 before anything is applied to a PSC.").arg(chainFile), parent)
    , m_chain(chainFile)
    , m_key(keyFile)
    , m_cas(caFiles)
    , m_plan(plan)
{
    setKey(u"cert.verify"_s);
}

ThreadedJob::Work VerifyCertificatesJob::makeWork()
{
    return [this, chainFile = m_chain, keyFile = m_key, caFiles = m_cas,
            plan = m_plan](const WorkContext &ctx) -> Result<void> {
        CertVerification input;
        Result<CertSource> chain = readCertSource(chainFile);
        if (!chain)
            return chain.error();
        input.chain = chain.value();
        if (!keyFile.isEmpty()) {
            Result<CertSource> key = readCertSource(keyFile);
            if (!key)
                return key.error();
            input.key = key.value();
        }
        for (const QString &file : caFiles) {
            Result<CertSource> ca = readCertSource(file);
            if (!ca)
                return ca.error();
            input.cas.append(ca.value());
        }
        input.plan = plan;
        const CertReport report = verifyCertificates(input);
        if (input.key)
            OPENSSL_cleanse(input.key->data.data(), size_t(input.key->data.size()));
        for (const CertCheck &check : report.checks)
            ctx.evidence(Evidence::Kind::Received, check.title,
                         (check.passed ? u"ok: "_s : u"FAILED: "_s) + check.message);
        // Hand the report to the job's thread; the job object itself is only touched there.
        QMetaObject::invokeMethod(
            this,
            [this, report] {
                m_result = report;
                Q_EMIT reportReady(report);
            },
            Qt::QueuedConnection);
        if (!report.clean()) {
            return makeError(u"cert.verification"_s,
                             Tr::tr("%n check(s) failed; nothing may be applied to a PSC until they pass.",
                                    nullptr, report.failedCount(Severity::Error)),
                             report.toText());
        }
        return {};
    };
}

} // namespace vlab
