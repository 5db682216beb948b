#include "distributedswitchpage.h"

#include "codeview.h"
#include "jobs/jobqueue.h"
#include "project/plandocument.h"
#include "runpanel.h"
#include "vcenterconnectionbox.h"
#include "vsphere/dvsjob.h"
#include "vsphere/vcenterloginjob.h"
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
    m_groups->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_groups->horizontalHeader()->setStretchLastSection(true);

    auto *tabs = new QTabWidget;
    tabs->addTab(m_govc, tr("govc"));
    tabs->addTab(m_powercli, tr("PowerCLI"));
    auto *copy = new QPushButton(tr("Copy script"));
    copy->setObjectName(u"vdsCopy"_s);

    auto *left = new QVBoxLayout;
    left->addWidget(m_summary);
    left->addWidget(m_groups, 1);
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
    connect(m_login, &QPushButton::clicked, this, [this] {
        const Result<VCenterEndpoint> e = m_connection->endpoint();
        if (!e)
            return m_status->setText(e.error().message);
        runJob(new VCenterLoginJob(*e), tr("Test the vCenter login"));
    });
    connect(m_create, &QPushButton::clicked, this, [this] {
        const Result<VCenterEndpoint> e = m_connection->endpoint();
        if (!e)
            return m_status->setText(e.error().message);
        const LabPlan &plan = m_context.document->plan();
        if (plan.vds.name.isEmpty())
            return m_status->setText(tr("The plan has no switch name (vds.name)."));
        runJob(new DvsCreateJob(*e, plan.vds, m_datacenter->text().trimmed()),
               tr("Create the Distributed Switch"));
    });
    connect(m_context.document, &PlanDocument::planChanged, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_context.runPanel, &RunPanel::busyChanged, this, [this](bool busy) {
        m_login->setEnabled(!busy);
        m_create->setEnabled(!busy);
    });
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
    m_summary->setText(tr("%1: version %2, MTU %3, %4 uplinks, %5 port group(s)")
                           .arg(vds.name)
                           .arg(vds.version)
                           .arg(vds.mtu)
                           .arg(vds.uplinks)
                           .arg(vds.portGroups.size()));
    m_groups->setRowCount(0);
    for (const PortGroup &pg : vds.portGroups) {
        const int row = m_groups->rowCount();
        m_groups->insertRow(row);
        m_groups->setItem(row, 0, new QTableWidgetItem(pg.name));
        m_groups->setItem(row, 1, new QTableWidgetItem(QString::number(pg.vlan)));
    }
    const QString dc =
        m_datacenter->text().trimmed().isEmpty() ? u"Datacenter"_s : m_datacenter->text().trimmed();
    const LabPlan &plan = m_context.document->plan();
    for (const auto &[view, format] :
         {std::pair{m_govc, VdsScriptFormat::Govc}, std::pair{m_powercli, VdsScriptFormat::PowerCli}}) {
        const Result<QByteArray> script = renderVdsScript(plan, format, dc);
        view->setPlainText(script ? QString::fromUtf8(*script) : script.error().message);
    }
}

void DistributedSwitchPage::runJob(Job *job, const QString &title)
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
        const Error &e = job->result().error();
        m_status->setText(e.message);
        // An untrusted certificate: offer its fingerprint to compare (the error's details).
        if (e.code == u"http.tls"_s && !e.details.isEmpty())
            m_connection->offerFingerprint(e.details);
    });
    if (!m_context.runPanel->run(queue, title)) {
        delete queue;
        m_status->setText(tr("Other work is still running; wait for it or cancel it."));
    }
}

VLAB_REGISTER_STEP(70, "vds", DistributedSwitchPage)

} // namespace vlab
