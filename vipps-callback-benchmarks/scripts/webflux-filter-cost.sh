#!/usr/bin/env bash
# What one WebFilter costs on WebFlux, and what the starter's guard costs beyond it. Three JVMs of
# samples/vipps-webflux-sample on Reactor Netty, pinned to CPU 0: open (vipps.callback.enabled=false),
# noop (open plus one WebFilter that only calls the chain, noop-webfilter/bench/NoopFilterConfig.java, at the
# starter's filter's order) and guarded (the starter's WebFilter). Each round loads the pairs noop+open,
# guarded+noop and guarded+open at the same time, each server by its own wrk on CPU 1, and prints each
# server's CPU per request (its own CPU time from /proc over the requests it served) and their ratio.
# The first round is warm-up as well. Loopback only; stops every process it started.
#
# Usage: vipps-callback-benchmarks/scripts/webflux-filter-cost.sh [ROUNDS=10] [SECONDS=10]
# Needs: the sample and benchmarks built (./mvnw -pl samples/vipps-webflux-sample,vipps-callback-benchmarks
# -am package -DskipTests, or a run of e2e.sh), wrk, taskset, python3, curl, unzip, a JDK 17+ with javac.
# Takes about 1.5 min + 3 x 3 x SECONDS of warm-up + ROUNDS x 3 x SECONDS.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-10}
seconds=${2:-10}
jar=samples/vipps-webflux-sample/target/vipps-webflux-sample.jar
bench=vipps-callback-benchmarks/target/benchmarks.jar
work=vipps-callback-benchmarks/target/webflux-filter-cost
rm -rf "$work"; mkdir -p "$work/lib" "$work/classes"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The no-op filter, compiled against the sample's own libraries, loaded with Spring Boot's PropertiesLauncher.
(cd "$work/lib" && unzip -q -o "../../../../$jar" 'BOOT-INF/lib/*')
javac -d "$work/classes" -cp "$(ls "$work"/lib/BOOT-INF/lib/*.jar | tr '\n' ':')" \
  vipps-callback-benchmarks/scripts/noop-webfilter/bench/NoopFilterConfig.java
(cd "$work/classes" && jar cf ../noop.jar bench)

printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n' > "$work/post.lua"
printf 'wrk.body = %s\n' "'{\"msn\":\"123456\",\"reference\":\"order-1\",\"pspReference\":\"psp-1\",\"name\":\"AUTHORIZED\",\"amount\":{\"currency\":\"NOK\",\"value\":1000},\"timestamp\":\"2026-11-23T20:00:00Z\",\"idempotencyKey\":\"k-1\",\"success\":true}'" >> "$work/post.lua"
cat >> "$work/post.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("requests=%d non2xx=%d errors=%d\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

budget=$((120 + 12 * seconds + rounds * 3 * (seconds + 2)))
taskset -c 0 java -Xmx64m -cp "$bench" io.github.vippscallback.benchmarks.LoopbackDnsMain "$budget" 3600 fixed 127.0.0.1 \
  > "$work/dns.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q '^dns=' "$work/dns.log" && break; sleep 0.2; done
dns=$(sed -n 's/^dns=//p' "$work/dns.log")
common=(--server.address=127.0.0.1 --vipps.callback.environment=test --logging.level.io.github.vippscallback.samples=WARN
  --vipps.callback.dns.accept-special-purpose-addresses=true --vipps.callback.dns.servers="$dns")
flags=(-Xms256m -Xmx256m -XX:+UseSerialGC)
declare -A port jvm
port[open]=$((20000 + RANDOM % 10000)); port[noop]=$((port[open] + 1)); port[guarded]=$((port[open] + 2))
taskset -c 0 java "${flags[@]}" -jar "$jar" --server.port="${port[open]}" "${common[@]}" --vipps.callback.enabled=false \
  > "$work/open.log" 2>&1 & jvm[open]=$!; pids+=($!)
taskset -c 0 java "${flags[@]}" -Dloader.path="$work/noop.jar" -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher \
  --spring.main.sources=bench.NoopFilterConfig --server.port="${port[noop]}" "${common[@]}" --vipps.callback.enabled=false \
  > "$work/noop.log" 2>&1 & jvm[noop]=$!; pids+=($!)
taskset -c 0 java "${flags[@]}" -jar "$jar" --server.port="${port[guarded]}" "${common[@]}" \
  > "$work/guarded.log" 2>&1 & jvm[guarded]=$!; pids+=($!)
for v in open noop guarded; do
  for _ in $(seq 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{"reference":"r"}' \
      "http://127.0.0.1:${port[$v]}/vipps/webhooks/epayment" || true)
    [ "$code" = 200 ] && break; sleep 0.5
  done
  [ "$code" = 200 ] || { echo "$v does not answer 200 (got $code): see $work/$v.log" >&2; exit 1; }
done

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pair() { # a b -> "cpu_us_a cpu_us_b a/b"
  local a=$1 b=$2 ta tb ta2 tb2 ra rb
  ta=$(cpu "${jvm[$a]}"); tb=$(cpu "${jvm[$b]}")
  taskset -c 1 wrk -t1 -c16 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:${port[$a]}/vipps/webhooks/epayment" > "$work/wrk-a.txt" 2>&1 &
  local w1=$!
  taskset -c 1 wrk -t1 -c16 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:${port[$b]}/vipps/webhooks/epayment" > "$work/wrk-b.txt" 2>&1 &
  wait "$w1" $!
  ta2=$(cpu "${jvm[$a]}"); tb2=$(cpu "${jvm[$b]}")
  if grep -q 'non2xx=[1-9]\|errors=[1-9]' "$work/wrk-a.txt" "$work/wrk-b.txt"; then
    echo "a request failed: see $work/wrk-a.txt and wrk-b.txt" >&2; exit 1
  fi
  ra=$(sed -n 's/^requests=\([0-9]*\).*/\1/p' "$work/wrk-a.txt"); rb=$(sed -n 's/^requests=\([0-9]*\).*/\1/p' "$work/wrk-b.txt")
  python3 -c "ticks = 1e6 / $(getconf CLK_TCK); a = ($ta2 - $ta) * ticks / $ra; b = ($tb2 - $tb) * ticks / $rb; print('%.2f %.2f %.4f' % (a, b, a / b))"
}
echo "warm-up: 3 rounds"
for _ in 1 2 3; do pair noop open >/dev/null; pair guarded noop >/dev/null; pair guarded open >/dev/null; done
echo "per round: CPU us per request of each server of the pair, and their ratio"
for r in $(seq "$rounds"); do
  echo "round $r noop/open $(pair noop open) guarded/noop $(pair guarded noop) guarded/open $(pair guarded open)"
done | tee "$work/rounds.txt"
python3 - "$work/rounds.txt" <<'PY'
import re, statistics, sys
rows = open(sys.argv[1]).read().splitlines()[1:]  # the first measured round is warm-up too
for name in ("noop/open", "guarded/noop", "guarded/open"):
    values = sorted(float(re.search(re.escape(name) + r" [\d.]+ [\d.]+ ([\d.]+)", row).group(1)) for row in rows)
    print("%-13s median %.3f  range [%.3f, %.3f]  n=%d" % (name, statistics.median(values), values[0], values[-1], len(values)))
PY
