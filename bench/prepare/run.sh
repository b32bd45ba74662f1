#!/usr/bin/env bash
# Times `cauce prepare clientes` + `cauce split clientes` on a ROWS-row `cauce sample clientes` file, next to the
# pandas peer (peer.py: read_csv, the same cleaning, train_test_split) on the same raw file, in one run.
# Reports the median wall time and the median peak RSS of RUNS runs, measured with /usr/bin/time -v, the ratio
# pandas / cauce, and each step's median time. The runs rotate the order of the tools.
#
#   bench/prepare/run.sh                      # 1,000,000 rows, 3 runs
#   ROWS=200000 RUNS=5 TUNED=0 bench/prepare/run.sh
#   NO_BUILD=1 bench/prepare/run.sh           # time the Release build already in src/Cauce.Cli/bin
#   COMMIT=HEAD bench/prepare/run.sh          # build that commit (git archive into a temporary folder), not the
#                                             # working tree; params.yaml still comes from the working tree
#
# Lines:
#   cauce           the Release build run directly (dotnet cauce.dll) in a temporary project made by `cauce init`
#                   with this repository's params.yaml: `prepare clientes`, then `split clientes`. Wall is the sum
#                   of the two processes, peak RSS the larger of the two; both include .NET start-up.
#   pandas          /usr/bin/python3 peer.py run: the same work as a pandas user would write it (idiomatic
#                   `.str.strip()` on every text column). Wall includes the interpreter and the imports.
#   pandas (tuned)  the same with text columns of few distinct values stripped once per distinct value (TUNED=0
#                   leaves this line out).
# After the timed runs, `peer.py verify` checks (untimed) that both pipelines give the same row counts for
# interim, processed, train and test; the same interim and processed content, line for line (pandas' True and
# 5309.0 read as Cauce's true and 5309); the same duplicates, imputed values and class balance. Exit 1 if not.
# See README.md beside this script for the figures and what they mean.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
SEED=${SEED:-42}
DATE=${DATE:-20250930}
TUNED=${TUNED:-1}
PYTHON=${PYTHON:-/usr/bin/python3}

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
require_gnu_time
if ! "$PYTHON" -c 'import pandas, sklearn, yaml' 2>/dev/null; then
    echo "error: $PYTHON needs pandas, scikit-learn and PyYAML; on Debian: apt-get install python3-pandas python3-sklearn python3-yaml" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

src=$root
built="working tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' + local changes')"
if [[ -n ${COMMIT:-} ]]; then
    # Build a committed state instead of the working tree (which others may be editing): `git archive`, read-only.
    commit=$(git rev-parse --short "$COMMIT")
    echo "building $COMMIT ($commit) from a snapshot..." >&2
    src=$tmp/src && mkdir "$src"
    git archive "$commit" | tar -x -C "$src"
    built="commit $commit"
fi
if [[ ${NO_BUILD:-0} != 1 ]]; then
    echo "building src/Cauce.Cli (Release)..." >&2
    (cd "$src" && dotnet build src/Cauce.Cli -c Release -nologo -v quiet) >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
fi
# Run a private copy of the build: src/ is shared, and a rebuild there must not swap the binaries mid-run.
cp -r "$src/src/Cauce.Cli/bin/Release/net10.0" "$tmp/cli"
dll=$tmp/cli/cauce.dll
peer=$root/bench/prepare/peer.py

project=$tmp/project
dotnet "$dll" init "$project" >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; exit 1; }
cp params.yaml "$project/params.yaml"
echo "writing $ROWS rows of clientes (seed $SEED)..." >&2
(cd "$project" && dotnet "$dll" sample clientes --rows "$ROWS" --seed "$SEED" --date "$DATE" >"$tmp/sample.log" 2>&1) || { cat "$tmp/sample.log" >&2; exit 1; }
raw=$project/data/raw/clientes_raw_${DATE}.csv

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "nan" }'; }
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ { print $2 / 1024 }' "$1"; }

# timed FILE_PREFIX COMMAND...: runs COMMAND under /usr/bin/time -v; appends wall and RSS to FILE_PREFIX.wall/.rss.
timed() {
    local prefix=$1
    shift
    /usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>&1 || { cat "$tmp/out.txt" "$tmp/time.txt" >&2; exit 1; }
    wall_of "$tmp/time.txt" >>"$prefix.wall"
    rss_of "$tmp/time.txt" >>"$prefix.rss"
}

run_cauce() {
    rm -f "$project"/data/interim/*.csv "$project"/data/processed/*.csv
    (cd "$project" && timed "$tmp/prepare" dotnet "$dll" prepare clientes)
    cp "$tmp/out.txt" "$tmp/prepare.out"
    (cd "$project" && timed "$tmp/split" dotnet "$dll" split clientes)
    cp "$tmp/out.txt" "$tmp/split.out"
    local p s
    p=$(tail -1 "$tmp/prepare.wall") && s=$(tail -1 "$tmp/split.wall")
    awk -v a="$p" -v b="$s" 'BEGIN { print a + b }' >>"$tmp/cauce.wall"
    p=$(tail -1 "$tmp/prepare.rss") && s=$(tail -1 "$tmp/split.rss")
    awk -v a="$p" -v b="$s" 'BEGIN { print (a > b ? a : b) }' >>"$tmp/cauce.rss"
}

# run_peer NAME [FLAGS...]: the pandas peer into its own output folder; keeps its step times.
run_peer() {
    local name=$1
    shift
    rm -rf "${tmp:?}/$name.d"
    timed "$tmp/$name" "$PYTHON" "$peer" run "$raw" "$tmp/$name.d" --params "$project/params.yaml" "$@"
    awk -v dir="$tmp" -v name="$name" '$1 == "step" { print $3 >>(dir "/" name "." $2) }' "$tmp/out.txt"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
tools=(cauce pandas)
[[ $TUNED == 1 ]] && tools+=(tuned)
for run in $(seq "$RUNS"); do
    echo "run $run of $RUNS..." >&2
    # Rotate the order, so no tool always runs first (or always after the other's writes).
    n=${#tools[@]}
    for k in $(seq 0 $((n - 1))); do
        case ${tools[$(((k + run - 1) % n))]} in
            cauce) run_cauce ;;
            pandas) run_peer pandas ;;
            tuned) run_peer tuned --tuned ;;
        esac
    done
done

m() { if [[ -s $1 ]]; then median <"$1"; else echo nan; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "-" }'; }
sum_steps() { # sum_steps NAME STEP...: the median of each step, summed
    local name=$1 total=0 v
    shift
    for s in "$@"; do
        v=$(m "$tmp/$name.$s")
        [[ $v == nan ]] && v=0
        total=$(awk -v a="$total" -v b="$v" 'BEGIN { print a + b }')
    done
    echo "$total"
}

cw=$(m "$tmp/cauce.wall")
cr=$(m "$tmp/cauce.rss")
echo
echo "cauce: $built"
echo "clientes, $ROWS rows (raw file $(stat -c %s "$raw") bytes), seed $SEED, medians of $RUNS runs;" \
    "$(nproc) CPUs; .NET SDK $(dotnet --version); $("$PYTHON" -c 'import sys, pandas, sklearn, numpy; print(f"Python {sys.version.split()[0]}, pandas {pandas.__version__}, scikit-learn {sklearn.__version__}, numpy {numpy.__version__}")'); $(date -u +%Y-%m-%d)"
echo
echo "| tool | wall s | peak RSS MB | wall pandas / cauce | RSS pandas / cauce |"
echo "|---|---:|---:|---:|---:|"
printf '| cauce prepare + split | %.2f | %.0f | | |\n' "$cw" "$cr"
for name in pandas tuned; do
    [[ -s $tmp/$name.wall ]] || continue
    label=$name && [[ $name == tuned ]] && label="pandas (tuned)"
    w=$(m "$tmp/$name.wall") && r=$(m "$tmp/$name.rss")
    printf '| %s | %.2f | %.0f | %s | %s |\n' "$label" "$w" "$r" "$(ratio "$w" "$cw")" "$(ratio "$r" "$cr")"
done

echo
echo "Steps (median seconds of each step; cauce's are whole processes, start-up included):"
echo
header="| step | cauce |"
rule="|---|---:|"
for name in pandas tuned; do
    [[ -s $tmp/$name.wall ]] || continue
    label=$name && [[ $name == tuned ]] && label="pandas (tuned)"
    header+=" $label |"
    rule+="---:|"
done
echo "$header"
echo "$rule"
row() { # row LABEL CAUCE_VALUE PEER_STEPS...
    local label=$1 c=$2 line
    shift 2
    line="| $label | $c |"
    for name in pandas tuned; do
        [[ -s $tmp/$name.wall ]] || continue
        line+=" $(printf '%.2f' "$(sum_steps "$name" "$@")") |"
    done
    echo "$line"
}
row "imports (numpy, pandas, sklearn, yaml)" "" import
row "read raw (read_csv)" "" read
row "clean (strip, missing, sentinels, labels, booleans, numbers, duplicates)" "" clean
row "write interim" "" write_interim
row "impute + derive" "" process
row "write processed" "" write_processed
row "split (train_test_split)" "" split
row "write train + test" "" write_split
row "**prepare**: raw → interim → processed" "$(printf '%.2f' "$(m "$tmp/prepare.wall")")" import read clean write_interim process write_processed
row "**split**: train + test" "$(printf '%.2f' "$(m "$tmp/split.wall")")" split write_split
echo
printf 'cauce peak RSS: prepare %.0f MB, split %.0f MB\n' "$(m "$tmp/prepare.rss")" "$(m "$tmp/split.rss")"
echo
grep -E '^prepared ' "$tmp/prepare.out" || true
grep -E '^split ' "$tmp/split.out" || true
echo
echo "Every run (wall s / peak RSS MB), in order:"
for name in cauce prepare split pandas tuned; do
    [[ -s $tmp/$name.wall ]] || continue
    echo "  $name: $(paste -d/ "$tmp/$name.wall" "$tmp/$name.rss" | awk -F/ '{ printf "%s%.2f/%.0f", (NR > 1 ? ", " : ""), $1, $2 }')"
done
echo "Load average: $load_before before the runs, $(cut -d' ' -f1-3 /proc/loadavg) after."

echo
status=0
for name in pandas tuned; do
    [[ -d $tmp/$name.d ]] || continue
    echo "check ($name against cauce, last run):"
    "$PYTHON" "$peer" verify "$tmp/$name.d" "$project" --params "$project/params.yaml" || status=1
done
exit $status
