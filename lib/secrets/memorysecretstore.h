#pragma once
// MemorySecretStore: secrets held only in this process's memory, for as long as it runs.
// Used when there is no keychain: the user is asked once per run, and nothing is written to
// disk. Values are overwritten with zeros when replaced, removed or destroyed (best effort:
// copies the caller still holds are the caller's).

#include "secretstore.h"

#include <QHash>

namespace vlab {

class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject *parent = nullptr);
    ~MemorySecretStore() override;

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &secret, QObject *context, DoneCallback done) override;
    void remove(const QString &key, QObject *context, DoneCallback done) override;
    bool isPersistent() const override { return false; }

    // The same operations, answered at once (the keychain store's fallback uses them).
    Result<QString> readNow(const QString &key) const;
    void writeNow(const QString &key, const QString &secret);
    void removeNow(const QString &key);

private:
    QHash<QString, QString> m_secrets;
};

} // namespace vlab
