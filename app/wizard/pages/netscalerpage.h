#pragma once
// NetscalerPage (step 4, "Load balancer"): the NetScaler objects the plan calls for (type,
// name, address and port, what is bound, state after a live run), the batch file and its
// rollback to copy or save into the project, and the live actions over NITRO: Compare,
// Apply, Verify and Roll back, run in the run panel with per-object results in the table.
// An untrusted NSIP certificate is used only after the user confirms its fingerprint in the run
// panel's TrustDialog, which is then kept in the project (vlab-trust.json).

#include "netscaler/netscaleractions.h"
#include "stepregistry.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace vlab {

class NetscalerActions;
class NitroJob;
class PlanForm;
struct NitroObjectResult;

class NetscalerPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit NetscalerPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;
    static bool ownsField(const QString &path);
    Q_INVOKABLE QWidget *showField(const QString &path);

    using Action = NitroAction;
    // Starts a live action (what the buttons do). Returns false, with the reason shown, when
    // it cannot start.
    static QString actionTitle(Action action);
    bool runAction(Action action);

private:
    void refresh();
    void save();
    void showResults(const QList<NitroObjectResult> &results);
    // The login a run used, kept once the NetScaler accepted it.
    struct KeptLogin
    {
        QString password;
        QString lab;
        QString account; // user@NSIP
    };
    void actionFinished(NitroJob *job, const KeptLogin &login);

    StepContext m_context;
    PlanForm *m_service = nullptr;
    PlanForm *m_device = nullptr;
    NetscalerActions *m_actions;
    QTableWidget *m_objects;
    QPlainTextEdit *m_batch;
    QPlainTextEdit *m_rollback;
    QLabel *m_status;
    QLineEdit *m_nsip;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QList<QPushButton *> m_liveButtons;
};

} // namespace vlab
