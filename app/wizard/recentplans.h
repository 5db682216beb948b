#pragma once
// RecentPlans: the plans opened or saved last, newest first, kept in the user's settings
// (QSettings: ~/.config/vLab/vLab Wizard.conf on Linux, the registry on Windows) for the start
// page. Paths are absolute; a plan opened again moves to the top; at most kMax are kept.

#include <QStringList>

namespace vlab::RecentPlans {

inline constexpr int kMax = 8;

QStringList load();
void add(const QString &fileName);
void remove(const QString &fileName);

} // namespace vlab::RecentPlans
