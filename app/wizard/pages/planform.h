#pragma once
// PlanForm: a group of plan values edited in place, each with its findings right below it.
// The pages after the Lab plan use it for the values they own (the certificate request, the
// load-balancer settings, the VCHA network, the switch), so every value the validator checks
// has an editor on the page that uses it. An editor is named "field:<plan path>" and found
// from any finding path with editorFor() ("certificate.san[2]" gives the SAN list's field).
// Values follow the plan (an edit elsewhere, a derived value, an opened file) except in the
// editor the user is typing in.

#include <QGroupBox>

#include <functional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

namespace vlab {

class FindingLabel;
class PlanDocument;
struct LabPlan;

class PlanForm : public QGroupBox
{
    Q_OBJECT
public:
    PlanForm(const QString &title, PlanDocument *document, QWidget *parent = nullptr);

    template<typename T>
    using Get = std::function<T(const LabPlan &)>;
    template<typename T>
    using Set = std::function<void(LabPlan &, const T &)>;

    QLineEdit *addText(const QString &label, const QString &path, Get<QString> get, Set<QString> set,
                       const QString &placeholder = {});
    // A list typed on one line, items separated by commas, semicolons or spaces. Findings of
    // its items ("path[1]") show under it too.
    QLineEdit *addList(const QString &label, const QString &path, Get<QStringList> get, Set<QStringList> set,
                       const QString &placeholder = {});
    // Whole numbers typed as a list ("443, 389"); a word that is no number is kept as 0 so that
    // validation names it.
    QLineEdit *addNumbers(const QString &label, const QString &path, Get<QList<int>> get, Set<QList<int>> set,
                          const QString &placeholder = {});
    // The range is wide on purpose: a value out of the valid range is shown as it is and
    // validation explains it, instead of being silently clamped.
    QSpinBox *addNumber(const QString &label, const QString &path, Get<int> get, Set<int> set,
                        const QString &suffix = {});
    // An editable combo box offers the usual values and takes any; a fixed one shows an
    // unknown value from a file as an extra item (validation flags it).
    QComboBox *addChoice(const QString &label, const QString &path, const QStringList &choices,
                         Get<QString> get, Set<QString> set, bool editable = false);
    QCheckBox *addCheck(const QString &text, const QString &path, Get<bool> get, Set<bool> set);

    // The editor of a finding's path, or nullptr when this form has none.
    QWidget *editorFor(const QString &path) const;
    bool owns(const QString &path) const { return editorFor(path) != nullptr; }

private:
    struct Field
    {
        QString path;
        bool list = false; // findings of "path[i]..." belong here too
        QWidget *editor = nullptr;
        FindingLabel *label = nullptr;
        std::function<void()> load; // plan -> editor
    };
    void addRow(const QString &label, Field field);
    void refreshValues(bool all); // all: also the focused editor (another plan was opened)
    void refreshFindings();

    PlanDocument *m_document;
    QFormLayout *m_form;
    QList<Field> m_fields;
    bool m_loading = false;
};

} // namespace vlab
