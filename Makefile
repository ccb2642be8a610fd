# Two commands do all set-up: `make run` and `make test`.
# Both install exactly the versions locked in requirements/ (with hashes), never newer ones.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
PIP := $(BIN)/python -m pip --quiet
LOCK_RUN := requirements/runtime.txt
LOCK_TEST := requirements/test.txt
LOCK_TOOLS := requirements/tools.txt
# uv writes the locks; the header of each lock then says to run `make lock`.
COMPILE = $(BIN)/uv pip compile --quiet --python-version 3.11 --universal --generate-hashes \
	--custom-compile-command "make lock"

.PHONY: run test lint check schema bench lock upgrade clean replicas lighthouse

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# --no-deps: every package, dependencies included, comes from the lock with its hash.
$(VENV)/.installed: $(LOCK_RUN) pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r $(LOCK_RUN)
	$(PIP) install --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@

$(VENV)/.installed-test: $(LOCK_TEST) pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r $(LOCK_TEST)
	$(PIP) install --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(VENV)/.installed $@

$(BIN)/uv: $(LOCK_TOOLS) | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r $(LOCK_TOOLS)
	touch $@

run: $(VENV)/.installed
	$(BIN)/streamlit run app.py --server.port $(PORT)

# pytest exits 5 when it collects no tests; that counts as a failure here.
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -p no:cacheprovider; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

check: $(VENV)/.installed
	$(BIN)/python -m veerkracht check --strict content/

schema: $(VENV)/.installed
	$(BIN)/python -m veerkracht schema

# Options go in BENCH_ARGS, e.g. `make bench BENCH_ARGS="--quick"` (see docs/performance.md).
bench: $(VENV)/.installed-test $(if $(shell command -v npm),bench/node_modules/.installed)
	$(BIN)/python -m veerkracht bench $(BENCH_ARGS)

# Several app processes behind HAProxy on this machine, in the foreground; Ctrl-C stops them all.
# `make replicas REPLICAS=3 PROXY_PORT=8600`, with NGINX_PORT=8643 also nginx in front (see docs/deploy.md).
replicas: $(VENV)/.installed
	$(BIN)/python deploy/replicas.py --replicas $(or $(REPLICAS),3) --proxy-port $(or $(PROXY_PORT),8600) \
		$(if $(NGINX_PORT),--nginx-port $(NGINX_PORT) --precompressed build/precompressed)

# Lighthouse for the bench's first-visit section, exactly as locked in bench/package-lock.json.
lighthouse: bench/node_modules/.installed
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# After a change to the dependencies in pyproject.toml: the same versions where they still fit.
lock: $(BIN)/uv
	$(COMPILE) pyproject.toml requirements/build.in -o $(LOCK_RUN)
	$(COMPILE) pyproject.toml requirements/build.in --extra test -o $(LOCK_TEST)
	$(COMPILE) requirements/tools.in -o $(LOCK_TOOLS)

# Newest allowed versions of everything, then the whole suite on them (see README).
upgrade: $(BIN)/uv
	$(COMPILE) --upgrade pyproject.toml requirements/build.in -o $(LOCK_RUN)
	$(COMPILE) --upgrade pyproject.toml requirements/build.in --extra test -o $(LOCK_TEST)
	$(MAKE) test

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
