#!/usr/bin/env bash
# SIGKILL under routed load (not run in CI). Starts the app on a fresh data folder with a public definition routed to a
# four-step workflow (log, transform, an http call back to the app, log), then for each cycle: start the app, post
# events from four threads, SIGKILL the app at a random moment while the load runs. Afterwards it starts the app once
# more, waits for every run to finish and checks (check.py): every 2xx event stored exactly once, one run per event,
# every run succeeded, no step succeeded twice and no idempotency key used twice, integrity_check ok.
# The http step calls the app itself, so it retries for about 4 minutes (8 attempts): runs resumed at startup begin
# before the restarted app listens, which on a loaded machine can outlast the default 3 attempts (about 6 s).
# Usage: scripts/stress/sigkill.sh [cycles=30]   (NO_BUILD=1 to skip the build). Exits 1 on any loss.
set -uo pipefail
cd "$(dirname "$0")/../.."
cycles="${1:-30}"
[ "${NO_BUILD:-0}" = 1 ] || dotnet build src/Dashboard.Web -c Release -nologo -v q >/dev/null || { echo "build failed"; exit 1; }
app="src/Dashboard.Web/bin/Release/net10.0/Dashboard.Web"
work="$(mktemp -d /tmp/stress-sigkill.XXXXXX)"
data="$work/data"; acks="$work/acks.txt"; : > "$acks"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
token="stress-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null' EXIT  # never leave an app behind (e.g. after a failed import)

start_app() {
  Urls="$url" Storage__DataPath="$data" Setup__AdminUser=admin Setup__AdminPassword=stress-password-123 \
    Setup__AdminApiToken="$token" Logging__LogLevel__Default=Warning "$app" >>"$work/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz/ready")" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "the app did not become ready (log: $work/app.log)"; exit 1
}

start_app
cat > "$work/definitions.yaml" <<YAML
version: 1
workflows:
  - name: stress-flow
    steps:
      - name: note
        type: log
        settings: { message: "event {{ event.id }}" }
      - name: shape
        type: transform
        settings: { template: { n: "{{ event.data.n }}" } }
      - name: call
        type: http
        settings: { method: GET, url: "$url/healthz/live", timeoutSeconds: 5, expectedStatus: [200], retry: { maxAttempts: 8, backoffSeconds: 2 } }
      - name: done
        type: log
        settings: { message: "done {{ event.id }}" }
events:
  - key: stress.hook
    source: http
    route: stress
    type: com.example.stress
    auth: public
    workflows: [stress-flow]
YAML
status="$(curl -s -o "$work/import.json" -w '%{http_code}' -X POST "$url/api/definitions/import?dryRun=false" \
  -H "Authorization: Bearer $token" -H 'Content-Type: text/yaml' --data-binary @"$work/definitions.yaml")"
[ "$status" = 200 ] || { echo "import answered $status: $(cat "$work/import.json")"; exit 1; }

started=$(date +%s)
for cycle in $(seq 1 "$cycles"); do
  [ "$cycle" = 1 ] || start_app
  python3 scripts/stress/load.py --url "$url" --prefix "c$cycle" --acks "$acks" --threads 4 --seconds 60 2>>"$work/load.log" &
  load=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(1.5, 4.0), 2))')"
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  kill "$load" 2>/dev/null; wait "$load" 2>/dev/null
  echo "cycle $cycle/$cycles: killed; $(wc -l < "$acks") events acknowledged so far"
done

start_app
for _ in $(seq 1 1800); do
  left="$(sqlite3 "file:$data/dashboard.db?mode=ro" "SELECT COUNT(*) FROM runs WHERE State IN ('Queued','Running');" 2>/dev/null || echo 1)"
  [ "$left" = 0 ] && break
  sleep 0.2
done
kill -TERM "$pid"; wait "$pid" 2>/dev/null; pid=""
echo "cycles: $cycles, wall time: $(( $(date +%s) - started )) s"
python3 scripts/stress/check.py "$data/dashboard.db" "$acks"
result=$?
[ "$result" = 0 ] && echo "PASS: nothing acknowledged was lost" || echo "FAIL (work folder kept: $work)"
[ "$result" = 0 ] && rm -rf "$work"
exit "$result"
