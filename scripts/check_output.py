#!/usr/bin/env python3
"""Check files written by `tolk annotate` against the output format.

Usage: check_output.py [--schema PATH] FILE.jsonl...

Every line of every file is checked in three steps:

1. As bytes and text: it ends with a newline (no CR before it), is valid UTF-8, and holds no raw
   U+2028, U+2029 or U+0085 (Tolk escapes them, since some JSON Lines readers split lines there).
2. As JSON: it parses as one JSON value, with no NaN/Infinity literals and no duplicate keys, and
   validates against docs/schema/annotation.schema.json (JSON Schema draft 2020-12, formats not
   checked), with its keys in the order the schema lists them.
3. For annotation records, the invariants a schema cannot express: every paragraph, sentence and
   token span satisfies 0 <= start < end <= len(text) in code points and has no leading or trailing
   white space (Tolk trims paragraphs and sentences, and white space never belongs to a token);
   each layer is sorted by start and does not overlap; every sentence lies inside the paragraph it
   names and every token inside the sentence it names; token parts lie inside their token,
   ascending and not overlapping; the counts n_* agree with the layers; and `tokens` holds what
   `pipeline.tokens` says (with `all`, n_tokens and n_words are its length and its words).

Each failure is printed as `file:line: problem` (at most 20 per file), then a summary line
`checked N lines in M files: K problems`. The exit status is 1 when there was any problem, else 0.
Needs Python 3.11+ and the `jsonschema` package only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

DEFAULT_SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "schema" / "annotation.schema.json"
MAX_PRINTED_PER_FILE = 20
MAX_MESSAGE_LENGTH = 300

# Characters that must appear only escaped (\u2028 …) in the output.
RAW_SEPARATORS = {"\u2028": "U+2028", "\u2029": "U+2029", "\u0085": "U+0085"}

# The Unicode White_Space property, the definition Tolk trims spans by. (Python's str.isspace()
# differs: it also counts U+001C…U+001F.)
WHITE_SPACE = frozenset(
    "\t\n\v\f\r \u0085\u00a0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)

Record = dict[str, Any]


class Checker:
    """Validates lines against the schema; one instance serves every file."""

    def __init__(self, schema: dict[str, Any]) -> None:
        Draft202012Validator.check_schema(schema)
        self.schema = schema
        self.validator = Draft202012Validator(schema)  # no format_checker: formats are not checked
        defs = schema["$defs"]
        # One validator per kind of record, to explain why a line matched neither branch of oneOf.
        self.branch_validators = {
            kind: Draft202012Validator({"$schema": schema["$schema"], "$defs": defs, "$ref": f"#/$defs/{kind}"})
            for kind in ("annotation", "error_record")
        }
        self.key_orders = {
            name: list(defs[name]["properties"])
            for name in ("annotation", "error_record", "paragraph", "sentence", "token", "pipeline")
        }
        self.key_orders["error"] = list(defs["error_record"]["properties"]["error"]["properties"])

    # Step 1: bytes and text ------------------------------------------------------------------------

    @staticmethod
    def check_terminator(raw: bytes) -> list[str]:
        """The line ends with LF, and not with CR LF."""
        if not raw.endswith(b"\n"):
            return ["last line does not end with a newline (\\n)"]
        if raw.endswith(b"\r\n"):
            return ["line ends with CR LF; lines must end with \\n alone"]
        return []

    @staticmethod
    def decode_utf8(raw: bytes) -> tuple[str | None, list[str]]:
        """The line as text, or None and the problem when it is not valid UTF-8."""
        try:
            return raw.decode("utf-8"), []
        except UnicodeDecodeError as error:
            return None, [f"not valid UTF-8 at byte {error.start} of the line ({error.reason})"]

    @staticmethod
    def check_raw_separators(line: str) -> list[str]:
        """No raw U+2028, U+2029 or U+0085: they must be written as \\u escapes."""
        problems = []
        for char, name in RAW_SEPARATORS.items():
            column = line.find(char)
            if column >= 0:
                count = line.count(char)
                problems.append(
                    f"raw {name} character ({count}x, first at character {column + 1}); it must be escaped as \\u{ord(char):04x}"
                )
        return problems

    # Step 2: JSON and schema ----------------------------------------------------------------------

    @staticmethod
    def parse_json(line: str) -> tuple[Any, list[str]]:
        """The parsed value, refusing NaN/Infinity literals and duplicate keys."""

        def refuse_constant(name: str) -> Any:
            raise ValueError(f"{name} is not valid JSON (numbers must be finite)")

        def refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            seen = set()
            for key, _ in pairs:
                if key in seen:
                    raise ValueError(f"duplicate key {key!r} in an object")
                seen.add(key)
            return dict(pairs)

        if not line.strip():
            return None, ["empty line; every line must be one JSON record"]
        try:
            value = json.loads(line, parse_constant=refuse_constant, object_pairs_hook=refuse_duplicates)
        except json.JSONDecodeError as error:
            return None, [f"not JSON: {error.msg} at character {error.colno}"]
        except ValueError as error:
            return None, [f"not JSON: {error}"]
        return value, []

    def check_schema(self, record: Any) -> list[str]:
        """Schema errors, explained against the branch the record is meant to be."""
        if self.validator.is_valid(record):
            return []
        if isinstance(record, dict):
            kind = "error_record" if "error" in record else "annotation"
            errors = sorted(self.branch_validators[kind].iter_errors(record), key=lambda e: list(e.absolute_path))
            if errors:
                label = "error record" if kind == "error_record" else "annotation record"
                return [f"schema ({label}): {message}" for message in describe_schema_errors(errors)]
        return [f"schema: the line is JSON but not an object: {shorten(json.dumps(record), 80)}"]

    def check_key_order(self, record: Record) -> list[str]:
        """Keys come in the order the schema lists them (meta excepted: it keeps input order)."""
        problems = []

        def compare(obj: dict[str, Any], kind: str, where: str) -> None:
            expected = self.key_orders[kind]
            if list(obj) != expected:
                problems.append(f"keys of {where} are in the order {list(obj)}, expected {expected}")

        if "error" in record:
            compare(record, "error_record", "the record")
            compare(record["error"], "error", "error")
            return problems
        compare(record, "annotation", "the record")
        compare(record["pipeline"], "pipeline", "pipeline")
        for layer, kind in (("paragraphs", "paragraph"), ("sentences", "sentence"), ("tokens", "token")):
            for index, item in enumerate(record[layer]):
                compare(item, kind, f"{layer}[{index}]")
                if problems:
                    return problems  # one is enough: the same code writes them all
        return problems

    # Step 3: annotation invariants -----------------------------------------------------------------

    @staticmethod
    def check_integer_literals(record: Record) -> list[str]:
        """Offsets, indices and counts are integer literals (the schema lets 3.0 pass as an integer)."""
        problems = []
        for key in ("n_chars", "n_paragraphs", "n_sentences", "n_tokens", "n_words", "n_entities"):
            if not isinstance(record[key], int):
                problems.append(f"{key} is {record[key]!r}, not an integer literal")
        for layer, index_key in (
            ("paragraphs", None), ("sentences", "paragraph"), ("tokens", "sentence"),
            ("entities", "sentence"), ("relations", "sentence"),
        ):
            for index, item in enumerate(record[layer]):
                numbers = [item["start"], item["end"]]
                if index_key:
                    numbers.append(item[index_key])
                for part in item.get("parts") or []:
                    numbers.extend(part)
                if not all(isinstance(n, int) for n in numbers):
                    problems.append(f"{layer}[{index}] has a non-integer offset or index: {shorten(repr(item))}")
        return problems

    @staticmethod
    def check_counts(record: Record) -> list[str]:
        """n_chars, n_paragraphs, n_sentences (and with --tokens all, n_tokens, n_words) match."""
        text, tokens = record["text"], record["tokens"]
        expected = {
            "n_chars": len(text),
            "n_paragraphs": len(record["paragraphs"]),
            "n_sentences": len(record["sentences"]),
            "n_entities": len(record["entities"]),
        }
        if record["pipeline"]["tokens"] == "all":
            expected["n_tokens"] = len(tokens)
            expected["n_words"] = sum(1 for token in tokens if token["kind"] == "word")
        return [
            f"{key} is {record[key]}, but {describe_count(key)} is {value}"
            for key, value in expected.items()
            if record[key] != value
        ]

    @staticmethod
    def check_token_selection(record: Record) -> list[str]:
        """`tokens` holds what pipeline.tokens promises: none, words and numbers only, or all."""
        mode, tokens = record["pipeline"]["tokens"], record["tokens"]
        if mode == "none" and tokens:
            return [f"pipeline.tokens is \"none\" but tokens has {len(tokens)} entries"]
        if mode == "words":
            problems = []
            others = [i for i, token in enumerate(tokens) if token["kind"] not in ("word", "number")]
            if others:
                problems.append(
                    f"pipeline.tokens is \"words\" but tokens[{others[0]}] has kind {tokens[others[0]]['kind']!r}"
                    + (f" (and {len(others) - 1} more)" if len(others) > 1 else "")
                )
            words = sum(1 for token in tokens if token["kind"] == "word")
            if words != record["n_words"]:
                problems.append(f"n_words is {record['n_words']}, but tokens lists {words} words")
            if len(tokens) > record["n_tokens"]:
                problems.append(f"tokens lists {len(tokens)} tokens, more than n_tokens ({record['n_tokens']})")
            return problems
        return []

    @staticmethod
    def check_spans(layer: str, items: list[Record], text: str, trimmed: bool) -> list[str]:
        """Spans lie in the text, are non-empty, sorted and disjoint; trimmed ones have no edge white space."""
        problems = []
        previous_end, previous_index = 0, None
        for index, item in enumerate(items):
            start, end = item["start"], item["end"]
            where = f"{layer}[{index}] [{start}, {end})"
            if not 0 <= start < end <= len(text):
                problems.append(f"{where} is not a non-empty span of the text (0 <= start < end <= {len(text)})")
                continue
            if previous_index is not None and start < previous_end:
                problems.append(f"{where} starts before the end of {layer}[{previous_index}] ({previous_end}): unsorted or overlapping")
            previous_end, previous_index = end, index
            if trimmed:
                span = text[start:end]
                if span[0] in WHITE_SPACE or span[-1] in WHITE_SPACE:
                    problems.append(f"{where} has leading or trailing white space: {shorten(repr(span), 80)}")
        return problems

    @staticmethod
    def check_containment(
        child_layer: str, children: list[Record], parent_key: str, parent_layer: str, parents: list[Record]
    ) -> list[str]:
        """Each child (sentence, token) lies inside the parent (paragraph, sentence) it names."""
        problems = []
        for index, child in enumerate(children):
            parent_index = child[parent_key]
            where = f"{child_layer}[{index}] [{child['start']}, {child['end']})"
            if parent_index >= len(parents):
                problems.append(f"{where} names {parent_key} {parent_index}, but there are {len(parents)} {parent_layer}")
                continue
            parent = parents[parent_index]
            if not parent["start"] <= child["start"] < child["end"] <= parent["end"]:
                problems.append(
                    f"{where} is not inside the {parent_key} it names, "
                    f"{parent_layer}[{parent_index}] [{parent['start']}, {parent['end']})"
                )
        return problems

    @staticmethod
    def check_parts(tokens: list[Record]) -> list[str]:
        """Compound parts are non-empty, inside their token, ascending and not overlapping."""
        problems = []
        for index, token in enumerate(tokens):
            parts = token["parts"]
            if parts is None:
                continue
            previous_end = token["start"]
            for part_index, (start, end) in enumerate(parts):
                if not (previous_end <= start < end <= token["end"]):
                    problems.append(
                        f"tokens[{index}] [{token['start']}, {token['end']}) parts[{part_index}] [{start}, {end}) "
                        "is empty, outside the token, or before the end of the previous part"
                    )
                    break
                previous_end = end
        return problems

    def check_annotation(self, record: Record) -> list[str]:
        """All invariants of an annotation record that already passed the schema."""
        problems = self.check_integer_literals(record)
        if problems:
            return problems  # the span checks below need integers
        text = record["text"]
        paragraphs, sentences, tokens = record["paragraphs"], record["sentences"], record["tokens"]
        problems += self.check_counts(record)
        problems += self.check_token_selection(record)
        problems += self.check_spans("paragraphs", paragraphs, text, trimmed=True)
        problems += self.check_spans("sentences", sentences, text, trimmed=True)
        problems += self.check_spans("tokens", tokens, text, trimmed=True)
        problems += self.check_containment("sentences", sentences, "paragraph", "paragraphs", paragraphs)
        problems += self.check_containment("tokens", tokens, "sentence", "sentences", sentences)
        problems += self.check_parts(tokens)
        for layer in ("entities", "relations"):
            items = record[layer]
            problems += self.check_spans(layer, items, text, trimmed=True)
            problems += self.check_containment(layer, items, "sentence", "sentences", sentences)
            problems += self.check_span_texts(layer, items, text)
        problems += self.check_entity_counts(record)
        problems += self.check_stance(record, text, sentences)
        return problems

    def check_stance(self, record: Record, text: str, sentences: list[Record]) -> list[str]:
        """Quotations and every piece of stance evidence are spans of the text, inside their sentence's
        text range where they start, with `text` equal to text[start:end]; one stance record per target."""
        problems = self.check_spans("quotations", record["quotations"], text, trimmed=False)
        problems += self.check_span_texts("quotations", record["quotations"], text)
        for index, quotation in enumerate(record["quotations"]):
            if quotation["speaker_start"] is not None and not (
                    0 <= quotation["speaker_start"] < quotation["speaker_end"] <= len(text)):
                problems.append(f"quotations[{index}] speaker span is not a span of the text")
        evidence = [(f"quotes[{i}]", e) for i, q in enumerate(record["quotes"]) for e in q["evidence"]]
        evidence += [(f"stance[{i}]", e) for i, s in enumerate(record["stance"]) for e in s["evidence"]]
        for where, item in evidence:
            if not 0 <= item["start"] < item["end"] <= len(text) or item["text"] != text[item["start"]:item["end"]]:
                problems.append(f"{where} evidence [{item['start']}, {item['end']}) is not text[start:end]")
            elif not 0 <= item["sentence"] < len(sentences) or not (
                    sentences[item["sentence"]]["start"] <= item["start"] < sentences[item["sentence"]]["end"]):
                problems.append(f"{where} evidence [{item['start']}, {item['end']}) does not start in sentence {item['sentence']}")
        targets = [s["target"] for s in record["stance"]]
        if len(set(targets)) != len(targets):
            problems.append(f"stance lists a target twice: {targets}")
        return problems

    @staticmethod
    def check_span_texts(layer: str, items: list[Record], text: str) -> list[str]:
        """Each item's `text` is exactly text[start:end]."""
        return [
            f"{layer}[{index}] text {shorten(repr(item['text']), 60)} is not text[{item['start']}:{item['end']}] "
            f"{shorten(repr(text[item['start']:item['end']]), 60)}"
            for index, item in enumerate(items)
            if item["text"] != text[item["start"]:item["end"]]
        ]

    @staticmethod
    def check_entity_counts(record: Record) -> list[str]:
        """entity_counts lists each mentioned id once, in order of first mention, with its mention count."""
        expected: dict[str, list[Any]] = {}
        for entity in record["entities"]:
            row = expected.setdefault(entity["id"], [entity["type"], 0])
            row[1] += 1
        found = [(row["id"], row["type"], row["mentions"]) for row in record["entity_counts"]]
        wanted = [(key, kind, count) for key, (kind, count) in expected.items()]
        return [] if found == wanted else [f"entity_counts {shorten(repr(found), 120)} does not match the entities"]

    # Putting it together ---------------------------------------------------------------------------

    def check_line(self, raw: bytes) -> list[str]:
        """Every problem of one line (raw bytes, newline included when present)."""
        problems = self.check_terminator(raw)
        line, decode_problems = self.decode_utf8(raw)
        if line is None:
            return problems + decode_problems
        problems += self.check_raw_separators(line)
        record, parse_problems = self.parse_json(line)
        if parse_problems:
            return problems + parse_problems
        schema_problems = self.check_schema(record)
        if schema_problems:
            return problems + schema_problems
        problems += self.check_key_order(record)
        if "error" not in record:
            problems += self.check_annotation(record)
        return problems

    def check_file(self, path: Path) -> tuple[int, list[tuple[int | None, str]]]:
        """The number of lines in the file and its problems as (line number, message)."""
        problems: list[tuple[int | None, str]] = []
        count = 0
        try:
            with path.open("rb") as file:
                for count, raw in enumerate(file, start=1):
                    problems.extend((count, problem) for problem in self.check_line(raw))
        except OSError as error:
            problems.append((None, f"cannot read: {error.strerror or error}"))
        return count, problems


def json_path(path: Iterable[Any]) -> str:
    """`$.tokens[3].kind` for a jsonschema error path."""
    text = "$"
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def describe_schema_errors(errors: list[Any]) -> list[str]:
    """One message per error, `at PATH: …`, with the missing keys of one object merged into one."""
    messages, missing = [], {}
    for error in errors:
        where = json_path(error.absolute_path)
        if error.validator == "required":
            missing.setdefault(where, []).append(error.message.split("'")[1])
        else:
            messages.append(f"at {where}: {shorten(error.message)}")
    return [f"at {where}: missing keys {', '.join(keys)}" for where, keys in missing.items()] + messages


def shorten(text: str, limit: int = MAX_MESSAGE_LENGTH) -> str:
    """The text cut to `limit` characters, so a whole article never ends up in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_count(key: str) -> str:
    return {
        "n_chars": "len(text)",
        "n_paragraphs": "len(paragraphs)",
        "n_entities": "len(entities)",
        "n_sentences": "len(sentences)",
        "n_tokens": "len(tokens)",
        "n_words": "the number of tokens of kind \"word\"",
    }[key]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check tolk annotate output (JSON Lines) against its schema and invariants.")
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA, help=f"the JSON Schema (default: {DEFAULT_SCHEMA})")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE.jsonl", help="output files to check")
    args = parser.parse_args(argv)

    try:
        checker = Checker(json.loads(args.schema.read_text(encoding="utf-8")))
    except (OSError, ValueError, SchemaError) as error:
        print(f"{args.schema}: cannot load the schema: {shorten(str(error))}", file=sys.stderr)
        return 2

    total_lines = total_problems = 0
    for path in args.files:
        lines, problems = checker.check_file(path)
        total_lines += lines
        total_problems += len(problems)
        for line, message in problems[:MAX_PRINTED_PER_FILE]:
            print(f"{path}:{line}: {message}" if line is not None else f"{path}: {message}")
        if len(problems) > MAX_PRINTED_PER_FILE:
            print(f"{path}: … and {len(problems) - MAX_PRINTED_PER_FILE} more problems")
    print(f"checked {total_lines} lines in {len(args.files)} files: {total_problems} problems")
    return 1 if total_problems else 0


if __name__ == "__main__":
    sys.exit(main())
