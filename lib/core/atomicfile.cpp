#include "core/atomicfile.h"

#include "core/regularfile.h"
#include "core/tr.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace vlab {

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

Result<WrittenFile> writeFileAtomically(const QString &path, const QByteArray &data,
                                        QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(u"file.write"_s, Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    // Restrict the temporary file before any byte lands in it.
    if (permissions && !file.setPermissions(permissions)) {
        file.cancelWriting();
        return makeError(u"file.permissions"_s,
                         Tr::tr("Cannot set the permissions of %1: %2").arg(path, file.errorString()));
    }
    // flush() first: in Qt 6.4 commit() can report success although its last write failed
    // (a full disk), which would replace a good file with a truncated one.
    if (file.write(data) != data.size() || !file.flush() || !file.commit())
        return makeError(u"file.write"_s, Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return WrittenFile{path, sha256Hex(data), data.size()};
}

QFileDevice::Permissions privateFilePermissions()
{
    return QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

Result<void> makePrivateFolder(const QString &path)
{
    // The folders that do not exist yet, innermost first.
    QStringList missing;
    for (QString folder = QDir::cleanPath(QFileInfo(path).absoluteFilePath()); !QFileInfo::exists(folder);) {
        missing << folder;
        const QString parent = QFileInfo(folder).absolutePath();
        if (parent == folder)
            break;
        folder = parent;
    }
    // Each made with owner-only access from the start (never open to others, not even
    // briefly), outermost first, and set exactly (the umask may have taken more away).
    const QFileDevice::Permissions owner =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    for (qsizetype i = missing.size() - 1; i >= 0; --i) {
        const QString &folder = missing.at(i);
        if ((!QDir().mkdir(folder, owner) && !QFileInfo(folder).isDir())
            || !QFile::setPermissions(folder, owner))
            return makeError(u"file.mkdir"_s,
                             Tr::tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(folder)));
    }
    if (!QFileInfo(path).isDir())
        return makeError(u"file.mkdir"_s,
                         Tr::tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(path)));
    return {};
}

Result<QByteArray> readFileLimited(const QString &path, qint64 maxBytes)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(u"file.missing"_s, Tr::tr("%1 does not exist.").arg(path));
    if (info.isDir())
        return makeError(u"file.read"_s, Tr::tr("%1 is a folder, not a file.").arg(path));
    // A FIFO would block in open(), a device never end: refused before opening.
    if (Result<void> regular = requireRegularFile(path); !regular)
        return regular.error();
    auto tooLarge = [&](qint64 size) {
        return makeError(
            u"file.too-large"_s,
            Tr::tr("%1 is %2; at most %3 is expected here. Is this the right file?")
                .arg(path, QLocale::c().formattedDataSize(size), QLocale::c().formattedDataSize(maxBytes)));
    };
    if (info.size() > maxBytes)
        return tooLarge(info.size());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(u"file.read"_s, Tr::tr("Cannot read %1: %2").arg(path, file.errorString()));
    QByteArray data = file.read(maxBytes + 1); // devices report size 0: cap the read itself
    if (file.error() != QFileDevice::NoError)
        return makeError(u"file.read"_s, Tr::tr("Cannot read %1: %2").arg(path, file.errorString()));
    if (data.size() > maxBytes) // a device or pipe, whose size was not known up front
        return makeError(u"file.too-large"_s,
                         Tr::tr("%1 is larger than %2; at most %2 is expected here. Is this the right file?")
                             .arg(path, QLocale::c().formattedDataSize(maxBytes)));
    return data;
}

} // namespace vlab
