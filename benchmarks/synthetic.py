#!/usr/bin/env python3
"""Generate a synthetic data/ tree for benchmarking the site generator.

The treaty, chapters, themes, timeline and ratifications are the project's own (read through the
pipeline's load, validate and link stages); stakeholders and statements are made up, with realistic
counts, lengths and variety, and written with a YAML dumper in the layout of the registry. Every file is
valid data: the benchmark builds it with the real pipeline.

    python benchmarks/synthetic.py --statements 1000 --out /tmp/bench [--seed 1] [--force]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from random import Random

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treatysite.build import read_site  # noqa: E402
from treatysite.errors import DataInvalid  # noqa: E402
from treatysite.model import ASKS, KINDS, STAKEHOLDER_TYPES  # noqa: E402
from treatysite.site import Site  # noqa: E402
from treatysite.registry import DATA_KINDS  # noqa: E402

REAL_DATA = ROOT / "data"
MADE = ("stakeholder", "statement")   # the kinds this tool makes up; every other kind is copied,
LEFT_OUT = ("lifecycle",)             # except those that name real statements and stakeholders
TYPE_SHARES = {"ngo": 40, "coalition": 12, "un-body": 4, "igo": 3, "industry": 14, "academic": 10,
               "legislator": 9, "media": 8}
STATUS_SHARES = {"verified": 70, "partly-verified": 18, "unverified": 12}
HOT_ARTICLES = [23, 28, 2, 6, 24, 35, 29, 30, 40, 3, 14, 27, 7, 36, 25, 26, 11, 42, 44, 45, 46, 43, 8, 9, 10]
RANGES = [(7, 11), (23, 25), (27, 30), (42, 46), (35, 36), (12, 16), (40, 41)]
WORDS = ("safeguards oversight surveillance data evidence cooperation scope states authorities judicial "
         "authorisation journalists researchers privacy expression sharing requests crimes offences powers "
         "interception traffic content retention transfer protection rights defenders minimum standards "
         "independent review proportionality necessity legality notice transparency remedies abuse "
         "criminalisation jurisdiction extradition assistance dual criminality refusal grounds serious").split()


def _sentence(rng: Random, low: int, high: int) -> str:
    """Text of low..high words: realistic length and variety, no grammar needed."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return (" ".join(words).capitalize() + ".").replace("  ", " ")


def _pick(rng: Random, shares: dict) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def real_site() -> Site:
    """The project's own data, through the pipeline: the provisions and themes the statements target."""
    try:
        return read_site(REAL_DATA)
    except DataInvalid as error:
        sys.exit(f"error: the project's data is not valid:\n{error.problems.report()}")


def stakeholders(rng: Random, count: int) -> list[dict]:
    found = []
    for n in range(1, count + 1):
        kind = _pick(rng, TYPE_SHARES)
        doc = {"id": f"syn-{kind}-{n}", "name": f"Synthetic {STAKEHOLDER_TYPES[kind]} {n}", "type": kind,
               "description": _sentence(rng, 8, 20)}
        if rng.random() < 0.4:
            doc["homepage"] = f"https://example.org/{doc['id']}"
        found.append(doc)
    for doc in found:
        if doc["type"] == "coalition":
            doc["members"] = sorted({m["id"] for m in rng.sample(found, 3) if m is not doc and m["type"] != "coalition"})
    return found


def targets(rng: Random, site: Site) -> list[dict]:
    """One to three targets: mostly hot articles, sometimes a range, a paragraph, a chapter or the whole text."""
    found = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        roll = rng.random()
        basis = "cited" if rng.random() < 0.4 else "editorial"
        if roll < 0.1:
            first, last = rng.choice(RANGES)
            found.append({"provision": f"art-{first}", "through": f"art-{last}", "basis": basis})
        elif roll < 0.15:
            found.append({"provision": rng.choice(site.chapters).id, "basis": basis})
        elif roll < 0.2:
            found.append({"provision": "treaty", "basis": "editorial"})
        else:
            article = site.article(rng.choice(HOT_ARTICLES[: rng.randint(3, len(HOT_ARTICLES))]))
            target = {"provision": article.id, "basis": basis}
            if article.paragraphs and rng.random() < 0.3:
                target["paragraph"] = rng.choice(article.paragraphs).id
            found.append(target)
    return found


def statement(rng: Random, sid: str, people: list[dict], weights: list[float], site: Site) -> dict:
    year = rng.choice([2019, 2021, 2022, 2023, 2023, 2024, 2024, 2024, 2024, 2025, 2025, 2026])
    month = rng.randint(1, 10 if year == 2026 else 12)   # never after the real data's as_of (2026-11-29)
    date = f"{year}-{month:02d}" + (f"-{rng.randint(1, 28):02d}" if rng.random() < 0.7 else "")
    by = list({s["id"]: s for s in rng.choices(people, weights=weights, k=rng.choice([1, 1, 1, 2]))}.values())
    status = _pick(rng, STATUS_SHARES)
    source = {"publisher": by[0]["name"], "status": status}
    if status != "unverified":
        source["url"] = f"https://example.org/statements/{sid}"
    doc = {"id": sid, "stakeholders": [s["id"] for s in by], "date": date, "kind": rng.choice(list(KINDS)),
           "title": _sentence(rng, 4, 12).rstrip("."), "title_kind": rng.choice(["official", "descriptive"]),
           "source": source, "summary": _sentence(rng, 20, 60), "stance": "objects"}
    # Every quote says where its words can be read (checks.py refuses a quote that nobody could check).
    quotes = [{"id": f"q{i}", "text": _sentence(rng, 6, 25), "provenance": rng.choice(["verbatim", "reported"]),
               "seen_at": f"https://example.org/quoted/{sid}"} for i in range(1, rng.choice([0, 0, 1, 2]) + 1)]
    if quotes:
        doc["quotes"] = quotes
    themes = [t.id for t in site.themes]
    doc["objections"] = [{"id": f"o{i}", "summary": _sentence(rng, 10, 30), "themes": rng.sample(themes, rng.choice([1, 1, 2])),
                          "asks": rng.choice([a for a in ASKS if a != "remove-safeguard"]),
                          "targets": targets(rng, site)} for i in range(1, rng.choice([1, 1, 2, 2, 3, 4]) + 1)]
    if quotes:
        doc["objections"][0]["quotes"] = [quotes[0]["id"]]
    return doc


def write(folder: Path, kind: str, doc: dict) -> None:
    header = f"# yaml-language-server: $schema=../../schema/{DATA_KINDS[kind].schema}\n"
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    (folder / f"{doc['id']}.yaml").write_text(header + text, "utf-8")


def make(out: Path, count: int, seed: int = 1) -> Path:
    """Write out/data with `count` synthetic statements; returns the data folder."""
    site = real_site()
    data = out / "data"
    data.mkdir(parents=True)
    for kind in DATA_KINDS.values():
        source = REAL_DATA / kind.place
        if kind.name not in MADE + LEFT_OUT and source.exists():
            (shutil.copytree if kind.folder else shutil.copy2)(source, data / kind.place)
    rng = Random(seed)
    people = stakeholders(rng, max(30, min(400, count // 25)))
    weights = [1 / rank for rank in range(1, len(people) + 1)]  # a few stakeholders say most
    for kind, docs in (("stakeholder", people),
                       ("statement", (statement(rng, f"syn-{n:06d}", people, weights, site) for n in range(1, count + 1)))):
        folder = data / DATA_KINDS[kind].place
        folder.mkdir()
        for doc in docs:
            write(folder, kind, doc)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, required=True, metavar="N", help="number of statements to write")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder in which to create data/")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument("--force", action="store_true", help="replace DIR/data if it exists")
    args = parser.parse_args(argv)
    if args.statements < 0:
        parser.error("--statements must be 0 or more")
    data = args.out / "data"
    if data.exists() and any(data.iterdir()):
        if not args.force:
            print(f"error: {data} already exists and is not empty; pass --force to replace it", file=sys.stderr)
            return 2
        shutil.rmtree(data)
    start = time.perf_counter()
    make(args.out, args.statements, args.seed)
    print(f"wrote {args.statements} statements to {data} ({time.perf_counter() - start:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
