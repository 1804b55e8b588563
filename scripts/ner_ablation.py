#!/usr/bin/env python3
"""Trains the entity models with one choice changed at a time and prints the dev F1 table for docs/ner.md.

Usage: scripts/ner_ablation.py [--tolk .build/release/tolk] [--work .build/ner-ablation] [--only SUBSTRING]
Each variant is trained by `tolk train ner` into its own folder (with the committed word clusters) and
scored on the dev splits, model alone and merged with the lexicon, as `tolk train ner` prints them.
"""
import argparse
import pathlib
import re
import shutil
import subprocess
import time

VARIANTS = [
    ("final (fine NorNE types, lexicon + cluster features; no: a CRF of 10 epochs; en: 5 perceptrons of "
     "5 epochs on GUM alone, person-name features, no lexicon-feature dropout)", []),
    ("English: no person-name features", ["--person-names", "none"]),
    ("Norwegian: person-name features too", ["--person-names", "no", "--person-names", "en"]),
    ("no word clusters", ["--no-clusters"]),
    ("no lexicon features", ["--no-gazetteer"]),
    ("Norwegian: no lexicon-feature dropout", ["--gazetteer-dropout", "0"]),
    ("English: lexicon-feature dropout 0.5 (before the ninth round)", ["--english-gazetteer-dropout", "0.5"]),
    ("collapsed types (PER/ORG/LOC/MISC)", ["--collapse"]),
    ("Norwegian: CRF, 15 epochs", ["--epochs", "15"]),
    ("Norwegian: perceptron, 15 epochs (before the sixth round)", ["--learner", "perceptron", "--epochs", "15"]),
    ("Norwegian: 3 perceptrons of 5 epochs", ["--learner", "perceptron", "--epochs", "5", "--runs", "3"]),
    ("English: 1 perceptron of 15 epochs", ["--english-epochs", "15", "--english-runs", "1"]),
    ("English: 1 perceptron of 5 epochs", ["--english-runs", "1"]),
    ("2^20 buckets", ["--bucket-bits", "20"]),
    ("2^18 buckets", ["--bucket-bits", "18"]),
    ("English: GUM ×3 + NorNE (before the ninth round)", ["--with-norwegian", "--english-repeat", "3"]),
    ("English: GUM ×3 per epoch", ["--english-repeat", "3"]),
    ("English: GUM ×3 + NorNE, NorNE GPE_ORG as LOC",
     ["--with-norwegian", "--english-repeat", "3", "--gpe-org-as-location"]),
    ("English: one lower-cased copy of GUM", ["--lowercased-repeat", "1"]),
    ("English: self-training on langid/en.txt (0.6)", ["--self-training", "0.6"]),
    ("English: CRF, rate 0.3, L2 0.1, 5 epochs",
     ["--english-learner", "crf", "--english-runs", "1", "--english-epochs", "5"]),
]
FILES = ["norne/nob/dev.conllu", "norne/nno/dev.conllu", "gum_en/dev.conllu", "uner_en_ewt/dev.conllu"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tolk", default=".build/release/tolk")
    parser.add_argument("--work", default=".build/ner-ablation")
    parser.add_argument("--only", default="", help="run only the variants whose name contains this")
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    rows = []
    for name, flags in VARIANTS:
        if args.only not in name:
            continue
        folder = work / re.sub(r"[^a-z0-9]+", "-", name.lower())[:40]
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy("lexicons/ner/clusters.tsv", folder / "clusters.tsv")
        started = time.time()
        run = subprocess.run([args.tolk, "train", "ner", "--output", str(folder), *flags],
                             capture_output=True, text=True, check=True)
        seconds = time.time() - started
        (folder / "train.log").write_text(run.stdout + run.stderr)
        scores = {}
        label = None
        for line in run.stdout.splitlines():
            header = re.match(r"\[(model alone|merged)\] (\S+):", line)
            if header:
                label = (header.group(1), header.group(2))
            micro = re.match(r"\s+micro .*F1\s+([0-9.]+)", line)
            if micro and label:
                scores[label] = float(micro.group(1))
        size = sum(p.stat().st_size for p in folder.glob("*.bin")) / 1e6
        rows.append((name, scores, size, seconds))
        print(f"done: {name} ({seconds:.0f} s)", flush=True)
    print()
    print("| variant | " + " | ".join(f"{f.split('/')[0]}/{f.split('/')[1]} model / merged" for f in FILES)
          + " | model MB | train + scoring s |")
    print("|---|" + "---|" * (len(FILES) + 2))
    for name, scores, size, seconds in rows:
        cells = [f"{scores.get(('model alone', f), 0):.1f} / {scores.get(('merged', f), 0):.1f}" for f in FILES]
        print(f"| {name} | " + " | ".join(cells) + f" | {size:.0f} | {seconds:.0f} |")


if __name__ == "__main__":
    main()
