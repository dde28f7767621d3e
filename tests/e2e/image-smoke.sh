#!/usr/bin/env bash
# SC2016: the bash -c '...' snippets get their values as arguments on purpose.
# SC2317: cleanup() is reached through the trap.
# shellcheck disable=SC2016,SC2317
# End-to-end smoke test of the OpenCode Sandbox image against the real docker
# engine: builds the image from a temporary build context laid out like the
# host's, starts it with the contract's `docker run` arguments next to a fake
# "internet" container (tests/e2e/fakenet), and checks that OpenCode serves,
# that the proxy whitelist, the firewall and the privilege drop hold.
#
# Network traffic of this test goes only to loopback and to the containers it
# creates; all "internet" names are fake (*.test) and point at fakenet.
#
# Environment:
#   OCS_SMOKE_BASE_IMAGE  base image (default ocs-test-base:bookworm; made by
#                         make-base-image.sh when missing)
#   OCS_SMOKE_NO_CACHE=1  build the sandbox image with --no-cache (cold build)
#   OCS_SMOKE_KEEP=1      keep containers/network for debugging
# Prints one PASS/FAIL line per check and ends with "N passed, N failed" (assert.sh).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
BASE_IMAGE="${OCS_SMOKE_BASE_IMAGE:-ocs-test-base:bookworm}"
ID="smoke$$$RANDOM"
NET="ocs-smoke-net-$ID"
FAKENET="ocs-smoke-fakenet-$ID"
SANDBOX="opencode-sandbox-$ID"
FAKENET_IMAGE="ocs-smoke-fakenet:latest"
SANDBOX_IMAGE="ocs-smoke-sandbox:latest"
TMP="$(mktemp -d /tmp/ocs-smoke.XXXXXX)"
HOSTSRV_PID=""
LOGS_PID=""

source "$HERE/assert.sh"
log() { echo "# $*"; }

cleanup() {
    if [[ "${OCS_SMOKE_KEEP:-0}" == 1 ]]; then
        log "keeping $SANDBOX $FAKENET $NET $TMP"
        return
    fi
    # shellcheck disable=SC2086 # a list of pids
    [[ -n "$HOSTSRV_PID" ]] && kill $HOSTSRV_PID 2>/dev/null
    [[ -n "$LOGS_PID" ]] && kill "$LOGS_PID" 2>/dev/null
    docker rm -f "$SANDBOX" "$SANDBOX-bad1" "$SANDBOX-bad2" "$SANDBOX-bad3" "$SANDBOX-bad4" "$SANDBOX-bad5" \
        "$SANDBOX-bad6" "$SANDBOX-holder" "$FAKENET" >/dev/null 2>&1
    docker network rm "$NET" >/dev/null 2>&1
    rm -rf --one-file-system "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v docker >/dev/null || { fail "docker client present"; finish; }
if ! docker info >/dev/null 2>&1 && [[ "${CI:-}" != "true" ]]; then
    echo "################################################################################" >&2
    echo "##  SKIPPED: image smoke test -- no docker engine answers ('docker info').     ##" >&2
    echo "##  Nothing was tested. Start Docker and run again.                           ##" >&2
    echo "################################################################################" >&2
    exit 77
fi
docker info >/dev/null 2>&1 || { fail "docker engine reachable"; finish; }

# ------------------------------------------------------------------ images
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base image $BASE_IMAGE missing: creating it"
    "$HERE/make-base-image.sh" "$BASE_IMAGE" >"$TMP/base.log" 2>&1 || { tail -20 "$TMP/base.log"; }
fi
check "base image $BASE_IMAGE exists" docker image inspect "$BASE_IMAGE"

if docker build -q -t "$FAKENET_IMAGE" --build-arg "BASE_IMAGE=$BASE_IMAGE" "$HERE/fakenet" >"$TMP/fakenet-build.log" 2>&1; then
    pass "fakenet image builds"
else
    tail -20 "$TMP/fakenet-build.log"; fail "fakenet image builds"; finish
fi

# Build context as the host lays it out.
CTX="$TMP/context"
mkdir -p "$CTX/extra-ca"
cp "$REPO"/docker/* "$CTX/"
: >"$CTX/mise.toml"
shopt -s nullglob
for crt in /usr/local/share/ca-certificates/*.crt; do cp "$crt" "$CTX/extra-ca/"; done
shopt -u nullglob
NPM_REGISTRY=""
if command -v npm >/dev/null; then NPM_REGISTRY="$(npm config get registry 2>/dev/null || true)"; fi

# dev gets a uid/gid that is not ours when we are root (root is remapped by
# the image); gid 20 exists in Debian (dialout), exercising the rename path.
HOST_UID="$(id -u)" HOST_GID="$(id -g)"
if (( HOST_UID == 0 )); then HOST_UID=4321 HOST_GID=20; fi

build_args=(--build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "HOST_UID=$HOST_UID"
            --build-arg "HOST_GID=$HOST_GID" --build-arg "NPM_REGISTRY=$NPM_REGISTRY")
[[ "${OCS_SMOKE_NO_CACHE:-0}" == 1 ]] && build_args+=(--no-cache)
t0=$(date +%s)
if docker build -t "$SANDBOX_IMAGE" "${build_args[@]}" "$CTX" >"$TMP/sandbox-build.log" 2>&1; then
    t1=$(date +%s)
    size=$(docker image inspect -f '{{.Size}}' "$SANDBOX_IMAGE")
    pass "sandbox image builds ($((t1 - t0)) s, $((size / 1000000)) MB)"
else
    tail -30 "$TMP/sandbox-build.log"; fail "sandbox image builds"; finish
fi

# ------------------------------------------------------------------ fake internet
docker network create "$NET" >/dev/null || { fail "create test network"; finish; }
docker run -d --name "$FAKENET" --network "$NET" --cap-drop ALL --cap-add NET_BIND_SERVICE \
    "$FAKENET_IMAGE" >/dev/null || { fail "start fakenet"; finish; }
FAKE_IP=""
for _ in $(seq 1 50); do
    FAKE_IP="$(docker inspect -f "{{(index .NetworkSettings.Networks \"$NET\").IPAddress}}" "$FAKENET" 2>/dev/null)"
    [[ -n "$FAKE_IP" ]] && docker logs "$FAKENET" 2>&1 | grep -q 'fakenet ready' && break
    sleep 0.2
done
check "fakenet is up at $FAKE_IP" docker exec "$FAKENET" python3 -c 'import urllib.request as u; u.urlopen("http://127.0.0.1/")'

# ------------------------------------------------------------------ sandbox
WS_NAME="smokeproj"
WS_HOST="$TMP/$WS_NAME"
STATE_HOST="$TMP/state/opencode-state"
mkdir -p "$WS_HOST" "$STATE_HOST"
echo "readme" >"$WS_HOST/README.md"
echo "secret-ro" >"$WS_HOST/ro.txt"
chown -R "$HOST_UID:$HOST_GID" "$WS_HOST" "$TMP/state"

PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
HOST_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 24096)"
# The address Docker gives docker.host (host-gateway), i.e. this machine.
GATEWAY_IP="$(docker run --rm --network none --add-host gw.test:host-gateway "$BASE_IMAGE" \
    getent hosts gw.test 2>/dev/null | awk '{print $1; exit}')"

# A listener on the docker host (on the default bridge gateway, i.e. this
# machine) to test OCS_HOST_PORTS; only started when python3 is here.
HOSTSRV_PORT="" HOSTSRV_OTHER=""
if command -v python3 >/dev/null && [[ -n "$GATEWAY_IP" ]]; then
    read -r HOSTSRV_PORT HOSTSRV_OTHER < <(python3 -c 'import socket
a=socket.socket(); a.bind(("127.0.0.1",0)); b=socket.socket(); b.bind(("127.0.0.1",0))
print(a.getsockname()[1], b.getsockname()[1])')
    mkdir -p "$TMP/hostsrv" && echo "docker-host-ok" >"$TMP/hostsrv/index.html"
    for p in "$HOSTSRV_PORT" "$HOSTSRV_OTHER"; do
        python3 -m http.server --bind "$GATEWAY_IP" --directory "$TMP/hostsrv" "$p" >/dev/null 2>&1 &
        HOSTSRV_PID="$HOSTSRV_PID $!"
    done
    HOSTSRV_PID="${HOSTSRV_PID# }"
fi

export OPENCODE_SERVER_PASSWORD="$PASSWORD"
run_args=(
    -d --rm --init --name "$SANDBOX"
    --cap-drop ALL --cap-add NET_ADMIN --cap-add SETUID --cap-add SETGID --cap-add SETPCAP
    --security-opt no-new-privileges --pids-limit 512
    -p "127.0.0.1:$HOST_PORT:4096"
    --add-host docker.host:host-gateway
    -v "$WS_HOST:/$WS_NAME" -w "/$WS_NAME"
    -v "$STATE_HOST:/home/dev/.local/share/opencode"
    -v "$WS_HOST/ro.txt:/$WS_NAME/ro.txt:ro"
    -e OPENCODE_SERVER_PASSWORD
    -e "OCS_WHITELIST=.allowed.test,exact.test"
    -e "OCS_HOST_PORTS=${HOSTSRV_PORT:-11434}"
    -e "OCS_WORKSPACE=/$WS_NAME"
    -e "SMOKE_USER_VAR=hello world"
    --network "$NET"
)
for h in allowed.test sub.allowed.test exact.test other.exact.test blocked.test evilallowed.test; do
    run_args+=(--add-host "$h:$FAKE_IP")
done
# A whitelisted name pointing at the sandbox itself (DNS rebinding).
run_args+=(--add-host "loop.allowed.test:127.0.0.1")
log "docker run ${run_args[*]} $SANDBOX_IMAGE"
docker run "${run_args[@]}" "$SANDBOX_IMAGE" >/dev/null || { fail "start sandbox"; finish; }
# --rm removes the logs with the container: keep a copy.
docker logs -f "$SANDBOX" >"$TMP/sandbox.log" 2>&1 &
LOGS_PID=$!

# The gate (ocs-gate) answers at once; OpenCode behind it some seconds later (502 until
# then). OpenCode may stall requests that arrive while it boots: short timeout.
code=""
for _ in $(seq 1 60); do
    code="$(curl -s --max-time 3 -o /dev/null -u "opencode:$PASSWORD" -w '%{http_code}' "http://127.0.0.1:$HOST_PORT/global/health" 2>/dev/null)"
    [[ "$code" == 200 ]] && break
    docker inspect "$SANDBOX" >/dev/null 2>&1 || break
    sleep 1
done
code="$(curl -s --max-time 3 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HOST_PORT/global/health" 2>/dev/null)"
if ! docker inspect "$SANDBOX" >/dev/null 2>&1; then
    sleep 1; sed 's/^/    | /' "$TMP/sandbox.log" | tail -30
    fail "sandbox keeps running (it exited)"; finish
fi
check "entrypoint reached 'starting opencode'" grep -qx 'ocs-entrypoint: starting opencode' "$TMP/sandbox.log"
check "entrypoint: $(grep -m1 -o 'firewall up.*' "$TMP/sandbox.log")" grep -q '^ocs-entrypoint: firewall up (iptables' "$TMP/sandbox.log"
check "health without password -> 401 (got $code)" test "$code" = 401
body="$(curl -s --max-time 10 -u "opencode:$PASSWORD" -w ' %{http_code}' "http://127.0.0.1:$HOST_PORT/global/health")"
check "health with password -> 200 healthy ($body)" bash -c '[[ "$1" == *"\"healthy\":true"*" 200" ]]' _ "$body"
code="$(curl -s --max-time 10 -o /dev/null -u "opencode:wrong" -w '%{http_code}' "http://127.0.0.1:$HOST_PORT/global/health")"
check "health with a wrong password -> 401 (got $code)" test "$code" = 401
check "web UI served at / (HTML)" bash -c "curl -s --max-time 10 -u 'opencode:$PASSWORD' 'http://127.0.0.1:$HOST_PORT/' | grep -qi '<html'"

# Helpers running inside the sandbox.
as_dev() { docker exec -u root "$SANDBOX" ocs-dev-exec "$@"; }
as_root() { docker exec -u root "$SANDBOX" "$@"; }
# dev_curl ARGS...: prints "<http_code> <connect_code> <exit>|<start of body/error>"
dev_curl() {
    local out err rc
    out="$(as_dev curl -sS --max-time 10 -w '\n%{http_code} %{http_connect}' "$@" 2>"$TMP/curl.err")"; rc=$?
    err="$(tr '\n' ' ' <"$TMP/curl.err")"
    printf '%s %s|%.90s' "$(tail -n1 <<<"$out")" "$rc" "$(head -n -1 <<<"$out" | tr -s '\n\t' '  ')$err"
}

# ------------------------------------------------------------------ proxy whitelist
r="$(dev_curl http://allowed.test/)"
check "dev: http://allowed.test via proxy -> 200 from fakenet ($r)" bash -c '[[ "$1" == "200 000 0|"*"host=allowed.test port=80"* ]]' _ "$r"
r="$(dev_curl -k https://sub.allowed.test/)"
check "dev: https://sub.allowed.test via proxy -> 200 ($r)" bash -c '[[ "$1" == "200 200 0|"*"host=sub.allowed.test port=443 scheme=https"* ]]' _ "$r"
r="$(dev_curl http://exact.test/)"
check "dev: http://exact.test (exact entry) -> 200 ($r)" bash -c '[[ "$1" == "200 000 0|"*"host=exact.test"* ]]' _ "$r"
r="$(dev_curl http://blocked.test/)"
check "dev: http://blocked.test -> 403 from Squid ($r)" bash -c '[[ "$1" == "403 "* && "$1" != *fakenet* ]]' _ "$r"
r="$(dev_curl -k https://blocked.test/)"
check "dev: https://blocked.test -> CONNECT 403 ($r)" bash -c '[[ "$1" == *" 403 "* && "$1" != *fakenet* ]]' _ "$r"
r="$(dev_curl http://evilallowed.test/)"
check "dev: http://evilallowed.test (suffix trick) -> 403 ($r)" bash -c '[[ "$1" == "403 "* ]]' _ "$r"
r="$(dev_curl http://other.exact.test/)"
check "dev: http://other.exact.test (exact entry has no subdomains) -> 403 ($r)" bash -c '[[ "$1" == "403 "* ]]' _ "$r"
r="$(dev_curl http://loop.allowed.test/)"
check "dev: whitelisted name resolving to 127.0.0.1 -> 403 ($r)" bash -c '[[ "$1" == "403 "* ]]' _ "$r"
r="$(dev_curl -k https://allowed.test:8443/)"
check "dev: CONNECT allowed.test:8443 -> refused by proxy ($r)" bash -c '[[ "$1" == *" 403 "* && "$1" != *fakenet* ]]' _ "$r"
r="$(dev_curl http://allowed.test:8443/)"
check "dev: plain HTTP to allowed.test:8443 -> 403 ($r)" bash -c '[[ "$1" == "403 "* ]]' _ "$r"
r="$(dev_curl "http://$FAKE_IP/")"
check "dev: IP literal http://$FAKE_IP via proxy -> 403 ($r)" bash -c '[[ "$1" == "403 "* ]]' _ "$r"
r="$(dev_curl -k "https://$FAKE_IP/")"
check "dev: IP literal CONNECT $FAKE_IP:443 -> 403 ($r)" bash -c '[[ "$1" == *" 403 "* && "$1" != *fakenet* ]]' _ "$r"
r="$(dev_curl --proxy '' -x '' http://127.0.0.1:3128/squid-internal-mgr/info)"
check "dev: Squid cache manager not reachable ($r)" bash -c '[[ "$1" != "200 "* ]]' _ "$r"
check "access log visible in docker logs (TCP_DENIED blocked.test)" grep -q 'TCP_DENIED/403 .*blocked.test' "$TMP/sandbox.log"
r="$(dev_curl http://allowed.test/)"
check "Squid adds no Via / X-Forwarded-For ($r)" bash -c '[[ "$1" == *"via= xff="* ]]' _ "$r"

# ------------------------------------------------------------------ firewall
r="$(dev_curl --noproxy '*' "http://$FAKE_IP/")"
check "dev: direct http to fakenet (no proxy) fails ($r)" bash -c '[[ "$1" == "000 000 "[1-9]* && "$1" != *fakenet* ]]' _ "$r"
r="$(dev_curl --noproxy '*' -k "https://$FAKE_IP:8443/")"
check "dev: direct https to fakenet:8443 fails ($r)" bash -c '[[ "$1" == "000 000 "[1-9]* ]]' _ "$r"
r="$(as_root curl -sS --noproxy '*' --max-time 5 "http://$FAKE_IP/" 2>&1)"
check "root: direct http to fakenet fails too ($r)" bash -c '[[ "$1" != *fakenet* ]]' _ "$r"
check "no request addressed to the fakenet IP ever reached fakenet" \
    bash -c "! docker logs '$FAKENET' 2>&1 | grep -q 'host=$FAKE_IP'"
# UDP "DNS" to fakenet: the control from this machine gets an answer.
# One datagram is read with dd (bash's read would take a single byte of it).
udp_probe="exec 3<>/dev/udp/$FAKE_IP/53 && printf q >&3 && timeout 3 dd bs=512 count=1 status=none <&3"
ctl="$(timeout 5 bash -c "$udp_probe" 2>/dev/null)"
check "control: fakenet answers UDP 53 from the test host ($ctl)" test "$ctl" = fakenet-udp
r="$(as_dev timeout 5 bash -c "$udp_probe" 2>&1 | tr '\n' ' ')"
check "dev: UDP 53 to fakenet gets no answer ($r)" bash -c '[[ "$1" != *fakenet-udp* ]]' _ "$r"
r="$(as_dev getent hosts "$FAKENET" 2>&1)"; rc=$?
check "dev: DNS lookup of a name not in /etc/hosts ($FAKENET) fails (rc=$rc)" test "$rc" -ne 0
check "control: that name resolves from the test network" docker exec "$FAKENET" getent hosts "$FAKENET"
r="$(as_dev iptables -F 2>&1)"; rc=$?
check "dev: iptables -F fails (rc=$rc)" test "$rc" -ne 0
r="$(as_dev ip6tables -P OUTPUT ACCEPT 2>&1)"; rc=$?
check "dev: ip6tables -P OUTPUT ACCEPT fails (rc=$rc)" test "$rc" -ne 0
check "IPv4 OUTPUT policy is DROP" bash -c "docker exec -u root '$SANDBOX' iptables -S OUTPUT | grep -qx -- '-P OUTPUT DROP'"
check "IPv6 OUTPUT policy is DROP" bash -c "docker exec -u root '$SANDBOX' ip6tables -S OUTPUT | grep -qx -- '-P OUTPUT DROP'"
check "Squid listens on 127.0.0.1 only (fakenet cannot reach sandbox:3128)" \
    bash -c "! docker exec '$FAKENET' python3 -c 'import socket; socket.create_connection((\"$SANDBOX\", 3128), timeout=3)' 2>/dev/null"
if [[ -n "$HOSTSRV_PORT" ]]; then
    r="$(dev_curl --noproxy '*' "http://docker.host:$HOSTSRV_PORT/")"
    check "dev: docker.host:$HOSTSRV_PORT (in OCS_HOST_PORTS) reachable ($r)" bash -c '[[ "$1" == "200 000 0|"*docker-host-ok* ]]' _ "$r"
    r="$(dev_curl --noproxy '*' "http://docker.host:$HOSTSRV_OTHER/")"
    check "dev: docker.host:$HOSTSRV_OTHER (not listed) blocked ($r)" bash -c '[[ "$1" == "000 000 "[1-9]* ]]' _ "$r"
fi

# ------------------------------------------------------------------ privileges / env / files
st="$(as_dev cat /proc/self/status)"
check "dev process: CapBnd 0" bash -c 'grep -qx "CapBnd:[[:space:]]*0000000000000000" <<<"$1"' _ "$st"
check "dev process: CapEff/CapPrm 0" bash -c 'grep -qx "CapEff:[[:space:]]*0000000000000000" <<<"$1" && grep -qx "CapPrm:[[:space:]]*0000000000000000" <<<"$1"' _ "$st"
check "dev process: NoNewPrivs 1" bash -c 'grep -qx "NoNewPrivs:[[:space:]]*1" <<<"$1"' _ "$st"
check "dev process: uid $HOST_UID" bash -c 'grep -q "^Uid:[[:space:]]*$2[[:space:]]" <<<"$1"' _ "$st" "$HOST_UID"
OC_PID="$(as_root pgrep -o -f 'opencode serve')"
st1="$(as_dev cat "/proc/$OC_PID/status")"
check "opencode (pid $OC_PID) runs as uid $HOST_UID with CapBnd 0, NoNewPrivs 1" \
    bash -c 'grep -q "^Uid:[[:space:]]*$2[[:space:]]" <<<"$1" && grep -qx "CapBnd:[[:space:]]*0000000000000000" <<<"$1" && grep -qx "NoNewPrivs:[[:space:]]*1" <<<"$1"' _ "$st1" "$HOST_UID"
if as_dev sh -c 'command -v capsh' >/dev/null 2>&1; then
    check "capsh --print as dev: empty bounding set" bash -c "docker exec -u root '$SANDBOX' ocs-dev-exec capsh --print | grep -qE '^Bounding set =\$'"
fi
envout="$(as_dev env)"
check "dev env: no OCS_* variables" bash -c '! grep -q "^OCS_" <<<"$1"' _ "$envout"
check "dev env: proxies set, HOME/USER right" bash -c 'grep -qx "https_proxy=http://127.0.0.1:3128" <<<"$1" && grep -qx "HTTP_PROXY=http://127.0.0.1:3128" <<<"$1" && grep -qx "NO_PROXY=localhost,127.0.0.1,docker.host" <<<"$1" && grep -qx "HOME=/home/dev" <<<"$1" && grep -qx "USER=dev" <<<"$1"' _ "$envout"
check "dev env: user variable passed through" bash -c 'grep -qx "SMOKE_USER_VAR=hello world" <<<"$1"' _ "$envout"
check "dev cwd is the workspace" bash -c "[[ \"\$(docker exec -u root '$SANDBOX' ocs-dev-exec pwd)\" == '/$WS_NAME' ]]"
as_dev sh -c 'echo made-by-dev > created-by-dev.txt' >/dev/null 2>&1
check "file created by dev is on the host owned by $HOST_UID" \
    bash -c "[[ -f '$WS_HOST/created-by-dev.txt' && \$(stat -c %u '$WS_HOST/created-by-dev.txt') == $HOST_UID ]]"
check "read-only mounted file cannot be written by dev" bash -c "! docker exec -u root '$SANDBOX' ocs-dev-exec sh -c 'echo x >> ro.txt' 2>/dev/null"
squid_st="$(as_root sh -c 'cat /proc/$(pgrep -o squid)/status')"
check "Squid runs as proxy with only SETUID/SETGID in its bounding set" \
    bash -c 'grep -q "^Uid:[[:space:]]*13[[:space:]]" <<<"$1" && grep -qx "CapBnd:[[:space:]]*00000000000000c0" <<<"$1"' _ "$squid_st"
check "opencode state folder is dev's" bash -c "docker exec -u root '$SANDBOX' ocs-dev-exec sh -c 'touch /home/dev/.local/share/opencode/.probe' && [[ -f '$STATE_HOST/.probe' ]]"
check "ocs-dev-exec refuses a non-root caller" bash -c "! docker exec -u dev '$SANDBOX' ocs-dev-exec true 2>/dev/null"
check "mise $(as_dev mise --version 2>/dev/null | cut -d' ' -f1) is on dev's PATH" as_dev mise --version
check "sandbox still running after the checks" bash -c "[[ \$(docker inspect -f '{{.State.Running}}' '$SANDBOX') == true ]]"

# ------------------------------------------------------------------ gate, password, verify
tcp_owner() { # PORT -> "uid address" of the listening socket
    as_root awk -v p="$(printf '%04X' "$1")" 'FNR > 1 && $4 == "0A" && $2 ~ (":" p "$") { print $8, $2 }' /proc/net/tcp /proc/net/tcp6
}
check "ocs-gate (not dev) listens on :4096" bash -c '[[ "$1" == "$2 00000000:1000" ]]' _ "$(tcp_owner 4096)" "$(as_root id -u ocs-gate)"
check "OpenCode (dev) listens on 127.0.0.1:4097 only" bash -c '[[ "$1" == "$2 0100007F:1001" ]]' _ "$(tcp_owner 4097)" "$HOST_UID"
r="$(as_dev node /usr/local/lib/ocs/ocs-probe.js tcp 127.0.0.1 4097 2>&1)"
check "dev cannot connect to OpenCode's password-less port 4097 ($r)" bash -c '[[ "$1" == blocked* ]]' _ "$r"
r="$(docker exec -u ocs-gate "$SANDBOX" node /usr/local/lib/ocs/ocs-probe.js http http://127.0.0.1:4097/global/health 2>&1)"
check "the gate's user reaches OpenCode on 4097 without a password ($r)" test "$r" = "status 200"
envs="$(as_dev sh -c 'env; cat /proc/[0-9]*/environ /proc/[0-9]*/cmdline 2>/dev/null' | tr '\0' '\n')"
check "the password is in no environment or command line dev can read" bash -c '! grep -qF -- "$2" <<<"$1"' _ "$envs" "$PASSWORD"
check "dev env: no OPENCODE_SERVER_PASSWORD variable" bash -c '! grep -q "^OPENCODE_SERVER_PASSWORD=" <<<"$1"' _ "$envout"
check "no setuid/setgid file in the image" bash -c '[[ -z "$(docker exec -u root "$1" find / -xdev -path /proc -prune -o -type f -perm /6000 -print)" ]]' _ "$SANDBOX"
check "opencode binary is not readable by others (0711: its processes are non-dumpable)" \
    bash -c '[[ "$(docker exec -u root "$1" stat -L -c %a /usr/local/bin/opencode)" == 711 ]]' _ "$SANDBOX"
check "ocs-attach refuses a non-root caller" bash -c "! docker exec -u dev '$SANDBOX' ocs-attach 2>/dev/null"

# ------------------------------------------------------------------ the gate's secret, the terminal client (issue 10, item 8)
GATE_PID="$(as_root pgrep -o -u ocs-gate -f ocs-gate.js)"
exec_env_text="$(as_root cat /proc/self/environ | tr '\0' '\n')"
check "control: a plain 'docker exec' process has the password in its environ (the search works)" \
    bash -c '[[ "$1" == *"$2"* ]]' _ "$exec_env_text" "$PASSWORD"
# Read as the gate's own user (root has no CAP_SYS_PTRACE here): what any process of that
# uid, such as the terminal client used to be, could read.
gate_env_text="$(docker exec -u ocs-gate "$SANDBOX" cat "/proc/$GATE_PID/environ" 2>&1 | tr '\0' '\n')"
check "the gate's user reads the gate's environ (pid $GATE_PID, $(wc -l <<<"$gate_env_text") variables, OCS_GATE_LISTEN_PORT among them)" \
    grep -qx 'OCS_GATE_LISTEN_PORT=4096' <<<"$gate_env_text"
check "the gate's /proc/PID/environ does not hold the password" bash -c '[[ "$1" != *"$2"* ]]' _ "$gate_env_text" "$PASSWORD"
check "the gate's environ has no OPENCODE_SERVER_PASSWORD variable at all" bash -c '! grep -q "^OPENCODE_SERVER_PASSWORD=" <<<"$1"' _ "$gate_env_text"
r="$(docker exec -u ocs-term "$SANDBOX" node /usr/local/lib/ocs/ocs-probe.js readable "/proc/$GATE_PID/environ" "/proc/$GATE_PID/mem" 2>&1)"; rc=$?
ctl="$(docker exec -u ocs-gate "$SANDBOX" node /usr/local/lib/ocs/ocs-probe.js readable "/proc/$GATE_PID/mem" 2>&1)"; crc=$?
check "the terminal's user (ocs-term) cannot read the gate's environ or memory ($r) [control, the gate's user can: $ctl]" \
    bash -c '(( $1 != 0 && $2 == 0 ))' _ "$rc" "$crc"
r="$(docker exec -u ocs-term "$SANDBOX" node /usr/local/lib/ocs/ocs-probe.js http http://127.0.0.1:4097/global/health 2>&1)"
check "the terminal's user reaches OpenCode on 4097 without a password ($r)" test "$r" = "status 200"
# The terminal itself: ocs-attach under a pseudo-terminal, as `ocs terminal` runs it. While
# it runs, its client must be connected to 4097 as ocs-term. (Its /proc/PID/environ and
# cwd cannot be read: opencode's processes are non-dumpable, and root has no
# CAP_SYS_PTRACE; ocs-verify's environ-secret covers the readable processes.)
TERM_UID="$(as_root id -u ocs-term)"
( sleep 30 | TERM=xterm-256color timeout 25 script -qfc "docker exec -it -u root -e TERM=xterm-256color '$SANDBOX' ocs-attach" /dev/null \
    >"$TMP/attach.out" 2>&1 ) &
attach_pid=$!
attach_conn=""
for _ in $(seq 1 40); do
    sleep 0.5
    # ESTABLISHED (01) connections to 127.0.0.1:4097 (1001) by ocs-term's uid.
    attach_conn="$(as_root awk -v u="$TERM_UID" 'FNR > 1 && $4 == "01" && $3 ~ /:1001$/ && $8 == u { n++ } END { print n + 0 }' /proc/net/tcp /proc/net/tcp6)"
    [[ "$attach_conn" != 0 ]] && break
done
attach_users="$(as_root ps -o user= -C opencode | sort -u | tr '\n' ' ')"
kill "$attach_pid" 2>/dev/null; wait "$attach_pid" 2>/dev/null
# Root has no CAP_KILL here: the client's own user ends it.
docker exec -u ocs-term "$SANDBOX" pkill -u ocs-term >/dev/null 2>&1
check "ocs-attach: the terminal client connects to OpenCode as ocs-term ($attach_conn connections; opencode processes of: $attach_users)" \
    test "$attach_conn" -ge 1
check "ocs-attach: the client's state is in ocs-term's home, nothing of it in the workspace" \
    bash -c 'docker exec -u ocs-term "$1" test -d /var/lib/ocs-term/.local/share/opencode && [[ -z "$(find "$2" -uid "$3" -print -quit)" ]]' _ "$SANDBOX" "$WS_HOST" "$TERM_UID"

# ------------------------------------------------------------------ root helpers and the container's variables (issue 10, item 5)
# A payload that records who ran it, in a file only root can write. Control: a root bash
# started with BASH_ENV does run it (so its absence below means something).
as_root sh -c 'printf "%s\n" "grep -E \"^(Uid|CapEff):\" /proc/self/status | tr -s \"\\t \" \" \" >>/run/ocs-payload-ran" >/run/ocs-payload.sh; rm -f /run/ocs-payload-ran'
payload_ran() { as_root sh -c 'cat /run/ocs-payload-ran 2>/dev/null; rm -f /run/ocs-payload-ran' | tr '\n' ' '; }
as_root env BASH_ENV=/run/ocs-payload.sh bash -c true
r="$(payload_ran)"
check "control: a root bash started with BASH_ENV runs the payload as root with NET_ADMIN ($r)" \
    bash -c '[[ "$1" == *"Uid: 0 "* ]] && (( 16#$(sed -E "s/.*CapEff: ([0-9a-f]+).*/\1/" <<<"$1") & (1 << 12) ))' _ "$r"
evil_env=(-e BASH_ENV=/run/ocs-payload.sh -e ENV=/run/ocs-payload.sh -e SHELLOPTS=xtrace
          -e 'PS4=$(. /run/ocs-payload.sh)' -e 'BASH_FUNC_set%%=() { . /run/ocs-payload.sh; }'
          -e 'BASH_FUNC_source%%=() { . /run/ocs-payload.sh; }')
out="$(docker exec -u root "${evil_env[@]}" "$SANDBOX" ocs-dev-exec id -u 2>&1)"
r="$(payload_ran)"
check "docker exec -e BASH_ENV/SHELLOPTS+PS4/BASH_FUNC_*: ocs-dev-exec runs no payload as root ($r)" \
    test -z "$r"
check "... and still runs its command as dev (uid $HOST_UID: $out)" test "$out" = "$HOST_UID"
env_dev="$(docker exec -u root "${evil_env[@]}" "$SANDBOX" ocs-dev-exec env 2>&1)"
check "... and none of those variables reaches dev" bash -c '! grep -qE "^(BASH_ENV|ENV|SHELLOPTS|PS4|BASH_FUNC_)" <<<"$1"' _ "$env_dev"
check "... while the container's own user variable still does (SMOKE_USER_VAR)" grep -qx 'SMOKE_USER_VAR=hello world' <<<"$env_dev"
out="$(docker exec -u root "${evil_env[@]}" "$SANDBOX" ocs-attach --help 2>&1)"
r="$(payload_ran)"
check "ocs-attach with those variables runs no payload as root ($r)" test -z "$r"
check "... and still runs the terminal client ($(head -c 80 <<<"$out" | tr '\n' ' '))" grep -q 'attach' <<<"$out"
verify_out="$(docker exec -u root "${evil_env[@]}" "$SANDBOX" /usr/local/lib/ocs/ocs-verify 2>&1)"; rc=$?
printf '%s\n' "$verify_out" | sed 's/^/    | /'
check "ocs-verify: every probe passes (rc=$rc, $(grep -c '^PASS' <<<"$verify_out") PASS, $(grep -c '^FAIL' <<<"$verify_out") FAIL)" \
    bash -c '(( $1 == 0 )) && ! grep -q "^FAIL" <<<"$2" && grep -q "^PASS" <<<"$2"' _ "$rc" "$verify_out"
check "ocs-verify: the password is in no environment of a non-root process, the gate's included" \
    grep -q '^PASS environ-secret ' <<<"$verify_out"
r="$(payload_ran)"
check "ocs-verify started with BASH_ENV/SHELLOPTS+PS4/BASH_FUNC_* ran no payload as root ($r)" test -z "$r"

# ------------------------------------------------------------------ fail closed
bad_run() { # NAME EXTRA-ARGS... ; prints the logs, returns the exit code
    local name="$1"; shift
    docker run --name "$name" --cap-drop ALL --security-opt no-new-privileges \
        -v "$WS_HOST:/$WS_NAME" -w "/$WS_NAME" -e "OCS_WORKSPACE=/$WS_NAME" \
        --add-host docker.host:host-gateway --network none "$@" "$SANDBOX_IMAGE" >"$TMP/$name.log" 2>&1
    local rc=$?
    docker rm -f "$name" >/dev/null 2>&1
    return $rc
}
bad_run "$SANDBOX-bad1" --cap-add NET_ADMIN --cap-add SETUID --cap-add SETGID --cap-add SETPCAP -e 'OCS_WHITELIST=good.test,bad domain;x'
rc=$?
check "invalid OCS_WHITELIST: exits non-zero with an ocs-entrypoint message (rc=$rc)" \
    bash -c "(( $rc != 0 )) && grep -q '^ocs-entrypoint: OCS_WHITELIST entry' '$TMP/$SANDBOX-bad1.log'"
bad_run "$SANDBOX-bad2" --cap-add NET_ADMIN --cap-add SETUID --cap-add SETGID --cap-add SETPCAP -e 'OCS_HOST_PORTS=80,70000'
rc=$?
check "invalid OCS_HOST_PORTS: exits non-zero (rc=$rc)" \
    bash -c "(( $rc != 0 )) && grep -q '^ocs-entrypoint: OCS_HOST_PORTS entry' '$TMP/$SANDBOX-bad2.log'"
bad_run "$SANDBOX-bad3" --cap-add SETUID --cap-add SETGID --cap-add SETPCAP -e 'OCS_WHITELIST=good.test'
rc=$?
check "without NET_ADMIN: exits non-zero, names the missing capability (rc=$rc)" \
    bash -c "(( $rc != 0 )) && grep -q '^ocs-entrypoint: missing capabilities: NET_ADMIN' '$TMP/$SANDBOX-bad3.log'"
bad_run "$SANDBOX-bad4" --cap-add NET_ADMIN --cap-add SETUID --cap-add SETGID --cap-add CHOWN -e 'OCS_WHITELIST=good.test'
rc=$?
check "without SETPCAP: exits non-zero before starting anything (rc=$rc)" \
    bash -c "(( $rc != 0 )) && grep -q '^ocs-entrypoint: missing capabilities: SETPCAP' '$TMP/$SANDBOX-bad4.log' && ! grep -q 'starting opencode' '$TMP/$SANDBOX-bad4.log'"

# The container's variables steering the entrypoint's own bash (root, NET_ADMIN): the
# payload (on a mount every user may write) records who ran it.
mkdir -p "$TMP/payload" && chmod 1777 "$TMP/payload"
printf '%s\n' 'grep -E "^(Uid|CapEff):" /proc/self/status | tr -s "\t " "  " >>/payload/ran' >"$TMP/payload/p.sh"
docker run --rm --entrypoint /bin/bash -e BASH_ENV=/payload/p.sh -v "$TMP/payload:/payload" "$SANDBOX_IMAGE" -c true >/dev/null 2>&1
check "control: the image's bash runs a BASH_ENV payload ($(tr '\n' ' ' 2>/dev/null <"$TMP/payload/ran"))" test -s "$TMP/payload/ran"
rm -f "$TMP/payload/ran"
# Like bad_run, but detached: an entrypoint that does not refuse would run for good.
# Returns the exit code, 124 when still running after 30 s.
evil_run() {
    local name="$1" rc=124; shift
    docker run -d --name "$name" --cap-drop ALL --security-opt no-new-privileges \
        -v "$WS_HOST:/$WS_NAME" -w "/$WS_NAME" -e "OCS_WORKSPACE=/$WS_NAME" \
        --add-host docker.host:host-gateway --network none "$@" "$SANDBOX_IMAGE" >/dev/null 2>&1 || return 125
    for _ in $(seq 1 60); do
        if [[ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" != true ]]; then
            rc="$(docker inspect -f '{{.State.ExitCode}}' "$name" 2>/dev/null)"; break
        fi
        sleep 0.5
    done
    docker logs "$name" >"$TMP/$name.log" 2>&1
    docker rm -f "$name" >/dev/null 2>&1
    return "${rc:-125}"
}
for evil in 'BASH_ENV=/payload/p.sh' 'BASH_FUNC_set%%=() { . /payload/p.sh; }' 'SHELLOPTS=xtrace' 'LD_PRELOAD=/nonexistent.so'; do
    extra=(-e "$evil")
    [[ "$evil" == SHELLOPTS=* ]] && extra+=(-e 'PS4=$(. /payload/p.sh)')
    evil_run "$SANDBOX-bad5" --cap-add NET_ADMIN --cap-add SETUID --cap-add SETGID --cap-add SETPCAP \
        -e 'OCS_WHITELIST=good.test' -v "$TMP/payload:/payload" "${extra[@]}"
    rc=$?
    check "entrypoint with ${evil%%=*} in the container's variables: no payload ran as root ($(tr '\n' ' ' 2>/dev/null <"$TMP/payload/ran"))" \
        test ! -e "$TMP/payload/ran"
    check "... it refuses to start, naming ${evil%%=*} (rc=$rc: $(grep -m1 'refusing' "$TMP/$SANDBOX-bad5.log"))" \
        bash -c "(( $rc != 0 )) && grep -q \"^ocs-entrypoint: refusing to start: the container's environment sets .*${evil%%=*}\" '$TMP/$SANDBOX-bad5.log' && ! grep -q 'starting opencode' '$TMP/$SANDBOX-bad5.log'"
    rm -f "$TMP/payload/ran"
done

# Squid fails at start (127.0.0.1:3128 is taken: the sandbox shares the network namespace of
# a container that listens there): the sandbox ends, saying why (fail closed). With an init
# (as the app runs it) OpenCode starts meanwhile and the entrypoint's Squid watcher ends it
# (ocs_squid_watch); without one (OpenCode would be PID 1) the entrypoint waits for Squid
# before OpenCode.
for init in --init --init=false; do
    docker run -d --name "$SANDBOX-holder" --network none --entrypoint /usr/bin/node "$SANDBOX_IMAGE" \
        -e "require('net').createServer((s) => s.destroy()).listen(3128, '127.0.0.1')" >/dev/null
    sleep 1
    rc=124
    docker run -d "$init" --name "$SANDBOX-bad6" --cap-drop ALL --cap-add NET_ADMIN --cap-add SETUID \
        --cap-add SETGID --cap-add SETPCAP --security-opt no-new-privileges --network "container:$SANDBOX-holder" \
        -v "$WS_HOST:/$WS_NAME" -w "/$WS_NAME" -e "OCS_WORKSPACE=/$WS_NAME" -e 'OCS_WHITELIST=good.test' \
        -e OPENCODE_SERVER_PASSWORD "$SANDBOX_IMAGE" >/dev/null || rc=125
    for _ in $(seq 1 60); do
        ((rc == 124)) || break
        if [[ "$(docker inspect -f '{{.State.Running}}' "$SANDBOX-bad6" 2>/dev/null)" != true ]]; then
            rc="$(docker inspect -f '{{.State.ExitCode}}' "$SANDBOX-bad6" 2>/dev/null)"
        fi
        sleep 0.5
    done
    docker logs "$SANDBOX-bad6" >"$TMP/$SANDBOX-bad6.log" 2>&1
    docker rm -f "$SANDBOX-bad6" "$SANDBOX-holder" >/dev/null 2>&1
    check "Squid cannot start ($init): the sandbox ends within 30 s, saying why (rc=$rc: $(grep -m1 '^ocs-entrypoint: squid' "$TMP/$SANDBOX-bad6.log"))" \
        bash -c "(( $rc != 0 && $rc != 124 )) && grep -Eq '^ocs-entrypoint: squid(.s TLS check| exited during start-up| did not accept)' '$TMP/$SANDBOX-bad6.log' && ! grep -q '^ocs-entrypoint: squid listening' '$TMP/$SANDBOX-bad6.log'"
done
finish
