// vlab precheck: the live pre-checks from the command line, results streamed as they arrive.

#include "clicommon.h"
#include "clirunner.h"

#include "jobs/jobqueue.h"
#include "precheck/precheckplan.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vlab::cli {

int cmdPrecheck(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption only(u"only"_s, CliTr::tr("Comma-separated subset of dns, ports, ntp, tls."),
                                  u"LIST"_s);
    const QCommandLineOption format(u"format"_s, CliTr::tr("text (default) or json."), u"text|json"_s,
                                    u"text"_s);
    const QCommandLineOption timeout(
        u"timeout"_s, CliTr::tr("Time limit of each check in ms (default 3000)."), u"MS"_s, u"3000"_s);
    parser.addOptions({only, format, timeout});
    parser.addPositionalArgument(u"PLAN"_s, CliTr::tr("The .vlab.json file."));
    bool help = false;
    const QString synopsis =
        CliTr::tr("Usage: vlab precheck PLAN [--only dns,ports,ntp,tls] [--format text|json] [--timeout MS]");
    if (!parseVerb(parser, args, synopsis, 1, &help))
        return BadInput;
    if (help)
        return Ok;
    PrecheckOptions options;
    if (parser.isSet(only)) {
        const Result<QStringList> categories = parsePrecheckCategories(parser.value(only));
        if (!categories) {
            err(u"vlab: "_s + categories.error().message + u'\n');
            return BadInput;
        }
        options.categories = categories.value();
    }
    bool ok = false;
    options.timeoutMs = parser.value(timeout).toInt(&ok);
    if (!ok || options.timeoutMs < 100 || options.timeoutMs > 120000) {
        err(CliTr::tr("vlab: --timeout must be 100 to 120000 ms, not \"%1\".\n").arg(parser.value(timeout)));
        return BadInput;
    }
    const QString fmt = parser.value(format);
    if (fmt != u"text"_s && fmt != u"json"_s) {
        err(CliTr::tr("vlab: --format must be text or json, not \"%1\".\n").arg(fmt));
        return BadInput;
    }
    const QString planFile = parser.positionalArguments().constFirst();
    int exitCode = Ok;
    const std::optional<LabPlan> plan =
        loadValidPlanOrReport(planFile, PlanCheck::Live, &exitCode, fmt == u"json"_s);
    if (!plan)
        return exitCode;

    const QList<CheckJob *> jobs = createPrecheckJobs(*plan, options);
    JobQueue queue;
    addPrecheckJobs(queue, jobs, options);
    auto markOf = [](CheckStatus status) {
        switch (status) {
        case CheckStatus::Pass:
            return u"ok  "_s;
        case CheckStatus::Warn:
            return u"warn"_s;
        case CheckStatus::Fail:
            return u"FAIL"_s;
        case CheckStatus::NoAnswer:
            return u"NO ANSWER"_s;
        case CheckStatus::Cancelled:
            return u"CANCELLED"_s;
        case CheckStatus::NotRun:
            return u"NOT RUN"_s;
        }
        return u"FAIL"_s;
    };
    auto print = [&markOf](const CheckResult &r) {
        QString line = QStringLiteral("%1  %2  %3: %4")
                           .arg(markOf(r.status), r.category.leftJustified(5), r.node, r.message);
        if (r.status != CheckStatus::Pass && !r.hint.isEmpty())
            line += u' ' + CliTr::tr("Fix: %1").arg(r.hint);
        out(line + u'\n');
        std::fflush(stdout);
    };
    if (fmt == u"text"_s) {
        for (CheckJob *job : jobs)
            QObject::connect(job, &CheckJob::checked, &queue, print);
    }
    CliRunner runner(&queue, CliTr::tr("Pre-checks"), QFileInfo(planFile).absolutePath());
    runner.setQuiet(true); // the results stream on stdout; no per-job lines on stderr
    runner.run();
    // Every planned check, in the plan's order: those the run never reached are "not run".
    QList<CheckResult> results;
    for (CheckJob *job : jobs) {
        results << job->outcome();
        if (fmt == u"text"_s && results.constLast().status == CheckStatus::NotRun)
            print(results.constLast());
    }
    const PrecheckCounts counts = countOutcomes(results);
    if (fmt == u"json"_s)
        out(QString::fromUtf8(precheckResultsJson(results)));
    else
        out(CliTr::tr("precheck: %1 ok, %2 warning(s), %3 failed, %4 no answer, %5 cancelled, %6 not run\n")
                .arg(QString::number(counts.passed), QString::number(counts.warnings),
                     QString::number(counts.failed), QString::number(counts.noAnswer),
                     QString::number(counts.cancelled), QString::number(counts.notRun)));
    return counts.problems() > 0 || queue.wasCancelled() ? Problems : Ok;
}

} // namespace vlab::cli
