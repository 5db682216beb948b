#include "secretstore.h"

#include "memorysecretstore.h"
#ifdef VLAB_HAVE_KEYCHAIN
#include "keychainsecretstore.h"
#endif

using namespace Qt::StringLiterals;

namespace vlab {

QString secretRoleName(SecretRole role)
{
    switch (role) {
    case SecretRole::Root:
        return u"root"_s;
    case SecretRole::Sso:
        return u"sso"_s;
    case SecretRole::VCenter:
        return u"vc"_s;
    case SecretRole::NetScaler:
        return u"ns"_s;
    case SecretRole::Target:
        return u"target"_s;
    case SecretRole::VCenterRoot:
        return u"vcroot"_s;
    }
    return u"unknown"_s;
}

QString secretKey(const QString &lab, SecretRole role, const QString &account)
{
    const QString key = u"vlab/%1/%2"_s.arg(lab, secretRoleName(role));
    return account.isEmpty() ? key : key + u'/' + account.toLower();
}

SecretStore *createSecretStore(QObject *parent, const QString &service)
{
    // VLAB_SECRET_STORE=memory keeps secrets out of the keychain on purpose (the test suite
    // sets it, so no test password ever lands in a developer's keyring).
    if (qEnvironmentVariable("VLAB_SECRET_STORE") == u"memory")
        return new MemorySecretStore(parent);
#ifdef VLAB_HAVE_KEYCHAIN
    return new KeychainSecretStore(service, parent);
#else
    Q_UNUSED(service)
    return new MemorySecretStore(parent);
#endif
}

} // namespace vlab
