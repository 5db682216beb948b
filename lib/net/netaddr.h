#pragma once
// Strict IPv4, CIDR and host-name syntax for the plan. QHostAddress accepts forms people do
// not mean in a lab plan ("192.168.1", "0x7f.1", leading zeros), so these parsers do not.

#include <QString>

#include <optional>

namespace vlab {

struct Ipv4Network
{
    quint32 network = 0; // host byte order, host bits cleared
    int prefix = 0;

    quint32 mask() const { return prefix == 0 ? 0u : ~0u << (32 - prefix); }
    quint32 broadcast() const { return network | ~mask(); }
    bool contains(quint32 address) const { return (address & mask()) == network; }
    bool overlaps(const Ipv4Network &other) const;
};

// Dotted quad, four decimal parts 0-255, no leading zeros, nothing around it.
std::optional<quint32> parseIpv4(const QString &text);
QString formatIpv4(quint32 address);

enum class CidrProblem { None, Syntax, HostBitsSet };
// "a.b.c.d/n" with n in 0..32. Host bits set ("192.168.1.5/24") is reported separately so the
// hint can name the network address the user probably meant.
std::optional<Ipv4Network> parseCidr(const QString &text, CidrProblem *problem = nullptr);

// RFC 1123 host name: labels of letters, digits and hyphens, 1-63 characters, not starting or
// ending with a hyphen; at most 253 characters in all; no trailing dot.
// Returns an empty string when valid, otherwise what is wrong (for people, translated).
QString fqdnProblem(const QString &name, bool requireDot = true);

} // namespace vlab
