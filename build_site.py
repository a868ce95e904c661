#!/usr/bin/env python3
"""Generate the site's Markdown from data/: python build_site.py [--check] [--serve]."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from treatysite.build import generate
from treatysite.errors import DataInvalid, OutputRefused, WorkerLost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="validate data/ only; write nothing")
    parser.add_argument("--serve", action="store_true",
                        help="generate, run 'properdocs serve', and regenerate whenever a file under data/ changes")
    parser.add_argument("--data", default="data", help="data folder (default: data)")
    parser.add_argument("--docs", default="docs", help="docs folder to write into (default: docs)")
    args = parser.parse_args(argv)
    if args.serve:
        from treatysite.serve import serve
        return serve(Path(args.data), Path(args.docs), run_once)
    return run_once(Path(args.data), None if args.check else Path(args.docs), args.data.rstrip("/"))


def run_once(data: Path, docs: Path | None, label: str = "data") -> int:
    """One generation; prints the outcome and returns the exit code."""
    start = time.perf_counter()
    try:
        counts = generate(data, docs, label)
    except DataInvalid as exc:
        print(exc.problems.report(f"{label}/"), file=sys.stderr)
        return 1
    except OutputRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except WorkerLost as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. docs/ not writable, disk full: say what and where, no traceback
        print(f"error: cannot write the pages: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 2
    took = time.perf_counter() - start
    if docs is None:
        print(f"{label}/ is valid: {counts['articles']} articles, {counts['statements']} statements, "
              f"{counts['stakeholders']} stakeholders ({took:.2f} s)")
    else:
        print(f"generated {counts['pages']} pages in {docs}/: {counts['written']} written, "
              f"{counts['unchanged']} unchanged, {counts['deleted']} deleted ({took:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
