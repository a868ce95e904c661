# make serve: set up, generate and preview with live reload at http://127.0.0.1:8000
# make test:  set up and run every test      make site: the strict deploy build into site/
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt requirements.lock | cksum | cut -d' ' -f1)
# The engine: ProperDocs (the maintained MkDocs 1.x). `make site SITE_ENGINE=mkdocs` builds with MkDocs 1.6.1.
export SITE_ENGINE ?= properdocs
BUILD := "$(PY)" -m "$(SITE_ENGINE)" build --strict -f mkdocs.yml

.PHONY: setup docs check serve site test clean

setup: $(STAMP)

# requirements.lock: every package of requirements-dev.txt and what they need, each with its hashes (made by
# pip-compile from pip-tools 7.6.2: the command is at its top). pip refuses any file whose hash is not listed.
$(STAMP): requirements.txt requirements-dev.txt requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed: install python3.11, or run make PYTHON=/path/to/python3.11"; exit 1; }
	"$(PYTHON)" -m venv "$(VENV)"
	"$(PY)" -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	rm -f "$(VENV)"/.installed-* && touch "$@"

docs: setup
	"$(PY)" build_site.py

check: setup
	"$(PY)" build_site.py --check

serve: setup
	"$(PY)" build_site.py --serve

# The deploy site and the offline bundle are two engine processes side by side (they only read docs/); the
# target fails if either fails, after both have ended.
site: docs
	rm -rf build/offline
	$(BUILD) & deploy=$$!; \
	OFFLINE=true $(BUILD) --quiet -d build/offline; offline=$$?; \
	wait $$deploy && test $$offline -eq 0
	bundle="$$("$(PY)" build_site.py --bundle-name)" && cd build && "../$(PY)" -m zipfile -c "../site/download/$$bundle" offline \
		&& echo "offline bundle: site/download/$$bundle"

test: setup
	"$(PY)" -m pytest

clean:
	rm -rf site build .pytest_cache test-output
