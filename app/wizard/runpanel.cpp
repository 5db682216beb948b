#include "runpanel.h"

#include "approvaldialog.h"
#include "jobs/jobqueue.h"
#include "jobs/journal.h"
#include "jobs/runclock.h"
#include "jobs/runsession.h"

#include <QAbstractButton>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QResizeEvent>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
QString stateText(Job::State state)
{
    switch (state) {
    case Job::State::Pending:
        return RunPanel::tr("Waiting");
    case Job::State::Running:
        return RunPanel::tr("Running");
    case Job::State::Succeeded:
        return RunPanel::tr("Done");
    case Job::State::Failed:
        return RunPanel::tr("Failed");
    case Job::State::Cancelled:
        return RunPanel::tr("Cancelled");
    case Job::State::Skipped:
        return RunPanel::tr("Skipped");
    }
    return {};
}
} // namespace

RunPanel::RunPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(tr("Nothing is running. Work started from a page shows here.")))
{
    setObjectName(QStringLiteral("runPanel"));
    m_title->setObjectName(u"runTitle"_s);
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(6, 6, 6, 6);
    m_layout->addLayout(top);
    // Until something runs or is noted, the panel is this one line (it does not grow): the
    // page gets the room, and the window shows sooner (the job list, log and progress bar are
    // built on first use).
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    m_approve = [this](const QString &title, const QList<const Job *> &jobs) {
        return ApprovalDialog::ask(this, title, jobs);
    };
    m_confirm = [this] {
        return QMessageBox::question(this, tr("Cancel the running work?"),
                                     tr("Stop \"%1\"? Jobs already finished stay done; cleanup "
                                        "jobs still run.")
                                         .arg(m_title->text()),
                                     QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes;
    };
    m_resumeQuestion = [this](const QString &title, const ResumeState &state) {
        return askResume(this, title, state);
    };
}

RunPanel::ResumeChoice RunPanel::askResume(QWidget *parent, const QString &title, const ResumeState &state)
{
    const QString when = state.stoppedAfter.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
    QMessageBox box(
        QMessageBox::Question, tr("Resume the interrupted run?"),
        state.done.isEmpty()
            ? tr("The last run of \"%1\" stopped unexpectedly (last recorded %2).").arg(title, when)
            : tr("The last run of \"%1\" stopped unexpectedly (last recorded %2). %n job(s) had "
                 "finished and can be skipped.",
                 nullptr, int(state.done.size()))
                  .arg(title, when),
        QMessageBox::NoButton, parent);
    box.setObjectName(u"resumeQuestion"_s);
    QAbstractButton *resume = nullptr;
    QAbstractButton *resumeSkip = nullptr;
    QAbstractButton *startOver = nullptr;
    const bool runAgain = state.runAgainFits();
    if (state.interruptedLabChanges.isEmpty()) {
        resume = box.addButton(tr("&Resume"), QMessageBox::AcceptRole);
        resume->setObjectName(u"resumeRun"_s);
    } else {
        // What is true in the lab now, as the checks found it, decides what is offered.
        QStringList facts;
        QStringList jobs;
        for (const QString &key : state.interruptedLabChanges) {
            const QString job = state.titles.value(key, key);
            jobs << job;
            const OutcomeCheck check = state.check(key);
            facts << (check.fact.isEmpty()
                          ? tr("%1: could not be checked; look at the lab yourself.").arg(job)
                          : check.fact);
        }
        QString advice;
        if (!runAgain && !state.skipFits())
            advice = tr("Neither running them again nor skipping them fits what was found: deal with it in "
                        "the lab first, then start again.");
        else if (!runAgain)
            advice = tr("Running them again would make a second copy, so that is not offered.");
        else if (!state.skipFits())
            advice = tr("They are not done, so skipping them is not offered.");
        else
            advice = tr("Running them again may make a second copy (a second appliance, say). Skipped, they "
                        "are not counted as done.");
        box.setInformativeText(tr("These were running when it stopped and may have changed the lab half way: "
                                  "%1.\n\nWhat is true now:\n%2\n\n%3")
                                   .arg(jobs.join(u", "_s), facts.join(u'\n'), advice));
        if (runAgain) {
            resume = box.addButton(tr("Resume, &run them again"), QMessageBox::AcceptRole);
            resume->setObjectName(u"resumeRunAgain"_s);
        }
        if (state.skipFits()) {
            resumeSkip = box.addButton(tr("Resume, &skip them"), QMessageBox::AcceptRole);
            resumeSkip->setObjectName(u"resumeSkip"_s);
        }
    }
    if (runAgain) {
        startOver = box.addButton(tr("Start &over"), QMessageBox::DestructiveRole);
        startOver->setObjectName(u"resumeStartOver"_s);
    }
    QAbstractButton *notNow = box.addButton(tr("Not now"), QMessageBox::RejectRole);
    notNow->setObjectName(u"resumeNotNow"_s);
    // Enter alone never repeats a change that was cut off half way; Escape runs nothing.
    QAbstractButton *preferred = resumeSkip ? resumeSkip : resume ? resume : notNow;
    box.setDefaultButton(qobject_cast<QPushButton *>(preferred));
    box.setEscapeButton(notNow);
    box.exec();
    if (resume && box.clickedButton() == resume)
        return ResumeChoice{true, false, false};
    if (resumeSkip && box.clickedButton() == resumeSkip)
        return ResumeChoice{true, true, false};
    if (startOver && box.clickedButton() == startOver)
        return ResumeChoice{false, false, false};
    return ResumeChoice{false, false, true};
}

void RunPanel::ensureDetails()
{
    if (m_jobs)
        return;
    m_overall = new QProgressBar;
    m_overall->setRange(0, 1000);
    m_overall->setValue(0);
    m_overall->setFormat(QStringLiteral("%p%"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, [this] { requestCancel(); });
    m_jobs = new QTreeWidget;
    m_jobs->setColumnCount(3);
    m_jobs->setHeaderLabels({tr("Job"), tr("State"), tr("Status")});
    m_jobs->setRootIsDecorated(false);
    m_jobs->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_log = new QPlainTextEdit;
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setPlaceholderText(tr("Log"));

    auto *top = static_cast<QHBoxLayout *>(m_layout->itemAt(0)->layout());
    top->addWidget(m_overall, 1);
    top->addWidget(m_cancel);
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_jobs);
    split->addWidget(m_log);
    m_layout->addWidget(split, 1);
    for (const QString &line : std::as_const(m_pendingLog))
        m_log->appendPlainText(line);
    m_pendingLog.clear();
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    Q_EMIT detailsShown();
}

bool RunPanel::isBusy() const
{
    // Waiting for the person to confirm a peer counts: the run goes on after the answer.
    return (m_queue && m_queue->isRunning()) || (m_session && m_session->isChecking())
        || m_trustState == TrustState::Waiting;
}

void RunPanel::setJournalPath(const QString &path)
{
    m_journalPath = path;
    if (path.isEmpty() || path == m_notedJournal || isBusy())
        return;
    m_notedJournal = path;
    const Result<RunJournal> journal = RunJournal::load(path);
    if (!journal) {
        appendLog(journal.error().message);
        return;
    }
    QStringList seen;
    for (qsizetype i = journal->runs.size() - 1; i >= 0; --i) {
        const JournalRun &run = journal->runs.at(i);
        if (seen.contains(run.title))
            continue;
        seen << run.title;
        const bool cutOff = !run.finished.isValid();
        if (!cutOff && run.state != u"interrupted"_s)
            continue;
        QStringList unfinished;
        for (const JournalJob &job : run.jobs) {
            if (job.state == u"running"_s || (job.state == u"cancelled"_s && !cutOff))
                unfinished << (job.changesLab ? tr("%1 (changes the lab)").arg(job.title) : job.title);
        }
        const QString when = run.started.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
        const QString how = cutOff ? tr("was cut off (the program ended while it ran)")
                                   : tr("was interrupted by %1").arg(run.interruptedBy);
        appendLog(
            tr("Earlier run not finished: \"%1\", started %2, %3. Unfinished then: %4. Nothing of it "
               "runs now. Check the lab before you start it again; starting it offers to resume.")
                .arg(run.title, when, how, unfinished.isEmpty() ? tr("none") : unfinished.join(u", "_s)));
        m_title->setText(tr("Nothing is running. An earlier run did not finish: see the log."));
    }
}

QString RunPanel::notStartedText(RunStart why)
{
    switch (why) {
    case RunStart::Started:
        return {};
    case RunStart::Busy:
        return tr("Other work is still running; wait for it or cancel it.");
    case RunStart::NotApproved:
        return tr("Not started: the changes were not approved, and nothing was changed.");
    }
    return {};
}

RunPanel::RunStart RunPanel::start(JobQueue *queue, const QString &title)
{
    return start(queue, title, TrustFlow{});
}

RunPanel::RunStart RunPanel::start(JobQueue *queue, const QString &title, TrustFlow trust)
{
    if (isBusy())
        return RunStart::Busy;
    // Only what will change the lab: a job skipped before the start (already done) changes nothing.
    QList<const Job *> changing;
    for (const Job *job : queue->jobs()) {
        if (job->changesLab() && !job->isFinished())
            changing << job;
    }
    const bool preApproved = std::exchange(m_preApproved, QString()) == title;
    if (!changing.isEmpty() && preApproved) {
        appendLog(tr("Approved before: \"%1\"").arg(title));
    } else if (!changing.isEmpty()) {
        if (!m_approve(title, changing)) {
            appendLog(tr("Not started: \"%1\" was not approved; nothing was changed.").arg(title));
            return RunStart::NotApproved;
        }
        // A run that started elsewhere while the question was open goes first.
        if (isBusy())
            return RunStart::Busy;
        appendLog(tr("Approved: \"%1\"").arg(title));
    }
    if (m_session)
        m_session->deleteLater();
    m_session = new RunSession(queue, title, m_journalPath, this);
    m_session->setStep(m_step);
    queue->setParent(m_session);
    m_session->setResumeQuestion(m_resumeQuestion);
    m_runTitle = title;
    m_trust = std::move(trust);
    m_trustState = TrustState::None;
    m_trustRequest.reset();
    m_trustJob = nullptr;
    m_trustText.clear();
    connect(m_session, &RunSession::journalProblem, this, &RunPanel::appendLog);
    connect(m_session, &RunSession::checkingLab, this, [this](const QStringList &looks) {
        appendLog(tr("The last run was cut off while it changed the lab. Checking what is true now "
                     "before anything runs: %1")
                      .arg(looks.join(u"; "_s)));
        m_title->setText(tr("Checking the lab before \"%1\" ...").arg(m_runTitle));
    });
    connect(m_session, &RunSession::labChecked, this, [this](const QString &, const OutcomeCheck &check) {
        appendLog(tr("Found: %1").arg(check.fact));
        m_title->setText(m_runTitle);
    });
    m_queue = queue;
    ensureDetails();
    m_items.clear();
    m_jobs->clear();
    m_title->setText(title);
    m_overall->setValue(0);
    for (Job *job : queue->jobs()) {
        auto *item = new QTreeWidgetItem(m_jobs, {job->title(), stateText(job->state()), QString()});
        item->setToolTip(0, job->description());
        m_items.insert(job, item);
    }
    connect(queue, &JobQueue::progressChanged, this, [this](qreal p) {
        m_overall->setValue(int(p * 1000));
        showTimes();
    });
    connect(queue, &JobQueue::jobStarted, this, [this](Job *job) {
        updateJob(job);
        appendLog(tr("Started: %1").arg(job->title()));
    });
    connect(queue, &JobQueue::jobProgress, this,
            [this](Job *job, qreal, const QString &) { updateJob(job); });
    connect(queue, &JobQueue::jobFinished, this, [this](Job *job) {
        if (m_trustState == TrustState::None && stoppedForTrust(job)) {
            // Not a failure: the run waits for the person to compare the fingerprint.
            m_trustJob = job;
            m_trustRequest = untrustedPeer(job, m_trust.tlsKind);
            m_trustState = TrustState::Waiting;
            m_trustText = tr("Waiting for your confirmation of %1 of %2.")
                              .arg(m_trustRequest->what(), m_trustRequest->hostPort());
            updateJob(job);
            appendLog(tr("Stopped before changing anything on %1: %2 is not confirmed yet. %3")
                          .arg(m_trustRequest->hostPort(), m_trustRequest->what(), m_trustText));
            return;
        }
        updateJob(job);
        appendLog(tr("%1: %2").arg(stateText(job->state()), job->title()));
    });
    connect(queue, &JobQueue::logLine, this, [this](Job *job, const QString &line) {
        // The job's own sentence about the unconfirmed peer (it tells the command line's
        // options) is replaced by the panel's question.
        if (stoppedForTrust(job))
            return;
        appendLog(QStringLiteral("[%1] %2").arg(job->title(), line));
    });
    connect(queue, &JobQueue::finished, this, &RunPanel::onFinished);
    m_cancel->setEnabled(true);
    // Elapsed and time left, once a second: an appliance install shows no progress for minutes.
    m_clock.start();
    if (!m_tick) {
        m_tick = new QTimer(this);
        m_tick->setInterval(1000);
        connect(m_tick, &QTimer::timeout, this, &RunPanel::showTimes);
    }
    m_tick->start();
    showTimes();
    Q_EMIT busyChanged(true);
    m_session->start();
    return RunStart::Started;
}

bool RunPanel::wasCancelled() const
{
    return m_queue && m_queue->wasCancelled();
}

bool RunPanel::requestCancel()
{
    const auto running = [this] {
        return (m_queue && m_queue->isRunning()) || (m_session && m_session->isChecking());
    };
    if (!running() || !m_confirm())
        return false;
    // The run may have ended while the question was open: there is nothing left to cancel.
    if (!running())
        return false;
    appendLog(tr("Cancelling..."));
    m_cancel->setEnabled(false);
    m_session->cancel();
    return true;
}

bool RunPanel::interrupt(const QString &by)
{
    if (!m_session || !((m_queue && m_queue->isRunning()) || m_session->isChecking()))
        return false;
    appendLog(tr("Stopping (%1)...").arg(by));
    m_cancel->setEnabled(false);
    m_session->interrupt(by);
    return true;
}

void RunPanel::appendLog(const QString &line)
{
    ensureDetails();
    m_log->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) + line);
}

void RunPanel::note(const QString &line)
{
    if (!m_notice) {
        m_notice = new QLabel;
        m_notice->setObjectName(u"runNotice"_s);
        // Never wider than the panel (the text is elided to fit), never more than one line.
        m_notice->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        m_notice->setTextFormat(Qt::PlainText);
        m_layout->insertWidget(1, m_notice);
    }
    m_noticeText = line;
    m_notice->setToolTip(line);
    updateNotice();
    if (m_log)
        appendLog(line);
    else
        m_pendingLog << QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) + line;
}

void RunPanel::updateNotice()
{
    if (m_notice)
        m_notice->setText(m_notice->fontMetrics().elidedText(
            u"\u26A0 "_s + m_noticeText, Qt::ElideRight,
            std::max(0,
                     contentsRect().width() - m_layout->contentsMargins().left()
                         - m_layout->contentsMargins().right())));
}

void RunPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateNotice();
}

void RunPanel::updateJob(Job *job)
{
    QTreeWidgetItem *item = m_items.value(job);
    if (!item)
        return;
    item->setText(1,
                  job->state() == Job::State::Running ? tr("%1%").arg(int(job->progress() * 100))
                                                      : stateText(job->state()));
    if (job == m_trustJob || stoppedForTrust(job)) {
        item->setText(1,
                      m_trustState == TrustState::Declined      ? tr("Not trusted")
                          : m_trustState == TrustState::Trusted ? tr("Confirmed")
                                                                : tr("Waiting for you"));
        item->setText(2, m_trustText);
        return;
    }
    QString status = job->status();
    if (job->state() == Job::State::Succeeded && job->report().finished.isValid())
        status = tr("Finished at %1").arg(job->report().finished.toLocalTime().toString(u"HH:mm:ss"_s));
    else if (job->isFinished() && !job->result().ok())
        status = job->result().error().message;
    item->setText(2, status);
}

bool RunPanel::stoppedForTrust(const Job *job) const
{
    return m_trust.keep && m_trust.decided && job->state() == Job::State::Failed
        && (m_trustState == TrustState::None || job == m_trustJob)
        && untrustedPeer(job, m_trust.tlsKind).has_value();
}

void RunPanel::showTimes()
{
    if (!m_overall || !m_clock.isValid())
        return;
    // Once ended (also failed or cancelled) only the elapsed time: nothing is left to estimate.
    const qreal progress = m_queue && m_queue->isRunning() ? m_queue->progress() : 1.0;
    m_timesText = runTimesText(m_clock.elapsed(), progress);
    m_overall->setFormat(u"%p%   "_s + m_timesText);
}

void RunPanel::onFinished(bool succeeded)
{
    m_cancel->setEnabled(false);
    // What completed, not 100% after a cancel or a failure that stopped the run.
    m_overall->setValue(m_queue ? int(m_queue->progress() * 1000) : 1000);
    if (m_tick)
        m_tick->stop();
    showTimes();
    if (m_trustState == TrustState::Waiting) {
        // Still busy: asked once the queue has finished (and the pages' handlers have run).
        m_title->setText(m_trustText);
        QMetaObject::invokeMethod(this, &RunPanel::askTrust, Qt::QueuedConnection);
        return;
    }
    const QList<Job *> jobs = m_queue ? m_queue->jobs() : QList<Job *>();
    const bool nothingRan =
        !succeeded && !jobs.isEmpty() && std::all_of(jobs.cbegin(), jobs.cend(), [](const Job *job) {
            return job->state() == Job::State::Skipped && !job->report().started.isValid();
        });
    // A cancel is said as a cancel, not as a problem.
    appendLog(succeeded        ? tr("Finished: %1").arg(m_title->text())
                  : nothingRan ? tr("Nothing was run or changed: %1").arg(m_title->text())
                  : m_queue && m_queue->wasCancelled()
                  ? tr("Cancelled: %1").arg(m_title->text())
                  : tr("Stopped with problems: %1").arg(m_title->text()));
    Q_EMIT busyChanged(false);
    Q_EMIT queueFinished(succeeded);
}

void RunPanel::askTrust()
{
    if (m_trustState != TrustState::Waiting || !m_trustRequest)
        return;
    const TrustRequest request = *m_trustRequest;
    // Copied: starting the run again replaces the panel's flow.
    const TrustFlow flow = m_trust;
    const bool trusted = TrustDialog::ask(this, request);
    QString outcome;
    if (trusted) {
        const Result<void> kept = flow.keep(request, m_trustJob);
        if (kept) {
            m_trustState = TrustState::Trusted;
            m_trustText = tr("Confirmed; running again.");
            updateJob(m_trustJob);
            appendLog(tr("Trusted: %1 of %2, SHA-256 %3. Running \"%4\" again.")
                          .arg(request.what(), request.hostPort(), request.fingerprint, m_runTitle));
            // Stopped before any change: what was approved for this run still holds.
            const QList<Job *> jobs = m_queue->jobs();
            const bool changes =
                std::any_of(jobs.cbegin(), jobs.cend(), [](const Job *job) { return job->changesLab(); });
            if (changes)
                approveNextRun(m_runTitle);
            const JobQueue *before = m_queue;
            flow.decided(true, m_trustText);
            if (m_queue != before)
                return; // the run goes on: its end is reported as usual
            m_preApproved.clear();
            outcome = tr("Trusted %1 of %2, but the run did not start again; see the page.")
                          .arg(request.what(), request.hostPort());
        } else {
            outcome = tr("Not trusted: the fingerprint could not be kept (%1). Nothing was changed on %2.")
                          .arg(kept.error().message, request.hostPort());
        }
    } else {
        outcome = tr("Not trusted: you did not confirm %1 of %2, so nothing was changed on it.")
                      .arg(request.what(), request.hostPort());
    }
    if (m_trustState != TrustState::Trusted)
        m_trustState = TrustState::Declined;
    m_trustText = outcome;
    updateJob(m_trustJob);
    m_title->setText(outcome);
    appendLog(outcome);
    Q_EMIT busyChanged(false);
    Q_EMIT queueFinished(false);
    if (m_trustState == TrustState::Declined)
        flow.decided(false, outcome);
}

} // namespace vlab
