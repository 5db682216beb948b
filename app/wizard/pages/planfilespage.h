#pragma once
// PlanFilesPage: the plan-only output of the steps built so far. It writes the plan and its
// validation report into the project folder through the run panel (WritePlanFilesJob).
// Later steps add their artifacts to the same folder; the runbook step will take it over.

#include "stepregistry.h"

#include <QWizardPage>

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

    StepContext m_context;
    QLineEdit *m_folder;
    QPushButton *m_write;
    QLabel *m_result;
    QPushButton *m_open;
    QString m_runbook;
};

} // namespace vlab
