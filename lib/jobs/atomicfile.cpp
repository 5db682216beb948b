#include "jobs/atomicfile.h"

#include "jobs/tr.h"

#include <QCryptographicHash>
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

} // namespace vlab
