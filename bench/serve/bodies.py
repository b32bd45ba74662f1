#!/usr/bin/python3
"""Writes the JSON bodies bench/serve/run.sh POSTs to /predict: the first N rows of a processed CSV as records.

  bodies.py CARD_JSON CSV OUT_PREFIX N [N...]     writes OUT_PREFIX-N.json for each N

Each record has the features the model card lists, typed as a client would send them: numbers as JSON numbers,
booleans as true/false, categories as strings, empty fields as null; the target and other columns are left out.
"""

import csv
import json
import sys

BOOLEAN = {"true": True, "false": False, "1": True, "0": False}


def value(text, kind):
    text = text.strip()
    if text == "":
        return None
    if kind == "boolean":
        return BOOLEAN[text.lower()]
    if kind == "integer":
        return int(float(text))
    if kind == "number":
        return float(text)
    return text


def main():
    card_path, csv_path, prefix, *sizes = sys.argv[1:]
    with open(card_path, encoding="utf-8") as f:
        features = [(x["name"], x["type"]) for x in json.load(f)["features"]]
    sizes = [int(n) for n in sizes]
    with open(csv_path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        records = []
        for row in reader:
            records.append({name: value(row[name], kind) for name, kind in features})
            if len(records) == max(sizes):
                break
    for n in sizes:
        with open(f"{prefix}-{n}.json", "w", encoding="utf-8") as out:
            json.dump(records[:n], out, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main()
