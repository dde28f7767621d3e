#!/usr/bin/env bash
# Runs the benchmark figures (bench/fig-*.sh) on the real engine and collects their RESULT
# lines into one machine-readable result file, with the machine they ran on, and prints the
# table (figure, median, spread, floor, ratio, target, met/MISSED).
#
# Usage: bench/run-bench.sh [--build-dir DIR] [--only FIG,...] [--out FILE] [--runs N]
#        bench/run-bench.sh --report [--out FILE] RESULT_FILE...
#   --build-dir  the build tree with ocs, opencode-sandbox, gateway_bench, tray_floor
#                (default: build-release, else build-tests, next to this folder)
#   --only       figures by number or name: 1 start, 2 allow, 3 rebuild, 4 tray, 5 gateway,
#                6 scale, 7 proxy (default: all)
#   --out        the result file (default bench/results/latest.json)
#   --runs       repetitions of every figure (default 5, at least 5 for a published figure)
#
#   --report     merges result files of separate runs (figures in order; the machine of the
#                first) into --out and prints the table as Markdown (for the README)
#
# Each figure script gets BENCH_BUILD_DIR and BENCH_RUNS in its environment. The scripts that
# use the container engine run under `flock /tmp/ocs-e2e.lock` (the engine is shared), one
# script per hold. Exit: 0 when every script ran (MISSED targets are reported in the table
# and the file, not hidden), 1 when a figure script failed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

build=""
only=""
report=0
out="$here/results/latest.json"
runs=5
while (($#)); do
    case "$1" in
        --build-dir) build=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --report) report=1; shift ;;
        -h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run-bench: unknown argument $1" >&2; exit 2 ;;
        *) ((report)) || { echo "run-bench: unknown argument $1" >&2; exit 2; }; break ;;
    esac
done
if ((report)); then
    (($#)) || { echo "run-bench: --report needs result files" >&2; exit 2; }
    python3 - "$out" "$@" <<'PY'
import json, sys
out, files = sys.argv[1], sys.argv[2:]
docs = [json.load(open(f)) for f in files]
merged = dict(docs[0])
# Each figure keeps the run it came from (a merged file's figures already say it).
for d in docs:
    for f in d["figures"]:
        f.setdefault("run", {"date": d.get("date"), "commit": d.get("commit"), "dirty": d.get("dirty")})
merged["figures"] = sorted((f for d in docs for f in d["figures"]), key=lambda f: f["number"])
merged["runs_merged"] = [r for d in docs for r in (d.get("runs_merged") or [{k: d.get(k) for k in ("date", "commit", "dirty", "runs")} | {"load_average": d["machine"].get("load_average")}])]
merged["missing"] = sorted({m for d in docs for m in d.get("missing", [])})
merged["failed"] = sorted({m for d in docs for m in d.get("failed", [])})
with open(out, "w") as f:
    json.dump(merged, f, indent=1)
    f.write("\n")
def num(v):
    if v is None:
        return "–"
    return f"{v:.3g}" if abs(v) < 1000 else f"{v:.0f}"
m = merged["machine"]
print(f"Machine: {m['cpu']}, {m['cores']} CPUs, {m['ram_gib']} GiB RAM, Linux {m['kernel']}, "
      f"{m['os']}, {m['engine']}; shared with other jobs (load average "
      + ", ".join(f"{r['load_average'][0]:.1f}" if r["load_average"] else "?" for r in merged["runs_merged"]) + ").")
print(f"Dates: {', '.join(sorted({r['date'] for r in merged['runs_merged']}))}; commits "
      f"{', '.join(sorted({(r['commit'] or '?')[:10] + (' (dirty)' if r['dirty'] else '') for r in merged['runs_merged']}))}.")
print()
print("| # | figure | median | spread (min–max) | floor (median) | ratio | target | |")
print("|---|---|---|---|---|---|---|---|")
names = {1: "start to ready (fig-start.sh)", 2: "live allow (fig-allow.sh)", 3: "rebuilds (fig-rebuild.sh)",
         4: "tray at rest (fig-tray.sh)", 5: "gateway (fig-gateway.sh)", 6: "scale (fig-scale.sh)",
         7: "proxy cost (fig-proxy.sh)"}
rows = list(merged["figures"])
have = {f["number"] for f in rows}
rows += [{"number": n, "missing": True} for n in names if n not in have]
rows.sort(key=lambda f: f["number"])
for f in rows:
    if f.get("missing"):
        print(f"| {f['number']} | {names[f['number']]} | not measured in these runs | | | | | |")
        continue
    u = f.get("unit", "")
    print(f"| {f['number']} | `{f['figure']}` | {num(f.get('median'))} {u} | {num(f.get('min'))}–{num(f.get('max'))} | "
          + (f"{num(f.get('floor_median'))} {u}" if "floor_median" in f else "") + " | "
          + (num(f.get("ratio")) if "ratio" in f else "") + f" | {f.get('target', '')} | "
          + {True: "met", False: "**MISSED**", None: "reported"}[f.get("pass")] + " |")
PY
    exit $?
fi
if [[ -z "$build" ]]; then
    for b in "$root/build-release" "$root/build-tests" "$root/build"; do
        [[ -x "$b/src/cli/ocs" ]] && { build=$b; break; }
    done
fi
[[ -n "$build" && -d "$build" ]] || { echo "run-bench: no build tree (use --build-dir)" >&2; exit 2; }
build=$(cd "$build" && pwd)
[[ "$runs" =~ ^[0-9]+$ ]] || { echo "run-bench: --runs needs a number" >&2; exit 2; }
((runs >= 5)) || echo "run-bench: warning: $runs runs (a published figure needs at least 5)" >&2

# number name engine(1/0): the figures in the order of issue 14.
figures=("1 start 1" "2 allow 1" "3 rebuild 1" "4 tray 1" "5 gateway 0" "6 scale 1" "7 proxy 1")
selected() {
    [[ -z "$only" ]] && return 0
    local f
    for f in ${only//,/ }; do [[ "$f" == "$1" || "$f" == "$2" ]] && return 0; done
    return 1
}

mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/results"
failed=()
for f in "${figures[@]}"; do
    read -r num name engine <<<"$f"
    selected "$num" "$name" || continue
    script=$here/fig-$name.sh
    if [[ ! -x "$script" ]]; then
        echo "run-bench: figure $num ($name): no $script" >&2
        printf '{"number":%d,"script":"fig-%s.sh","missing":true}\n' "$num" "$name" >>"$tmp/results"
        continue
    fi
    echo "run-bench: figure $num ($name) ..." >&2
    start=$SECONDS
    cmd=("$script")
    ((engine)) && cmd=(flock --close "${BENCH_LOCK:-/tmp/ocs-e2e.lock}" "$script") # --close: the lock is not inherited
    BENCH_BUILD_DIR=$build BENCH_RUNS=$runs "${cmd[@]}" >"$tmp/fig-$name.out" 2> >(tee "$tmp/fig-$name.err" >&2)
    rc=$?
    echo "run-bench: figure $num ($name): exit $rc after $((SECONDS - start)) s" >&2
    grep '^RESULT ' "$tmp/fig-$name.out" | sed 's/^RESULT //' | while IFS= read -r line; do
        printf '{"number":%d,"script":"fig-%s.sh","result":%s}\n' "$num" "$name" "$line"
    done >>"$tmp/results"
    if ((rc != 0)) || ! grep -q '^RESULT ' "$tmp/fig-$name.out"; then
        failed+=("$name")
        printf '{"number":%d,"script":"fig-%s.sh","failed":true,"exit":%d}\n' "$num" "$name" "$rc" >>"$tmp/results"
    fi
done

engine_version=$( (docker version -f 'docker {{.Server.Version}}' || podman version -f 'podman {{.Server.Version}}') 2>/dev/null | head -1)
python3 - "$tmp/results" "$out" "$runs" "$build" "$engine_version" "$root" <<'PY'
import json, os, platform, subprocess, sys, datetime
results_path, out, runs, build, engine, root = sys.argv[1:]
entries = [json.loads(l) for l in open(results_path) if l.strip()]
def first(path, key, sep=":"):
    try:
        for line in open(path):
            if line.startswith(key):
                return line.split(sep, 1)[1].strip()
    except OSError:
        pass
    return None
def git(*args):
    try:
        return subprocess.run(["git", "-C", root, *args], capture_output=True, text=True).stdout.strip()
    except OSError:
        return None
mem_kb = first("/proc/meminfo", "MemTotal")
machine = {
    "cpu": first("/proc/cpuinfo", "model name"),
    "cores": os.cpu_count(),
    "ram_gib": round(int(mem_kb.split()[0]) / 1048576, 1) if mem_kb else None,
    "kernel": platform.release(),
    "os": (first("/etc/os-release", "PRETTY_NAME=", "=") or "").strip('"') or None,
    "engine": engine or None,
    "load_average": list(os.getloadavg()),
}
doc = {
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "commit": git("rev-parse", "HEAD"),
    "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    "runs": int(runs),
    "build_dir": build,
    "machine": machine,
    "figures": [e["result"] | {"number": e["number"], "script": e["script"]} for e in entries if "result" in e],
    "missing": [e["script"] for e in entries if e.get("missing")],
    "failed": [e["script"] for e in entries if e.get("failed")],
}
with open(out + ".tmp", "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
os.replace(out + ".tmp", out)

def num(v, unit=""):
    if v is None:
        return "-"
    if isinstance(v, (int, float)):
        s = f"{v:.3g}" if abs(v) < 1000 else f"{v:.0f}"
        return s + (" " + unit if unit else "")
    return str(v)
print(f"\nbenchmarks, {doc['date']}, commit {doc['commit'][:10] if doc['commit'] else '?'}"
      f"{' (dirty)' if doc['dirty'] else ''}, {runs} runs each")
print(f"machine: {machine['cpu']}, {machine['cores']} CPUs, {machine['ram_gib']} GiB, "
      f"Linux {machine['kernel']}, {machine['engine']}, load {machine['load_average'][0]:.2f}\n")
rows = [("#", "figure", "median", "spread (min-max)", "floor", "ratio", "target", "")]
for e in entries:
    if "result" not in e:
        if e.get("missing"):
            rows.append((str(e["number"]), e["script"], "not measured", "", "", "", "", "-"))
        continue
    r = e["result"]
    u = r.get("unit", "")
    rows.append((str(e["number"]), r["figure"], num(r.get("median"), u),
                 f"{num(r.get('min'))}-{num(r.get('max'))}",
                 num(r.get("floor_median"), u) if "floor_median" in r else "",
                 num(r.get("ratio")) if "ratio" in r else "", r.get("target", ""),
                 {True: "met", False: "MISSED", None: "info"}[r.get("pass")]))
widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
for row in rows:
    print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
for e in entries:
    if e.get("failed"):
        print(f"FAILED: {e['script']} (exit {e['exit']})")
print(f"\nresult file: {out}")
PY
if ((${#failed[@]})); then
    echo "run-bench: failed: ${failed[*]}" >&2
    exit 1
fi
exit 0
