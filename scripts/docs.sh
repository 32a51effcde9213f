#!/usr/bin/env bash
# make docs: the collection's HTML docs site in build/docs/html (open build/docs/html/index.html).
# antsibull-docs writes a page for every module, plugin and role, and the guides of docs/docsite/,
# into build/docs/rst; README.md becomes the index, beside docs/design.md, docs/benchmarks.md and
# CHANGELOG.md; Sphinx builds the HTML with the theme docs.ansible.com uses (docs/site/conf.py).
# `scripts/docs.sh lint` runs only antsibull-docs lint-collection-docs (make test runs that).
# Runs with .venv-docs/bin first on PATH (the Makefile's docs targets set it up).
set -euo pipefail
cd "$(dirname "$0")/.."
collection=.collections/ansible_collections/fathom/digitalocean
export ANSIBLE_COLLECTIONS_PATH="$PWD/.collections"
export ANSIBLE_CONFIG="$PWD/ansible.cfg"

lint() {
  echo "== antsibull-docs lint-collection-docs"
  antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs self "$collection"
}

if [ "${1:-}" = lint ]; then
  lint
  exit 0
fi

out=build/docs
rm -rf "$out"
mkdir -p "$out/rst"
chmod og-w "$out/rst"   # antsibull-docs wants its output directory writable only by itself
echo "== antsibull-docs: the collection's pages"
antsibull-docs --config-file docs/site/antsibull-docs.cfg collection --use-current --squash-hierarchy \
  --dest-dir "$out/rst" fathom.digitalocean
# The collection's own index page becomes the "reference" page; README.md is the site's index.
mv "$out/rst/index.rst" "$out/rst/reference.rst"
sed 's#](docs/#](#g' README.md > "$out/rst/index.md"
cat >> "$out/rst/index.md" <<'TOC'

```{toctree}
:hidden:
:maxdepth: 2

reference
docsite/offline_testing
design
benchmarks
changelog
```
TOC
cp docs/design.md docs/benchmarks.md docs/site/ansible_references.rst "$out/rst/"
cp CHANGELOG.md "$out/rst/changelog.md"
echo "== sphinx-build"
sphinx-build -q -b html -c docs/site -W --keep-going "$out/rst" "$out/html"
echo "docs site: $out/html/index.html"
