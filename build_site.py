#!/usr/bin/env python3
"""Generate the site's Markdown from data/: python build_site.py [--check] [--serve]."""
from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _stop)  # end as Ctrl-C does: clean-up runs, the preview's server is stopped
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="validate data/ only; write nothing")
    parser.add_argument("--serve", action="store_true",
                        help="generate, run 'properdocs serve', and regenerate whenever a file under data/ changes")
    parser.add_argument("--data", default="data", help="data folder (default: data)")
    parser.add_argument("--docs", default="docs", help="docs folder to write into (default: docs)")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="where --serve listens (default: 127.0.0.1:8000)")
    parser.add_argument("--bundle-name", action="store_true",
                        help="print the file name of the offline copy (from the treaty's slug in data/treaty.yaml)")
    args = parser.parse_args(argv)
    if args.bundle_name:
        return print_bundle_name(Path(args.data))
    try:
        if args.serve:
            from treatysite.serve import serve
            return serve(Path(args.data), Path(args.docs), run_once, args.dev_addr)
        return run_once(Path(args.data), None if args.check else Path(args.docs), args.data.rstrip("/"))
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (errors.Stopped): one line, no traceback
        signum = getattr(exc, "signum", signal.SIGINT)
        print(f"stopped ({signal.Signals(signum).name}); a page left unfinished is never published, and the next "
              "run completes it", file=sys.stderr)
        return 128 + signum


def print_bundle_name(data: Path) -> int:
    """The offline copy's file name, for `make site`: the Makefile knows no treaty."""
    from treatysite.errors import Problems
    from treatysite.document import load_file
    from treatysite.model import SLUG
    from treatysite.kinds.overview import offline_bundle
    treaty = load_file(data / "treaty.yaml", f"{data}/treaty.yaml", "treaty", Problems()).data  # no link, no huge file
    slug = treaty.get("slug") if isinstance(treaty, dict) else None
    if not (isinstance(slug, str) and SLUG.fullmatch(slug)):
        print(f"error: {data}/treaty.yaml has no valid slug; run `python build_site.py --check` for the details",
              file=sys.stderr)
        return 1
    print(offline_bundle(treaty))
    return 0


def _stop(signum, frame):
    from treatysite.errors import Stopped
    raise Stopped(signum)


def run_once(data: Path, docs: Path | None, label: str = "data") -> int:
    """One generation; prints the outcome and returns the exit code."""
    from treatysite.build import generate
    from treatysite.errors import DataInvalid, OutputRefused, WorkerLost, printable
    start = time.perf_counter()
    try:
        counts = generate(data, docs, label)
    except DataInvalid as exc:
        print(exc.problems.report(f"{label}/"), file=sys.stderr)
        return 1
    except (OutputRefused, WorkerLost) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. docs/ not writable, disk full: say what and where, no traceback
        where = f": {printable(str(exc.filename))}" if exc.filename else ""
        print(f"error: cannot write the pages: {exc.strerror or exc}{where}", file=sys.stderr)
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
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C before main() caught it (say, while Python starts): still no traceback
        sys.exit(130)
