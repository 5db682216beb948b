#!/usr/bin/python3
# Changes a Distributed Switch "behind the tool's back" for tst_audit, through pyVmomi
# (Debian's python3-pyvmomi 6.7.1, the SOAP client this project takes as the judge of the
# vSphere API), not through vLab's own SOAP client:
#   change-dvs.py HOST PORT CAFILE SWITCH mtu N           ReconfigureDvs_Task, maxMtu N
#   change-dvs.py HOST PORT CAFILE SWITCH vlan GROUP N    ReconfigureDVPortgroup_Task, VLAN ID N
#   change-dvs.py HOST PORT CAFILE SWITCH destroy         Destroy_Task of the switch
# The password comes from VLAB_VC_PASSWORD; TLS is verified against CAFILE (the host name is
# not: the test's certificate names the lab's vCenter, the simulator listens on 127.0.0.1).
# Exit 0 once the task succeeded; 1 with the reason on stderr otherwise.
import os
import ssl
import sys

from pyVim.connect import Disconnect, SmartConnect
from pyVim.task import WaitForTask
from pyVmomi import vim


def find(content, kind, name):
    view = content.viewManager.CreateContainerView(content.rootFolder, [kind], True)
    try:
        for obj in view.view:
            if obj.name == name:
                return obj
    finally:
        view.Destroy()
    sys.exit("no %s named %s" % (kind.__name__, name))


def main(host, port, cafile, switch, action, *args):
    context = ssl.create_default_context(cafile=cafile)
    context.check_hostname = False
    si = SmartConnect(host=host, port=int(port), user="administrator@vsphere.local",
                      pwd=os.environ["VLAB_VC_PASSWORD"], sslContext=context)
    try:
        content = si.RetrieveContent()
        dvs = find(content, vim.DistributedVirtualSwitch, switch)
        if action == "mtu":
            spec = vim.dvs.VmwareDistributedVirtualSwitch.ConfigSpec()
            spec.configVersion = dvs.config.configVersion
            spec.maxMtu = int(args[0])
            WaitForTask(dvs.ReconfigureDvs_Task(spec))
        elif action == "vlan":
            group = find(content, vim.dvs.DistributedVirtualPortgroup, args[0])
            spec = vim.dvs.DistributedVirtualPortgroup.ConfigSpec()
            spec.configVersion = group.config.configVersion
            spec.defaultPortConfig = vim.dvs.VmwareDistributedVirtualSwitch.VmwarePortConfigPolicy(
                vlan=vim.dvs.VmwareDistributedVirtualSwitch.VlanIdSpec(vlanId=int(args[1]), inherited=False))
            WaitForTask(group.ReconfigureDVPortgroup_Task(spec))
        elif action == "destroy":
            WaitForTask(dvs.Destroy_Task())
        else:
            sys.exit("unknown action " + action)
    finally:
        Disconnect(si)


if __name__ == "__main__":
    main(*sys.argv[1:])
