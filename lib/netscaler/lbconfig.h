#pragma once
// LbConfig: the NetScaler objects that balance the PSCs, derived from the plan: the subnet IP
// (SNIP) the NetScaler reaches the PSCs from, one server per PSC, one TCP service per PSC and port, one TCP
// virtual server per port on the VIP, the service bindings, and one persistency group holding every virtual
// server. Names are deterministic (from loadBalancer.namePrefix), valid by NetScaler's naming rules and
// unique, for any number of PSCs and ports.

#include "core/result.h"
#include "plan/labplan.h"

#include <QByteArray>
#include <QList>

namespace vlab {

// The NetScaler-owned subnet address towards the PSCs (`add ns ip ADDR MASK -type SNIP`).
struct NsSnip
{
    QString ip;      // empty: the plan names no SNIP
    QString netmask; // of the management network
    bool operator==(const NsSnip &) const = default;
};

struct NsServer
{
    QString name;
    QString ip;
    bool operator==(const NsServer &) const = default;
};

struct NsService
{
    QString name;
    QString server;
    int port = 0;
    bool operator==(const NsService &) const = default;
};

struct NsVserver
{
    QString name;
    QString ip;
    int port = 0;
    bool operator==(const NsVserver &) const = default;
};

struct NsBinding
{
    QString vserver;
    QString service;
    bool operator==(const NsBinding &) const = default;
};

struct NsGroup
{
    QString name;
    QString persistenceType;
    int timeoutMinutes = 0;
    QStringList vservers;
    bool operator==(const NsGroup &) const = default;
};

struct LbConfig
{
    NsSnip snip;
    QList<NsServer> servers;
    QList<NsService> services;
    QList<NsVserver> vservers;
    QList<NsBinding> bindings;
    NsGroup group;

    // Fails (naming the plan field) when the plan cannot yield a configuration.
    static Result<LbConfig> fromPlan(const LabPlan &plan);
    int objectCount() const;
};

// A NetScaler object name: starts with a letter, digit or '_', then letters, digits and
// _ # . : @ = -, at most 127 characters (NetScaler's rules; spaces are allowed there but
// avoided here so names need no quoting in the CLI).
QString netscalerName(const QString &text);

// The batch file for `batch -fileName FILE`, in dependency order, ending with save ns config.
QByteArray renderBatch(const LbConfig &config, const QString &labName);
// Removes exactly those objects again, in reverse order.
QByteArray renderRollbackBatch(const LbConfig &config, const QString &labName);

} // namespace vlab
