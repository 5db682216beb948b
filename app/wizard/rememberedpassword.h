#pragma once
// Passwords that worked come back: a page fills an empty password field with the one kept for
// this lab and role, and keeps a password once work that used it succeeded. Kept in the OS
// keychain, or in this process's memory where there is none (see SecretStore); never in the
// plan, the project or a log.

#include "secrets/secretstore.h"

class QLineEdit;

namespace vlab {

// Fills the field, later (the store answers asynchronously), with the password kept for
// (lab, role), if the store has one and the field is still empty then. No store: nothing.
void recallPassword(SecretStore *store, QLineEdit *field, const QString &lab, SecretRole role);

// Keeps the field's password for (lab, role); an empty field keeps nothing.
void keepPassword(SecretStore *store, const QLineEdit *field, const QString &lab, SecretRole role);

// The placeholder of a password field: where a password is remembered once it worked.
QString rememberedPasswordHint(const SecretStore *store);

} // namespace vlab
