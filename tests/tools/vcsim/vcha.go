// The VCHA routes of vlab-vcsim: a STAND-IN for the vCenter High Availability REST API of
// vSphere 6.7 U1 (API 6.7.1), which govmomi's simulator lacks. It is strict where the API is:
// the bodies are checked against the vSphere Automation SDK's own type definitions, and every
// identifier against the simulator's inventory.
//
// Primary sources (docs/sources.md, "VCHA"):
//
//	[S] vmware/vsphere-automation-sdk-python, tag v6.8.7 (commit 83fc3ff), the generated
//	    bindings vapi_client_bindings-3.0.0 com/vmware/vcenter/vcha_client.py: the structures
//	    Cluster.DeploySpec, CredentialsSpec, ConnectionSpec, Cluster.ActiveSpec, PassiveSpec,
//	    WitnessSpec, PlacementSpec, DiskSpec, IpSpec (+ Ipv4Spec, Ipv6Spec), NetworkType,
//	    Cluster.Type, Cluster.Info, NodeInfo, WitnessInfo, IpInfo, NodeRuntimeInfo,
//	    ErrorCondition; which fields are optional (OptionalType) and which identifiers name
//	    which resource type (Folder, HostSystem, ResourcePool, Datastore, Network); the
//	    operation inputs {spec} of deploy and {vc_spec, partial} of get.
//	[L] the same bindings' std_client.py: LocalizableMessage {id, default_message, args}.
//	[R] vSphere 6.7.1 REST reference (the deploy and get operations of /rest/vcenter/vcha/
//	    cluster; the /rest error shape {"type": "com.vmware.vapi.std.errors.<name>",
//	    "value": {"messages": [LocalizableMessage]}}).
//
//	POST /rest/vcenter/vcha/cluster?vmw-task=true&action=deploy  body {"spec": DeploySpec}
//	     -> 200 {"value": "<task id>"}; 400 invalid_argument naming every field that breaks
//	        [S]: a required field missing, a field the structure does not have, a value of the
//	        wrong JSON type or outside its enumeration (ip_family IPV4|IPV6, deployment
//	        AUTO|MANUAL, *_network_type STANDARD_PORTGROUP|DISTRIBUTED_PORTGROUP), an IP spec
//	        without the member its family needs, a network without its type; 400 when an
//	        identifier is not an object of the simulator's inventory of the resource type the
//	        field names (a port-group name where a Network id belongs; a standard Network
//	        given as DISTRIBUTED_PORTGROUP ...); 401 without vmware-api-session-id;
//	        already_exists when deployed before.
//	POST /rest/vcenter/vcha/cluster?vmw-task=true&action=undeploy  body {"spec": UndeploySpec}
//	     -> 200 {"value": "<task id>"}: the cluster's configuration is removed (the next get
//	        answers NOTCONFIGURED) [R: "Destroys the VCHA cluster and removes all VCHA specific
//	        information ... The active node continues to run as a standalone VCVA"]; 400
//	        invalid_argument when the spec breaks [S] (UndeploySpec {vc_spec?, force_delete?,
//	        vms?}, VmInfo {passive, witness}, NodeVmInfo {vm: a VirtualMachine, bios_uuid});
//	        400 not_allowed_in_current_state when no cluster is configured (the sources are
//	        silent there; refusing is the stricter stand-in).
//	POST /rest/vcenter/vcha/cluster?action=get  body {} or {"vc_spec"?, "partial"?}
//	     -> 200 {"value": Cluster.Info}: NOTCONFIGURED before a deploy; after it, -vcha-polls
//	        answers CONFIGURED and DEGRADED with a health warning in the SDK's shape
//	        {"error": LocalizableMessage, "recommendation": LocalizableMessage}, then HEALTHY
//	        and ENABLED; node1, node2 and witness carry the deployed HA addresses (IpInfo).
//
// Choices where the sources are silent: a field the structure does not define is refused
// (whether a real vCenter ignores or refuses it is not documented; refusing is the stricter
// stand-in); addresses, masks and default_gateway must be IPv4 addresses (the SDK types them as
// strings and describes them as addresses); the texts of the messages are this stand-in's.
// Without -vcha-standin these paths answer 404, as a 6.7 GA vCenter does.
package main

import (
	"encoding/json"
	"fmt"
	"io/ioutil"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

type vchaStandIn struct {
	mu       sync.Mutex
	deployed bool
	polls    int
	after    int
	spec     map[string]interface{}
}

func (v *vchaStandIn) reply(w http.ResponseWriter, status int, value interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if value != nil {
		_ = json.NewEncoder(w).Encode(value)
	}
}

func localizable(id, text string) map[string]interface{} {
	return map[string]interface{}{"id": id, "default_message": text, "args": []interface{}{}}
}

func vapiError(kind string, problems []string) map[string]interface{} {
	messages := []interface{}{}
	for _, p := range problems {
		messages = append(messages, localizable("vlab.standin.vcha", p))
	}
	return map[string]interface{}{
		"type":  "com.vmware.vapi.std.errors." + kind,
		"value": map[string]interface{}{"messages": messages}}
}

// A field of an SDK structure: its JSON kind and, for identifiers, the resource type.
type field struct {
	required bool
	check    func(c *checker, path string, value interface{})
}

type checker struct {
	problems []string
}

func (c *checker) fail(format string, args ...interface{}) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// structure checks an object against its fields [S]: required present, nothing unknown.
func (c *checker) structure(path string, value interface{}, fields map[string]field) map[string]interface{} {
	object, ok := value.(map[string]interface{})
	if !ok {
		c.fail("%s: expected a structure", path)
		return nil
	}
	names := make([]string, 0, len(object))
	for name := range object {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, known := fields[name]; !known {
			c.fail("%s.%s: the structure has no such field", path, name)
		}
	}
	wanted := make([]string, 0, len(fields))
	for name := range fields {
		wanted = append(wanted, name)
	}
	sort.Strings(wanted)
	for _, name := range wanted {
		f := fields[name]
		item, present := object[name]
		if !present || item == nil {
			if f.required {
				c.fail("%s.%s: required field missing", path, name)
			}
			continue
		}
		f.check(c, path+"."+name, item)
	}
	return object
}

func str(c *checker, path string, value interface{}) {
	if s, ok := value.(string); !ok || s == "" {
		c.fail("%s: expected a non-empty string", path)
	}
}

func integer(c *checker, path string, value interface{}) {
	if n, ok := value.(float64); !ok || n != float64(int64(n)) {
		c.fail("%s: expected an integer", path)
	}
}

func boolean(c *checker, path string, value interface{}) {
	if _, ok := value.(bool); !ok {
		c.fail("%s: expected a boolean", path)
	}
}

func enum(values ...string) func(c *checker, path string, value interface{}) {
	return func(c *checker, path string, value interface{}) {
		s, _ := value.(string)
		for _, v := range values {
			if s == v {
				return
			}
		}
		c.fail("%s: %v is not one of %s", path, value, strings.Join(values, ", "))
	}
}

func stringList(c *checker, path string, value interface{}) {
	list, ok := value.([]interface{})
	if !ok {
		c.fail("%s: expected a list of strings", path)
		return
	}
	for i, item := range list {
		str(c, fmt.Sprintf("%s[%d]", path, i), item)
	}
}

func ipv4(c *checker, path string, value interface{}) {
	s, _ := value.(string)
	if ip := net.ParseIP(s); ip == nil || ip.To4() == nil {
		c.fail("%s: %v is not an IPv4 address", path, value)
	}
}

// inventory checks that an identifier names an object of the resource type the field is
// declared with in [S] (vcenter.vcha identifiers are managed-object ids of the inventory).
func inventory(kinds ...string) func(c *checker, path string, value interface{}) {
	return func(c *checker, path string, value interface{}) {
		id, _ := value.(string)
		if id == "" {
			c.fail("%s: expected an identifier", path)
			return
		}
		for _, kind := range kinds {
			if simulator.Map.Get(types.ManagedObjectReference{Type: kind, Value: id}) != nil {
				return
			}
		}
		for _, e := range simulator.Map.All("") {
			if e.Reference().Value == id {
				c.fail("%s: %s is a %s, not a %s", path, id, e.Reference().Type, strings.Join(kinds, " or "))
				return
			}
		}
		c.fail("%s: %q is not the identifier of a %s in the inventory", path, id, strings.Join(kinds, " or "))
	}
}

var networkType = enum("STANDARD_PORTGROUP", "DISTRIBUTED_PORTGROUP")

// A network identifier with its type: both or neither [S], and the type must be the object's.
func (c *checker) network(path string, object map[string]interface{}, idField, typeField string) {
	id, hasID := object[idField].(string)
	kind, hasType := object[typeField].(string)
	if hasID && !hasType {
		c.fail("%s.%s: required when %s is set", path, typeField, idField)
		return
	}
	if !hasID {
		return
	}
	want := map[string]string{"STANDARD_PORTGROUP": "Network", "DISTRIBUTED_PORTGROUP": "DistributedVirtualPortgroup"}[kind]
	if want == "" {
		return // reported by the enumeration
	}
	if simulator.Map.Get(types.ManagedObjectReference{Type: want, Value: id}) == nil {
		c.fail("%s.%s: %q is not a %s (%s) in the inventory", path, idField, id, want, kind)
	}
}

func ipSpec(c *checker, path string, value interface{}) {
	object := c.structure(path, value, map[string]field{
		"ip_family": {true, enum("IPV4", "IPV6")},
		"ipv4": {false, func(c *checker, p string, v interface{}) {
			ip := c.structure(p, v, map[string]field{
				"address":     {true, ipv4},
				"subnet_mask": {false, ipv4},
				"prefix":      {false, integer},
			})
			if ip != nil && ip["subnet_mask"] == nil && ip["prefix"] == nil {
				c.fail("%s: subnet_mask or prefix is required", p)
			}
		}},
		"ipv6": {false, func(c *checker, p string, v interface{}) {
			c.structure(p, v, map[string]field{"address": {true, str}, "prefix": {true, integer}})
		}},
		"default_gateway": {false, ipv4},
		"dns_servers":     {false, stringList},
	})
	if object == nil {
		return
	}
	// The union: the member the family names must be set [S].
	family, _ := object["ip_family"].(string)
	member := map[string]string{"IPV4": "ipv4", "IPV6": "ipv6"}[family]
	if member != "" && object[member] == nil {
		c.fail("%s.%s: required when ip_family is %s", path, member, family)
	}
}

func placementSpec(c *checker, path string, value interface{}) {
	object := c.structure(path, value, map[string]field{
		"name":                    {true, str},
		"folder":                  {true, inventory("Folder")},
		"host":                    {false, inventory("HostSystem")},
		"resource_pool":           {false, inventory("ResourcePool")},
		"ha_network_type":         {false, networkType},
		"ha_network":              {false, inventory("Network", "DistributedVirtualPortgroup")},
		"management_network_type": {false, networkType},
		"management_network":      {false, inventory("Network", "DistributedVirtualPortgroup")},
		"storage": {false, func(c *checker, p string, v interface{}) {
			c.structure(p, v, map[string]field{"datastore": {false, inventory("Datastore")}})
		}},
	})
	if object != nil {
		c.network(path, object, "ha_network", "ha_network_type")
		c.network(path, object, "management_network", "management_network_type")
	}
}

func checkDeploySpec(spec interface{}) []string {
	c := &checker{}
	c.structure("spec", spec, map[string]field{
		"vc_spec":    {false, connectionSpec},
		"deployment": {true, enum("AUTO", "MANUAL")},
		"active": {true, func(c *checker, p string, v interface{}) {
			object := c.structure(p, v, map[string]field{
				"ha_network_type": {false, networkType},
				"ha_network":      {false, inventory("Network", "DistributedVirtualPortgroup")},
				"ha_ip":           {true, ipSpec},
			})
			if object != nil {
				c.network(p, object, "ha_network", "ha_network_type")
			}
		}},
		"passive": {true, func(c *checker, p string, v interface{}) {
			c.structure(p, v, map[string]field{
				"placement":   {false, placementSpec},
				"ha_ip":       {true, ipSpec},
				"failover_ip": {false, ipSpec},
			})
		}},
		"witness": {true, func(c *checker, p string, v interface{}) {
			c.structure(p, v, map[string]field{"placement": {false, placementSpec}, "ha_ip": {true, ipSpec}})
		}},
	})
	return c.problems
}

// connectionSpec checks a CredentialsSpec {active_location: ConnectionSpec} [S].
func connectionSpec(c *checker, p string, v interface{}) {
	c.structure(p, v, map[string]field{"active_location": {true, func(c *checker, p string, v interface{}) {
		c.structure(p, v, map[string]field{"hostname": {true, str}, "port": {false, integer},
			"ssl_thumbprint": {false, str}, "username": {false, str}, "password": {false, str}})
	}}})
}

func checkUndeploySpec(spec interface{}) []string {
	c := &checker{}
	nodeVM := func(c *checker, p string, v interface{}) {
		c.structure(p, v, map[string]field{"vm": {true, inventory("VirtualMachine")}, "bios_uuid": {true, str}})
	}
	c.structure("spec", spec, map[string]field{
		"vc_spec":      {false, connectionSpec},
		"force_delete": {false, boolean},
		"vms": {false, func(c *checker, p string, v interface{}) {
			c.structure(p, v, map[string]field{"passive": {true, nodeVM}, "witness": {true, nodeVM}})
		}},
	})
	return c.problems
}

func checkGetInput(body map[string]interface{}) []string {
	c := &checker{}
	c.structure("input", body, map[string]field{
		"vc_spec": {false, connectionSpec},
		"partial": {false, boolean},
	})
	return c.problems
}

// ipInfo turns a deployed IpSpec into the IpInfo of Cluster.Info [S].
func ipInfo(spec interface{}) map[string]interface{} {
	object, _ := spec.(map[string]interface{})
	v4, _ := object["ipv4"].(map[string]interface{})
	info := map[string]interface{}{"ip_family": object["ip_family"]}
	if v4 != nil {
		mask := v4["subnet_mask"]
		if mask == nil {
			mask = "255.255.255.0"
		}
		info["ipv4"] = map[string]interface{}{"address": v4["address"], "subnet_mask": mask, "prefix": v4["prefix"]}
	}
	if gw, ok := object["default_gateway"]; ok {
		info["gateway_ip"] = gw
	}
	return info
}

func (v *vchaStandIn) nodeHaIP(node string) map[string]interface{} {
	n, _ := v.spec[node].(map[string]interface{})
	return ipInfo(n["ha_ip"])
}

func (v *vchaStandIn) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		v.reply(w, http.StatusMethodNotAllowed, nil)
		return
	}
	if r.Header.Get("vmware-api-session-id") == "" {
		v.reply(w, http.StatusUnauthorized, vapiError("unauthenticated", nil))
		return
	}
	body, _ := ioutil.ReadAll(r.Body)
	v.mu.Lock()
	defer v.mu.Unlock()
	switch r.URL.Query().Get("action") {
	case "deploy":
		if r.URL.Query().Get("vmw-task") != "true" {
			v.reply(w, http.StatusBadRequest, vapiError("invalid_argument", []string{"deploy is a task: vmw-task=true"}))
			return
		}
		var input map[string]interface{}
		if err := json.Unmarshal(body, &input); err != nil || input == nil {
			v.reply(w, http.StatusBadRequest, vapiError("invalid_argument", []string{"the body is not {\"spec\":{...}}"}))
			return
		}
		problems := []string{}
		for name := range input {
			if name != "spec" {
				problems = append(problems, "input."+name+": the operation has no such parameter")
			}
		}
		problems = append(problems, checkDeploySpec(input["spec"])...)
		if len(problems) > 0 {
			v.reply(w, http.StatusBadRequest, vapiError("invalid_argument", problems))
			return
		}
		if v.deployed {
			v.reply(w, http.StatusBadRequest, vapiError("already_exists", []string{"VCHA is already configured"}))
			return
		}
		v.deployed = true
		v.polls = 0
		v.spec, _ = input["spec"].(map[string]interface{})
		v.reply(w, http.StatusOK, map[string]interface{}{"value": "vcha-deploy-task-1"})
	case "undeploy":
		if r.URL.Query().Get("vmw-task") != "true" {
			v.reply(w, http.StatusBadRequest, vapiError("invalid_argument", []string{"undeploy is a task: vmw-task=true"}))
			return
		}
		var input map[string]interface{}
		if err := json.Unmarshal(body, &input); err != nil || input == nil {
			v.reply(w, http.StatusBadRequest, vapiError("invalid_argument", []string{"the body is not {\"spec\":{...}}"}))
			return
		}
		problems := []string{}
		for name := range input {
			if name != "spec" {
				problems = append(problems, "input."+name+": the operation has no such parameter")
			}
		}
		if _, present := input["spec"]; !present {
			problems = append(problems, "input.spec: required parameter missing")
		} else {
			problems = append(problems, checkUndeploySpec(input["spec"])...)
		}
		if len(problems) > 0 {
			v.reply(w, http.StatusBadRequest, vapiError("invalid_argument", problems))
			return
		}
		if !v.deployed {
			v.reply(w, http.StatusBadRequest, vapiError("not_allowed_in_current_state", []string{"VCHA is not configured"}))
			return
		}
		v.deployed = false
		v.spec = nil
		v.reply(w, http.StatusOK, map[string]interface{}{"value": "vcha-undeploy-task-1"})
	case "get":
		input := map[string]interface{}{}
		if len(strings.TrimSpace(string(body))) > 0 {
			if err := json.Unmarshal(body, &input); err != nil || input == nil {
				v.reply(w, http.StatusBadRequest, vapiError("invalid_argument", []string{"the body is not a JSON object"}))
				return
			}
		}
		if problems := checkGetInput(input); len(problems) > 0 {
			v.reply(w, http.StatusBadRequest, vapiError("invalid_argument", problems))
			return
		}
		// Every Cluster.Info field is optional [S]; an unconfigured cluster has a state only.
		state := map[string]interface{}{"config_state": "NOTCONFIGURED"}
		if v.deployed {
			v.polls++
			state["config_state"] = "CONFIGURED"
			state["health_warnings"] = []interface{}{}
			state["manual_failover_allowed"] = false
			state["auto_failover_allowed"] = false
			state["mode"] = "ENABLED"
			if v.polls <= v.after {
				state["health_state"] = "DEGRADED"
				state["health_warnings"] = []interface{}{map[string]interface{}{
					"error": localizable("com.vmware.vcha.passive.sync",
						"The passive node is not in sync with the active node."),
					"recommendation": localizable("com.vmware.vcha.passive.sync.recommendation",
						"Wait until the passive node has caught up, or check the HA network."),
				}}
			} else {
				state["health_state"] = "HEALTHY"
				state["manual_failover_allowed"] = true
				state["auto_failover_allowed"] = true
			}
			runtime := func(role string) map[string]interface{} {
				return map[string]interface{}{"state": "UP", "role": role}
			}
			passive, _ := v.spec["passive"].(map[string]interface{})
			state["node1"] = map[string]interface{}{"ha_ip": v.nodeHaIP("active"), "runtime": runtime("ACTIVE")}
			state["node2"] = map[string]interface{}{"ha_ip": v.nodeHaIP("passive"), "runtime": runtime("PASSIVE"),
				"failover_ip": ipInfo(passive["failover_ip"])}
			state["witness"] = map[string]interface{}{"ha_ip": v.nodeHaIP("witness"), "runtime": runtime("WITNESS")}
		}
		v.reply(w, http.StatusOK, map[string]interface{}{"value": state})
	default:
		v.reply(w, http.StatusNotFound, nil)
	}
}
