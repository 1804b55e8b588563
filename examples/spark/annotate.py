#!/usr/bin/env python3
"""Annotates JSONL articles on Spark: `tolk annotate` over every partition with RDD.pipe.

Usage (see the README, "Running on a cluster (Spark)"):
  spark-submit examples/spark/annotate.py INPUT.jsonl [INPUT.jsonl …] OUTPUT_DIR \
      --tolk .build-static/release/tolk --lexicons lexicons [--partitions N] [-- TOLK_ARGS…]

Tolk is a one-line-in, one-line-out, order-preserving JSONL filter, so each partition of the input
lines goes through one `tolk annotate -` process and comes out as the same number of lines, in the
same order. The job:
- ships the binary (`make spark-check` builds one with the Swift runtime and ICU linked in; a plain
  `swift build -c release --static-swift-stdlib --product tolk` needs libicu72 on the nodes) and the
  lexicons (a folder, or a .tar.gz/.tgz/.zip with the folder's contents at its root) with
  SparkContext.addFile/addArchive;
- reads the inputs with textFile, in the order given, and never repartitions or coalesces, which
  would reorder lines;
- passes `env=`, since pipe gives the child an empty environment, and `checkCode=True`, since pipe
  ignores a failing child otherwise. Tolk's status 1 (some records became error records, which
  are written like any other line) is success here; 2 (bad flags or lexicons) or a crash fails the task;
- renumbers error records: each process sees its partition as standard input, so an error record's
  `"line"` counts from the partition's first line; the job adds the lines of the partitions before
  it, which makes the output byte-identical to `cat INPUT… | tolk annotate -`;
- writes OUTPUT_DIR with saveAsTextFile: part-00000, part-00001, … in input order.
"""
import argparse
import os
import re
import shlex
import sys

from pyspark import SparkContext, SparkFiles

# The end of an error record read from standard input: `…,"file":"-","line":12}}`. Annotations
# end with their `pipeline` object, so this cannot match one.
ERROR_LINE = re.compile(r'"file":"-","line":(\d+)\}\}$')

# Runs tolk on standard input and maps its status 1 (some error records written) to 0.
RUN_TOLK = 'tolk="$1"; shift; "$tolk" annotate - "$@"; status=$?; [ "$status" -le 1 ] || exit "$status"'


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Runs tolk annotate over JSONL lines with RDD.pipe.", epilog="Flags after -- go to tolk annotate.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="input JSONL files, then the output folder")
    parser.add_argument("--tolk", required=True, help="the tolk binary to ship (a static build)")
    parser.add_argument("--lexicons", required=True, help="the lexicon folder, or a .tar.gz/.tgz/.zip of its contents")
    parser.add_argument(
        "--partitions", type=int, default=None,
        help="minimum number of input partitions (textFile's minPartitions); each starts one tolk process")
    parser.add_argument(
        "--jobs", type=int, default=None,
        help="tolk --jobs in each process; defaults to spark.task.cpus (1 unless set)")
    # Everything after `--` goes to tolk annotate unchanged (e.g. `-- --tokens none`).
    split = argv.index("--") if "--" in argv else len(argv)
    arguments = parser.parse_args(argv[:split])
    arguments.tolk_arguments = argv[split + 1:]
    if len(arguments.paths) < 2:
        parser.error("give at least one input and the output folder")
    return arguments


def ship(sc, path):
    """Ships a file, folder or archive to every executor; returns the name it has there."""
    name = os.path.basename(os.path.normpath(path))
    if os.path.isdir(path):
        sc.addFile(os.path.abspath(path), recursive=True)
    elif name.endswith((".tar.gz", ".tgz", ".zip")):
        sc.addArchive(os.path.abspath(path))
    else:
        sc.addFile(os.path.abspath(path))
    return name


def executor_path(sc, name):
    """Where a tolk process finds a shipped file: executors download shipped files into their working
    directory, which pipe's child inherits; in local mode the executor is the driver, which keeps
    them in its own temporary folder."""
    in_driver = sc.master == "local" or sc.master.startswith("local[")  # not local-cluster[…]
    return SparkFiles.get(name) if in_driver else os.path.join(".", name)


def renumbered(offsets):
    """Adds the lines of earlier partitions to the `line` of each error record in a partition."""

    def renumber(index, lines):
        offset = offsets[index]
        for line in lines:
            if offset and line.endswith("}}") and '"error":{' in line:
                line = ERROR_LINE.sub(lambda match: f'"file":"-","line":{int(match[1]) + offset}}}}}', line)
            yield line

    return renumber


def main(argv):
    arguments = parse_arguments(argv)
    *inputs, output = arguments.paths
    sc = SparkContext.getOrCreate()
    tolk = executor_path(sc, ship(sc, arguments.tolk))
    lexicons = executor_path(sc, ship(sc, arguments.lexicons))
    jobs = arguments.jobs or int(sc.getConf().get("spark.task.cpus", "1"))

    # One textFile per input, joined in the order given: partition order is line order.
    parts = [sc.textFile(path, minPartitions=arguments.partitions) for path in inputs]
    lines = parts[0] if len(parts) == 1 else sc.union(parts)

    # Lines per partition (a quick pass over the input) give each partition's first line number.
    counts = lines.mapPartitions(lambda part: [sum(1 for _ in part)]).collect()
    offsets = [sum(counts[:index]) for index in range(len(counts))]

    command = shlex.join(
        ["/bin/sh", "-c", RUN_TOLK, "sh", tolk, "--jobs", str(jobs), *arguments.tolk_arguments])
    environment = {"TOLK_LEXICONS": lexicons, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    annotations = lines.pipe(command, env=environment, checkCode=True)
    annotations.mapPartitionsWithIndex(renumbered(offsets)).saveAsTextFile(output)
    print(
        f"annotate.py: {sum(counts)} input lines in {len(counts)} partitions -> {output}",
        file=sys.stderr)
    sc.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
