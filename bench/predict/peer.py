#!/usr/bin/python3
"""The Python peer of `cauce predict`, for bench/predict/run.sh: scikit-learn and XGBoost scoring the same CSV.

The model is the one bench/train compares with (its peer.py's `estimator` and `preprocessor`, imported from there
so both benchmarks fit the same thing), wrapped in a scikit-learn Pipeline with its preprocessing, fitted on the
train split Cauce's model was trained on and saved with joblib, as a scikit-learn user would deploy it:

  rf    RandomForestClassifier(n_estimators=100, n_jobs=2): scikit-learn's defaults, fully grown trees
  rf64  the same with trees the size of Cauce's rf (max_leaf_nodes=64, min_samples_leaf=2, 70 % of the features
        and of the rows): the forest to compare scoring speed with, tree for tree
  lgbm  HistGradientBoostingClassifier(max_iter=100, learning_rate=0.05, max_leaf_nodes=31) (Debian has no
        python3-lightgbm)
  lr    LogisticRegression(lbfgs), after OneHotEncoder and StandardScaler
  xgb   xgboost.XGBClassifier(n_estimators=100, tree_method='hist', n_jobs=2)

Usage:
  peer.py fit CARD_JSON PROJECT ALGO MODEL_FILE [--threads 2]
      Fits ALGO on the train split named in Cauce's model card (with the card's features and types) and saves the
      pipeline to MODEL_FILE. One JSON line: fit_s, model_mb.
  peer.py predict MODEL_FILE INPUT OUTPUT
      What `cauce predict --input INPUT --output OUTPUT` does: load the model, read INPUT (pandas.read_csv), score
      it (the pipeline's transform, then the estimator's predict_proba: together, the pipeline's predict_proba),
      write OUTPUT (row, the target when INPUT has it, prediction, probability as float32 — the columns and number
      format Cauce writes). One JSON line: rows and each step's seconds (import_s, load_s, read_s, transform_s,
      proba_s, write_s).
  peer.py versions
      The versions of Python and of the libraries, on one line.
"""

import time

_T0 = time.perf_counter()

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

import joblib  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402

_spec = importlib.util.spec_from_file_location("train_peer", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train", "peer.py"))
train = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(train)


def schema_of(card_path):
    """bench/train's schema (features by kind, target, positive label) from Cauce's model card, which has the same keys."""
    schema = train.load_schema(card_path)
    schema["positive"] = schema["labels"][-1]  # Cauce's binary P(positive) is the last label's (ModelSchema.PositiveLabel)
    return schema


def read(path, schema):
    """The file as pandas reads it: categories and the target as text, booleans as 1/0, numbers as floats."""
    kinds = schema["kinds"]
    frame = pd.read_csv(path, dtype={c: str for c in kinds["category"] + kinds["boolean"] + [schema["target"]]})
    for column in kinds["boolean"]:
        frame[column] = frame[column].str.strip().str.lower().map(train.BOOLEAN)
    return frame


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def fit(args):
    schema = schema_of(args.card)
    if args.algo == "rf64":
        from sklearn.ensemble import RandomForestClassifier

        # Cauce's rf card: trees 100, leaves 64, min_leaf 2, feature_fraction 0.7, bagging_fraction 0.7.
        model = RandomForestClassifier(
            n_estimators=100, max_leaf_nodes=64, min_samples_leaf=2, max_features=0.7, max_samples=0.7, n_jobs=args.threads, random_state=train.SEED
        )
        description = "RandomForestClassifier, 64 leaves a tree"
    else:
        model, description = train.estimator(args.algo, args.threads)
    frame = read(os.path.join(args.project, schema["train"]["path"]), schema)
    y = (frame[schema["target"]].str.strip() == schema["positive"]).astype(np.int64).to_numpy()
    pipeline = Pipeline([("prepare", train.preprocessor(schema, standardise=args.algo == "lr")), ("model", model)])
    _, fit_s = timed(lambda: pipeline.fit(frame, y))
    joblib.dump({"pipeline": pipeline, "schema": schema}, args.model)
    print(json.dumps({"algo": args.algo, "engine": description, "rows_train": len(y), "fit_s": fit_s, "model_mb": os.path.getsize(args.model) / 2**20}))


def predict(args):
    import_s = time.perf_counter() - _T0
    saved, load_s = timed(lambda: joblib.load(args.model))
    pipeline, schema = saved["pipeline"], saved["schema"]
    prepare, model = pipeline.named_steps["prepare"], pipeline.named_steps["model"]
    labels, target = schema["labels"], schema["target"]

    frame, read_s = timed(lambda: read(args.input, schema))
    x, transform_s = timed(lambda: prepare.transform(frame))
    probability, proba_s = timed(lambda: model.predict_proba(x)[:, 1])

    def write():
        out = pd.DataFrame({"row": np.arange(1, len(frame) + 1)})
        if target in frame.columns:
            out[target] = frame[target]
        out["prediction"] = np.where(probability > 0.5, labels[1], labels[0])
        out["probability"] = probability.astype(np.float32)
        out.to_csv(args.output, index=False)

    _, write_s = timed(write)
    print(
        json.dumps(
            {
                "rows": len(frame),
                "import_s": import_s,
                "load_s": load_s,
                "read_s": read_s,
                "transform_s": transform_s,
                "proba_s": proba_s,
                "write_s": write_s,
                "file_s": read_s + transform_s + proba_s + write_s,
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("fit")
    p.add_argument("card")
    p.add_argument("project")
    p.add_argument("algo", choices=["rf", "rf64", "xgb", "lgbm", "lr"])
    p.add_argument("model")
    p.add_argument("--threads", type=int, default=2)
    p.set_defaults(func=fit)
    p = commands.add_parser("predict")
    p.add_argument("model")
    p.add_argument("input")
    p.add_argument("output")
    p.set_defaults(func=predict)
    p = commands.add_parser("versions")
    p.set_defaults(func=lambda _: train.versions(None))
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    sys.exit(main())
