#pragma once
// Passwords for the verbs that talk to the lab: from an environment variable (for scripts and
// CI), else asked for on the terminal without echo. Never from a plan file, never printed.
//
// The variables: VLAB_ROOT_PASSWORD (appliance root), VLAB_SSO_PASSWORD (SSO administrator),
// VLAB_VC_PASSWORD (vCenter), VLAB_NS_PASSWORD (NetScaler nsroot).

#include <QString>

#include <optional>

namespace vlab::cli {

inline constexpr char kRootPasswordVar[] = "VLAB_ROOT_PASSWORD";
inline constexpr char kSsoPasswordVar[] = "VLAB_SSO_PASSWORD";
inline constexpr char kVcPasswordVar[] = "VLAB_VC_PASSWORD";
inline constexpr char kNsPasswordVar[] = "VLAB_NS_PASSWORD";

// The value of envVar if it is set and not empty; otherwise promptText on the terminal and
// one line read from it with echo off. When that cannot be done (standard input is not a
// terminal, end of input, nothing typed) it prints why and returns nothing: the caller exits
// with BadInput (2).
std::optional<QString> readSecret(const char *envVar, const QString &promptText);

} // namespace vlab::cli
