#pragma once
// CertInfo: a certificate (or request) described in words: subject, issuer, DNS names,
// validity, key, fingerprints. What `vlab cert show` prints and the wizard displays.

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace vlab {

struct CertInfo
{
    bool isRequest = false;
    QString subject;
    QString commonName;
    QString issuer;
    QStringList dnsNames;
    QString serial;
    QDateTime notBefore; // UTC
    QDateTime notAfter;
    QString keyType; // "RSA"
    int keyBits = 0;
    QString signatureAlgorithm;
    bool isCa = false;
    bool selfSigned = false;
    QStringList keyUsage;
    QString sha256Fingerprint; // "AB:CD:..."
    QString sha1Fingerprint;

    // Several lines of "Label: value" for people.
    QString toText(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
};

// Every certificate in the data (PEM bundle, DER, PKCS#7), or a certificate request.
Result<QList<CertInfo>> describeCertificates(const QByteArray &data, const QString &what);

} // namespace vlab
