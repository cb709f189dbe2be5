#!/usr/bin/env python3
"""Summarise a scripts/load-mixed run and check the graph it left.

Reads the results file that scripts/load-mixed.lua writes and prints the
request rate, latency percentiles by request kind and the status counts.
Then reads the seed accounts back through the API and checks that each
account graph is exactly the seed plus every acknowledged import:

- an import acknowledged with 2xx must be stored whole (two people, two
  relationships);
- an import answered otherwise (429 from the rate limiter included) must
  have left nothing;
- an import still in flight when wrk stopped may be stored whole or not
  at all, never in part;
- nothing else may be stored in the seed accounts.

It exits 1 when the check fails, when any request returned 5xx or an
unexpected status, or when wrk counted socket errors. Standard library
only, so that it runs on the system Python.

Usage: load-mixed-check.py --results FILE --seed DIR --url BASE_URL
The API key for the read-back comes from LOAD_MIXED_CHECK_TOKEN.
"""

import argparse
import csv
import json
import math
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

KINDS = ("import", "report", "account", "accounts")
SOCKET_ERRORS = ("errors_connect", "errors_read", "errors_write", "errors_timeout")
MAX_LISTED = 10  # differences printed per category
READ_BACK_ATTEMPTS = 10


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", required=True, help="results file of scripts/load-mixed.lua")
    parser.add_argument("--seed", required=True, help="seed folder with accounts.csv, people.csv, relationships.csv")
    parser.add_argument("--url", required=True, help="base URL of the server, such as http://127.0.0.1:18581")
    return parser.parse_args()


class Run:
    """The responses and wrk counts of one load run."""

    def __init__(self):
        self.responses = []  # (kind, status, latency_ms, account, request_id)
        self.inflight = []  # (kind, account, request_id)
        self.unmatched = []  # lines of responses without a known request id
        self.wrk = {}


def read_results(path):
    run = Run()
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            if fields[0] == "response" and len(fields) == 6:
                _, kind, status, latency, account, request_id = fields
                run.responses.append((kind, int(status), float(latency), account, request_id))
            elif fields[0] == "inflight" and len(fields) == 4:
                run.inflight.append(tuple(fields[1:]))
            elif fields[0] == "unmatched":
                run.unmatched.append(line.strip())
            elif fields[0] == "wrk" and len(fields) == 3:
                run.wrk[fields[1]] = float(fields[2])
            else:
                raise SystemExit(f"{path}:{number}: invalid results line {line.strip()!r}")
    if "requests" not in run.wrk:
        raise SystemExit(f"{path}: no wrk summary: wrk did not reach done(), see its output above")
    return run


def percentile(sorted_values, p):
    """Return the nearest-rank percentile p of sorted_values."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def print_summary(run):
    seconds = run.wrk["duration_us"] / 1e6
    print(f"wrk: {int(run.wrk['requests'])} responses in {seconds:.1f} s, "
          f"{run.wrk['requests'] / seconds:.0f} requests/s; latency of all requests "
          f"p50 {run.wrk['latency_p50_us'] / 1000:.1f} ms, p90 {run.wrk['latency_p90_us'] / 1000:.1f} ms, "
          f"p99 {run.wrk['latency_p99_us'] / 1000:.1f} ms, max {run.wrk['latency_max_us'] / 1000:.1f} ms")
    print("socket errors: " + ", ".join(f"{name[len('errors_'):]} {int(run.wrk.get(name, 0))}"
                                        for name in SOCKET_ERRORS))
    print(f"{'kind':<9} {'responses':>9} {'2xx':>7} {'429':>6} {'other':>6} "
          f"{'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in KINDS:
        rows = [r for r in run.responses if r[0] == kind]
        latencies = sorted(r[2] for r in rows)
        ok = sum(1 for r in rows if 200 <= r[1] < 300)
        limited = sum(1 for r in rows if r[1] == 429)
        other = len(rows) - ok - limited
        if latencies:
            figures = [percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99), latencies[-1]]
        else:
            figures = [math.nan] * 4
        print(f"{kind:<9} {len(rows):>9} {ok:>7} {limited:>6} {other:>6} " +
              " ".join(f"{value:>8.1f}" for value in figures))
    print(f"imports in flight when wrk stopped: {sum(1 for r in run.inflight if r[0] == 'import')}")


def status_failures(run):
    """Return the failures of the statuses and socket counts."""
    failures = []
    statuses = {}
    for kind, status, _, _, _ in run.responses:
        statuses[(kind, status)] = statuses.get((kind, status), 0) + 1
    for (kind, status), count in sorted(statuses.items()):
        if status >= 500:
            failures.append(f"{count} {kind} requests returned {status}: no request may fail with 5xx")
        elif not 200 <= status < 300 and status != 429:
            failures.append(f"{count} {kind} requests returned {status}: expected 2xx, or 429 from the rate limiter")
    for name in SOCKET_ERRORS:
        if run.wrk.get(name, 0) > 0:
            failures.append(f"wrk counted {int(run.wrk[name])} socket {name[len('errors_'):]} errors")
    for line in run.unmatched[:MAX_LISTED]:
        failures.append(f"response without a known X-Request-ID: {line}")
    return failures


def read_csv(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def import_records(request_id, account, vendor):
    """Return the people and relationships that scripts/load-mixed.lua sends in the import request_id."""
    a, b = request_id + "-a", request_id + "-b"
    people = [
        {"person_id": a, "name": f"Load customer {request_id} A", "side": "customer", "account_id": account},
        {"person_id": b, "name": f"Load customer {request_id} B", "side": "customer", "account_id": account},
    ]
    relationships = [
        {"person_a": a, "person_b": b, "strength": "0.5", "type": "colleague"},
        {"person_a": a, "person_b": vendor, "strength": "0.4", "type": "meeting"},
    ]
    return people, relationships


def person_key(p):
    return (p["person_id"], p["side"], p.get("account_id") or "", p["name"], p.get("status") or "active")


def relationship_key(r):
    a, b = sorted((r["person_a"], r["person_b"]))
    return (a, b, round(float(r["strength"]), 6), r.get("type") or "")


def account_graph(account_id, people, relationships):
    """Apply the membership rule of graph.AccountGraph and return the keys
    of the account's people and relationships. The members are the
    account's customers and every vendor person related to one of them."""
    by_id = {p["person_id"]: p for p in people}
    customers = {p["person_id"] for p in people if p["side"] == "customer" and p["account_id"] == account_id}
    members = set(customers)
    for r in relationships:
        for end, other_end in ((r["person_a"], r["person_b"]), (r["person_b"], r["person_a"])):
            if end in customers and by_id[other_end]["side"] == "vendor":
                members.add(other_end)
    between_members = [r for r in relationships if r["person_a"] in members and r["person_b"] in members]
    return ({person_key(by_id[m]) for m in members}, {relationship_key(r) for r in between_members})


def get_json(url, path, token):
    request = urllib.request.Request(url + path, headers={"Authorization": "Bearer " + token})
    for _ in range(READ_BACK_ATTEMPTS):
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)
        except urllib.error.HTTPError as err:
            if err.code != 429:
                raise SystemExit(f"GET {path} failed with {err.code}: {err.read().decode(errors='replace')}")
            time.sleep(int(err.headers.get("Retry-After", "1")))
    raise SystemExit(f"GET {path} returned 429 {READ_BACK_ATTEMPTS} times: lower the load or raise --rate-limit")


class Stored:
    """The person and relationship keys stored in the seed accounts."""

    def __init__(self, graphs):
        self.people = set()
        self.relationships = set()
        for graph in graphs.values():
            self.people |= {person_key(p) for p in graph["people"]}
            self.relationships |= {relationship_key(r) for r in graph["relationships"]}

    def count_present(self, people, relationships):
        """Return how many of the records are stored."""
        present = sum(1 for p in people if person_key(p) in self.people)
        return present + sum(1 for r in relationships if relationship_key(r) in self.relationships)


def graph_failures(run, seed, url, token):
    """Read the seed accounts back and return the differences from the expected graph."""
    accounts = read_csv(seed, "accounts.csv")
    people = read_csv(seed, "people.csv")
    relationships = read_csv(seed, "relationships.csv")
    vendor_of = {a["account_id"]: a["owner_id"] for a in accounts}
    failures = []

    listed = get_json(url, "/api/v1/accounts", token)["accounts"]
    run_prefix = os.path.commonprefix([a["account_id"] for a in accounts])
    got_accounts = sorted((a["account_id"], a["name"]) for a in listed if a["account_id"].startswith(run_prefix))
    want_accounts = sorted((a["account_id"], a["name"]) for a in accounts)
    if got_accounts != want_accounts:
        failures.append(f"accounts of this run: got {got_accounts}, want the seed accounts {want_accounts}")

    graphs = {a["account_id"]: get_json(url, "/api/v1/accounts/" + urllib.parse.quote(a["account_id"]), token)
              for a in accounts}
    stored = Stored(graphs)

    outcome = {"acknowledged": 0, "rejected": 0, "in flight, applied": 0, "in flight, not applied": 0}
    imports = [(status, account, request_id) for kind, status, _, account, request_id in run.responses
               if kind == "import"]
    imports += [(None, account, request_id) for kind, account, request_id in run.inflight if kind == "import"]
    for status, account, request_id in imports:
        new_people, new_relationships = import_records(request_id, account, vendor_of[account])
        present = stored.count_present(new_people, new_relationships)
        total = len(new_people) + len(new_relationships)
        if status is not None and 200 <= status < 300:
            outcome["acknowledged"] += 1
            if present != total:
                failures.append(f"import {request_id} was acknowledged with {status} but {present} of its "
                                f"{total} records are stored: an acknowledged write was lost")
        elif status is not None:
            outcome["rejected"] += 1
            if present != 0:
                failures.append(f"import {request_id} was answered {status} but {present} of its "
                                f"{total} records are stored: a rejected import was applied")
        elif present == total:
            outcome["in flight, applied"] += 1
        elif present == 0:
            outcome["in flight, not applied"] += 1
        else:
            failures.append(f"import {request_id} was in flight when wrk stopped and {present} of its "
                            f"{total} records are stored: an import was applied in part")
        if present == total:
            people += new_people
            relationships += new_relationships
    print("imports: " + ", ".join(f"{name} {count}" for name, count in outcome.items()))

    for account in accounts:
        account_id = account["account_id"]
        want_people, want_relationships = account_graph(account_id, people, relationships)
        got = graphs[account_id]
        got_people = {person_key(p) for p in got["people"]}
        got_relationships = {relationship_key(r) for r in got["relationships"]}
        failures += differences(account_id, "person", got_people, want_people)
        failures += differences(account_id, "relationship", got_relationships, want_relationships)
        print(f"account {account_id}: {len(got_people)} people and {len(got_relationships)} relationships "
              f"stored, {len(want_people)} and {len(want_relationships)} expected")
    return failures


def differences(account_id, noun, got, want):
    out = [f"account {account_id}: {noun} {key} is missing" for key in sorted(want - got)[:MAX_LISTED]]
    out += [f"account {account_id}: {noun} {key} is stored but neither the seed nor an applied import "
            f"contains it" for key in sorted(got - want)[:MAX_LISTED]]
    return out


def main():
    args = parse_args()
    token = os.environ.get("LOAD_MIXED_CHECK_TOKEN")
    if not token:
        raise SystemExit("missing LOAD_MIXED_CHECK_TOKEN: set it to an API key that may read every account")
    run = read_results(args.results)
    print_summary(run)
    failures = status_failures(run)
    failures += graph_failures(run, args.seed, args.url.rstrip("/"), token)
    if failures:
        for failure in failures:
            print("FAIL: " + failure)
        return 1
    print("check passed: the seed accounts hold the seed and every acknowledged import, whole, and nothing else")
    return 0


if __name__ == "__main__":
    sys.exit(main())
