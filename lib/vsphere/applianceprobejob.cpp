#include "vsphere/applianceprobejob.h"

#include "core/tr.h"
#include "net/servedcertificate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

// The names a certificate is issued to: its DNS and IP alternative names, and its CN.
QStringList certificateNames(const QSslCertificate &cert)
{
    const auto alt = cert.subjectAlternativeNames();
    QStringList names = alt.values(QSsl::DnsEntry) + alt.values(QSsl::IpAddressEntry);
    names += cert.subjectInfo(QSslCertificate::CommonName);
    names.removeDuplicates();
    return names;
}

// The "system_name" a vcsa-deploy template names (new_vcsa.network.system_name).
QString templateFqdn(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024)
        return {};
    const QJsonObject network = QJsonDocument::fromJson(file.readAll())
                                    .object()
                                    .value(u"new_vcsa"_s)
                                    .toObject()
                                    .value(u"network"_s)
                                    .toObject();
    return network.value(u"system_name"_s).toString();
}

} // namespace

QList<RunningInstaller> runningInstallers(const QString &installer)
{
    QList<RunningInstaller> found;
#ifdef Q_OS_LINUX
    const QString wanted = QFileInfo(installer).canonicalFilePath();
    if (wanted.isEmpty())
        return found;
    const qint64 self = QCoreApplication::applicationPid();
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || pid == self)
            continue;
        QFile cmdline(u"/proc/"_s + entry + u"/cmdline"_s);
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> argv = cmdline.read(64 * 1024).split('\0');
        // The program itself, or the script its interpreter runs (argv[1]).
        bool isInstaller = false;
        for (qsizetype i = 0; i < std::min<qsizetype>(argv.size(), 2) && !isInstaller; ++i)
            isInstaller = !argv.at(i).isEmpty()
                && QFileInfo(QString::fromLocal8Bit(argv.at(i))).canonicalFilePath() == wanted;
        if (!isInstaller)
            continue;
        RunningInstaller running{pid, {}};
        for (const QByteArray &arg : argv) {
            if (arg.endsWith(".json"))
                running.fqdn = templateFqdn(QString::fromLocal8Bit(arg));
        }
        found << running;
    }
#else
    Q_UNUSED(installer)
#endif
    return found;
}

ApplianceProbeJob::ApplianceProbeJob(ApplianceProbeRequest request, QObject *parent)
    : ThreadedJob(Tr::tr("Look for %1 (%2)").arg(request.name, request.fqdn),
                  Tr::tr("Whether an installer still makes it, and whether it answers on port %1 as itself.")
                      .arg(QString::number(request.port)),
                  parent)
    , m_request(std::move(request))
    , m_outcome(std::make_shared<OutcomeCheck>())
{
    setKey(u"vcsa.look"_s);
    setTarget(m_request.fqdn);
}

ThreadedJob::Work ApplianceProbeJob::makeWork()
{
    return [r = m_request, out = m_outcome](const WorkContext &ctx) -> Result<void> {
        using V = OutcomeCheck::Verdict;
        const QString leftover = Tr::tr("If the install got as far as deploying, a half-made appliance "
                                        "\"%1\" may be on %2: delete it "
                                        "before you install again.")
                                     .arg(r.name, r.host);
        for (const RunningInstaller &running : runningInstallers(r.installer)) {
            if (running.fqdn.isEmpty() || running.fqdn.compare(r.fqdn, Qt::CaseInsensitive) == 0) {
                *out = {
                    V::Busy,
                    Tr::tr("The installer still runs on this machine (process %1)%2: it may still be making "
                           "\"%3\". Let it finish, or stop it, before you install again.")
                        .arg(QString::number(running.pid),
                             running.fqdn.isEmpty() ? QString() : Tr::tr(", for %1").arg(running.fqdn),
                             r.name),
                    false};
                return {};
            }
        }
        ctx.progress(
            0.5, Tr::tr("Connecting to %1:%2").arg(r.ip.isEmpty() ? r.fqdn : r.ip, QString::number(r.port)));
        ServedCertificateRequest tls;
        tls.host = r.ip.isEmpty() ? r.fqdn : r.ip;
        tls.port = r.port;
        tls.serverName = r.fqdn;
        tls.timeout = r.timeout;
        tls.maxAttempts = 1;
        const QString where = r.ip.isEmpty() ? r.fqdn : u"%1 (%2)"_s.arg(r.fqdn, r.ip);
        const Result<QSslCertificate> served =
            fetchServedCertificate(tls, [&ctx] { return ctx.isCancelled(); });
        if (ctx.isCancelled())
            return makeError(u"job.cancelled"_s, Tr::tr("Cancelled."));
        if (!served) {
            *out = {V::Absent,
                    Tr::tr("%1 does not answer on port %2 (%3), so no appliance of that name runs there. %4")
                        .arg(where, QString::number(r.port), served.error().message, leftover),
                    false};
            return {};
        }
        const QStringList names = certificateNames(*served);
        const bool itself = std::any_of(names.cbegin(), names.cend(), [&r](const QString &name) {
            return name.compare(r.fqdn, Qt::CaseInsensitive) == 0 || (!r.ip.isEmpty() && name == r.ip);
        });
        ctx.evidence(Evidence::Kind::Received,
                     Tr::tr("Certificate served on %1 port %2").arg(where, QString::number(r.port)),
                     names.join(u", "_s));
        if (itself) {
            *out = {
                V::Present,
                Tr::tr("%1 answers on port %2 with a certificate issued to it: the appliance \"%3\" exists, "
                       "finished or half made (its setup page https://%4:5480 says which). Installing it "
                       "again would make a second one.")
                    .arg(where, QString::number(r.port), r.name, r.fqdn),
                false};
        } else {
            *out = {
                V::Absent,
                Tr::tr(
                    "Something answers at %1 on port %2, but with a certificate for %3, not for %4: that is "
                    "not this appliance. %5")
                    .arg(where, QString::number(r.port),
                         names.isEmpty() ? Tr::tr("no name") : names.join(u", "_s), r.fqdn, leftover),
                false};
        }
        return {};
    };
}

} // namespace vlab
