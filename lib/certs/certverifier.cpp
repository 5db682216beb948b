#include "certs/certverifier.h"

#include "certs/ossl.h"
#include "core/tr.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace vlab {

bool CertReport::clean() const
{
    return failedCount(Severity::Error) == 0;
}

int CertReport::failedCount(Severity severity) const
{
    int n = 0;
    for (const CertCheck &c : checks)
        n += (!c.passed && c.severity == severity) ? 1 : 0;
    return n;
}

Findings CertReport::findings() const
{
    Findings out;
    for (const CertCheck &c : checks) {
        if (!c.passed)
            out.append(Finding{c.severity, u"certificate."_s + c.id, c.message, c.hint});
    }
    return out;
}

QString CertReport::toText() const
{
    QString out;
    for (const CertCheck &c : checks) {
        const QString mark = c.passed         ? u"ok  "_s
            : c.severity == Severity::Error   ? u"FAIL"_s
            : c.severity == Severity::Warning ? u"warn"_s
                                              : u"info"_s;
        out += mark + u"  "_s + c.title + u": "_s + c.message;
        if (!c.passed && !c.hint.isEmpty())
            out += u" "_s + Tr::tr("Fix: %1").arg(c.hint);
        out += u'\n';
    }
    return out;
}

QJsonArray CertReport::toJson() const
{
    QJsonArray out;
    for (const CertCheck &c : checks) {
        out.append(QJsonObject{{u"id"_s, c.id},
                               {u"title"_s, c.title},
                               {u"passed"_s, c.passed},
                               {u"severity"_s, severityName(c.severity)},
                               {u"message"_s, c.message},
                               {u"hint"_s, c.hint}});
    }
    return out;
}

namespace {

class Verifier
{
public:
    explicit Verifier(const CertVerification &in)
        : m_in(in)
    {
    }

    CertReport run()
    {
        Result<ossl::Certs> chain = ossl::parseCertificates(m_in.chain.data, m_in.chain.name);
        if (!chain) {
            m_report.inputError = true;
            fail(u"readable"_s, Tr::tr("Certificate file"), Severity::Error, chain.error().message,
                 Tr::tr("Give a PEM, DER or PKCS#7 certificate file."));
            return m_report;
        }
        m_chain = std::move(chain.value());
        for (const CertSource &source : m_in.cas) {
            Result<ossl::Certs> certs = ossl::parseCertificates(source.data, source.name);
            if (!certs) {
                m_report.inputError = true;
                fail(u"readable"_s, Tr::tr("CA certificate file"), Severity::Error, certs.error().message,
                     Tr::tr("Give the CA certificates as PEM, DER or PKCS#7 files."));
                return m_report;
            }
            for (ossl::Cert &cert : certs.value())
                m_cas.push_back(std::move(cert));
        }
        m_leaf = m_chain.front().get();

        chainOrder();
        notCa();
        keyMatch();
        chainTrust();
        names();
        validity();
        keyUsage();
        keySize();
        signatures();
        return m_report;
    }

private:
    void pass(const QString &id, const QString &title, const QString &message)
    {
        m_report.checks.append(CertCheck{id, title, true, Severity::Info, message, {}});
    }
    void fail(const QString &id, const QString &title, Severity severity, const QString &message,
              const QString &hint)
    {
        m_report.checks.append(CertCheck{id, title, false, severity, message, hint});
    }

    QString cn(X509 *cert) const
    {
        const QString name = ossl::nameEntry(X509_get_subject_name(cert), NID_commonName);
        return name.isEmpty() ? ossl::nameToString(X509_get_subject_name(cert)) : name;
    }

    void chainOrder()
    {
        const QString title = Tr::tr("Chain file starts with the PSC certificate");
        if (X509_check_ca(m_leaf) > 0) {
            fail(
                u"chain-order"_s, title, Severity::Error,
                Tr::tr("The first certificate of %1 is the CA certificate \"%2\", not the PSC certificate.")
                    .arg(m_in.chain.name, cn(m_leaf)),
                Tr::tr("Put the PSC certificate first, then the intermediates, then the root (vlab cert "
                       "chain writes it in this order). A wrong order makes certificate-manager roll back."));
            return;
        }
        for (size_t i = 1; i < m_chain.size(); ++i) {
            if (!ossl::issued(m_chain.at(i).get(), m_chain.at(i - 1).get())) {
                fail(
                    u"chain-order"_s, title, Severity::Error,
                    Tr::tr("Certificate %1 of %2 (\"%3\") did not sign the one before it (\"%4\").")
                        .arg(QString::number(qsizetype(i + 1)), m_in.chain.name, cn(m_chain.at(i).get()),
                             cn(m_chain.at(i - 1).get())),
                    Tr::tr("Order the file leaf first, each certificate followed by its issuer, root last."));
                return;
            }
        }
        pass(u"chain-order"_s, title,
             m_chain.size() == 1
                 ? Tr::tr("The file holds the PSC certificate alone.")
                 : Tr::tr("Leaf first, then %n issuer(s) in order.", nullptr, int(m_chain.size() - 1)));
    }

    void notCa()
    {
        const QString title = Tr::tr("PSC certificate is not a CA");
        if (X509_check_ca(m_leaf) > 0)
            fail(u"not-ca"_s, title, Severity::Error, Tr::tr("\"%1\" is a CA certificate.").arg(cn(m_leaf)),
                 Tr::tr("Have the CA issue an end-entity certificate from psc-ha-vip.csr (basicConstraints "
                        "CA:false)."));
        else
            pass(u"not-ca"_s, title, Tr::tr("basicConstraints CA:false."));
    }

    void keyMatch()
    {
        const QString title = Tr::tr("Private key matches the certificate");
        if (!m_in.key) {
            pass(u"key-match"_s, title, Tr::tr("Not checked: no key given."));
            return;
        }
        Result<ossl::Pkey> key = ossl::parsePrivateKey(m_in.key->data, m_in.key->name);
        if (!key) {
            m_report.inputError = true;
            fail(u"key-match"_s, title, Severity::Error, key.error().message,
                 Tr::tr("Give psc-ha-vip.key, the unencrypted key made with the request."));
            return;
        }
        if (EVP_PKEY_eq(X509_get0_pubkey(m_leaf), key->get()) != 1) {
            ERR_clear_error();
            fail(u"key-match"_s, title, Severity::Error,
                 Tr::tr("%1 does not belong to the certificate \"%2\".").arg(m_in.key->name, cn(m_leaf)),
                 Tr::tr("Use the key that was generated with the request this certificate was signed from."));
            return;
        }
        pass(u"key-match"_s, title, Tr::tr("%1 belongs to the certificate.").arg(m_in.key->name));
    }

    void chainTrust()
    {
        const QString title = Tr::tr("Chain verifies to the root");
        ossl::Store store(X509_STORE_new());
        STACK_OF(X509) *untrusted = sk_X509_new_null();
        int anchors = 0;
        auto consider = [&](X509 *cert, bool fromCaFiles) {
            if (cert == m_leaf)
                return;
            // Trust anchors: the self-signed roots given as CA files; without CA files, the
            // chain file's own root.
            if (ossl::isSelfSigned(cert) && (fromCaFiles || m_in.cas.isEmpty())) {
                X509_STORE_add_cert(store.get(), cert);
                ++anchors;
            } else {
                sk_X509_push(untrusted, cert);
            }
        };
        for (const ossl::Cert &c : m_chain)
            consider(c.get(), false);
        for (const ossl::Cert &c : m_cas)
            consider(c.get(), true);
        ERR_clear_error();
        if (anchors == 0) {
            sk_X509_free(untrusted);
            fail(u"chain-trust"_s, title, Severity::Error,
                 Tr::tr("No root certificate was given, so the chain cannot be checked."),
                 Tr::tr("Add the root CA certificate (the self-signed one), e.g. the VMCA root.cer or your "
                        "CA's root."));
            return;
        }
        ossl::StoreCtx ctx(X509_STORE_CTX_new());
        X509_STORE_CTX_init(ctx.get(), store.get(), m_leaf, untrusted);
        X509_STORE_CTX_set_time(ctx.get(), 0, m_in.now.toSecsSinceEpoch());
        const int ok = X509_verify_cert(ctx.get());
        const int err = X509_STORE_CTX_get_error(ctx.get());
        int depth = X509_STORE_CTX_get_error_depth(ctx.get());
        STACK_OF(X509) *built = X509_STORE_CTX_get1_chain(ctx.get());
        const int length = built ? sk_X509_num(built) : 0;
        QString rootName;
        if (length > 0)
            rootName = cn(sk_X509_value(built, length - 1));
        sk_X509_pop_free(built, X509_free);
        sk_X509_free(untrusted);
        ERR_clear_error();
        if (ok == 1) {
            pass(u"chain-trust"_s, title,
                 Tr::tr("Verified through %n certificate(s) up to \"%1\".", nullptr, length).arg(rootName));
            return;
        }
        const QString reason = QString::fromLatin1(X509_verify_cert_error_string(err));
        QString hint = Tr::tr("Give every intermediate and the root that issued this certificate.");
        if (err == X509_V_ERR_CERT_HAS_EXPIRED || err == X509_V_ERR_CERT_NOT_YET_VALID)
            hint = Tr::tr("Renew the expired certificate in the chain, or check this computer's clock.");
        else if (err == X509_V_ERR_CERT_SIGNATURE_FAILURE)
            hint = Tr::tr("A certificate was changed or damaged; get it again from the CA.");
        fail(u"chain-trust"_s, title, Severity::Error,
             Tr::tr("OpenSSL: %1 (at depth %2).").arg(reason, QString::number(depth)), hint);
    }

    static bool covers(const QString &pattern, const QString &name)
    {
        if (pattern.compare(name, Qt::CaseInsensitive) == 0)
            return true;
        // A wildcard stands for exactly one leftmost label.
        if (pattern.startsWith(u"*."_s)) {
            const qsizetype dot = name.indexOf(u'.');
            return dot > 0 && name.mid(dot).compare(pattern.mid(1), Qt::CaseInsensitive) == 0;
        }
        return false;
    }

    void names()
    {
        const QStringList dns = ossl::dnsNames(m_leaf);
        const QString subjectCn = ossl::nameEntry(X509_get_subject_name(m_leaf), NID_commonName);
        const QString sanTitle = Tr::tr("Names cover both PSCs and the load balancer");
        const QString cnTitle = Tr::tr("Common name is the load-balancer name");
        if (!m_in.plan) {
            pass(u"san"_s, sanTitle,
                 Tr::tr("Not checked against a plan; the certificate names: %1.")
                     .arg(dns.isEmpty() ? Tr::tr("(none)") : dns.join(u", "_s)));
            pass(u"cn"_s, cnTitle, Tr::tr("Not checked against a plan; CN = %1.").arg(subjectCn));
            return;
        }
        QStringList needed;
        for (const PscNode &n : m_in.plan->psc)
            needed << n.fqdn;
        needed << m_in.plan->loadBalancer.fqdn;
        QStringList missing;
        for (const QString &name : std::as_const(needed)) {
            const bool found =
                std::any_of(dns.cbegin(), dns.cend(), [&](const QString &p) { return covers(p, name); });
            if (!name.isEmpty() && !found)
                missing << name;
        }
        if (!missing.isEmpty()) {
            fail(u"san"_s, sanTitle, Severity::Error,
                 Tr::tr("The certificate does not name %1 (it names: %2).")
                     .arg(missing.join(u", "_s), dns.isEmpty() ? Tr::tr("nothing") : dns.join(u", "_s)),
                 Tr::tr("Request a new certificate whose subject alternative names include every PSC "
                        "and the load-balancer name (vlab cert csr writes such a request)."));
        } else {
            pass(u"san"_s, sanTitle, Tr::tr("Names: %1.").arg(dns.join(u", "_s)));
        }
        const QString lb = m_in.plan->loadBalancer.fqdn;
        if (subjectCn.compare(lb, Qt::CaseInsensitive) != 0)
            fail(u"cn"_s, cnTitle, Severity::Error,
                 Tr::tr("CN is \"%1\", not the load-balancer name \"%2\".").arg(subjectCn, lb),
                 Tr::tr("Request the certificate with CN = %1.").arg(lb));
        else
            pass(u"cn"_s, cnTitle, Tr::tr("CN = %1.").arg(subjectCn));
    }

    void validity()
    {
        const QString title = Tr::tr("Validity period");
        const time_t now = time_t(m_in.now.toSecsSinceEpoch());
        const ASN1_TIME *notBefore = X509_get0_notBefore(m_leaf);
        const ASN1_TIME *notAfter = X509_get0_notAfter(m_leaf);
        int days = 0, secs = 0;
        ASN1_TIME *nowAsn = ASN1_TIME_set(nullptr, now);
        ASN1_TIME_diff(&days, &secs, nowAsn, notAfter);
        ASN1_TIME_free(nowAsn);
        if (X509_cmp_time(notBefore, const_cast<time_t *>(&now)) > 0) {
            fail(u"validity"_s, title, Severity::Error, Tr::tr("The certificate is not valid yet."),
                 Tr::tr("Check this computer's and the CA's clocks, or wait until it becomes valid."));
        } else if (X509_cmp_time(notAfter, const_cast<time_t *>(&now)) < 0) {
            fail(u"validity"_s, title, Severity::Error,
                 Tr::tr("The certificate expired %n day(s) ago.", nullptr, -days),
                 Tr::tr("Have the CA issue a new certificate from psc-ha-vip.csr."));
        } else if (days < m_in.expiryWarningDays) {
            fail(u"validity"_s, title, Severity::Warning,
                 Tr::tr("The certificate expires in %n day(s).", nullptr, days),
                 Tr::tr("Renew it now rather than replace it twice."));
        } else {
            pass(u"validity"_s, title, Tr::tr("Valid for another %n day(s).", nullptr, days));
        }
    }

    void keyUsage()
    {
        const QString title = Tr::tr("Key usage allows TLS server use");
        const uint32_t ku = X509_get_key_usage(m_leaf);
        const uint32_t xku = X509_get_extended_key_usage(m_leaf);
        if (ku == UINT32_MAX) {
            fail(u"key-usage"_s, title, Severity::Warning,
                 Tr::tr("The certificate has no key usage extension."),
                 Tr::tr("Request digitalSignature and keyEncipherment (the request config does)."));
            return;
        }
        QStringList missing;
        if (!(ku & KU_DIGITAL_SIGNATURE))
            missing << u"digitalSignature"_s;
        if (!(ku & KU_KEY_ENCIPHERMENT))
            missing << u"keyEncipherment"_s;
        if (!missing.isEmpty()) {
            fail(u"key-usage"_s, title, Severity::Error,
                 Tr::tr("Key usage lacks %1.").arg(missing.join(u", "_s)),
                 Tr::tr("Have the CA keep the request's key usage (digitalSignature, keyEncipherment)."));
            return;
        }
        if (xku != UINT32_MAX && !(xku & XKU_SSL_SERVER)) {
            fail(u"key-usage"_s, title, Severity::Error,
                 Tr::tr("Extended key usage does not include TLS server authentication."),
                 Tr::tr("Use a web-server template on the CA, or one that adds serverAuth."));
            return;
        }
        pass(u"key-usage"_s, title, Tr::tr("digitalSignature and keyEncipherment."));
    }

    void keySize()
    {
        const QString title = Tr::tr("RSA key of 2048 bits or more");
        EVP_PKEY *key = X509_get0_pubkey(m_leaf);
        const int bits = key ? EVP_PKEY_get_bits(key) : 0;
        if (!key || !EVP_PKEY_is_a(key, "RSA"))
            fail(u"key-size"_s, title, Severity::Error, Tr::tr("The key is not an RSA key."),
                 Tr::tr("certificate-manager on vSphere 6.7 expects RSA; request an RSA key."));
        else if (bits < 2048)
            fail(u"key-size"_s, title, Severity::Error, Tr::tr("The RSA key has only %1 bits.").arg(bits),
                 Tr::tr("Make a new request with a 2048-bit key or larger."));
        else
            pass(u"key-size"_s, title, Tr::tr("RSA %1 bits.").arg(bits));
    }

    void signatures()
    {
        const QString title = Tr::tr("No SHA-1 or MD5 signatures");
        for (const ossl::Cert &c : m_chain) {
            if (ossl::isSelfSigned(c.get()))
                continue; // a root's self-signature is not relied upon
            int mdNid = NID_undef, pkNid = NID_undef;
            OBJ_find_sigid_algs(X509_get_signature_nid(c.get()), &mdNid, &pkNid);
            if (mdNid == NID_sha1 || mdNid == NID_md5) {
                fail(u"signature"_s, title, Severity::Error,
                     Tr::tr("\"%1\" is signed with %2.")
                         .arg(cn(c.get()), QString::fromLatin1(OBJ_nid2sn(mdNid))),
                     Tr::tr("Have the CA sign with SHA-256; vCenter refuses SHA-1 certificates."));
                return;
            }
        }
        pass(u"signature"_s, title, Tr::tr("SHA-256 or stronger."));
    }

    const CertVerification &m_in;
    CertReport m_report;
    ossl::Certs m_chain;
    ossl::Certs m_cas;
    X509 *m_leaf = nullptr;
};

} // namespace

CertReport verifyCertificates(const CertVerification &input)
{
    return Verifier(input).run();
}

} // namespace vlab
