#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Patchboard build helper for Debian 12 (bookworm). See README.md, "Quick start".
#
#   ./build.sh run [ARGS...]   install missing packages, build, start the desktop app (ARGS go to it)
#   ./build.sh test            install missing packages, build, run every test (headless) and
#                              fuzz the SUIT envelope decoder for FUZZ_SECONDS (tests/fuzz)
#   ./build.sh help            all commands and settings
#
# Packages come from Debian's archive through apt-get only, and only when one is missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
readonly SOURCE_DIR="$PWD"

BUILD_DIR="${BUILD_DIR:-build}"
BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
SKIP_FUZZ="${SKIP_FUZZ:-0}"
FUZZ_BUILD_DIR="${FUZZ_BUILD_DIR:-${BUILD_DIR%/}-fuzz}"

# Debian 12 package names. Each one is checked with dpkg-query; apt-get runs only if one is missing.
readonly PACKAGES=(
    # toolchain
    cmake ninja-build g++ pkg-config
    # Qt 6.4: Core/Gui/Widgets/Sql/Network/Concurrent/Test, SQLite driver, Charts, Svg.
    # libqt6opengl6-dev is only a Recommends of qt6-base-dev, but Qt6Charts' CMake package needs
    # Qt6OpenGL, which it holds.
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-charts-dev qt6-svg-dev libqt6opengl6-dev
    # Qt HTTP Server for patchboard-server (app/server, services/api)
    qt6-httpserver-dev
    # Qt Linguist tools (lupdate/lrelease, Qt6LinguistTools CMake package) and Qt's own translations
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    # OpenSSL 3 (crypto), OpenGL headers (needed by Qt6Gui's CMake package), SQLite, zlib (OSV zip)
    libssl-dev libgl-dev libsqlite3-dev zlib1g-dev
    # fonts for the UI (Latin, and Japanese: without a CJK font the ja translation shows boxes),
    # and a virtual X server for headless runs and screenshots
    fonts-dejavu-core fonts-ipafont-gothic xvfb xauth
)
# Only for ./build.sh test, which also builds and runs the libFuzzer target (tests/fuzz): clang 14,
# its libFuzzer and AddressSanitizer runtimes (only a Recommends of clang-14), and llvm-symbolizer
# (llvm-14) so that a finding's stack in the CI log has function names and lines.
readonly FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev llvm-14)
# Only for ./build.sh test: the freedesktop validators that the test desktop_install runs over
# the installed desktop file and AppStream metainfo; PostgreSQL 15 and Qt's driver for it, for
# the tests that run the storage on PostgreSQL (scripts/with-postgres.sh starts a throw-away
# server on a loopback port for the test run).
readonly TEST_PACKAGES=(desktop-file-utils appstream postgresql-15 libqt6sql6-psql)

say()  { printf '==> %s\n' "$*"; }
warn() { printf 'build.sh: warning: %s\n' "$*" >&2; }
die()  { printf 'build.sh: error: %s\n' "$*" >&2; exit 1; }

usage() {
    cat <<EOF
Usage: ./build.sh COMMAND [ARGS...]

Commands:
  run [ARGS...]     install missing packages, build, and start build/app/desktop/patchboard on the
                    embedded demo fleet; ARGS are passed to the app, for example
                      ./build.sh run --demo-devices 1000000
                    Needs a display; without one use: xvfb-run -a ./build.sh run
  test [ARGS...]    install missing packages, build, and run every test with ctest
                    (headless, QT_QPA_PLATFORM=offscreen); exits with the tests' status;
                    ARGS go to ctest, for example: ./build.sh test -R compliance
                    One of the tests, fuzz_suitenvelope, fuzzes the SUIT envelope decoder for
                    FUZZ_SECONDS with libFuzzer + AddressSanitizer (a clang build of only that
                    target in FUZZ_BUILD_DIR, see tests/fuzz/run.sh); a crash, leak, timeout or
                    out-of-memory fails it. SKIP_FUZZ=1 neither builds nor runs it (ctest's
                    -E fuzz only leaves out the run)
  bench [NAME...]   install missing packages, build, and run the programs in ${BUILD_DIR}/bench
                    (all of them, or only those named: bench_devicebrowser or devicebrowser)
  build             install missing packages and build, nothing else
  deps              install missing packages only
  update-translations
                    build and run lupdate: refresh translations/*.ts from the sources
  help              this text

Settings (environment variables, current value in brackets):
  BUILD_DIR    build directory, relative to the source tree or absolute [${BUILD_DIR}]
  BUILD_TYPE   CMake build type: RelWithDebInfo, Release or Debug [${BUILD_TYPE}]
  JOBS         parallel compile and test jobs, default all cores [${JOBS}]
  CMAKE_ARGS   extra arguments for the CMake configure step [${CMAKE_ARGS:-}]
  FUZZ_SECONDS how long ./build.sh test fuzzes [${FUZZ_SECONDS}]
  SKIP_FUZZ    1: ./build.sh test neither builds nor runs the fuzzer, nor installs clang [${SKIP_FUZZ}]
  FUZZ_BUILD_DIR
               the clang build tree of the fuzzer [${FUZZ_BUILD_DIR}]

Packages are installed from Debian's archive with apt-get (as root, or through sudo), only
when one of them is missing.
EOF
}

# --- packages ---------------------------------------------------------------------------------

is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# install_deps [EXTRA_PACKAGES...]: PACKAGES and the extra ones.
install_deps() {
    command -v dpkg-query >/dev/null 2>&1 \
        || die "dpkg-query not found: this script expects Debian 12 (or a derivative with apt)."
    local wanted=("${PACKAGES[@]}" "$@") missing=() pkg
    for pkg in "${wanted[@]}"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    if ((${#missing[@]} == 0)); then
        say "All ${#wanted[@]} required Debian packages are installed."
        return 0
    fi

    local sudo=()
    if ((EUID != 0)); then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            die "missing packages: ${missing[*]}
  Not running as root and sudo is not available. As root, run:
    apt-get update && apt-get install --no-install-recommends ${missing[*]}"
        fi
    fi

    say "Installing ${#missing[@]} missing Debian package(s): ${missing[*]}"
    if ((${#sudo[@]})); then
        say "(using sudo; it may ask for your password)"
    fi
    local apt_opts=(-q -o DPkg::Lock::Timeout=300)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update \
        || die "apt-get update failed (see above)."
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y \
        --no-install-recommends "${missing[@]}" \
        || die "apt-get install failed (see above). Is this Debian 12 (bookworm)?"
}

# --- configure and build ----------------------------------------------------------------------

# configure [CMAKE_ARGUMENTS...]
configure() {
    local cache="$BUILD_DIR/CMakeCache.txt"
    if [[ -f "$cache" ]] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$cache"; then
        die "$BUILD_DIR was configured with another CMake generator; remove it (rm -rf $BUILD_DIR) or set BUILD_DIR."
    fi
    local extra=()
    if [[ -n "${CMAKE_ARGS:-}" ]]; then
        read -r -a extra <<<"$CMAKE_ARGS"
    fi
    say "Configuring ($BUILD_TYPE) in $BUILD_DIR"
    cmake -S "$SOURCE_DIR" -B "$BUILD_DIR" -G Ninja \
        -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
        -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
        "${extra[@]}" "$@" \
        || die "CMake configuration failed (see above)."
}

build() {
    local start=$SECONDS
    say "Building with $JOBS parallel job(s)"
    cmake --build "$BUILD_DIR" --parallel "$JOBS" \
        || die "the build failed; the first compiler error above says why."
    say "Build finished in $((SECONDS - start)) s."
}

prepare() {
    install_deps
    configure
    build
}

# A display, or a Qt platform the user chose that shows something (vnc, eglfs...). offscreen and
# minimal show nothing: the app would run unseen until killed, so they do not count.
have_display() {
    [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]] && return 0
    case "${QT_QPA_PLATFORM:-}" in
        ""|offscreen*|minimal*) return 1 ;;
        *) return 0 ;;
    esac
}

no_display_message() {
    cat >&2 <<EOF

build.sh: no display: \$DISPLAY and \$WAYLAND_DISPLAY are both empty, so the Patchboard window
has nowhere to appear. The app is built: $BUILD_DIR/app/desktop/patchboard
  - on a desktop, run ./build.sh run from a terminal inside your graphical session;
  - over SSH, connect with X forwarding (ssh -X) and run it again;
  - headless (for example for screenshots), run it on a virtual X server:
        xvfb-run -a ./build.sh run
    (it keeps running until you stop it with Ctrl+C; nothing is shown on your screen).
EOF
}

# --- commands ---------------------------------------------------------------------------------

cmd_run() {
    if ! have_display; then
        warn "no display found (\$DISPLAY and \$WAYLAND_DISPLAY are empty): building only; see the note at the end."
    fi
    prepare
    local app="$BUILD_DIR/app/desktop/patchboard"
    [[ -x "$app" ]] || die "$app was not built; see the build output above."
    if ! have_display; then
        no_display_message
        exit 1
    fi
    say "Starting $app $*"
    exec "$app" "$@"
}

fuzz_enabled() {
    [[ "$SKIP_FUZZ" != 1 ]]
}

# The clang build of the fuzz target only: the services library and the driver (run.sh --build).
build_fuzzer() {
    local start=$SECONDS
    say "Building the fuzz target with clang + AddressSanitizer in $FUZZ_BUILD_DIR (SKIP_FUZZ=1 skips it)"
    PATCHBOARD_FUZZ_BUILD_DIR="$FUZZ_BUILD_DIR" JOBS="$JOBS" bash tests/fuzz/run.sh --build \
        || die "the fuzz build failed (see above); SKIP_FUZZ=1 runs the tests without the fuzzer."
    say "Fuzz target built in $((SECONDS - start)) s."
}

cmd_test() {
    local fuzz_args=(-DPATCHBOARD_FUZZ_BUILD_DIR=)
    if fuzz_enabled; then
        [[ "$FUZZ_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "FUZZ_SECONDS must be a positive number of seconds: $FUZZ_SECONDS"
        [[ "$FUZZ_BUILD_DIR" == /* ]] || FUZZ_BUILD_DIR="$SOURCE_DIR/$FUZZ_BUILD_DIR"
        # The fuzz run is the CTest test fuzz_suitenvelope (tests/fuzz/CMakeLists.txt): a finding
        # fails ctest and counts in the summary line below, which CI reads.
        fuzz_args=(-DPATCHBOARD_FUZZ_BUILD_DIR="$FUZZ_BUILD_DIR" -DPATCHBOARD_FUZZ_SECONDS="$FUZZ_SECONDS")
        install_deps "${TEST_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}"
    else
        install_deps "${TEST_PACKAGES[@]}"
    fi
    configure "${fuzz_args[@]}"
    build
    if fuzz_enabled; then
        build_fuzzer
        rm -f "$FUZZ_BUILD_DIR/fuzz-result.txt"
    fi
    local log="$BUILD_DIR/ctest-output.log"
    say "Running the tests (ctest, $JOBS in parallel, headless)"
    local rc=0
    # --no-tests=error: a build whose tests were not registered is a failure, not a pass.
    # scripts/with-postgres.sh runs ctest beside a throw-away PostgreSQL server
    # (PATCHBOARD_TEST_POSTGRES), stopped and removed afterwards.
    QT_QPA_PLATFORM=offscreen "$SOURCE_DIR/scripts/with-postgres.sh" \
        ctest --test-dir "$BUILD_DIR" --output-on-failure \
        --no-tests=error --parallel "$JOBS" "$@" 2>&1 | tee "$log" || rc=$?
    local summary
    summary="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)"
    echo
    # The fuzzer's one-line result (runs, coverage, or the finding), when the test ran.
    if fuzz_enabled && grep -qE 'Test +#[0-9]+: fuzz_suitenvelope ' "$log"; then
        if [[ -f "$FUZZ_BUILD_DIR/fuzz-result.txt" ]]; then
            cat "$FUZZ_BUILD_DIR/fuzz-result.txt"
        else
            printf 'fuzz_suitenvelope: no result (stopped by the CTest timeout?); see %s\n' "$log"
        fi
    fi
    if [[ -n "$summary" ]]; then
        printf '%s\n' "$summary"
    else
        printf 'build.sh: ctest printed no summary (exit status %d); see %s\n' "$rc" "$log"
    fi
    return "$rc"
}

cmd_bench() {
    prepare
    local dir="$BUILD_DIR/bench" programs=() f name
    [[ -d "$dir" ]] || die "$dir does not exist: benchmarks are off (PATCHBOARD_BUILD_BENCH) or not defined yet."
    while IFS= read -r f; do
        name="$(basename "$f")"
        if (($#)); then
            local want match=0
            for want in "$@"; do
                [[ "$name" == "$want" || "$name" == "bench_$want" ]] && match=1
            done
            ((match)) || continue
        fi
        programs+=("$f")
    done < <(find "$dir" -maxdepth 1 -type f -perm -u+x | sort)
    ((${#programs[@]})) || die "no benchmark programs${*:+ named: $*} in $dir."
    local rc=0 p
    for p in "${programs[@]}"; do
        say "Running $p"
        QT_QPA_PLATFORM=offscreen "$p" || { rc=$?; warn "$p exited with status $rc"; }
    done
    return "$rc"
}

cmd_update_translations() {
    install_deps
    configure
    say "Refreshing translations/*.ts with lupdate"
    cmake --build "$BUILD_DIR" --target update_translations
    say "Done. Review the changes with: git diff -- translations/"
}

main() {
    local cmd="${1:-help}"
    (($#)) && shift
    case "$cmd" in
        run)   cmd_run "$@" ;;
        test)  cmd_test "$@" ;;
        bench) cmd_bench "$@" ;;
        build) prepare ;;
        deps)  install_deps ;;
        update-translations|update_translations) cmd_update_translations ;;
        help|-h|--help) usage ;;
        *) usage >&2; die "unknown command: $cmd" ;;
    esac
}

main "$@"
