#include "precheck/dnsmessage.h"

#include <QtEndian>

namespace vlab {

namespace {

constexpr int kHeaderSize = 12;
constexpr quint16 kClassIn = 1;

quint16 read16(const QByteArray &m, qsizetype at)
{
    return qFromBigEndian<quint16>(reinterpret_cast<const uchar *>(m.constData() + at));
}

// Reads the (possibly compressed) name at `at`; moves `at` past it in the message. At most
// 128 compression pointers are followed (a loop of pointers is a malformed message).
std::optional<QString> readName(const QByteArray &m, qsizetype &at)
{
    QStringList labels;
    qsizetype pos = at;
    bool jumped = false;
    for (int hops = 0; hops < 128;) {
        if (pos >= m.size())
            return std::nullopt;
        const auto length = quint8(m.at(pos));
        if (length == 0) {
            if (!jumped)
                at = pos + 1;
            return labels.join(u'.');
        }
        if ((length & 0xC0) == 0xC0) {
            if (pos + 1 >= m.size())
                return std::nullopt;
            if (!jumped)
                at = pos + 2;
            jumped = true;
            pos = read16(m, pos) & 0x3FFF;
            ++hops;
            continue;
        }
        if ((length & 0xC0) != 0 || pos + 1 + length > m.size())
            return std::nullopt;
        labels << QString::fromLatin1(m.mid(pos + 1, length));
        pos += 1 + length;
        if (labels.size() > 127)
            return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

QByteArray dnsQuery(quint16 id, const QString &name, DnsType type)
{
    QByteArray m(kHeaderSize, '\0');
    qToBigEndian<quint16>(id, m.data());
    m[2] = char(0x01); // RD: recursion desired
    m[5] = char(1);    // QDCOUNT 1
    QString trimmed = name;
    if (trimmed.endsWith(u'.'))
        trimmed.chop(1);
    for (const QString &label : trimmed.split(u'.')) {
        const QByteArray bytes = label.toLatin1();
        if (bytes.isEmpty() || bytes.size() > 63 || label.toLatin1() != bytes)
            return {};
        m += char(bytes.size());
        m += bytes;
    }
    m += '\0';
    char tail[4];
    qToBigEndian<quint16>(quint16(type), tail);
    qToBigEndian<quint16>(kClassIn, tail + 2);
    m += QByteArray(tail, 4);
    return m.size() > 512 ? QByteArray() : m;
}

std::optional<DnsReply> parseDnsReply(const QByteArray &m)
{
    if (m.size() < kHeaderSize)
        return std::nullopt;
    const quint16 flags = read16(m, 2);
    if (!(flags & 0x8000)) // QR: a response
        return std::nullopt;
    DnsReply reply;
    reply.id = read16(m, 0);
    reply.rcode = flags & 0x000F;
    reply.truncated = flags & 0x0200;
    const int questions = read16(m, 4);
    const int answers = read16(m, 6);
    qsizetype at = kHeaderSize;
    for (int i = 0; i < questions; ++i) {
        if (!readName(m, at) || at + 4 > m.size())
            return std::nullopt;
        at += 4;
    }
    for (int i = 0; i < answers; ++i) {
        if (!readName(m, at) || at + 10 > m.size())
            return std::nullopt;
        const quint16 type = read16(m, at);
        const quint16 cls = read16(m, at + 2);
        const quint16 length = read16(m, at + 8);
        at += 10;
        if (at + length > m.size())
            return std::nullopt;
        if (cls == kClassIn && type == quint16(DnsType::A) && length == 4) {
            reply.addresses << QHostAddress(
                qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(m.constData() + at)));
        } else if (cls == kClassIn && type == quint16(DnsType::Ptr)) {
            qsizetype nameAt = at;
            const std::optional<QString> name = readName(m, nameAt);
            if (!name)
                return std::nullopt;
            reply.names << *name;
        }
        at += length;
    }
    return reply;
}

} // namespace vlab
