#include "labplanpage.h"

#include "findinglabel.h"
#include "jobs/jobqueue.h"
#include "jobs/writefilesjob.h"
#include "plan/plandocument.h"
#include "runbook/topologypainter.h"
#include "runpanel.h"
#include "topologyview.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
QString joinList(const QStringList &list)
{
    return list.join(u", "_s);
}

QStringList splitList(const QString &text)
{
    static const QRegularExpression separators(u"[,;\\s]+"_s);
    return text.split(separators, Qt::SkipEmptyParts);
}

// The field and, right under it, its findings: one form row, so a hidden finding takes no space.
QWidget *withFinding(QWidget *field, QWidget *finding)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(finding);
    return box;
}

QFormLayout *addGroup(QVBoxLayout *column, const QString &title)
{
    auto *box = new QGroupBox(title);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    column->addWidget(box);
    return form;
}
} // namespace

LabPlanPage::LabPlanPage(const StepContext &context)
    : m_document(context.document)
{
    setObjectName(u"page:plan"_s);
    setTitle(tr("Lab plan"));
    setSubTitle(tr("Describe the lab once; every later step is generated from it. Problems "
                   "show under the field they concern."));

    auto *content = new QWidget;
    auto *columns = new QHBoxLayout(content);
    auto *left = new QVBoxLayout;
    auto *right = new QVBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    QFormLayout *lab = addGroup(left, tr("Lab and name services"));
    addText(lab, tr("Lab name"), u"lab.name"_s,
            [](const LabPlan &p) { return p.lab.name; },
            [](LabPlan &p, const QString &v) { p.lab.name = v; }, u"sslab"_s);
    addText(lab, tr("DNS domain"), u"dns.domain"_s,
            [](const LabPlan &p) { return p.dns.domain; },
            [](LabPlan &p, const QString &v) { p.dns.domain = v; }, u"sslab.com"_s);
    addText(lab, tr("DNS servers"), u"dns.servers"_s,
            [](const LabPlan &p) { return joinList(p.dns.servers); },
            [](LabPlan &p, const QString &v) { p.dns.servers = splitList(v); }, u"192.168.1.10"_s);
    addText(lab, tr("NTP servers"), u"ntp.servers"_s,
            [](const LabPlan &p) { return joinList(p.ntp.servers); },
            [](LabPlan &p, const QString &v) { p.ntp.servers = splitList(v); }, u"192.168.1.10"_s);

    QFormLayout *net = addGroup(left, tr("Management network"));
    addText(net, tr("Network (CIDR)"), u"network.cidr"_s,
            [](const LabPlan &p) { return p.network.cidr; },
            [](LabPlan &p, const QString &v) { p.network.cidr = v; }, u"192.168.1.0/24"_s);
    addText(net, tr("Gateway"), u"network.gateway"_s,
            [](const LabPlan &p) { return p.network.gateway; },
            [](LabPlan &p, const QString &v) { p.network.gateway = v; }, u"192.168.1.1"_s);
    addText(net, tr("Port group"), u"network.portGroup"_s,
            [](const LabPlan &p) { return p.network.portGroup; },
            [](LabPlan &p, const QString &v) { p.network.portGroup = v; }, u"VM Network"_s);

    QFormLayout *target = addGroup(left, tr("Deployment target"));
    addChoice(target, tr("Deploy on"), u"target.kind"_s, {u"esxi"_s, u"vcenter"_s},
              [](const LabPlan &p) { return p.target.kind; },
              [](LabPlan &p, const QString &v) { p.target.kind = v; });
    addText(target, tr("Host"), u"target.host"_s, [](const LabPlan &p) { return p.target.host; },
            [](LabPlan &p, const QString &v) { p.target.host = v; }, u"esxi01.sslab.com"_s);
    addText(target, tr("User"), u"target.user"_s, [](const LabPlan &p) { return p.target.user; },
            [](LabPlan &p, const QString &v) { p.target.user = v; }, u"root"_s);
    addText(target, tr("Datastore"), u"target.datastore"_s,
            [](const LabPlan &p) { return p.target.datastore; },
            [](LabPlan &p, const QString &v) { p.target.datastore = v; }, u"datastore1"_s);
    addText(target, tr("Network"), u"target.network"_s,
            [](const LabPlan &p) { return p.target.network; },
            [](LabPlan &p, const QString &v) { p.target.network = v; }, u"VM Network"_s);

    QFormLayout *sso = addGroup(left, tr("Single sign-on"));
    addText(sso, tr("SSO domain"), u"sso.domain"_s, [](const LabPlan &p) { return p.sso.domain; },
            [](LabPlan &p, const QString &v) { p.sso.domain = v; }, u"vsphere.local"_s);
    addText(sso, tr("SSO site"), u"sso.site"_s, [](const LabPlan &p) { return p.sso.site; },
            [](LabPlan &p, const QString &v) { p.sso.site = v; }, u"Default-First-Site"_s);
    left->addStretch(1);

    // PSC rows: one line per node, with its findings right below it.
    auto *pscBox = new QGroupBox(tr("Platform Services Controllers"));
    auto *pscLayout = new QVBoxLayout(pscBox);
    m_pscGrid = new QGridLayout;
    m_pscGrid->setColumnStretch(0, 2);
    m_pscGrid->setColumnStretch(1, 3);
    m_pscGrid->setColumnStretch(2, 2);
    pscLayout->addLayout(m_pscGrid);
    m_pscCountLabel = new FindingLabel(u"psc"_s);
    pscLayout->addWidget(m_pscCountLabel);
    auto *addPsc = new QPushButton(tr("Add PSC"));
    addPsc->setObjectName(u"addPsc"_s);
    pscLayout->addWidget(addPsc, 0, Qt::AlignLeft);
    right->addWidget(pscBox);
    connect(addPsc, &QPushButton::clicked, this, [this] {
        m_document->edit([](LabPlan &p) {
            const qsizetype n = p.psc.size() + 1;
            p.psc.append(PscNode{u"vcenter-psc%1"_s.arg(n, 2, 10, QChar(u'0')),
                                 u"vcenter-psc%1.%2"_s.arg(n, 2, 10, QChar(u'0')).arg(p.dns.domain), QString()});
        });
        rebuildPscRows();
    });

    QFormLayout *lb = addGroup(right, tr("Load balancer (NetScaler)"));
    addText(lb, tr("Load-balancer name"), u"loadBalancer.fqdn"_s,
            [](const LabPlan &p) { return p.loadBalancer.fqdn; },
            [](LabPlan &p, const QString &v) { p.loadBalancer.fqdn = v; }, u"vcenter-psc-lb.sslab.com"_s);
    addText(lb, tr("Virtual IP (VIP)"), u"loadBalancer.vip"_s,
            [](const LabPlan &p) { return p.loadBalancer.vip; },
            [](LabPlan &p, const QString &v) { p.loadBalancer.vip = v; });
    addText(lb, tr("Management IP (NSIP)"), u"loadBalancer.nsip"_s,
            [](const LabPlan &p) { return p.loadBalancer.nsip; },
            [](LabPlan &p, const QString &v) { p.loadBalancer.nsip = v; });
    addText(lb, tr("Subnet IP (SNIP)"), u"loadBalancer.snip"_s,
            [](const LabPlan &p) { return p.loadBalancer.snip; },
            [](LabPlan &p, const QString &v) { p.loadBalancer.snip = v; });

    QFormLayout *vc = addGroup(right, tr("vCenter Server"));
    addText(vc, tr("Appliance name"), u"vcenter.name"_s, [](const LabPlan &p) { return p.vcenter.name; },
            [](LabPlan &p, const QString &v) { p.vcenter.name = v; }, u"vcenter-vc01"_s);
    addText(vc, tr("FQDN"), u"vcenter.fqdn"_s, [](const LabPlan &p) { return p.vcenter.fqdn; },
            [](LabPlan &p, const QString &v) { p.vcenter.fqdn = v; }, u"vcenter-vc01.sslab.com"_s);
    addText(vc, tr("IP address"), u"vcenter.ip"_s, [](const LabPlan &p) { return p.vcenter.ip; },
            [](LabPlan &p, const QString &v) { p.vcenter.ip = v; }, u"192.168.1.213"_s);
    addChoice(vc, tr("Size"), u"vcenter.size"_s,
              {u"tiny"_s, u"small"_s, u"medium"_s, u"large"_s, u"xlarge"_s},
              [](const LabPlan &p) { return p.vcenter.size; },
              [](LabPlan &p, const QString &v) { p.vcenter.size = v; });

    auto *otherBox = new QGroupBox(tr("Other findings"));
    otherBox->setObjectName(u"otherFindingsBox"_s);
    auto *otherLayout = new QVBoxLayout(otherBox);
    m_otherFindings = new FindingLabel(u"other"_s);
    otherLayout->addWidget(m_otherFindings);
    auto *none = new QLabel(tr("None: fields edited on later pages are fine."));
    none->setObjectName(u"noOtherFindings"_s);
    otherLayout->addWidget(none);
    right->addWidget(otherBox);

    auto *topologyBox = new QGroupBox(tr("Topology"));
    auto *topologyLayout = new QVBoxLayout(topologyBox);
    topologyLayout->addWidget(new TopologyView(m_document));
    auto *exportPicture = new QPushButton(tr("Save as PNG and SVG in the project"));
    exportPicture->setObjectName(u"exportTopology"_s);
    topologyLayout->addWidget(exportPicture, 0, Qt::AlignLeft);
    right->addWidget(topologyBox);
    right->addStretch(1);
    connect(exportPicture, &QPushButton::clicked, this, [this, context] {
        const TopologyPainter topology(m_document->plan());
        const QDir dir(m_document->projectFolder());
        auto *queue = new JobQueue;
        queue->addJob(new WriteFilesJob(tr("Save the topology picture"),
                                        {{dir.filePath(u"topology.png"_s), topology.toPng(1600), {}},
                                         {dir.filePath(u"topology.svg"_s), topology.toSvg(), {}}}));
        if (!context.runPanel->run(queue, tr("Save the topology picture")))
            delete queue;
    });

    m_summary = new QLabel;
    m_summary->setObjectName(u"planSummary"_s);
    m_summary->setWordWrap(true);

    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(scroll);

    connect(m_document, &PlanDocument::planReset, this, [this] {
        rebuildPscRows();
        refreshValues();
    });
    connect(m_document, &PlanDocument::findingsChanged, this, &LabPlanPage::refreshFindings);
    rebuildPscRows();
    refreshValues();
    refreshFindings();
}

bool LabPlanPage::isComplete() const
{
    return !m_document->hasErrors();
}

QLineEdit *LabPlanPage::addText(QFormLayout *form, const QString &label, const QString &path,
                                Getter get, Setter set, const QString &placeholder)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(u"field:"_s + path);
    edit->setPlaceholderText(placeholder);
    auto *finding = new FindingLabel(path);
    form->addRow(label, withFinding(edit, finding));
    const bool isList = path.endsWith(u"servers"_s);
    m_bindings.append(Binding{path, isList, edit, nullptr, finding, std::move(get)});
    connect(edit, &QLineEdit::textEdited, this, [this, set = std::move(set)](const QString &text) {
        if (!m_refreshing)
            m_document->edit([&](LabPlan &p) { set(p, text); });
    });
    return edit;
}

QComboBox *LabPlanPage::addChoice(QFormLayout *form, const QString &label, const QString &path,
                                  const QStringList &choices, Getter get, Setter set)
{
    auto *combo = new QComboBox;
    combo->setObjectName(u"field:"_s + path);
    combo->addItems(choices);
    auto *finding = new FindingLabel(path);
    form->addRow(label, withFinding(combo, finding));
    m_bindings.append(Binding{path, false, nullptr, combo, finding, std::move(get)});
    connect(combo, &QComboBox::currentTextChanged, this, [this, set = std::move(set)](const QString &text) {
        if (!m_refreshing)
            m_document->edit([&](LabPlan &p) { set(p, text); });
    });
    return combo;
}

void LabPlanPage::rebuildPscRows()
{
    // Drop the old rows' bindings before their widgets go: a binding must never outlive its
    // editor (a new widget may later get the same address).
    m_bindings.erase(std::remove_if(m_bindings.begin(), m_bindings.end(),
                                    [](const Binding &b) { return b.path.startsWith(u"psc["_s); }),
                     m_bindings.end());
    qDeleteAll(m_pscWidgets);
    m_pscWidgets.clear();
    m_pscLabels.clear();
    const QStringList headers = {tr("VM name"), tr("FQDN"), tr("IP address")};
    for (int c = 0; c < headers.size(); ++c) {
        auto *h = new QLabel(u"<b>"_s + headers.at(c).toHtmlEscaped() + u"</b>"_s);
        m_pscGrid->addWidget(h, 0, c);
        m_pscWidgets.append(h);
    }
    const QList<PscNode> nodes = m_document->plan().psc;
    for (int i = 0; i < nodes.size(); ++i) {
        const int row = 1 + 2 * i;
        const QList<std::pair<QString, std::function<QString &(PscNode &)>>> fields = {
            {u"name"_s, [](PscNode &n) -> QString & { return n.name; }},
            {u"fqdn"_s, [](PscNode &n) -> QString & { return n.fqdn; }},
            {u"ip"_s, [](PscNode &n) -> QString & { return n.ip; }}};
        for (int c = 0; c < fields.size(); ++c) {
            const QString path = u"psc[%1].%2"_s.arg(i).arg(fields.at(c).first);
            auto *edit = new QLineEdit;
            edit->setObjectName(u"field:"_s + path);
            auto field = fields.at(c).second;
            m_bindings.append(Binding{path, false, edit, nullptr, nullptr,
                                      [i, field](const LabPlan &p) {
                                          PscNode n = p.psc.value(i);
                                          return field(n);
                                      }});
            connect(edit, &QLineEdit::textEdited, this, [this, i, field](const QString &text) {
                if (!m_refreshing)
                    m_document->edit([&](LabPlan &p) {
                        if (i < p.psc.size())
                            field(p.psc[i]) = text;
                    });
            });
            m_pscGrid->addWidget(edit, row, c);
            m_pscWidgets.append(edit);
        }
        auto *remove = new QToolButton;
        remove->setText(tr("Remove"));
        remove->setObjectName(u"removePsc%1"_s.arg(i));
        connect(remove, &QToolButton::clicked, this, [this, i] {
            m_document->edit([i](LabPlan &p) {
                if (i < p.psc.size())
                    p.psc.removeAt(i);
            });
            QMetaObject::invokeMethod(this, &LabPlanPage::rebuildPscRows, Qt::QueuedConnection);
        });
        m_pscGrid->addWidget(remove, row, 3);
        m_pscWidgets.append(remove);
        auto *label = new FindingLabel(u"psc[%1]"_s.arg(i));
        m_pscGrid->addWidget(label, row + 1, 0, 1, 4);
        m_pscWidgets.append(label);
        m_pscLabels.append({i, label});
    }
    refreshValues();
    refreshFindings();
}

void LabPlanPage::refreshValues()
{
    m_refreshing = true;
    const LabPlan &plan = m_document->plan();
    for (const Binding &b : std::as_const(m_bindings)) {
        const QString value = b.get(plan);
        if (b.edit && b.edit->text() != value)
            b.edit->setText(value);
        if (b.combo) {
            if (b.combo->findText(value) < 0)
                b.combo->addItem(value); // keep an unknown value visible; validation flags it
            b.combo->setCurrentText(value);
        }
    }
    m_refreshing = false;
}

void LabPlanPage::refreshFindings()
{
    QSet<QString> shown;
    for (const Binding &b : std::as_const(m_bindings)) {
        const Findings findings = m_document->findingsFor(b.path, b.children);
        if (b.label)
            b.label->showFindings(findings);
        QWidget *editor = b.edit ? static_cast<QWidget *>(b.edit) : b.combo;
        const bool error = vlab::hasErrors(findings);
        editor->setProperty("vlabError", error);
        editor->setToolTip(findings.isEmpty() ? QString() : findings.constFirst().message);
        for (const Finding &f : findings)
            shown.insert(f.path);
    }
    for (const auto &[index, label] : std::as_const(m_pscLabels)) {
        const Findings findings = m_document->findingsFor(u"psc[%1]"_s.arg(index), true);
        label->showFindings(findings, true);
    }
    const Findings count = m_document->findingsFor(u"psc"_s);
    m_pscCountLabel->showFindings(count);
    for (const Finding &f : count)
        shown.insert(f.path);

    Findings other;
    for (const Finding &f : m_document->findings()) {
        if (!shown.contains(f.path) && !f.path.startsWith(u"psc["_s))
            other.append(f);
    }
    m_otherFindings->showFindings(other, true);
    if (auto *none = findChild<QLabel *>(u"noOtherFindings"_s))
        none->setVisible(other.isEmpty());
    const int errors = countSeverity(m_document->findings(), Severity::Error);
    const int warnings = countSeverity(m_document->findings(), Severity::Warning);
    m_summary->setText(errors > 0
                           ? tr("<b>%1 error(s)</b> and %2 warning(s): fix the errors to continue.")
                                 .arg(errors).arg(warnings)
                           : tr("No errors, %1 warning(s): the plan is ready for the next steps.")
                                 .arg(warnings));
    Q_EMIT completeChanged();
}

VLAB_REGISTER_STEP(0, "plan", LabPlanPage)

} // namespace vlab
