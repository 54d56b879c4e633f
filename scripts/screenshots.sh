#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the screenshots in docs/images/ (shown by the README) and docs/images/guide/ (the
# user guide, docs/guide/) from the demo fleet, under a virtual X server, so that the pictures
# show the app as it is. Needs a build (./build.sh build) and xvfb-run (Debian package xvfb).
# Takes a few minutes: it creates two demo fleets and plays two rollouts on them.
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
# Settings of their own (Edit > Settings writes ~/.config/Patchboard): the pictures must not
# depend on the theme, language or limits of whoever runs the script.
export XDG_CONFIG_HOME="$work/config"
db="$work/fleet.db"
out=docs/images
mkdir -p "$out" "$out/guide"

# The app saves the window (or, with --dialog or --wall, that dialog or the wall screen) once the
# page has loaded, and quits. A later --operator or --role overrides the test engineer.
shoot() { # NAME ARGS...   (NAME may be guide/NAME)
    local name=$1
    shift
    LC_ALL=C.UTF-8 LANG=en_GB.UTF-8 timeout 600 xvfb-run -a -s "-screen 0 1600x1000x24" \
        "$app" --database "$db" --operator "Tess Engineer" --role test-engineer \
        --screenshot "$out/$name.png" "$@"
    echo "wrote $out/$name.png"
}
manager=(--operator "Rita Manager" --role rollout-manager)

# The README's pictures of the demo fleet as created (the first shot creates it).
shoot devices --page devices
shoot compliance --page compliance
shoot releases --page releases
shoot audit --page audit

# The user guide, before any rollout. The demo releases: 1 demo-20.clean, 2 demo-21.non-cve,
# 3 demo-22.forged, 4 demo-19.rollback, 5 demo-23.unknown-key, 6 demo-24.approved.
shoot guide/release-forged --page releases --release 3
shoot guide/release-tests --page releases --release 1 --release-tab tests
shoot guide/release-notes --page releases --release 2 --release-tab notes
shoot guide/release-history --page releases --release 6 --release-tab history
shoot guide/switch-operator --page releases --dialog switch-operator
shoot guide/compliance-report --page compliance --dialog compliance-report
for step in release targets waves schedule notice preview; do
    shoot "guide/new-rollout-$step" --page rollouts --dialog "new-rollout:$step" "${manager[@]}"
done
for tab in appearance compliance rollouts; do
    shoot "guide/settings-$tab" --page devices --dialog "settings:$tab"
done
# An inventory export as a CRM might write it (semicolons, its own column names), validated: six
# good rows, then a wrong IMEI check digit, an unknown model, a malformed date and a duplicate.
# Nothing is imported. Patch levels and check-ins relative to today, so that none lies ahead.
month=$(date -u +%Y-%m-01)
recent=$(date -u -d "$month -1 month" +%F)
older=$(date -u -d "$month -3 months" +%F)
seen=$(date -u -d yesterday +%FT08:30Z)
cat >"$work/inventory.csv" <<EOF
IMEI;Manufacturer;Hardware model;Country;Security patch;Last seen
356938035640003;Aurora Mobile;Aurora A7;DE;$recent;$seen
356938035640011;Aurora Mobile;Aurora A7;FR;$recent;$seen
356938035640029;Dunmore;Dunmore D30;Germany;$older;$seen
356938035640037;Dunmore;Dunmore D30;ES;$older;$seen
356938035640045;Aurora Mobile;Aurora A7;IT;$older;$seen
356938035640052;Dunmore;Dunmore D30;NL;$recent;$seen
356938035640061;Dunmore;Dunmore D30;DE;$recent;$seen
356938035640078;Aurora Mobile;Aurora Z9;PL;$recent;$seen
356938035640060;Aurora Mobile;Aurora A7;SE;2026-13-01;$seen
356938035640003;Aurora Mobile;Aurora A7;DE;$recent;$seen
EOF
shoot guide/import-devices --page devices --dialog "import-devices:$work/inventory.csv" \
    --operator "Ada Admin" --role administrator

# A staged rollout halted by its error threshold: a fault injected into the release's model.
shoot rollouts --page rollouts --demo-rollout halted "${manager[@]}"
# The same rollout on the Telemetry page: the failing model and reason, the threshold crossed.
shoot telemetry --page telemetry --rollout 1 "${manager[@]}"

# The user guide, with the halted rollout.
shoot guide/resume-rollout --page rollouts --rollout 1 --dialog resume-rollout "${manager[@]}"
shoot guide/telemetry-reasons --page telemetry --rollout 1 --telemetry-chart reasons
shoot guide/telemetry-models --page telemetry --rollout 1 --telemetry-chart models
# A click on the top failing model: the Devices page lists the devices behind it.
shoot guide/devices-drilldown --page telemetry --rollout 1 --drill-down
shoot guide/wall-screen --page rollouts --wall "${manager[@]}"
shoot guide/audit-log --page audit

# A rollout that runs, on a fleet of its own: the canary succeeded, wave 2 is on its way.
db="$work/running.db"
shoot guide/rollout-running --page rollouts --demo-rollout running "${manager[@]}"
