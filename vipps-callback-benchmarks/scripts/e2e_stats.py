#!/usr/bin/env python3
"""Statistics for scripts/e2e.sh (stdlib only).

Usage: e2e_stats.py schedule ROUNDS SEED MODE      prints the run order, one "round variant" a line
       e2e_stats.py report RESULTS                 prints per-round ratios, medians and 95% intervals

A round runs every variant once. Variants that are compared with each other form a block (one JVM
family: the three sample JVMs; the two twin JVMs), blocks run back to back in a random order and the
variants inside a block in a random order, so every ratio is taken between runs at most a few slots
apart in time (adjacent), and no variant is systematically first or last. Ratios are computed inside
each round, never across rounds, which cancels slow drift of the machine (other load, thermal).

MODE=concurrent: a "variant" is a pair "A+B" that e2e.sh loads at the same time (two wrk processes,
both servers on the one server CPU), recorded as "A~B" and "B~A"; a round runs every pair once, in a
random order. Both members of a pair see the same machine at the same moment, so drift cancels inside
the pair instead of between adjacent runs.

The interval for a median is the distribution-free order-statistics interval [x(k), x(n+1-k)]: for
any continuous distribution it covers the true median with probability 1 - 2 P(Bin(n, 1/2) < k); k is
the largest with coverage >= 95%; the exact coverage is printed. It needs at least 6 rounds.
"""
import math
import random
import statistics
import sys

BLOCKS = {
    "sample": [["sample-open", "sample-guarded", "sample-refresh"]],
    "twin": [["twin-open", "twin-guarded", "twin-refresh-open", "twin-refresh-guarded"]],
}
BLOCKS["both"] = BLOCKS["sample"] + BLOCKS["twin"]
# Each pair is one block of one variant: both servers are loaded together. MODE=concurrent runs the pairs
# of the stacks in STACKS (e2e.sh passes concurrent-servlet, concurrent-webflux or concurrent).
BLOCKS["concurrent-servlet"] = [["sample-guarded+sample-open"], ["sample-refresh+sample-open"],
                                ["sample-open2+sample-open"], ["sample-refresh+sample-guarded"]]
# The WebFlux sample on Reactor Netty: guarded against the same endpoint without the guard, and an A/A pair.
BLOCKS["concurrent-webflux"] = [["webflux-guarded+webflux-open"], ["webflux-open2+webflux-open"]]
BLOCKS["concurrent"] = BLOCKS["concurrent-servlet"] + BLOCKS["concurrent-webflux"]

# (label, kind, numerator, denominator): kind rps = requests/s ratio, p99 etc. = latency ratio.
RATIOS = [
    ("sample  guarded/open      req/s  (target >= 0.95)", "rps", "sample-guarded", "sample-open"),
    ("sample  refresh/open      req/s  (target >= 0.95)", "rps", "sample-refresh", "sample-open"),
    ("sample  guarded/open      CPU per request  (target <= 1.053)", "cpu_us_per_request", "sample-guarded", "sample-open"),
    ("sample  refresh/open      CPU per request  (target <= 1.053)", "cpu_us_per_request", "sample-refresh", "sample-open"),
    ("sample  refresh/guarded   p99    (target ~ 1)", "p99_us", "sample-refresh", "sample-guarded"),
    ("sample  refresh/guarded   p99.9  (diagnostic)", "p999_us", "sample-refresh", "sample-guarded"),
    ("twin    guarded/open      req/s  (target >= 0.95)", "rps", "twin-guarded", "twin-open"),
    ("twin    refresh: guarded/open req/s  (target >= 0.95)", "rps", "twin-refresh-guarded", "twin-refresh-open"),
    ("twin    guarded/open      CPU per request  (target <= 1.053)", "cpu_us_per_request", "twin-guarded", "twin-open"),
    ("twin    refresh: guarded/open CPU per request  (target <= 1.053)", "cpu_us_per_request", "twin-refresh-guarded", "twin-refresh-open"),
    ("twin    open/open across JVMs CPU per request (A/A-like reference)", "cpu_us_per_request", "twin-refresh-open", "twin-open"),
    ("twin    refresh/guarded   p99    (target ~ 1)", "p99_us", "twin-refresh-guarded", "twin-guarded"),
    ("twin    refresh/no-refresh open p99 (A/A-like reference)", "p99_us", "twin-refresh-open", "twin-open"),
    ("twin    refresh: guarded/open p99    (same JVM)", "p99_us", "twin-refresh-guarded", "twin-refresh-open"),
    ("twin    refresh/guarded   p99.9  (diagnostic)", "p999_us", "twin-refresh-guarded", "twin-guarded"),
    ("twin    open/open across JVMs req/s (A/A-like reference)", "rps", "twin-refresh-open", "twin-open"),
] + [
    # MODE=concurrent: (label, field, A, B) compares server A with server B measured at the same time.
    (label, field, f"sample-{a}~sample-{b}", f"sample-{b}~sample-{a}") for label, field, a, b in [
        ("concurrent guarded/open   CPU per request  (target <= 1.053)", "cpu_us_per_request", "guarded", "open"),
        ("concurrent refresh/open   CPU per request  (target <= 1.053)", "cpu_us_per_request", "refresh", "open"),
        ("concurrent open2/open     CPU per request  (A/A reference: two JVMs of the same code)",
         "cpu_us_per_request", "open2", "open"),
        ("concurrent guarded/open   req/s  (target >= 0.95)", "rps", "guarded", "open"),
        ("concurrent refresh/open   req/s  (target >= 0.95)", "rps", "refresh", "open"),
        ("concurrent open2/open     req/s  (A/A reference)", "rps", "open2", "open"),
        ("concurrent refresh/guarded p99   (target ~ 1: the no-refresh run; compare the A/A reference)",
         "p99_us", "refresh", "guarded"),
        ("concurrent refresh/guarded CPU per request (what refreshing every second costs)",
         "cpu_us_per_request", "refresh", "guarded"),
        ("concurrent refresh/open   p99    (diagnostic)", "p99_us", "refresh", "open"),
        ("concurrent guarded/open   p99    (diagnostic)", "p99_us", "guarded", "open"),
        ("concurrent open2/open     p99    (A/A reference)", "p99_us", "open2", "open"),
        ("concurrent refresh/open   p99.9  (diagnostic)", "p999_us", "refresh", "open"),
    ]
] + [
    (label, field, f"webflux-{a}~webflux-{b}", f"webflux-{b}~webflux-{a}") for label, field, a, b in [
        ("webflux guarded/open   CPU per request  (target <= 1.03)", "cpu_us_per_request", "guarded", "open"),
        ("webflux open2/open     CPU per request  (A/A reference: two JVMs of the same code)",
         "cpu_us_per_request", "open2", "open"),
        ("webflux guarded/open   req/s  (diagnostic)", "rps", "guarded", "open"),
        ("webflux open2/open     req/s  (A/A reference)", "rps", "open2", "open"),
        ("webflux guarded/open   p99    (diagnostic)", "p99_us", "guarded", "open"),
        ("webflux open2/open     p99    (A/A reference)", "p99_us", "open2", "open"),
    ]
]


def schedule(rounds, seed, mode):
    rng = random.Random(seed)
    for r in range(1, rounds + 1):
        blocks = [list(b) for b in BLOCKS[mode]]
        rng.shuffle(blocks)
        for block in blocks:
            rng.shuffle(block)
            for variant in block:
                print(r, variant)


def median_interval(values, confidence=0.95):
    """Order-statistics interval for the median: (low, high, exact coverage) or None if n < 6."""
    xs = sorted(values)
    n = len(xs)
    best = None
    for k in range(1, n // 2 + 1):
        below = sum(math.comb(n, i) for i in range(k)) / 2 ** n  # P(Bin(n, 1/2) <= k-1)
        coverage = 1 - 2 * below
        if coverage >= confidence:
            best = (xs[k - 1], xs[n - k], coverage)
    return best


def report(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.strip():
                rows.append(dict(kv.split("=", 1) for kv in line.split()))
    by_round = {}
    for row in rows:
        by_round.setdefault(int(row["round"]), {})[row["variant"]] = row
    variants = sorted({row["variant"] for row in rows})

    print("per variant (all rounds): requests/s median [min-max], coefficient of variation; p99 median;"
          " CPU µs per request median, coefficient of variation")
    for v in variants:
        rps = [float(r["rps"]) for r in rows if r["variant"] == v]
        p99 = [float(r["p99_us"]) / 1000 for r in rows if r["variant"] == v]
        cpu = [float(r["cpu_us_per_request"]) for r in rows if r["variant"] == v]
        cv = statistics.pstdev(rps) / statistics.mean(rps) if len(rps) > 1 else 0.0
        cpu_cv = statistics.pstdev(cpu) / statistics.mean(cpu) if len(cpu) > 1 else 0.0
        print(f"  {v:22s} {statistics.median(rps):9.0f} [{min(rps):.0f}-{max(rps):.0f}] cv {cv:5.1%}"
              f"   p99 {statistics.median(p99):.2f} ms   cpu {statistics.median(cpu):.1f} µs cv {cpu_cv:5.1%}")
    print()
    print("per-round ratios (same round, adjacent runs); median and 95% order-statistics interval")
    for label, field, num, den in RATIOS:
        if field is None or num not in variants or den not in variants:
            continue
        values = [float(v[num][field]) / float(v[den][field]) for v in by_round.values()
                  if num in v and den in v]
        if not values:
            continue
        line = f"  {label}\n      rounds: " + " ".join(f"{x:.3f}" for x in values)
        interval = median_interval(values)
        med = statistics.median(values)
        if interval:
            low, high, coverage = interval
            line += f"\n      median {med:.3f}  interval [{low:.3f}, {high:.3f}] (coverage {coverage:.1%}, n={len(values)})"
            if field == "rps" and "target" in label:
                verdict = ("MET (interval above 0.95)" if low >= 0.95 else
                           "NOT MET (interval below 0.95)" if high < 0.95 else "UNRESOLVED (interval spans 0.95)")
                line += f"  -> {verdict}"
            if field == "cpu_us_per_request" and "target" in label:
                # The label's own target (WebFlux: 1.03), else the servlet figures' 1/0.95.
                limit = float(label.split("target <= ")[1].split(")")[0]) if "target <= 1.03" in label else 1 / 0.95
                verdict = (f"MET (interval below {limit:.3f})" if high <= limit else
                           f"NOT MET (interval above {limit:.3f})" if low > limit else
                           f"UNRESOLVED (interval spans {limit:.3f})")
                line += f"  -> {verdict}"
        else:
            line += f"\n      median {med:.3f}  (too few rounds for an interval)"
        print(line)


if __name__ == "__main__":
    if sys.argv[1] == "schedule":
        schedule(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        sys.exit(__doc__)
