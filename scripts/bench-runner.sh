#!/usr/bin/env bash
# `azml run` against a plain Python multiprocessing.Pool doing the same work,
# side by side: 10,000 small files, mini-batches of 10 (the default), a
# trivial run() returning one row per file, 4 workers, rows appended to one
# file. Rounds alternate the two sides; medians of wall time are reported,
# with the ratio and azml's overhead per mini-batch.
#
#   scripts/bench-runner.sh [ROUNDS]     (default 11; PYTHON=... to choose the interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-11}"
# The interpreter itself, not a launcher shim (pyenv's costs a shell per start).
python="$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')"

cargo build --release -q -p azml-cli
azml="$PWD/target/release/azml"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data" "$work/src"
"$python" - "$work/data" <<'EOF'
import os, sys
for i in range(10000):
    with open(os.path.join(sys.argv[1], "f%05d.txt" % i), "w") as f:
        f.write("item %d\n" % i)
EOF

cat > "$work/src/score.py" <<'EOF'
import os

def init():
    pass

def run(mini_batch):
    return [os.path.basename(path) for path in mini_batch]
EOF

cat > "$work/component.yml" <<'EOF'
name: bench
type: parallel
inputs:
  data: {type: uri_folder}
outputs:
  out: {type: uri_folder}
input_data: ${{inputs.data}}
max_concurrency_per_instance: 4
task:
  type: run_function
  code: ./src
  entry_script: score.py
  append_row_to: ${{outputs.out}}
  environment: azureml:env:1
EOF

# The same work with a Pool: list the folder, chunks of 10, run() in 4
# processes (each imports the entry script and calls init()), rows appended
# by the parent as results come.
cat > "$work/pool.py" <<'EOF'
import multiprocessing, os, sys
sys.path.insert(0, sys.argv[2])
import score

def files(root):
    out = []
    for d, _, names in os.walk(root):
        out.extend(os.path.join(d, n) for n in names)
    return sorted(out)

if __name__ == "__main__":
    paths = files(sys.argv[1])
    chunks = [paths[i:i + 10] for i in range(0, len(paths), 10)]
    with open(sys.argv[3], "w") as out, multiprocessing.Pool(4, initializer=score.init) as pool:
        for rows in pool.imap_unordered(score.run, chunks):
            out.write("".join(str(r) + "\n" for r in rows))
EOF

now() { date +%s.%N; }
azml_times=()
pool_times=()
ratios=()
overheads=()
for round in $(seq 1 "$rounds"); do
    rm -rf "$work/run" "$work/pool.txt"
    t0=$(now)
    (cd "$work" && "$azml" run component.yml --input data=data --run-dir run --python "$python" --quiet)
    t1=$(now)
    "$python" "$work/pool.py" "$work/data" "$work/src" "$work/pool.txt"
    t2=$(now)
    test "$(wc -l < "$work/run/outputs/out/parallel_run_step.txt")" -eq 10000
    test "$(wc -l < "$work/pool.txt")" -eq 10000
    azml_times+=("$(echo "$t1 - $t0" | bc -l)")
    pool_times+=("$(echo "$t2 - $t1" | bc -l)")
    # Per mini-batch, from azml's report: elapsed (sent to answered) minus time in run().
    overheads+=("$(awk -F, 'NR > 1 { s += $8 - $10; n++ } END { printf "%.1f", 1e6 * s / n }' \
        "$work/run/logs/sys/job_report/processed_mini-batches.csv")")
    ratios+=("$(echo "${azml_times[-1]} / ${pool_times[-1]}" | bc -l)")
    printf 'round %d: azml %.3f s, Pool %.3f s, ratio %.2fx\n' "$round" "${azml_times[-1]}" "${pool_times[-1]}" "${ratios[-1]}"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
a=$(median "${azml_times[@]}")
p=$(median "${pool_times[@]}")
o=$(median "${overheads[@]}")
r=$(median "${ratios[@]}")
echo
printf 'median wall time: azml run %.3f s, multiprocessing.Pool %.3f s, ratio of the medians %.2fx\n' "$a" "$p" "$(echo "$a / $p" | bc -l)"
printf 'median of the rounds'"'"' ratios: %.2fx (goal <= 1.2x)\n' "$r"
printf 'azml - Pool, per mini-batch (1000 mini-batches): %.0f us\n' "$(echo "($a - $p) * 1000" | bc -l)"
printf 'azml per mini-batch, sent to answered minus time in run() (report, median of rounds): %s us\n' "$o"
