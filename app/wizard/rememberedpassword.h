#pragma once
// Passwords that worked come back: a page fills an empty password field with the one kept for
// this lab, role and account, and keeps a password once work that used it succeeded. Kept in
// the OS keychain, or in this process's memory where there is none (see SecretStore); never in
// the plan, the project or a log. What is kept is what the work used, captured when it
// started, not what the fields hold when it ends.

#include "secrets/secretstore.h"

class QLineEdit;

namespace vlab {

// Fills the field, later (the store answers asynchronously), with the password kept for
// (lab, role, account), if the store has one and the field is still empty then. No store:
// nothing.
void recallPassword(SecretStore *store, QLineEdit *field, const QString &lab, SecretRole role,
                    const QString &account = {});

// Keeps a password that worked for (lab, role, account); an empty one keeps nothing.
void keepPassword(SecretStore *store, const QString &password, const QString &lab, SecretRole role,
                  const QString &account = {});

// "user@host": the account part of a key for a password that belongs to one login.
QString passwordAccount(const QString &user, const QString &host);

// The placeholder of a password field: where a password is remembered once it worked.
QString rememberedPasswordHint(const SecretStore *store);
// Sets that placeholder on `field`, and sets it again when the keychain turns out to be
// unavailable (the field never promises a keychain there is not).
void showRememberedPasswordHint(QLineEdit *field, SecretStore *store);

} // namespace vlab
