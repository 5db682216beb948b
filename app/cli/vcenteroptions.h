#pragma once
// The connection options every live vCenter verb shares (--host, --user, --fingerprint,
// --timeout) and the password, which only ever comes from the environment
// (VLAB_VC_PASSWORD): never an argument, where other users could read it.

#include "vsphere/vcenterclient.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

namespace vlab::cli {

class VCenterOptions
{
public:
    VCenterOptions();
    void addTo(QCommandLineParser &parser) const;
    // The endpoint, or nullopt having printed why (exit code 2 is the caller's). With a
    // project folder (the plan's), a fingerprint confirmed there before (vlab-trust.json) is
    // used when --fingerprint is not given.
    std::optional<VCenterEndpoint> endpoint(const QCommandLineParser &parser,
                                            const QString &projectFolder = {}) const;
    // Work with the endpoint succeeded: keep the --fingerprint given in the project folder's
    // vlab-trust.json, so the next run needs none.
    void keepFingerprint(const QCommandLineParser &parser, const VCenterEndpoint &endpoint,
                         const QString &projectFolder) const;
    // The lines of --help that explain the password.
    static QString passwordHelp();

private:
    QCommandLineOption m_host;
    QCommandLineOption m_user;
    QCommandLineOption m_fingerprint;
    QCommandLineOption m_timeout;
};

} // namespace vlab::cli
