#!/usr/bin/python3
"""The Python peer of `cauce train`, for bench/train/run.sh: scikit-learn and XGBoost on the same processed files.

It reads the train and test CSV files Cauce trains on, with the features and types Cauce's model schema decided
(`cauce-train-bench schema` writes them to a JSON file), and preprocesses them the way Cauce's featuriser does,
as a scikit-learn user would write it:

  categories  OneHotEncoder(handle_unknown='ignore'), dense output
  booleans    1/0, then as numbers
  numbers     SimpleImputer(strategy='mean'); for lr also StandardScaler()

The estimators (100 trees or rounds, 2 threads, seed 42):

  rf    RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=42)
  xgb   xgboost.XGBClassifier(n_estimators=100, tree_method='hist', n_jobs=2, random_state=42)
  lgbm  lightgbm.LGBMClassifier(n_estimators=100, learning_rate=0.05, num_leaves=31, min_child_samples=20,
        n_jobs=2, random_state=42) when lightgbm imports; otherwise scikit-learn's
        HistGradientBoostingClassifier(max_iter=100, learning_rate=0.05, max_leaf_nodes=31, min_samples_leaf=20,
        early_stopping=False, random_state=42), LightGBM's algorithm re-implemented (the JSON line says which)
  lr    LogisticRegression(C=1, solver='lbfgs', max_iter=1000)

The two make one Pipeline([("pre", ColumnTransformer), ("model", estimator)]): what a scikit-learn user fits, and
what compares with Cauce's fit, which fits its featuriser too.

Usage:
  peer.py run SCHEMA_JSON ALGO [--reps 3] [--threads 2]
      One JSON line: read_s (read_csv of the train file), fit_s (the Pipeline's fit: preprocessing and the
      estimator, on the DataFrame already read), estimator_fit_s (the estimator's own fit inside it),
      preprocess_s (the rest: the ColumnTransformer's fit_transform), auc (roc_auc_score on the test file),
      predict_file_s (read_csv + predict_proba of the Pipeline on the test file), predict_mem_s (predict_proba of
      the Pipeline on the test rows already in a DataFrame), predict_proba_s (the estimator's predict_proba of the
      preprocessed matrix). The predict times are medians of --reps calls.
  peer.py twice SCHEMA_JSON ALGO [--threads 2]
      The Pipeline's fit 6 times in one process, each on a fresh clone: first_fit_s, second_fit_s and warm_fit_s
      (the median of the last 3), as the harness's `twice` measures Cauce's.
  peer.py auc SCHEMA_JSON SCORES_FILE
      scikit-learn's roc_auc_score of the probabilities in SCORES_FILE (one per line, the test file's order):
      a check of Cauce's own ROC AUC.
  peer.py versions
      The versions of Python and of the libraries, on one line.
"""

import time

_T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.base import clone  # noqa: E402
from sklearn.pipeline import Pipeline, make_pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402

SEED = 42
NUMERIC = {"integer", "number"}
# How Cauce reads a boolean feature (Values.TryBoolean): true/false, 1/0, yes/no, si/no.
BOOLEAN = {"true": 1.0, "false": 0.0, "1": 1.0, "0": 0.0, "yes": 1.0, "no": 0.0, "si": 1.0, "sí": 1.0, "y": 1.0, "n": 0.0, "t": 1.0, "f": 0.0}


def load_schema(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    kinds = {"category": [], "boolean": [], "numeric": []}
    for feature in schema["features"]:
        kind = feature["type"]
        kinds["numeric" if kind in NUMERIC else kind].append(feature["name"])
    schema["kinds"] = kinds
    return schema


def read(path, schema):
    """The features (categories as text, booleans as 1/0, numbers as floats) and, when present, the 0/1 target."""
    kinds = schema["kinds"]
    dtypes = {c: str for c in kinds["category"]}
    dtypes.update({c: str for c in kinds["boolean"]})
    df = pd.read_csv(path, dtype=dtypes, keep_default_na=True)
    for column in kinds["boolean"]:
        df[column] = df[column].str.strip().str.lower().map(BOOLEAN)
    y = None
    target = schema["target"]
    if target in df.columns:
        values = df[target]
        if values.dtype == bool:
            y = values.astype(np.int64).to_numpy() if schema["positive"] == "true" else (~values).astype(np.int64).to_numpy()
        else:
            y = (values.astype(str).str.strip() == schema["positive"]).astype(np.int64).to_numpy()
    return df[kinds["category"] + kinds["boolean"] + kinds["numeric"]], y


def preprocessor(schema, standardise):
    kinds = schema["kinds"]
    numbers = SimpleImputer(strategy="mean")
    if standardise:
        numbers = make_pipeline(SimpleImputer(strategy="mean"), StandardScaler())
    parts = []
    if kinds["category"]:
        parts.append(("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), kinds["category"]))
    if kinds["boolean"] or kinds["numeric"]:
        parts.append(("num", numbers, kinds["boolean"] + kinds["numeric"]))
    return ColumnTransformer(parts, sparse_threshold=0)


def estimator(algo, threads):
    """The estimator and a description of it (what it is, and its library's version)."""
    if algo == "rf":
        from sklearn.ensemble import RandomForestClassifier

        return RandomForestClassifier(n_estimators=100, n_jobs=threads, random_state=SEED), f"scikit-learn {sklearn.__version__} RandomForestClassifier"
    if algo == "xgb":
        import xgboost

        return (
            xgboost.XGBClassifier(n_estimators=100, tree_method="hist", n_jobs=threads, random_state=SEED),
            f"XGBoost {xgboost.__version__} XGBClassifier",
        )
    if algo == "lgbm":
        try:
            import lightgbm

            return (
                lightgbm.LGBMClassifier(
                    n_estimators=100, learning_rate=0.05, num_leaves=31, min_child_samples=20, n_jobs=threads, random_state=SEED
                ),
                f"LightGBM {lightgbm.__version__} LGBMClassifier",
            )
        except ImportError:
            from sklearn.ensemble import HistGradientBoostingClassifier

            # early_stopping would turn itself on above 10,000 rows ('auto'); LightGBM boosts every round.
            return (
                HistGradientBoostingClassifier(
                    max_iter=100, learning_rate=0.05, max_leaf_nodes=31, min_samples_leaf=20, early_stopping=False, random_state=SEED
                ),
                f"scikit-learn {sklearn.__version__} HistGradientBoostingClassifier (no lightgbm module)",
            )
    if algo == "lr":
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=1.0, solver="lbfgs", max_iter=1000), f"scikit-learn {sklearn.__version__} LogisticRegression"
    raise SystemExit(f"peer.py: unknown algorithm {algo}")


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def pipeline(schema, algo, threads):
    """The Pipeline (preprocessing, estimator), its description, and a list that gets the estimator's own fit time."""
    model, description = estimator(algo, threads)
    seconds = []
    fit = model.fit

    # The Pipeline calls the estimator's fit last, on the preprocessed matrix; timing that call splits its fit in two.
    def timed_fit(*args, **kwargs):
        result, elapsed = timed(lambda: fit(*args, **kwargs))
        seconds.append(elapsed)
        return result

    model.fit = timed_fit
    return Pipeline([("pre", preprocessor(schema, standardise=algo == "lr")), ("model", model)]), description, seconds


def run(args):
    imports = time.perf_counter() - _T0
    schema = load_schema(args.schema)
    pipe, description, estimator_s = pipeline(schema, args.algo, args.threads)
    (x_frame, y), read_s = timed(lambda: read(schema["train"], schema))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _, fit_s = timed(lambda: pipe.fit(x_frame, y))
    model = pipe.named_steps["model"]
    test_frame, y_test = read(schema["test"], schema)
    probability = pipe.predict_proba(test_frame)[:, 1]
    auc = roc_auc_score(y_test, probability)

    from_file, in_memory, proba_only = [], [], []
    x_test = pipe.named_steps["pre"].transform(test_frame)
    for _ in range(max(1, args.reps)):
        from_file.append(timed(lambda: pipe.predict_proba(read(schema["test"], schema)[0])[:, 1])[1])
        in_memory.append(timed(lambda: pipe.predict_proba(test_frame)[:, 1])[1])
        proba_only.append(timed(lambda: model.predict_proba(x_test)[:, 1])[1])

    line = {
        "side": "python",
        "algo": args.algo,
        "engine": description,
        "rows_train": int(x_frame.shape[0]),
        "rows_test": int(x_test.shape[0]),
        "columns": int(x_test.shape[1]),
        "import_s": imports,
        "read_s": read_s,
        "fit_s": fit_s,
        "estimator_fit_s": estimator_s[0],
        "preprocess_s": fit_s - estimator_s[0],
        "auc": auc,
        "predict_file_s": statistics.median(from_file),
        "predict_mem_s": statistics.median(in_memory),
        "predict_proba_s": statistics.median(proba_only),
        "threads": args.threads,
        "warnings": sorted({str(w.message).splitlines()[0] for w in caught}),
    }
    if hasattr(model, "n_iter_"):
        line["n_iter"] = np.asarray(model.n_iter_).ravel().tolist()
    print(json.dumps(line))


def twice(args):
    schema = load_schema(args.schema)
    pipe, _, _ = pipeline(schema, args.algo, args.threads)
    x_frame, y = read(schema["train"], schema)
    fits = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for fresh in [clone(pipe) for _ in range(6)]:
            fits.append(timed(lambda: fresh.fit(x_frame, y))[1])
    line = {"side": "python-twice", "algo": args.algo, "first_fit_s": fits[0], "second_fit_s": fits[1], "warm_fit_s": statistics.median(fits[3:])}
    print(json.dumps(line))


def auc(args):
    schema = load_schema(args.schema)
    _, y_test = read(schema["test"], schema)
    scores = np.loadtxt(args.scores, dtype=np.float64, ndmin=1)
    if len(scores) != len(y_test):
        raise SystemExit(f"peer.py: {len(scores)} scores for {len(y_test)} test rows")
    print(json.dumps({"auc": roc_auc_score(y_test, scores), "rows": len(scores)}))


def versions(_):
    parts = [f"Python {sys.version.split()[0]}", f"scikit-learn {sklearn.__version__}", f"numpy {np.__version__}", f"pandas {pd.__version__}"]
    try:
        import xgboost

        parts.append(f"xgboost {xgboost.__version__}")
    except ImportError:
        parts.append("no xgboost")
    try:
        import lightgbm

        parts.append(f"lightgbm {lightgbm.__version__}")
    except ImportError:
        parts.append("no lightgbm (lgbm compared against HistGradientBoostingClassifier)")
    print(", ".join(parts))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("run")
    p.add_argument("schema")
    p.add_argument("algo", choices=["rf", "xgb", "lgbm", "lr"])
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.set_defaults(func=run)
    p = commands.add_parser("twice")
    p.add_argument("schema")
    p.add_argument("algo", choices=["rf", "xgb", "lgbm", "lr"])
    p.add_argument("--threads", type=int, default=2)
    p.set_defaults(func=twice)
    p = commands.add_parser("auc")
    p.add_argument("schema")
    p.add_argument("scores")
    p.set_defaults(func=auc)
    p = commands.add_parser("versions")
    p.set_defaults(func=versions)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
