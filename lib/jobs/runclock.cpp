#include "jobs/runclock.h"

#include "core/tr.h"

namespace vlab {

QString formatRunClock(qint64 ms)
{
    const qint64 s = qMax<qint64>(0, ms) / 1000;
    const QString seconds = QString::number(s % 60).rightJustified(2, u'0');
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(QString::number(s / 3600), QString::number(s / 60 % 60).rightJustified(2, u'0'), seconds);
    return QStringLiteral("%1:%2").arg(QString::number(s / 60), seconds);
}

QString runTimesText(qint64 elapsedMs, qreal progress)
{
    if (progress >= 0.02 && progress < 1.0) {
        const qint64 left = qint64(qreal(elapsedMs) * (1 - progress) / progress);
        return Tr::tr("%1 elapsed, about %2 left").arg(formatRunClock(elapsedMs), formatRunClock(left));
    }
    return Tr::tr("%1 elapsed").arg(formatRunClock(elapsedMs));
}

} // namespace vlab
