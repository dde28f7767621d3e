#!/usr/bin/env bash
# Figure 2 (issue 14), live allow: from `ocs allow HOST` to the first successful request to
# HOST from inside a running sandbox, as the agent (target < 1 s). The agent polls HOST through
# the proxy every 10 ms (tests/e2e/policy-e2e.sh's method); each run is followed by `ocs deny`.
# The floor, interleaved: `ocs policy check HOST` (the same CLI start, configuration load and
# policy evaluation, without the write and its application by the proxy), so the ratio shows
# what applying the change live adds above starting the CLI at all.
# BENCH_RUNS runs (default 5). Prints RESULT lines (bench/lib.sh).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
source "$here/sandbox.sh"

bench_setup ocs-bench-allow
bench_fakenet allowed.test blocked.test || exit 1
bench_project bench-allow allowed.test || exit 1
P=$PROJECT
t0=$SECONDS
ocs_in "$P" start --detach --yes >"$WORK/start.log" 2>&1 || { tail -30 "$WORK/start.log" >&2; exit 1; }
bench_log "sandbox started in $((SECONDS - t0)) s"
C=$(bench_container "$P")
adev() { eng exec -u root "$C" ocs-dev-exec "$@"; }

# Polls http://HOST/ through the proxy every 10 ms until it answers WANT; prints the time.
read -r -d '' POLL_JS <<'JS'
const http = require('http');
const [host, want] = [process.argv[1], +process.argv[2]];
const start = Date.now();
let said = false;
function once() {
    const req = http.request({host: '127.0.0.1', port: 3128, path: `http://${host}/poll`, headers: {Host: host}}, (res) => {
        res.resume();
        res.on('end', () => {
            if (res.statusCode === want) { console.log('hit ' + Date.now()); process.exit(0); }
            if (!said) { said = true; console.log('waiting ' + res.statusCode); }
            if (Date.now() - start > 20000) { console.log('timeout'); process.exit(1); }
            setTimeout(once, 10);
        });
    });
    req.on('error', (e) => { console.log('error ' + e.message); setTimeout(once, 10); });
    req.end();
}
once();
JS
# live_action WANT CMD...: runs CMD while the agent polls blocked.test; prints the ms from the
# start of CMD to the first answer WANT.
live_action() {
    local want=$1 out=$WORK/poll.$RANDOM pid t0 hit
    shift
    adev node -e "$POLL_JS" blocked.test "$want" >"$out" 2>&1 &
    pid=$!
    wait_until 15 grep -q '^waiting' "$out" || { bench_log "poller: $(cat "$out")"; kill "$pid"; return 1; }
    t0=$(now_ms)
    "$@" >"$out.cmd" 2>&1 || { bench_log "$* failed: $(cat "$out.cmd")"; kill "$pid" 2>/dev/null; return 1; }
    wait "$pid"
    hit=$(awk '$1 == "hit" { print $2 }' "$out")
    [[ -n "$hit" ]] || { bench_log "poller: $(cat "$out")"; return 1; }
    echo "$((hit - t0))"
}
# timed_ms CMD...: the milliseconds CMD takes (its exit status ignored: a denied check is 1).
timed_ms() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1; echo "$(($(now_ms) - t0))"; }

allow=() floor=()
for ((i = 0; i < BENCH_RUNS; i++)); do
    floor+=("$(timed_ms ocs_in "$P" policy check blocked.test)")
    ms=$(live_action 200 ocs_in "$P" allow blocked.test) || exit 1
    allow+=("$ms")
    live_action 403 ocs_in "$P" deny blocked.test >/dev/null || exit 1
    bench_log "run $((i + 1)): allow $ms ms, floor ${floor[-1]} ms"
done
med=$(median "${allow[@]}")
pass=false; compare "$med" '<' 1000 && pass=true
emit_result live_allow ms "< 1000 ms" "$pass" "${allow[@]}" -- "${floor[@]}"
