#!/usr/bin/env python3
"""Whether two tolk builds write the same bytes: the check behind every "same output" speed change.

    scripts/compare_outputs.py OLD/tolk NEW/tolk [CORPUS.jsonl ...]

Runs `tolk annotate` with each build on:
- every corpus given (e.g. a slice of the bench corpus, `.build/bench/c2.jsonl`), with default options;
- the seeds with `--tokens all`;
- the entity-model sample (`Tests/Fixtures/ner/sample.jsonl`) with `--tokens all`;
- every hostile JSONL fixture (`Tests/Fixtures/hostile/*.jsonl`) with `--jobs 2`;

and compares the output files byte for byte and the exit statuses. Prints one line per input and
exits with status 1 when any differs (or a build crashes), 0 when all are identical.
"""
import argparse
import filecmp
import glob
import os
import subprocess
import sys
import tempfile


def run(binary: str, arguments: list[str], output: str) -> int:
    return subprocess.run(
        [binary, "annotate", *arguments, "--output", output, "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    ).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("corpora", nargs="*")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    cases = [(os.path.basename(corpus), [corpus]) for corpus in args.corpora]
    cases.append(("seeds", [*sorted(glob.glob(os.path.join(root, "seeds", "*.txt"))), "--tokens", "all"]))
    cases.append(("ner sample", [os.path.join(root, "Tests/Fixtures/ner/sample.jsonl"), "--tokens", "all"]))
    for fixture in sorted(glob.glob(os.path.join(root, "Tests/Fixtures/hostile/*.jsonl"))):
        cases.append((f"hostile/{os.path.basename(fixture)}", [fixture, "--jobs", "2"]))
    differ = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, arguments in cases:
            old_output, new_output = os.path.join(folder, "old.jsonl"), os.path.join(folder, "new.jsonl")
            for path in (old_output, new_output):
                if os.path.exists(path):
                    os.remove(path)
            old_status = run(args.old, arguments, old_output)
            new_status = run(args.new, arguments, new_output)
            if old_status > 1 or new_status > 1:
                verdict = f"CRASH or failure (exit {old_status} and {new_status})"
            elif old_status != new_status:
                verdict = f"DIFFERENT exit status ({old_status} and {new_status})"
            elif os.path.exists(old_output) != os.path.exists(new_output):
                verdict = "DIFFERENT: only one build wrote output"
            elif os.path.exists(old_output) and not filecmp.cmp(old_output, new_output, shallow=False):
                verdict = "DIFFERENT bytes"
            else:
                lines = sum(1 for _ in open(old_output, "rb")) if os.path.exists(old_output) else 0
                verdict = f"identical ({lines} lines, exit {old_status})"
            if not verdict.startswith("identical"):
                differ += 1
            print(f"{name:40} {verdict}")
    print("all identical" if differ == 0 else f"{differ} of {len(cases)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
