#include "memorysecretstore.h"

#include "core/tr.h"

using namespace Qt::StringLiterals;

namespace vlab {

namespace {
void wipe(QString &secret)
{
    secret.fill(QChar(u'\0'));
    secret.clear();
}
} // namespace

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{
}

MemorySecretStore::~MemorySecretStore()
{
    for (QString &secret : m_secrets)
        wipe(secret);
}

Result<QString> MemorySecretStore::readNow(const QString &key) const
{
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.cend())
        return makeError(QString::fromUtf16(kSecretNotFound),
                         Tr::tr("No password is stored for %1.").arg(key));
    return *it;
}

void MemorySecretStore::writeNow(const QString &key, const QString &secret)
{
    removeNow(key);
    m_secrets.insert(key, secret);
}

void MemorySecretStore::removeNow(const QString &key)
{
    auto it = m_secrets.find(key);
    if (it == m_secrets.end())
        return;
    wipe(*it);
    m_secrets.erase(it);
}

void MemorySecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = readNow(key)] { done(result); }, Qt::QueuedConnection);
}

void MemorySecretStore::write(const QString &key, const QString &secret, QObject *context, DoneCallback done)
{
    writeNow(key, secret);
    QMetaObject::invokeMethod(
        context, [done = std::move(done)] { done(Result<void>()); }, Qt::QueuedConnection);
}

void MemorySecretStore::remove(const QString &key, QObject *context, DoneCallback done)
{
    removeNow(key);
    QMetaObject::invokeMethod(
        context, [done = std::move(done)] { done(Result<void>()); }, Qt::QueuedConnection);
}

} // namespace vlab
