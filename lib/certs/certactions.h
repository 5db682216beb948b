#pragma once
// CertActions: the certificate step's jobs for one project folder, made once for the wizard's
// Certificates page and the whole-lab run (project/labbuild), as the NetScaler and vCenter
// steps do (netscaler/netscaleractions.h, vsphere/vcenteractions.h). The files keep the
// walk-through's names (CertFiles); the signed certificate's validity is the plan's; every
// chain made is verified against the plan (SAN, key match, order) in the same run.
// The `vlab cert` verbs take their files one by one on the command line and make the same
// job classes directly.

#include "certs/certjobs.h"
#include "plan/labplan.h"

#include <QList>
#include <QString>

#include <optional>

namespace vlab {

class Job;

class CertActions
{
public:
    CertActions(const LabPlan &plan, const QString &certFolder);

    QString filePath(const char *name) const; // a CertFiles name in the folder

    // Step 1: the key and the request from the plan.
    GenerateCsrJob *createCsrJob(ExistingKey existing) const;
    // Step 2 (VMCA): the request signed with the VMCA root, for the plan's validity.
    SignWithCaJob *createVmcaSignJob(const QString &rootCert, const QString &rootKey) const;
    // ... and the chain it wrote verified.
    QList<Job *> createVmcaSignAndVerifyJobs(const QString &rootCert, const QString &rootKey) const;
    // Step 2 (external CA): the chain files from what the CA returned, then verified.
    QList<Job *> createExternalChainJobs(const QStringList &returnedFiles) const;
    // The files already in the folder verified (the key only when there is one).
    VerifyCertificatesJob *createVerifyJob() const;

    // Said when an earlier run made the key and the signed chain: a new key would no longer
    // match what may have been applied since, so the step is done. nullopt otherwise.
    std::optional<QString> alreadyDone() const;

private:
    LabPlan m_plan;
    QString m_folder;
};

} // namespace vlab
