#pragma once
// VcsaInstallerBox: what a page needs to run the VCSA installer (vcsa-deploy): the folder of
// the mounted VCSA ISO (with whether the installer is there for this platform), the
// passwords of the deployment target, the new appliance's root and the SSO administrator,
// and whether the target's certificate may go unverified. Passwords stay in the widget's
// memory only; they are never saved with the plan or the project and reach the installer
// only through VcsaDeployJob's private temporary template.

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

    // Labels the target password after the plan's target (ESXi host or vCenter).
    void describeTarget(const LabPlan &plan);
    // A request for VcsaDeployJob, or an Error that says what to fix (ISO, a password, the plan).
    Result<VcsaDeployRequest> request(const LabPlan &plan, VcsaRole role, bool precheckOnly,
                                      const QString &projectFolder) const;

private:
    void checkIso();

    QLineEdit *m_iso;
    QLabel *m_isoStatus;
    QLineEdit *m_targetPassword;
    QLineEdit *m_rootPassword;
    QLineEdit *m_ssoPassword;
    QCheckBox *m_noSsl;
    QLabel *m_targetLabel;
};

} // namespace vlab
