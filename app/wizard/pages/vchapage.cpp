#include "vchapage.h"

#include "codeview.h"
#include "jobs/jobqueue.h"
#include "planform.h"
#include "project/plandocument.h"
#include "runpanel.h"
#include "vcenterconnectionbox.h"
#include "vsphere/vcenteractions.h"
#include "vsphere/vchaspecwriter.h"

#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
QPlainTextEdit *textView(const QString &name, bool mono)
{
    auto *view = new QPlainTextEdit;
    view->setObjectName(name);
    view->setReadOnly(true);
    if (mono)
        setUpCodeView(view);
    return view;
}
} // namespace

QString VchaPage::stepTitle()
{
    return tr("vCenter HA");
}

VchaPage::VchaPage(const StepContext &context)
    : m_context(context)
    , m_prerequisites(new QLabel)
    , m_spec(textView(u"vchaSpec"_s, true))
    , m_manual(textView(u"vchaManual"_s, false))
    , m_connection(new VCenterConnectionBox)
    , m_deploy(new QPushButton(tr("Deploy VCHA")))
    , m_status(new QPushButton(tr("Read the state")))
    , m_undeploy(new QPushButton(tr("Remove VCHA")))
    , m_result(new QLabel)
{
    m_connection->attach(context);
    setObjectName(u"page:vcha"_s);
    setTitle(stepTitle());
    setSubTitle(tr("Active, passive and witness nodes on their own HA network. vSphere 6.7 U1 and later "
                   "deploy it over the REST API; 6.7 GA needs the manual steps."));
    m_prerequisites->setObjectName(u"vchaPrerequisites"_s);
    m_prerequisites->setWordWrap(true);
    m_deploy->setObjectName(u"vchaDeploy"_s);
    m_status->setObjectName(u"vchaStatus"_s);
    m_undeploy->setObjectName(u"vchaUndeploy"_s);
    m_undeploy->setToolTip(
        tr("The undo of Deploy: destroys the VCHA cluster and deletes the passive and witness "
           "VMs; the vCenter goes on alone. Asks before anything changes."));
    m_result->setObjectName(u"vchaResult"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *tabs = new QTabWidget;
    tabs->addTab(m_spec, tr("Deploy spec (REST, 6.7 U1+)"));
    tabs->addTab(m_manual, tr("Manual steps (6.7 GA)"));
    // The HA network and the three nodes' addresses, edited here.
    m_network = new PlanForm(tr("HA network"), m_context.document);
    m_network->addCheck(
        tr("Deploy vCenter High Availability"), u"vcha.enabled"_s,
        [](const LabPlan &p) { return p.vcha.enabled; },
        [](LabPlan &p, const bool &v) { p.vcha.enabled = v; });
    m_network->addText(
        tr("Network (CIDR)"), u"vcha.network.cidr"_s, [](const LabPlan &p) { return p.vcha.network.cidr; },
        [](LabPlan &p, const QString &v) { p.vcha.network.cidr = v; }, u"192.168.100.0/24"_s);
    m_network->addText(
        tr("Port group"), u"vcha.network.portGroup"_s,
        [](const LabPlan &p) { return p.vcha.network.portGroup; },
        [](LabPlan &p, const QString &v) { p.vcha.network.portGroup = v; }, u"VCHA"_s);
    m_network->addText(
        tr("Active node address"), u"vcha.activeIp"_s, [](const LabPlan &p) { return p.vcha.activeIp; },
        [](LabPlan &p, const QString &v) { p.vcha.activeIp = v; });
    m_network->addText(
        tr("Passive node address"), u"vcha.passiveIp"_s, [](const LabPlan &p) { return p.vcha.passiveIp; },
        [](LabPlan &p, const QString &v) { p.vcha.passiveIp = v; });
    m_network->addText(
        tr("Witness address"), u"vcha.witnessIp"_s, [](const LabPlan &p) { return p.vcha.witnessIp; },
        [](LabPlan &p, const QString &v) { p.vcha.witnessIp = v; });

    auto *left = new QVBoxLayout;
    left->addWidget(m_network);
    left->addWidget(m_prerequisites);
    left->addWidget(m_connection);
    left->addStretch(1);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addWidget(tabs, 3);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_result, 1);
    buttons->addWidget(m_status);
    buttons->addWidget(m_undeploy);
    buttons->addWidget(m_deploy);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addLayout(buttons);

    connect(m_deploy, &QPushButton::clicked, this, [this] { run(VchaAction::Deploy); });
    connect(m_status, &QPushButton::clicked, this, [this] { run(VchaAction::Status); });
    connect(m_undeploy, &QPushButton::clicked, this, [this] { run(VchaAction::Undeploy); });
    connect(m_context.document, &PlanDocument::planChanged, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_context.runPanel, &RunPanel::busyChanged, this, [this](bool busy) {
        m_status->setEnabled(!busy);
        m_undeploy->setEnabled(!busy);
        refresh();
        if (busy)
            m_deploy->setEnabled(false);
    });
}

bool VchaPage::ownsField(const QString &path)
{
    return path.startsWith(u"vcha."_s);
}

QWidget *VchaPage::showField(const QString &path)
{
    return m_network->editorFor(path);
}

void VchaPage::initializePage()
{
    m_connection->suggestFrom(m_context.document->plan());
    refresh();
}

void VchaPage::refresh()
{
    const LabPlan &plan = m_context.document->plan();
    QStringList problems;
    for (const Finding &f : VCenterActions::vchaBlockers(plan))
        problems << formatFinding(f);
    if (!plan.vcha.enabled)
        problems.prepend(tr("VCHA is switched off in the plan (vcha.enabled)."));
    m_prerequisites->setText(
        problems.isEmpty() ? tr("Prerequisites met: vCenter size %1, HA network %2 apart from the management "
                                "network, three HA addresses.")
                                 .arg(plan.vcenter.size, plan.vcha.network.cidr)
                           : problems.join(u'\n'));
    const Result<QByteArray> spec = renderVchaDeploySpec(plan);
    m_spec->setPlainText(spec ? QString::fromUtf8(*spec) : spec.error().message);
    m_manual->setPlainText(vchaManualSteps(plan));
    m_deploy->setEnabled(problems.isEmpty() && !m_context.runPanel->isBusy());
}

void VchaPage::run(VchaAction action)
{
    const Result<VCenterEndpoint> e = m_connection->endpoint();
    if (!e)
        return m_result->setText(e.error().message);
    VchaJob *job = VCenterActions(m_context.document->projectFolder())
                       .createVchaJob(action, *e, m_context.document->plan());
    auto *queue = new JobQueue;
    queue->addJob(job);
    // Captured now: the plan may change (or another be opened) while the job runs.
    const QString lab = m_context.document->plan().lab.name;
    const QString folder = m_context.document->projectFolder();
    connect(queue, &JobQueue::finished, this, [this, job, action, lab, folder](bool ok) {
        const VchaClusterState &s = job->clusterState();
        if (VCenterActions::loggedIn(*job))
            m_connection->rememberWhatWorked(job->endpoint(), lab, folder);
        if (ok && job->state() == Job::State::Skipped)
            return m_result->setText(job->result().error().message);
        if (ok && action == VchaAction::Undeploy)
            return m_result->setText(
                tr("vCenter HA removed: %1 runs as a standalone vCenter.").arg(job->endpoint().url.host()));
        if (ok) {
            m_result->setText(
                tr("VCHA: configuration %1, mode %2, health %3.").arg(s.configState, s.mode, s.healthState));
            return;
        }
        // A certificate not confirmed yet: the run panel asks, the trust flow says the rest.
        if (m_context.runPanel->awaitsTrust())
            return m_result->setText(m_context.runPanel->trustText());
        m_result->setText(job->result().error().message);
        if (job->restMissing())
            m_manual->setFocus();
    });
    if (const RunPanel::RunStart started = m_context.runPanel->start(
            queue,
            action == VchaAction::Deploy         ? tr("Deploy vCenter HA")
                : action == VchaAction::Undeploy ? tr("Remove vCenter HA")
                                                 : tr("Read the VCHA state"),
            m_connection->trustFlow([this, action] { run(action); },
                                    [this](const QString &text) { m_result->setText(text); }));
        started != RunPanel::RunStart::Started) {
        delete queue;
        m_result->setText(RunPanel::notStartedText(started));
    }
}

VLAB_REGISTER_STEP(60, "vcha", VchaPage)

} // namespace vlab
