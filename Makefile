# Two commands: `make run` sets up and serves the portal with the demo content,
# `make test` runs the whole test suite. Everything else is a step of those.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Exported so the settings derive SITE_URL (links in e-mails and PDFs) from the port served on.
export PORT
PO := locale/zh_Hans/LC_MESSAGES/django.po
MO := locale/zh_Hans/LC_MESSAGES/django.mo

.PHONY: run test test-clock serve setup migrate messages demo superuser system-deps browser-deps lint check-po clean fonts \
	cluster-deps cluster-demo

run: setup
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py ensure_superuser
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

setup: $(VENV)/.installed system-deps messages migrate

# The portal as it runs in production on one machine: gunicorn with 2 x cores + 1 workers on
# loopback (put a TLS-terminating proxy in front), DEBUG off, WhiteNoise serving compressed,
# fingerprinted static files, JSON logs on stdout. Needs SECRET_KEY; honours DATABASE_URL,
# CACHE_URL (redis://... for a cache shared by all workers), ALLOWED_HOSTS, SITE_URL, MEDIA_ROOT.
WORKERS ?= $(shell echo $$(( 2 * $$(nproc 2>/dev/null || echo 1) + 1 )))
serve: $(VENV)/.installed messages
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY is not set: export a long random SECRET_KEY before 'make serve' (production refuses to start without one)."; exit 1; }
	DJANGO_SETTINGS_MODULE=mmsp.settings.production $(PY) manage.py migrate --no-input --verbosity 0
	DJANGO_SETTINGS_MODULE=mmsp.settings.production $(PY) manage.py collectstatic --no-input --verbosity 0
	DJANGO_SETTINGS_MODULE=mmsp.settings.production $(VENV)/bin/gunicorn mmsp.wsgi:application \
		--bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile - --error-logfile - \
		--max-requests 2000 --max-requests-jitter 200 --timeout 60


# pytest-xdist workers for the suite (TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= 2
test: $(VENV)/.dev-installed system-deps browser-deps messages
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -n $(TEST_WORKERS)

# The suite (browser tests aside) with the clock moved to two hours of the day (time-machine,
# tests/conftest.py): at 23:30 UTC it is already tomorrow in the portal's zone (Asia/Shanghai),
# at 07:30 UTC the same day. A test that mixes UTC and local dates fails in one of them.
test-clock: $(VENV)/.dev-installed system-deps messages
	MMSP_TEST_CLOCK=23:30 $(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not browser" -p no:cacheprovider
	MMSP_TEST_CLOCK=07:30 $(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not browser" -p no:cacheprovider

# The virtual environment is rebuilt only when a requirements file changes,
# so a second `make run` starts at once.
$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# WeasyPrint (the newsletter PDF) needs Pango from the system, and the
# catalogue tools need GNU gettext. Installed where we can (root with
# apt-get); otherwise say what is missing.
system-deps:
	@missing=""; \
	ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing$$missing"; apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "WARNING: missing system packages:$$missing (the PDF export needs Pango, the catalogue checks gettext)"; \
		fi; \
	fi

# Chromium for the browser tests: installed as root with apt-get; elsewhere
# the browser tests skip loudly (and fail under CI=true, where they must run).
browser-deps:
	@if ! command -v chromium >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && apt-get install -y -qq chromium >/dev/null || echo "WARNING: could not install chromium"; \
		else \
			echo "WARNING: chromium is not installed and cannot be installed here: browser tests will be skipped."; \
		fi; \
	fi

# The portal past one machine, shown on this one (bench/cluster.py, README "Past one machine"):
# a PostgreSQL primary and streaming replica, Redis, two gunicorns behind HAProxy, five checks;
# everything it starts is stopped and removed at the end. About 3 minutes.
cluster-demo: $(VENV)/.installed cluster-deps messages
	$(PY) bench/cluster.py

# What the demo runs, from Debian: HAProxy, Redis, wrk and PostgreSQL 15's server binaries.
cluster-deps:
	@missing=""; \
	for tool in haproxy redis-server wrk; do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	test -x /usr/lib/postgresql/15/bin/pg_basebackup || missing="$$missing postgresql-15"; \
	missing=$$(echo "$$missing" | sed 's/redis-server/redis-server redis-tools/'); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing$$missing"; apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing:$$missing (install them as root: apt-get install$$missing)"; exit 1; \
		fi; \
	fi

# msgfmt (GNU gettext) when present, else the same catalogue compiled by polib.
messages: $(MO)
$(MO): $(PO) $(VENV)/.installed
	@if command -v msgfmt >/dev/null; then \
		$(PY) manage.py compilemessages --locale zh_Hans --verbosity 0; \
	else \
		$(PY) -c "import polib; polib.pofile('$(PO)').save_as_mofile('$(MO)')"; \
	fi

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --no-input --verbosity 0

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .

# The catalogue must be complete: no untranslated and no fuzzy entry.
check-po:
	$(PY) manage.py makemessages --locale zh_Hans --extension html,txt,py,css --no-obsolete --verbosity 0
	msgfmt --statistics -o /dev/null $(PO)

clean:
	rm -rf $(VENV) staticfiles $(MO)

# The Chinese pages' font, cut into unicode-range slices (output committed; run when the .otf change).
fonts: $(VENV)/.dev-installed
	$(PY) tools/slice_fonts.py
