# Sijill — one-command set-up, build and test. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := site

VENV    := .venv
PY      := $(VENV)/bin/python
PYSTAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
NPMSTAMP:= node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)
CHROMIUM:= /usr/bin/chromium
PORT    ?= 8000
OUTPUT  ?= output

.PHONY: site test setup serve bundle clean lint browser golden messages hostile register check-site import-annotations screenshots

$(PYSTAMP): requirements.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

$(NPMSTAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

setup: $(PYSTAMP) $(NPMSTAMP)

# The browser tests drive the system Chromium, the HTML checker runs on Java: install them when missing.
browser:
	@missing=""; [ -x $(CHROMIUM) ] || missing="chromium"; command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing (apt-get)…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

# Builds into a scratch folder of its own and swaps it in (renameat2 exchange) only when the build
# succeeded, so a failed build leaves the previous site untouched. OUTPUT must be a dedicated
# folder: the project, seeds/, content/... or a folder of someone else's files are refused.
# `make site STRICT=1` fails on warnings; `make site KEEP_GOING=1` builds the rest when a seed
# is refused.
site: setup
	PYTHONPATH=plugins $(PY) -m news_archive.build_atomic -s pelicanconf.py -o $(OUTPUT) \
	  $(if $(STRICT),--strict) $(if $(KEEP_GOING),--keep-going) $(if $(FORCE),--force)
	@echo "Site ready: open $(OUTPUT)/index.html in a browser, or run 'make serve'."

# Check a built site on its own: SHA256SUMS, the URL register, no file a build does not write.
check-site: site
	PYTHONPATH=plugins $(PY) -m news_archive.check_site $(OUTPUT)

# Add the citable paths of a fresh build (articles/<id>.html and .txt) to the URL register.
register: site
	PYTHONPATH=plugins $(PY) -m news_archive.register_cli urls.txt $(OUTPUT)

# Import W3C Web Annotations (e.g. an archive's annotations.jsonld) into content/annotations/:
# `make import-annotations FILE=annotations.jsonld` (REPLACE=1 overwrites existing files).
import-annotations: setup
	PYTHONPATH=plugins $(PY) -m news_archive.webannotation import $(FILE) content/annotations $(if $(REPLACE),--replace)

# Regenerate the hostile-input corpus of tests/hostile/ (review the diff before committing).
hostile: setup
	$(PY) tests/hostile/make_corpus.py

# Preview on 127.0.0.1 with UTF-8 charsets, the manifest's type and 404.html for missing paths
# (news_archive/serve.py; `make serve BASE=/archive/` serves it under a sub-path, as Pages does).
serve: site
	PYTHONPATH=plugins $(PY) -m news_archive.serve $(OUTPUT) --port $(PORT) $(if $(BASE),--base $(BASE))

# Build, then zip the site beside the output folder (sijill-site.zip; BUNDLE=… to change): unzipped,
# sijill-site/index.html opens from disk.
BUNDLE ?= $(dir $(abspath $(OUTPUT)))sijill-site.zip
bundle: site
	PYTHONPATH=plugins $(PY) -m news_archive.bundle $(OUTPUT) $(BUNDLE)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	node --test tests/js/
	$(PY) -m pytest
	$(MAKE) --no-print-directory check-site

# Full-page screenshots of every page type at 1280 px and 390 px into screenshots/, for review.
screenshots: site browser
	$(PY) -m tests.screenshots $(OUTPUT) screenshots

# Regenerate the golden table of the bundled seeds; review `git diff tests/golden` before committing.
golden: setup
	$(PY) tests/golden/regen.py

# Re-extract UI strings from the templates and merge them into the ar/fa/en catalogs.
messages: setup
	$(VENV)/bin/pybabel extract -F babel.cfg -o theme/translations/messages.pot --no-location --sort-output --omit-header .
	$(VENV)/bin/pybabel update -i theme/translations/messages.pot -d theme/translations --no-fuzzy-matching

# Deletes the output folder after the same checks as `make site` (never seeds/, the project...).
clean:
	$(if $(wildcard $(PY)),$(PY),python3) plugins/news_archive/build_atomic.py --clean -s pelicanconf.py -o $(OUTPUT)
	rm -rf .pytest_cache .sijill-cache
