#!/usr/bin/env bash
# Scale-out owner restart under load (not run in CI). Starts a nats-server (JetStream), an owner (Runtime:ScaleOut) and a
# worker (Runtime:Role=Worker), both in NATS mode; a public definition routes to a four-step workflow whose http step
# calls a slow receiver (slow_server.py: SLOW seconds per call, every Idempotency-Key recorded), so runs are Running on
# both instances at any moment. The worker ingests HTTP posts (load.py) and runs workflows with the owner. After WARM
# seconds the owner is SIGKILLed, stays down DOWN seconds and is started again on the same data folder; the load goes
# on AFTER seconds more. Then it waits for every run to finish and checks (check.py): every event the worker answered
# 2xx is stored exactly once with one run that succeeded, integrity ok.
# What may run twice: the owner re-queues at startup every run left Running, including runs the worker is still
# executing, so each run Running at the kill may execute its remaining steps again (at-least-once; http steps resend
# their idempotency key). The script counts those runs in the owner's database right after the kill and fails if more
# steps succeeded twice (or idempotency keys were used twice) than 4 (the workflow's steps) times that count, or if
# the receiver got more repeated idempotency keys (one http step per run) than that count.
# Usage: scripts/stress/owner-restart.sh   (WARM=10 DOWN=5 AFTER=15 RATE=100 SLOW=2; NO_BUILD=1 to skip the build).
# Exits 1 on any loss or a repeat beyond that bound. Needs nats-server, python3, curl and sqlite3.
set -uo pipefail
cd "$(dirname "$0")/../.."
warm="${WARM:-10}"; down="${DOWN:-5}"; after="${AFTER:-15}"; rate="${RATE:-100}"; slow="${SLOW:-2}"
[ "${NO_BUILD:-0}" = 1 ] || dotnet build src/Dashboard.Web -c Release -nologo -v q >/dev/null || { echo "build failed"; exit 1; }
source scripts/stress/brokers.sh
app="src/Dashboard.Web/bin/Release/net10.0/Dashboard.Web"
work="$(mktemp -d /tmp/stress-owner-restart.XXXXXX)"
acks="$work/acks.txt"; : > "$acks"; keys="$work/keys.txt"; : > "$keys"
owner_port="$(free_port)"; worker_port="$(free_port)"; nats_port="$(free_port)"; slow_port="$(free_port)"
owner="http://127.0.0.1:$owner_port"; worker="http://127.0.0.1:$worker_port"
token="stress-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
owner_pid=""; worker_pid=""; nats_pid=""; load=""; slow_pid=""
cleanup() {
  kill $load $slow_pid 2>/dev/null
  for p in $worker_pid $owner_pid; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  [ -n "$nats_pid" ] && nats_stop
}
trap cleanup EXIT

common=(Eventing__Mode=Nats Eventing__Nats__Url="nats://127.0.0.1:$nats_port" Logging__LogLevel__Default=Warning)
start_owner() {
  env "${common[@]}" Urls="$owner" Storage__DataPath="$work/owner" Runtime__ScaleOut=true Runtime__InstanceName=owner \
    Setup__AdminUser=admin Setup__AdminPassword=stress-password-123 Setup__AdminApiToken="$token" "$app" >>"$work/owner.log" 2>&1 &
  owner_pid=$!
  wait_ready "$owner" "$owner_pid" owner
}
wait_ready() { # url pid name
  for _ in $(seq 1 900); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/healthz/ready")" = 200 ] && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  echo "the $3 did not become ready (log: $work/$3.log)"; exit 1
}

nats_start
python3 scripts/stress/slow_server.py --port "$slow_port" --delay "$slow" --keys "$keys" 2>>"$work/slow.log" & slow_pid=$!
wait_port "$slow_port" 30 "$slow_pid" || { echo "the slow receiver did not start (log: $work/slow.log)"; exit 1; }
start_owner
cat > "$work/definitions.yaml" <<YAML
version: 1
workflows:
  - name: stress-flow
    steps:
      - { name: note, type: log, settings: { message: "event {{ event.id }}" } }
      - { name: shape, type: transform, settings: { template: { n: "{{ event.data.n }}" } } }
      - { name: call, type: http, settings: { method: GET, url: "http://127.0.0.1:$slow_port/", timeoutSeconds: 30, expectedStatus: [200],
          retry: { maxAttempts: 8, backoffSeconds: 2 } } }
      - { name: done, type: log, settings: { message: "done {{ event.id }}" } }
events:
  - { key: stress.hook, source: http, route: stress, type: com.example.stress, auth: public, workflows: [stress-flow] }
YAML
status="$(curl -s -o "$work/import.json" -w '%{http_code}' -X POST "$owner/api/definitions/import?dryRun=false" \
  -H "Authorization: Bearer $token" -H 'Content-Type: text/yaml' --data-binary @"$work/definitions.yaml")"
[ "$status" = 200 ] || { echo "import answered $status: $(cat "$work/import.json")"; exit 1; }
env "${common[@]}" Urls="$worker" Storage__DataPath="$work/worker" Runtime__Role=Worker Runtime__InstanceName=worker \
  "$app" >>"$work/worker.log" 2>&1 &
worker_pid=$!
wait_ready "$worker" "$worker_pid" worker

python3 scripts/stress/load.py --url "$worker" --prefix w --acks "$acks" --threads 2 --rate "$rate" --seconds $(( warm + down + after + 20 )) \
  2>>"$work/load.log" & load=$!
sleep "$warm"
kill -9 "$owner_pid"; wait "$owner_pid" 2>/dev/null
running_at_kill="$(sqlite3 "file:$work/owner/dashboard.db?mode=ro" "SELECT COUNT(*) FROM runs WHERE State = 'Running';")"
acked_at_kill=$(wc -l < "$acks")
echo "owner killed at +${warm}s: $acked_at_kill events acknowledged, $running_at_kill runs Running"
sleep "$down"
acked_while_down=$(( $(wc -l < "$acks") - acked_at_kill ))
start_owner
echo "owner ready again; the worker acknowledged $acked_while_down events while it was down"
sleep "$after"
kill $load 2>/dev/null; wait $load 2>/dev/null; load=""
echo "load stopped; waiting for every run to finish"

expected="$(sort -u "$acks" | wc -l)"
for _ in $(seq 1 900); do
  stored="$(sqlite3 "file:$work/owner/dashboard.db?mode=ro" "SELECT COUNT(*) FROM events WHERE Source = '/stress';" 2>/dev/null || echo 0)"
  running="$(sqlite3 "file:$work/owner/dashboard.db?mode=ro" "SELECT COUNT(*) FROM runs WHERE State IN ('Queued','Running');" 2>/dev/null || echo 1)"
  [ "$running" = 0 ] && [ "$stored" -ge "$expected" ] && break
  sleep 0.2
done
for p in $worker_pid $owner_pid; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; worker_pid=""; owner_pid=""

allowed=$(( running_at_kill * 4 ))
python3 scripts/stress/check.py "$work/owner/dashboard.db" "$acks" "$allowed"; result=$?
calls="$(wc -l < "$keys")"; repeated_keys="$(sort "$keys" | uniq -d | wc -l)"; extra_calls=$(( calls - $(sort -u "$keys" | wc -l) ))
by_instance="$(sqlite3 "file:$work/owner/dashboard.db?mode=ro" "SELECT group_concat(ExecutedBy || '=' || n, ' ') FROM (SELECT ExecutedBy, COUNT(*) n FROM runs GROUP BY ExecutedBy);")"
thrice="$(sort "$keys" | uniq -c | awk '$1 > 2' | wc -l)"
echo "receiver: $calls http calls, $repeated_keys idempotency keys received more than once ($extra_calls extra calls; $thrice keys three times or more); runs by instance: $by_instance"
if [ "$repeated_keys" -gt "$running_at_kill" ]; then
  echo "repeated keys at the receiver ($repeated_keys) exceed the runs Running at the kill ($running_at_kill)"; result=1
fi
echo "acknowledged by the worker: $(wc -l < "$acks") ($acked_while_down while the owner was down); runs Running at the kill: $running_at_kill; repeats allowed: $allowed"
echo "load: $(tr '\n' ' ' < "$work/load.log")"
[ "$result" = 0 ] && echo "PASS: nothing acknowledged was lost; repeats within the bound" || echo "FAIL (work folder kept: $work)"
trap - EXIT; cleanup
[ "$result" = 0 ] && rm -rf "$work"
exit "$result"
