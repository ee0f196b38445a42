#!/usr/bin/env python3
"""Non-blank lines of Rust per crate, without `#[cfg(test)]` modules.

    scripts/count-lines.py [ROOT]

How the crate sizes in docs/architecture.md and the issue notes are counted.
"""

import os
import sys

CRATES = ["src", "runtime/src", "pyio/src", "entities/src", "derive/src",
          "codegen/src", "runner/src", "cli/src", "xtask/src", "generated"]


def non_test_lines(text: str) -> int:
    lines = text.split("\n")
    count, i = 0, 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == "#[cfg(test)]" and i + 1 < len(lines) and lines[i + 1].lstrip().startswith("mod "):
            depth, started = 0, False
            i += 1
            while i < len(lines):
                depth += lines[i].count("{") - lines[i].count("}")
                started = started or "{" in lines[i]
                i += 1
                if started and depth <= 0:
                    break
            continue
        if line.strip():
            count += 1
        i += 1
    return count


def crate_lines(path: str) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            if name.endswith(".rs"):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    total += non_test_lines(f.read())
    return total


def main() -> None:
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    for crate in CRATES:
        path = os.path.join(root, crate)
        if os.path.isdir(path):
            print(f"{crate:16} {crate_lines(path):6}")


if __name__ == "__main__":
    main()
