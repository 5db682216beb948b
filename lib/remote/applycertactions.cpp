#include "remote/applycertactions.h"

#include "certs/certjobs.h"
#include "certs/csrrequest.h"
#include "remote/certmanagerjob.h"
#include "remote/hostkeys.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vlab {

ApplyCertActions::ApplyCertActions(const QString &projectFolder)
    : m_projectFolder(projectFolder)
{
}

QString ApplyCertActions::certFolder() const
{
    return QDir(m_projectFolder).filePath(u"certs"_s);
}

QString ApplyCertActions::knownHostsFile() const
{
    return defaultKnownHostsFile(m_projectFolder);
}

CertFilesCheck ApplyCertActions::checkFiles(const QString &folder, const LabPlan &plan)
{
    CertFilesCheck check;
    check.folder = folder;
    const QDir dir(folder);
    bool allRead = true;
    for (const char *name : {CertFiles::Chain, CertFiles::Key, CertFiles::CaChain}) {
        CertFileRead file;
        file.name = name;
        file.path = dir.filePath(QString::fromLatin1(name));
        file.exists = QFileInfo::exists(file.path);
        if (file.exists) {
            if (const Result<CertSource> source = readCertSource(file.path); source)
                file.source = source.value();
            else
                file.error = source.error().message;
        }
        allRead = allRead && file.source;
        check.files << file;
    }
    if (!allRead)
        return check;
    CertVerification input;
    input.chain = *check.files.at(0).source;
    input.key = *check.files.at(1).source;
    input.cas = {*check.files.at(2).source};
    input.plan = plan;
    check.report = verifyCertificates(input);
    return check;
}

QList<Job *> ApplyCertActions::createJobs(const LabPlan &plan, const QList<qsizetype> &indexes,
                                          const CertReplacementSettings &settings)
{
    return makeCertReplacementJobs(plan, indexes, settings);
}

QList<qsizetype> ApplyCertActions::remaining(const QList<qsizetype> &indexes, const QSet<QString> &done)
{
    QList<qsizetype> left;
    for (const qsizetype i : indexes) {
        if (!done.contains(pscNodeId(i)))
            left << i;
    }
    return left.isEmpty() ? indexes : left;
}

QSet<QString> ApplyCertActions::servingNewCertificate(const QList<Job *> &jobs)
{
    QSet<QString> serving;
    for (const Job *job : jobs) {
        if (const auto *cert = qobject_cast<const CertManagerJob *>(job);
            cert && cert->servesNewCertificate())
            serving.insert(cert->nodeName());
    }
    return serving;
}

} // namespace vlab
