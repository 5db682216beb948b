#include "remote/certreplacementplan.h"

#include "certs/csrrequest.h"
#include "core/quoting.h"
#include "core/regularfile.h"
#include "core/tr.h"
#include "remote/applianceshell.h"
#include "remote/loginshelljob.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace vlab {

QString pscNodeId(qsizetype index)
{
    return u"psc%1"_s.arg(qlonglong(index + 1), 2, 10, QChar(u'0'));
}

Result<QList<qsizetype>> selectPscNodes(const LabPlan &plan, const QString &selector)
{
    const QString wanted = selector.trimmed();
    if (plan.psc.isEmpty())
        return makeError(u"psc.node"_s, Tr::tr("The plan has no PSC nodes."));
    QList<qsizetype> indexes;
    for (qsizetype i = 0; i < plan.psc.size(); ++i) {
        const PscNode &node = plan.psc.at(i);
        if (wanted == u"all"_s || wanted.compare(pscNodeId(i), Qt::CaseInsensitive) == 0
            || (!node.name.isEmpty() && wanted.compare(node.name, Qt::CaseInsensitive) == 0)
            || (!node.fqdn.isEmpty() && wanted.compare(node.fqdn, Qt::CaseInsensitive) == 0))
            indexes << i;
    }
    if (indexes.isEmpty()) {
        QStringList known;
        for (qsizetype i = 0; i < plan.psc.size(); ++i)
            known << pscNodeId(i) + u" ("_s + plan.psc.at(i).name + u')';
        return makeError(u"psc.node"_s,
                         Tr::tr("The plan has no PSC \"%1\"; it has %2, or say \"all\".")
                             .arg(wanted, known.join(u", "_s)));
    }
    return indexes;
}

CertReplacementRequest makeCertReplacementRequest(const LabPlan &plan, qsizetype index,
                                                  const CertReplacementSettings &settings)
{
    const PscNode node = plan.psc.value(index);
    const QString id = pscNodeId(index);
    CertReplacementRequest r;
    r.nodeName = id;
    r.connection.endpoint =
        SshEndpoint{settings.user, node.ip.isEmpty() ? node.fqdn : node.ip, settings.sshPort};
    r.connection.knownHostsFile = settings.knownHostsFile;
    r.connection.acceptFingerprint =
        settings.acceptFingerprints.value(id, settings.acceptFingerprints.value(QString()));
    r.connection.timeout = settings.connectTimeout;
    r.credentials = settings.credentials;
    r.localFolder = settings.certFolder;
    r.remoteFolder = settings.remoteFolder;
    r.certificateManager = settings.certificateManager;
    r.ssoUser = settings.ssoUser;
    r.ssoPassword = settings.ssoPassword;
    r.plan = plan;
    r.tlsHost = r.connection.endpoint.host;
    r.tlsPort = settings.tlsPort;
    r.tlsServerName = node.fqdn;
    r.servedTimeout = settings.servedTimeout;
    return r;
}

QList<Job *> makeCertReplacementJobs(const LabPlan &plan, const QList<qsizetype> &indexes,
                                     const CertReplacementSettings &settings)
{
    QList<Job *> jobs;
    for (const qsizetype index : indexes) {
        const CertReplacementRequest request = makeCertReplacementRequest(plan, index, settings);
        if (settings.switchLoginShell) {
            auto *shell = new LoginShellJob(request.nodeName, request.connection, request.credentials,
                                            settings.loginShellCommand);
            shell->setKey(u"psc.shell."_s + request.nodeName);
            shell->skipWhenServed(request); // no transfer to a PSC that serves the new leaf already
            shell->setPlannedChanges(
                request.connection.endpoint.toString(),
                {Tr::tr("Make bash root's login shell, for file transfer (%1; undone by %2), unless %3:%4 "
                        "serves the new certificate already")
                     .arg(QString::fromLatin1(ApplianceShell::FixCommand),
                          QString::fromLatin1(ApplianceShell::UndoCommand), request.tlsHost,
                          QString::number(request.tlsPort))});
            shell->setWeight(0.2);
            jobs << shell;
        }
        auto *job = new CertManagerJob(request);
        job->setKey(u"psc.cert."_s + request.nodeName);
        job->setPlannedChanges(
            request.connection.endpoint.toString(),
            {Tr::tr(
                 "First look at the certificate served on %1:%2: when it is the new one already, none of the "
                 "following is done")
                 .arg(request.tlsHost, QString::number(request.tlsPort)),
             Tr::tr("Upload the certificate chain and the private key (mode 0600, deleted again once "
                    "certificate-manager has taken it) to %1")
                 .arg(request.remoteFolder),
             Tr::tr("Run certificate-manager, option 1 (replace the machine SSL certificate with a custom "
                    "certificate), as %1")
                 .arg(request.ssoUser),
             Tr::tr(
                 "Answer certificate-manager's question \"Continue operation [Y/N]\" with Y: it replaces the "
                 "certificate and restarts every service of the PSC, which is unavailable for several "
                 "minutes")});
        jobs << job;
    }
    return jobs;
}

CertReplacementPreview previewCertReplacement(const CertReplacementRequest &r)
{
    CertReplacementPreview p;
    p.nodeId = r.nodeName;
    p.target = r.connection.endpoint.toString();
    p.tls = u"%1:%2"_s.arg(r.tlsHost.isEmpty() ? r.connection.endpoint.host : r.tlsHost,
                           QString::number(r.tlsPort));
    QString folder = r.remoteFolder;
    while (folder.size() > 1 && folder.endsWith(u'/'))
        folder.chop(1);
    const QDir local(r.localFolder);
    const auto remote = [&](const char *name) -> QString {
        return folder + u'/' + QString::fromLatin1(name);
    };
    struct File
    {
        const char *name;
        int mode;
        bool secret;
    };
    for (const File &f : {File{CertFiles::Chain, 0644, false}, File{CertFiles::Key, 0600, true},
                          File{CertFiles::CaChain, 0644, false}}) {
        PlannedUpload u;
        u.name = QString::fromLatin1(f.name);
        u.localPath = local.filePath(u.name);
        u.remotePath = remote(f.name);
        u.mode = f.mode;
        u.secret = f.secret;
        QFile file(u.localPath);
        // Only a regular file is opened: a FIFO in its place would block here.
        u.exists = requireRegularFile(u.localPath).ok() && file.open(QIODevice::ReadOnly);
        if (u.exists && !f.secret) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            static_cast<void>(hash.addData(&file));
            u.sha256 = QString::fromLatin1(hash.result().toHex());
        }
        p.uploads << u;
    }
    p.commands << u"mkdir -p -m 0700 -- "_s + shellQuote(r.remoteFolder);
    for (const PlannedUpload &u : std::as_const(p.uploads))
        p.commands << u"sftp put %1 %2 (mode %3, then size and SHA-256 checked)"_s.arg(
            u.name, u.remotePath, QString::number(u.mode, 8).rightJustified(4, u'0'));
    p.commands << r.certificateManager;
    p.answers = {
        {u"Option[1 to 8]:"_s, u"1"_s},
        {u"Enter username [Administrator@vsphere.local]:"_s,
         r.ssoUser.isEmpty() ? Tr::tr("(Enter)") : r.ssoUser},
        {u"Enter password:"_s, u"********"_s},
        {u"Option [1 or 2]:"_s, u"2"_s},
        {u"Please provide valid custom certificate for Machine SSL. File :"_s, remote(CertFiles::Chain)},
        {u"Please provide valid custom key for Machine SSL. File :"_s, remote(CertFiles::Key)},
        {u"Please provide the signing certificate of the Machine SSL certificate File :"_s,
         remote(CertFiles::CaChain)},
        {u"Continue operation : Option[Y/N] ? :"_s, u"Y"_s},
    };
    return p;
}

QString certReplacementAftermath(const QList<const Job *> &jobs, const QString &planFile)
{
    QStringList lines;
    QStringList retry;   // PSCs that do not serve the new certificate
    QStringList unsafe;  // PSCs in an unknown state: repaired before anything else
    QStringList changed; // PSCs whose certificate this run (may have) replaced: no undo but a snapshot
    for (const Job *job : jobs) {
        const auto *cert = qobject_cast<const CertManagerJob *>(job);
        if (!cert || !cert->isFinished())
            continue;
        lines << u"  "_s + cert->standing();
        if (cert->state() == Job::State::Succeeded)
            changed << cert->nodeName();
        if (cert->servesNewCertificate())
            continue;
        retry << cert->nodeName();
        if (cert->reached() == CertManagerJob::Reached::Confirmed
            || cert->reached() == CertManagerJob::Reached::RollbackFailed)
            unsafe << cert->nodeName();
        if (cert->reached() == CertManagerJob::Reached::Replaced
            || cert->reached() == CertManagerJob::Reached::Confirmed)
            changed << cert->nodeName();
    }
    if (retry.isEmpty())
        return {};
    QStringList text{Tr::tr("Where the PSCs stand now:")};
    text += lines;
    if (!unsafe.isEmpty())
        text << Tr::tr("Repair %1 first: see which certificate it serves and whether its services run "
                       "(service-control --status). Replace nothing on another PSC until then.")
                    .arg(unsafe.join(u", "_s));
    // One PSC: that one; more: all of them, because a PSC that already serves the new
    // certificate is looked at and left alone.
    const bool one = retry.size() == 1;
    text << Tr::tr("To go on, fix the cause named above, then choose %1 as the PSC on the Apply certificates "
                   "page and press Run, or on the command line run: vlab psc apply-cert %2 --node %3. A PSC "
                   "that already serves the new certificate is left alone.")
                .arg(one ? retry.constFirst() : Tr::tr("\"All, one after the other\""),
                     shellQuote(planFile.isEmpty() ? u"PLAN"_s : planFile),
                     one ? retry.constFirst() : u"all"_s);
    if (!changed.isEmpty())
        text << Tr::tr(
                    "vLab Wizard keeps no copy of a replaced certificate: to go back on %1 instead, restore "
                    "it from a snapshot or backup taken before the replacement.")
                    .arg(changed.join(u", "_s));
    return text.join(u'\n');
}

} // namespace vlab
