#include "precheckpage.h"

#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "precheck/precheckplan.h"
#include "project/plandocument.h"
#include "runpanel.h"

#include <QCheckBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
QString keyOf(const QString &category, const QString &target)
{
    return category + u'|' + target;
}
} // namespace

QString PrecheckPage::stepTitle()
{
    return tr("Pre-checks");
}

PrecheckPage::PrecheckPage(const StepContext &context)
    : m_context(context)
    , m_timeout(new QSpinBox)
    , m_run(new QPushButton(tr("Run all checks")))
    , m_rerun(new QPushButton(tr("Re-run failed")))
    , m_tree(new QTreeWidget)
    , m_summary(new QLabel)
{
    setObjectName(u"page:precheck"_s);
    setTitle(stepTitle());
    setSubTitle(tr("DNS records both ways, ports, time and certificates, checked from this machine "
                   "before anything is installed. Plan-only users can skip this page."));
    m_run->setObjectName(u"runChecks"_s);
    m_rerun->setObjectName(u"rerunFailed"_s);
    m_tree->setObjectName(u"checkTree"_s);
    m_summary->setObjectName(u"checkSummary"_s);
    m_rerun->setEnabled(false);

    auto *options = new QHBoxLayout;
    const QList<std::pair<QString, QString>> categories = {
        {u"dns"_s, tr("DNS")}, {u"ports"_s, tr("Ports")}, {u"ntp"_s, tr("NTP")}, {u"tls"_s, tr("TLS")}};
    for (const auto &[id, label] : categories) {
        auto *box = new QCheckBox(label);
        box->setObjectName(u"category:"_s + id);
        box->setProperty("category", id);
        box->setChecked(true);
        m_categories << box;
        options->addWidget(box);
    }
    options->addSpacing(16);
    options->addWidget(new QLabel(tr("Time limit per check:")));
    m_timeout->setRange(200, 60000);
    m_timeout->setSingleStep(500);
    m_timeout->setValue(3000);
    m_timeout->setSuffix(tr(" ms"));
    options->addWidget(m_timeout);
    options->addStretch(1);
    options->addWidget(m_run);
    options->addWidget(m_rerun);

    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Node / check"), tr("Target"), tr("Result")});
    m_tree->setWordWrap(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_summary->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(options);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);

    connect(m_run, &QPushButton::clicked, this, [this] { runChecks(false); });
    connect(m_rerun, &QPushButton::clicked, this, [this] { runChecks(true); });
    connect(m_context.runPanel, &RunPanel::busyChanged, this, [this](bool busy) {
        m_run->setEnabled(!busy);
        m_rerun->setEnabled(!busy
                            && std::any_of(m_results.cbegin(), m_results.cend(),
                                           [](const CheckResult &r) { return isProblem(r.status); }));
    });
}

void PrecheckPage::initializePage()
{
    if (m_results.isEmpty() && !m_context.runPanel->isBusy())
        listPlannedChecks();
}

// Plan-only view: what would be checked, without touching the network.
void PrecheckPage::listPlannedChecks()
{
    m_tree->clear();
    m_nodes.clear();
    const QList<CheckJob *> jobs = createPrecheckJobs(m_context.document->plan(), PrecheckOptions{});
    for (CheckJob *job : jobs) {
        const CheckResult &planned = job->checkResult();
        auto *item = new QTreeWidgetItem(nodeItem(planned.node),
                                         {planned.category.toUpper(), planned.target, tr("Not run yet")});
        item->setData(0, Qt::UserRole, keyOf(planned.category, planned.target));
        item->setData(0, Qt::UserRole + 1, u"planned"_s);
    }
    qDeleteAll(jobs);
    m_summary->setText(
        tr("%n check(s) planned. They talk to the addresses in the plan.", nullptr, int(jobs.size())));
}

QTreeWidgetItem *PrecheckPage::nodeItem(const QString &node)
{
    if (QTreeWidgetItem *item = m_nodes.value(node))
        return item;
    auto *item = new QTreeWidgetItem(m_tree, {node});
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setExpanded(true);
    m_nodes.insert(node, item);
    return item;
}

void PrecheckPage::runChecks(bool onlyFailed)
{
    PrecheckOptions options;
    options.categories.clear();
    for (QCheckBox *box : std::as_const(m_categories)) {
        if (box->isChecked())
            options.categories << box->property("category").toString();
    }
    if (options.categories.isEmpty()) {
        m_summary->setText(tr("Choose at least one kind of check."));
        return;
    }
    options.timeoutMs = m_timeout->value();
    QList<CheckJob *> jobs = createPrecheckJobs(m_context.document->plan(), options);
    if (onlyFailed) {
        QList<CheckJob *> failed;
        for (CheckJob *job : std::as_const(jobs)) {
            const CheckResult &planned = job->checkResult();
            const auto it = m_results.constFind(keyOf(planned.category, planned.target));
            if (it != m_results.cend() && isProblem(it->status))
                failed << job;
            else
                delete job;
        }
        jobs = failed;
    } else {
        m_tree->clear();
        m_nodes.clear();
        m_results.clear();
    }
    if (jobs.isEmpty()) {
        m_summary->setText(tr("Nothing to check."));
        return;
    }
    auto *queue = new JobQueue;
    addPrecheckJobs(*queue, jobs, options);
    m_running.clear();
    for (CheckJob *job : std::as_const(jobs))
        m_running << QPointer<CheckJob>(job);
    for (CheckJob *job : std::as_const(jobs))
        connect(job, &CheckJob::checked, this, &PrecheckPage::showResult);
    connect(queue, &JobQueue::finished, this, &PrecheckPage::saveResults);
    if (!m_context.runPanel->run(queue, onlyFailed ? tr("Re-run failed pre-checks") : tr("Pre-checks"))) {
        delete queue;
        m_summary->setText(tr("Other work is still running; wait for it or cancel it."));
        return;
    }
    m_summary->setText(tr("Running %n check(s)...", nullptr, int(jobs.size())));
}

void PrecheckPage::showResult(const CheckResult &r)
{
    const QString key = keyOf(r.category, r.target);
    m_results.insert(key, r);
    QTreeWidgetItem *parent = nodeItem(r.node);
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < parent->childCount(); ++i) {
        if (parent->child(i)->data(0, Qt::UserRole).toString() == key)
            item = parent->child(i);
    }
    if (!item)
        item = new QTreeWidgetItem(parent);
    item->setData(0, Qt::UserRole, key);
    item->setData(0, Qt::UserRole + 1, checkStatusName(r.status));
    item->setText(0, r.category.toUpper());
    item->setText(1, r.target);
    item->setText(2,
                  r.status == CheckStatus::Pass || r.hint.isEmpty()
                      ? r.message
                      : r.message + u'\n' + tr("Fix: %1").arg(r.hint));
    item->setToolTip(2, r.detail);
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxCritical;
    switch (r.status) {
    case CheckStatus::Pass:
        icon = QStyle::SP_DialogApplyButton;
        break;
    case CheckStatus::Warn:
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case CheckStatus::Fail:
        break;
    case CheckStatus::NoAnswer:
        icon = QStyle::SP_MessageBoxQuestion;
        break;
    case CheckStatus::Cancelled:
    case CheckStatus::NotRun:
        icon = QStyle::SP_BrowserStop;
        break;
    }
    item->setIcon(0, style()->standardIcon(icon));
}

void PrecheckPage::saveResults()
{
    // The checks the run never reached are "not run": the summary adds up to the planned checks.
    for (const QPointer<CheckJob> &job : std::as_const(m_running)) {
        if (job && job->outcome().status == CheckStatus::NotRun)
            showResult(job->outcome());
    }
    m_running.clear();
    QList<CheckResult> results = m_results.values();
    std::sort(results.begin(), results.end(), [](const CheckResult &a, const CheckResult &b) {
        return std::tie(a.node, a.category, a.target) < std::tie(b.node, b.category, b.target);
    });
    const PrecheckCounts counts = countOutcomes(results);
    const QString folder = m_context.document->projectFolder();
    QString saved;
    if (QDir().mkpath(folder)) {
        const QString file = QDir(folder).filePath(QString::fromLatin1(kPrecheckResultsFile));
        if (writeFileAtomically(file, precheckResultsJson(results)))
            saved = tr("Saved to %1.").arg(QDir::toNativeSeparators(file));
    }
    m_summary->setText(
        tr("%1 passed, %2 warning(s), %3 failed, %4 no answer, %5 cancelled, %6 not run. %7")
            .arg(QString::number(counts.passed), QString::number(counts.warnings),
                 QString::number(counts.failed), QString::number(counts.noAnswer),
                 QString::number(counts.cancelled), QString::number(counts.notRun),
                 saved.isEmpty() ? tr("The results could not be saved in the project folder.") : saved));
    m_rerun->setEnabled(counts.problems() > 0 && !m_context.runPanel->isBusy());
}

VLAB_REGISTER_STEP(10, "precheck", PrecheckPage)

} // namespace vlab
