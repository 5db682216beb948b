// The look before a run at what already holds (OutcomeSurvey): a change that holds is skipped
// as already done, one still going on outside the program is reported busy, a look with no
// answer leaves the job to run; and the run's clock (elapsed, time left at the pace so far).

#include "jobs/job.h"
#include "jobs/jobqueue.h"
#include "jobs/outcomecheck.h"
#include "jobs/outcomesurvey.h"
#include "jobs/runclock.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

// A read-only look that answers on the event loop (as a request would), or fails.
class LookJob : public Job
{
public:
    explicit LookJob(bool answers)
        : Job(u"look"_s)
        , m_answers(answers)
    {
    }

protected:
    void run() override
    {
        QTimer::singleShot(0, this, [this] {
            finish(m_answers ? Result<void>{} : makeError(u"test.noanswer"_s, u"no answer"_s));
        });
    }

private:
    bool m_answers;
};

// A lab change whose outcome probe finds `verdict` (or no probe at all, or no answer).
class ChangeJob : public Job
{
public:
    enum class Probe { None, Answers, NoAnswer };
    ChangeJob(const QString &title, Probe probe,
              OutcomeCheck::Verdict verdict = OutcomeCheck::Verdict::Absent)
        : Job(title)
        , m_probe(probe)
        , m_verdict(verdict)
    {
        setChangesLab(true);
    }
    OutcomeProbe outcomeProbe() const override
    {
        if (m_probe == Probe::None)
            return {};
        const OutcomeCheck::Verdict verdict = m_verdict;
        const QString title = this->title();
        return {new LookJob(m_probe == Probe::Answers), [verdict, title](const Job &) {
                    return OutcomeCheck{verdict, u"%1 found"_s.arg(title), false};
                }};
    }

protected:
    void run() override { finish({}); }

private:
    Probe m_probe;
    OutcomeCheck::Verdict m_verdict;
};

} // namespace

class TestOutcomeSurvey : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void holdsIsSkippedBusyIsToldNoAnswerRuns()
    {
        ChangeJob present(u"installed"_s, ChangeJob::Probe::Answers, OutcomeCheck::Verdict::Present);
        ChangeJob absent(u"not there"_s, ChangeJob::Probe::Answers, OutcomeCheck::Verdict::Absent);
        ChangeJob busy(u"installing"_s, ChangeJob::Probe::Answers, OutcomeCheck::Verdict::Busy);
        ChangeJob silent(u"silent"_s, ChangeJob::Probe::NoAnswer, OutcomeCheck::Verdict::Present);
        ChangeJob unprobed(u"unprobed"_s, ChangeJob::Probe::None);
        ChangeJob readOnly(u"reads"_s, ChangeJob::Probe::Answers, OutcomeCheck::Verdict::Present);
        readOnly.setChangesLab(false);

        OutcomeSurvey survey;
        QSignalSpy finished(&survey, &OutcomeSurvey::finished);
        survey.start({&present, &absent, &busy, &silent, &unprobed, &readOnly});
        QCOMPARE(survey.looks(), 4); // the read-only job and the one without a probe: no look
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);

        QCOMPARE(present.state(), Job::State::Skipped);
        QCOMPARE(present.result().error().message, u"Already done: installed found"_s);
        QCOMPARE(survey.alreadyDone(), QStringList{u"installed: installed found"_s});
        QCOMPARE(survey.busy(), QStringList{u"installing: installing found"_s});
        for (const Job *runs : {&absent, &busy, &silent, &unprobed, &readOnly})
            QCOMPARE(runs->state(), Job::State::Pending);
        QVERIFY(!survey.isRunning());
    }

    void nothingToLookAtFinishesAtOnce()
    {
        ChangeJob unprobed(u"unprobed"_s, ChangeJob::Probe::None);
        OutcomeSurvey survey;
        QSignalSpy finished(&survey, &OutcomeSurvey::finished);
        survey.start({&unprobed});
        QCOMPARE(finished.size(), 1);
        QCOMPARE(survey.looks(), 0);
    }

    void clockShowsElapsedAndTimeLeft()
    {
        QCOMPARE(formatRunClock(0), u"0:00"_s);
        QCOMPARE(formatRunClock(247'000), u"4:07"_s);
        QCOMPARE(formatRunClock(3'729'000), u"1:02:09"_s);
        // A quarter done in 10 minutes: 30 minutes left at that pace.
        QCOMPARE(runTimesText(600'000, 0.25), u"10:00 elapsed, about 30:00 left"_s);
        // Too little done to judge the pace, and all done: the elapsed time only.
        QCOMPARE(runTimesText(5'000, 0.01), u"0:05 elapsed"_s);
        QCOMPARE(runTimesText(5'000, 1.0), u"0:05 elapsed"_s);
    }
};

QTEST_GUILESS_MAIN(TestOutcomeSurvey)
#include "tst_outcomesurvey.moc"
