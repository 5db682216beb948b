#pragma once
// StepHost: stands in the wizard for a step whose page is built only when the user first
// reaches it (or a test or the screenshot option asks for it). Until then it is an empty
// page with the step's title; afterwards it holds the real page and passes QWizard's calls
// (initializePage, isComplete, validatePage, cleanupPage) on to it.

#include "stepregistry.h"

#include <QWizardPage>

namespace vlab {

class StepHost : public QWizardPage
{
    Q_OBJECT
public:
    StepHost(const StepInfo &step, const StepContext &context);

    QWizardPage *page(); // builds it when needed
    bool isBuilt() const { return m_page != nullptr; }

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    StepInfo m_step;
    StepContext m_context;
    QWizardPage *m_page = nullptr;
};

} // namespace vlab
