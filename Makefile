# make serve: install, generate, serve at http://127.0.0.1:8000 with live reload.
# make test:  the whole suite.   make site: the static site in site/ (ENGINE=mkdocs|properdocs|zensical).
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
NODE_MODULES := node_modules/.package-lock.json
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve site docs test golden bench eval audit offline vendor clean

$(INSTALLED): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The engines after MkDocs 1.x (README: Engines), each in its own environment, pinned in requirements-<engine>.txt,
# so the default's pins stay as they are. .venv's pip installs into them (pip --python): no pip of their own.
ENGINE := mkdocs
ENGINE_ENVS := .venv-properdocs/.installed .venv-zensical/.installed
ENV_mkdocs := $(INSTALLED)
BUILD_mkdocs := $(VENV)/bin/mkdocs build --strict --site-dir .site.tmp
ENV_properdocs := .venv-properdocs/.installed
BUILD_properdocs := .venv-properdocs/bin/properdocs build --strict --config-file mkdocs.yml --site-dir .site.tmp
ENV_zensical := .venv-zensical/.installed
BUILD_zensical := SITE_DIR=.site.tmp .venv-zensical/bin/zensical build --strict --config-file mkdocs.yml
ifeq ($(BUILD_$(ENGINE)),)
$(error ENGINE=$(ENGINE): choose mkdocs, properdocs or zensical)
endif

.venv-%/.installed: requirements-%.txt | $(INSTALLED)
	test -x .venv-$*/bin/python || python3 -m venv --without-pip .venv-$*
	$(PY) -m pip --python .venv-$*/bin/python install --quiet --disable-pip-version-check -r $<
	touch $@

docs: $(INSTALLED)
	$(PY) scripts/build.py

# The site's search (README: Reading, searching, hosting): Material's built-in lunr, Pagefind (indexed after the
# engine's build), or auto: Pagefind from scripts/briefing/search.py's PAGEFIND_FROM articles on.
SEARCH ?= auto
SEARCH_ENGINE = $(shell $(PY) scripts/search.py choose $(SEARCH) --seeds seeds)
SEARCH_ENV = $(shell $(PY) scripts/search.py choose $(SEARCH) --seeds seeds --env)

# Built beside site/ and swapped in only when the strict build succeeded.
site: docs $(ENV_$(ENGINE))
	@test -n "$(SEARCH_ENGINE)"  # SEARCH= lunr, pagefind or auto
	rm -rf .site.tmp
	$(SEARCH_ENV) $(BUILD_$(ENGINE))
	$(PY) scripts/search.py index .site.tmp --engine $(SEARCH_ENGINE)
	rm -rf site && mv .site.tmp site

# One process generates, builds and serves; on each change to seeds/ it regenerates and rebuilds only the pages
# that changed, then reloads the open pages (scripts/briefing/serve.py). `scripts/build.py --watch` regenerates
# alone, for another server.
serve: $(INSTALLED)
	$(PY) scripts/serve.py --dev-addr 127.0.0.1:8000 --search $(SEARCH)

# The browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test: $(INSTALLED) $(CHROMIUM) $(NODE_MODULES) $(ENGINE_ENVS)
	$(VENV)/bin/pytest

# Regenerate the golden Markdown tree after a deliberate change to the output; review the diff.
golden: $(INSTALLED)
	$(PY) scripts/build.py --seeds tests/fixtures/golden-seeds --out tests/golden
	rm -f tests/golden/data/corpus.schema.json  # copied verbatim; not worth pinning

# Cold and warm at corpus scale (scripts/bench.py): synthetic corpora of N articles, and REAL articles of the
# seed's length; each built from scratch, then served while edits are timed in Chromium. bench/results.md.
# `make bench N="1000 10000" REAL= OUT=bench/results-10000.md` for the 10,000-article bounds (outside CI: about
# half an hour, a few GB of disk).
N ?= 100 1000
REAL ?= 1000
EDITS ?= 5
OUT ?= bench/results.md
bench: $(INSTALLED) $(CHROMIUM)
	$(PY) scripts/bench.py $(N) --real $(REAL) --edits $(EDITS) --out $(OUT)

# The figures on real news annotated by others (../shared/eval/): attribution and profiles.
eval: $(INSTALLED)
	PYTHONPATH=scripts $(PY) scripts/eval.py

# Lighthouse (npm, pinned in package.json) on the four page types, served by nginx with gzip.
$(NGINX):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx

$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund

audit: site $(CHROMIUM) $(NGINX) $(NODE_MODULES)
	$(PY) scripts/audit.py site

# A zip to browse from file://, search included (Material's offline plugin, iframe-worker vendored from npm).
offline: $(INSTALLED) $(NODE_MODULES)
	$(PY) scripts/offline.py

# Refresh the vendored Mermaid (the home page's diagram) from the version pinned in package.json.
vendor: $(NODE_MODULES)
	cp node_modules/mermaid/dist/mermaid.min.js node_modules/mermaid/LICENSE overrides/assets/vendor/mermaid/

clean:
	rm -rf docs site $(VENV) .venv-properdocs .venv-zensical .cache node_modules
