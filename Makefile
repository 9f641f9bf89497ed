# The commands of the README, and the steps they share.
#   make serve   build the site and preview it at http://127.0.0.1:8000, rebuilding on every change
#   make test    run every test (installs what it needs, Debian's chromium included): the engine
#                tests on tests/fixtures/, the content tests on questions.yaml and tests/forks/*
#   make smoke   the content tests on questions.yaml alone: what the Pages workflow runs before a deploy
#   make bench   measure sizes, requests, time to the first statement and build times against the budgets,
#                and the time of every check's worst input (bench/worst.py)
#   make docs    write docs/questions-yaml.md from questions.schema.json
#   make suite-time   how long make test takes, step by step, against its 3-minute budget
#   make lighthouse   Lighthouse's four scores for the story, quiz and result pages (slow: not part of test)
# Each creates .venv and installs into it on first use; later runs reuse it.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: serve build check test smoke docs suite-time chromium java npm fribidi bench lighthouse clean

# A live preview (serve.py): rebuilds on every change to questions.yaml, templates/ or static/.
serve: $(VENV)/.site
	$(PY) serve.py --port $(PORT)

# BASE_URL: the published address, for link previews (the Pages workflow passes it).
build: $(VENV)/.site fribidi
	$(PY) build.py $(if $(BASE_URL),--base-url "$(BASE_URL)")

check: $(VENV)/.site
	$(PY) build.py --check

# Lint and formatting (ruff, pyproject.toml), then pytest with a worker for every core and one more
# (TEST_WORKERS, pytest-xdist; tests/conftest.py says why, and keeps the tests that share a costly
# fixture on one worker). Node's test runner for indicator.js's pure functions runs inside it
# (tests/engine/test_js_units.py).
# bench/suite_time.py times these very lines against the 3-minute budget.
TEST_WORKERS ?= auto
test: $(VENV)/.test chromium java fribidi node_modules/.installed
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/ruff format --check --quiet .
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

# Builds questions.yaml, then answers it in Chromium and checks the result, axe and the CSP
# against expectations drawn from the file itself (tests/content/). Needs no Java.
smoke: $(VENV)/.test chromium node_modules/.installed
	$(PY) -m pytest tests/content --content questions.yaml

# docs/questions-yaml.md, the field-by-field reference, from questions.schema.json (a test
# fails when the committed file is behind the schema).
docs: $(VENV)/.site
	$(PY) -m sitebuild.docs

$(PY):
	$(PYTHON) -m venv $(VENV)

# uv installs the pinned packages: about 6 s for the test set on a fresh 2-core machine, where
# pip took 26 s, as it fetches, unpacks and compiles them in parallel. The venv's own pip
# installs uv, pinned here, in 3 s. Compiled now, as pip would: with PYTHONDONTWRITEBYTECODE
# set, as on this project's machines, nothing would keep what an import compiles.
UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv
INSTALL := $(UV) pip install --quiet --compile-bytecode --python $(PY)

$(UV): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.site: requirements.txt | $(UV)
	$(INSTALL) -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(UV)
	$(INSTALL) -r requirements-test.txt
	touch $(VENV)/.site $@

# apt-install(test, packages, what needs them): installs Debian packages when `test` fails and
# we are root (as in CI); otherwise says how, and the tests that need them skip (CI=true: fail).
define apt-install
	@if $(1); then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's $(2) for $(3)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	else \
	  echo "For $(3): sudo apt-get install $(2)"; \
	  echo "Without it they are skipped (and fail when CI=true)."; \
	fi
endef

# Browser tests drive Debian's Chromium; Playwright's own browser download cannot work here.
chromium:
	$(call apt-install,[ -x /usr/bin/chromium ],chromium fonts-dejavu-core,the browser tests)

# The link preview card lays out right-to-left text (Hebrew, Arabic) with FriBiDi, which
# Pillow loads from the system; without it such a card's letters come out in typed order.
fribidi:
	$(call apt-install,/sbin/ldconfig -p | grep -q libfribidi.so.0,libfribidi0,right-to-left text on the link preview card)

# The Nu Html Checker (vnu-jar) runs on Java; any JRE 11 or newer does.
java:
	$(call apt-install,command -v java >/dev/null,default-jre-headless,the HTML validity tests)

# npm installs the test tools below (Debian's Node 18 and npm 9 do as well as newer ones).
npm:
	$(call apt-install,command -v npm >/dev/null,nodejs npm,the accessibility and validity tests)

# Test tools from npm, exactly as package-lock.json pins them. --ignore-scripts: vnu-jar's
# install script would download a Java of its own, which the machine's Java makes needless.
node_modules/.installed: package.json package-lock.json | npm
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Lighthouse is big (about 110 MB), so it has its own package in bench/ and only this installs it.
bench/node_modules/.installed: bench/package.json bench/package-lock.json | npm
	npm ci --prefix bench --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Writes its figures, dated, into docs/performance.md: commit that file as it comes out.
bench: $(VENV)/.test chromium npm
	$(PY) bench/run.py --write docs/performance.md; broken=$$?; $(PY) bench/worst.py && exit $$broken

# The time of every step of make test, against its 3-minute budget.
suite-time: $(VENV)/.test chromium java fribidi node_modules/.installed
	$(PY) bench/suite_time.py

lighthouse: $(VENV)/.test chromium bench/node_modules/.installed
	$(PY) bench/lighthouse.py

clean:
	rm -rf _site .pytest_cache .cache
