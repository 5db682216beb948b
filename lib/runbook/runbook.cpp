#include "runbook/runbook.h"

#include "certs/csrrequest.h"
#include "core/quoting.h"
#include "core/tr.h"
#include "jobs/journal.h"
#include "netscaler/lbconfig.h"
#include "remote/pscendpointplan.h"
#include "runbook/topologypainter.h"
#include "vsphere/vcsatemplatewriter.h"
#include "vsphere/vdsscriptwriter.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace vlab {

namespace {

RunbookBlock paragraph(const QString &text)
{
    return RunbookBlock{RunbookBlock::Kind::Paragraph, {}, text, {}};
}

RunbookBlock code(const QString &fileName, const QByteArray &body)
{
    return RunbookBlock{RunbookBlock::Kind::Code, fileName, QString::fromUtf8(body), {}};
}

RunbookBlock commands(const QString &caption, const QStringList &lines)
{
    return RunbookBlock{RunbookBlock::Kind::Commands, caption, lines.join(u'\n'), {}};
}

RunbookBlock table(const QString &caption, const QList<QStringList> &rows)
{
    return RunbookBlock{RunbookBlock::Kind::Table, caption, {}, rows};
}

RunbookBlock signOff(const QString &what)
{
    return RunbookBlock{RunbookBlock::Kind::SignOff, what, {}, {}};
}

void addTemplate(RunbookChapter &chapter, const LabPlan &plan, VcsaRole role)
{
    const Result<QByteArray> json = renderVcsaTemplate(plan, role, VcsaVersion::V67);
    if (json) {
        chapter.blocks << code(vcsaTemplateFileName(role), *json);
        // Keys no public stock template confirms: to check on the installer first.
        for (const QString &note : vcsaTemplateVerifyNotes(role, VcsaVersion::V67))
            chapter.blocks << paragraph(Tr::tr("Verify: %1").arg(note));
    } else
        chapter.blocks << paragraph(Tr::tr("The template cannot be made yet: %1").arg(json.error().message));
}

QString installCommand(VcsaRole role)
{
    // The installer verifies the target host's certificate unless told not to; skipping that
    // is the reader's choice, shown once as an option with its risk (certificateCheckNote()).
    return u"vcsa-cli-installer/lin64/vcsa-deploy install --accept-eula --acknowledge-ceip "
           u"--log-dir=logs %1"_s.arg(vcsaTemplateFileName(role));
}

RunbookBlock certificateCheckNote()
{
    return paragraph(
        Tr::tr("The installer verifies the certificate of the ESXi host or vCenter it deploys to. If that "
               "host still has a self-signed certificate, compare its SHA-256 thumbprint with the one shown "
               "on the host's console (or replace the certificate) first. Only then, and knowingly, add "
               "--no-ssl-certificate-verification to the command: with it the installer trusts whatever "
               "answers at that address, and sends it the host's and the appliance's passwords."));
}

// A Markdown code span for a file name or job title: the delimiter is one backtick more than
// the longest run inside (CommonMark 6.1), and line breaks become spaces.
QString codeSpan(const QString &title)
{
    QString inner = title;
    for (qsizetype i = 0; i < inner.size(); ++i) {
        if (isForbiddenCharacter(title, i))
            inner[i] = u' ';
    }
    qsizetype longest = 0;
    for (qsizetype i = 0, run = 0; i < inner.size(); ++i) {
        run = inner.at(i) == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString tick(longest + 1, u'`');
    const bool pad = inner.startsWith(u'`') || inner.endsWith(u'`');
    return tick + (pad ? u" "_s : QString()) + inner + (pad ? u" "_s : QString()) + tick;
}

// The lab: every name and address from the plan.
RunbookChapter labChapter(const LabPlan &plan)
{
    RunbookChapter c{
        u"lab"_s, Tr::tr("The lab"), Tr::tr("Every name and address this runbook uses, from the plan."), {}};
    QList<QStringList> rows{{Tr::tr("Item"), Tr::tr("Value")}};
    rows << QStringList{Tr::tr("DNS domain / servers"),
                        plan.dns.domain + u" / "_s + plan.dns.servers.join(u", "_s)}
         << QStringList{Tr::tr("NTP servers"), plan.ntp.servers.join(u", "_s)}
         << QStringList{Tr::tr("Management network"),
                        plan.network.cidr + u", gateway "_s + plan.network.gateway + u", port group "_s
                            + plan.network.portGroup}
         << QStringList{Tr::tr("Deployment target"),
                        plan.target.kind + u' ' + plan.target.host + u", datastore "_s
                            + plan.target.datastore}
         << QStringList{Tr::tr("SSO domain / site"), plan.sso.domain + u" / "_s + plan.sso.site};
    for (const PscNode &n : plan.psc)
        rows << QStringList{Tr::tr("PSC %1").arg(n.name), n.fqdn + u", "_s + n.ip};
    rows << QStringList{Tr::tr("Load balancer"),
                        Tr::tr("%1, VIP %2, NSIP %3, SNIP %4")
                            .arg(plan.loadBalancer.fqdn, plan.loadBalancer.vip, plan.loadBalancer.nsip,
                                 plan.loadBalancer.snip)}
         << QStringList{Tr::tr("vCenter %1").arg(plan.vcenter.name),
                        plan.vcenter.fqdn + u", "_s + plan.vcenter.ip + u", size "_s + plan.vcenter.size};
    if (plan.vcha.enabled)
        rows << QStringList{Tr::tr("VCHA network"),
                            Tr::tr("%1 (%2): active %3, passive %4, witness %5")
                                .arg(plan.vcha.network.cidr, plan.vcha.network.portGroup, plan.vcha.activeIp,
                                     plan.vcha.passiveIp, plan.vcha.witnessIp)};
    rows << QStringList{
        Tr::tr("Distributed Switch"),
        Tr::tr("%1, MTU %2, %3 uplinks")
            .arg(plan.vds.name, QString::number(plan.vds.mtu), QString::number(plan.vds.uplinks))};
    c.blocks << table(Tr::tr("Inputs"), rows)
             << paragraph(Tr::tr("Passwords are not part of this runbook: enter them where a step asks."));
    return c;
}

// Pre-checks: the recorded results, else the checks by hand.
RunbookChapter precheckChapter(const LabPlan &plan, const QByteArray &precheckResultsJson)
{
    RunbookChapter c{
        u"precheck"_s,
        Tr::tr("Pre-checks"),
        Tr::tr("DNS records both ways, ports, time and certificates, before anything is installed."),
        {}};
    const QJsonObject results = QJsonDocument::fromJson(precheckResultsJson).object();
    if (!results.isEmpty()) {
        QList<QStringList> rows{{Tr::tr("Result"), Tr::tr("Node"), Tr::tr("Check"), Tr::tr("Finding")}};
        for (const QJsonValue &v : results.value(u"results"_s).toArray()) {
            const QJsonObject r = v.toObject();
            // "no-answer" -> "NO ANSWER": the outcomes stay apart (a silent server is not a
            // missing record, a cancelled check is not a failed one).
            rows << QStringList{r.value(u"status"_s).toString().toUpper().replace(u'-', u' '),
                                r.value(u"node"_s).toString(), r.value(u"target"_s).toString(),
                                r.value(u"message"_s).toString()};
        }
        const auto count = [&results](const char *key) {
            return QString::number(results.value(QLatin1StringView(key)).toInt());
        };
        c.blocks << paragraph(
            Tr::tr("Recorded on %1: %2 checks, %3 failed, %4 warnings, %5 no answer, %6 cancelled, "
                   "%7 not run.")
                .arg(results.value(u"time"_s).toString(), count("checks"), count("failed"), count("warnings"),
                     count("noAnswer"), count("cancelled"), count("notRun")))
                 << table(Tr::tr("Results"), rows);
    } else {
        QStringList lines;
        const QString dns = plan.dns.servers.value(0);
        for (const PscNode &n : plan.psc)
            lines << u"nslookup %1 %2"_s.arg(n.fqdn, dns) << u"nslookup %1 %2"_s.arg(n.ip, dns);
        lines << u"nslookup %1 %2"_s.arg(plan.loadBalancer.fqdn, dns)
              << u"nslookup %1 %2"_s.arg(plan.vcenter.fqdn, dns)
              << u"nslookup %1 %2"_s.arg(plan.vcenter.ip, dns);
        c.blocks << commands(Tr::tr("By hand: every name forward and every address back"), lines)
                 << paragraph(Tr::tr("Or run: vlab precheck PLAN (results are added to this runbook)."))
                 << signOff(Tr::tr("Names resolve both ways; NTP answers; ports reachable"));
    }
    return c;
}

// The PSCs: the two installer templates and commands.
RunbookChapter pscChapter(const LabPlan &plan)
{
    RunbookChapter c{u"psc"_s,
                     Tr::tr("Platform Services Controllers"),
                     Tr::tr("Install the first PSC (new SSO domain and site), then the second, "
                            "replicating with the first."),
                     {}};
    addTemplate(c, plan, VcsaRole::Psc1);
    c.blocks << commands(Tr::tr("From the mounted VCSA ISO"), {installCommand(VcsaRole::Psc1)})
             << certificateCheckNote() << signOff(Tr::tr("First PSC installed"));
    addTemplate(c, plan, VcsaRole::Psc2);
    c.blocks << commands(Tr::tr("Then"), {installCommand(VcsaRole::Psc2)})
             << signOff(Tr::tr("Second PSC installed"));
    return c;
}

// The machine certificate: its request, the signing (VMCA or your CA), the check, and
// certificate-manager on each PSC.
QList<RunbookBlock> certificateBlocks(const LabPlan &plan)
{
    QList<RunbookBlock> blocks;
    const CsrRequest request = CsrRequest::fromPlan(plan);
    if (request.problem().isEmpty())
        blocks << code(QString::fromLatin1(CertFiles::Config), renderRequestConfig(request));
    blocks << commands(Tr::tr("On the first PSC, in the appliance's bash shell"),
                       {u"mkdir -p /root/certs && cd /root/certs"_s,
                        u"openssl req -new -nodes -out psc-ha-vip.csr -newkey rsa:%1 -keyout psc-ha-vip.key "
                        u"-config psc_ha_csr_cfg.cfg"_s.arg(plan.certificate.keyBits)});
    if (plan.certificate.signer == u"vmca"_s) {
        blocks << commands(Tr::tr("Option 1: signed by the VMCA"),
                           {u"openssl x509 -req -days %1 -in psc-ha-vip.csr -out psc-ha-vip.crt "
                            u"-CA /var/lib/vmware/vmca/root.cer -CAkey /var/lib/vmware/vmca/privatekey.pem "
                            u"-extensions v3_req -CAcreateserial -extfile psc_ha_csr_cfg.cfg"_s.arg(
                                plan.certificate.validityDays),
                            u"cp /var/lib/vmware/vmca/root.cer cachain.crt"_s,
                            u"cat psc-ha-vip.crt /var/lib/vmware/vmca/root.cer > psc-ha-vip-chain.crt"_s});
    } else {
        blocks << commands(Tr::tr("Option 2: signed by your CA (leaf, intermediates upward, root)"),
                           {u"cat psc-ha-vip.crt intermediate.crt root.crt > psc-ha-vip-chain.crt"_s,
                            u"cat intermediate.crt root.crt > cachain.crt"_s});
    }
    blocks << commands(
        Tr::tr("Check before applying"),
        {u"vlab cert verify --chain psc-ha-vip-chain.crt --key psc-ha-vip.key --ca cachain.crt --plan PLAN"_s})
           << paragraph(
                  Tr::tr("On each PSC in turn: copy psc-ha-vip-chain.crt, psc-ha-vip.key and cachain.crt to "
                         "/root/certs, run /usr/lib/vmware-vmca/bin/certificate-manager, choose 1 (replace "
                         "Machine SSL certificate with custom certificate), then 2 (import custom "
                         "certificate), "
                         "give the three files in that order, and confirm with Y. Wait for \"100% "
                         "Completed\"."));
    for (const PscNode &n : plan.psc)
        blocks << signOff(Tr::tr("Certificate applied on %1; https://%1 serves it").arg(n.fqdn));
    return blocks;
}

// Then the PSCs learn the load-balancer name (one place for the commands: pscendpointplan.h).
QList<RunbookBlock> pscEndpointBlocks(const LabPlan &plan)
{
    QList<RunbookBlock> blocks;
    blocks << paragraph(Tr::tr("Then point SSO and the lookup service of the PSCs at the load-balancer name "
                               "%1. Source: %2")
                            .arg(plan.loadBalancer.fqdn, pscEndpointSource()));
    if (const Result<QList<PscEndpointStep>> steps = pscEndpointSteps(plan, PscEndpointTemplates::defaults());
        steps) {
        for (const PscEndpointStep &s : *steps) {
            QStringList lines;
            if (s.needsSsoPassword)
                lines
                    << u"stty -echo; printf 'SSO password: '; IFS= read -r VLAB_SSO_PASSWORD; stty echo; echo"_s;
            lines << s.command;
            blocks << commands(Tr::tr("On %1 (%2), in bash").arg(s.nodeId, s.host), lines);
        }
        blocks << commands(Tr::tr("Or, after checking the commands"),
                           {u"vlab psc update-endpoints PLAN --yes"_s})
               << signOff(Tr::tr("SSO and the lookup service point at %1").arg(plan.loadBalancer.fqdn));
    } else {
        blocks << paragraph(steps.error().message);
    }
    return blocks;
}

// The certificate: request, signing, applying, then the load-balancer name on the PSCs.
RunbookChapter certificateChapter(const LabPlan &plan)
{
    RunbookChapter c{u"certs"_s,
                     Tr::tr("Certificate of the PSCs"),
                     Tr::tr("One machine certificate whose names cover both PSCs and the load-balancer name, "
                            "applied to both PSCs with certificate-manager."),
                     {}};
    c.blocks << certificateBlocks(plan) << pscEndpointBlocks(plan);
    return c;
}

// NetScaler: the virtual servers and the batch files.
RunbookChapter netscalerChapter(const LabPlan &plan)
{
    RunbookChapter c{u"netscaler"_s,
                     Tr::tr("NetScaler load balancing"),
                     Tr::tr("Servers, services and virtual servers for the PSC ports, with a SOURCEIP "
                            "persistency group."),
                     {}};
    if (const Result<LbConfig> lb = LbConfig::fromPlan(plan); lb) {
        QList<QStringList> rows{{Tr::tr("Virtual server"), Tr::tr("Address"), Tr::tr("Services")}};
        for (const NsVserver &v : lb->vservers) {
            QStringList services;
            for (const NsBinding &b : lb->bindings) {
                if (b.vserver == v.name)
                    services << b.service;
            }
            rows << QStringList{v.name, u"%1:%2"_s.arg(v.ip, QString::number(v.port)),
                                services.join(u", "_s)};
        }
        c.blocks << table(Tr::tr("Virtual servers"), rows)
                 << code(u"psc-lb.conf"_s, renderBatch(*lb, plan.lab.name))
                 << commands(Tr::tr("On the NetScaler CLI (after copying the file to /var/tmp)"),
                             {u"batch -fileName /var/tmp/psc-lb.conf"_s, u"show lb vserver"_s})
                 << code(u"psc-lb-rollback.conf"_s, renderRollbackBatch(*lb, plan.lab.name));
    } else {
        c.blocks << paragraph(lb.error().message);
    }
    c.blocks << signOff(Tr::tr("All six virtual servers UP; persistency group SOURCEIP %1 min")
                            .arg(plan.loadBalancer.persistence.timeoutMinutes));
    return c;
}

// vCenter: its installer template and command.
RunbookChapter vcenterChapter(const LabPlan &plan)
{
    RunbookChapter c{u"vcenter"_s,
                     Tr::tr("vCenter Server"),
                     Tr::tr("vCenter with the external PSCs behind %1.").arg(plan.loadBalancer.fqdn),
                     {}};
    addTemplate(c, plan, VcsaRole::VCenter);
    c.blocks << commands(Tr::tr("From the mounted VCSA ISO"), {installCommand(VcsaRole::VCenter)})
             << certificateCheckNote()
             << signOff(Tr::tr("vCenter installed; login through %1 works").arg(plan.loadBalancer.fqdn));
    return c;
}

// VCHA: the HA addresses and the setup in the vSphere Client.
RunbookChapter vchaChapter(const LabPlan &plan)
{
    RunbookChapter c{u"vcha"_s,
                     Tr::tr("vCenter High Availability"),
                     Tr::tr("An active, a passive and a witness node on a separate HA network."),
                     {}};
    if (plan.vcha.enabled) {
        c.blocks << table(Tr::tr("HA addresses"),
                          {{Tr::tr("Node"), Tr::tr("HA address")},
                           {Tr::tr("Active"), plan.vcha.activeIp},
                           {Tr::tr("Passive"), plan.vcha.passiveIp},
                           {Tr::tr("Witness"), plan.vcha.witnessIp}})
                 << paragraph(
                        Tr::tr(
                            "In the vSphere Client: select vCenter %1 > Configure > vCenter HA > Set Up "
                            "vCenter HA. Choose the port group %2 for the HA network, enter the three HA "
                            "addresses above (no gateway on the HA network), pick hosts and datastores for "
                            "the passive and witness nodes, and finish. The management address %3 stays "
                            "with whichever node is active.")
                            .arg(plan.vcenter.fqdn, plan.vcha.network.portGroup, plan.vcenter.ip))
                 << signOff(Tr::tr("VCHA healthy: active, passive and witness up"));
    } else {
        c.blocks << paragraph(Tr::tr("Not planned for this lab (vcha.enabled is false)."));
    }
    return c;
}

// The Distributed Switch: the govc and PowerCLI scripts.
RunbookChapter vdsChapter(const LabPlan &plan)
{
    RunbookChapter c{u"vds"_s,
                     Tr::tr("Distributed Switch"),
                     Tr::tr("The switch %1 with MTU %2 and one port group per VLAN.")
                         .arg(plan.vds.name, QString::number(plan.vds.mtu)),
                     {}};
    for (VdsScriptFormat f : {VdsScriptFormat::Govc, VdsScriptFormat::PowerCli}) {
        if (const Result<QByteArray> s = renderVdsScript(plan, f); s)
            c.blocks << code(vdsScriptFileName(f), *s);
    }
    c.blocks << signOff(Tr::tr("Switch and port groups created"));
    return c;
}

// TCP diagnostics: the states to count on a PSC and what they mean.
RunbookChapter diagChapter(const LabPlan &plan)
{
    RunbookChapter c{u"diag"_s,
                     Tr::tr("TCP diagnostics on the PSCs"),
                     Tr::tr("When PSC connections misbehave, count the TCP states on the balanced ports."),
                     {}};
    QStringList ports;
    for (int p : plan.loadBalancer.ports)
        ports << QString::number(p);
    c.blocks << commands(
        Tr::tr("On a PSC"),
        {u"ss -tan | grep -E ':(%1) ' | awk '{print $1}' | sort | uniq -c"_s.arg(ports.join(u'|')),
         u"sysctl net.ipv4.tcp_fin_timeout"_s})
             << paragraph(Tr::tr(
                    "Many CLOSE-WAIT: a program on this PSC does not close connections its peer has "
                    "closed; no kernel timer ends them, the program must be fixed or restarted. Many "
                    "FIN-WAIT-2: the peer does not close its side; net.ipv4.tcp_fin_timeout bounds them. "
                    "TIME-WAIT after active closes is normal; worry only about very large numbers."));
    return c;
}

} // namespace

Runbook buildRunbook(const LabPlan &plan, const QByteArray &precheckResultsJson, const QDateTime &created)
{
    Runbook rb;
    rb.title = Tr::tr("Runbook of lab %1").arg(plan.lab.name);
    rb.labName = plan.lab.name;
    rb.created = created;
    rb.topology = TopologyPainter(plan).toImage(1600);

    rb.chapters << labChapter(plan) << precheckChapter(plan, precheckResultsJson) << pscChapter(plan)
                << certificateChapter(plan) << netscalerChapter(plan) << vcenterChapter(plan)
                << vchaChapter(plan) << vdsChapter(plan) << diagChapter(plan);
    return rb;
}

bool addAuditChapter(Runbook &runbook, const QByteArray &auditRecordJson)
{
    const QJsonObject record = QJsonDocument::fromJson(auditRecordJson).object();
    const QJsonValue checks = record.value(u"checks"_s);
    if (!checks.isArray())
        return false;
    RunbookChapter c{u"asbuilt"_s,
                     Tr::tr("As built"),
                     Tr::tr("The lab as the as-built audit (vlab audit) found it, checked against the plan."),
                     {}};
    const QJsonObject summary = record.value(u"summary"_s).toObject();
    const auto count = [&summary](const char *key) {
        return QString::number(summary.value(QLatin1StringView(key)).toInt());
    };
    // The areas by the time they were audited last ("areaTimes": `vlab audit --only` keeps the
    // other areas' results), the oldest first; one time for all in a record without it.
    const QJsonObject areaTimes = record.value(u"areaTimes"_s).toObject();
    const QString recordTime = record.value(u"time"_s).toString();
    QMap<QString, QStringList> areasByTime;
    for (const QJsonValue &area : record.value(u"areas"_s).toArray())
        areasByTime[areaTimes.value(area.toString()).toString(recordTime)] << area.toString();
    QStringList audited;
    for (auto it = areasByTime.cbegin(); it != areasByTime.cend(); ++it)
        audited << Tr::tr("%1 (areas: %2)").arg(it.key(), it.value().join(u", "_s));
    c.blocks << paragraph(Tr::tr("Audited on %1: %2 ok, %3 drift, %4 unreachable, %5 skipped.")
                              .arg(audited.isEmpty() ? Tr::tr("%1 (areas: not recorded)").arg(recordTime)
                                                     : audited.join(Tr::tr(" and ")),
                                   count("ok"), count("drift"), count("unreachable"), count("skipped")));
    // Two columns, so that a long URL or fingerprint in "found" has the page's width.
    QList<QStringList> rows{{Tr::tr("Status"), Tr::tr("Area, target: expected, found, message")}};
    for (const QJsonValue &v : checks.toArray()) {
        const QJsonObject check = v.toObject();
        // "ok" stays lower case, everything else stands out, as `vlab audit` prints it.
        const QString status = check.value(u"status"_s).toString();
        const QString found = check.value(u"found"_s).toString();
        rows << QStringList{status == u"ok"_s ? status : status.toUpper(),
                            Tr::tr("%1, %2: expected %3, found %4. %5")
                                .arg(check.value(u"area"_s).toString(), check.value(u"target"_s).toString(),
                                     check.value(u"expected"_s).toString(),
                                     found.isEmpty() ? Tr::tr("nothing") : found,
                                     check.value(u"message"_s).toString())};
    }
    c.blocks << table(Tr::tr("Every check"), rows)
             << paragraph(Tr::tr("Run vlab audit PLAN again to refresh this chapter; the hints of the "
                                 "items that are not ok say which step fixes them."));
    runbook.chapters << c;
    return true;
}

QString runbookChapterForJob(const QString &key)
{
    const QString group = key.section(u'.', 0, 0);
    const QString rest = key.section(u'.', 1);
    if (group == u"precheck"_s)
        return u"precheck"_s;
    if (group == u"cert"_s || group == u"certs"_s
        || (group == u"psc"_s
            && (rest.startsWith(u"cert"_s) || rest.startsWith(u"shell"_s) || rest.startsWith(u"endpoint"_s))))
        return u"certs"_s;
    if (group == u"psc"_s)
        return u"psc"_s;
    if (group == u"vcsa"_s)
        return rest.contains(u"vcenter"_s) ? u"vcenter"_s : u"psc"_s;
    // The audit's TCP capture on each PSC is the Diagnostics step's own job (a whole-lab run
    // has no diagnostics step of its own); the audit's other checks are "As built" only.
    if (group == u"audit"_s && rest.startsWith(u"tcp."_s))
        return u"diag"_s;
    for (const QString &id : {u"netscaler"_s, u"vcenter"_s, u"vcha"_s, u"vds"_s, u"diag"_s}) {
        if (group == id)
            return id;
    }
    return {};
}

namespace {

// One run of one job, as the runbook lists it.
struct RecordedRun
{
    const JournalRun *run = nullptr;
    const JournalJob *job = nullptr;
    QDateTime when; // started; else finished; else the run's start
};

QString localTime(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : QString();
}

// "2026-12-07 04:02:21 - 04:02:25" (the end's date only when it differs), or only the start.
QString timeSpan(const QDateTime &start, const QDateTime &end)
{
    if (!end.isValid())
        return localTime(start);
    const QDateTime a = start.toLocalTime();
    const QDateTime b = end.toLocalTime();
    const QString to = a.date() == b.date() ? b.toString(u"HH:mm:ss"_s) : localTime(end);
    return localTime(start) + u" \u2013 "_s + to;
}

// What became of the job, for people: the state and, after a failure, why.
QString outcomeText(const RecordedRun &r)
{
    const QString &state = r.job->state;
    QString reason;
    for (const QJsonValue &v : r.job->report.value(u"evidence"_s).toArray()) {
        if (v.toObject().value(u"kind"_s).toString() == u"outcome"_s)
            reason = v.toObject().value(u"text"_s).toString();
    }
    if (state == u"succeeded"_s)
        return Tr::tr("succeeded");
    if (state == u"failed"_s)
        return reason.isEmpty() ? Tr::tr("failed") : Tr::tr("failed: %1").arg(reason);
    if (state == u"cancelled"_s)
        return reason.isEmpty() ? Tr::tr("cancelled") : Tr::tr("cancelled: %1").arg(reason);
    // Skipped after a start: the job looked and found nothing to do (a certificate already served).
    if (state == u"skipped"_s && r.job->started.isValid())
        return reason.isEmpty() ? Tr::tr("skipped, nothing to do")
                                : Tr::tr("skipped, nothing to do: %1").arg(reason);
    if (state == u"skipped"_s)
        return reason.isEmpty() ? Tr::tr("skipped (not run)") : Tr::tr("skipped (not run): %1").arg(reason);
    // Still "running" in the journal: the run was cut off while the job ran.
    if (!r.run->interruptedBy.isEmpty())
        return Tr::tr("interrupted (%1); what it did on the lab is unknown").arg(r.run->interruptedBy);
    return Tr::tr("interrupted (the program stopped); what it did on the lab is unknown");
}

QStringList filesOf(const JournalJob &job)
{
    QStringList files;
    for (const QJsonValue &v : job.report.value(u"evidence"_s).toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value(u"kind"_s).toString() == u"file"_s)
            files << e.value(u"text"_s).toString();
    }
    return files;
}

} // namespace

void addJournalEvidence(Runbook &runbook, const RunJournal &journal)
{
    constexpr qsizetype kDetailLimit = 1500; // per evidence entry
    constexpr qsizetype kJobLimit = 60000;   // per job, so one chatty job cannot swamp the book
    // Every run of every job that began (the jobs a resume skipped as done earlier are the
    // earlier run's record), in the order they began.
    QList<RecordedRun> runs;
    for (const JournalRun &run : journal.runs) {
        for (const JournalJob &job : run.jobs) {
            if (job.state == u"pending"_s || job.state == u"done-earlier"_s)
                continue;
            const QDateTime when = job.started.isValid() ? job.started
                : job.finished.isValid()                 ? job.finished
                                                         : run.started;
            runs.append(RecordedRun{&run, &job, when});
        }
    }
    std::stable_sort(runs.begin(), runs.end(),
                     [](const RecordedRun &a, const RecordedRun &b) { return a.when < b.when; });
    for (RunbookChapter &chapter : runbook.chapters) {
        QList<RecordedRun> mine;
        for (const RecordedRun &r : std::as_const(runs)) {
            if (runbookChapterForJob(r.job->key) == chapter.id)
                mine.append(r);
        }
        if (mine.isEmpty())
            continue;
        // Four columns, so none is squeezed until words break in the PDF; the files a run
        // wrote head its evidence below.
        QList<QStringList> rows{{Tr::tr("When"), Tr::tr("Job"), Tr::tr("Where"), Tr::tr("Outcome")}};
        QList<RunbookBlock> evidence;
        bool succeeded = false;
        for (const RecordedRun &r : std::as_const(mine)) {
            const JournalJob *job = r.job;
            succeeded = succeeded || job->state == u"succeeded"_s;
            rows << QStringList{timeSpan(r.when, job->finished), job->title,
                                job->target.isEmpty() ? Tr::tr("this computer") : job->target,
                                outcomeText(r)};
            QString text;
            for (const QString &file : filesOf(*job))
                text += Tr::tr("File: %1").arg(file) + u'\n';
            for (const QJsonValue &v : job->report.value(u"evidence"_s).toArray()) {
                const QJsonObject e = v.toObject();
                const QDateTime when =
                    QDateTime::fromString(e.value(u"time"_s).toString(), Qt::ISODateWithMs);
                text += when.toLocalTime().toString(u"HH:mm:ss"_s) + u"  "_s + e.value(u"kind"_s).toString()
                    + u"  "_s + e.value(u"text"_s).toString() + u'\n';
                QString detail = e.value(u"detail"_s).toString();
                if (detail.size() > kDetailLimit)
                    detail =
                        detail.left(kDetailLimit) + Tr::tr(" ... (%1 characters in all)").arg(detail.size());
                if (!detail.isEmpty())
                    text += u"    "_s + detail.replace(u'\n', u"\n    "_s) + u'\n';
                if (text.size() > kJobLimit) {
                    text += Tr::tr("... (the rest is in the run journal)\n");
                    break;
                }
            }
            // What the job found or did per item (NetScaler objects: created, UP, removed ...).
            for (const QJsonValue &v : job->report.value(u"children"_s).toArray()) {
                const QJsonObject child = v.toObject();
                const QString why = child.value(u"description"_s).toString();
                text += u"  "_s + child.value(u"title"_s).toString() + u": "_s
                    + child.value(u"outcome"_s).toString() + (why.isEmpty() ? QString() : u" - "_s + why)
                    + u'\n';
                if (text.size() > kJobLimit)
                    break;
            }
            if (job->report.value(u"evidence"_s).toArray().isEmpty()
                && job->report.value(u"children"_s).toArray().isEmpty())
                text += Tr::tr("(nothing recorded: the run was cut off)\n");
            evidence << RunbookBlock{
                RunbookBlock::Kind::Code,
                Tr::tr("Evidence: %1 (%2, %3)").arg(job->title, localTime(r.when), outcomeText(r)),
                text,
                {}};
        }
        // A run that succeeded replaces the sign-off lines of doing it by hand; failed, cancelled
        // or interrupted runs leave them for the person who finishes the step.
        if (succeeded)
            chapter.blocks.removeIf(
                [](const RunbookBlock &b) { return b.kind == RunbookBlock::Kind::SignOff; });
        chapter.blocks
            << RunbookBlock{RunbookBlock::Kind::Paragraph,
                            {},
                            Tr::tr("Run live by vLab Wizard: every run of this step, oldest first, with what "
                                   "was sent and what came back (passwords are never recorded)."),
                            {}}
            << RunbookBlock{RunbookBlock::Kind::Table, Tr::tr("Recorded runs"), {}, rows} << evidence;
    }
}

QByteArray runbookToMarkdown(const Runbook &rb)
{
    // Every text of the runbook is plain text (plan values, peers' replies, translations):
    // markdownText() keeps it from becoming markup, and each code block gets a fence longer
    // than any run of backticks inside it.
    const auto text = [](const QString &t) {
        return markdownText(t);
    };
    QString md = u"# "_s + text(rb.title) + u"\n\n"_s
        + text(Tr::tr("Created %1 by vLab Wizard.").arg(rb.created.toString(Qt::ISODate)))
        + u"\n\n![Topology](topology.png)\n\n## "_s + text(Tr::tr("Contents")) + u"\n\n"_s;
    for (qsizetype i = 0; i < rb.chapters.size(); ++i)
        md += u"%1. %2\n"_s.arg(QString::number(i + 1), text(rb.chapters.at(i).title));
    for (qsizetype i = 0; i < rb.chapters.size(); ++i) {
        const RunbookChapter &c = rb.chapters.at(i);
        md += u"\n## %1. %2\n\n%3\n"_s.arg(QString::number(i + 1), text(c.title), text(c.purpose));
        for (const RunbookBlock &b : c.blocks) {
            switch (b.kind) {
            case RunbookBlock::Kind::Paragraph:
                md += u'\n' + text(b.text) + u'\n';
                break;
            case RunbookBlock::Kind::Table: {
                md += u"\n**"_s + text(b.title) + u"**\n\n"_s;
                for (qsizetype r = 0; r < b.rows.size(); ++r) {
                    QStringList cells = b.rows.at(r);
                    for (QString &cell : cells)
                        cell = text(cell);
                    md += u"| "_s + cells.join(u" | "_s) + u" |\n"_s;
                    if (r == 0)
                        md += u"|"_s + QStringList(cells.size(), u"---"_s).join(u'|') + u"|\n"_s;
                }
                break;
            }
            case RunbookBlock::Kind::Code: {
                const QString body = b.text.endsWith(u'\n') ? b.text : b.text + u'\n';
                const QString fence = markdownFence(body);
                md += u"\n"_s + codeSpan(b.title) + u":\n\n"_s + fence + u'\n' + body + fence + u'\n';
                break;
            }
            case RunbookBlock::Kind::Commands: {
                const QString fence = markdownFence(b.text);
                md +=
                    u"\n"_s + text(b.title) + u":\n\n"_s + fence + u"sh\n"_s + b.text + u'\n' + fence + u'\n';
                break;
            }
            case RunbookBlock::Kind::SignOff:
                md += u"\n- [ ] "_s + text(b.title) + u" - done by: ________ date: ________\n"_s;
                break;
            }
        }
    }
    return md.toUtf8();
}

Result<void> writeRunbookPdf(const Runbook &rb, const QString &path)
{
    const auto esc = [](const QString &s) {
        return s.toHtmlEscaped();
    };
    const auto chapterHeading = [](qsizetype i, const RunbookChapter &c) {
        return u"%1. %2"_s.arg(QString::number(i + 1), c.title);
    };
    // pages: the page of each chapter (empty: not known yet; the contents then has
    // placeholders of the same width, so adding the numbers moves nothing).
    const auto buildHtml = [&](const QList<int> &pages) {
        QString html = u"<html><body>"_s;
        html += u"<h1 style='font-size:24pt'>%1</h1><p>%2</p>"_s.arg(
            esc(rb.title), esc(Tr::tr("Created %1 by vLab Wizard.").arg(rb.created.toString(Qt::ISODate))));
        // Both sides given: with the width alone, the height came out of the screen's DPI in the
        // wizard (a squashed picture) but not in the CLI.
        const int pictureHeight = rb.topology.isNull() || rb.topology.width() == 0
            ? 0
            : qRound(640.0 * rb.topology.height() / rb.topology.width());
        html += u"<p><img src='vlab:topology.png' width='640' height='%1'></p>"_s.arg(pictureHeight);
        html +=
            u"<h2>%1</h2><table width='100%' cellspacing='0' cellpadding='1'>"_s.arg(esc(Tr::tr("Contents")));
        for (qsizetype i = 0; i < rb.chapters.size(); ++i) {
            const QString page = i < pages.size() ? QString::number(pages.at(i)) : u"00"_s;
            html += u"<tr><td>%1</td><td align='right'>%2</td></tr>"_s.arg(
                esc(chapterHeading(i, rb.chapters.at(i))), page);
        }
        html += u"</table>"_s;
        for (qsizetype i = 0; i < rb.chapters.size(); ++i) {
            const RunbookChapter &c = rb.chapters.at(i);
            html += u"<h2 style='page-break-before:always'>%1</h2><p><i>%2</i></p>"_s.arg(
                esc(chapterHeading(i, c)), esc(c.purpose));
            for (const RunbookBlock &b : c.blocks) {
                switch (b.kind) {
                case RunbookBlock::Kind::Paragraph:
                    html += u"<p>%1</p>"_s.arg(esc(b.text));
                    break;
                case RunbookBlock::Kind::Table:
                    html +=
                        u"<p><b>%1</b></p><table border='1' cellspacing='0' cellpadding='3' width='100%'>"_s
                            .arg(esc(b.title));
                    for (qsizetype r = 0; r < b.rows.size(); ++r) {
                        html += u"<tr>"_s;
                        for (const QString &cell : b.rows.at(r)) {
                            // A cell of one word (a host, an address, a state) keeps it whole:
                            // its column is made at least that wide, instead of the word
                            // breaking ("vc.lab.tes" / "t").
                            const bool oneWord = !cell.contains(u' ') && cell.size() <= 64;
                            html += (r == 0        ? u"<th>%1</th>"_s
                                         : oneWord ? u"<td style='white-space:nowrap'>%1</td>"_s
                                                   : u"<td>%1</td>"_s)
                                        .arg(esc(cell));
                        }
                        html += u"</tr>"_s;
                    }
                    html += u"</table>"_s;
                    break;
                case RunbookBlock::Kind::Code:
                case RunbookBlock::Kind::Commands:
                    html +=
                        u"<p><b>%1</b></p><pre style='font-family:monospace; font-size:7pt; white-space:pre-wrap'>%2</pre>"_s
                            .arg(esc(b.title), esc(b.text));
                    break;
                case RunbookBlock::Kind::SignOff:
                    html += u"<p>&#9744; %1 &mdash; %2</p>"_s.arg(
                        esc(b.title), esc(Tr::tr("done by: ____________  date: ____________")));
                    break;
                }
            }
        }
        html += u"</body></html>"_s;
        return html;
    };

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(u"runbook.write"_s, Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    {
        QPdfWriter pdf(&file);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setResolution(300);
        pdf.setTitle(rb.title);
        pdf.setCreator(u"vLab Wizard"_s);
        QFont font;
        font.setPointSizeF(9.5);
        // Non-default letter spacing makes Qt skip ligatures, so "fi" in "Certificate" stays
        // two letters and the text remains searchable (Qt 6.4 has no font-feature switch).
        font.setLetterSpacing(QFont::PercentageSpacing, 100.01);
        const auto makeDocument = [&](QTextDocument &doc, const QList<int> &pages) {
            doc.setDefaultFont(font);
            doc.addResource(QTextDocument::ImageResource, QUrl(u"vlab:topology.png"_s), rb.topology);
            doc.setHtml(buildHtml(pages));
        };

        // The document is laid out once on A4 pages of its own (96 dpi layout units, 2 cm
        // margins), so the page each chapter starts on is known exactly; the contents gets
        // those numbers (placeholders of the same width were laid out, so nothing moves) and
        // the pages are drawn onto the writer, scaled to its resolution, each with its number.
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        constexpr qreal kLayoutDpi = 96.0;
        const qreal scale = pdf.logicalDpiY() / kLayoutDpi;
        const QSizeF page(pdf.width() / scale, pdf.height() / scale);
        const qreal margin = 2 / 2.54 * kLayoutDpi;
        const auto layOut = [&](QTextDocument &doc, const QList<int> &pages) {
            makeDocument(doc, pages);
            QTextFrameFormat frame = doc.rootFrame()->frameFormat();
            frame.setMargin(margin);
            doc.rootFrame()->setFrameFormat(frame);
            doc.setPageSize(page);
        };
        const auto chapterPages = [&](const QTextDocument &doc) {
            QList<int> pages;
            for (QTextBlock block = doc.begin(); block.isValid() && pages.size() < rb.chapters.size();
                 block = block.next()) {
                if (QTextCursor(block).currentTable()) // the contents lists the same headings
                    continue;
                if (block.text() == chapterHeading(pages.size(), rb.chapters.at(pages.size())))
                    pages.append(int(doc.documentLayout()->blockBoundingRect(block).top() / page.height())
                                 + 1);
            }
            return pages.size() == rb.chapters.size() ? pages : QList<int>();
        };
        QTextDocument probe;
        layOut(probe, {});
        QTextDocument doc;
        layOut(doc, chapterPages(probe));

        QPainter painter;
        if (!painter.begin(&pdf))
            return makeError(u"runbook.write"_s,
                             Tr::tr("Cannot write %1: the PDF writer did not start.").arg(path));
        painter.scale(scale, scale);
        QFont numberFont = font;
        numberFont.setPixelSize(qRound(font.pointSizeF() * kLayoutDpi / 72)); // in layout units
        painter.setFont(numberFont);
        for (int i = 0; i < doc.pageCount(); ++i) {
            if (i > 0)
                pdf.newPage();
            painter.save();
            painter.translate(0, -i * page.height());
            doc.drawContents(&painter, QRectF(0, i * page.height(), page.width(), page.height()));
            painter.restore();
            painter.drawText(QRectF(0, page.height() - margin * 0.75, page.width() - margin, margin * 0.5),
                             Qt::AlignRight | Qt::AlignVCenter, QString::number(i + 1));
        }
        painter.end();
    }
    if (!file.commit())
        return makeError(u"runbook.write"_s, Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace vlab
