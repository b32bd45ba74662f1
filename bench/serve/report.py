#!/usr/bin/python3
"""Prints bench/serve/run.sh's table (markdown) from its JSON lines.

  report.py RESULTS.jsonl [--machine M] [--versions V] [--commit C] [--date D] [--wrk W] [--rows N]

Per model and body size: requests summed over the runs (and the fewest in one run), the median over the runs of
p50, p99 and requests/s, and every error summed: non-200 responses, socket errors (connect, read, write, timeout)
and errors the server logged.
"""

import argparse
import json
import statistics
from collections import defaultdict


def ms(us):
    return f"{us / 1000:.2f} ms" if us < 10_000 else f"{us / 1000:.1f} ms"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    for name in ["machine", "versions", "commit", "date", "wrk", "rows"]:
        parser.add_argument(f"--{name}", default="")
    args = parser.parse_args()

    runs, starts, rss, loads = defaultdict(list), {}, {}, []
    with open(args.results, encoding="utf-8") as f:
        for text in f:
            line = json.loads(text)
            if "requests" in line:
                runs[(line["model"], line["records"])].append(line)
                loads.append(line["load"])
            elif "ready_s" in line:
                starts[line["model"]] = line
            elif "server_peak_rss_mb" in line:
                rss[line["model"]] = line["server_peak_rss_mb"]

    print(f"| model | records a request | runs | requests (fewest in a run) | p50 | p99 | requests/s | rows/s | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    total_errors = 0
    for (model, records), lines in runs.items():
        requests = sum(x["requests"] for x in lines)
        errors = sum(x["not200"] + x["connect"] + x["read"] + x["write"] + x["timeout"] + x["server_errors_logged"] for x in lines)
        total_errors += errors
        rps = statistics.median(x["requests"] / (x["duration_us"] / 1e6) for x in lines)
        print(
            f"| {model} | {records} | {len(lines)} | {requests:,} ({min(x['requests'] for x in lines):,}) | "
            f"{ms(statistics.median(x['p50_us'] for x in lines))} | {ms(statistics.median(x['p99_us'] for x in lines))} | "
            f"{rps:,.0f} | {rps * records:,.0f} | {errors} |"
        )
    print()
    for model, start in starts.items():
        print(
            f"- {model}: /health answered {start['ready_s']:.1f} s after `cauce serve` started; the first POST took "
            f"{start['first_request_s'] * 1000:.0f} ms (the JIT); server peak RSS {rss.get(model, 0)} MB."
        )
    if loads:
        print(f"- Load average (1 min) when each run started: median {statistics.median(loads):.1f}, from {min(loads):.1f} to {max(loads):.1f}.")
    print(f"- Errors in all: {total_errors} (non-200 responses, socket errors, errors in the server's log).")
    print(f"- wrk {args.wrk}; models trained on {args.rows} rows of `cauce sample clientes`.")
    print(f"- {args.date}. Machine: {args.machine}. {args.versions}. Cauce: {args.commit}.")


if __name__ == "__main__":
    main()
