#pragma once
// RunbookJob: renders the runbook (PDF, and Markdown when asked) off the GUI thread, each
// file written atomically and recorded with its SHA-256.

#include "jobs/threadedjob.h"
#include "plan/labplan.h"

namespace vlab {

class RunbookJob : public ThreadedJob
{
    Q_OBJECT
public:
    RunbookJob(const LabPlan &plan, const QByteArray &precheckResultsJson, const QString &pdfPath,
               const QString &markdownPath = {}, QObject *parent = nullptr);

    // The project's run journal: its recorded live runs go into the chapters. A missing
    // journal is no journal; a damaged one is reported and left out.
    void setJournalPath(const QString &path) { m_journal = path; }
    // The project's audit record (audit-results.json): the "As built" chapter. A missing file
    // is no chapter; one that cannot be read is reported and left out.
    void setAuditPath(const QString &path) { m_audit = path; }

protected:
    Work makeWork() override;

private:
    LabPlan m_plan;
    QByteArray m_precheck;
    QString m_pdf;
    QString m_markdown;
    QString m_journal;
    QString m_audit;
};

} // namespace vlab
