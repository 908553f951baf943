#!/usr/bin/env bash
# Soak (not run in CI): the app on a fresh data folder with the benchmark definitions (tests/Dashboard.Benchmarks:
# a token-authenticated, schema-validated webhook routed to a one-step workflow), posted to at a fixed rate for a long
# time by the C# open-loop driver (`Dashboard.Benchmarks soak`: ~1 KB structured CloudEvents, latency measured from
# each request's due time), which writes a CSV row per sample (RSS, open handles, p50/p99 latency, database bytes per
# event, runs pending) and one after the last answers. Then it waits for the runs to finish and soak.py checks the
# trends and that every event answered 2xx is stored (see soak.py for the tolerances).
# Usage: scripts/stress/soak.sh   DURATION=3600 (seconds), RATE=2700 (events/s: half the ~5,500/s routed single events
# sustain on the reference machine), SAMPLE=60 (seconds), CONNECTIONS=256, CSV=path (default soak-<UTC stamp>.csv in
# the work folder, which is kept), NO_BUILD=1 to skip the build. Needs python3, curl and sqlite3.
set -uo pipefail
cd "$(dirname "$0")/../.."
duration="${DURATION:-3600}"; rate="${RATE:-2700}"; sample="${SAMPLE:-60}"; connections="${CONNECTIONS:-256}"
if [ "${NO_BUILD:-0}" != 1 ]; then
  dotnet build src/Dashboard.Web -c Release -nologo -v q >/dev/null || { echo "build failed"; exit 1; }
  dotnet build tests/Dashboard.Benchmarks -c Release -nologo -v q >/dev/null || { echo "build failed"; exit 1; }
fi
app="src/Dashboard.Web/bin/Release/net10.0/Dashboard.Web"
driver="tests/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks"
work="$(mktemp -d /tmp/stress-soak.XXXXXX)"
csv="${CSV:-$work/soak-$(date -u +%Y%m%dT%H%M%SZ).csv}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
db="$work/data/dashboard.db"
token="stress-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
Urls="$url" Storage__DataPath="$work/data" Setup__AdminUser=admin Setup__AdminPassword=stress-password-123 \
  Setup__AdminApiToken="$token" Logging__LogLevel__Default=Warning "$app" >>"$work/app.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz/ready")" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || { echo "the app exited (log: $work/app.log)"; exit 1; }
  sleep 0.1
done
"$driver" definitions > "$work/definitions.yaml"
status="$(curl -s -o "$work/import.json" -w '%{http_code}' -X POST "$url/api/definitions/import?dryRun=false" \
  -H "Authorization: Bearer $token" -H 'Content-Type: text/yaml' --data-binary @"$work/definitions.yaml")"
[ "$status" = 200 ] || { echo "import answered $status: $(cat "$work/import.json")"; exit 1; }
"$driver" soak --url "$url" --token "$token" --pid "$pid" --db "$db" --csv "$csv" --rate "$rate" \
  --seconds "$duration" --sample-seconds "$sample" --connections "$connections" || { echo "FAIL: the driver failed (work folder kept: $work)"; exit 1; }
runs_left=1
for _ in $(seq 1 600); do
  runs_left="$(sqlite3 "file:$db?mode=ro" "SELECT COUNT(*) FROM runs WHERE State IN ('Queued','Running');" 2>/dev/null || echo 1)"
  [ "$runs_left" = 0 ] && break
  sleep 0.5
done
python3 scripts/stress/soak.py --csv "$csv" --db "$db" --runs-left "$runs_left"
result=$?
[ "$result" = 0 ] && echo "PASS: flat within tolerance (CSV: $csv)" || echo "FAIL (work folder kept: $work)"
exit "$result"
