#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the screenshots in docs/images/ from the demo fleet, under a virtual X server,
# so that the pictures in the README show the app as it is. Needs a build (./build.sh build)
# and xvfb-run (Debian package xvfb).
#
#   scripts/screenshots.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir="${1:-${BUILD_DIR:-build}}"
app="$build_dir/app/desktop/patchboard"
[[ -x "$app" ]] || { echo "screenshots.sh: $app not found; run ./build.sh build first" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run not found (apt-get install xvfb)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/fleet.db"
out=docs/images
mkdir -p "$out"

shoot() { # NAME ARGS...
    local name=$1
    shift
    LC_ALL=C.UTF-8 LANG=en_GB.UTF-8 xvfb-run -a -s "-screen 0 1600x1000x24" \
        "$app" --database "$db" --operator "Tess Engineer" --role test-engineer \
        --screenshot "$out/$name.png" "$@"
    echo "wrote $out/$name.png"
}

shoot devices --page devices
shoot compliance --page compliance
shoot releases --page releases
shoot audit --page audit
# A staged rollout halted by its error threshold: a fault injected into the release's model.
shoot rollouts --page rollouts --demo-rollout halted --operator "Rita Manager" --role rollout-manager
# The same rollout on the Telemetry page: the failing model and reason, the threshold crossed.
shoot telemetry --page telemetry --rollout 1 --operator "Rita Manager" --role rollout-manager
