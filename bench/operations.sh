#!/usr/bin/env bash
# Production runs of the graph on this machine (127.0.0.1 only, bounded in time), section "Operations" of bench/README.md:
#   bash bench/operations.sh soak [minutes=30] [concurrency=8]   mixed traffic against the embedded graph on PostgreSQL and Redis
#   bash bench/operations.sh faults [concurrency=8]              faults under mixed load: subgraph killed, subgraph slow, PostgreSQL
#                                                                restarted, Redis restarted, supergraph swapped, gateway SIGTERM
#                                                                (UCE_BENCH_FAULTS="gateway-sigterm …": only those; UCE_BENCH_DRAIN=2:
#                                                                the gateways' Gateway:Server:DrainDelay in seconds)
#   bash bench/operations.sh scale [seconds=30] [concurrency=16] one, two and three gateways behind a round-robin proxy
# Needs PostgreSQL and Redis on 127.0.0.1 (bash .ci/services); `faults` restarts both, so nothing else may be using them.
# Mixed traffic (UCE.Bench mixed): the customer 360 (60 %), customer searches (20 %), payments (10 %, each with its own
# idempotency key, retried with it until it succeeds) and outage reports (10 %), as an agent. The subgraph databases
# uce_ops<customers>_<subgraph> (1,000 generated customers) are generated on the first run and kept (UCE_BENCH_DROP=1 drops
# them). Stops only the processes it started, by PID.
# Writes bench/results/<UTC time>-<mode>/{environment.txt,commands.txt,*.jsonl,*.json,*.log,summary.md}.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-}
case "$MODE" in soak|faults|scale) ;; *) sed -n 2,7p "$0" >&2; exit 2 ;; esac
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=bench/results/$STAMP-$MODE
mkdir -p "$OUT"
CUSTOMERS=1000
export PGPASSWORD=postgres DOTNET_CLI_TELEMETRY_OPTOUT=1 Logging__LogLevel__Default=Warning
export Identity__SigningKeys="bench:$(head -c 32 /dev/urandom | base64 -w0)"
export ConnectionStrings__Redis=127.0.0.1:6379

dotnet build -c Release gateway/UCE.Gateway/UCE.Gateway.csproj -v q -nologo
dotnet build -c Release bench/UCE.Bench/UCE.Bench.csproj -v q -nologo
BENCH=bench/UCE.Bench/bin/Release/net10.0/UCE.Bench.dll
GATEWAY=gateway/UCE.Gateway/bin/Release/net10.0/UCE.Gateway.dll
SUBGRAPHS=(customers:Customers:4001 billing:Billing:4002 usage:Usage:4003 outages:Outages:4004 products:Products:4005 communications:Communications:4006 service:Service:4007)
connection() { echo "Host=127.0.0.1;Port=5432;Database=uce_ops${CUSTOMERS}_$1;Username=postgres;Password=postgres;Maximum Pool Size=30"; }
project_of() { for e in "${SUBGRAPHS[@]}"; do IFS=: read -r n p _ <<< "$e"; if [ "$n" = "$1" ]; then echo "$p"; fi; done; }
port_of() { for e in "${SUBGRAPHS[@]}"; do IFS=: read -r n _ p <<< "$e"; if [ "$n" = "$1" ]; then echo "$p"; fi; done; }

# Every process this script starts is remembered in $OUT/.pids/<name> (a restarted one overwrites its file), even when it is
# started by a background fault sequence; pid_of reads it, and only those are stopped.
mkdir -p "$OUT/.pids"
remember() { echo "$2" > "$OUT/.pids/$1"; }
pid_of() { cat "$OUT/.pids/$1"; }
stop() { # name
  local pid
  pid=$(cat "$OUT/.pids/$1" 2>/dev/null || true)
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; rm -f "$OUT/.pids/$1"; fi
}
cleanup() {
  for file in "$OUT"/.pids/*; do [ -f "$file" ] && { kill "$(cat "$file")" 2>/dev/null || true; }; done
  for file in "$OUT"/.pids/*; do [ -f "$file" ] && { while kill -0 "$(cat "$file")" 2>/dev/null; do sleep 0.1; done; }; done
  rm -rf "$OUT/.pids"
  [ -n "${SUPERGRAPHS:-}" ] && rm -rf "$SUPERGRAPHS"
  if [ -n "${UCE_BENCH_DROP:-}" ]; then
    for e in "${SUBGRAPHS[@]}"; do psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS uce_ops${CUSTOMERS}_${e%%:*}" >/dev/null 2>&1 || true; done
  fi
}
trap cleanup EXIT
log() { echo "$(date -u +%H:%M:%S.%N | cut -c1-12) $*" | tee -a "$OUT/events.log"; }
wait_http() { # url seconds
  for _ in $(seq 1 $(( $2 * 5 ))); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "$1 did not answer within $2 s" >&2; return 1
}

{
  echo "time: $STAMP (UTC)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- gateway subgraphs bench || echo ' (working tree differs)')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
  echo "dotnet: $(dotnet --version); PostgreSQL: $(psql -h 127.0.0.1 -U postgres -tAc 'show server_version'); Redis: $(redis-cli -h 127.0.0.1 info server | grep -o 'redis_version:[0-9.]*')"
  echo "data: $CUSTOMERS generated customers per subgraph database (uce_ops${CUSTOMERS}_<subgraph>)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/environment.txt"
: > "$OUT/commands.txt"

for entry in "${SUBGRAPHS[@]}"; do
  IFS=: read -r name project _ <<< "$entry"
  env "ConnectionStrings__$project=$(connection "$name")" dotnet "subgraphs/UCE.$project/bin/Release/net10.0/UCE.$project.dll" --customers "$CUSTOMERS" \
    > "$OUT/generate-$name.log" 2>&1 || grep -q "already holds data" "$OUT/generate-$name.log" \
    || { echo "generating $name failed: $OUT/generate-$name.log" >&2; exit 1; }
done

TOKEN=$(dotnet "$BENCH" issuer --out "$OUT/issuer" --role agent --subject bench-operations --client agent-desktop)
GATEWAY_AUTH=(Gateway__Authentication__Issuer=https://issuer.bench.invalid Gateway__Authentication__Audiences__0=uce-graph
  "Gateway__Authentication__JwksPath=$PWD/$OUT/issuer/jwks.json" Gateway__RateLimit__PermitsPerMinute=100000000 Gateway__RateLimit__Burst=1000000)

start_subgraph() { # name
  local project port
  project=$(project_of "$1"); port=$(port_of "$1")
  env "ConnectionStrings__$project=$(connection "$1")" UCE_PORT="$port" \
    dotnet "subgraphs/UCE.$project/bin/Release/net10.0/UCE.$project.dll" >> "$OUT/subgraph-$1.log" 2>&1 &
  remember "$1" $!
}
start_gateway() { # name port supergraph [extra env…]
  local name=$1 port=$2 supergraph=$3; shift 3
  env "${GATEWAY_AUTH[@]}" "Gateway__Server__DrainDelay=00:00:$(printf %02d "${UCE_BENCH_DRAIN:-0}")" "$@" dotnet "$GATEWAY" --supergraph "$supergraph" --port "$port" >> "$OUT/$name.log" 2>&1 &
  remember "$name" $!
}

mixed() { # label url seconds concurrency [extra options…]
  local label=$1 url=$2 seconds=$3 concurrency=$4; shift 4
  local command=(dotnet "$BENCH" mixed --url "$url" --query bench/queries/customer360.graphql --seconds "$seconds"
    --concurrency "$concurrency" --customers "$CUSTOMERS" --run "$STAMP-$label" --timeline "$OUT/$label.timeline.jsonl"
    --payments "$OUT/$label.payments.jsonl" "$@")
  echo "${command[*]} --header 'Authorization:Bearer \$TOKEN'" >> "$OUT/commands.txt"
  "${command[@]}" --header "Authorization:Bearer $TOKEN" > "$OUT/$label.json" 2> "$OUT/$label.err"
}

# Every payment the clients saw succeed exists exactly once in billing, with the id they were given; none of the run is extra.
check_payments() { # label
  local label=$1 expected found
  expected=$(wc -l < "$OUT/$label.payments.jsonl")
  python3 - "$OUT/$label.payments.jsonl" > "$OUT/$label.payments.sql" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ok = [r for r in rows if r.get("PaymentId")]
print("create temp table seen(key text primary key, id text);")
for r in ok:
    print(f"insert into seen values ('{r['Key']}', '{r['PaymentId']}');")
PY
  {
    cat "$OUT/$label.payments.sql"
    echo "select 'seen', count(*) from seen;"
    echo "select 'found once with the same id', count(*) from seen s where (select count(*) from payments p where p.\"IdempotencyKey\" = s.key and p.\"Id\" = s.id) = 1;"
    echo "select 'rows of this run', count(*) from payments where \"IdempotencyKey\" like 'ops-$STAMP-$label-%';"
    echo "select 'rows of keys the clients gave up on (recorded, the answer lost)', count(*) from payments p where p.\"IdempotencyKey\" like 'ops-$STAMP-$label-%' and not exists (select 1 from seen s where s.key = p.\"IdempotencyKey\");"
    echo "select 'keys with more than one row', count(*) from (select \"IdempotencyKey\" from payments where \"IdempotencyKey\" like 'ops-$STAMP-$label-%' group by 1 having count(*) > 1) d;"
  } | psql -h 127.0.0.1 -U postgres -d "uce_ops${CUSTOMERS}_billing" -qtA -F ': ' > "$OUT/$label.payments-check.txt"
  rm -f "$OUT/$label.payments.sql"
  log "$label payments: $(tr '\n' ';' < "$OUT/$label.payments-check.txt")"
}

case "$MODE" in
soak)
  MINUTES=${2:-30}; CONCURRENCY=${3:-8}
  # The embedded graph (gateway :4000 and the seven subgraphs :4001–4007 in one process) on PostgreSQL and Redis.
  CONNECTIONS=()
  for e in "${SUBGRAPHS[@]}"; do IFS=: read -r n p _ <<< "$e"; CONNECTIONS+=("ConnectionStrings__$p=$(connection "$n")"); done
  env "${GATEWAY_AUTH[@]}" "${CONNECTIONS[@]}" dotnet "$GATEWAY" > "$OUT/embedded.log" 2>&1 &
  remember embedded $!
  wait_http http://127.0.0.1:4000/health 120
  log "soak: $MINUTES min at concurrency $CONCURRENCY"
  # The machine's load average each minute: other work on the two cores shows in the latencies.
  ( while sleep 60; do echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)"; done >> "$OUT/loadavg.log" ) &
  remember loadavg $!
  mixed soak http://127.0.0.1:4000/graphql $(( MINUTES * 60 )) "$CONCURRENCY" --pid "$(pid_of embedded)" --metrics http://127.0.0.1:4000/metrics
  check_payments soak
  ;;

faults)
  CONCURRENCY=${2:-8}
  for e in "${SUBGRAPHS[@]}"; do start_subgraph "${e%%:*}"; done
  for e in "${SUBGRAPHS[@]}"; do wait_http "http://127.0.0.1:$(port_of "${e%%:*}")/health/ready" 120; done
  # usage is reached through a proxy whose delay can be changed while it runs (the slow subgraph).
  dotnet "$BENCH" record --out /dev/null --subgraph usage=5003=http://127.0.0.1:4003/graphql >> "$OUT/usage-proxy.log" 2>&1 &
  remember usage-proxy $!
  # The gateway starts on a supergraph without Product.terms; the swap brings in the committed one, which has it.
  # (In a folder of the run's own outside the results: three copies of the supergraph are not results.)
  SUPERGRAPHS=$(mktemp -d)
  OLD=$SUPERGRAPHS/supergraph-without-terms.graphql; NEW=$SUPERGRAPHS/supergraph-with-terms.graphql; LIVE=$SUPERGRAPHS/supergraph.graphql
  grep -v '^  terms: String!$' schema/supergraph.graphql > "$OLD"; cp schema/supergraph.graphql "$NEW"; cp "$OLD" "$LIVE"
  start_gateway gateway-1 4100 "$LIVE" Gateway__Subgraphs__usage__Url=http://127.0.0.1:5003/graphql
  start_gateway gateway-2 4101 "$LIVE" Gateway__Subgraphs__usage__Url=http://127.0.0.1:5003/graphql
  dotnet "$BENCH" proxy --listen 4300 --backend http://127.0.0.1:4100 --backend http://127.0.0.1:4101 >> "$OUT/proxy.log" 2>&1 &
  remember proxy $!
  wait_http http://127.0.0.1:4100/health 120; wait_http http://127.0.0.1:4101/health 120; wait_http http://127.0.0.1:4300/__proxy 60
  URL=http://127.0.0.1:4300/graphql

  # Each fault: 15 s of load before it, the fault, then load until 45 s after it was undone.
  # UCE_BENCH_FAULTS="gateway-sigterm …": only those faults (default: all six).
  wanted() { [ -z "${UCE_BENCH_FAULTS:-}" ] || [[ " $UCE_BENCH_FAULTS " == *" $1 "* ]]; }
  fault() { # label seconds; the actions run in the background at their times
    mixed "$1" "$URL" "$2" "$CONCURRENCY" --warmup-seconds 0 --pid "$(pid_of gateway-1)" --pid "$(pid_of gateway-2)"
    check_payments "$1"
  }
  # Both gateways and every subgraph warm (reads only), so that the fault runs start from a steady state.
  mixed warmup "$URL" 5 "$CONCURRENCY" --warmup-seconds 20 --mix customer360=50,search=50

  if wanted billing-killed; then
    ( sleep 15; log "billing: kill -9"; kill -9 "$(pid_of billing)"; sleep 15; log "billing: start"; start_subgraph billing
      wait_http http://127.0.0.1:4002/health/ready 60; log "billing: ready" ) & ACTIONS=$!
    fault billing-killed 75; wait "$ACTIONS"
  fi

  if wanted usage-slow; then
    ( sleep 15; log "usage: every request held 10 s"; curl -fs -X POST http://127.0.0.1:5003/__bench/delay/10000 >/dev/null
      sleep 20; log "usage: delay off"; curl -fs -X POST http://127.0.0.1:5003/__bench/delay/0 >/dev/null ) & ACTIONS=$!
    fault usage-slow 80; wait "$ACTIONS"
  fi

  if wanted postgresql-restart; then
    ( sleep 15; log "postgresql: restart"; pg_ctlcluster "$(pg_lsclusters -h | awk 'NR==1 {print $1}')" main restart; log "postgresql: restarted" ) & ACTIONS=$!
    fault postgresql-restart 60; wait "$ACTIONS"
  fi

  if wanted redis-restart; then
    ( sleep 15; log "redis: shutdown"; redis-cli -h 127.0.0.1 shutdown nosave >/dev/null 2>&1 || true; sleep 5
      redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null; log "redis: started" ) & ACTIONS=$!
    fault redis-restart 65; wait "$ACTIONS"
  fi

  if wanted supergraph-swap; then
    ( sleep 15; log "supergraph: swap to the one with Product.terms"; cp "$NEW" "$LIVE.tmp" && mv "$LIVE.tmp" "$LIVE"
      for i in $(seq 1 300); do
        if curl -fs http://127.0.0.1:4100/graphql -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            -d '{"query":"{ products { id terms } }"}' | grep -q '"terms"'; then log "supergraph: gateway-1 serves Product.terms"; break; fi
        sleep 0.1
      done ) & ACTIONS=$!
    fault supergraph-swap 45; wait "$ACTIONS"
  fi
  for g in 4100 4101; do curl -fs "http://127.0.0.1:$g/health" > "$OUT/health-$g-after-swap.json" || true; done

  if wanted gateway-sigterm; then
    ( sleep 15; log "gateway-1: SIGTERM"; stop gateway-1; log "gateway-1: exited"; sleep 5; log "gateway-1: start"
      start_gateway gateway-1 4100 "$LIVE" Gateway__Subgraphs__usage__Url=http://127.0.0.1:5003/graphql
      wait_http http://127.0.0.1:4100/health 60; log "gateway-1: ready" ) & ACTIONS=$!
    fault gateway-sigterm 60; wait "$ACTIONS"
  fi
  curl -fs http://127.0.0.1:4300/__proxy > "$OUT/proxy-backends.json" || true
  ;;

scale)
  SECONDS_EACH=${2:-30}; CONCURRENCY=${3:-16}
  for e in "${SUBGRAPHS[@]}"; do start_subgraph "${e%%:*}"; done
  for e in "${SUBGRAPHS[@]}"; do wait_http "http://127.0.0.1:$(port_of "${e%%:*}")/health/ready" 120; done
  for n in 1 2 3; do
    BACKENDS=()
    for i in $(seq 1 "$n"); do
      start_gateway "gateway-$i" $(( 4099 + i )) schema/supergraph.graphql
      wait_http "http://127.0.0.1:$(( 4099 + i ))/health" 120
      BACKENDS+=(--backend "http://127.0.0.1:$(( 4099 + i ))")
    done
    dotnet "$BENCH" proxy --listen 4300 "${BACKENDS[@]}" >> "$OUT/proxy.log" 2>&1 &
    remember proxy $!
    wait_http http://127.0.0.1:4300/__proxy 60
    PIDS=(); for i in $(seq 1 "$n"); do PIDS+=(--pid "$(pid_of "gateway-$i")"); done
    log "scale: $n gateway(s) behind the proxy"
    mixed "gateways-$n" http://127.0.0.1:4300/graphql "$SECONDS_EACH" "$CONCURRENCY" --mix customer360=100 "${PIDS[@]}"
    curl -fs http://127.0.0.1:4300/__proxy > "$OUT/gateways-$n.backends.json" || true
    stop proxy; for i in $(seq 1 "$n"); do stop "gateway-$i"; done
  done
  ;;
esac

python3 bench/operations_summary.py "$OUT" | tee "$OUT/summary.md"
echo "results in $OUT"
