#pragma once
// CertVerifier: proves a machine certificate set before anything touches a PSC. Each check
// of the report is one line of the wizard's checklist and, when it fails, a finding with a
// fix: the key matches the leaf, the chain verifies to the root (X509_verify_cert), the DNS
// names cover both PSCs and the load balancer, CN, validity, key usage, key size, no SHA-1,
// the leaf is not a CA, and the chain file starts with the leaf.

#include "certs/chainbuilder.h"
#include "core/finding.h"
#include "plan/labplan.h"

#include <QDateTime>

#include <optional>

class QJsonArray;

namespace vlab {

struct CertCheck
{
    QString id;    // stable: "key-match", "chain-trust", "san" ...
    QString title; // what was checked, for the checklist
    bool passed = false;
    Severity severity = Severity::Info; // of the problem when not passed
    QString message;                    // the outcome, in words
    QString hint;                       // how to fix it, when not passed
};

struct CertReport
{
    QList<CertCheck> checks;
    bool inputError =
        false; // a file could not be read as what it should be (bad input, not a bad certificate)

    // No failed check of severity error.
    bool clean() const;
    int failedCount(Severity severity) const;
    Findings findings() const; // the failed checks as findings, path "certificate.<id>"
    QString toText() const;    // one line per check: "ok  " / "FAIL" / "warn"
    QJsonArray toJson() const;
};

struct CertVerification
{
    CertSource chain;              // the machine chain file, leaf first (or the leaf alone)
    std::optional<CertSource> key; // the private key, when it should be matched
    QList<CertSource> cas;         // root and intermediates; empty: trust the chain's own root
    std::optional<LabPlan> plan;   // names the certificate must cover
    QDateTime now = QDateTime::currentDateTimeUtc();
    int expiryWarningDays = 30;
};

CertReport verifyCertificates(const CertVerification &input);

} // namespace vlab
