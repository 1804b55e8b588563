#!/usr/bin/env python3
"""lingua's language identification over a benchmark corpus: the language-ID reference of `make bench`.

Usage: lingua_langid.py CORPUS.jsonl

A lingua-language-detector detector for six languages (ENGLISH, BOKMAL, NYNORSK, DANISH, SWEDISH,
GERMAN), high-accuracy mode (lingua's default), models preloaded when it is built, detects the
language of each record's whole text with `detect_language_of`, one call per record, on this
thread. The corpus is read and the detector built (and warmed up) before the clock starts.

Prints one JSON line: {"system": "lingua", "version", "texts", "bytes", "seconds", "cpu_seconds",
"mb_per_s", "accuracy"}, where accuracy compares the answer with the language in the record's id
prefix (en-, nb-, nn-, as scripts/build_corpus.py writes them), a check that the detector ran for real.
"""
import json
import sys
import time
from importlib.metadata import version


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    from lingua import Language, LanguageDetectorBuilder

    codes = {
        Language.ENGLISH: "en", Language.BOKMAL: "nb", Language.NYNORSK: "nn",
        Language.DANISH: "da", Language.SWEDISH: "sv", Language.GERMAN: "de",
    }
    texts, expected = [], []
    with open(sys.argv[1], encoding="utf-8") as corpus:
        for line in corpus:
            if line.strip():
                record = json.loads(line)
                texts.append(record["text"])
                expected.append(str(record["id"]).split("-", 1)[0])
    detector = LanguageDetectorBuilder.from_languages(*codes).with_preloaded_language_models().build()
    detector.detect_language_of("Dette er en setning for å varme opp detektoren.")
    answers = []
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        answers.append(detector.detect_language_of(text))
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
    size = sum(len(text.encode("utf-8")) for text in texts)
    correct = sum(codes.get(answer) == gold for answer, gold in zip(answers, expected))
    print(json.dumps({
        "system": "lingua", "version": version("lingua-language-detector"), "texts": len(texts), "bytes": size,
        "seconds": seconds, "cpu_seconds": cpu_seconds, "mb_per_s": size / 1e6 / seconds,
        "accuracy": correct / len(texts) if texts else None,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
