#include "diagnosticspage.h"

#include "diag/diagactions.h"
#include "jobs/jobqueue.h"
#include "project/plandocument.h"
#include "rememberedpassword.h"
#include "remote/hostkeys.h"
#include "runpanel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

QTableWidget *table(const QString &name, const QStringList &headers)
{
    auto *t = new QTableWidget;
    t->setObjectName(name);
    t->setColumnCount(int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->setVisible(false);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QSpinBox *threshold(const QString &name, int value)
{
    auto *box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(0, 1000000);
    box->setValue(value);
    box->setSpecialValueText(QCoreApplication::translate("vlab::DiagnosticsPage", "off"));
    return box;
}

QString portsText(const QList<int> &ports)
{
    QStringList items;
    for (const int p : ports)
        items << QString::number(p);
    return items.join(u", "_s);
}

} // namespace

QString DiagnosticsPage::stepTitle()
{
    return tr("Diagnostics");
}

DiagnosticsPage::DiagnosticsPage(const StepContext &context)
    : m_context(context)
    , m_explanations(table(u"diagExplanations"_s, {tr("State"), tr("What it means")}))
    , m_source(new QComboBox)
    , m_file(new QLineEdit)
    , m_browse(new QPushButton(tr("Browse...")))
    , m_sshTarget(new QLineEdit)
    , m_password(new QLineEdit)
    , m_ports(new QLineEdit)
    , m_closeWait(threshold(u"diagCloseWait"_s, TcpThresholds().at(TcpState::CloseWait)))
    , m_finWait2(threshold(u"diagFinWait2"_s, TcpThresholds().at(TcpState::FinWait2)))
    , m_timeWait(threshold(u"diagTimeWait"_s, TcpThresholds().at(TcpState::TimeWait)))
    , m_run(new QPushButton(tr("Run")))
    , m_status(new QLabel)
    , m_states(table(u"diagStates"_s, {tr("State"), tr("Connections")}))
    , m_portTable(table(u"diagPortTable"_s, {tr("Port"), tr("Total"), tr("States")}))
    , m_peerTable(table(u"diagPeerTable"_s, {tr("Peer"), tr("Total"), tr("States")}))
    , m_findings(new QPlainTextEdit)
{
    setObjectName(u"page:diagnostics"_s);
    setTitle(stepTitle());
    setSubTitle(tr("When PSC connections misbehave, look at the TCP states first: CLOSE_WAIT, FIN_WAIT_2 or "
                   "TIME_WAIT piling up on the PSC ports tell who does not close."));

    const QList<TcpState> states = allTcpStates();
    m_explanations->setRowCount(int(states.size()));
    m_explanations->setWordWrap(true);
    for (int row = 0; row < states.size(); ++row) {
        m_explanations->setItem(row, 0, new QTableWidgetItem(tcpStateName(states.at(row))));
        auto *text = new QTableWidgetItem(tcpStateExplanation(states.at(row)));
        text->setToolTip(text->text());
        m_explanations->setItem(row, 1, text);
    }

    m_source->setObjectName(u"diagSource"_s);
    m_source->addItem(tr("This machine"), int(Source::Local));
    m_source->addItem(tr("A saved capture file"), int(Source::File));
    m_source->addItem(tr("A PSC over SSH"), int(Source::Ssh));
    m_file->setObjectName(u"diagFile"_s);
    m_file->setPlaceholderText(tr("ss -tan, netstat -ant or /proc/net/tcp output"));
    m_browse->setObjectName(u"diagBrowse"_s);
    m_sshTarget->setObjectName(u"diagSshTarget"_s);
    m_sshTarget->setPlaceholderText(tr("root@psc.example.com[:22]"));
    m_password->setObjectName(u"diagPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    showRememberedPasswordHint(m_password, context.secrets);
    m_ports->setObjectName(u"diagPorts"_s);
    m_ports->setToolTip(tr("Service ports separated by commas, or \"all\"."));
    m_run->setObjectName(u"diagRun"_s);
    m_status->setObjectName(u"diagStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_findings->setObjectName(u"diagFindings"_s);
    m_findings->setReadOnly(true);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Source"), m_source);
    form->addRow(tr("Capture file"), fileRow);
    form->addRow(tr("SSH to"), m_sshTarget);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Ports"), m_ports);
    auto *thresholds = new QHBoxLayout;
    thresholds->addWidget(new QLabel(u"CLOSE_WAIT"_s));
    thresholds->addWidget(m_closeWait);
    thresholds->addWidget(new QLabel(u"FIN_WAIT_2"_s));
    thresholds->addWidget(m_finWait2);
    thresholds->addWidget(new QLabel(u"TIME_WAIT"_s));
    thresholds->addWidget(m_timeWait);
    form->addRow(tr("Pile-up at (per port)"), thresholds);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_status, 1);
    runRow->addWidget(m_run);
    auto *collect = new QGroupBox(tr("Collect"));
    auto *collectLayout = new QVBoxLayout(collect);
    collectLayout->addLayout(form);
    collectLayout->addLayout(runRow);

    auto *results = new QTabWidget;
    results->addTab(m_findings, tr("Findings"));
    results->addTab(m_states, tr("States"));
    results->addTab(m_portTable, tr("Per port"));
    results->addTab(m_peerTable, tr("Per peer"));
    results->addTab(m_explanations, tr("What the states mean"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(collect);
    layout->addWidget(results, 1);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this] { updateSource(); });
    connect(m_run, &QPushButton::clicked, this, [this] { runDiagnostics(); });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("TCP capture"), m_context.document->projectFolder());
        if (!f.isEmpty())
            m_file->setText(f);
    });
    connect(m_context.runPanel, &RunPanel::busyChanged, this,
            [this](bool busy) { m_run->setEnabled(!busy); });
    updateSource();
}

void DiagnosticsPage::initializePage()
{
    const LabPlan &plan = m_context.document->plan();
    if (m_ports->text().isEmpty())
        m_ports->setText(portsText(DiagActions::defaultPorts(plan)));
    if (m_sshTarget->text().isEmpty() && !plan.psc.isEmpty())
        m_sshTarget->setText(
            u"root@"_s
            + (plan.psc.constFirst().fqdn.isEmpty() ? plan.psc.constFirst().ip : plan.psc.constFirst().fqdn));
    if (const std::optional<SshEndpoint> endpoint = SshEndpoint::parse(m_sshTarget->text().trimmed());
        endpoint && DiagActions::isPscRoot(plan, *endpoint))
        recallPassword(m_context.secrets, m_password, plan.lab.name, SecretRole::Root);
}

void DiagnosticsPage::updateSource()
{
    const auto source = Source(m_source->currentData().toInt());
    m_file->setEnabled(source == Source::File);
    m_browse->setEnabled(source == Source::File);
    m_sshTarget->setEnabled(source == Source::Ssh);
    m_password->setEnabled(source == Source::Ssh);
}

// The request the form describes; nullopt, with the reason shown, when it is incomplete.
std::optional<TcpDiagRequest> DiagnosticsPage::requestFromInput()
{
    const std::optional<QList<int>> ports = parseTcpPortList(m_ports->text());
    if (!ports) {
        m_status->setText(tr("The ports must be TCP ports (1 to 65535) separated by commas, or \"all\"."));
        m_ports->setFocus();
        return std::nullopt;
    }
    TcpReportOptions options;
    options.ports = *ports;
    options.thresholds.set(TcpState::CloseWait, m_closeWait->value());
    options.thresholds.set(TcpState::FinWait2, m_finWait2->value());
    options.thresholds.set(TcpState::TimeWait, m_timeWait->value());
    switch (Source(m_source->currentData().toInt())) {
    case Source::Local:
        return DiagActions::localRequest(options);
    case Source::File: {
        const QString file = m_file->text().trimmed();
        if (file.isEmpty()) {
            m_status->setText(tr("Choose the capture file first."));
            m_file->setFocus();
            return std::nullopt;
        }
        return DiagActions::fileRequest(file, options);
    }
    case Source::Ssh:
        break;
    }
    const std::optional<SshEndpoint> endpoint = SshEndpoint::parse(m_sshTarget->text().trimmed());
    if (!endpoint) {
        m_status->setText(tr("Enter the PSC as USER@HOST or USER@HOST:PORT."));
        m_sshTarget->setFocus();
        return std::nullopt;
    }
    if (m_password->text().isEmpty()) {
        m_status->setText(tr("Enter the password of %1 first.").arg(endpoint->user));
        m_password->setFocus();
        return std::nullopt;
    }
    SshConnectOptions connection;
    connection.endpoint = *endpoint;
    if (m_acceptedFor == endpoint->toString())
        connection.acceptFingerprint = m_acceptedFingerprint;
    SshCredentials credentials;
    credentials.password = m_password->text();
    return DiagActions(m_context.document->projectFolder()).sshRequest(connection, credentials, options);
}

bool DiagnosticsPage::runDiagnostics()
{
    const std::optional<TcpDiagRequest> request = requestFromInput();
    if (!request)
        return false;
    TcpDiagJob *job = DiagActions::createTcpJob(*request);
    auto *queue = new JobQueue;
    queue->addJob(job);
    connect(job, &TcpDiagJob::reportReady, this,
            [this](const TcpStateReport &report) { showReport(report); });
    // Captured now: the plan may change (or another be opened) while the job runs.
    const bool keepRoot = request->source == TcpDiagRequest::Source::Ssh
        && DiagActions::isPscRoot(m_context.document->plan(), request->connection.endpoint);
    const QString lab = m_context.document->plan().lab.name;
    connect(queue, &JobQueue::finished, this, [this, job, keepRoot, lab](bool ok) {
        if (ok && keepRoot)
            keepPassword(m_context.secrets, job->request().credentials.password, lab, SecretRole::Root);
        finished(job, ok);
    });
    // Confirmed, the host key is recorded in the project's known_hosts when the next run logs in.
    RunPanel::TrustFlow trust;
    trust.tlsKind = TrustRequest::Kind::SshHostKey;
    trust.keep = [this, target = request->connection.endpoint.toString()](const TrustRequest &r,
                                                                          const Job *) -> Result<void> {
        m_acceptedFor = target;
        m_acceptedFingerprint = r.fingerprint;
        return {};
    };
    trust.decided = [this](bool trusted, const QString &outcome) {
        m_status->setText(outcome);
        if (trusted)
            runDiagnostics();
    };
    if (m_context.runPanel->start(queue, tr("TCP connection states of %1").arg(job->sourceName()),
                                  std::move(trust))
        != RunPanel::RunStart::Started) {
        delete queue;
        m_status->setText(tr("Other work is still running; wait for it or cancel it."));
        return false;
    }
    m_status->setText(tr("Collecting ..."));
    return true;
}

void DiagnosticsPage::finished(TcpDiagJob *job, bool succeeded)
{
    if (succeeded) {
        const TcpStateReport &report = job->tcpReport();
        m_status->setText(
            report.hasPileUp()
                ? tr("%n pile-up(s) found; see the findings.", nullptr, int(report.findings().size()))
                : tr("%n connection(s) counted; no pile-up over the thresholds.", nullptr, report.total()));
        return;
    }
    // A host key not confirmed yet: the run panel asks, the trust flow says the rest.
    if (m_context.runPanel->awaitsTrust()) {
        m_status->setText(m_context.runPanel->trustText());
        return;
    }
    const Error &error = job->result().error();
    m_status->setText(error.message);
}

void DiagnosticsPage::showReport(const TcpStateReport &report)
{
    const QList<TcpState> states = allTcpStates();
    m_states->setRowCount(int(states.size()));
    for (int row = 0; row < states.size(); ++row) {
        m_states->setItem(row, 0, new QTableWidgetItem(tcpStateName(states.at(row))));
        auto *count = new QTableWidgetItem;
        count->setData(Qt::DisplayRole, report.count(states.at(row)));
        m_states->setItem(row, 1, count);
    }
    m_portTable->setRowCount(int(report.ports().size()));
    for (int row = 0; row < report.ports().size(); ++row) {
        const TcpPortRow &r = report.ports().at(row);
        m_portTable->setItem(row, 0, new QTableWidgetItem(QString::number(r.port)));
        m_portTable->setItem(row, 1, new QTableWidgetItem(QString::number(r.total)));
        m_portTable->setItem(row, 2, new QTableWidgetItem(formatTcpStateCounts(r.counts)));
    }
    m_peerTable->setRowCount(int(report.peers().size()));
    for (int row = 0; row < report.peers().size(); ++row) {
        const TcpPeerRow &r = report.peers().at(row);
        m_peerTable->setItem(row, 0, new QTableWidgetItem(r.address));
        m_peerTable->setItem(row, 1, new QTableWidgetItem(QString::number(r.total)));
        m_peerTable->setItem(row, 2, new QTableWidgetItem(formatTcpStateCounts(r.counts)));
    }
    QStringList lines;
    for (const Finding &f : report.findings())
        lines << f.message << tr("Advice: %1").arg(f.hint) << QString();
    if (lines.isEmpty())
        lines << tr("No pile-up over the thresholds (%n connection(s) looked at).", nullptr, report.total());
    m_findings->setPlainText(lines.join(u'\n'));
}

VLAB_REGISTER_STEP(80, "diagnostics", DiagnosticsPage)

} // namespace vlab
