# Sourced by the scripts: start the simulator in the background, export the connection
# variables for the collection, and stop it when the calling script exits.
SIM_PORT=${SIM_PORT:-8089}
SIM_TOKEN=${SIM_TOKEN:-sim-token}
export DIGITALOCEAN_API_URL="http://127.0.0.1:${SIM_PORT}"
export DIGITALOCEAN_ACCESS_TOKEN="${SIM_TOKEN}"

start_simulator() {
  SIM_TOKEN="$SIM_TOKEN" python -m tests.simulator --host 127.0.0.1 --port "$SIM_PORT" "$@" \
    >"${SIM_LOG:-/tmp/fathom-simulator.log}" 2>&1 &
  SIM_PID=$!
  trap 'kill "$SIM_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    if python - "$DIGITALOCEAN_API_URL" <<'PY' 2>/dev/null; then return 0; fi
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/_sim/config", timeout=1)
PY
    sleep 0.1
  done
  echo "the simulator did not start; see ${SIM_LOG:-/tmp/fathom-simulator.log}" >&2
  return 1
}
