#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the SUIT envelope libFuzzer target with clang + AddressSanitizer and runs it for a bounded
# time, seeded with the IETF SUIT examples (copied, never modified).
#   tests/fuzz/run.sh [seconds]          default 60
#   PATCHBOARD_FUZZ_BUILD_DIR=dir        build tree (default: <repo>/build-fuzz)
# Exit status: 0 when the time ran out without a finding, non-zero with the crashing input saved
# under <build>/fuzz-artifacts/.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${PATCHBOARD_FUZZ_BUILD_DIR:-$root/build-fuzz}"
testdata="$root/../shared/testdata"

if ! command -v clang++ >/dev/null 2>&1; then
    echo "clang++ is not installed (Debian: apt-get install -y clang)" >&2
    exit 2
fi

# Sanitize and instrument every object the fuzzer links (services included), not just the driver.
# -Werror is off: clang warns about things gcc does not, and this build is not the gate for that.
cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,fuzzer-no-link -fno-omit-frame-pointer" \
    -DPATCHBOARD_FUZZ=ON -DPATCHBOARD_WERROR=OFF -DPATCHBOARD_BUILD_BENCH=OFF >/dev/null
nice cmake --build "$build" --target fuzz_suitenvelope

corpus="$build/fuzz-corpus/suitenvelope"
artifacts="$build/fuzz-artifacts/"
mkdir -p "$corpus" "$artifacts"
cp "$testdata"/suit/*.suit "$corpus"/

# Leak checking stays on: an OpenSSL object that escapes its unique_ptr is a finding too.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
exec nice "$build/tests/fuzz/fuzz_suitenvelope" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -dict="$root/tests/fuzz/suit.dict" -artifact_prefix="$artifacts" -print_final_stats=1 \
    "$corpus"
