#!/usr/bin/env bash
# Runs the test projects N times (default 20) while two busy loops load the CPU, and prints
# "N runs, K failed" with the names of the tests that failed. A test that fails here fails in CI
# sooner or later: find the cause, in the test or in the product.
#   bash tests/stress.sh [N] [test project or solution …]      (default: UCE.Graph.sln)
#   STRESS_FILTER='FullyQualifiedName~Subscription' bash tests/stress.sh 20 tests/UCE.Gateway.Tests   (only the tests a change touched)
# PostgreSQL and Redis must be up (bash .ci/services).
set -uo pipefail
cd "$(dirname "$0")/.."

runs=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(UCE.Graph.sln)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for target in "${targets[@]}"; do
  dotnet build "$target" -v quiet -nologo >/dev/null || { echo "build of $target failed"; exit 2; }
done

busy=()
cleanup() { [ ${#busy[@]} -gt 0 ] && kill "${busy[@]}" 2>/dev/null; }
trap cleanup EXIT
for _ in 1 2; do
  ( while :; do :; done ) &
  busy+=($!)
done

work=$(mktemp -d)
failed_runs=0
for run in $(seq 1 "$runs"); do
  dir="$work/run-$run"
  status=0
  for target in "${targets[@]}"; do
    dotnet test "$target" --no-build ${STRESS_FILTER:+--filter "$STRESS_FILTER"} --logger trx --results-directory "$dir" >"$dir.log" 2>&1 || status=1
  done
  names=$(cat "$dir"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' | sed -n 's/.*testName="\([^"]*\)".*/\1/p' | sort -u)
  if [ "$status" -ne 0 ] || [ -n "$names" ]; then
    failed_runs=$((failed_runs + 1))
    echo "run $run failed (load $(cut -d' ' -f1-3 /proc/loadavg)):"
    if [ -n "$names" ]; then sed 's/^/  /' <<<"$names"; else echo "  (no failed test recorded: see $dir.log)"; fi
  else
    echo "run $run passed (load $(cut -d' ' -f1-3 /proc/loadavg))"
  fi
done
echo "$runs runs, $failed_runs failed"
[ "$failed_runs" -eq 0 ]
