#pragma once
// LabPlanPage (step 0): edits the plan's main fields with inline validation, in sections
// (tabs): Lab and network, Nodes, Deployment target, Topology. Each field shows its findings right below
// it; each tab's title counts the errors and warnings of its fields; findings of fields
// edited on later pages are listed under the tabs. Next stays disabled while the plan has
// errors. A section's widgets are built the first time it is shown: the window opens on the
// first section only, which keeps start-up short.

#include "stepregistry.h"

#include <QWizardPage>

#include <functional>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QTabWidget;

namespace vlab {

class FindingLabel;
struct LabPlan;

class LabPlanPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit LabPlanPage(const StepContext &context);
    bool isComplete() const override;

    // Shows the section that edits the plan field at path (for example "psc[1].ip"; a list item
    // such as "dns.servers[1]" gives its list's field, "psc[1]" that row's name), building it
    // if needed, and returns the field's editor (nullptr when no section edits it).
    Q_INVOKABLE QWidget *showField(const QString &path);
    // Whether a section of this page edits the field at path (see StepInfo::ownsField).
    static bool ownsField(const QString &path);
    QTabWidget *sections() const { return m_tabs; }

    using Getter = std::function<QString(const LabPlan &)>;
    using Setter = std::function<void(LabPlan &, const QString &)>;

private:
    struct Binding
    {
        QString path;
        bool children = false; // also show findings below the path (list fields)
        QLineEdit *edit = nullptr;
        QComboBox *combo = nullptr;
        FindingLabel *label = nullptr;
        Getter get;
    };

    void buildSection(int index);
    QWidget *buildTopology();
    void rebuildPscRows();
    void refreshValues();
    void refreshFindings();
    void enableTargetFields();

    PlanDocument *m_document;
    StepContext m_context;
    QTabWidget *m_tabs = nullptr;
    QList<bool> m_built;
    QList<Binding> m_bindings;
    QGridLayout *m_pscGrid = nullptr; // set once the Nodes section is built
    QList<QWidget *> m_pscWidgets;
    QList<std::pair<int, FindingLabel *>> m_pscLabels;
    FindingLabel *m_pscCountLabel = nullptr;
    FindingLabel *m_otherFindings = nullptr;
    QLabel *m_summary = nullptr;
    bool m_refreshing = false;
};

} // namespace vlab
