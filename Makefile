# Engagement Hub: `make run` sets up and runs the hub, `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Every Django app of the project (a folder with an apps.py) has its strings
# translated in its own locale/ folder; a new app needs no entry here.
I18N_DIRS := $(patsubst %/apps.py,%,$(wildcard engagement_hub/*/apps.py home/apps.py search/apps.py))

.PHONY: run test install migrate demo lint format messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_demo

# Web server and Celery worker (+ beat) on the embedded broker; Ctrl-C stops both.
# Links in mail and the admin's address follow HOST and PORT unless set.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: demo
	$(MANAGE) ensure_admin
	@bash scripts/run.sh "$(BIN)" "$(HOST)" "$(PORT)"

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract strings (needs GNU gettext) and compile them (does not).
messages: install
	for dir in $(I18N_DIRS); do \
		(cd $$dir && mkdir -p locale && $(CURDIR)/$(BIN)/python $(CURDIR)/manage.py makemessages -l de --no-obsolete --no-location >/dev/null) || exit 1; \
	done
	$(MANAGE) compile_translations

bench: migrate
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/db.sqlite3 var/broker var/mail
