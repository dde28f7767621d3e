#!/usr/bin/env bash
# Figure 7 (issue 14), proxy cost: the latency a request through the sandbox's whitelist proxy
# adds to the same request without it (target: median <= 2 ms added), inside one sandbox,
# against a fake host of our own (the fakenet image's Python on :80, with TCP_NODELAY).
# Measured: the agent (dev) sends BENCH_PROXY_REQUESTS (default 200) GET requests on one
# keep-alive connection to the proxy (127.0.0.1:3128) for http://allowed.test/. The floor, in
# the same container and network namespace, interleaved round by round: the same requests
# straight to the fake host's address, as the proxy's own user (the only user the firewall
# lets out on :80/:443; the agent cannot bypass the proxy). Per round the median of each.
# BENCH_RUNS rounds (default 5). Prints RESULT lines (bench/lib.sh).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
source "$here/sandbox.sh"
N=${BENCH_PROXY_REQUESTS:-200}

bench_setup ocs-bench-proxy
bench_fakenet allowed.test || exit 1
# The fake host for this figure: the fakenet image's Python, answering in one segment at once
# (TCP_NODELAY). tests/e2e/fakenet's server writes head and body separately without it, and
# on a keep-alive connection the second write waits for the client's delayed ACK (~40 ms),
# which would hide the proxy's cost in both series.
read -r -d '' FAST_PY <<'PY'
import http.server as hs
class H(hs.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    def do_GET(self):
        body = b"fakenet-fast\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
hs.ThreadingHTTPServer(("", 80), H).serve_forever()
PY
fast=ocs-bench-fast-$$
docker run -d --name "$fast" "$FAKENET_IMAGE" python3 -c "$FAST_PY" >/dev/null || { bench_log "cannot start $fast"; exit 1; }
BENCH_CONTAINERS+=("$fast")
FAKE_IP=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' "$fast")
export OCS_EXTRA_HOSTS=allowed.test=$FAKE_IP
bench_project bench-proxy allowed.test || exit 1
P=$PROJECT
t0=$SECONDS
ocs_in "$P" start --detach --yes >"$WORK/start.log" 2>&1 || { tail -30 "$WORK/start.log" >&2; exit 1; }
bench_log "sandbox started in $((SECONDS - t0)) s"
C=$(bench_container "$P")

# N sequential requests on one keep-alive connection; prints the median latency in ms.
read -r -d '' TIME_JS <<'JS'
const http = require('http');
const [mode, addr, n] = [process.argv[1], process.argv[2], +process.argv[3]];
const agent = new http.Agent({keepAlive: true, maxSockets: 1});
const opts = mode === 'proxy'
    ? {host: '127.0.0.1', port: 3128, path: 'http://allowed.test/bench', headers: {Host: 'allowed.test'}, agent}
    : {host: addr, port: 80, path: '/bench', headers: {Host: 'allowed.test'}, agent};
const times = [];
function once(i) {
    const t = process.hrtime.bigint();
    const req = http.request(opts, (res) => {
        res.resume();
        res.on('end', () => {
            if (res.statusCode !== 200) { console.error('status ' + res.statusCode); process.exit(1); }
            if (i >= 0) times.push(Number(process.hrtime.bigint() - t) / 1e6);
            if (i + 1 < n) once(i + 1);
            else {
                times.sort((a, b) => a - b);
                const m = times.length % 2 ? times[(times.length - 1) / 2]
                    : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
                console.log(m.toFixed(3));
                process.exit(0);
            }
        });
    });
    req.on('error', (e) => { console.error(e.message); process.exit(1); });
    req.end();
}
once(-10); // 10 warm-up requests first (i < 0: not counted)
JS
as_agent() { eng exec -u root "$C" ocs-dev-exec "$@"; }
as_proxy() { eng exec -u proxy "$C" "$@"; }
as_proxy node -e "$TIME_JS" direct "$FAKE_IP" 5 >/dev/null 2>&1 \
    || { bench_log "the proxy's user cannot reach $FAKE_IP directly: $(as_proxy node -e "$TIME_JS" direct "$FAKE_IP" 5 2>&1)"; exit 1; }
through=() direct=() added=()
for ((i = 0; i < BENCH_RUNS; i++)); do
    a=$(as_agent node -e "$TIME_JS" proxy - "$N") || { bench_log "through the proxy: $a"; exit 1; }
    b=$(as_proxy node -e "$TIME_JS" direct "$FAKE_IP" "$N") || { bench_log "direct: $b"; exit 1; }
    through+=("$a"); direct+=("$b")
    added+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a - b }')")
    bench_log "round $((i + 1)): through the proxy $a ms, direct $b ms (median of $N)"
done
med_added=$(median "${added[@]}")
pass=false; compare "$med_added" '<=' 2 && pass=true
BENCH_NOTE="added per round: ${added[*]} ms (median $med_added)" \
    emit_result proxy_request ms "<= floor + 2 ms (median added)" "$pass" "${through[@]}" -- "${direct[@]}"
