#!/usr/bin/env bash
# End-to-end load test of the main sample (samples/vipps-webhook-receiver), loopback only, bounded.
#
# Three instances of the same sample jar run side by side, each posting to the same @VippsCallback
# endpoint (POST /vipps/webhooks/epayment), with DNS answered by loopback DNS servers that name
# 127.0.0.1 (where wrk connects from) as a Vipps request server:
#   open      vipps.callback.enabled=false: the same endpoint, no guard (the "permitAll" baseline)
#   guarded   the guard on; DNS TTL 3600 s, so no refresh during the run
#   refresh   the guard on; DNS TTL 1 s, min-ttl 1 s, and the answer changes every second, so the
#             allowlist is re-resolved and a new snapshot published every second
# wrk runs against each in turn, ROUNDS times (order rotated), DURATION each, and the script prints
# requests/s and latency percentiles per run and the guarded/open ratio per round. Any non-2xx answer
# fails the run (it would mean the guard denied or was unavailable). Everything stops by itself: each
# process has a hard time limit and is killed (by its own PID) when the script exits.
#
# Usage: [WARMUP=15s] vipps-callback-benchmarks/scripts/e2e.sh [ROUNDS=3] [DURATION=10s] [CONNECTIONS=16]
# Needs: wrk (Debian: apt-get install wrk), python3, JDK 17+.
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=${1:-3}
duration=${2:-10s}
connections=${3:-16}
budget=900 # seconds: hard limit for every background process
warmup=${WARMUP:-15s} # per instance, before the measured rounds, so C2 has compiled the request path
work=vipps-callback-benchmarks/target/e2e
mkdir -p "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }

if [ "${SKIP_BUILD:-}" != "true" ]; then
  ./mvnw -q -pl samples/vipps-webhook-receiver,vipps-callback-benchmarks -am package -DskipTests
fi
app=$(ls samples/vipps-webhook-receiver/target/vipps-webhook-receiver*.jar | grep -v -- '-plain\|original' | head -1)
bench=vipps-callback-benchmarks/target/benchmarks.jar
echo "sample: $app"

start_dns() { # name ttl rotate|fixed -> prints address
  local name=$1
  timeout "$budget" java -cp "$bench" io.github.vippscallback.benchmarks.LoopbackDnsMain "$budget" "$2" "$3" \
    127.0.0.1 >"$work/dns-$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    if grep -q '^dns=' "$work/dns-$name.log"; then
      sed -n 's/^dns=//p' "$work/dns-$name.log"
      return 0
    fi
    sleep 0.1
  done
  echo "DNS server $name did not start" >&2
  return 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_app() { # name port args...
  local name=$1 port=$2
  shift 2
  timeout "$budget" java -Xms256m -Xmx256m -jar "$app" --server.port="$port" --server.address=127.0.0.1 \
    --vipps.callback.environment=test --logging.level.io.github.vippscallback.samples=WARN "$@" \
    >"$work/app-$name.log" 2>&1 &
  pids+=($!)
}

body='{"msn":"123456","reference":"order-1","pspReference":"psp-1","name":"AUTHORIZED","amount":{"currency":"NOK","value":1000},"timestamp":"2026-11-23T20:00:00Z","idempotencyKey":"k-1","success":true}'
cat >"$work/post.lua" <<EOF
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
EOF

await_ok() { # name port
  for _ in $(seq 1 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" \
      "http://127.0.0.1:$2/vipps/webhooks/epayment" || true)
    if [ "$code" = 200 ]; then
      return 0
    fi
    sleep 0.1
  done
  echo "$1 never answered 200 (last: $code); see $work/app-$1.log" >&2
  return 1
}

dns_fixed=$(start_dns fixed 3600 fixed)
dns_rotating=$(start_dns rotating 1 rotate)
declare -A ports
ports[open]=$(free_port)
ports[guarded]=$(free_port)
ports[refresh]=$(free_port)
start_app open "${ports[open]}" --vipps.callback.enabled=false
start_app guarded "${ports[guarded]}" --vipps.callback.dns.servers="$dns_fixed"
start_app refresh "${ports[refresh]}" --vipps.callback.dns.servers="$dns_rotating" \
  --vipps.callback.dns.min-ttl=1s --vipps.callback.dns.max-ttl=1s
for name in open guarded refresh; do
  await_ok "$name" "${ports[$name]}"
done
echo "all three instances answer 200; warming up"
for name in open guarded refresh; do
  wrk -t1 -c"$connections" -d"$warmup" -s "$work/post.lua" "http://127.0.0.1:${ports[$name]}/vipps/webhooks/epayment" >/dev/null
done

results="$work/results.txt"
: >"$results"
orders=("open guarded refresh" "guarded refresh open" "refresh open guarded")
for round in $(seq 1 "$rounds"); do
  order=${orders[$(((round - 1) % 3))]}
  for name in $order; do
    out="$work/wrk-$round-$name.txt"
    wrk -t1 -c"$connections" -d"$duration" --latency -s "$work/post.lua" \
      "http://127.0.0.1:${ports[$name]}/vipps/webhooks/epayment" >"$out"
    if grep -q 'Non-2xx' "$out"; then
      echo "round $round $name: non-2xx answers:" >&2
      cat "$out" >&2
      exit 1
    fi
    rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    echo "round=$round instance=$name rps=$rps p50=$p50 p99=$p99" | tee -a "$results"
  done
done

python3 - "$results" <<'EOF'
import re, statistics, sys
rows = [dict(kv.split("=") for kv in line.split()) for line in open(sys.argv[1])]
def ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
by_round = {}
for r in rows:
    by_round.setdefault(r["round"], {})[r["instance"]] = r
ratios = [float(v["guarded"]["rps"]) / float(v["open"]["rps"]) for v in by_round.values()]
refresh = [float(v["refresh"]["rps"]) / float(v["open"]["rps"]) for v in by_round.values()]
p99 = [ms(v["refresh"]["p99"]) / ms(v["guarded"]["p99"]) for v in by_round.values()]
print("guarded/open requests/s per round:", ", ".join(f"{x:.3f}" for x in ratios),
      f"median {statistics.median(ratios):.3f}")
print("refresh/open requests/s per round:", ", ".join(f"{x:.3f}" for x in refresh),
      f"median {statistics.median(refresh):.3f}")
print("p99 refresh/guarded per round:", ", ".join(f"{x:.2f}" for x in p99), f"median {statistics.median(p99):.2f}")
EOF
