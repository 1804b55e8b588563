#!/usr/bin/env python3
"""Compare language identifiers on Tolk's language-ID dev sets.

Usage: compare_langid.py DEV_DIR [--tolk PATH] [--systems tolk,lingua,cld2,langid]
                         [--limit N] [--json OUT]

DEV_DIR holds sentences.jsonl, snippets.jsonl and paragraphs.jsonl as written by
scripts/langid_dev_sets.py (one {"id", "text", "lang"} object a line). For every file and every
system one language is predicted per line, and the script prints one markdown table per file
(macro accuracy = mean of the 8 per-language accuracies, then nb, nn, da and the other languages,
then items per second), a summary table, where the nb and nn items went, and notes.

Systems (a missing package or binary is reported and the system skipped):

- tolk:     one `tolk annotate --tokens none --jobs 1 --quiet -` process per file, fed
            {"id", "text"} only; `lang` is read from each output line by id. Its time is the wall
            time of the whole process (start-up and the full annotation pipeline included).
- lingua:   lingua-language-detector, restricted to the 8 languages, high-accuracy mode (the
            default), `detect_language_of` per item; None -> "und".
- cld2:     pycld2, `pycld2.detect(text)`, top language; "no" -> nb, "nn" -> nn, the other six
            as they are, anything else (and any error) -> "und". CLD2 cannot be restricted to the
            8 languages.
- langid:   langid.py restricted to da, de, en, es, fr, nb, nn, sv; "no" -> nb.
- langid_no (not in the default list): langid.py restricted to the same 8 plus its "no" class,
            "no" -> nb, because langid.py's model has nb, nn and no as separate classes.

Python systems are timed single-threaded over the prediction loop only, after one warm-up call
(which loads lazily built models). --limit N keeps the first N items of each language per file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LANGS = ("da", "de", "en", "es", "fr", "nb", "nn", "sv")
COLUMN_LANGS = ("nb", "nn", "da", "de", "en", "es", "fr", "sv")
DEV_FILES = ("sentences", "snippets", "paragraphs")
DEFAULT_SYSTEMS = ("tolk", "lingua", "cld2", "langid")
ALL_SYSTEMS = ("tolk", "lingua", "cld2", "langid", "langid_no")
UNDETERMINED = "und"
WARM_UP_TEXT = "Dette er en setning for å laste modellen."
CLD2_MAP = {"no": "nb", "nn": "nn", "da": "da", "sv": "sv", "de": "de", "en": "en", "es": "es", "fr": "fr"}
LANGID_LANGS = ["da", "de", "en", "es", "fr", "nb", "nn", "sv"]
TOP_CONFUSIONS = 4

Item = dict[str, str]


class SystemUnavailable(Exception):
    """The system's package or binary is missing; the message says what to install."""


class PredictionFailed(Exception):
    """The system ran but failed on a dev file."""


@dataclass
class Prediction:
    labels: list[str]  # one of LANGS or "und", per item
    raw: list[str]  # the system's own label, per item (for the confusion summary)
    seconds: float


@dataclass
class System:
    name: str
    predict: Callable[[list[Item]], Prediction]
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Systems


def timed_loop(texts: Sequence[str], classify: Callable[[str], tuple[str, str]]) -> Prediction:
    """Run classify (text -> (label, raw)) over texts single-threaded and time the loop only."""
    labels: list[str] = []
    raw: list[str] = []
    start = time.perf_counter()
    for text in texts:
        label, raw_label = classify(text)
        labels.append(label)
        raw.append(raw_label)
    seconds = time.perf_counter() - start
    return Prediction(labels, raw, seconds)


def make_tolk(binary: Path | None) -> System:
    if binary is None:
        raise SystemUnavailable("no --tolk PATH given")
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        raise SystemUnavailable(
            f"{binary} is not an executable (build it: cd /work/main && swift build -c release --product tolk)"
        )

    def predict(items: list[Item]) -> Prediction:
        with tempfile.TemporaryFile("w+b") as stdin:
            for item in items:
                line = json.dumps({"id": item["id"], "text": item["text"]}, ensure_ascii=False)
                stdin.write(line.encode("utf-8") + b"\n")
            stdin.seek(0)
            command = [str(binary), "annotate", "--tokens", "none", "--jobs", "1", "--quiet", "-"]
            start = time.perf_counter()
            result = subprocess.run(command, stdin=stdin, capture_output=True)
            seconds = time.perf_counter() - start
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip()[-500:]
            raise PredictionFailed(f"tolk exited {result.returncode}: {message}")
        by_id: dict[str, str] = {}
        for line in result.stdout.decode("utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                by_id[str(record.get("id"))] = record.get("lang") or UNDETERMINED
        raw = [by_id.get(item["id"], "<missing>") for item in items]
        labels = [label if label in LANGS else UNDETERMINED for label in raw]
        return Prediction(labels, raw, seconds)

    return System(
        "tolk", predict,
        ["tolk: wall time of one `tolk annotate` process per file (start-up, JSON I/O, paragraphs "
         "and sentences included), so its items/s is a lower bound on the identifier alone."],
    )


def make_lingua() -> System:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError as error:
        raise SystemUnavailable(f"lingua-language-detector is not installed ({error})") from error
    languages = [
        Language.DANISH, Language.GERMAN, Language.ENGLISH, Language.SPANISH,
        Language.FRENCH, Language.BOKMAL, Language.NYNORSK, Language.SWEDISH,
    ]
    detector = LanguageDetectorBuilder.from_languages(*languages).build()
    codes = {language: language.iso_code_639_1.name.lower() for language in languages}

    def classify(text: str) -> tuple[str, str]:
        language = detector.detect_language_of(text)
        label = codes[language] if language is not None else UNDETERMINED
        return label, label

    classify(WARM_UP_TEXT)  # loads the language models, which lingua builds lazily
    return System("lingua", lambda items: timed_loop([i["text"] for i in items], classify))


def make_cld2() -> System:
    try:
        import pycld2
    except ImportError as error:
        raise SystemUnavailable(f"pycld2 is not installed ({error})") from error

    def classify(text: str) -> tuple[str, str]:
        try:
            _reliable, _bytes, details = pycld2.detect(text)
        except Exception as error:  # pycld2.error on invalid UTF-8 and the like
            return UNDETERMINED, f"<error {type(error).__name__}>"
        code = details[0][1]
        return CLD2_MAP.get(code, UNDETERMINED), code

    classify(WARM_UP_TEXT)
    return System(
        "cld2", lambda items: timed_loop([i["text"] for i in items], classify),
        ["cld2: not restricted to the 8 languages (CLD2 has no such option); any other answer, "
         "including 'un' (unknown), counts as 'und', i.e. wrong."],
    )


def make_langid(include_no: bool) -> System:
    try:
        from langid.langid import LanguageIdentifier, model
    except ImportError as error:
        raise SystemUnavailable(f"langid is not installed ({error})") from error
    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=False)
    known = set(identifier.nb_classes)
    wanted = LANGID_LANGS + (["no"] if include_no else [])
    present = [code for code in wanted if code in known]
    missing = [code for code in wanted if code not in known]
    identifier.set_languages(present)

    def classify(text: str) -> tuple[str, str]:
        code, _score = identifier.classify(text)
        label = "nb" if code == "no" else code
        return (label if label in LANGS else UNDETERMINED), code

    classify(WARM_UP_TEXT)
    name = "langid_no" if include_no else "langid"
    norwegian = [code for code in ("nb", "nn", "no") if code in known]
    notes = [f"{name}: langid.py's model knows {', '.join(norwegian)} as separate classes; "
             f"restricted to {', '.join(present)}" + ("; 'no' -> nb." if include_no else ".")]
    if missing:
        notes.append(f"{name}: langid.py lacks {', '.join(missing)}; those items can never be right.")
    return System(name, lambda items: timed_loop([i["text"] for i in items], classify), notes)


def make_system(name: str, tolk_binary: Path | None) -> System:
    if name == "tolk":
        return make_tolk(tolk_binary)
    if name == "lingua":
        return make_lingua()
    if name == "cld2":
        return make_cld2()
    if name == "langid":
        return make_langid(include_no=False)
    if name == "langid_no":
        return make_langid(include_no=True)
    raise ValueError(name)


# ---------------------------------------------------------------------------------------------
# Data and scoring


def load_items(path: Path, limit: int | None) -> list[Item]:
    """The items of one dev file; with limit, the first `limit` items of each language."""
    items: list[Item] = []
    per_lang: Counter[str] = Counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            item = json.loads(line)
            if limit is not None and per_lang[item["lang"]] >= limit:
                continue
            per_lang[item["lang"]] += 1
            items.append(item)
    return items


def score(items: list[Item], prediction: Prediction) -> dict[str, Any]:
    total: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = {lang: Counter() for lang in LANGS}
    for item, label, raw in zip(items, prediction.labels, prediction.raw):
        gold = item["lang"]
        total[gold] += 1
        correct[gold] += label == gold
        confusion[gold][raw] += 1
    per_lang = {lang: 100.0 * correct[lang] / total[lang] if total[lang] else None for lang in LANGS}
    present = [value for value in per_lang.values() if value is not None]
    n = len(items)
    return {
        "macro": sum(present) / len(present) if present else None,
        "micro": 100.0 * sum(correct.values()) / n if n else None,
        "per_lang": per_lang,
        "n": n,
        "seconds": prediction.seconds,
        "items_per_s": n / prediction.seconds if prediction.seconds > 0 else None,
        "confusion": {lang: dict(confusion[lang].most_common()) for lang in LANGS},
    }


# ---------------------------------------------------------------------------------------------
# Reporting


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def rate(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def file_table(name: str, counts: dict[str, int], results: dict[str, dict[str, Any]]) -> str:
    lines = [
        f"### {name} ({sum(counts.values())} items: " + ", ".join(f"{l} {counts[l]}" for l in LANGS) + ")",
        "",
        "| system | macro % | " + " | ".join(f"{lang} %" for lang in COLUMN_LANGS) + " | items/s |",
        "|---|---:|" + "---:|" * len(COLUMN_LANGS) + "---:|",
    ]
    for system, result in results.items():
        if "error" in result:
            lines.append(f"| {system} | failed: {result['error']} |")
            continue
        cells = [pct(result["macro"])] + [pct(result["per_lang"][lang]) for lang in COLUMN_LANGS]
        lines.append(f"| {system} | " + " | ".join(cells) + f" | {rate(result['items_per_s'])} |")
    return "\n".join(lines)


def summary_table(report: dict[str, Any]) -> str:
    systems = list(dict.fromkeys(s for f in report["files"].values() for s in f["systems"]))
    lines = [
        "### summary (macro accuracy %, speed on sentences)",
        "",
        "| system | " + " | ".join(DEV_FILES) + " | sentences/s |",
        "|---|" + "---:|" * (len(DEV_FILES) + 1),
    ]
    for system in systems:
        cells = []
        for name in DEV_FILES:
            result = report["files"].get(name, {}).get("systems", {}).get(system, {})
            cells.append(pct(result.get("macro")))
        speed = report["files"].get("sentences", {}).get("systems", {}).get(system, {}).get("items_per_s")
        lines.append(f"| {system} | " + " | ".join(cells) + f" | {rate(speed)} |")
    return "\n".join(lines)


def confusion_table(report: dict[str, Any]) -> str:
    """Where the nb and nn items went, in each system's own labels."""
    lines = [
        "### where nb and nn items went (system's own labels, % of items)",
        "",
        "| system | file | nb → | nn → |",
        "|---|---|---|---|",
    ]
    for name, file_report in report["files"].items():
        for system, result in file_report["systems"].items():
            if "error" in result:
                continue
            cells = []
            for lang in ("nb", "nn"):
                confusion = result["confusion"][lang]
                total = sum(confusion.values()) or 1
                top = sorted(confusion.items(), key=lambda kv: -kv[1])[:TOP_CONFUSIONS]
                cells.append(", ".join(f"{label} {100.0 * count / total:.1f}" for label, count in top))
            lines.append(f"| {system} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_dir", type=Path, help="folder with sentences/snippets/paragraphs.jsonl")
    parser.add_argument("--tolk", type=Path, help="path to the tolk binary (.build/release/tolk)")
    parser.add_argument(
        "--systems", default=",".join(DEFAULT_SYSTEMS),
        help=f"comma-separated, from {','.join(ALL_SYSTEMS)} (default: %(default)s)",
    )
    parser.add_argument("--limit", type=int, help="at most N items per language per file")
    parser.add_argument("--json", type=Path, dest="json_out", help="write every number to this JSON file")
    args = parser.parse_args(argv)
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in args.systems if s not in ALL_SYSTEMS]
    if unknown:
        parser.error(f"unknown system(s): {', '.join(unknown)} (known: {', '.join(ALL_SYSTEMS)})")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


def load_systems(names: list[str], tolk_binary: Path | None) -> tuple[list[System], list[str]]:
    systems: list[System] = []
    skipped: list[str] = []
    for name in names:
        try:
            systems.append(make_system(name, tolk_binary))
        except SystemUnavailable as error:
            message = f"skipped {name}: {error}"
            print(message, file=sys.stderr)
            skipped.append(message)
    return systems, skipped


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [f"{name}.jsonl" for name in DEV_FILES if not (args.dev_dir / f"{name}.jsonl").is_file()]
    if missing:
        print(f"error: {', '.join(missing)} not in {args.dev_dir} (run scripts/langid_dev_sets.py)",
              file=sys.stderr)
        return 2
    systems, skipped = load_systems(args.systems, args.tolk)
    report: dict[str, Any] = {"dev_dir": str(args.dev_dir), "limit": args.limit, "files": {}}
    for name in DEV_FILES:
        items = load_items(args.dev_dir / f"{name}.jsonl", args.limit)
        counts = Counter(item["lang"] for item in items)
        results: dict[str, dict[str, Any]] = {}
        for system in systems:
            print(f"{name}: {system.name} on {len(items)} items…", file=sys.stderr)
            try:
                results[system.name] = score(items, system.predict(items))
            except PredictionFailed as error:
                print(f"{name}: {system.name} failed: {error}", file=sys.stderr)
                results[system.name] = {"error": str(error)}
        report["files"][name] = {"counts": {lang: counts[lang] for lang in LANGS}, "systems": results}
    notes = [note for system in systems for note in system.notes] + skipped
    notes.append("macro % = mean of the 8 per-language accuracies; 'und' and any other label count as wrong.")
    report["notes"] = notes

    sections = [file_table(name, report["files"][name]["counts"], report["files"][name]["systems"])
                for name in DEV_FILES]
    sections += [summary_table(report), confusion_table(report)]
    sections.append("Notes:\n" + "\n".join(f"- {note}" for note in notes))
    print("\n\n".join(sections))
    if args.json_out:
        args.json_out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
