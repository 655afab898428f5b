#!/usr/bin/env bash
# Subscription bench (graphql-transport-ws on /graphql): memory per idle subscription and delivery latency from a grid
# event's stream write to each subscriber's receipt, with subscribers on the gateway (default; the gateway runs over the
# outages subgraph, an agent token from a bench issuer) or on the outages subgraph directly.
# Usage: [UCE_BENCH_SCENARIOS="fanout-one-event …"] bash bench/subscriptions.sh [connections] [gateway|outages]   (from the repository root; 127.0.0.1 only, bounded)
# Needs PostgreSQL and Redis on 127.0.0.1 (bash .ci/services). Starts one outages subgraph of its own on a fresh database
# with 1,000 generated customers (ten operating areas of 100 locations), runs the scenarios below, and stops and drops
# only what it started: its server (by PID), its database, its Redis stream. Stream and change channel carry the run's
# name, so that another outages instance on the same Redis neither takes these events nor sends its own.
# Writes bench/results/<UTC time>-subscriptions-<gateway|outages>/{environment.txt,commands.txt,*.json,*.err,census-*.txt,profile-*.txt}.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${1:-10000}
TARGET=${2:-gateway}   # gateway: subscribers on the gateway, over the outages subgraph; outages: subscribers on the subgraph itself
SCENARIOS=${UCE_BENCH_SCENARIOS:-}   # e.g. "fanout-one-event storm": only those runs (default: all)
case "$TARGET" in gateway|outages) ;; *) echo "usage: bench/subscriptions.sh [connections] [gateway|outages]" >&2; exit 2 ;; esac
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=bench/results/$STAMP-subscriptions-$TARGET
mkdir -p "$OUT"
PORT=${UCE_BENCH_PORT:-4904}
DATABASE=uce_bench_subs_${STAMP//-/_}
export PGPASSWORD=postgres DOTNET_CLI_TELEMETRY_OPTOUT=1
export ConnectionStrings__Outages="Host=127.0.0.1;Port=5432;Database=$DATABASE;Username=postgres;Password=postgres"
export ConnectionStrings__Redis=127.0.0.1:6379
export Identity__SigningKeys="bench:$(head -c 32 /dev/urandom | base64 -w0)"   # the server's, and the bench signs connection_init with it
export GridEvents__Stream="uce:grid:events:bench-$STAMP" GridEvents__ChangesChannel="uce:outages:changed:bench-$STAMP"
export Logging__LogLevel__Default=Warning UCE_PORT=$PORT

# Each side holds one socket per connection (plus its own files): raise the open-file limit to the hard limit.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $(( CONNECTIONS + 2000 )) ]; then
  echo "ulimit -n is $(ulimit -n) (hard limit $(ulimit -Hn)): too few files for $CONNECTIONS connections" >&2; exit 2
fi
PORTS=$(awk '{print $2 - $1 + 1}' /proc/sys/net/ipv4/ip_local_port_range)
if [ "$PORTS" -lt $(( CONNECTIONS + 1000 )) ]; then
  echo "only $PORTS local ports for $CONNECTIONS connections to one server port" >&2; exit 2
fi

dotnet build -c Release bench/UCE.Bench/UCE.Bench.csproj -v q -nologo
BENCH=bench/UCE.Bench/bin/Release/net10.0/UCE.Bench.dll
SERVER=subgraphs/UCE.Outages/bin/Release/net10.0/UCE.Outages.dll
GATEWAY_DLL=gateway/UCE.Gateway/bin/Release/net10.0/UCE.Gateway.dll
GATEWAY_PORT=$(( PORT + 1 ))
if [ "$TARGET" = gateway ]; then
  dotnet build -c Release gateway/UCE.Gateway/UCE.Gateway.csproj -v q -nologo
fi

SERVER_PID=
GATEWAY_PID=
stop_server() {
  if [ -n "$GATEWAY_PID" ]; then kill "$GATEWAY_PID" 2>/dev/null || true; wait "$GATEWAY_PID" 2>/dev/null || true; GATEWAY_PID=; fi
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; fi
}
cleanup() {
  stop_server
  redis-cli -h 127.0.0.1 -p 6379 DEL "$GridEvents__Stream" "$GridEvents__Stream:dead" >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DATABASE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start_server() { # extra environment assignments for the measured server, e.g. DOTNET_gcServer=0
  if [ "$TARGET" = gateway ]; then
    dotnet "$SERVER" >> "$OUT/server.log" 2>&1 & SERVER_PID=$!
  else
    env "$@" dotnet "$SERVER" >> "$OUT/server.log" 2>&1 & SERVER_PID=$!
  fi
  for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/health/ready" && break; sleep 0.2; done
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/health/ready" || { echo "the outages subgraph did not become ready on $PORT" >&2; exit 1; }
  if [ "$TARGET" = gateway ]; then
    # The gateway under test: the committed supergraph, its outages subgraph this one; the bench issuer's tokens; no rate
    # limit (ten thousand subscribers share one client identity).
    env "$@" Gateway__Subgraphs__outages__Url="http://127.0.0.1:$PORT/graphql" \
      Gateway__Authentication__Issuer=https://issuer.bench.invalid Gateway__Authentication__Audiences__0=uce-graph \
      Gateway__Authentication__JwksPath="$PWD/$OUT/issuer/jwks.json" Gateway__RateLimit__Enabled=false \
      dotnet "$GATEWAY_DLL" --supergraph schema/supergraph.graphql --port "$GATEWAY_PORT" >> "$OUT/gateway.log" 2>&1 & GATEWAY_PID=$!
    for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/health" && return 0; sleep 0.2; done
    echo "the gateway did not become ready on $GATEWAY_PORT" >&2; exit 1
  fi
}

{
  echo "time: $STAMP (UTC)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- subgraphs bench || echo ' (working tree differs)')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
  echo "dotnet: $(dotnet --version); server GC: $(grep -o '"System.GC.Server": [a-z]*' subgraphs/UCE.Outages/bin/Release/net10.0/UCE.Outages.runtimeconfig.json)"
  echo "open files: $(ulimit -n); local ports: $PORTS; connections: $CONNECTIONS"
  echo "server: outages subgraph, PostgreSQL $DATABASE (1,000 generated customers), Redis stream $GridEvents__Stream, port $PORT"
  [ "$TARGET" = gateway ] && echo "measured: the gateway on port $GATEWAY_PORT (subscribers connect to it; memory is the gateway's)"
} > "$OUT/environment.txt"
: > "$OUT/commands.txt"

# 1,000 customers: locations 1-1000 on 100 feeders in ten operating areas (Riverside = locations 1-100 …).
echo "dotnet $SERVER --customers 1000" >> "$OUT/commands.txt"
dotnet "$SERVER" --customers 1000 > "$OUT/generate.log" 2>&1

if [ "$TARGET" = gateway ]; then
  TOKEN=$(dotnet "$BENCH" issuer --out "$OUT/issuer" --role agent --subject bench-subscriber)
fi

run() { # name, server environment (quoted, may be empty), bench options…
  local name=$1 server_env=$2; shift 2
  if [ -n "$SCENARIOS" ] && [[ " $SCENARIOS " != *" $name "* ]]; then return 0; fi
  # shellcheck disable=SC2086
  start_server $server_env
  local target_url="ws://127.0.0.1:$PORT/graphql" target_pid=$SERVER_PID auth=()
  if [ "$TARGET" = gateway ]; then target_url="ws://127.0.0.1:$GATEWAY_PORT/graphql" target_pid=$GATEWAY_PID auth=(--token "$TOKEN"); fi
  # UCE_BENCH_CLIENT_ENV: environment for the bench client only (e.g. DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1).
  # shellcheck disable=SC2206
  local command=(env ${UCE_BENCH_CLIENT_ENV:-} dotnet "$BENCH" subscriptions --url "$target_url" --pid "$target_pid" "${auth[@]}" --locations 1000
    --stream "$GridEvents__Stream" --changes-channel "$GridEvents__ChangesChannel" --label "$name" "$@")
  echo "# $name (server: ${server_env:-defaults})" >> "$OUT/commands.txt"
  echo "${command[*]}" | sed 's/--token [^ ]*/--token $TOKEN/' >> "$OUT/commands.txt"
  echo "$name: load average before $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"
  "${command[@]}" > "$OUT/$name.json" 2> "$OUT/$name.err" || echo "$name: the bench reported failures or missing deliveries" >&2
  echo "$name: load average after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"
  stop_server
}

# Scenario 1 (the issue's): every subscriber in one area, one event fanned out to all of them.
run fanout-one-event "" --connections "$CONNECTIONS" --areas Riverside --events 1
# The same fan-out five times, two seconds apart (detected, confirmed, crew dispatched, restoring, restored).
run fanout-five-events "" --connections "$CONNECTIONS" --areas Riverside --events 5 --duration 8
# Storm: subscribers spread over the ten areas, 300 events (60 outages through their five steps) over 60 s.
run storm "" --connections "$CONNECTIONS" --events 300 --duration 60 --drain 20
# As the gateway connects (one upstream connection per identity, its operations multiplexed): 100 connections × 100.
run multiplexed "" --connections 100 --subscriptions-per-connection $(( CONNECTIONS / 100 )) --areas Riverside --events 1 --census "$OUT/census-multiplexed.txt"
# Where the memory of a connection-per-subscription goes, by type (two heap dumps of the server; not a latency run).
run census "" --connections "$CONNECTIONS" --areas Riverside --events 1 --census "$OUT/census-connections.txt"
# Where the CPU of a fan-out goes (the runtime's sample profiler during five fan-outs; its overhead is in these latencies).
run profile "" --connections "$CONNECTIONS" --areas Riverside --events 5 --duration 8 --profile "$OUT/profile-fanout.txt"
# The first fan-out with every method compiled fully optimized from its first call (no tiered JIT): how much of the first
# event's latency is code still running at tier 0.
run fanout-one-event-no-tiering "DOTNET_TieredCompilation=0" --connections "$CONNECTIONS" --areas Riverside --events 1
# The same fan-out with a WebSocket's messages sent through the transport's output pipe instead of on its socket.
run fanout-one-event-pipe-sends "Gateway__Server__WebSocketSendsOnSocket=false" --connections "$CONNECTIONS" --areas Riverside --events 1
# The resident-set growth under workstation GC, against the default server GC above.
run fanout-workstation-gc "DOTNET_gcServer=0" --connections "$CONNECTIONS" --areas Riverside --events 1

[ -n "${UCE_BENCH_KEEP_TRACES:-}" ] || rm -f "$OUT"/*.nettrace   # UCE_BENCH_KEEP_TRACES=1 keeps them for `UCE.Bench profile --trace F --callers M`
python3 - "$OUT" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
print(f"{'run':24} {'subs':>6} {'open fail':>9} {'live B/sub':>10} {'RSS B/sub':>9} {'min ms':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7} {'fan-out p99':>11} {'missing':>7} {'deliv/s':>8} {'srv µs/deliv':>12} {'bench CPU s':>11}")
for f in sorted(out.glob('*.json'), key=lambda p: p.stat().st_mtime):
    d = json.loads(f.read_text()); m = d.get('Memory') or {}; dl = d['Delivery']; w = dl['WriteToReceiptMs']
    print(f"{d['Label']:24} {d['Subscriptions']:>6} {d['OpenFailures']:>9} {m.get('LiveManagedBytesPerSubscription') or 0:>10.0f} {m.get('RssBytesPerSubscription') or 0:>9.0f} "
          f"{w.get('Min', 0):>7.1f} {w['P50']:>7.1f} {w['P95']:>7.1f} {w['P99']:>7.1f} {w['Max']:>7.1f} {dl['PublishToReceiptMs']['P99']:>11.1f} {dl['Missing']:>7} {dl['DeliveriesPerSecond'] or 0:>8.0f} {dl['ServerCpuMicrosecondsPerDelivery'] or 0:>12.1f} {dl.get('BenchCpuSeconds') or 0:>11.2f}")
PY
echo "results in $OUT"
