#!/usr/bin/env python3
"""Time kamgraph against networkx and igraph on generated accounts.

For each size (S, M and L of package graph/gen), the script

1. writes the generated account as an import folder with
   `go run ./graph/gen/cmd/genaccount`;
2. gets kamgraph's report from the CLI,
   `go run ./cmd/kamgraph report --data DIR --account ID --format json`;
3. builds G(A) and G(A)+R from the folder with the networkx oracle
   (testdata/oracle/oracle.py), so both sides read the same definitions;
4. checks that networkx and igraph AGREE with kamgraph before any number
   is reported, and stops with an error naming the first difference:
   - betweenness: networkx betweenness_centrality(G, weight="length",
     normalized=True) and igraph Graph.betweenness(weights=...) with the
     integer lengths, within 1e-9 of kamgraph at every node;
   - articulation points of G(A)+R: every kamgraph single point of
     failure is one, the others cut off no reached customer, and the
     cut_off lists of the first 200 single points by id match a search
     from R without the person;
   - local node connectivity from R to each key stakeholder equals its
     threads in the report;
5. times each library, as wall-clock time and as the CPU time of the
   process. The agreement check of a slow step is its first timed run, so
   networkx betweenness on M and igraph on L run once, and no timing is
   printed unless every check passes. Faster steps run --count times after
   their check and report the median;
6. times kamgraph with its Go benchmarks on the same generated graphs
   (analytics/report_bench_test.go), `go test -bench ... -count N`, and
   reports the median ns/op and cpu-ns/op;
7. prints every time and the ratios, and writes them as JSON with --json.

CPU time is summed over threads: kamgraph uses both cores, networkx and
igraph one. On a machine that other jobs load, wall-clock times grow with
the load and CPU times much less, so the script prints both.

networkx is skipped on L unless --networkx-l is given, because its
betweenness alone would take hours there. Run from anywhere; the script
finds the repository from its own path. It needs the venv at
.cache/venv with networkx 3.6.1 and igraph (pip install igraph).

Usage:
    compare.py [--sizes S,M,L] [--count 5] [--go-count 5] [--networkx-l]
               [--data-dir .cache/bench] [--json results.json]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(REPO, "testdata", "oracle"))

import networkx as nx  # noqa: E402
import oracle  # noqa: E402
from networkx.algorithms.connectivity import (  # noqa: E402
    build_auxiliary_node_connectivity,
    local_node_connectivity,
)
from networkx.algorithms.flow import build_residual_network  # noqa: E402

try:
    import igraph
except ImportError:
    sys.exit("compare.py: igraph is missing: run .cache/venv/bin/pip install igraph")

ACCOUNT = "ACME"
THRESHOLD = 0.25
TOLERANCE = 1e-9


class Disagreement(Exception):
    """A library's result differs from kamgraph's."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kwargs):
    """Run cmd in the repository and return its standard output."""
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"compare.py: {' '.join(cmd)} failed with status {result.returncode}:\n{result.stderr}")
    return result.stdout


def generate(size, data_dir):
    folder = os.path.join(data_dir, size)
    log(f"{size}: generating {folder}")
    run(["go", "run", "./graph/gen/cmd/genaccount", "-size", size, "-out", folder])
    return folder


def kamgraph_report(folder):
    out = run(["go", "run", "./cmd/kamgraph", "report", "--data", folder,
               "--account", ACCOUNT, "--format", "json"])
    return json.loads(out)


def timed(fn, count):
    """Return fn's first result and the medians of count runs' wall-clock and CPU seconds."""
    walls, cpus = [], []
    result = None
    for i in range(count):
        start, start_cpu = time.perf_counter(), time.process_time()
        value = fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
        if i == 0:
            result = value
    return result, {"wall": statistics.median(walls), "cpu": statistics.median(cpus)}


def compare_scores(name, got, want):
    """Raise Disagreement unless got and want have the same keys and values within TOLERANCE."""
    if set(got) != set(want):
        raise Disagreement(f"{name}: nodes differ: {sorted(set(got) ^ set(want))[:5]}")
    worst = max(want, key=lambda v: abs(got[v] - want[v]))
    if abs(got[worst] - want[worst]) > TOLERANCE:
        raise Disagreement(f"{name} of {worst} = {got[worst]!r}, kamgraph {want[worst]!r}")


# networkx steps


def nx_betweenness(ag):
    return nx.betweenness_centrality(ag.g, weight="length", normalized=True)


def nx_articulation_points(ag):
    return set(nx.articulation_points(ag.gr)) - {oracle.R}


def key_stakeholders(ag, people):
    by_role = [c for c in ag.customers if people[c].get("role", "") in oracle.KEY_ROLES]
    return by_role or [c for c in ag.customers if people[c].get("seniority", "") in oracle.KEY_SENIORITIES]


def nx_connectivity(ag, keys, reached):
    auxiliary = build_auxiliary_node_connectivity(ag.gr)
    residual = build_residual_network(auxiliary, "capacity")
    return {k: (local_node_connectivity(ag.gr, oracle.R, k, auxiliary=auxiliary, residual=residual)
                if k in reached else 0) for k in keys}


def check_single_points(ag, report, points, reached):
    """Check kamgraph's single points of failure against networkx's articulation points."""
    ours = {p["person_id"]: p["cut_off"] for p in report["single_points_of_failure"]}
    missing = sorted(set(ours) - points)
    if missing:
        raise Disagreement(f"single points of failure {missing[:5]} "
                           "are not articulation points of G(A)+R")
    for v in sorted(points - set(ours)) + sorted(ours)[:200]:
        still = oracle.reached_customers(nx.restricted_view(ag.gr, [v], []), ag.customers)
        lost = sorted(c for c in reached if c != v and c not in still)
        if lost != ours.get(v, []):
            raise Disagreement(f"removing {v} cuts off {lost[:5]}..., "
                               f"kamgraph reports {ours.get(v, [])[:5]}...")


def check_connectivity(report, connectivity):
    threads = {s["person_id"]: s["threads"] for s in report["key_stakeholders"]}
    if set(threads) != set(connectivity):
        raise Disagreement(f"key stakeholders differ: {sorted(set(threads) ^ set(connectivity))[:5]}")
    for k, value in connectivity.items():
        if threads[k] != value:
            raise Disagreement(f"local node connectivity R..{k} = {value}, kamgraph threads {threads[k]}")


# igraph


def igraph_graph(ag):
    ids = sorted(ag.g.nodes)
    index = {v: i for i, v in enumerate(ids)}
    g = igraph.Graph(n=len(ids), edges=[(index[a], index[b]) for a, b in ag.g.edges])
    g.es["length"] = [ag.g.edges[a, b]["length"] for a, b in ag.g.edges]
    return g, ids


def igraph_betweenness(g, ids):
    n = len(ids)
    raw = g.betweenness(weights="length", directed=False)
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0
    return {v: raw[i] * scale for i, v in enumerate(ids)}


# kamgraph benchmarks

BENCH_LINE = re.compile(r"^Benchmark(\w+)/(\w+)-\d+\s+\d+\s+([\d.]+) ns/op\s+([\d.]+) cpu-ns/op")


def go_benchmarks(sizes, count):
    """Return the median wall-clock and CPU seconds of kamgraph's benchmarks, keyed by (name, size)."""
    names = "Compute|Betweenness|CutPoints|KeyStakeholders|Threads"
    pattern = f"^Benchmark({names})$/^({'|'.join(sizes)})$"
    log(f"kamgraph: go test -bench '{pattern}' -count {count}")
    out = run(["go", "test", "./analytics", "-run", "^$", "-bench", pattern, "-benchmem",
               "-count", str(count), "-timeout", "60m"])
    samples = {}
    for line in out.splitlines():
        if m := BENCH_LINE.match(line):
            samples.setdefault((m[1], m[2]), []).append((float(m[3]) / 1e9, float(m[4]) / 1e9))
    medians = {}
    for key, values in samples.items():
        medians[key] = {"wall": statistics.median(w for w, _ in values),
                        "cpu": statistics.median(c for _, c in values)}
    return medians, out


def measure(size, folder, args, kam):
    accounts, people, relationships = oracle.read_folder(folder)
    ag = oracle.AccountGraph(ACCOUNT, THRESHOLD, people, relationships)
    report = kamgraph_report(folder)
    if (report["people"], report["relationships"]) != (ag.g.number_of_nodes(), ag.g.number_of_edges()):
        raise Disagreement(f"G(A) sizes differ: kamgraph {report['people']} people, "
                           f"{report['relationships']} relationships; networkx {ag.g.number_of_nodes()}, "
                           f"{ag.g.number_of_edges()}")
    row = {"size": size, "people": report["people"], "relationships": report["relationships"]}

    g, ids = igraph_graph(ag)
    log(f"{size}: igraph betweenness")
    if size == "L":
        # One run takes minutes, so the checked run is also the timed one.
        scores, row["igraph_betweenness"] = timed(lambda: igraph_betweenness(g, ids), 1)
        compare_scores("igraph betweenness", scores, report["betweenness"])
    else:
        compare_scores("igraph betweenness", igraph_betweenness(g, ids), report["betweenness"])
        _, row["igraph_betweenness"] = timed(lambda: igraph_betweenness(g, ids), args.count)

    if size != "L" or args.networkx_l:
        reached = oracle.reached_customers(ag.gr, ag.customers)
        log(f"{size}: networkx articulation points")
        points, row["networkx_articulation_points"] = timed(lambda: nx_articulation_points(ag), args.count)
        check_single_points(ag, report, points, reached)

        keys = key_stakeholders(ag, people)
        log(f"{size}: networkx local node connectivity for {len(keys)} key stakeholders")
        connectivity, row["networkx_connectivity"] = timed(lambda: nx_connectivity(ag, keys, reached),
                                                           args.count if size == "S" else 1)
        check_connectivity(report, connectivity)

        log(f"{size}: networkx betweenness")
        runs = args.count if size == "S" else 1
        scores, row["networkx_betweenness"] = timed(lambda: nx_betweenness(ag), runs)
        compare_scores("networkx betweenness", scores, report["betweenness"])

    for name in ("Compute", "Betweenness", "CutPoints", "KeyStakeholders", "Threads"):
        row[f"kamgraph_{name}"] = kam.get((name, size))
    return row


def ratio(a, b):
    return f"{a / b:7.1f}x" if a and b else "       -"


def seconds(x):
    return f"{x:9.4f}" if x is not None else "        -"


def print_row(row):
    size = row["size"]
    compute = row["kamgraph_Compute"]
    print(f"\n{size}: {row['people']} people, {row['relationships']} relationships in G(A)")
    print(f"  {'step':46} {'wall s':>9} {'cpu s':>9} {'wall vs':>8} {'cpu vs':>8}")
    lines = [
        ("kamgraph full report (Compute)", compute, None),
        ("kamgraph Betweenness", row["kamgraph_Betweenness"], None),
        ("kamgraph CutPoints", row["kamgraph_CutPoints"], None),
        ("kamgraph KeyStakeholders (threads + min cuts)", row["kamgraph_KeyStakeholders"], None),
        ("kamgraph Threads (every customer)", row["kamgraph_Threads"], None),
        ("igraph betweenness", row["igraph_betweenness"], row["kamgraph_Betweenness"]),
        ("networkx betweenness", row.get("networkx_betweenness"), row["kamgraph_Betweenness"]),
        ("networkx articulation points", row.get("networkx_articulation_points"), row["kamgraph_CutPoints"]),
        ("networkx connectivity to key stakeholders", row.get("networkx_connectivity"),
         row["kamgraph_KeyStakeholders"]),
    ]
    for name, value, base in lines:
        value, base = value or {}, base or {}
        print(f"  {name:46} {seconds(value.get('wall'))} {seconds(value.get('cpu'))}"
              f" {ratio(value.get('wall'), base.get('wall')) if base else '':>8}"
              f" {ratio(value.get('cpu'), base.get('cpu')) if base else '':>8}")
    nx_bc, ig_bc = row.get("networkx_betweenness") or {}, row["igraph_betweenness"]
    print("  ratios of the full report (Compute), wall-clock and CPU:")
    print(f"    networkx betweenness / report: {ratio(nx_bc.get('wall'), compute.get('wall'))}"
          f" {ratio(nx_bc.get('cpu'), compute.get('cpu'))}   (target at least 50x on M)")
    print(f"    report / igraph betweenness:   {compute['wall'] / ig_bc['wall']:7.2f}"
          f"  {compute['cpu'] / ig_bc['cpu']:7.2f}    (target at most 2 on M)")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="S,M,L", help="comma-separated sizes among S, M, L")
    parser.add_argument("--count", type=int, default=5, help="timed runs of each fast Python step")
    parser.add_argument("--go-count", type=int, default=5, help="-count of the Go benchmarks")
    parser.add_argument("--networkx-l", action="store_true",
                        help="also run networkx on L (an estimate: 100 times M, about 3 hours)")
    parser.add_argument("--data-dir", default=os.path.join(REPO, ".cache", "bench"),
                        help="folder for the generated import folders (kept out of git)")
    parser.add_argument("--json", help="file to write the measurements to")
    args = parser.parse_args(argv)
    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    if not sizes or any(s not in ("S", "M", "L") for s in sizes):
        parser.error(f"invalid --sizes {args.sizes!r}: use a comma-separated list of S, M and L")

    folders = {size: generate(size, args.data_dir) for size in sizes}
    kam, raw = go_benchmarks(sizes, args.go_count)
    rows = []
    try:
        for size in sizes:
            rows.append(measure(size, folders[size], args, kam))
    except Disagreement as e:
        sys.exit(f"compare.py: results disagree, no timing reported: {e}")

    print(f"networkx {nx.__version__}, igraph {igraph.__version__}, Python {sys.version.split()[0]}")
    for row in rows:
        print_row(row)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": rows, "go_benchmarks": raw}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
