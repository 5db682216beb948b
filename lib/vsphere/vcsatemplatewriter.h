#pragma once
// VcsaTemplateWriter: the VCSA CLI installer's JSON templates (vcsa-deploy) for the three
// appliances of the lab: the first PSC (a new SSO domain and site), the second PSC
// (replicating with the first, in the same site), and vCenter with the external PSC behind the
// load balancer (the SSO domain name next to the PSC name, no CEIP block: the stock template
// has none). vSphere 6.7 ("__version": "2.13.0", keys with underscores) is the default; 6.5
// ("2.3.0", keys with dots and hyphens) is kept as a second mapping because the spelling
// changed between the versions. Each key follows the stock templates as public copies show
// them (docs/sources.md, "vcsa-deploy templates"; tests/data/vcsa/vcsa-template-schema.json);
// the keys no public stock template confirms are listed by vcsaTemplateVerifyNotes() and
// written into the template's comments. NTP servers are added (the stock templates lack
// them). Everything is ASCII. Passwords are placeholders unless given, and a template holding
// passwords must be written 0600.

#include "core/result.h"
#include "plan/labplan.h"

#include <QByteArray>
#include <optional>

namespace vlab {

enum class VcsaRole { Psc1, Psc2, VCenter };
enum class VcsaVersion { V67, V65 };

struct VcsaSecrets
{
    QString targetPassword; // ESXi root or the managing vCenter user
    QString rootPassword;   // the new appliance's root
    QString ssoPassword;    // administrator@<sso domain>
};

// The placeholders written instead of passwords; the installer runner fills them in.
namespace VcsaPlaceholders {
inline constexpr auto Target = "<VLAB_TARGET_PASSWORD>";
inline constexpr auto Root = "<VLAB_ROOT_PASSWORD>";
inline constexpr auto Sso = "<VLAB_SSO_PASSWORD>";
} // namespace VcsaPlaceholders

struct VcsaTemplateOptions
{
    // The replica joins the first PSC's site by name (site_name in its sso section). Without
    // it the installer's default site applies ("default-first-site" in the deployment API),
    // which is another site unless the plan's site has that name. Whether vcsa-deploy 6.7
    // takes site_name in a replica template is unconfirmed: verify.
    bool replicaSiteName = true;
};

Result<VcsaRole> parseVcsaRole(const QString &text);       // psc1 | psc2 | vcenter
Result<VcsaVersion> parseVcsaVersion(const QString &text); // 6.7 | 6.5

// The template as indented JSON. Fails, naming the plan field, when the plan lacks what the
// role needs, or when a value is not ASCII.
Result<QByteArray> renderVcsaTemplate(const LabPlan &plan, VcsaRole role, VcsaVersion version,
                                      const std::optional<VcsaSecrets> &secrets = std::nullopt,
                                      const VcsaTemplateOptions &options = {});

// What the template of `role` holds that no public stock template confirms, each as
// "<key>: <why> (verify with vcsa-deploy install --template-help or --verify-template-only)".
QStringList vcsaTemplateVerifyNotes(VcsaRole role, VcsaVersion version,
                                    const VcsaTemplateOptions &options = {});

// "vcsa-psc1.json" ...
QString vcsaTemplateFileName(VcsaRole role);

} // namespace vlab
