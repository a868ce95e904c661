"""Issue 27: nothing a pull request holds can stop CI, crash the build, or loosen what is published.

One part per class of the probe, each with a variant of its own (not the probe's example): the exact messages of
`build_site.py --check` (file, line, the fix, no traceback), or the behaviour of the real processes.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from stages import BASE, edited, messages

ROOT = Path(__file__).resolve().parent.parent
S = "data/statements/ngo-2024-08.yaml"
STATEMENT = (BASE / "statements" / "ngo-2024-08.yaml").read_text("utf-8")
ICELAND = (BASE / "countries" / "iceland.yaml").read_text("utf-8")
C = "data/countries/iceland.yaml"


def with_files(tmp_path: Path, files: dict[str, str]) -> Path:
    data = edited(tmp_path, "treaty.yaml", "as_of: 2026-11-29", "as_of: 2026-11-29")
    for rel, text in files.items():
        (data / rel).write_text(text, "utf-8")
    return data


def run_python(code: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ, PYTHONPATH=str(ROOT)))


# 1. The tests read data only through the loader -------------------------------------------------------------------

def test_tests_read_hostile_data_through_the_loader_and_fail_at_once(tmp_path):
    """A copy of the project whose data/ holds a link to /dev/urandom and a 3 MB file: the tests that read data/
    fail in seconds, with the build's messages, under a 1 GB memory limit (before: MemoryError, or the disk)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("tests", "treatysite", "schema", "tools", "mkdocs.yml", "pytest.ini", "overrides"):
        source = ROOT / name
        if source.is_dir():
            import shutil
            shutil.copytree(source, project / name, symlinks=True,
                            ignore=lambda d, names: [n for n in names if n in ("__pycache__", "fixtures")])
        else:
            (project / name).write_bytes(source.read_bytes())
    (project / "tests" / "fixtures").symlink_to(ROOT / "tests" / "fixtures")
    import shutil
    shutil.copytree(ROOT / "data", project / "data", symlinks=True)
    os.symlink("/dev/urandom", project / "data" / "statements" / "aaa-random.yaml")
    padding = "notes: [" + ",".join(["x"] * 1_500_000) + "]\n"
    (project / "data" / "statements" / "aab-big.yaml").write_text(STATEMENT.replace("ngo-2024-08", "aab-big") + padding)
    start = time.perf_counter()
    result = subprocess.run(
        ["bash", "-c", "ulimit -v 1000000; exec \"$0\" -m pytest -q -p no:cacheprovider tests/test_content.py "
                       "-k 'cover_both_sides or machine_generated'", sys.executable],
        cwd=project, capture_output=True, text=True, timeout=120)
    took = time.perf_counter() - start
    assert result.returncode == 1, result.stdout[-2000:]
    assert "MemoryError" not in result.stdout and "Traceback" not in result.stdout
    assert "is refused by the build, so this test cannot read it" in result.stdout
    assert ("data/statements/aaa-random.yaml: the file is a symbolic link; data is read only from regular files "
            "inside data/, so it was not read; replace the link with the file itself") in result.stdout
    size = (project / "data/statements/aab-big.yaml").stat().st_size
    assert (f"data/statements/aab-big.yaml: the file is {size:,} bytes, more than the "
            "262,144 a data file may hold; split it or shorten its text") in result.stdout
    assert took < 60, took


def test_no_test_reads_data_around_the_loader():
    """Every test reads data/ through tests/datafiles.py, and every copy keeps links as links."""
    offenders = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        if path.name == "test_hardening.py":
            continue  # this test's own patterns
        text = path.read_text("utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if re.search(r'(ROOT|parent\.parent) / "data', line) and re.search(r"read_text|read_bytes|safe_load|open\(", line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
            if "copytree(" in line and "symlinks=True" not in text[text.index(line):text.index(line) + 400]:
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []


# 2. Lists and costs are bounded before the schema runs -------------------------------------------------------------

@pytest.mark.parametrize("where, text, line, message", [
    ("quotes", "quotes: [" + ",".join(f"{{id: q{n}, text: t, provenance: verbatim}}" for n in range(1001)) + "]",
     10, "'quotes' holds 1,001 items, more than the 1,000 a list in data may hold; split the file or remove items"),
    ("nested", "stakeholders: [[" + ",".join(["1"] * 3000) + "]]",
     2, "a list holds 3,000 items, more than the 1,000 a list in data may hold; split the file or remove items"),
])
def test_a_long_list_is_refused_by_the_loader(tmp_path, where, text, line, message):
    old = "quotes:\n  - {id: q1, text: Too broad., provenance: verbatim}" if where == "quotes" else "stakeholders: [ngo]"
    data = edited(tmp_path, "statements/ngo-2024-08.yaml", old, text)
    assert messages(data) == [f"{S}:{line}: {message}"]


def test_unique_items_never_compares_pairs(tmp_path, monkeypatch):
    """999 distinct ids and a number: jsonschema's own check then compares every pair (minutes at 58,000 items);
    ours hashes each item once, so jsonschema's pairwise uniq() is never called."""
    import jsonschema._keywords
    from treatysite.errors import Problems
    from treatysite.load import load_data
    from treatysite.validate import schema_problems
    calls = []
    monkeypatch.setattr(jsonschema._keywords, "uniq", lambda *a: calls.append(1) or True)
    ids = [f"s{n}" for n in range(999)]
    data = edited(tmp_path, "statements/ngo-2024-08.yaml", "stakeholders: [ngo]", f"stakeholders: [{','.join(ids)},0]")
    problems = Problems()
    doc = next(d for d in load_data(data, problems) if d.kind == "statement")
    assert not schema_problems(doc, problems)
    assert calls == []
    assert [str(p) for p in problems.items] == [
        f"{S}:2: 'stakeholders' must be text, found the number 0; put it in quotes"]


def test_unique_items_still_finds_repeats_of_every_kind():
    from treatysite.validate import _key
    assert len({_key(v) for v in [1, True, "1", None, 1.0]}) == 4            # 1 == 1.0; True is not 1
    assert _key({"a": [1, {"b": 2}]}) == _key({"a": [1, {"b": 2}]}) != _key({"a": [{"b": 2}, 1]})


def test_schema_errors_per_file_are_bounded(tmp_path):
    targets = "targets: [" + ",".join(["{}"] * 400) + "]"
    old = "targets:\n      - {provision: art-2, basis: cited}\n      - {provision: art-1, paragraph: h, basis: editorial}"
    data = edited(tmp_path, "statements/ngo-2024-08.yaml", old, targets)
    found = messages(data)
    assert found[0] == f"{S}:1: more than 100 problems in this file, the first of which are listed; fix them and check again"
    assert len(found) <= 101


def test_suggestions_stop_after_two_hundred_broken_references(tmp_path):
    targets = "targets: [" + ",".join(f"{{provision: art-{n}, basis: cited}}" for n in range(100, 600)) + "]"
    old = "targets:\n      - {provision: art-2, basis: cited}\n      - {provision: art-1, paragraph: h, basis: editorial}"
    found = messages(edited(tmp_path, "statements/ngo-2024-08.yaml", old, targets))
    assert len(found) == 500
    assert sum("did you mean" in m for m in found) == 200
    assert f"{S}:18: objection targets 'art-599', which does not exist" in found


# 3. Valid data never crashes the build ---------------------------------------------------------------------------

SCHEMA_EXAMPLES = {  # a value each anchored pattern of schema/*.json accepts: with a newline after it, it must not
    "^[0-9A-Za-z]{1,6}$": "12a", "^[0-9a-z]{1,4}$": "b", "^C[0-9]+$": "C12", "^[A-Z]{3}$": "ISL",
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "2024-07", "^[a-z0-9][a-z0-9-]*$": "un-cybercrime-convention",
    "^[0-9]+(\\([0-9a-z]+\\))*$": "7(2)", "^(art-[0-9]+|chapter-[0-9]+|preamble|treaty)$": "art-9",
    "^art-[0-9]+$": "art-24", '^(https?://[^\\s<>"]+|mailto:[^\\s<>"]+)$': "https://example.org/a",
}


def _patterns(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern":
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


def test_every_schema_pattern_matches_whole_values_only():
    from jsonschema.exceptions import ValidationError  # noqa: F401 (the validator's own errors)
    from treatysite.validate import _Validator, FORMATS
    found = {p for path in (ROOT / "schema").glob("*.json") for p in _patterns(json.loads(path.read_text("utf-8")))}
    anchored = {p for p in found if p.endswith("$")}
    assert anchored - set(SCHEMA_EXAMPLES) == set(), "give SCHEMA_EXAMPLES a value for the new pattern"
    for pattern in anchored:
        check = _Validator({"pattern": pattern}, format_checker=FORMATS)
        value = SCHEMA_EXAMPLES[pattern]
        assert check.is_valid(value), pattern
        for tail in ("\n", "\r\n", " \n"):
            assert not check.is_valid(value + tail), (pattern, value + tail)


@pytest.mark.parametrize("file, old, new, expected", [
    ("countries/iceland.yaml", "date: 2025-10-25", 'date: "2025-10-25\\n"',
     f"{C}:7: 'date' is '2025-10-25\\n', which is not a real date; write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("treaty.yaml", "slug: test-convention", 'slug: "test-convention\\n"',
     "data/treaty.yaml:2: 'slug' is the text 'test-convention\\n', which is not valid: An identifier: lower-case "
     "letters, digits and hyphens, starting with a letter or digit"),
    ("statements/ngo-2024-08.yaml", "title: A statement", "title: " + "7" * 4400,
     f"{S}:5: the number '7777777777777777777…' has 4,400 digits, more than the 15 a number in data may have; "
     "if it is text, put it in quotes"),
    ("countries/iceland.yaml", "name: Iceland", "name: -" + "1" * 16,
     f"{C}:3: the number '-1111111111111111' has 16 digits, more than the 15 a number in data may have; "
     "if it is text, put it in quotes"),
])
def test_values_that_used_to_pass_and_crash_are_refused(tmp_path, file, old, new, expected):
    data = edited(tmp_path, file, old, new)
    assert messages(data) == [expected]
    result = subprocess.run([sys.executable, "build_site.py", "--data", str(data), "--docs", str(tmp_path / "docs")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.endswith("1 error in " + str(data).rstrip("/") + "/\n")


def test_dates_are_parsed_only_whole():
    from treatysite.model import date_parts
    assert date_parts("2024-07-01") == [2024, 7, 1]
    for bad in ("2024-07\n", " 2024", "2024-7", "2024-07-01-02", "２０２４"):
        with pytest.raises(ValueError):
            date_parts(bad)


def test_the_preview_outlives_an_error_no_check_foresaw(tmp_path, capsys, monkeypatch):
    """A run that fails with an unexpected exception prints one line and the preview goes on (keeps the last
    pages); before, the exception ended `make serve`."""
    from treatysite import serve
    runs = []

    def run_once(data, docs, label):
        runs.append(label)
        if len(runs) == 2:
            raise ValueError("not a valid anchor: '2024-07\n'")
        return 0

    class Server:
        polls = 0

        def __init__(self, *a, **k):
            self.returncode = None

        def poll(self):
            Server.polls += 1
            if Server.polls == 4:
                raise KeyboardInterrupt
            return None if Server.polls < 4 else 0

    stamps = iter(range(100))
    monkeypatch.setattr(serve.subprocess, "Popen", Server)
    monkeypatch.setattr(serve, "snapshot", lambda folder: next(stamps))
    monkeypatch.setattr(serve, "POLL_SECONDS", 0)
    monkeypatch.setattr(serve, "address_problem", lambda address: None)
    assert serve.serve(tmp_path, tmp_path / "docs", run_once) == 0
    assert len(runs) == 4
    err = capsys.readouterr().err
    assert ("error: the pages were not regenerated (ValueError: not a valid anchor: '2024-07\\n'); this is a bug in "
            "build_site.py, please report it with the edit that caused it; the last good pages stay up") in err
    assert "Traceback" not in err


# 4. No address can change the markup around it --------------------------------------------------------------------

def _markdown(text: str) -> str:
    import markdown
    return markdown.markdown(text, extensions=["attr_list", "tables", "toc"])


ACCEPTED = [c for c in map(chr, range(33, 127)) if c not in '<>"`\\']   # what the web-url format lets through


@pytest.mark.parametrize("char", ACCEPTED)
def test_any_character_the_checks_accept_stays_inside_its_link(char):
    from html.parser import HTMLParser
    from urllib.parse import unquote

    from treatysite.markdown import link
    from treatysite.validate import is_web_url
    url = f"https://example.org/a{char}b{char}{char}c{char}"
    assert is_web_url(url)
    row = f"| Cell | {link(url, 'A source')} <span class=\"status\">unverified</span> {link(url, 'seen')} | x |"
    html = _markdown(f"| a | b | c |\n|---|---|---|\n{row}\n")

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.cells, self.hrefs, self.spans, self.attrs = 0, [], 0, set()

        def handle_starttag(self, tag, attrs):
            self.cells += tag == "td"
            self.spans += tag == "span" and ("class", "status") in attrs
            self.attrs |= {k for k, _ in attrs}
            self.hrefs += [v for k, v in attrs if k == "href"]

    cells = Cells()
    cells.feed(html)
    assert cells.cells == 3 and cells.spans == 1, html
    assert [unquote(h) for h in cells.hrefs] == [url, url], html
    assert cells.attrs <= {"href", "class"}, html


def test_a_statement_with_a_quote_in_its_address_keeps_its_trust_labels(tmp_path):
    """Through generation: an unverified source whose address ends in a quote, and a quote's seen_at with | and *."""
    from treatysite.build import generate
    text = STATEMENT.replace('url: "https://example.org/s", status: verified', 'url: "https://example.org/s\'", '
                             'status: unverified').replace(
        "{id: q1, text: Too broad., provenance: verbatim}",
        "{id: q1, text: Too broad., provenance: verbatim, seen_at: \"https://example.org/x|*y*|'\"}")
    data = edited(tmp_path, "statements/ngo-2024-08.yaml", STATEMENT, text)
    generate(data, tmp_path / "docs")
    page = (tmp_path / "docs/statements/ngo-2024-08.md").read_text("utf-8")
    html = _markdown(page.split("\n---\n", 1)[-1])
    assert 'href="https://example.org/s%27"' in html
    assert 'href="https://example.org/x%7C%2Ay%2A%7C%27"' in html
    assert re.search(r'<span class="status status-unverified"[^>]*>', html), html
    assert "title=" not in html


# 5. Look-alike names -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, mixed", [
    ("An NG\u0555", "Armenian"),             # Armenian capital OH
    ("\u13aan NGO", "Cherokee"),             # Cherokee A
    ("\u0251n NGO", None),                    # Latin alpha: one script, the skeleton still matches
    ("An NG\u1d0f", None),                   # Latin small capital O
    ("A\u0578 NGO", "Armenian"),              # Armenian vo, like n
])
def test_look_alikes_of_any_script_are_caught(tmp_path, name, mixed):
    data = with_files(tmp_path, {"stakeholders/zz-ngo.yaml": f"id: zz-ngo\nname: \"{name}\"\ntype: ngo\n"})
    word = next((w for w in name.split() if not w.isascii()), None)
    expected = [f"data/stakeholders/zz-ngo.yaml:2: 'name' '{name}' looks the same as the name of "
                "data/stakeholders/ngo.yaml:2 ('An NGO'); if they are one stakeholder keep one file, otherwise make "
                "the names differ visibly"]
    if mixed:
        expected.append(f"data/stakeholders/zz-ngo.yaml:2: 'name' mixes {' and '.join(sorted([mixed, 'Latin']))} letters in the word "
                        f"'{word}', so it can look like another name; type it again in one script")
    assert messages(data) == sorted(expected)


def test_names_in_one_script_that_differ_are_not_look_alikes(tmp_path):
    files = {"stakeholders/ngo-two.yaml": 'id: ngo-two\nname: "Ара NGO"\ntype: ngo\n',      # Cyrillic word, Latin word
             "stakeholders/ngo-three.yaml": 'id: ngo-three\nname: "Հայ NGO"\ntype: ngo\n',  # Armenian word
             "stakeholders/ngo-four.yaml": 'id: ngo-four\nname: "An NGOs"\ntype: ngo\n'}
    assert messages(with_files(tmp_path, files)) == []


# 6. Facts the build checks -----------------------------------------------------------------------------------------

OPENED = "as_of: 2026-11-29\nopened_for_signature: 2025-10-25"


@pytest.mark.parametrize("country, expected", [
    (ICELAND.replace("date: 2025-10-25", "date: 2025-09"),
     f"{C}:7: signature dated 2025-09, before the treaty opened for signature on 2025-10-25 "
     "(opened_for_signature in data/treaty.yaml); check the date"),
    (ICELAND.split("signature:")[0] + "ratification:\n  kind: approval\n  deposited: 2026-01-15\n  status: verified\n"
     "  sources:\n    - {publisher: A treaty database, url: \"https://example.org/r\", status: verified}\n",
     f"{C}:7: an approval needs a signature first, and this record has none; add the signature (with its date and "
     "sources), or, if the state joined without signing, write kind: accession"),
    (ICELAND.replace("code: ISL", "code: GRL"),
     f"{C}:4: 'GRL' is the ISO code of Greenland, which is not a UN member or observer state; a member state needs "
     "its own code: write its three-letter code"),
    (ICELAND.replace("code: ISL", "code: NOR"),
     f"{C}:4: 'NOR' is the code of Norway, not of 'Iceland'; write the code of 'Iceland' (ISO 3166-1 alpha-3), or "
     "correct the name"),
    (ICELAND.replace("code: ISL", "code: VAT").replace("name: Iceland", "name: Holy See"),
     f"{C}:5: 'VAT' is the code of an observer state, but the record says member-state; correct the code or the "
     "membership"),
])
def test_country_facts_are_checked(tmp_path, country, expected):
    data = edited(tmp_path, "treaty.yaml", "as_of: 2026-11-29", OPENED)
    (data / "countries/iceland.yaml").write_text(country, "utf-8")
    assert messages(data) == [expected]


def test_an_accession_needs_no_signature_and_a_partial_date_is_not_early(tmp_path):
    data = edited(tmp_path, "treaty.yaml", "as_of: 2026-11-29", OPENED)
    (data / "countries/iceland.yaml").write_text(ICELAND.replace("date: 2025-10-25", "date: 2025-10"), "utf-8")
    unsigned = ICELAND.split("signature:")[0]
    (data / "countries/norway.yaml").write_text(
        unsigned.replace("iceland", "norway").replace("Iceland", "Norway").replace("ISL", "NOR")
        + "ratification:\n  kind: accession\n  deposited: 2026-01-15\n  status: verified\n"
        "  sources:\n    - {publisher: A treaty database, url: \"https://example.org/r\", status: verified}\n", "utf-8")
    assert messages(data) == []


def test_the_same_quotation_twice_is_refused(tmp_path):
    second = STATEMENT.replace("id: ngo-2024-08", "id: ngo-2024-09").replace("date: 2024-08-08", "date: 2024-09")
    second = second.replace("text: Too broad.", 'text: "too  broad."')
    data = with_files(tmp_path, {"statements/ngo-2024-09.yaml": second})
    assert messages(data) == [
        "data/statements/ngo-2024-09.yaml:11: quote 'q1' repeats the words of quote 'q1' at "
        "data/statements/ngo-2024-08.yaml:11; a quotation is given once: remove the repeat (name a second source that "
        "reports it in the first quote's note)"]


# 7. Two generations at once ----------------------------------------------------------------------------------------

GENERATE = """
import sys, time
from pathlib import Path
import treatysite.write as write
from treatysite.build import generate
if sys.argv[3] == "slow":   # hold docs/ for a while after its first write, as a big run does
    put = write.Output.put
    def slow_put(self, rel, text):
        Path(sys.argv[4]).touch()
        time.sleep(0.1)
        return put(self, rel, text)
    write.Output.put = slow_put
counts = generate(Path(sys.argv[1]), Path(sys.argv[2]))
print(counts["written"])
"""


def test_a_second_generation_waits_for_the_first(tmp_path):
    first = edited(tmp_path / "one", "statements/ngo-2024-08.yaml", "title: A statement", "title: First run")
    second = edited(tmp_path / "two", "statements/ngo-2024-08.yaml", "title: A statement", "title: Second run")
    docs, started = tmp_path / "docs", tmp_path / "started"
    script = tmp_path / "generate.py"
    script.write_text(GENERATE, "utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    slow = subprocess.Popen([sys.executable, str(script), str(first), str(docs), "slow", str(started)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 30
    while not started.exists():
        assert time.monotonic() < deadline and slow.poll() is None, slow.communicate()
        time.sleep(0.01)
    quick = subprocess.run([sys.executable, str(script), str(second), str(docs), "quick", ""],
                           capture_output=True, text=True, env=env)
    assert slow.wait() == 0 and quick.returncode == 0, (slow.stderr.read(), quick.stderr)
    from treatysite.write import incomplete_site
    assert incomplete_site(docs) is None
    page = (docs / "statements/ngo-2024-08.md").read_text("utf-8")
    assert "Second run" in page and "First run" not in page


# 8. What is published, and what CI runs -----------------------------------------------------------------------------

def _requirements(text: str) -> dict[str, str]:
    return {name.lower().replace("_", "-"): version for name, version in
            re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", text, re.M)}


def test_every_dependency_is_locked_with_hashes():
    lock = (ROOT / "requirements.lock").read_text("utf-8")
    entries = [e for e in re.split(r"\n(?=[A-Za-z0-9])", lock) if not e.startswith("#")]
    assert len(entries) >= 40
    for entry in entries:
        assert re.match(r"[A-Za-z0-9_.-]+==\S+ \\\n", entry), entry[:80]
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), entry[:80]
    locked = _requirements(lock)
    for name in ("requirements.txt", "requirements-dev.txt"):
        for package, version in _requirements((ROOT / name).read_text("utf-8")).items():
            assert locked.get(package) == version, f"{name}: {package}=={version} is not what requirements.lock holds"
    install = [line for line in (ROOT / "Makefile").read_text("utf-8").splitlines() if "pip install" in line]
    assert install and all("--require-hashes -r requirements.lock" in line for line in install)


def test_the_workflow_pins_actions_by_commit_and_keeps_no_token():
    from treatysite.errors import Problems
    from treatysite.load import load_file
    workflow = load_file(ROOT / ".github/workflows/pages.yml", "pages.yml", "workflow", Problems()).data
    assert workflow["concurrency"]["cancel-in-progress"] is False
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert len(uses) == 3 and all(re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", u) for u in uses), uses
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_the_makefile_quotes_what_it_passes_to_the_shell():
    """`make -n` with a Python path and an engine name holding spaces and a quote-free `;`: each stays one word."""
    import shlex
    python, engine = "/opt/my python/bin/python3", "properdocs; touch hacked"
    printed = subprocess.run(["make", "-n", "-B", "site", "test", "check", f"PYTHON={python}", f"SITE_ENGINE={engine}"],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lines = [line for line in printed.replace("\\\n", " ").splitlines() if line.strip()]
    words = [word for line in lines for word in shlex.split(line)]
    assert python in words and engine in words
    assert not {"/opt/my", "hacked"} & set(words)
    assert any('"../site/download/$bundle"' in line for line in lines)


def test_the_bundle_name_is_read_through_the_loader(tmp_path):
    """`make site` names the offline bundle from treaty.yaml's slug: never through a link, never a slug that
    would break the command line (a newline in it split the zip command)."""
    data = edited(tmp_path, "treaty.yaml", "slug: test-convention", 'slug: "test-convention\\n"')
    run = [sys.executable, "build_site.py", "--bundle-name", "--data", str(data)]
    result = subprocess.run(run, cwd=ROOT, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"error: {data}/treaty.yaml has no valid slug; run `python build_site.py --check` for "
                             "the details\n")
    (data / "treaty.yaml").unlink()
    (data / "treaty.yaml").symlink_to(BASE / "treaty.yaml")
    assert subprocess.run(run, cwd=ROOT, capture_output=True, text=True).returncode == 1
    (data / "treaty.yaml").unlink()
    (data / "treaty.yaml").write_text((BASE / "treaty.yaml").read_text("utf-8"), "utf-8")
    assert subprocess.run(run, cwd=ROOT, capture_output=True, text=True).stdout == "test-convention-offline.zip\n"
