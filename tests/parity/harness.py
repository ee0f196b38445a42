"""Runs azure-ai-ml 1.35.2 over Azure ML YAML documents and records what it does.

For each document it writes one JSON object: whether Python accepts it, the
validation errors it gives (field path and message), `_to_dict()`, and the
REST request body that `_to_rest_object()` serializes to. The Rust tests
compare azml against these records.

    python harness.py OUT_DIR ROOT [FILE ...]

FILEs are relative to ROOT; each record is written to OUT_DIR/<FILE>.json.
The kind of document is taken from the first path component when it is one
of component/, task/, job/, pipeline/, and otherwise guessed from the
content (see `kind_of`). Run through `cargo xtask parity`, which makes the
virtual environment and pins the package version.
"""

import io
import json
import os
import re
import sys
import contextlib
from pathlib import Path

import yaml

# The package prints notices about experimental classes while importing.
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    from azure.ai.ml import load_component, load_job, __version__ as AML_VERSION
    from azure.ai.ml.entities import ParallelTask, Component
    from azure.ai.ml.entities._job.parallel.parallel_job import ParallelJob
    from azure.ai.ml.entities._builders.parallel import Parallel
    from azure.ai.ml._restclient.arm_ml_service._utils.model_base import SdkJSONEncoder

KINDS = ("component", "task", "job", "pipeline")
EXPECTED_VERSION = "1.35.2"


def kind_of(rel: str, data) -> str:
    first = rel.split("/", 1)[0]
    if first in KINDS:
        return first
    if not isinstance(data, dict):
        return "other"
    if data.get("type") == "parallel":
        return "component" if "jobs" not in data and "component" not in data else "job"
    if isinstance(data.get("jobs"), dict):
        return "pipeline"
    if "entry_script" in data and "type" in data and "inputs" not in data:
        return "task"
    return "other"


def rest_body(model) -> object:
    """The request body a hybrid REST model serializes to."""
    return json.loads(json.dumps(model, cls=SdkJSONEncoder, exclude_readonly=True))


def plain(value):
    """JSON for values that hold entity objects (a node's unregistered component)."""
    if isinstance(value, Component):
        return {"$component": rest_body(value._to_rest_object())}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return {"$object": type(value).__name__, "str": str(value)}


ERROR_JSON = re.compile(r"failed:\s*(\{.*?\n\})", re.S)


def errors_of(exc: Exception) -> list:
    """Field paths and messages of a load error, as structured as Python gives them."""
    text = str(exc)
    match = ERROR_JSON.search(text)
    if match:
        try:
            report = json.loads(match.group(1))
            if "errors" in report:
                return [
                    {"path": e.get("path", ""), "message": e.get("message", "")}
                    for e in report["errors"]
                ]
            # A bare marshmallow message mapping: {"field": ["message", ...]}.
            return [
                {"path": path, "message": "; ".join(map(str, m)) if isinstance(m, list) else str(m)}
                for path, m in flatten(report)
            ]
        except ValueError:
            pass
    messages = getattr(exc, "messages", None)
    if isinstance(messages, dict):
        return [{"path": k, "message": json.dumps(v, default=str)} for k, v in flatten(messages)]
    return [{"path": "", "message": getattr(exc, "message", None) or text}]


def flatten(messages, prefix=""):
    for key, value in messages.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            yield from flatten(value, path)
        else:
            yield path, value


def record(root: Path, rel: str) -> dict:
    path = root / rel
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except yaml.YAMLError as exc:
        kind = kind_of(rel, None)
        return {"file": rel, "kind": kind, "azure_ai_ml": AML_VERSION, "accepted": False,
                "error_type": type(exc).__name__, "errors": [{"path": "", "message": str(exc)}]}
    kind = kind_of(rel, data)
    out = {"file": rel, "kind": kind, "azure_ai_ml": AML_VERSION}
    # Relative paths of dumps (ParallelTask uses the working directory) resolve
    # against the document's folder, as the Rust API does.
    os.chdir(path.parent)
    quiet = io.StringIO()
    try:
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            if kind == "component":
                entity = load_component(str(path))
                out["dict"] = entity._to_dict()
                out["yaml"] = entity._to_yaml()
                # DictMixin views of the inputs and outputs (Input/Output).
                out["io_items"] = {
                    kind: {name: [[k, plain(v)] for k, v in port.items()] for name, port in ports.items()}
                    for kind, ports in (("inputs", entity.inputs), ("outputs", entity.outputs))
                }
                out["rest"] = rest_body(entity._to_rest_object())
                result = entity._validate()
                out["validate"] = {
                    "passed": result.passed,
                    "errors": [
                        {"path": path, "message": str(message)}
                        for path, message in sorted(result.error_messages.items())
                    ],
                }
            elif kind == "task":
                loaded = ParallelTask._load(str(path))
                task = ParallelTask._from_dict(loaded)
                out["dict"] = task._to_dict()
                # DictMixin: the stored attributes, as `keys()` and `items()` give them.
                out["keys"] = list(task.keys())
                out["items"] = {k: plain(v) for k, v in task.items()}
            elif kind == "job":
                job = ParallelJob._load_from_dict(
                    data, context={"base_path": path.parent}, additional_message=""
                )
                out["dict"] = plain(job._to_dict())
            elif kind == "pipeline":
                pipeline = load_job(str(path))
                out["dict"] = plain(pipeline._to_dict())
                out["parallel_nodes"] = {
                    name: plain(node._to_rest_object())
                    for name, node in pipeline.jobs.items()
                    if isinstance(node, Parallel)
                }
            else:
                out["skipped"] = True
                return out
        out["accepted"] = True
    except Exception as exc:  # every rejection is a result to record
        out["accepted"] = False
        out["error_type"] = type(exc).__name__
        out["errors"] = errors_of(exc)
    return out


def main(argv):
    if AML_VERSION != EXPECTED_VERSION:
        sys.exit(f"azure-ai-ml {EXPECTED_VERSION} expected, found {AML_VERSION}")
    out_dir, root, files = Path(argv[1]), Path(argv[2]).resolve(), argv[3:]
    for rel in files:
        target = out_dir / (rel + ".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        # Each document in its own forked process: azure-ai-ml keeps state
        # between loads (one pipeline changes how the next dumps its local
        # code paths), so a record must not depend on what ran before it.
        # Forking after the import keeps this cheap.
        pid = os.fork()
        if pid == 0:
            try:
                result = record(root, rel)
                target.write_text(
                    json.dumps(plain(result), indent=1, sort_keys=False) + "\n", encoding="utf-8"
                )
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        if status != 0 or not target.exists():
            sys.exit(f"harness crashed on {rel} (status {status})")


if __name__ == "__main__":
    main(sys.argv)
