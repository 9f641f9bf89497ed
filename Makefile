# The two commands of the README, and the steps they share.
#   make serve   build the site and serve it at http://127.0.0.1:8000
#   make test    run every test (installs what it needs, Debian's chromium included)
# Each creates .venv and installs into it on first use; later runs reuse it.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: serve build check test chromium clean

serve: $(VENV)/.site
	$(PY) build.py
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory _site

build: $(VENV)/.site
	$(PY) build.py

check: $(VENV)/.site
	$(PY) build.py --check

test: $(VENV)/.test chromium
	$(PY) -m pytest

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $(VENV)/.site $@

# Browser tests drive Debian's Chromium; Playwright's own browser download cannot work here.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	else \
	  echo "Browser tests need Debian's chromium: sudo apt-get install chromium fonts-dejavu-core"; \
	  echo "Without it they are skipped (and fail when CI=true)."; \
	fi

clean:
	rm -rf _site .pytest_cache
