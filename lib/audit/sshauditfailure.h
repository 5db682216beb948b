#pragma once
// What an SSH job's error means for an audit item (the `tcp` and `psc` areas): nothing
// answered (unreachable), a refused login or a changed host key (drift), or not checked
// (skipped: an unknown host key, which the audit never records, a cancel, a login shell that
// cannot run the commands), with the hint that fixes it.

#include "audit/auditresult.h"
#include "core/result.h"
#include "remote/sshsession.h"

namespace vlab {

// `item` carries area, target and expected; status, message, found and hint are set here.
AuditResult sshAuditFailure(AuditResult item, const Error &error, const SshConnectOptions &connection);

} // namespace vlab
