#pragma once
// Writing an artifact so that a crash never leaves half a file: QSaveFile writes a temporary
// next to the target and renames it over the target only once everything is on disk.

#include "core/result.h"

#include <QByteArray>
#include <QFileDevice>

namespace vlab {

struct WrittenFile
{
    QString path;
    QString sha256; // hex
    qint64 size = 0;
};

// permissions: the mode the new file gets (for example owner read/write only for keys);
// an empty set keeps Qt's default (0666 less the umask).
Result<WrittenFile> writeFileAtomically(const QString &path, const QByteArray &data,
                                        QFileDevice::Permissions permissions = {});

QString sha256Hex(const QByteArray &data);

// Owner read/write only (0600): for the project's private files (trust pins, known hosts,
// records of created objects, run journals), whatever the umask.
QFileDevice::Permissions privateFilePermissions();

// Creates `path` and any missing parent folders; the folders created here get owner-only
// access (0700) whatever the umask, existing ones are left as they are. Code "file.mkdir".
Result<void> makePrivateFolder(const QString &path);

// Reads a whole (small) input file, refusing anything larger than maxBytes before reading it,
// so a wrong file (a disk image, /dev/zero) is a clear error and never fills memory.
// Codes: "file.missing", "file.read", "file.too-large".
Result<QByteArray> readFileLimited(const QString &path, qint64 maxBytes);

} // namespace vlab
