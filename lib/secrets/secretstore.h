#pragma once
// SecretStore: where the lab's passwords live between runs. Never in the plan file, never in a
// log: the operating system's keychain where there is one (KeychainSecretStore), otherwise
// only this process's memory (MemorySecretStore), so the user is asked again next time.
//
// Keychains answer asynchronously, so every call reports through a callback. The callback
// always runs later on the event loop (never inside the call), and only while `context`
// lives.

#include "core/result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace vlab {

// Whose password a secret is: the PSC appliances' root, the SSO administrator, the vCenter
// login, the NetScaler login, the deployment target's user (ESXi or vCenter the appliances go
// on), the vCenter appliance's root.
enum class SecretRole { Root, Sso, VCenter, NetScaler, Target, VCenterRoot };

// "root", "sso", "vc", "ns", "target", "vcroot".
QString secretRoleName(SecretRole role);
// "vlab/<lab>/<role>", or "vlab/<lab>/<role>/<account>" for a role whose password belongs to
// one account on one host (for example "administrator@vsphere.local@vc01.sslab.com"): the key
// a lab's secret is stored under.
QString secretKey(const QString &lab, SecretRole role, const QString &account = {});

// Error code of a read whose key holds no secret (the caller asks the user instead).
inline constexpr char16_t kSecretNotFound[] = u"secrets.notFound";

class SecretStore : public QObject
{
    Q_OBJECT
public:
    using ReadCallback = std::function<void(const Result<QString> &)>;
    using DoneCallback = std::function<void(const Result<void> &)>;

    using QObject::QObject;

    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    virtual void write(const QString &key, const QString &secret, QObject *context, DoneCallback done) = 0;
    virtual void remove(const QString &key, QObject *context, DoneCallback done) = 0;

    // False when secrets only live in this process's memory and are asked for again next start.
    virtual bool isPersistent() const = 0;

Q_SIGNALS:
    // The keychain turned out to be unavailable; from now on secrets stay in memory. Emitted once.
    void fallbackActivated(const QString &reason);
};

// The store for this build and platform: the keychain where QtKeychain was built in (falling
// back to memory when the keychain does not answer), memory otherwise, or when the
// environment has VLAB_SECRET_STORE=memory. `service` names this program in the keychain.
SecretStore *createSecretStore(QObject *parent, const QString &service = QStringLiteral("vLab Wizard"));

} // namespace vlab
