#pragma once
// HostPort: one "host[:port]" as people type it for a service (the NSIP, a vCenter, an SSH
// target, an NTP server): a host name (RFC 1123 syntax), a strict IPv4 address, or an IPv6
// address, in brackets when a port follows ("[fd00::5]:443") and bare without one
// ("fd00::5"). Splitting at the last colon breaks on IPv6, so every "host[:port]" of the
// engine, the wizard and the CLI is read here.

#include "core/result.h"

#include <QString>

namespace vlab {

struct HostPort
{
    QString host;     // a name, an IPv4 address, or an IPv6 address without brackets
    quint16 port = 0; // the port given, or the caller's default
    bool portGiven = false;

    bool isIpv6() const { return host.contains(u':'); }
    // host[:port] as people write it: the port only when it differs from `defaultPort`, an
    // IPv6 address in brackets when a port follows.
    QString toString(quint16 defaultPort) const;
};

// "host", "host:port", "[v6]", "[v6]:port" or a bare "v6" address; ports 1-65535.
// Errors: "hostport.empty", "hostport.port" (the port is not 1-65535), "hostport.syntax"
// (the host is neither a name nor an address), each with a sentence that names the text.
Result<HostPort> parseHostPort(const QString &text, quint16 defaultPort);

// host[:port] with the same rules as HostPort::toString (for a host and port held apart).
QString formatHostPort(const QString &host, quint16 port, quint16 defaultPort);

} // namespace vlab
