#!/usr/bin/python3
"""The pandas peer of `cauce prepare` + `cauce split`, for bench/prepare/run.sh.

Does the same work as Cauce on the same raw file, as a pandas user would write it, driven by the same
params.yaml entry (target, id, declared column types, sentinels, category labels, derived features, split):

  read      pd.read_csv (dtype inference, keep_default_na)
  clean     strip whitespace in text columns; '' (and ' ') -> NaN; sentinels -> NaN; category spellings
            -> the declared labels (case- and space-insensitive); yes/no words and declared booleans -> bool;
            numbers parsed; integer columns as nullable Int64; exact duplicate rows dropped
  interim   write data/interim/<ds>_interim_<date>.csv
  process   drop id columns and rows without a target; impute numbers with the median (rounded half-to-even for
            integer columns), categories and booleans with the mode; derived features with DataFrame.eval
            (a division by zero gives a missing value, as in Cauce; comparisons are written 1/0)
  processed write data/processed/<ds>_processed_<date>.csv
  split     sklearn train_test_split(test_size, stratify=y, random_state=seed)
  write     the train and test files

Usage:
  peer.py run RAW OUT [--params params.yaml] [--dataset clientes] [--staged] [--tuned]
      Prints one line per step, "step <name> <seconds>", then the rows of each output; writes OUT/peer_log.json.
      --staged re-reads the processed file before splitting, as `cauce split` (a separate command) does.
      --tuned  strips text columns with few distinct values once per distinct value (a map over the uniques)
               instead of `.str.strip()` on every cell: what a pandas user tuning for speed would do.
  peer.py verify OUT PROJECT [--params params.yaml] [--dataset clientes]
      Untimed: counts the data rows of the peer's four files and of Cauce's (in the project PROJECT) and compares
      them; compares the interim and processed files line for line (pandas' True/False and 5309.0 read as Cauce's
      true/false and 5309), and the duplicates dropped, the imputed values, the derived features' missing counts
      and the class balance. Exit 1 on a mismatch.
"""

import time

_T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import yaml  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

TRUE_WORDS = {"true", "yes", "si", "sí", "y", "t"}
FALSE_WORDS = {"false", "no", "n", "f"}


def load_dataset(params_path, name):
    with open(params_path, encoding="utf-8") as f:
        params = yaml.safe_load(f)
    ds = params["datasets"][name]
    ds["_seed"] = int(ds.get("split", {}).get("seed", params.get("seed", 42)))
    ds["_date"] = str(ds["date"])
    return ds


def paths(root, name, date):
    return {
        "interim": os.path.join(root, "data", "interim", f"{name}_interim_{date}.csv"),
        "processed": os.path.join(root, "data", "processed", f"{name}_processed_{date}.csv"),
        "train": os.path.join(root, "data", "processed", f"{name}-train_processed_{date}.csv"),
        "test": os.path.join(root, "data", "processed", f"{name}-test_processed_{date}.csv"),
    }


def label_key(value):
    """Spellings that differ only in case or spaces are one label (as Cauce's CategorySpellings.Key)."""
    return re.sub(r"\s+", " ", value.strip()).lower()


def clean(df, ds, tuned=False):
    """raw -> interim: the same cleaning as Cauce's ColumnCleaner, column by column, then duplicates dropped."""
    columns = ds.get("columns", {}) or {}
    ids = set(ds.get("id") or [])

    # Text columns: strip, and blanks (a lone ' ' in cargo_total) become missing.
    for c in df.columns[df.dtypes == object]:
        s = df[c]
        uniques = s.unique() if tuned and c not in ids else None
        if uniques is not None and uniques.size <= len(s) // 20:
            # Few distinct values: strip each once and map, instead of stripping a million strings.
            s = s.map({u: u.strip() or np.nan for u in uniques if isinstance(u, str)})
        else:
            s = s.str.strip()
            s = s.mask(s == "")
        df[c] = s

    for c in df.columns:
        spec = columns.get(c, {}) or {}
        kind = spec.get("type")
        s = df[c]

        if kind in ("integer", "number") and s.dtype == object:
            s = pd.to_numeric(s)  # e.g. cargo_total, which read as text because of its ' ' values
        sentinels = spec.get("sentinels") or []
        if sentinels:
            s = s.mask(s.isin([float(v) for v in sentinels]))

        if c not in ids and (kind == "category" or (kind is None and s.dtype == object)):
            uniques = s.dropna().unique()
            if kind is None and 0 < uniques.size <= 4 and all(u.lower() in TRUE_WORDS | FALSE_WORDS for u in uniques):
                kind = "boolean"  # Si/No columns: tiene_pareja, tiene_dependientes, factura_electronica, abandono
            elif spec.get("values"):
                declared = {label_key(v): v for v in spec["values"]}
                s = s.map({u: declared.get(label_key(u), u) for u in uniques})

        if kind == "boolean":
            if s.dtype == object:
                s = s.map({u: u.lower() in TRUE_WORDS for u in s.dropna().unique()})
            else:
                s = s.eq(1).mask(s.isna())  # 0/1, e.g. es_mayor
            if s.notna().all():
                s = s.astype(bool)
        elif kind == "integer" or (kind is None and pd.api.types.is_integer_dtype(s)):
            s = s.astype("Int64")  # integers stay integers when some are missing (edad, ingresos_anuales)
        df[c] = s

    return df.drop_duplicates(ignore_index=True)


def process(df, ds):
    """interim -> processed: ids out, rows without a target out, imputation, derived features."""
    target = ds.get("target")
    drop = list(ds.get("id") or []) + list(ds.get("drop") or [])
    df = df.drop(columns=drop)
    if target:
        df = df.dropna(subset=[target])
    fills = {}
    for c in df.columns:
        if c == target:
            continue
        s = df[c]
        if not s.isna().any():
            if isinstance(s.dtype, pd.Int64Dtype):
                df[c] = s.astype("int64")  # DataFrame.eval (pandas 1.5) takes numpy dtypes only
            continue
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            fill = s.median()
            if pd.api.types.is_integer_dtype(s):
                fill = int(np.round(fill))  # half to even, as Cauce
        else:
            fill = s.mode().iloc[0]
        s = s.fillna(fill)
        df[c] = s.astype("int64") if isinstance(s.dtype, pd.Int64Dtype) else s
        fills[c] = fill if not isinstance(fill, (np.generic,)) else fill.item()
    derived_missing = {}
    for name, expr in (ds.get("derive") or {}).items():
        v = df.eval(expr)
        if pd.api.types.is_bool_dtype(v):
            v = v.astype(int)  # Cauce writes comparisons as 1/0
        else:
            v = v.replace([np.inf, -np.inf], np.nan)  # x / 0 is missing, as in Cauce
        df[name] = v
        derived_missing[name] = int(v.isna().sum())
    return df, fills, derived_missing


def run(args):
    ds = load_dataset(args.params, args.dataset)
    out = paths(args.out, args.dataset, ds["_date"])
    for p in out.values():
        os.makedirs(os.path.dirname(p), exist_ok=True)
    times = {"import": time.perf_counter() - _T0}

    def step(name, t):
        times[name] = time.perf_counter() - t
        return time.perf_counter()

    t = time.perf_counter()
    raw = pd.read_csv(args.raw)
    raw_rows = len(raw)
    t = step("read", t)
    interim = clean(raw, ds, tuned=args.tuned)
    del raw
    t = step("clean", t)
    interim.to_csv(out["interim"], index=False)
    t = step("write_interim", t)
    processed, fills, derived_missing = process(interim, ds)
    interim_rows = len(interim)
    del interim
    t = step("process", t)
    processed.to_csv(out["processed"], index=False)
    t = step("write_processed", t)
    if args.staged:
        processed = pd.read_csv(out["processed"])
        t = step("reread_processed", t)
    target = ds["target"]
    split = ds.get("split", {}) or {}
    y = processed[target] if split.get("stratify") else None
    train, test = train_test_split(processed, test_size=split.get("test_size", 0.2), stratify=y, random_state=ds["_seed"])
    t = step("split", t)
    train.to_csv(out["train"], index=False)
    test.to_csv(out["test"], index=False)
    t = step("write_split", t)

    log = {
        "raw": raw_rows,
        "interim": interim_rows,
        "duplicates": raw_rows - interim_rows,
        "processed": len(processed),
        "train": len(train),
        "test": len(test),
        "fills": fills,
        "derived_missing": derived_missing,
        "balance": {
            "train": {str(k).lower(): int(v) for k, v in train[target].value_counts().items()},
            "test": {str(k).lower(): int(v) for k, v in test[target].value_counts().items()},
        },
        "times": times,
    }
    with open(os.path.join(args.out, "peer_log.json"), "w", encoding="utf-8") as f:
        json.dump(log, f, indent=2, default=str)
    for name, seconds in times.items():
        print(f"step {name} {seconds:.3f}")
    for k in ("raw", "interim", "processed", "train", "test"):
        print(f"rows {k} {log[k]}")


def count_rows(path):
    """Data rows of a CSV (neither writer quotes a line break here: count lines, less the header)."""
    n = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            n += chunk.count(b"\n")
    return n - 1


_WHOLE = re.compile(r"(?<=,)(-?\d+)\.0(?=,|$)")


def same_content(pandas_csv, cauce_csv):
    """None when the files match line for line once pandas' spellings are Cauce's; else the first differing line."""
    n = 0
    with open(pandas_csv, encoding="utf-8") as a, open(cauce_csv, encoding="utf-8") as b:
        for n, (x, y) in enumerate(zip(a, b), start=1):
            x = _WHOLE.sub(r"\1", x.rstrip("\n").replace("True", "true").replace("False", "false"))
            if x != y.rstrip("\n"):
                return n
        if a.readline() or b.readline():
            return n + 1
    return None


def verify(args):
    ds = load_dataset(args.params, args.dataset)
    mine = paths(args.out, args.dataset, ds["_date"])
    theirs = paths(args.project, args.dataset, ds["_date"])
    with open(os.path.join(args.out, "peer_log.json"), encoding="utf-8") as f:
        log = json.load(f)
    with open(os.path.join(args.project, "reports", f"prepare_{args.dataset}_{ds['_date']}.json"), encoding="utf-8") as f:
        prep = json.load(f)
    with open(os.path.join(args.project, "reports", f"split_{args.dataset}_{ds['_date']}.json"), encoding="utf-8") as f:
        split = json.load(f)

    problems = []
    print("| file | pandas rows | cauce rows | same |")
    print("|---|---:|---:|---|")
    for k in ("interim", "processed", "train", "test"):
        a, b = count_rows(mine[k]), count_rows(theirs[k])
        print(f"| {k} | {a:,} | {b:,} | {'yes' if a == b else 'NO'} |")
        if a != b:
            problems.append(f"{k}: pandas {a:,} rows, cauce {b:,}")

    def find(obj, key):
        """The first value under `key` anywhere in a JSON document (the reports' layout may change)."""
        if isinstance(obj, dict):
            if key in obj:
                return obj[key]
            obj = list(obj.values())
        if isinstance(obj, list):
            for v in obj:
                r = find(v, key)
                if r is not None:
                    return r
        return None

    # The interim and processed files hold the same rows in the same order; only pandas' spelling of booleans
    # (True) and of whole floats (5309.0) differs from Cauce's (true, 5309).
    for k in ("interim", "processed"):
        line = same_content(mine[k], theirs[k])
        print(f"{k} content: " + ("the same, line for line (True/False and 5309.0 written as Cauce writes them)" if line is None else f"DIFFERS from line {line}"))
        if line is not None:
            problems.append(f"{k}: content differs from line {line}")

    dup = find(prep, "duplicates_dropped")
    print(f"duplicates dropped: pandas {log['duplicates']:,}, cauce {dup if dup is None else format(dup, ',')}")
    if dup is not None and dup != log["duplicates"]:
        problems.append(f"duplicates: pandas {log['duplicates']}, cauce {dup}")
    for item in find(prep, "imputed") or []:
        col, value = item.get("column"), item.get("value")
        ours = log["fills"].get(col)
        if not item.get("filled") and ours is None:
            continue  # nothing to fill in either pipeline
        same = ours is not None and float(ours) == float(value) if _is_number(value) else str(ours) == str(value)
        print(f"imputed {col}: pandas {ours}, cauce {value}{'' if same else '  <- differs'}")
        if not same:
            problems.append(f"imputed {col}: pandas {ours}, cauce {value}")
    for item in find(prep, "derived") or []:
        name, missing = item.get("column"), item.get("missing")
        ours = log["derived_missing"].get(name)
        print(f"derived {name} missing: pandas {ours}, cauce {missing}")
        if ours != missing:
            problems.append(f"derived {name}: pandas {ours} missing, cauce {missing}")
    for item in find(split, "balance") or []:
        label = str(item.get("label")).lower()
        ours = (log["balance"]["train"].get(label), log["balance"]["test"].get(label))
        print(f"class {label}: train/test pandas {ours[0]:,}/{ours[1]:,}, cauce {item.get('train'):,}/{item.get('test'):,}")
        if ours != (item.get("train"), item.get("test")):
            problems.append(f"class {label}: pandas {ours}, cauce {(item.get('train'), item.get('test'))}")
    if problems:
        print("MISMATCH: " + "; ".join(problems))
        return 1
    print("same row counts, interim and processed content, duplicates, imputed values, derived missing counts and class balance")
    return 0


def _is_number(v):
    try:
        float(v)
        return True
    except (TypeError, ValueError):
        return False


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("raw")
    r.add_argument("out")
    r.add_argument("--staged", action="store_true")
    r.add_argument("--tuned", action="store_true")
    v = sub.add_parser("verify")
    v.add_argument("out")
    v.add_argument("project")
    for s in (r, v):
        s.add_argument("--params", default="params.yaml")
        s.add_argument("--dataset", default="clientes")
    args = p.parse_args()
    if args.command == "run":
        run(args)
        return 0
    return verify(args)


if __name__ == "__main__":
    sys.exit(main())
