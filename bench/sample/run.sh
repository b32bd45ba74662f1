#!/usr/bin/env bash
# Times `cauce sample` writing ROWS rows of each kind, next to `md5sum` reading back the same bytes.
# Reports the median wall time and the median peak RSS of RUNS runs, measured with /usr/bin/time -v.
#
#   bench/sample/run.sh                       # 1,000,000 rows of clientes and ventas, 3 runs each
#   ROWS=5000000 RUNS=5 KINDS=ventas bench/sample/run.sh
#
# Three lines per kind:
#   cauce        the Release build run directly (dotnet cauce.dll): the generator plus process start-up
#   dotnet run   the same command through `dotnet run -c Release --no-build --project src/Cauce.Cli`;
#                this adds the dotnet run host's own time and memory
#   md5sum       the peer: hashes the file just written. It reads the same bytes, mostly from the page
#                cache, so it sets a floor for "touching every byte once", not a competing generator.
# See README.md beside this script for the figures and what they mean.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
SEED=${SEED:-42}
KINDS=${KINDS:-"clientes ventas"}

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
require_gnu_time

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "building src/Cauce.Cli (Release)..." >&2
dotnet build src/Cauce.Cli -c Release -nologo -v quiet >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
dll=src/Cauce.Cli/bin/Release/net10.0/cauce.dll

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure LABEL PREPARE COMMAND...: runs PREPARE (untimed) then COMMAND under /usr/bin/time -v, RUNS times.
measure() {
    local label=$1 prepare=$2
    shift 2
    : >"$tmp/wall" && : >"$tmp/rss"
    for _ in $(seq "$RUNS"); do
        eval "$prepare"
        /usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>&1 || { cat "$tmp/out.txt" "$tmp/time.txt" >&2; exit 1; }
        awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/time.txt" >>"$tmp/wall"
        awk -F': ' '/Maximum resident set size/ { print $2 / 1024 }' "$tmp/time.txt" >>"$tmp/rss"
    done
    printf '| %-8s | %-10s | %9.2f | %8.0f |\n' "$kind" "$label" "$(median <"$tmp/wall")" "$(median <"$tmp/rss")"
}

files=()
echo "rows=$ROWS seed=$SEED runs=$RUNS (medians); $(nproc) CPUs; $(dotnet --version) SDK"
echo
echo "| kind     | tool       |    wall s |  peak MB |"
echo "|----------|------------|-----------|----------|"
for kind in $KINDS; do
    out="$tmp/$kind.csv"
    measure cauce "rm -f '$out'" dotnet "$dll" sample "$kind" --rows "$ROWS" --seed "$SEED" -o "$out"
    measure "dotnet run" "rm -f '$out'" dotnet run -c Release --no-build --project src/Cauce.Cli -- sample "$kind" --rows "$ROWS" --seed "$SEED" -o "$out"
    measure md5sum ":" md5sum "$out"
    files+=("$kind: $(stat -c %s "$out") bytes, md5 $(md5sum "$out" | cut -d' ' -f1)")
done
echo
printf '%s\n' "${files[@]}"
