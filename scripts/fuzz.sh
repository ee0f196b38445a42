#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for SECONDS each (default 20: a smoke run)
# and prints, per target, the executions, the corpus size and the outcome.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Works on the stable toolchain: cargo-fuzz with `--sanitizer none` passes no
# sanitizer flag, and RUSTC_BOOTSTRAP=1 lets stable rustc take the few -Z
# options of the coverage instrumentation. Uses cargo-fuzz when installed,
# and otherwise builds with the same flags itself (AZML_FUZZ_DIRECT=1 forces
# that), so a fresh machine needs nothing installed.
# The growing corpus is kept in fuzz/corpus/<target> (not committed); the
# committed seeds are in fuzz/seeds/<target>. A crash leaves its input in
# fuzz/artifacts/<target>/ and makes the script exit 1.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-20}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    targets=(spec_bytes spec_shapes yaml_entities dict_update)
fi

export RUSTC_BOOTSTRAP=1
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^stable'; then
    toolchain=(+stable)
fi
triple="$(rustc -vV | sed -n 's/^host: //p')"

# With cargo-fuzz when it is installed; otherwise (CI's smoke run) the same
# build without installing it: cargo-fuzz is a wrapper that passes these
# coverage flags to `cargo build --release` (its `build -s none`).
if cargo fuzz --version >/dev/null 2>&1 && [ -z "${AZML_FUZZ_DIRECT:-}" ]; then
    echo "== cargo fuzz build (sanitizer none)"
    cargo "${toolchain[@]}" fuzz build -s none
else
    echo "== cargo build of the fuzz targets with cargo-fuzz's coverage flags (no install)"
    RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing \
-Cllvm-args=-simplifycfg-branch-fold-threshold=0 -Cdebug-assertions -Coverflow_checks" \
        cargo "${toolchain[@]}" build --release --bins --target "${triple}"
fi
bin_dir="target/${triple}/release"

failed=0
logs="$(mktemp -d)"
printf '%-14s %10s %10s %8s %8s  %s\n' target executions exec/s corpus bytes result
for target in "${targets[@]}"; do
    corpus="corpus/${target}"
    mkdir -p "${corpus}" "artifacts/${target}"
    seeds=()
    if [ -d "seeds/${target}" ]; then
        seeds=("seeds/${target}")
    fi
    log="${logs}/${target}.log"
    result=ok
    if ! "${bin_dir}/${target}" "${corpus}" "${seeds[@]}" \
        -max_total_time="${seconds}" -timeout=10 -rss_limit_mb=4096 \
        -max_len=65536 -print_final_stats=1 >"${log}" 2>&1; then
        result="CRASH (see ${log} and fuzz/artifacts/${target})"
        failed=1
    fi
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "${log}" | tail -1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "${log}" | tail -1)"
    files="$(find "${corpus}" -type f | wc -l)"
    bytes="$(find "${corpus}" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')"
    printf '%-14s %10s %10s %8s %8s  %s\n' "${target}" "${runs:-?}" "${rate:-?}" "${files}" "${bytes}" "${result}"
    if [ "${result}" != ok ]; then
        grep -E 'panicked|ERROR|SUMMARY|Test unit written' "${log}" | head -5 || true
    fi
done
exit "${failed}"
