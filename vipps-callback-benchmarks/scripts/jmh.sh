#!/usr/bin/env bash
# Builds the benchmarks jar and runs every JMH benchmark once, with the GC profiler (B/op) and
# CpuTimeProfiler (cpu.time.norm, CPU ns/op), then prints the ratio tables of docs/PERFORMANCE.md.
# Bounded: the settings in the benchmark classes (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement) make a
# full run about 10 minutes. Extra arguments go to JMH,
# e.g. a benchmark regex: scripts/jmh.sh 'AllowlistDecisionBenchmark.(addressSet|allowlistDecide)'
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -pl vipps-callback-benchmarks -am package -DskipTests
out=vipps-callback-benchmarks/target/jmh-result.json
java -jar vipps-callback-benchmarks/target/benchmarks.jar -prof gc -prof io.github.vippscallback.benchmarks.CpuTimeProfiler -rf json -rff "$out" "$@"
python3 vipps-callback-benchmarks/scripts/ratios.py "$out"
