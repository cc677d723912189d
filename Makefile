# make serve   build and serve the default site on http://127.0.0.1:8000
# make site    strict build into site/ (the old site/ stays if the build fails)
# make offline the same, to read from a folder or USB stick (site-offline/)
# make check   every check of the build (site/ is not touched)
# make test    the whole test suite, browser tests included
# make bench   the benchmark: build cost, page weight, paint and search times, Lighthouse (tables + bench.json)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

NODE_READY := tests/node/node_modules/.installed

.PHONY: serve site offline test check bench browser clean

# pa11y for the accessibility tests and Lighthouse for the benchmark, pinned in
# tests/node/package-lock.json. Puppeteer's own browser is never downloaded: the tests and the
# benchmark hand them Debian's chromium.
$(NODE_READY): tests/node/package.json tests/node/package-lock.json
	cd tests/node && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_READY)

$(READY): requirements.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	touch $(READY)

# The same `guide` command an organisation runs in its own guide's folder.
serve: $(READY)
	$(BIN)/guide serve --dev-addr 127.0.0.1:8000

site: $(READY)
	$(BIN)/guide build

# Every check of the build: the build itself, into a folder that is thrown away (site/ is kept).
check: $(READY)
	$(BIN)/guide check

# The guide for a folder or USB stick, without a web server: open site-offline/index.html.
offline: $(READY)
	GUIDE_OFFLINE=true $(BIN)/guide build --site-dir site-offline

test: $(READY) browser $(NODE_READY)
	$(BIN)/python -m pytest

# Not a test: prints tables and writes bench.json (see README, "Speed and weight").
bench: $(READY) browser $(NODE_READY)
	$(BIN)/python scripts/bench.py

# The browser tests drive Debian's chromium (nothing may download a browser), and the Nu HTML
# checker runs on Java. Install them when missing and we are root; otherwise say how.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium: sudo apt-get install chromium fonts-noto-core" >&2; exit 1; \
	  fi; \
	fi
	@if ! command -v java >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null; \
	  else \
	    echo "The Nu HTML checker test needs Java: sudo apt-get install default-jre-headless" >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf site site-offline .site-* .pytest_cache .hypothesis bench.json
