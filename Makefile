# The two commands: `make site` builds everything, `make test` tests everything.
# Both set themselves up on a fresh machine (Debian, Python 3.11, root).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site validate serve test clean

## site: check the content and build the web site into site/
site: $(VENV)/.installed
	$(BIN)/python scripts/build.py

## validate: only check data/ and docs/, reporting every problem
validate: $(VENV)/.installed
	$(BIN)/python scripts/build.py --validate

## serve: live preview at http://127.0.0.1:8000 while you edit
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload

## test: install what the tests need (chromium included) and run them all
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests

clean:
	rm -rf site site.new site.old dist .pytest_cache

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	command -v chromium >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }
	touch $@
