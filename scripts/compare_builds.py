#!/usr/bin/env python3
"""Before/after per-stage CPU time of two (or more) tolk builds on one corpus, measured interleaved.

    scripts/compare_builds.py CORPUS.jsonl OLD/tolk NEW/tolk [--rounds 3]

Runs `tolk bench stages CORPUS --json` with each binary in turn, ROUNDS times (old, new, old, new, …),
so that load from other jobs falls on both alike, and prints the median CPU seconds of every step for
each binary and the ratio first/last (above 1: the last build is faster). CPU seconds, not wall time:
the steadier figure on a shared machine. Used for the before/after table in docs/performance.md.
"""
import argparse
import json
import statistics
import subprocess


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if len(args.binaries) < 2:
        parser.error("give at least two tolk binaries")
    seconds: dict[str, dict[str, list[float]]] = {binary: {} for binary in args.binaries}
    order: list[str] = []
    for _ in range(args.rounds):
        for binary in args.binaries:
            output = subprocess.run(
                [binary, "bench", "stages", args.corpus, "--json"], capture_output=True, text=True, check=True
            ).stdout
            for row in json.loads(output)["rows"]:
                if row["name"] not in order:
                    order.append(row["name"])
                seconds[binary].setdefault(row["name"], []).append(row["cpu_seconds"])
    names = [f"[{index}]" for index in range(len(args.binaries))]
    for index, binary in enumerate(args.binaries):
        print(f"[{index}] {binary}")
    print(f"{'step':<28}" + "".join(f"{name + ' CPU s':>14}" for name in names) + f"{'[0]/[last]':>12}")
    for step in order:
        medians = [statistics.median(seconds[binary].get(step, [float("nan")])) for binary in args.binaries]
        ratio = medians[0] / medians[-1] if medians[-1] else float("nan")
        print(f"{step:<28}" + "".join(f"{median:>14.3f}" for median in medians) + f"{ratio:>12.2f}")


if __name__ == "__main__":
    main()
