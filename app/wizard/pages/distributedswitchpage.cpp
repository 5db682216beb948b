#include "distributedswitchpage.h"

#include "codeview.h"
#include "findinglabel.h"
#include "jobs/jobqueue.h"
#include "plan/planjson.h"
#include "planform.h"
#include "project/plandocument.h"
#include "runpanel.h"
#include "vcenterconnectionbox.h"
#include "vsphere/vcenteractions.h"
#include "vsphere/vdsscriptwriter.h"

#include <QApplication>
#include <QClipboard>
#include <QFont>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

QString DistributedSwitchPage::stepTitle()
{
    return tr("Distributed Switch");
}

DistributedSwitchPage::DistributedSwitchPage(const StepContext &context)
    : m_context(context)
    , m_groups(new QTableWidget)
    , m_summary(new QLabel)
    , m_govc(newCodeView(u"vdsGovc"_s))
    , m_powercli(newCodeView(u"vdsPowerCli"_s))
    , m_connection(new VCenterConnectionBox)
    , m_datacenter(new QLineEdit)
    , m_login(new QPushButton(tr("Test login")))
    , m_create(new QPushButton(tr("Create the switch in vCenter")))
    , m_status(new QLabel)
{
    m_connection->attach(context);
    setObjectName(u"page:vds"_s);
    setTitle(stepTitle());
    setSubTitle(tr("The switch with its MTU, uplinks and one port group per VLAN: as scripts for govc or "
                   "PowerCLI, or created in vCenter over the vSphere API (existing ones are reported, not "
                   "duplicated)."));
    m_groups->setObjectName(u"vdsPortGroups"_s);
    m_summary->setObjectName(u"vdsSummary"_s);
    m_datacenter->setObjectName(u"vdsDatacenter"_s);
    m_login->setObjectName(u"vdsTestLogin"_s);
    m_create->setObjectName(u"vdsCreate"_s);
    m_status->setObjectName(u"vdsStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_datacenter->setPlaceholderText(tr("empty: the only datacenter there is"));

    m_groups->setColumnCount(2);
    m_groups->setHorizontalHeaderLabels({tr("Port group"), tr("VLAN")});
    m_groups->verticalHeader()->setVisible(false);
    m_groups->verticalHeader()->setDefaultSectionSize(m_groups->fontMetrics().height() + 8);
    m_groups->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                              | QAbstractItemView::AnyKeyPressed);
    m_groups->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_groups->setToolTip(tr("Type to change a name or VLAN (0: no tag)."));

    // The switch's values, edited here; its port groups in the table.
    PlanDocument *plan = m_context.document;
    m_switch = new PlanForm(tr("Switch"), plan);
    m_switch->addText(
        tr("Name"), u"vds.name"_s, [](const LabPlan &p) { return p.vds.name; },
        [](LabPlan &p, const QString &v) { p.vds.name = v; }, u"DSwitch"_s);
    m_switch->addChoice(
        tr("Version"), u"vds.version"_s, {u"6.6.0"_s, u"6.5.0"_s, u"6.0.0"_s},
        [](const LabPlan &p) { return p.vds.version; },
        [](LabPlan &p, const QString &v) { p.vds.version = v; }, true);
    m_switch->addNumber(
        tr("MTU"), u"vds.mtu"_s, [](const LabPlan &p) { return p.vds.mtu; },
        [](LabPlan &p, const int &v) { p.vds.mtu = v; }, tr(" bytes"));
    m_switch->addNumber(
        tr("Uplinks per host"), u"vds.uplinks"_s, [](const LabPlan &p) { return p.vds.uplinks; },
        [](LabPlan &p, const int &v) { p.vds.uplinks = v; });
    m_groupFindings = new FindingLabel(u"vds.portGroups"_s);
    m_groupFindings->setDocument(m_context.document);
    connect(m_groupFindings, &FindingLabel::fieldActivated, this, [this](const QString &path) {
        if (m_context.showField)
            m_context.showField(path);
    });
    auto *addGroup = new QPushButton(tr("Add port group"));
    addGroup->setObjectName(u"vdsAddPortGroup"_s);
    auto *removeGroup = new QPushButton(tr("Remove port group"));
    removeGroup->setObjectName(u"vdsRemovePortGroup"_s);
    auto *groupButtons = new QHBoxLayout;
    groupButtons->addWidget(addGroup);
    groupButtons->addWidget(removeGroup);
    groupButtons->addStretch(1);
    connect(m_groups, &QTableWidget::itemChanged, this, [this] {
        if (m_loadingGroups)
            return;
        QList<PortGroup> groups;
        for (int row = 0; row < m_groups->rowCount(); ++row) {
            const QTableWidgetItem *name = m_groups->item(row, 0);
            const QTableWidgetItem *vlan = m_groups->item(row, 1);
            bool ok = false;
            const int tag = vlan ? vlan->text().trimmed().toInt(&ok) : 0;
            groups << PortGroup{name ? name->text() : QString(), ok ? tag : -1}; // -1: validation names it
        }
        m_context.document->edit([&](LabPlan &p) { p.vds.portGroups = groups; });
    });
    connect(addGroup, &QPushButton::clicked, this, [this] {
        const int row = int(m_context.document->plan().vds.portGroups.size());
        m_context.document->edit([](LabPlan &p) { p.vds.portGroups.append(PortGroup{QString(), 0}); });
        refresh();
        m_groups->setFocus();
        m_groups->setCurrentCell(row, 0);
        m_groups->editItem(m_groups->item(row, 0));
    });
    connect(removeGroup, &QPushButton::clicked, this, [this] {
        const int row = m_groups->currentRow();
        if (row < 0)
            return;
        m_context.document->edit([row](LabPlan &p) {
            if (row < p.vds.portGroups.size())
                p.vds.portGroups.removeAt(row);
        });
        refresh();
    });

    auto *tabs = new QTabWidget;
    tabs->addTab(m_govc, tr("govc"));
    tabs->addTab(m_powercli, tr("PowerCLI"));
    auto *copy = new QPushButton(tr("Copy script"));
    copy->setObjectName(u"vdsCopy"_s);

    auto *left = new QVBoxLayout;
    left->addWidget(m_switch);
    left->addWidget(m_summary);
    left->addWidget(m_groups, 1);
    left->addWidget(m_groupFindings);
    left->addLayout(groupButtons);
    left->addWidget(m_connection);
    auto *dcForm = new QFormLayout;
    dcForm->addRow(tr("Datacenter"), m_datacenter);
    left->addLayout(dcForm);
    auto *right = new QVBoxLayout;
    right->addWidget(tabs, 1);
    right->addWidget(copy, 0, Qt::AlignRight);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_login);
    buttons->addWidget(m_create);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addLayout(buttons);

    connect(copy, &QPushButton::clicked, this, [this, tabs] {
        QApplication::clipboard()->setText(tabs->currentIndex() == 0 ? m_govc->toPlainText()
                                                                     : m_powercli->toPlainText());
    });
    connect(m_login, &QPushButton::clicked, this, &DistributedSwitchPage::testLogin);
    connect(m_create, &QPushButton::clicked, this, &DistributedSwitchPage::createSwitch);
    connect(m_context.document, &PlanDocument::planChanged, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_context.runPanel, &RunPanel::busyChanged, this, [this](bool busy) {
        m_login->setEnabled(!busy);
        m_create->setEnabled(!busy);
    });
}

bool DistributedSwitchPage::ownsField(const QString &path)
{
    return path.startsWith(u"vds."_s);
}

QWidget *DistributedSwitchPage::showField(const QString &path)
{
    static const QRegularExpression group(u"^vds\\.portGroups(?:\\[(\\d+)\\](?:\\.(name|vlan))?)?$"_s);
    if (const auto m = group.match(path); m.hasMatch()) {
        refresh();
        if (!m.captured(1).isEmpty())
            m_groups->setCurrentCell(m.captured(1).toInt(), m.captured(2) == u"vlan"_s ? 1 : 0);
        return m_groups;
    }
    return m_switch->editorFor(path);
}

void DistributedSwitchPage::initializePage()
{
    const LabPlan &plan = m_context.document->plan();
    m_connection->suggestFrom(plan);
    if (m_datacenter->text().isEmpty())
        m_datacenter->setText(plan.target.datacenter);
    refresh();
}

void DistributedSwitchPage::refresh()
{
    const DistributedSwitch &vds = m_context.document->plan().vds;
    // A plan holds at most kMaxPlanPortGroups: one more could not be opened again.
    if (auto *add = findChild<QPushButton *>(u"vdsAddPortGroup"_s)) {
        const bool room = vds.portGroups.size() < kMaxPlanPortGroups;
        add->setEnabled(room);
        add->setToolTip(room ? QString()
                             : tr("A lab plan holds at most %1 port groups.").arg(kMaxPlanPortGroups));
    }
    m_summary->setText(tr("%1: version %2, MTU %3, %4 uplinks, %5 port group(s)")
                           .arg(vds.name, vds.version, QString::number(vds.mtu), QString::number(vds.uplinks),
                                QString::number(vds.portGroups.size())));
    // Rebuilt only when the plan says something else than the table: a cell being edited
    // keeps its editor.
    bool same = m_groups->rowCount() == vds.portGroups.size();
    for (int row = 0; same && row < m_groups->rowCount(); ++row) {
        const QTableWidgetItem *name = m_groups->item(row, 0);
        const QTableWidgetItem *vlan = m_groups->item(row, 1);
        same = name && vlan && name->text() == vds.portGroups.at(row).name
            && vlan->text().trimmed().toInt() == vds.portGroups.at(row).vlan;
    }
    if (!same) {
        m_loadingGroups = true;
        m_groups->setRowCount(0);
        for (const PortGroup &pg : vds.portGroups) {
            const int row = m_groups->rowCount();
            m_groups->insertRow(row);
            m_groups->setItem(row, 0, new QTableWidgetItem(pg.name));
            m_groups->setItem(row, 1, new QTableWidgetItem(QString::number(pg.vlan)));
        }
        m_loadingGroups = false;
    }
    m_groupFindings->showFindings(m_context.document->findingsFor(u"vds.portGroups"_s, true), true,
                                  &m_context.document->plan());
    const QString dc =
        m_datacenter->text().trimmed().isEmpty() ? u"Datacenter"_s : m_datacenter->text().trimmed();
    const LabPlan &plan = m_context.document->plan();
    for (const auto &[view, format] :
         {std::pair{m_govc, VdsScriptFormat::Govc}, std::pair{m_powercli, VdsScriptFormat::PowerCli}}) {
        const Result<QByteArray> script = renderVdsScript(plan, format, dc);
        view->setPlainText(script ? QString::fromUtf8(*script) : script.error().message);
    }
}

void DistributedSwitchPage::testLogin()
{
    const Result<VCenterEndpoint> e = m_connection->endpoint();
    if (!e)
        return m_status->setText(e.error().message);
    runJob(VCenterActions(m_context.document->projectFolder()).createLoginJob(*e),
           tr("Test the vCenter login"), [this] { testLogin(); });
}

void DistributedSwitchPage::createSwitch()
{
    const Result<VCenterEndpoint> e = m_connection->endpoint();
    if (!e)
        return m_status->setText(e.error().message);
    const LabPlan &plan = m_context.document->plan();
    if (plan.vds.name.isEmpty())
        return m_status->setText(tr("The plan has no switch name (vds.name)."));
    const Result<DvsCreateJob *> job = VCenterActions(m_context.document->projectFolder())
                                           .createDvsJob(*e, plan, m_datacenter->text().trimmed());
    if (!job)
        return m_status->setText(job.error().message);
    runJob(*job, tr("Create the Distributed Switch"), [this] { createSwitch(); });
}

void DistributedSwitchPage::runJob(Job *job, const QString &title, const std::function<void()> &rerun)
{
    auto *queue = new JobQueue;
    queue->addJob(job);
    // Captured now: the plan may change (or another be opened) while the job runs.
    const QString lab = m_context.document->plan().lab.name;
    const QString folder = m_context.document->projectFolder();
    connect(queue, &JobQueue::finished, this, [this, job, lab, folder](bool ok) {
        if (ok) {
            // Every job here logs in first.
            if (auto *dvs = qobject_cast<DvsCreateJob *>(job))
                m_connection->rememberWhatWorked(dvs->endpoint(), lab, folder);
            else if (auto *login = qobject_cast<VCenterLoginJob *>(job))
                m_connection->rememberWhatWorked(login->endpoint(), lab, folder);
            if (auto *dvs = qobject_cast<DvsCreateJob *>(job)) {
                const DvsOutcome &o = dvs->outcome();
                m_status->setText(
                    tr("%1; port groups created: %2; already there: %3.")
                        .arg(o.switchExisted ? tr("The switch already existed") : tr("Switch created"),
                             o.created.isEmpty() ? tr("none") : o.created.join(u", "_s),
                             o.existing.isEmpty() ? tr("none") : o.existing.join(u", "_s)));
            } else if (auto *login = qobject_cast<VCenterLoginJob *>(job)) {
                m_status->setText(tr("Logged in: %1.").arg(login->info().product));
            }
            return;
        }
        // A certificate not confirmed yet: the run panel asks, the trust flow says the rest.
        m_status->setText(m_context.runPanel->awaitsTrust() ? m_context.runPanel->trustText()
                                                            : job->result().error().message);
    });
    if (const RunPanel::RunStart started = m_context.runPanel->start(
            queue, title,
            m_connection->trustFlow(rerun, [this](const QString &text) { m_status->setText(text); }));
        started != RunPanel::RunStart::Started) {
        delete queue;
        m_status->setText(RunPanel::notStartedText(started));
    }
}

VLAB_REGISTER_STEP(70, "vds", DistributedSwitchPage)

} // namespace vlab
