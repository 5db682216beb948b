// vlab runbook: the whole lab as a PDF (and Markdown) to follow by hand or to file.

#include "clicommon.h"

#include "audit/auditresult.h"
#include "core/atomicfile.h"
#include "jobs/journal.h"
#include "precheck/precheckplan.h"
#include "runbook/runbook.h"
#include "runbook/topologypainter.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab::cli {

int cmdRunbook(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, CliTr::tr("The PDF to write."), u"FILE.pdf"_s);
    const QCommandLineOption markdown(
        u"markdown"_s, CliTr::tr("Also write the same content as Markdown, and topology.png beside it."),
        u"FILE.md"_s);
    const QCommandLineOption precheck(u"precheck"_s,
                                      CliTr::tr("Saved pre-check results to include (default: "
                                                "precheck-results.json beside PLAN, when there is one)."),
                                      u"FILE"_s);
    const QCommandLineOption journal(u"journal"_s,
                                     CliTr::tr("The run journal whose recorded live runs go into the "
                                               "chapters (default: vlab-journal.json beside PLAN, when "
                                               "there is one)."),
                                     u"FILE"_s);
    const QCommandLineOption audit(
        u"audit"_s,
        CliTr::tr("The as-built audit record for the \"As built\" chapter (default: "
                  "audit-results.json beside PLAN, which vlab audit writes, when "
                  "there is one)."),
        u"FILE"_s);
    parser.addOptions({output, markdown, precheck, journal, audit, ignoreFindingsOption()});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    const QString synopsis =
        CliTr::tr("Usage: vlab runbook PLAN -o FILE.pdf [--markdown FILE.md] [--precheck FILE] "
                  "[--journal FILE] [--audit FILE] [--ignore-findings]");
    if (!parseVerb(parser, args, synopsis, 1, &help))
        return BadInput;
    if (help)
        return Ok;
    if (!parser.isSet(output)) {
        err(CliTr::tr("vlab: runbook needs -o FILE.pdf\n%1\n").arg(synopsis));
        return BadInput;
    }
    int exitCode = Ok;
    const std::optional<LabPlan> plan =
        loadValidPlanOrReport(parser.positionalArguments().constFirst(), planOnlyCheck(parser), &exitCode);
    if (!plan)
        return exitCode;
    // The project folder is the plan's folder: the wizard and the live verbs keep the journal
    // and the pre-check results there, so the runbook finds them without being told.
    const QDir project = QFileInfo(parser.positionalArguments().constFirst()).absoluteDir();
    const auto fileOrBeside = [&](const QCommandLineOption &option, const QString &name) {
        if (parser.isSet(option))
            return parser.value(option);
        const QString beside = project.filePath(name);
        if (!QFileInfo(beside).isFile())
            return QString();
        out(CliTr::tr("Including %1 (the project's; --%2 FILE chooses another)\n")
                .arg(beside, option.names().constFirst()));
        return beside;
    };
    const QString precheckFile = fileOrBeside(precheck, QString::fromLatin1(kPrecheckResultsFile));
    const QString journalFile = fileOrBeside(journal, RunJournal::fileName());
    const QString auditFile = fileOrBeside(audit, QString::fromLatin1(kAuditResultsFile));
    QByteArray results;
    if (!precheckFile.isEmpty()) {
        const Result<QByteArray> data = readFileLimited(precheckFile, 4 * 1024 * 1024);
        if (!data) {
            err(u"vlab: "_s + data.error().message + u'\n');
            return BadInput;
        }
        results = data.value();
    }
    Runbook runbook = buildRunbook(*plan, results);
    if (!journalFile.isEmpty()) {
        if (!QFileInfo::exists(journalFile)) {
            err(CliTr::tr("vlab: the journal %1 does not exist.\n").arg(journalFile));
            return BadInput;
        }
        const Result<RunJournal> loaded = RunJournal::load(journalFile);
        if (!loaded) {
            err(u"vlab: "_s + loaded.error().message + u'\n');
            return BadInput;
        }
        addJournalEvidence(runbook, *loaded);
    }
    if (!auditFile.isEmpty()) {
        const Result<QByteArray> record = readFileLimited(auditFile, 16 * 1024 * 1024);
        if (!record) {
            err(u"vlab: "_s + record.error().message + u'\n');
            return BadInput;
        }
        if (!addAuditChapter(runbook, *record)) {
            err(CliTr::tr("vlab: %1 is not an audit record (vlab audit writes one).\n").arg(auditFile));
            return BadInput;
        }
    }
    const QString pdf = parser.value(output);
    if (!QDir().mkpath(QFileInfo(pdf).absolutePath())) {
        err(CliTr::tr("vlab: cannot create the folder of %1.\n").arg(pdf));
        return BadInput;
    }
    if (const Result<void> written = writeRunbookPdf(runbook, pdf); !written) {
        err(u"vlab: "_s + written.error().message + u'\n');
        return BadInput;
    }
    out(CliTr::tr("Wrote %1\n").arg(pdf));
    if (parser.isSet(markdown)) {
        QString path;
        if (!writeOutput(parser.value(markdown), runbookToMarkdown(runbook), {}, &path))
            return BadInput;
        out(CliTr::tr("Wrote %1\n").arg(path));
        // The Markdown shows the topology as "topology.png" beside it: write that picture
        // (the one `vlab generate` writes) so the link is never broken.
        const QString picture = QFileInfo(path).dir().filePath(u"topology.png"_s);
        if (!writeOutput(picture, TopologyPainter(*plan).toPng(1600), {}, &path))
            return BadInput;
        out(CliTr::tr("Wrote %1\n").arg(path));
    }
    return Ok;
}

} // namespace vlab::cli
