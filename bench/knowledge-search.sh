#!/usr/bin/env bash
# Knowledge search latency over generated articles: the service subgraph alone (signed requests as the gateway sends
# them, as an agent, so every audience is searched), on PostgreSQL and, for comparison, on SQLite.
# Usage: bash bench/knowledge-search.sh [articles] [requests per query] [concurrency]   (from the repository root)
#   Defaults 10000 400 4. 127.0.0.1 only, bounded: each load run stops after its requests or 60 s.
# Per store: a fresh database (PostgreSQL uce_bench_knowledge_<time>, dropped at the end; SQLite in a temporary folder),
# the demo set plus N generated articles (`UCE.Service --knowledge-articles N`), one server on port 4907, then for each
# query of the fixed set 50 warm-up and N requests at the concurrency. Writes bench/results/<UTC time>-knowledge-search/.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-10000}
REQUESTS=${2:-400}
CONCURRENCY=${3:-4}
PORT=4907
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=bench/results/$STAMP-knowledge-search
mkdir -p "$OUT"
DATABASE=uce_bench_knowledge_${STAMP//-/_}
SQLITE_DIR=$(mktemp -d /tmp/uce-bench-knowledge.XXXXXX)
export PGPASSWORD=postgres DOTNET_CLI_TELEMETRY_OPTOUT=1 Logging__LogLevel__Default=Warning
export Identity__SigningKeys="bench:$(head -c 32 /dev/urandom | base64 -w0)"   # the server verifies, the load generator signs
POSTGRES="Host=127.0.0.1;Port=5432;Database=$DATABASE;Username=postgres;Password=postgres"

# Common and rare words of the generated vocabulary, phrases, an exclusion, and a query matching nothing.
QUERIES=("bill" "payment arrangement" "outage restoration crew" "thermostat schedule" "solar panel installation"
  "meter reading estimate" "\"final reading\"" "refund -card" "charger permit inspection" "zzzunknownword")

dotnet build -c Release subgraphs/UCE.Service/UCE.Service.csproj -v q -nologo
dotnet build -c Release bench/UCE.Bench/UCE.Bench.csproj -v q -nologo
SERVER=subgraphs/UCE.Service/bin/Release/net10.0/UCE.Service.dll
BENCH=bench/UCE.Bench/bin/Release/net10.0/UCE.Bench.dll

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; fi
}
cleanup() {
  stop_server
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DATABASE" >/dev/null 2>&1 || true
  rm -rf "$SQLITE_DIR"
}
trap cleanup EXIT

wait_for() { # url, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2; return 1
}

{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "dotnet: $(dotnet --version); PostgreSQL: $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version')"
  echo "articles: 50 demo + $ARTICLES generated; requests per query: $REQUESTS (+50 warm-up); concurrency: $CONCURRENCY"
} > "$OUT/environment.txt"

run_store() { # store name, then env assignments for the server
  local store=$1; shift
  echo "env $* dotnet $SERVER --knowledge-articles $ARTICLES" >> "$OUT/commands.txt"
  env "$@" dotnet "$SERVER" --knowledge-articles "$ARTICLES" | tee "$OUT/$store-generate.log"
  env "$@" UCE_PORT=$PORT dotnet "$SERVER" >> "$OUT/$store-server.log" 2>&1 & SERVER_PID=$!
  wait_for "http://127.0.0.1:$PORT/health/ready" 60
  local i=0
  for query in "${QUERIES[@]}"; do
    i=$((i + 1))
    local variables
    variables=$(python3 -c 'import json,sys; print(json.dumps({"q": sys.argv[1]}))' "$query")
    local command=(dotnet "$BENCH" load --url "http://127.0.0.1:$PORT/graphql" --query bench/queries/knowledge-search.graphql
      --variables-template "$variables" --requests "$REQUESTS" --concurrency "$CONCURRENCY" --warmup 50 --max-seconds 60
      --pid "$SERVER_PID" --label "$store: $query" --header "X-UCE-Role:agent" --header "X-UCE-Subject:bench-agent" --sign identity)
    echo "${command[*]}" >> "$OUT/commands.txt"
    "${command[@]}" > "$OUT/$store-$(printf %02d $i).json" || echo "load run failed: $store $query" >&2
  done
  curl -s "http://127.0.0.1:$PORT/graphql" -o /dev/null || true
  stop_server
}

psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DATABASE" >/dev/null
run_store postgresql "ConnectionStrings__Service=$POSTGRES"
run_store sqlite "UCE_DATA_DIR=$SQLITE_DIR"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"

python3 - "$OUT" <<'PY' | tee "$OUT/summary.md"
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
rows = [json.loads(p.read_text()) for p in sorted(out.glob("*.json"))]
print("| store: query | requests | p50 ms | p90 ms | p99 ms | max ms | req/s | server CPU ms/req | errors |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    print(f"| {r['Label']} | {r['Requests']} | {r['P50Ms']} | {r['P90Ms']} | {r['P99Ms']} | {r['MaxMs']} | {r['RequestsPerSecond']} | {r['ServerCpuMsPerRequest']} | {r['Failures'] + r['ResponsesWithErrors']} |")
PY
echo "results in $OUT"
