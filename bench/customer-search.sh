#!/usr/bin/env bash
# Customer search latency: customers(search:) sent straight to the customers subgraph (signed as the gateway signs, as an
# agent), over PostgreSQL databases of N generated customers each (default 100,000 then 1,000,000), one search kind per
# load run: name and e-mail text (trigram indexes), and exact customer id, account number, phone, premise and meter.
# Usage: bash bench/customer-search.sh [requests per search] [concurrency] [customer counts...]   (from the repository root)
# 127.0.0.1 only, ports 4400-4499 (the subgraph on 4401), bounded (each load run stops after 120 s). The databases
# uce_search<N>_customers are generated on the first run and kept for the next (UCE_BENCH_DROP=1 drops them at the end).
# Stops only the processes it started, by PID. Writes bench/results/<UTC time>-customer-search/.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-2000}
CONCURRENCY=${2:-4}
shift $(( $# > 2 ? 2 : $# ))
COUNTS=("${@:-100000 1000000}")
read -r -a COUNTS <<< "${COUNTS[*]}"
PORT=${UCE_BENCH_PORT:-4401}
OUT=bench/results/$(date -u +%Y%m%d-%H%M%S)-customer-search
mkdir -p "$OUT"
export PGPASSWORD=postgres DOTNET_CLI_TELEMETRY_OPTOUT=1 Logging__LogLevel__Default=Warning
export Identity__SigningKeys="bench:$(head -c 32 /dev/urandom | base64 -w0)"   # the subgraph verifies, the load generator signs

dotnet build -c Release subgraphs/UCE.Customers/UCE.Customers.csproj -v q -nologo
dotnet build -c Release bench/UCE.Bench/UCE.Bench.csproj -v q -nologo
SERVER=subgraphs/UCE.Customers/bin/Release/net10.0/UCE.Customers.dll
BENCH=bench/UCE.Bench/bin/Release/net10.0/UCE.Bench.dll
connection() { echo "Host=127.0.0.1;Port=5432;Database=uce_search$1_customers;Username=postgres;Password=postgres;Maximum Pool Size=20"; }

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; fi
}
cleanup() {
  stop_server
  if [ -n "${UCE_BENCH_DROP:-}" ]; then
    for n in "${COUNTS[@]}"; do psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS uce_search${n}_customers" >/dev/null 2>&1 || true; done
  fi
}
trap cleanup EXIT

# The committed results ran with shared_buffers 1 GB: PostgreSQL's default 128 MB holds less than the 1,000,000-customer
# table and its trigram indexes, and a search then costs whatever the previous one left in memory.
buffers=$(psql -h 127.0.0.1 -U postgres -tAc "SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers'")
if [ "$buffers" -lt $(( 1024 * 1024 * 1024 )) ]; then
  echo "note: PostgreSQL's shared_buffers is $(psql -h 127.0.0.1 -U postgres -tAc 'show shared_buffers'); the committed results used 1GB" \
    "(psql -c \"ALTER SYSTEM SET shared_buffers = '1GB'\", then restart PostgreSQL)" >&2
fi

{
  echo "time: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- subgraphs bench || echo ' (working tree differs)')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); shared with other work"
  echo "dotnet: $(dotnet --version); PostgreSQL: $(psql -h 127.0.0.1 -U postgres -tAc 'show server_version'), shared_buffers $(psql -h 127.0.0.1 -U postgres -tAc 'show shared_buffers')"
  echo "customers: ${COUNTS[*]}; requests per search $REQUESTS (+100 warm-up), concurrency $CONCURRENCY; straight to the customers subgraph on 127.0.0.1:$PORT"
  echo "uptime at start: $(uptime)"
} > "$OUT/environment.txt"
echo "bash bench/customer-search.sh $REQUESTS $CONCURRENCY ${COUNTS[*]}" > "$OUT/commands.txt"

for n in "${COUNTS[@]}"; do
  started=$SECONDS
  echo "ConnectionStrings__Customers=$(connection "$n") dotnet $SERVER --customers $n" >> "$OUT/commands.txt"
  env "ConnectionStrings__Customers=$(connection "$n")" dotnet "$SERVER" --customers "$n" > "$OUT/generate-$n.log" 2>&1 \
    || grep -q "already holds data" "$OUT/generate-$n.log" || { echo "generating $n failed: $OUT/generate-$n.log" >&2; exit 1; }
  echo "generate $n: $(( SECONDS - started )) s$(grep -q 'already holds data' "$OUT/generate-$n.log" && echo ' (generated before)')" >> "$OUT/environment.txt"

  env "ConnectionStrings__Customers=$(connection "$n")" UCE_PORT="$PORT" dotnet "$SERVER" > "$OUT/server-$n.log" 2>&1 & SERVER_PID=$!
  for _ in $(seq 1 600); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/health/ready" && break; sleep 0.2; done
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/health/ready" || { echo "the customers subgraph did not become ready" >&2; exit 1; }

  # A customer from the middle of the set, for the searches by one fixed value.
  middle=$(( n / 2 ))
  phone=$(psql -h 127.0.0.1 -U postgres -d "uce_search${n}_customers" -tAc "SELECT \"Phone\" FROM customers WHERE \"Id\" = 'cus-$(printf %06d $middle)'")
  name=$(psql -h 127.0.0.1 -U postgres -d "uce_search${n}_customers" -tAc "SELECT \"Name\" FROM customers WHERE \"Id\" = 'cus-$(printf %06d $middle)'")
  # One of the few hundred person names the generator combines: about 0.2 % of the customers have it.
  common=$(psql -h 127.0.0.1 -U postgres -d "uce_search${n}_customers" -tAc "SELECT count(*) FROM customers WHERE \"Name\" ILIKE '%sofia silva%'")
  rotate=$(( n < 200000 ? n : 200000 ))   # {n} runs over customers 1..rotate in a fixed random order
  # label|query file|variables template|rotate
  SEARCHES=(
    "text: smith (no match)|customer-search|{\"search\":\"smith\"}|1"
    "text: reyes (a last name, ~5 %)|customer-search|{\"search\":\"reyes\"}|1"
    "text: $name (full name)|customer-search|{\"search\":\"$name\"}|1"
    "text: e-mail .$middle@example.com|customer-search|{\"search\":\".$middle@example.com\"}|1"
    "text: riverside bakery #1 (business)|customer-search|{\"search\":\"riverside bakery #1\"}|1"
    "text: sofia silva (a common full name, $common matches)|customer-search|{\"search\":\"sofia silva\"}|1"
    "id: cus-<n>|customer-search|{\"search\":\"cus-{n}\"}|$rotate"
    "account number: 1000<n>|customer-search|{\"search\":\"1000{n}\"}|$rotate"
    "premise: PRM-00<n>|customer-search|{\"search\":\"PRM-00{n}\"}|$rotate"
    "meter: mtr-00<n>|customer-search|{\"search\":\"mtr-00{n}\"}|$rotate"
    "phone: $phone|customer-search|{\"search\":\"$phone\"}|1"
    "text with totalCount(atMost: 100): reyes|customer-search-count|{\"search\":\"reyes\"}|1"
    "text with totalCount(atMost: 100): smith|customer-search-count|{\"search\":\"smith\"}|1"
    "text with totalCount(atMost: 100): sofia silva|customer-search-count|{\"search\":\"sofia silva\"}|1"
  )
  # Warm-up: every search once over, unmeasured, so that the first kinds measured do not pay for the JIT and the
  # caches the later ones find ready.
  for entry in "${SEARCHES[@]}"; do
    IFS='|' read -r label file template rotation <<< "$entry"
    dotnet "$BENCH" load --url "http://127.0.0.1:$PORT/graphql" --query "bench/queries/$file.graphql" --variables-template "$template" \
      --rotate "$rotation" --order shuffled --requests 300 --concurrency "$CONCURRENCY" --warmup 0 --max-seconds 60 \
      --label warm-up --header "X-UCE-Role:agent" --header "X-UCE-Subject:bench-agent" --sign identity > /dev/null || true
  done

  i=0
  for entry in "${SEARCHES[@]}"; do
    IFS='|' read -r label file template rotation <<< "$entry"
    i=$(( i + 1 ))
    command=(dotnet "$BENCH" load --url "http://127.0.0.1:$PORT/graphql" --query "bench/queries/$file.graphql" --variables-template "$template"
      --rotate "$rotation" --order shuffled --requests "$REQUESTS" --concurrency "$CONCURRENCY" --warmup 100 --max-seconds 120
      --pid "$SERVER_PID" --label "$n customers, $label" --header "X-UCE-Role:agent" --header "X-UCE-Subject:bench-agent" --sign identity)
    echo "${command[*]}" >> "$OUT/commands.txt"
    echo "$n $label: load average before $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"
    "${command[@]}" > "$OUT/$n-$(printf %02d $i).json" || echo "load run failed: $n $label" >&2
  done
  stop_server
done
echo "uptime at end: $(uptime)" >> "$OUT/environment.txt"

python3 - "$OUT" <<'PY' | tee "$OUT/summary.md"
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
rows = [json.loads(p.read_text()) for p in sorted(out.glob("*.json"), key=lambda p: (int(p.name.split('-')[0]), p.name))]
print("| customers, search | requests | p50 ms | p90 ms | p99 ms | max ms | req/s | subgraph CPU ms/req | failures / errors |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for r in rows:
    print(f"| {r['Label']} | {r['Requests']} | {r['P50Ms']:.1f} | {r['P90Ms']:.1f} | {r['P99Ms']:.1f} | {r['MaxMs']:.1f} | {r['RequestsPerSecond']:.0f} | {r['ServerCpuMsPerRequest']:.2f} | {r['Failures']} / {r['ResponsesWithErrors']} |")
PY
echo "results in $OUT"
