#!/usr/bin/env bash
# CPU cost per event of the ingest path, measured on the app alone. Starts the Release build as scripts/bench.sh does
# (Production, log level Warning, fresh data folder) with perf maps on, warms it up, then sends a fixed number of single
# events per case (tests/Dashboard.Benchmarks `drive`) under `perf stat -e instructions:u,task-clock -p PID` and prints
# CPU µs per event (perf's task-clock, and /proc/PID/stat, which also counts threads started after perf attached) and
# instructions per event where the machine has a hardware PMU (a VM without one prints 0: "<not supported>"), and
# context switches per event: perf's `context-switches` software event (counted per thread with perf's default
# inheritance, so threads the app starts after perf attached are counted too; it counts every switch away from a
# thread, voluntary or not) and `cpu-migrations`, with the sum of voluntary + involuntary switches over
# /proc/PID/task/*/status before and after as a cross-check (that sum misses threads that exit during a case).
# Cases: the empty-POST baseline (the benchmark program's `empty-server`, its own process), no workflow, routed.
#
#   scripts/cpu-profile.sh                         3 rounds of 30,000 events per case
#   scripts/cpu-profile.sh --record routed         then `perf record -g` (999 Hz) of one case (routed|no-workflow|empty)
#   B_EXE=/tmp/other/Dashboard.Web B_ENV="DOTNET_gcServer=0" scripts/cpu-profile.sh --skip-build
#       A/B: a second instance (another build and/or environment) measured in the same rounds, alternating with the first.
# Environment: COUNT (events per case and round), REPS (rounds), CONNECTIONS (32), A_ENV (extra environment of the first).
set -euo pipefail
cd "$(dirname "$0")/.."

count="${COUNT:-30000}"; reps="${REPS:-3}"; connections="${CONNECTIONS:-32}"
record=""; build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --record) record="$2"; shift 2 ;;
    --skip-build) build=0; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
if [ "$build" = 1 ]; then
  dotnet build src/Dashboard.Web -c Release -nologo -v q
  dotnet build tests/Dashboard.Benchmarks -c Release -nologo -v q
fi
bench_exe="tests/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
task_switches() { { cat /proc/"$1"/task/*/status 2>/dev/null || true; } | awk '/^(nonvoluntary|voluntary)_ctxt_switches:/ {n += $2} END {print n + 0}'; }
ticks_per_s="$(getconf CLK_TCK)"

work="$(mktemp -d /tmp/dashboard-profile.XXXXXX)"
token="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
perf_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
"$bench_exe" definitions >"$work/definitions.yaml"

names=(); urls=(); app_pids=(); datas=()
start_app() { # name exe extra-env
  local data="$work/$1" url="http://127.0.0.1:$(free_port)"
  mkdir -p "$data"
  # shellcheck disable=SC2086
  env "${perf_env[@]}" $3 Urls="$url" Storage__DataPath="$data" Logging__LogLevel__Default=Warning Setup__AdminApiToken="$token" \
    Setup__AdminUser=bench Setup__AdminPassword="Bench-$token" "$2" >"$data/app.log" 2>&1 &
  pids+=("$!"); names+=("$1"); urls+=("$url"); app_pids+=("$!"); datas+=("$data")
  for _ in $(seq 1 600); do curl -fs "$url/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fsS -X POST "$url/api/definitions/import?dryRun=false" -H "Authorization: Bearer $token" \
    -H "Content-Type: text/yaml" --data-binary "@$work/definitions.yaml" >/dev/null
}
start_app A "${BENCH_APP_EXE:-src/Dashboard.Web/bin/Release/net10.0/Dashboard.Web}" "${A_ENV:-}"
if [ -n "${B_EXE:-}${B_ENV:-}" ]; then start_app B "${B_EXE:-src/Dashboard.Web/bin/Release/net10.0/Dashboard.Web}" "${B_ENV:-}"; fi
empty_url="http://127.0.0.1:$(free_port)"
env "${perf_env[@]}" "$bench_exe" empty-server --url "$empty_url" >"$work/empty.log" 2>&1 &
empty_pid=$!; pids+=("$empty_pid")
sleep 2

drive() { "$bench_exe" drive --url "$1" --token "$token" --route "$2" --count "$3" --connections "$connections" ${4:+--data "$4"}; }
echo "warm-up (load average $(cut -d' ' -f1-3 /proc/loadavg))"
for i in "${!names[@]}"; do
  drive "${urls[$i]}" bench/orders-only 20000 "${datas[$i]}" >/dev/null || true
  drive "${urls[$i]}" bench/orders 20000 "${datas[$i]}" >/dev/null || true
done
drive "$empty_url" bench/orders 20000 >/dev/null || true

# Bytes the app's GC allocated so far (the System.Runtime meter on /metrics); empty for the empty-POST process.
allocated() { curl -fs "$1/metrics" -H "Authorization: Bearer $token" 2>/dev/null | awk '/^dotnet_gc_heap_total_allocated_bytes_total[ {]/ {v=$NF} END {print v}'; }
measure() { # label pid url route [data]
  local label="$1" pid="$2" before after ok stat file="$work/measure" bytes_before bytes_after alloc="" switches_before switches_after
  [ -n "${5:-}" ] && bytes_before="$(allocated "$3")"
  before="$(cpu_ticks "$pid")"
  switches_before="$(task_switches "$pid")"
  perf stat -e instructions:u,task-clock,context-switches,cpu-migrations -x, -o "$file.stat" -p "$pid" -- \
    "$bench_exe" drive --url "$3" --token "$token" --route "$4" --count "$count" --connections "$connections" ${5:+--data "$5"} >"$file.drive" || true
  after="$(cpu_ticks "$pid")"
  switches_after="$(task_switches "$pid")"
  ok="$(awk '/^ok / {print $2}' "$file.drive")"
  if [ -n "${5:-}" ] && bytes_after="$(allocated "$3")" && [ -n "$bytes_before" ] && [ -n "$bytes_after" ]; then
    alloc="$(awk -v a="$bytes_before" -v b="$bytes_after" -v n="$ok" 'BEGIN {printf ", %.0f B allocated/event", (b - a) / n}')"
  fi
  stat="$(awk -F, -v n="$ok" -v t0="$switches_before" -v t1="$switches_after" '/instructions/ {i=$1} /task-clock/ {t=$1} /context-switches/ {c=$1} /cpu-migrations/ {m=$1}
    END {printf "%.0f instructions/event, %.1f µs task-clock/event, %.2f context switches/event (%.2f from /proc tasks), %.2f migrations/event", i/n, t*1000/n, c/n, (t1-t0)/n, m/n}' "$file.stat")"
  printf '%-16s %s, %.1f µs CPU/event (/proc)%s, load %s; %s\n' "$label" "$stat" \
    "$(echo "($after - $before) * 1000000 / $ticks_per_s / $ok" | bc -l)" "$alloc" "$(cut -d' ' -f1 /proc/loadavg)" "$(head -1 "$file.drive")"
}
for rep in $(seq 1 "$reps"); do
  echo "round $rep: $(uptime)"
  measure "empty POST" "$empty_pid" "$empty_url" bench/orders
  for i in "${!names[@]}"; do measure "${names[$i]} no workflow" "${app_pids[$i]}" "${urls[$i]}" bench/orders-only "${datas[$i]}"; done
  for i in "${!names[@]}"; do measure "${names[$i]} routed" "${app_pids[$i]}" "${urls[$i]}" bench/orders "${datas[$i]}"; done
done

if [ -n "$record" ]; then
  out="${PROFILE_OUT:-/tmp}"
  case "$record" in
    routed) route=bench/orders; pid=${app_pids[0]}; u=${urls[0]} ;;
    no-workflow) route=bench/orders-only; pid=${app_pids[0]}; u=${urls[0]} ;;
    empty) route=bench/orders; pid=$empty_pid; u=$empty_url ;;
    *) echo "--record routed|no-workflow|empty"; exit 2 ;;
  esac
  perf record -F 999 -g -o "$out/perf-$record.data" -p "$pid" -- \
    "$bench_exe" drive --url "$u" --token "$token" --route "$route" --count "$count" --connections "$connections" --data "${datas[0]}" >/dev/null 2>&1 || true
  echo "recorded $out/perf-$record.data (JIT symbols: /tmp/perf-$pid.map; perf report -i $out/perf-$record.data --no-children --sort symbol)"
fi
