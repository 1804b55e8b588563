#!/usr/bin/env python3
"""Exports word frequency lists from the `wordfreq` package for `tolk train langid`.

Usage: export_wordfreq.py OUT_DIR [N]

Writes OUT_DIR/<lang>.tsv (header `word<TAB>frequency`, most frequent first, N words, default 20000)
for the languages Tolk identifies that wordfreq covers (da, de, en, es, fr, nb, sv; wordfreq has no
Nynorsk) and for other Latin-script languages, which train the model's "other language" class.
wordfreq's data is CC BY-SA 4.0 (its README lists the sources: Wikipedia, subtitles, news, books,
web text); the package's code is Apache-2.0. The version is pinned in requirements-train.txt, so the
export, and the model trained from it, are reproducible.
"""
import sys
from pathlib import Path

import wordfreq

IN_SET = ["da", "de", "en", "es", "fr", "nb", "sv"]
OTHER = ["ca", "cs", "fi", "fil", "hu", "id", "is", "it", "lt", "lv", "ms", "nl", "pl", "pt", "ro", "sh",
         "sk", "sl", "tr", "vi"]


def export(language, out_dir, count):
    words = wordfreq.top_n_list(language, count, wordlist="best")
    lines = ["word\tfrequency"]
    for word in words:
        if "\t" in word or "\n" in word:
            continue
        lines.append(f"{word}\t{wordfreq.word_frequency(word, language, wordlist='best'):.3e}")
    (out_dir / f"{language}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def main():
    out_dir = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    out_dir.mkdir(parents=True, exist_ok=True)
    for language in IN_SET + OTHER:
        n = export(language, out_dir, count)
        print(f"{language}: {n} words", file=sys.stderr)


if __name__ == "__main__":
    main()
