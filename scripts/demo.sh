#!/usr/bin/env bash
# make demo: the whole stack against the simulator, end to end, in a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/simulator_env.sh
start_simulator --action-seconds 0.5 --boot-seconds 1 --realism on --realism-scale 0.25
# The S3 server the static site is published to (tests/s3_server.py: it takes any key, so these stand
# for a key the API issued); stopped with the simulator when the demo exits.
S3_PORT=${S3_PORT:-8090}
python -m tests.s3_server --port "$S3_PORT" >"${S3_LOG:-/tmp/fathom-s3.log}" 2>&1 &
S3_PID=$!
trap 'kill "$SIM_PID" "$S3_PID" 2>/dev/null || true' EXIT
export SPACES_ENDPOINT_URL="http://127.0.0.1:${S3_PORT}" SPACES_ACCESS_KEY_ID=DODEMOACCESSKEY00000 \
  SPACES_SECRET_ACCESS_KEY=demo-spaces-secret
for _ in $(seq 1 100); do
  if python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + '/moto-api/data.json', timeout=1)" \
      "$SPACES_ENDPOINT_URL" 2>/dev/null; then break; fi
  sleep 0.1
done
SITE_VARS=(-e static_site_cdn_space=static-site)
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
ansible-playbook playbooks/site.yml "${SITE_VARS[@]}"
echo "== 2. run it again: nothing to change"
ansible-playbook playbooks/site.yml "${SITE_VARS[@]}" | tee /tmp/fathom-demo-second.log
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
echo "   ... and the site's index.html in its Space, overwritten through S3"
python - <<'PY'
import os, boto3
boto3.client("s3", endpoint_url=os.environ["SPACES_ENDPOINT_URL"], region_name="nyc3",
             aws_access_key_id=os.environ["SPACES_ACCESS_KEY_ID"],
             aws_secret_access_key=os.environ["SPACES_SECRET_ACCESS_KEY"]).put_object(
    Bucket="static-site", Key="index.html", Body=b"<h1>changed by hand</h1>", ContentType="text/html")
PY
echo "== 5. drift report: ansible-playbook playbooks/drift.yml --check --diff"
ANSIBLE_CALLBACKS_ENABLED=fathom.digitalocean.drift_report DRIFT_REPORT_DIR=drift-report \
  ansible-playbook playbooks/drift.yml --check --diff "${SITE_VARS[@]}" > /tmp/fathom-demo-drift.log
grep '^Drift:' /tmp/fathom-demo-drift.log
echo "   report: drift-report/drift.md, drift-report/drift.json, drift-report/drift.html"
sed -n '/^## /,$p' drift-report/drift.md
echo "== 6. tear down: ansible-playbook playbooks/teardown.yml"
ansible-playbook playbooks/teardown.yml "${SITE_VARS[@]}"
echo "== demo finished in $(( $(date +%s) - started ))s; stopping the simulator"
