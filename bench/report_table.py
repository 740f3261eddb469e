#!/usr/bin/env python3
"""Prints report_bench's times beside those of the hand-written SQL in sqlite3 and psql.

Usage: bench/report_table.py REPORT_BENCH.json [AGGREGATES.tsv ...]

REPORT_BENCH.json is report_bench's --benchmark_out (JSON); each AGGREGATES.tsv is the
output of bench/report_aggregates.sh. Rows are matched by key: report_bench names its
benchmarks "ENGINE/KEY: what", the SQL file its queries "-- query KEY: what".
"""
import json
import sys

SCALE = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def seconds(text):
    return f"{text:.3f} s" if text >= 0.1 else f"{text * 1000:.1f} ms"


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        runs = json.load(f)["benchmarks"]
    app = {}        # (engine, key) -> seconds
    app_words = {}  # key -> Lookout's call, in words
    sql_words = {}  # key -> the hand-written query, in words
    order = []      # keys in the order first seen
    for run in runs:
        if run.get("run_type", "iteration") != "iteration" or run.get("error_occurred"):
            continue
        name = run["name"].split("/iterations:")[0].split("/min_time:")[0].split("/real_time")[0]
        engine, _, rest = name.partition("/")
        key, _, words = rest.partition(":")
        key = key.strip()
        if engine == "render national report":
            engine, key, words = "render", "render-" + rest, "render the national report as " + rest
        app[(engine, key)] = run["real_time"] * SCALE[run["time_unit"]]
        app_words.setdefault(key, words.strip())
        if key not in order:
            order.append(key)
    cli = {}  # (tool, key) -> (seconds, rows)
    for path in argv[2:]:
        with open(path) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 5:
                    continue
                tool, key, words, secs, rows = parts
                cli[(tool, key)] = (float(secs), rows)
                sql_words.setdefault(key, words)
                if key not in order:
                    order.append(key)

    def cell(value):
        return seconds(value) if value is not None else ""

    print("| aggregate (hand-written query) | Lookout's call | SQLite: Lookout | sqlite3 "
          "| PostgreSQL: Lookout | psql |")
    print("|---|---|---|---|---|---|")
    for key in order:
        if key.startswith("render-"):
            continue
        s_cli = cli.get(("sqlite3", key))
        p_cli = cli.get(("psql", key))
        query = sql_words.get(key, "(the whole report: no one query)")
        print(f"| {query} | {app_words.get(key, '')} "
              f"| {cell(app.get(('sqlite', key)))} "
              f"| {cell(s_cli[0] if s_cli else None)} "
              f"| {cell(app.get(('postgresql', key)))} "
              f"| {cell(p_cli[0] if p_cli else None)} |")
    renders = [k for k in order if k.startswith("render-")]
    if renders:
        print()
        print("| rendering the national report (no database; mean over at least 0.5 s of runs) "
              "| time |")
        print("|---|---|")
        for key in renders:
            print(f"| {key[len('render-'):]} | {cell(app.get(('render', key)))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
