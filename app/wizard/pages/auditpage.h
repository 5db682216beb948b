#pragma once
// AuditPage (after Diagnostics): the as-built audit of the lab against its plan, reading
// only. The areas chosen run as one parallel group through the run panel (the engine's
// AuditSession builds the jobs, as for `vlab audit`); every check shows in a table with a
// summary line, the areas with problems can be audited again, and a check that is not ok
// leads to the step whose page fixes it. The results are kept in the project as
// audit-results.json for the runbook's "As built" chapter; a project opened with such a record
// shows its results (with the date each area was audited) without running anything, until a
// new run replaces them. The logins reuse what the other pages keep: the NSIP and vCenter that
// worked (vlab-state.json), passwords from the keychain.

#include "audit/auditresult.h"
#include "stepregistry.h"

#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace vlab {

class AuditSession;
class NetScalerLoginBox;
class SshLoginBox;
class VCenterConnectionBox;
struct AuditOptions;

class AuditPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit AuditPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;

    // The step (StepInfo::id) whose page fixes what this check found: dns the pre-checks;
    // certs the Certificates page for the certificate itself (names, validity, chain), Apply
    // certificates for what a PSC serves; psc the PSC install, or Apply certificates for the
    // lookup service location (the endpoint step), the vCenter's own lookup service location
    // (the item of `vcenterFqdn`, the plan's vCenter) the vCenter step; the others their own pages.
    static QString stepFixing(const AuditResult &result, const QString &vcenterFqdn = {});

private:
    // Audits `areas`; with `merge`, their rows replace those of the same areas and the rest
    // stay (the re-run of the areas with problems).
    bool runAudit(const QStringList &areas, bool merge);
    Result<AuditOptions> options(const QStringList &areas);
    void auditFinished(AuditSession *session, const QStringList &areas, bool merge);
    // The results kept in the project folder by the last audit (vlab audit, vlab run, this page).
    void showKeptRecord();
    void showResults();
    void showSelected();
    void goToFix();
    QStringList problemAreas() const;
    void updateButtons();

    StepContext m_context;
    QList<QCheckBox *> m_areas;
    QSpinBox *m_timeout;
    QPushButton *m_run;
    QPushButton *m_rerun;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    QTableWidget *m_table;
    QLabel *m_details;
    QPushButton *m_goTo;
    NetScalerLoginBox *m_netscaler;
    VCenterConnectionBox *m_vcenter;
    SshLoginBox *m_ssh;
    QPointer<AuditSession> m_session;      // of the running (or last) audit
    QList<AuditResult> m_results;          // shown in the table, in the areas' order
    QStringList m_audited;                 // the areas m_results cover
    QHash<QString, QDateTime> m_areaTimes; // when each of them was audited
};

} // namespace vlab
