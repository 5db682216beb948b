#include "buildlabpage.h"

#include "audit/auditresult.h"
#include "audit/auditsession.h"
#include "jobs/job.h"
#include "jobs/jobqueue.h"
#include "jobs/outcomesurvey.h"
#include "loginboxes.h"
#include "netscaler/nitrojob.h"
#include "project/labbuild.h"
#include "project/labrun.h"
#include "project/plandocument.h"
#include "project/projectstate.h"
#include "rememberedpassword.h"
#include "runpanel.h"
#include "vcenterconnectionbox.h"
#include "vcsainstallerbox.h"
#include "vsphere/vcenterclient.h"

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

enum Tab { StepsTab, AppliancesTab, ConnectionsTab };

QString stepTitleOf(LabStep step)
{
    switch (step) {
    case LabStep::Precheck:
        return BuildLabPage::tr("Pre-checks");
    case LabStep::Psc1:
        return BuildLabPage::tr("PSC 1");
    case LabStep::Psc2:
        return BuildLabPage::tr("PSC 2");
    case LabStep::Certificate:
        return BuildLabPage::tr("Certificate");
    case LabStep::ApplyCertificate:
        return BuildLabPage::tr("Apply certificate");
    case LabStep::Endpoints:
        return BuildLabPage::tr("Load-balanced name");
    case LabStep::Netscaler:
        return BuildLabPage::tr("NetScaler");
    case LabStep::VCenter:
        return BuildLabPage::tr("vCenter");
    case LabStep::Vcha:
        return BuildLabPage::tr("VCHA");
    case LabStep::Vds:
        return BuildLabPage::tr("Distributed Switch");
    case LabStep::Audit:
        return BuildLabPage::tr("Audit");
    case LabStep::Runbook:
        return BuildLabPage::tr("Runbook");
    }
    return labStepName(step);
}

} // namespace

QString BuildLabPage::stepTitle()
{
    return tr("Build the lab");
}

BuildLabPage::BuildLabPage(const StepContext &context)
    : m_context(context)
    , m_stages(new QLabel)
    , m_summary(new QLabel)
    , m_run(new QPushButton(tr("B&uild the lab")))
    , m_tabs(new QTabWidget)
    , m_installer(new VcsaInstallerBox)
    , m_caCert(new QLineEdit)
    , m_caKey(new QLineEdit)
    , m_netscaler(new NetScalerLoginBox(tr("NetScaler"), u"build"_s, context.secrets))
    , m_vcenter(new VCenterConnectionBox)
    , m_ssh(new SshLoginBox(tr("PSCs over SSH"), u"build"_s))
{
    setObjectName(u"page:build"_s);
    setTitle(stepTitle());
    setSubTitle(tr("Every live step in one run, in the lab's order, with what does not depend on each "
                   "other at the same time. What already holds in the lab is skipped; you approve the "
                   "changes once. Or go step by step on the pages that follow."));
    m_run->setObjectName(u"buildRun"_s);
    m_summary->setObjectName(u"buildSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText); // job errors quote the lab's answers
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stages->setObjectName(u"buildStages"_s);
    m_stages->setTextFormat(Qt::PlainText);
    m_stages->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_stages->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stages->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_stages->setWordWrap(true);
    m_tabs->setObjectName(u"buildTabs"_s);

    // Steps: every live step, ticked; the stages follow the ticks.
    auto *stepBoxes = new QGridLayout;
    const QList<LabStepInfo> &all = labSteps();
    for (qsizetype i = 0; i < all.size(); ++i) {
        auto *box = new QCheckBox(stepTitleOf(all.at(i).step));
        box->setObjectName(u"buildStep:"_s + all.at(i).name);
        box->setProperty("step", int(all.at(i).step));
        box->setToolTip(all.at(i).name);
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &BuildLabPage::showStages);
        m_steps << box;
        stepBoxes->addWidget(box, int(i / 4), int(i % 4));
    }
    auto *steps = new QWidget;
    auto *stepsLayout = new QVBoxLayout(steps);
    stepsLayout->addLayout(stepBoxes);
    stepsLayout->addWidget(m_stages, 1);

    // Appliances: the installer with its passwords (PSC 1, PSC 2, vCenter), the VMCA root.
    m_installer->setSecretStore(context.secrets, SecretRole::Root);
    m_caCert->setObjectName(u"buildCaCert"_s);
    m_caCert->setPlaceholderText(tr("root.cer of PSC 1's VMCA"));
    m_caKey->setObjectName(u"buildCaKey"_s);
    m_caKey->setPlaceholderText(tr("privatekey.pem of PSC 1's VMCA"));
    auto *ca = new QGroupBox(tr("Certificate (signed by the VMCA root)"));
    auto *caForm = new QFormLayout(ca);
    caForm->addRow(tr("Root certificate"), m_caCert);
    caForm->addRow(tr("Root key"), m_caKey);
    auto *appliances = new QWidget;
    auto *appliancesLayout = new QHBoxLayout(appliances);
    appliancesLayout->addWidget(m_installer, 3);
    auto *caColumn = new QVBoxLayout;
    caColumn->addWidget(ca);
    caColumn->addStretch(1);
    appliancesLayout->addLayout(caColumn, 2);

    // Connections: the NetScaler, the vCenter, the PSCs over SSH.
    m_netscaler->setToolTip(tr("Its certificate must have been confirmed on the Load balancer page."));
    m_vcenter->setTitle(tr("vCenter (VCHA, switch, audit)"));
    m_vcenter->attach(context);
    m_ssh->password()->setPlaceholderText(tr("empty: the appliance root password"));
    m_ssh->setToolTip(tr("The PSCs' host keys must be recorded in the project (Apply certificates or "
                         "Diagnostics do that after you compared them); the run records none."));
    auto *connections = new QWidget;
    auto *columns = new QHBoxLayout(connections);
    for (QGroupBox *box : {static_cast<QGroupBox *>(m_netscaler), static_cast<QGroupBox *>(m_vcenter),
                           static_cast<QGroupBox *>(m_ssh)}) {
        auto *column = new QVBoxLayout;
        column->addWidget(box);
        column->addStretch(1);
        columns->addLayout(column, 1);
    }

    m_tabs->addTab(steps, tr("S&teps"));
    m_tabs->addTab(appliances, tr("&Appliances"));
    m_tabs->addTab(connections, tr("C&onnections"));

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_summary, 1);
    actions->addWidget(m_run, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(actions);

    connect(m_run, &QPushButton::clicked, this, &BuildLabPage::build);
    connect(m_context.runPanel, &RunPanel::busyChanged, this, &BuildLabPage::updateButtons);
    showStages();
}

void BuildLabPage::initializePage()
{
    const LabPlan &plan = m_context.document->plan();
    const QString folder = m_context.document->projectFolder();
    m_installer->describeTarget(plan, folder);
    m_netscaler->suggestFrom(plan, folder);
    m_vcenter->suggestFrom(plan);
    // The VMCA root as the Certificates step keeps it in the project, when it is there.
    const QDir certs(QDir(folder).filePath(u"certs"_s));
    if (m_caCert->text().isEmpty() && QFileInfo::exists(certs.filePath(u"root.cer"_s)))
        m_caCert->setText(QDir::toNativeSeparators(certs.filePath(u"root.cer"_s)));
    if (m_caKey->text().isEmpty() && QFileInfo::exists(certs.filePath(u"privatekey.pem"_s)))
        m_caKey->setText(QDir::toNativeSeparators(certs.filePath(u"privatekey.pem"_s)));
    showStages();
    if (m_summary->text().isEmpty())
        m_summary->setText(tr("Nothing runs until you press Build the lab and approve the changes."));
}

QList<LabStep> BuildLabPage::chosenSteps() const
{
    QList<LabStep> steps;
    for (const QCheckBox *box : m_steps) {
        if (box->isChecked())
            steps << LabStep(box->property("step").toInt());
    }
    return steps;
}

void BuildLabPage::showStages()
{
    const QList<LabStep> steps = chosenSteps();
    m_stages->setText(steps.isEmpty() ? tr("Tick at least one step.") : describeLabRun(steps));
}

Result<LabBuildSettings> BuildLabPage::settings(const QList<LabStep> &steps)
{
    const LabPlan &plan = m_context.document->plan();
    LabBuildSettings s;
    s.projectFolder = m_context.document->projectFolder();
    const auto missing = [this](Tab tab, QWidget *field, const QString &why) -> Error {
        m_tabs->setCurrentIndex(tab);
        if (field)
            field->setFocus();
        return makeError(u"run.input"_s, why);
    };
    if (s.projectFolder.isEmpty())
        return makeError(u"run.input"_s,
                         tr("Save the plan first (File > Save): the run keeps its journal, certificates "
                            "and runbook next to it."));
    const LabBuildNeeds needs = labBuildNeeds(plan, steps, {});
    if (needs.iso || needs.vcsaPasswords) {
        const Result<VcsaDeployRequest> request =
            m_installer->request(plan, VcsaRole::Psc1, false, s.projectFolder);
        if (!request)
            return missing(AppliancesTab, m_installer, request.error().message);
        s.iso = m_installer->isoFolder();
        s.vcsa = request->secrets;
        s.vcsaNoSslVerification = request->noSslVerification;
    }
    if (needs.caFiles) {
        s.caCert = QDir::fromNativeSeparators(m_caCert->text().trimmed());
        s.caKey = QDir::fromNativeSeparators(m_caKey->text().trimmed());
        if (!QFileInfo(s.caCert).isFile())
            return missing(
                AppliancesTab, m_caCert,
                tr("Enter the VMCA root certificate of PSC 1 (root.cer), or leave Certificate out."));
        if (!QFileInfo(s.caKey).isFile())
            return missing(
                AppliancesTab, m_caKey,
                tr("Enter the VMCA root key of PSC 1 (privatekey.pem), or leave Certificate out."));
    }
    if (needs.netscaler) {
        if (const Result<NitroTarget> target = NitroTarget::parseAddress(m_netscaler->address()->text());
            !target)
            return missing(ConnectionsTab, m_netscaler->address(), target.error().message);
        if (m_netscaler->user()->text().trimmed().isEmpty())
            return missing(ConnectionsTab, m_netscaler->user(), tr("Enter the NetScaler user."));
        if (m_netscaler->password()->text().isEmpty())
            return missing(ConnectionsTab, m_netscaler->password(), tr("Enter the NetScaler password."));
        s.nsip = m_netscaler->address()->text().trimmed();
        s.nsUser = m_netscaler->user()->text().trimmed();
        s.nsPassword = m_netscaler->password()->text();
    }
    if (needs.vcenter) {
        const Result<VCenterEndpoint> endpoint = m_vcenter->endpoint();
        if (!endpoint)
            return missing(ConnectionsTab, nullptr, endpoint.error().message);
        if (endpoint->password.isEmpty())
            return missing(ConnectionsTab, m_vcenter->findChild<QLineEdit *>(u"vcPassword"_s),
                           tr("Enter the vCenter password."));
        s.vcenter = vcenterTarget(endpoint->url);
        s.vcUser = endpoint->user;
        s.vcPassword = endpoint->password;
    }
    // The appliances' root and SSO administrator passwords are the installer's fields.
    const VcsaSecrets typed = m_installer->secrets();
    if (needs.sshLogin) {
        if (m_ssh->user()->text().trimmed().isEmpty())
            return missing(ConnectionsTab, m_ssh->user(), tr("Enter the SSH user of the PSCs."));
        s.sshUser = m_ssh->user()->text().trimmed();
        s.sshPort = m_ssh->port()->value();
        s.identity = m_ssh->keyFile()->text().trimmed();
        s.rootPassword = m_ssh->password()->text().isEmpty() ? typed.rootPassword : m_ssh->password()->text();
        if (s.identity.isEmpty() && s.rootPassword.isEmpty())
            return missing(ConnectionsTab, m_ssh->password(),
                           tr("Enter the password of %1 on the PSCs or a key file.").arg(s.sshUser));
    }
    if (needs.ssoPassword) {
        s.ssoPassword = typed.ssoPassword;
        if (s.ssoPassword.isEmpty())
            return missing(AppliancesTab, m_installer->findChild<QLineEdit *>(u"vcsaSsoPassword"_s),
                           tr("Applying the certificate needs the SSO administrator password."));
    }
    if (const Result<void> checked = checkLabBuildSettings(s, steps); !checked)
        return checked.error();
    return s;
}

bool BuildLabPage::build()
{
    if (m_context.runPanel->isBusy() || m_survey) {
        m_summary->setText(RunPanel::notStartedText(RunPanel::RunStart::Busy));
        return false;
    }
    const QList<LabStep> steps = chosenSteps();
    if (steps.isEmpty()) {
        m_tabs->setCurrentIndex(StepsTab);
        m_summary->setText(tr("Tick at least one step."));
        return false;
    }
    const Result<LabBuildSettings> chosen = settings(steps);
    if (!chosen) {
        m_summary->setText(chosen.error().message);
        return false;
    }
    auto *build = new LabBuild(m_context.document->plan(), *chosen, this);
    auto *queue = new JobQueue;
    if (const Result<void> added = build->addTo(*queue, steps); !added) {
        delete queue;
        delete build;
        m_summary->setText(added.error().message);
        return false;
    }
    connect(build, &LabBuild::notice, this, [this](const QString &message) { m_summary->setText(message); });
    // After a run that failed or was stopped, its finished lab changes are not made again.
    const QString continued =
        skipWhatTheLastRunDid(queue->jobs(), m_context.runPanel->journalPath(), LabBuild::title());
    auto *survey = new OutcomeSurvey(this);
    m_survey = survey;
    connect(
        survey, &OutcomeSurvey::finished, this,
        [this, survey, build, queue] { surveyed(survey, build, queue); }, Qt::QueuedConnection);
    m_summary->setText(continued.isEmpty()
                           ? tr("Looking at what already holds in the lab ...")
                           : continued + u' ' + tr("Looking at what already holds in the lab ..."));
    updateButtons();
    survey->start(queue->jobs());
    return true;
}

void BuildLabPage::surveyed(OutcomeSurvey *survey, LabBuild *build, JobQueue *queue)
{
    const QStringList done = survey->alreadyDone();
    const QStringList busy = survey->busy();
    survey->deleteLater();
    m_survey = nullptr;
    if (!busy.isEmpty()) {
        delete queue;
        build->deleteLater();
        m_summary->setText(tr("Not started: work is still going on in the lab: %1").arg(busy.join(u"; "_s)));
        updateButtons();
        return;
    }
    connect(queue, &JobQueue::finished, this, [this, build, queue] { finished(build, queue); });
    m_context.runPanel->setStep(u"build"_s);
    // The approval (a dialog) comes next, when the run still changes something.
    m_summary->setText(done.isEmpty() ? tr("Waiting for your approval of the changes ...")
                                      : tr("%n change(s) already held and are skipped; waiting for your "
                                           "approval of the rest ...",
                                           nullptr, int(done.size())));
    const RunPanel::RunStart started = m_context.runPanel->start(queue, LabBuild::title());
    if (started != RunPanel::RunStart::Started) {
        delete queue;
        build->deleteLater();
        m_summary->setText(RunPanel::notStartedText(started));
        updateButtons();
        return;
    }
    if (m_build && m_build != build)
        m_build->deleteLater();
    m_build = build;
    if (!queue->isDone())
        m_summary->setText(done.isEmpty()
                               ? tr("Building the lab: the run panel shows each job, the time so far and "
                                    "the time left.")
                               : tr("Building the lab; %n change(s) already held and are skipped.", nullptr,
                                    int(done.size())));
    updateButtons();
}

void BuildLabPage::finished(LabBuild *build, JobQueue *queue)
{
    int succeeded = 0;
    int skipped = 0;
    QStringList failed;
    for (const Job *job : queue->jobs()) {
        if (job->state() == Job::State::Succeeded)
            ++succeeded;
        else if (job->state() == Job::State::Skipped)
            ++skipped;
        else if (job->state() == Job::State::Failed)
            failed << tr("%1: %2").arg(job->title(), job->result().error().message);
    }
    QString text =
        tr("%1 job(s) done, %2 skipped (already done or not reached), of %3.")
            .arg(QString::number(succeeded), QString::number(skipped), QString::number(queue->jobs().size()));
    if (build->audit()) {
        const AuditSummary s = summarizeAudit(build->audit()->results());
        text += u' '
            + tr("Audit: %1 ok, %2 drift, %3 unreachable, %4 skipped.")
                  .arg(QString::number(s.ok), QString::number(s.drift), QString::number(s.unreachable),
                       QString::number(s.skipped));
    }
    if (!failed.isEmpty())
        text += u'\n' + failed.join(u'\n');
    m_summary->setText(text);
    updateButtons();
}

void BuildLabPage::updateButtons()
{
    m_run->setEnabled(!m_context.runPanel->isBusy() && !m_survey);
}

VLAB_REGISTER_STEP(5, "build", BuildLabPage)

} // namespace vlab
