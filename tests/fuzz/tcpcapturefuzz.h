#pragma once
// The part the three TCP capture targets share: a capture that parsed is read as `vlab diag
// tcp` and the Diagnostics page read it (the report, with every port and with the PSC ports,
// as JSON and as text), and the report's counts must add up.

#include "diag/tcpstatereport.h"
#include "fuzzinput.h"

#include <QJsonObject>

namespace vlab::fuzz {

inline void checkReport(const TcpStateReport &report)
{
    int sum = 0;
    for (TcpState state : allTcpStates())
        sum += report.count(state);
    require(sum == report.total(), "the state counts add up to the total");
    require(report.connections().size() == report.total(), "the total counts the connections");
    int portSum = 0;
    for (const TcpPortRow &row : report.ports())
        portSum += row.total;
    require(portSum == report.total(), "the port rows add up to the total");
    (void)report.toJson();
    (void)report.toText();
}

inline void readCapture(const Result<TcpCapture> &capture)
{
    if (!capture) {
        require(!capture.error().message.isEmpty(), "a refused capture has a message");
        return;
    }
    TcpReportOptions options;
    options.finTimeoutSeconds = capture->finTimeoutSeconds;
    checkReport(TcpStateReport::build(capture->connections, options));
    options.ports = {443, 389, 636, 2012, 2014, 2020};
    checkReport(TcpStateReport::build(capture->connections, options));
}

} // namespace vlab::fuzz
