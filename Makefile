# Two commands matter: `make run` (web chat over the sample corpus) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= data/store
# what `make run` ingests into an empty store; `make run SAMPLE=data/sample` loads all six documents
SAMPLE ?= data/sample/pinglu-gongxin-keji-2026-budget.txt
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install install-test eval bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	# the CPU build of torch first: a bare `torch` would pull a multi-GB CUDA build
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	@if [ -z "$$($(BIN)/budgetqa docs --store $(STORE) --ids 2>/dev/null)" ]; then \
		$(BIN)/budgetqa ingest $(SAMPLE) --store $(STORE); fi
	$(BIN)/budgetqa serve --host 127.0.0.1 --port 7860 --store $(STORE)

test: install-test
	# Debian's Chromium (and a CJK font for its screenshots) for tests/test_browser.py; never `playwright install`
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || \
		(apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-zenhei) || \
		echo "could not install chromium: tests/test_browser.py will try again, then skip"
	$(BIN)/python -m pytest
	$(BIN)/budgetqa eval --cases evals/cases/seed.jsonl --docs data/sample/pinglu-gongxin-keji-2026-budget.txt \
		--no-embed --compare evals/baseline/seed.json --quiet
	$(BIN)/budgetqa eval --cases evals/cases/real.jsonl --docs data/sample/*.pdf \
		--no-embed --compare evals/baseline/real.json --quiet
	$(BIN)/budgetqa eval --cases evals/cases/dev-ops.jsonl --docs data/sample \
		--no-embed --compare evals/baseline/dev-ops.json --quiet
	$(BIN)/budgetqa eval --cases evals/cases/dev-parse.jsonl --docs data/sample \
		--no-embed --compare evals/baseline/dev-parse.json --quiet

eval: install-test
	$(BIN)/budgetqa eval --cases evals/cases/seed.jsonl --docs data/sample/pinglu-gongxin-keji-2026-budget.txt --no-embed
	$(BIN)/budgetqa eval --cases evals/cases/real.jsonl --docs data/sample/*.pdf --no-embed
	$(BIN)/budgetqa eval --cases evals/cases/dev-ops.jsonl --docs data/sample --no-embed
	$(BIN)/budgetqa eval --cases evals/cases/dev-parse.jsonl --docs data/sample --no-embed

clean:
	rm -rf $(STORE) .venv/eval-*
