#include "vcsainstallerbox.h"

#include "plan/labplan.h"
#include "project/projectstate.h"
#include "rememberedpassword.h"
#include "validate/passwordpolicy.h"
#include "vsphere/vcsaactions.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace vlab {

VcsaInstallerBox::VcsaInstallerBox(QWidget *parent)
    : QGroupBox(tr("VCSA installer"), parent)
    , m_iso(new QLineEdit)
    , m_isoStatus(new QLabel)
    , m_targetPassword(new QLineEdit)
    , m_rootPassword(new QLineEdit)
    , m_ssoPassword(new QLineEdit)
    , m_noSsl(new QCheckBox(tr("Skip the target's certificate check")))
    , m_targetLabel(new QLabel(tr("Target password")))
{
    m_iso->setObjectName(u"vcsaIso"_s);
    m_isoStatus->setObjectName(u"vcsaIsoStatus"_s);
    m_targetPassword->setObjectName(u"vcsaTargetPassword"_s);
    m_rootPassword->setObjectName(u"vcsaRootPassword"_s);
    m_ssoPassword->setObjectName(u"vcsaSsoPassword"_s);
    m_noSsl->setObjectName(u"vcsaNoSsl"_s);
    m_noSsl->setToolTip(
        tr("Runs vcsa-deploy with --no-ssl-certificate-verification: the installer then trusts "
           "whatever answers at the target's address and sends it the passwords. Only for a "
           "host whose self-signed certificate you have compared by its thumbprint."));
    m_targetLabel->setWordWrap(true); // "Password of root on ESXi host ..." may be long
    for (QLineEdit *p : {m_targetPassword, m_rootPassword, m_ssoPassword})
        p->setEchoMode(QLineEdit::Password);
    m_iso->setPlaceholderText(tr("the folder where the VCSA ISO is mounted"));
    m_isoStatus->setWordWrap(true);
    m_isoStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *browse = new QPushButton(tr("Choose..."));
    browse->setObjectName(u"vcsaIsoBrowse"_s);
    auto *isoRow = new QHBoxLayout;
    isoRow->addWidget(m_iso, 1);
    isoRow->addWidget(browse);
    auto *form = new QFormLayout(this);
    // Labels go above their fields when the page is narrow (a 1024-pixel screen).
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("VCSA ISO folder"), isoRow);
    form->addRow(QString(), m_isoStatus);
    form->addRow(m_targetLabel, m_targetPassword);
    form->addRow(tr("Appliance root password"), m_rootPassword);
    form->addRow(tr("SSO administrator password"), m_ssoPassword);
    form->addRow(QString(), m_noSsl);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("The mounted VCSA ISO"), m_iso->text());
        if (!dir.isEmpty())
            m_iso->setText(QDir::toNativeSeparators(dir));
    });
    connect(m_iso, &QLineEdit::textChanged, this, &VcsaInstallerBox::checkIso);
    checkIso();
}

void VcsaInstallerBox::setSecretStore(SecretStore *store, SecretRole applianceRoot)
{
    m_secrets = store;
    m_applianceRoot = applianceRoot;
    for (QLineEdit *p : {m_targetPassword, m_rootPassword, m_ssoPassword})
        showRememberedPasswordHint(p, store);
}

void VcsaInstallerBox::describeTarget(const LabPlan &plan, const QString &projectFolder)
{
    m_projectFolder = projectFolder;
    if (m_iso->text().trimmed().isEmpty()) {
        if (const Result<ProjectState> state = ProjectState::load(projectFolder); state)
            m_iso->setText(state->isoFolder);
    }
    m_targetLabel->setText(plan.target.kind == u"vcenter"_s
                               ? tr("Password of %1 on vCenter %2").arg(plan.target.user, plan.target.host)
                               : tr("Password of %1 on ESXi %2").arg(plan.target.user, plan.target.host));
    recallPassword(m_secrets, m_targetPassword, plan.lab.name, SecretRole::Target,
                   passwordAccount(plan.target.user, plan.target.host));
    recallPassword(m_secrets, m_rootPassword, plan.lab.name, m_applianceRoot);
    recallPassword(m_secrets, m_ssoPassword, plan.lab.name, SecretRole::Sso);
}

void VcsaInstallerBox::keepPasswords(const VcsaDeployRequest &used, const QString &lab,
                                     const QString &targetAccount)
{
    keepPassword(m_secrets, used.secrets.targetPassword, lab, SecretRole::Target, targetAccount);
    if (used.precheckOnly)
        return;
    keepPassword(m_secrets, used.secrets.rootPassword, lab, m_applianceRoot);
    keepPassword(m_secrets, used.secrets.ssoPassword, lab, SecretRole::Sso);
}

void VcsaInstallerBox::checkIso()
{
    if (m_iso->text().trimmed().isEmpty()) {
        m_isoStatus->setText(
            tr("The installer is expected at %1 under the ISO folder.").arg(vcsaDeployRelativePath()));
        return;
    }
    const Result<QString> found = findVcsaDeploy(m_iso->text().trimmed());
    m_isoStatus->setText(found ? tr("Installer found: %1").arg(QDir::toNativeSeparators(*found))
                               : found.error().message);
    // A folder that holds the installer is kept for the project (best effort: without the file
    // the folder is simply typed again next time).
    if (found && !m_projectFolder.isEmpty())
        (void)ProjectState::update(m_projectFolder,
                                   [iso = m_iso->text().trimmed()](ProjectState &s) { s.isoFolder = iso; });
}

QString VcsaInstallerBox::isoFolder() const
{
    return m_iso->text().trimmed();
}

VcsaSecrets VcsaInstallerBox::secrets() const
{
    return {m_targetPassword->text(), m_rootPassword->text(), m_ssoPassword->text()};
}

Result<VcsaDeployRequest> VcsaInstallerBox::request(const LabPlan &plan, VcsaRole role, bool precheckOnly,
                                                    const QString &projectFolder) const
{
    VcsaInstallSettings settings;
    settings.isoFolder = m_iso->text().trimmed();
    settings.secrets = {m_targetPassword->text(), m_rootPassword->text(), m_ssoPassword->text()};
    settings.projectFolder = projectFolder;
    settings.precheckOnly = precheckOnly;
    settings.noSslVerification = m_noSsl->isChecked();
    Result<VcsaDeployRequest> r = vcsaDeployRequest(plan, role, settings);
    if (!r)
        return r;
    if (r->secrets.targetPassword.isEmpty())
        return makeError(u"vcsa.password"_s, tr("Enter the password of the deployment target."));
    for (const auto &[what, secret] :
         {std::pair{tr("The appliance root password"), r->secrets.rootPassword},
          std::pair{tr("The SSO administrator password"), r->secrets.ssoPassword}}) {
        if (const QStringList problems = passwordProblems(secret); !problems.isEmpty())
            return makeError(
                u"vcsa.password"_s,
                tr("%1 does not meet the appliance password policy: %2").arg(what, problems.join(u' ')));
    }
    return r;
}

} // namespace vlab
