# fathom.digitalocean: every set-up step lives here, so a fresh clone needs only python3.
SHELL := /bin/bash
# Python 3.11 when it is there (ansible-core 2.19 and the pins are tested with it), else python3.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
COLLECTION_LINK := .collections/ansible_collections/fathom/digitalocean
SIM_PORT ?= 8089
SIM_TOKEN ?= sim-token
SIM_URL := http://127.0.0.1:$(SIM_PORT)
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
PYTEST_ARGS ?=

.PHONY: help venv collection browser simulator demo test lint sanity unit integration bench soak clean
.PHONY: release-tools docs docs-lint docs-test ee-context compat

help:
	@echo "make demo        venv + simulator + playbooks against it"
	@echo "make test        lint, sanity, unit and integration tests"
	@echo "make simulator   run the DigitalOcean API simulator on 127.0.0.1:$(SIM_PORT)"
	@echo "make bench       benchmarks; results in docs/benchmarks.md"
	@echo "make soak        longer fault-injection soak runs of playbooks/site.yml"
	@echo "make browser     headless Chromium for the drift.html test (Debian's chromium package)"
	@echo "make docs        the docs site (antsibull-docs + Sphinx) in build/docs/html"
	@echo "make docs-test   antsibull-docs lint, the docs site built and checked (Chromium when installed)"
	@echo "make ee-context  the execution environment's build context in build/ee/context (ansible-builder)"
	@echo "make compat      sanity and a smoke playbook on every ansible-core minor of requires_ansible"

$(BIN)/.installed: requirements.txt tests/requirements.txt tests/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -r tests/requirements.txt -c tests/constraints.txt
	touch $@

venv: $(BIN)/.installed

# Release tooling in .venv: antsibull-changelog, ansible-builder, ansible-runner (make test uses them).
$(BIN)/.release-installed: $(BIN)/.installed tests/requirements-release.txt
	$(BIN)/python -m pip install --quiet -r tests/requirements-release.txt -c tests/constraints.txt
	touch $@

release-tools: $(BIN)/.release-installed

# The docs toolchain (antsibull-docs, Sphinx and its theme) is heavy: it has a venv of its own.
DOCS_VENV := .venv-docs
$(DOCS_VENV)/bin/.installed: tests/requirements-docs.txt
	test -x $(DOCS_VENV)/bin/python || $(PYTHON) -m venv $(DOCS_VENV)
	$(DOCS_VENV)/bin/python -m pip install --quiet --upgrade pip==25.3
	$(DOCS_VENV)/bin/python -m pip install --quiet -r tests/requirements-docs.txt
	touch $@

# ansible resolves fathom.digitalocean.* from this link (collections_path in ansible.cfg).
$(COLLECTION_LINK):
	mkdir -p $(dir $(COLLECTION_LINK))
	ln -sfn ../../.. $(COLLECTION_LINK)

collection: $(COLLECTION_LINK)

# Headless Chromium for tests/integration/test_drift_html.py; does nothing when /usr/bin/chromium exists.
browser:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: /usr/bin/chromium is installed"; else \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium; fi

simulator: venv
	SIM_TOKEN=$(SIM_TOKEN) $(BIN)/python -m tests.simulator --host 127.0.0.1 --port $(SIM_PORT)

demo: venv collection
	PATH=$(CURDIR)/$(BIN):$$PATH SIM_PORT=$(SIM_PORT) SIM_TOKEN=$(SIM_TOKEN) bash scripts/demo.sh

lint: venv collection
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/ansible-lint --profile production --offline playbooks roles

sanity: venv
	PATH=$(CURDIR)/$(BIN):$$PATH bash scripts/sanity.sh

unit: venv collection
	$(BIN)/python -m pytest tests/unit -q -p no:cacheprovider $(PYTEST_ARGS)

integration: venv collection
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python -m pytest tests/integration -q -p no:cacheprovider -n 2 $(PYTEST_ARGS)

test: venv release-tools collection $(DOCS_VENV)/bin/.installed
	PATH=$(CURDIR)/$(BIN):$$PATH bash scripts/test.sh

docs: collection $(DOCS_VENV)/bin/.installed
	PATH=$(CURDIR)/$(DOCS_VENV)/bin:$$PATH bash scripts/docs.sh

docs-lint: collection $(DOCS_VENV)/bin/.installed
	PATH=$(CURDIR)/$(DOCS_VENV)/bin:$$PATH bash scripts/docs.sh lint

# The site is built by the test itself; .ci/run calls this after make test.
docs-test: venv collection $(DOCS_VENV)/bin/.installed
	$(BIN)/python -m pytest tests/docs -q -p no:cacheprovider $(PYTEST_ARGS)

# ansible-builder create; the image itself: ansible-builder build -f execution-environment.yml -c build/ee/context
ee-context: release-tools
	rm -rf build/ee && mkdir -p build/ee
	$(BIN)/ansible-galaxy collection build --output-path build/ee .
	$(BIN)/ansible-builder create -f execution-environment.yml -c build/ee/context --output-filename Containerfile

compat: venv
	PATH=$(CURDIR)/$(BIN):$$PATH bash scripts/compat.sh

bench: venv collection
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python -m tests.bench

soak: venv collection
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python -m tests.bench soak

clean:
	rm -rf .collections build .pytest_cache drift-report
