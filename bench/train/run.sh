#!/usr/bin/env bash
# Times `cauce train`'s algorithms rf, xgb, lgbm and lr next to scikit-learn and XGBoost (/usr/bin/python3) on the
# same processed train/test files, in one run: fit time, predict rows/s and the test ROC AUC, medians of RUNS runs,
# as ratios cauce / python.
#
#   bench/train/run.sh                          # Telco and a 1,000,000-row `cauce sample clientes` file, 3 runs
#   ROWS=200000 RUNS=5 bench/train/run.sh
#   DATASETS=telco ALGOS="xgb lgbm" bench/train/run.sh
#   NO_BUILD=1 TWICE= bench/train/run.sh        # reuse the Release builds already there; no cold/warm runs
#   OMP_WAIT_POLICY=passive bench/train/run.sh  # OpenMP threads sleep instead of spinning (both sides; see README)
#   R2R=1 DOTNET_TieredPGO=0 DATASETS=telco bench/train/run.sh
#                                               # the harness published ReadyToRun, with the runtime's knobs given:
#                                               # what the CLI would gain from shipping so (see README, small data)
#   COMMIT=HEAD bench/train/run.sh              # build that commit (git archive into a temporary folder), not the
#                                               # working tree, which others may be editing; the harness and
#                                               # peer.py still come from the working tree
#
# What runs:
#   1. `dotnet build src/Cauce.Cli -c Release` and bench/train/harness (a console program around Cauce.Ml's
#      public training API); both outputs are copied to a temporary folder and run from there, so a rebuild of
#      src/ by someone else cannot swap the binaries mid-run.
#   2. Two temporary projects made with the built cauce.dll:
#        telco     `init`, the Telco churn CSV (DATASETS_DIR/telco-customer-churn) as data/raw/telco_raw_20190930.csv,
#                  a params.yaml entry (target Churn, binary, id customerID, TotalCharges a number, stratified 20 %
#                  test split), `prepare telco`, `split telco`. Skipped, with a message, when DATASETS_DIR is absent.
#        clientes  `init`, this repository's params.yaml, `sample clientes --rows ROWS --seed 42 --date 20250930`,
#                  `prepare clientes`, `split clientes`.
#   3. RUNS times, for each dataset and algorithm, one fresh process per side (the order of the two sides
#      alternates from one run to the next):
#        cauce   harness `run`: ModelTrainer.Inspect + ModelTrainer.Train (what `cauce train` runs, minus writing the
#                model); read = TrainOutcome.ReadSeconds (train and test files into memory); fit = TrainOutcome.Seconds
#                (the card's training_seconds), with its Steps; AUC from its metrics; then model.Read + model.Score of
#                the test file, REPS times.
#        python  peer.py `run`: read_csv, then the fit of a Pipeline (ColumnTransformer: one-hot, mean-imputed,
#                standardised for lr; then the estimator) is timed, as Cauce's fit includes its featuriser; the
#                estimator's own share is timed too; predict_proba of the test file, REPS times; roc_auc_score.
#      Both sides use THREADS threads: DOTNET_PROCESSOR_COUNT and OMP_NUM_THREADS are set to it for both.
#   4. Untimed checks: scikit-learn's roc_auc_score of Cauce's own test probabilities (last run), against Cauce's
#      AUC; and, for the datasets in TWICE (default telco), the harness's and peer.py's `twice`: the fit six times in
#      one process, cold and warm, on each side.
#   5. report.py prints the tables (markdown) from the JSON lines; they are also kept in OUT (default: a temporary
#      file, printed at the end).
# See README.md beside this script for the figures and what they mean.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
REPS=${REPS:-3}
THREADS=${THREADS:-2}
SEED=${SEED:-42}
DATE=${DATE:-20250930}
ALGOS=${ALGOS:-"rf xgb lgbm lr"}
DATASETS=${DATASETS:-"telco clientes"}
TWICE=${TWICE-telco}
PYTHON=${PYTHON:-/usr/bin/python3}

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
DATASETS_DIR=${DATASETS_DIR:-$root/../shared/datasets}
here=$root/bench/train

require_gnu_time
if ! "$PYTHON" -c 'import pandas, sklearn, numpy' 2>/dev/null; then
    echo "error: $PYTHON needs pandas, scikit-learn and numpy; on Debian: apt-get install python3-pandas python3-sklearn" >&2
    exit 2
fi
if [[ " $ALGOS " == *" xgb "* ]] && ! "$PYTHON" -c 'import xgboost' 2>/dev/null; then
    echo "error: $PYTHON cannot import xgboost; on Debian: apt-get install python3-xgboost (it brings libxgboost0, which Cauce's xgb needs too)" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${OUT:-$tmp/results.jsonl}
: >"$out"

src=$root
if [[ -n ${COMMIT:-} ]]; then
    # Resolved once: others commit while this runs, and HEAD at the end is not what was built.
    COMMIT=$(git rev-parse "$COMMIT")
    echo "building $(git rev-parse --short "$COMMIT") from a snapshot..." >&2
    src=$tmp/src && mkdir -p "$src/bench/train"
    git archive "$COMMIT" | tar -x -C "$src"
    rm -rf "$src/bench/train/harness" && cp -r "$here/harness" "$src/bench/train/harness" && rm -rf "$src/bench/train/harness/bin" "$src/bench/train/harness/obj"
fi
if [[ ${NO_BUILD:-0} != 1 || -n ${COMMIT:-} ]]; then
    echo "building src/Cauce.Cli and bench/train/harness (Release)..." >&2
    (cd "$src" && dotnet build src/Cauce.Cli -c Release -nologo -v quiet) >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
    (cd "$src" && dotnet build bench/train/harness -c Release -nologo -v quiet) >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
fi
# Run private copies of the builds: src/ is shared, and a rebuild there must not swap the binaries mid-run.
cp -r "$src/src/Cauce.Cli/bin/Release/net10.0" "$tmp/cli"
if [[ ${R2R:-0} == 1 ]]; then
    # ReadyToRun: every assembly, ML.NET's too, compiled ahead of time, so a fit does not wait for the JIT.
    rid=linux-$(case $(uname -m) in aarch64) echo arm64 ;; *) echo x64 ;; esac)
    echo "publishing bench/train/harness ReadyToRun ($rid)..." >&2
    (cd "$src" && dotnet publish bench/train/harness -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$tmp/harness" -nologo -v quiet) >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
else
    cp -r "$src/bench/train/harness/bin/Release/net10.0" "$tmp/harness"
fi
cli=$tmp/cli/cauce.dll
harness=$tmp/harness/cauce-train-bench.dll
export DOTNET_PROCESSOR_COUNT=$THREADS OMP_NUM_THREADS=$THREADS DOTNET_CLI_TELEMETRY_OPTOUT=1

projects=()
for dataset in $DATASETS; do
    project=$tmp/$dataset
    case $dataset in
        telco)
            csv=$DATASETS_DIR/telco-customer-churn/Telco-Customer-Churn.csv
            if [[ ! -f $csv ]]; then
                echo "skipping telco: $csv is not there (set DATASETS_DIR to the folder holding telco-customer-churn/)" >&2
                continue
            fi
            echo "preparing telco ($csv)..." >&2
            quiet "$tmp/init.log" dotnet "$cli" init "$project"
            cp "$csv" "$project/data/raw/telco_raw_20190930.csv"
            cat >"$project/params.yaml" <<EOF
seed: $SEED
datasets:
  telco:
    date: '20190930'
    target: Churn
    task: binary
    id: [customerID]
    columns:
      TotalCharges: {type: number}
    split: {test_size: 0.2, stratify: true}
EOF
            ;;
        clientes)
            echo "preparing clientes ($ROWS rows, seed $SEED)..." >&2
            quiet "$tmp/init.log" dotnet "$cli" init "$project"
            cp "$src/params.yaml" "$project/params.yaml"
            (cd "$project" && quiet "$tmp/sample.log" dotnet "$cli" sample clientes --rows "$ROWS" --seed "$SEED" --date "$DATE")
            ;;
        *)
            echo "error: unknown dataset '$dataset' (telco, clientes)" >&2
            exit 2
            ;;
    esac
    (cd "$project" && quiet "$tmp/prepare.log" dotnet "$cli" prepare "$dataset" && quiet "$tmp/split.log" dotnet "$cli" split "$dataset")
    grep -E '^(prepared|split) ' "$tmp/prepare.log" "$tmp/split.log" | sed 's/^[^:]*://' >&2
    dotnet "$harness" schema "$project" "$dataset" >"$tmp/$dataset.schema.json"
    projects+=("$dataset")
done
[[ ${#projects[@]} -gt 0 ]] || { echo "error: no dataset to train on" >&2; exit 1; }

# record RUN DATASET SIDE COMMAND...: runs COMMAND under /usr/bin/time; appends its JSON line, with the run, the
# dataset, the process's wall time and peak RSS and the load average, to $out.
record() {
    local run=$1 dataset=$2 side=$3 load
    shift 3
    load=$(cut -d' ' -f1 /proc/loadavg)
    local rc=0
    /usr/bin/time -f '%e %M' -o "$tmp/time.txt" "$@" >"$tmp/line.json" 2>"$tmp/err.txt" || rc=$?
    [[ $rc == 0 ]] || { cat "$tmp/line.json" "$tmp/err.txt" "$tmp/time.txt" >&2; exit 1; }
    tail -1 "$tmp/time.txt" >"$tmp/time.last" && mv "$tmp/time.last" "$tmp/time.txt"
    read -r wall rss <"$tmp/time.txt"
    printf '{"run": %d, "dataset": "%s", "side_": "%s", "wall_s": %s, "rss_mb": %s, "load": %s, "result": %s}\n' \
        "$run" "$dataset" "$side" "$wall" "$((rss / 1024))" "$load" "$(tail -1 "$tmp/line.json")" >>"$out"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-}" >&2
started=$(date +%s)
for run in $(seq "$RUNS"); do
    for dataset in "${projects[@]}"; do
        i=0
        for algo in $ALGOS; do
            echo "run $run of $RUNS: $dataset $algo..." >&2
            scores=()
            [[ $run == "$RUNS" ]] && scores=("$tmp/$dataset.$algo.scores")
            side_cauce() { record "$run" "$dataset" cauce dotnet "$harness" run "$tmp/$dataset" "$dataset" "$algo" "$REPS" "${scores[@]}"; }
            side_python() { record "$run" "$dataset" python "$PYTHON" "$here/peer.py" run "$tmp/$dataset.schema.json" "$algo" --reps "$REPS" --threads "$THREADS"; }
            # Alternate which side goes first, so neither always runs on the warmer (or the busier) machine.
            if (((run + i) % 2 == 1)); then side_cauce && side_python; else side_python && side_cauce; fi
            i=$((i + 1))
        done
    done
done
echo "timed runs: $(($(date +%s) - started)) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

for dataset in "${projects[@]}"; do
    for algo in $ALGOS; do
        if [[ -f $tmp/$dataset.$algo.scores ]]; then
            printf '{"check": "auc", "dataset": "%s", "algo": "%s", "result": %s}\n' "$dataset" "$algo" \
                "$("$PYTHON" "$here/peer.py" auc "$tmp/$dataset.schema.json" "$tmp/$dataset.$algo.scores")" >>"$out"
        fi
        if [[ " $TWICE " == *" $dataset "* ]]; then
            record 0 "$dataset" twice dotnet "$harness" twice "$tmp/$dataset" "$dataset" "$algo"
            record 0 "$dataset" python-twice "$PYTHON" "$here/peer.py" twice "$tmp/$dataset.schema.json" "$algo" --threads "$THREADS"
        fi
    done
done

machine="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ { print $2 }') GB"
versions=".NET SDK $(dotnet --version); $("$PYTHON" "$here/peer.py" versions)"
commit="$(if [[ -n ${COMMIT:-} ]]; then echo "commit $(git rev-parse --short "$COMMIT")"; else echo "working tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' + local changes')"; fi), Cauce.Ml.dll md5 $(md5sum "$tmp/harness/Cauce.Ml.dll" | cut -c1-8)"
omp="OMP_WAIT_POLICY ${OMP_WAIT_POLICY:-unset (libgomp default: spin, then sleep)}"
runtime="$(if [[ ${R2R:-0} == 1 ]]; then echo "harness published ReadyToRun"; else echo "harness JIT-compiled, as the CLI is built"; fi)"
knobs=$(env | grep -E '^DOTNET_(Tiered|TC_|ReadyToRun|gc|GC)' | sort | tr '\n' ' ' || true)
runtime="$runtime${knobs:+, $knobs}"
"$PYTHON" "$here/report.py" "$out" --machine "$machine" --versions "$versions" --commit "$commit" \
    --rows "$ROWS" --runs "$RUNS" --threads "$THREADS" --date "$(date -u +%Y-%m-%d)" --omp "$omp" --runtime "${runtime% }"
[[ -n ${OUT:-} ]] || { echo; echo "raw JSON lines:"; cat "$out"; }
