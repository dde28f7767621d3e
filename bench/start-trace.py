#!/usr/bin/env python3
"""Breakdown of `ocs start --detach` from the traces bench/fig-start.sh leaves with
OCS_BENCH_TRACE=1 (WORK/trace-N.txt: the app's debug log with timestamps, then the
container's log from `docker logs -t`; WORK/floor-trace-N.txt: the floor container's log).

Usage: bench/start-trace.py WORK   -> a Markdown table: median and range of each step (s).
"""
import glob
import re
import statistics
import sys
from datetime import datetime, timezone


def stamp(text):
    text = text.rstrip("Z")
    if "." in text:
        whole, frac = text.split(".", 1)
        text = whole + "." + frac[:6]
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()


# (name, pattern in the line) in the order they happen; the first match counts.
MARKS = [
    ("t0", None),
    ("version", 'run: "' + r'\S*docker version'),
    ("run", 'run: "' + r'\S*docker run'),
    ("run_done", None),
    ("firewall", "ocs-entrypoint: firewall up"),
    ("squid0", r"\| Starting Squid Cache"),
    ("squid1", "ocs-entrypoint: squid listening"),
    ("gate", "ocs-gate: listening"),
    ("exec", "ocs-entrypoint: starting opencode"),
    ("listening", "opencode server listening"),
    ("running", r"state ocs::SandboxController::State::Running"),
]
STEPS = [
    ("ocs start-up (process, config)", "t0", "version"),
    ("engine calls before `run` (version, inspect)", "version", "run"),
    ("`docker run` (the CLI call)", "run", "run_done"),
    ("`run` called to firewall up (container start, checks, firewall)", "run", "firewall"),
    ("firewall up to Squid starting (certificate, config, parse)", "firewall", "squid0"),
    ("Squid starting to OpenCode started (gate ready, state folder)", "squid0", "exec"),
    ("OpenCode started to listening", "exec", "listening"),
    ("OpenCode listening to `ocs` sees it healthy", "listening", "running"),
    ("total to healthy", "t0", "running"),
    # Off the critical path since OpenCode starts while Squid does (entrypoint.sh).
    ("(meanwhile) Squid starting to ready (chain probe)", "squid0", "squid1"),
    ("(meanwhile) Squid ready, after OpenCode started", "exec", "squid1"),
]

def marks_of(path):
    m = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if line.startswith("t0 "):
            m["t0"] = stamp(line[3:])
            continue
        head, _, rest = line.partition(" ")
        if not re.match(r"\d{4}-\d\d-\d\dT", head):
            continue
        t = stamp(head)
        if "run" in m and "run_done" not in m and re.search(r'done: "\S*docker"', rest):
            m["run_done"] = t
        for name, pattern in MARKS:
            if pattern and name not in m and re.search(pattern, rest):
                m[name] = t
    return m


def table(rows):
    print("| step | median s | range s |")
    print("| --- | ---: | ---: |")
    for name, values in rows:
        if values:
            print(f"| {name} | {statistics.median(values):.2f} | "
                  f"{min(values):.2f}-{max(values):.2f} |")


def main():
    work = sys.argv[1]
    ours = [marks_of(f) for f in sorted(glob.glob(work + "/trace-*.txt"))]
    rows = []
    for name, a, b in STEPS:
        rows.append((name, [m[b] - m[a] for m in ours if a in m and b in m]))
    floor = [marks_of(f) for f in sorted(glob.glob(work + "/floor-trace-*.txt"))]
    floor = [m for m in floor if "t0" in m and "listening" in m]
    if floor:
        rows.append(("floor: `docker run` to OpenCode listening",
                     [m["listening"] - m["t0"] for m in floor]))
    print(f"{len(ours)} starts, {len(floor)} floor starts")
    table(rows)


if __name__ == "__main__":
    main()
