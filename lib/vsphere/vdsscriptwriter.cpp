#include "vsphere/vdsscriptwriter.h"

#include "core/quoting.h"
#include "core/tr.h"

using namespace Qt::StringLiterals;

namespace vlab {

Result<VdsScriptFormat> parseVdsScriptFormat(const QString &text)
{
    if (text == u"govc"_s)
        return VdsScriptFormat::Govc;
    if (text == u"powercli"_s)
        return VdsScriptFormat::PowerCli;
    return makeError(u"vds.format"_s,
                     Tr::tr("\"%1\" is not a script format; use govc or powercli.").arg(text));
}

QString vdsScriptFileName(VdsScriptFormat format)
{
    return format == VdsScriptFormat::Govc ? u"vds-govc.sh"_s : u"vds-powercli.ps1"_s;
}

Result<QByteArray> renderVdsScript(const LabPlan &plan, VdsScriptFormat format, const QString &datacenter)
{
    const DistributedSwitch &d = plan.vds;
    if (d.name.trimmed().isEmpty())
        return makeError(u"vds.plan"_s, Tr::tr("vds.name is empty: name the Distributed Switch."));
    if (d.mtu < 1280 || d.mtu > 9000)
        return makeError(u"vds.plan"_s, Tr::tr("vds.mtu %1 is out of range (1280 to 9000).").arg(d.mtu));
    for (qsizetype i = 0; i < d.portGroups.size(); ++i) {
        if (d.portGroups.at(i).name.trimmed().isEmpty() || d.portGroups.at(i).vlan < 0
            || d.portGroups.at(i).vlan > 4094)
            return makeError(u"vds.plan"_s,
                             Tr::tr("vds.portGroups[%1] needs a name and a VLAN from 0 to 4094.").arg(i));
    }
    // The datacenter is not a plan field (the page or --datacenter gives it): held to the plan's
    // rule for names here, one line of plain text.
    if (firstForbiddenCharacter(datacenter) >= 0 || datacenter.trimmed().isEmpty())
        return makeError(u"vds.datacenter"_s,
                         Tr::tr("The datacenter name \"%1\" is empty or holds a control character.")
                             .arg(printable(datacenter)));
    // Every value through the language's quoting function, and one multi-argument arg() per
    // line, so a value holding "%4" is never substituted again.
    const QString mtu = QString::number(d.mtu);
    const QString uplinks = QString::number(d.uplinks);
    QStringList lines;
    if (format == VdsScriptFormat::Govc) {
        lines << u"#!/bin/sh"_s
              << lineComment(u"Distributed Switch %1 for lab %2 (written by vLab Wizard)."_s.arg(
                     d.name, plan.lab.name))
              << lineComment(u"Needs govc and GOVC_URL, GOVC_USERNAME, GOVC_PASSWORD for vCenter %1."_s.arg(
                     plan.vcenter.fqdn))
              << u"set -eu"_s
              << u"govc dvs.create -dc %1 -mtu %2 -num-uplinks %3 -product-version %4 %5"_s.arg(
                     shellQuote(datacenter), mtu, uplinks, shellQuote(d.version), shellQuote(d.name));
        for (const PortGroup &g : d.portGroups)
            lines << u"govc dvs.portgroup.add -dc %1 -dvs %2 -vlan %3 %4"_s.arg(
                shellQuote(datacenter), shellQuote(d.name), QString::number(g.vlan), shellQuote(g.name));
    } else {
        lines
            << lineComment(
                   u"Distributed Switch %1 for lab %2 (written by vLab Wizard)."_s.arg(d.name, plan.lab.name))
            << lineComment(u"Run after: Connect-VIServer -Server %1"_s.arg(plan.vcenter.fqdn))
            << u"$ErrorActionPreference = 'Stop'"_s
            << u"$vds = New-VDSwitch -Name %1 -Location (Get-Datacenter -Name %2) -Mtu %3 -NumUplinkPorts %4 -Version %5"_s
                   .arg(powerShellQuote(d.name), powerShellQuote(datacenter), mtu, uplinks,
                        powerShellQuote(d.version));
        for (const PortGroup &g : d.portGroups)
            lines << u"New-VDPortgroup -VDSwitch $vds -Name %1 -VlanId %2"_s.arg(powerShellQuote(g.name),
                                                                                 QString::number(g.vlan));
    }
    return (lines.join(u'\n') + u'\n').toUtf8();
}

} // namespace vlab
