#include "planform.h"

#include "findinglabel.h"
#include "project/plandocument.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
QStringList splitList(const QString &text)
{
    static const QRegularExpression separators(u"[,;\\s]+"_s);
    return text.split(separators, Qt::SkipEmptyParts);
}

bool isFocused(const QWidget *editor)
{
    const QWidget *focus = QApplication::focusWidget();
    return focus && (focus == editor || editor->isAncestorOf(focus));
}
} // namespace

PlanForm::PlanForm(const QString &title, PlanDocument *document, QWidget *parent)
    : QGroupBox(title, parent)
    , m_document(document)
    , m_form(new QFormLayout(this))
{
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    connect(m_document, &PlanDocument::planChanged, this, [this] { refreshValues(false); });
    connect(m_document, &PlanDocument::planReset, this, [this] { refreshValues(true); });
    connect(m_document, &PlanDocument::findingsChanged, this, &PlanForm::refreshFindings);
}

void PlanForm::addRow(const QString &label, Field field)
{
    field.editor->setObjectName(u"field:"_s + field.path);
    field.label = new FindingLabel(field.path);
    field.label->setDocument(m_document);
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field.editor);
    layout->addWidget(field.label);
    if (label.isEmpty()) {
        m_form->addRow(box);
    } else {
        auto *name = new QLabel(label);
        name->setBuddy(field.editor);
        m_form->addRow(name, box);
    }
    m_loading = true;
    field.load();
    m_loading = false;
    m_fields.append(field);
    const Findings findings = m_document->findingsFor(field.path, field.list);
    field.label->showFindings(findings, field.list);
    field.editor->setProperty("vlabError", hasErrors(findings));
}

QLineEdit *PlanForm::addText(const QString &label, const QString &path, Get<QString> get, Set<QString> set,
                             const QString &placeholder)
{
    auto *edit = new QLineEdit;
    edit->setPlaceholderText(placeholder);
    connect(edit, &QLineEdit::textEdited, this,
            [this, set](const QString &text) { m_document->edit([&](LabPlan &p) { set(p, text); }); });
    addRow(label, {path, false, edit, nullptr, [this, edit, get] {
                       const QString value = get(m_document->plan());
                       if (edit->text() != value)
                           edit->setText(value);
                   }});
    return edit;
}

QLineEdit *PlanForm::addList(const QString &label, const QString &path, Get<QStringList> get,
                             Set<QStringList> set, const QString &placeholder)
{
    auto *edit = new QLineEdit;
    edit->setPlaceholderText(placeholder);
    connect(edit, &QLineEdit::textEdited, this, [this, set](const QString &text) {
        m_document->edit([&](LabPlan &p) { set(p, splitList(text)); });
    });
    addRow(label, {path, true, edit, nullptr, [this, edit, get] {
                       // Only when the text means another list: "a, " stays as typed.
                       if (splitList(edit->text()) != get(m_document->plan()))
                           edit->setText(get(m_document->plan()).join(u", "_s));
                   }});
    return edit;
}

QLineEdit *PlanForm::addNumbers(const QString &label, const QString &path, Get<QList<int>> get,
                                Set<QList<int>> set, const QString &placeholder)
{
    auto toNumbers = [](const QString &text) {
        QList<int> numbers;
        for (const QString &word : splitList(text))
            numbers << word.toInt(); // 0 when it is no number: validation names it
        return numbers;
    };
    auto *edit = new QLineEdit;
    edit->setPlaceholderText(placeholder);
    connect(edit, &QLineEdit::textEdited, this, [this, set, toNumbers](const QString &text) {
        m_document->edit([&](LabPlan &p) { set(p, toNumbers(text)); });
    });
    addRow(label, {path, true, edit, nullptr, [this, edit, get, toNumbers] {
                       const QList<int> numbers = get(m_document->plan());
                       if (toNumbers(edit->text()) == numbers)
                           return;
                       QStringList words;
                       for (int n : numbers)
                           words << QString::number(n);
                       edit->setText(words.join(u", "_s));
                   }});
    return edit;
}

QSpinBox *PlanForm::addNumber(const QString &label, const QString &path, Get<int> get, Set<int> set,
                              const QString &suffix)
{
    auto *spin = new QSpinBox;
    spin->setRange(-1000000, 1000000);
    spin->setSuffix(suffix);
    spin->setButtonSymbols(QAbstractSpinBox::NoButtons); // a value is typed, not stepped
    connect(spin, &QSpinBox::valueChanged, this, [this, set](int value) {
        if (!m_loading)
            m_document->edit([&](LabPlan &p) { set(p, value); });
    });
    addRow(label, {path, false, spin, nullptr, [spin, get, this] {
                       spin->setValue(get(m_document->plan()));
                   }});
    return spin;
}

QComboBox *PlanForm::addChoice(const QString &label, const QString &path, const QStringList &choices,
                               Get<QString> get, Set<QString> set, bool editable)
{
    auto *combo = new QComboBox;
    combo->setEditable(editable);
    combo->addItems(choices);
    connect(combo, &QComboBox::currentTextChanged, this, [this, set](const QString &text) {
        if (!m_loading)
            m_document->edit([&](LabPlan &p) { set(p, text); });
    });
    addRow(label, {path, false, combo, nullptr, [this, combo, get] {
                       const QString value = get(m_document->plan());
                       if (combo->currentText() == value)
                           return;
                       if (!combo->isEditable() && combo->findText(value) < 0)
                           combo->addItem(value);
                       combo->setCurrentText(value);
                   }});
    return combo;
}

QCheckBox *PlanForm::addCheck(const QString &text, const QString &path, Get<bool> get, Set<bool> set)
{
    auto *check = new QCheckBox(text);
    connect(check, &QCheckBox::toggled, this, [this, set](bool on) {
        if (!m_loading)
            m_document->edit([&](LabPlan &p) { set(p, on); });
    });
    addRow({}, {path, false, check, nullptr, [this, check, get] {
                    check->setChecked(get(m_document->plan()));
                }});
    return check;
}

QWidget *PlanForm::editorFor(const QString &path) const
{
    for (const Field &f : m_fields) {
        if (path == f.path
            || (f.list && path.startsWith(f.path) && path.size() > f.path.size()
                && path.at(f.path.size()) == u'['))
            return f.editor;
    }
    return nullptr;
}

void PlanForm::refreshValues(bool all)
{
    m_loading = true;
    for (const Field &f : std::as_const(m_fields)) {
        if (all || !isFocused(f.editor)) // an edit never rewrites what the user is typing
            f.load();
    }
    m_loading = false;
}

void PlanForm::refreshFindings()
{
    for (const Field &f : std::as_const(m_fields)) {
        const Findings findings = m_document->findingsFor(f.path, f.list);
        f.label->showFindings(findings, f.list);
        f.editor->setProperty("vlabError", hasErrors(findings));
    }
}

} // namespace vlab
