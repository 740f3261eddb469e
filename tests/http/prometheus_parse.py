#!/usr/bin/python3
"""Reads a Prometheus text exposition (format 0.0.4) on standard input, checks it line by
line more strictly than Prometheus itself would, parses it with prometheus_client's own
parser (Debian: python3-prometheus-client), and writes what it found as JSON:

  {"families": [{"name", "type", "help"}...],
   "samples": [{"name", "labels": {...}, "value"}...]}

Any problem is written to standard error and the exit status is 1. tests/http/metrics_test.cc
runs it on what GET /metrics answers.
"""
import json
import math
import re
import sys

from prometheus_client.parser import text_string_to_metric_families

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r"[a-zA-Z_][a-zA-Z0-9_]*"
# A label value: any character but a backslash, a double quote or a line feed, or one of
# the three escapes.
VALUE = r'(?:[^"\\\n]|\\\\|\\"|\\n)*'
SAMPLE = re.compile(
    rf"^({NAME})(?:\{{((?:{LABEL}=\"{VALUE}\")(?:,{LABEL}=\"{VALUE}\")*)?\}})? (\S+)$")
LABEL_PAIR = re.compile(rf"({LABEL})=\"({VALUE})\"")
HELP = re.compile(rf"^# HELP ({NAME}) (.*)$")
TYPE = re.compile(rf"^# TYPE ({NAME}) (counter|gauge|histogram|summary|untyped)$")
NUMBER = re.compile(r"^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf|NaN)$")


def unescape(value):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "\\": "\\", '"': '"'}[m.group(1)], value)


def number(text):
    return {"+Inf": math.inf, "-Inf": -math.inf, "NaN": math.nan}.get(text) or float(text)


def check(text):
    """Strict checks; returns a list of problems."""
    problems = []
    if text and not text.endswith("\n"):
        problems.append("the last line has no line feed")
    families = {}  # name -> {"help", "type", "done"}
    current = None
    seen = set()
    buckets = {}  # (family, labels without le) -> [(le, count)]
    counts = {}   # (family, labels) -> _count
    for number_, line in enumerate(text.split("\n")[:-1], start=1):
        where = f"line {number_}"
        if line == "" or line != line.strip():
            problems.append(f"{where}: blank, or white space around it: {line!r}")
            continue
        if line.startswith("#"):
            help_ = HELP.match(line)
            type_ = TYPE.match(line)
            if help_:
                name = help_.group(1)
                if name in families:
                    problems.append(f"{where}: a second HELP or a family split in two: {name}")
                families[name] = {"help": help_.group(2), "type": None}
                if current is not None and families[current]["type"] is None:
                    problems.append(f"{where}: {current} has no TYPE")
                current = name
            elif type_:
                name = type_.group(1)
                if name != current or families[name]["type"] is not None:
                    problems.append(f"{where}: TYPE of {name} not right after its HELP")
                    families.setdefault(name, {"help": None, "type": None})
                families[name]["type"] = type_.group(2)
                current = name
            else:
                problems.append(f"{where}: a comment that is neither HELP nor TYPE: {line}")
            continue
        m = SAMPLE.match(line)
        if not m:
            problems.append(f"{where}: not a sample line: {line}")
            continue
        name, labels_text, value = m.group(1), m.group(2) or "", m.group(3)
        if not NUMBER.match(value):
            problems.append(f"{where}: not a number: {value}")
            continue
        labels = [(k, unescape(v)) for k, v in LABEL_PAIR.findall(labels_text)]
        if len({k for k, _ in labels}) != len(labels):
            problems.append(f"{where}: a label given twice")
        if current is None or families[current]["type"] is None:
            problems.append(f"{where}: a sample before its family's HELP and TYPE")
            continue
        kind = families[current]["type"]
        suffix = name[len(current):] if name.startswith(current) else None
        allowed = ("_bucket", "_sum", "_count") if kind == "histogram" else ("",)
        if suffix not in allowed:
            problems.append(f"{where}: {name} does not belong to the family {current} ({kind})")
            continue
        series = (name, tuple(sorted(labels)))
        if series in seen:
            problems.append(f"{where}: the series {name}{labels} is given twice")
        seen.add(series)
        if not name.startswith("lookout_"):
            problems.append(f"{where}: {name} lacks the lookout_ prefix")
        if kind == "histogram":
            rest = tuple(sorted((k, v) for k, v in labels if k != "le"))
            if suffix == "_bucket":
                le = dict(labels).get("le")
                if le is None:
                    problems.append(f"{where}: a bucket without le")
                    continue
                buckets.setdefault((current, rest), []).append((number(le), number(value)))
            elif suffix == "_count":
                counts[(current, rest)] = number(value)
        elif kind == "counter" and not (number(value) >= 0):
            problems.append(f"{where}: a counter below zero: {value}")
    for key, series in buckets.items():
        les = [le for le, _ in series]
        if les != sorted(les) or len(set(les)) != len(les):
            problems.append(f"{key}: bucket bounds out of order")
        if not les or les[-1] != math.inf:
            problems.append(f"{key}: no +Inf bucket")
        values = [v for _, v in series]
        if values != sorted(values):
            problems.append(f"{key}: buckets that are not cumulative: {values}")
        if key not in counts or (values and counts[key] != values[-1]):
            problems.append(f"{key}: _count differs from the +Inf bucket")
    for name, family in families.items():
        if family["type"] is None:
            problems.append(f"{name} has no TYPE")
    return problems


def main():
    text = sys.stdin.read()
    problems = check(text)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return 1
    families = []
    samples = []
    for family in text_string_to_metric_families(text):
        families.append({"name": family.name, "type": family.type, "help": family.documentation})
        for s in family.samples:
            samples.append({"name": s.name, "labels": s.labels,
                            "value": None if math.isnan(s.value) else s.value})
    lines = sum(1 for line in text.split("\n") if line and not line.startswith("#"))
    if lines != len(samples):
        print(f"prometheus_client read {len(samples)} samples of {lines} lines", file=sys.stderr)
        return 1
    json.dump({"families": families, "samples": samples}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
