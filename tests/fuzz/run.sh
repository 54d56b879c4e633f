#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the SUIT envelope libFuzzer target with clang + AddressSanitizer and runs it for a bounded
# time, seeded with the IETF SUIT examples (copied, never modified).
#   tests/fuzz/run.sh [SECONDS]          configure, build, run (default 60 s)
#   tests/fuzz/run.sh --build            configure and build only (./build.sh test does this)
#   tests/fuzz/run.sh --run [SECONDS]    bring the configured tree up to date (a no-op right after
#                                        --build) and run: the CTest test "fuzz_suitenvelope"
# Settings:
#   PATCHBOARD_FUZZ_BUILD_DIR=dir        build tree (default: <repo>/build-fuzz)
#   PATCHBOARD_FUZZ_RSS_MB=n             memory limit of the fuzzer, and of one allocation (2048)
#   JOBS=n                               parallel compile jobs (default: all cores)
# Prints one result line, "fuzz_suitenvelope: ...", also written to <build>/fuzz-result.txt.
# Exit status: 0 when the time ran out without a finding; 1 for a finding (crash, sanitizer report,
# leak, timeout, out-of-memory), with the input saved under <build>/fuzz-artifacts/ and printed in
# base64; 2 when the fuzzer could not be built or started.
set -euo pipefail

mode=all
case "${1:-}" in
    --build) mode=build; shift ;;
    --run) mode=run; shift ;;
esac
seconds="${1:-60}"
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: SECONDS must be a positive number: $seconds" >&2; exit 2; }
rss_mb="${PATCHBOARD_FUZZ_RSS_MB:-2048}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${PATCHBOARD_FUZZ_BUILD_DIR:-$root/build-fuzz}"
testdata="$root/../shared/testdata"
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
target=fuzz_suitenvelope
binary="$build/tests/fuzz/$target"

fail() {
    mkdir -p "$build"
    printf '%s: %s\n' "$target" "$*" | tee "$build/fuzz-result.txt" >&2
    exit 2
}

# The versioned compiler when there is one: its libFuzzer/ASan runtime is libclang-rt-14-dev.
cc=clang-14 cxx=clang++-14
if ! command -v "$cxx" >/dev/null 2>&1; then
    cc=clang cxx=clang++
fi

configure_and_build() {
    command -v "$cxx" >/dev/null 2>&1 \
        || { echo "run.sh: clang++ is not installed (Debian 12: apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }
    mkdir -p "$build"
    # Sanitize and instrument every object the fuzzer links (services included), not just the
    # driver. -Werror is off: clang warns about things gcc does not, and this build is not the gate
    # for that. Only the fuzz target is built: the services library and the driver, nothing else.
    if ! cmake -S "$root" -B "$build" -G Ninja \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
        -DCMAKE_CXX_FLAGS="-fsanitize=address,fuzzer-no-link -fno-omit-frame-pointer" \
        -DPATCHBOARD_FUZZ=ON -DPATCHBOARD_WERROR=OFF -DPATCHBOARD_BUILD_BENCH=OFF \
        --no-warn-unused-cli >"$build/fuzz-configure.log" 2>&1; then
        cat "$build/fuzz-configure.log" >&2
        fail "configuring the clang build in $build failed (see above)"
    fi
    nice cmake --build "$build" --target "$target" --parallel "$jobs" \
        || fail "building $binary failed (see above)"
}

case "$mode" in
    build) configure_and_build; exit 0 ;;
    all) configure_and_build ;;
    run)
        [[ -f "$build/build.ninja" ]] \
            || fail "$build is not configured: run tests/fuzz/run.sh --build (./build.sh test does)"
        # Fuzz the sources as they are now, not a binary left from an older checkout.
        nice cmake --build "$build" --target "$target" --parallel "$jobs" >"$build/fuzz-build.log" 2>&1 \
            || { cat "$build/fuzz-build.log" >&2; fail "rebuilding $binary failed (see above)"; }
        ;;
esac

corpus="$build/fuzz-corpus/suitenvelope"
artifacts="$build/fuzz-artifacts/"
log="$build/fuzz-$target.log"
mkdir -p "$corpus" "$artifacts"
shopt -s nullglob
seeds=("$testdata"/suit/*.suit)
((${#seeds[@]})) || fail "no seed inputs in $testdata/suit/ (*.suit)"
cp "${seeds[@]}" "$corpus"/

# Leak checking stays on: an OpenSSL object that escapes its unique_ptr is a finding too.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
# Function names and lines in a report: a CI log is often all there is of a finding.
for symbolizer in /usr/lib/llvm-14/bin/llvm-symbolizer "$(command -v llvm-symbolizer || true)"; do
    if [[ -z "${ASAN_SYMBOLIZER_PATH:-}" && -n "$symbolizer" && -x "$symbolizer" ]]; then
        export ASAN_SYMBOLIZER_PATH="$symbolizer"
    fi
done

# -max_total_time bounds the run, -timeout one input (a hang), -rss_limit_mb the process and
# -malloc_limit_mb (which follows it) one allocation: a small input must not make the decoder
# allocate without bound. The full output goes to the log; on a finding its end is printed.
rc=0
nice "$binary" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb="$rss_mb" -max_len=4096 \
    -dict="$root/tests/fuzz/suit.dict" -artifact_prefix="$artifacts" -print_final_stats=1 \
    "$corpus" >"$log" 2>&1 || rc=$?

fuzz_stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
if ((rc == 0)); then
    # "#1234567 DONE   cov: 1234 ft: 5678 corp: 90/12Kb ..."
    done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)"
    cov="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$done_line")"
    corp="$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$done_line")"
    printf '%s: no finding in %s s: %s runs (%s/s), coverage %s, corpus %s inputs, peak RSS %s MiB\n' \
        "$target" "$seconds" "$(fuzz_stat number_of_executed_units)" "$(fuzz_stat average_exec_per_sec)" \
        "${cov:-?}" "${corp:-?}" "$(fuzz_stat peak_rss_mb)" | tee "$build/fuzz-result.txt"
    exit 0
fi

# A finding: show the report (from its first ERROR line), then the input, so that it can be
# reproduced from the log alone.
first="$(grep -m 1 -nE '^==[0-9]+== ?ERROR: ' "$log" | cut -d: -f1 || true)"
if [[ -n "$first" ]]; then
    tail -n "+$first" "$log" | head -n 150
else
    tail -n 80 "$log"
fi
# "SUMMARY: AddressSanitizer: heap-buffer-overflow FILE:LINE in FUNCTION", "SUMMARY: libFuzzer:
# timeout", "SUMMARY: AddressSanitizer: 10 byte(s) leaked in 1 allocation(s)."
what="$(sed -nE 's/^SUMMARY: //p' "$log" | head -n 1 | sed -E 's/[.]$//')"
[[ -n "$what" ]] || what="$(sed -nE 's/^==[0-9]+== ?ERROR: ([^(]*[^( ]).*/\1/p' "$log" | head -n 1)"
input="$(sed -nE 's/.*Test unit written to (.*)$/\1/p' "$log" | tail -n 1)"
if [[ -n "$input" && -f "$input" ]]; then
    echo "--- the input, base64 (reproduce: base64 -d > crash.bin; $binary crash.bin):"
    base64 "$input"
fi
printf '%s: FINDING (%s; exit status %d): input %s, log %s\n' "$target" "${what:-see the log}" "$rc" \
    "${input:-not saved}" "$log" | tee "$build/fuzz-result.txt"
exit 1
