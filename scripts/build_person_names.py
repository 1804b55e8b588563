#!/usr/bin/env python3
"""Builds lexicons/entities/person-names.tsv, the given names and surnames the entity model's
person-name features look up, from openly licensed name lists on PyPI.

Usage: .venv/bin/python scripts/build_person_names.py [DATA_DIR [OUT_FILE]]

DATA_DIR defaults to ../shared/data and OUT_FILE to lexicons/entities/person-names.tsv, relative to
the repository root. `make person-names` installs the pinned packages (requirements-train.txt) into
.venv/ and runs this. The output is deterministic: rows sorted by name in code-point order, LF line
ends, no timestamp.

Sources (versions pinned in requirements-train.txt; see lexicons/entities/NOTICE.md):
- Faker (MIT): `faker.providers.person.<locale>.Provider.first_names`, `first_names_male`,
  `first_names_female` (given) and `last_names` (surname) of every locale, keeping the names written
  in the Latin script (Cyrillic, Greek, Arabic, CJK and other scripts are skipped: Tolk reads English
  and Norwegian news, which writes foreign names in Latin letters).
- names 0.3.0 (MIT package; its data are the US Census Bureau's 1990 name files, public domain):
  `dist.male.first` and `dist.female.first` (given, every row: 5,494) and `dist.all.last`
  (surname) down to a frequency of 0.001 %, the file's last printed digit (18,839 of 88,799 surnames,
  covering 77.5 % of the population; below that the file prints 0.000, so the cut is where its own
  figures stop telling names apart).

Only one-word names are kept: letters, with an apostrophe inside ("O'Brien") allowed; names with a
space or hyphen are left out (their parts are listed on their own), as are one-letter names.

Common words are removed: a name is dropped when its lower-case form occurs in lower case at least
COMMON_WORD_MINIMUM (3) times in the unlabelled text of ../shared/data/langid/*.txt (en, nb, nn, da,
sv, de, fr, es; about 5 MB), leaving out every sentence of the NER dev splits. So "Will", "Rose",
"Mark", "Hope", "Bill" (en), "Per", "Bo", "Elva" (nb/nn) and "Van", "Long", "White" go, while
"Smith", "Jens" and "Ingrid" stay. A word seen in lower case once or twice is a typo or a rare
word, not evidence that the name is a common word.
"""

import importlib
import importlib.metadata
import pkgutil
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import faker.providers.person
import names
from langid_words import is_latin, lowercase_counts

COMMON_WORD_MINIMUM = 3
CENSUS_MINIMUM_PERCENT = 0.001
ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)?$")


def clean(name):
    """The name in NFC if it is one Latin word of two letters or more, else None."""
    name = unicodedata.normalize("NFC", name.strip())
    if len(name) < 2 or not NAME.match(name) or not is_latin(name):
        return None
    return name


def faker_names():
    """(name, kind, source) from every locale of Faker's person provider."""
    rows = []
    for module in sorted(m.name for m in pkgutil.iter_modules(faker.providers.person.__path__)):
        provider = importlib.import_module(f"faker.providers.person.{module}").Provider
        for attribute, kind in [("first_names", "given"), ("first_names_male", "given"),
                                ("first_names_female", "given"), ("last_names", "surname")]:
            values = provider.__dict__.get(attribute)
            if not isinstance(values, (tuple, list, dict)):
                continue
            for value in values:
                name = clean(value)
                if name:
                    rows.append((name, kind, f"faker:{module}"))
    return rows


def census_names():
    """(name, kind, source) from the 1990 US Census files that the `names` package ships."""
    folder = Path(names.__file__).parent
    rows = []
    for file, kind in [("dist.male.first", "given"), ("dist.female.first", "given"), ("dist.all.last", "surname")]:
        for line in (folder / file).read_text(encoding="ascii").splitlines():
            name, percent, _, _ = line.split()
            if kind == "surname" and float(percent) < CENSUS_MINIMUM_PERCENT:
                continue
            # The files are in capitals; names of two parts ("MCDONALD") stay one capital, as the fold
            # the tagger matches on ignores case anyway.
            cleaned = clean(name.capitalize())
            if cleaned:
                rows.append((cleaned, kind, "census1990"))
    return rows


def main():
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "lexicons" / "entities" / "person-names.tsv"
    counts = lowercase_counts(data)
    kinds = defaultdict(set)
    sources = defaultdict(set)
    spellings = defaultdict(Counter)
    for name, kind, source in faker_names() + census_names():
        key = name.lower()
        kinds[key].add(kind)
        sources[key].add(source)
        spellings[key][name] += 1
    dropped = []
    rows = []
    for key in kinds:
        if counts[key] >= COMMON_WORD_MINIMUM:
            dropped.append(key)
            continue
        # The spelling most sources use, then the first in code-point order.
        name = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        faker_locales = sorted(s.removeprefix("faker:") for s in sources[key] if s.startswith("faker:"))
        cell = (["census1990"] if "census1990" in sources[key] else []) + (
            ["faker:" + ",".join(faker_locales)] if faker_locales else [])
        rows.append((name, "|".join(sorted(kinds[key])), "|".join(cell)))
    rows.sort()
    versions = {package: importlib.metadata.version(package) for package in ["faker", "names"]}
    header = [
        "# Given names and surnames for the entity model's person-name features (one word each).",
        "# Generated by scripts/build_person_names.py (make person-names) from Faker "
        f"{versions['faker']} (MIT; person providers",
        f"# of every locale, Latin script only) and names {versions['names']} (MIT; US Census 1990 name "
        "files, public domain; surnames",
        f"# of {CENSUS_MINIMUM_PERCENT} % or more). Names whose lower-case form occurs in lower case "
        f"{COMMON_WORD_MINIMUM} or more times in",
        "# ../shared/data/langid/*.txt are left out (common words). See NOTICE.md.",
        "# Columns: name, kind (given, surname or both), sources (census1990, faker:LOCALES).",
        "name\tkind\tsources",
    ]
    out.write_text("\n".join(header + ["\t".join(row) for row in rows]) + "\n", encoding="utf-8")
    given = sum("given" in row[1] for row in rows)
    surname = sum("surname" in row[1] for row in rows)
    print(f"{out}: {len(rows)} names ({given} given, {surname} surnames); {len(dropped)} common words left out",
          file=sys.stderr)


if __name__ == "__main__":
    main()
