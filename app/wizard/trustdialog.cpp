#include "trustdialog.h"

#include "jobs/job.h"
#include "net/hostport.h"
#include "remote/hostkeys.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

QString TrustRequest::hostPort() const
{
    return formatHostPort(host, port, 0);
}

QString TrustRequest::what() const
{
    switch (kind) {
    case Kind::NetScaler:
        return TrustDialog::tr("the NetScaler's certificate");
    case Kind::VCenter:
        return TrustDialog::tr("the vCenter's certificate");
    case Kind::SshHostKey:
        return TrustDialog::tr("the SSH host key");
    }
    return {};
}

namespace {
// "host: [h]:p" or "host: h" of a "hostkey.not-confirmed" error (the known_hosts name).
std::optional<HostPort> sshHost(const QString &entry)
{
    if (entry.startsWith(u'[')) {
        const qsizetype close = entry.indexOf(u"]:"_s);
        bool ok = false;
        const uint port = close < 0 ? 0 : entry.mid(close + 2).toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return std::nullopt;
        return HostPort{entry.mid(1, close - 1), quint16(port), true};
    }
    if (entry.isEmpty())
        return std::nullopt;
    return HostPort{entry, 22, false};
}

QString detail(const Error &error, const QString &name)
{
    const QString prefix = name + u": "_s;
    for (const QString &line : error.details.split(u'\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed();
    }
    return {};
}
} // namespace

std::optional<TrustRequest> untrustedPeer(const Job *job, TrustRequest::Kind tlsKind)
{
    if (!job || job->state() != Job::State::Failed)
        return std::nullopt;
    const Error &error = job->result().error();
    TrustRequest request;
    if (error.code == u"http.tls.untrusted"_s || error.code == u"http.tls.changed"_s) {
        // The details are the presented certificate's fingerprint (for a changed one, then
        // "confirmed: " and the one confirmed before); the job's target is its host.
        const Result<HostPort> where = parseHostPort(job->target(), 443);
        const QString presented = error.details.section(u'\n', 0, 0).trimmed();
        if (!where || presented.isEmpty())
            return std::nullopt;
        if (error.code == u"http.tls.changed"_s) {
            request.previousFingerprint = detail(error, u"confirmed"_s);
            if (request.previousFingerprint.isEmpty())
                return std::nullopt;
        }
        request.kind = tlsKind;
        request.host = where->host;
        request.port = where->port;
        request.fingerprint = presented;
        return request;
    }
    if (error.code == u"hostkey.not-confirmed"_s) {
        const std::optional<HostPort> where = sshHost(detail(error, u"host"_s));
        request.fingerprint = fingerprintToConfirm(error);
        if (!where || request.fingerprint.isEmpty())
            return std::nullopt;
        request.kind = TrustRequest::Kind::SshHostKey;
        request.host = where->host;
        request.port = where->port;
        request.keyType = detail(error, u"type"_s);
        return request;
    }
    return std::nullopt;
}

QString TrustDialog::readable(const TrustRequest &request)
{
    if (request.kind == TrustRequest::Kind::SshHostKey)
        return request.fingerprint;
    // 32 pairs in two rows of 16: compared row by row with what the appliance prints.
    const QStringList pairs = request.fingerprint.split(u':');
    if (pairs.size() != 32)
        return request.fingerprint;
    return pairs.mid(0, 16).join(u':') + u":\n"_s + pairs.mid(16).join(u':');
}

QString TrustDialog::whereToFind(const TrustRequest &request)
{
    switch (request.kind) {
    case TrustRequest::Kind::NetScaler:
        return tr("On the NetScaler itself, not over this network: its management interface serves the "
                  "certificate-key pair ns-server-certificate, by default the file "
                  "/nsconfig/ssl/ns-server.cert. In the NetScaler's shell (type \"shell\" at its CLI) "
                  "run:\nopenssl x509 -in /nsconfig/ssl/ns-server.cert -noout -fingerprint -sha256");
    case TrustRequest::Kind::VCenter:
        return tr("On the vCenter appliance's console, not over this network: port 443 serves the machine "
                  "SSL certificate. In its bash shell (type \"shell\" at the Command> prompt) run:\n"
                  "/usr/lib/vmware-vmafd/bin/vecs-cli entry getcert --store MACHINE_SSL_CERT --alias "
                  "__MACHINE_CERT | openssl x509 -noout -fingerprint -sha256");
    case TrustRequest::Kind::SshHostKey: {
        const QString type = request.keyType.contains(u"ed25519"_s) ? u"ed25519"_s
            : request.keyType.startsWith(u"ecdsa"_s)                ? u"ecdsa"_s
            : request.keyType.isEmpty()                             ? u"*"_s
                                                                    : u"rsa"_s;
        return tr("On the appliance's console, not over this network: in its bash shell (type \"shell\" at "
                  "the Command> prompt) run:\nssh-keygen -lf /etc/ssh/ssh_host_%1_key.pub\nIt prints the "
                  "SHA256 fingerprint in the same form.")
            .arg(type);
    }
    }
    return {};
}

TrustDialog::TrustDialog(const TrustRequest &request, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"trustDialog"_s);
    const bool ssh = request.kind == TrustRequest::Kind::SshHostKey;
    const bool changed = !request.previousFingerprint.isEmpty();
    setWindowTitle(ssh           ? tr("Confirm the SSH host key of %1").arg(request.hostPort())
                       : changed ? tr("The certificate of %1 has changed").arg(request.hostPort())
                                 : tr("Confirm the certificate of %1").arg(request.hostPort()));

    auto *intro = new QLabel(
        changed ? tr("%1 of %2 is not the one you confirmed before, so the run stopped before it changed "
                     "anything. That is expected only when someone replaced the certificate on the appliance "
                     "(renewed or reinstalled it); otherwise another machine is answering in its place. Ask "
                     "whoever looks after it, and trust the new certificate only if the fingerprint below is "
                     "exactly the one the appliance itself shows now.")
                      .arg(request.what(), request.hostPort())
                : tr("This computer does not know %1 of %2 yet, so the run stopped before it "
                     "changed anything. Trust it only if the fingerprint below is exactly the "
                     "one the appliance itself shows; a different one means another machine is "
                     "answering.")
                      .arg(request.what(), request.hostPort()));
    intro->setObjectName(u"trustIntro"_s);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);

    QString kindText;
    switch (request.kind) {
    case TrustRequest::Kind::NetScaler:
        kindText = tr("NetScaler management certificate (NITRO over HTTPS)");
        break;
    case TrustRequest::Kind::VCenter:
        kindText = tr("vCenter certificate (HTTPS)");
        break;
    case TrustRequest::Kind::SshHostKey:
        kindText =
            request.keyType.isEmpty() ? tr("SSH host key") : tr("SSH host key (%1)").arg(request.keyType);
        break;
    }
    auto *kind = new QLabel(tr("Kind: %1").arg(kindText));
    kind->setObjectName(u"trustKind"_s);
    kind->setTextFormat(Qt::PlainText);
    auto *host = new QLabel(tr("Host: %1").arg(request.hostPort()));
    host->setObjectName(u"trustHost"_s);
    host->setTextFormat(Qt::PlainText);

    auto *caption =
        new QLabel(changed ? tr("SHA-256 fingerprint presented now:") : tr("SHA-256 fingerprint:"));
    auto *fingerprint = new QLabel(readable(request));
    fingerprint->setObjectName(u"trustFingerprint"_s);
    fingerprint->setTextFormat(Qt::PlainText);
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fingerprint->setFrameShape(QFrame::StyledPanel);
    fingerprint->setMargin(6);

    QLabel *previous = nullptr;
    if (changed) {
        TrustRequest before = request;
        before.fingerprint = request.previousFingerprint;
        previous = new QLabel(tr("Confirmed before (no longer presented):\n%1").arg(readable(before)));
        previous->setObjectName(u"trustPrevious"_s);
        previous->setTextFormat(Qt::PlainText);
        previous->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        previous->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }

    auto *where = new QLabel(tr("Where to find the real one: %1").arg(whereToFind(request)));
    where->setObjectName(u"trustWhere"_s);
    where->setTextFormat(Qt::PlainText);
    where->setWordWrap(true);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox;
    QPushButton *trust = buttons->addButton(ssh           ? tr("&Trust this host key")
                                                : changed ? tr("&Trust the new certificate")
                                                          : tr("&Trust this certificate"),
                                            QDialogButtonBox::AcceptRole);
    trust->setObjectName(u"trustConfirm"_s);
    QPushButton *decline = buttons->addButton(tr("Do &not trust"), QDialogButtonBox::RejectRole);
    decline->setObjectName(u"trustDecline"_s);
    // Enter alone never trusts (Escape declines too, as in every dialog).
    trust->setAutoDefault(false);
    decline->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(kind);
    layout->addWidget(host);
    layout->addSpacing(6);
    layout->addWidget(caption);
    layout->addWidget(fingerprint);
    if (previous)
        layout->addWidget(previous);
    layout->addSpacing(6);
    layout->addWidget(where);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(640, sizeHint().height());
    decline->setFocus();
}

bool TrustDialog::ask(QWidget *parent, const TrustRequest &request)
{
    TrustDialog dialog(request, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace vlab
