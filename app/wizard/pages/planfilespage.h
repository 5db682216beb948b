#pragma once
// PlanFilesPage: the last page. It writes the plan, its validation report, every step's
// plan-only files and the runbook into the project folder through the run panel (asking first
// when that would replace files that hold something else), opens the runbook, and sums up
// what was done on each step and what is left.

#include "stepregistry.h"

#include <QWizardPage>

class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace vlab {

class PlanFilesPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit PlanFilesPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;

private:
    void writeFiles();
    void openRunbook();
    // Asks before files in `folder` that hold something else are replaced; true to go on.
    bool mayReplace(const QString &folder, const QByteArray &precheck);
    void showSummary();

    StepContext m_context;
    QLineEdit *m_folder;
    QPushButton *m_write;
    QLabel *m_result;
    QPushButton *m_open;
    QLabel *m_opened; // what became of "Open the runbook"
    QLabel *m_summaryHead;
    QGridLayout *m_summary; // one row per step: where it stands, what is left
    QString m_runbook;
    bool m_followsWizard = false;
};

} // namespace vlab
