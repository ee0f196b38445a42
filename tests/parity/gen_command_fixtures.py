"""Writes the generated parity fixtures of issue 12's kinds.

    python tests/parity/gen_command_fixtures.py

Each rule that applies to a field of several kinds is crossed here with the
value classes it distinguishes (see docs/command-family.md, "Rules that
repeat"): one document per (kind, field, value class), all else equal, so a
golden differs from its neighbours only by what the rule does. Files are
written to tests/parity/fixtures/<kind>/gen_<rule>_<class>.yml; the hand
written fixtures of the same folders do not start with `gen_`. Files of an
earlier run that this one no longer writes are removed, so the set stays
exactly what this script declares. Then `cargo xtask parity` records what
azure-ai-ml does with them.
"""

import copy
import sys
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"

ENV = "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:1"
IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04"

# One document per kind that the crossings start from; each folder holds the
# files they reference (src/, data/, model/, conda.yaml, docker_ctx/, *.yaml).
BASE = {
    "command_component": {
        "$schema": "https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json",
        "name": "train",
        "version": "1",
        "type": "command",
        "command": "python main.py",
        "code": "./src",
        "environment": ENV,
    },
    "command_job": {
        "$schema": "https://azuremlschemas.azureedge.net/latest/commandJob.schema.json",
        "command": "python main.py",
        "code": "./src",
        "environment": ENV,
        "compute": "azureml:cpu-cluster",
    },
    "sweep_job": {
        "$schema": "https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json",
        "type": "sweep",
        "trial": {
            "command": "python main.py --lr ${{search_space.lr}}",
            "code": "./src",
            "environment": ENV,
        },
        "compute": "azureml:cpu-cluster",
        "sampling_algorithm": "random",
        "search_space": {"lr": {"type": "uniform", "min_value": 0.01, "max_value": 0.1}},
        "objective": {"goal": "maximize", "primary_metric": "accuracy"},
        "limits": {"max_total_trials": 4, "max_concurrent_trials": 2, "timeout": 3600},
    },
    "pipeline_job": {
        "$schema": "https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json",
        "type": "pipeline",
        "settings": {"default_compute": "azureml:cpu-cluster"},
        "jobs": {
            "train": {
                "type": "command",
                "command": "python main.py",
                "code": "./src",
                "environment": ENV,
            }
        },
    },
    "pipeline_component": {
        "$schema": "https://azuremlschemas.azureedge.net/latest/pipelineComponent.schema.json",
        "type": "pipeline",
        "name": "train_pipeline",
        "version": "1",
        "jobs": {
            "train": {
                "type": "command",
                "component": "./train.yaml",
            }
        },
    },
    "environment": {
        "$schema": "https://azuremlschemas.azureedge.net/latest/environment.schema.json",
        "name": "my-env",
        "version": "1",
        "image": IMAGE,
    },
    "model": {
        "$schema": "https://azuremlschemas.azureedge.net/latest/model.schema.json",
        "name": "my-model",
        "version": "1",
        "path": "azureml://datastores/workspaceblobstore/paths/models/m1",
        "type": "custom_model",
    },
    "data": {
        "$schema": "https://azuremlschemas.azureedge.net/latest/data.schema.json",
        "name": "my-data",
        "version": "1",
        "path": "azureml://datastores/workspaceblobstore/paths/data/d1",
        "type": "uri_folder",
    },
    "code": {
        "name": "my-code",
        "version": "1",
        "path": "./src",
    },
}

ALL_KINDS = tuple(BASE)
ASSET_KINDS = ("command_component", "pipeline_component", "environment", "model", "data", "code")

# Value classes. Each entry: (class name, YAML value).
LITERALS = [
    ("int", 1),
    ("zero", 0),
    ("negative", -3),
    ("float", 1.5),
    ("float_integral", 2.0),
    ("big_int", 12345678901234567890),
    ("bool_true", True),
    ("bool_false", False),
    ("string", "abc"),
    ("numeric_string", "42"),
    ("empty_string", ""),
    ("null", None),
    ("list", [1, 2]),
    ("binding_string", "${{parent.inputs.x}}"),
]
PATHS = [
    ("relative_dot", "./data"),
    ("relative_plain", "data"),
    ("relative_missing", "./no_such_folder"),
    ("absolute", "/tmp/azml-parity/fixtures/command_job/data"),
    ("https", "https://example.com/data/a.csv"),
    ("http", "http://example.com/data/a.csv"),
    ("wasbs", "wasbs://container@account.blob.core.windows.net/path"),
    ("abfss", "abfss://fs@account.dfs.core.windows.net/path"),
    ("azureml_datastore", "azureml://datastores/workspaceblobstore/paths/data/"),
    ("azureml_name_version", "azureml:my-data:1"),
    ("azureml_label", "azureml:my-data@latest"),
    ("name_version_no_prefix", "my-data:1"),
    ("registry", "azureml://registries/reg/data/my-data/versions/1"),
    ("arm_id", "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/data/my-data/versions/1"),
]
INPUT_TYPES = ["uri_folder", "uri_file", "mltable", "mlflow_model", "custom_model", "triton_model"]
DURATIONS = [
    ("int", 3600),
    ("zero", 0),
    ("negative", -5),
    ("float", 90.5),
    ("string_int", "3600"),
    ("iso", "PT1H"),
    ("bool", True),
    ("null", None),
    ("huge", 10**12),
]
VERSIONS = [
    ("string", "1"),
    ("int", 3),
    ("float", 1.5),
    ("float_integral", 2.0),
    ("bool", True),
    ("word", "v1-beta"),
    ("empty", ""),
    ("null", None),
]
NAMES = [
    ("snake", "my_name"),
    ("dash", "my-name"),
    ("digit_first", "9name"),
    ("space", "my name"),
    ("dot", "my.name"),
    ("upper", "MyName"),
    ("int", 123),
    ("long", "n" * 300),
]
TAG_VALUES = [
    ("string", {"a": "x"}),
    ("int", {"a": 1}),
    ("float", {"a": 1.5}),
    ("bool", {"a": True}),
    ("null", {"a": None}),
    ("nested", {"a": {"b": 1}}),
]
COMPUTES = [
    ("azureml_prefix", "azureml:cpu-cluster"),
    ("plain", "cpu-cluster"),
    ("local", "local"),
    ("serverless", "serverless"),
    ("arm_id", "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/computes/cpu"),
    ("int", 5),
]
CODES = [
    ("relative_dot", "./src"),
    ("relative_plain", "src"),
    ("missing", "./no_such_src"),
    ("azureml_name_version", "azureml:my-code:1"),
    ("azureml_no_version", "azureml:my-code"),
    ("https", "https://example.com/code.zip"),
    ("git", "git+https://github.com/org/repo.git"),
    ("registry", "azureml://registries/reg/codes/my-code/versions/1"),
]
ENVIRONMENTS = [
    ("azureml_name_version", ENV),
    ("azureml_label", "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest"),
    ("azureml_no_version", "azureml:my-env"),
    ("no_prefix", "my-env:1"),
    ("registry", "azureml://registries/azureml/environments/sklearn-1.5/versions/1"),
    ("inline_image", {"image": IMAGE}),
    ("inline_conda_path", {"image": IMAGE, "conda_file": "./conda.yaml"}),
    ("inline_conda_mapping", {"image": IMAGE, "conda_file": {"name": "e", "channels": ["conda-forge"], "dependencies": ["python=3.10", {"pip": ["numpy"]}]}}),
    ("inline_build", {"build": {"path": "./docker_ctx"}}),
    ("inline_named", {"name": "x", "version": "2", "image": IMAGE}),
    ("int", 7),
]
# Case-insensitive enums: (kind, field path, canonical value), each written
# lower, Capitalized and UPPER.
ENUMS = [
    ("command_component", "type", "command"),
    ("command_job", "type", "command"),
    ("sweep_job", "type", "sweep"),
    ("pipeline_job", "type", "pipeline"),
    ("pipeline_component", "type", "pipeline"),
    ("model", "type", "custom_model"),
    ("data", "type", "uri_file"),
    ("environment", "os_type", "linux"),
    ("sweep_job", "sampling_algorithm", "random"),
    ("sweep_job", "objective.goal", "maximize"),
    ("sweep_job", "search_space.lr.type", "uniform"),
    ("command_job", "identity.type", "managed"),
    ("command_job", "distribution.type", "pytorch"),
    ("command_component", "distribution.type", "mpi"),
    ("command_component", "inputs.x.type", "integer"),
    ("command_component", "inputs.d.type", "uri_folder"),
    ("command_component", "outputs.o.mode", "rw_mount"),
    ("command_job", "inputs.d.mode", "ro_mount"),
    ("command_job", "outputs.o.type", "uri_folder"),
]


def set_path(doc: dict, path: str, value) -> None:
    """Sets a dotted path, making the mappings on the way."""
    keys = path.split(".")
    for key in keys[:-1]:
        doc = doc.setdefault(key, {})
    doc[keys[-1]] = value


def drop_path(doc: dict, path: str) -> None:
    keys = path.split(".")
    for key in keys[:-1]:
        doc = doc[key]
    doc.pop(keys[-1], None)


def variant(kind: str, **changes) -> dict:
    doc = copy.deepcopy(BASE[kind])
    for path, value in changes.items():
        set_path(doc, path.replace("__", "."), value)
    return doc


class Writer:
    def __init__(self):
        self.written = {}

    def add(self, kind: str, name: str, comment: str, doc: dict) -> None:
        rel = f"{kind}/gen_{name}.yml"
        assert rel not in self.written, rel
        text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000)
        self.written[rel] = f"# generated by gen_command_fixtures.py: {comment}\n{text}"

    def flush(self) -> None:
        for rel, text in self.written.items():
            path = FIXTURES / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        for kind in ALL_KINDS:
            for path in sorted((FIXTURES / kind).glob("gen_*.yml")):
                if f"{kind}/{path.name}" not in self.written:
                    path.unlink()
        print(f"{len(self.written)} generated fixtures")


def literal_inputs(w: Writer) -> None:
    """Literal job inputs (dict keeps the value, REST writes `str()` as a
    literal input) and literal component defaults."""
    for cls, value in LITERALS:
        w.add("command_job", f"literal_input_{cls}", f"literal input x = {cls}", variant("command_job", inputs__x=value))
        w.add("sweep_job", f"literal_input_{cls}", f"literal input x = {cls}", variant("sweep_job", inputs__x=value))
        w.add(
            "pipeline_job",
            f"literal_pipeline_input_{cls}",
            f"pipeline-level literal input x = {cls}, bound to a node",
            variant(
                "pipeline_job",
                inputs__x=value,
                jobs__train__inputs__x="${{parent.inputs.x}}",
                jobs__train__command="python main.py --x ${{inputs.x}}",
            ),
        )
        w.add(
            "pipeline_job",
            f"literal_node_input_{cls}",
            f"node literal input x = {cls}",
            variant("pipeline_job", jobs__train__inputs__x=value),
        )


def component_defaults(w: Writer) -> None:
    """A component parameter's default converted to its type, crossed with
    every parameter type (the rule is the parallel one: `Input._update_default`)."""
    for ptype in ("string", "integer", "number", "boolean"):
        for cls, value in LITERALS:
            if cls in ("binding_string", "big_int"):
                continue
            w.add(
                "command_component",
                f"default_{ptype}_{cls}",
                f"{ptype} input with default = {cls}",
                variant("command_component", inputs__x={"type": ptype, "default": value}),
            )
    for ptype in ("integer", "number"):
        for bound in ("min", "max"):
            for cls, value in (("int", 1), ("float", 1.5), ("string", "2"), ("word", "abc")):
                w.add(
                    "command_component",
                    f"bound_{ptype}_{bound}_{cls}",
                    f"{ptype} input with {bound} = {cls}",
                    variant("command_component", inputs__x={"type": ptype, bound: value}),
                )


def data_paths(w: Writer) -> None:
    """Data input paths: the `azureml:` prefix Python adds to the dict, and
    what REST keeps (`to_rest_dataset_literal_inputs`)."""
    for cls, path in PATHS:
        w.add(
            "command_job",
            f"input_path_{cls}",
            f"uri_folder input path = {cls}",
            variant("command_job", inputs__d={"type": "uri_folder", "path": path}),
        )
        w.add(
            "pipeline_job",
            f"node_input_path_{cls}",
            f"node uri_folder input path = {cls}",
            variant("pipeline_job", jobs__train__inputs__d={"type": "uri_folder", "path": path}),
        )
        w.add(
            "pipeline_job",
            f"pipeline_input_path_{cls}",
            f"pipeline-level uri_folder input path = {cls}",
            variant(
                "pipeline_job",
                inputs__d={"type": "uri_folder", "path": path},
                jobs__train__inputs__d="${{parent.inputs.d}}",
            ),
        )
        w.add(
            "data",
            f"path_{cls}",
            f"data asset path = {cls}",
            variant("data", path=path),
        )
        w.add(
            "model",
            f"path_{cls}",
            f"model asset path = {cls}",
            variant("model", path=path),
        )
    for itype in INPUT_TYPES:
        w.add(
            "command_job",
            f"input_type_{itype}",
            f"input of type {itype} with a datastore path",
            variant("command_job", inputs__d={"type": itype, "path": "azureml://datastores/workspaceblobstore/paths/x/"}),
        )
        w.add(
            "command_component",
            f"input_type_{itype}",
            f"component input of type {itype}",
            variant("command_component", inputs__d={"type": itype, "optional": True}),
        )
    for mode in ("ro_mount", "rw_mount", "download", "direct", "eval_mount", "eval_download", "upload", "bad"):
        w.add(
            "command_job",
            f"input_mode_{mode}",
            f"input mode {mode}",
            variant("command_job", inputs__d={"type": "uri_folder", "path": "azureml://datastores/ws/paths/x/", "mode": mode}),
        )
        w.add(
            "command_job",
            f"output_mode_{mode}",
            f"output mode {mode}",
            variant("command_job", outputs__o={"type": "uri_folder", "mode": mode}),
        )


def durations(w: Writer) -> None:
    """Durations: seconds in YAML and dict, ISO 8601 in REST."""
    for cls, value in DURATIONS:
        w.add("command_job", f"timeout_{cls}", f"limits.timeout = {cls}", variant("command_job", limits__timeout=value))
        w.add("sweep_job", f"timeout_{cls}", f"limits.timeout = {cls}", variant("sweep_job", limits__timeout=value))
        w.add(
            "sweep_job",
            f"trial_timeout_{cls}",
            f"limits.trial_timeout = {cls}",
            variant("sweep_job", limits__trial_timeout=value),
        )
        w.add(
            "pipeline_job",
            f"node_timeout_{cls}",
            f"node limits.timeout = {cls}",
            variant("pipeline_job", jobs__train__limits={"timeout": value}),
        )


def search_spaces(w: Writer) -> None:
    """Sweep search spaces: REST `[type, [args]]`, choice `[\"choice\", [[values]]]`."""
    spaces = [
        ("choice_ints", {"type": "choice", "values": [1, 2, 3]}),
        ("choice_strings", {"type": "choice", "values": ["a", "b"]}),
        ("choice_floats", {"type": "choice", "values": [0.1, 1.0, 2]}),
        ("choice_bools", {"type": "choice", "values": [True, False]}),
        ("choice_mixed", {"type": "choice", "values": [1, "a", 2.5]}),
        ("choice_nested", {"type": "choice", "values": [{"kernel": "linear"}, {"kernel": "rbf", "gamma": {"type": "uniform", "min_value": 0.1, "max_value": 1}}]}),
        ("choice_empty", {"type": "choice", "values": []}),
        ("choice_not_list", {"type": "choice", "values": 3}),
        ("uniform_ints", {"type": "uniform", "min_value": 1, "max_value": 10}),
        ("uniform_floats", {"type": "uniform", "min_value": 0.5, "max_value": 1.5}),
        ("uniform_string_bound", {"type": "uniform", "min_value": "1", "max_value": 2}),
        ("uniform_missing_max", {"type": "uniform", "min_value": 1}),
        ("loguniform", {"type": "loguniform", "min_value": -5, "max_value": -1}),
        ("quniform", {"type": "quniform", "min_value": 1, "max_value": 10, "q": 2}),
        ("qloguniform", {"type": "qloguniform", "min_value": 1, "max_value": 10, "q": 1}),
        ("normal", {"type": "normal", "mu": 0, "sigma": 1.5}),
        ("lognormal", {"type": "lognormal", "mu": 1, "sigma": 1}),
        ("qnormal", {"type": "qnormal", "mu": 0, "sigma": 1, "q": 1}),
        ("qlognormal", {"type": "qlognormal", "mu": 0, "sigma": 1, "q": 0.5}),
        ("randint", {"type": "randint", "upper": 5}),
        ("randint_float", {"type": "randint", "upper": 5.5}),
        ("unknown_type", {"type": "gamma", "alpha": 1}),
        ("extra_key", {"type": "uniform", "min_value": 1, "max_value": 2, "step": 1}),
        ("bad_key_name", None),
    ]
    for cls, space in spaces:
        if cls == "bad_key_name":
            doc = variant("sweep_job")
            doc["search_space"] = {"learning-rate": {"type": "uniform", "min_value": 0.1, "max_value": 1}}
            doc["trial"]["command"] = "python main.py --lr ${{search_space.learning-rate}}"
        else:
            doc = variant("sweep_job", search_space__lr=space)
        w.add("sweep_job", f"space_{cls}", f"search space lr = {cls}", doc)
    for cls, alg in (
        ("random", "random"),
        ("grid", "grid"),
        ("bayesian", "bayesian"),
        ("unknown", "hyperband"),
        ("object_random_sobol", {"type": "random", "rule": "sobol", "seed": 3}),
        ("object_random_logbase", {"type": "random", "logbase": "e"}),
        ("object_grid", {"type": "grid"}),
        ("object_bayesian", {"type": "bayesian"}),
        ("object_unknown_key", {"type": "random", "foo": 1}),
        ("absent", None),
    ):
        doc = variant("sweep_job")
        if alg is None:
            doc.pop("sampling_algorithm")
        else:
            doc["sampling_algorithm"] = alg
        w.add("sweep_job", f"sampling_{cls}", f"sampling_algorithm = {cls}", doc)
    for cls, policy in (
        ("bandit_factor", {"type": "bandit", "slack_factor": 0.1, "evaluation_interval": 2, "delay_evaluation": 5}),
        ("bandit_amount", {"type": "bandit", "slack_amount": 0.2}),
        ("bandit_none", {"type": "bandit"}),
        ("median", {"type": "median_stopping", "evaluation_interval": 1}),
        ("truncation", {"type": "truncation_selection", "truncation_percentage": 20}),
        ("truncation_missing", {"type": "truncation_selection"}),
        ("camel_type", {"type": "MedianStopping"}),
        ("unknown", {"type": "nope"}),
    ):
        w.add("sweep_job", f"early_termination_{cls}", f"early_termination = {cls}", variant("sweep_job", early_termination=policy))
    for cls, limits in (
        ("all", {"max_total_trials": 10, "max_concurrent_trials": 2, "timeout": 600, "trial_timeout": 60}),
        ("none", {}),
        ("string_trials", {"max_total_trials": "10"}),
        ("float_trials", {"max_total_trials": 2.7}),
        ("unknown_key", {"max_total_trials": 3, "foo": 1}),
    ):
        w.add("sweep_job", f"limits_{cls}", f"limits = {cls}", variant("sweep_job", limits=limits))


def versions_and_names(w: Writer) -> None:
    """`version` (a string; numbers become `str()`) and `name` checks."""
    for kind in ASSET_KINDS:
        for cls, value in VERSIONS:
            w.add(kind, f"version_{cls}", f"version = {cls}", variant(kind, version=value))
        for cls, value in NAMES:
            w.add(kind, f"name_{cls}", f"name = {cls}", variant(kind, name=value))
        doc = variant(kind)
        doc.pop("version")
        w.add(kind, "version_absent", "no version", doc)
        doc = variant(kind)
        doc.pop("name")
        w.add(kind, "name_absent", "no name", doc)
    for kind in ("command_job", "sweep_job", "pipeline_job"):
        for cls, value in NAMES:
            w.add(kind, f"name_{cls}", f"job name = {cls}", variant(kind, name=value))
    for cls, value in NAMES:
        w.add(
            "pipeline_job",
            f"node_name_{cls}",
            f"node key = {cls}",
            {**variant("pipeline_job"), "jobs": {str(value): copy.deepcopy(BASE["pipeline_job"]["jobs"]["train"])}},
        )


def tags_and_unknown(w: Writer) -> None:
    """tags / properties value types, unknown top-level keys, `$schema`."""
    for kind in ALL_KINDS:
        for cls, tags in TAG_VALUES:
            w.add(kind, f"tags_{cls}", f"tags value = {cls}", variant(kind, tags=tags))
        w.add(kind, "unknown_key", "an unknown top-level key", variant(kind, not_a_field="x"))
        w.add(kind, "unknown_key_nested", "an unknown top-level mapping", variant(kind, not_a_field={"a": 1}))
        doc = variant(kind)
        doc.pop("$schema", None)
        w.add(kind, "no_schema", "no $schema", doc)
        w.add(kind, "description", "description and display_name", variant(kind, description="d", display_name="D"))
    for kind in ("command_component", "command_job", "model", "data", "environment", "sweep_job", "pipeline_job"):
        for cls, props in TAG_VALUES:
            w.add(kind, f"properties_{cls}", f"properties value = {cls}", variant(kind, properties=props))


def code_environment_compute(w: Writer) -> None:
    """`code`, `environment` and `compute` value classes."""
    for cls, code in CODES:
        w.add("command_component", f"code_{cls}", f"code = {cls}", variant("command_component", code=code))
        w.add("command_job", f"code_{cls}", f"code = {cls}", variant("command_job", code=code))
        w.add("sweep_job", f"code_{cls}", f"trial code = {cls}", variant("sweep_job", trial__code=code))
        w.add("pipeline_job", f"node_code_{cls}", f"node code = {cls}", variant("pipeline_job", jobs__train__code=code))
        w.add("code", f"path_{cls}", f"code asset path = {cls}", variant("code", path=code))
    for cls, env in ENVIRONMENTS:
        w.add("command_component", f"environment_{cls}", f"environment = {cls}", variant("command_component", environment=env))
        w.add("command_job", f"environment_{cls}", f"environment = {cls}", variant("command_job", environment=env))
        w.add("sweep_job", f"environment_{cls}", f"trial environment = {cls}", variant("sweep_job", trial__environment=env))
        w.add("pipeline_job", f"node_environment_{cls}", f"node environment = {cls}", variant("pipeline_job", jobs__train__environment=env))
    for cls, compute in COMPUTES:
        w.add("command_job", f"compute_{cls}", f"compute = {cls}", variant("command_job", compute=compute))
        w.add("sweep_job", f"compute_{cls}", f"compute = {cls}", variant("sweep_job", compute=compute))
        w.add("pipeline_job", f"default_compute_{cls}", f"settings.default_compute = {cls}", variant("pipeline_job", settings__default_compute=compute))
        w.add("pipeline_job", f"node_compute_{cls}", f"node compute = {cls}", variant("pipeline_job", jobs__train__compute=compute))


def enums(w: Writer) -> None:
    """Case-insensitive enums, stored lower-cased (`StringTransformedEnum`)."""
    needs = {
        "identity.type": lambda d: None,
        "distribution.type": lambda d: None,
        "inputs.x.type": lambda d: None,
        "inputs.d.type": lambda d: None,
        "outputs.o.mode": lambda d: set_path(d, "outputs.o.type", "uri_folder"),
        "inputs.d.mode": lambda d: set_path(d, "inputs.d", {"type": "uri_folder", "path": "azureml://datastores/ws/paths/x/"}),
        "outputs.o.type": lambda d: None,
    }
    for kind, path, value in ENUMS:
        spellings = [("lower", value), ("capitalized", value.capitalize()), ("upper", value.upper())]
        if "_" in value:
            camel = "".join(part.capitalize() for part in value.split("_"))
            spellings.append(("camel", camel))
        for cls, spelled in spellings:
            doc = variant(kind)
            if path in needs:
                needs[path](doc)
            set_path(doc, path, spelled)
            w.add(kind, f"enum_{path.replace('.', '_')}_{cls}", f"{path} = {spelled!r}", doc)


def distributions_resources(w: Writer) -> None:
    """distribution and resources, on components, jobs and nodes."""
    dists = [
        ("mpi", {"type": "mpi", "process_count_per_instance": 2}),
        ("pytorch", {"type": "pytorch", "process_count_per_instance": 4}),
        ("tensorflow", {"type": "tensorflow", "worker_count": 2, "parameter_server_count": 1}),
        ("ray", {"type": "ray", "port": 6379, "include_dashboard": True}),
        ("mpi_string_count", {"type": "mpi", "process_count_per_instance": "2"}),
        ("pytorch_unknown_key", {"type": "pytorch", "foo": 1}),
        ("unknown_type", {"type": "horovod"}),
        ("no_type", {"process_count_per_instance": 2}),
    ]
    for cls, dist in dists:
        w.add("command_component", f"distribution_{cls}", f"distribution = {cls}", variant("command_component", distribution=dist))
        w.add("command_job", f"distribution_{cls}", f"distribution = {cls}", variant("command_job", distribution=dist))
        w.add("pipeline_job", f"node_distribution_{cls}", f"node distribution = {cls}", variant("pipeline_job", jobs__train__distribution=dist))
    res = [
        ("instance_count", {"instance_count": 2}),
        ("instance_count_string", {"instance_count": "2"}),
        ("instance_type", {"instance_type": "STANDARD_D2"}),
        ("shm_docker", {"shm_size": "2g", "docker_args": "--ipc=host"}),
        ("properties", {"properties": {"a": 1}}),
        ("locations", {"locations": ["westus"]}),
        ("unknown_key", {"instance_count": 1, "foo": 1}),
        ("empty", {}),
    ]
    for cls, r in res:
        w.add("command_component", f"resources_{cls}", f"resources = {cls}", variant("command_component", resources=r))
        w.add("command_job", f"resources_{cls}", f"resources = {cls}", variant("command_job", resources=r))
        w.add("sweep_job", f"resources_{cls}", f"sweep resources = {cls}", variant("sweep_job", resources=r))
        w.add("pipeline_job", f"node_resources_{cls}", f"node resources = {cls}", variant("pipeline_job", jobs__train__resources=r))


def outputs(w: Writer) -> None:
    """Outputs: types, modes, paths, on jobs, components and nodes."""
    outs = [
        ("type_only", {"type": "uri_folder"}),
        ("uri_file", {"type": "uri_file"}),
        ("mlflow_model", {"type": "mlflow_model"}),
        ("mltable", {"type": "mltable"}),
        ("with_path", {"type": "uri_folder", "path": "azureml://datastores/ws/paths/out/"}),
        ("local_path", {"type": "uri_folder", "path": "./out"}),
        ("name_version", {"type": "uri_folder", "name": "outdata", "version": "3"}),
        ("no_type", {"mode": "upload"}),
        ("null", None),
        ("string", "azureml://datastores/ws/paths/out/"),
        ("primitive", {"type": "string"}),
        ("description", {"type": "uri_folder", "description": "the output"}),
    ]
    for cls, out in outs:
        w.add("command_job", f"output_{cls}", f"output = {cls}", variant("command_job", outputs__o=out))
        w.add("command_component", f"output_{cls}", f"component output = {cls}", variant("command_component", outputs__o=out))
        w.add("pipeline_job", f"node_output_{cls}", f"node output = {cls}", variant("pipeline_job", jobs__train__outputs__o=out))
        w.add("pipeline_job", f"pipeline_output_{cls}", f"pipeline output = {cls}, bound from a node", variant(
            "pipeline_job",
            outputs__o=out,
            jobs__train__outputs__o="${{parent.outputs.o}}",
        ))


# Keys each asset schema marks `dump_only` (`trim_dump_only` drops them
# unless they are null): `PathAwareSchema.schema_ignored` and the fields
# declared `dump_only=True` in `_schema/assets/`.
DUMP_ONLY = {
    "environment": ["$schema", "creation_context", "latest_version", "intellectual_property"],
    "model": ["$schema", "id", "utc_time_created", "creation_context", "job_name", "latest_version", "intellectual_property"],
    "data": ["$schema", "creation_context", "latest_version", "properties"],
    "code": ["$schema", "id", "creation_context", "latest_version"],
}
FIXTURE_HOME = "/tmp/azml-parity/fixtures"
AUTO_DELETE = [
    ("lower", {"condition": "created_greater_than", "value": "30d"}),
    ("camel", {"condition": "LastAccessedGreaterThan", "value": "7d"}),
    ("upper_snake", {"condition": "CREATED_GREATER_THAN", "value": "30d"}),
    ("bad_condition", {"condition": "never", "value": "30d"}),
    ("no_condition", {"value": "30d"}),
    ("no_value", {"condition": "created_greater_than"}),
    ("int_value", {"condition": "created_greater_than", "value": 30}),
    ("unknown_key", {"condition": "created_greater_than", "value": "30d", "when": 1}),
]


def asset_rules(w: Writer) -> None:
    """The assets' own rules: dump-only keys, the `Artifact.path` setter
    crossed with data types, whole-dict tags, the environment's conda file,
    build context and inference routes, model flavors and templates, and the
    experimental `auto_delete_setting`."""
    for kind, keys in DUMP_ONLY.items():
        for key in keys:
            for cls, value in (("string", "x"), ("mapping", {"a": 1}), ("null", None)):
                doc = variant(kind)
                doc[key] = value
                w.add(kind, f"dump_only_{key.lstrip('$')}_{cls}", f"dump-only {key} = {cls}", doc)
    for kind in ASSET_KINDS[2:]:
        for cls, tags in (("null", None), ("string", "x"), ("list", ["a"]), ("empty", {})):
            w.add(kind, f"tags_whole_{cls}", f"tags = {cls}", variant(kind, tags=tags))
    for cls, value in (("registry", "azureml://registries/reg/environments/e/versions/1"),
                       ("arm", "azureml:/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/environments/e/versions/1"),
                       ("plain", "e:1"), ("null", None)):
        w.add("environment", f"id_{cls}", f"id = {cls}", variant("environment", id=value))
    for cls, value in (("string", "abc"), ("int", 5), ("null", None)):
        w.add("data", f"id_{cls}", f"id = {cls}", variant("data", id=value))
    # The path setter, with the data type that decides a folder path.
    extra_paths = PATHS + [
        ("relative_trailing_slash", "./data/"),
        ("absolute_trailing_slash", f"{FIXTURE_HOME}/data/data/"),
        ("absolute_file", f"{FIXTURE_HOME}/data/data/sample.csv"),
        ("mlflow_runs", "runs:/run-1/model"),
        ("empty", ""),
    ]
    for dtype in ("uri_file", "mltable"):
        for cls, path in extra_paths:
            w.add("data", f"path_{dtype}_{cls}", f"{dtype} data asset path = {cls}", variant("data", type=dtype, path=path))
    for cls, path in extra_paths[len(PATHS):]:
        w.add("data", f"path_{cls}", f"data asset path = {cls}", variant("data", path=path))
        w.add("model", f"path_{cls}", f"model asset path = {cls}", variant("model", path=path))
    for cls, path in (("absolute_folder", f"{FIXTURE_HOME}/code/src"),
                      ("absolute_file", f"{FIXTURE_HOME}/code/src/main.py"),
                      ("absolute_missing", f"{FIXTURE_HOME}/code/no_such_src"),
                      ("mlflow_runs", "runs:/run-1/src"),
                      ("empty", "")):
        w.add("code", f"path_{cls}", f"code asset path = {cls}", variant("code", path=path))
    for kind in ("environment", "data", "code"):
        for cls, setting in AUTO_DELETE:
            w.add(kind, f"auto_delete_{cls}", f"auto_delete_setting = {cls}", variant(kind, auto_delete_setting=setting))
    w.add("model", "auto_delete_lower", "auto_delete_setting (not a model field)",
          variant("model", auto_delete_setting=AUTO_DELETE[0][1]))
    for kind in ("model", "data", "code", "environment"):
        w.add(kind, "datastore", "datastore = workspaceblobstore", variant(kind, datastore="workspaceblobstore"))
        w.add(kind, "description_empty", "description = ''", variant(kind, description=""))
        w.add(kind, "description_int", "description = 5", variant(kind, description=5))
    # Environment: the conda file, the build context, the inference routes.
    condas = [
        ("path", "./conda.yaml"),
        ("missing", "./no_such_conda.yaml"),
        ("empty_file", "./conda_empty.yaml"),
        ("list_file", "./conda_list.yaml"),
        ("mapping", {"name": "e", "dependencies": ["python=3.10"], "channels": ["defaults"]}),
        ("empty_mapping", {}),
        ("empty_string", ""),
        ("int", 5),
        ("list", ["python=3.10"]),
        ("null", None),
    ]
    for cls, conda in condas:
        w.add("environment", f"conda_{cls}", f"conda_file = {cls}", variant("environment", conda_file=conda))
    builds = [
        ("folder", {"path": "./docker_ctx"}),
        ("folder_dockerfile", {"path": "./docker_ctx", "dockerfile_path": "sub/Dockerfile"}),
        ("url", {"path": "https://example.com/ctx.zip"}),
        ("missing", {"path": "./no_such_ctx"}),
        ("azureml", {"path": "azureml:ctx:1"}),
        ("git", {"path": "git+https://github.com/org/repo.git"}),
        ("empty", {}),
        ("dockerfile_only", {"dockerfile_path": "Dockerfile"}),
        ("unknown_key", {"path": "./docker_ctx", "foo": 1}),
    ]
    for cls, build in builds:
        doc = variant("environment", build=build)
        doc.pop("image")
        w.add("environment", f"build_{cls}", f"build = {cls}", doc)
    route = {"port": 5001, "path": "/score"}
    routes = [
        ("port_string", {"port": "5001", "path": "/l"}),
        ("port_float", {"port": 5.7, "path": "/l"}),
        ("port_bool", {"port": True, "path": "/l"}),
        ("no_path", {"port": 5001}),
        ("unknown_key", {"port": 5001, "path": "/l", "host": "x"}),
    ]
    for cls, live in routes:
        config = {"liveness_route": live, "readiness_route": route, "scoring_route": route}
        w.add("environment", f"inference_route_{cls}", f"inference_config liveness route = {cls}",
              variant("environment", inference_config=config))
    w.add("environment", "inference_missing_routes", "inference_config with one route",
          variant("environment", inference_config={"scoring_route": route}))
    for key in ("channels", "dependencies"):
        w.add("environment", f"conda_key_{key}", f"a conda file's {key} at the top level",
              variant("environment", **{key: ["python=3.10"]}))
    w.add("environment", "os_type_null", "os_type = null", variant("environment", os_type=None))
    # Model: flavors, stage and deployment templates, system metadata.
    template = {"asset_id": "azureml://registries/reg/deploymenttemplates/t/versions/1"}
    models = [
        ("flavors_empty", {"flavors": {}}),
        ("flavors_not_mapping", {"flavors": {"python_function": 1}}),
        ("flavors_nested", {"flavors": {"python_function": {"env": {"conda": "conda.yaml"}, "loader_module": "m"}}}),
        ("stage_with_template", {"stage": "Production", "default_deployment_template": template}),
        ("stage_with_allowed", {"stage": "Production", "allowed_deployment_templates": [template, {"asset_id": "a2"}]}),
        ("allowed_empty", {"stage": "Production", "allowed_deployment_templates": []}),
        ("system_metadata", {"system_metadata": {"a": 1, "b": "x"}}),
        ("stage_int", {"stage": 5}),
    ]
    for cls, changes in models:
        w.add("model", cls, cls.replace("_", " "), variant("model", **changes))


def main() -> None:
    w = Writer()
    literal_inputs(w)
    component_defaults(w)
    data_paths(w)
    durations(w)
    search_spaces(w)
    versions_and_names(w)
    tags_and_unknown(w)
    code_environment_compute(w)
    enums(w)
    distributions_resources(w)
    outputs(w)
    asset_rules(w)
    w.flush()


if __name__ == "__main__":
    sys.exit(main())
