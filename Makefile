# gridalpha: the commands the README names. `make demo` and `make test` are the two set-up commands;
# both share `make install`, a no-op while .venv is newer than settings.ini and setup.py.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TORCH := torch==2.13.0

.PHONY: install browser demo test test-slow docs bench clean help

help:
	@echo "make demo | test | test-slow | docs | bench NAME=metrics | clean"

$(STAMP): settings.ini setup.py
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	# torch first, CPU wheel pinned, so no dependency ever pulls the multi-GB CUDA build
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[dev,server]" "$(TORCH)"
	touch $(STAMP)

install: $(STAMP)

# the docs check reads rendered pages in headless Chromium; a fresh Debian machine gets its package
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	{ echo "installing Debian's chromium for the rendered-docs check"; \
	  $(if $(filter root,$(shell whoami)),,sudo) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(if $(filter root,$(shell whoami)),,sudo) apt-get install -y -qq chromium; }

demo: install
	$(BIN)/gridalpha demo

test: install browser
	$(BIN)/python tools/run_tests.py

test-slow: install browser
	$(BIN)/python tools/run_tests.py --flags slow

docs: install
	@if command -v quarto >/dev/null 2>&1; then $(BIN)/nbdev_docs; \
	else echo "quarto not found: rendering the static HTML fallback into _docs/"; \
	$(BIN)/python tools/render_docs.py --out _docs; fi

NAME ?= metrics
bench: install
	$(BIN)/gridalpha bench $(NAME)

clean:
	rm -rf $(VENV) _docs _proc build *.egg-info
