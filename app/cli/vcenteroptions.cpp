#include "vcenteroptions.h"

#include "secretprompt.h"

#include "clicommon.h"

#include "net/tlstrust.h"
#include "vsphere/vcenteractions.h"

#include <cstdio>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace vlab::cli {

VCenterOptions::VCenterOptions()
    : m_host(u"host"_s, CliTr::tr("The vCenter: HOST or HOST:PORT."), u"HOST[:PORT]"_s)
    , m_user(u"user"_s, CliTr::tr("The vCenter user, for example administrator@vsphere.local."), u"USER"_s)
    , m_fingerprint(
          u"fingerprint"_s,
          CliTr::tr("The SHA-256 fingerprint of the vCenter certificate you confirmed (needed when this "
                    "machine does not trust it). With a PLAN, one that worked is kept in vlab-trust.json "
                    "next to it and used when this option is not given."),
          u"SHA256"_s)
    , m_timeout(u"timeout"_s, CliTr::tr("Seconds to wait for each answer (default 30)."), u"SECONDS"_s,
                u"30"_s)
{
}

void VCenterOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_host, m_user, m_fingerprint, m_timeout});
}

QString VCenterOptions::passwordHelp()
{
    return CliTr::tr("The password is read from the environment variable VLAB_VC_PASSWORD, or asked for "
                     "on the terminal without echo.");
}

std::optional<VCenterEndpoint> VCenterOptions::endpoint(const QCommandLineParser &parser,
                                                        const QString &projectFolder) const
{
    if (!parser.isSet(m_host) || !parser.isSet(m_user)) {
        err(CliTr::tr("vlab: --host and --user are needed.\n"));
        return std::nullopt;
    }
    VCenterEndpoint e;
    const Result<QUrl> url = parseVCenterHost(parser.value(m_host));
    if (!url) {
        err(u"vlab: "_s + url.error().message + u'\n');
        return std::nullopt;
    }
    e.url = *url;
    e.user = parser.value(m_user).trimmed();
    if (e.user.isEmpty()) {
        err(CliTr::tr("vlab: --user is empty.\n"));
        return std::nullopt;
    }
    if (parser.isSet(m_fingerprint)) {
        const Result<QByteArray> pin = parseSha256Fingerprint(parser.value(m_fingerprint));
        if (!pin) {
            err(u"vlab: "_s + pin.error().message + u'\n');
            return std::nullopt;
        }
        e.pin = *pin;
    } else {
        const Result<QByteArray> pin = VCenterActions(projectFolder).confirmedPin(e.url);
        if (!pin) {
            err(u"vlab: "_s + pin.error().message + u'\n');
            return std::nullopt;
        }
        e.pin = *pin;
    }
    bool ok = false;
    const double seconds = parser.value(m_timeout).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 3600) {
        err(CliTr::tr("vlab: --timeout must be a number of seconds between 1 and 3600, not \"%1\".\n")
                .arg(parser.value(m_timeout)));
        return std::nullopt;
    }
    e.timeout = std::chrono::milliseconds(qint64(seconds * 1000));
    // Set but empty is passed on: vCenter answers it (with 401), as it would any wrong password.
    if (qEnvironmentVariableIsSet(kVcPasswordVar)) {
        e.password = qEnvironmentVariable(kVcPasswordVar);
    } else {
        const std::optional<QString> password =
            readSecret(kVcPasswordVar, CliTr::tr("Password of %1 on vCenter %2: ").arg(e.user, e.url.host()));
        if (!password)
            return std::nullopt;
        e.password = *password;
    }
    return e;
}

void VCenterOptions::keepFingerprint(const QCommandLineParser &parser, const VCenterEndpoint &endpoint,
                                     const QString &projectFolder) const
{
    if (!parser.isSet(m_fingerprint))
        return;
    if (const Result<void> kept = VCenterActions(projectFolder).keepFingerprint(endpoint); !kept)
        err(u"vlab: "_s + kept.error().message + u'\n');
}

} // namespace vlab::cli
