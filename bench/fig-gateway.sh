#!/usr/bin/env bash
# Figure 5 (issue 14), the sign-in gateway: added latency per request (median <= 1 ms) and
# download/upload throughput against the best plain relay (read/write or splice(), no HTTP)
# measured interleaved in the same run (>= 90 %), from bench/gateway_bench (no engine needed).
# BENCH_RUNS rounds (default 5); BENCH_GATEWAY_MB the transfer size (default 256).
# Prints RESULT lines (bench/lib.sh), gateway_bench's own table on stderr.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
bin=${BENCH_BUILD_DIR:?}/bench/gateway_bench
[[ -x "$bin" ]] || { bench_log "no $bin (build the target gateway_bench)"; exit 1; }
out=$("$bin" --runs "${BENCH_RUNS:-5}" --requests $((2000 * ${BENCH_RUNS:-5})) \
    --mb "${BENCH_GATEWAY_MB:-256}" --result) || { echo "$out" >&2; exit 1; }
grep -v '^RESULT ' <<<"$out" >&2
grep '^RESULT ' <<<"$out"
