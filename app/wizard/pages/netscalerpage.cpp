#include "netscalerpage.h"

#include "codeview.h"
#include "jobs/jobqueue.h"
#include "jobs/writefilesjob.h"
#include "net/tlstrust.h"
#include "netscaler/lbconfig.h"
#include "netscaler/nitrojob.h"
#include "planform.h"
#include "project/plandocument.h"
#include "project/projectstate.h"
#include "rememberedpassword.h"
#include "runpanel.h"

#include <QApplication>
#include <QClipboard>
#include <QColor>
#include <QDir>
#include <QFont>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

QString NetscalerPage::stepTitle()
{
    return tr("Load balancer");
}

NetscalerPage::NetscalerPage(const StepContext &context)
    : m_context(context)
    , m_actions(new NetscalerActions(context.document->projectFolder(), this))
    , m_objects(new QTableWidget)
    , m_batch(newCodeView())
    , m_rollback(newCodeView())
    , m_status(new QLabel)
    , m_nsip(new QLineEdit)
    , m_user(new QLineEdit(u"nsroot"_s))
    , m_password(new QLineEdit)
{
    setObjectName(u"page:netscaler"_s);
    setTitle(stepTitle());
    setSubTitle(tr("The NetScaler objects that balance the PSC ports, as a batch file for "
                   "'batch -fileName' and the batch that removes them again, or applied, verified "
                   "and rolled back live over NITRO."));
    m_objects->setObjectName(u"nsObjects"_s);
    m_batch->setObjectName(u"nsBatch"_s);
    m_rollback->setObjectName(u"nsRollback"_s);
    m_status->setObjectName(u"nsStatus"_s);
    m_status->setWordWrap(true);

    m_objects->setColumnCount(5);
    m_objects->setHorizontalHeaderLabels(
        {tr("Type"), tr("Name"), tr("Address / port"), tr("State"), tr("Bound to")});
    m_objects->verticalHeader()->setVisible(false);
    m_objects->verticalHeader()->setDefaultSectionSize(m_objects->fontMetrics().height() + 6);
    m_objects->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_objects->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_objects->horizontalHeader()->setStretchLastSection(true);

    auto *tabs = new QTabWidget;
    tabs->addTab(m_batch, tr("Batch file"));
    tabs->addTab(m_rollback, tr("Rollback batch"));
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_objects);
    split->addWidget(tabs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *copy = new QPushButton(tr("Copy batch"));
    copy->setObjectName(u"copyBatch"_s);
    auto *saveButton = new QPushButton(tr("Save both to the project"));
    saveButton->setObjectName(u"saveBatch"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(copy);
    buttons->addWidget(saveButton);

    // Live: the NetScaler over NITRO.
    m_nsip->setObjectName(u"nsAddress"_s);
    m_user->setObjectName(u"nsUser"_s);
    m_password->setObjectName(u"nsPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    showRememberedPasswordHint(m_password, context.secrets);
    m_nsip->setToolTip(
        tr("The NSIP (management address), optionally with :PORT. NITRO is used over HTTPS only."));
    auto *live = new QGroupBox(tr("Live on the NetScaler (NITRO)"));
    auto *form = new QFormLayout;
    form->addRow(tr("NSIP"), m_nsip);
    form->addRow(tr("User"), m_user);
    form->addRow(tr("Password"), m_password);
    auto *liveButtons = new QHBoxLayout;
    const QList<std::pair<Action, QString>> actions{{Action::Diff, tr("Compare")},
                                                    {Action::Apply, tr("Apply")},
                                                    {Action::Verify, tr("Verify")},
                                                    {Action::Rollback, tr("Roll back")}};
    const QStringList names{u"nsDiff"_s, u"nsApply"_s, u"nsVerify"_s, u"nsRollback"_s};
    for (qsizetype i = 0; i < actions.size(); ++i) {
        auto *button = new QPushButton(actions.at(i).second);
        button->setObjectName(names.at(i));
        const Action action = actions.at(i).first;
        connect(button, &QPushButton::clicked, this, [this, action] { runAction(action); });
        liveButtons->addWidget(button);
        m_liveButtons << button;
    }
    m_liveButtons.at(1)->setToolTip(
        tr("Creates what is missing in one request per object type, then saves the "
           "configuration. Conflicting objects are reported and left alone; on a "
           "failure everything this run created is removed again."));
    m_liveButtons.at(3)->setToolTip(tr("Removes exactly what Apply recorded as created on this NetScaler."));
    liveButtons->addStretch(1);
    auto *liveLayout = new QHBoxLayout(live);
    liveLayout->addLayout(form, 1);
    liveLayout->addLayout(liveButtons, 1);

    // The balanced service's settings, edited here (names and addresses are on the Lab plan).
    PlanDocument *plan = m_context.document;
    m_service = new PlanForm(tr("Balanced service"), plan);
    m_service->addNumbers(
        tr("Ports"), u"loadBalancer.ports"_s, [](const LabPlan &p) { return p.loadBalancer.ports; },
        [](LabPlan &p, const QList<int> &v) { p.loadBalancer.ports = v; },
        u"443, 389, 636, 2012, 2014, 2020"_s);
    m_service->addChoice(
        tr("Persistence"), u"loadBalancer.persistence.type"_s,
        {u"SOURCEIP"_s, u"COOKIEINSERT"_s, u"RULE"_s, u"NONE"_s},
        [](const LabPlan &p) { return p.loadBalancer.persistence.type; },
        [](LabPlan &p, const QString &v) { p.loadBalancer.persistence.type = v; });
    m_service->addNumber(
        tr("Persistence timeout"), u"loadBalancer.persistence.timeoutMinutes"_s,
        [](const LabPlan &p) { return p.loadBalancer.persistence.timeoutMinutes; },
        [](LabPlan &p, const int &v) { p.loadBalancer.persistence.timeoutMinutes = v; }, tr(" minutes"));
    m_device = new PlanForm(tr("NetScaler"), plan);
    m_device->addChoice(
        tr("Kind"), u"loadBalancer.kind"_s, {u"netscaler"_s},
        [](const LabPlan &p) { return p.loadBalancer.kind; },
        [](LabPlan &p, const QString &v) { p.loadBalancer.kind = v; });
    m_device->addText(
        tr("Object name prefix"), u"loadBalancer.namePrefix"_s,
        [](const LabPlan &p) { return p.loadBalancer.namePrefix; },
        [](LabPlan &p, const QString &v) { p.loadBalancer.namePrefix = v; }, u"psc"_s);
    m_device->addText(
        tr("Subnet IP (SNIP)"), u"loadBalancer.snip"_s, [](const LabPlan &p) { return p.loadBalancer.snip; },
        [](LabPlan &p, const QString &v) { p.loadBalancer.snip = v; });
    auto *settings = new QHBoxLayout;
    settings->addWidget(m_service, 1);
    settings->addWidget(m_device, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(settings);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);
    layout->addWidget(live);

    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_batch->toPlainText()); });
    connect(saveButton, &QPushButton::clicked, this, &NetscalerPage::save);
    // Built when the page is shown, and kept current while it is (start-up stays fast).
    connect(m_context.document, &PlanDocument::planChanged, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_actions, &NetscalerActions::recordProblem, m_status, &QLabel::setText);
    connect(m_context.runPanel, &RunPanel::busyChanged, saveButton, [this, saveButton](bool busy) {
        saveButton->setEnabled(!busy);
        for (QPushButton *b : std::as_const(m_liveButtons))
            b->setEnabled(!busy);
    });
}

bool NetscalerPage::ownsField(const QString &path)
{
    return path.startsWith(u"loadBalancer.ports"_s) || path.startsWith(u"loadBalancer.persistence."_s)
        || path == u"loadBalancer.kind"_s || path == u"loadBalancer.namePrefix"_s
        || path == u"loadBalancer.snip"_s;
}

QWidget *NetscalerPage::showField(const QString &path)
{
    if (QWidget *editor = m_service->editorFor(path))
        return editor;
    return m_device->editorFor(path);
}

void NetscalerPage::initializePage()
{
    // The address the NetScaler last answered on in this project (with its port), else the plan's.
    if (m_nsip->text().isEmpty()) {
        const Result<ProjectState> state = ProjectState::load(m_context.document->projectFolder());
        m_nsip->setText(state && !state->netscalerAddress.isEmpty()
                            ? state->netscalerAddress
                            : m_context.document->plan().loadBalancer.nsip);
    }
    // A password that worked before for this user on this NetScaler comes back from the
    // keychain (or this session's memory).
    if (const Result<NitroTarget> target = NitroTarget::parseAddress(m_nsip->text()); target)
        recallPassword(m_context.secrets, m_password, m_context.document->plan().lab.name,
                       SecretRole::NetScaler, passwordAccount(m_user->text(), target->address()));
    refresh();
}

void NetscalerPage::refresh()
{
    const LabPlan &plan = m_context.document->plan();
    const Result<LbConfig> config = LbConfig::fromPlan(plan);
    m_objects->setRowCount(0);
    if (!config) {
        m_batch->setPlainText(
            tr("The plan cannot give a load-balancer configuration yet: %1").arg(config.error().message));
        m_rollback->clear();
        m_status->setText(config.error().message);
        return;
    }
    auto addRow = [this](const QString &type, const QString &name, const QString &address,
                         const QString &bound) {
        const int row = m_objects->rowCount();
        m_objects->insertRow(row);
        m_objects->setItem(row, 0, new QTableWidgetItem(type));
        m_objects->setItem(row, 1, new QTableWidgetItem(name));
        m_objects->setItem(row, 2, new QTableWidgetItem(address));
        m_objects->setItem(row, 3, new QTableWidgetItem(tr("not applied yet")));
        m_objects->setItem(row, 4, new QTableWidgetItem(bound));
    };
    for (const NsServer &s : config->servers)
        addRow(tr("Server"), s.name, s.ip, QString());
    for (const NsService &s : config->services) {
        const auto server = std::find_if(config->servers.cbegin(), config->servers.cend(),
                                         [&](const NsServer &x) { return x.name == s.server; });
        addRow(
            tr("Service (TCP)"), s.name,
            u"%1:%2"_s.arg(server != config->servers.cend() ? server->ip : s.server, QString::number(s.port)),
            s.server);
    }
    for (const NsVserver &v : config->vservers) {
        QStringList bound;
        for (const NsBinding &b : config->bindings) {
            if (b.vserver == v.name)
                bound << b.service;
        }
        addRow(tr("Virtual server (TCP)"), v.name, u"%1:%2"_s.arg(v.ip, QString::number(v.port)),
               bound.join(u", "_s));
    }
    addRow(tr("Persistency group"), config->group.name,
           tr("%1, %2 min").arg(config->group.persistenceType, QString::number(config->group.timeoutMinutes)),
           config->group.vservers.join(u", "_s));
    m_batch->setPlainText(QString::fromUtf8(renderBatch(*config, plan.lab.name)));
    m_rollback->setPlainText(QString::fromUtf8(renderRollbackBatch(*config, plan.lab.name)));
    m_status->setText(tr("%1 servers, %2 services, %3 virtual servers, 1 persistency group.")
                          .arg(QString::number(config->servers.size()),
                               QString::number(config->services.size()),
                               QString::number(config->vservers.size())));
    // What Apply recorded and the journaled runs found on this NetScaler (after a restart too).
    if (const Result<NitroTarget> target = NitroTarget::parseAddress(m_nsip->text()); target) {
        m_actions->setProjectFolder(m_context.document->projectFolder());
        showResults(m_actions->lastKnownResults(*target));
    }
}

void NetscalerPage::save()
{
    const LabPlan &plan = m_context.document->plan();
    const Result<LbConfig> config = LbConfig::fromPlan(plan);
    if (!config) {
        m_status->setText(config.error().message);
        return;
    }
    const QDir dir(QDir(m_context.document->projectFolder()).filePath(u"netscaler"_s));
    auto *queue = new JobQueue;
    queue->addJob(new WriteFilesJob(
        tr("Write the NetScaler batch files"),
        {{dir.filePath(u"psc-lb.conf"_s), renderBatch(*config, plan.lab.name), {}},
         {dir.filePath(u"psc-lb-rollback.conf"_s), renderRollbackBatch(*config, plan.lab.name), {}}}));
    connect(queue, &JobQueue::finished, this, [this, dir](bool ok) {
        m_status->setText(ok ? tr("Saved psc-lb.conf and psc-lb-rollback.conf in %1.")
                                   .arg(QDir::toNativeSeparators(dir.path()))
                             : tr("The batch files could not be saved; see the run panel."));
    });
    if (const RunPanel::RunStart started =
            m_context.runPanel->start(queue, tr("Save the NetScaler batch files"));
        started != RunPanel::RunStart::Started) {
        delete queue;
        m_status->setText(RunPanel::notStartedText(started));
    }
}

QString NetscalerPage::actionTitle(Action action)
{
    switch (action) {
    case Action::Diff:
        return tr("Compare the NetScaler with the plan");
    case Action::Apply:
        return tr("Apply the load-balancing configuration");
    case Action::Verify:
        return tr("Verify the load-balancing configuration");
    case Action::Rollback:
        return tr("Roll back the load-balancing configuration");
    }
    return {};
}

bool NetscalerPage::runAction(Action action)
{
    const LabPlan &plan = m_context.document->plan();
    if (const Result<LbConfig> config = LbConfig::fromPlan(plan); !config) {
        m_status->setText(config.error().message);
        return false;
    }
    if (const Result<NitroTarget> address = NitroTarget::parseAddress(m_nsip->text()); !address) {
        m_status->setText(address.error().message);
        m_nsip->setFocus();
        return false;
    }
    if (m_user->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        m_status->setText(tr("Enter the NetScaler user and password first."));
        (m_user->text().trimmed().isEmpty() ? m_user : m_password)->setFocus();
        return false;
    }
    m_actions->setProjectFolder(m_context.document->projectFolder());
    const Result<NitroTarget> target = m_actions->target(m_nsip->text(), m_user->text());
    if (!target) {
        m_status->setText(target.error().message);
        return false;
    }
    const Result<NitroJob *> created = m_actions->createJob(action, plan, *target, m_password->text());
    if (!created) {
        m_status->setText(
            created.error().code == u"nitro.record.empty"_s
                ? tr("Nothing is recorded as created by Apply on %1, so there is nothing to roll "
                     "back. The rollback batch removes the plan's objects by hand.")
                      .arg(target->address())
                : created.error().message);
        return false;
    }
    NitroJob *job = *created;
    // The State column follows the run object by object, not only at its end.
    connect(job, &NitroJob::objectResult, this, [this](const NitroObjectResult &r) {
        if (!r.object.isBinding())
            showResults({r});
    });
    const QString title = actionTitle(action);
    // What this run logs in with, captured now: the fields or the plan may change while it runs.
    const KeptLogin login{m_password->text(), plan.lab.name,
                          passwordAccount(target->user, target->address())};
    auto *queue = new JobQueue;
    queue->addJob(job);
    connect(queue, &JobQueue::finished, this, [this, job, login] { actionFinished(job, login); });
    // A certificate nobody confirmed yet: the run panel asks; confirmed, it is kept for this
    // NetScaler in the project and the action runs again.
    RunPanel::TrustFlow trust;
    trust.tlsKind = TrustRequest::Kind::NetScaler;
    trust.keep = [this, where = *target](const TrustRequest &request, const Job *) -> Result<void> {
        const Result<QByteArray> digest = parseSha256Fingerprint(request.fingerprint);
        if (!digest)
            return digest.error();
        return m_actions->keepFingerprint(where, *digest);
    };
    trust.decided = [this, action](bool trusted, const QString &outcome) {
        m_status->setText(outcome);
        if (trusted)
            runAction(action);
    };
    if (const RunPanel::RunStart started = m_context.runPanel->start(queue, title, std::move(trust));
        started != RunPanel::RunStart::Started) {
        delete queue;
        m_status->setText(RunPanel::notStartedText(started));
        return false;
    }
    m_status->setText(tr("%1 on %2 ...").arg(title, target->address()));
    return true;
}

void NetscalerPage::actionFinished(NitroJob *job, const KeptLogin &login)
{
    showResults(job->results());
    const Result<void> &result = job->result();
    // The NetScaler accepted the password (the job got past the login): keep it for next time.
    if (job->loggedInOnce()) {
        keepPassword(m_context.secrets, login.password, login.lab, SecretRole::NetScaler, login.account);
        // ... and the address it answered on, with its port, for the next session.
        const Result<void> kept =
            ProjectState::update(m_actions->projectFolder(), [address = job->target()](ProjectState &s) {
                s.netscalerAddress = address;
            });
        if (!kept)
            m_context.runPanel->note(kept.error().message);
    }
    if (result.ok()) {
        m_status->setText(job->summary().isEmpty() ? tr("Done.") : job->summary());
        return;
    }
    // Not trusted yet: the run panel asks, and what follows is said by the trust flow.
    if (m_context.runPanel->awaitsTrust()) {
        m_status->setText(m_context.runPanel->trustText());
        return;
    }
    m_status->setText(result.error().message);
}

void NetscalerPage::showResults(const QList<NitroObjectResult> &results)
{
    QHash<QString, int> rows;
    for (int row = 0; row < m_objects->rowCount(); ++row)
        rows.insert(m_objects->item(row, 1)->text(), row);
    QHash<int, QStringList> bindingProblems;
    static const QStringList fine{u"created"_s, u"unchanged"_s, u"correct"_s, u"create"_s,
                                  u"present"_s, u"UP"_s,        u"removed"_s, u"gone"_s};
    for (const NitroObjectResult &r : results) {
        const int row = rows.value(r.object.name(), -1);
        if (row < 0)
            continue;
        if (r.object.isBinding()) {
            if (!fine.contains(r.state))
                bindingProblems[row] << tr("%1 -> %2: %3").arg(r.state, r.object.boundTo(), r.detail);
            continue;
        }
        auto *item = new QTableWidgetItem(r.detail.isEmpty() ? r.state : r.state + u" - "_s + r.detail);
        item->setToolTip(r.detail);
        if (!fine.contains(r.state))
            item->setForeground(QColor(0xB0, 0x1E, 0x1E));
        m_objects->setItem(row, 3, item);
    }
    for (auto it = bindingProblems.cbegin(); it != bindingProblems.cend(); ++it) {
        QTableWidgetItem *item = m_objects->item(it.key(), 3);
        item->setText(item->text() + u"; "_s + it.value().join(u"; "_s));
        item->setForeground(QColor(0xB0, 0x1E, 0x1E));
    }
}

VLAB_REGISTER_STEP(40, "netscaler", NetscalerPage)

} // namespace vlab
