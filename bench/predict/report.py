#!/usr/bin/python3
"""Prints bench/predict/run.sh's tables (markdown) from its JSON lines.

  report.py RESULTS.jsonl [--machine M] [--versions V] [--commit C] [--runs N] [--threads N] [--date D]

Every figure is the median over the runs of one model, size and side; a ratio is the ratio of two medians. A
side's rows/s is the file's rows over its process's wall time (start-up, model load, read, score, write).
"""

import argparse
import json
import statistics
from collections import defaultdict

ALGO_ORDER = ["rf", "rf64", "lgbm", "lr", "xgb"]
NAMES = {
    "rf": ("rf (Cauce's forest, 64 leaves)", "RandomForestClassifier (full trees)"),
    "rf64": ("", "RandomForestClassifier, 64 leaves"),
    "lgbm": ("lgbm (LightGBM)", "HistGradientBoostingClassifier"),
    "lr": ("lr (L-BFGS)", "LogisticRegression"),
    "xgb": ("xgb (XGBoost)", "XGBClassifier"),
}


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def rate(value):
    if value != value:
        return "—"
    if value >= 1e6:
        return f"{value / 1e6:.2f} M"
    if value >= 1e4:
        return f"{value / 1e3:.0f} k"
    return f"{value / 1e3:.1f} k"


def secs(value):
    if value != value:
        return "—"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def mb(value):
    return "—" if value != value else f"{value:,.0f} MB"


def size(n):
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def order(algo):
    return ALGO_ORDER.index(algo) if algo in ALGO_ORDER else 99


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    for name in ["machine", "versions", "commit", "runs", "threads", "date"]:
        parser.add_argument(f"--{name}", default="")
    args = parser.parse_args()

    runs = defaultdict(list)  # (algo, size, side) -> lines
    fits, checks, profiles, loads = {}, {}, {}, []
    with open(args.results, encoding="utf-8") as f:
        for text in f:
            line = json.loads(text)
            if "fit" in line:
                fits[line["fit"]] = line["result"]
            elif "profile" in line:
                profiles[line["profile"]] = line
            elif "check" in line:
                checks[(line["algo"], line["size"])] = line
            else:
                runs[(line["algo"], line["size"], line["side"])].append(line)
                loads.append(line["load"])
    algos = sorted({k[0] for k in runs}, key=order)
    sizes = sorted({k[1] for k in runs})
    largest = max((k[1] for k in runs if k[2] == "python"), default=0)  # the largest size both sides score

    def figure(algo, n, side, field):
        lines = runs.get((algo, n, side), [])
        if field == "predict_proba":
            return med([x["result"]["transform_s"] + x["result"]["proba_s"] for x in lines])
        if field in ("wall_s", "rss_mb"):
            return med([x[field] for x in lines])
        return med([x["result"].get(field) for x in lines])

    if not runs:
        print("(no timed runs: the profile alone)\n")
    else:
        print(f"### {size(largest)} rows, end to end: one process each (medians of {args.runs} runs, {args.threads} threads, {args.date})\n")
        print("| model | cauce wall | cauce rows/s | cauce peak RSS | python model | python wall | python rows/s | python peak RSS | rows/s cauce / python | python transform + predict_proba alone |")
        print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|")
        for algo in algos:
            cauce_name, python_name = NAMES.get(algo, (algo, algo))
            c, p = figure(algo, largest, "cauce", "wall_s"), figure(algo, largest, "python", "wall_s")
            proba = figure(algo, largest, "python", "predict_proba")
            cells = [f"{secs(c)} s", rate(largest / c), mb(figure(algo, largest, "cauce", "rss_mb"))] if c == c else ["", "", ""]
            against = figure("rf", largest, "cauce", "wall_s") if algo == "rf64" else c  # rf64 is scikit-learn's forest of Cauce's tree size
            ratio = f"**{p / against:.2f}**" if against == against and p == p else ""
            print(
                f"| {cauce_name or '″'} | {' | '.join(cells)} | {python_name} | {secs(p)} s | {rate(largest / p)} | "
                f"{mb(figure(algo, largest, 'python', 'rss_mb'))} | {ratio} | {rate(largest / proba)} rows/s |"
            )

        print(f"\n### Peak RSS as the file grows (medians of {args.runs} runs; cauce alone past {size(largest)})\n")
        print("| model | side | " + " | ".join(size(n) for n in sizes) + " |")
        print("|---|---|" + "---:|" * len(sizes))
        for algo in algos:
            for side in ("cauce", "python"):
                if any((algo, n, side) in runs for n in sizes):
                    print(f"| {algo} | {side} | " + " | ".join(mb(figure(algo, n, side, "rss_mb")) for n in sizes) + " |")

        print(f"\n### Wall time and rows/s as the file grows (medians)\n")
        print("| model | side | " + " | ".join(size(n) for n in sizes) + " |")
        print("|---|---|" + "---:|" * len(sizes))
        for algo in algos:
            for side in ("cauce", "cauce_pgo_off", "python"):
                if any((algo, n, side) in runs for n in sizes):
                    walls = [(n, figure(algo, n, side, "wall_s")) for n in sizes]
                    label = "cauce, TieredPGO off" if side == "cauce_pgo_off" else side
                    print(f"| {algo} | {label} | " + " | ".join("—" if w != w else f"{secs(w)} s ({rate(n / w)}/s)" for n, w in walls) + " |")

        print(f"\n### Where the time goes, {size(largest)} rows (seconds, medians)\n")
        print("| model | cauce: start-up + model load | cauce: read + score + write | python: imports | load | read_csv | transform | predict_proba | to_csv |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for algo in algos:
            loop = figure(algo, largest, "cauce", "file_s")
            wall = figure(algo, largest, "cauce", "wall_s")
            steps = [figure(algo, largest, "python", f) for f in ("import_s", "load_s", "read_s", "transform_s", "proba_s", "write_s")]
            print(f"| {algo} | {secs(wall - loop)} | {secs(loop)} | " + " | ".join(secs(s) for s in steps) + " |")

    if profiles:
        print("\n### Cauce's loop taken apart (harness/, one process per model; rows/s of each phase, warm, with the cold first round in brackets)\n")
        print("| model | rows | read CSV | read + parse and check | parse and check alone | score alone | score, one engine per core | write alone | BatchPredictor (all of it) | IDataView path | its featuriser | its learner, on cached features |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for algo in sorted(profiles, key=order):
            result = profiles[algo]["result"]
            n, t = result["rows"], result["seconds"]

            def cell(*names):
                if not all(x in t for x in names):
                    return "—"
                cold, warm = (sum(t[x][i] for x in names) for i in (0, -1))
                return f"{rate(n / warm)} ({rate(n / cold)})"

            alone = [t["fill"][i] - t["read"][i] for i in (0, -1)]
            print(
                f"| {algo} | {size(n)} | {cell('read')} | {cell('fill')} | {rate(n / alone[1])} ({rate(n / alone[0])}) | "
                f"{cell('score_only')} | {cell('score_parallel')} | {cell('write_only')} | {cell('predict')} | {cell('dataview')} | "
                f"{cell('featurise')} | {cell('learner') if 'learner' in t else '— (not ML.NET: in score alone)'} |"
            )
        cpu = [
            f"{a} {sum(p['result']['cpu_seconds']['score_parallel']) / sum(p['result']['seconds']['score_parallel']):.2f}"
            for a, p in sorted(profiles.items(), key=lambda kv: order(kv[0]))
            if "score_parallel" in p["result"].get("cpu_seconds", {})
        ]
        started = ", ".join(f"{a} {p['load']:.1f}" for a, p in sorted(profiles.items(), key=lambda kv: order(kv[0])))
        cores = next(iter(profiles.values()))["result"].get("cores", "?")
        sparse = ", ".join(f"{a} {p['result']['sparse_rows']:,}" for a, p in sorted(profiles.items(), key=lambda kv: order(kv[0])) if "sparse_rows" in p["result"])
        print(f"\nRows whose feature vector came out of the featuriser sparse: {sparse}.")
        print(f"Engines per core: {cores}. CPU seconds per wall second while scoring on them (2 would be both cores busy): {', '.join(cpu)}. Load average when each profile started: {started}.")

    if fits:
        print("\nPython models (untimed): " + "; ".join(f"{a} fitted in {f['fit_s']:.1f} s, {f['model_mb']:.1f} MB on disk" for a, f in sorted(fits.items(), key=lambda kv: order(kv[0]))) + ".")
    if checks:
        bad = [k for k, c in checks.items() if not c["same_rows"]]
        columns = ", ".join(next(iter(checks.values()))["columns"])
        agreement = ", ".join(f"{a} {c['label_agreement']:.1%}" for (a, n), c in sorted(checks.items(), key=lambda kv: order(kv[0][0])) if n == largest)
        print(
            f"Outputs (last run): {'the same rows, columns and targets on both sides' if not bad else 'DIFFER for ' + ', '.join(f'{a} {n}' for a, n in bad)}"
            f" ({columns}); the two sides predict the same label for {agreement} of the {size(largest)} rows."
        )
    if loads:
        print(f"Load average (1 min) at the start of each timed process: median {statistics.median(loads):.1f}, from {min(loads):.1f} to {max(loads):.1f}.")
    print(f"\nMachine: {args.machine}. {args.versions}. Cauce: {args.commit}.")


if __name__ == "__main__":
    main()
