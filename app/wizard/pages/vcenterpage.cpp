#include "vcenterpage.h"

#include "jobs/jobqueue.h"
#include "project/plandocument.h"
#include "rememberedpassword.h"
#include "runpanel.h"
#include "vcenterconnectionbox.h"
#include "vcsainstallerbox.h"
#include "vcsatemplateview.h"
#include "vsphere/vcenteractions.h"
#include "vsphere/vcsadeployjob.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

QString VCenterPage::stepTitle()
{
    return tr("vCenter");
}

VCenterPage::VCenterPage(const StepContext &context)
    : m_context(context)
    , m_summary(new QLabel)
    , m_template(new VcsaTemplateView(VcsaRole::VCenter, u"vcenter"_s))
    , m_installer(new VcsaInstallerBox)
    , m_connection(new VCenterConnectionBox)
    , m_precheck(new QPushButton(tr("Run precheck")))
    , m_install(new QPushButton(tr("Install vCenter")))
    , m_login(new QPushButton(tr("Check login")))
    , m_result(new QLabel)
{
    m_installer->setSecretStore(context.secrets, SecretRole::VCenterRoot);
    m_connection->attach(context);
    setObjectName(u"page:vcenter"_s);
    setTitle(stepTitle());
    setSubTitle(
        tr("vCenter Server with the external PSCs behind the load-balancer name, deployed by the VCSA "
           "installer; then a REST login shows that it answers."));
    m_summary->setObjectName(u"vcenterSummary"_s);
    m_summary->setWordWrap(true);
    m_precheck->setObjectName(u"vcenterPrecheck"_s);
    m_install->setObjectName(u"vcenterInstall"_s);
    m_login->setObjectName(u"vcenterCheckLogin"_s);
    m_result->setObjectName(u"vcenterResult"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *left = new QVBoxLayout;
    left->addWidget(m_summary);
    left->addWidget(m_installer);
    left->addWidget(m_connection);
    left->addStretch(1);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addWidget(m_template, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_result, 1);
    buttons->addWidget(m_precheck);
    buttons->addWidget(m_install);
    buttons->addWidget(m_login);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addLayout(buttons);

    connect(m_precheck, &QPushButton::clicked, this, [this] { runInstaller(true); });
    connect(m_install, &QPushButton::clicked, this, [this] { runInstaller(false); });
    connect(m_login, &QPushButton::clicked, this, &VCenterPage::checkLogin);
    connect(m_context.document, &PlanDocument::planChanged, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_context.runPanel, &RunPanel::busyChanged, this, [this](bool busy) {
        for (QPushButton *b : {m_precheck, m_install, m_login})
            b->setEnabled(!busy);
    });
}

void VCenterPage::initializePage()
{
    m_connection->suggestFrom(m_context.document->plan());
    refresh();
}

void VCenterPage::refresh()
{
    const LabPlan &plan = m_context.document->plan();
    m_template->showPlan(plan, m_context.document->projectFolder());
    m_installer->describeTarget(plan, m_context.document->projectFolder());
    m_summary->setText(tr("%1 (%2), size %3, SSO through the load-balancer name %4. Deployed to %5 %6.")
                           .arg(plan.vcenter.fqdn, plan.vcenter.ip, plan.vcenter.size, plan.loadBalancer.fqdn,
                                plan.target.kind, plan.target.host));
}

void VCenterPage::runInstaller(bool precheckOnly)
{
    const Result<VcsaDeployRequest> request = m_installer->request(
        m_context.document->plan(), VcsaRole::VCenter, precheckOnly, m_context.document->projectFolder());
    if (!request)
        return m_result->setText(request.error().message);
    auto *job = new VcsaDeployJob(*request);
    job->setTimeout(std::chrono::hours(2));
    runJob(job, precheckOnly ? tr("Precheck vCenter") : tr("Install vCenter"));
}

void VCenterPage::checkLogin()
{
    const Result<VCenterEndpoint> e = m_connection->endpoint();
    if (!e)
        return m_result->setText(e.error().message);
    runJob(VCenterActions(m_context.document->projectFolder()).createLoginJob(*e),
           tr("Check the vCenter login"),
           m_connection->trustFlow([this] { checkLogin(); },
                                   [this](const QString &text) { m_result->setText(text); }));
}

void VCenterPage::runJob(Job *job, const QString &title, RunPanel::TrustFlow trust)
{
    auto *queue = new JobQueue;
    queue->addJob(job);
    // Captured now: the plan may change (or another be opened) while the job runs.
    const LabPlan &plan = m_context.document->plan();
    const QString lab = plan.lab.name;
    const QString folder = m_context.document->projectFolder();
    const QString targetAccount = passwordAccount(plan.target.user, plan.target.host);
    connect(queue, &JobQueue::finished, this, [this, job, lab, folder, targetAccount](bool ok) {
        if (!ok) {
            // A certificate not confirmed yet: the run panel asks, the trust flow says the rest.
            m_result->setText(m_context.runPanel->awaitsTrust() ? m_context.runPanel->trustText()
                                                                : job->result().error().message);
            return;
        }
        // Skipped when resuming a cut-off run: this run installed nothing, and never says it did.
        if (job->state() == Job::State::Skipped) {
            m_result->setText(
                tr("Not done by this run (skipped: %1). Check the vCenter before you start it again.")
                    .arg(job->result().error().message));
            return;
        }
        if (auto *deploy = qobject_cast<VcsaDeployJob *>(job)) {
            m_installer->keepPasswords(deploy->request(), lab, targetAccount);
            const QString logs =
                deploy->workflowLogDir().isEmpty() ? deploy->logDir() : deploy->workflowLogDir();
            m_result->setText(deploy->changesLab()
                                  ? tr("vCenter installed; check the login next. Logs: %1").arg(logs)
                                  : tr("Template check and precheck passed. Logs: %1").arg(logs));
        } else if (auto *login = qobject_cast<VCenterLoginJob *>(job)) {
            m_connection->rememberWhatWorked(login->endpoint(), lab, folder);
            const VCenterInfo &info = login->info();
            m_result->setText(
                tr("Logged in: %1.").arg(info.product.isEmpty() ? info.applianceVersion : info.product));
        }
    });
    // Said before it starts: a run with nothing left to do ends inside start(), with its own line.
    m_result->setText(
        tr("%1: running; the progress is below.").arg(title)); // no line of an earlier run stays
    if (const RunPanel::RunStart started = m_context.runPanel->start(queue, title, std::move(trust));
        started != RunPanel::RunStart::Started) {
        delete queue;
        m_result->setText(RunPanel::notStartedText(started));
    }
}

VLAB_REGISTER_STEP(50, "vcenter", VCenterPage)

} // namespace vlab
