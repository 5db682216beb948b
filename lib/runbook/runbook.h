#pragma once
// Runbook: the whole lab as a document a person can follow by hand or file as the record of
// a live run: a title page, contents, one chapter per step with its purpose, inputs, the
// exact generated files, the exact commands, and either recorded results or sign-off lines.
// Built as a tree of blocks, rendered to Markdown and to PDF (QPdfWriter). It is made only
// from the plan and plan-only artifacts (passwords are placeholders), so no secret can
// reach it.

#include "core/result.h"
#include "plan/labplan.h"

#include <QDateTime>
#include <QImage>
#include <QList>

namespace vlab {

struct RunJournal;

struct RunbookBlock
{
    enum class Kind { Paragraph, Table, Code, Commands, SignOff };
    Kind kind = Kind::Paragraph;
    QString title;           // Code: the file name; Table/Commands: a caption
    QString text;            // Paragraph text, Code body, Commands (one per line)
    QList<QStringList> rows; // Table: first row is the header
};

struct RunbookChapter
{
    QString id; // "lab", "precheck", "psc", "certs", "netscaler", "vcenter", "vcha", "vds", "diag"
    QString title;
    QString purpose;
    QList<RunbookBlock> blocks;
};

struct Runbook
{
    QString title;
    QString labName;
    QDateTime created;
    QImage topology; // the title page's picture
    QList<RunbookChapter> chapters;
};

// precheckResultsJson: the saved pre-check results (may be empty: sign-off lines instead).
Runbook buildRunbook(const LabPlan &plan, const QByteArray &precheckResultsJson = {},
                     const QDateTime &created = QDateTime::currentDateTime());

// Adds the "As built" chapter (id "asbuilt", last) from the record `vlab audit` keeps in the
// project (audit-results.json: {"time", "areas", "checks", "summary"}): when the lab was
// audited, the summary, and every check with area, target, status, expected, found and
// message. Returns false, adding nothing, when the record is empty or not an audit record.
bool addAuditChapter(Runbook &runbook, const QByteArray &auditRecordJson);

// Adds the recorded evidence of live runs (the project's run journal) to the chapters their
// jobs belong to (by key: "netscaler.apply" -> NetScaler, "vcha.deploy" -> VCHA, the audit's
// TCP capture "audit.tcp.<psc>" -> TCP diagnostics): every run
// of every job that began (succeeded, failed, cancelled, skipped, interrupted), oldest first,
// with when, where, the outcome and the files it wrote; a succeeded run replaces the
// chapter's sign-off lines. Evidence is what the jobs recorded, which never holds a secret.
void addJournalEvidence(Runbook &runbook, const RunJournal &journal);
// The chapter id a job key belongs to ("" when none).
QString runbookChapterForJob(const QString &key);

QByteArray runbookToMarkdown(const Runbook &runbook);
// Text in the PDF stays extractable and searchable ("Certificate", not a ligature).
Result<void> writeRunbookPdf(const Runbook &runbook, const QString &path);

} // namespace vlab
