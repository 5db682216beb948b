#include "netscalerpage.h"

#include "jobs/jobqueue.h"
#include "jobs/writefilesjob.h"
#include "netscaler/lbconfig.h"
#include "plan/plandocument.h"
#include "runpanel.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
QPlainTextEdit *codeView()
{
    auto *view = new QPlainTextEdit;
    view->setReadOnly(true);
    // A monospace family by name, not QFontDatabase::systemFont(): asking for the system's
    // fixed font at construction makes fontconfig search at start-up.
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    view->setFont(mono);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}
} // namespace

NetscalerPage::NetscalerPage(const StepContext &context)
    : m_context(context)
    , m_objects(new QTableWidget)
    , m_batch(codeView())
    , m_rollback(codeView())
    , m_status(new QLabel)
{
    setObjectName(u"page:netscaler"_s);
    setTitle(tr("Load balancer"));
    setSubTitle(tr("The NetScaler objects that balance the PSC ports, as a batch file for "
                   "'batch -fileName', and the batch that removes them again."));
    m_objects->setObjectName(u"nsObjects"_s);
    m_batch->setObjectName(u"nsBatch"_s);
    m_rollback->setObjectName(u"nsRollback"_s);
    m_status->setObjectName(u"nsStatus"_s);
    m_status->setWordWrap(true);

    m_objects->setColumnCount(4);
    m_objects->setHorizontalHeaderLabels({tr("Type"), tr("Name"), tr("Address / port"), tr("Bound to")});
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

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_batch->toPlainText()); });
    connect(saveButton, &QPushButton::clicked, this, &NetscalerPage::save);
    // Built when the page is shown, and kept current while it is (start-up stays fast).
    connect(m_context.document, &PlanDocument::planChanged, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_context.runPanel, &RunPanel::busyChanged, saveButton, [saveButton](bool busy) { saveButton->setEnabled(!busy); });
}

void NetscalerPage::initializePage()
{
    refresh();
}

void NetscalerPage::refresh()
{
    const LabPlan &plan = m_context.document->plan();
    const Result<LbConfig> config = LbConfig::fromPlan(plan);
    m_objects->setRowCount(0);
    if (!config) {
        m_batch->setPlainText(tr("The plan cannot give a load-balancer configuration yet: %1").arg(config.error().message));
        m_rollback->clear();
        m_status->setText(config.error().message);
        return;
    }
    auto addRow = [this](const QString &type, const QString &name, const QString &address, const QString &bound) {
        const int row = m_objects->rowCount();
        m_objects->insertRow(row);
        m_objects->setItem(row, 0, new QTableWidgetItem(type));
        m_objects->setItem(row, 1, new QTableWidgetItem(name));
        m_objects->setItem(row, 2, new QTableWidgetItem(address));
        m_objects->setItem(row, 3, new QTableWidgetItem(bound));
    };
    for (const NsServer &s : config->servers)
        addRow(tr("Server"), s.name, s.ip, QString());
    for (const NsService &s : config->services) {
        const auto server = std::find_if(config->servers.cbegin(), config->servers.cend(),
                                         [&](const NsServer &x) { return x.name == s.server; });
        addRow(tr("Service (TCP)"), s.name,
               u"%1:%2"_s.arg(server != config->servers.cend() ? server->ip : s.server).arg(s.port), s.server);
    }
    for (const NsVserver &v : config->vservers) {
        QStringList bound;
        for (const NsBinding &b : config->bindings) {
            if (b.vserver == v.name)
                bound << b.service;
        }
        addRow(tr("Virtual server (TCP)"), v.name, u"%1:%2"_s.arg(v.ip).arg(v.port), bound.join(u", "_s));
    }
    addRow(tr("Persistency group"), config->group.name,
           tr("%1, %2 min").arg(config->group.persistenceType).arg(config->group.timeoutMinutes),
           config->group.vservers.join(u", "_s));
    m_batch->setPlainText(QString::fromUtf8(renderBatch(*config, plan.lab.name)));
    m_rollback->setPlainText(QString::fromUtf8(renderRollbackBatch(*config, plan.lab.name)));
    m_status->setText(tr("%1 servers, %2 services, %3 virtual servers, 1 persistency group.")
                          .arg(config->servers.size())
                          .arg(config->services.size())
                          .arg(config->vservers.size()));
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
    queue->addJob(new WriteFilesJob(tr("Write the NetScaler batch files"),
                                    {{dir.filePath(u"psc-lb.conf"_s), renderBatch(*config, plan.lab.name), {}},
                                     {dir.filePath(u"psc-lb-rollback.conf"_s), renderRollbackBatch(*config, plan.lab.name), {}}}));
    connect(queue, &JobQueue::finished, this, [this, dir](bool ok) {
        m_status->setText(ok ? tr("Saved psc-lb.conf and psc-lb-rollback.conf in %1.").arg(QDir::toNativeSeparators(dir.path()))
                             : tr("The batch files could not be saved; see the run panel."));
    });
    if (!m_context.runPanel->run(queue, tr("Save the NetScaler batch files"))) {
        delete queue;
        m_status->setText(tr("Other work is still running; wait for it or cancel it."));
    }
}

VLAB_REGISTER_STEP(40, "netscaler", NetscalerPage)

} // namespace vlab
