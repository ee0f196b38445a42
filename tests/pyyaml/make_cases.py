"""Builds tests/pyyaml/cases.json: PyYAML's `yaml.dump` text for JSON values.

Each case is {"value": ..., "sort_keys": bool, "text": yaml.dump(value, sort_keys=...)};
tests/pyyaml_dump.rs checks that `azml::pyyaml::dump` prints the same text.

Rerun with the PyYAML that azure-ai-ml 1.35.2 uses (6.0.x):

    /work/pyenv/bin/python tests/pyyaml/make_cases.py

The output is deterministic (seeded random generator, sorted JSON keys off,
compact separators).
"""

import json
import os
import random

import yaml

assert yaml.__version__.startswith("6."), yaml.__version__

HERE = os.path.dirname(os.path.abspath(__file__))

# Strings that exercise the resolver, the scalar analysis and the writers.
TRICKY = [
    "", " ", "  ", "a", "abc", "hello world", "a b", " leading", "trailing ",
    "both  ", "  both", "in  the   middle",
    # resolver: bool / null / int / float / timestamp / merge / value
    "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false",
    "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "y", "n", "Y", "N",
    "yEs", "tRue", "null", "Null", "NULL", "nULL", "~", "~a", "none", "None",
    "0", "1", "-1", "+1", "12", "012", "08", "09", "0o17", "0b101", "0b102",
    "0x1F", "0xg", "0x", "1_000", "1__0", "_1", "1:30", "1:30:59", "1:60",
    "-1:30", "0:30", "1.5", "1.", ".5", "-.5", "+.5", "1.5e3", "1.5e+3",
    "1.5E-3", "1e3", "1e+3", "1.0e5", "1.0e+05", ".inf", "-.inf", "+.Inf",
    ".INF", "inf", ".nan", ".NaN", "nan", "NaN", "1.2.3", "1:30.5", "1_0.5_",
    "3.10", "3.8", "2.0.1", "==1.2", "=", "<<", "<", "2024-01-01",
    "2024-1-1", "2024-01-01T10:20:30Z", "2024-01-01 10:20:30.5 +01:00",
    "2024-01-01t1:20:30-5", "2024-01-01  10:20:30", "20240101", "12\n",
    "true\n", "null\n",
    # indicators
    "-", "--", "---", "--- a", "...", "....", "-a", "- a", "-1a", "?", "?a",
    "? a", ":", ":a", ": a", "a:", "a:b", "a: b", "a :b", "key: value",
    "http://example.com/a?b=c#d", "a#b", "a #b", "#a", "a#", ",", ",a", "a,b",
    "[", "[a]", "a[0]", "{", "{a}", "a{b}", "}", "]", "&a", "a&b", "*a", "a*",
    "!a", "a!", "|", "|a", "a|b", ">", ">a", "a>b", "'", "'a'", "a'b", "it's",
    '"', '"a"', 'a"b', "%", "%a", "a%", "@", "@a", "a@b", "`", "`a`", "a`",
    "\\", "a\\b", "C:\\path\\to", "a\tb", "\t", "tab\t", "a\rb", "a\r\nb",
    "a\x00b", "\x07\x08\x0b\x0c\x1b", "\x7f", "\x01", "a\x85b", "a\u2028b",
    "a\u2029b", "\ufeffbom", "a\ufeff",
    # line breaks
    "a\nb", "a\n\nb", "\na", "a\n", "\n", "\n\n", "a\n b", "a \nb",
    "line one\nline two\nline three", "a\n\n\nb", "x\ny\n", " a\nb",
    "a\nb ", "'quoted'\nnext", "it's\nmulti",
    # non-ASCII
    "caf\u00e9", "\u00e9", "\u00a0", "a\u00a0b", "\u00ff", "\u0100",
    "\u4e2d\u6587", "\U0001F600", "emoji \U0001F600 here", "\ud7ff", "\ue000",
    "\ufffd", "\uffff", "\U0010ffff", "\u0391\u03b2\u03b3",
    # conda-ish
    "python=3.10", "python>=3.8,<3.11", "numpy==1.24.*", "pip", "pip:",
    "conda-forge", "defaults", "azureml-defaults", "scikit-learn>=1.0",
    "--extra-index-url https://pypi.org/simple", "-e .", "-r requirements.txt",
    "git+https://github.com/org/repo.git@main#egg=pkg",
    "torch @ https://download.pytorch.org/whl/cu118/torch-2.0.0.whl",
    "package[extra]==1.0", "pkg ; python_version < '3.9'",
    'pkg; sys_platform == "linux"', "name: env", "project_environment",
    "cudatoolkit=11.8", "_libgcc_mutex=0.1=conda_forge",
]

WORDS = [
    "python", "numpy", "pandas", "azureml", "mlflow", "conda", "forge", "pip",
    "3.10", "1.0", "dev", "x", "-", ":", "#", "a", "bb", "ccc", "torch",
    "scikit-learn", "==", ">=", "yes", "no", "null", "1", "0.5", "'", '"',
    "\\", "\u00e9", "\u4e2d", "\t", "\n", "--", "@", "%", "!", "&", "*", "|",
    ">", "`", "?", ",", "[", "]", "{", "}", "~", "=", "<<",
]

CHARS = list("abcxyz019 -_.:#,'\"\\/[]{}?!&*|>%@`=~+\n\t") + [
    "\u00e9", "\u00a0", "\u2028", "\x85", "\U0001F600", "\x00", "\x1b",
]


def long_strings(rng):
    """Strings around the folding width, with spaces where folding happens."""
    out = []
    for n in (70, 78, 79, 80, 81, 82, 85, 100, 121, 122, 123, 124, 127, 128, 200):
        out.append("x" * n)
        out.append(("word " * 40)[:n])
        out.append(("ab " * 60)[:n] + "z")
        out.append(("a  b " * 40)[:n])
    out.append(" ".join(["supercalifragilistic"] * 12))
    out.append("lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor")
    out.append("lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore")
    out.append("it's " * 30)
    out.append("x'" * 60)
    out.append("caf\u00e9 " * 30)
    out.append("\u00e9" * 90)
    out.append("a\tb " * 30)
    out.append(("word " * 20 + "\n") * 3)
    out.append(("long line of words " * 6 + "\n") * 2 + "tail")
    out.append(" " * 100)
    out.append("a" + " " * 90 + "b")
    out.append(("\u00e9 " * 45).strip())
    out.append("\\" * 100)
    out.append(("x" * 79 + " ") * 3)
    out.append(("x" * 78 + "\u00e9 ") * 3)
    for _ in range(12):
        words = [rng.choice(WORDS + ["lorem", "ipsum", "dolor", "sit", "amet"])
                 for _ in range(rng.randint(15, 50))]
        out.append(" ".join(words))
    return out


def rand_string(rng):
    r = rng.random()
    if r < 0.3:
        return rng.choice(TRICKY)
    if r < 0.55:
        return "".join(rng.choice(CHARS) for _ in range(rng.randint(0, 12)))
    if r < 0.8:
        sep = rng.choice([" ", "", "=", "-", ": ", " #", "\n", ", "])
        return sep.join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))
    if r < 0.9:
        n = rng.randint(60, 180)
        return "".join(rng.choice("abc  '\u00e9\\\"") for _ in range(n))
    return "%s=%d.%d" % (rng.choice(["python", "numpy", "pip", "r-base"]),
                         rng.randint(0, 3), rng.randint(0, 20))


def rand_float(rng):
    r = rng.random()
    if r < 0.3:
        return rng.choice([0.0, -0.0, 1.0, 0.5, 1e-05, 1e-4, 1e16, 1e15, 1.5e300,
                           -2.5e-10, 123456789.125, 0.1, 3.14, 1e22, 2.0 ** 60])
    if r < 0.6:
        return round(rng.uniform(-1000, 1000), rng.randint(0, 6))
    # At most 15 significant digits and a small decimal exponent: serde_json's
    # default (not correctly rounded) float parser reads these back exactly, so
    # the Rust side sees the same double as Python. Larger exponents with long
    # mantissas can come back one ULP off there, which says nothing about dump.
    digits = rng.randint(0, 14)
    return float("%.*e" % (digits, rng.uniform(-10, 10) * 10.0 ** rng.randint(digits - 21, 21)))


def rand_scalar(rng, floats=True):
    r = rng.random()
    if r < 0.6:
        return rand_string(rng)
    if r < 0.75:
        return rng.choice([0, 1, -1, 42, 2 ** 31, -(2 ** 63), 2 ** 64 - 1, rng.randint(-10 ** 6, 10 ** 6)])
    if r < 0.85 and floats:
        return rand_float(rng)
    if r < 0.93:
        return rng.choice([True, False])
    return None


def rand_key(rng):
    r = rng.random()
    if r < 0.5:
        return rng.choice(["name", "channels", "dependencies", "pip", "prefix",
                           "variables", "version", "a", "b", "Z", "_x", "key",
                           "long_key_name_here", "\u00e9t\u00e9", "10", "2"])
    if r < 0.6:
        return "k" * rng.choice([1, 60, 121, 122, 123, 124, 130])
    return rand_string(rng)


def rand_value(rng, depth=0, floats=True):
    r = rng.random()
    if depth >= 4 or r < 0.35:
        return rand_scalar(rng, floats)
    if r < 0.65:
        return [rand_value(rng, depth + 1, floats) for _ in range(rng.choice([0, 1, 2, 3, 5]))]
    d = {}
    for _ in range(rng.choice([0, 1, 2, 3, 5])):
        d[rand_key(rng)] = rand_value(rng, depth + 1, floats)
    return d


def conda_like(rng):
    deps = [rand_string(rng) if rng.random() < 0.3 else
            "%s=%d.%d" % (rng.choice(["python", "numpy", "pandas", "pip"]),
                          rng.randint(0, 3), rng.randint(0, 12))
            for _ in range(rng.randint(0, 5))]
    if rng.random() < 0.8:
        deps.append({"pip": [rand_string(rng) for _ in range(rng.randint(0, 6))]})
    env = {"name": rng.choice(["project_environment", "env", rand_string(rng)]),
           "dependencies": deps}
    if rng.random() < 0.7:
        env["channels"] = rng.sample(["conda-forge", "defaults", "pytorch", "nvidia",
                                      rand_string(rng)], rng.randint(0, 3))
    if rng.random() < 0.3:
        env["variables"] = {rand_key(rng): rand_scalar(rng) for _ in range(rng.randint(0, 4))}
    if rng.random() < 0.2:
        env["prefix"] = rand_value(rng)
    items = list(env.items())
    rng.shuffle(items)
    return dict(items)


def main():
    rng = random.Random(20240617)
    values = []
    # Each tricky string as a top-level scalar, a mapping value, a key and a list item.
    for s in TRICKY:
        values.append(s)
        values.append({"k": s, s: [s]} if s != "k" else {"k": s})
    for s in long_strings(rng):
        values.append({"key": s, "list": [{"nested": s}], s: 1})
        values.append(s)
    # Other top-level scalars and collections.
    values += [None, True, False, 0, -7, 2 ** 63 - 1, 1.0, -0.0, 1e-05, 1e16,
               1.5e300, 0.1, [], {}, [[]], [{}], {"a": []}, {"a": {}},
               [[1, 2], [3, [4, []]]], {"a": {"b": {"c": {"d": "e"}}}},
               [{"a": 1, "b": [1, {"c": None}]}], {"": ""}, {"": {"": []}},
               {"x\ny": {"a\nb": "c\nd"}}, {"k" * 123: {"k" * 123: "v"}}]
    # Exactly halfway between two shortest candidates: repr rounds half-to-even.
    values += [647683259277186.25, -656365507556864.25, [0.125, 2.5e-05, 1e+22]]
    for _ in range(60):
        values.append(rand_float(rng))
    for _ in range(100):
        values.append(conda_like(rng))
    for _ in range(80):
        values.append(rand_value(rng))

    cases = []
    for i, value in enumerate(values):
        # Round-trip through JSON: fresh objects (no shared sub-objects, so no
        # anchors) and only what a JSON value can hold.
        value = json.loads(json.dumps(value))
        sort_keys = i % 4 != 3
        text = yaml.dump(value, sort_keys=sort_keys)
        cases.append({"value": value, "sort_keys": sort_keys, "text": text})

    path = os.path.join(HERE, "cases.json")
    with open(path, "w", encoding="ascii") as f:
        json.dump(cases, f, ensure_ascii=True, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s (%d bytes)" % (len(cases), path, os.path.getsize(path)))


if __name__ == "__main__":
    main()
