#include "rememberedpassword.h"

#include <QCoreApplication>
#include <QLineEdit>
#include <QPointer>

namespace vlab {

void recallPassword(SecretStore *store, QLineEdit *field, const QString &lab, SecretRole role,
                    const QString &account)
{
    if (!store || !field || !field->text().isEmpty() || lab.isEmpty())
        return;
    store->read(secretKey(lab, role, account), field,
                [field = QPointer<QLineEdit>(field)](const Result<QString> &secret) {
                    if (field && secret && field->text().isEmpty())
                        field->setText(*secret);
                });
}

void keepPassword(SecretStore *store, const QString &password, const QString &lab, SecretRole role,
                  const QString &account)
{
    if (!store || password.isEmpty() || lab.isEmpty())
        return;
    store->write(secretKey(lab, role, account), password, store, [](const Result<void> &) {});
}

QString passwordAccount(const QString &user, const QString &host)
{
    return user.trimmed() + u'@' + host.trimmed();
}

QString rememberedPasswordHint(const SecretStore *store)
{
    if (!store)
        return QCoreApplication::translate("vlab::RememberedPassword", "asked each time");
    return store->isPersistent()
        ? QCoreApplication::translate("vlab::RememberedPassword", "remembered in the keychain")
        : QCoreApplication::translate("vlab::RememberedPassword", "remembered until you quit");
}

void showRememberedPasswordHint(QLineEdit *field, SecretStore *store)
{
    field->setPlaceholderText(rememberedPasswordHint(store));
    if (store)
        QObject::connect(store, &SecretStore::fallbackActivated, field,
                         [field, store] { field->setPlaceholderText(rememberedPasswordHint(store)); });
}

} // namespace vlab
