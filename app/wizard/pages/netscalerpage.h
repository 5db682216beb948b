#pragma once
// NetscalerPage (step 4, "Load balancer"): the NetScaler objects the plan calls for (type,
// name, address and port, what is bound), the batch file and its rollback, to copy or save
// into the project. Applying over the NITRO API comes with the NITRO client.

#include "stepregistry.h"

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace vlab {

class NetscalerPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit NetscalerPage(const StepContext &context);
    void initializePage() override;

private:
    void refresh();
    void save();

    StepContext m_context;
    QTableWidget *m_objects;
    QPlainTextEdit *m_batch;
    QPlainTextEdit *m_rollback;
    QLabel *m_status;
};

} // namespace vlab
