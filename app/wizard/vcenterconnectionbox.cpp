#include "vcenterconnectionbox.h"

#include "net/hostport.h"
#include "net/tlstrust.h"
#include "plan/labplan.h"
#include "project/plandocument.h"
#include "project/projectstate.h"
#include "rememberedpassword.h"
#include "vsphere/vcenteractions.h"

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
    // Another vCenter or user typed: its password comes back if it worked before.
    for (QLineEdit *field : {m_host, m_user})
        connect(field, &QLineEdit::editingFinished, this, &VCenterConnectionBox::recall);
}

namespace {
// The account a vCenter password belongs to: user@host[:port], the port only when not 443.
QString accountOf(const QString &user, const QUrl &url)
{
    return passwordAccount(user, formatHostPort(url.host(), quint16(url.port(443)), 443));
}
} // namespace

void VCenterConnectionBox::attach(const StepContext &context)
{
    m_secrets = context.secrets;
    m_document = context.document;
    showRememberedPasswordHint(m_password, m_secrets);
}

void VCenterConnectionBox::suggestFrom(const LabPlan &plan)
{
    // The vCenter and user that worked last in this project come first.
    const Result<ProjectState> state =
        m_document ? ProjectState::load(m_document->projectFolder()) : Result<ProjectState>(ProjectState{});
    const bool worked = state && !state->vcenterHost.isEmpty();
    if (m_host->text().isEmpty())
        m_host->setText(worked ? state->vcenterHost : plan.vcenter.fqdn);
    if (m_user->text().isEmpty() && worked && !state->vcenterUser.isEmpty())
        m_user->setText(state->vcenterUser);
    if (m_user->text().isEmpty() && !plan.sso.domain.isEmpty())
        m_user->setText(u"administrator@"_s + plan.sso.domain);
    recall();
}

void VCenterConnectionBox::recall()
{
    if (!m_document)
        return;
    if (const Result<QUrl> url = parseVCenterHost(m_host->text()); url && !m_user->text().trimmed().isEmpty())
        recallPassword(m_secrets, m_password, m_document->plan().lab.name, SecretRole::VCenter,
                       accountOf(m_user->text(), *url));
}

void VCenterConnectionBox::rememberWhatWorked(const VCenterEndpoint &used, const QString &lab,
                                              const QString &projectFolder)
{
    keepPassword(m_secrets, used.password, lab, SecretRole::VCenter, accountOf(used.user, used.url));
    // Best effort: without the file the plan's vCenter is suggested next time.
    (void)ProjectState::update(projectFolder, [&used](ProjectState &s) {
        s.vcenterHost = vcenterTarget(used.url);
        s.vcenterUser = used.user;
    });
    if (used.pin.isEmpty() || projectFolder.isEmpty())
        return;
    // Best effort: without the file the fingerprint is simply asked for again next time.
    (void)VCenterActions(projectFolder).keepFingerprint(used);
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
    } else if (m_document) {
        const Result<QByteArray> pin = VCenterActions(m_document->projectFolder()).confirmedPin(*url);
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
