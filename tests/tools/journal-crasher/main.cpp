// vlab-journal-crasher: runs a queue of six jobs with the run journal and really crashes
// (abort(), no clean-up) inside one of them, or resumes from the journal through the
// RunSession the wizard's run panel and the CLI use. Each job appends "start KEY" and "done KEY" to a "lab"
// file, standing in for changes to a lab, so the test sees exactly what ran twice. Usage:
// vlab-journal-crasher JOURNAL LABFILE [--crash-in KEY] [--lab-changing KEY]
//                             [--resume] [--skip-interrupted] [--probe] [--answer-what-fits]
// --probe gives the lab-changing job an outcome probe that reads the lab file (its "done" line:
// present; only its "start" line: partial; neither: absent; never repeatable), and
// --answer-what-fits answers the resume question with what fits the checks: run it again, else
// skip it, else not now; it prints "checked KEY=VERDICT run-again=yes|no skip=yes|no".

#include "jobs/job.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "jobs/outcomecheck.h"
#include "jobs/runsession.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

QStringList labLines(const QString &lab)
{
    QFile f(lab);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

// Reads the lab file: what is true now about one job's change.
class LookJob : public vlab::Job
{
public:
    LookJob(const QString &key, const QString &lab)
        : Job(u"Look at "_s + key)
        , m_key(key)
        , m_lab(lab)
    {
    }
    vlab::OutcomeCheck check;

protected:
    void run() override
    {
        using V = vlab::OutcomeCheck::Verdict;
        const QStringList lines = labLines(m_lab);
        check = lines.contains(u"done "_s + m_key) ? vlab::OutcomeCheck{V::Present, u"present"_s, false}
            : lines.contains(u"start "_s + m_key)  ? vlab::OutcomeCheck{V::Partial, u"partial"_s, false}
                                                   : vlab::OutcomeCheck{V::Absent, u"absent"_s, false};
        finish({});
    }

private:
    QString m_key;
    QString m_lab;
};

class LabJob : public vlab::Job
{
public:
    LabJob(const QString &key, const QString &lab, bool crash, bool probe)
        : Job(u"Step "_s + key)
        , m_lab(lab)
        , m_crash(crash)
        , m_probe(probe)
    {
        setKey(key);
    }

    vlab::OutcomeProbe outcomeProbe() const override
    {
        if (!m_probe)
            return {};
        return {new LookJob(key(), m_lab), [](const vlab::Job &done) {
                    return static_cast<const LookJob &>(done).check;
                }};
    }

protected:
    void run() override
    {
        append(u"start "_s + key());
        if (m_crash)
            std::abort();
        append(u"done "_s + key());
        finish({});
    }

private:
    void append(const QString &line)
    {
        QFile f(m_lab);
        if (f.open(QIODevice::Append)) {
            f.write(line.toUtf8() + '\n');
            f.flush();
        }
    }
    QString m_lab;
    bool m_crash;
    bool m_probe;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    const QString journal = args.at(1);
    const QString lab = args.at(2);
    const QString crashIn =
        args.contains(u"--crash-in"_s) ? args.value(args.indexOf(u"--crash-in"_s) + 1) : QString();
    const QString labChanging =
        args.contains(u"--lab-changing"_s) ? args.value(args.indexOf(u"--lab-changing"_s) + 1) : QString();

    vlab::JobQueue queue;
    for (const QString &key : {u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s}) {
        auto *job = new LabJob(key, lab, key == crashIn, args.contains(u"--probe"_s));
        job->setChangesLab(key == labChanging);
        queue.addJob(job);
    }
    const QString title = u"Six steps"_s;
    vlab::RunSession session(&queue, title, journal);
    if (args.contains(u"--resume"_s)) {
        const vlab::Result<vlab::RunJournal> loaded = vlab::RunJournal::load(journal);
        if (!loaded) {
            std::fprintf(stderr, "%s\n", qPrintable(loaded.error().message));
            return 2;
        }
        const vlab::ResumeState resume = vlab::resumeState(*loaded, title);
        std::printf("done=%s interrupted=%s lab-changing=%s\n", qPrintable(resume.done.join(u',')),
                    qPrintable(resume.interrupted.join(u',')),
                    qPrintable(resume.interruptedLabChanges.join(u',')));
        std::fflush(stdout);
        if (!resume.interruptedLabChanges.isEmpty() && !args.contains(u"--skip-interrupted"_s)
            && !args.contains(u"--rerun-interrupted"_s) && !args.contains(u"--answer-what-fits"_s)) {
            std::printf("refused: interrupted lab change\n");
            return 3;
        }
        const bool skip = args.contains(u"--skip-interrupted"_s);
        if (args.contains(u"--answer-what-fits"_s)) {
            session.setResumeQuestion([](const QString &, const vlab::ResumeState &state) {
                static const char *const names[] = {"unknown", "absent", "partial", "present", "busy"};
                for (const QString &key : state.interruptedLabChanges)
                    std::printf("checked %s=%s ", qPrintable(key), names[int(state.check(key).verdict)]);
                std::printf("run-again=%s skip=%s\n", state.runAgainFits() ? "yes" : "no",
                            state.skipFits() ? "yes" : "no");
                std::fflush(stdout);
                if (state.runAgainFits())
                    return vlab::RunSession::ResumeChoice{true, false, false};
                if (state.skipFits())
                    return vlab::RunSession::ResumeChoice{true, true, false};
                return vlab::RunSession::ResumeChoice{false, false, true};
            });
        } else {
            session.setResumeQuestion([skip](const QString &, const vlab::ResumeState &) {
                return vlab::RunSession::ResumeChoice{true, skip};
            });
        }
    }
    // Without --resume the run starts over, as on the command line, and says what was cut off.
    QObject::connect(&session, &vlab::RunSession::previousRunCutOff, &app,
                     [](const vlab::ResumeState &state) {
                         std::printf("cut off: done=%s lab-changing=%s\n", qPrintable(state.done.join(u',')),
                                     qPrintable(state.interruptedLabChanges.join(u',')));
                         std::fflush(stdout);
                     });
    QObject::connect(&session, &vlab::RunSession::finished, &app,
                     [](bool ok) { QCoreApplication::exit(ok ? 0 : 1); });
    session.start();
    return app.exec();
}
