#include "certificatespage.h"

#include "certs/certactions.h"
#include "certs/csrrequest.h"
#include "codeview.h"
#include "core/atomicfile.h"
#include "jobs/jobqueue.h"
#include "planform.h"
#include "project/plandocument.h"
#include "runpanel.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFont>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

QString fileIn(const QString &folder, const char *name)
{
    return QDir(folder).filePath(QString::fromLatin1(name));
}

} // namespace

QString CertificatesPage::stepTitle()
{
    return tr("Certificates");
}

CertificatesPage::CertificatesPage(const StepContext &context)
    : m_context(context)
    , m_vmca(new QRadioButton(tr("VMCA: the PSC's own certificate authority signs (walk-through option 1)")))
    , m_external(new QRadioButton(tr("External CA: your certificate authority signs (option 2)")))
    , m_folderLabel(new QLabel)
    , m_config(newCodeView({}, 12))
    , m_generate(new QPushButton(tr("Generate key and CSR")))
    , m_vmcaBox(new QGroupBox(tr("2. Sign with the VMCA root")))
    , m_rootCert(new QLineEdit)
    , m_rootKey(new QLineEdit)
    , m_sign(new QPushButton(tr("Sign and verify")))
    , m_externalBox(new QGroupBox(tr("2. Send the CSR to your CA, then add what it returns")))
    , m_csr(newCodeView({}, 6))
    , m_returned(new QListWidget)
    , m_build(new QPushButton(tr("Build chain files and verify")))
    , m_checks(new QTreeWidget)
    , m_verdict(new QLabel)
{
    setObjectName(u"page:certificates"_s);
    setTitle(stepTitle());
    setSubTitle(tr("One machine certificate for both PSCs and the load-balancer name, proven before "
                   "anything touches a PSC."));
    setAcceptDrops(true);
    m_generate->setObjectName(u"generateCsr"_s);
    m_sign->setObjectName(u"signVmca"_s);
    m_build->setObjectName(u"buildChain"_s);
    m_rootCert->setObjectName(u"vmcaRootCert"_s);
    m_rootKey->setObjectName(u"vmcaRootKey"_s);
    m_returned->setObjectName(u"returnedFiles"_s);
    m_checks->setObjectName(u"certChecks"_s);
    m_verdict->setObjectName(u"certVerdict"_s);
    m_config->setObjectName(u"requestConfig"_s);
    m_csr->setObjectName(u"csrText"_s);
    m_actions = {m_generate, m_sign, m_build};

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);

    // The request's values, edited here: the subject, the names it covers, the key.
    PlanDocument *plan = m_context.document;
    m_subject = new PlanForm(tr("Subject"), plan);
    m_subject->addText(
        tr("Common name (CN)"), u"certificate.subject.CN"_s,
        [](const LabPlan &p) { return p.certificate.subject.commonName; },
        [](LabPlan &p, const QString &v) { p.certificate.subject.commonName = v; },
        tr("the load-balancer name"));
    m_subject->addList(
        tr("Subject alternative names"), u"certificate.san"_s,
        [](const LabPlan &p) { return p.certificate.san; },
        [](LabPlan &p, const QStringList &v) { p.certificate.san = v; },
        tr("every PSC name and the load-balancer name"));
    m_subject->addText(
        tr("Country (C)"), u"certificate.subject.C"_s,
        [](const LabPlan &p) { return p.certificate.subject.country; },
        [](LabPlan &p, const QString &v) { p.certificate.subject.country = v; }, u"AE"_s);
    m_subject->addText(
        tr("State (ST)"), u"certificate.subject.ST"_s,
        [](const LabPlan &p) { return p.certificate.subject.state; },
        [](LabPlan &p, const QString &v) { p.certificate.subject.state = v; });
    m_key = new PlanForm(tr("Organisation and key"), plan);
    m_key->addText(
        tr("Locality (L)"), u"certificate.subject.L"_s,
        [](const LabPlan &p) { return p.certificate.subject.locality; },
        [](LabPlan &p, const QString &v) { p.certificate.subject.locality = v; });
    m_key->addText(
        tr("Organization (O)"), u"certificate.subject.O"_s,
        [](const LabPlan &p) { return p.certificate.subject.organization; },
        [](LabPlan &p, const QString &v) { p.certificate.subject.organization = v; });
    m_key->addText(
        tr("Organizational unit (OU)"), u"certificate.subject.OU"_s,
        [](const LabPlan &p) { return p.certificate.subject.organizationUnit; },
        [](LabPlan &p, const QString &v) { p.certificate.subject.organizationUnit = v; });
    m_key->addChoice(
        tr("RSA key size"), u"certificate.keyBits"_s, {u"2048"_s, u"3072"_s, u"4096"_s},
        [](const LabPlan &p) { return QString::number(p.certificate.keyBits); },
        [](LabPlan &p, const QString &v) { p.certificate.keyBits = v.toInt(); });
    m_key->addNumber(
        tr("Valid for"), u"certificate.validityDays"_s,
        [](const LabPlan &p) { return p.certificate.validityDays; },
        [](LabPlan &p, const int &v) { p.certificate.validityDays = v; }, tr(" days"));
    auto *requestValues = new QHBoxLayout;
    requestValues->addWidget(m_subject, 1);
    requestValues->addWidget(m_key, 1);
    layout->addLayout(requestValues);

    auto *signerRow = new QVBoxLayout;
    signerRow->addWidget(m_vmca);
    signerRow->addWidget(m_external);
    layout->addLayout(signerRow);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_folderLabel);

    auto *requestBox = new QGroupBox(tr("1. Key and certificate request (psc_ha_csr_cfg.cfg)"));
    auto *requestLayout = new QVBoxLayout(requestBox);
    requestLayout->addWidget(m_config);
    requestLayout->addWidget(m_generate, 0, Qt::AlignLeft);
    layout->addWidget(requestBox);

    auto *vmcaLayout = new QGridLayout(m_vmcaBox);
    vmcaLayout->addWidget(new QLabel(tr("VMCA root certificate (root.cer):")), 0, 0);
    vmcaLayout->addWidget(m_rootCert, 0, 1);
    auto *browseCert = new QPushButton(tr("Browse..."));
    vmcaLayout->addWidget(browseCert, 0, 2);
    vmcaLayout->addWidget(new QLabel(tr("VMCA root key (privatekey.pem):")), 1, 0);
    vmcaLayout->addWidget(m_rootKey, 1, 1);
    auto *browseKey = new QPushButton(tr("Browse..."));
    vmcaLayout->addWidget(browseKey, 1, 2);
    auto *vmcaHint = new QLabel(tr("Copy both from a PSC: /var/lib/vmware/vmca/root.cer and "
                                   "/var/lib/vmware/vmca/privatekey.pem."));
    vmcaHint->setWordWrap(true);
    vmcaLayout->addWidget(vmcaHint, 2, 0, 1, 3);
    vmcaLayout->addWidget(m_sign, 3, 0, 1, 3, Qt::AlignLeft);
    layout->addWidget(m_vmcaBox);

    auto *externalLayout = new QVBoxLayout(m_externalBox);
    auto *copy = new QPushButton(tr("Copy CSR"));
    copy->setObjectName(u"copyCsr"_s);
    externalLayout->addWidget(m_csr);
    externalLayout->addWidget(copy, 0, Qt::AlignLeft);
    auto *dropHint = new QLabel(tr("Drop the signed certificate and the CA's intermediate and root "
                                   "certificates here, in any order (PEM, DER or PKCS#7):"));
    dropHint->setWordWrap(true);
    externalLayout->addWidget(dropHint);
    m_returned->setFixedHeight(90);
    externalLayout->addWidget(m_returned);
    auto *fileButtons = new QHBoxLayout;
    auto *addFiles = new QPushButton(tr("Add files..."));
    auto *removeFile = new QPushButton(tr("Remove"));
    fileButtons->addWidget(addFiles);
    fileButtons->addWidget(removeFile);
    fileButtons->addStretch(1);
    fileButtons->addWidget(m_build);
    externalLayout->addLayout(fileButtons);
    layout->addWidget(m_externalBox);

    auto *reportBox = new QGroupBox(tr("3. Verification"));
    auto *reportLayout = new QVBoxLayout(reportBox);
    m_checks->setColumnCount(2);
    m_checks->setHeaderLabels({tr("Check"), tr("Result")});
    m_checks->setRootIsDecorated(false);
    m_checks->setWordWrap(true);
    m_checks->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_checks->setMinimumHeight(220);
    m_verdict->setWordWrap(true);
    auto *reverify = new QPushButton(tr("Verify the files again"));
    reverify->setObjectName(u"verifyAgain"_s);
    m_actions << reverify;
    reportLayout->addWidget(m_verdict);
    reportLayout->addWidget(m_checks);
    reportLayout->addWidget(reverify, 0, Qt::AlignLeft);
    layout->addWidget(reportBox);
    layout->addStretch(1);

    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    PlanDocument *doc = m_context.document;
    auto setSigner = [doc](const QString &signer) {
        doc->edit([&](LabPlan &p) { p.certificate.signer = signer; });
    };
    connect(m_vmca, &QRadioButton::toggled, this, [setSigner](bool on) {
        if (on)
            setSigner(u"vmca"_s);
    });
    connect(m_external, &QRadioButton::toggled, this, [setSigner](bool on) {
        if (on)
            setSigner(u"external"_s);
    });
    // Built when the page is shown, and kept current while it is (start-up stays fast).
    connect(doc, &PlanDocument::planChanged, this, [this] {
        if (isVisible())
            refreshFromPlan();
    });
    connect(doc, &PlanDocument::projectFolderChanged, this, &CertificatesPage::refreshFiles);
    connect(m_generate, &QPushButton::clicked, this, &CertificatesPage::generate);
    connect(m_sign, &QPushButton::clicked, this, &CertificatesPage::signWithVmca);
    connect(m_build, &QPushButton::clicked, this, &CertificatesPage::buildExternalChain);
    connect(reverify, &QPushButton::clicked, this, &CertificatesPage::verifyExisting);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_csr->toPlainText()); });
    connect(browseCert, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("VMCA root certificate"), m_rootCert->text(),
                                                       tr("Certificates (*.cer *.crt *.pem);;All files (*)"));
        if (!f.isEmpty())
            m_rootCert->setText(QDir::toNativeSeparators(f));
    });
    connect(browseKey, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("VMCA root key"), m_rootKey->text(),
                                                       tr("Keys (*.pem *.key);;All files (*)"));
        if (!f.isEmpty())
            m_rootKey->setText(QDir::toNativeSeparators(f));
    });
    connect(addFiles, &QPushButton::clicked, this, [this] {
        addReturnedFiles(
            QFileDialog::getOpenFileNames(this, tr("Certificates from your CA"), QString(),
                                          tr("Certificates (*.cer *.crt *.pem *.der *.p7b);;All files (*)")));
    });
    connect(removeFile, &QPushButton::clicked, this, [this] { qDeleteAll(m_returned->selectedItems()); });
    connect(m_context.runPanel, &RunPanel::busyChanged, this, [this](bool busy) {
        for (QPushButton *b : std::as_const(m_actions))
            b->setEnabled(!busy);
    });
}

QString CertificatesPage::certFolder() const
{
    return QDir(m_context.document->projectFolder()).filePath(u"certs"_s);
}

bool CertificatesPage::ownsField(const QString &path)
{
    return path.startsWith(u"certificate."_s);
}

QWidget *CertificatesPage::showField(const QString &path)
{
    if (path == u"certificate.signer"_s)
        return m_external->isChecked() ? m_external : m_vmca;
    if (QWidget *editor = m_subject->editorFor(path))
        return editor;
    return m_key->editorFor(path);
}

void CertificatesPage::initializePage()
{
    refreshFromPlan();
}

void CertificatesPage::refreshFromPlan()
{
    const LabPlan &plan = m_context.document->plan();
    const bool external = plan.certificate.signer == u"external"_s;
    const QSignalBlocker blockVmca(m_vmca), blockExternal(m_external);
    // A signer the plan does not know (from a file) checks neither: validation says why.
    const bool known = external || plan.certificate.signer == u"vmca"_s;
    m_vmca->setAutoExclusive(false);
    m_external->setAutoExclusive(false);
    m_vmca->setChecked(known && !external);
    m_external->setChecked(external);
    m_vmca->setAutoExclusive(true);
    m_external->setAutoExclusive(true);
    m_vmcaBox->setVisible(!external);
    m_externalBox->setVisible(external);
    const CsrRequest request = CsrRequest::fromPlan(plan);
    const QString problem = request.problem();
    m_config->setPlainText(problem.isEmpty() ? QString::fromUtf8(renderRequestConfig(request))
                                             : tr("The plan cannot make a request yet: %1").arg(problem));
    m_generate->setEnabled(problem.isEmpty() && !m_context.runPanel->isBusy());
    refreshFiles();
}

void CertificatesPage::refreshFiles()
{
    const QString folder = certFolder();
    m_folderLabel->setText(tr("Files are written to %1").arg(QDir::toNativeSeparators(folder)));
    if (const Result<QByteArray> csr = readFileLimited(fileIn(folder, CertFiles::Csr), 64 * 1024))
        m_csr->setPlainText(QString::fromLatin1(*csr));
    else
        m_csr->setPlainText(tr("Generate the key and CSR first (step 1)."));
}

void CertificatesPage::run(const QList<Job *> &jobs, const QString &title)
{
    auto *queue = new JobQueue;
    for (Job *job : jobs) {
        queue->addJob(job);
        if (auto *verify = qobject_cast<VerifyCertificatesJob *>(job))
            connect(verify, &VerifyCertificatesJob::reportReady, this, &CertificatesPage::showReport);
    }
    connect(queue, &JobQueue::finished, this, [this, queue](bool ok) {
        refreshFiles();
        if (!ok) {
            for (Job *job : queue->jobs()) {
                if (job->state() == Job::State::Failed && !qobject_cast<VerifyCertificatesJob *>(job)) {
                    m_verdict->setText(u"<span style=\"color:#b00020\">%1</span>"_s.arg(
                        job->result().error().message.toHtmlEscaped()));
                }
            }
        }
    });
    if (!m_context.runPanel->run(queue, title)) {
        delete queue;
        m_verdict->setText(tr("Other work is still running; wait for it or cancel it."));
    }
}

void CertificatesPage::generate()
{
    const QString folder = certFolder();
    ExistingKey existing = ExistingKey::Refuse;
    if (QFileInfo::exists(fileIn(folder, CertFiles::Key))) {
        const auto answer = QMessageBox::question(
            this, tr("Replace the key?"),
            tr("%1 already holds a private key. Make a new key and request, keeping the old key as a "
               "dated backup?")
                .arg(QDir::toNativeSeparators(folder)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
        existing = ExistingKey::KeepBackup;
    }
    run({CertActions(m_context.document->plan(), folder).createCsrJob(existing)}, tr("Generate key and CSR"));
}

void CertificatesPage::signWithVmca()
{
    const QString folder = certFolder();
    const QString rootCert = QDir::fromNativeSeparators(m_rootCert->text().trimmed());
    const QString rootKey = QDir::fromNativeSeparators(m_rootKey->text().trimmed());
    if (rootCert.isEmpty() || rootKey.isEmpty()) {
        m_verdict->setText(tr("Choose the VMCA root certificate and key first."));
        return;
    }
    run(CertActions(m_context.document->plan(), folder).createVmcaSignAndVerifyJobs(rootCert, rootKey),
        tr("Sign with the VMCA root"));
}

void CertificatesPage::buildExternalChain()
{
    QStringList files;
    for (int i = 0; i < m_returned->count(); ++i)
        files << m_returned->item(i)->data(Qt::UserRole).toString();
    if (files.isEmpty()) {
        m_verdict->setText(tr("Add the files your CA returned first."));
        return;
    }
    run(CertActions(m_context.document->plan(), certFolder()).createExternalChainJobs(files),
        tr("Build the chain files"));
}

void CertificatesPage::verifyExisting()
{
    run({CertActions(m_context.document->plan(), certFolder()).createVerifyJob()},
        tr("Verify the certificate files"));
}

void CertificatesPage::addReturnedFiles(const QStringList &files)
{
    for (const QString &file : files) {
        if (!m_returned->findItems(QFileInfo(file).fileName(), Qt::MatchExactly).isEmpty())
            continue;
        auto *item = new QListWidgetItem(QFileInfo(file).fileName(), m_returned);
        item->setData(Qt::UserRole, file);
        item->setToolTip(QDir::toNativeSeparators(file));
    }
}

void CertificatesPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && m_externalBox->isVisible())
        event->acceptProposedAction();
}

void CertificatesPage::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    addReturnedFiles(files);
    event->acceptProposedAction();
}

void CertificatesPage::showReport(const CertReport &report)
{
    m_checks->clear();
    for (const CertCheck &check : report.checks) {
        auto *item = new QTreeWidgetItem(m_checks, {check.title, check.message});
        const QStyle::StandardPixmap icon = check.passed ? QStyle::SP_DialogApplyButton
            : check.severity == Severity::Error          ? QStyle::SP_MessageBoxCritical
                                                         : QStyle::SP_MessageBoxWarning;
        item->setIcon(0, style()->standardIcon(icon));
        item->setData(0, Qt::UserRole, check.id);
        item->setData(0, Qt::UserRole + 1, check.passed);
        if (!check.passed && !check.hint.isEmpty()) {
            item->setToolTip(1, check.hint);
            item->setText(1, check.message + u"\n"_s + tr("Fix: %1").arg(check.hint));
        }
    }
    m_verdict->setText(
        report.clean() ? tr("<b>Ready:</b> the files can be applied to both PSCs with certificate-manager.")
                       : tr("<span style=\"color:#b00020\"><b>Not ready:</b> %n check(s) failed. Nothing "
                            "will be applied to a PSC until they pass.</span>",
                            nullptr, report.failedCount(Severity::Error)));
}

VLAB_REGISTER_STEP(30, "certificates", CertificatesPage)

} // namespace vlab
