#pragma once
// TrustedPins: the TLS certificate fingerprints the user confirmed for the lab's endpoints
// (NSIP, vCenter, PSCs), kept in the project folder next to the plan (vlab-trust.json) so a
// confirmation is asked for once per certificate. Fingerprints are not secrets; the file is
// written atomically.
//
// {"schema": "vlab.trust/1", "tls": {"192.168.1.10:443": "AB:CD:...", ...}}

#include "core/result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace vlab {

class TrustedPins
{
public:
    static QString fileName(); // "vlab-trust.json"

    // A missing file is an empty set; a damaged one is an error naming the file.
    static Result<TrustedPins> load(const QString &projectFolder);
    Result<void> save(const QString &projectFolder) const;

    QByteArray pin(const QString &host, quint16 port) const; // raw SHA-256 or empty
    void setPin(const QString &host, quint16 port, const QByteArray &sha256);

    // Confirms sha256 for host:port in the project folder's file (made, with the folder, when
    // missing; not rewritten when it already says so).
    static Result<void> keep(const QString &projectFolder, const QString &host, quint16 port,
                             const QByteArray &sha256);
    bool isEmpty() const { return m_pins.isEmpty(); }
    // Every pin, "host:port" -> raw SHA-256 (what an export hands on).
    const QMap<QString, QByteArray> &all() const { return m_pins; }

private:
    QMap<QString, QByteArray> m_pins; // "host:port" -> digest
};

} // namespace vlab
