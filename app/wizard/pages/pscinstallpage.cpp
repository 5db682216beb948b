#include "pscinstallpage.h"

#include "jobs/jobqueue.h"
#include "project/plandocument.h"
#include "rememberedpassword.h"
#include "runpanel.h"
#include "vcsainstallerbox.h"
#include "vcsatemplateview.h"
#include "vsphere/vcsaactions.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

QString PscInstallPage::stepTitle()
{
    return tr("PSC install");
}

PscInstallPage::PscInstallPage(const StepContext &context)
    : m_context(context)
    , m_summary(new QLabel)
    , m_tabs(new QTabWidget)
    , m_psc1(new VcsaTemplateView(VcsaRole::Psc1, u"psc1"_s))
    , m_psc2(new VcsaTemplateView(VcsaRole::Psc2, u"psc2"_s))
    , m_installer(new VcsaInstallerBox)
    , m_precheck(new QPushButton(tr("Run precheck")))
    , m_install1(new QPushButton(tr("Install PSC1")))
    , m_install2(new QPushButton(tr("Install PSC2")))
    , m_result(new QLabel)
{
    m_installer->setSecretStore(context.secrets, SecretRole::Root);
    setObjectName(u"page:psc"_s);
    setTitle(stepTitle());
    setSubTitle(tr("Two external Platform Services Controllers in one SSO domain and site: the first creates "
                   "the domain, the second replicates with it. The VCSA installer (vcsa-deploy) checks each "
                   "template, runs its prechecks, then deploys."));
    m_summary->setObjectName(u"pscSummary"_s);
    m_summary->setWordWrap(true);
    m_precheck->setObjectName(u"pscPrecheck"_s);
    m_install1->setObjectName(u"pscInstall1"_s);
    m_install2->setObjectName(u"pscInstall2"_s);
    m_result->setObjectName(u"pscResult"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_precheck->setToolTip(
        tr("Template check and precheck of the PSC shown on the right; installs nothing."));

    m_tabs->addTab(m_psc1, tr("PSC1 (first instance)"));
    m_tabs->addTab(m_psc2, tr("PSC2 (replication)"));
    auto *left = new QVBoxLayout;
    left->addWidget(m_summary);
    left->addWidget(m_installer);
    left->addStretch(1);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addWidget(m_tabs, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_result, 1);
    buttons->addWidget(m_precheck);
    buttons->addWidget(m_install1);
    buttons->addWidget(m_install2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addLayout(buttons);

    connect(m_precheck, &QPushButton::clicked, this,
            [this] { run(m_tabs->currentIndex() == 0 ? VcsaRole::Psc1 : VcsaRole::Psc2, true); });
    connect(m_install1, &QPushButton::clicked, this, [this] { run(VcsaRole::Psc1, false); });
    connect(m_install2, &QPushButton::clicked, this, [this] { run(VcsaRole::Psc2, false); });
    connect(m_context.document, &PlanDocument::planChanged, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_context.runPanel, &RunPanel::busyChanged, this, [this](bool busy) {
        for (QPushButton *b : {m_precheck, m_install1, m_install2})
            b->setEnabled(!busy);
    });
}

void PscInstallPage::initializePage()
{
    refresh();
}

void PscInstallPage::refresh()
{
    const LabPlan &plan = m_context.document->plan();
    const QString folder = m_context.document->projectFolder();
    m_psc1->showPlan(plan, folder);
    m_psc2->showPlan(plan, folder);
    m_installer->describeTarget(plan, m_context.document->projectFolder());
    QStringList nodes;
    for (const PscNode &psc : plan.psc)
        nodes << tr("%1 (%2)").arg(psc.fqdn, psc.ip);
    m_summary->setText(tr("SSO domain %1, site %2. PSCs: %3. Deployed to %4 %5, datastore %6, network %7.")
                           .arg(plan.sso.domain, plan.sso.site,
                                nodes.isEmpty() ? tr("none") : nodes.join(u", "_s), plan.target.kind,
                                plan.target.host, plan.target.datastore, plan.target.network));
}

void PscInstallPage::run(VcsaRole role, bool precheckOnly)
{
    const Result<VcsaDeployRequest> request = m_installer->request(
        m_context.document->plan(), role, precheckOnly, m_context.document->projectFolder());
    if (!request)
        return m_result->setText(request.error().message);
    auto *job = new VcsaDeployJob(*request);
    job->setTimeout(VcsaInstallSettings().timeout);
    auto *queue = new JobQueue;
    queue->addJob(job);
    // Captured now: the plan may change (or another be opened) while the installer runs.
    const QString lab = m_context.document->plan().lab.name;
    const QString targetAccount =
        passwordAccount(m_context.document->plan().target.user, m_context.document->plan().target.host);
    connect(queue, &JobQueue::finished, this, [this, job, role, precheckOnly, lab, targetAccount](bool ok) {
        const QString logs = job->workflowLogDir().isEmpty() ? job->logDir() : job->workflowLogDir();
        if (!ok)
            return m_result->setText(job->result().error().message);
        // Skipped when resuming a cut-off run: this run installed nothing, and never says it did.
        if (job->state() == Job::State::Skipped)
            return m_result->setText(
                tr("%1: not installed by this run (skipped: %2). Check on the host whether the earlier "
                   "install finished before you install it again.")
                    .arg(vcsaRoleName(role), job->result().error().message));
        m_installer->keepPasswords(job->request(), lab, targetAccount);
        m_result->setText(
            precheckOnly
                ? tr("%1: template check and precheck passed. Logs: %2").arg(vcsaRoleName(role), logs)
                : tr("%1 installed. Logs: %2").arg(vcsaRoleName(role), logs));
    });
    const QString title =
        precheckOnly ? tr("Precheck %1").arg(vcsaRoleName(role)) : tr("Install %1").arg(vcsaRoleName(role));
    // Said before it starts: a run with nothing left to do ends inside start(), with its own line.
    m_result->setText(
        tr("%1: running; the progress is below.").arg(title)); // no line of an earlier run stays
    if (const RunPanel::RunStart started = m_context.runPanel->start(queue, title);
        started != RunPanel::RunStart::Started) {
        delete queue;
        m_result->setText(RunPanel::notStartedText(started));
    }
}

VLAB_REGISTER_STEP(20, "psc", PscInstallPage)

} // namespace vlab
