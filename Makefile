# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BOOT   := $(VENV)/.bootstrapped

.PHONY: demo test lint typecheck unit lock clean

# Every install comes from the committed lock (exact versions with hashes), so `make demo` and
# `make test` give the same environment on any day; `make lock` refreshes it on purpose.
LOCK  := requirements/lock.txt
BUILD := requirements/build.txt
UV_VERSION := 0.13.9

$(BOOT): $(BUILD)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r $(BUILD)
	touch $@

# The C accelerators build at install time: a changed C source needs a new install.
NATIVE := setup.py $(wildcard src/cnprivacy/discovery/_native/*.[ch])

# One environment for both commands: the lock holds every extra and the development tools.
$(STAMP): pyproject.toml $(LOCK) $(NATIVE) $(BOOT)
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

lock: $(BOOT)
	$(BIN)/pip install -q uv==$(UV_VERSION)
	$(BIN)/uv pip compile requirements/build.in --generate-hashes --python-version 3.11 \
		--no-annotate --no-header --upgrade -o $(BUILD)
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--no-annotate --no-header --upgrade -o $(LOCK)

# The web workspace's demo database: the example profile, the ledger's key beside it, and an
# admin whose one-time password is printed (a new one on every run; the data is kept).
DEMO_DB := .demo/workspace.db
DEMO_PORT ?= 8000

demo: $(STAMP)
	$(BIN)/cnprivacy assess examples/shenzhen-travel.yaml --as-of 2026-03-01
	mkdir -p .demo
	$(BIN)/cnprivacy ledger init --db $(DEMO_DB) --profile examples/shenzhen-travel.yaml
	$(BIN)/cnprivacy users add admin --role admin --db $(DEMO_DB) --one-time --reset
	$(BIN)/cnprivacy serve --db $(DEMO_DB) --profile examples/shenzhen-travel.yaml --check
	@echo
	@echo "Web workspace: run  $(BIN)/cnprivacy serve --db $(DEMO_DB) --port $(DEMO_PORT)"
	@echo "then open  http://127.0.0.1:$(DEMO_PORT)/  and log in as admin with the one-time password above."

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n 2

clean:
	rm -rf $(VENV) build *.egg-info
