#pragma once
// Values of a plan derived from others: the certificate's common name is the load-balancer
// name, and its subject alternative names are every PSC name plus the load-balancer name
// (domain-facts: one machine certificate for both PSCs and the VIP name). A derived value
// follows its source through an edit as long as the user has not changed it by hand, so that
// renaming the load balancer or adding a PSC keeps the plan valid.

#include "plan/labplan.h"

namespace vlab {

// The common name the certificate should have: the load-balancer FQDN.
QString derivedCommonName(const LabPlan &plan);
// The names the certificate should cover: every PSC FQDN, then the load-balancer FQDN
// (empty names left out).
QStringList derivedSubjectAltNames(const LabPlan &plan);

// Carries the derived values of `before` over to `after` (the same plan after one edit):
// - the CN follows the load-balancer name if it was equal to it before (ignoring case) and
//   the edit did not change the CN itself;
// - in the SAN list, unless the edit changed the list itself, a source's old name is
//   replaced by its new one where it stands, a new PSC's name is appended, and a removed
//   PSC's name is dropped. Names the user added by hand stay; a name the user removed by
//   hand is not put back when its source is renamed.
void followDerivedValues(const LabPlan &before, LabPlan &after);

} // namespace vlab
