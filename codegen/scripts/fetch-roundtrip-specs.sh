#!/usr/bin/env bash
# Public specs for the round-trip property (codegen/tests/roundtrip_property.rs), from npm,
# pinned by version and checked by the registry's sha512 integrity, unpacked into
# target/roundtrip-specs/<name>/package. Nothing is checked into the repository.
#
# Usage: codegen/scripts/fetch-roundtrip-specs.sh   (needs npm; idempotent)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$repo/target/roundtrip-specs"
mkdir -p "$dest"
# name  package@version  sha512 integrity (npm view <package>@<version> dist.integrity)
specs=(
    "vega-lite vega-lite@6.5.0 sha512-fMXF6s0MrIg0UTWnLIfeFtgSLzVhyzSKobzGrh5rhS+mL6FOYFG3m7ouJ4U23gj65EK+gl9FIIT5w7wLNaAzkA=="
    "biome @biomejs/biome@2.6.8 sha512-kqZUFvX6/aYQOmzfRN5ANcfNS9wLH4aHLWWP/dQKyhRZVoA6rdWszA7DGugFcxPbMiznUyVYyukVl+ExZN4PQA=="
    "readme-oas-examples @readme/oas-examples@8.2.2 sha512-uytlvlylq3zpemG0h1R7ijlMBCajqXU0VpMI1Iw+j92s77Y/oT6pBf3BZN0lYl0WIGTh7POM4Jdu7L14eCzwXQ=="
)
for line in "${specs[@]}"; do
    read -r name pkg integrity <<<"$line"
    [ -d "$dest/$name/package" ] && continue
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$pkg" >/dev/null)
    tgz="$(ls "$tmp"/*.tgz)"
    got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
    if [ "$got" != "$integrity" ]; then
        echo "fetch-roundtrip-specs: $pkg: checksum $got, expected $integrity" >&2
        exit 1
    fi
    mkdir -p "$dest/$name"
    tar xzf "$tgz" -C "$dest/$name"
    rm -rf "$tmp"
    echo "fetched $pkg into target/roundtrip-specs/$name"
done
