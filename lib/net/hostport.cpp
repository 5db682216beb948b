#include "net/hostport.h"

#include "core/tr.h"
#include "net/netaddr.h"

#include <QHostAddress>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

bool isIpv6Address(const QString &text)
{
    QHostAddress address;
    return text.contains(u':') && address.setAddress(text)
        && address.protocol() == QAbstractSocket::IPv6Protocol;
}

// Digits and dots only: meant as an IPv4 address, so it must be a strict one.
bool looksLikeIpv4(const QString &text)
{
    return !text.isEmpty()
        && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit() || c == u'.'; });
}

Error syntaxError(const QString &text)
{
    return makeError(u"hostport.syntax"_s,
                     Tr::tr("\"%1\" is not a host: give a name or an address, optionally with :PORT (an "
                            "IPv6 address in brackets when a port follows, for example [fd00::5]:443).")
                         .arg(text));
}

} // namespace

QString formatHostPort(const QString &host, quint16 port, quint16 defaultPort)
{
    if (port == defaultPort || port == 0)
        return host;
    return (host.contains(u':') ? u'[' + host + u']' : host) + u':' + QString::number(port);
}

QString HostPort::toString(quint16 defaultPort) const
{
    return formatHostPort(host, port, defaultPort);
}

Result<HostPort> parseHostPort(const QString &text, quint16 defaultPort)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return makeError(u"hostport.empty"_s, Tr::tr("No host is given."));
    if (t.contains(u"://"_s)) // a URL, not a host
        return syntaxError(text);
    HostPort result;
    result.port = defaultPort;
    QString portText;
    if (t.startsWith(u'[')) {
        const qsizetype close = t.indexOf(u']');
        if (close < 0)
            return syntaxError(text);
        result.host = t.mid(1, close - 1);
        if (!isIpv6Address(result.host))
            return syntaxError(text);
        const QString rest = t.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return syntaxError(text);
            portText = rest.mid(1);
            result.portGiven = true;
        }
    } else if (t.count(u':') > 1) {
        // Only a bare IPv6 address has more than one colon; a port needs the brackets.
        if (!isIpv6Address(t))
            return syntaxError(text);
        result.host = t;
    } else {
        const qsizetype colon = t.indexOf(u':');
        result.host = colon < 0 ? t : t.left(colon);
        if (colon >= 0) {
            portText = t.mid(colon + 1);
            result.portGiven = true;
        }
    }
    if (!result.isIpv6()) {
        const bool address = looksLikeIpv4(result.host);
        if (result.host.isEmpty() || (address && !parseIpv4(result.host))
            || (!address && !fqdnProblem(result.host, false).isEmpty()))
            return syntaxError(text);
    }
    if (result.portGiven) {
        const bool digits = !portText.isEmpty() && portText.size() <= 5
            && std::all_of(portText.cbegin(), portText.cend(), [](QChar c) { return c.isDigit(); });
        const uint port = digits ? portText.toUInt() : 0;
        if (port < 1 || port > 65535)
            return makeError(
                u"hostport.port"_s,
                Tr::tr("\"%1\": the port after the colon must be a number from 1 to 65535.").arg(text));
        result.port = quint16(port);
    }
    return result;
}

} // namespace vlab
