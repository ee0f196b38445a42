"""The detection matrix: which loader accepts a file, and how each one judges
it, when `$schema`, `type` and the content disagree.

Every case is one file, /tmp/azml-parity/matrix/detection/<case id>/doc.yml,
made of a `$schema` line, a `type` line and a body. Three crossings:

* `schema`: every `$schema` value (each kind's URL as Microsoft publishes
  it, none, another kind's, misspelt ones, the legacy and the promptflow
  ones) × every type with the bodies of its family (a component-shaped and a
  job-shaped one);
* `body`: every type × every body, without `$schema` (which type each body
  is judged as);
* `marker`: a component-shaped and a job-shaped body of each family with one
  distinguishing key added or removed (compute, component, jobs, settings,
  name, version, is_deterministic, ...).

Each case records what load_component and load_job do: accept or reject,
the errors, the class, and `_to_dict()` of what was loaded.

    target/parity-venv/bin/python tests/parity/matrix/detection.py [--check] [--only SUBSTRING]
"""

import sys

from matrix_common import generate

LATEST = "https://azuremlschemas.azureedge.net/latest/"
SCHEMAS = {
    "none": None,
    "parallelComponent": LATEST + "parallelComponent.schema.json",
    "commandComponent": LATEST + "commandComponent.schema.json",
    "pipelineComponent": LATEST + "pipelineComponent.schema.json",
    "parallelJob": LATEST + "parallelJob.schema.json",
    "commandJob": LATEST + "commandJob.schema.json",
    "pipelineJob": LATEST + "pipelineJob.schema.json",
    "sweepJob": LATEST + "sweepJob.schema.json",
    "environment": LATEST + "environment.schema.json",
    "model": LATEST + "model.schema.json",
    "data": LATEST + "data.schema.json",
    "code": LATEST + "code.schema.json",
    # Seen in real files: the legacy SDK 2.0 URL and a misspelling.
    "sdk2Parallel": "http://azureml/sdk-2-0/ParallelComponent.json",
    "misspeltParallel": LATEST + "parralelComponent.schema.json",
    "misspeltPipelineJob": LATEST + "pipelineJobs.schema.json",
    # The two that azure-ai-ml itself reads: a promptflow flow or run, and
    # the internal-components prefix.
    "flow": "https://azuremlschemas.azureedge.net/promptflow/latest/Flow.schema.json",
    "run": "https://azuremlschemas.azureedge.net/promptflow/latest/Run.schema.json",
    "internal": "https://componentsdk.azureedge.net/jsonschema/CommandComponent.json",
}

TASK = (
    "task:\n"
    "  type: run_function\n"
    "  code: azureml:my-code:1\n"
    "  entry_script: score.py\n"
    "  environment: azureml:my-env:1\n"
)
PORTS = "inputs:\n  data_in:\n    type: uri_folder\noutputs:\n  scored:\n    type: uri_folder\n"
JOB_PORTS = (
    "inputs:\n  data_in:\n    type: uri_folder\n    path: azureml:my-data:1\n"
    "outputs:\n  scored:\n    type: uri_folder\n"
)
NAMED = 'name: detect_me\nversion: "1"\n'

# Bodies: everything but `$schema` and `type`. The key is the body's id; the
# family says which type it is natural to.
BODIES = {
    "parallel_component": NAMED + PORTS + 'input_data: ${{inputs.data_in}}\nmini_batch_size: "1"\n' + TASK,
    "parallel_job": "compute: azureml:cpu-cluster\n"
    + JOB_PORTS
    + 'input_data: ${{inputs.data_in}}\nmini_batch_size: "1"\n'
    + TASK,
    "parallel_node": "compute: azureml:cpu-cluster\ncomponent: azureml:my-parallel:1\n" + JOB_PORTS,
    "command_component": NAMED
    + PORTS
    + "code: azureml:my-code:1\ncommand: python run.py --data ${{inputs.data_in}}\n"
    + "environment: azureml:my-env:1\n",
    "command_job": "compute: azureml:cpu-cluster\n"
    + JOB_PORTS
    + "code: azureml:my-code:1\ncommand: python run.py --data ${{inputs.data_in}}\n"
    + "environment: azureml:my-env:1\n",
    "pipeline_component": NAMED
    + "inputs:\n  data_in:\n    type: uri_folder\n"
    + "jobs:\n  step:\n    type: command\n    component: azureml:my-command:1\n"
    + "    inputs:\n      data_in: ${{parent.inputs.data_in}}\n",
    "pipeline_job": "settings:\n  default_compute: azureml:cpu-cluster\n"
    + "jobs:\n  step:\n    type: command\n    component: azureml:my-command:1\n",
    "sweep_job": "compute: azureml:cpu-cluster\n"
    + "trial:\n  command: python train.py --lr ${{search_space.lr}}\n"
    + "  environment: azureml:my-env:1\n  code: azureml:my-code:1\n"
    + "search_space:\n  lr:\n    type: uniform\n    min_value: 0.01\n    max_value: 0.1\n"
    + "sampling_algorithm: random\n"
    + "objective:\n  goal: maximize\n  primary_metric: accuracy\n"
    + "limits:\n  max_total_trials: 4\n",
    "environment_asset": NAMED + "image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest\n",
    "data_asset": NAMED + "path: azureml://datastores/workspaceblobstore/paths/data/\n",
}

# The type values: each family's own, a wrong case, absent, unknown.
TYPES = ("parallel", "Parallel", "command", "Command", "pipeline", "sweep", "absent", "foo")

# For the schema crossing: each type with the bodies of its family.
TYPE_BODIES = {
    "parallel": ("parallel_component", "parallel_job"),
    "Parallel": ("parallel_component",),
    "command": ("command_component", "command_job"),
    "Command": ("command_job",),
    "pipeline": ("pipeline_component", "pipeline_job"),
    "sweep": ("sweep_job",),
    "absent": ("command_component", "command_job", "parallel_component"),
    "foo": ("command_component",),
}

# Distinguishing keys added to (+) or removed from (-) a body, per family.
ADD = {
    "compute": "compute: azureml:cpu-cluster\n",
    "component": "component: azureml:my-component:1\n",
    "jobs": "jobs:\n  step:\n    type: command\n    component: azureml:my-command:1\n",
    "settings": "settings:\n  default_compute: azureml:cpu-cluster\n",
    "name": "name: detect_me\n",
    "version": 'version: "1"\n',
    "is_deterministic": "is_deterministic: true\n",
    "display_name": "display_name: Detect me\n",
    "experiment_name": "experiment_name: detect\n",
    "task": TASK,
    "command": "command: python run.py\n",
    "unknown": "frobnicate: 1\n",
}
MARKERS = {
    ("parallel", "parallel_component"): ["+compute", "+component", "+jobs", "+experiment_name", "-name", "-version", "+unknown"],
    ("parallel", "parallel_job"): ["+name", "+version", "+is_deterministic", "-compute", "+display_name", "+unknown"],
    ("command", "command_component"): ["+compute", "+component", "+experiment_name", "-name", "-version", "+unknown"],
    ("command", "command_job"): ["+name", "+version", "+is_deterministic", "-compute", "+unknown", "+task"],
    ("pipeline", "pipeline_component"): ["+compute", "+settings", "+experiment_name", "-name", "-version", "+unknown"],
    ("pipeline", "pipeline_job"): ["+name", "+version", "+is_deterministic", "-settings", "+unknown", "+component"],
    ("absent", "parallel_component"): ["+compute", "-name", "+command"],
    ("absent", "command_job"): ["+name", "-command"],
}


def remove_key(body: str, key: str) -> str:
    """The body without its top-level `key` (and the lines nested under it)."""
    out, skipping = [], False
    for line in body.splitlines(True):
        top = not line.startswith(" ")
        if top:
            skipping = line.startswith(key + ":")
        if not skipping:
            out.append(line)
    return "".join(out)


def document(schema: str, type_: str, body: str) -> str:
    text = ""
    if SCHEMAS[schema] is not None:
        text += f"$schema: {SCHEMAS[schema]}\n"
    if type_ != "absent":
        text += f"type: {type_}\n"
    return text + body


def case(case_id: str, axes: dict, text: str) -> dict:
    return {
        "id": case_id,
        "axes": axes,
        "files": {"doc.yml": text},
        "documents": [
            {"key": "load_component", "file": "doc.yml", "loader": "load_component", "record": "dict"},
            {"key": "load_job", "file": "doc.yml", "loader": "load_job", "record": "dict"},
        ],
    }


def cases():
    out = {}

    def add(c):
        out.setdefault(c["id"], c)

    for schema in SCHEMAS:
        for type_, bodies in TYPE_BODIES.items():
            for body in bodies:
                axes = {"schema": schema, "type": type_, "body": body, "marker": None}
                add(case(f"{schema}-{type_}-{body}", axes, document(schema, type_, BODIES[body])))
    for type_ in TYPES:
        for body in BODIES:
            axes = {"schema": "none", "type": type_, "body": body, "marker": None}
            add(case(f"none-{type_}-{body}", axes, document("none", type_, BODIES[body])))
    for (type_, body), markers in MARKERS.items():
        for marker in markers:
            key = marker[1:]
            text = BODIES[body] + ADD[key] if marker[0] == "+" else remove_key(BODIES[body], key)
            sign = "plus" if marker[0] == "+" else "minus"
            axes = {"schema": "none", "type": type_, "body": body, "marker": marker}
            add(case(f"none-{type_}-{body}-{sign}_{key}", axes, document("none", type_, text)))
    return list(out.values())


if __name__ == "__main__":
    sys.exit(generate("detection", cases(), sys.argv[1:]))
