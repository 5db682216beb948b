#include "net/netaddr.h"

#include "core/tr.h"

#include <QStringList>

#include <algorithm>

namespace vlab {

bool Ipv4Network::overlaps(const Ipv4Network &other) const
{
    const int shorter = std::min(prefix, other.prefix);
    const quint32 m = shorter == 0 ? 0u : ~0u << (32 - shorter);
    return (network & m) == (other.network & m);
}

std::optional<quint32> parseIpv4(const QString &text)
{
    const QStringList parts = text.split(u'.');
    if (parts.size() != 4)
        return std::nullopt;
    quint32 address = 0;
    for (const QString &part : parts) {
        if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part.startsWith(u'0')))
            return std::nullopt;
        int value = 0;
        for (QChar c : part) {
            if (c < u'0' || c > u'9')
                return std::nullopt;
            value = value * 10 + (c.unicode() - u'0');
        }
        if (value > 255)
            return std::nullopt;
        address = (address << 8) | quint32(value);
    }
    return address;
}

QString formatIpv4(quint32 a)
{
    return QStringLiteral("%1.%2.%3.%4")
        .arg(QString::number(a >> 24), QString::number((a >> 16) & 0xff), QString::number((a >> 8) & 0xff),
             QString::number(a & 0xff));
}

std::optional<Ipv4Network> parseCidr(const QString &text, CidrProblem *problem)
{
    auto fail = [&](CidrProblem p) -> std::optional<Ipv4Network> {
        if (problem)
            *problem = p;
        return std::nullopt;
    };
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return fail(CidrProblem::Syntax);
    const auto address = parseIpv4(text.left(slash));
    const QString prefixText = text.mid(slash + 1);
    // One or two ASCII digits and nothing else: QString::toInt() alone would also take
    // " 8", "8 " and "-0".
    const bool digitsOnly =
        std::all_of(prefixText.cbegin(), prefixText.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    bool ok = false;
    const int prefix = prefixText.toInt(&ok);
    if (!address || !ok || !digitsOnly || prefix > 32 || prefixText.size() > 2
        || (prefixText.size() > 1 && prefixText.startsWith(u'0')))
        return fail(CidrProblem::Syntax);
    Ipv4Network net{*address, prefix};
    if ((*address & net.mask()) != *address)
        return fail(CidrProblem::HostBitsSet);
    if (problem)
        *problem = CidrProblem::None;
    return net;
}

QString fqdnProblem(const QString &name, bool requireDot)
{
    if (name.isEmpty())
        return Tr::tr("is empty");
    if (name.size() > 253)
        return Tr::tr("is %1 characters long; a DNS name has at most 253").arg(name.size());
    if (name.endsWith(u'.'))
        return Tr::tr("ends with a dot; write the name without the trailing dot");
    const QStringList labels = name.split(u'.');
    for (const QString &label : labels) {
        if (label.isEmpty())
            return Tr::tr("has an empty label (two dots in a row)");
        if (label.size() > 63)
            return Tr::tr("has a label of %1 characters (\"%2...\"); a label has at most 63")
                .arg(QString::number(label.size()), label.left(12));
        for (QChar c : label) {
            const bool ok =
                (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-';
            if (!ok)
                return Tr::tr("contains \"%1\"; only letters, digits, hyphens and dots are allowed").arg(c);
        }
        if (label.startsWith(u'-') || label.endsWith(u'-'))
            return Tr::tr("has the label \"%1\", which starts or ends with a hyphen").arg(label);
    }
    if (parseIpv4(name))
        return Tr::tr("is an IP address, not a name");
    // Checked last, so a name that is also malformed gets the more specific message.
    if (requireDot && labels.size() < 2)
        return Tr::tr("is not fully qualified; add the domain (for example %1.example.com)").arg(name);
    return {};
}

} // namespace vlab
