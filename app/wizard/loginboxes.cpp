#include "loginboxes.h"

#include "netscaler/nitrojob.h"
#include "plan/labplan.h"
#include "project/projectstate.h"
#include "rememberedpassword.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace vlab {

NetScalerLoginBox::NetScalerLoginBox(const QString &title, const QString &objectPrefix, SecretStore *secrets,
                                     QWidget *parent)
    : QGroupBox(title, parent)
    , m_address(new QLineEdit)
    , m_user(new QLineEdit(u"nsroot"_s))
    , m_password(new QLineEdit)
    , m_secrets(secrets)
{
    m_address->setObjectName(objectPrefix + u"Nsip"_s);
    m_user->setObjectName(objectPrefix + u"NsUser"_s);
    m_password->setObjectName(objectPrefix + u"NsPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    showRememberedPasswordHint(m_password, secrets);
    auto *form = new QFormLayout(this);
    form->addRow(tr("NSIP"), m_address);
    form->addRow(tr("User"), m_user);
    form->addRow(tr("Password"), m_password);
    // Another NetScaler or user typed: a password that worked there comes back.
    for (QLineEdit *field : {m_address, m_user})
        connect(field, &QLineEdit::editingFinished, this, &NetScalerLoginBox::recall);
}

void NetScalerLoginBox::suggestFrom(const LabPlan &plan, const QString &projectFolder)
{
    m_lab = plan.lab.name;
    if (m_address->text().isEmpty()) {
        const Result<ProjectState> state = ProjectState::load(projectFolder);
        m_address->setText(state && !state->netscalerAddress.isEmpty() ? state->netscalerAddress
                                                                       : plan.loadBalancer.nsip);
    }
    recall();
}

void NetScalerLoginBox::recall()
{
    if (const Result<NitroTarget> target = NitroTarget::parseAddress(m_address->text()); target)
        recallPassword(m_secrets, m_password, m_lab, SecretRole::NetScaler,
                       passwordAccount(m_user->text(), target->address()));
}

SshLoginBox::SshLoginBox(const QString &title, const QString &objectPrefix, QWidget *parent)
    : QGroupBox(title, parent)
    , m_user(new QLineEdit(u"root"_s))
    , m_port(new QSpinBox)
    , m_password(new QLineEdit)
    , m_keyFile(new QLineEdit)
{
    m_user->setObjectName(objectPrefix + u"SshUser"_s);
    m_port->setObjectName(objectPrefix + u"SshPort"_s);
    m_port->setRange(1, 65535);
    m_port->setValue(22);
    m_password->setObjectName(objectPrefix + u"SshPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_keyFile->setObjectName(objectPrefix + u"SshKey"_s);
    m_keyFile->setPlaceholderText(tr("private key file (instead of the password)"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("User"), m_user);
    form->addRow(tr("Port"), m_port);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Key file"), m_keyFile);
}

void SshLoginBox::offerRootPassword(SecretStore *secrets)
{
    m_secrets = secrets;
    showRememberedPasswordHint(m_password, secrets);
    connect(m_user, &QLineEdit::editingFinished, this, [this] { recallRootPassword(m_lab); });
}

void SshLoginBox::recallRootPassword(const QString &lab)
{
    m_lab = lab;
    if (m_secrets && m_user->text().trimmed() == u"root"_s)
        recallPassword(m_secrets, m_password, m_lab, SecretRole::Root);
}

} // namespace vlab
