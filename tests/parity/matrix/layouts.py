"""The layout matrix: relative paths through nested loads.

Every case is a small tree under /tmp/azml-parity/matrix/layouts/<case id>/:
a pipeline job at `w/pipe/pipeline.yml` whose node uses a component that
sits next to it, in a child, a sibling or a parent folder; the component is
referenced by plain path, with `file:`, written inline, or reached through a
pipeline component (a `type: pipeline` node whose own node uses it); the
component's `code` is `.`, `./src`, `../x`, an absolute path, a missing path
or `azureml:my-code:1`; its environment is a reference, or inline with a
relative `conda_file` or a build context. "shadow" cases also put the
relative path next to every other document of the chain, so that the result
shows which folder azure-ai-ml resolved it against.

Each case records load_job on the pipeline, and load_component on every
component file of the chain: accept/reject, `_to_dict()`, `_to_yaml()`, the
job's REST body (which holds each node's `_to_rest_object()`), the
component's ComponentVersion body and `_validate()`.

    target/parity-venv/bin/python tests/parity/matrix/layouts.py [--check] [--only SUBSTRING]
"""

import sys
from pathlib import Path

from matrix_common import MATRIX_HOME, generate

HOME = MATRIX_HOME / "layouts"

# Where the pipeline sits inside a case, and the folder of each position,
# relative to the case root.
PIPELINE_DIR = "w/pipe"
POSITIONS = {
    "same": "w/pipe",
    "child": "w/pipe/child",
    "sibling": "w/sib",
    "parent": "w",
}

# The component families crossed (`component_yaml` writes one of each; the
# family is also the node's `type`).
FAMILIES = ("parallel", "command")

CODES = {
    "dot": ".",
    "src": "./src",
    "up": "../x",
    "abs": None,  # the case's own absolute folder, filled in per case
    "missing": "./missing_src",
    "arm": "azureml:my-code:1",
}
# The codes whose relative folder can exist next to other documents too.
SHADOWABLE = ("src", "up")
# Codes whose value does not depend on any folder: one position is enough.
POSITION_FREE = ("abs", "arm")

# "includes" keeps the referenced environment and adds
# `additional_includes: [../lib]` (a command component's field; a parallel
# component has none).
ENVS = ("ref", "conda", "build", "includes")


def rel(from_dir: str, to: str) -> str:
    """The relative path from folder `from_dir` to `to` (both relative to the case root)."""
    a, b = Path(from_dir).parts, Path(to).parts
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    parts = [".."] * (len(a) - common) + list(b[common:])
    return "/".join(parts) if parts else "."


def join(folder: str, path: str) -> str:
    """`folder/path` normalised (`..` folded), relative to the case root."""
    out = []
    for part in (Path(folder) / path).parts:
        if part == "..":
            out.pop()
        elif part != ".":
            out.append(part)
    return "/".join(out)


def indent(text: str, by: int) -> str:
    """`text` with every non-blank line indented by `by` spaces."""
    pad = " " * by
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def environment_yaml(env: str, key_indent: int) -> str:
    """The `environment:` entry of a component."""
    pad = " " * key_indent
    if env in ("ref", "includes"):
        return f"{pad}environment: azureml:my-env:1\n"
    if env == "conda":
        return (
            f"{pad}environment:\n"
            f"{pad}  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest\n"
            f"{pad}  conda_file: ./env/conda.yml\n"
        )
    return f"{pad}environment:\n{pad}  build:\n{pad}    path: ./docker\n"


def component_yaml(family: str, code: str, env: str) -> str:
    """A component file of the family with the given `code` and environment."""
    if family == "parallel":
        return (
            "$schema: https://azuremlschemas.azureedge.net/latest/parallelComponent.schema.json\n"
            "type: parallel\n"
            "name: layout_parallel\n"
            'version: "1"\n'
            "inputs:\n  data_in:\n    type: uri_folder\n"
            "outputs:\n  scored:\n    type: uri_folder\n"
            "input_data: ${{inputs.data_in}}\n"
            'mini_batch_size: "1"\n'
            "task:\n"
            "  type: run_function\n"
            f"  code: {code}\n"
            "  entry_script: score.py\n" + environment_yaml(env, 2) + includes_yaml(env)
        )
    return (
        "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\n"
        "type: command\n"
        "name: layout_command\n"
        'version: "1"\n'
        "inputs:\n  data_in:\n    type: uri_folder\n"
        "outputs:\n  scored:\n    type: uri_folder\n"
        f"code: {code}\n"
        "command: python score.py --data ${{inputs.data_in}} --out ${{outputs.scored}}\n"
        + environment_yaml(env, 0)
        + includes_yaml(env)
    )


def includes_yaml(env: str) -> str:
    """The `additional_includes` entry of the "includes" variant."""
    return "additional_includes:\n  - ../lib\n" if env == "includes" else ""


def node_yaml(family: str, component_entry: str, data_input: str) -> str:
    """A node named `score` of the family, under `jobs:`."""
    return (
        "  score:\n"
        f"    type: {family}\n"
        f"{component_entry}"
        "    inputs:\n"
        f"      data_in:{data_input}\n"
    )


def component_entry(ref: str, target: str, from_dir: str, inline_text: str) -> str:
    """A node's `component:` entry: `target` seen from `from_dir`, or inline."""
    if ref == "inline":
        return "    component:\n" + indent(inline_text, 6)
    path = rel(from_dir, target)
    return f"    component: {'file:' if ref == 'file' else ''}{path}\n"


PIPELINE_HEAD = (
    "$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\n"
    "type: pipeline\n"
    "settings:\n  default_compute: azureml:cpu-cluster\n"
    "jobs:\n"
)
DATA_INPUT = "\n        type: uri_folder\n        path: azureml:my-data:1"


def pipeline_component_yaml(jobs: str) -> str:
    """A pipeline component file holding `jobs`."""
    return (
        "$schema: https://azuremlschemas.azureedge.net/latest/pipelineComponent.schema.json\n"
        "type: pipeline\n"
        "name: layout_pipeline_component\n"
        'version: "1"\n'
        "inputs:\n  data_in:\n    type: uri_folder\n"
        "jobs:\n" + jobs
    )


def support_files(folder: str, code_key: str, env: str, label: str, absolute: str) -> dict:
    """The folders a component in `folder` refers to; `label` marks which
    copy of them it is (the component's own, or a shadow next to another
    document), so that a result shows which one azure-ai-ml read."""
    files = {}
    if code_key == "src":
        files[join(folder, "src/score.py")] = f"# code at {label}\n"
    elif code_key == "up":
        files[join(folder, "../x/score.py")] = f"# code at {label}\n"
    elif code_key == "dot" and label == "component":
        files[join(folder, "score.py")] = "# code at component\n"
    elif code_key == "abs" and label == "component":
        files[join(absolute, "score.py")] = "# code at the absolute path\n"
    if env == "conda":
        files[join(folder, "env/conda.yml")] = (
            f"name: conda-at-{label}\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10\n"
        )
    elif env == "build":
        files[join(folder, "docker/Dockerfile")] = f"FROM python:3.10-slim\n# build context at {label}\n"
    elif env == "includes":
        files[join(folder, "../lib/util.py")] = f"# additional include at {label}\n"
    return files


def make_case(family, route, position, code_key, env, shadow):
    """One case: its id, axes, files and documents. `route` is `path`,
    `file`, `inline` (the pipeline's node uses the component directly) or
    `pc-<outer>-<inner>` (through a pipeline component referenced by
    <outer> whose node references the component by <inner>); `position` is
    where the component file (or the pipeline component) sits."""
    case_id = "-".join([family, route, position, code_key, env] + (["shadow"] if shadow else []))
    abs_dir = "abs_code"
    code = CODES[code_key] if code_key != "abs" else str(HOME / case_id / abs_dir)
    text = component_yaml(family, code, env)
    files = {}
    documents = []
    pipeline_file = f"{PIPELINE_DIR}/pipeline.yml"
    # Folders of the documents above the component, for shadows.
    chain = [PIPELINE_DIR]
    if route in ("path", "file", "inline"):
        comp_dir = PIPELINE_DIR if route == "inline" else POSITIONS[position]
        comp_file = f"{comp_dir}/comp.yml"
        entry = component_entry(route, comp_file, PIPELINE_DIR, text)
        files[pipeline_file] = PIPELINE_HEAD + node_yaml(family, entry, DATA_INPUT)
        if route != "inline":
            files[comp_file] = text
    else:
        _, outer, inner = route.split("-")
        pc_dir = POSITIONS[position]
        pc_file = f"{pc_dir}/pc.yml"
        comp_dir = pc_dir if inner == "inline" else f"{pc_dir}/inner"
        comp_file = f"{comp_dir}/comp.yml"
        entry = component_entry(inner, comp_file, pc_dir, text)
        files[pc_file] = pipeline_component_yaml(node_yaml(family, entry, " ${{parent.inputs.data_in}}"))
        if inner != "inline":
            files[comp_file] = text
        outer_entry = f"    component: {'file:' if outer == 'file' else ''}{rel(PIPELINE_DIR, pc_file)}\n"
        files[pipeline_file] = PIPELINE_HEAD + (
            "  outer:\n    type: pipeline\n" + outer_entry + "    inputs:\n      data_in:" + DATA_INPUT + "\n"
        )
        chain.append(pc_dir)
    files.update(support_files(comp_dir, code_key, env, "component", abs_dir))
    if shadow:
        for other in chain:
            if other != comp_dir:
                label = "pipeline" if other == PIPELINE_DIR else "pipeline-component"
                for path, content in support_files(other, code_key, env, label, abs_dir).items():
                    files.setdefault(path, content)
    documents.append({"key": "pipeline", "file": pipeline_file, "loader": "load_job"})
    if route.startswith("pc-"):
        documents.append({"key": "pipeline_component", "file": pc_file, "loader": "load_component"})
    if comp_file in files:
        documents.append({"key": "component", "file": comp_file, "loader": "load_component"})
    axes = {
        "family": family,
        "route": route,
        "position": position,
        "code": code_key,
        "environment": env,
        "shadow": shadow,
    }
    return {"id": case_id, "axes": axes, "files": dict(sorted(files.items())), "documents": documents}


def shadow_values(family, route, position, code_key, env):
    """Whether a shadow variant exists: only when something relative can be
    resolved against another document's folder, that folder differs from the
    component's, and the family has a node-level copy of it (a parallel node
    inherits its component's task; a command node keeps nothing of the
    component's paths, so its shadows would only repeat the plain cases)."""
    relative = (code_key in SHADOWABLE and env == "ref") or env in ("conda", "build")
    if not relative or family != "parallel":
        return [False]
    if route == "inline" or (route in ("path", "file") and position == "same"):
        return [False]
    if route.endswith("-inline") and position == "same":
        return [False]
    return [False, True]


def cases():
    """Every case of the matrix, in a stable order."""
    out = []
    # Through a pipeline component, the inner reference is crossed with every
    # position only as a plain path; `file:` and inline inner references are
    # crossed with the child position (the rule is the same one level down).
    routes = ["path", "file", "inline", "pc-path-path", "pc-path-file", "pc-path-inline"]
    for family in FAMILIES:
        for route in routes:
            positions = ["same"] if route == "inline" else list(POSITIONS)
            if route in ("pc-path-file", "pc-path-inline"):
                positions = ["child"]
                if family != "parallel":
                    continue
            for position in positions:
                # Every code with a referenced environment; every other
                # environment with the ./src code.
                combos = [(code, "ref") for code in CODES] + [("src", env) for env in ENVS if env != "ref"]
                anchor = "same" if route == "inline" else "child"
                for code_key, env in combos:
                    if code_key in POSITION_FREE and position != anchor:
                        continue
                    for shadow in shadow_values(family, route, position, code_key, env):
                        out.append(make_case(family, route, position, code_key, env, shadow))
        # A pipeline component referenced with `file:`, once per position.
        for position in POSITIONS:
            out.append(make_case(family, "pc-file-path", position, "src", "ref", False))
    return out


if __name__ == "__main__":
    sys.exit(generate("layouts", cases(), sys.argv[1:]))
