#!/usr/bin/env bash
# Whole-process start-up: `infrarch design` of the bundled example (to stdout,
# nothing written) and `infrarch requirements` on it, each run N times (default
# 20); prints the median and the fastest wall time, and, when valgrind is
# installed, the instruction count of one run (steady on a loaded machine,
# where wall times are not). Builds the release binary first.
#   bash benches/startup.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"
cargo build --release --locked --quiet
bin="${CARGO_TARGET_DIR:-target}/release/infrarch"
planning=examples/checkout/docs/planning

measure() {
    local label="$1"; shift
    local times=()
    for _ in $(seq "$n"); do
        local s e
        s=$(date +%s%N)
        "$bin" "$@" >/dev/null
        e=$(date +%s%N)
        times+=($(( (e - s) / 1000 )))
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    local median fastest
    median=$(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p")
    fastest=$(echo "$sorted" | head -1)
    printf '%-34s median %6.1f ms  fastest %6.1f ms  (%s runs)' "$label" \
        "$(echo "$median / 1000" | bc -l)" "$(echo "$fastest / 1000" | bc -l)" "$n"
    if command -v valgrind >/dev/null 2>&1; then
        local ir
        ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 >/dev/null \
            | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
        printf '  %s instructions' "$ir"
    fi
    echo
}

measure "design checkout (example)" design checkout --planning "$planning" --stdout --date 2026-01-20
measure "requirements checkout (example)" requirements checkout --planning "$planning"
# The floor: process start, argument parsing, nothing else.
measure "--version" --version
uptime
