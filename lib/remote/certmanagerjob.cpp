#include "remote/certmanagerjob.h"

#include "certs/certjobs.h"
#include "certs/certverifier.h"
#include "certs/csrrequest.h"
#include "core/atomicfile.h"
#include "core/quoting.h"
#include "core/tr.h"
#include "jobs/outcomecheck.h"
#include "net/servedcertificate.h"
#include "net/tlstrust.h"
#include "remote/ptydriver.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

// certificate-manager's prompts and outcomes, as documented in
// shared/reference/domain-facts.md ("certificate-manager (option 1, then 2)").
const QRegularExpression kMenuPrompt(u"Option\\[1 to 8\\]:\\s*$"_s);
const QRegularExpression kUserPrompt(u"Enter username \\[[^\\]\\r\\n]*\\]:\\s*$"_s);
const QRegularExpression kPasswordPrompt(u"Enter password:\\s*$"_s);
const QRegularExpression kSubMenuPrompt(u"Option \\[1 or 2\\]:\\s*$"_s);
const QRegularExpression kCertPrompt(u"custom certificate for Machine SSL\\.?[\\s\\S]*File\\s*:\\s*$"_s);
const QRegularExpression kKeyPrompt(u"custom key for Machine SSL\\.?[\\s\\S]*File\\s*:\\s*$"_s);
const QRegularExpression
    kSigningPrompt(u"signing certificate of the Machine SSL certificate[\\s\\S]*File\\s*:\\s*$"_s);
const QRegularExpression kConfirmPrompt(u"Continue operation : Option\\[Y/N\\] \\? :\\s*$"_s);
const QRegularExpression kSucceeded(u"Status : 100% Completed \\[All tasks completed successfully\\]"_s);
const QRegularExpression kRolledBack(u"Rollback completed successfully"_s);
const QRegularExpression kRollbackFailed(u"Rollback operation failed"_s);
const QRegularExpression kStatusLine(u"Status : (\\d+)% Completed \\[([^\\]]*)\\]"_s);
const QRegularExpression kErrorMessage(u"Error Message : (.*)$"_s);
const QRegularExpression kErrorCode(u"Error Code : (\\S+)"_s);

constexpr int kPublicMode = 0644;
constexpr int kKeyMode = 0600;

QString remotePath(const QString &folder, const char *name)
{
    QString f = folder;
    while (f.size() > 1 && f.endsWith(u'/'))
        f.chop(1);
    return f + u'/' + QString::fromLatin1(name);
}

} // namespace

Result<QString> chainLeafSha256(const QString &chainFile)
{
    const Result<QByteArray> data = readFileLimited(chainFile, kMaxCertFileBytes);
    if (!data)
        return makeError(u"upload.local"_s, data.error().message);
    const QList<QSslCertificate> certs = QSslCertificate::fromData(*data, QSsl::Pem);
    if (certs.isEmpty() || certs.constFirst().isNull())
        return makeError(u"cert.parse"_s, Tr::tr("%1 holds no PEM certificate.").arg(chainFile));
    return sha256Fingerprint(certs.constFirst());
}

CertManagerJob::CertManagerJob(CertReplacementRequest request, QObject *parent)
    : ThreadedJob(Tr::tr("Replace the machine certificate on %1").arg(request.nodeName),
                  Tr::tr("Uploads the certificate files to %1 on %2 and runs certificate-manager (option 1, "
                         "then 2).")
                      .arg(request.remoteFolder, request.connection.endpoint.toString()),
                  parent)
    , m_request(std::move(request))
{
    setTarget(m_request.connection.endpoint.toString());
}

namespace {

using Reached = CertManagerJob::Reached;

const QString kCertManagerLog = u"/var/log/vmware/vmcad/certificate-manager.log"_s;

QString tlsWhere(const CertReplacementRequest &r)
{
    return u"%1:%2"_s.arg(r.tlsHost.isEmpty() ? r.connection.endpoint.host : r.tlsHost,
                          QString::number(r.tlsPort));
}

ServedCertificateRequest servedRequest(const CertReplacementRequest &r)
{
    ServedCertificateRequest tls;
    tls.host = r.tlsHost.isEmpty() ? r.connection.endpoint.host : r.tlsHost;
    tls.port = r.tlsPort;
    tls.serverName = r.tlsServerName;
    tls.timeout = r.servedTimeout;
    return tls;
}

} // namespace

Result<ServedLook> lookAtServedCertificate(const CertReplacementRequest &r, const WorkContext &ctx)
{
    ServedLook look;
    look.where = tlsWhere(r);
    const QString chainFile = QDir(r.localFolder).filePath(QString::fromLatin1(CertFiles::Chain));
    Result<QString> expected = chainLeafSha256(chainFile);
    if (!expected)
        return expected.error();
    look.expected = expected.value();
    ctx.evidence(Evidence::Kind::Note,
                 Tr::tr("SHA-256 of the new leaf (%1)").arg(QString::fromLatin1(CertFiles::Chain)),
                 look.expected);
    if (!r.checkServedCertificate || r.alreadyServedTimeout.count() <= 0)
        return look;
    ctx.progress(0.03, Tr::tr("Reading the certificate %1 serves now").arg(look.where));
    ServedCertificateRequest tls = servedRequest(r);
    tls.timeout = r.alreadyServedTimeout;
    tls.maxAttempts = 1;
    const Result<QSslCertificate> now = fetchServedCertificate(tls, [&ctx] { return ctx.isCancelled(); });
    if (!now && now.error().code == u"tls.cancelled"_s)
        return now.error();
    if (!now) {
        look.verdict = ServedLook::Verdict::NoAnswer;
        ctx.log(u"No answer on %1 before the replacement (%2); which certificate %3 serves now is "
                u"unknown, so the replacement goes on."_s.arg(look.where, now.error().details, r.nodeName));
        ctx.evidence(Evidence::Kind::Note,
                     Tr::tr("%1 did not answer before the replacement, so whether it already serves "
                            "the new certificate is unknown; the replacement goes on.")
                         .arg(look.where),
                     now.error().message);
        return look;
    }
    look.served = sha256Fingerprint(now.value());
    ctx.evidence(Evidence::Kind::Received,
                 Tr::tr("SHA-256 of the certificate served on %1 before the replacement").arg(look.where),
                 u"%1\nsubject: %2\nissuer: %3"_s.arg(look.served, now->subjectDisplayName(),
                                                      now->issuerDisplayName()));
    look.verdict = look.served == look.expected ? ServedLook::Verdict::NewLeaf : ServedLook::Verdict::Other;
    if (look.verdict == ServedLook::Verdict::Other)
        ctx.log(
            u"%1 serves another certificate now (SHA-256 %2): replacing it."_s.arg(look.where, look.served));
    return look;
}

namespace {

// After a replacement was cut off: which certificate the PSC serves now (one handshake).
class ServedLookJob : public ThreadedJob
{
public:
    explicit ServedLookJob(CertReplacementRequest request)
        : ThreadedJob(Tr::tr("Look at the certificate %1 serves").arg(request.nodeName))
        , m_request(std::move(request))
        , m_outcome(std::make_shared<OutcomeCheck>())
    {
        setKey(u"psc.cert.look"_s);
        setTarget(tlsWhere(m_request));
    }
    OutcomeCheck outcome() const { return *m_outcome; }

protected:
    Work makeWork() override
    {
        CertReplacementRequest r = m_request;
        r.checkServedCertificate = true;
        if (r.alreadyServedTimeout.count() <= 0)
            r.alreadyServedTimeout = std::chrono::seconds(10);
        return [r, out = m_outcome](const WorkContext &ctx) -> Result<void> {
            using V = OutcomeCheck::Verdict;
            const Result<ServedLook> look = lookAtServedCertificate(r, ctx);
            if (!look)
                return look.error();
            switch (look->verdict) {
            case ServedLook::Verdict::NewLeaf:
                *out = {
                    V::Present,
                    Tr::tr("%1 serves the new certificate on %2 already (SHA-256 %3): the replacement "
                           "took effect there. Run again, the replacement looks first and changes nothing.")
                        .arg(r.nodeName, look->where, look->served),
                    true};
                break;
            case ServedLook::Verdict::Other:
                *out = {
                    V::Absent,
                    Tr::tr(
                        "%1 serves another certificate on %2 (SHA-256 %3), not the new one (%4): the one it "
                        "had, or the previous one put back by certificate-manager's rollback.")
                        .arg(r.nodeName, look->where, look->served, look->expected),
                    true};
                break;
            case ServedLook::Verdict::NoAnswer:
            case ServedLook::Verdict::NotLooked:
                *out = {V::Unknown,
                        Tr::tr("%1 does not answer on %2, so which certificate it serves is unknown "
                               "(certificate-manager restarts the PSC's services for several minutes): "
                               "look again in a few minutes.")
                            .arg(r.nodeName, look->where),
                        true};
                break;
            }
            return {};
        };
    }

private:
    CertReplacementRequest m_request;
    std::shared_ptr<OutcomeCheck> m_outcome; // written by the work, read once the job has finished
};

} // namespace

OutcomeProbe CertManagerJob::outcomeProbe() const
{
    return {new ServedLookJob(m_request), [](const Job &finished) {
                return static_cast<const ServedLookJob &>(finished).outcome();
            }};
}

Error alreadyServedResult(const CertReplacementRequest &r, const ServedLook &look, const QString &notDone)
{
    return skippedResult(
        Tr::tr("Already served: %1 serves the new certificate on %2 already (SHA-256 %3, the "
               "leaf of %4).")
                .arg(r.nodeName, look.where, look.served, QString::fromLatin1(CertFiles::Chain))
            + u' ' + notDone,
        u"served: %1\nplanned leaf: %2"_s.arg(look.served, look.expected));
}

namespace {

// The work, step by step; `reached` records how far it got on the PSC.
Result<void> replaceCertificate(const CertReplacementRequest &r, const WorkContext &ctx,
                                std::atomic_int &reached)
{
    const CancelCheck cancelled = [&ctx] {
        return ctx.isCancelled();
    };
    const auto reach = [&reached](Reached step) {
        reached.store(int(step));
    };
    const QDir local(r.localFolder);
    const QString chainFile = local.filePath(QString::fromLatin1(CertFiles::Chain));
    const QString keyFile = local.filePath(QString::fromLatin1(CertFiles::Key));
    const QString caFile = local.filePath(QString::fromLatin1(CertFiles::CaChain));

    // 1. Nothing goes to the PSC unless the files pass the certificate step's checks.
    ctx.progress(0.02, Tr::tr("Checking the certificate files"));
    CertVerification input;
    Result<CertSource> chain = readCertSource(chainFile);
    if (!chain)
        return chain.error();
    Result<CertSource> key = readCertSource(keyFile);
    if (!key)
        return key.error();
    Result<CertSource> ca = readCertSource(caFile);
    if (!ca)
        return ca.error();
    input.chain = chain.value();
    input.key = key.value();
    input.cas = {ca.value()};
    input.plan = r.plan;
    const CertReport report = verifyCertificates(input);
    if (!report.clean()) {
        return makeError(
            u"cert.verification"_s,
            Tr::tr("The certificate files in %1 do not pass the checks, so nothing was sent to %2. "
                   "Fix what the report names (vlab cert verify) and run this step again.")
                .arg(r.localFolder, r.nodeName),
            report.toText());
    }
    ctx.evidence(Evidence::Kind::Note, Tr::tr("The certificate files passed every check."), report.toText());

    // 2. Already done? One short look at what the PSC serves now: when it is the new leaf,
    // nothing is uploaded and certificate-manager (which restarts every service) is not run.
    // No answer is no verdict: the replacement goes on.
    const Result<ServedLook> look = lookAtServedCertificate(r, ctx);
    if (!look)
        return look.error();
    if (look->verdict == ServedLook::Verdict::NewLeaf)
        return alreadyServedResult(r, *look,
                                   Tr::tr("Nothing was uploaded and certificate-manager was not run."));
    const QString where = look->where;
    const QString expected = look->expected;

    // 3. Connect.
    ctx.progress(0.05, Tr::tr("Connecting to %1").arg(r.connection.endpoint.toString()));
    SshSession session;
    Result<HostKeyCheck> hostKey = session.connect(r.connection, cancelled);
    if (!hostKey)
        return hostKey.error();
    ctx.evidence(Evidence::Kind::Note,
                 Tr::tr("Connected to %1; host key %2 %3 (%4).")
                     .arg(r.connection.endpoint.toString(), hostKey->keyType, hostKey->fingerprint,
                          hostKey->state == HostKeyState::Known ? Tr::tr("known")
                                                                : Tr::tr("confirmed and recorded now")));
    if (Result<void> auth = session.authenticate(r.credentials); !auth)
        return auth;

    // 4. The folder and the files.
    const QString mkdir = u"mkdir -p -m 0700 -- "_s + shellQuote(r.remoteFolder);
    ctx.evidence(Evidence::Kind::Command, mkdir);
    Result<ExecResult> made = session.exec(mkdir, r.connection.timeout, cancelled);
    if (!made)
        return made.error();
    if (made->exitStatus != 0) {
        return makeError(u"certmanager.folder"_s,
                         Tr::tr("Cannot create %1 on %2 (exit status %3): %4")
                             .arg(r.remoteFolder, r.nodeName, QString::number(made->exitStatus),
                                  QString::fromUtf8(made->standardError).trimmed()));
    }
    reach(Reached::Folder);
    // The uploaded private key leaves the PSC again once certificate-manager is done with it
    // (it keeps the key in its own store), or when the run stops before its go-ahead; not while
    // it may still be at work (after the go-ahead, before an outcome). A clean-up: it runs
    // after a cancel too, for a few seconds at most.
    const QString keyPath = remotePath(r.remoteFolder, CertFiles::Key);
    const auto removeKey = [&]() -> QString {
        const QString rm = u"rm -f -- "_s + shellQuote(keyPath);
        ctx.evidence(Evidence::Kind::Command, rm);
        const Result<ExecResult> removed = session.exec(
            rm, std::min<std::chrono::milliseconds>(r.connection.timeout, std::chrono::seconds(5)));
        if (removed && removed->exitStatus == 0)
            return Tr::tr("The uploaded private key was removed from %1 again.").arg(r.remoteFolder);
        const QString left = Tr::tr("The uploaded private key could not be removed: delete %1 on %2.")
                                 .arg(keyPath, r.nodeName);
        ctx.evidence(Evidence::Kind::Note, left);
        return left;
    };
    // A stop before the go-ahead: the certificate is as it was.
    const auto stoppedBeforeGoAhead = [&](Error e) -> Error {
        e.message +=
            u' ' + Tr::tr("The certificate of %1 was not changed.").arg(r.nodeName) + u' ' + removeKey();
        return e;
    };
    struct Upload
    {
        QString local;
        const char *name;
        int mode;
        bool secret;
    };
    const QList<Upload> uploads = {{chainFile, CertFiles::Chain, kPublicMode, false},
                                   {keyFile, CertFiles::Key, kKeyMode, true},
                                   {caFile, CertFiles::CaChain, kPublicMode, false}};
    for (qsizetype i = 0; i < uploads.size(); ++i) {
        const Upload &u = uploads.at(i);
        const QString target = remotePath(r.remoteFolder, u.name);
        ctx.progress(0.1 + 0.1 * qreal(i), Tr::tr("Uploading %1").arg(QString::fromLatin1(u.name)));
        Result<UploadResult> up = session.upload(u.local, target, u.mode, {}, cancelled);
        if (!up)
            return stoppedBeforeGoAhead(up.error());
        // The key's hash is not recorded: evidence never describes secret material.
        ctx.evidence(Evidence::Kind::File, u"%1:%2"_s.arg(r.nodeName, target),
                     u.secret ? Tr::tr("private key, mode 0600, size and SHA-256 checked on the PSC")
                              : up->sha256);
    }

    // 5. certificate-manager, in a terminal.
    ctx.progress(0.4, Tr::tr("Running certificate-manager"));
    ctx.evidence(Evidence::Kind::Command, r.certificateManager);
    PtyDriver pty(session, cancelled);
    pty.addFailurePattern(
        QRegularExpression(u"couldn't find file : ([^\\r\\n]*)"_s), u"certmanager.file"_s,
        Tr::tr("certificate-manager cannot find %1 on the PSC; the upload did not land where "
               "it was expected."));
    const auto fail = [&](const Error &e) -> Result<void> {
        ctx.evidence(Evidence::Kind::Received, Tr::tr("certificate-manager transcript (secrets masked)"),
                     pty.transcript());
        for (const PtyExchange &x : pty.exchanges())
            ctx.evidence(Evidence::Kind::Sent, x.prompt, x.answer);
        if (Reached(reached.load()) == Reached::Folder)
            return stoppedBeforeGoAhead(e);
        return e;
    };
    if (Result<void> started = pty.start(r.certificateManager); !started)
        return fail(started.error());

    struct Step
    {
        const QRegularExpression &prompt;
        QString answer;
        bool secret;
    };
    const QList<Step> dialog = {
        {kMenuPrompt, u"1"_s, false},
        {kUserPrompt, r.ssoUser, false},
        {kPasswordPrompt, r.ssoPassword, true},
        {kSubMenuPrompt, u"2"_s, false},
        {kCertPrompt, remotePath(r.remoteFolder, CertFiles::Chain), false},
        {kKeyPrompt, remotePath(r.remoteFolder, CertFiles::Key), false},
        {kSigningPrompt, remotePath(r.remoteFolder, CertFiles::CaChain), false},
        {kConfirmPrompt, u"Y"_s, false},
    };
    for (const Step &step : dialog) {
        if (Result<int> seen = pty.expect({step.prompt}, r.promptTimeout); !seen)
            return fail(seen.error());
        if (&step.prompt == &kConfirmPrompt)
            reach(Reached::Confirmed); // from here on certificate-manager changes the PSC
        if (Result<void> sent = pty.send(step.answer, step.secret); !sent)
            return fail(sent.error());
    }

    // 6. Follow the progress to the end.
    QString errorCode;
    QString errorMessage;
    const auto onLine = [&](const QString &line) {
        if (const QRegularExpressionMatch m = kStatusLine.match(line); m.hasMatch()) {
            const int percent = m.captured(1).toInt();
            ctx.progress(0.45 + 0.45 * qreal(qBound(0, percent, 100)) / 100.0,
                         Tr::tr("certificate-manager: %1% %2").arg(QString::number(percent), m.captured(2)));
            ctx.log(line);
        } else if (const QRegularExpressionMatch m = kErrorMessage.match(line); m.hasMatch()) {
            errorMessage = m.captured(1).trimmed();
            ctx.log(line);
        } else if (const QRegularExpressionMatch m = kErrorCode.match(line); m.hasMatch()) {
            errorCode = m.captured(1);
            ctx.log(line);
        }
    };
    Result<int> outcome = pty.expect({kSucceeded, kRolledBack, kRollbackFailed}, r.runTimeout, onLine);
    if (!outcome)
        return fail(outcome.error());
    static_cast<void>(pty.finish(r.promptTimeout)); // the exit status adds nothing to the outcome lines

    ctx.evidence(Evidence::Kind::Received, Tr::tr("certificate-manager transcript (secrets masked)"),
                 pty.transcript());
    for (const PtyExchange &x : pty.exchanges())
        ctx.evidence(Evidence::Kind::Sent, x.prompt, x.answer);
    const QString &log = kCertManagerLog;
    switch (outcome.value()) {
    case 0:
        reach(Reached::Replaced);
        break;
    case 1:
        reach(Reached::RolledBack);
        ctx.evidence(Evidence::Kind::Outcome, Tr::tr("certificate-manager failed and rolled back."),
                     u"Error Code : %1\nError Message : %2"_s.arg(errorCode, errorMessage));
        return makeError(
            u"certmanager.rolled-back"_s,
            Tr::tr("certificate-manager on %1 failed (%2) and rolled back: the old certificate is "
                   "in place again. A wrong order in the chain file (leaf, intermediates, root) or "
                   "a chain in the certificate slot are common causes; see %3 on the PSC.")
                    .arg(r.nodeName, errorMessage.isEmpty() ? u"no message"_s : errorMessage, log)
                + u' ' + removeKey());
    default:
        reach(Reached::RollbackFailed);
        ctx.evidence(Evidence::Kind::Outcome, Tr::tr("certificate-manager failed and its rollback failed."),
                     u"Error Code : %1\nError Message : %2"_s.arg(errorCode, errorMessage));
        return makeError(
            u"certmanager.rollback-failed"_s,
            Tr::tr("certificate-manager on %1 failed (%2) and its rollback failed too: services "
                   "on the PSC may be down. Replace nothing on the other PSCs until this one works "
                   "again; read %3, and restore "
                   "the PSC from its snapshot or backup if the services do not start.")
                    .arg(r.nodeName, errorMessage.isEmpty() ? u"no message"_s : errorMessage, log)
                + u' ' + removeKey());
    }
    ctx.evidence(Evidence::Kind::Outcome,
                 Tr::tr("certificate-manager replaced the machine SSL certificate on %1.").arg(r.nodeName));
    // The PSC keeps the key in its own store now: the uploaded copy goes.
    static_cast<void>(removeKey()); // a key left there is noted in the evidence
    if (!r.checkServedCertificate) {
        ctx.progress(1.0, Tr::tr("Certificate replaced on %1").arg(r.nodeName));
        return {};
    }

    // 7. The certificate the PSC serves now must be the new leaf.
    ctx.progress(0.95, Tr::tr("Reading the certificate served on %1").arg(where));
    const Result<QSslCertificate> served = fetchServedCertificate(servedRequest(r), cancelled);
    if (!served) {
        return makeError(
            u"certmanager.served"_s,
            Tr::tr("certificate-manager finished on %1, but the certificate served on %2 could not "
                   "be read: %3 Check that the services came back (service-control --status) and "
                   "open https://%2 in a browser.")
                .arg(r.nodeName, where, served.error().message),
            served.error().details);
    }
    const QString presented = sha256Fingerprint(served.value());
    ctx.evidence(Evidence::Kind::Received, Tr::tr("SHA-256 of the certificate served on %1").arg(where),
                 u"%1\nsubject: %2\nissuer: %3"_s.arg(presented, served->subjectDisplayName(),
                                                      served->issuerDisplayName()));
    if (presented != expected) {
        ctx.evidence(Evidence::Kind::Outcome, Tr::tr("The served certificate is not the new one."),
                     u"served: %1\nexpected: %2"_s.arg(presented, expected));
        return makeError(u"certmanager.served-mismatch"_s,
                         Tr::tr("certificate-manager reported success on %1, but %2 serves a different "
                                "certificate (SHA-256 %3, subject \"%4\") than the new leaf (SHA-256 %5). "
                                "Services may still hold the old one: restart them (service-control --stop "
                                "--all, then --start --all) and check again before touching the next PSC.")
                             .arg(r.nodeName, where, presented, served->subjectDisplayName(), expected));
    }
    ctx.evidence(Evidence::Kind::Outcome,
                 Tr::tr("%1 serves the new certificate (SHA-256 %2).").arg(where, presented));
    ctx.progress(1.0, Tr::tr("Certificate replaced on %1 and served on %2").arg(r.nodeName, where));
    return {};
}

} // namespace

ThreadedJob::Work CertManagerJob::makeWork()
{
    return [r = m_request, reached = m_reached](const WorkContext &ctx) -> Result<void> {
        Result<void> result = replaceCertificate(r, ctx, *reached);
        if (result || result.error().code == u"job.skipped"_s)
            return result;
        // Every failure and cancel says where this PSC stands now. The outcomes of
        // certificate-manager itself (rolled back, rollback failed, replaced but not served)
        // say it in their own message already.
        Error e = result.error();
        switch (Reached(reached->load())) {
        case Reached::Nothing:
            e.message +=
                u' ' + Tr::tr("Nothing was changed on %1: it keeps the certificate it had.").arg(r.nodeName);
            break;
        case Reached::Folder: // said where it stopped, with the key's removal
            break;
        case Reached::Confirmed:
            e.message += u' '
                + Tr::tr(
                      "certificate-manager on %1 had been told to go ahead, and its end was not seen: %1 may "
                      "have the new certificate or the previous one, and may still be restarting its "
                      "services. Look at which certificate %2 serves before anything else (this step looks "
                      "first when it runs again), and read %3 on the PSC. The uploaded private key is left "
                      "at %4 while certificate-manager may still use it: delete it once %1 works again.")
                      .arg(r.nodeName, tlsWhere(r), kCertManagerLog,
                           remotePath(r.remoteFolder, CertFiles::Key));
            break;
        case Reached::RolledBack:
        case Reached::RollbackFailed:
        case Reached::Replaced:
            break;
        }
        return e;
    };
}

QString CertManagerJob::standing() const
{
    const QString node = m_request.nodeName;
    switch (state()) {
    case State::Pending:
    case State::Running:
        return {};
    case State::Succeeded:
        return Tr::tr("%1: serves the new certificate (checked on %2).").arg(node, tlsWhere(m_request));
    case State::Skipped:
        return report().started.isValid()
            ? tr("%1: already served the new certificate; nothing was done there.").arg(node)
            : tr("%1: not touched by this run; its certificate is as it was.").arg(node);
    case State::Failed:
    case State::Cancelled:
        break;
    }
    switch (reached()) {
    case Reached::Nothing:
        return Tr::tr("%1: not changed; it keeps the certificate it had.").arg(node);
    case Reached::Folder:
        return Tr::tr("%1: certificate not changed; the uploaded public certificate files stay in %2 there.")
            .arg(node, m_request.remoteFolder);
    case Reached::Confirmed:
        return Tr::tr("%1: unknown; certificate-manager was told to go ahead and its end was not seen.")
            .arg(node);
    case Reached::RolledBack:
        return Tr::tr("%1: its previous certificate is in place again (certificate-manager rolled back).")
            .arg(node);
    case Reached::RollbackFailed:
        return Tr::tr("%1: unknown, services possibly down; certificate-manager's rollback failed.")
            .arg(node);
    case Reached::Replaced:
        return Tr::tr(
                   "%1: replaced by certificate-manager, but the new certificate was not seen served on %2.")
            .arg(node, tlsWhere(m_request));
    }
    return {};
}

bool CertManagerJob::servesNewCertificate() const
{
    return state() == State::Succeeded || (state() == State::Skipped && report().started.isValid());
}

} // namespace vlab
