#!/usr/bin/env python3
"""spaCy's blank tokenizers over a benchmark corpus: the tokenization reference of `make bench`.

Usage: spacy_tokenize.py CORPUS.jsonl

Each record's text goes through the tokenizer of `spacy.blank("en")` or `spacy.blank("nb")`, by the
language in the record's id prefix (en-, nb-, nn-, as scripts/build_corpus.py writes them; Nynorsk
uses the Bokmål tokenizer, since spaCy has no blank Nynorsk language). Tokenization only: the blank
pipelines have no components, and `nlp.tokenizer(text)` is what runs. The corpus is read and both
pipelines are built before the clock starts; one short warm-up text per language runs untimed.

Prints one JSON line: {"system": "spacy-blank", "version", "texts", "bytes", "tokens", "seconds",
"cpu_seconds", "mb_per_s"} (MB = 10^6 bytes of UTF-8 text, wall clock, single thread).
"""
import json
import sys
import time


def language_of(identifier: str) -> str:
    prefix = identifier.split("-", 1)[0]
    return "en" if prefix == "en" else "nb"


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    import spacy

    records = []
    with open(sys.argv[1], encoding="utf-8") as corpus:
        for line in corpus:
            if line.strip():
                record = json.loads(line)
                records.append((language_of(str(record["id"])), record["text"]))
    tokenizers = {code: spacy.blank(code).tokenizer for code in ("en", "nb")}
    for tokenizer in tokenizers.values():
        tokenizer("Warm-up: a short text, nothing more.")
    work = [(tokenizers[code], text) for code, text in records]
    tokens = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for tokenizer, text in work:
        tokens += len(tokenizer(text))
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
    size = sum(len(text.encode("utf-8")) for _, text in records)
    print(json.dumps({
        "system": "spacy-blank", "version": spacy.__version__, "texts": len(records), "bytes": size,
        "tokens": tokens, "seconds": seconds, "cpu_seconds": cpu_seconds, "mb_per_s": size / 1e6 / seconds,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
