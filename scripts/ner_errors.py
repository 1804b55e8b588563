#!/usr/bin/env python3
"""Lists the entity errors of `tolk annotate` on NER dev splits, as the held-out protocol scores them.

Usage: scripts/ner_errors.py [--tolk .build/release/tolk] [--split gum_en/dev.conllu ...] [--summary]
Each dev sentence goes to `tolk annotate --tokens none -` as one record without a language (as
../shared/EVALUATION.md runs it); the mentions are compared with the gold spans by `score.py`'s own
reading of the CoNLL-U (exact span and type, PER/ORG/LOC). Each error is printed with its sentence:
a wrong type on the right span, a wrong span (overlapping a gold name), a false name, a missed name,
and for predictions the `source` (lexicon file and line, model, rule). `--summary` prints only the
counts per split, kind of error and source. Dev splits are for looking at errors, never for training.
"""
import argparse
import collections
import importlib.util
import json
import pathlib
import subprocess

DATA = pathlib.Path("../shared/data/ner")
SPLITS = ["gum_en/dev.conllu", "uner_en_ewt/dev.conllu", "norne/nob/dev.conllu", "norne/nno/dev.conllu"]


def scorer():
    spec = importlib.util.spec_from_file_location("score", "../shared/tools/score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predictions(tolk, sentences):
    records = "".join(json.dumps({"id": f"s{k:06d}", "text": text}, ensure_ascii=False) + "\n"
                      for k, (text, _) in enumerate(sentences))
    run = subprocess.run([tolk, "annotate", "--tokens", "none", "--quiet", "-"], input=records,
                         capture_output=True, text=True, check=True)
    found = {}
    for line in run.stdout.splitlines():
        record = json.loads(line)
        found[record["id"]] = record.get("entities") or []
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tolk", default=".build/release/tolk")
    parser.add_argument("--split", action="append", help="a dev split under ../shared/data/ner (repeatable)")
    parser.add_argument("--summary", action="store_true", help="print only the counts")
    args = parser.parse_args()
    score = scorer()
    for split in args.split or SPLITS:
        sentences = [score.gold_spans(meta, sent) for meta, sent in score.conllu_sentences(DATA / split)]
        found = predictions(args.tolk, sentences)
        counts = collections.Counter()
        tp = fp = fn = 0
        print(f"== {split}")
        for k, (text, gold) in enumerate(sentences):
            predicted = {}
            for entity in found.get(f"s{k:06d}", []):
                kind = score.COARSE.get(entity.get("type"))
                if kind and not entity.get("in_compound"):
                    predicted[(entity["start"], entity["end"], kind)] = entity.get("source", "")
            tp += len(gold & predicted.keys())
            fp += len(predicted.keys() - gold)
            fn += len(gold - predicted.keys())
            lines = []
            for start, end, kind in sorted(predicted.keys() - gold):
                source = predicted[(start, end, kind)].split(":")[0]
                same = [g for g in gold if g[0] == start and g[1] == end]
                overlapping = [g for g in gold if g[0] < end and start < g[1]]
                if same:
                    what = f"type {kind} for gold {same[0][2]}"
                    counts[("wrong type", source)] += 1
                elif overlapping:
                    g = overlapping[0]
                    what = f"span {kind} for gold {g[2]} [{text[g[0]:g[1]]}]"
                    counts[("wrong span", source)] += 1
                else:
                    what = f"false {kind}"
                    counts[("false name", source)] += 1
                lines.append(f"  + [{text[start:end]}] {what}  ({predicted[(start, end, kind)]})")
            for start, end, kind in sorted(gold - predicted.keys()):
                if not any(p[0] < end and start < p[1] for p in predicted):
                    counts[("missed", "-")] += 1
                    lines.append(f"  - [{text[start:end]}] {kind} missed")
            if lines and not args.summary:
                print(f"s{k:06d} {text}")
                print("\n".join(lines))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"-- {split}: F1 {100 * f1:.2f} (P {100 * precision:.1f} R {100 * recall:.1f}; tp {tp} fp {fp} fn {fn})")
        for (what, source), count in counts.most_common():
            print(f"   {count:4d}  {what:10s}  {source}")


if __name__ == "__main__":
    main()
