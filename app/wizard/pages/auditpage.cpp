#include "auditpage.h"

#include "audit/auditsession.h"
#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "loginboxes.h"
#include "netscaler/nitrojob.h"
#include "project/plandocument.h"
#include "project/projectstate.h"
#include "rememberedpassword.h"
#include "runpanel.h"
#include "vcenterconnectionbox.h"

#include <QCheckBox>
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

enum Column { StatusColumn, AreaColumn, TargetColumn, ExpectedColumn, FoundColumn, MessageColumn };

QString areaTitle(const QString &area)
{
    static const QHash<QString, const char *> titles = {
        {u"dns"_s, QT_TRANSLATE_NOOP("vlab::AuditPage", "DNS")},
        {u"certs"_s, QT_TRANSLATE_NOOP("vlab::AuditPage", "Certificates")},
        {u"netscaler"_s, QT_TRANSLATE_NOOP("vlab::AuditPage", "NetScaler")},
        {u"psc"_s, QT_TRANSLATE_NOOP("vlab::AuditPage", "PSC")},
        {u"vcenter"_s, QT_TRANSLATE_NOOP("vlab::AuditPage", "vCenter")},
        {u"vcha"_s, QT_TRANSLATE_NOOP("vlab::AuditPage", "VCHA")},
        {u"vds"_s, QT_TRANSLATE_NOOP("vlab::AuditPage", "vDS")},
        {u"tcp"_s, QT_TRANSLATE_NOOP("vlab::AuditPage", "TCP")}};
    const char *title = titles.value(area);
    return title ? AuditPage::tr(title) : area;
}

QString statusTitle(AuditStatus status)
{
    switch (status) {
    case AuditStatus::Ok:
        return AuditPage::tr("ok");
    case AuditStatus::Drift:
        return AuditPage::tr("drift");
    case AuditStatus::Unreachable:
        return AuditPage::tr("unreachable");
    case AuditStatus::Skipped:
        return AuditPage::tr("skipped");
    }
    return {};
}

// A table that asks for four rows only: the step's scroll area makes a page with wrapped labels
// as tall as its preferred size, and a table's default (192 px) made the page scroll at
// 1024x700 with the run panel open; the table takes whatever room is left instead.
class ResultsTable : public QTableWidget
{
public:
    QSize sizeHint() const override
    {
        return {QTableWidget::sizeHint().width(), verticalHeader()->defaultSectionSize() * 5};
    }
    QSize minimumSizeHint() const override { return sizeHint(); }
};

// When an area was audited, as the page shows it: local time, to the minute.
QString auditTime(const QDateTime &time)
{
    return time.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
}

// The title of the step's page, as the side list shows it.
QString titleOfStep(const QString &id)
{
    for (const StepInfo &step : StepRegistry::steps()) {
        if (QLatin1StringView(step.id) == id)
            return step.title ? step.title() : id;
    }
    return id;
}

} // namespace

QString AuditPage::stepTitle()
{
    return tr("As-built audit");
}

QString AuditPage::stepFixing(const AuditResult &result, const QString &vcenterFqdn)
{
    const QString &area = result.area;
    if (area == u"dns"_s)
        return u"precheck"_s;
    if (area == u"certs"_s) {
        // The items of one endpoint end with a stable word (see CertAuditJob): names, validity
        // and chain are the certificate's own; tls and the comparison are what a PSC serves.
        for (const QString &aspect : {u" names"_s, u" validity"_s, u" chain"_s}) {
            if (result.target.endsWith(aspect))
                return u"certificates"_s;
        }
        return u"applycerts"_s;
    }
    if (area == u"psc"_s) {
        // The vCenter's own item (vmafd-cli on the vCenter): it was installed pointing there.
        if (!vcenterFqdn.isEmpty() && result.target.startsWith(vcenterFqdn + u' '))
            return u"vcenter"_s;
        // The PSCs' lookup service location is set by the endpoint step.
        return result.expected.contains(u"/lookupservice/"_s) ? u"applycerts"_s : u"psc"_s;
    }
    if (area == u"tcp"_s)
        return u"diagnostics"_s;
    return area; // netscaler, vcenter, vcha, vds: the step of the same name
}

AuditPage::AuditPage(const StepContext &context)
    : m_context(context)
    , m_timeout(new QSpinBox)
    , m_run(new QPushButton(tr("&Run the audit")))
    , m_rerun(new QPushButton(tr("Re-run &problem areas")))
    , m_summary(new QLabel)
    , m_tabs(new QTabWidget)
    , m_table(new ResultsTable)
    , m_details(new QLabel)
    , m_goTo(new QPushButton(tr("&Go to the step that fixes it")))
    , m_netscaler(new NetScalerLoginBox(tr("NetScaler (netscaler)"), u"audit"_s, context.secrets))
    , m_vcenter(new VCenterConnectionBox)
    , m_ssh(new SshLoginBox(tr("PSCs over SSH (psc, tcp)"), u"audit"_s))
{
    setObjectName(u"page:audit"_s);
    setTitle(stepTitle());
    setSubTitle(tr("Checks the built lab against the plan, reading only: DNS records, the certificates "
                   "served, the NetScaler objects, the PSCs' SSO domain and site, vCenter, VCHA, the "
                   "Distributed Switch and TCP states. Nothing is changed."));
    m_run->setObjectName(u"auditRun"_s);
    m_rerun->setObjectName(u"auditRerun"_s);
    m_rerun->setToolTip(tr("Audits again the areas with drift, unreachable or skipped checks; the rows "
                           "of the other areas stay."));
    m_rerun->setEnabled(false);
    m_summary->setObjectName(u"auditSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs->setObjectName(u"auditTabs"_s);
    m_table->setObjectName(u"auditTable"_s);
    m_details->setObjectName(u"auditDetails"_s);
    m_details->setTextFormat(Qt::PlainText); // lab answers are data, never markup
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_goTo->setObjectName(u"auditGoTo"_s);
    m_goTo->setEnabled(false);

    // What to audit.
    auto *areas = new QHBoxLayout;
    for (const QString &area : auditAreas()) {
        auto *box = new QCheckBox(areaTitle(area));
        box->setObjectName(u"auditArea:"_s + area);
        box->setProperty("area", area);
        box->setChecked(true);
        m_areas << box;
        areas->addWidget(box);
    }
    areas->addStretch(1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_summary, 1);
    actions->addWidget(m_run);
    actions->addWidget(m_rerun);

    // Results: every check, and the selected one in full with the way to its step.
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        {tr("Status"), tr("Area"), tr("Target"), tr("Expected"), tr("Found"), tr("Message")});
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(AreaColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(TargetColumn, 200);
    m_table->setColumnWidth(ExpectedColumn, 140);
    m_table->setColumnWidth(FoundColumn, 140);
    auto *fix = new QHBoxLayout;
    fix->addWidget(m_details, 1);
    fix->addWidget(m_goTo, 0, Qt::AlignTop);
    auto *results = new QWidget;
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->addWidget(m_table, 1);
    resultsLayout->addLayout(fix);

    // Connections: what the areas that log in need, as the other pages keep it.
    m_netscaler->address()->setToolTip(
        tr("The NSIP (management address), optionally with :PORT; its certificate must "
           "have been confirmed on the Load balancer page."));
    m_vcenter->setTitle(tr("vCenter (vcenter, vcha, vds)"));
    m_vcenter->attach(context);
    m_ssh->offerRootPassword(context.secrets);
    m_ssh->setToolTip(tr("The PSCs' host keys must be recorded in the project (Apply certificates or "
                         "Diagnostics do that); the audit records none."));
    m_timeout->setObjectName(u"auditTimeout"_s);
    m_timeout->setRange(100, 120000);
    m_timeout->setSingleStep(500);
    m_timeout->setValue(5000);
    m_timeout->setSuffix(tr(" ms"));
    auto *limit = new QFormLayout;
    limit->addRow(tr("Time limit"), m_timeout);
    m_timeout->setToolTip(tr("Time limit per check"));
    // Three columns: low enough that the tabs fit 1024x700 with the run panel open.
    auto *connections = new QWidget;
    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(m_netscaler);
    left->addLayout(limit);
    left->addStretch(1);
    auto *middle = new QVBoxLayout;
    middle->addWidget(m_vcenter);
    middle->addStretch(1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_ssh);
    right->addStretch(1);
    columns->addLayout(left, 1);
    columns->addLayout(middle, 1);
    columns->addLayout(right, 1);
    auto *connectionsLayout = new QVBoxLayout(connections);
    connectionsLayout->addLayout(columns);
    connectionsLayout->addStretch(1);

    m_tabs->addTab(results, tr("Res&ults"));
    m_tabs->addTab(connections, tr("&Connections"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(areas);
    layout->addLayout(actions);
    layout->addWidget(m_tabs, 1);

    connect(m_run, &QPushButton::clicked, this, [this] {
        QStringList chosen;
        for (const QCheckBox *box : std::as_const(m_areas)) {
            if (box->isChecked())
                chosen << box->property("area").toString();
        }
        runAudit(chosen, false);
    });
    connect(m_rerun, &QPushButton::clicked, this, [this] { runAudit(problemAreas(), true); });
    connect(m_goTo, &QPushButton::clicked, this, &AuditPage::goToFix);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AuditPage::showSelected);
    connect(m_table, &QTableWidget::doubleClicked, this, [this] {
        if (m_goTo->isEnabled())
            goToFix();
    });
    connect(m_context.runPanel, &RunPanel::busyChanged, this, &AuditPage::updateButtons);
    // Results of another plan say nothing about this one; its own project may hold some.
    connect(m_context.document, &PlanDocument::planReset, this, &AuditPage::showKeptRecord);
    showKeptRecord();
}

void AuditPage::showKeptRecord()
{
    m_results.clear();
    m_audited.clear();
    m_areaTimes.clear();
    m_summary->clear();
    m_summary->setToolTip({});
    const QString folder = m_context.document->projectFolder();
    const Result<AuditRecord> kept = loadAuditRecord(folder);
    const QString file = QDir(folder).filePath(QString::fromLatin1(kAuditResultsFile));
    if (!kept) {
        m_summary->setText(tr("The last audit's results in %1 cannot be shown: %2")
                               .arg(QString::fromLatin1(kAuditResultsFile), kept.error().message));
        m_summary->setToolTip(QDir::toNativeSeparators(file));
    } else if (!kept->isEmpty()) {
        m_results = kept->results;
        m_audited = kept->areas;
        m_areaTimes = kept->areaTimes;
        // When, per area, the oldest first: "DNS, PSC on 2026-12-07 15:00; vCenter on ...".
        QMap<QDateTime, QStringList> areasByTime;
        for (const QString &area : std::as_const(m_audited))
            areasByTime[m_areaTimes.value(area)] << areaTitle(area);
        QStringList when;
        for (auto it = areasByTime.cbegin(); it != areasByTime.cend(); ++it)
            when << (it.key().isValid() ? tr("%1 on %2").arg(it.value().join(u", "_s), auditTime(it.key()))
                                        : tr("%1 at a time not recorded").arg(it.value().join(u", "_s)));
        const AuditSummary s = summarizeAudit(m_results);
        const QString counts = tr("%1 ok, %2 drift, %3 unreachable, %4 skipped.")
                                   .arg(QString::number(s.ok), QString::number(s.drift),
                                        QString::number(s.unreachable), QString::number(s.skipped));
        m_summary->setText(tr("The last audit, kept in %1: %2. %3 Run the audit to check the lab now.")
                               .arg(QString::fromLatin1(kAuditResultsFile), when.join(u"; "_s), counts));
        m_summary->setToolTip(QDir::toNativeSeparators(file));
        m_tabs->setCurrentIndex(0);
    }
    showResults();
}

void AuditPage::initializePage()
{
    const LabPlan &plan = m_context.document->plan();
    m_netscaler->suggestFrom(plan, m_context.document->projectFolder());
    m_vcenter->suggestFrom(plan);
    m_ssh->recallRootPassword(plan.lab.name);
    if (m_results.isEmpty() && m_summary->text().isEmpty())
        m_summary->setText(tr("Nothing audited yet. The audit reads from the lab and changes nothing."));
}

Result<AuditOptions> AuditPage::options(const QStringList &areas)
{
    const LabPlan &plan = m_context.document->plan();
    AuditOptions o;
    o.areas = areas;
    o.timeoutMs = m_timeout->value();
    o.projectFolder = m_context.document->projectFolder();
    const AuditLogins logins = auditLogins(plan, areas);
    const auto missing = [this](QWidget *field, const QString &why) -> Error {
        m_tabs->setCurrentIndex(1);
        field->setFocus();
        return makeError(u"audit.input"_s, why);
    };
    if (logins.netscaler) {
        if (const Result<NitroTarget> target = NitroTarget::parseAddress(m_netscaler->address()->text());
            !target)
            return missing(m_netscaler->address(), target.error().message);
        if (m_netscaler->user()->text().trimmed().isEmpty())
            return missing(m_netscaler->user(), tr("Enter the NetScaler user, or leave NetScaler out."));
        if (m_netscaler->password()->text().isEmpty())
            return missing(m_netscaler->password(),
                           tr("Enter the NetScaler password, or leave NetScaler out."));
        o.nsipAddress = m_netscaler->address()->text().trimmed();
        o.nsUser = m_netscaler->user()->text().trimmed();
        o.nsPassword = m_netscaler->password()->text();
    }
    if (logins.vcenter) {
        const Result<VCenterEndpoint> endpoint = m_vcenter->endpoint();
        if (!endpoint) {
            m_tabs->setCurrentIndex(1);
            return endpoint.error();
        }
        if (endpoint->password.isEmpty())
            return missing(m_vcenter->findChild<QLineEdit *>(u"vcPassword"_s),
                           tr("Enter the vCenter password, or leave vCenter, VCHA and vDS out."));
        o.vcenterAddress = vcenterTarget(endpoint->url);
        o.vcUser = endpoint->user;
        o.vcPassword = endpoint->password;
    }
    if (logins.ssh) {
        if (m_ssh->user()->text().trimmed().isEmpty())
            return missing(m_ssh->user(), tr("Enter the SSH user of the PSCs, or leave PSC and TCP out."));
        if (m_ssh->password()->text().isEmpty() && m_ssh->keyFile()->text().trimmed().isEmpty())
            return missing(m_ssh->password(),
                           tr("Enter the password of %1 on the PSCs or a key file, or leave PSC and TCP out.")
                               .arg(m_ssh->user()->text().trimmed()));
        o.sshUser = m_ssh->user()->text().trimmed();
        o.sshPort = m_ssh->port()->value();
        o.sshCredentials.password = m_ssh->password()->text();
        o.sshCredentials.privateKeyFile = m_ssh->keyFile()->text().trimmed();
    }
    return o;
}

bool AuditPage::runAudit(const QStringList &areas, bool merge)
{
    if (areas.isEmpty()) {
        m_summary->setText(tr("Choose at least one area to audit."));
        return false;
    }
    const Result<AuditOptions> chosen = options(areas);
    if (!chosen) {
        m_summary->setText(chosen.error().message);
        return false;
    }
    auto *session = new AuditSession(m_context.document->plan(), *chosen, this);
    auto *queue = new JobQueue;
    session->addTo(*queue);
    connect(queue, &JobQueue::finished, this,
            [this, session, areas, merge] { auditFinished(session, areas, merge); });
    const QString title = merge ? tr("Re-run the audit of %1").arg(areas.join(u", "_s))
                                : tr("As-built audit of %1").arg(areas.join(u", "_s));
    if (const RunPanel::RunStart started = m_context.runPanel->start(queue, title);
        started != RunPanel::RunStart::Started) {
        delete queue;
        delete session;
        m_summary->setText(RunPanel::notStartedText(started));
        return false;
    }
    if (m_session == session) // finished already (nothing to wait for)
        return true;
    m_summary->setText(tr("Auditing %1 ...").arg(areas.join(u", "_s)));
    return true;
}

void AuditPage::auditFinished(AuditSession *session, const QStringList &areas, bool merge)
{
    if (m_session && m_session != session)
        m_session->deleteLater();
    m_session = session;
    const QList<AuditResult> fresh = session->results();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!merge)
        m_areaTimes.clear();
    for (const QString &area : areas)
        m_areaTimes.insert(area, now);
    if (merge) {
        QList<AuditResult> merged;
        QStringList covered;
        for (const QString &area : auditAreas()) {
            const bool again = areas.contains(area);
            if (!again && !m_audited.contains(area))
                continue;
            covered << area;
            for (const AuditResult &r : again ? fresh : std::as_const(m_results)) {
                if (r.area == area)
                    merged << r;
            }
        }
        m_results = merged;
        m_audited = covered;
    } else {
        m_results = fresh;
        m_audited = areas;
    }
    showResults();
    m_tabs->setCurrentIndex(0); // what was found, also when the run was started from Connections
    // Kept in the project for the runbook's "As built" chapter (no password is in a result).
    const QString folder = m_context.document->projectFolder();
    Result<WrittenFile> kept = makeError(u"audit.record"_s, tr("The project folder cannot be made."));
    if (QDir().mkpath(folder))
        // Only the areas this run audited: the record keeps the others with their own dates.
        kept = keepAuditRecord(folder, fresh, areas, now);
    const AuditSummary s = summarizeAudit(m_results);
    const QString counts = tr("%1 ok, %2 drift, %3 unreachable, %4 skipped.")
                               .arg(QString::number(s.ok), QString::number(s.drift),
                                    QString::number(s.unreachable), QString::number(s.skipped));
    // One or two lines at 1024x700: the file's name here, its whole path in the tooltip.
    const QString record = kept
        ? tr("Kept in %1 for the runbook's As built chapter.").arg(QFileInfo(kept->path).fileName())
        : tr("The results were not kept for the runbook: %1").arg(kept.error().message);
    m_summary->setText(
        s.matches() ? tr("%1 The lab matches the plan as far as it was checked. %2").arg(counts, record)
                    : counts + u' ' + record);
    m_summary->setToolTip(kept ? QDir::toNativeSeparators(kept->path) : QString());
    updateButtons();
}

QStringList AuditPage::problemAreas() const
{
    QStringList areas;
    for (const QString &area : auditAreas()) {
        for (const AuditResult &r : m_results) {
            if (r.area == area && r.status != AuditStatus::Ok) {
                areas << area;
                break;
            }
        }
    }
    return areas;
}

void AuditPage::showResults()
{
    m_table->setRowCount(0);
    m_table->setRowCount(int(m_results.size()));
    for (int row = 0; row < m_results.size(); ++row) {
        const AuditResult &r = m_results.at(row);
        QStyle::StandardPixmap icon = QStyle::SP_DialogApplyButton;
        QColor colour;
        switch (r.status) {
        case AuditStatus::Ok:
            break;
        case AuditStatus::Drift:
            icon = QStyle::SP_MessageBoxCritical;
            colour = QColor(0xB0, 0x1E, 0x1E);
            break;
        case AuditStatus::Unreachable:
            icon = QStyle::SP_MessageBoxQuestion;
            colour = QColor(0x9A, 0x5B, 0x00);
            break;
        case AuditStatus::Skipped:
            icon = QStyle::SP_BrowserStop;
            colour = QColor(0x60, 0x60, 0x60);
            break;
        }
        const QStringList texts = {
            statusTitle(r.status), areaTitle(r.area), r.target, r.expected, r.found, r.message};
        for (int column = 0; column < texts.size(); ++column) {
            auto *item = new QTableWidgetItem(texts.at(column));
            item->setToolTip(texts.at(column));
            if (colour.isValid())
                item->setForeground(colour);
            m_table->setItem(row, column, item);
        }
        m_table->item(row, StatusColumn)->setIcon(style()->standardIcon(icon));
        m_table->item(row, StatusColumn)->setData(Qt::UserRole, auditStatusName(r.status));
        m_table->item(row, AreaColumn)->setData(Qt::UserRole, r.area);
    }
    showSelected();
    updateButtons();
}

void AuditPage::showSelected()
{
    const QList<QTableWidgetSelectionRange> ranges = m_table->selectedRanges();
    const int row = ranges.isEmpty() ? -1 : ranges.constFirst().topRow();
    if (row < 0 || row >= m_results.size()) {
        m_details->setText(m_results.isEmpty() ? QString() : tr("Select a check to see it in full."));
        updateButtons();
        return;
    }
    const AuditResult &r = m_results.at(row);
    QStringList lines;
    lines << tr("%1, %2: %3").arg(areaTitle(r.area), r.target, statusTitle(r.status));
    if (!r.expected.isEmpty())
        lines << tr("Expected: %1").arg(r.expected);
    if (!r.found.isEmpty())
        lines << tr("Found: %1").arg(r.found);
    if (!r.message.isEmpty())
        lines << r.message;
    if (!r.hint.isEmpty())
        lines << tr("Fix: %1").arg(r.hint);
    if (const QDateTime when = m_areaTimes.value(r.area); when.isValid())
        lines << tr("Audited on %1.").arg(auditTime(when));
    if (r.status != AuditStatus::Ok)
        lines << tr("The step that fixes it: %1")
                     .arg(titleOfStep(stepFixing(r, m_context.document->plan().vcenter.fqdn)));
    m_details->setText(lines.join(u'\n'));
    updateButtons();
}

void AuditPage::updateButtons()
{
    const bool busy = m_context.runPanel->isBusy();
    m_run->setEnabled(!busy);
    m_rerun->setEnabled(!busy && !problemAreas().isEmpty());
    const QList<QTableWidgetSelectionRange> ranges = m_table->selectedRanges();
    const int row = ranges.isEmpty() ? -1 : ranges.constFirst().topRow();
    const bool problem = row >= 0 && row < m_results.size() && m_results.at(row).status != AuditStatus::Ok;
    m_goTo->setEnabled(problem && m_context.showStep);
    m_goTo->setToolTip(problem ? tr("Goes to %1.")
                                     .arg(titleOfStep(stepFixing(m_results.at(row),
                                                                 m_context.document->plan().vcenter.fqdn)))
                               : QString());
}

void AuditPage::goToFix()
{
    const QList<QTableWidgetSelectionRange> ranges = m_table->selectedRanges();
    const int row = ranges.isEmpty() ? -1 : ranges.constFirst().topRow();
    if (row < 0 || row >= m_results.size() || !m_context.showStep)
        return;
    const QString step = stepFixing(m_results.at(row), m_context.document->plan().vcenter.fqdn);
    if (!m_context.showStep(step))
        m_summary->setText(tr("The step %1 cannot be shown now.").arg(titleOfStep(step)));
}

VLAB_REGISTER_STEP(85, "audit", AuditPage)

} // namespace vlab
