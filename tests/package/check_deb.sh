#!/usr/bin/env bash
# Builds the .deb from the build folder into a scratch folder, unpacks it and checks it.
# Usage: check_deb.sh BUILD_DIR VERSION. Prints one line per check; exits non-zero on the
# first failure.
set -euo pipefail
build=$1
version=$2

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# Package. CPack stages the install in the scratch folder too, so the build tree is untouched.
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1 \
  || { cat "$scratch/cpack.log" >&2; fail "cpack -G DEB"; }
debs=("$scratch"/out/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one .deb, found: ${debs[*]}"
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "vlab-wizard_${version}_${arch}.deb" ] || fail "file name $(basename "$deb")"
pass "built $(basename "$deb"), $(stat -c %s "$deb") bytes"

# Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = vlab-wizard ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version)"
depends=$(field Depends)
echo "Depends: $depends"
has_dep() { grep -Eq "(^|, )$(sed 's/[+.]/\\&/g' <<<"$1")( |,|$)" <<<"$depends"; }
for dep in qt6-qpa-plugins libqt6svg6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libssl3 \
           libqt6keychain1 libc6 libstdc++6; do
  has_dep "$dep" || fail "Depends lacks $dep"
done
pass "Depends names Qt, its platform plugins, OpenSSL, QtKeychain and the C/C++ runtime"

# Contents.
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
expect=(
  usr/bin/vlab
  usr/bin/vlab-wizard
  usr/share/applications/vlab-wizard.desktop
  usr/share/metainfo/io.github.vlabwizard.metainfo.xml
  usr/share/icons/hicolor/scalable/apps/vlab-wizard.svg
  usr/share/doc/vlab-wizard/copyright
)
for size in 16 22 24 32 48 64 128 256; do
  expect+=("usr/share/icons/hicolor/${size}x${size}/apps/vlab-wizard.png")
done
for f in "${expect[@]}"; do
  [ -f "$root/$f" ] || fail "missing /$f"
done
[ -x "$root/usr/bin/vlab" ] && [ -x "$root/usr/bin/vlab-wizard" ] || fail "programs not executable"
unexpected=$(cd "$root" && find . -type f | sed 's|^\./||' | grep -Ev '^usr/(bin|share/(applications|metainfo|icons|doc/vlab-wizard))/' || true)
[ -z "$unexpected" ] || fail "unexpected files: $unexpected"
cmp -s "$root/usr/share/doc/vlab-wizard/copyright" "$(dirname "$0")/../../LICENSE" \
  || fail "/usr/share/doc/vlab-wizard/copyright is not the project's LICENSE"
pass "${#expect[@]} files where a desktop expects them, nothing else"

# Each PNG is a PNG of its size (width and height from the IHDR chunk).
for size in 16 22 24 32 48 64 128 256; do
  png="$root/usr/share/icons/hicolor/${size}x${size}/apps/vlab-wizard.png"
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$png is not a PNG"
  w=$(od -An -j16 -N4 -tu1 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
  h=$(od -An -j20 -N4 -tu1 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
  [ "$w" = "$size" ] && [ "$h" = "$size" ] || fail "${size}x${size} icon is ${w}x${h}"
done
pass "icons 16..256 px have their sizes"

# Desktop metadata.
desktop-file-validate "$root/usr/share/applications/vlab-wizard.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.vlabwizard.metainfo.xml" \
  || fail "appstreamcli validate"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/io.github.vlabwizard.metainfo.xml" \
  || fail "the metainfo has no <release> for version $version"
pass "the .desktop file and the AppStream metainfo validate"

# The packaged programs: system libraries only, no build path, and they run.
for prog in vlab vlab-wizard; do
  bin="$root/usr/bin/$prog"
  if readelf -d "$bin" | grep -Eq 'R(UN)?PATH'; then
    fail "$prog carries an RPATH/RUNPATH: $(readelf -d "$bin" | grep -E 'R(UN)?PATH')"
  fi
  missing=$(env -u LD_LIBRARY_PATH ldd "$bin" | grep 'not found' || true)
  [ -z "$missing" ] || fail "$prog: $missing"
  if readelf -S "$bin" | grep -q '\.debug_info'; then fail "$prog is not stripped"; fi
done
pass "no RPATH, every library found on the system, stripped"

# Every library the programs load directly comes from a package that Depends names (so
# libssh-4 appears as soon as the programs use libssh, which --as-needed links only then).
owner_of() { dpkg -S "$1" 2>/dev/null | awk -F: 'NR == 1 { print $1 }' || true; }
for prog in vlab vlab-wizard; do
  for soname in $(readelf -d "$root/usr/bin/$prog" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    case $soname in ld-linux*) continue ;; esac # the dynamic loader: libc6, checked above
    path=$(env -u LD_LIBRARY_PATH ldd "$root/usr/bin/$prog" | awk -v so="$soname" '$1 == so { print $3 }')
    [ -n "$path" ] || fail "$prog: $soname not resolved"
    owner=$(owner_of "$(readlink -f "$path")")
    [ -n "$owner" ] || owner=$(owner_of "$path") # merged /usr: either spelling may be registered
    [ -n "$owner" ] || fail "$prog: no package owns $path"
    has_dep "$owner" || fail "$prog needs $soname from $owner, which Depends does not name"
  done
done
pass "every directly loaded library's package is in Depends"

out=$(env -u LD_LIBRARY_PATH "$root/usr/bin/vlab" --version)
[ "$out" = "vlab $version" ] || fail "vlab --version printed: $out"
pass "packaged vlab --version: $out"
mkdir -m 700 "$scratch/run"
out=$(env -u LD_LIBRARY_PATH -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen \
      XDG_RUNTIME_DIR="$scratch/run" "$root/usr/bin/vlab-wizard" --version)
grep -q "$version" <<<"$out" || fail "vlab-wizard --version printed: $out"
pass "packaged vlab-wizard --version: $out"

# The packaged CLI end to end: the example plan, then its runbook in Vietnamese (the catalogue
# and the offscreen platform plugin come from the package and its dependencies).
env -u LD_LIBRARY_PATH "$root/usr/bin/vlab" init "$scratch/lab" >/dev/null || fail "vlab init"
env -u LD_LIBRARY_PATH -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM XDG_RUNTIME_DIR="$scratch/run" \
  "$root/usr/bin/vlab" --lang vi runbook "$scratch/lab/sslab.vlab.json" -o "$scratch/lab/runbook.pdf" \
  --markdown "$scratch/lab/runbook.md" >/dev/null || fail "packaged vlab runbook"
grep -q "Sổ tay vận hành của lab" "$scratch/lab/runbook.md" || fail "the packaged runbook is not in Vietnamese"
[ "$(head -c 5 "$scratch/lab/runbook.pdf")" = "%PDF-" ] || fail "the packaged runbook is no PDF"
pass "packaged vlab --lang vi runbook: $(stat -c %s "$scratch/lab/runbook.pdf") byte PDF, Vietnamese headings"
echo "package_deb: all checks passed"
