# The two commands: `make site` builds everything, `make test` tests everything.
# Both set themselves up on a fresh machine (Debian, Python 3.11, root).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site validate serve test linkcheck zizmor clean internal

## site: check the content, build the web site into site/ and the offline bundle, ZIM files and printed packs into dist/
site: $(VENV)/.installed
	$(BIN)/python scripts/build.py

## internal: the internal edition of the offline bundle for the National Contact Points, with the restricted records of $PRIVATE_DATA, into dist-internal/ (never deployed)
internal: $(VENV)/.installed
	$(BIN)/python scripts/build.py --internal

## validate: only check data/ and docs/, reporting every problem
validate: $(VENV)/.installed
	$(BIN)/python scripts/build.py --validate

## serve: live preview at http://127.0.0.1:8000 while you edit (stop it with Ctrl+C)
# In a dev container or a codespace, .devcontainer/devcontainer.json sets 0.0.0.0:8000, so that the forwarded port reaches it.
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dev-addr $(SERVE_ADDR)

## test: install what the tests need (chromium and firefox-esr included) and run them all
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests

## screenshots: build, then PNG pictures of one page of each kind (both languages, 320 and 1280 px, web and offline) into screenshots/
.PHONY: screenshots
screenshots: site $(VENV)/.installed-test
	$(BIN)/python scripts/screenshots.py

## linkcheck: check the built site's external links (needs network; not part of `make test`)
linkcheck: $(VENV)/.installed-linkcheck
	$(BIN)/python scripts/check_links.py site
	@# linkchecker follows the site's own pages from the home pages of both languages
	@# (internal links are checked above) and tries every external address once.
	@# Run as root, it reads the files as user nobody: site/ must be readable by all.
	$(BIN)/linkchecker --no-status --no-warnings --check-extern site/index.html site/ru/index.html

## zizmor: check .github/ (workflows, dependabot.yml) for known weaknesses, offline (`make test` does it too)
zizmor: $(VENV)/.installed-test
	$(BIN)/zizmor --offline .github/

## audit: Lighthouse (mobile) on one page of each kind in both languages, built for a sub-path; prints the scores
.PHONY: audit
audit: $(VENV)/.installed-test
	$(BIN)/python scripts/audit.py

## bench: build synthetic data at 1x, 10x, 100x the content and print build time, sizes, goals (a few minutes)
.PHONY: bench
bench: $(VENV)/.installed
	$(BIN)/python scripts/bench.py

## normalize: rewrite data/*.yml in canonical form (fields in the schema's order, two spaces), keeping comments
.PHONY: normalize check-normalized translations
normalize: $(VENV)/.installed
	$(BIN)/python scripts/normalize.py

## check-normalized: change nothing; fail, naming the files, if a data file is not in canonical form
check-normalized: $(VENV)/.installed
	$(BIN)/python scripts/normalize.py --check

## translations: report texts and pages missing in a language, or whose Russian is older than the English
translations: $(VENV)/.installed
	$(BIN)/python scripts/translations.py

clean:
	rm -rf site site.new site.old dist dist.new dist.old dist-internal dist-internal.new dist-internal.old .pytest_cache .cache screenshots

$(VENV)/.installed: requirements.txt
	@# WeasyPrint (the printed resource packs) needs Pango and subsets fonts with HarfBuzz; their fonts are DejaVu.
	dpkg -s libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# --require-hashes: pip installs only the files whose SHA-256 requirements.txt names.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt package-lock.json $(VENV)/.installed
	@# Complete on its own (hash checking allows no unhashed include): the build's packages and linkchecker too.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.txt
	@# The Nu Html Checker (tests/test_valid_html.py), from the npm registry at the version and hash the lock file names.
	npm ci --no-audit --no-fund --silent
	@# chromium and firefox-esr for the browser tests; xorriso reads the ISO image back, independently of
	@# pycdlib; Java runs the Nu Html Checker; zim-tools and kiwix-tools check and serve the ZIM files.
	command -v chromium >/dev/null && command -v firefox-esr >/dev/null && command -v xorriso >/dev/null \
	  && command -v java >/dev/null && command -v zimcheck >/dev/null && command -v kiwix-serve >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium firefox-esr fonts-dejavu-core \
	    xorriso default-jre-headless zim-tools kiwix-tools; }
	touch $@

$(VENV)/.installed-linkcheck: requirements-linkcheck.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-linkcheck.txt
	touch $@

## issue-forms: write the editors' GitHub issue forms (.github/ISSUE_TEMPLATE/) from the schemas and data/labels.yml
.PHONY: issue-forms
issue-forms: $(VENV)/.installed
	$(BIN)/python scripts/issue_forms.py
