#include "remote/pscendpointplan.h"

#include "core/quoting.h"
#include "core/tr.h"
#include "remote/certreplacementplan.h"
#include "remote/pscendpointjob.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vlab {

PscEndpointTemplates PscEndpointTemplates::defaults()
{
    // KB 2147014 (unconfirmed, see the header): on each PSC the SSO configuration, then on one
    // PSC the lookup service's endpoints.
    return PscEndpointTemplates{
        u"python /usr/lib/vmware-sso/bin/updateSSOConfig.py --lb-fqdn={lb}"_s,
        u"python /usr/lib/vmware-sso/bin/UpdateLsEndpoint.py --lb-fqdn={lb} --user={user} "
        u"--password={password}"_s};
}

QString pscEndpointSource()
{
    return Tr::tr(
        "VMware KB 2147014 (Configuring Netscaler Load Balancer for use with vSphere Platform Services "
        "Controller 6.5, named for 6.7 by the vSphere 6.7 Availability guide). The script paths, flags "
        "and order are not confirmed by a public copy: verify them against the article before you "
        "approve.");
}

namespace {

Result<QString> fill(const QString &text, const QString &which, const LabPlan &plan, bool *needsPassword)
{
    if (text.trimmed().isEmpty())
        return makeError(u"psc.endpoint"_s, Tr::tr("The %1 command is empty.").arg(which));
    static const QRegularExpression placeholder(u"\\{([^{}]*)\\}"_s);
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (name != u"lb"_s && name != u"user"_s && name != u"password"_s)
            return makeError(
                u"psc.endpoint"_s,
                Tr::tr("The %1 command has the placeholder {%2}; only {lb}, {user} and {password} "
                       "are filled in.")
                    .arg(which, name));
    }
    *needsPassword = text.contains(u"{password}"_s);
    QString out = text;
    out.replace(u"{lb}"_s, shellQuote(plan.loadBalancer.fqdn));
    out.replace(u"{user}"_s, shellQuote(u"administrator@"_s + plan.sso.domain));
    out.replace(u"{password}"_s, u"\"$VLAB_SSO_PASSWORD\""_s);
    return out;
}

} // namespace

Result<QList<PscEndpointStep>> pscEndpointSteps(const LabPlan &plan, const PscEndpointTemplates &templates)
{
    if (plan.loadBalancer.fqdn.isEmpty())
        return makeError(u"psc.endpoint"_s,
                         Tr::tr("loadBalancer.fqdn is empty: the PSCs need the load-balancer "
                                "name to point at."));
    if (plan.psc.isEmpty())
        return makeError(u"psc.endpoint"_s, Tr::tr("psc: the plan has no PSC."));
    if (plan.sso.domain.isEmpty())
        return makeError(u"psc.endpoint"_s, Tr::tr("sso.domain is empty."));
    bool eachNeeds = false, oneNeeds = false;
    const Result<QString> each = fill(templates.eachPsc, Tr::tr("every-PSC"), plan, &eachNeeds);
    if (!each)
        return each.error();
    const Result<QString> one = fill(templates.onePsc, Tr::tr("first-PSC"), plan, &oneNeeds);
    if (!one)
        return one.error();
    QList<PscEndpointStep> steps;
    const auto host = [&](qsizetype i) {
        return plan.psc.at(i).ip.isEmpty() ? plan.psc.at(i).fqdn : plan.psc.at(i).ip;
    };
    for (qsizetype i = 0; i < plan.psc.size(); ++i)
        steps << PscEndpointStep{i, pscNodeId(i), host(i), *each, eachNeeds};
    steps << PscEndpointStep{0, pscNodeId(0), host(0), *one, oneNeeds};
    return steps;
}

Result<QByteArray> renderPscEndpointScript(const LabPlan &plan, const PscEndpointTemplates &templates)
{
    const Result<QList<PscEndpointStep>> steps = pscEndpointSteps(plan, templates);
    if (!steps)
        return steps.error();
    QStringList lines;
    // A file for a person to follow; ASCII English like the other generated files.
    // Plan values reach comments only through lineComment(): a comment always ends on its line.
    lines << lineComment(u"Point SSO and the lookup service of the PSCs at the load-balancer name %1,"_s.arg(
        plan.loadBalancer.fqdn))
          << u"# after the machine certificate was replaced on every PSC (written by vLab Wizard)."_s
          << u"# Source: VMware KB 2147014. VERIFY these commands against the article first: the script"_s
          << u"# paths and flags are not confirmed by a public copy."_s
          << u"# Run each block in an SSH session to the host it names (root, bash as the login shell)."_s;
    for (const PscEndpointStep &s : *steps) {
        lines << QString() << lineComment(u"On %1 (%2):"_s.arg(s.nodeId, s.host));
        if (s.needsSsoPassword)
            lines
                << u"stty -echo; printf 'SSO password: '; IFS= read -r VLAB_SSO_PASSWORD; stty echo; echo"_s;
        lines << s.command;
    }
    return (lines.join(u'\n') + u'\n').toUtf8();
}

QList<Job *> makePscEndpointJobs(const QList<PscEndpointStep> &steps, const PscEndpointSettings &settings)
{
    QList<Job *> jobs;
    int n = 0;
    for (const PscEndpointStep &step : steps) {
        PscEndpointRequest r;
        r.step = step;
        r.connection.endpoint = SshEndpoint{settings.user, step.host, settings.sshPort};
        r.connection.knownHostsFile = settings.knownHostsFile;
        r.connection.acceptFingerprint =
            settings.acceptFingerprints.value(step.nodeId, settings.acceptFingerprints.value(QString()));
        r.connection.timeout = settings.connectTimeout;
        r.credentials = settings.credentials;
        r.ssoPassword = step.needsSsoPassword ? settings.ssoPassword : QString();
        r.runTimeout = settings.runTimeout;
        auto *job = new PscEndpointJob(r);
        job->setKey(u"psc.endpoint.%1.%2"_s.arg(QString::number(++n), step.nodeId));
        job->setPlannedChanges(r.connection.endpoint.toString(), {Tr::tr("Run: %1").arg(step.command)});
        jobs << job;
    }
    return jobs;
}

} // namespace vlab
