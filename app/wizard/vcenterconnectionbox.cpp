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
{
    m_host->setObjectName(u"vcHost"_s);
    m_user->setObjectName(u"vcUser"_s);
    m_password->setObjectName(u"vcPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_host->setPlaceholderText(tr("host or host:port"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("Host"), m_host);
    form->addRow(tr("User"), m_user);
    form->addRow(tr("Password"), m_password);
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
    if (m_document) {
        const Result<QByteArray> pin = VCenterActions(m_document->projectFolder()).confirmedPin(*url);
        if (!pin)
            return pin.error();
        e.pin = *pin;
    }
    return e;
}

RunPanel::TrustFlow VCenterConnectionBox::trustFlow(std::function<void()> rerun,
                                                    std::function<void(const QString &)> show) const
{
    RunPanel::TrustFlow flow;
    flow.tlsKind = TrustRequest::Kind::VCenter;
    // The project the run started in keeps it (the plan may be switched while the dialog is open).
    const QString folder = m_document ? m_document->projectFolder() : QString();
    flow.keep = [folder](const TrustRequest &request, const Job *) -> Result<void> {
        if (folder.isEmpty())
            return makeError(
                u"trust.no-project"_s,
                tr("Save the plan in a project folder first: confirmed fingerprints are kept there."));
        VCenterEndpoint confirmed;
        const Result<QUrl> url = parseVCenterHost(request.hostPort());
        if (!url)
            return url.error();
        confirmed.url = *url;
        const Result<QByteArray> pin = parseSha256Fingerprint(request.fingerprint);
        if (!pin)
            return pin.error();
        confirmed.pin = *pin;
        return VCenterActions(folder).keepFingerprint(confirmed);
    };
    flow.decided = [rerun = std::move(rerun), show = std::move(show)](bool trusted, const QString &outcome) {
        show(outcome);
        if (trusted)
            rerun();
    };
    return flow;
}

} // namespace vlab
