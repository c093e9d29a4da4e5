#!/usr/bin/env bash
# Start-up cost of the starter, loopback only, bounded: starts the main sample (vipps-webhook-receiver)
# RUNS times with vipps.callback.enabled=true and RUNS times with =false, alternating, and reads Spring
# Boot's own "Started ... in X seconds" line and the CPU time the JVM had used by then (less sensitive
# to a busy machine than wall-clock time); then runs FirstResolutionProbe, which shows the first
# resolution of all hosts is one DNS round trip. DNS is a loopback DNS server (never real DNS).
#
# Then starts the benchmarks' TwinEndpointsApplication RUNS times with Spring's BufferingApplicationStartup
# (StarterStartupSteps) and adds up the starter's bean-creation steps on the starting thread. A first
# run with the starter off lists the beans the application creates anyway; those created inside the
# starter's steps (the MeterRegistry its metrics record into) are reported apart as "moved": created
# earlier on the starter's behalf, not added.
#
# Usage: vipps-callback-benchmarks/scripts/startup.sh [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${1:-5}
work=vipps-callback-benchmarks/target/startup
mkdir -p "$work"
source vipps-callback-benchmarks/scripts/lib.sh

if [ "${SKIP_BUILD:-}" != "true" ]; then
  ./mvnw -q -pl samples/vipps-webhook-receiver,vipps-callback-benchmarks -am package -DskipTests
fi
app=$(ls samples/vipps-webhook-receiver/target/vipps-webhook-receiver*.jar | grep -v -- '-plain\|original' | head -1)
bench=vipps-callback-benchmarks/target/benchmarks.jar

timeout 600 java -cp "$bench" io.github.vippscallback.benchmarks.LoopbackDnsMain 600 300 fixed 127.0.0.1 \
  >"$work/dns.log" 2>&1 &
pids+=($!)
dns=$(loopback_dns_address "$work/dns.log")

start_once() { # enabled run -> prints "seconds cpu-seconds"
  local log="$work/app-$1-$2.log" port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  timeout 120 java -Xms256m -Xmx256m -jar "$app" --server.port="$port" --server.address=127.0.0.1 \
    --vipps.callback.environment=test --vipps.callback.enabled="$1" --vipps.callback.dns.servers="$dns" \
    --vipps.callback.dns.accept-special-purpose-addresses=true \
    >"$log" 2>&1 &
  local pid=$!
  pids+=($pid)
  for _ in $(seq 1 1200); do
    if grep -q 'Started WebhookReceiverApplication in' "$log"; then
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the sample stopped; see $log" >&2
      return 1
    fi
    sleep 0.1
  done
  local java_pid cpu=NaN
  java_pid=$(pgrep -P "$pid" java || true)
  if [ -n "$java_pid" ] && [ -r "/proc/$java_pid/stat" ]; then
    # utime + stime (fields 14, 15) in clock ticks; the command name has no spaces here
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$java_pid/stat")
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$(sed -n 's/.*Started WebhookReceiverApplication in \([0-9.]*\) seconds.*/\1/p' "$log" | head -1) $cpu"
}

results="$work/results.txt"
: >"$results"
start_once false 0 >/dev/null # warm the file cache
for run in $(seq 1 "$runs"); do
  for enabled in true false; do
    read -r seconds cpu < <(start_once "$enabled" "$run")
    echo "run=$run enabled=$enabled seconds=$seconds cpu=$cpu" | tee -a "$results"
  done
done
python3 - "$results" <<'EOF'
import statistics, sys
rows = [dict(kv.split("=") for kv in line.split()) for line in open(sys.argv[1])]
on = [float(r["seconds"]) for r in rows if r["enabled"] == "true"]
off = [float(r["seconds"]) for r in rows if r["enabled"] == "false"]
print(f"enabled=true  median {statistics.median(on):.3f}s  runs {on}")
print(f"enabled=false median {statistics.median(off):.3f}s  runs {off}")
print(f"starter adds (median difference): {1000 * (statistics.median(on) - statistics.median(off)):.0f} ms;"
      f" ratio {statistics.median(on) / statistics.median(off):.3f}")
cpu_on = [float(r["cpu"]) for r in rows if r["enabled"] == "true" and r["cpu"] != "NaN"]
cpu_off = [float(r["cpu"]) for r in rows if r["enabled"] == "false" and r["cpu"] != "NaN"]
if cpu_on and cpu_off:
    print(f"CPU seconds until started: enabled=true median {statistics.median(cpu_on):.2f} {cpu_on};"
          f" enabled=false median {statistics.median(cpu_off):.2f} {cpu_off};"
          f" difference {1000 * (statistics.median(cpu_on) - statistics.median(cpu_off)):.0f} ms")
EOF
# Whole start-ups vary by a second or more from run to run on a shared machine, far more than the
# starter's share; Spring's own start-up steps time the starter's beans on the starting thread directly.
steps="$work/steps.txt"
: >"$steps"
twin_steps() { # JVM options... -- application arguments...
  local options=()
  while [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  timeout 120 java -Xms256m -Xmx256m "${options[@]}" -cp "$bench" \
    io.github.vippscallback.benchmarks.twin.StarterStartupSteps --server.port=0 --server.address=127.0.0.1 \
    --vipps.callback.environment=test --vipps.callback.dns.servers="$dns" \
    --vipps.callback.dns.accept-special-purpose-addresses=true --logging.level.root=WARN "$@"
}
baseline="$work/beans-without-starter.txt"
twin_steps -Dsteps.write-beans="$baseline" -- --vipps.callback.enabled=false >/dev/null
for run in $(seq 1 "$runs"); do
  twin_steps -Dsteps.baseline-beans="$baseline" -- | grep '^starter-beans-ms=' | tee -a "$steps"
done
python3 - "$steps" <<'EOF'
import statistics, sys
rows = [dict(kv.split("=", 1) for kv in line.split(" top=")[0].split()) for line in open(sys.argv[1])]
starter = [float(r["starter-beans-ms"]) for r in rows]
cpu = [float(r["starter-beans-cpu-ms"]) for r in rows]
waiting = [float(r["starter-beans-runqueue-ms"]) for r in rows]
own = [float(r["starter-own-ms"]) for r in rows]
own_cpu = [float(r["starter-own-cpu-ms"]) for r in rows]
moved = [float(r["moved-ms"]) for r in rows]
print(f"starter's own work (its steps less Spring's beans created early on its behalf): median"
      f" {statistics.median(own):.1f} ms {own}, of it CPU: median {statistics.median(own_cpu):.1f} ms {own_cpu};"
      f" moved, not added: median {statistics.median(moved):.1f} ms {moved}")
print(f"starter's beans, time the starting thread was runnable but waiting for a core: median {statistics.median(waiting):.1f} ms {waiting}")
print(f"starter's beans, CPU time of the starting thread in them: median {statistics.median(cpu):.1f} ms {cpu}")
whole = [float(r["whole-start-ms"]) for r in rows]
dns = [float(r["dns-thread-cpu-ms"]) for r in rows]
print(f"starter's beans on the starting thread: median {statistics.median(starter):.1f} ms {starter};"
      f" whole start-up median {statistics.median(whole):.0f} ms;"
      f" share {statistics.median(s / w for s, w in zip(starter, whole)):.1%};"
      f" vipps-callback-dns thread CPU meanwhile: median {statistics.median(dns):.0f} ms {dns}")
EOF
for environment in prod test; do
  timeout 60 java -cp "$bench" io.github.vippscallback.benchmarks.FirstResolutionProbe "$environment"
done
