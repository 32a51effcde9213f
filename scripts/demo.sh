#!/usr/bin/env bash
# make demo: the whole stack against the simulator, end to end, in a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/simulator_env.sh
start_simulator --action-seconds 0.5 --boot-seconds 1 --realism on --realism-scale 0.25
api() {  # api METHOD PATH [JSON]: a direct API call, as someone changing things by hand would
  python - "$@" <<'PY'
import json, os, sys, urllib.request
method, path = sys.argv[1], sys.argv[2]
data = sys.argv[3].encode() if len(sys.argv) > 3 else None
request = urllib.request.Request(os.environ["DIGITALOCEAN_API_URL"] + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + os.environ["DIGITALOCEAN_ACCESS_TOKEN"],
                                          "Content-Type": "application/json"})
with urllib.request.urlopen(request) as response:
    body = response.read()
    print(body.decode() if body else "")
PY
}
started=$(date +%s)
echo "== simulator running at $DIGITALOCEAN_API_URL"
echo "== 1. build the stack: ansible-playbook playbooks/site.yml"
ansible-playbook playbooks/site.yml
echo "== 2. run it again: nothing to change"
ansible-playbook playbooks/site.yml | tee /tmp/fathom-demo-second.log
grep -Eq 'changed=0 ' /tmp/fathom-demo-second.log
echo "== 3. the droplets through the dynamic inventory"
ansible-inventory -i inventory/demo.droplets.yml --graph
echo "== 4. change three things behind Ansible's back: an extra firewall rule, a DNS record and the CPU alert's threshold"
firewall=$(api GET "/v2/firewalls?per_page=200" | python -c "import json,sys; print(json.dumps([f for f in json.load(sys.stdin)['firewalls'] if f['name']=='web-fw'][0]))")
api PUT "/v2/firewalls/$(echo "$firewall" | python -c 'import json,sys; print(json.load(sys.stdin)["id"])')" "$(echo "$firewall" | python -c '
import json, sys
fw = json.load(sys.stdin)
fw["inbound_rules"].append({"protocol": "tcp", "ports": "3306", "sources": {"addresses": ["0.0.0.0/0"]}})
print(json.dumps({k: fw[k] for k in ("name", "inbound_rules", "outbound_rules", "droplet_ids", "tags")}))')" >/dev/null
record=$(api GET "/v2/domains/example.com/records?type=A&name=www.example.com" | python -c "import json,sys; print(json.load(sys.stdin)['domain_records'][0]['id'])")
api PATCH "/v2/domains/example.com/records/$record" '{"type": "A", "data": "203.0.113.99"}' >/dev/null
policy=$(api GET "/v2/monitoring/alerts?per_page=200" | python -c "import json,sys; print(json.dumps([p for p in json.load(sys.stdin)['policies'] if p['description'].startswith('web: CPU')][0]))")
api PUT "/v2/monitoring/alerts/$(echo "$policy" | python -c 'import json,sys; print(json.load(sys.stdin)["uuid"])')" "$(echo "$policy" | python -c '
import json, sys
policy = json.load(sys.stdin)
policy["value"] = 95
print(json.dumps({k: v for k, v in policy.items() if k != "uuid"}))')" >/dev/null
echo "== 5. drift report: ansible-playbook playbooks/drift.yml --check --diff"
ANSIBLE_CALLBACKS_ENABLED=fathom.digitalocean.drift_report DRIFT_REPORT_DIR=drift-report \
  ansible-playbook playbooks/drift.yml --check --diff > /tmp/fathom-demo-drift.log
grep '^Drift:' /tmp/fathom-demo-drift.log
echo "   report: drift-report/drift.md, drift-report/drift.json, drift-report/drift.html"
sed -n '/^## /,$p' drift-report/drift.md
echo "== 6. tear down: ansible-playbook playbooks/teardown.yml"
ansible-playbook playbooks/teardown.yml
echo "== demo finished in $(( $(date +%s) - started ))s; stopping the simulator"
