// The order of a whole-lab run: which steps --steps and --from select, which of them run at
// the same time, and the chain that sets the run's length.

#include "jobs/job.h"
#include "jobs/jobqueue.h"
#include "plan/planjson.h"
#include "project/labbuild.h"
#include "project/labrun.h"

#include <QTemporaryDir>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

QStringList names(const QList<LabStep> &steps)
{
    QStringList n;
    for (const LabStep s : steps)
        n << labStepName(s);
    return n;
}

QStringList stageNames(const QList<QList<LabStep>> &stages)
{
    QStringList n;
    for (const QList<LabStep> &stage : stages)
        n << names(stage).join(u'+');
    return n;
}

} // namespace

class TestLabRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wholeLabStagesFollowTheLab()
    {
        const Result<QList<LabStep>> all = selectLabSteps(u"all"_s);
        QVERIFY(all);
        QCOMPARE(all->size(), labSteps().size());
        // The certificate request and the NetScaler while PSC 2 installs; the switch while VCHA clones.
        QCOMPARE(stageNames(labRunStages(*all)),
                 (QStringList{u"precheck"_s, u"psc1"_s, u"psc2+certificate+netscaler"_s, u"apply-cert"_s,
                              u"endpoints"_s, u"vcenter"_s, u"vcha+vds"_s, u"audit"_s, u"runbook"_s}));
    }

    void everyStageComesAfterWhatItNeeds()
    {
        const QList<QList<LabStep>> stages = labRunStages(*selectLabSteps(u"all"_s));
        QList<LabStep> done;
        for (const QList<LabStep> &stage : stages) {
            for (const LabStep s : stage) {
                for (const LabStep need : labStepInfo(s).after)
                    QVERIFY2(done.contains(need),
                             qPrintable(labStepName(s) + u" before "_s + labStepName(need)));
            }
            done << stage;
        }
    }

    void aStepWaitsForSelectedStepsItNeedsThroughOthers()
    {
        // vcenter needs psc1 only through steps that are not selected: still after it.
        const Result<QList<LabStep>> some = selectLabSteps(u"vcenter,psc1"_s);
        QVERIFY(some);
        QCOMPARE(names(*some), (QStringList{u"psc1"_s, u"vcenter"_s}));
        QCOMPARE(stageNames(labRunStages(*some)), (QStringList{u"psc1"_s, u"vcenter"_s}));
        // Independent steps alone run together.
        QCOMPARE(stageNames(labRunStages(*selectLabSteps(u"vds,vcha,certificate,netscaler"_s))),
                 (QStringList{u"certificate+netscaler"_s, u"vcha+vds"_s}));
    }

    void fromDropsTheEarlierSteps()
    {
        const Result<QList<LabStep>> rest = selectLabSteps(u"all"_s, u"vcenter"_s);
        QVERIFY(rest);
        QCOMPARE(names(*rest), (QStringList{u"vcenter"_s, u"vcha"_s, u"vds"_s, u"audit"_s, u"runbook"_s}));
        const Result<QList<LabStep>> none = selectLabSteps(u"psc1,psc2"_s, u"vcha"_s);
        QVERIFY(!none);
        QCOMPARE(none.error().code, u"run.steps.empty"_s);
    }

    void unknownStepsAreNamed()
    {
        const Result<QList<LabStep>> bad = selectLabSteps(u"psc1,psc3"_s);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, u"run.steps.unknown"_s);
        QVERIFY(bad.error().message.contains(u"\"psc3\""_s));
        QVERIFY(bad.error().message.contains(u"apply-cert"_s));
        QVERIFY(!selectLabSteps(u"all"_s, u"nowhere"_s));
        QVERIFY(!selectLabSteps(u","_s));
    }

    void criticalPathIsTheApplianceChain()
    {
        int minutes = 0;
        const QList<LabStep> path = labCriticalPath(*selectLabSteps(u"all"_s), &minutes);
        QCOMPARE(names(path),
                 (QStringList{u"precheck"_s, u"psc1"_s, u"psc2"_s, u"apply-cert"_s, u"endpoints"_s,
                              u"vcenter"_s, u"vcha"_s, u"audit"_s, u"runbook"_s}));
        int sum = 0;
        for (const LabStep s : path)
            sum += labStepInfo(s).typicalMinutes;
        QCOMPARE(minutes, sum);
        // Less than every step one after another: the parallel steps are off the path.
        int serial = 0;
        for (const LabStepInfo &i : labSteps())
            serial += i.typicalMinutes;
        QVERIFY(minutes < serial);
        QCOMPARE(names(labCriticalPath(*selectLabSteps(u"vds,netscaler"_s))),
                 (QStringList{u"netscaler"_s, u"vds"_s}));
    }

    // What a front end must ask for follows the selected steps and the audit's areas.
    void needsFollowTheSteps()
    {
        const LabPlan plan = examplePlan();
        const LabBuildNeeds none = labBuildNeeds(plan, {LabStep::Runbook}, {});
        QVERIFY(!none.iso && !none.caFiles && !none.vcsaPasswords && !none.sshLogin && !none.ssoPassword
                && !none.netscaler && !none.vcenter);
        const LabBuildNeeds install = labBuildNeeds(plan, {LabStep::Psc2}, {});
        QVERIFY(install.iso && install.vcsaPasswords && !install.sshLogin && !install.netscaler);
        const LabBuildNeeds apply = labBuildNeeds(plan, {LabStep::Endpoints}, {});
        QVERIFY(apply.sshLogin && apply.ssoPassword && !apply.iso);
        QVERIFY(labBuildNeeds(plan, {LabStep::Certificate}, {}).caFiles);
        QVERIFY(labBuildNeeds(plan, {LabStep::Vds}, {}).vcenter);
        // The audit alone: its areas decide (netscaler only: no vCenter, no SSH).
        const LabBuildNeeds nsAudit = labBuildNeeds(plan, {LabStep::Audit}, {u"netscaler"_s});
        QVERIFY(nsAudit.netscaler && !nsAudit.vcenter && !nsAudit.sshLogin);
        const LabBuildNeeds fullAudit = labBuildNeeds(plan, {LabStep::Audit}, {});
        QVERIFY(fullAudit.netscaler && fullAudit.vcenter && fullAudit.sshLogin);
    }

    void settingsAreCheckedPerStep()
    {
        LabBuildSettings s;
        s.projectFolder = QDir::tempPath();
        QVERIFY(checkLabBuildSettings(s, {LabStep::Netscaler, LabStep::Runbook}));
        const Result<void> iso = checkLabBuildSettings(s, {LabStep::Psc1});
        QVERIFY(!iso);
        QVERIFY2(iso.error().message.contains(u"ISO"_s), qPrintable(iso.error().message));
        const Result<void> ca = checkLabBuildSettings(s, {LabStep::Certificate});
        QVERIFY(!ca);
        QVERIFY2(ca.error().message.contains(u"VMCA root"_s), qPrintable(ca.error().message));
        s.sshPort = 70000;
        QVERIFY(!checkLabBuildSettings(s, {LabStep::Runbook}));
    }

    // The jobs land in the queue stage by stage; a step that cannot be built adds nothing and
    // the error names it.
    void jobsFollowTheStages()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        LabBuildSettings s;
        s.projectFolder = folder.path();
        {
            LabBuild build(examplePlan(), s);
            JobQueue queue;
            QVERIFY(build.addTo(queue, {LabStep::Vds, LabStep::Netscaler, LabStep::Runbook}));
            const QList<Job *> jobs = queue.jobs();
            QCOMPARE(jobs.size(), 3);
            // netscaler and vds do not depend on each other (one stage), the runbook comes last.
            QVERIFY(jobs.at(2)->title().contains(u"unbook"_s));
            QVERIFY(jobs.at(0)->changesLab() && jobs.at(1)->changesLab());
            QVERIFY(!build.audit());
        }
        {
            LabPlan plan = examplePlan();
            plan.vds = {};
            LabBuild build(plan, s);
            JobQueue queue;
            const Result<void> added = build.addTo(queue, {LabStep::Netscaler, LabStep::Vds});
            QVERIFY(!added);
            QVERIFY2(added.error().message.startsWith(u"Step vds: "_s), qPrintable(added.error().message));
            QVERIFY(queue.jobs().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestLabRun)
#include "tst_labrun.moc"
