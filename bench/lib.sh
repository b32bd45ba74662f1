# Helpers the bench/*/run.sh scripts share; each sources it: . "$(dirname "$0")/../lib.sh"

# quiet LOG COMMAND...: runs COMMAND, its output to LOG; prints LOG and stops the script if it fails.
quiet() {
    local log=$1
    shift
    "$@" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
}

# require_gnu_time: peak memory comes from GNU time; stop with how to install it when it is missing.
require_gnu_time() {
    if [[ ! -x /usr/bin/time ]]; then
        echo "error: /usr/bin/time (GNU time) is needed for peak memory; on Debian: apt-get install time" >&2
        exit 2
    fi
}

# latest_model ALGO: the newest version of ALGO's clientes model in the project (run in its root).
latest_model() { ls models/ | grep -E "^$1_clientes_v[0-9]+\.json$" | sed 's/\.json$//' | sort -t v -k2 -n | tail -1; }
