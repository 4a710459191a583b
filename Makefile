# RepReady: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000

.PHONY: run install install-test node-tools instance-config migrate demo test lint clean bench bench-quick wrk fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python node-tools
	$(BIN)/pip install --quiet -e '.[test]'

# Test-only tools from the npm registry (package.json): vnu-jar, the Nu HTML Checker that
# tests/browser runs over every page it visits. --ignore-scripts: the jar is in the package,
# and its install script would try to download a Java runtime; Java comes from Debian.
NODE_TOOLS := node_modules/vnu-jar/build/dist/vnu.jar

$(NODE_TOOLS): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

node-tools: $(NODE_TOOLS)

# A random secret key for this checkout, written once and readable by its owner only;
# production sets LMS_SECRET_KEY.
instance-config:
	@mkdir -p instance
	@test -f instance/config.py || (umask 077 && $(BIN)/python -c "import secrets; print(f'SECRET_KEY = {secrets.token_hex(32)!r}')" > instance/config.py)

migrate: install instance-config
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) courses import courses || test $$? -eq 3  # 3: edits made in the app were kept
	LMS_ALLOW_DEMO_ACCOUNTS=true $(FLASK) demo
	# Issue 14: today's reminders, in the app and as .eml files under instance/mail/.
	LMS_BASE_URL=http://127.0.0.1:$(PORT) LMS_SEND_HOUR=0 $(FLASK) notify schedule
	LMS_BASE_URL=http://127.0.0.1:$(PORT) $(FLASK) notify send

run: demo
	@echo
	@echo "RepReady is starting on http://127.0.0.1:$(PORT)"
	@echo "Sign in as rep@example.com, manager@example.com, trainer@example.com or admin@example.com"
	@echo "Password for every demo account: repready-demo"
	@echo
	LMS_SESSION_COOKIE_SECURE=false $(BIN)/gunicorn --workers 2 --bind 127.0.0.1:$(PORT) --access-logfile - wsgi:app

# The suite runs on SQLite, then again on PostgreSQL when one answers on TEST_PG_URL.
TEST_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

# The two passes share the machine's cores: the PostgreSQL pass runs beside the SQLite one,
# its output kept in a file and printed when both have ended; either failing fails the target.
PG_TEST_LOG := instance/pytest-postgresql.log

test: install-test
	$(BIN)/ruff check .
	$(BIN)/bandit -q -r lms wsgi.py
	$(BIN)/lint-imports --no-cache
	@test -x /usr/bin/chromium || echo "== browser tests will be SKIPPED: /usr/bin/chromium not found (apt-get install -y chromium) =="
	@command -v java >/dev/null || echo "== the Nu HTML Checker will be SKIPPED: java not found (apt-get install -y default-jre-headless) =="
	@mkdir -p instance
	@if $(BIN)/python -m lms.devtools.pg_ready "$(TEST_PG_URL)"; then \
		echo "== The suite on SQLite; on PostgreSQL ($(TEST_PG_URL)) beside it, printed at the end =="; \
		LMS_TEST_DATABASE_URL="$(TEST_PG_URL)" $(BIN)/python -m pytest -p no:cacheprovider \
			> $(PG_TEST_LOG) 2>&1 & postgres=$$!; \
		$(BIN)/python -m pytest; sqlite=$$?; \
		wait $$postgres; postgresql=$$?; \
		echo "== The same suite on PostgreSQL ($(TEST_PG_URL)) =="; cat $(PG_TEST_LOG); \
		echo "== SQLite pass: exit $$sqlite; PostgreSQL pass: exit $$postgresql =="; \
		test $$sqlite -eq 0 && test $$postgresql -eq 0; \
	else \
		echo "== PostgreSQL is not reachable at $(TEST_PG_URL): the PostgreSQL pass was SKIPPED =="; \
		$(BIN)/python -m pytest; \
	fi

# Every page under load with gunicorn and wrk (apt-get install wrk); see docs/performance.md.
# SQLite in a temporary folder, or PostgreSQL when LMS_DATABASE_URL names a *bench* database.
# wrk comes from Debian's packages; install it when missing (needs root, as CI has).
wrk:
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "bench needs wrk: apt-get install -y wrk"; exit 1; }

bench: install
	@$(MAKE) --no-print-directory wrk
	$(BIN)/python -m bench.run --reps 10000 --duration 15

bench-quick: install
	@$(MAKE) --no-print-directory wrk
	$(BIN)/python -m bench.run --reps 1000 --duration 4

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules

# The property tests of the course loader with the long Hypothesis profile, in rounds, until
# FUZZ_SECONDS have passed or a round finds something (docs/authoring.md, "Fuzzing").
FUZZ_SECONDS ?= 600
# Short rounds, so that both tests get their share of the time before the deadline.
FUZZ_EXAMPLES ?= 100

fuzz: install-test
	@end=$$(( $$(date +%s) + $(FUZZ_SECONDS) )); rounds=0; \
	while [ $$(date +%s) -lt $$end ]; do \
		rounds=$$((rounds + 1)); echo "== fuzz round $$rounds: up to $(FUZZ_EXAMPLES) examples per test"; \
		HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_DEADLINE=$$end \
			$(BIN)/python -m pytest tests/content/test_fuzz.py -q -x -p no:cacheprovider \
			--hypothesis-show-statistics || exit 1; \
	done; echo "== fuzz: $$rounds round(s) in $(FUZZ_SECONDS) s, no finding"
