"""Runs azure-ai-ml 1.35.2 over Azure ML YAML documents and records what it does.

For each document it writes one JSON object: whether Python accepts it, the
validation errors it gives (field path and message), `_to_dict()`, and the
REST request body that `_to_rest_object()` serializes to. The Rust tests
compare azml against these records.

    python harness.py OUT_DIR ROOT [FILE ...]

FILEs are relative to ROOT; each record is written to OUT_DIR/<FILE>.json.
The kind of document is taken from the first path component when it is one
of the fixture folders (`KINDS`, `FAMILY_KINDS`), and otherwise guessed
from the content (see `kind_of`). Run through `cargo xtask parity`, which
makes the virtual environment and pins the package version.

The parallel kinds (component, task, job, pipeline) keep the records they
always had. The command family, whole pipelines and assets (`FAMILY_KINDS`)
are recorded by `record_family`, as issue 12's table says: `_to_dict()`,
the REST body (the stated REST object through `SdkJSONEncoder` with
`exclude_readonly=True`, or the error when it cannot be built offline) and
`_validate()` where the entity has it; for command components and sweep
jobs also the body read back (`rest_read_back`:
`Component._from_rest_object(...)._to_dict()`,
`Job._from_rest_object(...)._to_dict()`, or `rest_read_back_error`).
"""

import copy
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
    from azure.ai.ml import (
        load_component,
        load_data,
        load_environment,
        load_job,
        load_model,
        __version__ as AML_VERSION,
    )
    from azure.ai.ml.entities import ParallelTask, Component, Environment
    from azure.ai.ml.entities._load_functions import load_code
    from azure.ai.ml.entities._job.parallel.parallel_job import ParallelJob
    from azure.ai.ml.entities._builders.parallel import Parallel
    from azure.ai.ml._restclient.arm_ml_service._utils.model_base import SdkJSONEncoder
    from azure.ai.ml._restclient.arm_ml_service.models import ComponentVersion, JobBase
    from azure.ai.ml.entities import Job

KINDS = ("component", "task", "job", "pipeline")
# Issue 12's kinds: the command family, whole pipelines and the assets.
FAMILY_KINDS = (
    "command_component",
    "command_job",
    "sweep_job",
    "pipeline_job",
    "pipeline_component",
    "environment",
    "model",
    "data",
    "code",
)
# The assets: documents with a `dump()` of their own.
ASSET_KINDS = ("environment", "model", "data", "code")
EXPECTED_VERSION = "1.35.2"

# `$schema` file names (lower-cased, without `.schema.json`/`.json`) of the
# CLI v2 schemas, and the kind each one declares.
SCHEMA_KINDS = {
    "commandcomponent": "command_component",
    "pipelinecomponent": "pipeline_component",
    "commandjob": "command_job",
    "sweepjob": "sweep_job",
    "pipelinejob": "pipeline_job",
    "environment": "environment",
    "model": "model",
    "data": "data",
    "code": "code",
}
MODEL_TYPES = ("custom_model", "mlflow_model", "triton_model")
DATA_TYPES = ("uri_file", "uri_folder", "mltable")


def schema_name(data: dict) -> str:
    """The `$schema` URL's file name, lower-cased, without its extension."""
    url = data.get("$schema")
    if not isinstance(url, str):
        return ""
    name = url.rstrip("/").rsplit("/", 1)[-1].lower()
    for ext in (".schema.json", ".json"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return name


def kind_of(rel: str, data) -> str:
    """The kind of a document: its fixture folder, else its content.

    Parallel documents keep the kinds they always had (`type: parallel` wins
    over a `$schema` naming another kind, as azure-ai-ml's loaders dispatch on
    `type`). Otherwise the `$schema` file name decides where it names a kind;
    without one, the keys do. Kinds azml does not model are named too
    (`deployment`, `flow`, `conda`, `other`) so skipped files can be counted.
    """
    first = rel.split("/", 1)[0]
    if first in KINDS or first in FAMILY_KINDS:
        return first
    if not isinstance(data, dict):
        return "other"
    kind = data.get("type")
    if kind == "parallel":
        return "component" if "jobs" not in data and "component" not in data else "job"
    schema = schema_name(data)
    if schema in SCHEMA_KINDS:
        return SCHEMA_KINDS[schema]
    if "deployment" in schema or "endpoint" in schema:
        return "deployment"
    if schema in ("flow", "run") or "promptflow" in str(data.get("$schema", "")).lower():
        return "flow"
    if schema:
        return "other"
    if isinstance(data.get("jobs"), dict):
        return "pipeline_component" if "version" in data else "pipeline_job"
    if kind == "pipeline" and "component" in data:
        return "pipeline_job"
    if "entry_script" in data and "type" in data and "inputs" not in data:
        return "task"
    if kind == "sweep":
        return "sweep_job"
    if kind in (None, "command") and "command" in data:
        component_keys = ("version", "is_deterministic", "additional_includes")
        return "command_component" if any(k in data for k in component_keys) else "command_job"
    if "dependencies" in data and ("channels" in data or "name" in data):
        return "conda"
    if kind in MODEL_TYPES:
        return "model"
    if kind in DATA_TYPES and "path" in data:
        return "data"
    if any(k in data for k in ("image", "build", "conda_file")):
        return "environment"
    return "other"


def rest_body(model) -> object:
    """The request body a hybrid REST model serializes to."""
    return json.loads(json.dumps(model, cls=SdkJSONEncoder, exclude_readonly=True))


class UnresolvedJSONEncoder(SdkJSONEncoder):
    """`SdkJSONEncoder` for a body that still holds entities the service
    needs as ids (azure-ai-ml creates them before it sends the body): an
    unregistered component (a pipeline node's `componentId`) is written
    `{"$component": <its REST body>}`, as `plain` does, an inline
    environment `{"$environment": <its REST body>}`, anything else
    `{"$object": <class>, "str": str(o)}`."""

    def default(self, o):
        # A component's own body may hold unregistered components too (a
        # pipeline component's nodes), so it is written the same way.
        if isinstance(o, Component):
            return {"$component": unresolved_body(o._to_rest_object())}
        if isinstance(o, Environment):
            return {"$environment": unresolved_body(o._to_rest_object())}
        try:
            return super().default(o)
        except TypeError:
            return {"$object": type(o).__name__, "str": str(o)}


def unresolved_body(model) -> object:
    """The request body of a model that may hold unregistered entities."""
    return json.loads(json.dumps(model, cls=UnresolvedJSONEncoder, exclude_readonly=True))


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


def family_errors(exc: Exception) -> list:
    """`errors_of`, with the errors `load_job` wraps whole expanded.

    `load_job` reports a job's schema errors as one error at path `*` whose
    message is another schema's report ("Validation for CommandJobSchema
    failed: {...}"); its field paths are taken out of that report."""
    out = []
    for error in errors_of(exc):
        match = ERROR_JSON.search(error["message"])
        report = None
        if match:
            try:
                report = json.loads(match.group(1))
            except ValueError:
                report = None
        if not isinstance(report, dict):
            out.append(error)
            continue
        prefix = "" if error["path"] in ("", "*") else error["path"] + "."
        if "errors" in report:
            inner = [(e.get("path", ""), e.get("message", "")) for e in report["errors"]]
        else:
            inner = [
                (path, "; ".join(map(str, m)) if isinstance(m, list) else str(m))
                for path, m in flatten(report)
            ]
        out.extend({"path": prefix + path, "message": message} for path, message in inner)
    return out


def flatten(messages, prefix=""):
    for key, value in messages.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            yield from flatten(value, path)
        else:
            yield path, value


def failure(exc: Exception) -> dict:
    """An exception raised after loading (dict, REST), as type and message."""
    return {"error_type": type(exc).__name__, "message": getattr(exc, "message", None) or str(exc)}


def validation(entity) -> dict:
    """`_validate()`: whether it passed and its errors by field path."""
    result = entity._validate()
    return {
        "passed": result.passed,
        "errors": [
            {"path": path, "message": str(message)}
            for path, message in sorted(result.error_messages.items())
        ],
    }


def rest_of(kind: str, entity):
    """The REST object issue 12's table names for the kind."""
    if kind == "command_job":
        return entity._to_job()._to_rest_object()
    return entity._to_rest_object()


LOADERS = {
    "command_component": load_component,
    "pipeline_component": load_component,
    "command_job": load_job,
    "sweep_job": load_job,
    "pipeline_job": load_job,
    "environment": load_environment,
    "model": load_model,
    "data": load_data,
    "code": load_code,
}


def record_family(kind: str, path: Path, out: dict) -> None:
    """Loads a document of the command family, a whole pipeline or an asset
    and records it; a load error propagates (the caller records it). What
    fails after loading is recorded as `<step>_error`, so one failure does
    not hide the others."""
    entity = LOADERS[kind](str(path))
    out["class"] = type(entity).__name__
    try:
        out["dict"] = plain(entity._to_dict())
    except Exception as exc:
        out["dict_error"] = failure(exc)
    if kind in ASSET_KINDS:
        # `Asset.dump()`: the YAML an asset writes of its dict.
        try:
            text = io.StringIO()
            entity.dump(text)
            out["yaml"] = text.getvalue()
        except Exception as exc:
            out["yaml_error"] = failure(exc)
    if kind == "pipeline_job":
        # The parallel nodes as the `pipeline` kind records them, so the
        # parallel-node comparison works on these records too.
        try:
            out["parallel_nodes"] = {
                name: plain(node._to_rest_object())
                for name, node in entity.jobs.items()
                if isinstance(node, Parallel)
            }
        except Exception as exc:
            out["parallel_nodes_error"] = failure(exc)
    try:
        model = rest_of(kind, entity)
    except Exception as exc:
        out["rest_error"] = failure(exc)
    else:
        try:
            out["rest"] = rest_body(model)
        except TypeError as exc:
            # Not buildable offline: it holds a component or environment
            # that is not created yet (the service needs its id). The plain
            # error, and the body with each such entity written out
            # (`UnresolvedJSONEncoder`).
            out["rest_error"] = failure(exc)
            try:
                out["rest"] = unresolved_body(model)
            except Exception as inner:
                out["rest_unresolved_error"] = failure(inner)
    if kind == "command_component" and "rest" in out and "rest_error" not in out:
        # The body read back (`Component._from_rest_object`), as its dict.
        try:
            back = Component._from_rest_object(ComponentVersion(copy.deepcopy(out["rest"])))
            out["rest_read_back"] = plain(back._to_dict())
        except Exception as exc:
            out["rest_read_back_error"] = failure(exc)
    if kind == "sweep_job" and "rest" in out and "rest_error" not in out:
        # The body read back (`Job._from_rest_object`: `SweepJob._load_from_rest`), as its dict.
        try:
            back = Job._from_rest_object(JobBase(copy.deepcopy(out["rest"])))
            out["rest_read_back"] = plain(back._to_dict())
        except Exception as exc:
            out["rest_read_back_error"] = failure(exc)
    if hasattr(entity, "_validate"):
        try:
            out["validate"] = validation(entity)
        except Exception as exc:
            out["validate_error"] = failure(exc)


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
                out["validate"] = validation(entity)
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
            elif kind in FAMILY_KINDS:
                record_family(kind, path, out)
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
        out["errors"] = family_errors(exc) if kind in FAMILY_KINDS else errors_of(exc)
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
