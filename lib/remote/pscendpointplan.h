#pragma once
// PscEndpointPlan: the step after "Apply certificates" that points SSO and the lookup service of
// the PSCs at the load-balancer name. VMware's procedure for PSC high availability behind a
// NetScaler (knowledge-base article 2147014, "Configuring Netscaler Load Balancer for use with
// vSphere Platform Services Controller (PSC) 6.5", which the vSphere 6.7 Availability guide
// names for 6.7) runs a script on every PSC and one more on one PSC. The exact script paths,
// flags and output are NOT confirmed by any public source (docs/sources.md, "PSC behind a load
// balancer"), so the commands come from here only, as defaults the person sees, can change
// (each template), and approves before anything runs; a command's result is its exit status.
//
// Templates: {lb} is the load-balancer FQDN, {user} the SSO administrator, {password} the SSO
// password, which is never written into a command: it becomes "$VLAB_SSO_PASSWORD", a shell
// variable the step reads from the terminal without echo.

#include "core/result.h"
#include "plan/labplan.h"
#include "remote/sshsession.h"

#include <QList>
#include <QMap>

#include <chrono>

namespace vlab {

class Job;

struct PscEndpointTemplates
{
    QString eachPsc; // runs on every PSC, in plan order
    QString onePsc;  // then on the first PSC only
    // The defaults as remembered from KB 2147014: unconfirmed, to verify.
    static PscEndpointTemplates defaults();
    bool operator==(const PscEndpointTemplates &) const = default;
};

// Where the defaults come from, for people (the page, the CLI, the runbook).
QString pscEndpointSource();

struct PscEndpointStep
{
    qsizetype pscIndex = 0;
    QString nodeId;  // psc01
    QString host;    // the SSH host: the PSC's IP, else its FQDN
    QString command; // the shell line; the password only as "$VLAB_SSO_PASSWORD"
    bool needsSsoPassword = false;
};

// The steps for the plan: eachPsc on every PSC, then onePsc on the first. Fails, naming the
// field, without a load-balancer FQDN or PSCs, and on an empty template or a placeholder
// other than {lb}, {user}, {password}. Code: "psc.endpoint".
Result<QList<PscEndpointStep>> pscEndpointSteps(const LabPlan &plan, const PscEndpointTemplates &templates);

// The plan-only output: a shell script that says on which host each command runs (by hand:
// one ssh session per PSC), with the source and "verify" on top.
Result<QByteArray> renderPscEndpointScript(const LabPlan &plan, const PscEndpointTemplates &templates);

struct PscEndpointSettings
{
    QString user = QStringLiteral("root");
    int sshPort = 22;
    SshCredentials credentials;
    QString knownHostsFile;
    QMap<QString, QString> acceptFingerprints; // by node id; "" for any node
    QString ssoPassword;                       // only for a step that needs it; never in evidence
    std::chrono::milliseconds connectTimeout{15000};
    std::chrono::milliseconds runTimeout{std::chrono::minutes(10)};
};

// One job per step, keys "psc.endpoint.<n>.<node>", each changing the lab; run one after another.
QList<Job *> makePscEndpointJobs(const QList<PscEndpointStep> &steps, const PscEndpointSettings &settings);

} // namespace vlab
