#include "certs/certactions.h"

#include "core/tr.h"

#include <QDir>
#include <QFileInfo>

namespace vlab {

CertActions::CertActions(const LabPlan &plan, const QString &certFolder)
    : m_plan(plan)
    , m_folder(certFolder)
{
}

QString CertActions::filePath(const char *name) const
{
    return QDir(m_folder).filePath(QString::fromLatin1(name));
}

GenerateCsrJob *CertActions::createCsrJob(ExistingKey existing) const
{
    return new GenerateCsrJob(CsrRequest::fromPlan(m_plan), m_folder, existing);
}

SignWithCaJob *CertActions::createVmcaSignJob(const QString &rootCert, const QString &rootKey) const
{
    return new SignWithCaJob(filePath(CertFiles::Csr), rootCert, rootKey, m_plan.certificate.validityDays,
                             m_folder);
}

QList<Job *> CertActions::createVmcaSignAndVerifyJobs(const QString &rootCert, const QString &rootKey) const
{
    return {createVmcaSignJob(rootCert, rootKey),
            new VerifyCertificatesJob(filePath(CertFiles::Chain), filePath(CertFiles::Key),
                                      {filePath(CertFiles::CaChain)}, m_plan)};
}

QList<Job *> CertActions::createExternalChainJobs(const QStringList &returnedFiles) const
{
    return {new BuildChainJob(QString(), returnedFiles, m_folder),
            new VerifyCertificatesJob(filePath(CertFiles::Chain), filePath(CertFiles::Key),
                                      {filePath(CertFiles::CaChain)}, m_plan)};
}

VerifyCertificatesJob *CertActions::createVerifyJob() const
{
    const QString key = filePath(CertFiles::Key);
    return new VerifyCertificatesJob(filePath(CertFiles::Chain), QFileInfo::exists(key) ? key : QString(),
                                     {filePath(CertFiles::CaChain)}, m_plan);
}

std::optional<QString> CertActions::alreadyDone() const
{
    if (QFileInfo::exists(filePath(CertFiles::Key)) && QFileInfo::exists(filePath(CertFiles::Chain)))
        return Tr::tr("Already done: %1 holds the key and the signed chain.").arg(m_folder);
    return std::nullopt;
}

} // namespace vlab
