#include "remote/hostkeys.h"

#include "core/atomicfile.h"

#include "core/tr.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <libssh/libssh.h>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

QString fingerprintOfHash(const QByteArray &digest)
{
    return u"SHA256:"_s + QString::fromLatin1(digest.toBase64(QByteArray::OmitTrailingEquals));
}

QString keyTypeName(ssh_key key)
{
    const char *name = ssh_key_type_to_char(ssh_key_type(key));
    return name ? QString::fromLatin1(name) : u"unknown"_s;
}

// The middle of /etc/ssh/ssh_host_<stem>_key.pub for a key type.
QString hostKeyFileStem(const QString &keyType)
{
    if (keyType.contains(u"ed25519"_s))
        return u"ed25519"_s;
    if (keyType.startsWith(u"ecdsa"_s))
        return u"ecdsa"_s;
    return u"rsa"_s;
}

QString recordedList(const HostKeyCheck &check)
{
    QStringList lines;
    for (const KnownHostEntry &e : check.recorded)
        lines << u"line %1: %2 %3"_s.arg(QString::number(e.line), e.keyType, e.fingerprint);
    return lines.join(u"; "_s);
}

QString lineNumbers(const HostKeyCheck &check)
{
    QStringList numbers;
    for (const KnownHostEntry &e : check.recorded)
        numbers << QString::number(e.line);
    return numbers.join(u", "_s);
}

} // namespace

QString hostKeyStateName(HostKeyState state)
{
    switch (state) {
    case HostKeyState::Known:
        return u"known"_s;
    case HostKeyState::Unknown:
        return u"unknown"_s;
    case HostKeyState::Changed:
        return u"changed"_s;
    case HostKeyState::OtherType:
        return u"other-type"_s;
    }
    return {};
}

QString defaultKnownHostsFile(const QString &projectFolder)
{
    return QDir(projectFolder.isEmpty() ? u"."_s : projectFolder).filePath(u"known_hosts"_s);
}

QString knownHostsName(const QString &host, int port)
{
    if (port == 22 || port <= 0)
        return host;
    return u"[%1]:%2"_s.arg(host, QString::number(port));
}

QString sha256Fingerprint(const QByteArray &publicKeyBlob)
{
    return fingerprintOfHash(QCryptographicHash::hash(publicKeyBlob, QCryptographicHash::Sha256));
}

Result<QString> sha256Fingerprint(ssh_key key)
{
    unsigned char *hash = nullptr;
    size_t length = 0;
    if (!key || ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != 0)
        return makeError(u"hostkey.key"_s, Tr::tr("Cannot compute the fingerprint of the server's key."));
    const QByteArray digest(reinterpret_cast<const char *>(hash), qsizetype(length));
    ssh_clean_pubkey_hash(&hash);
    return fingerprintOfHash(digest);
}

Result<HostKeyCheck> checkHostKey(const QString &knownHostsFile, const QString &host, int port,
                                  ssh_key serverKey)
{
    HostKeyCheck check;
    check.knownHostsFile = knownHostsFile;
    check.hostEntry = knownHostsName(host, port);
    Result<QString> fingerprint = sha256Fingerprint(serverKey);
    if (!fingerprint)
        return fingerprint.error();
    check.fingerprint = fingerprint.value();
    check.keyType = keyTypeName(serverKey);

    QFile file(knownHostsFile);
    if (!file.exists()) {
        check.state = HostKeyState::Unknown;
        return check;
    }
    if (!file.open(QIODevice::ReadOnly))
        return makeError(u"hostkey.read"_s,
                         Tr::tr("Cannot read the known hosts file %1: %2. Check its permissions.")
                             .arg(knownHostsFile, file.errorString()));

    const QByteArray hostName = check.hostEntry.toUtf8();
    bool sameKey = false;
    bool sameType = false;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#') || line.startsWith('@'))
            continue; // @cert-authority / @revoked markers are not used by this project
        ssh_knownhosts_entry *entry = nullptr;
        // Returns SSH_OK with an entry only for lines that name this host.
        const int rc = ssh_known_hosts_parse_line(hostName.constData(), line.constData(), &entry);
        if (rc != SSH_OK || !entry) {
            ssh_knownhosts_entry_free(entry);
            continue;
        }
        KnownHostEntry known;
        known.line = lineNumber;
        known.keyType = keyTypeName(entry->publickey);
        const Result<QString> knownFingerprint = sha256Fingerprint(entry->publickey);
        known.fingerprint = knownFingerprint ? knownFingerprint.value() : u"?"_s;
        if (ssh_key_cmp(entry->publickey, serverKey, SSH_KEY_CMP_PUBLIC) == 0)
            sameKey = true;
        else if (ssh_key_type(entry->publickey) == ssh_key_type(serverKey))
            sameType = true;
        ssh_knownhosts_entry_free(entry);
        check.recorded << known;
    }
    if (sameKey)
        check.state = HostKeyState::Known;
    else if (sameType)
        check.state = HostKeyState::Changed;
    else if (!check.recorded.isEmpty())
        check.state = HostKeyState::OtherType;
    else
        check.state = HostKeyState::Unknown;
    return check;
}

Result<void> recordHostKey(const HostKeyCheck &check, ssh_key serverKey, const QString &confirmedFingerprint)
{
    if (check.state == HostKeyState::Known)
        return {};
    if (check.state != HostKeyState::Unknown)
        return acceptHostKey(check, serverKey, confirmedFingerprint);
    const QString confirmed = confirmedFingerprint.trimmed();
    if (confirmed.isEmpty()) {
        return makeError(
            u"hostkey.not-confirmed"_s,
            Tr::tr("The host key of %1 is not known yet. Its %2 fingerprint is %3. Compare it with "
                   "the one the appliance's administrator gives you (on the appliance: ssh-keygen -lf "
                   "/etc/ssh/ssh_host_%4_key.pub), then confirm it (vlab: --accept-host-key %3).")
                .arg(check.hostEntry, check.keyType, check.fingerprint, hostKeyFileStem(check.keyType)),
            u"known_hosts: %1\nhost: %2\nfingerprint: %3\ntype: %4"_s.arg(
                check.knownHostsFile, check.hostEntry, check.fingerprint, check.keyType));
    }
    // "SHA256:abc" and a bare "abc" mean the same; base64 is case-sensitive, the prefix is not.
    QString normalized = confirmed;
    if (normalized.startsWith(u"sha256:"_s, Qt::CaseInsensitive))
        normalized = u"SHA256:"_s + normalized.mid(7);
    else
        normalized.prepend(u"SHA256:"_s);
    while (normalized.endsWith(u'='))
        normalized.chop(1);
    if (normalized != check.fingerprint) {
        return makeError(
            u"hostkey.mismatch"_s,
            Tr::tr("The host key of %1 does not match the fingerprint you confirmed: the server "
                   "offers %2, you confirmed %3. Nothing was recorded and no connection was made. "
                   "Check the fingerprint with the appliance's administrator; a mismatch can mean "
                   "that someone is between you and the server.")
                .arg(check.hostEntry, check.fingerprint, confirmed));
    }

    char *base64 = nullptr;
    if (ssh_pki_export_pubkey_base64(serverKey, &base64) != SSH_OK || !base64)
        return makeError(u"hostkey.key"_s,
                         Tr::tr("Cannot encode the server's key for the known hosts file."));
    const QByteArray line =
        check.hostEntry.toUtf8() + ' ' + check.keyType.toLatin1() + ' ' + QByteArray(base64) + '\n';
    ssh_string_free_char(base64);

    const QFileInfo info(check.knownHostsFile);
    if (!makePrivateFolder(info.absolutePath()))
        return makeError(
            u"hostkey.write"_s,
            Tr::tr("Cannot create the folder %1 for the known hosts file.").arg(info.absolutePath()));
    QFile file(check.knownHostsFile);
    // A file that does not end in a newline would glue our entry onto its last line.
    bool needsNewline = false;
    if (file.open(QIODevice::ReadOnly)) {
        if (file.size() > 0 && file.seek(file.size() - 1))
            needsNewline = file.read(1) != "\n";
        file.close();
    }
    // A new file is created owner-only (0600) whatever the umask: whoever can write it can
    // make us trust a host key.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append, privateFilePermissions())
        || (needsNewline && file.write("\n") != 1) || file.write(line) != line.size() || !file.flush()) {
        return makeError(u"hostkey.write"_s,
                         Tr::tr("Cannot add the host key of %1 to %2: %3.")
                             .arg(check.hostEntry, check.knownHostsFile, file.errorString()));
    }
    return {};
}

Result<void> acceptHostKey(const HostKeyCheck &check, ssh_key serverKey, const QString &confirmedFingerprint)
{
    switch (check.state) {
    case HostKeyState::Known:
        return {};
    case HostKeyState::Unknown:
        return recordHostKey(check, serverKey, confirmedFingerprint);
    case HostKeyState::Changed:
        return makeError(
            u"hostkey.changed"_s,
            Tr::tr("The host key of %1 has CHANGED: %2 recorded %3, the server now offers %4. "
                   "This can be a reinstalled appliance or someone between you and the server, so "
                   "nothing was sent. Ask the appliance's administrator whether the key was "
                   "replaced; only then remove line %5 of %2 and connect again to confirm the new key.")
                .arg(check.hostEntry, check.knownHostsFile, recordedList(check), check.fingerprint,
                     lineNumbers(check)),
            u"server key %1 %2"_s.arg(check.keyType, check.fingerprint));
    case HostKeyState::OtherType:
        return makeError(
            u"hostkey.other-type"_s,
            Tr::tr("The server %1 offers a %2 key (%3), but %4 has only keys of other types for it "
                   "(%5). This can be a reinstalled appliance or someone between you and the server, "
                   "so nothing was sent. Ask the appliance's administrator; only then remove line %6 "
                   "of %4 and connect again to confirm the new key.")
                .arg(check.hostEntry, check.keyType, check.fingerprint, check.knownHostsFile,
                     recordedList(check), lineNumbers(check)));
    }
    return makeError(u"hostkey.state"_s, Tr::tr("Unexpected host key state."));
}

QString fingerprintToConfirm(const Error &error)
{
    if (error.code != u"hostkey.not-confirmed"_s)
        return {};
    for (const QString &line : error.details.split(u'\n')) {
        if (line.startsWith(u"fingerprint: "_s))
            return line.mid(13).trimmed();
    }
    return {};
}

} // namespace vlab
