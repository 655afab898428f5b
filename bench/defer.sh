#!/usr/bin/env bash
# Time to first byte and total time of the customer 360 through the UCE gateway, whole and with its slow part deferred.
# Usage: bash bench/defer.sh [requests] [delay-ms] [slow-subgraph]     (from the repository root; 127.0.0.1 only, bounded)
#   The six subgraphs the customer 360 reads run as their own processes (SQLite, demo data); the slow one (default usage,
#   whose usage summaries the query asks twice) is reached through a forwarding proxy that holds each request delay-ms
#   (default 300) before passing it on. The same query runs REQUESTS times one at a time (curl), first as it is
#   (application/json), then with the usage summaries in @defer fragments (multipart/mixed;deferSpec=20220824), alternating.
# Ports: 4300 gateway, 4301-4307 subgraphs, 4333 the delaying proxy (the other benches use 4000-4200).
set -euo pipefail
REQUESTS=${1:-50}
DELAY_MS=${2:-300}
SLOW=${3:-usage}
[ "$REQUESTS" -le 1000 ] || { echo "at most 1000 requests" >&2; exit 2; }
OUT=bench/results/$(date -u +%Y%m%d-%H%M%S)-defer
mkdir -p "$OUT"
export Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1
export UCE_DATA_DIR=${UCE_DATA_DIR:-/tmp/uce-bench-defer-data}
export Identity__SigningKeys="bench:$(head -c 32 /dev/urandom | base64 -w0)"

SUBGRAPHS=(customers:Customers:4301 billing:Billing:4302 usage:Usage:4303 outages:Outages:4304 products:Products:4305 communications:Communications:4306)
dotnet build -c Release gateway/UCE.Gateway/UCE.Gateway.csproj -v q -nologo
dotnet build -c Release bench/UCE.Bench/UCE.Bench.csproj -v q -nologo
for entry in "${SUBGRAPHS[@]}"; do IFS=: read -r _ project _ <<< "$entry"; dotnet build -c Release "subgraphs/UCE.$project/UCE.$project.csproj" -v q -nologo; done
GATEWAY=gateway/UCE.Gateway/bin/Release/net10.0/UCE.Gateway.dll
BENCH=bench/UCE.Bench/bin/Release/net10.0/UCE.Bench.dll

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_for() { # url, seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "timed out waiting for $1" >&2; return 1
}

cp schema/supergraph.graphql "$OUT/supergraph.graphql"
for entry in "${SUBGRAPHS[@]}"; do
  IFS=: read -r name project port <<< "$entry"
  mkdir -p "$UCE_DATA_DIR/$name"
  (cd "$UCE_DATA_DIR/$name" && UCE_PORT="$port" exec dotnet "$OLDPWD/subgraphs/UCE.$project/bin/Release/net10.0/UCE.$project.dll") > "$OUT/subgraph-$name.log" 2>&1 & PIDS+=($!)
  target=$port
  if [ "$name" = "$SLOW" ]; then
    dotnet "$BENCH" record --out /dev/null --delay-ms "$DELAY_MS" --subgraph "$name=4333=http://127.0.0.1:$port/graphql" > "$OUT/proxy.log" 2>&1 & PIDS+=($!)
    target=4333
  fi
  default=$(( port - 300 ))
  sed -i -E "s#http://127\.0\.0\.1:$default/graphql#http://127.0.0.1:$target/graphql#" "$OUT/supergraph.graphql"
done
for entry in "${SUBGRAPHS[@]}"; do IFS=: read -r name _ port <<< "$entry"; wait_for "http://127.0.0.1:$port/health/ready" 180; done

TOKEN=$(dotnet "$BENCH" issuer --out "$OUT/issuer" --role agent --subject bench-agent --client agent-desktop)
env Gateway__Authentication__Issuer=https://issuer.bench.invalid Gateway__Authentication__Audiences__0=uce-graph \
  Gateway__Authentication__JwksPath="$OUT/issuer/jwks.json" Gateway__RateLimit__PermitsPerMinute=100000000 Gateway__RateLimit__Burst=1000000 \
  dotnet "$GATEWAY" --supergraph "$OUT/supergraph.graphql" --port 4300 > "$OUT/gateway.log" 2>&1 & PIDS+=($!)
wait_for http://127.0.0.1:4300/health 60

{
  echo "date: $(date -u +%FT%TZ)"; echo "commit: $(git rev-parse --short HEAD)"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "requests: $REQUESTS  slow subgraph: $SLOW (+${DELAY_MS} ms per request)"
} > "$OUT/environment.txt"

body() { # query file, customer number
  python3 -c 'import json,sys; print(json.dumps({"query": open(sys.argv[1]).read(), "variables": {"id": "cus-%06d" % int(sys.argv[2])}}))' "$1" "$2"
}
once() { # label, query file, accept, customer number, [max seconds]: one line "label ttfb_ms total_ms bytes", or "label failed"
  body "$2" "$4" > "$OUT/body.json"
  curl -s -o "$OUT/last-$1.txt" --max-time "${5:-30}" -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -H "Accept: $3" \
    --data-binary @"$OUT/body.json" -w "$1 %{time_starttransfer} %{time_total} %{size_download}\n" http://127.0.0.1:4300/graphql \
    | awk '{ printf "%s %.1f %.1f %d\n", $1, $2 * 1000, $3 * 1000, $4 }' || echo "$1 failed"
}
# Warm-up (JIT, plans, connections, SQLite caches), not measured; the first requests of a cold process can take long.
for n in 1 2 3 4 5; do once whole bench/queries/customer360.graphql application/json "$n" 120 > /dev/null; once deferred bench/queries/customer360-defer.graphql "multipart/mixed;deferSpec=20220824" "$n" 120 > /dev/null; done
grep -q -- '--graphql--' "$OUT/last-deferred.txt" || { echo "the deferred run did not answer multipart/mixed" >&2; cat "$OUT/last-deferred.txt" >&2; exit 1; }
: > "$OUT/samples.txt"
for i in $(seq 1 "$REQUESTS"); do
  n=$(( (i % 40) + 1 ))
  once whole bench/queries/customer360.graphql application/json "$n" >> "$OUT/samples.txt"
  once deferred bench/queries/customer360-defer.graphql "multipart/mixed;deferSpec=20220824" "$n" >> "$OUT/samples.txt"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/environment.txt"

python3 - "$OUT" <<'PY' | tee "$OUT/summary.md"
import pathlib, statistics, sys
out = pathlib.Path(sys.argv[1])
rows = {}
for line in (out / "samples.txt").read_text().split("\n"):
    if line.strip() and not line.endswith("failed"):
        label, ttfb, total, size = line.split()
        rows.setdefault(label, []).append((float(ttfb), float(total), int(size)))
def pct(values, p):
    values = sorted(values); return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
print((out / "environment.txt").read_text())
failed = (out / "samples.txt").read_text().count("failed")
print(f"failed requests: {failed}\n")
print("| run | requests | first byte p50 (ms) | first byte p90 | total p50 (ms) | total p90 | bytes |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for label in ("whole", "deferred"):
    r = rows.get(label, [])
    if r:
        print(f"| {label} | {len(r)} | {pct([x[0] for x in r], 50):.1f} | {pct([x[0] for x in r], 90):.1f} | {pct([x[1] for x in r], 50):.1f} | {pct([x[1] for x in r], 90):.1f} | {int(statistics.mean(x[2] for x in r))} |")
PY
