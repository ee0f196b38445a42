"""The Python half of scripts/bench-vs-python.sh, and its report.

    python bench_python.py measure CORPUS [--iterations N] [--warmup W]
        In the virtual environment with azure-ai-ml 1.35.2: finds the files
        under CORPUS of the kinds measured (`KINDS`, as tests/parity/harness.py
        `kind_of` tells them), times in this one warm process the loader, the
        output and `json.dumps` of it (REST bodies with the SdkJSONEncoder, as
        the harness makes the request body): `load_component(path)` and
        `_to_rest_object()` for parallel and command components, `load_job`
        and `_to_job()._to_rest_object()` for command jobs, `load_job` and
        `_to_dict()` for pipeline jobs (whose REST bodies mostly need
        components registered first); prints JSON: the import time of
        azure.ai.ml, the first (cold) document, and every document's kind and
        median over N iterations after W warm-up passes. Files azure-ai-ml
        rejects, or whose output it cannot build offline, are left out and
        named.

    python bench_python.py report --rust DIVAN_OUTPUT --python PYTHON_JSON
        [--rust ... --python ...] [--validate MICROSECONDS_FILE]
        [--validate-output FILE] [--corpus DIR]
        Prints the table: per document, its kind, Python's median, azml's
        median (divan's `full`), the ratio, and azml's split (`parse`,
        `load`, `output_json`); then the summary per kind and over all and the wall time of `azml validate` of
        the corpus (one run's microseconds a line in MICROSECONDS_FILE, the
        output of the last run in FILE). With several rounds (a --rust and a
        --python for each, measured one after the other), each round's
        ratio is printed and the table holds, per document, the median
        over the rounds: the two sides are then measured under the same
        conditions of a shared machine, whose speed drifts.

Only the standard library is needed for `report`.
"""

import argparse
import contextlib
import io
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

TARGET_RATIO = 200
VALIDATE_TARGET_MS = 50


def corpus_files(corpus: Path):
    """(relative path, absolute path) of the YAML files, sorted by relative path."""
    out = []
    for root, _dirs, files in os.walk(corpus):
        for name in files:
            if name.endswith((".yml", ".yaml")):
                path = Path(root) / name
                out.append((path.relative_to(corpus).as_posix(), path))
    out.sort()
    return out


# The kinds measured (the harness's names) and what is timed for each.
KINDS = ("component", "command_component", "command_job", "pipeline_job", "pipeline_component", "sweep_job")


def measure(args) -> None:
    start = time.perf_counter()
    # The package prints notices about experimental classes while importing.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        from azure.ai.ml import load_component, __version__ as aml_version
        from azure.ai.ml._restclient.arm_ml_service._utils.model_base import SdkJSONEncoder
    import_s = time.perf_counter() - start
    import yaml
    from azure.ai.ml import load_job

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "parity"))
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        from harness import kind_of

    def dumps(body) -> str:
        return json.dumps(body, cls=SdkJSONEncoder, exclude_readonly=True)

    def work(kind: str, path: str) -> str:
        if kind in ("component", "command_component"):
            return dumps(load_component(path)._to_rest_object())
        if kind == "command_job":
            return dumps(load_job(path)._to_job()._to_rest_object())
        if kind == "pipeline_component":
            return json.dumps(load_component(path)._to_dict())
        # pipeline and sweep jobs: their dict (the REST body needs uploads first)
        return json.dumps(load_job(path)._to_dict())

    corpus = Path(args.corpus).resolve()
    docs, left_out = [], []
    quiet = io.StringIO()
    first_s = None
    for rel, path in corpus_files(corpus):
        try:
            with open(path, encoding="utf-8") as f:
                data = yaml.safe_load(f)
        except Exception:  # not YAML azure-ai-ml reads: not a candidate
            continue
        kind = kind_of(rel, data)
        if kind not in KINDS:
            continue
        try:
            with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
                t0 = time.perf_counter()
                work(kind, str(path))
                if first_s is None:
                    first_s = time.perf_counter() - t0
            docs.append((rel, kind, str(path)))
        except Exception as exc:  # rejected: not timed, named
            left_out.append({"file": rel, "kind": kind, "error": type(exc).__name__})

    samples = {rel: [] for rel, _, _ in docs}
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        for _ in range(args.warmup):
            for _rel, kind, path in docs:
                work(kind, path)
        # Round robin, so a burst of load on the shared machine spreads over
        # every document instead of landing on one.
        for _ in range(args.iterations):
            for rel, kind, path in docs:
                t0 = time.perf_counter_ns()
                work(kind, path)
                samples[rel].append(time.perf_counter_ns() - t0)

    json.dump(
        {
            "python": sys.version.split()[0],
            "azure_ai_ml": aml_version,
            "import_s": import_s,
            "first_document_s": first_s,
            "iterations": args.iterations,
            "warmup": args.warmup,
            "left_out": left_out,
            "kinds": {rel: kind for rel, kind, _ in docs},
            "median_ns": {rel: statistics.median(s) for rel, s in samples.items()},
            "fastest_ns": {rel: min(s) for rel, s in samples.items()},
        },
        sys.stdout,
        indent=1,
    )
    print()


# divan's table: `│  ├─ NAME   FASTEST │ SLOWEST │ MEDIAN │ MEAN │ SAMPLES │ ITERS`.
DIVAN_ROW = re.compile(
    r"^(?P<indent>(?:│  |   )*)[├╰]─ (?P<name>.*?)"
    r"(?:\s+(?P<fastest>[\d.]+ \S+)\s+│\s+(?P<slowest>[\d.]+ \S+)\s+│"
    r"\s+(?P<median>[\d.]+ \S+)\s+│\s+(?P<mean>[\d.]+ \S+)\s+│\s+\d+\s+│\s+\d+)?\s*(?:│.*)?$"
)
UNITS_NS = {"ps": 1e-3, "ns": 1.0, "µs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}


def to_ns(text: str) -> float:
    number, unit = text.split()
    return float(number) * UNITS_NS[unit]


def parse_divan(text: str):
    """{bench: {arg: median ns}}, {bench: {arg: fastest ns}} and the corpus
    files the bench named, as (path, kind)."""
    medians, fastest, files, group = {}, {}, [], None
    for line in text.splitlines():
        if line.startswith("corpus file: "):
            kind, _, rel = line[len("corpus file: "):].strip().partition(" ")
            files.append((rel, kind))
            continue
        m = DIVAN_ROW.match(line)
        if not m:
            continue
        depth = len(m["indent"]) // 3
        if depth == 0 and m["median"] is None:
            group = m["name"].strip()
            medians[group], fastest[group] = {}, {}
        elif depth == 1 and group is not None and m["median"] is not None:
            medians[group][m["name"].strip()] = to_ns(m["median"])
            fastest[group][m["name"].strip()] = to_ns(m["fastest"])
    return medians, fastest, files


def fmt_us(ns: float) -> str:
    return f"{ns / 1e3:.1f}"


def short(rel: str, width: int = 58) -> str:
    return rel if len(rel) <= width else "…" + rel[-(width - 1):]


def round_summary(full, py_med, py_fast, fastest_full, files):
    """(median ratio, fastest-run ratio) of one round."""
    py_typ = statistics.median(py_med[f] for f in files)
    rs_typ = statistics.median(full[f] for f in files)
    fast = None
    if py_fast and fastest_full:
        fast = statistics.median(py_fast[f] for f in files) / statistics.median(
            fastest_full[f] for f in files)
    return py_typ / rs_typ, fast


def pooled(rounds):
    """{arg: median over rounds} of a list of {arg: ns}."""
    keys = set.intersection(*(set(r) for r in rounds)) if rounds else set()
    return {k: statistics.median(r[k] for r in rounds) for k in keys}


STAGES = ("parse", "load", "output_json")


def ratio_line(label, files, py_med, full):
    """One summary line: medians of both sides over `files` and their ratio."""
    py_typ = statistics.median(py_med[f] for f in files)
    rs_typ = statistics.median(full[f] for f in files)
    ratios = [py_med[f] / full[f] for f in files]
    return (f"{label:18} {len(files):3} documents: Python {py_typ / 1e6:6.2f} ms, azml "
            f"{rs_typ / 1e3:6.1f} µs, ratio of the medians {py_typ / rs_typ:4.0f}x "
            f"(per document {min(ratios):.0f}x to {max(ratios):.0f}x, "
            f"median {statistics.median(ratios):.0f}x)")


def report(args) -> None:
    if len(args.rust) != len(args.python):
        sys.exit("error: give one --python for each --rust (one pair a round)")
    rounds = []
    for rust_path, py_path in zip(args.rust, args.python):
        rust_text = Path(rust_path).read_text(encoding="utf-8")
        py = json.loads(Path(py_path).read_text(encoding="utf-8"))
        medians, fastest, rust_files = parse_divan(rust_text)
        if not medians.get("full"):
            sys.exit(f"error: the Rust bench measured nothing in {rust_path} (is the corpus there?)")
        rounds.append((medians, fastest, rust_files, py))
    # Per document: the median over the rounds of each side's median.
    medians = {b: pooled([r[0].get(b, {}) for r in rounds]) for b in ("full",) + STAGES}
    fastest = {"full": pooled([r[1].get("full", {}) for r in rounds])}
    rust_kinds = dict(rounds[-1][2])
    py = dict(rounds[-1][3])
    py["median_ns"] = pooled([r[3]["median_ns"] for r in rounds])
    if all(r[3].get("fastest_ns") for r in rounds):
        py["fastest_ns"] = pooled([r[3]["fastest_ns"] for r in rounds])
    full = medians["full"]
    py_med = py["median_ns"]
    kinds = {**py.get("kinds", {}), **rust_kinds}

    only_rust = sorted(set(full) - set(py_med))
    only_py = sorted(set(py_med) - set(full))
    files = sorted(set(full) & set(py_med), key=lambda f: (kinds.get(f, ""), f))
    if set(rust_kinds) != set(full):
        print("note: the bench's file list and its table differ", file=sys.stderr)
    disagree = [f for f in files if py.get("kinds", {}).get(f, kinds[f]) != rust_kinds.get(f, kinds[f])]
    for f in disagree:
        print(f"note: {f}: azml measured it as {rust_kinds.get(f)}, Python as {py['kinds'].get(f)}",
              file=sys.stderr)

    print(f"{'document':50}  {'kind':17}  {'python µs':>10}  {'azml µs':>8}  {'ratio':>6}  "
          f"{'parse':>6}  {'load':>6}  {'output':>6}")
    for rel in files:
        ratio = py_med[rel] / full[rel]
        split = [medians.get(b, {}).get(rel) for b in STAGES]
        split_text = "  ".join(f"{fmt_us(s) if s is not None else '-':>6}" for s in split)
        print(f"{short(rel, 50):50}  {kinds.get(rel, '?'):17}  {fmt_us(py_med[rel]):>10}  "
              f"{fmt_us(full[rel]):>8}  {ratio:6.0f}  {split_text}")

    if len(rounds) > 1:
        print()
        for i, (r_med, r_fast, _, r_py) in enumerate(rounds, 1):
            med, fast = round_summary(r_med["full"], r_py["median_ns"], r_py.get("fastest_ns"),
                                      r_fast.get("full"), files)
            fast_text = f", fastest runs {fast:.0f}x" if fast else ""
            print(f"round {i}: ratio of the per-document medians {med:.0f}x{fast_text}")

    n = len(files)
    print()
    print(f"documents: {n} (the same files on both sides)")
    for rel in only_rust:
        print(f"  measured by azml only: {rel}")
    for rel in only_py:
        print(f"  measured by Python only: {rel}")
    for item in py.get("left_out", []):
        print(f"  azure-ai-ml gives no output (not timed): {item['file']} "
              f"({item.get('kind', '?')}: {item['error']})")
    print(f"Python: azure-ai-ml {py['azure_ai_ml']} on Python {py['python']}, "
          f"{py['iterations']} iterations after {py['warmup']} warm-up passes"
          + (f", in each of {len(rounds)} rounds (medians over the rounds below)"
             if len(rounds) > 1 else ""))
    print(f"  import azure.ai.ml: {py['import_s'] * 1e3:.0f} ms (not counted per document); "
          f"first (cold) document: {py['first_document_s'] * 1e3:.0f} ms")
    print()
    print("per kind (medians of the per-document medians):")
    for kind in sorted({kinds[f] for f in files}):
        print("  " + ratio_line(kind, [f for f in files if kinds[f] == kind], py_med, full))
    print("  " + ratio_line("all", files, py_med, full))
    py_sum = sum(py_med[f] for f in files)
    rs_sum = sum(full[f] for f in files)
    print(f"a pass over all {n} (mean per document): Python {py_sum / n / 1e6:.2f} ms, "
          f"azml {rs_sum / n / 1e3:.1f} µs, ratio {py_sum / rs_sum:.0f}x")
    py_fast = py.get("fastest_ns")
    if py_fast and fastest.get("full"):
        py_f = statistics.median(py_fast[f] for f in files)
        rs_f = statistics.median(fastest["full"][f] for f in files)
        print(f"fastest runs (median over documents; less sensitive to load): "
              f"Python {py_f / 1e6:.2f} ms, azml {rs_f / 1e3:.1f} µs, ratio {py_f / rs_f:.0f}x")
    ratios = [py_med[f] / full[f] for f in files]
    met = min(ratios) >= TARGET_RATIO
    print(f"target >= {TARGET_RATIO}x per document: "
          + ("met for every document" if met else
             f"NOT met ({sum(r < TARGET_RATIO for r in ratios)} of {n} documents below it)"))

    stages = {b: sum(medians.get(b, {}).get(f, 0.0) for f in files) for b in STAGES}
    if all(stages.values()):
        total = sum(stages.values())
        shares = ", ".join(f"{b} {v / n / 1e3:.1f} µs ({v / total:.0%})" for b, v in stages.items())
        top = max(stages, key=stages.get)
        print(f"azml split, mean per document: {shares}; largest: {top}")

    if args.validate:
        times = [int(t) for t in Path(args.validate).read_text().split()]
        if times:
            med = statistics.median(times) / 1e3
            verdict = "met" if med < VALIDATE_TARGET_MS else "NOT met"
            where = f" {args.corpus}" if args.corpus else ""
            print()
            print(f"azml validate{where}: median {med:.1f} ms over {len(times)} runs "
                  f"(min {min(times) / 1e3:.1f}, max {max(times) / 1e3:.1f}); "
                  f"target < {VALIDATE_TARGET_MS} ms: {verdict}")
            if args.validate_output:
                lines = Path(args.validate_output).read_text(encoding="utf-8").splitlines()
                if lines:
                    print(f"  its last line: {lines[-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    m = sub.add_parser("measure")
    m.add_argument("corpus")
    m.add_argument("--iterations", type=int, default=30)
    m.add_argument("--warmup", type=int, default=3)
    r = sub.add_parser("report")
    r.add_argument("--rust", required=True, action="append")
    r.add_argument("--python", required=True, action="append")
    r.add_argument("--validate")
    r.add_argument("--validate-output")
    r.add_argument("--corpus")
    args = parser.parse_args()
    if args.mode == "measure":
        measure(args)
    else:
        report(args)


if __name__ == "__main__":
    main()
