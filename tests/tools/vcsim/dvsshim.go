// The Distributed Switch part of vlab-vcsim's fidelity shim, on with -dvs-shim: what
// govmomi 0.24's simulator lacks for community.vmware's vmware_dvswitch and
// vmware_dvs_portgroup (3.7.0, Debian 12's ansible 7.7.0) to run against it twice, as they
// do against a vCenter 6.7 U1. Without the flag nothing here is active.
//
// It follows the vSphere Web Services API types as pyVmomi 6.7.1 (Debian's python3-pyvmomi,
// pyVmomi/ServerObjects.py) defines them, and the vSphere API reference of those types:
//
//  1. DistributedVirtualSwitchManager.QueryAvailableDvsSpec(recommended) ->
//     DistributedVirtualSwitchProductSpec[] (pyVmomi: vim.dvs.DistributedVirtualSwitchManager,
//     "querySupportedSwitchSpec"). The simulator has no type for the manager and answers
//     MethodNotFound; vmware_dvswitch calls it first whenever a switch version is given. A
//     vCenter 6.7 offers the switch versions 6.0.0, 6.5.0 and 6.6.0 (6.6.0 is the 6.7 switch;
//     there is no "6.7.0").
//  2. The switch and port-group settings the simulator drops: Folder.CreateDVS_Task and
//     DistributedVirtualSwitch.ReconfigureDvs_Task keep only the generic DVSConfigSpec fields,
//     so VMwareDVSConfigInfo.maxMtu (0), linkDiscoveryProtocolConfig, ipfixConfig,
//     multicastFilteringMode, defaultPortConfig (VMwareDVSPortSetting) and config.productInfo
//     stay empty; a port group made without a policy has no securityPolicy,
//     macManagementPolicy or reversePolicy, and ReconfigureDVPortgroup_Task replaces the whole
//     default port config instead of overlaying it. vCenter fills the defaults in and applies a
//     spec as an overlay (an unset field keeps its value or inherits it from the switch).
//     Here, after the simulator ran such a task successfully, the object is completed from
//     the decoded request before the reply leaves, so no client sees it half done.
//     Defaults where a spec leaves a field unset: maxMtu 1500 (VMwareDVSConfigSpec.maxMtu,
//     "the default is 1500"), link discovery CDP/listen and multicastFilteringMode
//     legacyFiltering (the API reference's defaults for new switches); the default port
//     policy (loadbalance_srcid, notify switches, failback, security and MAC management all
//     rejecting, no shaping) is what a new 6.7 switch shows in the vSphere Client. Values
//     the reference does not state (IPFIX timeouts 60/15 s, sampling 4096) are this shim's.
//  3. About says vCenter 6.7.0 U1 (apiVersion 6.7.1) so that pyVmomi negotiates
//     vim.version.version13, which carries VMwareDVSPortgroupPolicy.macManagementOverrideAllowed;
//     under the simulator's 6.5 that field is never sent nor kept and vmware_dvs_portgroup
//     reports a change on every run.
//
// Not covered: switch upgrades (PerformDvsProductSpecOperation_Task), health checks,
// host membership, LACP, PVLAN.
package main

import (
	"bytes"
	"flag"
	"io/ioutil"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strconv"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

var dvsShimEnabled = flag.Bool("dvs-shim", false,
	"complete Distributed Switch and port group objects as vCenter 6.7 U1 does (see dvsshim.go)")

// prepareDvsShim runs before model.Create(): the About of a vCenter 6.7 U1.
func prepareDvsShim(model *simulator.Model) {
	if !*dvsShimEnabled {
		return
	}
	about := &model.ServiceContent.About
	about.Version, about.ApiVersion, about.Build = "6.7.0", "6.7.1", "10244745"
	about.FullName = "VMware vCenter Server 6.7.0 build-10244745"
}

// installDvsShim runs after model.Service.NewServer().
func installDvsShim(model *simulator.Model, server *simulator.Server) {
	if !*dvsShimEnabled {
		return
	}
	manager := &dvsManager{}
	manager.Self = *model.ServiceContent.DvSwitchManager
	simulator.Map.Put(manager) // replaces the bare mo.DistributedVirtualSwitchManager

	// The switches the model made in-process (DVS0 and its port groups) never pass the
	// interceptor: complete them now.
	for _, e := range simulator.Map.All("VmwareDistributedVirtualSwitch") {
		if dvs, ok := e.(*simulator.DistributedVirtualSwitch); ok {
			completeSwitch(dvs, nil, nil, true)
		}
	}

	// The simulator serves "/sdk" from its own ServeMux. net/http prefers a pattern with a
	// host over one without, so the interceptor takes the SOAP requests addressed to the
	// loopback names the tests use, and everything else (the vAPI /rest, the VCHA stand-in)
	// stays with the simulator. The mux is locked, so adding after the start is safe.
	// The login counter (logins.go) sees the SOAP requests first.
	shim := logins.countSoap(&soapInterceptor{service: model.Service})
	for _, host := range servedHosts(server) {
		model.Service.ServeMux.Handle(host+"/sdk", shim)
	}
}

// ---- 1. The manager's method.

type dvsManager struct {
	mo.DistributedVirtualSwitchManager
}

func (m *dvsManager) QueryAvailableDvsSpec(req *types.QueryAvailableDvsSpec) soap.HasFault {
	var specs []types.DistributedVirtualSwitchProductSpec
	for _, version := range []string{"6.0.0", "6.5.0", "6.6.0"} {
		specs = append(specs, productSpec(version))
	}
	return &methods.QueryAvailableDvsSpecBody{Res: &types.QueryAvailableDvsSpecResponse{Returnval: specs}}
}

func productSpec(version string) types.DistributedVirtualSwitchProductSpec {
	return types.DistributedVirtualSwitchProductSpec{
		Name: "DVS", Vendor: "VMware, Inc.", Version: version, ForwardingClass: "etherswitch",
	}
}

// ---- 2. Completing switches and port groups after the simulator's own task.

type soapInterceptor struct{ service *simulator.Service }

var taskReturn = regexp.MustCompile(`<returnval type="Task">([^<]+)</returnval>`)

func (h *soapInterceptor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := ioutil.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = ioutil.NopCloser(bytes.NewReader(body))
	method, _ := simulator.UnmarshalBody(types.TypeFunc(), body)

	reply := httptest.NewRecorder()
	h.service.ServeSDK(reply, r)
	if method != nil && reply.Code == http.StatusOK {
		if m := taskReturn.FindSubmatch(reply.Body.Bytes()); m != nil {
			afterTask(method.Body, string(m[1]))
		}
	}
	for k, v := range reply.Header() {
		w.Header()[k] = v // the session cookie among them
	}
	w.WriteHeader(reply.Code)
	_, _ = w.Write(reply.Body.Bytes())
}

func afterTask(request interface{}, taskID string) {
	task, ok := simulator.Map.Get(types.ManagedObjectReference{Type: "Task", Value: taskID}).(*simulator.Task)
	if !ok || task.Info.State != types.TaskInfoStateSuccess {
		return // the simulator refused it: its answer stands
	}
	switch req := request.(type) {
	case *types.CreateDVS_Task:
		ref, _ := task.Info.Result.(types.ManagedObjectReference)
		if dvs, ok := simulator.Map.Get(ref).(*simulator.DistributedVirtualSwitch); ok {
			completeSwitch(dvs, req.Spec.ConfigSpec, req.Spec.ProductInfo, true)
		}
	case *types.ReconfigureDvs_Task:
		if dvs, ok := simulator.Map.Get(req.This).(*simulator.DistributedVirtualSwitch); ok {
			completeSwitch(dvs, req.Spec, nil, false)
		}
	case *types.AddDVPortgroup_Task:
		if dvs, ok := simulator.Map.Get(req.This).(*simulator.DistributedVirtualSwitch); ok {
			completePortgroups(dvs)
		}
	case *types.ReconfigureDVPortgroup_Task:
		pg, ok := simulator.Map.Get(req.This).(*simulator.DistributedVirtualPortgroup)
		if ok && pg.Config.DistributedVirtualSwitch != nil {
			if dvs, ok := simulator.Map.Get(*pg.Config.DistributedVirtualSwitch).(*simulator.DistributedVirtualSwitch); ok {
				completePortgroup(pg, dvs)
			}
		}
	}
}

// completeSwitch fills in what the simulator dropped: defaults when the switch is new, then
// the spec's own fields as an overlay.
func completeSwitch(dvs *simulator.DistributedVirtualSwitch, spec types.BaseDVSConfigSpec,
	product *types.DistributedVirtualSwitchProductSpec, created bool) {
	simulator.Map.WithLock(dvs, func() {
		cfg, ok := dvs.Config.(*types.VMwareDVSConfigInfo)
		if !ok {
			return
		}
		if created || cfg.MaxMtu == 0 {
			cfg.MaxMtu = 1500
		}
		if cfg.LinkDiscoveryProtocolConfig == nil {
			cfg.LinkDiscoveryProtocolConfig = &types.LinkDiscoveryProtocolConfig{Protocol: "cdp", Operation: "listen"}
		}
		if cfg.MulticastFilteringMode == "" {
			cfg.MulticastFilteringMode = "legacyFiltering"
		}
		if cfg.IpfixConfig == nil {
			cfg.IpfixConfig = &types.VMwareIpfixConfig{ActiveFlowTimeout: 60, IdleFlowTimeout: 15, SamplingRate: 4096}
		}
		if product != nil {
			cfg.ProductInfo = *product
		} else if cfg.ProductInfo.Version == "" {
			cfg.ProductInfo = productSpec("6.6.0")
		}
		dvs.Summary.ProductInfo = &cfg.ProductInfo
		portSetting, _ := cfg.DefaultPortConfig.(*types.VMwareDVSPortSetting)
		if portSetting == nil {
			portSetting = defaultPortSetting()
		}
		if spec != nil {
			generic := spec.GetDVSConfigSpec()
			if own, ok := generic.DefaultPortConfig.(*types.VMwareDVSPortSetting); ok && own != nil {
				merged := *portSetting
				overlay(reflect.ValueOf(&merged).Elem(), reflect.ValueOf(own).Elem())
				portSetting = &merged
			}
			if generic.Contact != nil {
				cfg.Contact = *generic.Contact
			}
			if generic.Description != "" {
				cfg.Description = generic.Description
			}
			if generic.UplinkPortPolicy != nil {
				cfg.UplinkPortPolicy = generic.UplinkPortPolicy
			}
			if vmware, ok := spec.(*types.VMwareDVSConfigSpec); ok {
				if vmware.MaxMtu != 0 {
					cfg.MaxMtu = vmware.MaxMtu
				}
				if vmware.LinkDiscoveryProtocolConfig != nil {
					cfg.LinkDiscoveryProtocolConfig = vmware.LinkDiscoveryProtocolConfig
				}
				if vmware.MulticastFilteringMode != "" {
					cfg.MulticastFilteringMode = vmware.MulticastFilteringMode
				}
				if vmware.IpfixConfig != nil {
					cfg.IpfixConfig = vmware.IpfixConfig
				}
			}
			if !created {
				n, _ := strconv.Atoi(cfg.ConfigVersion)
				cfg.ConfigVersion = strconv.Itoa(n + 1)
			}
		}
		cfg.DefaultPortConfig = portSetting
	})
	simulator.Map.Update(dvs, []types.PropertyChange{{Name: "config", Val: dvs.Config}})
	completePortgroups(dvs)
}

func completePortgroups(dvs *simulator.DistributedVirtualSwitch) {
	for _, ref := range dvs.Portgroup {
		if pg, ok := simulator.Map.Get(ref).(*simulator.DistributedVirtualPortgroup); ok {
			completePortgroup(pg, dvs)
		}
	}
}

// completePortgroup: what the port group does not set itself it inherits from its switch.
func completePortgroup(pg *simulator.DistributedVirtualPortgroup, dvs *simulator.DistributedVirtualSwitch) {
	inherited := defaultPortSetting()
	simulator.Map.WithLock(dvs, func() {
		if cfg, ok := dvs.Config.(*types.VMwareDVSConfigInfo); ok {
			if s, ok := cfg.DefaultPortConfig.(*types.VMwareDVSPortSetting); ok && s != nil {
				copied := *s
				inherited = &copied
			}
		}
	})
	simulator.Map.WithLock(pg, func() {
		merged := *inherited
		if own, ok := pg.Config.DefaultPortConfig.(*types.VMwareDVSPortSetting); ok && own != nil {
			overlay(reflect.ValueOf(&merged).Elem(), reflect.ValueOf(own).Elem())
		}
		pg.Config.DefaultPortConfig = &merged
		if pg.Config.Policy == nil {
			pg.Config.Policy = &types.VMwareDVSPortgroupPolicy{
				DVPortgroupPolicy: types.DVPortgroupPolicy{
					BlockOverrideAllowed:               true,
					PortConfigResetAtDisconnect:        true,
					NetworkResourcePoolOverrideAllowed: types.NewBool(false),
					TrafficFilterOverrideAllowed:       types.NewBool(false),
				},
				IpfixOverrideAllowed:         types.NewBool(false),
				MacManagementOverrideAllowed: types.NewBool(false),
			}
		}
	})
	simulator.Map.Update(pg, []types.PropertyChange{{Name: "config", Val: pg.Config}})
}

// overlay applies src to dst as vCenter applies a partial policy: a nil pointer, interface,
// slice or map in src keeps dst's value; nested policy structs are merged field by field on
// a copy (dst's pointers are never written through); plain values are taken from src.
func overlay(dst, src reflect.Value) {
	for i := 0; i < src.NumField(); i++ {
		s, d := src.Field(i), dst.Field(i)
		switch s.Kind() {
		case reflect.Ptr:
			if s.IsNil() {
				continue
			}
			if s.Elem().Kind() == reflect.Struct && !d.IsNil() {
				merged := reflect.New(s.Elem().Type())
				merged.Elem().Set(d.Elem())
				overlay(merged.Elem(), s.Elem())
				d.Set(merged)
			} else {
				d.Set(s)
			}
		case reflect.Interface, reflect.Slice, reflect.Map:
			if !s.IsNil() {
				d.Set(s)
			}
		case reflect.Struct:
			overlay(d, s)
		default:
			d.Set(s)
		}
	}
}

// defaultPortSetting: a new 6.7 switch's default port policy.
func defaultPortSetting() *types.VMwareDVSPortSetting {
	boolPolicy := func(v bool) *types.BoolPolicy { return &types.BoolPolicy{Value: types.NewBool(v)} }
	shaping := func() *types.DVSTrafficShapingPolicy {
		return &types.DVSTrafficShapingPolicy{
			Enabled:          boolPolicy(false),
			AverageBandwidth: &types.LongPolicy{Value: 100000000},
			PeakBandwidth:    &types.LongPolicy{Value: 100000000},
			BurstSize:        &types.LongPolicy{Value: 104857600},
		}
	}
	return &types.VMwareDVSPortSetting{
		DVPortSetting: types.DVPortSetting{
			Blocked:                 boolPolicy(false),
			VmDirectPathGen2Allowed: boolPolicy(false),
			InShapingPolicy:         shaping(),
			OutShapingPolicy:        shaping(),
			NetworkResourcePoolKey:  &types.StringPolicy{Value: "-1"},
		},
		Vlan: &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: 0},
		UplinkTeamingPolicy: &types.VmwareUplinkPortTeamingPolicy{
			Policy:         &types.StringPolicy{Value: "loadbalance_srcid"},
			ReversePolicy:  boolPolicy(true),
			NotifySwitches: boolPolicy(true),
			RollingOrder:   boolPolicy(false),
		},
		SecurityPolicy: &types.DVSSecurityPolicy{
			AllowPromiscuous: boolPolicy(false),
			MacChanges:       boolPolicy(false),
			ForgedTransmits:  boolPolicy(false),
		},
		IpfixEnabled: boolPolicy(false),
		TxUplink:     boolPolicy(false),
		MacManagementPolicy: &types.DVSMacManagementPolicy{
			AllowPromiscuous: types.NewBool(false),
			MacChanges:       types.NewBool(false),
			ForgedTransmits:  types.NewBool(false),
			MacLearningPolicy: &types.DVSMacLearningPolicy{
				Enabled: false, AllowUnicastFlooding: types.NewBool(true), Limit: new(int32), LimitPolicy: "DROP",
			},
		},
	}
}
