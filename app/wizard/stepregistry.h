#pragma once
// StepRegistry: how a wizard step adds its page without editing the shell. A step's source
// file registers a factory with VLAB_REGISTER_STEP; the main window asks the registry for
// every step in order and builds the wizard from it. (Calamares' Page + Config + ViewStep:
// the page holds widgets only; the engine holds validation, generation and jobs.)

#include <QList>
#include <QString>

#include <functional>

class QWidget;
class QWizardPage;

namespace vlab {

class PlanDocument;
class RunPanel;
class SecretStore;

// How a step stands, as the side list marks it (for the finish summary).
struct StepOutcome
{
    enum class State { NotRun, Done, Failed, Cancelled, Skipped };
    QString id;    // StepInfo::id
    QString title; // the page's title
    State state = State::NotRun;
};

// What every page may use: the plan being edited and the one run panel for live work.
struct StepContext
{
    PlanDocument *document = nullptr;
    RunPanel *runPanel = nullptr;
    SecretStore *secrets = nullptr; // the OS keychain, or memory only when there is none
    // Brings up the editor of a plan field (by a finding's path), switching page or section
    // as needed, and focuses it; nullptr when no page edits that path.
    std::function<QWidget *(const QString &path)> showField;
    // Every step before the last page, in order, with how it stands now.
    std::function<QList<StepOutcome>()> stepOutcomes;
    // Switches to the page of a step (StepInfo::id), even past pages whose errors block Next;
    // false when no step has that id or the current page cannot be left.
    std::function<bool(const QString &stepId)> showStep;
};

using PageFactory = QWizardPage *(*)(const StepContext &context);
using PageTitle = QString (*)();
using FieldOwner = bool (*)(const QString &path);

struct StepInfo
{
    int order;      // position in the wizard (the DESIGN.md step number times 10)
    const char *id; // stable name: file names of screenshots, page ids in tests
    PageFactory create;
    // The page's title without building it. A page class with `static QString stepTitle()`
    // is built only when the user first reaches it (start-up stays fast); without, at once.
    PageTitle title = nullptr;
    // Whether the page edits the plan field at path (a finding's path), without building it.
    // A page class with `static bool ownsField(const QString &)` also has
    // `Q_INVOKABLE QWidget *showField(const QString &)`, which returns that field's editor.
    FieldOwner ownsField = nullptr;
};

template<typename Page>
constexpr PageTitle stepTitleOf()
{
    if constexpr (requires { Page::stepTitle(); })
        return &Page::stepTitle;
    else
        return nullptr;
}

template<typename Page>
constexpr FieldOwner fieldOwnerOf()
{
    if constexpr (requires { Page::ownsField(QString()); })
        return &Page::ownsField;
    else
        return nullptr;
}

class StepRegistry
{
public:
    static bool add(const StepInfo &step);
    static QList<StepInfo> steps(); // sorted by order
};

} // namespace vlab

#define VLAB_REGISTER_STEP(Order, Id, PageClass)                                                    \
    namespace {                                                                                     \
    [[maybe_unused]] const bool vlabRegistered##PageClass = ::vlab::StepRegistry::add(              \
        {Order, Id, [](const ::vlab::StepContext &c) -> QWizardPage * { return new PageClass(c); }, \
         ::vlab::stepTitleOf<PageClass>(), ::vlab::fieldOwnerOf<PageClass>()});                     \
    }
