#!/usr/bin/env bash
# Builds in Release, starts the app (framework-dependent apphost) on a free loopback port with a fresh data folder,
# seeds the benchmark definitions, runs tests/Dashboard.Benchmarks, stops the app and writes the results into
# docs/performance.md (between the bench:results markers; the rest of the file is kept).
#
#   scripts/bench.sh                      quick: 10 s per run, 3 runs per scenario
#   scripts/bench.sh --duration 60        the issue's 60 s sustained runs
#   scripts/bench.sh --only single,latency --skip-build --no-doc
# Other options (--runs, --connections, --rate, --batch, --memory-events, --viewers, --hub-clients, --live-rate,
# --sync-rate, --amqp-events) go to the benchmark program. When rabbitmq-server is installed, a node of its own (free loopback ports,
# its own folders) serves the RabbitMQ source scenario and is stopped at the end.
# BENCH_GENERATOR_NICE=-10 (as root) runs the load generator at that nice value, so on a machine it shares with the app
# its timers and sockets are served before the app's threads: latencies then measure the app rather than how long the
# generator waited for a core (a generator on its own machine). The results name the value used.
# BENCH_BROWSER_NICE=-10 (as root) runs the live scenarios' Chromium at that nice value (the generator's own value
# otherwise, which it inherits): the way a viewer's browser on a machine of its own is not slowed by the server.
# BENCH_DATA_ROOT=/dev/shm puts the app's data folder there instead of /tmp: on tmpfs an fsync returns at once, so a
# comparison with the default shows how much of a figure the disk accounts for (a diagnostic, never a deployment).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

build=1
write_doc=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=0; shift ;;
    --no-doc) write_doc=0; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

app_exe="${BENCH_APP_EXE:-src/Dashboard.Web/bin/Release/net10.0/Dashboard.Web}"
bench_exe="tests/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks"

if [ "$build" = 1 ]; then
  # The whole solution may be mid-change by others; the two projects needed here are enough.
  dotnet build src/Dashboard.Web -c Release -nologo -v q
  dotnet build tests/Dashboard.Benchmarks -c Release -nologo -v q
fi

data="$(mktemp -d "${BENCH_DATA_ROOT:-/tmp}/dashboard-bench.XXXXXX")"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
url="http://127.0.0.1:$port"
token="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
viewer_password="Bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
app_pid=""

nats_app_pid=""
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# RabbitMQ (when rabbitmq-server is installed): one node for the RabbitMQ source scenario, as the integration tests start
# theirs. Run as root, the start script switches to the rabbitmq user, so the node's folders must belong to it.
rabbit_node=""
rabbit_pid=""
rabbit_dir=""
amqp_url=""
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$child"; descendants "$child"; done
}
# Whether the RabbitMQ scenario is selected (--only matches scenario names by case-insensitive substring).
wants_rabbit() {
  local only="" i
  for ((i = 0; i < ${#args[@]}; i++)); do [ "${args[$i]}" = "--only" ] && only="${args[$((i + 1))]:-}"; done
  [ -z "$only" ] && return 0
  local item items
  IFS=',' read -ra items <<<"$only"
  for item in "${items[@]}"; do
    [[ "rabbitmq source throughput" == *"${item,,}"* ]] && return 0
  done
  return 1
}
stop_rabbit() {
  if [ -n "$rabbit_node" ]; then
    if ! rabbitmqctl -n "$rabbit_node" stop >/dev/null 2>&1; then
      for child in $(descendants "$rabbit_pid"); do kill -KILL "$child" 2>/dev/null || true; done
    fi
    stop_pid "$rabbit_pid"
    rabbit_node=""
  fi
  if [ -n "$rabbit_dir" ]; then rm -rf "$rabbit_dir"; rabbit_dir=""; fi
}
start_rabbit() {
  command -v rabbitmq-server >/dev/null 2>&1 && wants_rabbit || return 0
  local suffix amqp_port dist_port
  suffix="$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  rabbit_dir="$(mktemp -d /tmp/dashboard-bench-rabbitmq.XXXXXX)"
  mkdir -p "$rabbit_dir/mnesia" "$rabbit_dir/log"
  echo '[].' >"$rabbit_dir/enabled_plugins"
  if [ "$(id -u)" = 0 ]; then chown -R rabbitmq:rabbitmq "$rabbit_dir"; fi
  amqp_port="$(free_port)"
  dist_port="$(free_port)"
  rabbit_node="bench$suffix@localhost"
  RABBITMQ_NODE_PORT="$amqp_port" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_DIST_PORT="$dist_port" \
    RABBITMQ_NODENAME="$rabbit_node" RABBITMQ_MNESIA_BASE="$rabbit_dir/mnesia" RABBITMQ_LOG_BASE="$rabbit_dir/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$rabbit_dir/enabled_plugins" RABBITMQ_FEATURE_FLAGS_FILE="$rabbit_dir/feature_flags" \
    rabbitmq-server >"$data/rabbitmq.out" 2>&1 &
  rabbit_pid=$!
  for _ in $(seq 1 900); do
    (exec 3<>"/dev/tcp/127.0.0.1/$amqp_port") 2>/dev/null && { amqp_url="amqp://guest:guest@127.0.0.1:$amqp_port/"; return 0; }
    kill -0 "$rabbit_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "rabbitmq-server did not answer on port $amqp_port; the RabbitMQ scenario reports unavailable (see $data/rabbitmq.out)"
  stop_rabbit
}

stop_pid() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
  fi
}
stop_app() {
  stop_pid "$app_pid"
  stop_pid "$nats_app_pid"
}
trap 'stop_app; stop_rabbit' EXIT

start_rabbit
rabbit_env=()
rabbit_args=()
if [ -n "$amqp_url" ]; then
  rabbit_env=(RabbitMq__Uri="$amqp_url")
  rabbit_args=(--amqp-url "$amqp_url")
fi

echo "load average before start: $(cut -d' ' -f1-3 /proc/loadavg)"
env ${rabbit_env[@]+"${rabbit_env[@]}"} Urls="$url" Storage__DataPath="$data" Logging__LogLevel__Default=Warning \
  Setup__AdminApiToken="$token" Setup__AdminUser=bench Setup__AdminPassword="$viewer_password" \
  "$app_exe" >"$data/app.log" 2>&1 &
app_pid=$!

for _ in $(seq 1 600); do
  curl -fs "$url/healthz" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { echo "the app exited while starting:"; cat "$data/app.log"; exit 1; }
  sleep 0.1
done
curl -fs "$url/healthz" >/dev/null || { echo "the app did not become healthy"; exit 1; }

"$bench_exe" definitions >"$data/definitions.yaml"
curl -fsS -X POST "$url/api/definitions/import?dryRun=false" -H "Authorization: Bearer $token" \
  -H "Content-Type: text/yaml" --data-binary "@$data/definitions.yaml" >/dev/null

# NATS mode (when nats-server is installed): a second instance with Eventing:Mode=Nats and its own local
# nats-server, idle until the NATS scenario runs against it.
nats_args=()
if command -v nats-server >/dev/null 2>&1; then
  nats_data="$data/nats-mode"
  mkdir -p "$nats_data"
  nats_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  nats_url="http://127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  Urls="$nats_url" Storage__DataPath="$nats_data" Logging__LogLevel__Default=Warning Setup__AdminApiToken="$token" \
    Eventing__Mode=Nats Eventing__Nats__StartLocalServer=true Eventing__Nats__LocalPort="$nats_port" \
    "$app_exe" >"$nats_data/app.log" 2>&1 &
  nats_app_pid=$!
  for _ in $(seq 1 600); do curl -fs "$nats_url/healthz" >/dev/null 2>&1 && break; kill -0 "$nats_app_pid" 2>/dev/null || break; sleep 0.1; done
  if curl -fs "$nats_url/healthz" >/dev/null 2>&1 \
    && curl -fsS -X POST "$nats_url/api/definitions/import?dryRun=false" -H "Authorization: Bearer $token" \
      -H "Content-Type: text/yaml" --data-binary "@$data/definitions.yaml" >/dev/null; then
    nats_args=(--nats-url "$nats_url" --nats-pid "$nats_app_pid" --nats-data "$nats_data")
  else
    echo "the NATS-mode instance did not start; see $nats_data/app.log"
  fi
fi

results="$data/results.md"
generator=("$bench_exe")
if [ -n "${BENCH_GENERATOR_NICE:-}" ]; then generator=(nice -n "$BENCH_GENERATOR_NICE" "$bench_exe"); fi
"${generator[@]}" --url "$url" --pid "$app_pid" --data "$data" --token "$token" \
  --viewer-user bench --viewer-password "$viewer_password" --out "$results" ${nats_args[@]+"${nats_args[@]}"} \
  ${rabbit_args[@]+"${rabbit_args[@]}"} ${args[@]+"${args[@]}"}

app_alive="no"; kill -0 "$app_pid" 2>/dev/null && app_alive="yes"
# Refusals are logged as one line with a count per interval ("Answered N ingestion requests with 429 ...").
overloaded="$(grep -o 'Answered [0-9]* ingestion requests with 429' "$data/app.log" 2>/dev/null | awk '{s += $2} END {print s + 0}')"
app_rss="$(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/"$app_pid"/status 2>/dev/null || true)"
stop_app
stop_rabbit
{
  echo
  echo "App: \`$app_exe\` (Release, framework-dependent, Production environment, log level Warning), data folder on \`$(df --output=source "$data" | tail -1)\`; app still running at the end: ${app_alive}; final RSS ${app_rss:-unknown}; ingestion requests answered 429 by its log: ${overloaded:-0}."
  echo "Load generator nice value: ${BENCH_GENERATOR_NICE:-0 (default)}; Chromium's: ${BENCH_BROWSER_NICE:-the generator's}; the app's: 0."
  echo ".NET SDK $(dotnet --version); app runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}') (net10.0, framework-dependent)."
} >>"$results"

if [ "$write_doc" = 1 ]; then
  doc="docs/performance.md"
  begin='<!-- bench:results:begin -->'
  end='<!-- bench:results:end -->'
  if [ ! -f "$doc" ] || ! grep -q "$begin" "$doc"; then
    printf '# Performance\n\nGenerated by `scripts/bench.sh`.\n\n%s\n%s\n' "$begin" "$end" >"$doc"
  fi
  awk -v begin="$begin" -v end="$end" -v results="$results" '
    $0 == begin { print; print ""; print "Last run: `scripts/bench.sh" ARGS "`"; print ""; while ((getline line < results) > 0) print line; print ""; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }
  ' ARGS="$(printf ' %s' "${args[@]}")" "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
  echo "wrote $doc"
fi
if [ "${BENCH_KEEP_DATA:-0}" = 1 ]; then echo "kept $data"; else rm -rf "$data"; fi
