# Two commands on a fresh machine (see README.md):
#   make run   - install everything and serve the site with demo data on embedded defaults
#   make test  - install what the tests need and run the whole suite on PostgreSQL and Redis
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
APT := DEBIAN_FRONTEND=noninteractive apt-get
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/aanbesteden
REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test install python-deps npm-deps system-deps browser-deps services static messages lint lock clean

run: install static messages
	DJANGO_SETTINGS_MODULE=aanbesteden.settings.dev $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=aanbesteden.settings.dev $(PY) manage.py demo
	@echo "De site draait op http://127.0.0.1:$(PORT)/ (stoppen met Ctrl+C)"
	DJANGO_SETTINGS_MODULE=aanbesteden.settings.dev $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install browser-deps services static messages
	$(PY) -m ruff check .
	$(PY) -m mypy
	DATABASE_URL=$(DATABASE_URL) REDIS_URL=$(REDIS_URL) $(PY) -m pytest

install: python-deps npm-deps system-deps

python-deps: $(VENV)/.installed
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

npm-deps: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# gettext (msgfmt) compiles the Dutch messages; WeasyPrint needs Pango, and HarfBuzz's
# subsetter to embed fonts (without it WeasyPrint warns, and every warning fails the suite).
system-deps:
	@command -v msgfmt >/dev/null || { $(SUDO) $(APT) update -qq && $(SUDO) $(APT) install -y -qq gettext; }
	@ldconfig -p | grep -q libpango-1.0 || { $(SUDO) $(APT) update -qq && $(SUDO) $(APT) install -y -qq libpango-1.0-0 libpangoft2-1.0-0; }
	@ldconfig -p | grep -q libharfbuzz-subset || { $(SUDO) $(APT) update -qq && $(SUDO) $(APT) install -y -qq libharfbuzz-subset0; }

# Playwright drives Debian's Chromium; its own browser download cannot work here.
browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { $(SUDO) $(APT) update -qq && $(SUDO) $(APT) install -y -qq chromium chromium-driver; }

services:
	@DATABASE_URL=$(DATABASE_URL) REDIS_URL=$(REDIS_URL) $(PY) scripts/check_services.py

static:
	DJANGO_SETTINGS_MODULE=aanbesteden.settings.dev $(PY) manage.py collectstatic --noinput -v0

messages:
	DJANGO_SETTINGS_MODULE=aanbesteden.settings.dev $(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules

# Update the Dutch catalogue after changing texts, then translate the new entries.
makemessages:
	DJANGO_SETTINGS_MODULE=aanbesteden.settings.dev $(PY) manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=bench

lint:
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m ruff format --check .

# Re-resolve the locked versions from the ranges in pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet ".[test]"
	.lock-venv/bin/pip freeze --exclude maatschappelijk-aanbesteden > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) node_modules staticfiles .test-media
