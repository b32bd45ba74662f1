#!/usr/bin/env bash
# Times `cauce predict` on CSV files of 10,000, 100,000 and 1,000,000 rows with the models `cauce train` makes (rf,
# lgbm, lr, xgb; 100 trees or rounds), next to scikit-learn and XGBoost (/usr/bin/python3) scoring the same files
# with the same kind of model, in one run: wall time, rows/s and peak RSS, medians of RUNS runs, as ratios
# cauce / python. Memory is flat when cauce's peak RSS stays put as the file grows ×10 and ×100.
#
#   bench/predict/run.sh                             # 10k, 100k and 1M rows, rf lgbm lr xgb, 3 runs
#   SIZES="1000000" ALGOS="lr xgb" RUNS=5 bench/predict/run.sh
#   COMMIT=HEAD bench/predict/run.sh                 # build that commit (git archive into a temporary folder), not
#                                                    # the working tree, which others may be editing
#   CLI=/path/to/cauce.dll HARNESS=/path/to/cauce-predict-bench.dll bench/predict/run.sh   # those builds; no build
#   PROJECT=/path/to/project bench/predict/run.sh    # score with that project's models (a clientes project made by
#                                                    # an earlier run, KEEP=1); no sampling, no training; the
#                                                    # Python models are kept in it (bench-python/) and reused
#   KEEP=1 bench/predict/run.sh                      # keep the temporary folder (project, builds, outputs)
#   RUNS=0 PROJECT=... bench/predict/run.sh          # the profile (step 6) alone
#
# What runs:
#   1. `dotnet build src/Cauce.Cli -c Release` (or COMMIT's snapshot); the output is copied to a temporary folder
#      and run from there (`dotnet cauce.dll`), so a rebuild of src/ by someone else cannot swap it mid-run.
#   2. A project made with it as bench/train makes its 1M-row one: `init`, this repository's params.yaml,
#      `sample clientes --rows SAMPLE_ROWS --seed 42 --date 20250930`, `prepare clientes`, `split clientes`, then
#      `train clientes --algo rf,lgbm,lr,xgb` (100 trees or rounds, the defaults). SAMPLE_ROWS (1,015,000) is a
#      little more than the largest size, since prepare drops about 1 % of the rows as duplicates.
#   3. The files to score: the header and the first N rows of the processed file (the columns the models read, and
#      the target), for each N in SIZES; and for each N in CAUCE_ONLY_SIZES (5,000,000), the processed rows repeated
#      to N, scored by cauce alone, to see its memory past the largest size Python reads whole.
#   4. peer.py fit (untimed): the Python models, fitted on the same train split and saved with joblib; for rf also
#      rf64, a scikit-learn forest with trees the size of Cauce's (64 leaves), timed on the largest file only.
#   5. RUNS times, for each model and size, one fresh process per side (which side goes first alternates):
#        cauce   `cauce predict --model ALGO_clientes_vK --input FILE --output OUT`, run in the project, under
#                /usr/bin/time: wall (start-up, model load, read, score, write) and peak RSS; and the seconds
#                the command prints (its read + score + write loop, without start-up and the model load).
#        python  `peer.py predict MODEL FILE OUT`: joblib.load, read_csv, transform + predict_proba, to_csv, under
#                /usr/bin/time: wall (interpreter start-up and imports included) and peak RSS; and each step's
#                own time.
#        cauce_pgo_off  (PGO_OFF=1) cauce again with DOTNET_TieredPGO=0: the JIT's profile-guided tier off, which
#                makes the hot loop reach optimised code sooner (see README.md).
#      Both sides get THREADS threads: DOTNET_PROCESSOR_COUNT and OMP_NUM_THREADS are set to it.
#   6. With PROFILE=1 (the default), harness/ (cauce-predict-bench) takes `cauce predict`'s loop apart on the
#      largest file, one process per model, each phase twice (cold, then warm): reading the CSV, parsing and
#      checking the values into batches, scoring (on one engine, and on one engine per core), writing, ML.NET's
#      IDataView path for comparison, and within it the featuriser alone and the learner alone.
#   7. An untimed check of the last run's outputs: the same rows, header and targets on both sides, and how often
#      the two models predict the same label.
#   8. report.py prints the tables (markdown) from the JSON lines, which are also kept in OUT (default: a
#      temporary file, printed at the end).
# See README.md beside this script for the figures and what they mean.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

SIZES=${SIZES:-"10000 100000 1000000"}
CAUCE_ONLY_SIZES=${CAUCE_ONLY_SIZES:-5000000}
PGO_OFF=${PGO_OFF:-1}
ALGOS=${ALGOS:-"rf lgbm lr xgb"}
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
SEED=${SEED:-42}
DATE=${DATE:-20250930}
SAMPLE_ROWS=${SAMPLE_ROWS:-1015000}
RF64=${RF64:-1}
PROFILE=${PROFILE:-1}
PYTHON=${PYTHON:-/usr/bin/python3}

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
here=$root/bench/predict

require_gnu_time
if ! "$PYTHON" -c 'import pandas, sklearn, numpy, joblib' 2>/dev/null; then
    echo "error: $PYTHON needs pandas, scikit-learn, numpy and joblib; on Debian: apt-get install python3-pandas python3-sklearn" >&2
    exit 2
fi
if [[ " $ALGOS " == *" xgb "* ]] && ! "$PYTHON" -c 'import xgboost' 2>/dev/null; then
    echo "error: $PYTHON cannot import xgboost; on Debian: apt-get install python3-xgboost (it brings libxgboost0, which Cauce's xgb needs too)" >&2
    exit 2
fi

tmp=$(mktemp -d)
if [[ ${KEEP:-0} == 1 ]]; then echo "keeping $tmp" >&2; else trap 'rm -rf "$tmp"' EXIT; fi
out=${OUT:-$tmp/results.jsonl}
: >"$out"
export DOTNET_PROCESSOR_COUNT=$THREADS OMP_NUM_THREADS=$THREADS DOTNET_CLI_TELEMETRY_OPTOUT=1

src=$root
if [[ -n ${COMMIT:-} ]]; then
    echo "taking a snapshot of $COMMIT ($(git rev-parse --short "$COMMIT"))..." >&2
    src=$tmp/src && mkdir -p "$src/bench/predict"
    git archive "$COMMIT" | tar -x -C "$src"
    rm -rf "$src/bench/predict/harness" && cp -r "$here/harness" "$src/bench/predict/harness" && rm -rf "$src/bench/predict/harness/bin" "$src/bench/predict/harness/obj"
    built="commit $(git rev-parse --short "$COMMIT")"
else
    built="working tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' + local changes')"
fi
if [[ -n ${CLI:-} ]]; then
    cli=$CLI
    built=${LABEL:-$CLI} # LABEL: what the build is, for the report (a commit)
else
    echo "building src/Cauce.Cli (Release, $built)..." >&2
    (cd "$src" && quiet "$tmp/build.log" dotnet build src/Cauce.Cli -c Release -nologo -v quiet)
    cp -r "$src/src/Cauce.Cli/bin/Release/net10.0" "$tmp/cli"
    cli=$tmp/cli/cauce.dll
fi
if [[ $PROFILE == 1 && -n ${HARNESS:-} ]]; then
    harness=$HARNESS
elif [[ $PROFILE == 1 ]]; then
    echo "building bench/predict/harness (Release)..." >&2
    (cd "$src" && quiet "$tmp/build.log" dotnet build bench/predict/harness -c Release -nologo -v quiet)
    cp -r "$src/bench/predict/harness/bin/Release/net10.0" "$tmp/harness"
    harness=$tmp/harness/cauce-predict-bench.dll
fi

project=${PROJECT:-$tmp/clientes}
if [[ -z ${PROJECT:-} ]]; then
    echo "making the project: $SAMPLE_ROWS rows of clientes (seed $SEED), prepare, split, train $ALGOS..." >&2
    quiet "$tmp/init.log" dotnet "$cli" init "$project"
    cp "$root/params.yaml" "$project/params.yaml"
    cd "$project"
    quiet "$tmp/sample.log" dotnet "$cli" sample clientes --rows "$SAMPLE_ROWS" --seed "$SEED" --date "$DATE"
    quiet "$tmp/prepare.log" dotnet "$cli" prepare clientes
    quiet "$tmp/split.log" dotnet "$cli" split clientes
    quiet "$tmp/train.log" dotnet "$cli" train clientes --algo "$(echo $ALGOS | tr ' ' ',')"
    grep -E '^(prepared|split) ' "$tmp/prepare.log" "$tmp/split.log" | sed 's/^[^:]*://' >&2
fi
cd "$project"
processed=data/processed/clientes_processed_$DATE.csv
available=$(($(wc -l <"$processed") - 1))
for n in $SIZES; do
    if ((n > available)); then
        echo "error: $processed has $available rows, fewer than $n; raise SAMPLE_ROWS" >&2
        exit 1
    fi
    head -n $((n + 1)) "$processed" >"$tmp/in_$n.csv"
done
for n in $CAUCE_ONLY_SIZES; do # the processed rows over and over, to N
    # shellcheck disable=SC2046
    awk -v n="$n" 'FNR == 1 { if (NR == 1) print; next } ++rows > n { exit } { print }' $(yes "$processed" | head -n $(((n + available - 1) / available))) >"$tmp/in_$n.csv"
done

pymodels=$project/bench-python # kept with the project, so that PROJECT=... reuses them
mkdir -p "$pymodels"
pyalgos=$ALGOS
[[ $RF64 == 1 && " $ALGOS " == *" rf "* ]] && pyalgos="$ALGOS rf64"
for algo in $pyalgos; do
    card=models/$(latest_model "${algo%64}").json
    if [[ ! -f $pymodels/$algo.joblib || $pymodels/$algo.joblib -ot $card ]]; then
        echo "fitting the Python $algo on the train split..." >&2
        "$PYTHON" "$here/peer.py" fit "$card" "$project" "$algo" "$pymodels/$algo.joblib" --threads "$THREADS" >"$pymodels/$algo.json" 2>"$tmp/fit.err" || { cat "$tmp/fit.err" >&2; exit 1; }
    fi
    printf '{"fit": "%s", "result": %s}\n' "$algo" "$(cat "$pymodels/$algo.json")" >>"$out"
done

# record RUN ALGO SIZE SIDE COMMAND...: runs COMMAND under /usr/bin/time; appends a JSON line with the process's wall
# time and peak RSS, the load average before, and what the command printed (python: its JSON line; cauce: the
# seconds of its "predicted N rows ... in S s" line), to $out.
record() {
    local run=$1 algo=$2 size=$3 side=$4 load result rc=0
    shift 4
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %M' -o "$tmp/time.txt" "$@" >"$tmp/stdout.txt" 2>"$tmp/stderr.txt" || rc=$?
    [[ $rc == 0 ]] || { cat "$tmp/stdout.txt" "$tmp/stderr.txt" "$tmp/time.txt" >&2; exit 1; }
    read -r wall rss < <(tail -1 "$tmp/time.txt")
    if [[ $side == cauce* ]]; then
        local line rows seconds
        line=$(grep -m1 '^predicted ' "$tmp/stdout.txt" || true)
        rows=$(awk '{ gsub(",", "", $2); print $2 }' <<<"$line")
        seconds=$(sed -nE 's/.* in ([0-9.]+) s .*/\1/p' <<<"$line")
        [[ -n $rows && -n $seconds ]] || { echo "error: no 'predicted N rows ... in S s' line from cauce:" >&2; cat "$tmp/stdout.txt" >&2; exit 1; }
        result="{\"rows\": $rows, \"file_s\": $seconds}"
    else
        result=$(tail -1 "$tmp/stdout.txt")
    fi
    printf '{"run": %d, "algo": "%s", "size": %d, "side": "%s", "wall_s": %s, "rss_mb": %s, "load": %s, "result": %s}\n' \
        "$run" "$algo" "$size" "$side" "$wall" "$((rss / 1024))" "$load" "$result" >>"$out"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
started=$(date +%s)
for run in $(seq "$RUNS"); do
    i=0
    for algo in $ALGOS; do
        name=$(latest_model "$algo")
        for n in $SIZES; do
            echo "run $run of $RUNS: $algo, $n rows..." >&2
            side_cauce() { record "$run" "$algo" "$n" cauce dotnet "$cli" predict --model "$name" --input "$tmp/in_$n.csv" --output "$tmp/cauce_${algo}_$n.csv"; }
            side_python() { record "$run" "$algo" "$n" python "$PYTHON" "$here/peer.py" predict "$pymodels/$algo.joblib" "$tmp/in_$n.csv" "$tmp/python_${algo}_$n.csv"; }
            # Alternate which side goes first, so neither always runs on the warmer (or the busier) machine.
            if (((run + i) % 2 == 1)); then side_cauce && side_python; else side_python && side_cauce; fi
            i=$((i + 1))
            if [[ $PGO_OFF == 1 ]]; then
                DOTNET_TieredPGO=0 record "$run" "$algo" "$n" cauce_pgo_off dotnet "$cli" predict --model "$name" --input "$tmp/in_$n.csv" --output "$tmp/cauce_${algo}_$n.csv"
            fi
        done
        for n in $CAUCE_ONLY_SIZES; do
            echo "run $run of $RUNS: $algo, $n rows (cauce only)..." >&2
            record "$run" "$algo" "$n" cauce dotnet "$cli" predict --model "$name" --input "$tmp/in_$n.csv" --output "$tmp/cauce_${algo}_$n.csv"
            rm -f "$tmp/cauce_${algo}_$n.csv"
        done
        if [[ $algo == rf && $pyalgos == *rf64* ]]; then
            n=$(echo $SIZES | tr ' ' '\n' | sort -n | tail -1)
            echo "run $run of $RUNS: rf64 (python), $n rows..." >&2
            record "$run" rf64 "$n" python "$PYTHON" "$here/peer.py" predict "$pymodels/rf64.joblib" "$tmp/in_$n.csv" "$tmp/python_rf64_$n.csv"
        fi
    done
done
echo "timed runs: $(($(date +%s) - started)) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

if [[ $PROFILE == 1 ]]; then
    n=$(echo $SIZES | tr ' ' '\n' | sort -n | tail -1)
    for algo in $ALGOS; do
        echo "profile: $algo, $n rows..." >&2
        load=$(cut -d' ' -f1 /proc/loadavg)
        dotnet "$harness" "$project" "$(latest_model "$algo")" "$tmp/in_$n.csv" 2 >"$tmp/profile.json" 2>"$tmp/profile.err" || { cat "$tmp/profile.err" >&2; exit 1; }
        printf '{"profile": "%s", "size": %d, "load": %s, "result": %s}\n' "$algo" "$n" "$load" "$(cat "$tmp/profile.json")" >>"$out"
    done
fi

for algo in $ALGOS; do
    for n in $SIZES; do
        [[ -f $tmp/cauce_${algo}_$n.csv && -f $tmp/python_${algo}_$n.csv ]] || continue # RUNS=0: the profile alone
        "$PYTHON" - "$tmp/cauce_${algo}_$n.csv" "$tmp/python_${algo}_$n.csv" "$algo" "$n" >>"$out" <<'EOF'
import json, sys
import pandas as pd
cauce, python = (pd.read_csv(p, dtype=str) for p in sys.argv[1:3])
same = list(cauce.columns) == list(python.columns) and len(cauce) == len(python) and (cauce.iloc[:, :2] == python.iloc[:, :2]).all().all()
agree = float((cauce["prediction"] == python["prediction"]).mean())
print(json.dumps({"check": "outputs", "algo": sys.argv[3], "size": int(sys.argv[4]), "same_rows": bool(same), "columns": list(cauce.columns), "label_agreement": agree}))
EOF
    done
done

machine="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ { print $2 }') GB"
versions=".NET SDK $(dotnet --version); $("$PYTHON" "$here/peer.py" versions)"
"$PYTHON" "$here/report.py" "$out" --machine "$machine" --versions "$versions" --commit "$built" \
    --runs "$RUNS" --threads "$THREADS" --date "$(date -u +%Y-%m-%d)"
[[ -n ${OUT:-} ]] || { echo; echo "raw JSON lines:"; cat "$out"; }
