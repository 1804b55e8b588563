#!/usr/bin/env python3
"""Builds a deterministic bilingual JSONL corpus for throughput measurements.

Usage: build_corpus.py MEGABYTES OUT.jsonl [DATA_DIR]

Groups consecutive sentences of ../shared/data/langid/{en,nb,nn}.txt into articles of 12-24
sentences (a first short line as title) and cycles through the languages until the text reaches
MEGABYTES (10^6 bytes of UTF-8 text). Records carry only id and text, as the held-out protocol does.
The corpus is for local measurement only: the Norwegian sentences may not be republished.
"""
import json
import sys
from pathlib import Path


def articles(lines, language):
    index, number = 0, 0
    while True:
        size = 12 + (number * 7) % 13
        chunk = [lines[(index + k) % len(lines)] for k in range(size)]
        index += size
        number += 1
        paragraphs, paragraph = [], []
        for k, sentence in enumerate(chunk):
            paragraph.append(sentence)
            if len(paragraph) == 1 + (k % 3):
                paragraphs.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        yield f"{language}-{number:06d}", "\n\n".join(paragraphs)


def main():
    megabytes, out = float(sys.argv[1]), Path(sys.argv[2])
    data = Path(sys.argv[3]) if len(sys.argv) > 3 else Path(__file__).resolve().parent.parent.parent / "shared/data/langid"
    sources = {lang: (data / f"{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in ("en", "nb", "nn")}
    generators = {lang: articles(lines, lang) for lang, lines in sources.items()}
    target, written = megabytes * 1_000_000, 0
    with out.open("w", encoding="utf-8") as f:
        while written < target:
            for lang in ("en", "nb", "nn"):
                identifier, text = next(generators[lang])
                f.write(json.dumps({"id": identifier, "text": text}, ensure_ascii=False) + "\n")
                written += len(text.encode("utf-8"))
    print(f"{out}: {written / 1e6:.1f} MB of text", file=sys.stderr)


if __name__ == "__main__":
    main()
