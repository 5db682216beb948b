#pragma once
// The appliance password policy (vCenter/PSC root and SSO administrator): 8-20 characters,
// at least one upper-case letter, one lower-case letter, one digit and one special
// character, ASCII only, no spaces. Used wherever a secret is typed.

#include <QStringList>

namespace vlab {

// Empty when the password is acceptable; otherwise one sentence per broken rule. The
// sentences never quote the password.
QStringList passwordProblems(const QString &password);

} // namespace vlab
