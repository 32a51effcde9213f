#!/usr/bin/env bash
# make compat: for every ansible-core minor that requires_ansible (meta/runtime.yml) claims, as
# tests/compat/matrix.txt pins it, on a Python of that release found on the machine: a venv in
# build/compat/<minor> with that ansible-core and requirements.txt, ansible-test sanity, and the
# smoke playbook tests/compat/smoke.yml (droplet create, no-op, delete, delete again) plus the
# droplets inventory against the simulator. Prints one line per minor and fails if any failed.
# COMPAT_SANITY=0 skips sanity; SIM_PORT (default 8818) is the simulator's port.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
SIM_PORT=${SIM_PORT:-8818}
# The simulator runs with the project's venv (python on PATH, see the Makefile).
source scripts/simulator_env.sh
start_simulator --realism off

claimed=$(python - <<'PY'
import yaml
print(yaml.safe_load(open("meta/runtime.yml"))["requires_ansible"])
PY
)
echo "requires_ansible: $claimed"
mkdir -p build/compat
results=()
status=0
while read -r pin pythons; do
  case "$pin" in ''|'#'*) continue ;; esac
  version=${pin#ansible-core==}
  minor=${version%.*}
  if ! python - "$claimed" "$version" <<'PY'
import sys
from packaging.specifiers import SpecifierSet
sys.exit(0 if sys.argv[2] in SpecifierSet(sys.argv[1]) else 1)
PY
  then
    results+=("$minor: not claimed by requires_ansible, skipped"); continue
  fi
  interpreter=""
  for candidate in $pythons; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c pass 2>/dev/null; then
      interpreter=$candidate; break
    fi
  done
  if [ -z "$interpreter" ]; then
    results+=("$minor: none of $pythons on this machine, skipped"); continue
  fi
  pyversion=$("$interpreter" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  venv=$root/build/compat/$minor
  echo "== ansible-core $version on Python $pyversion ($venv)"
  if [ ! -x "$venv/bin/ansible" ] || ! "$venv/bin/python" -m pip show ansible-core 2>/dev/null | grep -qx "Version: $version"; then
    rm -rf "$venv"
    "$interpreter" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip==25.3
    # requirements.txt is pinned; tests/constraints.txt pins the project venv's ansible-core, not this one.
    "$venv/bin/python" -m pip install --quiet "$pin" -r requirements.txt
  fi
  failed=""
  checks="smoke"
  if [ "${COMPAT_SANITY:-1}" != 0 ]; then
    checks="sanity, smoke"
    # scripts/sanity.sh runs ansible-test with --python 3.11: the matrix lists python3.11 first.
    if ! PATH="$venv/bin:$PATH" SANITY_BUILD="build/compat/sanity-$minor" \
        bash scripts/sanity.sh > "build/compat/sanity-$minor.log" 2>&1; then
      failed="sanity (build/compat/sanity-$minor.log)"
    fi
  fi
  python -c "import urllib.request as u; u.urlopen(u.Request('$DIGITALOCEAN_API_URL/_sim/reset', method='POST'))"
  smoke() {
    PATH="$venv/bin:$PATH" ANSIBLE_CONFIG="$root/ansible.cfg" ansible-playbook tests/compat/smoke.yml -e smoke_phase=create &&
    PATH="$venv/bin:$PATH" ANSIBLE_CONFIG="$root/ansible.cfg" ansible-inventory -i tests/compat/smoke.droplets.yml --list \
      | python -c 'import json, sys; hosts = json.load(sys.stdin)["_meta"]["hostvars"]; sys.exit(0 if list(hosts) == ["compat-smoke-1"] else "inventory: %s" % list(hosts))' &&
    PATH="$venv/bin:$PATH" ANSIBLE_CONFIG="$root/ansible.cfg" ansible-playbook tests/compat/smoke.yml -e smoke_phase=delete
  }
  if ! smoke > "build/compat/smoke-$minor.log" 2>&1; then
    failed="${failed:+$failed, }smoke playbook (build/compat/smoke-$minor.log)"
  fi
  if [ -n "$failed" ]; then
    results+=("$minor: ansible-core $version, Python $pyversion: FAILED $failed"); status=1
  else
    results+=("$minor: ansible-core $version, Python $pyversion: $checks passed")
  fi
done < tests/compat/matrix.txt
echo "== compatibility"
printf '%s\n' "${results[@]}"
exit $status
