#!/usr/bin/env python3
"""Turns a JMH JSON result (-rf json) into the ratio tables of docs/PERFORMANCE.md.

Every ratio compares two scores of the same run. Its error is propagated from JMH's 99.9% confidence
half-widths (relative errors added in quadrature), so "12.3 +- 1.4x" means the two intervals allow
roughly 10.9x to 13.7x.

Usage: ratios.py RESULT.json
"""
import json
import math
import sys

DECISION = "io.github.vippscallback.address.AllowlistDecisionBenchmark."
CLIENT = "io.github.vippscallback.benchmarks.ClientAddressBenchmark."
BASELINES = [
    "springIpAddressMatcherAnyMatch",
    "springAuthorizationManagerAnyOf",
    "springInetAddressMatchers",
    "inetAddressHashSet",
]


def load(path):
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)
    scores = {}
    for run in runs:
        name = run["benchmark"]
        params = tuple(sorted((run.get("params") or {}).items()))
        metric = run["primaryMetric"]
        alloc = (run.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm")
        scores[(name, params)] = {
            "score": metric["score"],
            "error": metric["scoreError"] if not math.isnan(metric["scoreError"]) else 0.0,
            "unit": metric["scoreUnit"],
            "alloc": alloc["score"] if alloc else None,
            "alloc_error": alloc["scoreError"] if alloc and not math.isnan(alloc["scoreError"]) else 0.0,
        }
        cpu = (run.get("secondaryMetrics") or {}).get("cpu.time.norm")
        if cpu:
            scores[(name, params)]["cpu"] = {
                "score": cpu["score"],
                "error": cpu["scoreError"] if not math.isnan(cpu["scoreError"]) else 0.0,
                "alloc": None,
            }
    return scores


def ratio(numerator, denominator):
    value = numerator["score"] / denominator["score"]
    relative = math.hypot(numerator["error"] / numerator["score"], denominator["error"] / denominator["score"])
    return value, value * relative


def fmt_score(s):
    text = f"{s['score']:.1f} ± {s['error']:.1f}"
    if s.get("cpu"):
        text += f" (cpu {s['cpu']['score']:.1f} ± {s['cpu']['error']:.1f})"
    if s["alloc"] is not None:
        text += f", {s['alloc']:.0f} B"
    return text


def cpu(s):
    return s.get("cpu") if s else None


def fmt_ratio(r):
    value, error = r
    return f"{value:.1f} ± {error:.1f}x" if value >= 10 else f"{value:.2f} ± {error:.2f}x"


def main(path):
    scores = load(path)
    decision = {}
    for (name, params), s in scores.items():
        if name.startswith(DECISION):
            p = dict(params)
            decision[(int(p["size"]), p["query"], name[len(DECISION):])] = s

    if decision:
        print("## Allowlist decision: wall ns/op ± 99.9% CI (cpu.time.norm ns/op), B/op\n")
        print("| size | query | addressSet | allowlistDecide | " + " | ".join(BASELINES) + " |")
        print("|---" * (4 + len(BASELINES)) + "|")
        keys = sorted({(size, query) for size, query, _ in decision})
        for size, query in keys:
            row = [str(size), query]
            for contender in ["addressSet", "allowlistDecide"] + BASELINES:
                s = decision.get((size, query, contender))
                row.append(fmt_score(s) if s else "-")
            print("| " + " | ".join(row) + " |")

        for label, pick in (("wall-clock ns/op", lambda s: s), ("cpu.time.norm", cpu)):
            print(f"\n## How many times slower each baseline is than allowlistDecide, by {label} (same run)\n")
            print("| size | query | " + " | ".join(BASELINES) + " |")
            print("|---" * (2 + len(BASELINES)) + "|")
            for size, query in keys:
                ours = pick(decision.get((size, query, "allowlistDecide")))
                row = [str(size), query]
                for contender in BASELINES:
                    s = pick(decision.get((size, query, contender)))
                    row.append(fmt_ratio(ratio(s, ours)) if s and ours else "-")
                print("| " + " | ".join(row) + " |")

        print("\n## Flatness: score at 10,000 entries / score at 10 (1.00 = flat), wall (cpu)\n")
        print("| query | addressSet | allowlistDecide | springIpAddressMatcherAnyMatch |")
        print("|---|---|---|---|")
        for query in sorted({q for _, q in keys}):
            row = [query]
            for contender in ["addressSet", "allowlistDecide", "springIpAddressMatcherAnyMatch"]:
                big = decision.get((10000, query, contender))
                small = decision.get((10, query, contender))
                if big and small:
                    text = fmt_ratio(ratio(big, small))
                    if cpu(big) and cpu(small):
                        text += f" ({fmt_ratio(ratio(cpu(big), cpu(small)))})"
                    row.append(text)
                else:
                    row.append("-")
            print("| " + " | ".join(row) + " |")

    client = {}
    for (name, params), s in scores.items():
        if name.startswith(CLIENT):
            client[(dict(params)["headers"], name[len(CLIENT):])] = s
    if client:
        print("\n## Client address behind three trusted proxies: wall ns/op ± 99.9% CI (cpu), B/op\n")
        print("| headers | resolve | resolveThenDecide | splitAndInetAddress | splitAndInetAddress / resolve, wall (cpu) |")
        print("|---|---|---|---|---|")
        for headers in sorted({h for h, _ in client}):
            ours = client.get((headers, "resolve"))
            both = client.get((headers, "resolveThenDecide"))
            base = client.get((headers, "splitAndInetAddress"))
            print(f"| {headers} | {fmt_score(ours) if ours else '-'} | {fmt_score(both) if both else '-'} | "
                  f"{fmt_score(base) if base else '-'} | {fmt_ratio(ratio(base, ours)) if base and ours else '-'}"
                  f" ({fmt_ratio(ratio(cpu(base), cpu(ours))) if cpu(base) and cpu(ours) else '-'}) |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: ratios.py RESULT.json")
    main(sys.argv[1])
