#include "audit/sshauditfailure.h"

#include "core/tr.h"
#include "remote/hostkeys.h"

using namespace Qt::StringLiterals;

namespace vlab {

AuditResult sshAuditFailure(AuditResult a, const Error &e, const SshConnectOptions &connection)
{
    const SshEndpoint &endpoint = connection.endpoint;
    a.message = e.message;
    if (e.code == u"hostkey.not-confirmed"_s) {
        const QString fingerprint = fingerprintToConfirm(e);
        a.status = AuditStatus::Skipped;
        a.message = Tr::tr("Not checked: the host key of %1 is not recorded in %2, and the audit records "
                           "none.")
                        .arg(endpoint.toString(), connection.knownHostsFile);
        a.hint = Tr::tr("Compare the fingerprint %1 with the one the PSC's administrator gives you, then "
                        "record it once: vlab diag tcp --ssh %2 --plan PLAN --accept-host-key %1.")
                     .arg(fingerprint.isEmpty() ? Tr::tr("(see vlab diag tcp)") : fingerprint,
                          endpoint.toString());
    } else if (e.code.startsWith(u"hostkey."_s) && e.code != u"hostkey.no-file"_s
               && e.code != u"hostkey.read"_s) {
        // A recorded key that differs now: nothing was sent.
        a.status = AuditStatus::Drift;
        a.found = e.details;
        a.hint = Tr::tr("Find out why the PSC's host key changed before recording the new one.");
    } else if (e.code == u"ssh.auth"_s || e.code == u"ssh.key"_s) {
        a.status = AuditStatus::Drift;
        a.hint = Tr::tr("Check the SSH user and its password (VLAB_ROOT_PASSWORD) or key (--identity).");
    } else if (e.code == u"ssh.connect"_s || e.code == u"ssh.timeout"_s || e.code == u"ssh.dropped"_s
               || e.code == u"job.timeout"_s) {
        a.status = AuditStatus::Unreachable;
        a.hint = Tr::tr("Check that the PSC is up, that SSH is enabled on it and that %1 is its address.")
                     .arg(endpoint.host);
    } else {
        // Cancelled, no known_hosts file, a login shell that cannot run the commands, output
        // that does not parse: not checked.
        a.status = AuditStatus::Skipped;
        a.message = Tr::tr("Not checked: %1").arg(e.message);
        if (e.code == u"diag.remote"_s || e.code == u"audit.psc.shell"_s)
            a.hint = Tr::tr("Make bash the login shell of %1 on the PSC (chsh -s /bin/bash %1).")
                         .arg(endpoint.user);
    }
    return a;
}

} // namespace vlab
