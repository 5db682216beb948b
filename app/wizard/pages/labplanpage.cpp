#include "labplanpage.h"

#include "findinglabel.h"
#include "jobs/jobqueue.h"
#include "jobs/writefilesjob.h"
#include "plan/planjson.h"
#include "project/plandocument.h"
#include "runbook/topologypainter.h"
#include "runpanel.h"
#include "topologyview.h"

#include <QColor>
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
#include <QTabBar>
#include <QTabWidget>
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

// One edited field: its label (translated in the page's context), plan path, placeholder,
// the choices of a combo box (none: a line edit), and how it reads and writes the plan.
struct FieldSpec
{
    const char *label;
    QString path;
    QString placeholder;
    QStringList choices;
    LabPlanPage::Getter get;
    LabPlanPage::Setter set;

    bool isList() const { return path.endsWith(u"servers"_s); } // findings name list items
    bool owns(const QString &findingPath) const
    {
        return findingPath == path
            || (isList() && findingPath.startsWith(path) && findingPath.size() > path.size()
                && findingPath.at(path.size()) == u'[');
    }
};

// A text field for plan.*Section.*Member.
template<auto Section, auto Member>
FieldSpec text(const char *label, const QString &path, const QString &placeholder = {})
{
    return {label,
            path,
            placeholder,
            {},
            [](const LabPlan &p) { return p.*Section.*Member; },
            [](LabPlan &p, const QString &v) {
                p.*Section.*Member = v;
            }};
}

// A list typed as one line: "a, b" (commas, semicolons or spaces between items).
template<auto Section, auto Member>
FieldSpec list(const char *label, const QString &path, const QString &placeholder = {})
{
    return {label,
            path,
            placeholder,
            {},
            [](const LabPlan &p) { return joinList(p.*Section.*Member); },
            [](LabPlan &p, const QString &v) {
                p.*Section.*Member = splitList(v);
            }};
}

template<auto Section, auto Member>
FieldSpec choice(const char *label, const QString &path, const QStringList &choices)
{
    return {label,
            path,
            {},
            choices,
            [](const LabPlan &p) { return p.*Section.*Member; },
            [](LabPlan &p, const QString &v) {
                p.*Section.*Member = v;
            }};
}

struct GroupSpec
{
    const char *title;
    QList<FieldSpec> fields;
};

struct SectionSpec
{
    enum Extra { None, Nodes, Topology };
    const char *title;
    QString name; // the tab's object name is "section:<name>"
    Extra extra;
    QList<GroupSpec> groups;

    bool owns(const QString &findingPath) const
    {
        if (extra == Nodes && (findingPath == u"psc"_s || findingPath.startsWith(u"psc["_s)))
            return true;
        for (const GroupSpec &g : groups) {
            for (const FieldSpec &f : g.fields) {
                if (f.owns(findingPath))
                    return true;
            }
        }
        return false;
    }
};

// The sections (tabs) of the page, in order, and the fields each one edits.
const QList<SectionSpec> &sectionSpecs()
{
    static const QList<SectionSpec> specs = {
        {QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Lab and network"),
         u"lab"_s,
         SectionSpec::None,
         {{QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Lab and name services"),
           {text<&LabPlan::lab, &LabInfo::name>(QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Lab name"),
                                                u"lab.name"_s, u"sslab"_s),
            text<&LabPlan::dns, &DnsSettings::domain>(QT_TRANSLATE_NOOP("vlab::LabPlanPage", "DNS domain"),
                                                      u"dns.domain"_s, u"sslab.com"_s),
            list<&LabPlan::dns, &DnsSettings::servers>(QT_TRANSLATE_NOOP("vlab::LabPlanPage", "DNS servers"),
                                                       u"dns.servers"_s, u"192.168.1.10"_s),
            list<&LabPlan::ntp, &NtpSettings::servers>(QT_TRANSLATE_NOOP("vlab::LabPlanPage", "NTP servers"),
                                                       u"ntp.servers"_s, u"192.168.1.10"_s)}},
          {QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Management network"),
           {text<&LabPlan::network, &ManagementNetwork::cidr>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Network (CIDR)"), u"network.cidr"_s,
                u"192.168.1.0/24"_s),
            text<&LabPlan::network, &ManagementNetwork::gateway>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Gateway"), u"network.gateway"_s, u"192.168.1.1"_s),
            text<&LabPlan::network, &ManagementNetwork::portGroup>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Port group"), u"network.portGroup"_s,
                u"VM Network"_s)}},
          {QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Single sign-on"),
           {text<&LabPlan::sso, &SsoSettings::domain>(QT_TRANSLATE_NOOP("vlab::LabPlanPage", "SSO domain"),
                                                      u"sso.domain"_s, u"vsphere.local"_s),
            text<&LabPlan::sso, &SsoSettings::site>(QT_TRANSLATE_NOOP("vlab::LabPlanPage", "SSO site"),
                                                    u"sso.site"_s, u"Default-First-Site"_s)}}}},
        {QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Nodes"),
         u"nodes"_s,
         SectionSpec::Nodes,
         {{QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Load balancer (NetScaler)"),
           {text<&LabPlan::loadBalancer, &LoadBalancer::fqdn>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Load-balancer name"), u"loadBalancer.fqdn"_s,
                u"vcenter-psc-lb.sslab.com"_s),
            text<&LabPlan::loadBalancer, &LoadBalancer::vip>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Virtual IP (VIP)"), u"loadBalancer.vip"_s),
            text<&LabPlan::loadBalancer, &LoadBalancer::nsip>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Management IP (NSIP)"), u"loadBalancer.nsip"_s),
            text<&LabPlan::loadBalancer, &LoadBalancer::snip>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Subnet IP (SNIP)"), u"loadBalancer.snip"_s)}},
          {QT_TRANSLATE_NOOP("vlab::LabPlanPage", "vCenter Server"),
           {text<&LabPlan::vcenter, &VCenterPlan::name>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Appliance name"), u"vcenter.name"_s,
                u"vcenter-vc01"_s),
            text<&LabPlan::vcenter, &VCenterPlan::fqdn>(QT_TRANSLATE_NOOP("vlab::LabPlanPage", "FQDN"),
                                                        u"vcenter.fqdn"_s, u"vcenter-vc01.sslab.com"_s),
            text<&LabPlan::vcenter, &VCenterPlan::ip>(QT_TRANSLATE_NOOP("vlab::LabPlanPage", "IP address"),
                                                      u"vcenter.ip"_s, u"192.168.1.213"_s),
            choice<&LabPlan::vcenter, &VCenterPlan::size>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Size"), u"vcenter.size"_s,
                {u"tiny"_s, u"small"_s, u"medium"_s, u"large"_s, u"xlarge"_s})}}}},
        {QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Deployment target"),
         u"target"_s,
         SectionSpec::None,
         {{QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Where the appliances are deployed"),
           {choice<&LabPlan::target, &DeploymentTarget::kind>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Deploy on"), u"target.kind"_s,
                {u"esxi"_s, u"vcenter"_s}),
            text<&LabPlan::target, &DeploymentTarget::host>(QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Host"),
                                                            u"target.host"_s, u"esxi01.sslab.com"_s),
            text<&LabPlan::target, &DeploymentTarget::user>(QT_TRANSLATE_NOOP("vlab::LabPlanPage", "User"),
                                                            u"target.user"_s, u"root"_s),
            text<&LabPlan::target, &DeploymentTarget::datastore>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Datastore"), u"target.datastore"_s, u"datastore1"_s),
            text<&LabPlan::target, &DeploymentTarget::network>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Network"), u"target.network"_s, u"VM Network"_s),
            text<&LabPlan::target, &DeploymentTarget::datacenter>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Datacenter (on vCenter)"), u"target.datacenter"_s,
                u"Datacenter"_s),
            text<&LabPlan::target, &DeploymentTarget::cluster>(
                QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Cluster (on vCenter)"), u"target.cluster"_s,
                u"Cluster"_s)}}}},
        {QT_TRANSLATE_NOOP("vlab::LabPlanPage", "Topology"), u"topology"_s, SectionSpec::Topology, {}},
    };
    return specs;
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
} // namespace

LabPlanPage::LabPlanPage(const StepContext &context)
    : m_document(context.document)
    , m_context(context)
{
    setObjectName(u"page:plan"_s);
    setTitle(tr("Lab plan"));
    setSubTitle(tr("Describe the lab once; every later step is generated from it. Problems "
                   "show under the field they concern."));

    m_summary = new QLabel;
    m_summary->setObjectName(u"planSummary"_s);
    m_summary->setWordWrap(true);

    // The built-in example (or a new lab started from it) is marked until saved under a name.
    auto *exampleNotice =
        new QLabel(tr("The built-in example, not saved yet: make it your lab and save it (File > Save)."));
    exampleNotice->setObjectName(u"exampleNotice"_s);
    exampleNotice->setWordWrap(true);
    exampleNotice->setVisible(m_document->fileName().isEmpty());
    connect(m_document, &PlanDocument::fileNameChanged, exampleNotice,
            [exampleNotice](const QString &fileName) { exampleNotice->setVisible(fileName.isEmpty()); });

    // One empty tab per section; a section's fields are built when it is first shown.
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(u"planSections"_s);
    m_tabs->setDocumentMode(true);
    for (const SectionSpec &section : sectionSpecs()) {
        auto *tab = new QWidget;
        tab->setObjectName(u"section:"_s + section.name);
        auto *tabLayout = new QVBoxLayout(tab);
        tabLayout->setContentsMargins(0, 0, 0, 0);
        m_tabs->addTab(tab, tr(section.title));
        m_built.append(false);
    }

    // Findings of fields edited on later pages (certificate, VCHA, vDS, ports...); each path
    // is a link to its editor there.
    m_otherFindings = new FindingLabel(u"other"_s);
    m_otherFindings->setDocument(m_document);
    connect(m_otherFindings, &FindingLabel::fieldActivated, this, [this](const QString &path) {
        if (m_context.showField)
            m_context.showField(path);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(exampleNotice);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_otherFindings);

    buildSection(0);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index >= 0 && !m_built.value(index))
            buildSection(index);
    });
    connect(m_document, &PlanDocument::planReset, this, [this] {
        rebuildPscRows();
        refreshValues();
        // An opened plan with errors opens where the first of them is.
        const QList<SectionSpec> &specs = sectionSpecs();
        const Findings &findings = m_document->findings();
        auto hasErrors = [&](int section) {
            return std::any_of(findings.begin(), findings.end(), [&](const Finding &f) {
                return f.severity == Severity::Error && specs.at(section).owns(f.path);
            });
        };
        if (!hasErrors(m_tabs->currentIndex())) {
            for (int i = 0; i < specs.size(); ++i) {
                if (hasErrors(i)) {
                    m_tabs->setCurrentIndex(i);
                    break;
                }
            }
        }
    });
    connect(m_document, &PlanDocument::findingsChanged, this, &LabPlanPage::refreshFindings);
    connect(m_document, &PlanDocument::planChanged, this, &LabPlanPage::enableTargetFields);
    refreshFindings();
}

// Datacenter and cluster mean something only when deploying through a vCenter.
void LabPlanPage::enableTargetFields()
{
    const bool vcenter = m_document->plan().target.kind == u"vcenter"_s;
    for (const Binding &b : std::as_const(m_bindings)) {
        if (b.path == u"target.datacenter"_s || b.path == u"target.cluster"_s)
            b.edit->setEnabled(vcenter);
    }
}

bool LabPlanPage::isComplete() const
{
    return !m_document->hasErrors();
}

bool LabPlanPage::ownsField(const QString &path)
{
    const QList<SectionSpec> &specs = sectionSpecs();
    return std::any_of(specs.begin(), specs.end(), [&](const SectionSpec &s) { return s.owns(path); });
}

QWidget *LabPlanPage::showField(const QString &path)
{
    const QList<SectionSpec> &specs = sectionSpecs();
    for (int i = 0; i < specs.size(); ++i) {
        if (specs.at(i).owns(path)) {
            m_tabs->setCurrentIndex(i); // builds it (currentChanged)
            if (!m_built.at(i))
                buildSection(i);
            // A list item ("dns.servers[1]") is edited in its list's field, a PSC row
            // ("psc[1]") starts with its name, the PSC count ("psc") with the first row.
            QString field = path;
            static const QRegularExpression pscRow(u"^psc(\\[\\d+\\])?$"_s);
            if (const auto m = pscRow.match(path); m.hasMatch())
                field = (m.captured(1).isEmpty() ? u"psc[0]"_s : path) + u".name"_s;
            else if (const qsizetype bracket = path.indexOf(u'['); bracket > 0 && !path.startsWith(u"psc["_s))
                field = path.left(bracket);
            QWidget *editor = m_tabs->widget(i)->findChild<QWidget *>(u"field:"_s + field);
            if (!editor && path == u"psc"_s) // no PSC at all: adding one is the way on
                editor = m_tabs->widget(i)->findChild<QWidget *>(u"addPsc"_s);
            return editor;
        }
    }
    return nullptr;
}

void LabPlanPage::buildSection(int index)
{
    const SectionSpec &section = sectionSpecs().at(index);
    m_built[index] = true;
    QWidget *tab = m_tabs->widget(index);
    if (section.extra == SectionSpec::Topology) {
        QWidget *topology = buildTopology();
        tab->layout()->addWidget(topology);
        topology->show(); // the tab may be on screen already
        return;
    }

    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    int row = 0;
    if (section.extra == SectionSpec::Nodes) {
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
        grid->addWidget(pscBox, row++, 0, 1, 2);
        connect(addPsc, &QPushButton::clicked, this, [this] {
            m_document->edit([](LabPlan &p) {
                const qsizetype n = p.psc.size() + 1;
                const QString number = QString::number(n).rightJustified(2, u'0');
                p.psc.append(PscNode{u"vcenter-psc%1"_s.arg(number),
                                     u"vcenter-psc%1.%2"_s.arg(number, p.dns.domain), QString()});
            });
            rebuildPscRows();
        });
    }
    // Groups side by side, two to a row.
    for (int g = 0; g < section.groups.size(); ++g) {
        const GroupSpec &group = section.groups.at(g);
        auto *box = new QGroupBox(tr(group.title));
        auto *form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        for (const FieldSpec &field : group.fields) {
            QWidget *editor = nullptr;
            auto *finding = new FindingLabel(field.path);
            finding->setDocument(m_document);
            Binding binding{field.path, field.isList(), nullptr, nullptr, finding, field.get};
            if (field.choices.isEmpty()) {
                auto *edit = new QLineEdit;
                edit->setPlaceholderText(field.placeholder);
                connect(edit, &QLineEdit::textEdited, this, [this, set = field.set](const QString &text) {
                    if (!m_refreshing)
                        m_document->edit([&](LabPlan &p) { set(p, text); });
                });
                binding.edit = edit;
                editor = edit;
            } else {
                auto *combo = new QComboBox;
                combo->addItems(field.choices);
                connect(combo, &QComboBox::currentTextChanged, this,
                        [this, set = field.set](const QString &text) {
                            if (!m_refreshing)
                                m_document->edit([&](LabPlan &p) { set(p, text); });
                        });
                binding.combo = combo;
                editor = combo;
            }
            editor->setObjectName(u"field:"_s + field.path);
            form->addRow(tr(field.label), withFinding(editor, finding));
            m_bindings.append(binding);
        }
        grid->addWidget(box, row + g / 2, g % 2, Qt::AlignTop);
    }
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(grid->rowCount(), 1);

    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    tab->layout()->addWidget(scroll);
    scroll->show(); // the tab may be on screen already

    if (section.extra == SectionSpec::Nodes)
        rebuildPscRows(); // fills the rows
    refreshValues();
    refreshFindings();
    enableTargetFields();
}

QWidget *LabPlanPage::buildTopology()
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(new TopologyView(m_document), 1);
    auto *exportPicture = new QPushButton(tr("Save as PNG and SVG in the project"));
    exportPicture->setObjectName(u"exportTopology"_s);
    layout->addWidget(exportPicture, 0, Qt::AlignLeft);
    connect(exportPicture, &QPushButton::clicked, this, [this] {
        const TopologyPainter topology(m_document->plan());
        const QDir dir(m_document->projectFolder());
        auto *queue = new JobQueue;
        queue->addJob(new WriteFilesJob(tr("Save the topology picture"),
                                        {{dir.filePath(u"topology.png"_s), topology.toPng(1600), {}},
                                         {dir.filePath(u"topology.svg"_s), topology.toSvg(), {}}}));
        if (!m_context.runPanel->run(queue, tr("Save the topology picture")))
            delete queue;
    });
    return box;
}

void LabPlanPage::rebuildPscRows()
{
    if (!m_pscGrid) // the Nodes section is not built yet
        return;
    // Drop the old rows' bindings before their widgets go: a binding must never outlive its
    // editor (a new widget may later get the same address).
    m_bindings.erase(std::remove_if(m_bindings.begin(), m_bindings.end(),
                                    [](const Binding &b) { return b.path.startsWith(u"psc["_s); }),
                     m_bindings.end());
    qDeleteAll(m_pscWidgets);
    m_pscWidgets.clear();
    m_pscLabels.clear();
    // A plan holds at most kMaxPlanPscs: one more could not be opened again.
    if (auto *add = findChild<QPushButton *>(u"addPsc"_s)) {
        const bool room = m_document->plan().psc.size() < kMaxPlanPscs;
        add->setEnabled(room);
        add->setToolTip(room ? QString() : tr("A lab plan holds at most %1 PSCs.").arg(kMaxPlanPscs));
    }
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
            {u"name"_s,
             [](PscNode &n) -> QString & {
                 return n.name;
             }},
            {u"fqdn"_s,
             [](PscNode &n) -> QString & {
                 return n.fqdn;
             }},
            {u"ip"_s, [](PscNode &n) -> QString & {
                 return n.ip;
             }}};
        for (int c = 0; c < fields.size(); ++c) {
            const QString path = u"psc[%1].%2"_s.arg(QString::number(i), fields.at(c).first);
            auto *edit = new QLineEdit;
            edit->setObjectName(u"field:"_s + path);
            auto field = fields.at(c).second;
            m_bindings.append(Binding{path, false, edit, nullptr, nullptr, [i, field](const LabPlan &p) {
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
        label->setDocument(m_document);
        connect(label, &FindingLabel::fieldActivated, this, [this](const QString &path) {
            if (m_context.showField)
                m_context.showField(path);
        });
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
    for (const Binding &b : std::as_const(m_bindings)) {
        const Findings findings = m_document->findingsFor(b.path, b.children);
        if (b.label)
            b.label->showFindings(findings);
        QWidget *editor = b.edit ? static_cast<QWidget *>(b.edit) : b.combo;
        editor->setProperty("vlabError", vlab::hasErrors(findings));
        editor->setToolTip(findings.isEmpty() ? QString() : findings.constFirst().message);
    }
    for (const auto &[index, label] : std::as_const(m_pscLabels))
        label->showFindings(m_document->findingsFor(u"psc[%1]"_s.arg(index), true), true,
                            &m_document->plan());
    if (m_pscCountLabel)
        m_pscCountLabel->showFindings(m_document->findingsFor(u"psc"_s));

    // Each tab counts its own fields' findings (built or not); the rest are listed below.
    const QList<SectionSpec> &specs = sectionSpecs();
    QList<int> errorsIn(specs.size(), 0);
    QList<int> warningsIn(specs.size(), 0);
    Findings other;
    for (const Finding &f : m_document->findings()) {
        const auto owner =
            std::find_if(specs.begin(), specs.end(), [&](const SectionSpec &s) { return s.owns(f.path); });
        if (owner == specs.end()) {
            other.append(f);
            continue;
        }
        const auto i = std::distance(specs.begin(), owner);
        errorsIn[i] += f.severity == Severity::Error ? 1 : 0;
        warningsIn[i] += f.severity == Severity::Warning ? 1 : 0;
    }
    QStringList withErrors;
    for (int i = 0; i < specs.size(); ++i) {
        const QString title = tr(specs.at(i).title);
        QString tabText = title;
        if (errorsIn.at(i) > 0) {
            tabText = errorsIn.at(i) == 1 ? tr("%1 (1 error)").arg(title)
                                          : tr("%1 (%2 errors)").arg(title, QString::number(errorsIn.at(i)));
            withErrors << title;
        } else if (warningsIn.at(i) > 0) {
            tabText = warningsIn.at(i) == 1
                ? tr("%1 (1 warning)").arg(title)
                : tr("%1 (%2 warnings)").arg(title, QString::number(warningsIn.at(i)));
        }
        m_tabs->setTabText(i, tabText);
        m_tabs->tabBar()->setTabTextColor(i, errorsIn.at(i) > 0 ? QColor(0xB0, 0x00, 0x20) : QColor());
    }
    m_otherFindings->showFindings(other, true, &m_document->plan());

    const int errors = countSeverity(m_document->findings(), Severity::Error);
    const int warnings = countSeverity(m_document->findings(), Severity::Warning);
    if (errors == 0)
        m_summary->setText(
            tr("No errors, %1 warning(s): the plan is ready for the next steps.").arg(warnings));
    else if (withErrors.isEmpty())
        m_summary->setText(tr("<b>%1 error(s)</b> and %2 warning(s): fix the errors to continue.")
                               .arg(QString::number(errors), QString::number(warnings)));
    else if (!vlab::hasErrors(other))
        m_summary->setText(tr("<b>%1 error(s)</b> and %2 warning(s), in %3: fix the errors to continue.")
                               .arg(QString::number(errors), QString::number(warnings),
                                    withErrors.join(u", "_s).toHtmlEscaped()));
    else
        m_summary->setText(tr("<b>%1 error(s)</b> and %2 warning(s), in %3 and under the sections: fix the "
                              "errors to continue.")
                               .arg(QString::number(errors), QString::number(warnings),
                                    withErrors.join(u", "_s).toHtmlEscaped()));
    Q_EMIT completeChanged();
}

VLAB_REGISTER_STEP(0, "plan", LabPlanPage)

} // namespace vlab
