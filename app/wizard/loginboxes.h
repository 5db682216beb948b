#pragma once
// The login boxes the pages that reach several appliances share (the audit, Build the lab):
// the NetScaler (NSIP, user, password) and the PSCs over SSH (user, port, password or key
// file). Each field's object name starts with the page's prefix ("auditNsip", "buildSshPort"),
// so a page's fields stay addressable. Passwords that worked come back from the secret store
// (rememberedpassword.h); the page checks the fields when it starts work, naming its own fix.

#include <QGroupBox>

class QLineEdit;
class QSpinBox;

namespace vlab {

struct LabPlan;
class SecretStore;

class NetScalerLoginBox : public QGroupBox
{
    Q_OBJECT
public:
    NetScalerLoginBox(const QString &title, const QString &objectPrefix, SecretStore *secrets,
                      QWidget *parent = nullptr);

    // An empty address becomes the one the NetScaler last answered on in the project
    // (vlab-state.json), else the plan's NSIP; then the password kept for that user there.
    void suggestFrom(const LabPlan &plan, const QString &projectFolder);

    QLineEdit *address() const { return m_address; }
    QLineEdit *user() const { return m_user; }
    QLineEdit *password() const { return m_password; }

private:
    void recall();

    QLineEdit *m_address;
    QLineEdit *m_user;
    QLineEdit *m_password;
    SecretStore *m_secrets;
    QString m_lab;
};

class SshLoginBox : public QGroupBox
{
    Q_OBJECT
public:
    SshLoginBox(const QString &title, const QString &objectPrefix, QWidget *parent = nullptr);

    // For user root, offer the appliances' root password kept in `secrets` (as Apply
    // certificates and Diagnostics keep it): from recallRootPassword() on, and whenever the
    // user is typed again.
    void offerRootPassword(SecretStore *secrets);
    // The root password kept for `lab` into the empty password field, when the user is root.
    void recallRootPassword(const QString &lab);

    QLineEdit *user() const { return m_user; }
    QSpinBox *port() const { return m_port; }
    QLineEdit *password() const { return m_password; }
    QLineEdit *keyFile() const { return m_keyFile; }

private:
    QLineEdit *m_user;
    QSpinBox *m_port;
    QLineEdit *m_password;
    QLineEdit *m_keyFile;
    SecretStore *m_secrets = nullptr;
    QString m_lab;
};

} // namespace vlab
