#!/usr/bin/env python3
"""Checks examples/spark/annotate.py against a direct `tolk annotate` run, byte for byte (make spark-check).

Usage: spark_check.py --tolk BINARY [--lexicons DIR] [--work DIR] [--megabytes N] [--partitions N]

Writes one JSONL input: the seeds as records, a generated corpus (scripts/build_corpus.py, from
../shared/data) and, spread through it, bad records (malformed JSON, empty text, a missing field,
not an object) and blank lines. Runs the Spark job with spark-submit in local[2] and in
local-cluster[2,1,1024] mode (separate executor JVMs, as on a cluster), shipping the binary and a
.tar.gz of the lexicons, and `tolk annotate -` on the same input with the same binary
and the lexicon folder; then compares each run's concatenated part files with the direct output. Exits 1 on
any difference, naming the first differing line.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pyspark

ROOT = Path(__file__).resolve().parent.parent

# Bad records and blank lines, inserted every BAD_EVERY lines; each bad one becomes an error record.
BAD_RECORDS = [
    '{"id":"bad-malformed","text":"unterminated',
    '{"id":"bad-empty","text":"  "}',
    '{"id":"bad-missing"}',
    '["not", "an", "object"]',
    "",
]
BAD_EVERY = 211

# local[2]: one JVM, executor threads, shipped files in the driver's temporary folder.
# local-cluster[2,1,1024]: a standalone master and worker with two one-core executor JVMs, each with
# its own working directory that shipped files are fetched into, as on a cluster.
MASTERS = ["local[2]", "local-cluster[2,1,1024]"]


def write_input(path, corpus_megabytes, work):
    """The seeds, then the generated corpus with bad records spread through it; returns the counts."""
    corpus = work / "corpus.jsonl"
    if (ROOT.parent / "shared/data/langid").is_dir():
        subprocess.run(
            [sys.executable, str(ROOT / "scripts/build_corpus.py"), str(corpus_megabytes), str(corpus)], check=True)
    else:
        # A clone without ../shared: articles made of the sample articles' paragraphs, rotated.
        print("spark-check: ../shared/data is not here; the corpus is built from seeds/", file=sys.stderr)
        paragraphs = [
            paragraph.strip()
            for seed in sorted((ROOT / "seeds").glob("*.txt"))
            for paragraph in seed.read_text(encoding="utf-8").split("\n\n")
            if paragraph.strip()
        ]
        records, size, number = [], 0, 0
        while size < corpus_megabytes * 1_000_000:
            count = 4 + number % 9
            text = "\n\n".join(paragraphs[(number * 7 + k) % len(paragraphs)] for k in range(count))
            records.append(json.dumps({"id": f"seedmix-{number:06d}", "text": text}, ensure_ascii=False))
            size += len(text.encode("utf-8"))
            number += 1
        corpus.write_text("".join(record + "\n" for record in records), encoding="utf-8")
    lines = [
        json.dumps({"id": seed.stem, "text": seed.read_text(encoding="utf-8")}, ensure_ascii=False)
        for seed in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    bad = 0
    for number, line in enumerate(corpus.read_text(encoding="utf-8").splitlines(), start=1):
        lines.append(line)
        if number % BAD_EVERY == 0:
            extra = BAD_RECORDS[(number // BAD_EVERY - 1) % len(BAD_RECORDS)]
            lines.append(extra)
            bad += extra != ""
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines), sum(1 for line in lines if line), bad


def run_spark(master, source, archive, arguments, work):
    """Runs examples/spark/annotate.py with spark-submit; returns the part files, their bytes joined and
    the seconds it took."""
    name = master.split("[")[0]
    output, log = work / f"spark-output-{name}", work / f"spark-{name}.log"
    subprocess.run(["rm", "-rf", str(output)], check=True)
    # spark-submit finds Spark (SPARK_HOME) through a Python with pyspark, which also runs the workers.
    environment = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}"
    started = time.monotonic()
    with log.open("wb") as log_file:
        spark = subprocess.run(
            [str(Path(sys.executable).parent / "spark-submit"), "--master", master,
             "--conf", "spark.ui.showConsoleProgress=false", "--conf", "spark.ui.enabled=false",
             str(ROOT / "examples/spark/annotate.py"), str(source), str(output),
             "--tolk", str(arguments.tolk.resolve()), "--lexicons", str(archive),
             "--partitions", str(arguments.partitions)],
            stdout=log_file, stderr=subprocess.STDOUT, env=environment)
    seconds = time.monotonic() - started
    if spark.returncode != 0:
        print(log.read_text(errors="replace")[-4000:], file=sys.stderr)
        sys.exit(f"spark-check: FAILED: spark-submit --master {master} exited with status {spark.returncode} (log: {log})")
    # local-cluster executors work in SPARK_HOME/work/APP_ID (binary, lexicons, logs): 130 MB each.
    for application in set(re.findall(r"app-\d+-\d+", log.read_text(errors="replace"))):
        shutil.rmtree(Path(pyspark.__file__).parent / "work" / application, ignore_errors=True)
    parts = sorted(output.glob("part-*"))
    return master, parts, b"".join(part.read_bytes() for part in parts), seconds


def first_difference(expected, actual):
    """The 1-based number of the first line that differs, and the two lines (None past the end)."""
    expected_lines, actual_lines = expected.split(b"\n"), actual.split(b"\n")
    for number in range(max(len(expected_lines), len(actual_lines))):
        left = expected_lines[number] if number < len(expected_lines) else None
        right = actual_lines[number] if number < len(actual_lines) else None
        if left != right:
            return number + 1, left, right
    return None


def shorten(line):
    return "(missing)" if line is None else line[:300].decode("utf-8", "replace") + ("…" if len(line) > 300 else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolk", required=True, type=Path, help="the static tolk binary")
    parser.add_argument("--lexicons", default=ROOT / "lexicons", type=Path, help="the lexicon folder")
    parser.add_argument("--work", default=ROOT / ".build-static/spark-check", type=Path, help="scratch folder")
    parser.add_argument("--megabytes", default=4.0, type=float, help="text in the generated corpus (10^6 bytes)")
    parser.add_argument("--partitions", default=8, type=int, help="minimum number of input partitions")
    arguments = parser.parse_args()
    work = arguments.work.resolve()
    work.mkdir(parents=True, exist_ok=True)

    source = work / "input.jsonl"
    input_lines, records, bad = write_input(source, arguments.megabytes, work)
    archive = work / "lexicons.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for path in sorted(arguments.lexicons.rglob("*")):
            tar.add(path, arcname=str(path.relative_to(arguments.lexicons)), recursive=False)

    runs = [run_spark(master, source, archive, arguments, work) for master in MASTERS]
    started = time.monotonic()
    with source.open("rb") as stdin:
        direct = subprocess.run(
            [str(arguments.tolk), "annotate", "-", "--quiet", "--lexicons", str(arguments.lexicons)],
            stdin=stdin, stdout=subprocess.PIPE)
    direct_seconds = time.monotonic() - started
    expected = direct.stdout

    expected_lines = expected.count(b"\n")
    problems = []
    if direct.returncode != 1:
        problems.append(f"the direct run exited with status {direct.returncode}, expected 1 (some error records)")
    if expected_lines != records:
        problems.append(f"the direct run wrote {expected_lines} lines for {records} records")
    errors = expected.count(b'"error":{"code":')
    if errors != bad:
        problems.append(f"the direct run wrote {errors} error records for {bad} bad records")
    for master, parts, actual, seconds in runs:
        if len(parts) < 4:
            problems.append(f"{master}: only {len(parts)} partitions; the check needs at least 4 to mean something")
        difference = first_difference(expected, actual)
        if difference:
            number, left, right = difference
            problems.append(
                f"{master}: Spark output differs from the direct run at line {number}:\n"
                f"  direct: {shorten(left)}\n  spark:  {shorten(right)}")

    print(
        f"spark-check: input {input_lines} lines ({records} records, {bad} bad, {input_lines - records} blank), "
        f"{source.stat().st_size / 1e6:.1f} MB")
    print(f"spark-check: direct tolk annotate -: {expected_lines} lines, {len(expected)} bytes in {direct_seconds:.1f} s")
    for master, parts, actual, seconds in runs:
        lines = actual.count(b"\n")
        print(
            f"spark-check: spark-submit --master {master}: {len(parts)} partitions, "
            f"{lines} lines, {len(actual)} bytes in {seconds:.1f} s")
    if problems:
        for problem in problems:
            print(f"spark-check: FAILED: {problem}", file=sys.stderr)
        print(f"spark-check: inputs, outputs and Spark logs in {work}", file=sys.stderr)
        sys.exit(1)
    print(f"spark-check: OK, byte-identical ({errors} error records, renumbered across partitions)")


if __name__ == "__main__":
    main()
