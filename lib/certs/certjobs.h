#pragma once
// The certificate step's jobs. Each computes everything in memory first and writes its files
// only when all of it succeeded, each file atomically; the private key gets mode 0600 and is
// never silently overwritten (refused, or the old one kept as a dated backup).

#include "certs/certverifier.h"
#include "certs/csrrequest.h"
#include "jobs/threadedjob.h"

namespace vlab {

enum class ExistingKey { Refuse, KeepBackup };

// Writes the private key: 0600, atomically; an existing key is refused or renamed to
// "<name>.<yyyyMMdd-HHmmss>.bak" first. Returns the backup's path (empty if none).
Result<QString> writePrivateKey(const QString &path, const QByteArray &pem, ExistingKey existing);

// Key + CSR + OpenSSL config into `folder` (psc-ha-vip.key, psc-ha-vip.csr, psc_ha_csr_cfg.cfg).
class GenerateCsrJob : public ThreadedJob
{
    Q_OBJECT
public:
    GenerateCsrJob(const CsrRequest &request, const QString &folder, ExistingKey existing,
                   QObject *parent = nullptr);

protected:
    Work makeWork() override;

private:
    CsrRequest m_request;
    QString m_folder;
    ExistingKey m_existing;
};

// The walk-through's option 1: sign with the VMCA root (root.cer + privatekey.pem) and write
// psc-ha-vip.crt, psc-ha-vip-chain.crt and cachain.crt into `folder`.
class SignWithCaJob : public ThreadedJob
{
    Q_OBJECT
public:
    SignWithCaJob(const QString &csrFile, const QString &caCertFile, const QString &caKeyFile,
                  int validityDays, const QString &folder, QObject *parent = nullptr);

protected:
    Work makeWork() override;

private:
    QString m_csr, m_caCert, m_caKey, m_folder;
    int m_days;
};

// Option 2: order the external CA's leaf, intermediates and root and write the chain files.
// With an empty leafFile, the leaf is found among caFiles (everything the CA returned).
class BuildChainJob : public ThreadedJob
{
    Q_OBJECT
public:
    BuildChainJob(const QString &leafFile, const QStringList &caFiles, const QString &folder,
                  QObject *parent = nullptr);

protected:
    Work makeWork() override;

private:
    QString m_leaf, m_folder;
    QStringList m_cas;
};

// The verification report as a job: fails ("cert.verification") unless the report is clean.
class VerifyCertificatesJob : public ThreadedJob
{
    Q_OBJECT
public:
    VerifyCertificatesJob(const QString &chainFile, const QString &keyFile, const QStringList &caFiles,
                          const std::optional<LabPlan> &plan, QObject *parent = nullptr);
    // Valid once the job has finished.
    const CertReport &certReport() const { return m_result; }

Q_SIGNALS:
    void reportReady(const vlab::CertReport &report);

protected:
    Work makeWork() override;

private:
    QString m_chain, m_key;
    QStringList m_cas;
    std::optional<LabPlan> m_plan;
    CertReport m_result;
};

// Certificates, keys and requests are small; larger inputs are refused before reading.
inline constexpr qint64 kMaxCertFileBytes = 1024 * 1024;
Result<CertSource> readCertSource(const QString &path);

} // namespace vlab
