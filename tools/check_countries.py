#!/usr/bin/env python3
"""Check data/countries/*.yaml: schema, file count, ids, signatures and URLs against signatories.md.

Usage: python tools/check_countries.py [path/to/signatories.md]
(default ../shared/reference/signatories.md, beside the repository). Needs pyyaml, jsonschema and referencing.
"""
import glob, json, os, re, sys

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "reference", "signatories.md")
errors = []

reg = Registry()
for p in glob.glob(f"{ROOT}/schema/*.schema.json"):
    reg = reg.with_resource(os.path.basename(p), Resource.from_contents(json.load(open(p))))
val = Draft202012Validator(json.load(open(f"{ROOT}/schema/country.schema.json")), registry=reg,
                           format_checker=Draft202012Validator.FORMAT_CHECKER)

files = sorted(glob.glob(f"{ROOT}/data/countries/*.yaml"))
ids = [l.split("\t")[0] for l in open(f"{ROOT}/tools/country-ids.tsv", encoding="utf-8").read().splitlines()[1:]]
if len(files) != 196:
    errors.append(f"{len(files)} country files, expected 196")
if sorted(os.path.basename(f)[:-5] for f in files) != sorted(ids):
    errors.append("country files do not match tools/country-ids.tsv")

countries = {}
for f in files:
    text = open(f, encoding="utf-8").read()
    if not text.startswith("# yaml-language-server: $schema=../../schema/country.schema.json\n"):
        errors.append(f"{f}: schema comment line missing")
    d = json.loads(json.dumps(yaml.safe_load(text), default=str))
    for e in val.iter_errors(d):
        errors.append(f"{f}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
    if d.get("id") != os.path.basename(f)[:-5]:
        errors.append(f"{f}: id does not match file name")
    countries[d["name"]] = (f, d, text)

if not os.path.exists(REF):
    sys.exit(f"{REF} not found: pass the path of signatories.md (the research notes) as the first argument")
ref = open(REF, encoding="utf-8").read()
sec1 = ref.split("## 1. Participants")[1].split("**Tally**")[0]
participants = [l.split("|")[1].strip() for l in sec1.splitlines()
                if l.startswith("| ") and not l.startswith("| Participant")]
for p in participants:
    if p not in countries:
        errors.append(f"participant {p!r}: no country file with that name")
    elif "signature" not in countries[p][1]:
        errors.append(f"participant {p!r}: no signature in {countries[p][0]}")
signed = [n for n, (_, d, _) in countries.items() if "signature" in d]
extra = set(signed) - set(participants)
if extra:
    errors.append(f"signatures for states not in section 1: {sorted(extra)}")

# Addresses may come from any of the research notes beside signatories.md (the 2026 update adds some).
notes = "\n".join(open(p, encoding="utf-8").read() for p in glob.glob(os.path.join(os.path.dirname(REF), "*.md")))
ref_urls = set(re.findall(r"(?:https?|mailto):[^\s<>\"|)]+", notes))
ref_urls |= {u.rstrip(".,;") for u in ref_urls}
used = 0
for name, (f, d, text) in countries.items():
    for u in re.findall(r"(?:https?|mailto):[^\s<>\"')]+", text):
        u = u.rstrip(".,;")
        if u.startswith("https://json-schema.org"):
            continue
        used += 1
        if u not in ref_urls:
            errors.append(f"{f}: URL not in the research notes: {u}")

print("\n".join(errors) or "ok",
      f"({len(files)} files, {len(participants)} participants, {len(signed)} signatures, {used} URL uses checked)")
sys.exit(1 if errors else 0)
