#!/usr/bin/env bash
# make demo: start the simulator, converge playbooks/demo.yml twice, list droplets, stop.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/simulator_env.sh
start_simulator
echo "== simulator running at $DIGITALOCEAN_API_URL"
echo "== first run: creates the resources"
ansible-playbook playbooks/demo.yml
echo "== second run: nothing to change (changed=0)"
ansible-playbook playbooks/demo.yml | tee /tmp/fathom-demo-second.log
grep -q 'changed=0' /tmp/fathom-demo-second.log
echo "== droplets in the account"
ansible-playbook playbooks/list_droplets.yml
echo "== done; stopping the simulator"
