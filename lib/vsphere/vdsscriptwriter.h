#pragma once
// VdsScriptWriter: the Distributed Switch of the plan (name, version, MTU, uplinks, one
// port group per VLAN) as a govc script and as a PowerCLI script, for people who prefer to
// create it themselves. Values are quoted for the shell and for PowerShell respectively.

#include "core/result.h"
#include "plan/labplan.h"

#include <QByteArray>

namespace vlab {

enum class VdsScriptFormat { Govc, PowerCli };

Result<VdsScriptFormat> parseVdsScriptFormat(const QString &text); // govc | powercli
QString vdsScriptFileName(VdsScriptFormat format);                 // "vds-govc.sh", "vds-powercli.ps1"

// `datacenter` is the datacenter of the new vCenter that will hold the switch.
Result<QByteArray> renderVdsScript(const LabPlan &plan, VdsScriptFormat format,
                                   const QString &datacenter = QStringLiteral("Datacenter"));

} // namespace vlab
