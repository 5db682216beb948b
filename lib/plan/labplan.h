#pragma once
// LabPlan: the single source of truth for a lab, as plain typed values.
// It mirrors the "vlab.plan/1" JSON schema key for key (see planjson.h). Addresses and
// enumerations are kept as the user typed them so that validation, not loading, explains
// what is wrong with them. Secrets never belong here.

#include <QList>
#include <QString>
#include <QStringList>

namespace vlab {

inline constexpr auto kPlanSchema = "vlab.plan/1";

struct LabInfo
{
    QString name;
    bool operator==(const LabInfo &) const = default;
};

struct DnsSettings
{
    QString domain;
    QStringList servers;
    bool operator==(const DnsSettings &) const = default;
};

struct NtpSettings
{
    QStringList servers;
    bool operator==(const NtpSettings &) const = default;
};

struct ManagementNetwork
{
    QString cidr; // "192.168.1.0/24"
    QString gateway;
    QString portGroup; // port group the appliances attach to
    bool operator==(const ManagementNetwork &) const = default;
};

// Where the appliances are deployed: an ESXi host directly, or a managing vCenter.
struct DeploymentTarget
{
    QString kind = QStringLiteral("esxi"); // esxi | vcenter
    QString host;
    QString user;
    QString datastore;
    QString network;
    QString datacenter; // vcenter only
    QString cluster;    // vcenter only
    bool operator==(const DeploymentTarget &) const = default;
};

struct SsoSettings
{
    QString domain; // e.g. vsphere.local
    QString site;
    bool operator==(const SsoSettings &) const = default;
};

struct PscNode
{
    QString name; // appliance (VM) name
    QString fqdn;
    QString ip;
    bool operator==(const PscNode &) const = default;
};

struct Persistence
{
    QString type = QStringLiteral("SOURCEIP"); // SOURCEIP | COOKIEINSERT | RULE | NONE
    int timeoutMinutes = 1440;
    bool operator==(const Persistence &) const = default;
};

struct LoadBalancer
{
    QString kind = QStringLiteral("netscaler");
    QString nsip; // management address
    QString snip; // subnet address the NetScaler uses towards the PSCs
    QString vip;  // virtual address of the PSC virtual servers
    QString fqdn; // DNS name of the VIP
    QList<int> ports;
    Persistence persistence;
    QString namePrefix; // prefix of every NetScaler object name
    bool operator==(const LoadBalancer &) const = default;
};

struct CertificateSubject
{
    QString country;          // C
    QString state;            // ST
    QString locality;         // L
    QString organization;     // O
    QString organizationUnit; // OU
    QString commonName;       // CN
    bool operator==(const CertificateSubject &) const = default;
};

struct CertificatePlan
{
    CertificateSubject subject;
    QStringList san;
    int keyBits = 2048;
    QString signer = QStringLiteral("vmca"); // vmca | external
    int validityDays = 730;
    bool operator==(const CertificatePlan &) const = default;
};

struct VCenterPlan
{
    QString name;
    QString fqdn;
    QString ip;
    QString size = QStringLiteral("small"); // tiny | small | medium | large | xlarge
    bool operator==(const VCenterPlan &) const = default;
};

struct HaNetwork
{
    QString cidr;
    QString portGroup;
    bool operator==(const HaNetwork &) const = default;
};

struct VchaPlan
{
    bool enabled = false;
    HaNetwork network;
    QString activeIp;
    QString passiveIp;
    QString witnessIp;
    bool operator==(const VchaPlan &) const = default;
};

struct PortGroup
{
    QString name;
    int vlan = 0;
    bool operator==(const PortGroup &) const = default;
};

struct DistributedSwitch
{
    QString name;
    QString version = QStringLiteral("6.6.0");
    int mtu = 1500;
    int uplinks = 2;
    QList<PortGroup> portGroups;
    bool operator==(const DistributedSwitch &) const = default;
};

struct LabPlan
{
    QString schema = QString::fromLatin1(kPlanSchema);
    LabInfo lab;
    DnsSettings dns;
    NtpSettings ntp;
    ManagementNetwork network;
    DeploymentTarget target;
    SsoSettings sso;
    QList<PscNode> psc;
    LoadBalancer loadBalancer;
    CertificatePlan certificate;
    VCenterPlan vcenter;
    VchaPlan vcha;
    DistributedSwitch vds;
    bool operator==(const LabPlan &) const = default;
};

// The PSC ports the load balancer must carry (domain-facts: "PSC ports behind the load balancer").
QList<int> standardPscPorts();

} // namespace vlab
