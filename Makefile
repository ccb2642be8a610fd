# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint check schema bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
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
bench: $(VENV)/.installed-test
	$(BIN)/python -m veerkracht bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
