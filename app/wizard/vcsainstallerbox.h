#pragma once
// VcsaInstallerBox: what a page needs to run the VCSA installer (vcsa-deploy): the folder of
// the mounted VCSA ISO (with whether the installer is there for this platform), the
// passwords of the deployment target, the new appliance's root and the SSO administrator,
// and whether the target's certificate may go unverified. Passwords are never saved with the
// plan or the project and reach the installer only through VcsaDeployJob's private temporary
// template; once a run with them succeeded, they are kept in the secret store (the keychain,
// or this process's memory) and fill the empty fields next time.

#include "secrets/secretstore.h"
#include "vsphere/vcsadeployjob.h"

#include <QGroupBox>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace vlab {

struct LabPlan;

class VcsaInstallerBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit VcsaInstallerBox(QWidget *parent = nullptr);

    // Where passwords that worked are kept (none: asked each time), and whose root password
    // the appliance one is (the PSCs' or the vCenter's).
    void setSecretStore(SecretStore *store, SecretRole applianceRoot);
    // Labels the target password after the plan's target (ESXi host or vCenter), fills the
    // empty password fields from the secret store, and an empty ISO folder with the one the
    // installer was found in before for this project (vlab-state.json), where a folder that
    // holds the installer is kept from now on.
    void describeTarget(const LabPlan &plan, const QString &projectFolder);
    // The installer ran with `used` (its request as the run started) and succeeded: keep the
    // target's password for targetAccount (user@host) and, after an install (a precheck
    // proves only the target login), the new appliance's root and the SSO administrator's.
    void keepPasswords(const VcsaDeployRequest &used, const QString &lab, const QString &targetAccount);
    // A request for VcsaDeployJob, or an Error that says what to fix (ISO, a password, the plan).
    Result<VcsaDeployRequest> request(const LabPlan &plan, VcsaRole role, bool precheckOnly,
                                      const QString &projectFolder) const;

    // The ISO folder as typed, and the passwords as typed (for work that needs only some).
    QString isoFolder() const;
    VcsaSecrets secrets() const;

private:
    void checkIso();

    QLineEdit *m_iso;
    QLabel *m_isoStatus;
    QLineEdit *m_targetPassword;
    QLineEdit *m_rootPassword;
    QLineEdit *m_ssoPassword;
    QCheckBox *m_noSsl;
    QLabel *m_targetLabel;
    SecretStore *m_secrets = nullptr;
    SecretRole m_applianceRoot = SecretRole::Root;
    QString m_projectFolder;
};

} // namespace vlab
