#include "jobs/journal.h"

#include "core/atomicfile.h"
#include "core/tr.h"
#include "jobs/job.h"
#include "jobs/jobqueue.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryFile>
#include <QUuid>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstdio>
#include <cstring>
#endif

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

constexpr qsizetype kMaxRuns = 50;            // older runs are dropped
constexpr qint64 kMaxJournalBytes = 64 << 20; // a bigger file is not ours

QString stamp(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseStamp(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

QJsonObject toJson(const JournalJob &j)
{
    QJsonObject out{{u"key"_s, j.key},
                    {u"title"_s, j.title},
                    {u"state"_s, j.state},
                    {u"changesLab"_s, j.changesLab},
                    {u"started"_s, stamp(j.started)},
                    {u"finished"_s, stamp(j.finished)},
                    {u"report"_s, j.report}};
    if (!j.target.isEmpty())
        out.insert(u"target"_s, j.target);
    return out;
}

QJsonObject toJson(const JournalRun &r)
{
    QJsonArray jobs;
    for (const JournalJob &j : r.jobs)
        jobs.append(toJson(j));
    QJsonObject out{{u"id"_s, r.id},
                    {u"title"_s, r.title},
                    {u"started"_s, stamp(r.started)},
                    {u"finished"_s, stamp(r.finished)},
                    {u"state"_s, r.state},
                    {u"jobs"_s, jobs}};
    if (!r.interruptedBy.isEmpty())
        out.insert(u"interruptedBy"_s, r.interruptedBy);
    if (!r.step.isEmpty())
        out.insert(u"step"_s, r.step);
    return out;
}

// One run, compact, on one line of the file.
QByteArray runLine(const JournalRun &r)
{
    return QJsonDocument(toJson(r)).toJson(QJsonDocument::Compact);
}

// The file: one run per line. `olderRuns`: lines (each ending in ",\n") before `last`.
QByteArray journalBytes(const QByteArray &olderRuns, const QByteArray &last)
{
    QByteArray data = "{\"schema\": \"vlab.journal/1\", \"runs\": [\n";
    data.reserve(data.size() + olderRuns.size() + last.size() + 4);
    data += olderRuns;
    data += last;
    data += "\n]}\n";
    return data;
}

// Replaces the file at `path` by `data` through a new file renamed over it, so a crash leaves
// the old or the new content. Sync::Yes: synced to the disk first (survives a power cut too).
Result<void> replaceFile(const QString &path, const QByteArray &data, bool sync)
{
    if (const Result<void> folder = makePrivateFolder(QFileInfo(path).absolutePath()); !folder)
        return folder.error();
#ifdef Q_OS_UNIX
    if (!sync) {
        QTemporaryFile file(path + u".XXXXXX"_s); // owner read/write only (0600)
        if (!file.open())
            return makeError(u"file.write"_s, Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
        if (file.write(data) != data.size() || !file.flush())
            return makeError(u"file.write"_s, Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
        if (std::rename(QFile::encodeName(file.fileName()).constData(), QFile::encodeName(path).constData())
            != 0)
            return makeError(
                u"file.write"_s,
                Tr::tr("Cannot write %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
        file.setAutoRemove(false); // it is the journal now
        return {};
    }
#else
    Q_UNUSED(sync); // QSaveFile: a new file renamed over the old one, synced
#endif
    const Result<WrittenFile> written = writeFileAtomically(path, data, privateFilePermissions());
    if (!written)
        return written.error();
    return {};
}

} // namespace

QString RunJournal::fileName()
{
    return u"vlab-journal.json"_s;
}

Result<RunJournal> RunJournal::load(const QString &path)
{
    RunJournal journal;
    if (!QFile::exists(path))
        return journal;
    const Result<QByteArray> data = readFileLimited(path, kMaxJournalBytes);
    if (!data)
        return data.error();
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(*data, &error).object();
    if (error.error != QJsonParseError::NoError || root.value(u"schema"_s).toString() != u"vlab.journal/1"_s)
        return makeError(
            u"journal.damaged"_s,
            Tr::tr("The run journal %1 is damaged (%2); move it aside to start afresh.")
                .arg(QDir::toNativeSeparators(path),
                     error.error != QJsonParseError::NoError ? error.errorString() : Tr::tr("wrong schema")));
    for (const QJsonValue &rv : root.value(u"runs"_s).toArray()) {
        const QJsonObject r = rv.toObject();
        JournalRun run{r.value(u"id"_s).toString(),
                       r.value(u"title"_s).toString(),
                       parseStamp(r.value(u"started"_s)),
                       parseStamp(r.value(u"finished"_s)),
                       r.value(u"state"_s).toString(),
                       {},
                       r.value(u"interruptedBy"_s).toString(),
                       r.value(u"step"_s).toString()};
        for (const QJsonValue &jv : r.value(u"jobs"_s).toArray()) {
            const QJsonObject j = jv.toObject();
            run.jobs.append(JournalJob{j.value(u"key"_s).toString(), j.value(u"title"_s).toString(),
                                       j.value(u"state"_s).toString(), j.value(u"changesLab"_s).toBool(),
                                       parseStamp(j.value(u"started"_s)), parseStamp(j.value(u"finished"_s)),
                                       j.value(u"report"_s).toObject(), j.value(u"target"_s).toString()});
        }
        journal.runs.append(run);
    }
    return journal;
}

Result<void> RunJournal::save(const QString &path) const
{
    QByteArray older;
    const qsizetype first = std::max<qsizetype>(0, runs.size() - kMaxRuns);
    for (qsizetype i = first; i + 1 < runs.size(); ++i)
        older += runLine(runs.at(i)) + ",\n";
    return replaceFile(path, journalBytes(older, runs.isEmpty() ? QByteArray() : runLine(runs.constLast())),
                       true);
}

const JournalRun *RunJournal::lastRun(const QString &title) const
{
    for (qsizetype i = runs.size() - 1; i >= 0; --i) {
        if (runs.at(i).title == title)
            return &runs.at(i);
    }
    return nullptr;
}

ResumeState resumeState(const RunJournal &journal, const QString &title)
{
    ResumeState state;
    const JournalRun *run = journal.lastRun(title);
    // Only a run that was cut off (no end recorded) can be resumed; a finished one, failed or
    // not, is simply run again.
    if (!run || run->finished.isValid())
        return state;
    state.stoppedAfter = run->started;
    for (const JournalJob &j : run->jobs) {
        state.titles.insert(j.key, j.title);
        state.stoppedAfter = std::max({state.stoppedAfter, j.started, j.finished});
        if (j.state == u"succeeded"_s || j.state == u"done-earlier"_s)
            state.done << j.key;
        else if (j.state == u"running"_s) {
            state.interrupted << j.key;
            if (j.changesLab)
                state.interruptedLabChanges << j.key;
        }
    }
    return state;
}

bool ResumeState::runAgainFits() const
{
    using V = OutcomeCheck::Verdict;
    return std::none_of(interruptedLabChanges.cbegin(), interruptedLabChanges.cend(),
                        [this](const QString &key) {
                            const OutcomeCheck c = check(key);
                            return c.verdict == V::Busy
                                || ((c.verdict == V::Present || c.verdict == V::Partial) && !c.repeatable);
                        });
}

bool ResumeState::skipFits() const
{
    using V = OutcomeCheck::Verdict;
    return std::all_of(interruptedLabChanges.cbegin(), interruptedLabChanges.cend(),
                       [this](const QString &key) {
                           const V v = check(key).verdict;
                           return v == V::Present || v == V::Unknown;
                       });
}

void applyResume(JobQueue *queue, const ResumeState &resume, const QStringList &skipInterrupted)
{
    for (Job *job : queue->jobs()) {
        if (resume.done.contains(job->key())) {
            job->setProperty("vlabDoneEarlier", true); // stays "done" for a later resume
            job->markSkipped(Tr::tr("Done in the interrupted run (before %1); not repeated.")
                                 .arg(resume.stoppedAfter.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)));
        } else if (skipInterrupted.contains(job->key())) {
            const OutcomeCheck check = resume.check(job->key());
            job->markSkipped(
                check.verdict == OutcomeCheck::Verdict::Present
                    ? Tr::tr("Interrupted in the previous run; not repeated on your word, because it holds "
                             "now: %1")
                          .arg(check.fact)
                    : Tr::tr(
                        "Interrupted in the previous run; skipped on your word after checking the lab."));
        }
    }
}

JournalRecorder::JournalRecorder(JobQueue *queue, const QString &path, const QString &title,
                                 const QString &step, QObject *parent, std::optional<RunJournal> loaded)
    : QObject(parent ? parent : queue)
    , m_queue(queue)
    , m_path(path)
{
    Result<RunJournal> read = loaded ? Result<RunJournal>(std::move(*loaded)) : RunJournal::load(path);
    if (read) {
        m_journal = std::move(read).value();
    } else {
        // A damaged journal is kept for inspection, never overwritten.
        const QString aside = path + u".damaged"_s;
        QFile::remove(aside);
        QFile::rename(path, aside);
    }
    JournalRun run{QUuid::createUuid().toString(QUuid::WithoutBraces),
                   title,
                   QDateTime::currentDateTimeUtc(),
                   {},
                   u"running"_s,
                   {},
                   {},
                   step};
    for (Job *job : queue->jobs())
        run.jobs.append(JournalJob{job->key(),
                                   job->title(),
                                   job->property("vlabDoneEarlier").toBool() ? u"done-earlier"_s
                                                                             : jobStateName(job->state()),
                                   job->changesLab(),
                                   {},
                                   {},
                                   // Skipped before the start (a resume): why, for the runbook.
                                   job->isFinished() ? job->report().toJson() : QJsonObject(),
                                   job->target()});
    // The older runs that stay (with this one, kMaxRuns), serialised once for all the writes.
    for (qsizetype i = std::max<qsizetype>(0, m_journal.runs.size() - (kMaxRuns - 1));
         i < m_journal.runs.size(); ++i)
        m_olderRuns += runLine(m_journal.runs.at(i)) + ",\n";
    m_journal.runs.append(run);
    m_run = m_journal.runs.size() - 1;
    m_later.setSingleShot(true);
    m_later.setInterval(kCoalesceMs);
    connect(&m_later, &QTimer::timeout, this, [this] { write(Sync::No); });

    connect(queue, &JobQueue::jobStarted, this, &JournalRecorder::record);
    connect(queue, &JobQueue::jobFinished, this, &JournalRecorder::record);
    connect(queue, &JobQueue::finished, this, [this](bool succeeded) {
        JournalRun &r = m_journal.runs[m_run];
        r.finished = QDateTime::currentDateTimeUtc();
        r.state = succeeded                        ? u"succeeded"_s
            : !r.interruptedBy.isEmpty()           ? u"interrupted"_s
            : (m_queue && m_queue->wasCancelled()) ? u"cancelled"_s
                                                   : u"failed"_s;
        write(Sync::Yes);
    });
    // Nothing has run yet: the first job's start writes this, or the timer.
    writeLater();
}

JournalRecorder::~JournalRecorder()
{
    if (m_later.isActive())
        write(Sync::No);
}

void JournalRecorder::recordInterruption(const QString &by)
{
    JournalRun &run = m_journal.runs[m_run];
    if (!run.interruptedBy.isEmpty() || run.finished.isValid())
        return;
    run.interruptedBy = by;
    write(Sync::Yes);
}

void JournalRecorder::record(Job *job)
{
    const QList<Job *> jobs = m_queue ? m_queue->jobs() : QList<Job *>();
    const qsizetype index = jobs.indexOf(job);
    JournalRun &run = m_journal.runs[m_run];
    if (index < 0 || index >= run.jobs.size())
        return;
    JournalJob &entry = run.jobs[index];
    entry.state = job->property("vlabDoneEarlier").toBool() ? u"done-earlier"_s : jobStateName(job->state());
    entry.started = job->report().started;
    entry.finished = job->report().finished;
    if (job->isFinished())
        entry.report = job->report().toJson();
    if (job->changesLab() && entry.started.isValid())
        write(Sync::Yes); // a lab change starts or ends: never lost, not even to a power cut
    else if (!job->isFinished())
        write(Sync::No); // before it runs: a crash inside it finds it running
    else
        writeLater(); // a read-only job ended, or a job was skipped before it started
}

void JournalRecorder::writeLater()
{
    if (!m_later.isActive())
        m_later.start();
}

void JournalRecorder::write(Sync sync)
{
    m_later.stop();
    const QByteArray data = journalBytes(m_olderRuns, runLine(m_journal.runs.at(m_run)));
    if (const Result<void> saved = replaceFile(m_path, data, sync == Sync::Yes); !saved && !m_failed) {
        m_failed = true;
        Q_EMIT writeFailed(Tr::tr("The run journal cannot be written (%1); a crash now could not be resumed.")
                               .arg(saved.error().message));
    }
}

} // namespace vlab
