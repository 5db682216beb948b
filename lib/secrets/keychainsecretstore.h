#pragma once
// KeychainSecretStore: secrets in the operating system's keychain through QtKeychain (Secret
// Service or KWallet on Linux, the Credential Manager on Windows, the Keychain on macOS).
//
// Where no keychain answers (a Linux machine without a running Secret Service or KWallet,
// a session without a D-Bus bus) the first failing call switches the store to memory for
// the rest of the run, logs that once and emits fallbackActivated() once. The secret is
// never written anywhere else: QtKeychain's plain-text "insecure fallback" stays off.

#include "memorysecretstore.h"
#include "secretstore.h"

namespace QKeychain {
class Job;
}

namespace vlab {

class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(const QString &service, QObject *parent = nullptr);

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &secret, QObject *context, DoneCallback done) override;
    void remove(const QString &key, QObject *context, DoneCallback done) override;
    bool isPersistent() const override { return !m_fellBack; }

    bool hasFallenBack() const { return m_fellBack; }
    QString fallbackReason() const { return m_fallbackReason; }

private:
    // True when the job failed because there is no keychain to talk to (as opposed to a
    // missing entry or a user who said no); switches to memory in that case.
    bool fallBackIfUnavailable(const QKeychain::Job *job);
    void startJob(QKeychain::Job *job, QObject *context, std::function<void(QKeychain::Job *)> finished);

    QString m_service;
    MemorySecretStore m_memory;
    bool m_fellBack = false;
    QString m_fallbackReason;
};

} // namespace vlab
