# rashomon: `make demo` analyses the bundled example corpus; `make test` runs ruff, mypy and pytest.
# Both build the virtualenv first, from nothing but Python 3.11.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= rashomon-out
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install demo test lint typecheck unit clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,dev]'
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/rashomon analyze examples/soleimani-2020 -o $(OUT)
	@echo "open $(OUT)/report.html (also $(OUT)/evidence.json, $(OUT)/report.md)"

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) $(OUT) .mypy_cache .pytest_cache .ruff_cache
