#pragma once
// The lab plan as an Ansible project, for teams that run Ansible or AWX instead of the wizard
// (`vlab export ansible`, File > Export > Ansible project). One project holds any number of
// labs: one inventory group per plan, whose variables (group_vars/<lab>.yml) come from the
// plan, and the same roles for every lab, one per step in the lab's dependency order
// (site.yml). Values that are engine decisions are taken from the engine, not derived again:
// the NetScaler objects and their names (LbConfig, nitroObjects), the vcsa-deploy templates
// and the VCHA spec (their writers). The roles themselves are fixed text
// (resources/ansible, compiled in). Every plan string is written with yamlUnsafe(), so no
// value can break the YAML or be evaluated by Ansible. No secret is ever written.

#include "core/result.h"
#include "jobs/writefilesjob.h"
#include "plan/labplan.h"

namespace vlab {

struct AnsibleLab
{
    QString planFile; // where the plan came from (its folder may hold confirmed TLS pins)
    LabPlan plan;
};

// The inventory group of a lab: its name as an Ansible identifier ("sslab", "lab_2024").
QString ansibleGroupName(const QString &labName);

// Every file of the project, with paths inside `folder`. Fails, naming the plan file and the
// field, when a plan has validation errors, when two plans give the same group, or when a
// plan cannot give what a role needs.
Result<QList<Artifact>> ansibleProject(const QList<AnsibleLab> &labs, const QString &folder);

// The role names in site.yml order (also the tags that run one step alone).
const QStringList &ansibleRoles();

} // namespace vlab
