#pragma once
// ApplyCertificatesPage (step 3, live half, "Apply certificates"): what replacing the machine
// certificate on each PSC will do, before it is done: the files uploaded (name, SHA-256, mode),
// the commands, and every certificate-manager prompt with the answer that will be given; an
// optional, explicitly approved step that makes bash root's login shell (with its undo
// command); the root and SSO passwords (memory only); and Run, which replaces the certificate
// on the chosen PSCs one after another in the run panel and checks that each serves the new
// leaf. An unknown SSH host key is used only after the user confirms its SHA-256 fingerprint
// (the run panel asks, in TrustDialog);
// a changed one stops with the reason. Then the approved step that points SSO and the lookup
// service of the PSCs at the load-balancer name (KB 2147014): the commands, from the engine's
// one place, editable, shown per host with "verify", run only after the user confirms what
// will run where.

#include "stepregistry.h"

#include <QMap>
#include <QSet>
#include <QWizardPage>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace vlab {

class JobQueue;
struct CertReplacementSettings;

class ApplyCertificatesPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ApplyCertificatesPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;

    // Starts the replacement (what Run does); false, with the reason shown, when it cannot.
    bool runReplacement();

    // Asked before the endpoint step runs, with what will run on which host: whether the user
    // approves. By default a question dialog.
    void setEndpointApproval(std::function<bool(const QString &)> approve)
    {
        m_approveEndpoints = std::move(approve);
    }
    // Starts the endpoint step (what its button does); false, with the reason shown, when it
    // cannot or was not approved.
    bool runEndpointUpdate();

private:
    void refresh();
    CertReplacementSettings settings() const;
    QString certFolder() const;
    void finished(const JobQueue *queue, bool succeeded);
    void refreshEndpoints();
    bool startEndpointUpdate(int from, bool ask);

    StepContext m_context;
    QComboBox *m_node;
    QTableWidget *m_files;
    QPlainTextEdit *m_dialog;
    QLabel *m_check;
    QCheckBox *m_switchShell;
    QLabel *m_undo;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_ssoUser;
    QLineEdit *m_ssoPassword;
    QSpinBox *m_sshPort;
    QSpinBox *m_tlsPort;
    QLineEdit *m_remoteFolder;
    QLineEdit *m_certManager;
    QPushButton *m_run;
    QLabel *m_status;
    QLineEdit *m_eachPsc;
    QLineEdit *m_firstPsc;
    QPlainTextEdit *m_endpoints;
    QPushButton *m_runEndpoints;
    std::function<bool(const QString &)> m_approveEndpoints;
    QMap<QString, QString> m_accepted; // node id -> fingerprint confirmed in this session
    QSet<QString> m_done;              // node ids replaced in this session (never repeated by a retry)
    QList<qsizetype> m_running;
    bool m_filesClean = false;
};

} // namespace vlab
