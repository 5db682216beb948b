#include "applycertificatespage.h"

#include "certs/certjobs.h"
#include "certs/csrrequest.h"
#include "codeview.h"
#include "jobs/jobqueue.h"
#include "project/plandocument.h"
#include "rememberedpassword.h"
#include "remote/applianceshell.h"
#include "remote/applycertactions.h"
#include "remote/certreplacementplan.h"
#include "remote/pscendpointplan.h"
#include "runpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>

#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <memory>

using namespace Qt::StringLiterals;

namespace vlab {

QString ApplyCertificatesPage::stepTitle()
{
    return tr("Apply certificates");
}

ApplyCertificatesPage::ApplyCertificatesPage(const StepContext &context)
    : m_context(context)
    , m_node(new QComboBox)
    , m_files(new QTableWidget)
    , m_dialog(new QPlainTextEdit)
    , m_check(new QLabel)
    , m_switchShell(new QCheckBox)
    , m_undo(new QLabel)
    , m_user(new QLineEdit(u"root"_s))
    , m_password(new QLineEdit)
    , m_ssoUser(new QLineEdit)
    , m_ssoPassword(new QLineEdit)
    , m_sshPort(new QSpinBox)
    , m_tlsPort(new QSpinBox)
    , m_remoteFolder(new QLineEdit(u"/certs"_s))
    , m_certManager(new QLineEdit(u"/usr/lib/vmware-vmca/bin/certificate-manager"_s))
    , m_run(new QPushButton(tr("Run")))
    , m_status(new QLabel)
{
    setObjectName(u"page:applycerts"_s);
    setTitle(stepTitle());
    setSubTitle(
        tr("Replaces the machine SSL certificate on the PSCs over SSH, one after the other, with "
           "certificate-manager (option 1, then 2), and checks that each then serves the new certificate."));
    m_node->setObjectName(u"applyNode"_s);
    m_files->setObjectName(u"applyFiles"_s);
    m_dialog->setObjectName(u"applyDialog"_s);
    m_check->setObjectName(u"applyCheck"_s);
    m_switchShell->setObjectName(u"applySwitchShell"_s);
    m_undo->setObjectName(u"applyUndo"_s);
    m_user->setObjectName(u"applyUser"_s);
    m_password->setObjectName(u"applyPassword"_s);
    m_ssoUser->setObjectName(u"applySsoUser"_s);
    m_ssoPassword->setObjectName(u"applySsoPassword"_s);
    m_sshPort->setObjectName(u"applySshPort"_s);
    m_tlsPort->setObjectName(u"applyTlsPort"_s);
    m_remoteFolder->setObjectName(u"applyRemoteFolder"_s);
    m_certManager->setObjectName(u"applyCertManager"_s);
    m_run->setObjectName(u"applyRun"_s);
    m_status->setObjectName(u"applyStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_check->setWordWrap(true);
    m_undo->setWordWrap(true);
    m_undo->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_files->setColumnCount(5);
    m_files->setHorizontalHeaderLabels({tr("PSC"), tr("File"), tr("SHA-256"), tr("Mode"), tr("On the PSC")});
    m_files->verticalHeader()->setVisible(false);
    m_files->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_files->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_files->horizontalHeader()->setStretchLastSection(true);
    setUpCodeView(m_dialog);

    m_switchShell->setText(tr("First make bash root's login shell (%1), so that SFTP works")
                               .arg(QString::fromLatin1(ApplianceShell::FixCommand)));
    m_undo->setText(
        tr("This changes the appliance. To give the appliance shell back afterwards, run on the PSC: %1")
            .arg(QString::fromLatin1(ApplianceShell::UndoCommand)));
    m_password->setEchoMode(QLineEdit::Password);
    showRememberedPasswordHint(m_password, context.secrets);
    m_ssoPassword->setEchoMode(QLineEdit::Password);
    showRememberedPasswordHint(m_ssoPassword, context.secrets);
    m_ssoUser->setPlaceholderText(u"Administrator@vsphere.local"_s);
    m_sshPort->setRange(1, 65535);
    m_sshPort->setValue(22);
    m_tlsPort->setRange(1, 65535);
    m_tlsPort->setValue(443);

    auto *form = new QFormLayout;
    form->addRow(tr("PSC"), m_node);
    form->addRow(tr("SSH user"), m_user);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("SSO administrator"), m_ssoUser);
    form->addRow(tr("SSO password"), m_ssoPassword);
    auto *advanced = new QFormLayout;
    advanced->addRow(tr("SSH port"), m_sshPort);
    advanced->addRow(tr("HTTPS port checked afterwards"), m_tlsPort);
    advanced->addRow(tr("Folder on the PSC"), m_remoteFolder);
    advanced->addRow(tr("certificate-manager"), m_certManager);
    auto *live = new QGroupBox(tr("Live on the PSCs (SSH)"));
    auto *liveLayout = new QHBoxLayout(live);
    liveLayout->addLayout(form, 1);
    liveLayout->addLayout(advanced, 1);

    // Then: the PSCs learn the load-balancer name (KB 2147014; the commands are to verify).
    const PscEndpointTemplates defaults = PscEndpointTemplates::defaults();
    m_eachPsc = new QLineEdit(defaults.eachPsc);
    m_eachPsc->setObjectName(u"endpointEachPsc"_s);
    m_firstPsc = new QLineEdit(defaults.onePsc);
    m_firstPsc->setObjectName(u"endpointFirstPsc"_s);
    m_endpoints = new QPlainTextEdit;
    m_endpoints->setObjectName(u"endpointPreview"_s);
    m_endpoints->setReadOnly(true);
    m_endpoints->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_endpoints->setMaximumHeight(110);
    m_runEndpoints = new QPushButton(tr("Point the PSCs at the load balancer..."));
    m_runEndpoints->setObjectName(u"endpointRun"_s);
    auto *source =
        new QLabel(tr("After the certificate, SSO and the lookup service of the PSCs must use the "
                      "load-balancer name. %1 {lb}, {user} and {password} are filled in; the SSO password "
                      "is typed at a prompt on the PSC, never put on a command line.")
                       .arg(pscEndpointSource()));
    source->setWordWrap(true);
    auto *endpointForm = new QFormLayout;
    endpointForm->addRow(tr("On every PSC"), m_eachPsc);
    endpointForm->addRow(tr("Then on the first PSC"), m_firstPsc);
    auto *endpointBox =
        new QGroupBox(tr("Then: point the PSCs at the load-balancer name (verify the commands)"));
    auto *endpointLayout = new QVBoxLayout(endpointBox);
    endpointLayout->addWidget(source);
    endpointLayout->addLayout(endpointForm);
    endpointLayout->addWidget(m_endpoints);
    endpointLayout->addWidget(m_runEndpoints, 0, Qt::AlignRight);

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_files);
    split->addWidget(m_dialog);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_status, 1);
    runRow->addWidget(m_run);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_check);
    layout->addWidget(split, 1);
    layout->addWidget(m_switchShell);
    layout->addWidget(m_undo);
    layout->addWidget(live);
    layout->addLayout(runRow);
    layout->addWidget(endpointBox);

    const auto changed = [this] {
        if (isVisible())
            refresh();
    };
    connect(m_node, &QComboBox::currentIndexChanged, this, changed);
    connect(m_user, &QLineEdit::editingFinished, this, changed);
    connect(m_ssoUser, &QLineEdit::editingFinished, this, changed);
    connect(m_remoteFolder, &QLineEdit::editingFinished, this, changed);
    connect(m_certManager, &QLineEdit::editingFinished, this, changed);
    connect(m_sshPort, &QSpinBox::valueChanged, this, changed);
    connect(m_tlsPort, &QSpinBox::valueChanged, this, changed);
    connect(m_context.document, &PlanDocument::planChanged, this, changed);
    connect(m_context.document, &PlanDocument::projectFolderChanged, this, changed);
    connect(m_run, &QPushButton::clicked, this, [this] { runReplacement(); });
    connect(m_eachPsc, &QLineEdit::textChanged, this, [this] { refreshEndpoints(); });
    connect(m_firstPsc, &QLineEdit::textChanged, this, [this] { refreshEndpoints(); });
    connect(m_runEndpoints, &QPushButton::clicked, this, [this] { runEndpointUpdate(); });
    m_approveEndpoints = [this](const QString &what) {
        return QMessageBox::question(
                   this, tr("Run these commands on the PSCs?"),
                   tr("These commands change SSO and the lookup service of the PSCs. They come from "
                      "KB 2147014 as far as it is known; check them against the article.\n\n%1\n\n"
                      "Run them now?")
                       .arg(what))
            == QMessageBox::Yes;
    };
    connect(m_context.runPanel, &RunPanel::busyChanged, this, [this](bool busy) {
        m_run->setEnabled(!busy && m_filesClean);
        if (!busy)
            refreshEndpoints();
        else
            m_runEndpoints->setEnabled(false);
    });
}

void ApplyCertificatesPage::initializePage()
{
    const LabPlan &plan = m_context.document->plan();
    const QString current = m_node->currentData().toString();
    m_node->blockSignals(true);
    m_node->clear();
    m_node->addItem(tr("All, one after the other"), u"all"_s);
    for (qsizetype i = 0; i < plan.psc.size(); ++i)
        m_node->addItem(u"%1 (%2)"_s.arg(pscNodeId(i), plan.psc.at(i).fqdn), pscNodeId(i));
    const int index = m_node->findData(current);
    m_node->setCurrentIndex(index < 0 ? 0 : index);
    m_node->blockSignals(false);
    // Passwords that worked before (the SSH one is the appliances' root password when the
    // user is root; another user's is asked each time).
    if (m_user->text().trimmed() == u"root"_s)
        recallPassword(m_context.secrets, m_password, plan.lab.name, SecretRole::Root);
    recallPassword(m_context.secrets, m_ssoPassword, plan.lab.name, SecretRole::Sso);
    refresh();
}

QString ApplyCertificatesPage::certFolder() const
{
    return ApplyCertActions(m_context.document->projectFolder()).certFolder();
}

CertReplacementSettings ApplyCertificatesPage::settings() const
{
    CertReplacementSettings s;
    s.user = m_user->text().trimmed();
    s.sshPort = m_sshPort->value();
    s.credentials.password = m_password->text();
    s.knownHostsFile = ApplyCertActions(m_context.document->projectFolder()).knownHostsFile();
    s.acceptFingerprints = m_accepted;
    s.certFolder = certFolder();
    s.remoteFolder = m_remoteFolder->text().trimmed();
    s.certificateManager = m_certManager->text().trimmed();
    s.ssoUser = m_ssoUser->text().trimmed();
    s.ssoPassword = m_ssoPassword->text();
    s.tlsPort = quint16(m_tlsPort->value());
    s.switchLoginShell = m_switchShell->isChecked();
    return s;
}

void ApplyCertificatesPage::refresh()
{
    const LabPlan &plan = m_context.document->plan();
    const CertReplacementSettings s = settings();
    const Result<QList<qsizetype>> nodes = selectPscNodes(plan, m_node->currentData().toString());

    // The files must pass the certificate step's checks (small local files: read here).
    const CertFilesCheck check = ApplyCertActions::checkFiles(certFolder(), plan);
    QStringList missing;
    for (const CertFileRead &file : check.files) {
        if (!file.source)
            missing << QString::fromLatin1(file.name);
    }
    m_filesClean = check.clean();
    if (!missing.isEmpty()) {
        m_check->setText(tr("Missing in %1: %2. Make them on the Certificates page first.")
                             .arg(QDir::toNativeSeparators(certFolder()), missing.join(u", "_s)));
    } else {
        m_check->setText(
            m_filesClean
                ? tr("The certificate files in %1 pass every check.")
                      .arg(QDir::toNativeSeparators(certFolder()))
                : tr("The certificate files in %1 do not pass the checks; nothing will be sent "
                     "until they do (see the Certificates page).\n%2")
                      .arg(QDir::toNativeSeparators(certFolder()), check.report->toText().trimmed()));
    }

    m_files->setRowCount(0);
    QStringList dialog;
    if (nodes) {
        for (const qsizetype index : nodes.value()) {
            const CertReplacementPreview p =
                previewCertReplacement(makeCertReplacementRequest(plan, index, s));
            for (const PlannedUpload &u : p.uploads) {
                const int row = m_files->rowCount();
                m_files->insertRow(row);
                m_files->setItem(row, 0, new QTableWidgetItem(p.nodeId));
                m_files->setItem(row, 1, new QTableWidgetItem(u.name));
                m_files->setItem(row, 2,
                                 new QTableWidgetItem(!u.exists      ? tr("(missing)")
                                                          : u.secret ? tr("(private key: not shown)")
                                                                     : u.sha256));
                m_files->setItem(row, 3, new QTableWidgetItem(u"%1"_s.arg(u.mode, 4, 8, QChar(u'0'))));
                m_files->setItem(row, 4, new QTableWidgetItem(u.remotePath));
            }
            dialog << tr("== %1: ssh %2 ==").arg(p.nodeId, p.target)
                   << tr("first: the certificate served on %1 is looked at; when it is the new leaf already, "
                         "nothing below is done")
                          .arg(p.tls);
            if (s.switchLoginShell)
                dialog << u"shell.set --enabled True; shell; "_s
                        + QString::fromLatin1(ApplianceShell::FixCommand)
                       << tr("  (undo: %1)").arg(QString::fromLatin1(ApplianceShell::UndoCommand));
            for (const QString &c : p.commands)
                dialog << u"$ "_s + c;
            for (const PlannedAnswer &a : p.answers)
                dialog << u"  %1  ->  %2"_s.arg(a.prompt, a.answer);
            dialog << tr("then: the certificate served on %1 must have the new leaf's SHA-256").arg(p.tls)
                   << QString();
        }
    } else {
        dialog << nodes.error().message;
    }
    m_dialog->setPlainText(dialog.join(u'\n'));
    m_run->setEnabled(m_filesClean && !m_context.runPanel->isBusy());
    refreshEndpoints();
}

void ApplyCertificatesPage::refreshEndpoints()
{
    const Result<QList<PscEndpointStep>> steps = pscEndpointSteps(
        m_context.document->plan(), PscEndpointTemplates{m_eachPsc->text(), m_firstPsc->text()});
    QStringList lines;
    if (steps) {
        for (const PscEndpointStep &s : *steps)
            lines << tr("on %1 as %2@%3:").arg(s.nodeId, m_user->text().trimmed(), s.host)
                  << u"  "_s + s.command;
    } else {
        lines << steps.error().message;
    }
    m_endpoints->setPlainText(lines.join(u'\n'));
    m_runEndpoints->setEnabled(steps.ok() && !m_context.runPanel->isBusy());
}

bool ApplyCertificatesPage::runEndpointUpdate()
{
    return startEndpointUpdate(0, true);
}

bool ApplyCertificatesPage::startEndpointUpdate(int from, bool ask)
{
    const LabPlan &plan = m_context.document->plan();
    const Result<QList<PscEndpointStep>> steps =
        pscEndpointSteps(plan, PscEndpointTemplates{m_eachPsc->text(), m_firstPsc->text()});
    if (!steps) {
        m_status->setText(steps.error().message);
        return false;
    }
    const CertReplacementSettings c = settings();
    PscEndpointSettings s;
    s.user = c.user;
    s.sshPort = c.sshPort;
    s.credentials = c.credentials;
    s.knownHostsFile = c.knownHostsFile;
    s.acceptFingerprints = m_accepted;
    s.ssoPassword = c.ssoPassword;
    const bool needsSso = std::any_of(steps->cbegin(), steps->cend(),
                                      [](const PscEndpointStep &step) { return step.needsSsoPassword; });
    if (s.user.isEmpty() || s.credentials.password.isEmpty() || (needsSso && s.ssoPassword.isEmpty())) {
        m_status->setText(tr("Enter the SSH user, its password and the SSO administrator's password first."));
        return false;
    }
    // The approval: exactly what runs where (asked once; a confirmed host key then goes on).
    if (ask && (!m_approveEndpoints || !m_approveEndpoints(m_endpoints->toPlainText()))) {
        m_status->setText(tr("Not approved: nothing was run."));
        return false;
    }
    auto *queue = new JobQueue;
    const QList<Job *> jobs = makePscEndpointJobs(*steps, s);
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        if (i < from)
            delete jobs.at(i); // done before a host key had to be confirmed
        else
            queue->addJob(jobs.at(i));
    }
    connect(queue, &JobQueue::finished, this, [this, queue](bool ok) {
        if (ok) {
            m_status->setText(tr("Done: the PSCs point at the load-balancer name."));
            return;
        }
        // A host key not confirmed yet: the run panel asks, the trust flow says the rest.
        if (m_context.runPanel->awaitsTrust()) {
            m_status->setText(m_context.runPanel->trustText());
            return;
        }
        for (const Job *job : queue->jobs()) {
            if (job->state() == Job::State::Failed) {
                m_status->setText(job->result().error().message);
                return;
            }
        }
        m_status->setText(tr("Stopped."));
    });
    // Confirmed, the run goes on with the command that met the unknown key (the ones before it
    // are done); the key is recorded in the project's known_hosts when that run logs in.
    auto next = std::make_shared<int>(from);
    RunPanel::TrustFlow trust;
    trust.tlsKind = TrustRequest::Kind::SshHostKey;
    trust.keep = [this, queue, from, next](const TrustRequest &request, const Job *job) -> Result<void> {
        m_accepted.insert(job->key().section(u'.', 3), request.fingerprint);
        *next = from + int(queue->jobs().indexOf(const_cast<Job *>(job)));
        return {};
    };
    trust.decided = [this, next](bool trusted, const QString &outcome) {
        m_status->setText(outcome);
        if (trusted)
            startEndpointUpdate(*next, false);
    };
    if (const RunPanel::RunStart started = m_context.runPanel->start(
            queue, tr("Point the PSCs at the load-balancer name"), std::move(trust));
        started != RunPanel::RunStart::Started) {
        delete queue;
        m_status->setText(RunPanel::notStartedText(started));
        return false;
    }
    m_status->setText(tr("Pointing the PSCs at the load-balancer name ..."));
    return true;
}

bool ApplyCertificatesPage::runReplacement()
{
    refresh();
    if (!m_filesClean) {
        m_status->setText(tr("The certificate files do not pass the checks yet; nothing was sent."));
        return false;
    }
    const LabPlan &plan = m_context.document->plan();
    const Result<QList<qsizetype>> nodes = selectPscNodes(plan, m_node->currentData().toString());
    if (!nodes) {
        m_status->setText(nodes.error().message);
        return false;
    }
    const CertReplacementSettings s = settings();
    if (s.user.isEmpty() || s.credentials.password.isEmpty() || s.ssoPassword.isEmpty()) {
        m_status->setText(tr("Enter the SSH user, its password and the SSO administrator's password first."));
        (s.user.isEmpty()                       ? m_user
             : s.credentials.password.isEmpty() ? m_password
                                                : m_ssoPassword)
            ->setFocus();
        return false;
    }
    if (!s.remoteFolder.startsWith(u'/')) {
        m_status->setText(tr("The folder on the PSC must be an absolute path."));
        return false;
    }
    // A retry after a confirmed host key never repeats a PSC that is already done.
    m_running = ApplyCertActions::remaining(nodes.value(), m_done);
    auto *queue = new JobQueue;
    for (Job *job : ApplyCertActions::createJobs(plan, m_running, s))
        queue->addJob(job); // in turn: psc01 serves the new leaf before psc02 is touched
    // The logins this run uses, captured now: the fields or the plan may change while it runs.
    const QString lab = plan.lab.name;
    const QString sshUser = s.user;
    const QString sshPassword = s.credentials.password;
    const QString ssoPassword = s.ssoPassword;
    connect(queue, &JobQueue::finished, this, [this, queue, lab, sshUser, sshPassword, ssoPassword](bool ok) {
        m_done.unite(ApplyCertActions::servingNewCertificate(queue->jobs()));
        if (ok) {
            // root on the plan's PSCs: the PSC appliances' root password.
            if (sshUser == u"root"_s)
                keepPassword(m_context.secrets, sshPassword, lab, SecretRole::Root);
            keepPassword(m_context.secrets, ssoPassword, lab, SecretRole::Sso);
        }
        finished(queue, ok);
    });
    // Confirmed, the run starts again without the PSCs already done; the key is recorded in the
    // project's known_hosts when that run logs in.
    RunPanel::TrustFlow trust;
    trust.tlsKind = TrustRequest::Kind::SshHostKey;
    trust.keep = [this](const TrustRequest &request, const Job *job) -> Result<void> {
        m_accepted.insert(job->key().section(u'.', 2), request.fingerprint);
        return {};
    };
    trust.decided = [this](bool trusted, const QString &outcome) {
        m_status->setText(outcome);
        if (trusted)
            runReplacement();
    };
    if (const RunPanel::RunStart started = m_context.runPanel->start(
            queue, tr("Apply the machine certificate to the PSCs"), std::move(trust));
        started != RunPanel::RunStart::Started) {
        delete queue;
        m_status->setText(RunPanel::notStartedText(started));
        return false;
    }
    m_status->setText(tr("Replacing the certificate ..."));
    return true;
}

void ApplyCertificatesPage::finished(const JobQueue *queue, bool succeeded)
{
    const QList<Job *> jobs = queue->jobs();
    if (succeeded) {
        // A PSC that served the new certificate already was left alone: said so, not "replaced".
        QStringList already;
        for (const Job *job : jobs) {
            const auto *cert = qobject_cast<const CertManagerJob *>(job);
            if (cert && cert->state() == Job::State::Skipped && cert->servesNewCertificate())
                already << cert->nodeName();
        }
        m_status->setText(
            already.isEmpty()
                ? tr("Done: every chosen PSC serves the new certificate.")
                : tr("Done: every chosen PSC serves the new certificate. %1 served it already, so "
                     "nothing was uploaded or run there.")
                      .arg(already.join(u", "_s)));
        m_done.clear();
        return;
    }
    // A host key not confirmed yet: the run panel asks, the trust flow says the rest.
    if (m_context.runPanel->awaitsTrust()) {
        m_status->setText(m_context.runPanel->trustText());
        return;
    }
    // Why it stopped (a changed key and every other failure stop here with the reason), then
    // where each PSC stands and how to go on.
    QString why = tr("Stopped.");
    for (const Job *job : jobs) {
        if (job->state() == Job::State::Failed || job->state() == Job::State::Cancelled) {
            why = job->result().error().message;
            break;
        }
    }
    const QString aftermath =
        certReplacementAftermath({jobs.cbegin(), jobs.cend()}, m_context.document->fileName());
    m_status->setText(aftermath.isEmpty() ? why : why + u"\n\n"_s + aftermath);
}

VLAB_REGISTER_STEP(35, "applycerts", ApplyCertificatesPage)

} // namespace vlab
