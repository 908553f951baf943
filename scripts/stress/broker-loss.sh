#!/usr/bin/env bash
# Broker loss under load (not run in CI). Starts a nats-server (JetStream) and a rabbitmq-server node on loopback, and
# the app in NATS mode with a RabbitMQ source; an HTTP definition and the RabbitMQ queue's definition route to the same
# four-step workflow. Load: HTTP posts (load.py) and confirmed AMQP publishes (amqp_load.py). After WARM seconds both
# brokers are stopped for OUTAGE seconds (30) and started again, the load goes on AFTER seconds more, then it waits for
# every run to finish and checks:
#   - every event answered 2xx and every message the broker confirmed is stored exactly once, with one run that
#     succeeded, no step succeeded twice (check.py);
#   - /healthz/ready answered 503 while the brokers were down and 200 again after;
#   - consumers resumed: messages confirmed after the restart were stored, and the consumer lag gauges in /metrics
#     read 0 pending for the RabbitMQ queue and for the NATS run queue at the end.
# The outage printed is measured from both brokers stopped to both answering again (OUTAGE plus their start time).
# Usage: scripts/stress/broker-loss.sh   (OUTAGE=30 WARM=10 AFTER=20 RATE=100; NO_BUILD=1 to skip the build). Exits 1
# on any loss or failed expectation. Needs nats-server, rabbitmq-server, python3, /usr/bin/python3 with python3-pika,
# curl and sqlite3; run as root (the rabbitmq node's folders belong to the rabbitmq user).
set -uo pipefail
cd "$(dirname "$0")/../.."
outage="${OUTAGE:-30}"; warm="${WARM:-10}"; after="${AFTER:-20}"; rate="${RATE:-100}"
/usr/bin/python3 -c 'import pika' 2>/dev/null || { echo "python3-pika is missing: apt-get install -y python3-pika"; exit 1; }
[ "${NO_BUILD:-0}" = 1 ] || dotnet build src/Dashboard.Web -c Release -nologo -v q >/dev/null || { echo "build failed"; exit 1; }
source scripts/stress/brokers.sh
app="src/Dashboard.Web/bin/Release/net10.0/Dashboard.Web"
work="$(mktemp -d /tmp/stress-broker-loss.XXXXXX)"
data="$work/data"; acks="$work/acks.txt"; ready="$work/ready.txt"; : > "$acks"; : > "$ready"
port="$(free_port)"; nats_port="$(free_port)"; rabbit_port="$(free_port)"; rabbit_dist="$(free_port)"
rabbit_node="stress$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')@localhost"
url="http://127.0.0.1:$port"; amqp="amqp://guest:guest@127.0.0.1:$rabbit_port/"
token="stress-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pid=""; nats_pid=""; rabbit_pid=""; sampler=""; loads=()
cleanup() {
  kill "${loads[@]}" $sampler 2>/dev/null; [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [ -n "$nats_pid" ] && nats_stop; [ -n "$rabbit_pid" ] && rabbit_stop
}
trap cleanup EXIT

nats_start; rabbit_start
Urls="$url" Storage__DataPath="$data" Setup__AdminUser=admin Setup__AdminPassword=stress-password-123 \
  Setup__AdminApiToken="$token" Logging__LogLevel__Default=Warning Eventing__Mode=Nats Eventing__Nats__Url="nats://127.0.0.1:$nats_port" \
  RabbitMq__Uri="$amqp" RabbitMq__ReconnectSeconds=1 "$app" >>"$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz/ready")" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || { echo "the app exited (log: $work/app.log)"; exit 1; }
  sleep 0.1
done
cat > "$work/definitions.yaml" <<YAML
version: 1
workflows:
  - name: stress-flow
    steps:
      - { name: note, type: log, settings: { message: "event {{ event.id }}" } }
      - { name: shape, type: transform, settings: { template: { n: "{{ event.data.n }}" } } }
      - { name: call, type: http, settings: { method: GET, url: "$url/healthz/live", timeoutSeconds: 5, expectedStatus: [200],
          retry: { maxAttempts: 8, backoffSeconds: 2 } } }
      - { name: done, type: log, settings: { message: "done {{ event.id }}" } }
events:
  - { key: stress.hook, source: http, route: stress, type: com.example.stress, auth: public, workflows: [stress-flow] }
  - { key: stress.queue, source: rabbitmq, queue: stress-q, declareQueue: true, wrapNonCloudEvents: false,
      type: com.example.stress, auth: public, workflows: [stress-flow] }
YAML
status="$(curl -s -o "$work/import.json" -w '%{http_code}' -X POST "$url/api/definitions/import?dryRun=false" \
  -H "Authorization: Bearer $token" -H 'Content-Type: text/yaml' --data-binary @"$work/definitions.yaml")"
[ "$status" = 200 ] || { echo "import answered $status: $(cat "$work/import.json")"; exit 1; }

sample_ready "$url" "$ready" & sampler=$!
total=86400  # both loads run until stopped below
python3 scripts/stress/load.py --url "$url" --prefix http --acks "$acks" --threads 2 --rate "$rate" --seconds "$total" 2>>"$work/load.log" & loads+=($!)
/usr/bin/python3 scripts/stress/amqp_load.py --uri "$amqp" --queue stress-q --prefix amqp --acks "$work/amqp-acks.txt" --rate "$rate" \
  --seconds "$total" 2>>"$work/load.log" & loads+=($!)
sleep "$warm"
nats_stop; rabbit_stop; down_at=$(date +%s)
echo "brokers stopped at +${warm}s; $(wc -l < "$acks") HTTP events and $(wc -l < "$work/amqp-acks.txt" 2>/dev/null || echo 0) AMQP messages acknowledged so far"
sleep "$outage"
nats_start; rabbit_start; up_at=$(date +%s)
amqp_before_restart=$(wc -l < "$work/amqp-acks.txt")
echo "brokers answering again after $(( up_at - down_at )) s"
sleep "$after"
kill -TERM "${loads[@]}" 2>/dev/null; wait "${loads[@]}" 2>/dev/null; loads=()
cat "$work/amqp-acks.txt" >> "$acks"
amqp_after_restart=$(( $(wc -l < "$work/amqp-acks.txt") - amqp_before_restart ))

expected="$(sort -u "$acks" | wc -l)"
for _ in $(seq 1 900); do
  stored="$(sqlite3 "file:$data/dashboard.db?mode=ro" "SELECT COUNT(*) FROM events WHERE Source = '/stress';" 2>/dev/null || echo 0)"
  running="$(sqlite3 "file:$data/dashboard.db?mode=ro" "SELECT COUNT(*) FROM runs WHERE State IN ('Queued','Running');" 2>/dev/null || echo 1)"
  [ "$running" = 0 ] && [ "$stored" -ge "$expected" ] && break
  sleep 0.2
done
sleep 3  # one more lag read (the gauges are cached for 2 s)
metrics="$(curl -s -H "Authorization: Bearer $token" "$url/metrics")"; sleep 2.5
metrics="$(curl -s -H "Authorization: Bearer $token" "$url/metrics")"
kill $sampler 2>/dev/null; sampler=""
gauge() { echo "$metrics" | grep '^dashboard_consumer_lag{' | grep "broker=\"$1\"" | grep "consumer=\"$2\"" | grep 'kind="pending"' | awk '{print $2}' | head -1; }
rabbit_lag="$(gauge rabbitmq stress-q)"; nats_lag="$(gauge nats dashboard-workers)"
unready=$(awk -v a="$down_at" -v b="$up_at" '$1 >= a && $1 <= b && $2 == 503' "$ready" | wc -l)
final_ready="$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz/ready")"
kill -TERM "$pid"; wait "$pid" 2>/dev/null; pid=""

python3 scripts/stress/check.py "$data/dashboard.db" "$acks"; result=$?
echo "outage: $(( up_at - down_at )) s; HTTP acknowledged: $(grep -c '^http' "$acks"), AMQP confirmed: $(grep -c '^amqp' "$acks") ($amqp_after_restart after the restart)"
echo "readiness: $unready samples answered 503 during the outage, $(awk '$2 == 200' "$ready" | wc -l) answered 200 in all; at the end: $final_ready"
echo "consumer lag at the end: rabbitmq stress-q pending=${rabbit_lag:-absent}, nats dashboard-workers pending=${nats_lag:-absent}"
echo "load: $(tr '\n' ' ' < "$work/load.log")"
[ "$unready" -gt 0 ] || { echo "readiness never answered 503 while the brokers were down"; result=1; }
[ "$final_ready" = 200 ] || { echo "readiness did not come back"; result=1; }
[ "$amqp_after_restart" -gt 0 ] || { echo "no AMQP message was confirmed after the restart"; result=1; }
[ "${rabbit_lag:-x}" = 0 ] && [ "${nats_lag:-x}" = 0 ] || { echo "a consumer did not drain"; result=1; }
[ "$result" = 0 ] && echo "PASS: nothing acknowledged was lost; consumers resumed" || echo "FAIL (work folder kept: $work)"
trap - EXIT; cleanup
[ "$result" = 0 ] && rm -rf "$work"
exit "$result"
