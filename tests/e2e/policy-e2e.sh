#!/usr/bin/env bash
# End-to-end test: the sandbox's live network policy (issue 11), container side, against a
# real container engine.
#
# Usage: tests/e2e/policy-e2e.sh PATH/TO/ocs
#
# A sandbox started by ocs with a whitelist of fake names (allowed.test, other.test,
# plain.test) in front of a fake internet of ours (tests/e2e/fakenet: every name answers on
# :80 and with TLS on :443; plain.test: plain HTTP on :443). From inside, as the agent
# (dev), it checks: a denied request is in the decision log within a second, without its
# query or headers; the policy file the host writes applies to the next request (measured),
# without a restart, while an open tunnel keeps working; the TLS ClientHello of a tunnel must
# name the CONNECT host (another name, no name, no TLS at all: refused and logged); the 403
# page says how to allow the host; a flood of denials keeps the log within its bound and
# counts it exactly; dev cannot reach the policy or the log; the counts survive a restart.
# Each check has a positive control.
#
# OCS_E2E_ENGINE=podman runs it on rootless Podman as the test user.
# Exit: 0 all passed, 1 something failed, 77 skipped (no engine; never under CI=true).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

OCS_BIN=$(readlink -f "${1:?usage: policy-e2e.sh PATH/TO/ocs}")
ENGINE=${OCS_E2E_ENGINE:-docker}
BASE_IMAGE=${OCS_E2E_BASE_IMAGE:-ocs-test-base:bookworm}
FAKENET_IMAGE=ocs-e2e-fakenet:latest
RUN_ID=$$
FLOOD=${OCS_E2E_POLICY_FLOOD:-20000}

setup_sandbox_test ocs-policy-e2e

FAKENET=ocs-policy-fakenet-$RUN_ID
PLAIN=ocs-policy-plain-$RUN_ID
ocs_in() { local dir=$1; shift; (cd "$dir" && as_user "$OCS_BIN" "$@"); }
P=$WORK/proj-policy
cleanup() {
    set +e
    [[ -d "$P" ]] && ocs_in "$P" stop >/dev/null 2>&1
    remove_project_sandboxes "$P"
    docker rm -f "$FAKENET" "$PLAIN" >/dev/null 2>&1
    [[ "${OCS_E2E_KEEP:-}" == 1 ]] || rm -rf "$WORK"
    end_podman_helpers
}
trap cleanup EXIT

ensure_base_image "$BASE_IMAGE"

# ---- the fake internet ----------------------------------------------------------------
docker build -q -t "$FAKENET_IMAGE" --build-arg "BASE_IMAGE=$BASE_IMAGE" "$here/fakenet" >/dev/null \
    || { echo "cannot build $FAKENET_IMAGE" >&2; exit 1; }
docker run -d --name "$FAKENET" "$FAKENET_IMAGE" >/dev/null || { echo "cannot start $FAKENET" >&2; exit 1; }
# plain.test: plain HTTP on 443 (what a tunnel without TLS would reach).
docker run -d --name "$PLAIN" "$FAKENET_IMAGE" python3 -u -m http.server 443 >/dev/null \
    || { echo "cannot start $PLAIN" >&2; exit 1; }
FAKE_IP=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' "$FAKENET")
PLAIN_IP=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' "$PLAIN")
wait_until 20 bash -c "docker logs '$FAKENET' 2>&1 | grep -q 'fakenet ready'" || echo "warning: fakenet is slow to start"
[[ -n "$FAKE_IP" && -n "$PLAIN_IP" ]] || { echo "the fake internet has no address" >&2; exit 1; }
echo "== fakenet $FAKE_IP, plain HTTP on 443: $PLAIN_IP"
hosts=""
for h in allowed.test other.test blocked.test notlisted.test flood.test; do hosts+="${hosts:+,}$h=$FAKE_IP"; done
export OCS_EXTRA_HOSTS="$hosts,plain.test=$PLAIN_IP"
# (grep -q on a here-string: with pipefail, grep -q ending a pipe early fails the pipe)
fakenet_saw() { grep -q -- "$1" <<<"$(docker logs "$FAKENET" 2>&1)"; }

# ---- the sandbox ------------------------------------------------------------------------
as_user mkdir -p "$P"
ocs_in "$P" init --yes --no-build >/dev/null 2>&1
as_user tee "$P/opencode-sandbox-config.yaml" >/dev/null <<'YAML'
sandbox-name: proj-policy
# the test's comment: ocs allow must keep it
http-domain-whitelist:
  - allowed.test
  - other.test
  - plain.test
YAML
ocs_in "$P" mise approve --yes >/dev/null 2>&1 || true
t0=$SECONDS
if ocs_in "$P" start --detach --yes >"$WORK/start.log" 2>&1; then
    pass "ocs builds and starts the sandbox ($((SECONDS - t0)) s)"
else
    fail "ocs builds and starts the sandbox" "$(tail -30 "$WORK/start.log")"
    summary; exit 1
fi
ID=$(find "$OCS_STATE_ROOT" -mindepth 1 -maxdepth 1 -name 'proj-policy-*' -printf '%f\n' | head -1)
C=opencode-sandbox-$ID
STATE=$OCS_STATE_ROOT/$ID
POLICY=$STATE/network/policy
LOG=$STATE/network/log
DECISIONS=$LOG/decisions.jsonl
adev() { eng exec -u root "$C" ocs-dev-exec "$@"; }
code_a() { adev curl -s -o /dev/null -w '%{http_code} %{http_connect}' --max-time 10 "$@"; }
now_ms() { date +%s%3N; }
# logged_within MS PATTERN: whether a decisions.jsonl line matching the (fixed) PATTERN
# appears within MS milliseconds; prints the milliseconds it took.
logged_within() {
    local limit=$1 pat=$2 start
    start=$(now_ms)
    while :; do
        if grep -qF -- "$pat" "$LOG"/decisions.1.jsonl "$DECISIONS" 2>/dev/null; then
            echo "$(($(now_ms) - start))"
            return 0
        fi
        (($(now_ms) - start > limit)) && { echo "more than $limit"; return 1; }
        sleep 0.05
    done
}
expect_logged() {
    if logged_within 1000 "$2" >/dev/null; then pass "$1"; else fail "$1" "not in the log within 1 s: $2"$'\n'"$(tail -3 "$DECISIONS" 2>&1)"; fi
}
# set_list NAME ENTRY...: the host's atomic rewrite of policy/NAME (as policyfiles::write).
set_list() {
    local name=$1; shift
    # shellcheck disable=SC2016 # expanded by that bash
    as_user bash -c 'umask 022; printf "%s\n" "${@:2}" >"$1/.$$.tmp" && mv -f "$1/.$$.tmp" "$1/'"$name"'"' _ "$POLICY" "$@"
}
echo "== sandbox $C, state $STATE"
expect_eq "the host wrote the config's whitelist into the policy folder" \
    "allowed.test other.test plain.test" "$(tr '\n' ' ' <"$POLICY/whitelist" | sed 's/ $//')"
CID=$(eng inspect -f '{{.Id}} {{.State.StartedAt}}' "$C")

# ---- 1. a denied request in the log, without query or headers ----------------------------
# Control: the allowed request carries the same kind of secrets (the server sees them) and
# is logged as allowed.
r=$(adev curl -s --max-time 10 -H 'X-Ocs-Secret: HDRVAL-ALLOWED' 'http://allowed.test/ctl/path?secret=QRY-ALLOWED')
expect_contains "control: a whitelisted name is reached through the proxy" "fakenet host=allowed.test" "$r"
check "control: the server got the query the log must not hold" fakenet_saw "secret=QRY-ALLOWED"
if ms=$(logged_within 1000 '"decision":"allowed","host":"allowed.test","port":80,"method":"GET","rule":"whitelist allowed.test"'); then
    pass "control: the allowed request is logged ($ms ms)"
else
    fail "control: the allowed request is logged" "$(tail -5 "$DECISIONS" 2>&1)"
fi
r=$(code_a -H 'X-Ocs-Secret: HDRVAL-DENIED' 'http://blocked.test/deep/path?secret=QRY-DENIED')
expect_eq "a name not on the whitelist is denied (403)" "403 000" "$r"
if ms=$(logged_within 1000 '"decision":"denied","host":"blocked.test","port":80,"method":"GET","rule":"not whitelisted"'); then
    pass "the denial is in <state>/network/log/decisions.jsonl within 1 s ($ms ms)"
else
    fail "the denial is in <state>/network/log/decisions.jsonl within 1 s" "$(tail -5 "$DECISIONS" 2>&1)"
fi
logs=$(cat "$LOG"/*.json* 2>/dev/null)
for s in QRY-ALLOWED QRY-DENIED HDRVAL-ALLOWED HDRVAL-DENIED /deep/path /ctl/path X-Ocs-Secret; do
    expect_not_contains "the log holds no path, query or header ($s)" "$s" "$logs"
done
bad=$(python3 - "$DECISIONS" <<'PY'
import json, sys
keys = ["time", "decision", "host", "port", "method", "rule"]
for n, line in enumerate(open(sys.argv[1]), 1):
    d = json.loads(line)
    if list(d) != keys:
        print(f"line {n}: fields {list(d)}")
PY
)
expect_eq "every decisions.jsonl line has exactly the fields of policyfiles.h, in order" "" "$bad"
mode=$(stat -c '%a' "$DECISIONS" 2>&1)
expect_eq "decisions.jsonl is 0644" "644" "$mode"

# ---- 2. what the agent sees --------------------------------------------------------------
body=$(adev curl -s --max-time 10 http://blocked.test/)
expect_contains "the 403 page names the host" "blocked.test" "$body"
expect_contains "the 403 page says it is the sandbox's network policy" "network policy of this sandbox" "$body"
expect_contains "the 403 page says how to allow it (ocs allow HOST)" "ocs allow blocked.test" "$body"
expect_contains "the 403 page names the tray's window" "Network activity" "$body"
expect_contains "the 403 page gives the rule" "not whitelisted" "$body"
expect_not_contains "control: a whitelisted name does not get it" "ocs allow" "$(adev curl -s --max-time 10 http://allowed.test/)"

# ---- 3. live allow / deny, no restart, open tunnels untouched -----------------------------
# A TLS tunnel to other.test, kept open: one request on it every 300 ms, 40 in all.
read -r -d '' TUNNEL_JS <<'JS'
const net = require('net'), tls = require('tls');
const [host, n, gap] = [process.argv[1], +process.argv[2], +process.argv[3]];
const s = net.connect(3128, '127.0.0.1');
s.on('error', (e) => { console.log('error ' + e.message); process.exit(1); });
s.write(`CONNECT ${host}:443 HTTP/1.1\r\nHost: ${host}:443\r\n\r\n`);
let head = '';
s.on('data', function onData(d) {
    head += d.toString('latin1');
    if (!head.includes('\r\n\r\n')) return;
    s.removeListener('data', onData);
    if (!/^HTTP\/1\.[01] 200/.test(head)) { console.log('refused ' + head.split('\r\n')[0]); process.exit(1); }
    const t = tls.connect({socket: s, servername: host, rejectUnauthorized: false}, () => {
        let buf = '', ok = 0;
        const req = () => t.write(`GET /keep${ok} HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
        t.on('data', (d) => {
            buf += d;
            let m;
            while ((m = buf.indexOf('fakenet host=')) >= 0 && buf.indexOf('\n', m) >= 0) {
                buf = buf.slice(buf.indexOf('\n', m) + 1);
                console.log(`ok ${++ok}`);
                if (ok >= n) { console.log(`done ${ok}`); process.exit(0); }
                setTimeout(req, gap);
            }
        });
        t.on('close', () => { console.log(`closed after ${ok}`); process.exit(1); });
        req();
    });
});
setTimeout(() => { console.log('timeout'); process.exit(1); }, n * gap + 30000);
JS
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
# live_action WANT CMD...: runs CMD while dev polls blocked.test; prints the milliseconds from
# the start of CMD to the first answer WANT.
live_action() {
    local want=$1 out=$WORK/poll.$RANDOM pid t0 hit
    shift
    adev node -e "$POLL_JS" blocked.test "$want" >"$out" 2>&1 &
    pid=$!
    wait_until 15 grep -q '^waiting' "$out" || { echo "poller: $(cat "$out")"; return 1; }
    t0=$(now_ms)
    "$@" >"$out.cmd" 2>&1 || { echo "$* failed: $(cat "$out.cmd")"; kill "$pid" 2>/dev/null; return 1; }
    wait "$pid"
    hit=$(awk '$1 == "hit" { print $2 }' "$out")
    [[ -n "$hit" ]] || { echo "poller: $(cat "$out")"; return 1; }
    echo "$((hit - t0))"
}
# live_change WANT NAME ENTRY...: the host app's part by hand: rewrites policy/NAME.
live_change() { local want=$1; shift; live_action "$want" set_list "$@"; }
adev node -e "$TUNNEL_JS" other.test 60 300 >"$WORK/tunnel.out" 2>&1 &
tunnel_pid=$!
wait_until 15 grep -q '^ok 1$' "$WORK/tunnel.out" || fail "control: a tunnel to other.test opens" "$(cat "$WORK/tunnel.out")"
if ms=$(live_change 200 whitelist allowed.test other.test plain.test blocked.test); then
    echo "      live allow applied in $ms ms"
    if ((ms < 1000)); then pass "live allow: the host adds blocked.test, the next request passes within 1 s ($ms ms)"
    else fail "live allow: the next request passes within 1 s" "took $ms ms"; fi
else
    fail "live allow: the host adds blocked.test, the next request passes" "$ms"
fi
expect_eq "live allow: the request reached the server" "200 000" "$(code_a http://blocked.test/)"
if ms=$(live_change 403 whitelist allowed.test other.test plain.test); then
    echo "      live deny applied in $ms ms"
    if ((ms < 1000)); then pass "live deny: the host removes blocked.test again, denied within 1 s ($ms ms)"
    else fail "live deny: denied within 1 s" "took $ms ms"; fi
else
    fail "live deny: the host removes blocked.test again, denied" "$ms"
fi
# A blacklist entry wins over the whitelist (.allowed.test covers sub names too).
set_list blacklist .allowed.test
r=$(code_a http://allowed.test/)
set_list blacklist
expect_eq "live blacklist: an entry of policy/blacklist wins over the whitelist" "403 000" "$r"
expect_logged "live blacklist: logged with its entry" '"host":"allowed.test","port":80,"method":"GET","rule":"blacklist .allowed.test"'
expect_eq "control: allowed again once the blacklist is empty" "200 000" "$(code_a http://allowed.test/)"
check_not "the tunnel to other.test was still open after the changes" grep -q '^done\|^closed\|^error\|^timeout' "$WORK/tunnel.out"
wait "$tunnel_pid"
expect_eq "an open tunnel to other.test kept working across the changes (60 requests on one TLS connection)" \
    "done 60" "$(tail -1 "$WORK/tunnel.out")"
# The same through the CLI, as a user would: `ocs blocked` shows the host the poller was
# denied, `ocs allow` edits the config and applies it live, `ocs deny` takes it back.
blocked_out=$(ocs_in "$P" blocked 2>&1)
expect_contains "ocs blocked lists blocked.test (denied while the poller asked for it)" "blocked.test" "$blocked_out"
expect_contains "ocs blocked --json: one object per host, with its denied count" '"host":"blocked.test"' \
    "$(ocs_in "$P" blocked --json 2>&1)"
rc=0; ocs_in "$P" policy check blocked.test >/dev/null 2>&1 || rc=$?
expect_eq "ocs policy check blocked.test: exit 1 (denied) before the allow" 1 "$rc"
if ms=$(live_action 200 ocs_in "$P" allow blocked.test); then
    echo "      ocs allow to the first successful request: $ms ms"
    if ((ms < 1000)); then pass "ocs allow blocked.test: the next request passes within 1 s ($ms ms, the CLI's start included)"
    else fail "ocs allow: the next request passes within 1 s" "took $ms ms"; fi
else
    fail "ocs allow blocked.test: the next request passes" "$ms"
fi
check "  ... the config's whitelist has it (the file edited, comments kept)" \
    grep -q -- '^  - blocked.test$' "$P/opencode-sandbox-config.yaml"
check "  ... and the comment above the list is still there" grep -q '^# the test.s comment' "$P/opencode-sandbox-config.yaml"
rc=0; ocs_in "$P" policy check blocked.test >/dev/null 2>&1 || rc=$?
expect_eq "ocs policy check blocked.test: exit 0 (allowed) after the allow" 0 "$rc"
if ms=$(live_action 403 ocs_in "$P" deny blocked.test); then
    echo "      ocs deny to the first denied request: $ms ms"
    if ((ms < 1000)); then pass "ocs deny blocked.test: denied again within 1 s ($ms ms)"
    else fail "ocs deny: denied within 1 s" "took $ms ms"; fi
else
    fail "ocs deny blocked.test: denied again" "$ms"
fi
check_not "  ... the config's whitelist no longer has it" grep -q -- '^  - blocked.test$' "$P/opencode-sandbox-config.yaml"
# The figure for the benchmark (issue 14, figure 2): `ocs allow` to the first successful
# request, 5 times (each followed by `ocs deny`), median and spread.
allow_ms=()
for _ in 1 2 3 4 5; do
    ms=$(live_action 200 ocs_in "$P" allow blocked.test) && allow_ms+=("$ms")
    live_action 403 ocs_in "$P" deny blocked.test >/dev/null || true
done
if ((${#allow_ms[@]} == 5)); then
    read -r med lo hi < <(printf '%s\n' "${allow_ms[@]}" | sort -n | awk '{v[NR]=$1} END {print v[3], v[1], v[5]}')
    echo "      ocs allow to the first successful request, 5 runs: median $med ms (min $lo, max $hi; ${allow_ms[*]})"
    if ((med < 1000)); then pass "ocs allow to the first successful request: median of 5 under 1 s ($med ms)"
    else fail "ocs allow: median of 5 under 1 s" "${allow_ms[*]} ms"; fi
else
    fail "ocs allow measured 5 times" "only ${#allow_ms[@]} runs succeeded: ${allow_ms[*]}"
fi
expect_eq "no restart: the same container, started at the same time" "$CID" \
    "$(eng inspect -f '{{.Id}} {{.State.StartedAt}}' "$C")"

# ---- 4. the TLS ClientHello of a tunnel ---------------------------------------------------
r=$(adev curl -sk --max-time 10 https://allowed.test/)
expect_contains "control: CONNECT to allowed.test with the ClientHello naming it works" "fakenet host=allowed.test port=443" "$r"
r=$(adev curl -sk --max-time 10 --connect-to notlisted.test:443:allowed.test:443 https://notlisted.test/sni-other 2>&1)
expect_not_contains "CONNECT allowed.test with a ClientHello naming notlisted.test is refused" "fakenet" "$r"
check_not "  ... and never reaches the server" fakenet_saw "/sni-other"
expect_logged "  ... logged as tls: server name differs" '"host":"allowed.test","port":443,"method":"CONNECT","rule":"tls: server name differs: notlisted.test"'
ctl=$(adev bash -c 'printf "GET /sni-ctl HTTP/1.0\r\nHost: allowed.test\r\n\r\n" | timeout 10 openssl s_client -quiet -proxy 127.0.0.1:3128 -connect allowed.test:443 -servername allowed.test 2>/dev/null')
expect_contains "control: openssl s_client through the proxy with SNI allowed.test gets an answer" "fakenet host=allowed.test" "$ctl"
r=$(adev bash -c 'printf "GET /sni-none HTTP/1.0\r\nHost: allowed.test\r\n\r\n" | timeout 10 openssl s_client -quiet -proxy 127.0.0.1:3128 -connect allowed.test:443 -noservername 2>&1')
expect_not_contains "a ClientHello without a server name is refused" "fakenet" "$r"
check_not "  ... and never reaches the server" fakenet_saw "/sni-none"
expect_logged "  ... logged as tls: no server name" '"host":"allowed.test","port":443,"method":"CONNECT","rule":"tls: no server name"'
ctl=$(curl -s --max-time 5 --noproxy '*' "http://$PLAIN_IP:443/")
expect_contains "control: plain.test serves plain HTTP on 443" "Directory listing" "$ctl"
r=$(adev curl -s -p --max-time 10 http://plain.test:443/plain-in-tunnel 2>&1)
expect_not_contains "plain HTTP inside a CONNECT tunnel (to plain.test:443) is refused" "Directory listing" "$r"
plain_saw() { grep -q -- "$1" <<<"$(docker logs "$PLAIN" 2>&1)"; }
check "control: plain.test logged the control request" plain_saw "GET / "
check_not "  ... and never reaches the server" plain_saw plain-in-tunnel
expect_logged "  ... logged as tls: not tls" '"host":"plain.test","port":443,"method":"CONNECT","rule":"tls: not tls"'

# ---- 5. dev cannot reach the policy or the log --------------------------------------------
for t in "ls /run/ocs-net" "ls /run/ocs-net/log" "cat /run/ocs-net/policy/whitelist" \
         "cat /run/ocs-net/log/decisions.jsonl" "touch /run/ocs-net/log/agent-was-here" \
         "touch /run/ocs-net/policy/whitelist"; do
    # shellcheck disable=SC2086 # the command's words
    check_not "dev cannot: $t" adev $t
done
check "control: the proxy's user reads the policy" eng exec -u proxy "$C" grep -qx allowed.test /run/ocs-net/policy/whitelist
check "control: the proxy's user lists the log" eng exec -u proxy "$C" test -s /run/ocs-net/log/decisions.jsonl
check_not "nothing dev tried to write is in the log folder" test -e "$LOG/agent-was-here"

# ---- 6. a flood of denials --------------------------------------------------------------
read -r -d '' FLOOD_JS <<'JS'
const http = require('http');
const [host, total, conc] = [process.argv[1], +process.argv[2], +process.argv[3]];
const agent = new http.Agent({keepAlive: true, maxSockets: conc});
let sent = 0, done = 0;
const codes = {};
function next() {
    if (sent >= total) return;
    sent++;
    const req = http.request({host: '127.0.0.1', port: 3128, path: `http://${host}/f${sent}?q=FLOODQUERY`, agent, headers: {Host: host}}, (res) => {
        res.resume();
        res.on('end', () => { codes[res.statusCode] = (codes[res.statusCode] || 0) + 1; fin(); });
    });
    req.on('error', (e) => { codes[e.code] = (codes[e.code] || 0) + 1; fin(); });
    req.end();
}
function fin() {
    if (++done === total) { console.log(JSON.stringify(codes)); process.exit(0); }
    next();
}
for (let i = 0; i < conc; i++) next();
JS
t0=$SECONDS
r=$(adev node -e "$FLOOD_JS" flood.test "$FLOOD" 40)
echo "      flood: $FLOOD requests in $((SECONDS - t0)) s: $r"
expect_eq "flood: all $FLOOD requests to flood.test denied" "{\"403\":$FLOOD}" "$r"
sleep 1.5
size=$(cat "$LOG"/decisions.jsonl "$LOG"/decisions.1.jsonl 2>/dev/null | wc -c)
echo "      decisions.jsonl + decisions.1.jsonl: $size bytes"
if ((size > 0 && size <= 1153434)); then pass "flood: the decision log stays within ~1.1 MiB ($size bytes)"
else fail "flood: the decision log stays within ~1.1 MiB" "$size bytes"; fi
check "flood: the log was rotated (decisions.1.jsonl)" test -s "$LOG/decisions.1.jsonl"
for f in decisions.jsonl decisions.1.jsonl; do
    s=$(stat -c %s "$LOG/$f")
    if ((s <= 512 * 1024)); then pass "flood: $f is at most 512 KiB ($s)"; else fail "flood: $f is at most 512 KiB" "$s bytes"; fi
done
flood_count=$(python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["hosts"]["flood.test"]; print(h["denied"], h["allowed"], h["rule"])' "$LOG/counts.json" 2>&1)
expect_eq "flood: counts.json counts every denial of flood.test" "$FLOOD 0 not whitelisted" "$flood_count"
check "flood: counts.json still counts the hosts seen before it" \
    python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["hosts"]; assert h["allowed.test"]["allowed"] > 0 and h["blocked.test"]["denied"] > 0' "$LOG/counts.json"
expect_not_contains "flood: no query string in the log" "FLOODQUERY" "$(cat "$LOG"/*.json* 2>/dev/null)"
expect_eq "control: the proxy still answers after the flood" "200 000" "$(code_a http://allowed.test/)"

# ---- 7. counts survive a restart ---------------------------------------------------------
sleep 1.2
before=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hosts"]["blocked.test"]["denied"])' "$LOG/counts.json")
ocs_in "$P" stop >"$WORK/stop.log" 2>&1 || fail "ocs stop" "$(tail -5 "$WORK/stop.log")"
if ocs_in "$P" start --detach --yes >"$WORK/start2.log" 2>&1; then
    pass "ocs stop + ocs start"
else
    fail "ocs stop + ocs start" "$(tail -20 "$WORK/start2.log")"
    summary; exit 1
fi
expect_eq "after the restart: blocked.test denied" "403 000" "$(code_a http://blocked.test/)"
sleep 1.5
after=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hosts"]["blocked.test"]["denied"])' "$LOG/counts.json" 2>&1)
expect_eq "counts survive the restart (blocked.test: $before denied before, one more after)" "$((before + 1))" "$after"
flood_count=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hosts"]["flood.test"]["denied"])' "$LOG/counts.json" 2>&1)
expect_eq "  ... the flood's count too" "$FLOOD" "$flood_count"

summary
