#include "vcenterconnectionbox.h"

#include "net/tlstrust.h"
#include "plan/labplan.h"
#include "rememberedpassword.h"

#include <QFormLayout>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace vlab {

VCenterConnectionBox::VCenterConnectionBox(QWidget *parent)
    : QGroupBox(tr("vCenter connection"), parent)
    , m_host(new QLineEdit)
    , m_user(new QLineEdit)
    , m_password(new QLineEdit)
    , m_fingerprint(new QLineEdit)
{
    m_host->setObjectName(u"vcHost"_s);
    m_user->setObjectName(u"vcUser"_s);
    m_password->setObjectName(u"vcPassword"_s);
    m_fingerprint->setObjectName(u"vcFingerprint"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_host->setPlaceholderText(tr("host or host:port"));
    m_fingerprint->setPlaceholderText(tr("SHA-256, needed when this machine does not trust the certificate"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("Host"), m_host);
    form->addRow(tr("User"), m_user);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Certificate fingerprint"), m_fingerprint);
}

void VCenterConnectionBox::setSecretStore(SecretStore *store)
{
    m_secrets = store;
    m_password->setPlaceholderText(rememberedPasswordHint(store));
}

void VCenterConnectionBox::suggestFrom(const LabPlan &plan)
{
    if (m_host->text().isEmpty())
        m_host->setText(plan.vcenter.fqdn);
    if (m_user->text().isEmpty() && !plan.sso.domain.isEmpty())
        m_user->setText(u"administrator@"_s + plan.sso.domain);
    recallPassword(m_secrets, m_password, plan.lab.name, SecretRole::VCenter);
}

void VCenterConnectionBox::keepPassword(const LabPlan &plan)
{
    vlab::keepPassword(m_secrets, m_password, plan.lab.name, SecretRole::VCenter);
}

Result<VCenterEndpoint> VCenterConnectionBox::endpoint() const
{
    VCenterEndpoint e;
    const Result<QUrl> url = parseVCenterHost(m_host->text());
    if (!url)
        return url.error();
    e.url = *url;
    e.user = m_user->text().trimmed();
    if (e.user.isEmpty())
        return makeError(u"vcenter.user"_s, tr("Enter the vCenter user."));
    e.password = m_password->text();
    if (!m_fingerprint->text().trimmed().isEmpty()) {
        const Result<QByteArray> pin = parseSha256Fingerprint(m_fingerprint->text());
        if (!pin)
            return pin.error();
        e.pin = *pin;
    }
    return e;
}

void VCenterConnectionBox::offerFingerprint(const QString &fingerprint)
{
    // Shown, not confirmed: the user compares it with the appliance's and keeps it or not.
    if (m_fingerprint->text().trimmed().isEmpty())
        m_fingerprint->setText(fingerprint);
    m_fingerprint->setFocus();
    m_fingerprint->selectAll();
}

} // namespace vlab
