"""What the matrix generators share: building case trees, running azure-ai-ml on
each document in a forked process, recording what it does, and checking the
committed goldens.

A matrix is a list of cases. A case is a folder under the matrix's fixed home
(`/tmp/azml-parity/matrix/<matrix>/<case id>/`) holding small text files, and a
list of documents in it to load with a given loader. The manifest
(`tests/parity/golden-matrix/<matrix>/manifest.json`) lists every case with the
full contents of its files, so the trees can be rebuilt without Python; each
case's golden (`<case id>.json` beside it) holds what azure-ai-ml did with each
of its documents.
"""

import contextlib
import io
import json
import os
import sys
from pathlib import Path

from matrix_trees import GOLDEN_ROOT, HERE, MATRIX_HOME, REPO, write_tree

# azure-ai-ml lists some errors in set order (unknown fields of a job), so
# string hashing must not vary between runs: rerun under a fixed seed, as
# `cargo xtask parity` runs harness.py.
if os.environ.get("PYTHONHASHSEED") != "0":
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONWARNINGS": "ignore"}
    os.execve(sys.executable, [sys.executable, *sys.argv], env)

EXPECTED_VERSION = "1.35.2"

# harness.py (owned by the parity harness) gives the shared helpers: how a
# REST model is serialized, how entity objects inside dicts are shown, how a
# load error is split into field paths and messages.
sys.path.insert(0, str(HERE.parent))
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    import harness  # noqa: E402
    from azure.ai.ml import load_component, load_job, __version__ as AML_VERSION  # noqa: E402
    from azure.ai.ml.entities import Component  # noqa: E402
    from azure.ai.ml._utils import _experimental  # noqa: E402

# Every experimental class's constructor walks `inspect.stack()` (reading the
# source of every frame) only to decide whether to log a notice; that was a
# third of a pipeline's load time. The notices are discarded here anyway, so
# they are skipped: nothing else reads the result.
_experimental._should_skip_warning = lambda: True


class _ComponentAwareEncoder(harness.SdkJSONEncoder):
    """SdkJSONEncoder that also writes the component objects a pipeline job's
    REST body still holds offline (anonymous components are only replaced by
    their ARM ids when submitted) as `{"$component": <their REST body>}`, the
    form harness.plain gives them."""

    def default(self, o):
        if isinstance(o, Component):
            return {"$component": rest_json(o._to_rest_object())}
        return super().default(o)


def rest_json(model):
    """The request body a REST model (or a dict holding entity objects) serializes to."""
    return json.loads(json.dumps(model, cls=_ComponentAwareEncoder, exclude_readonly=True))


def plain(value):
    """harness.plain, with the REST body of a component that holds other
    components (a pipeline component's nodes) serialized as well."""
    if isinstance(value, Component):
        return {"$component": rest_json(value._to_rest_object())}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return harness.plain(value)


def _attempt(out, key, produce):
    """Stores `produce()` under `key`, or what it raised under `key + "_error"`:
    a loaded entity may still fail to dump."""
    try:
        out[key] = produce()
    except Exception as exc:  # every failure is a result to record
        out[key + "_error"] = {"error_type": type(exc).__name__, "errors": harness.errors_of(exc)}


def _component_record(entity, out):
    _attempt(out, "dict", lambda: plain(entity._to_dict()))
    _attempt(out, "yaml", entity._to_yaml)
    _attempt(out, "rest", lambda: rest_json(entity._to_rest_object()))

    def validation():
        result = entity._validate()
        return {
            "passed": result.passed,
            "errors": [
                {"path": path, "message": str(message)}
                for path, message in sorted(result.error_messages.items())
            ],
        }

    _attempt(out, "validate", validation)


def _job_record(entity, out):
    _attempt(out, "dict", lambda: plain(entity._to_dict()))
    _attempt(out, "yaml", entity._to_yaml)
    _attempt(out, "rest", lambda: rest_json(entity._to_rest_object()))
    jobs = getattr(entity, "jobs", None)
    if not isinstance(jobs, dict):
        return
    # Each node's `_to_rest_object()`: the job's REST body holds them under
    # properties.jobs, so they are only kept apart when they differ from it
    # (or the job's body could not be built).
    nodes = {}
    for name, node in jobs.items():
        _attempt(nodes, name, lambda node=node: plain(node._to_rest_object()))
    in_job = out.get("rest", {}).get("properties", {}).get("jobs")
    if in_job != nodes:
        out["nodes_rest"] = nodes


LOADERS = {"load_component": load_component, "load_job": load_job}


def record_document(path: Path, loader: str, what: str) -> dict:
    """What `loader` does with the document at `path`: accept or reject (with
    the errors), the class it picks, and its `_to_dict()`; when `what` is
    "full", also the YAML dump, the REST bodies and (for components)
    `_validate()`."""
    out = {"loader": loader}
    # Relative paths that azure-ai-ml resolves against the working directory
    # resolve against the document's folder, as azml does.
    os.chdir(path.parent)
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        try:
            entity = LOADERS[loader](str(path))
        except Exception as exc:  # every rejection is a result to record
            out["accepted"] = False
            out["error_type"] = type(exc).__name__
            out["errors"] = harness.family_errors(exc)
            return out
        out["accepted"] = True
        out["class"] = type(entity).__name__
        if what == "dict":
            _attempt(out, "dict", lambda: plain(entity._to_dict()))
        elif isinstance(entity, Component):
            _component_record(entity, out)
        else:
            _job_record(entity, out)
    return out


def run_case(case_dir: Path, documents: list, target: Path) -> None:
    """Records each document of a case in its own forked process (azure-ai-ml
    keeps state between loads) and writes the case's golden to `target`."""
    records = {}
    for doc in documents:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            code = 1
            try:
                result = record_document(case_dir / doc["file"], doc["loader"], doc.get("record", "full"))
                with os.fdopen(write, "w", encoding="utf-8") as pipe:
                    pipe.write(json.dumps(result))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        with os.fdopen(read, encoding="utf-8") as pipe:
            text = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not text:
            raise RuntimeError(f"recording {case_dir.name}/{doc['file']} crashed (status {status})")
        records[doc["key"]] = json.loads(text)
    target.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def run_cases(home: Path, cases: list, out: Path, jobs: int) -> None:
    """Runs the cases, `jobs` at a time, each in a forked process."""
    running = {}

    def reap():
        pid, status = os.wait()
        case_id = running.pop(pid)
        if status != 0:
            sys.exit(f"case {case_id} failed (status {status})")

    for case in cases:
        case_dir = home / case["id"]
        write_tree(case_dir, case["files"])
        if len(running) >= jobs:
            reap()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                run_case(case_dir, case["documents"], out / f"{case['id']}.json")
                code = 0
            except BaseException as exc:  # reported by the parent through the status
                print(f"{case['id']}: {exc}", file=sys.stderr)
            finally:
                os._exit(code)
        running[pid] = case["id"]
    while running:
        reap()


def generate(matrix: str, cases: list, argv: list) -> int:
    """Builds every case's tree, records azure-ai-ml on it and writes the
    manifest and the goldens; with `--check`, compares with the committed ones
    instead and fails on any difference. `--only SUBSTRING` limits the run to
    matching cases (into target/, never over the goldens); `--jobs N` runs N
    cases at a time (2 by default)."""
    if AML_VERSION != EXPECTED_VERSION:
        sys.exit(f"azure-ai-ml {EXPECTED_VERSION} expected, found {AML_VERSION}")
    check = "--check" in argv
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    jobs = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else 2
    ids = [case["id"] for case in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        sys.exit(f"duplicate case ids: {sorted(duplicates)}")
    golden = GOLDEN_ROOT / matrix
    out = REPO / "target" / "golden-matrix" / matrix if check or only else golden
    out.mkdir(parents=True, exist_ok=True)
    selected = [case for case in cases if only is None or only in case["id"]]
    run_cases(MATRIX_HOME / matrix, selected, out, jobs)
    if only:
        print(f"recorded {len(selected)} {matrix} cases in {out}")
        return 0
    manifest = {
        "generator": f"tests/parity/matrix/{matrix}.py",
        "azure_ai_ml": AML_VERSION,
        "home": str(MATRIX_HOME / matrix),
        "cases": cases,
    }
    manifest_text = json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"
    if check:
        return _check(matrix, ids, manifest_text, out)
    (golden / "manifest.json").write_text(manifest_text, encoding="utf-8")
    for path in golden.glob("*.json"):
        if path.stem not in ids and path.name != "manifest.json":
            path.unlink()
    print(f"wrote {len(cases)} {matrix} goldens and the manifest to {golden.relative_to(REPO)}")
    return 0


def _check(matrix: str, ids: list, manifest_text: str, fresh: Path) -> int:
    """Compares the committed manifest and goldens with fresh ones."""
    golden = GOLDEN_ROOT / matrix
    problems = []
    committed_manifest = golden / "manifest.json"
    if not committed_manifest.exists() or committed_manifest.read_text(encoding="utf-8") != manifest_text:
        problems.append("manifest.json differs from the cases the generator makes")
    committed = {p.stem for p in golden.glob("*.json")} - {"manifest"}
    for name in sorted(committed - set(ids)):
        problems.append(f"{name}.json: golden of a case the generator no longer makes")
    for case_id in ids:
        path = golden / f"{case_id}.json"
        if not path.exists():
            problems.append(f"{case_id}.json: missing")
        elif path.read_text(encoding="utf-8") != (fresh / f"{case_id}.json").read_text(encoding="utf-8"):
            problems.append(f"{case_id}.json: differs from what azure-ai-ml produces now")
    for line in problems:
        print(f"stale: {line}", file=sys.stderr)
    if problems:
        print(
            f"error: tests/parity/golden-matrix/{matrix} is stale; run "
            f"tests/parity/matrix/{matrix}.py and commit the result",
            file=sys.stderr,
        )
        return 1
    print(f"{matrix} goldens are up to date ({len(ids)} cases)")
    return 0
