#include "jobs/writefilesjob.h"

#include "core/atomicfile.h"
#include "core/tr.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab {

WriteFilesJob::WriteFilesJob(const QString &title, const QList<Artifact> &files, QObject *parent)
    : ThreadedJob(title, Tr::tr("Writes %n file(s).", nullptr, int(files.size())), parent)
    , m_files(files)
{
}

ThreadedJob::Work WriteFilesJob::makeWork()
{
    return [files = m_files](const WorkContext &ctx) -> Result<void> {
        for (qsizetype i = 0; i < files.size(); ++i) {
            if (ctx.isCancelled())
                return makeError(u"job.cancelled"_s, Tr::tr("Cancelled."));
            const Artifact &a = files.at(i);
            ctx.progress(qreal(i) / qreal(files.size()),
                         Tr::tr("Writing %1").arg(QDir::toNativeSeparators(a.path)));
            if (!QDir().mkpath(QFileInfo(a.path).absolutePath()))
                return makeError(u"file.mkdir"_s, Tr::tr("Cannot create the folder of %1.").arg(a.path));
            const Result<WrittenFile> written = writeFileAtomically(a.path, a.data, a.permissions);
            if (!written)
                return written.error();
            ctx.evidence(Evidence::Kind::File, written->path, written->sha256);
            ctx.log(Tr::tr("Wrote %1").arg(QDir::toNativeSeparators(written->path)));
        }
        return {};
    };
}

} // namespace vlab
