"""What the lexicon builders (build_person_names.py, build_geonames_places.py) share: which words of
the unlabelled language-identification text are common in lower case, with the NER dev sentences
left out so that no dev sentence shapes a lexicon."""

import re
import unicodedata
from collections import Counter

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
DEV_SPLITS = ["norne/nob/dev.conllu", "norne/nno/dev.conllu", "gum_en/dev.conllu", "uner_en_ewt/dev.conllu"]


def is_latin(name):
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def comparable(text):
    return "".join(ch for ch in text.lower() if ch.isalnum())


def lowercase_counts(data, languages=None, fold=lambda word: word):
    """How often each word occurs in lower case in the langid text of `languages` (all of them when
    None), as `fold` gives the word; dev sentences left out."""
    held_out = set()
    for split in DEV_SPLITS:
        for line in (data / "ner" / split).read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                held_out.add(comparable(line[len("# text = "):]))
    paths = (sorted((data / "langid").glob("*.txt")) if languages is None
             else [data / "langid" / f"{language}.txt" for language in languages])
    counts = Counter()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if comparable(line) in held_out:
                continue
            for word in WORD.findall(unicodedata.normalize("NFC", line)):
                if word == word.lower():
                    counts[fold(word)] += 1
    return counts
