#!/usr/bin/env bash
# ansible-test sanity needs the collection under ansible_collections/<namespace>/<name>: run it on
# a copy of the tracked (and new, not ignored) files.
set -euo pipefail
cd "$(dirname "$0")/.."
# SANITY_BUILD lets two checks run side by side without sharing a copy.
build=${SANITY_BUILD:-build}
root=$build/sanity/ansible_collections/fathom/digitalocean

# ansible-test bootstraps pip in its test venvs with a script it downloads from a host outside the
# package registries. Provide an equivalent local script (ensurepip, then pip from PyPI) instead.
bootstrap="$HOME/.ansible/test/cache/get_pip_24_2.py"
if [ ! -f "$bootstrap" ]; then
  mkdir -p "$(dirname "$bootstrap")"
  cp scripts/get_pip_bootstrap.py "$bootstrap"
fi

rm -rf "$build/sanity"
mkdir -p "$root"
# Sanity covers the whole checkout: the collection, its tests (pytest suites, simulator, benchmarks)
# and the tooling in scripts/ and .ci/. Build artifacts (build/, .venv/, .collections/,
# tests/output/, ...) stay out: .gitignore lists them, so --exclude-standard leaves them out.
git ls-files -co --exclude-standard -z \
  | xargs -0 -I{} cp --parents {} "$root"/
cd "$root"
git init -q . && git add -A >/dev/null 2>&1
ansible-test sanity --python 3.11 --color no --requirements ${SANITY_ARGS:-} "$@"
