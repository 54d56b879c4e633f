#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The package check (README.md, "Packaging"): builds the Debian package with CPack (in a build
# tree of its own, or from a given one), installs it with apt-get into a CLEAN Debian 12 root
# (debootstrap, minbase, from the Debian mirror this machine's apt uses), and starts Patchboard
# there under a virtual X server: it must create its demo fleet, load its first page, save
# screenshots (English and German) and exit 0, with no missing Qt plugin. It also checks that the
# package installs the desktop file, the icon, the AppStream metainfo and the manual page, and
# that patchboard-author runs.
#
#   scripts/check-deb.sh [--build-dir DIR] [--keep]
#
# --build-dir DIR  package from an existing build tree (for example build/, after ./build.sh
#                  build or test): only the app's targets are brought up to date, then cpack.
#                  Without it the package is built in a tree of its own, DEB_BUILD_DIR, without
#                  tests and benchmarks.
# --keep           leave the clean root in place (unmounted) and say where.
#
# Needs root (debootstrap, chroot, mount) on Debian 12 and the Debian mirror; installs what it
# misses (debootstrap, dpkg-dev, the build packages) with apt-get. Takes about a minute plus the
# build (README.md, "Packaging").
#
# Settings (environment):
#   DEB_BUILD_DIR   build tree of the package without --build-dir [build-deb]
#   DEBIAN_MIRROR   Debian mirror for the clean root [the one for bookworm in /etc/apt/sources*]
#   DEB_ROOT_CACHE  a tarball of the freshly bootstrapped root: made on the first run, unpacked
#                   on later ones instead of bootstrapping again (saves 30-70 s) [unset]
#   JOBS            parallel compile jobs [all cores]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly SOURCE_DIR="$PWD"
DEB_BUILD_DIR="${DEB_BUILD_DIR:-build-deb}"
[[ "$DEB_BUILD_DIR" == /* ]] || DEB_BUILD_DIR="$SOURCE_DIR/$DEB_BUILD_DIR"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
readonly SUITE=bookworm

say()  { printf '==> [%3ds] %s\n' "$SECONDS" "$*"; }
die()  { printf 'check-deb.sh: FAILED: %s\n' "$*" >&2; exit 1; }

KEEP=0
FROM_BUILD=""
while (($#)); do
    case "$1" in
        --keep) KEEP=1 ;;
        --build-dir) FROM_BUILD="${2:?--build-dir needs a folder}"; shift ;;
        -h|--help) sed -n '3,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done

((EUID == 0)) || die "needs root (debootstrap, chroot and mount): run it as root or with sudo."

# --- the host: tools ----------------------------------------------------------------------------

need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v dpkg-shlibdeps >/dev/null || need+=(dpkg-dev)
if ((${#need[@]})); then
    say "Installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 install -y \
        --no-install-recommends "${need[@]}" >/dev/null \
        || { apt-get -q update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get -q install -y \
                 --no-install-recommends "${need[@]}" >/dev/null; } \
        || die "apt-get install ${need[*]} failed"
fi
"$SOURCE_DIR/build.sh" deps >/dev/null || die "./build.sh deps failed"

# "URI SUITE" for each Debian source of this machine's apt: one-line and deb822 formats.
host_sources() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -f "$f" ]] || continue
        awk '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                           print $i, $(i + 1) }' "$f"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -f "$f" ]] || continue
        awk 'BEGIN { RS = ""; FS = "\n" }
             { uris = ""; suites = ""; types = ""
               for (i = 1; i <= NF; i++) {
                   if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); uris = $i }
                   else if ($i ~ /^Suites:/) { sub(/^Suites:[ \t]*/, "", $i); suites = $i }
                   else if ($i ~ /^Types:/) { types = $i }
               }
               if (types !~ /[ \t]deb([ \t]|$)/) next
               n = split(uris, u, /[ \t]+/); m = split(suites, s, /[ \t]+/)
               for (a = 1; a <= n; a++) for (b = 1; b <= m; b++) print u[a], s[b] }' "$f"
    done
}
sources="$(host_sources)"
MIRROR="${DEBIAN_MIRROR:-$(awk -v s="$SUITE" '$2 == s { print $1; exit }' <<<"$sources")}"
SECURITY="$(awk -v s="$SUITE-security" '$2 == s { print $1; exit }' <<<"$sources")"
[[ -n "$MIRROR" ]] || die "no Debian $SUITE mirror in /etc/apt/sources.list*; set DEBIAN_MIRROR"
MIRROR="${MIRROR%/}"

# --- the package --------------------------------------------------------------------------------

if [[ -n "$FROM_BUILD" ]]; then
    [[ "$FROM_BUILD" == /* ]] || FROM_BUILD="$SOURCE_DIR/$FROM_BUILD"
    [[ -f "$FROM_BUILD/CPackConfig.cmake" ]] \
        || die "$FROM_BUILD is not a configured build tree of Patchboard (no CPackConfig.cmake)"
    pkg_tree="$FROM_BUILD"
    say "Packaging from the build tree $pkg_tree (the app's targets brought up to date)"
    cmake --build "$pkg_tree" --parallel "$JOBS" \
        --target patchboard patchboard-author patchboard_manpage || die "the build failed"
else
    pkg_tree="$DEB_BUILD_DIR"
    say "Building the package in $pkg_tree (RelWithDebInfo, stripped; no tests)"
    mkdir -p "$pkg_tree"
    cmake -S "$SOURCE_DIR" -B "$pkg_tree" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_INSTALL_PREFIX=/usr -DPATCHBOARD_BUILD_TESTS=OFF -DPATCHBOARD_BUILD_BENCH=OFF \
        >"$pkg_tree/configure.log" 2>&1 || { cat "$pkg_tree/configure.log"; die "configure"; }
    cmake --build "$pkg_tree" --parallel "$JOBS" || die "the build failed"
fi
rm -f "$pkg_tree"/packages/patchboard_*.deb
(cd "$pkg_tree" && cpack -G DEB -B "$pkg_tree/packages" >cpack.log 2>&1) \
    || { cat "$pkg_tree/cpack.log"; die "cpack"; }
debs=("$pkg_tree"/packages/patchboard_*.deb)
[[ -f "${debs[0]}" ]] || die "cpack made no patchboard_*.deb in $pkg_tree/packages"
deb="${debs[0]}"
say "Built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb --field "$deb" Package Version Architecture Section Depends Recommends

# --- a clean Debian 12 root ---------------------------------------------------------------------

work="$(mktemp -d /tmp/patchboard-check-deb.XXXXXX)"
root="$work/root"
mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || true
    done
    if ((KEEP)); then
        echo "check-deb.sh: the root is kept in $root (umounted)"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

if [[ -n "${DEB_ROOT_CACHE:-}" && -f "$DEB_ROOT_CACHE" ]]; then
    say "Unpacking the clean $SUITE root from $DEB_ROOT_CACHE"
    mkdir -p "$root"
    tar -C "$root" -xf "$DEB_ROOT_CACHE" || die "cannot unpack $DEB_ROOT_CACHE"
else
    say "Bootstrapping a clean Debian $SUITE root (minbase) from $MIRROR"
    debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
        || { tail -n 30 "$work/debootstrap.log"; die "debootstrap"; }
    if [[ -n "${DEB_ROOT_CACHE:-}" ]]; then
        mkdir -p "$(dirname "$DEB_ROOT_CACHE")"
        tar -C "$root" -cf "$DEB_ROOT_CACHE" . && say "Saved the clean root as $DEB_ROOT_CACHE"
    fi
fi
{
    echo "deb $MIRROR $SUITE main"
    echo "deb $MIRROR $SUITE-updates main"
    [[ -n "$SECURITY" ]] && echo "deb ${SECURITY%/} $SUITE-security main"
} >"$root/etc/apt/sources.list"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
for fs in proc dev; do
    if [[ $fs == proc ]]; then
        mount -t proc proc "$root/proc"
    else
        mount --bind /dev "$root/dev"
    fi
    mounted+=("$root/$fs")
done

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

say "Installing $(basename "$deb") with apt-get in the clean root (Depends only, no Recommends)"
cp "$deb" "$root/tmp/"
in_root apt-get -q update >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; die "apt-get update"; }
# xvfb and xauth for the start below only; the package pulls everything else it needs.
in_root env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends \
    "/tmp/$(basename "$deb")" xvfb xauth >>"$work/apt.log" 2>&1 \
    || { tail -n 40 "$work/apt.log"; die "apt-get install of the package"; }
in_root dpkg-query -W -f='${Package} ${Version} ${Status}\n' patchboard

say "Checking the installed files (dpkg -L patchboard)"
files="$(in_root dpkg -L patchboard)"
for f in /usr/bin/patchboard /usr/bin/patchboard-author \
         /usr/share/applications/org.patchboard.Patchboard.desktop \
         /usr/share/icons/hicolor/scalable/apps/org.patchboard.Patchboard.svg \
         /usr/share/metainfo/org.patchboard.Patchboard.metainfo.xml \
         /usr/share/man/man1/patchboard.1.gz; do
    grep -qx "$f" <<<"$files" || die "the package does not install $f"
    echo "  $f"
done
# The plugins Qt loads at run time, which dpkg-shlibdeps cannot see: from the Depends.
for plugin in sqldrivers/libqsqlite.so iconengines/libqsvgicon.so platforms/libqxcb.so; do
    [[ -f "$root/usr/lib/x86_64-linux-gnu/qt6/plugins/$plugin" ]] \
        || die "Qt plugin $plugin is missing in the clean root: add its package to Depends"
    echo "  qt6/plugins/$plugin"
done

# --- start it -----------------------------------------------------------------------------------

run_app() { # LOG ARGS...: patchboard under Xvfb in the root; its output goes to LOG
    local log=$1
    shift
    in_root env LANG="${APP_LANG:-C.UTF-8}" xvfb-run -a -s "-screen 0 1600x1000x24" \
        timeout 300 patchboard --database /root/fleet.db --demo-devices 5000 "$@" >"$log" 2>&1
}
bad_output='QSQLITE driver not loaded|Could not load the Qt platform plugin|Cannot load library|Could not find the Qt platform plugin|This application failed to start'

say "Starting patchboard in the clean root under Xvfb (new demo fleet, --quit-after-load)"
start=$SECONDS
rc=0
run_app "$work/first-start.log" --quit-after-load || rc=$?
cat "$work/first-start.log"
((rc == 0)) || die "patchboard exited with status $rc on its first start"
! grep -Eq "$bad_output" "$work/first-start.log" || die "Qt could not load a plugin (see above)"
say "It came up on the demo fleet and exited 0 ($((SECONDS - start)) s)"

say "Screenshots of the Devices page (English) and the Compliance page (German)"
run_app "$work/shot-en.log" --page devices --screenshot /root/devices.png \
    || { cat "$work/shot-en.log"; die "the screenshot run failed"; }
APP_LANG=de_DE.UTF-8 run_app "$work/shot-de.log" --page compliance --screenshot /root/compliance-de.png \
    || { cat "$work/shot-de.log"; die "the German screenshot run failed"; }
shots="$pkg_tree/check-deb"
mkdir -p "$shots"
cp "$root/root/devices.png" "$root/root/compliance-de.png" "$shots/"
[[ -s "$shots/devices.png" && -s "$shots/compliance-de.png" ]] || die "no screenshot written"
echo "  $shots/devices.png"
echo "  $shots/compliance-de.png"

say "patchboard-author in the clean root"
in_root patchboard-author keygen --type ed25519 --out /root/author.pem >/dev/null \
    || die "patchboard-author keygen failed"
[[ -s "$root/root/author.pub.pem" ]] || die "patchboard-author wrote no public key"

say "PASSED: $(basename "$deb") installs on a clean Debian $SUITE and Patchboard starts there (${SECONDS} s in all)"
