#include "certs/csrrequest.h"

#include "core/tr.h"

using namespace Qt::StringLiterals;

namespace vlab {

CsrRequest CsrRequest::fromPlan(const LabPlan &plan)
{
    CsrRequest r;
    r.subject = plan.certificate.subject;
    r.dnsNames = plan.certificate.san;
    r.keyBits = plan.certificate.keyBits;
    return r;
}

QString CsrRequest::problem() const
{
    if (subject.commonName.isEmpty())
        return Tr::tr("The certificate's common name (certificate.subject.CN) is empty.");
    if (keyBits != 2048 && keyBits != 3072 && keyBits != 4096)
        return Tr::tr("An RSA key of %1 bits is not offered; use 2048, 3072 or 4096.").arg(keyBits);
    if (!subject.country.isEmpty() && subject.country.size() != 2)
        return Tr::tr("The country (certificate.subject.C) must be a two-letter code.");
    // Config-file syntax: a line break or NUL in a value would inject config lines.
    const QStringList values = {subject.country,          subject.state,
                                subject.locality,         subject.organization,
                                subject.organizationUnit, subject.commonName};
    for (const QString &v : values + dnsNames) {
        for (QChar c : v) {
            if (c.unicode() < 0x20 || c == u'\x7f')
                return Tr::tr("\"%1\" contains a control character.").arg(v.simplified());
        }
    }
    for (const QString &name : dnsNames) {
        if (name.isEmpty() || name.contains(u',') || name.contains(u' '))
            return Tr::tr("\"%1\" is not usable as a DNS name in the certificate.").arg(name);
    }
    return {};
}

namespace {
// OpenSSL's config parser expands $VAR, starts comments at #, and treats quotes and
// backslashes specially; escape them so the value is taken literally.
QString configValue(const QString &value)
{
    QString out;
    for (QChar c : value) {
        if (c == u'\\' || c == u'$' || c == u'#' || c == u'"' || c == u'\'')
            out += u'\\';
        out += c;
    }
    // The parser also drops spaces at either end of a value; only quotes keep them.
    if (value.startsWith(u' ') || value.endsWith(u' '))
        return u'"' + out + u'"';
    return out;
}
} // namespace

QByteArray renderRequestConfig(const CsrRequest &r)
{
    QStringList san;
    for (const QString &name : r.dnsNames)
        san << u"DNS:"_s + configValue(name);
    QString text;
    text += u"# OpenSSL request config for the PSC machine certificate (written by vLab Wizard).\n"_s
            u"# By hand: openssl req -new -nodes -newkey rsa:%1 -keyout psc-ha-vip.key \\\n"_s
            u"#          -out psc-ha-vip.csr -config psc_ha_csr_cfg.cfg\n"_s.arg(r.keyBits);
    text += u"[ req ]\n"_s
            u"default_bits = %1\n"_s.arg(r.keyBits)
        + u"default_md = sha256\n"_s
          u"distinguished_name = req_distinguished_name\n"_s
          u"encrypt_key = no\n"_s
          u"prompt = no\n"_s
          u"string_mask = utf8only\n"_s
          u"utf8 = yes\n"_s
          u"req_extensions = v3_req\n"_s
          u"\n"_s
          u"[ v3_req ]\n"_s
          u"basicConstraints = CA:false\n"_s
          u"keyUsage = nonRepudiation, digitalSignature, keyEncipherment\n"_s;
    if (!san.isEmpty())
        text += u"subjectAltName = "_s + san.join(u", "_s) + u'\n';
    text += u"\n[ req_distinguished_name ]\n"_s;
    const QList<std::pair<const char16_t *, QString>> fields = {
        {u"countryName", r.subject.country},
        {u"stateOrProvinceName", r.subject.state},
        {u"localityName", r.subject.locality},
        {u"0.organizationName", r.subject.organization},
        {u"organizationalUnitName", r.subject.organizationUnit},
        {u"commonName", r.subject.commonName}};
    for (const auto &[key, value] : fields) {
        if (!value.isEmpty())
            text += QString::fromUtf16(key) + u" = "_s + configValue(value) + u'\n';
    }
    return text.toUtf8();
}

} // namespace vlab
