#include "recentplans.h"

#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace vlab::RecentPlans {

namespace {
constexpr auto kKey = "recentPlans";

void store(const QStringList &files)
{
    QSettings settings;
    settings.setValue(QLatin1StringView(kKey), files);
}
} // namespace

QStringList load()
{
    QStringList files = QSettings().value(QLatin1StringView(kKey)).toStringList();
    files.removeAll(QString());
    files.removeDuplicates();
    return files.mid(0, kMax);
}

void add(const QString &fileName)
{
    const QString path = QFileInfo(fileName).absoluteFilePath();
    QStringList files = load();
    files.removeAll(path);
    files.prepend(path);
    store(files.mid(0, kMax));
}

void remove(const QString &fileName)
{
    QStringList files = load();
    if (files.removeAll(QFileInfo(fileName).absoluteFilePath()) > 0)
        store(files);
}

} // namespace vlab::RecentPlans
