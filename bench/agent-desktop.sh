#!/usr/bin/env bash
# The agent desktop's opening query (customer 360 + cases + next best actions) through the UCE gateway, over the seven
# subgraphs as separate processes on PostgreSQL with a generated data set (default 100,000 customers), for customers
# spread over the whole set; the customer 360 alone for comparison.
# Usage: [UCE_BENCH_TOPOLOGY=processes|embedded] bash bench/agent-desktop.sh [requests] [concurrency] [customers]   (from the repository root; 127.0.0.1 only, bounded)
# Needs PostgreSQL on 127.0.0.1 (bash .ci/services). The databases uce_desk<customers>_<subgraph> are generated on the first
# run and kept for the next (the generator skips a database that holds the set already); UCE_BENCH_DROP=1 drops them at
# the end. Stops only the processes it started, by PID.
# Writes bench/results/<UTC time>-agent-desktop/{environment.txt,commands.txt,generate-*.log,*.json} and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-3000}
CONCURRENCY=${2:-8}
CUSTOMERS=${3:-100000}
OUT=bench/results/$(date -u +%Y%m%d-%H%M%S)-agent-desktop
mkdir -p "$OUT"
export PGPASSWORD=postgres DOTNET_CLI_TELEMETRY_OPTOUT=1 Logging__LogLevel__Default=Warning
export Identity__SigningKeys="bench:$(head -c 32 /dev/urandom | base64 -w0)"   # the subgraphs verify what the gateway signs with it
GATEWAY_PORT=${UCE_BENCH_PORT:-4100}

dotnet build -c Release gateway/UCE.Gateway/UCE.Gateway.csproj -v q -nologo
dotnet build -c Release bench/UCE.Bench/UCE.Bench.csproj -v q -nologo
BENCH=bench/UCE.Bench/bin/Release/net10.0/UCE.Bench.dll
GATEWAY=gateway/UCE.Gateway/bin/Release/net10.0/UCE.Gateway.dll

# name:Project:port, the ports of the committed supergraph's URLs.
SUBGRAPHS=(customers:Customers:4001 billing:Billing:4002 usage:Usage:4003 outages:Outages:4004 products:Products:4005 communications:Communications:4006 service:Service:4007)
connection() { echo "Host=127.0.0.1;Port=5432;Database=uce_desk${CUSTOMERS}_$1;Username=postgres;Password=postgres;Maximum Pool Size=40"; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "${UCE_BENCH_DROP:-}" ]; then
    for entry in "${SUBGRAPHS[@]}"; do psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS uce_desk${CUSTOMERS}_${entry%%:*}" >/dev/null 2>&1 || true; done
  fi
}
trap cleanup EXIT

{
  echo "time: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- gateway subgraphs bench || echo ' (working tree differs)')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
  echo "dotnet: $(dotnet --version); PostgreSQL: $(psql -h 127.0.0.1 -U postgres -tAc 'show server_version')"
  echo "data: $CUSTOMERS generated customers per subgraph database (uce_desk${CUSTOMERS}_<subgraph>); requests $REQUESTS, concurrency $CONCURRENCY"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/environment.txt"
: > "$OUT/commands.txt"

# Generate (two subgraphs at a time); a database that holds the set already is left as it is.
generate() { # name Project
  local name=$1 project=$2 started=$SECONDS
  echo "ConnectionStrings__$project=… dotnet subgraphs/UCE.$project/bin/Release/net10.0/UCE.$project.dll --customers $CUSTOMERS" >> "$OUT/commands.txt"
  env "ConnectionStrings__$project=$(connection "$name")" dotnet "subgraphs/UCE.$project/bin/Release/net10.0/UCE.$project.dll" --customers "$CUSTOMERS" \
    > "$OUT/generate-$name.log" 2>&1 || grep -q "already holds data" "$OUT/generate-$name.log" \
    || { echo "generating $name failed: $OUT/generate-$name.log" >&2; return 1; }
  echo "generate $name: $(( SECONDS - started )) s$(grep -q 'already holds data' "$OUT/generate-$name.log" && echo ' (generated before)')" >> "$OUT/environment.txt"
}
running=0
for entry in "${SUBGRAPHS[@]}"; do
  IFS=: read -r name project _ <<< "$entry"
  generate "$name" "$project" &
  running=$(( running + 1 ))
  if [ "$running" -ge 2 ]; then wait -n; running=$(( running - 1 )); fi
done
wait

# TOPOLOGY=processes (default): each subgraph on its own process and port, as in a deployment. TOPOLOGY=embedded: the seven
# subgraphs in one process (the embedded host, pointed at the same databases), which two cores carry with far less
# scheduling and garbage-collection overhead than eight .NET processes.
TOPOLOGY=${UCE_BENCH_TOPOLOGY:-processes}
echo "topology: $TOPOLOGY" >> "$OUT/environment.txt"
if [ "$TOPOLOGY" = embedded ]; then
  CONNECTIONS=()
  for entry in "${SUBGRAPHS[@]}"; do IFS=: read -r name project _ <<< "$entry"; CONNECTIONS+=("ConnectionStrings__$project=$(connection "$name")"); done
  env "${CONNECTIONS[@]}" dotnet "$GATEWAY" > "$OUT/subgraphs-embedded.log" 2>&1 & PIDS+=($!)
else
  for entry in "${SUBGRAPHS[@]}"; do
    IFS=: read -r name project port <<< "$entry"
    env "ConnectionStrings__$project=$(connection "$name")" UCE_PORT="$port" \
      dotnet "subgraphs/UCE.$project/bin/Release/net10.0/UCE.$project.dll" > "$OUT/subgraph-$name.log" 2>&1 & PIDS+=($!)
  done
fi
for entry in "${SUBGRAPHS[@]}"; do
  IFS=: read -r name _ port <<< "$entry"
  for _ in $(seq 1 600); do curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && break; sleep 0.2; done
  curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" || { echo "subgraph $name did not become ready on $port" >&2; exit 1; }
done

# The gateway over the committed supergraph, an agent's token from a bench issuer; the rate limit far above the bench's rate.
TOKEN=$(dotnet "$BENCH" issuer --out "$OUT/issuer" --role agent --subject bench-agent --client agent-desktop)
env Gateway__Authentication__Issuer=https://issuer.bench.invalid Gateway__Authentication__Audiences__0=uce-graph \
  Gateway__Authentication__JwksPath="$PWD/$OUT/issuer/jwks.json" Gateway__RateLimit__PermitsPerMinute=100000000 Gateway__RateLimit__Burst=1000000 \
  dotnet "$GATEWAY" --supergraph schema/supergraph.graphql --port "$GATEWAY_PORT" > "$OUT/gateway.log" 2>&1 & GATEWAY_PID=$!
PIDS+=("$GATEWAY_PID")
for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/health" && break; sleep 0.2; done

load() { # label query-file
  local command=(dotnet "$BENCH" load --url "http://127.0.0.1:$GATEWAY_PORT/graphql" --query "$2" --variables-template '{"id":"cus-{n}"}'
    --rotate "$CUSTOMERS" --order shuffled --requests "$REQUESTS" --concurrency "$CONCURRENCY" --warmup 300 --max-seconds 300
    --pid "$GATEWAY_PID" --label "$1")
  echo "${command[*]} --header 'Authorization:Bearer \$TOKEN'" >> "$OUT/commands.txt"
  echo "$1: load average before $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"
  "${command[@]}" --header "Authorization:Bearer $TOKEN" > "$OUT/$1.json"
  echo "$1: load average after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"
}
load agent-desktop bench/queries/agent-desktop.graphql
load customer360 bench/queries/customer360.graphql
load agent-desktop-again bench/queries/agent-desktop.graphql

python3 - "$OUT" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
print(f"{'run':22} {'requests':>8} {'failed':>6} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for f in sorted(out.glob('*.json'), key=lambda p: p.stat().st_mtime):
    d = json.loads(f.read_text())
    print(f"{d['Label']:22} {d['Requests']:>8} {d['Failures']:>6} {d.get('ResponsesWithErrors', 0):>6} {d['RequestsPerSecond']:>8.1f} {d['P50Ms']:>8.1f} {d.get('P90Ms', 0):>8.1f} {d['P99Ms']:>8.1f} {d.get('MaxMs', 0):>8.1f}")
PY
echo "results in $OUT"
