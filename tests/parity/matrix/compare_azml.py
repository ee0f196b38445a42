"""Runs today's `azml` over both matrices and counts where it disagrees with
the committed goldens, by class of disagreement: the to-do list until the
Rust tests read the matrices themselves. Plain Python (no azure-ai-ml).

    cargo build -p azml-cli
    python3 tests/parity/matrix/compare_azml.py [--azml target/debug/azml] [--list CLASS]

Layouts: for each document of a case, `azml dump --as dict|yaml|rest` against
the golden's `_to_dict()`, `_to_yaml()` and REST body (a pipeline's REST is
compared on `properties.jobs`, the nodes azml translates). Detection: `azml
validate --format json` against the loader that accepts the file.
"""

import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from matrix_trees import GOLDEN_ROOT, MATRIX_HOME, REPO, manifest, write_tree


def azml(binary, *args):
    """Exit status, stdout and stderr of one azml command."""
    run = subprocess.run([binary, *args], capture_output=True, text=True)
    return run.returncode, run.stdout, run.stderr


def leaves(value, pointer=""):
    """Every leaf of a JSON value by pointer (empty containers are leaves)."""
    if isinstance(value, dict) and value:
        for k, v in value.items():
            yield from leaves(v, f"{pointer}/{k}")
    elif isinstance(value, list) and value:
        for i, v in enumerate(value):
            yield from leaves(v, f"{pointer}/{i}")
    else:
        yield pointer, value


def differences(expected, actual):
    """(pointer, expected, actual) for every leaf that differs."""
    a, b = dict(leaves(expected)), dict(leaves(actual))
    missing = "<absent>"
    return sorted(
        (p, a.get(p, missing), b.get(p, missing)) for p in set(a) | set(b) if a.get(p, missing) != b.get(p, missing)
    )


NODE_CODE = re.compile(r"^(?:/properties)?(?:/componentSpec)?/jobs/[^/]+(?:/component/jobs/[^/]+)?/task/code$")


def unwrap(value):
    """The golden's `{"$component": body}` (harness.plain's marker for an
    entity object in a node's REST form) as the body itself, as azml writes it."""
    if isinstance(value, dict):
        if set(value) == {"$component"}:
            return unwrap(value["$component"])
        return {k: unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def classify(pointer, expected, actual, case, doc_key):
    """The class of one difference, by its cause."""
    case_dir = str(MATRIX_HOME / "layouts" / case["id"])
    axes = case["axes"]
    if NODE_CODE.match(pointer) and isinstance(expected, str) and actual != "<absent>":
        if expected.startswith("azureml:") and not expected.startswith("azureml:my-code"):
            return "L2 node task.code in the enclosing document's dict: azureml:<text as written>"
        if expected.startswith(case_dir):
            return "L1 node task.code in the enclosing document's dict: resolved against that document's folder"
    if doc_key == "pipeline" and pointer == "/$schema":
        return "L3 pipeline job dict/yaml keeps $schema (azure-ai-ml drops a job's $schema)"
    if doc_key == "pipeline" and axes["route"].startswith("pc-") and pointer.startswith("/jobs"):
        return "L4 type: pipeline node: its pipeline component file is not loaded"
    if axes["family"] == "command" and re.match(r"^(/componentSpec)?/jobs(/score|$)", pointer):
        return "pending L5 command node: its component is not loaded"
    shape = re.sub(r"/jobs/[^/]+", "/jobs/*", pointer)
    shape = re.sub(r"/\d+(?=/|$)", "/#", shape)
    return f"other {shape}"


def unexplained(expected, actual, dict_diffs):
    """Whether two YAML dumps differ in more than the lines that hold the
    dict's differing values (or `$schema`, whose presence is one of them)."""
    values = {str(v) for _, e, a in dict_diffs for v in (e, a) if not isinstance(v, (dict, list))}

    def kept(text):
        return [
            line
            for line in text.splitlines()
            if not line.lstrip().startswith("$schema:") and not any(v in line for v in values)
        ]

    return kept(expected) != kept(actual)


def acceptance_class(case, doc_key, python_accepts, azml_error):
    """The class of an accept/reject disagreement, by its cause."""
    axes = case["axes"]
    if axes["route"].startswith("pc-file-") and doc_key == "pipeline":
        return "L7 `component: file:<pipeline component>` on a type: pipeline node: azure-ai-ml rejects it, azml accepts"
    if axes["route"].startswith("pc-") and doc_key == "pipeline" and axes["family"] == "parallel":
        return "L4 type: pipeline node: its pipeline component file is not loaded (accept/reject)"
    if axes["family"] == "command":
        if "cannot be dumped yet" in azml_error:
            return f"pending L5 command component cannot be dumped yet ({doc_key})"
        return f"pending L5 command node: its component is not loaded (accept/reject, {doc_key})"
    verdict = "accepts" if python_accepts else "rejects"
    return f"A azure-ai-ml {verdict}, azml does not ({doc_key})"


def document_classes(binary, case, doc, record):
    """The classes of every disagreement between azml and one golden record."""
    classes = set()
    key = doc["key"]
    path = str(MATRIX_HOME / "layouts" / case["id"] / doc["file"])
    code, out, err = azml(binary, "dump", path, "--as", "dict")
    if record["accepted"] != (code == 0):
        return {acceptance_class(case, key, record["accepted"], err)}
    if not record["accepted"]:
        _, report_json, _ = azml(binary, "validate", "--format", "json", path)
        ours = sorted({p["path"] for p in json.loads(report_json)["files"][0]["problems"]})
        theirs = sorted({e["path"] for e in record["errors"]})
        if ours != theirs:
            pending = "pending L5 " if case["axes"]["family"] == "command" else ""
            classes.add(f"{pending}E error fields differ ({key}): azure-ai-ml {theirs}, azml {ours}")
        return classes
    dict_diffs = differences(record["dict"], json.loads(out))
    dict_classes = {classify(p, e, a, case, key) for p, e, a in dict_diffs}
    classes |= {"dict " + c for c in dict_classes}
    code, out, _ = azml(binary, "dump", path, "--as", "yaml")
    value_level = all(c.split(" ")[0] in ("L1", "L2", "L3") for c in dict_classes)
    if code == 0 and value_level and unexplained(record["yaml"], out, dict_diffs):
        classes.add(f"Y yaml differs beyond the dict's differences ({key})")
    code, out, _ = azml(binary, "dump", path, "--as", "rest")
    if code != 0:
        return classes | {f"rest not produced ({key})"}
    expected, actual = unwrap(record["rest"]), json.loads(out)
    if key == "pipeline":
        expected = {"jobs": expected["properties"]["jobs"]}
    elif key == "pipeline_component" and "properties" not in actual:
        classes.add("L6 pipeline component REST: azml gives {jobs}, azure-ai-ml a ComponentVersion")
        expected = {"jobs": expected["properties"]["componentSpec"]["jobs"]}
    classes |= {"rest " + classify(p, e, a, case, key) for p, e, a in differences(expected, actual)}
    return classes


def is_pending(cls):
    """Whether a class belongs to kinds azml does not model yet."""
    return any(word.startswith("pending") for word in cls.split(" ")[:2])


def layouts(binary, listing):
    data = manifest("layouts")
    counts, examples = Counter(), defaultdict(list)
    failing = 0
    for case in data["cases"]:
        write_tree(MATRIX_HOME / "layouts" / case["id"], case["files"])
        golden = json.loads((GOLDEN_ROOT / "layouts" / f"{case['id']}.json").read_text(encoding="utf-8"))
        classes = set()
        for doc in case["documents"]:
            classes |= document_classes(binary, case, doc, golden[doc["key"]])
        failing += any(not is_pending(c) for c in classes)
        for c in classes:
            counts[c] += 1
            examples[c].append(case["id"])
    report("layouts", len(data["cases"]), failing, counts, examples, listing)


# What azml calls the kinds azure-ai-ml's loaders return, for the kinds azml
# models today (others are listed as skipped).
AZML_KIND = {
    "ParallelComponent": "parallel component",
    "PipelineJob": "pipeline",
    "PipelineComponent": "pipeline",
}


def detection(binary, listing):
    data = manifest("detection")
    counts, examples = Counter(), defaultdict(list)
    failing = 0
    for case in data["cases"]:
        case_dir = MATRIX_HOME / "detection" / case["id"]
        write_tree(case_dir, case["files"])
        golden = json.loads((GOLDEN_ROOT / "detection" / f"{case['id']}.json").read_text(encoding="utf-8"))
        _, out, _ = azml(binary, "validate", "--format", "json", str(case_dir / "doc.yml"))
        result = json.loads(out)["files"][0]
        status, kind = result["status"], result.get("kind") or ""
        accepting = {golden[k]["class"]: k for k in ("load_component", "load_job") if golden[k]["accepted"]}
        modelled = {AZML_KIND[c] for c in accepting if c in AZML_KIND}
        python_kind = " / ".join(sorted(accepting)) or "none"
        cls = None
        if not accepting:
            if status == "valid" and kind == "parallel job":
                cls = "D2 valid parallel job in azml; load_job: Unsupported job type: parallel, load_component rejects"
            elif status == "valid":
                cls = f"D5 valid {kind} in azml; both loaders reject"
        elif not modelled:
            if status != "skipped":
                cls = f"D4 {status} {kind} in azml; azure-ai-ml accepts only as {python_kind}"
            else:
                cls = f"pending: skipped by azml; azure-ai-ml accepts as {python_kind}"
        elif kind not in modelled:
            cls = f"D1 judged as {kind} ({status}) by azml; azure-ai-ml accepts as {python_kind}"
        elif status != "valid":
            cls = f"D4 invalid {kind} in azml; azure-ai-ml accepts as {python_kind}"
        elif "ParallelComponent" in accepting:
            expected = golden[accepting["ParallelComponent"]]["dict"]
            _, out, _ = azml(binary, "dump", str(case_dir / "doc.yml"), "--as", "dict")
            diffs = differences(expected, json.loads(out))
            if diffs:
                cls = f"D6 parallel component dict differs (first at {diffs[0][0]})"
        failing += bool(cls) and not is_pending(cls)
        if cls:
            counts[cls] += 1
            examples[cls].append(case["id"])
    report("detection", len(data["cases"]), failing, counts, examples, listing)


def report(matrix, total, failing, counts, examples, listing):
    print(f"{matrix}: {total} cases, {failing} with a difference outside the pending classes")
    for name, n in sorted(counts.items()):
        print(f"  {n:4}  {name}")
        if listing and name.startswith(listing):
            for case_id in examples[name]:
                print(f"          {case_id}")


def main(argv):
    binary = argv[argv.index("--azml") + 1] if "--azml" in argv else str(REPO / "target" / "debug" / "azml")
    listing = argv[argv.index("--list") + 1] if "--list" in argv else None
    if not Path(binary).exists():
        sys.exit(f"{binary} not found; run `cargo build -p azml-cli` first")
    layouts(binary, listing)
    detection(binary, listing)


if __name__ == "__main__":
    main(sys.argv)
