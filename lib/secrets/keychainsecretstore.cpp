#include "keychainsecretstore.h"

#include "core/tr.h"

#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace vlab {

Q_LOGGING_CATEGORY(lcSecrets, "vlab.secrets")

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{
}

bool KeychainSecretStore::fallBackIfUnavailable(const QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::AccessDenied:
    case QKeychain::OtherError:
        break;
    default:
        return false;
    }
    if (!m_fellBack) {
        m_fellBack = true;
        // QtKeychain's messages name the backend and the D-Bus failure, never the secret.
        static const char *const kinds[] = {"no error",           "entry not found", "could not delete",
                                            "denied by the user", "access denied",   "no keychain service",
                                            "not implemented",    "other error"};
        const int code = int(job->error());
        m_fallbackReason = u"%1: %2"_s.arg(
            QString::fromLatin1(code >= 0 && code < int(std::size(kinds)) ? kinds[code] : "error"),
            job->errorString());
        qCWarning(lcSecrets).noquote()
            << u"No keychain is available (%1): passwords are kept in memory "
               u"for this run only and asked for again next time."_s.arg(m_fallbackReason);
        Q_EMIT fallbackActivated(m_fallbackReason);
    }
    return true;
}

void KeychainSecretStore::startJob(QKeychain::Job *job, QObject *context,
                                   std::function<void(QKeychain::Job *)> finished)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, context, std::move(finished));
    job->start();
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    if (m_fellBack) {
        m_memory.read(key, context, std::move(done));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    startJob(job, context, [this, key, done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError) {
            done(static_cast<QKeychain::ReadPasswordJob *>(finished)->textData());
        } else if (finished->error() == QKeychain::EntryNotFound) {
            done(makeError(QString::fromUtf16(kSecretNotFound),
                           Tr::tr("No password is stored for %1.").arg(key)));
        } else if (fallBackIfUnavailable(finished)) {
            done(m_memory.readNow(key));
        } else {
            done(makeError(u"secrets.read"_s,
                           Tr::tr("The keychain did not give the password for %1.").arg(key),
                           finished->errorString()));
        }
    });
}

void KeychainSecretStore::write(const QString &key, const QString &secret, QObject *context,
                                DoneCallback done)
{
    if (m_fellBack) {
        m_memory.write(key, secret, context, std::move(done));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(secret);
    // The job holds the only other copy; if the keychain fails, the memory store takes it.
    startJob(job, context, [this, key, secret, done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError) {
            done(Result<void>());
        } else if (fallBackIfUnavailable(finished)) {
            m_memory.writeNow(key, secret);
            done(Result<void>());
        } else {
            done(makeError(u"secrets.write"_s,
                           Tr::tr("The keychain did not store the password for %1.").arg(key),
                           finished->errorString()));
        }
    });
}

void KeychainSecretStore::remove(const QString &key, QObject *context, DoneCallback done)
{
    m_memory.removeNow(key);
    if (m_fellBack) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done)] { done(Result<void>()); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    startJob(job, context, [this, key, done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound
            || fallBackIfUnavailable(finished)) {
            done(Result<void>());
        } else {
            done(makeError(u"secrets.remove"_s,
                           Tr::tr("The keychain did not remove the password for %1.").arg(key),
                           finished->errorString()));
        }
    });
}

} // namespace vlab
