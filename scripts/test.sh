#!/usr/bin/env bash
# Installs what the tests need (nats-server, rabbitmq-server, chromium) when missing, builds once, runs every test project,
# and ends with one plain summary line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
command -v nats-server >/dev/null 2>&1 || need+=(nats-server)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ] || need+=(rabbitmq-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "could not install ${need[*]}"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

configuration="${TEST_CONFIGURATION:-Release}"
results="artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

if ! dotnet build Dashboard.sln -c "$configuration" -nologo -v q; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

projects=(
  tests/Dashboard.CloudEventBindings.Tests
  tests/Dashboard.JsonSchema.Tests
  tests/Dashboard.Tests
  tests/Dashboard.ComponentTests
  tests/Dashboard.IntegrationTests
  tests/Dashboard.BrowserTests
)
run_failed=0
for project in "${projects[@]}"; do
  name="$(basename "$project")"
  echo "=== $name"
  dotnet test "$project" -c "$configuration" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || run_failed=1
  [ -f "$results/$name.trx" ] || { echo "$name produced no results"; run_failed=1; }
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  # Skipped tests are counted in total but not in executed.
  skipped=$((skipped + $(value total) - $(value executed)))
done
# Name each failed test with the first line of its message, so a CI log cut to its tail still says what failed.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  awk '
    /<UnitTestResult / { want = 0 }
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
    want && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line); print "FAILED " name ": " substr(line, 1, 300); want = 0 }
  ' "$trx"
done
if [ "$run_failed" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
