# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format demo

$(VENV)/.terpasang: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

run: $(VENV)/.terpasang
	$(PY) manage.py migrate --noinput
	$(PY) manage.py muat_demo
	$(PY) manage.py buat_sertifikat_demo
	# The background worker renders the final PDF before signing; it stops with the server.
	trap 'kill 0' EXIT INT TERM; $(PY) manage.py db_worker & $(PY) manage.py runserver $(HOST)

lint: $(VENV)/.terpasang
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.terpasang
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest
