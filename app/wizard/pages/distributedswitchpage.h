#pragma once
// DistributedSwitchPage (step 7, "Distributed Switch"): the plan's switch and port groups,
// the same as govc and PowerCLI scripts to copy, and, live, the switch created in vCenter
// over the vSphere API through the run panel (DvsCreateJob), after an optional login test.

#include "stepregistry.h"

#include <QWizardPage>

#include <functional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace vlab {

class FindingLabel;
class Job;
class PlanForm;
class VCenterConnectionBox;

class DistributedSwitchPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DistributedSwitchPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;
    static bool ownsField(const QString &path);
    Q_INVOKABLE QWidget *showField(const QString &path);

private:
    void refresh();
    void testLogin();
    void createSwitch();
    void runJob(Job *job, const QString &title, const std::function<void()> &rerun);

    StepContext m_context;
    PlanForm *m_switch = nullptr;
    FindingLabel *m_groupFindings = nullptr;
    bool m_loadingGroups = false;
    QTableWidget *m_groups;
    QLabel *m_summary;
    QPlainTextEdit *m_govc;
    QPlainTextEdit *m_powercli;
    VCenterConnectionBox *m_connection;
    QLineEdit *m_datacenter;
    QPushButton *m_login;
    QPushButton *m_create;
    QLabel *m_status;
};

} // namespace vlab
