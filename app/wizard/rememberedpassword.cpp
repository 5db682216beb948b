#include "rememberedpassword.h"

#include <QCoreApplication>
#include <QLineEdit>
#include <QPointer>

namespace vlab {

void recallPassword(SecretStore *store, QLineEdit *field, const QString &lab, SecretRole role)
{
    if (!store || !field || !field->text().isEmpty() || lab.isEmpty())
        return;
    store->read(secretKey(lab, role), field, [field = QPointer<QLineEdit>(field)](const Result<QString> &secret) {
        if (field && secret && field->text().isEmpty())
            field->setText(*secret);
    });
}

void keepPassword(SecretStore *store, const QLineEdit *field, const QString &lab, SecretRole role)
{
    if (!store || !field || field->text().isEmpty() || lab.isEmpty())
        return;
    store->write(secretKey(lab, role), field->text(), store, [](const Result<void> &) {});
}

QString rememberedPasswordHint(const SecretStore *store)
{
    if (!store)
        return QCoreApplication::translate("vlab::RememberedPassword", "asked each time");
    return store->isPersistent()
        ? QCoreApplication::translate("vlab::RememberedPassword", "remembered in the keychain")
        : QCoreApplication::translate("vlab::RememberedPassword", "remembered until you quit");
}

} // namespace vlab
