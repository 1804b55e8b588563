#!/usr/bin/env python3
"""`make bench`: Tolk's throughput, scaling and memory beside its reference points, in one run (issue #9).

Usage: bench.py [--tolk .build/release/tolk] [--work .build/bench] [--out out]
Environment: BENCH_REPEAT (rounds, default 3), BENCH_LARGE=1 (adds the 1 GB memory run).

1. Builds the corpora with scripts/build_corpus.py (20 MB and 100 MB of text from ../shared/data/langid;
   deterministic, cached in WORK with a stamp of the script's hash and the data files' sizes), and for
   BENCH_LARGE=1 a 1 GB corpus of ten copies of the 100 MB one, ids suffixed -r0 … -r9.
2. Compiles bench/icu_wordbreak.c with `cc -O2` against system ICU.
3. Runs BENCH_REPEAT rounds; each round runs every measurement once, one after another, so that load
   from other jobs falls on all of them alike:
   - `tolk annotate CORPUS20 --tokens none --jobs 1 -o WORK/annotate-jobs1.jsonl`, and --jobs 2, under
     `/usr/bin/time -v` (MB/s as Tolk reports it after loading; peak RSS from "Maximum resident set size");
   - `tolk annotate CORPUS100 --tokens none --jobs 2` for peak RSS (and the 1 GB corpus, once, with
     BENCH_LARGE=1);
   - `tolk bench stages CORPUS20 --json` (reading, each stage, the NER model, JSON writing, Foundation);
   - bench/icu_wordbreak CORPUS20 (ICU word break floor; + NFC + case folding);
   - bench/spacy_tokenize.py and bench/lingua_langid.py on CORPUS20 with this Python (the .venv).
   Each figure is the median over the rounds; the ratios are taken between medians.
4. Prints one markdown table of figures and one of ratios against the issue's goals, writes them to
   OUT/bench.md and every raw figure to OUT/bench.json. A measurement that fails is reported with its
   reason, in the table and in the JSON; no figure stands in for it.

"MB" is 10^6 bytes of UTF-8 article text everywhere. "MB/s (CPU)" divides by the CPU time the process
spent instead of wall-clock time: on a machine shared with other jobs it is the steadier figure for
single-threaded work (for `tolk annotate` it is the whole process's CPU time, loading included).
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "langid"
NER_TOKENS_GOAL = 300_000


class Failed(Exception):
    """A measurement could not be made; the message says why."""


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(command: list[str], timeout: float = 3600) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError as error:
        raise Failed(f"{command[0]} not found ({error})") from error
    except subprocess.TimeoutExpired as error:
        raise Failed(f"{Path(command[0]).name} timed out after {timeout:.0f} s") from error
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise Failed(f"{' '.join(Path(part).name if i == 0 else part for i, part in enumerate(command[:3]))} "
                     f"exited with {result.returncode}: {last}")
    return result


def last_json_line(output: str, what: str) -> dict:
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise Failed(f"{what} printed no JSON line")


# Corpora

def corpus_stamp(megabytes: int) -> str:
    digest = hashlib.sha256((ROOT / "scripts/build_corpus.py").read_bytes()).hexdigest()
    sizes = ",".join(f"{lang}={(DATA / f'{lang}.txt').stat().st_size}" for lang in ("en", "nb", "nn"))
    return f"build_corpus.py {digest} {megabytes} MB; {sizes}\n"


def build_corpus(work: Path, megabytes: int) -> Path:
    path = work / f"corpus-{megabytes}mb.jsonl"
    stamp = path.with_suffix(".stamp")
    expected = corpus_stamp(megabytes)
    if path.exists() and stamp.exists() and stamp.read_text() == expected:
        return path
    log(f"building {path.name}")
    run([sys.executable, str(ROOT / "scripts/build_corpus.py"), str(megabytes), str(path), str(DATA)])
    stamp.write_text(expected)
    return path


def build_large_corpus(work: Path, source: Path, copies: int = 10) -> Path:
    """`copies` concatenated copies of `source`, each id suffixed -rK so that ids stay unique."""
    path = work / "corpus-1gb.jsonl"
    stamp = path.with_suffix(".stamp")
    expected = f"{copies} copies of {source.name}: " + source.with_suffix(".stamp").read_text()
    if path.exists() and stamp.exists() and stamp.read_text() == expected:
        return path
    log(f"building {path.name} ({copies} copies of {source.name}, new ids)")
    prefix = '{"id": "'
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            with source.open(encoding="utf-8") as lines:
                for line in lines:
                    # build_corpus.py writes json.dumps({"id": …, "text": …}); ids hold no quotes.
                    if not line.startswith(prefix):
                        raise Failed(f"{source.name}: a line does not start with {prefix!r}")
                    end = line.index('"', len(prefix))
                    out.write(f"{line[:end]}-r{copy}{line[end:]}")
    stamp.write_text(expected)
    return path


def build_icu_program(work: Path) -> Path:
    source, binary = ROOT / "bench/icu_wordbreak.c", work / "icu_wordbreak"
    if binary.exists() and binary.stat().st_mtime >= source.stat().st_mtime:
        return binary
    compiler = os.environ.get("CC", "cc")
    run([compiler, "-O2", "-o", str(binary), str(source), "-licuuc", "-licui18n", "-licudata"])
    return binary


# Measurements: each returns a dict of figures or raises Failed.

SUMMARY = re.compile(r"tolk: (\d+) annotated, (\d+) errors.*?; ([\d.]+) MB of text in ([\d.]+) s, ([\d.]+) MB/s")
TIME_FIELDS = {
    "Maximum resident set size (kbytes)": "max_rss_kb",
    "User time (seconds)": "user_seconds",
    "System time (seconds)": "system_seconds",
}


def annotate(tolk: Path, corpus: Path, jobs: int, output: Path, keep: bool = True) -> dict:
    """One `tolk annotate` run under /usr/bin/time -v; the output is checked (a line per record) and,
    unless `keep`, deleted afterwards (the 1 GB run writes several GB)."""
    timer = Path("/usr/bin/time")
    if not timer.exists():
        raise Failed("/usr/bin/time is missing (Debian package `time`)")
    command = [str(timer), "-v", str(tolk), "annotate", str(corpus), "--tokens", "none", "--jobs", str(jobs),
               "-o", str(output)]
    started = time.perf_counter()
    result = run(command)
    wall = time.perf_counter() - started
    figures: dict = {"process_seconds": wall}
    for line in result.stderr.splitlines():
        name, _, value = line.strip().partition(": ")
        if name in TIME_FIELDS:
            figures[TIME_FIELDS[name]] = float(value)
    match = SUMMARY.search(result.stderr)
    if not match or "max_rss_kb" not in figures:
        raise Failed(f"tolk annotate --jobs {jobs}: no summary line or no RSS in its standard error")
    annotated, errors = int(match.group(1)), int(match.group(2))
    if errors:
        raise Failed(f"tolk annotate --jobs {jobs}: {errors} error records on the benchmark corpus")
    lines = sum(1 for _ in output.open("rb"))
    output_bytes = output.stat().st_size
    if not keep:
        output.unlink()
    if lines != annotated:
        raise Failed(f"tolk annotate --jobs {jobs}: {lines} output lines for {annotated} records")
    size = float(match.group(3)) * 1e6
    cpu = figures.get("user_seconds", 0) + figures.get("system_seconds", 0)
    figures.update({
        "records": annotated, "bytes": size, "seconds": float(match.group(4)), "mb_per_s": float(match.group(5)),
        "process_mb_per_s": size / 1e6 / wall, "cpu_mb_per_s": size / 1e6 / cpu if cpu else None,
        "max_rss_mb": figures["max_rss_kb"] / 1024, "output_bytes": output_bytes,
    })
    return figures


def stages(tolk: Path, corpus: Path) -> dict:
    report = last_json_line(run([str(tolk), "bench", "stages", str(corpus), "--json"]).stdout, "tolk bench stages")
    return report


def icu(binary: Path, corpus: Path) -> dict:
    return last_json_line(run([str(binary), str(corpus)]).stdout, "icu_wordbreak")


def python_reference(script: str, corpus: Path) -> dict:
    return last_json_line(run([sys.executable, str(ROOT / "bench" / script), str(corpus)]).stdout, script)


# Figures and ratios

def median(values: list) -> float | None:
    values = [v for v in values if isinstance(v, (int, float))]
    return statistics.median(values) if values else None


class Results:
    """Every round's raw output per measurement, and why a measurement failed."""

    def __init__(self) -> None:
        self.rounds: dict[str, list[dict]] = {}
        self.failures: dict[str, str] = {}

    def measure(self, name: str, function, *arguments) -> None:
        if name in self.failures:
            return  # it failed in an earlier round; one reason is enough
        log(f"{name}")
        try:
            self.rounds.setdefault(name, []).append(function(*arguments))
        except Failed as error:
            self.failures[name] = str(error)
            log(f"{name} failed: {error}")
        except (OSError, ValueError, KeyError) as error:  # unreadable output: a failure too, not a crash
            self.failures[name] = f"{type(error).__name__}: {error}"
            log(f"{name} failed: {self.failures[name]}")

    def value(self, name: str, path: tuple) -> float | None:
        """The median over the rounds of the figure at `path` in measurement `name`."""
        values = []
        for raw in self.rounds.get(name, []):
            for key in path:
                raw = raw.get(key) if isinstance(raw, dict) else None
            values.append(raw)
        return median(values)

    def stage(self, row: str, key: str) -> float | None:
        values = []
        for raw in self.rounds.get("stages", []):
            found = [r for r in raw.get("rows", []) if r["name"] == row]
            values.append(found[0].get(key) if found else None)
        return median(values)


def stage_rows(results: Results) -> list[str]:
    first = (results.rounds.get("stages") or [{}])[0]
    return [row["name"] for row in first.get("rows", [])]


def figures_table(results: Results, sizes: dict[str, float]) -> list[list[str]]:
    """Rows: measurement, MB/s, MB/s (CPU), tokens/s, peak RSS, notes."""
    def number(value, digits=2):
        return "–" if value is None else f"{value:,.{digits}f}"

    def failed(name: str, label: str) -> list[str] | None:
        if name in results.failures:
            return [label, "failed", "failed", "", "", results.failures[name]]
        if name not in results.rounds:
            return [label, "not run", "", "", "", ""]
        return None

    rows = []
    for jobs in (1, 2):
        name = f"annotate-jobs{jobs}"
        label = f"`tolk annotate --tokens none --jobs {jobs}`, 20 MB"
        rows.append(failed(name, label) or [
            label, number(results.value(name, ("mb_per_s",))), number(results.value(name, ("cpu_mb_per_s",))), "",
            number(results.value(name, ("max_rss_mb",)), 0) + " MB",
            f"whole process incl. loading: {number(results.value(name, ('process_mb_per_s',)))} MB/s"])
    for name, label in (("rss-100mb", "`tolk annotate --tokens none --jobs 2`, 100 MB"),
                        ("rss-1gb", "`tolk annotate --tokens none --jobs 2`, 1 GB")):
        if name == "rss-1gb" and name not in results.rounds and name not in results.failures:
            continue
        rows.append(failed(name, label) or [
            label, number(results.value(name, ("mb_per_s",))), number(results.value(name, ("cpu_mb_per_s",))), "",
            number(results.value(name, ("max_rss_mb",)), 0) + " MB",
            f"{len(results.rounds[name])} run(s)"])
    if failure := failed("stages", "`tolk bench stages`, 20 MB"):
        rows.append(failure)
    else:
        for row in stage_rows(results):
            tokens = results.stage(row, "tokens_per_s")
            label = {"read": "Tolk: reading and decoding (ArticleReader)",
                     "all stages": "Tolk: all stages (sum)",
                     "ner model": "Tolk: NER model alone",
                     "write (--tokens none)": "Tolk: JSON writing, OutputEncoder `--tokens none`",
                     "Foundation, Tolk's JSON":
                         "reference: Foundation JSONEncoder writing the same JSON as Tolk"}.get(row)
            if label is None:
                label = (f"Tolk stage `{row}`" if not row.startswith("Foundation")
                         else f"reference: {row} ({{id, text}})")
            first = next(r for r in results.rounds["stages"][0]["rows"] if r["name"] == row)
            note = first.get("note") or ""
            if first.get("errors"):
                note = f"{first['errors']} articles failed; {note}"
            rows.append([label, number(results.stage(row, "mb_per_s")), number(results.stage(row, "cpu_mb_per_s")),
                         number(tokens, 0) if tokens is not None else "", "", note])
    for key, label in (("wordbreak", "reference: ICU word break in C (UTF-8 → UTF-16, `ubrk_next`)"),
                       ("nfc_fold", "reference: ICU in C + NFC + case folding"),
                       ("word_sentence", "reference: ICU word break + sentence break in C")):
        if failure := failed("icu", label):
            rows.append(failure)
            continue
        seconds = results.value("icu", (key, "seconds"))
        words = results.value("icu", (key, "words"))
        rows.append([label, number(results.value("icu", (key, "mb_per_s"))),
                     number(sizes.get("icu", 0) / 1e6 / results.value("icu", (key, "cpu_seconds")))
                     if results.value("icu", (key, "cpu_seconds")) else "–",
                     number(words / seconds, 0) + " words" if words and seconds else "", "", ""])
    for name, label in (("spacy", "reference: spaCy blank `en`/`nb` tokenizer"),
                        ("lingua", "reference: lingua, 6 languages, high accuracy")):
        if failure := failed(name, label):
            rows.append(failure)
            continue
        first = results.rounds[name][0]
        cpu = results.value(name, ("cpu_seconds",))
        tokens = results.value(name, ("tokens",))
        seconds = results.value(name, ("seconds",))
        note = f"{first['system']} {first['version']}"
        if "accuracy" in first:
            note += f", accuracy {first['accuracy']:.3f} against the id's language"
        rows.append([label, number(results.value(name, ("mb_per_s",))),
                     number(first["bytes"] / 1e6 / cpu) if cpu else "–",
                     number(tokens / seconds, 0) if tokens and seconds else "", "", note])
    return rows


# The passes of bench/icu_wordbreak.c, by the names the ratios give them.
ICU_PASSES = {"icu-wordbreak": "wordbreak", "icu-nfc-fold": "nfc_fold", "icu-word-sentence": "word_sentence"}


def ratios(results: Results, clock: str) -> list[dict]:
    """The issue's ratios, from the medians; `clock` is "wall" or "cpu"."""
    rate = "mb_per_s" if clock == "wall" else "cpu_mb_per_s"

    def reference(name: str) -> tuple[float | None, str | None]:
        if name in results.failures:
            return None, f"{name} failed"
        if name in ICU_PASSES:
            key = ICU_PASSES[name]
            if "icu" in results.failures:
                return None, "icu failed"
            seconds = results.value("icu", (key, "seconds" if clock == "wall" else "cpu_seconds"))
            size = results.value("icu", ("bytes",))
            return (size / 1e6 / seconds if size and seconds else None), None
        seconds = results.value(name, ("seconds" if clock == "wall" else "cpu_seconds",))
        size = results.value(name, ("bytes",))
        return (size / 1e6 / seconds if size and seconds else None), None

    def tolk(name: str) -> tuple[float | None, str | None]:
        if name in results.failures:
            return None, f"{name} failed"
        return results.value(name, (rate,)), None

    def stage(row: str) -> tuple[float | None, str | None]:
        if "stages" in results.failures:
            return None, "tolk bench stages failed"
        return results.stage(row, rate), None

    def combined(*rows: str) -> tuple[float | None, str | None]:
        if "stages" in results.failures:
            return None, "tolk bench stages failed"
        key = "seconds" if clock == "wall" else "cpu_seconds"
        seconds = [results.stage(row, key) for row in rows]
        size = results.stage(rows[0], "bytes")
        if None in seconds or not size:
            return None, "a stage is missing"
        return size / 1e6 / sum(seconds), None

    specs = [
        ("whole pipeline (`--jobs 1`) / spaCy blank tokenizer", tolk("annotate-jobs1"), reference("spacy"), 1.0),
        ("whole pipeline (`--jobs 1`) / lingua", tolk("annotate-jobs1"), reference("lingua"), 6.0),
        ("tokenizer stage / ICU word break in C", stage("tokenizer"), reference("icu-wordbreak"), 0.5),
        ("tokenizer stage / ICU in C + NFC + folding", stage("tokenizer"), reference("icu-nfc-fold"), None),
        ("tokenizer stage / ICU word + sentence break in C", stage("tokenizer"), reference("icu-word-sentence"),
         None),
        ("paragraphs + tokenizer stages / ICU word break in C", combined("paragraphs", "tokenizer"),
         reference("icu-wordbreak"), None),
        ("language stage (document) / lingua", stage("language"), reference("lingua"), 10.0),
        ("language + sentence-language stages / lingua", combined("language", "sentence-language"),
         reference("lingua"), None),
        ("JSON writing (OutputEncoder) / Foundation JSONEncoder writing the same JSON",
         stage("write (--tokens none)"), stage("Foundation, Tolk's JSON"), 1.0),
        ("JSON writing (OutputEncoder) / Foundation JSONEncoder of {id, text}", stage("write (--tokens none)"),
         stage("Foundation JSONEncoder"), None),
    ]
    out = []
    for label, (numerator, why_a), (denominator, why_b), goal in specs:
        value = numerator / denominator if numerator and denominator else None
        out.append({"ratio": label, "value": value, "goal": goal,
                    "why_missing": None if value is not None else (why_a or why_b or "no figure")})
    # NER and scaling are the same whatever the clock for the ratio's own sake; NER uses wall tokens/s.
    if clock == "wall":
        ner = None if "stages" in results.failures else results.stage("ner model", "tokens_per_s")
        out.append({"ratio": "NER model tokens/s / 300,000", "value": ner / NER_TOKENS_GOAL if ner else None,
                    "goal": 1.0, "why_missing": None if ner else "tolk bench stages failed or has no NER row"})
        one, two = tolk("annotate-jobs1")[0], tolk("annotate-jobs2")[0]
        out.append({"ratio": "`--jobs 2` / `--jobs 1` (Tolk's MB/s after loading)",
                    "value": two / one if one and two else None, "goal": 1.8,
                    "why_missing": None if one and two else "an annotate run failed or did not run"})
    return out


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def ratio_rows(items: list[dict], cpu_items: list[dict]) -> list[list[str]]:
    cpu = {item["ratio"]: item for item in cpu_items}
    rows = []
    for item in items:
        def shown(entry):
            if entry is None:
                return ""
            return f"{entry['value']:.2f}" if entry["value"] is not None else f"n/a ({entry['why_missing']})"
        goal = item["goal"]
        met = "" if goal is None or item["value"] is None else ("yes" if item["value"] >= goal else "no")
        rows.append([item["ratio"], shown(item), shown(cpu.get(item["ratio"])),
                     "" if goal is None else f"≥ {goal:g}", met])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--tolk", default=str(ROOT / ".build/release/tolk"))
    parser.add_argument("--work", default=str(ROOT / ".build/bench"))
    parser.add_argument("--out", default=str(ROOT / "out"))
    arguments = parser.parse_args()
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    large = os.environ.get("BENCH_LARGE") == "1"
    if repeat < 1:
        parser.error("BENCH_REPEAT must be at least 1")
    tolk, work, out = Path(arguments.tolk).resolve(), Path(arguments.work), Path(arguments.out)
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    if not Path(tolk).exists():
        log(f"{tolk} is missing; run `swift build -c release --product tolk` (make build)")
        return 2

    results = Results()
    corpus20 = build_corpus(work, 20)
    corpus100 = build_corpus(work, 100)
    corpus1g = None
    if large:
        try:
            corpus1g = build_large_corpus(work, corpus100)
        except Failed as error:
            results.failures["rss-1gb"] = str(error)
    try:
        icu_binary = build_icu_program(work)
    except Failed as error:
        icu_binary = None
        results.failures["icu"] = f"compiling bench/icu_wordbreak.c failed: {error}"

    started = datetime.datetime.now(datetime.timezone.utc)
    for round_number in range(1, repeat + 1):
        log(f"round {round_number} of {repeat}")
        results.measure("annotate-jobs1", annotate, tolk, corpus20, 1, work / "annotate-jobs1.jsonl")
        results.measure("annotate-jobs2", annotate, tolk, corpus20, 2, work / "annotate-jobs2.jsonl")
        results.measure("rss-100mb", annotate, tolk, corpus100, 2, work / "annotate-100mb.jsonl", False)
        results.measure("stages", stages, tolk, corpus20)
        if icu_binary:
            results.measure("icu", icu, icu_binary, corpus20)
        results.measure("spacy", python_reference, "spacy_tokenize.py", corpus20)
        results.measure("lingua", python_reference, "lingua_langid.py", corpus20)
    if corpus1g:
        results.measure("rss-1gb", annotate, tolk, corpus1g, 2, work / "annotate-1gb.jsonl", False)
    one, two = work / "annotate-jobs1.jsonl", work / "annotate-jobs2.jsonl"
    identical = one.exists() and two.exists() and one.read_bytes() == two.read_bytes()

    sizes = {"icu": results.value("icu", ("bytes",)) or 0}
    figures = figures_table(results, sizes)
    wall_ratios, cpu_ratios = ratios(results, "wall"), ratios(results, "cpu")
    load = os.getloadavg()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    context = (f"{started:%Y-%m-%d %H:%M} UTC, commit {commit or 'unknown'}, {os.cpu_count()} cores, "
               f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end, "
               f"median of {repeat} round(s); corpus {corpus20.name} "
               f"({(results.value('icu', ('bytes',)) or 0) / 1e6:.1f} MB of text)")
    text = "\n\n".join([
        f"# make bench\n\n{context}. `--jobs 1` and `--jobs 2` wrote identical output: "
        f"{'yes' if identical else 'no'}.",
        markdown(["measurement", "MB/s", "MB/s (CPU)", "tokens/s", "peak RSS", "notes"], figures),
        "Ratios (from the medians; the CPU column divides by CPU seconds instead of wall seconds):",
        markdown(["ratio", "wall", "CPU", "goal", "met"], ratio_rows(wall_ratios, cpu_ratios)),
    ]) + "\n"
    print(text)
    (out / "bench.md").write_text(text, encoding="utf-8")
    raw = {
        "started": started.isoformat(), "commit": commit, "repeat": repeat, "cores": os.cpu_count(),
        "load_average_at_end": load, "python": platform.python_version(), "tolk": str(tolk),
        "corpora": {path.name: path.stat().st_size for path in (corpus20, corpus100, corpus1g) if path},
        "jobs_outputs_identical": identical, "failures": results.failures, "rounds": results.rounds,
        "ratios": {"wall": wall_ratios, "cpu": cpu_ratios},
    }
    (out / "bench.json").write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {out / 'bench.md'} and {out / 'bench.json'}")
    return 1 if results.failures else 0


if __name__ == "__main__":
    sys.exit(main())
