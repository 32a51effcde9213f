#!/usr/bin/env bash
# make test: lint, sanity, then every pytest suite (unit, simulator, integration). pytest runs
# last so its summary line closes the output.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

echo "== ansible-lint (production profile)"
ansible-lint --profile production --offline playbooks roles extensions

echo "== antsibull-changelog lint: every fragment of changelogs/fragments parses and uses known sections"
antsibull-changelog lint
antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml

# The docs toolchain lives in .venv-docs (make test sets it up); the site itself: make docs-test.
PATH="$PWD/.venv-docs/bin:$PATH" bash scripts/docs.sh lint

echo "== ansible-test sanity"
bash scripts/sanity.sh

echo "== molecule: every role converges, is idempotent, verifies and tears down against the simulator"
molecule test --all

echo "== headless Chromium for the drift.html test"
make --no-print-directory browser || echo "make browser failed: tests/integration/test_drift_html.py will be skipped"

echo "== pytest: unit, simulator and integration tests"
set +e
python -m pytest tests/unit tests/integration -q -n 2 ${PYTEST_ARGS:-}
status=$?
set -e
echo "make test took $(( $(date +%s) - started ))s"
exit $status
