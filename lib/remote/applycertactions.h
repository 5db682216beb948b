#pragma once
// ApplyCertActions: the Apply certificates step's live work for the wizard's page and
// `vlab psc apply-cert` alike (Calamares' Config::createJobs()): where the certificate files
// and the known_hosts of a project are, reading and checking the three files before anything
// goes to a PSC, the jobs of a run (CertReplacementPlan's, one PSC after the other), which
// PSCs a run again after a confirmed host key still has to do, and which serve the new
// certificate once it ended. The front ends gather input, say what the check found and hand
// the jobs to a run session.

#include "certs/certverifier.h"
#include "certs/chainbuilder.h"
#include "remote/certreplacementplan.h"

#include <QSet>

#include <optional>

namespace vlab {

class Job;

// One of the files the replacement sends, as read.
struct CertFileRead
{
    const char *name = nullptr; // CertFiles::Chain, CertFiles::Key or CertFiles::CaChain
    QString path;
    bool exists = false;
    std::optional<CertSource> source; // read (nothing: missing or unreadable, see `error`)
    QString error;                    // why it could not be read, when it exists
};

struct CertFilesCheck
{
    QString folder;
    QList<CertFileRead> files;        // the chain, the key and the CA chain, in that order
    std::optional<CertReport> report; // the certificate step's checks, once all three were read

    bool allRead() const { return report.has_value(); }
    // Every file read and no check failed: the files may go to a PSC.
    bool clean() const { return report && report->clean(); }
};

class ApplyCertActions
{
public:
    explicit ApplyCertActions(const QString &projectFolder);

    QString projectFolder() const { return m_projectFolder; }
    // The project's certificate files (the Certificates step's "certs" folder).
    QString certFolder() const;
    // The project's known_hosts.
    QString knownHostsFile() const;

    // Reads psc-ha-vip-chain.crt, psc-ha-vip.key and cachain.crt in `folder` (small local
    // files) and, when all three could be read, checks them as the certificate step does.
    static CertFilesCheck checkFiles(const QString &folder, const LabPlan &plan);

    // The jobs of a run over the PSCs `indexes` (plan order), to be added to one queue in
    // this order: a PSC serves the new leaf before the next is touched.
    static QList<Job *> createJobs(const LabPlan &plan, const QList<qsizetype> &indexes,
                                   const CertReplacementSettings &settings);

    // The PSCs of `indexes` a run again (after a confirmed host key) still has to do: those
    // not in `done` (node ids); all of them when every one is done.
    static QList<qsizetype> remaining(const QList<qsizetype> &indexes, const QSet<QString> &done);
    // The node ids of the run's jobs that serve the new certificate now.
    static QSet<QString> servingNewCertificate(const QList<Job *> &jobs);

private:
    QString m_projectFolder;
};

} // namespace vlab
