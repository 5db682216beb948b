#pragma once
// LabPlanPage (step 0): edits the plan's main fields with inline validation. Each field shows
// its findings right below it; findings of fields edited on later pages are listed at the
// bottom. Next stays disabled while the plan has errors.

#include "stepregistry.h"

#include <QWizardPage>

#include <functional>

class QComboBox;
class QFormLayout;
class QGridLayout;
class QLabel;
class QLineEdit;

namespace vlab {

class FindingLabel;
struct LabPlan;

class LabPlanPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit LabPlanPage(const StepContext &context);
    bool isComplete() const override;

private:
    using Getter = std::function<QString(const LabPlan &)>;
    using Setter = std::function<void(LabPlan &, const QString &)>;
    struct Binding
    {
        QString path;
        bool children = false; // also show findings below the path (list fields)
        QLineEdit *edit = nullptr;
        QComboBox *combo = nullptr;
        FindingLabel *label = nullptr;
        Getter get;
    };

    QLineEdit *addText(QFormLayout *form, const QString &label, const QString &path, Getter get,
                       Setter set, const QString &placeholder = {});
    QComboBox *addChoice(QFormLayout *form, const QString &label, const QString &path,
                         const QStringList &choices, Getter get, Setter set);
    void rebuildPscRows();
    void refreshValues();
    void refreshFindings();

    PlanDocument *m_document;
    QList<Binding> m_bindings;
    QGridLayout *m_pscGrid = nullptr;
    QList<QWidget *> m_pscWidgets;
    QList<std::pair<int, FindingLabel *>> m_pscLabels;
    FindingLabel *m_pscCountLabel = nullptr;
    FindingLabel *m_otherFindings = nullptr;
    QLabel *m_summary = nullptr;
    bool m_refreshing = false;
};

} // namespace vlab
