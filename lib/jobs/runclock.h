#pragma once
// The times a run shows while it goes (the run panel and the terminal): how long it has run
// and, at the pace so far, about how long is left. The pace is the queue's weighted progress,
// and a whole-lab run weighs each job by its step's typical minutes, so an appliance install
// counts as the half hour it takes.

#include <QString>
#include <QtGlobal>

namespace vlab {

// "4:07" under an hour, "1:02:09" from an hour on.
QString formatRunClock(qint64 ms);

// "4:07 elapsed, about 12:30 left", or only the elapsed time while too little is done to
// judge the pace (under 2%) and once all is done.
QString runTimesText(qint64 elapsedMs, qreal progress);

} // namespace vlab
