#!/usr/bin/env python3
"""Write the language-identification dev sets (sentences, snippets, paragraphs) as JSONL.

Usage: langid_dev_sets.py OUT_DIR [DATA_DIR] [--compact]

DATA_DIR defaults to ../shared/data/langid relative to the repo root (this script's parent's
parent), i.e. /work/shared/data/langid. It holds one `{lang}.txt` per language, one sentence a line.

The train/dev split is the same rule the Swift trainer (`tolk train langid`) implements, so the
records written here are the ones Tolk evaluates on (byte for byte with --compact, see below):

- Languages in the order da, de, en, es, fr, nb, nn, sv. Each file is read as UTF-8 and split on
  "\\n"; a trailing "\\r" is removed from each line; lines that are empty after `.strip()` are
  dropped (the kept lines are used as they are, not stripped).
- i is the 0-based index among the kept lines of one language, b = i // 50 its block. The line is
  DEV when b % 10 == 9, else TRAIN (so 10% of the lines, in blocks of 50 consecutive lines).
- sentences.jsonl: every dev line, id "{lang}-s{i:06d}".
- snippets.jsonl: each dev line's words (`str.split()`) cut into consecutive pieces of
  2 + ((i + k) % 3) words for piece k = 0, 1, ...; a piece that would run past the last word is
  not written (and ends the line). id "{lang}-w{i:06d}-{k}".
- paragraphs.jsonl: the dev lines of each dev block b, in consecutive groups of 5; each full group
  is joined with single spaces, id "{lang}-p{b:05d}-{j}" for the j-th group of the block.

Every line is json.dumps({"id", "text", "lang"}, ensure_ascii=False) and "\\n", ordered by language
and then by line. Counts per language and file are printed to standard error.

With --compact the separators are "," and ":" (no spaces), which is what `tolk train langid
--dev-sets DIR` writes; without it they are json.dumps' defaults ", " and ": ". The parsed records
are the same either way.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

LANGS = ("da", "de", "en", "es", "fr", "nb", "nn", "sv")
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "langid"
BLOCK_SIZE = 50
DEV_BLOCK_EVERY = 10
DEV_BLOCK_REMAINDER = 9
PARAGRAPH_LINES = 5
FILES = ("sentences", "snippets", "paragraphs")

Record = dict[str, str]


def read_lines(path: Path) -> list[str]:
    """The kept lines of one language file: split on LF, CR removed, blank lines dropped."""
    text = path.read_bytes().decode("utf-8")
    lines = []
    for line in text.split("\n"):
        if line.endswith("\r"):
            line = line[:-1]
        if line.strip():
            lines.append(line)
    return lines


def is_dev(index: int) -> bool:
    """True when the kept line with this 0-based index belongs to the dev split."""
    return (index // BLOCK_SIZE) % DEV_BLOCK_EVERY == DEV_BLOCK_REMAINDER


def dev_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(index, line) for every dev line, in order."""
    return [(i, line) for i, line in enumerate(lines) if is_dev(i)]


def sentence_records(lang: str, dev: list[tuple[int, str]]) -> Iterator[Record]:
    for i, line in dev:
        yield {"id": f"{lang}-s{i:06d}", "text": line, "lang": lang}


def snippet_records(lang: str, dev: list[tuple[int, str]]) -> Iterator[Record]:
    for i, line in dev:
        words = line.split()
        start = 0
        k = 0
        while start < len(words):
            size = 2 + ((i + k) % 3)
            if start + size <= len(words):
                text = " ".join(words[start : start + size])
                yield {"id": f"{lang}-w{i:06d}-{k}", "text": text, "lang": lang}
            start += size
            k += 1


def paragraph_records(lang: str, dev: list[tuple[int, str]]) -> Iterator[Record]:
    blocks: dict[int, list[str]] = {}
    for i, line in dev:
        blocks.setdefault(i // BLOCK_SIZE, []).append(line)
    for b, block_lines in blocks.items():  # dicts keep insertion order: ascending b
        for j in range(len(block_lines) // PARAGRAPH_LINES):
            group = block_lines[j * PARAGRAPH_LINES : (j + 1) * PARAGRAPH_LINES]
            yield {"id": f"{lang}-p{b:05d}-{j}", "text": " ".join(group), "lang": lang}


def build_records(data_dir: Path) -> dict[str, dict[str, list[Record]]]:
    """file name -> language -> records, for every language in LANGS order."""
    makers = {"sentences": sentence_records, "snippets": snippet_records, "paragraphs": paragraph_records}
    result: dict[str, dict[str, list[Record]]] = {name: {} for name in FILES}
    for lang in LANGS:
        dev = dev_lines(read_lines(data_dir / f"{lang}.txt"))
        for name in FILES:
            result[name][lang] = list(makers[name](lang, dev))
    return result


def write_jsonl(path: Path, records_by_lang: dict[str, list[Record]], compact: bool) -> None:
    separators = (",", ":") if compact else None
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for lang in LANGS:
            for record in records_by_lang[lang]:
                out.write(json.dumps(record, ensure_ascii=False, separators=separators) + "\n")


def print_counts(records: dict[str, dict[str, list[Record]]]) -> None:
    header = f"{'file':<11}" + "".join(f"{lang:>7}" for lang in LANGS) + f"{'total':>8}"
    print(header, file=sys.stderr)
    for name in FILES:
        counts = [len(records[name][lang]) for lang in LANGS]
        row = f"{name:<11}" + "".join(f"{n:>7}" for n in counts) + f"{sum(counts):>8}"
        print(row, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to write the three JSONL files into")
    parser.add_argument(
        "data_dir", type=Path, nargs="?", default=DEFAULT_DATA_DIR,
        help=f"folder with {{lang}}.txt (default: {DEFAULT_DATA_DIR})",
    )
    parser.add_argument(
        "--compact", action="store_true",
        help='separators "," and ":" as `tolk train langid --dev-sets` writes (default: ", " and ": ")',
    )
    args = parser.parse_args(argv)
    missing = [lang for lang in LANGS if not (args.data_dir / f"{lang}.txt").is_file()]
    if missing:
        print(f"error: no {', '.join(f'{m}.txt' for m in missing)} in {args.data_dir}", file=sys.stderr)
        return 2
    records = build_records(args.data_dir)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        write_jsonl(args.out_dir / f"{name}.jsonl", records[name], args.compact)
    print_counts(records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
