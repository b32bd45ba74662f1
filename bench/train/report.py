#!/usr/bin/python3
"""Prints bench/train/run.sh's tables (markdown) from its JSON lines.

  report.py RESULTS.jsonl [--machine M] [--versions V] [--commit C] [--rows N] [--runs N] [--threads N] [--date D]

Every figure is the median over the runs of one dataset, algorithm and side; a ratio is the ratio of two medians.
"""

import argparse
import json
import statistics
import sys
from collections import defaultdict

ALGO_ORDER = ["rf", "xgb", "lgbm", "lr"]
DATASET_ORDER = ["telco", "clientes"]
AUC_TOLERANCE = 0.005


def order(key):
    dataset, algo = key
    return (DATASET_ORDER.index(dataset) if dataset in DATASET_ORDER else 99, ALGO_ORDER.index(algo) if algo in ALGO_ORDER else 99)


def med(lines, field):
    values = [line[field] for line in lines if line.get(field) is not None]
    return statistics.median(values) if values else float("nan")


def rate(rows, seconds):
    return rows / seconds if seconds and seconds > 0 else float("nan")


def rows_per_s(value):
    if value != value:
        return "—"
    if value >= 1e6:
        return f"{value / 1e6:.2f} M"
    if value >= 1e3:
        return f"{value / 1e3:.0f} k"
    return f"{value:.0f}"


def secs(value):
    if value != value:
        return "—"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    for name in ["machine", "versions", "commit", "rows", "runs", "threads", "date", "omp", "runtime"]:
        parser.add_argument(f"--{name}", default="")
    args = parser.parse_args()

    runs = defaultdict(lambda: {"cauce": [], "python": []})
    meta = defaultdict(lambda: {"cauce": [], "python": []})
    twice, checks, loads = {}, {}, []
    with open(args.results, encoding="utf-8") as f:
        for raw in f:
            line = json.loads(raw)
            if line.get("check") == "auc":
                checks[(line["dataset"], line["algo"])] = line["result"]["auc"]
                continue
            result = line["result"]
            key = (line["dataset"], result["algo"])
            if line["side_"] in ("twice", "python-twice"):
                twice.setdefault(key, {})["cauce" if line["side_"] == "twice" else "python"] = result
                continue
            result = dict(result, run=line["run"], wall_s=line["wall_s"], rss_mb=line["rss_mb"], load=line["load"])
            runs[key][line["side_"]].append(result)
            loads.append(line["load"])

    keys = sorted(runs, key=order)
    rows_of = {}
    for key in keys:
        c = runs[key]["cauce"]
        if c:
            rows_of[key[0]] = (c[0]["rows_train"], c[0]["rows_test"])

    print(f"## Figures ({args.date}; {args.machine}; {args.threads} threads each side; medians of {args.runs} runs)")
    print()
    print(f"{args.versions}. Cauce: {args.commit}; {args.runtime or 'harness JIT-compiled'}. {args.omp}.")
    print()
    for dataset, (train_rows, test_rows) in sorted(rows_of.items(), key=lambda d: DATASET_ORDER.index(d[0]) if d[0] in DATASET_ORDER else 99):
        label = f"{dataset} ({int(args.rows):,} sampled rows)" if dataset == "clientes" and args.rows else dataset
        print(f"- {label}: {train_rows:,} train rows, {test_rows:,} test rows")
    if loads:
        print(f"- load average (1 min) when each process started: median {statistics.median(loads):.1f}, from {min(loads):.1f} to {max(loads):.1f}")
    print()

    print("| dataset | algo | Cauce fit s | Python fit s | fit cauce / python | Cauce predict rows/s | Python predict rows/s | predict cauce / python | Cauce AUC | Python AUC | AUC cauce − python |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key in keys:
        c, p = runs[key]["cauce"], runs[key]["python"]
        cf, pf = med(c, "fit_s"), med(p, "fit_s")
        cr = rate(c[0]["rows_test"], med(c, "predict_file_s")) if c else float("nan")
        pr = rate(p[0]["rows_test"], med(p, "predict_file_s")) if p else float("nan")
        ca, pa = med(c, "auc"), med(p, "auc")
        print(
            f"| {key[0]} | {key[1]} | {secs(cf)} | {secs(pf)} | {cf / pf:.2f}× | {rows_per_s(cr)} | {rows_per_s(pr)} | {cr / pr:.2f}× "
            f"| {ca:.4f} | {pa:.4f} | {ca - pa:+.4f} |"
        )
    print()
    print("Fit: Cauce's TrainOutcome.Seconds (the card's training_seconds: featuriser and learner, on the rows the reader put in")
    print("memory); Python's Pipeline.fit (ColumnTransformer and estimator, on the DataFrame read_csv gave). Predict: the test file")
    print("to probabilities (Cauce model.Read + model.Score; Python read_csv + Pipeline.predict_proba). A predict ratio")
    print("above 1 means Cauce scores faster.")
    print()

    print("### Details")
    print()
    print(
        "| dataset | algo | Cauce read s | Python read_csv s | Python preprocessing s | Python estimator alone s | read + fit cauce / python | Cauce predict in memory rows/s "
        "| Python transform + predict_proba rows/s | Python predict_proba alone rows/s | Cauce first predict s | peak RSS MB cauce / python | Python engine |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for key in keys:
        c, p = runs[key]["cauce"], runs[key]["python"]
        if not c or not p:
            continue
        total = statistics.median([x["read_s"] + x["fit_s"] for x in p])
        own = statistics.median([x.get("read_s", float("nan")) + x["fit_s"] for x in c])
        test_rows = c[0]["rows_test"]
        print(
            f"| {key[0]} | {key[1]} | {secs(med(c, 'read_s'))} | {secs(med(p, 'read_s'))} | {secs(med(p, 'preprocess_s'))} | {secs(med(p, 'estimator_fit_s'))} | {own / total:.2f}× "
            f"| {rows_per_s(rate(test_rows, med(c, 'predict_mem_s')))} | {rows_per_s(rate(test_rows, med(p, 'predict_mem_s')))} "
            f"| {rows_per_s(rate(test_rows, med(p, 'predict_proba_s')))} | {secs(med(c, 'predict_first_s'))} "
            f"| {med(c, 'rss_mb'):.0f} / {med(p, 'rss_mb'):.0f} | {p[0]['engine']}{' (' + str(p[0]['n_iter']) + ' iterations)' if 'n_iter' in p[0] and key[1] == 'lr' else ''} |"
        )
    print()

    print("### Every run: fit seconds cauce / python (load average when the Cauce process started)")
    print()
    print("| dataset | algo | " + " | ".join(f"run {r}" for r in sorted({x["run"] for k in keys for x in runs[k]["cauce"]})) + " |")
    print("|---|---|" + "---:|" * len({x["run"] for k in keys for x in runs[k]["cauce"]}))
    for key in keys:
        by_run = defaultdict(dict)
        for side in ("cauce", "python"):
            for x in runs[key][side]:
                by_run[x["run"]][side] = x
        cells = []
        for r in sorted(by_run):
            cx, px = by_run[r].get("cauce"), by_run[r].get("python")
            cells.append(f"{secs(cx['fit_s']) if cx else '—'} / {secs(px['fit_s']) if px else '—'} ({cx['load'] if cx else '—'})")
        print(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + " |")
    print()

    if checks:
        print("### ROC AUC check: scikit-learn's roc_auc_score of Cauce's own test probabilities")
        print()
        print("| dataset | algo | Cauce's metric | roc_auc_score of the same scores | difference |")
        print("|---|---|---:|---:|---:|")
        for key in sorted(checks, key=order):
            own = med(runs[key]["cauce"], "auc")
            print(f"| {key[0]} | {key[1]} | {own:.6f} | {checks[key]:.6f} | {own - checks[key]:+.1e} |")
        print()

    steps = {key: runs[key]["cauce"] for key in keys if runs[key]["cauce"] and runs[key]["cauce"][0].get("steps")}
    if steps:
        print("### Where Cauce's fit goes (TrainOutcome.Steps; medians of the runs)")
        print()
        for key in sorted(steps, key=order):
            lines = steps[key]
            names = [step["step"] for step in lines[0]["steps"]]
            parts = "; ".join(f"{name} {secs(statistics.median(x['steps'][i]['seconds'] for x in lines if len(x['steps']) > i))}" for i, name in enumerate(names))
            alone = med(runs[key]["python"], "estimator_fit_s")
            pre = med(runs[key]["python"], "preprocess_s")
            print(f"- **{key[0]} {key[1]}** — {parts} (Python: preprocessing {secs(pre)}, estimator {secs(alone)}).")
        print()

    if twice:
        print("### Cold and warm: the same fit 6 times in one process (harness `twice`, peer.py `twice`; one run)")
        print()
        print("The first fit is what `cauce train` pays; the warm one (median of fits 4 to 6) is the steady state, once the runtime")
        print("has compiled and optimised ML.NET's code.")
        print()
        print("| dataset | algo | Cauce first fit s | Cauce warm fit s | Python first fit s | Python warm fit s | first cauce / python | warm cauce / python |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for key in sorted(twice, key=order):
            c, p = twice[key].get("cauce", {}), twice[key].get("python", {})
            nan = float("nan")
            cf, cw, pf, pw = c.get("first_fit_s", nan), c.get("warm_fit_s", nan), p.get("first_fit_s", nan), p.get("warm_fit_s", nan)
            print(f"| {key[0]} | {key[1]} | {secs(cf)} | {secs(cw)} | {secs(pf)} | {secs(pw)} | {cf / pf:.2f}× | {cw / pw:.2f}× |")
        print()

    misses = []
    for key in keys:
        c, p = runs[key]["cauce"], runs[key]["python"]
        if not c or not p:
            continue
        ratio = med(c, "fit_s") / med(p, "fit_s")
        diff = med(c, "auc") - med(p, "auc")
        if ratio > 1:
            misses.append(f"{key[0]} {key[1]}: fit {ratio:.2f}× Python's")
        if diff < -AUC_TOLERANCE:
            misses.append(f"{key[0]} {key[1]}: AUC {diff:+.4f} below Python's")
    if keys:
        print("Target (each fit at most Python's, AUC within 0.005): " + ("met everywhere." if not misses else "missed — " + "; ".join(misses) + "."))


if __name__ == "__main__":
    sys.exit(main())
