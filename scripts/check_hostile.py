#!/usr/bin/env python3
"""Run `tolk annotate` on every hostile fixture and check that nothing is lost and nothing crashes.

Usage: check_hostile.py [--tolk PATH] [--output DIR] [--only NAME…] [--no-resume] [FIXTURE_DIR…]

FIXTURE_DIRs (default: Tests/Fixtures/hostile and .build/hostile, written by scripts/make_hostile.py)
hold NAME.expect.json files (the format is described in make_hostile.py). For each fixture this runs

    /usr/bin/time -v TOLK annotate --tokens all ARGS… INPUT > OUTPUT/NAME.jsonl

from the checkout's root and checks:

- the exit status is the documented one (0 all annotated, 1 some records failed; never a crash);
- there is one output line per input record, in input order, each with the record's id;
- a record expected to be bad has an error record with the expected code, the input line (JSONL) or
  file (.txt) it came from, and the expected words in its message (byte offsets);
- a good record has an annotation, carrying exactly the expected text where one is given;
- every line passes scripts/check_output.py's checks: UTF-8, escapes, JSON, key order, the JSON
  Schema, and every offset and count (`text[start:end]` in code points);
- peak resident memory (from /usr/bin/time -v) stays under the fixture's `max_rss_mb` where it has one.

JSON Schema validation is slow in Python (about 0.7 ms a record, two minutes for the 50 MB record), so
on fixtures of more than 2,000 records it covers every error record and every 25th annotation, and a
layer of more than 2,000 items is validated by its first and last 1,000; everything else (ids, codes,
offsets, counts, key order) is checked on every line and item.

Then, unless --no-resume, an interrupted run: `tolk annotate -o FILE` on the 100,000-record fixture is
killed with SIGKILL half-way; FILE must still hold its previous content, FILE.partial only complete
lines plus at most one partial line; `--resume` must then finish FILE byte-identical to the
uninterrupted run and remove FILE.partial.

Prints a table (fixture, records, errors, exit status, peak MB, its bound, seconds) and exits 1 on any
failure.
Installs GNU time with apt-get when /usr/bin/time is missing and we run as root.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_output import DEFAULT_SCHEMA, Checker, shorten  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = [ROOT / "Tests" / "Fixtures" / "hostile", ROOT / ".build" / "hostile"]
TIMEOUT_SECONDS = 600  # a hang guard, not a speed test
SAMPLE_ABOVE_RECORDS = 2000
SAMPLE_EVERY = 25
SAMPLE_ABOVE_ITEMS = 2000
SAMPLE_ITEMS = 1000
MAX_PROBLEMS_SHOWN = 10
RESUME_FIXTURE = "many-records"


@dataclass
class Outcome:
    """What one fixture run gave."""

    name: str
    records: int = 0
    errors: int = 0
    status: int | None = None
    peak_mb: float | None = None
    seconds: float | None = None
    bound_mb: int | None = None
    problems: list[str] = field(default_factory=list)


def ensure_gnu_time() -> Path:
    """/usr/bin/time (GNU time, for -v); installed with apt-get when missing and we are root."""
    path = Path("/usr/bin/time")
    if path.exists():
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing GNU time with apt-get", file=sys.stderr)
        environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=environment)
        subprocess.run(["apt-get", "install", "-y", "-qq", "time"], check=True, env=environment, stdout=subprocess.DEVNULL)
        return path
    sys.exit("error: /usr/bin/time (GNU time) is missing; run: sudo apt-get install time")


def relative(path: Path) -> str:
    """The path as given to tolk, relative to the checkout when inside it (error records repeat it)."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def parse_time_report(text: str) -> tuple[float | None, float | None]:
    """Peak RSS in MB and wall-clock seconds from GNU time's -v report."""
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    seconds = None
    if wall:
        seconds = 0.0
        for part in wall.group(1).split(":"):
            seconds = seconds * 60 + float(part)
    return (int(peak.group(1)) / 1024 if peak else None), seconds


def sampled_for_schema(record: dict[str, Any]) -> dict[str, Any]:
    """The record with each layer longer than SAMPLE_ABOVE_ITEMS cut to its first and last items."""
    copy = dict(record)
    for key, value in record.items():
        if isinstance(value, list) and len(value) > SAMPLE_ABOVE_ITEMS:
            half = SAMPLE_ITEMS // 2
            copy[key] = value[:half] + value[-half:]
    return copy


def check_line(checker: Checker, raw: bytes, full_schema: bool) -> tuple[Any, list[str]]:
    """The parsed record and the problems check_output.py finds, with the schema sampled as described."""
    problems = checker.check_terminator(raw)
    line, decode_problems = checker.decode_utf8(raw)
    if line is None:
        return None, problems + decode_problems
    problems += checker.check_raw_separators(line)
    record, parse_problems = checker.parse_json(line)
    if parse_problems:
        return None, problems + parse_problems
    is_error = isinstance(record, dict) and "error" in record
    if is_error:
        schema_problems = checker.check_schema(record)
    elif full_schema:
        schema_problems = checker.check_schema(sampled_for_schema(record))
    else:
        schema_problems = []  # a record left out of the sample still gets every check below
    if schema_problems:
        return record, problems + schema_problems
    try:
        problems += checker.check_key_order(record)
        if not is_error:
            problems += checker.check_annotation(record)
    except (KeyError, TypeError, IndexError) as error:  # only possible in a record the schema did not see
        problems.append(f"not an annotation record of the documented shape: {type(error).__name__} {error}")
    return record, problems


def compare(record: dict[str, Any], expected: dict[str, Any], input_path: str) -> list[str]:
    """Problems of one output record against its expectation."""
    problems = []
    if record.get("id") != expected["id"]:
        problems.append(f"id is {shorten(repr(record.get('id')), 80)}, expected {shorten(repr(expected['id']), 80)}")
    error = record.get("error")
    if expected["expect"] == "ok":
        if error is not None:
            problems.append(f"expected an annotation, got error {error.get('code')}: {shorten(error.get('message', ''), 200)}")
        elif "text" in expected and record.get("text") != expected["text"]:
            problems.append(f"text is {shorten(repr(record.get('text')), 120)}, expected {shorten(repr(expected['text']), 120)}")
        return problems
    if error is None:
        return problems + [f"expected error {expected['expect']}, got an annotation"]
    if error.get("code") != expected["expect"]:
        problems.append(f"error code is {error.get('code')} ({shorten(error.get('message', ''), 200)}), expected {expected['expect']}")
    if error.get("line") != expected["line"]:
        problems.append(f"error line is {error.get('line')}, expected {expected['line']}")
    file = input_path + "/" + expected["file"] if expected.get("file") else input_path
    if error.get("file") != file:
        problems.append(f"error file is {error.get('file')!r}, expected {file!r}")
    if "message" in expected and expected["message"] not in error.get("message", ""):
        problems.append(f"error message {error.get('message')!r} does not contain {expected['message']!r}")
    return problems


def run_fixture(expect_path: Path, tolk: Path, output_dir: Path, checker: Checker, time_binary: Path) -> Outcome:
    name = expect_path.name.removesuffix(".expect.json")
    spec = json.loads(expect_path.read_text(encoding="utf-8"))
    outcome = Outcome(name=name, bound_mb=spec.get("max_rss_mb"))
    input_path = relative(expect_path.parent / spec["input"])
    output_path = output_dir / f"{name}.jsonl"
    report_path = output_dir / f"{name}.time"
    command = [str(time_binary), "-v", "-o", str(report_path), str(tolk), "annotate", "--tokens", "all",
               *spec["args"], input_path]
    with output_path.open("wb") as stdout:
        try:
            process = subprocess.run(command, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            outcome.problems.append(f"still running after {TIMEOUT_SECONDS} s; killed")
            return outcome
    outcome.status = process.returncode
    outcome.peak_mb, outcome.seconds = parse_time_report(report_path.read_text(errors="replace"))
    stderr = process.stderr.decode("utf-8", errors="replace")
    if process.returncode != spec["exit"]:
        outcome.problems.append(f"exit status {process.returncode}, expected {spec['exit']}; stderr: {shorten(stderr, 400)}")
    if process.returncode < 0 or process.returncode > 2 or "Fatal error" in stderr:
        outcome.problems.append(f"crashed: {shorten(stderr, 400)}")
    if outcome.bound_mb is not None and (outcome.peak_mb is None or outcome.peak_mb > outcome.bound_mb):
        outcome.problems.append(f"peak memory {outcome.peak_mb} MB is over the bound of {outcome.bound_mb} MB")

    expected_records = spec["records"]
    full_schema = len(expected_records) <= SAMPLE_ABOVE_RECORDS
    with output_path.open("rb") as lines:
        for index, raw in enumerate(lines):
            where = f"output line {index + 1}"
            record, problems = check_line(checker, raw, full_schema or index % SAMPLE_EVERY == 0)
            outcome.records += 1
            if isinstance(record, dict) and "error" in record:
                outcome.errors += 1
            if index >= len(expected_records):
                problems.append(f"one line more than the {len(expected_records)} input records")
            elif isinstance(record, dict):
                expected = expected_records[index]
                label = f"record {index + 1} (id {shorten(repr(expected['id']), 40)}, line {expected['line']})"
                problems += [f"{label}: {problem}" for problem in compare(record, expected, input_path)]
            outcome.problems += [f"{where}: {problem}" for problem in problems]
    if outcome.records < len(expected_records):
        outcome.problems.append(f"{outcome.records} output lines for {len(expected_records)} input records")
    return outcome


def check_resume(expect_path: Path, tolk: Path, output_dir: Path, reference: Path) -> Outcome:
    """Kill a run with -o half-way, check FILE and FILE.partial, resume, compare with `reference`."""
    outcome = Outcome(name=f"{RESUME_FIXTURE} (killed, --resume)")
    spec = json.loads(expect_path.read_text(encoding="utf-8"))
    input_path = relative(expect_path.parent / spec["input"])
    target = output_dir / "resume" / "annotations.jsonl"
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(target.parent, ignore_errors=True)
    target.parent.mkdir(parents=True)
    previous = b'{"previous":"complete file"}\n'
    target.write_bytes(previous)
    command = [str(tolk), "annotate", "--tokens", "all", *spec["args"], input_path, "-o", str(target)]
    total = reference.stat().st_size
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None and time.monotonic() - started < TIMEOUT_SECONDS:
        if partial.exists() and partial.stat().st_size > total // 3:
            break
        time.sleep(0.01)
    if process.poll() is not None:
        outcome.problems.append(f"the run ended (status {process.returncode}) before it could be killed half-way")
        return outcome
    process.send_signal(signal.SIGKILL)
    process.wait()
    if target.read_bytes() != previous:
        outcome.problems.append(f"{target} changed although the run was killed")
    kept = partial.read_bytes() if partial.exists() else b""
    complete = kept[: kept.rfind(b"\n") + 1]
    if not reference.read_bytes().startswith(complete):
        outcome.problems.append(f"{partial}: its complete lines are not the start of the uninterrupted output")
    kept_lines = complete.count(b"\n")
    resumed = subprocess.run([*command, "--resume"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             timeout=TIMEOUT_SECONDS)
    outcome.status = resumed.returncode
    outcome.seconds = time.monotonic() - started
    if resumed.returncode != spec["exit"]:
        outcome.problems.append(f"--resume exited {resumed.returncode}, expected {spec['exit']}: {shorten(resumed.stderr.decode(errors='replace'), 300)}")
    if partial.exists():
        outcome.problems.append(f"{partial} is still there after --resume")
    if not target.exists() or target.read_bytes() != reference.read_bytes():
        outcome.problems.append(f"{target} after --resume differs from the uninterrupted run")
    outcome.records = len(spec["records"])
    outcome.errors = sum(1 for entry in spec["records"] if entry["expect"] != "ok")
    print(f"resume: killed after {kept_lines} complete lines of {outcome.records}; --resume finished the file")
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run tolk annotate on the hostile fixtures and check every line.")
    parser.add_argument("dirs", nargs="*", type=Path, metavar="FIXTURE_DIR", help="directories of NAME.expect.json")
    parser.add_argument("--tolk", type=Path, default=ROOT / ".build" / "release" / "tolk", help="the tolk binary")
    parser.add_argument("--output", type=Path, help="keep the outputs here (default: a temporary directory)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these fixtures")
    parser.add_argument("--no-resume", action="store_true", help="skip the killed-run and --resume check")
    args = parser.parse_args(argv)

    time_binary = ensure_gnu_time()
    tolk = args.tolk.resolve()
    if not tolk.exists():
        sys.exit(f"error: {tolk} does not exist; build it with: swift build -c release --product tolk")
    checker = Checker(json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8")))
    expect_paths = sorted(path for directory in (args.dirs or DEFAULT_DIRS) for path in directory.glob("*.expect.json"))
    if args.only:
        expect_paths = [path for path in expect_paths if path.name.removesuffix(".expect.json") in args.only]
    if not expect_paths:
        sys.exit("error: no fixtures found; run scripts/make_hostile.py first")

    temporary = None if args.output else tempfile.TemporaryDirectory(prefix="tolk-hostile-")
    output_dir = args.output or Path(temporary.name)
    output_dir.mkdir(parents=True, exist_ok=True)
    outcomes = []
    try:
        for expect_path in expect_paths:
            outcomes.append(run_fixture(expect_path, tolk, output_dir, checker, time_binary))
            name = outcomes[-1].name
            if name == RESUME_FIXTURE and not args.no_resume and not outcomes[-1].problems:
                outcomes.append(check_resume(expect_path, tolk, output_dir, output_dir / f"{name}.jsonl"))
    finally:
        if temporary:
            temporary.cleanup()

    def cell(value: Any, digits: int = 0) -> str:
        if value is None:
            return "-"
        return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"

    rows = [["fixture", "records", "errors", "exit", "peak MB", "bound MB", "seconds", "result"]]
    for outcome in outcomes:
        rows.append([outcome.name, cell(outcome.records), cell(outcome.errors), cell(outcome.status),
                     cell(outcome.peak_mb), cell(outcome.bound_mb), cell(outcome.seconds, 2),
                     "ok" if not outcome.problems else f"{len(outcome.problems)} problems"])
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(text.ljust(width) if column == 0 else text.rjust(width)
                        for column, (text, width) in enumerate(zip(row, widths))).rstrip())
    failed = [outcome for outcome in outcomes if outcome.problems]
    for outcome in failed:
        for problem in outcome.problems[:MAX_PROBLEMS_SHOWN]:
            print(f"{outcome.name}: {problem}")
        if len(outcome.problems) > MAX_PROBLEMS_SHOWN:
            print(f"{outcome.name}: … and {len(outcome.problems) - MAX_PROBLEMS_SHOWN} more problems")
    print(f"hostile fixtures: {len(outcomes) - len(failed)} of {len(outcomes)} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
