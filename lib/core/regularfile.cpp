#include "core/regularfile.h"

#include "core/tr.h"

#include <QDir>
#include <QFile>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#else
#include <QFileInfo>
#endif

using namespace Qt::StringLiterals;

namespace vlab {

Result<void> requireRegularFile(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path);
#ifdef Q_OS_UNIX
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return makeError(u"file.missing"_s, Tr::tr("%1 does not exist.").arg(shown));
    if (S_ISREG(st.st_mode))
        return {};
    QString what;
    if (S_ISDIR(st.st_mode))
        what = Tr::tr("%1 is a folder, not a file.").arg(shown);
    else if (S_ISFIFO(st.st_mode))
        what = Tr::tr("%1 is a pipe (FIFO), not a file: it is not read, since that could wait for ever.")
                   .arg(shown);
    else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        what = Tr::tr("%1 is a device, not a file: it is not read, since it may never end.").arg(shown);
    else
        what = Tr::tr("%1 is not a regular file.").arg(shown);
    return makeError(u"file.not-regular"_s, what);
#else
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(u"file.missing"_s, Tr::tr("%1 does not exist.").arg(shown));
    if (!info.isFile())
        return makeError(u"file.not-regular"_s, Tr::tr("%1 is not a regular file.").arg(shown));
    return {};
#endif
}

} // namespace vlab
