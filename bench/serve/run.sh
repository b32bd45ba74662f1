#!/usr/bin/env bash
# Load test of `cauce serve`: wrk (Debian's package) POSTs JSON records to /predict for DURATION, RUNS times per
# model and body size, and this prints the requests, p50 and p99 latency, requests/s and errors (non-200 responses
# and socket errors, which must be zero), medians of the runs.
#
#   bench/serve/run.sh                              # lr and rf, bodies of 1 and 100 records, 3 runs of 15 s
#   MODELS=lr BODIES=1 RUNS=1 DURATION=5s bench/serve/run.sh
#   COMMIT=HEAD bench/serve/run.sh                  # build that commit (git archive into a temporary folder)
#   CLI=/path/to/cauce.dll bench/serve/run.sh       # serve with that build; no build
#   PROJECT=/path/to/project bench/serve/run.sh     # serve that clientes project's models; no sampling, no training
#
# What runs:
#   1. `dotnet build src/Cauce.Cli -c Release` (or COMMIT's snapshot), copied to a temporary folder and run from
#      there (`dotnet cauce.dll`).
#   2. A small project: `init`, this repository's params.yaml, `sample clientes --rows ROWS --seed 42`, `prepare`,
#      `split`, `train clientes --algo <MODELS>` (100 trees or rounds). The row count changes the models' training
#      data, not their size: rf is 100 trees of at most 64 leaves whatever the rows.
#   3. bodies.py: the first 1 and 100 rows of the processed file as JSON records (numbers, booleans, strings).
#   4. For each model: `cauce serve --model <newest version> --urls http://127.0.0.1:PORT`, started in the
#      background, waited for on GET /health; one POST checked by hand (status 200, as many predictions as
#      records); then, for each body size, a WARMUP run of wrk (not counted: the JIT compiles the path) and RUNS
#      runs of `wrk -t WRK_THREADS -c CONNECTIONS -d DURATION --latency -s post.lua`, whose done() prints the
#      exact percentiles, requests, socket errors and non-200 responses. The server's peak RSS (VmHWM) and the
#      errors it logged are read before it is stopped with SIGTERM.
#   wrk and the server share the machine's CPUs (DOTNET_PROCESSOR_COUNT=THREADS for the server); the latency is
#   measured by wrk, so it includes wrk's own share of the CPUs on a small machine.
# See README.md beside this script for the figures and what they mean.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

MODELS=${MODELS:-"lr rf"}
BODIES=${BODIES:-"1 100"}
RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
WRK_THREADS=${WRK_THREADS:-2}
CONNECTIONS=${CONNECTIONS:-4}
THREADS=${THREADS:-2}
ROWS=${ROWS:-50000}
PORT=${PORT:-18080}
SEED=${SEED:-42}
DATE=${DATE:-20250930}
PYTHON=${PYTHON:-/usr/bin/python3}

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
here=$root/bench/serve

if ! command -v wrk >/dev/null; then
    echo "error: wrk is needed; on Debian: apt-get install wrk" >&2
    exit 2
fi
if ! command -v curl >/dev/null; then
    echo "error: curl is needed; on Debian: apt-get install curl" >&2
    exit 2
fi
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "error: something already listens on port $PORT; choose another with PORT=..." >&2
    exit 2
fi

tmp=$(mktemp -d)
server=
stop_server() {
    if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server"
        wait "$server" || true
    fi
    server=
}
trap 'stop_server; rm -rf "$tmp"' EXIT
out=${OUT:-$tmp/results.jsonl}
: >"$out"
export DOTNET_PROCESSOR_COUNT=$THREADS OMP_NUM_THREADS=$THREADS DOTNET_CLI_TELEMETRY_OPTOUT=1

if [[ -n ${CLI:-} ]]; then
    cli=$CLI
    built=${LABEL:-$CLI} # LABEL: what the build is, for the report (a commit)
else
    src=$root
    built="working tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' + local changes')"
    if [[ -n ${COMMIT:-} ]]; then
        src=$tmp/src && mkdir -p "$src"
        git archive "$COMMIT" | tar -x -C "$src"
        built="commit $(git rev-parse --short "$COMMIT")"
    fi
    echo "building src/Cauce.Cli (Release, $built)..." >&2
    (cd "$src" && quiet "$tmp/build.log" dotnet build src/Cauce.Cli -c Release -nologo -v quiet)
    cp -r "$src/src/Cauce.Cli/bin/Release/net10.0" "$tmp/cli"
    cli=$tmp/cli/cauce.dll
fi

project=${PROJECT:-$tmp/clientes}
if [[ -z ${PROJECT:-} ]]; then
    echo "making the project: $ROWS rows of clientes, train $MODELS..." >&2
    quiet "$tmp/init.log" dotnet "$cli" init "$project"
    cp "$root/params.yaml" "$project/params.yaml"
    cd "$project"
    quiet "$tmp/sample.log" dotnet "$cli" sample clientes --rows "$ROWS" --seed "$SEED" --date "$DATE"
    quiet "$tmp/prepare.log" dotnet "$cli" prepare clientes
    quiet "$tmp/split.log" dotnet "$cli" split clientes
    quiet "$tmp/train.log" dotnet "$cli" train clientes --algo "$(echo $MODELS | tr ' ' ',')"
fi
cd "$project"

url=http://127.0.0.1:$PORT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for algo in $MODELS; do
    name=$(latest_model "$algo")
    [[ -n $name ]] || { echo "error: no $algo model in $project/models" >&2; exit 1; }
    # shellcheck disable=SC2086
    "$PYTHON" "$here/bodies.py" "models/$name.json" "data/processed/clientes_processed_$DATE.csv" "$tmp/body" $BODIES

    echo "serving $name at $url..." >&2
    started=$(date +%s.%N)
    dotnet "$cli" serve --model "$name" --urls "$url" >"$tmp/serve.log" 2>&1 &
    server=$!
    until curl -sf -o /dev/null "$url/health"; do
        kill -0 "$server" 2>/dev/null || { echo "error: cauce serve stopped:" >&2; cat "$tmp/serve.log" >&2; exit 1; }
        if (($(date +%s) - ${started%.*} > 120)); then echo "error: no /health after 120 s" >&2; exit 1; fi
        sleep 0.2
    done
    ready=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    first=$(curl -s -o "$tmp/first.json" -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' --data-binary "@$tmp/body-1.json" "$url/predict")
    [[ ${first%% *} == 200 ]] || { echo "error: POST /predict answered ${first%% *}:" >&2; cat "$tmp/first.json" >&2; exit 1; }
    printf '{"model": "%s", "ready_s": %s, "first_request_s": %s}\n' "$name" "$ready" "${first#* }" >>"$out"

    for n in $BODIES; do
        answered=$("$PYTHON" -c 'import json, sys; print(len(json.load(sys.stdin)["predictions"]))' \
            < <(curl -sf -H 'Content-Type: application/json' --data-binary "@$tmp/body-$n.json" "$url/predict"))
        [[ $answered == "$n" ]] || { echo "error: $n records got $answered predictions" >&2; exit 1; }
        echo "$name, $n-record bodies: warm-up ($WARMUP), then $RUNS runs of $DURATION..." >&2
        wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s "$here/post.lua" "$url/predict" -- "$tmp/body-$n.json" >"$tmp/wrk.txt"
        for run in $(seq "$RUNS"); do
            load=$(cut -d' ' -f1 /proc/loadavg)
            errors_before=$(grep -c '^error:' "$tmp/serve.log" || true)
            wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency -s "$here/post.lua" "$url/predict" -- "$tmp/body-$n.json" >"$tmp/wrk.txt"
            line=$(grep '^bench: ' "$tmp/wrk.txt" | sed 's/^bench: //; s/\([a-z0-9_]*\)=\([0-9.]*\)/"\1": \2,/g; s/,$//')
            logged=$(($(grep -c '^error:' "$tmp/serve.log" || true) - errors_before))
            printf '{"model": "%s", "records": %d, "run": %d, "load": %s, "server_errors_logged": %d, %s}\n' "$name" "$n" "$run" "$load" "$logged" "$line" >>"$out"
            tail -1 "$out" >&2
        done
    done
    rss=$(awk '/VmHWM/ { print $2 }' "/proc/$server/status") # `dotnet cauce.dll` runs the app in its own process
    printf '{"model": "%s", "server_peak_rss_mb": %d}\n' "$name" "$((rss / 1024))" >>"$out"
    stop_server
    grep '^error:' "$tmp/serve.log" >&2 || true
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

machine="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ { print $2 }') GB"
"$PYTHON" "$here/report.py" "$out" --machine "$machine" --versions ".NET SDK $(dotnet --version); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)" \
    --commit "$built" --date "$(date -u +%Y-%m-%d)" --wrk "-t $WRK_THREADS -c $CONNECTIONS -d $DURATION (after a $WARMUP warm-up)" --rows "$ROWS"
[[ -n ${OUT:-} ]] || { echo; echo "raw JSON lines:"; cat "$out"; }
