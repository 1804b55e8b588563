#!/usr/bin/env python3
"""Runs a notebook headless, as `make test` does with notebooks/coverage.ipynb.

Usage: run_notebook.py NOTEBOOK.ipynb [--annotations FILE.jsonl] [--coverage coverage.json] [--save OUT.ipynb]

Fails (exit 1) when the committed notebook holds outputs or execution counts (commit it clean), or when
any cell raises. The paths are passed to the notebook as TOLK_ANNOTATIONS and TOLK_COVERAGE; the kernel
is this interpreter's (the venv's) ipykernel, started in the notebook's folder.
"""
import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--annotations", type=Path)
    parser.add_argument("--coverage", type=Path)
    parser.add_argument("--save", type=Path, help="write the executed notebook here")
    arguments = parser.parse_args()

    notebook = nbformat.read(arguments.notebook, as_version=4)
    nbformat.validate(notebook)
    dirty = [index for index, cell in enumerate(notebook.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    if dirty:
        print(f"{arguments.notebook}: cells {dirty} have outputs; clear them before committing", file=sys.stderr)
        return 1
    for name, path in (("TOLK_ANNOTATIONS", arguments.annotations), ("TOLK_COVERAGE", arguments.coverage)):
        if path:
            os.environ[name] = str(path.resolve())
    folder = tempfile.mkdtemp(prefix="tolk-kernel-")
    # Kernel messages over Unix sockets in a private folder rather than TCP ports.
    manager = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(folder, "kernel"))
    client = NotebookClient(
        notebook, km=manager, timeout=300, kernel_name="python3",
        resources={"metadata": {"path": str(arguments.notebook.resolve().parent)}})
    started = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as error:
        print(f"{arguments.notebook}: a cell failed:\n{error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if arguments.save:
            nbformat.write(notebook, arguments.save)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    images = sum(1 for cell in code for output in cell.outputs if "image/png" in output.get("data", {}))
    printed = [output.get("text", "") for cell in code for output in cell.outputs if output.get("name") == "stdout"]
    print(f"{arguments.notebook}: {len(code)} code cells ran in {time.monotonic() - started:.1f} s, {images} charts; "
          + " | ".join(line.strip() for text in printed for line in text.splitlines() if line.strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
