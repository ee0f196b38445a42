#!/usr/bin/env python3
"""Non-blank lines of Rust per crate, without `#[cfg(test)]` modules.

    scripts/count-lines.py [ROOT]

How the crate sizes in docs/architecture.md and the issue notes are counted.
"""

import os
import sys

CRATES = ["src", "runtime/src", "pyio/src", "entities/src", "derive/src",
          "codegen/src", "runner/src", "cli/src", "xtask/src", "generated"]


def non_test_lines(text: str) -> tuple[int, list[str]]:
    """The non-blank lines outside `#[cfg(test)] mod ... { ... }`, and the
    names of the test modules declared out of line (`#[cfg(test)] mod tests;`),
    whose files are test code too."""
    lines = text.split("\n")
    count, i, out_of_line = 0, 0, []
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if line.strip() == "#[cfg(test)]" and following.startswith("mod ") and following.endswith(";"):
            out_of_line.append(following[len("mod "):-1].strip())
            i += 2
            continue
        if line.strip() == "#[cfg(test)]" and following.startswith("mod "):
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
    return count, out_of_line


def module_files(path: str, name: str) -> list[str]:
    """Where the module `name` declared in the file `path` lives."""
    folder = os.path.dirname(path)
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem not in ("mod", "lib", "main"):
        folder = os.path.join(folder, stem)
    return [os.path.join(folder, f"{name}.rs"), os.path.join(folder, name, "mod.rs")]


def crate_lines(path: str) -> int:
    counts, tests = {}, set()
    for root, _, files in os.walk(path):
        for name in files:
            if name.endswith(".rs"):
                file = os.path.join(root, name)
                with open(file, encoding="utf-8") as f:
                    count, out_of_line = non_test_lines(f.read())
                counts[os.path.normpath(file)] = count
                for module in out_of_line:
                    tests.update(os.path.normpath(m) for m in module_files(file, module))
    return sum(c for f, c in counts.items() if f not in tests)


def main() -> None:
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    for crate in CRATES:
        path = os.path.join(root, crate)
        if os.path.isdir(path):
            print(f"{crate:16} {crate_lines(path):6}")


if __name__ == "__main__":
    main()
