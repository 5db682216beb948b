#pragma once
// The `tcp` area of the audit: the Diagnostics step's own job (TcpDiagJob over SSH, the
// command `vlab diag tcp --ssh` runs) on each PSC, its report judged by the diagnostics' own
// thresholds (CLOSE_WAIT 10, FIN_WAIT_2 10, TIME_WAIT 1000, other short-lived states 20 per
// port). The host key must be recorded in the project's known_hosts already: the audit never
// records one, so an unknown key sends nothing and the PSC is not checked.

#include "audit/auditresult.h"
#include "plan/labplan.h"

namespace vlab {

class TcpDiagJob;

// No pile-up: one ok item for the PSC, with the states counted on the planned ports. Each
// pile-up: one drift item "FQDN port N STATE" with the count, the threshold and the
// diagnostics' explanation and advice. A PSC that does not answer is unreachable; a refused
// login or a changed host key is drift; an unknown host key (or a shell that cannot run ss or
// netstat) is skipped, saying how to fix it.
QList<AuditResult> tcpAuditResults(const TcpDiagJob &job, const PscNode &node);

} // namespace vlab
