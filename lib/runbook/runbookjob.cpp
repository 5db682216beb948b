#include "runbook/runbookjob.h"

#include "jobs/journal.h"

#include "core/atomicfile.h"
#include "core/tr.h"
#include "runbook/runbook.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab {

RunbookJob::RunbookJob(const LabPlan &plan, const QByteArray &precheckResultsJson, const QString &pdfPath,
                       const QString &markdownPath, QObject *parent)
    : ThreadedJob(Tr::tr("Write the runbook"), Tr::tr("Renders the runbook to %1.").arg(pdfPath), parent)
    , m_plan(plan)
    , m_precheck(precheckResultsJson)
    , m_pdf(pdfPath)
    , m_markdown(markdownPath)
{
}

ThreadedJob::Work RunbookJob::makeWork()
{
    return [plan = m_plan, precheck = m_precheck, pdf = m_pdf, markdown = m_markdown, journalPath = m_journal,
            auditPath = m_audit](const WorkContext &ctx) -> Result<void> {
        ctx.progress(0.1, Tr::tr("Laying out the runbook"));
        Runbook runbook = buildRunbook(plan, precheck);
        if (!journalPath.isEmpty() && QFileInfo::exists(journalPath)) {
            const Result<RunJournal> journal = RunJournal::load(journalPath);
            if (journal) {
                addJournalEvidence(runbook, *journal);
                ctx.evidence(Evidence::Kind::Note, Tr::tr("Recorded live runs from %1").arg(journalPath));
            } else {
                ctx.log(journal.error().message + u' '
                        + Tr::tr("The runbook is written without live results."));
            }
        }
        if (!auditPath.isEmpty() && QFileInfo::exists(auditPath)) {
            const Result<QByteArray> record = readFileLimited(auditPath, 16 * 1024 * 1024);
            if (record && addAuditChapter(runbook, *record))
                ctx.evidence(Evidence::Kind::Note, Tr::tr("The as-built audit from %1").arg(auditPath));
            else
                ctx.log(Tr::tr("%1 is not an audit record; the runbook is written without the As built "
                               "chapter.")
                            .arg(auditPath));
        }
        if (!QDir().mkpath(QFileInfo(pdf).absolutePath()))
            return makeError(u"file.mkdir"_s, Tr::tr("Cannot create the folder of %1.").arg(pdf));
        if (Result<void> written = writeRunbookPdf(runbook, pdf); !written)
            return written;
        QFile check(pdf);
        if (check.open(QIODevice::ReadOnly))
            ctx.evidence(Evidence::Kind::File, pdf, sha256Hex(check.readAll()));
        ctx.log(Tr::tr("Wrote %1").arg(QDir::toNativeSeparators(pdf)));
        if (!markdown.isEmpty()) {
            const Result<WrittenFile> md = writeFileAtomically(markdown, runbookToMarkdown(runbook));
            if (!md)
                return md.error();
            ctx.evidence(Evidence::Kind::File, md->path, md->sha256);
            ctx.log(Tr::tr("Wrote %1").arg(QDir::toNativeSeparators(md->path)));
        }
        return {};
    };
}

} // namespace vlab
