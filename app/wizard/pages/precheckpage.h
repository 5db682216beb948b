#pragma once
// PrecheckPage (step 1): the live pre-checks of the plan (DNS forward and reverse, ports,
// NTP, TLS endpoints), run all at once through the run panel, results streaming into a tree
// grouped by node, "Re-run failed", and the results saved in the project for the runbook.

#include "precheck/checkjob.h"
#include "stepregistry.h"

#include <QHash>
#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace vlab {

class PrecheckPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit PrecheckPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;

private:
    void runChecks(bool onlyFailed);
    void listPlannedChecks();
    void showResult(const CheckResult &result);
    void saveResults();
    QTreeWidgetItem *nodeItem(const QString &node);

    StepContext m_context;
    QList<QCheckBox *> m_categories;
    QSpinBox *m_timeout;
    QPushButton *m_run;
    QPushButton *m_rerun;
    QTreeWidget *m_tree;
    QLabel *m_summary;
    QHash<QString, QTreeWidgetItem *> m_nodes;
    QHash<QString, CheckResult> m_results; // by category + target
    QList<QPointer<CheckJob>> m_running;   // the checks of the current run, in the plan's order
};

} // namespace vlab
