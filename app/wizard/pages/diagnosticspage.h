#pragma once
// DiagnosticsPage (step 8, "Diagnostics"): what the TCP states mean, and a count of a
// machine's TCP connections per state, per service port and per peer with the pile-ups found
// (thresholds adjustable). The source is this machine, a saved capture (ss -tan, netstat
// -ant, /proc/net/tcp) or a PSC over SSH; the work is one TcpDiagJob in the run panel. An
// unknown SSH host key is used only after the user confirms its SHA-256 fingerprint (the run
// panel asks, in TrustDialog); a changed one stops with the reason.

#include "stepregistry.h"

#include <QWizardPage>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QPlainTextEdit;

namespace vlab {

class TcpDiagJob;
class TcpStateReport;
struct TcpDiagRequest;

class DiagnosticsPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DiagnosticsPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;

    enum class Source { Local, File, Ssh };
    // Starts a collection (what Run does); false, with the reason shown, when it cannot start.
    bool runDiagnostics();

private:
    std::optional<TcpDiagRequest> requestFromInput();
    void updateSource();
    void showReport(const TcpStateReport &report);
    void finished(TcpDiagJob *job, bool succeeded);

    StepContext m_context;
    QTableWidget *m_explanations;
    QComboBox *m_source;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QLineEdit *m_sshTarget;
    QLineEdit *m_password;
    QLineEdit *m_ports;
    QSpinBox *m_closeWait;
    QSpinBox *m_finWait2;
    QSpinBox *m_timeWait;
    QPushButton *m_run;
    QLabel *m_status;
    QTableWidget *m_states;
    QTableWidget *m_portTable;
    QTableWidget *m_peerTable;
    QPlainTextEdit *m_findings;
    QString m_acceptedFingerprint; // for m_acceptedFor, confirmed in this session
    QString m_acceptedFor;
};

} // namespace vlab
