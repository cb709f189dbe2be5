#!/usr/bin/env python3
"""Compute kamgraph account reports with networkx, as an independent oracle.

The script reads an import folder (accounts.csv, people.csv and
relationships.csv, UTF-8, columns in any order, every value trimmed as the
importer trims it) and prints, as JSON, the report of every account or of
the accounts named with --account. Field names are those of the Go report
(package analytics), so a Go test can decode the output into
analytics.Report and compare it with analytics.Compute.

Every analytic is computed independently of the Go code, by the plainest
method available:

- Single points of failure: remove each node of G(A) in turn and search
  from R again.
- Bridges: remove each edge of G(A) in turn and search from R again.
- Threads: networkx local_node_connectivity between R and each customer.
- Betweenness: networkx betweenness_centrality(G, weight="length",
  normalized=True) with the integer length round(1,000,000 / strength),
  halves rounded up.
- Coverage and vendor breadth: plain Python over the relationship list.

Key stakeholders carry no min_cut, because a minimum vertex cut is not
unique. The Go tests check the cut that Compute returns on their own.

The script was written against networkx 3.6.1. The Go test TestGolden
(analytics/golden_test.go) runs it to regenerate testdata/oracle/golden
from the folders under testdata/graphs, most of which the same test
generates: see goldenSpecs in analytics/generate_test.go.

Usage:
    oracle.py FOLDER [--threshold 0.25] [--account ID ...]
                     [--expected-functions executive,finance,...]
"""

import argparse
import csv
import json
import math
import os
import sys

import networkx as nx
from networkx.algorithms.connectivity import (
    build_auxiliary_node_connectivity,
    local_node_connectivity,
)
from networkx.algorithms.flow import build_residual_network

DEFAULT_EXPECTED_FUNCTIONS = "executive,finance,it,legal,operations,procurement"
KEY_ROLES = {"decision_maker", "economic_buyer", "champion"}
KEY_SENIORITIES = {"vp", "c_level"}

# R is "our organisation". A tuple cannot clash with a person id, which is
# always a string.
R = ("R",)


def read_csv(folder, name):
    """Return the rows of one import file as dicts with trimmed values."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = []
        for row in csv.DictReader(f):
            rows.append({k.strip(): (v or "").strip() for k, v in row.items() if k is not None})
        return rows


def read_folder(folder):
    accounts = read_csv(folder, "accounts.csv")
    people = {}
    for row in read_csv(folder, "people.csv"):
        row["active"] = row.get("status", "") != "departed"
        people[row["person_id"]] = row
    relationships = []
    for row in read_csv(folder, "relationships.csv"):
        relationships.append((row["person_a"], row["person_b"], float(row["strength"])))
    return accounts, people, relationships


def edge_length(strength):
    return int(math.floor(1e6 / strength + 0.5))


def normalize_function(f):
    return f.strip().lower()


class AccountGraph:
    """G(A) of one account at one threshold, built from the whole folder."""

    def __init__(self, account_id, threshold, people, relationships):
        self.account_id = account_id
        self.customers = sorted(
            pid for pid, p in people.items()
            if p["side"] == "customer" and p.get("account_id", "") == account_id and p["active"]
        )
        customer_set = set(self.customers)
        # Qualifying relationships between an active vendor and an active
        # customer of the account, as (vendor, customer, strength).
        self.vendor_links = []
        for a, b, s in relationships:
            if s < threshold:
                continue
            for v, c in ((a, b), (b, a)):
                if c in customer_set and people[v]["side"] == "vendor" and people[v]["active"]:
                    self.vendor_links.append((v, c, s))
        self.vendors = sorted({v for v, _, _ in self.vendor_links})

        self.g = nx.Graph()
        self.g.add_nodes_from(self.customers)
        self.g.add_nodes_from(self.vendors)
        for a, b, s in relationships:
            if s >= threshold and a in self.g and b in self.g:
                self.g.add_edge(a, b, strength=s, length=edge_length(s))

        self.gr = self.g.copy()
        self.gr.add_node(R)
        for v in self.vendors:
            self.gr.add_edge(R, v)


def reached_customers(graph, customers):
    """Return the customers that a path from R reaches in graph."""
    if R not in graph:
        return set()
    return set(customers) & nx.node_connected_component(graph, R)


def single_points(ag, people, reached):
    out = []
    for v in sorted(ag.g.nodes):
        h = nx.restricted_view(ag.gr, [v], [])
        still = reached_customers(h, ag.customers)
        cut = sorted(c for c in reached if c != v and c not in still)
        if cut:
            out.append({"person_id": v, "side": people[v]["side"], "cut_off": cut})
    return out


def bridges(ag, reached):
    out = []
    for a, b in ag.g.edges:
        h = nx.restricted_view(ag.gr, [], [(a, b)])
        still = reached_customers(h, ag.customers)
        cut = sorted(c for c in reached if c not in still)
        if cut:
            a, b = min(a, b), max(a, b)
            out.append({"person_a": a, "person_b": b, "cut_off": cut})
    out.sort(key=lambda x: (x["person_a"], x["person_b"]))
    return out


def threads(ag, reached):
    auxiliary = build_auxiliary_node_connectivity(ag.gr)
    residual = build_residual_network(auxiliary, "capacity")
    out = {}
    for c in ag.customers:
        if c not in reached:
            out[c] = 0
        else:
            out[c] = local_node_connectivity(ag.gr, R, c, auxiliary=auxiliary, residual=residual)
    return out


def key_stakeholders(ag, people, thread_counts):
    by_role = [c for c in ag.customers if people[c].get("role", "") in KEY_ROLES]
    chosen = by_role or [c for c in ag.customers if people[c].get("seniority", "") in KEY_SENIORITIES]
    out = []
    for c in chosen:
        entry = {"person_id": c, "threads": thread_counts[c]}
        if people[c].get("role", ""):
            entry["role"] = people[c]["role"]
        if people[c].get("seniority", ""):
            entry["seniority"] = people[c]["seniority"]
        out.append(entry)
    return out


def dimension(ag, people, label, make_cell):
    vendors_of = {c: set() for c in ag.customers}
    for v, c, _ in ag.vendor_links:
        vendors_of[c].add(v)
    cells = {}
    for c in ag.customers:
        key = label(people[c])
        people_count, vendors = cells.get(key, (0, set()))
        cells[key] = (people_count + 1, vendors | vendors_of[c])
    out_cells = []
    covered = 0
    for key in sorted(cells):
        people_count, vendors = cells[key]
        if vendors:
            covered += 1
        cell = make_cell(key)
        cell.update({
            "people": people_count,
            "covered": bool(vendors),
            "depth": len(vendors),
            "vendors": sorted(vendors),
        })
        out_cells.append(cell)
    breadth = covered / len(cells) if cells else None
    return {"occupied": len(cells), "covered": covered, "breadth": breadth, "cells": out_cells}


def coverage(ag, people, expected_functions):
    expected = sorted({normalize_function(f) for f in expected_functions if normalize_function(f)})
    # Departed customer people count as known: uncharted means nobody of
    # that function is on record for the account at all.
    present = {normalize_function(p.get("function", "")) for p in people.values()
               if p.get("side") == "customer" and p.get("account_id") == ag.account_id}
    return {
        "function_seniority": dimension(
            ag, people,
            lambda p: (normalize_function(p.get("function", "")), p.get("seniority", "")),
            lambda k: {"function": k[0], "seniority": k[1]}),
        "business_unit": dimension(
            ag, people, lambda p: p.get("business_unit", "").strip(),
            lambda k: {"business_unit": k}),
        "geography": dimension(
            ag, people, lambda p: p.get("geography", "").strip(),
            lambda k: {"geography": k}),
        "expected_functions": expected,
        "uncharted_functions": [f for f in expected if f not in present],
    }


def vendor_breadth(ag, people):
    per_vendor = {}
    for v, c, s in ag.vendor_links:
        per_vendor.setdefault(v, []).append((c, s))
    # Sum in customer id order per vendor, then in vendor id order, so that
    # the floating-point sums are the ones the Go code forms.
    strengths = {v: sum(s for _, s in sorted(links)) for v, links in per_vendor.items()}

    vendors = sorted(strengths)
    total = 0.0
    for v in vendors:
        total += strengths[v]
    functions = sorted({normalize_function(people[v].get("function", "")) for v in vendors}
                       - {""})
    out = {
        "people": len(vendors),
        "functions": functions,
        "function_count": len(functions),
        "total_strength": total,
        "concentration": None,
        "herfindahl": None,
        "shares": [],
    }
    if not vendors:
        return out

    shares = [{"person_id": v, "strength": strengths[v], "share": strengths[v] / total}
              for v in vendors]
    herfindahl = 0.0
    for share in shares:
        herfindahl += share["share"] ** 2
    shares.sort(key=lambda x: (-x["strength"], x["person_id"]))
    out.update({
        "top_person_id": shares[0]["person_id"],
        "concentration": shares[0]["share"],
        "herfindahl": herfindahl,
        "shares": shares,
    })
    return out


def report(account_id, threshold, people, relationships, expected_functions):
    ag = AccountGraph(account_id, threshold, people, relationships)
    reached = reached_customers(ag.gr, ag.customers)
    thread_counts = threads(ag, reached)
    stakeholders = key_stakeholders(ag, people, thread_counts)
    betweenness = nx.betweenness_centrality(ag.g, weight="length", normalized=True)
    return {
        "account_id": account_id,
        "threshold": threshold,
        "people": ag.g.number_of_nodes(),
        "relationships": ag.g.number_of_edges(),
        "unreached": sorted(set(ag.customers) - reached),
        "single_points_of_failure": single_points(ag, people, reached),
        "bridges": bridges(ag, reached),
        "threads": thread_counts,
        "key_stakeholders": stakeholders,
        "bus_factor": min((s["threads"] for s in stakeholders), default=None),
        "betweenness": {v: betweenness[v] for v in sorted(betweenness)},
        "coverage": coverage(ag, people, expected_functions),
        "vendor": vendor_breadth(ag, people),
    }


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="import folder with accounts.csv, people.csv, relationships.csv")
    parser.add_argument("--threshold", type=float, default=0.25,
                        help="minimum strength of a qualifying relationship, in (0, 1]")
    parser.add_argument("--account", action="append", default=[],
                        help="account id to report on; repeat for several (default: every account)")
    parser.add_argument("--expected-functions", default=DEFAULT_EXPECTED_FUNCTIONS,
                        help="comma-separated functions whose absence is reported as uncharted")
    args = parser.parse_args(argv)
    if not 0 < args.threshold <= 1:
        parser.error(f"invalid threshold {args.threshold}: use a number greater than 0 and at most 1")

    accounts, people, relationships = read_folder(args.folder)
    account_ids = args.account or sorted(a["account_id"] for a in accounts)
    known = {a["account_id"] for a in accounts}
    for account_id in account_ids:
        if account_id not in known:
            parser.error(f"account {account_id!r} not found in {args.folder}")
    expected = args.expected_functions.split(",")
    reports = [report(a, args.threshold, people, relationships, expected) for a in account_ids]
    json.dump({"threshold": args.threshold, "reports": reports}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
