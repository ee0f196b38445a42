#!/usr/bin/env bash
# Build times of the code generated for the official Azure ML 2024-04-01 spec set, crate only.
#
# Generates mfe.json, machineLearningServices.json, registries.json and workspaceFeatures.json
# with `azml codegen` into a scratch crate (serde, serde_json, azml), builds its dependencies
# first, then reports the wall time of `cargo check` and `cargo build --release` of that crate
# alone, each with its CPU time and the load average when it started (on a shared machine the
# wall time follows the load). `--without-validate` also times the same code with the
# `Validate` impls removed, to show what the validators cost.
#
# Usage: codegen/scripts/build-times.sh [--without-validate] [SPEC_VERSION_DIR]
# Environment: BUILD_TIMES_DIR (scratch folder, default: $TMPDIR/azml-build-times).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
without_validate=0
version_dir=""
for arg in "$@"; do
    case "$arg" in
        --without-validate) without_validate=1 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) version_dir="$arg" ;;
    esac
done
specs_root="$repo/../shared/specs/azure-rest-api-specs/specification"
version_dir="${version_dir:-$specs_root/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2024-04-01}"
[ -d "$version_dir" ] || { echo "no spec folder at $version_dir" >&2; exit 2; }

work="${BUILD_TIMES_DIR:-${TMPDIR:-/tmp}/azml-build-times}"
crate="$work/crate"
export CARGO_TARGET_DIR="$work/target"
mkdir -p "$crate/src"

echo "== generating with azml codegen (release)"
(cd "$repo" && cargo build --quiet --release -p azml-cli)
gen="$work/generated.rs"
"$CARGO_TARGET_DIR/release/azml" codegen --root "$specs_root" \
    --spec "$version_dir/mfe.json" \
    --spec "$version_dir/machineLearningServices.json" \
    --spec "$version_dir/registries.json" \
    --spec "$version_dir/workspaceFeatures.json" \
    --out "$gen" 2>/dev/null
# An impl's header may wrap before `for` (long type names).
echo "   $(wc -l <"$gen") lines, $(grep -c '^impl ::azml::validate::Validate\b' "$gen") Validate impls"

cat >"$crate/Cargo.toml" <<TOML
[package]
name = "azml-build-times"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }
azml = { path = "$repo" }

[workspace]
TOML
[ -f "$crate/Cargo.lock" ] || cp "$repo/Cargo.lock" "$crate/Cargo.lock"

echo "== building the dependencies (not timed)"
echo "//! Placeholder." >"$crate/src/lib.rs"
(cd "$crate" && cargo check --quiet && cargo build --quiet --release)

# Times one command on the crate; prints wall seconds, then the CPU seconds (user + system) of
# the processes it ran and the 1-minute load average at the start. A first untimed run rebuilds
# whatever changed among the dependencies (azml is a path dependency that may be under edit);
# the timed run then rebuilds the crate alone. On a shared machine the wall time follows the
# load; the CPU time much less so.
timed() {
    local load t TIMEFORMAT='%R %U %S'
    (cd "$crate" && "$@" --quiet)
    touch "$crate/src/lib.rs"
    load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
    t=$( { time (cd "$crate" && "$@" --quiet >/dev/null 2>&1); } 2>&1 )
    awk -v t="$t" -v l="$load" 'BEGIN { split(t, p, " "); printf "%.1f %.1f %s", p[1], p[2] + p[3], l }'
}

measure() {
    local label="$1" source="$2"
    { echo "//! The official Azure ML 2024-04-01 set, generated."; echo; cat "$source"; } >"$crate/src/lib.rs"
    local check check_cpu check_load release release_cpu release_load
    read -r check check_cpu check_load <<<"$(timed cargo check)"
    read -r release release_cpu release_load <<<"$(timed cargo build --release)"
    printf '%-28s cargo check %6.1f s   cargo build --release %6.1f s\n' "$label" "$check" "$release"
    printf '%-28s   (CPU %.1f s, load %s)          (CPU %.1f s, load %s)\n' "" \
        "$check_cpu" "$check_load" "$release_cpu" "$release_load"
}

echo "== timing the generated crate alone"
measure "generated (with Validate)" "$gen"
if [ "$without_validate" = 1 ]; then
    stripped="$work/generated-no-validate.rs"
    # Each impl starts at column 0 and ends at the first `}` line at column 0.
    awk '/^impl ::azml::validate::Validate( |$)/{skip=1} !skip{print} skip && /^}$/{skip=0}' "$gen" >"$stripped"
    measure "without Validate impls" "$stripped"
fi
