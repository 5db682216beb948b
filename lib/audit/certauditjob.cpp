#include "audit/certauditjob.h"

#include "certs/certinfo.h"
#include "certs/certverifier.h"
#include "core/tr.h"
#include "net/servedcertificate.h"
#include "net/tlstrust.h"
#include "plan/derivedvalues.h"

#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

const CertCheck *findCheck(const CertReport &report, const QString &id)
{
    for (const CertCheck &c : report.checks) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

} // namespace

CertAuditJob::CertAuditJob(CertAuditRequest request, QObject *parent)
    : ThreadedJob(Tr::tr("Audit the certificate of %1").arg(request.label), {}, parent)
    , m_request(std::move(request))
{
    setKey(u"audit.certs.%1"_s.arg(endpoint()));
    setTarget(endpoint());
}

QString CertAuditJob::endpoint() const
{
    return u"%1:%2"_s.arg(m_request.host, QString::number(m_request.port));
}

ThreadedJob::Work CertAuditJob::makeWork()
{
    return [this, r = m_request, endpoint = endpoint()](const WorkContext &ctx) -> Result<void> {
        // The target names the endpoint and what of it was looked at; the aspect is a stable
        // word, so scripts can tell the items of one endpoint apart.
        const auto item = [&](const QString &aspect) {
            AuditResult a;
            a.area = u"certs"_s;
            a.target = u"%1 %2 %3"_s.arg(r.label, endpoint, aspect);
            return a;
        };
        QList<AuditResult> results;
        QString fingerprint;
        ctx.progress(0.1, Tr::tr("Reading the certificate of %1").arg(endpoint));
        ServedCertificateRequest request;
        request.host = r.host;
        request.port = r.port;
        request.serverName = r.serverName;
        request.timeout = std::chrono::milliseconds(r.timeoutMs);
        request.maxAttempts = 1; // an audit looks once: a refused port is an answer of its own
        const Result<QSslCertificate> served =
            fetchServedCertificate(request, [&ctx] { return ctx.isCancelled(); });
        if (!served && served.error().code == u"tls.cancelled"_s)
            return served.error();
        if (!served) {
            AuditResult a = item(u"tls"_s);
            a.status = AuditStatus::Unreachable;
            a.expected = Tr::tr("a TLS handshake as %1").arg(r.serverName);
            a.message =
                Tr::tr("No TLS handshake with %1 within %2 ms: %3")
                    .arg(endpoint, QString::number(r.timeoutMs),
                         served.error().details.isEmpty() ? served.error().message : served.error().details);
            a.hint = Tr::tr("Check that %1 is up and serves HTTPS on port %2, then audit again.")
                         .arg(r.host, QString::number(r.port));
            ctx.evidence(Evidence::Kind::Outcome, a.message);
            results << a;
        } else {
            const QByteArray pem = served->toPem();
            fingerprint = sha256Fingerprint(*served);
            ctx.evidence(Evidence::Kind::Received,
                         Tr::tr("%1 serves the certificate SHA-256 %2.").arg(endpoint, fingerprint),
                         QString::fromLatin1(pem));
            CertVerification verification;
            verification.chain = CertSource{Tr::tr("the certificate %1 serves").arg(endpoint), pem};
            if (r.caChain)
                verification.cas = {*r.caChain};
            verification.plan = r.plan;
            verification.expiryWarningDays = r.expiryWarningDays;
            const CertReport report = verifyCertificates(verification);
            const Result<QList<CertInfo>> described = describeCertificates(pem, endpoint);
            const CertInfo info = described && !described->isEmpty() ? described->constFirst() : CertInfo();

            // The names: CN = the load-balancer name, the DNS names cover every planned name.
            AuditResult names = item(u"names"_s);
            names.expected =
                Tr::tr("CN = %1; DNS names include %2")
                    .arg(derivedCommonName(r.plan), derivedSubjectAltNames(r.plan).join(u", "_s));
            names.found = Tr::tr("CN = %1; DNS names: %2")
                              .arg(info.commonName,
                                   info.dnsNames.isEmpty() ? Tr::tr("(none)") : info.dnsNames.join(u", "_s));
            QStringList messages, hints;
            for (const QString &id : {u"cn"_s, u"san"_s}) {
                if (const CertCheck *c = findCheck(report, id); c && !c->passed) {
                    messages << c->message;
                    hints << c->hint;
                }
            }
            names.status = messages.isEmpty() ? AuditStatus::Ok : AuditStatus::Drift;
            names.message = messages.isEmpty() ? Tr::tr("The served certificate carries every planned name.")
                                               : messages.join(u' ');
            names.hint = hints.join(u' ');
            results << names;

            // Validity: not expired, not expiring within the warning period.
            AuditResult validity = item(u"validity"_s);
            validity.expected =
                Tr::tr("valid now and for at least %n more day(s)", nullptr, r.expiryWarningDays);
            validity.found =
                Tr::tr("valid from %1 until %2")
                    .arg(info.notBefore.toString(Qt::ISODate), info.notAfter.toString(Qt::ISODate));
            const CertCheck *valid = findCheck(report, u"validity"_s);
            validity.status = valid && valid->passed ? AuditStatus::Ok : AuditStatus::Drift;
            validity.message = valid ? valid->message : Tr::tr("The validity could not be read.");
            validity.hint = valid && !valid->passed ? valid->hint : QString();
            results << validity;

            // The chain, where the project's CA files are known.
            if (r.caChain) {
                AuditResult chain = item(u"chain"_s);
                chain.expected = Tr::tr("issued under the CA of %1").arg(r.caChain->name);
                const CertCheck *trust = findCheck(report, u"chain-trust"_s);
                chain.status = trust && trust->passed ? AuditStatus::Ok : AuditStatus::Drift;
                chain.found = Tr::tr("issued by %1").arg(info.issuer);
                chain.message = trust ? trust->message : Tr::tr("The chain could not be checked.");
                chain.hint = trust && !trust->passed ? trust->hint : QString();
                results << chain;
            }
            for (const AuditResult &a : std::as_const(results))
                ctx.evidence(Evidence::Kind::Outcome, u"%1: %2"_s.arg(auditStatusName(a.status), a.message));
        }
        QMetaObject::invokeMethod(
            this,
            [this, results, fingerprint] {
                m_results = results;
                m_fingerprint = fingerprint;
                Q_EMIT audited(results);
            },
            Qt::QueuedConnection);
        ctx.progress(1.0, Tr::tr("Certificate of %1 audited").arg(endpoint));
        return {};
    };
}

} // namespace vlab
