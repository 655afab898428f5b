#!/usr/bin/env bash
# Measures the UCE gateway against Apollo Gateway over the same six UCE subgraphs, on this machine, in one run.
# Usage: bash bench/run.sh [requests] [concurrency] [real|replay]      (from the repository root; 127.0.0.1 only, bounded)
#   real (default): the six UCE subgraphs (one process, SQLite) answer the gateways.
#   replay: a recording pass first sends the query set once through each gateway over the real subgraphs with a recording
#   proxy in between; then the real subgraphs stop and a replay server answers every subgraph request from that recording,
#   from memory, on the subgraphs' own ports, so that the gateways and not the subgraphs are measured.
# Writes bench/results/<UTC time>/{environment.txt,*.json} and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-3000}
CONCURRENCY=${2:-32}
MODE=${3:-real}
case "$MODE" in real|replay) ;; *) echo "mode must be real or replay" >&2; exit 2 ;; esac
OUT=bench/results/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
export Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1 NODE_ENV=production
export UCE_DATA_DIR=${UCE_DATA_DIR:-/tmp/uce-bench-data}
export Identity__SigningKeys="bench:$(head -c 32 /dev/urandom | base64 -w0)"   # shared by the subgraphs, both gateways and the replay

dotnet build -c Release gateway/UCE.Gateway/UCE.Gateway.csproj -v q -nologo
dotnet build -c Release bench/UCE.Bench/UCE.Bench.csproj -v q -nologo
GATEWAY=gateway/UCE.Gateway/bin/Release/net10.0/UCE.Gateway.dll
BENCH=bench/UCE.Bench/bin/Release/net10.0/UCE.Bench.dll
SUPERGRAPH=schema/supergraph.graphql

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # url, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2; return 1
}

SUBGRAPHS=(customers=4001 billing=4002 usage=4003 outages=4004 products=4005 communications=4006 service=4007)
Q360=bench/queries/customer360.graphql
QONE=bench/queries/customer-by-id.graphql
VARS='{"id":"cus-{n}"}'
# The UCE gateway authenticates an agent's bearer token from a bench issuer (its JWKS in $OUT/issuer); Apollo Gateway
# forwards X-UCE-Role and signs it as the UCE gateway does (bench/apollo-gateway.mjs); a request straight to a subgraph
# is signed by the load generator. The rate limit stays on, far above the bench's rate, so that its cost is measured.
# The token's client is the agent desktop, whose trusted documents (schema/persisted/agent-desktop.json, which the
# gateway reads at start) hold the customer 360 query.
TOKEN=$(dotnet "$BENCH" issuer --out "$OUT/issuer" --role agent --subject bench-agent --client agent-desktop)
UCE_AUTH=(env Gateway__Authentication__Issuer=https://issuer.bench.invalid Gateway__Authentication__Audiences__0=uce-graph
  Gateway__Authentication__JwksPath="$OUT/issuer/jwks.json" Gateway__RateLimit__PermitsPerMinute=100000000 Gateway__RateLimit__Burst=1000000)
load() { # url decides the caller's headers
  case "$*" in
    *:4100/*|*:4100\ *) dotnet "$BENCH" load "$@" --header "Authorization:Bearer $TOKEN" ;;
    *:4200/*) dotnet "$BENCH" load "$@" --header "X-UCE-Role:agent" ;;
    *) dotnet "$BENCH" load "$@" --header "X-UCE-Role:agent" --sign identity ;;
  esac
}
stop() { for pid in "$@"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }

start_real_subgraphs() { # The seven subgraphs on 4001-4007 (SQLite, demo data), in one process: the embedded default (its own gateway on 4000 stays idle).
  dotnet "$GATEWAY" > "$OUT/subgraphs.log" 2>&1 & SUBGRAPHS_PID=$!; PIDS+=($SUBGRAPHS_PID)
  wait_for http://127.0.0.1:4000/health 120
}
start_gateways() { # supergraph file, log name prefix; the gateways under test, each in its own process.
  "${UCE_AUTH[@]}" dotnet "$GATEWAY" --supergraph "$1" --port 4100 > "$OUT/${2}uce-gateway.log" 2>&1 & UCE_PID=$!; PIDS+=($UCE_PID)
  node bench/apollo-gateway.mjs --supergraph "$1" --port 4200 > "$OUT/${2}apollo-gateway.log" 2>&1 & APOLLO_PID=$!; PIDS+=($APOLLO_PID)
  wait_for http://127.0.0.1:4100/health 60
  for _ in $(seq 1 300); do grep -q listening "$OUT/${2}apollo-gateway.log" && break; sleep 0.1; done
}

if [ "$MODE" = replay ]; then
  # Recording pass: gateways over a supergraph whose subgraph URLs point at the recording proxy (5001-5007), which forwards
  # to the real subgraphs (4001-4007). Every customer of the rotation goes once through each gateway and once straight
  # to the customers subgraph, so the recording holds every subgraph request either gateway makes in the measured runs.
  start_real_subgraphs
  ROUTES=(); for s in "${SUBGRAPHS[@]}"; do ROUTES+=(--subgraph "${s%=*}=$(( ${s#*=} + 1000 ))=http://127.0.0.1:${s#*=}/graphql"); done
  : > "$OUT/recording.jsonl"
  dotnet "$BENCH" record --out "$OUT/recording.jsonl" "${ROUTES[@]}" > "$OUT/recorder.log" 2>&1 & RECORDER_PID=$!; PIDS+=($RECORDER_PID)
  sed -E 's#http://127\.0\.0\.1:400([1-6])/#http://127.0.0.1:500\1/#' "$SUPERGRAPH" > "$OUT/supergraph-recording.graphql"
  start_gateways "$OUT/supergraph-recording.graphql" recording-
  once() { load --label "$1" --url "$2" --query "$3" --variables-template "$VARS" --rotate 40 --requests 40 --concurrency 1 --warmup 0 --max-seconds 120 > "$OUT/recording-$1.json"; }
  once uce-customer360 http://127.0.0.1:4100/graphql $Q360
  once apollo-customer360 http://127.0.0.1:4200/ $Q360
  once uce-one-subgraph http://127.0.0.1:4100/graphql $QONE
  once apollo-one-subgraph http://127.0.0.1:4200/ $QONE
  once direct-one-subgraph http://127.0.0.1:5001/graphql $QONE
  stop $UCE_PID $APOLLO_PID $RECORDER_PID $SUBGRAPHS_PID
  echo "recorded $(wc -l < "$OUT/recording.jsonl") distinct subgraph exchanges" | tee -a "$OUT/recorder.log"
  REPLAY=(); for s in "${SUBGRAPHS[@]}"; do REPLAY+=(--subgraph "$s"); done
  dotnet "$BENCH" replay --recording "$OUT/recording.jsonl" "${REPLAY[@]}" > "$OUT/replay.log" 2>&1 & REPLAY_PID=$!; PIDS+=($REPLAY_PID)
  for _ in $(seq 1 300); do grep -q replaying "$OUT/replay.log" && break; sleep 0.1; done
  sleep 1
else
  start_real_subgraphs
fi
start_gateways "$SUPERGRAPH" ""

{
  echo "date: $(date -u +%FT%TZ)"; echo "commit: $(git rev-parse --short HEAD)"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "dotnet: $(dotnet --version)  node: $(node --version)"
  echo "requests: $REQUESTS  concurrency: $CONCURRENCY  subgraphs: $MODE"
} > "$OUT/environment.txt"

# Customer 360 through each gateway: same query, same customers (rotating over the 40 demo customers), same
# concurrency, in the order UCE, Apollo, Apollo, UCE so that neither gateway always meets the colder subgraphs.
c360() { # label, url, pid, more load options
  load --label "$1" --url "$2" --query $Q360 --variables-template "$VARS" --rotate 40 \
    --requests "$REQUESTS" --concurrency "$CONCURRENCY" --warmup 300 --max-seconds 180 --pid "$3" "${@:4}" | tee "$OUT/$1.json"
}
c360 uce-customer360-1 http://127.0.0.1:4100/graphql $UCE_PID
c360 apollo-customer360-1 http://127.0.0.1:4200/ $APOLLO_PID
c360 apollo-customer360-2 http://127.0.0.1:4200/ $APOLLO_PID
c360 uce-customer360-2 http://127.0.0.1:4100/graphql $UCE_PID

# The same customer 360 as a trusted document named by id (documentId) against it as text, through the same UCE
# gateway: text (round 2 above), id, id, text, text, id, id, text … so that neither form always meets the warmer process
# or the busier minute. UCE_BENCH_ID_ROUNDS (even, default 4) rounds by id, as many as text; the summary gives each
# form's mean and the 95 % confidence interval of the id / text ratio (the rounds' spread on this machine is a few %).
ID_ROUNDS=${UCE_BENCH_ID_ROUNDS:-4}
for (( k = 1; k <= ID_ROUNDS / 2; k++ )); do
  c360 "uce-customer360-id-$(( 2 * k - 1 ))" http://127.0.0.1:4100/graphql $UCE_PID --send id
  c360 "uce-customer360-id-$(( 2 * k ))" http://127.0.0.1:4100/graphql $UCE_PID --send id
  c360 "uce-customer360-text-$(( 2 * k + 1 ))" http://127.0.0.1:4100/graphql $UCE_PID
  (( k < ID_ROUNDS / 2 )) && c360 "uce-customer360-text-$(( 2 * k + 2 ))" http://127.0.0.1:4100/graphql $UCE_PID
done

# Gateway overhead: a query one subgraph answers, through the gateway and straight to the subgraph, one at a time.
load --label uce-one-subgraph --url http://127.0.0.1:4100/graphql --query $QONE --variables-template "$VARS" --rotate 40 \
  --requests 2000 --concurrency 1 --warmup 300 --max-seconds 120 --pid $UCE_PID | tee "$OUT/uce-one-subgraph.json"
load --label direct-one-subgraph --url http://127.0.0.1:4001/graphql --query $QONE --variables-template "$VARS" --rotate 40 \
  --requests 2000 --concurrency 1 --warmup 300 --max-seconds 120 | tee "$OUT/direct-one-subgraph.json"
load --label apollo-one-subgraph --url http://127.0.0.1:4200/ --query $QONE --variables-template "$VARS" --rotate 40 \
  --requests 2000 --concurrency 1 --warmup 300 --max-seconds 120 --pid $APOLLO_PID | tee "$OUT/apollo-one-subgraph.json"

# The security's share of a request: token validation, identity signing and checking over the recorded bodies.
[ "$MODE" = replay ] && dotnet "$BENCH" security --recording "$OUT/recording.jsonl" | tee "$OUT/security.json"

# Text against id without the network, the load generator or the replay server: one thread, the real engine over
# subgraphs answering from the recording in memory.
[ "$MODE" = replay ] && dotnet "$BENCH" persisted --supergraph "$SUPERGRAPH" --query $Q360 --recording "$OUT/recording.jsonl" | tee "$OUT/persisted.json"

# Planning cost of the customer 360 query: cold and cached.
dotnet "$BENCH" plan --supergraph "$SUPERGRAPH" --query $Q360 --iterations 2000 | tee "$OUT/planning.json"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"
[ "$MODE" = replay ] && echo "requests the recording did not hold: $(grep -c '^not recorded' "$OUT/replay.log" || true)" >> "$OUT/environment.txt"
python3 bench/summarize.py "$OUT" | tee "$OUT/summary.md"
