#include "net/trustedpins.h"

#include "core/atomicfile.h"
#include "core/tr.h"
#include "net/tlstrust.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
QString endpoint(const QString &host, quint16 port)
{
    return host.toLower() + u':' + QString::number(port);
}
} // namespace

QString TrustedPins::fileName()
{
    return u"vlab-trust.json"_s;
}

Result<TrustedPins> TrustedPins::load(const QString &projectFolder)
{
    TrustedPins pins;
    const QString path = QDir(projectFolder).filePath(fileName());
    if (!QFile::exists(path))
        return pins;
    const Result<QByteArray> data = readFileLimited(path, 1024 * 1024);
    if (!data)
        return data.error();
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(*data, &error).object();
    if (error.error != QJsonParseError::NoError || root.value(u"schema"_s).toString() != u"vlab.trust/1"_s)
        return makeError(
            u"trust.file"_s,
            Tr::tr("%1 is damaged (%2). Remove it; confirmed fingerprints will be "
                   "asked for again.")
                .arg(QDir::toNativeSeparators(path),
                     error.error != QJsonParseError::NoError ? error.errorString() : Tr::tr("wrong schema")));
    const QJsonObject tls = root.value(u"tls"_s).toObject();
    for (auto it = tls.begin(); it != tls.end(); ++it) {
        const Result<QByteArray> digest = parseSha256Fingerprint(it.value().toString());
        if (!digest)
            return makeError(u"trust.file"_s,
                             Tr::tr("%1: the fingerprint for %2 is damaged. Remove that line.")
                                 .arg(QDir::toNativeSeparators(path), it.key()));
        pins.m_pins.insert(it.key(), *digest);
    }
    return pins;
}

Result<void> TrustedPins::save(const QString &projectFolder) const
{
    QJsonObject tls;
    for (auto it = m_pins.begin(); it != m_pins.end(); ++it)
        tls.insert(it.key(), formatSha256(it.value()));
    const QByteArray data =
        QJsonDocument(QJsonObject{{u"schema"_s, u"vlab.trust/1"_s}, {u"tls"_s, tls}}).toJson();
    const Result<WrittenFile> written =
        writeFileAtomically(QDir(projectFolder).filePath(fileName()), data, privateFilePermissions());
    if (!written)
        return written.error();
    return {};
}

QByteArray TrustedPins::pin(const QString &host, quint16 port) const
{
    return m_pins.value(endpoint(host, port));
}

void TrustedPins::setPin(const QString &host, quint16 port, const QByteArray &sha256)
{
    m_pins.insert(endpoint(host, port), sha256);
}

Result<void> TrustedPins::keep(const QString &projectFolder, const QString &host, quint16 port,
                               const QByteArray &sha256)
{
    Result<TrustedPins> pins = load(projectFolder);
    if (!pins)
        return pins.error();
    if (pins->pin(host, port) == sha256)
        return {};
    pins.value().setPin(host, port, sha256);
    if (!makePrivateFolder(projectFolder))
        return makeError(u"trust.folder"_s,
                         Tr::tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(projectFolder)));
    return pins->save(projectFolder);
}

} // namespace vlab
