#pragma once
// ProjectState: what the wizard remembers of a project's live work that is not plan data, so
// that a restart finds the pages as they were left: the NSIP as it was typed (with its port)
// when the NetScaler last answered, the folder of the mounted VCSA ISO the installer was found
// in, and the vCenter (host[:port] and user) that the vCenter pages last worked with. It is
// kept in the project folder as vlab-state.json, written atomically and 0600 like the other
// private files of the project, and never holds a password (those go to the keychain).
//
// {"schema": "vlab.state/1", "netscaler": {"address": "192.0.2.5:8443"},
//  "vcsa": {"isoFolder": "/mnt/vcsa"}, "vcenter": {"host": "vc.lab.test", "user": "..."}}

#include "core/result.h"

#include <QString>

#include <functional>

namespace vlab {

struct ProjectState
{
    QString netscalerAddress; // "ADDR[:PORT]" the NetScaler answered on
    QString isoFolder;        // the mounted VCSA ISO that holds the installer
    QString vcenterHost;      // "HOST[:PORT]" of the vCenter a page logged in to
    QString vcenterUser;      // the user it logged in as

    bool operator==(const ProjectState &) const = default;

    static QString fileName(); // "vlab-state.json"
    // The state of the project in `projectFolder`: a missing file (or no folder) is an empty
    // state; a damaged one is an error naming the file.
    static Result<ProjectState> load(const QString &projectFolder);
    // Writes it atomically (0600; the folder made 0700 when it is created for it).
    Result<void> save(const QString &projectFolder) const;
    // Reads the project's state, applies `change` and writes it back (nothing without a
    // project folder). A damaged file is replaced.
    static Result<void> update(const QString &projectFolder,
                               const std::function<void(ProjectState &)> &change);
};

} // namespace vlab
