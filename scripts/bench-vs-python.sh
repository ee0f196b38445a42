#!/usr/bin/env bash
# azml against azure-ai-ml 1.35.2 on the corpus's parallel components, command
# components, command jobs, pipeline jobs, pipeline components and sweep jobs, in one run on one
# machine:
#
#   1. `cargo bench --bench corpus`: per document, read + load + validate +
#      output as a JSON string (`full`: the REST body of a component or a
#      command job, the dict of a pipeline, a pipeline component or a sweep job), and the split (`parse`,
#      `load`, `output_json`); divan's medians.
#   2. azure-ai-ml over the same files in one warm process: the loader, the
#      same output, `json.dumps` (REST bodies with the SdkJSONEncoder);
#      per-document medians (scripts/bench_python.py).
#      1 and 2 alternate, ROUNDS times.
#   3. `azml validate CORPUS` (release binary), wall time of several runs.
#
# and prints the table: Python's median per document, azml's (medians over
# the rounds), the ratio, each round's ratio, and the ratio per kind.
#
#   scripts/bench-vs-python.sh [CORPUS]      # default: ../shared/corpus
#
# Environment: ROUNDS (how many times both sides are measured, one after
# the other, default 3; the report takes medians over the rounds),
# ITERATIONS (Python iterations per document, default 30),
# WARMUP (Python warm-up passes, 3), SAMPLES (divan's samples per document
# and stage, 1000: the bench then runs about as long as the Python side, so
# both meet the same load on a shared machine), VALIDATE_RUNS (10), PYTHON
# (the interpreter that makes the virtual environment, default python3, with
# its venv module), CARGO_TARGET_DIR as cargo reads it.
#
# The virtual environment is target/parity-venv when `cargo xtask parity`
# made it with azure-ai-ml 1.35.2, else target/bench-venv, made here the same
# way from tests/parity/requirements.txt (a few minutes the first time).
# Outputs are kept in target/bench-vs-python/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/corpus}
if [[ ! -d $corpus ]]; then
    echo "error: no corpus at $corpus" >&2
    exit 2
fi
corpus=$(cd "$corpus" && pwd)
cd "$root"
iterations=${ITERATIONS:-30}
warmup=${WARMUP:-3}
samples=${SAMPLES:-1000}
rounds=${ROUNDS:-3}
validate_runs=${VALIDATE_RUNS:-10}
out=$root/target/bench-vs-python
requirements=$root/tests/parity/requirements.txt
want_version=1.35.2

mkdir -p "$out"

load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"; }

# --- the Python environment -------------------------------------------------
aml_version() {
    "$1" -c 'import importlib.metadata as m; print(m.version("azure-ai-ml"))' 2>/dev/null || true
}
python=$root/target/parity-venv/bin/python
if [[ ! -x $python || $(aml_version "$python") != "$want_version" ]]; then
    venv=$root/target/bench-venv
    python=$venv/bin/python
    if [[ ! -x $python ]] || ! cmp -s "$requirements" "$venv/requirements.installed"; then
        echo "== making $venv from tests/parity/requirements.txt"
        "${PYTHON:-python3}" -m venv --clear "$venv"
        "$python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
        cp "$requirements" "$venv/requirements.installed"
    fi
fi
if [[ $(aml_version "$python") != "$want_version" ]]; then
    echo "error: $python does not have azure-ai-ml $want_version" >&2
    exit 2
fi

# --- builds first, so that nothing compiles while anything is timed --------
echo "== building (cargo bench --no-run, cargo build --release -p azml-cli)"
cargo bench --quiet --bench corpus --no-run
cargo build --quiet --release -p azml-cli
azml=${CARGO_TARGET_DIR:-$root/target}/release/azml

echo "== start: $(load)"

# --- 1 and 2, in rounds: azml, then azure-ai-ml --------------------------------
# The machine's speed drifts (other tenants, frequency): alternating the two
# sides and taking medians over the rounds keeps one side from being timed
# in a fast minute and the other in a slow one.
rust_args=()
python_args=()
for round in $(seq "$rounds"); do
    echo "== round $round of $rounds: cargo bench --bench corpus -- --sample-count $samples"
    AZML_BENCH_CORPUS=$corpus cargo bench --quiet --bench corpus -- \
        --color never --sample-count "$samples" >"$out/rust-$round.txt" 2>&1 || {
        cat "$out/rust-$round.txt" >&2
        exit 1
    }
    echo "   after it: $(load)"
    echo "== round $round of $rounds: azure-ai-ml, $iterations iterations per document after $warmup warm-up passes"
    PYTHONHASHSEED=0 PYTHONWARNINGS=ignore \
        "$python" scripts/bench_python.py measure "$corpus" \
        --iterations "$iterations" --warmup "$warmup" >"$out/python-$round.json"
    echo "   after it: $(load)"
    rust_args+=(--rust "$out/rust-$round.txt")
    python_args+=(--python "$out/python-$round.json")
done

# --- 3. azml validate of the corpus -------------------------------------------
echo "== azml validate $corpus: $validate_runs runs after 2 warm-up runs"
: >"$out/validate.txt"
for i in $(seq $((validate_runs + 2))); do
    start=${EPOCHREALTIME/[.,]/}
    status=0
    "$azml" validate "$corpus" >"$out/validate-output.txt" 2>&1 || status=$?
    end=${EPOCHREALTIME/[.,]/}
    # 0: all valid, 1: some file invalid (the corpus has some); 2: an error.
    if ((status > 1)); then
        echo "error: azml validate exited with $status" >&2
        exit 1
    fi
    if ((i > 2)); then
        echo $((end - start)) >>"$out/validate.txt"
    fi
done
echo "   after it: $(load)"

echo
"$python" scripts/bench_python.py report "${rust_args[@]}" "${python_args[@]}" \
    --validate "$out/validate.txt" --validate-output "$out/validate-output.txt" --corpus "$corpus"
