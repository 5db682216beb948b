#pragma once
// StopSignals: turns the signals that ask a process to stop (SIGINT from Ctrl-C, SIGTERM from
// kill or a service manager, SIGHUP from a closed terminal) into a Qt signal on the event
// loop, so that a run can be cancelled properly: the installer's process group stopped, its
// temporary template (which holds passwords) deleted, the interruption journaled. The handler
// itself only writes the signal number to a pipe (async-signal-safe, the "self-pipe trick");
// everything else happens in the slot connected to stopRequested().
//
// One instance at a time handles the signals; the previous dispositions come back when it is
// destroyed. On platforms without these signals it does nothing.

#include <QObject>

class QSocketNotifier;

namespace vlab {

class StopSignals : public QObject
{
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;

    // Whether the handlers are installed (false when another instance has them or the pipe
    // could not be made).
    bool isActive() const { return m_active; }

    // "SIGINT", "SIGTERM", "SIGHUP" (the number for others).
    static QString signalName(int signal);

Q_SIGNALS:
    // Delivered on the event loop, once per signal received.
    void stopRequested(int signal);

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
    bool m_active = false;
};

} // namespace vlab
