#include "netscaler/netscaleractions.h"

#include "core/tr.h"
#include "jobs/journal.h"
#include "jobs/runsession.h"
#include "net/trustedpins.h"
#include "netscaler/nitroapplyjob.h"
#include "netscaler/nitrodiffjob.h"
#include "netscaler/nitrorollbackjob.h"
#include "netscaler/nitroverifyjob.h"

using namespace Qt::StringLiterals;

namespace vlab {

NetscalerActions::NetscalerActions(const QString &projectFolder, QObject *parent)
    : QObject(parent)
    , m_projectFolder(projectFolder)
{
}

Result<NitroTarget> NetscalerActions::target(const QString &address, const QString &user) const
{
    Result<NitroTarget> target = NitroTarget::parseAddress(address);
    if (!target)
        return target;
    target.value().user = user.trimmed();
    const Result<TrustedPins> pins = TrustedPins::load(m_projectFolder);
    if (!pins)
        return pins.error();
    target.value().pinnedSha256 = pins->pin(target->host, target->port);
    return target;
}

QString NetscalerActions::recordPath(const NitroTarget &target) const
{
    return nitroRecordPath(m_projectFolder, target.address());
}

QList<NitroObjectResult> NetscalerActions::lastKnownResults(const NitroTarget &target) const
{
    QList<NitroObjectResult> known;
    const auto put = [&known](const NitroObjectResult &r) {
        const auto same = std::find_if(known.begin(), known.end(), [&r](const NitroObjectResult &k) {
            return k.object.type == r.object.type && k.object.label() == r.object.label();
        });
        if (same != known.end())
            *same = r;
        else
            known.append(r);
    };
    if (const Result<NitroRecord> record = recorded(target); record) {
        for (const NitroObject &object : record->objects)
            put({object, u"created"_s, Tr::tr("recorded as created by Apply")});
    }
    const QString journalPath = RunSession::journalPathIn(m_projectFolder);
    const Result<RunJournal> journal =
        journalPath.isEmpty() ? Result<RunJournal>(RunJournal{}) : RunJournal::load(journalPath);
    if (!journal)
        return known;
    QList<const JournalJob *> jobs;
    for (const JournalRun &run : journal->runs) {
        for (const JournalJob &job : run.jobs) {
            if (job.key.startsWith(u"netscaler."_s) && job.target == target.address()
                && !job.report.isEmpty())
                jobs.append(&job);
        }
    }
    std::stable_sort(jobs.begin(), jobs.end(),
                     [](const JournalJob *a, const JournalJob *b) { return a->started < b->started; });
    for (const JournalJob *job : std::as_const(jobs)) {
        for (const NitroObjectResult &r : nitroResultsFromReport(job->report))
            put(r);
    }
    return known;
}

Result<NitroRecord> NetscalerActions::recorded(const NitroTarget &target) const
{
    return loadNitroRecord(recordPath(target), target.address());
}

Result<NitroJob *> NetscalerActions::createJob(NitroAction action, const LabPlan &plan,
                                               const NitroTarget &target, const QString &password)
{
    const QString record = recordPath(target);
    const QString nsip = target.address();
    if (action == NitroAction::Rollback) {
        const Result<NitroRecord> objects = recorded(target);
        if (!objects)
            return objects.error();
        if (objects->isEmpty())
            return makeError(u"nitro.record.empty"_s,
                             QStringLiteral("nothing is recorded as created on %1").arg(nsip));
        auto *job = new NitroRollbackJob(*objects, target, password);
        // The record keeps what could not be removed (nothing: the file goes).
        connect(job, &Job::finished, this, [this, job, record, nsip] {
            if (job->requestCount() <= 1)
                return;
            if (const Result<void> saved = saveNitroRecord(record, nsip, job->remaining()); !saved)
                Q_EMIT recordProblem(saved.error().message);
        });
        return static_cast<NitroJob *>(job);
    }

    const Result<LbConfig> config = LbConfig::fromPlan(plan);
    if (!config)
        return config.error();
    switch (action) {
    case NitroAction::Diff:
        return static_cast<NitroJob *>(new NitroDiffJob(*config, target, password));
    case NitroAction::Verify:
        return static_cast<NitroJob *>(new NitroVerifyJob(*config, target, password));
    case NitroAction::Apply:
    case NitroAction::Rollback:
        break;
    }
    const Result<NitroRecord> before = recorded(target);
    if (!before)
        return before.error();
    auto *job = new NitroApplyJob(*config, target, password);
    // Objects of ours may exist (recorded, or an apply was cut off before it could record
    // them): read before writing, and write only the difference.
    bool cutOff = false;
    if (const QString journalPath = RunSession::journalPathIn(m_projectFolder); !journalPath.isEmpty()) {
        const Result<RunJournal> journal = RunJournal::load(journalPath);
        cutOff = journal && nitroApplyWasCutOff(*journal);
    }
    job->setReadFirst(!before->isEmpty() || cutOff);
    // Every change is recorded at once, so a crash or a lost connection never forgets what
    // this run created; earlier runs' objects stay in the record.
    connect(job, &NitroApplyJob::createdChanged, this,
            [this, record, nsip, previous = *before](const NitroRecord &created) {
                NitroRecord all = previous;
                all.add(created);
                if (const Result<void> saved = saveNitroRecord(record, nsip, all); !saved)
                    Q_EMIT recordProblem(saved.error().message);
            });
    return static_cast<NitroJob *>(job);
}

Result<void> NetscalerActions::keepFingerprint(const NitroTarget &target, const QByteArray &sha256) const
{
    return TrustedPins::keep(m_projectFolder, target.host, target.port, sha256);
}

Result<void> NetscalerActions::keepFingerprintIfItWorked(const NitroJob &job, const NitroTarget &target) const
{
    if (target.pinnedSha256.isEmpty() || job.requestCount() == 0
        || (!job.result().ok() && job.result().error().code.startsWith(u"http."_s)))
        return {};
    return keepFingerprint(target, target.pinnedSha256);
}

} // namespace vlab
