#!/usr/bin/env bash
# SC2016: '...' snippets are run inside the containers on purpose.
# shellcheck disable=SC2016
# Attack suite: attacks running sandboxes from inside, as the agent would, and proves each
# block with a positive control (the same path working where it is allowed: from a plain
# container on the same networks, or to an allowed destination), so that a broken network
# cannot fake a pass.
#
# Usage: tests/e2e/attack-sandbox.sh PATH/TO/ocs
#
# The sandboxes are started by `ocs` itself (the real run plan is under attack), as a
# throw-away user in the engine's group when run as root. Around them: a fake internet
# (fakenet, for the whitelisted *.test names), a target container (TCP/UDP echo, HTTP, a
# DNS server answering *.fake.test) on an IPv4 and an IPv6 (ULA) network of this test,
# a plain control container from the sandbox's own image (same tools, no firewall, no
# dropped privileges), and two listeners on the host's bridge addresses (one host port
# listed in host-ports, one not). Traffic goes only to loopback and to what this test
# created. One PASS/FAIL line per check; last line "N passed, N failed".
#
# OCS_E2E_ENGINE=podman runs the sandboxes (and the plain control containers) on rootless
# Podman as the test user; the fake internet, the target and the test's networks stay on
# Docker (test infrastructure; the sandboxes reach them through slirp4netns and the host).
# The few checks that cannot apply there print "SKIP" with the reason.
#
# Exit: 0 all passed, 1 something failed, 77 skipped (no engine; never under CI=true).
# Environment: OCS_E2E_ENGINE (docker), OCS_E2E_BASE_IMAGE, OCS_ATTACK_KEEP=1 (keep all).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

OCS_BIN=$(readlink -f "${1:?usage: attack-sandbox.sh PATH/TO/ocs}")
ENGINE=${OCS_E2E_ENGINE:-docker}
BASE_IMAGE=${OCS_E2E_BASE_IMAGE:-ocs-test-base:bookworm}
FAKENET_IMAGE=ocs-e2e-fakenet:latest
RUN_ID=atk$$
T_START=$SECONDS
# The fake internet, the target and the test's networks: on Docker (as root) in every mode.
NET_ENGINE=docker
net() { "$NET_ENGINE" "$@"; }

command -v "$ENGINE" >/dev/null 2>&1 || skip_loudly "$ENGINE is not installed"
command -v "$NET_ENGINE" >/dev/null 2>&1 || skip_loudly "$NET_ENGINE is not installed (it runs the fake internet)"
net info >/dev/null 2>&1 || skip_loudly "$NET_ENGINE is installed but its engine does not answer ('$NET_ENGINE info' failed)"
[[ -x "$OCS_BIN" ]] || { echo "not executable: $OCS_BIN" >&2; exit 1; }

# ---- the user the sandboxes belong to (see setup_test_user in lib.sh) -------------------
setup_test_user
WORK=$(as_user mktemp -d /tmp/ocs-attack.XXXXXX)
chmod 0755 "$WORK"
setup_engine_env "$WORK"      # defines eng: the sandboxes' engine, as their owner uses it
STATE_ROOT=$WORK/state
export OCS_STATE_ROOT=$STATE_ROOT OCS_KEYCHAIN=0 OCS_BASE_IMAGE=$BASE_IMAGE OCS_ENGINE=$ENGINE
export OCS_START_TIMEOUT=240 OCS_EXTRA_CA_CERTS
OCS_EXTRA_CA_CERTS=$(host_extra_cas)
[[ "$ENGINE" == podman ]] || unset DBUS_SESSION_BUS_ADDRESS

ocs_in() { local dir=$1; shift; (cd "$dir" && as_user "$OCS_BIN" "$@"); }

NET4=ocs-atk-v4-$RUN_ID
NET6=ocs-atk-v6-$RUN_ID
FAKENET=ocs-atk-fakenet-$RUN_ID
TARGET=ocs-atk-target-$RUN_ID
CTRL=ocs-atk-ctrl-$RUN_ID
CTRL_LO=ocs-atk-ctrl-lo-$RUN_ID
# containers: on the net engine (Docker); sb_containers: on the sandboxes' engine.
containers=() sb_containers=() host_pids=() images=()
cleanup() {
    set +e
    for p in "${host_pids[@]}"; do kill "$p" 2>/dev/null; done
    if [[ "${OCS_ATTACK_KEEP:-}" == 1 ]]; then
        echo "# kept: $WORK, containers ${containers[*]} ${sb_containers[*]}, networks $NET4 $NET6" >&2
        return
    fi
    for d in "$WORK"/proj-*; do [[ -d "$d" ]] && (cd "$d" && as_user "$OCS_BIN" stop >/dev/null 2>&1); done
    for c in "${sb_containers[@]}"; do eng rm -f "$c" >/dev/null 2>&1; done
    for c in "${containers[@]}"; do net rm -f "$c" >/dev/null 2>&1; done
    net network rm "$NET4" "$NET6" >/dev/null 2>&1
    # Our images only (ocs-attack-cache:latest keeps the layers for the next run).
    for i in "${images[@]}"; do eng rmi "$i" >/dev/null 2>&1; done
    end_podman_helpers
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== engine: $(eng version --format '{{.Server.Version}}' 2>/dev/null || eng version --format '{{.Version}}') ($ENGINE), user $E2E_USER ($E2E_UID), work $WORK"

# ---- helpers -------------------------------------------------------------------------------
# pair "what is attacked" ATTACK-CMD... -- CONTROL-CMD...
# PASS when the attack command FAILS and the control command SUCCEEDS.
pair() {
    local what=$1; shift
    local -a atk=() ctl=()
    while (($#)) && [[ $1 != -- ]]; do atk+=("$1"); shift; done
    shift
    ctl=("$@")
    local ao co arc crc
    ao=$("${atk[@]}" 2>&1); arc=$?
    co=$("${ctl[@]}" 2>&1); crc=$?
    if ((arc == 0)); then
        fail "blocked: $what" "the attack WORKED: ${ao:0:300}"
    elif ((crc != 0)); then
        fail "blocked: $what" "blocked (${ao:0:120}), but the control failed too, so this proves nothing: ${co:0:300}"
    else
        pass "blocked: $what  [${ao:0:60}; control: ${co:0:60}]"
    fi
}
# Output comparison variant: pair_out "what" EXPECTED-ATTACK-PATTERN EXPECTED-CONTROL-PATTERN ATTACK... -- CONTROL...
pair_out() {
    local what=$1 ap=$2 cp=$3; shift 3
    local -a atk=() ctl=()
    while (($#)) && [[ $1 != -- ]]; do atk+=("$1"); shift; done
    shift
    ctl=("$@")
    local ao co
    ao=$("${atk[@]}" 2>&1)
    co=$("${ctl[@]}" 2>&1)
    # shellcheck disable=SC2053 # the expected values are glob patterns
    if [[ "$ao" != $ap ]]; then
        fail "blocked: $what" "attack answered [${ao:0:300}], expected [$ap]"
    elif [[ "$co" != $cp ]]; then
        fail "blocked: $what" "control answered [${co:0:300}], expected [$cp]: proves nothing"
    else
        pass "blocked: $what  [${ao:0:60}; control: ${co:0:60}]"
    fi
}

PROBE=/usr/local/lib/ocs/ocs-probe.js
PROXY=http://127.0.0.1:3128

# A tiny ICMP echo client (perl is in every Debian image): "reply" exit 0, else exit 1.
# Args: 4|6 HOST dgram|raw.
read -r -d '' PING_PL <<'PERL'
use strict; use Socket qw(:all);
my ($fam, $host, $mode) = @ARGV;
my $v6 = $fam eq '6';
my $af = $v6 ? AF_INET6 : AF_INET;
socket(my $s, $af, $mode eq 'raw' ? SOCK_RAW : SOCK_DGRAM, $v6 ? 58 : 1)
    or do { print "no socket: $!\n"; exit 2 };
my $ip = inet_pton($af, $host) or die "not an address: $host\n";
my $to = $v6 ? pack_sockaddr_in6(0, $ip) : pack_sockaddr_in(0, $ip);
my $body = pack('CCnnn', $v6 ? 128 : 8, 0, 0, 0x4f43, 1) . 'ocs-ping-probe';
unless ($v6) {
    my $sum = 0; $sum += $_ for unpack('n*', $body . (length($body) % 2 ? "\0" : ''));
    $sum = ($sum >> 16) + ($sum & 0xffff); $sum += $sum >> 16;
    substr($body, 2, 2) = pack('n', ~$sum & 0xffff);
}
send($s, $body, 0, $to) or do { print "send failed: $!\n"; exit 1 };
my $end = time + 3;
while (time < $end) {
    my $rin = ''; vec($rin, fileno($s), 1) = 1;
    select(my $rout = $rin, undef, undef, 1) or next;
    recv($s, my $buf, 1500, 0) or do { print "recv failed: $!\n"; exit 1 };
    my $off = (!$v6 && $mode eq 'raw') ? (ord($buf) & 0x0f) * 4 : 0;
    my $type = ord(substr($buf, $off, 1));
    if ($type == ($v6 ? 129 : 0)) { print "reply\n"; exit 0 }
}
print "no reply\n"; exit 1;
PERL

# The target: dual-stack TCP echo :7000, HTTP :80, UDP echo :443 (QUIC-like), DNS :53
# (UDP and TCP) answering *.fake.test with 192.0.2.7, NXDOMAIN for the rest. Logs each hit.
read -r -d '' TARGET_PY <<'PY'
import http.server, socket, socketserver, struct, threading
def log(*a): print("target", *a, flush=True)
class Dual:
    address_family = socket.AF_INET6
    allow_reuse_address = True
    daemon_threads = True
    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()
class TCP(Dual, socketserver.ThreadingTCPServer): pass
class UDP(Dual, socketserver.ThreadingUDPServer): pass
class HTTP(Dual, http.server.ThreadingHTTPServer): pass
def answer(q):
    i, labels = 12, []
    while q[i]:
        labels.append(q[i + 1:i + 1 + q[i]].decode("ascii", "replace")); i += 1 + q[i]
    question, name = q[12:i + 5], ".".join(labels).lower()
    if name == "fake.test" or name.endswith(".fake.test"):
        return (q[:2] + b"\x81\x80" + struct.pack(">HHHH", 1, 1, 0, 0) + question
                + b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + socket.inet_aton("192.0.2.7"))
    return q[:2] + b"\x81\x83" + struct.pack(">HHHH", 1, 0, 0, 0) + question
class Echo(socketserver.BaseRequestHandler):
    def handle(self):
        log("tcp7000", self.client_address[0]); self.request.sendall(b"target-tcp\n")
class UdpEcho(socketserver.BaseRequestHandler):
    def handle(self):
        d, s = self.request; log("udp443", self.client_address[0]); s.sendto(b"target-udp\n", self.client_address)
class DnsUdp(socketserver.BaseRequestHandler):
    def handle(self):
        d, s = self.request; log("dns-udp", self.client_address[0]); s.sendto(answer(d), self.client_address)
class DnsTcp(socketserver.BaseRequestHandler):
    def handle(self):
        n = struct.unpack(">H", self.request.recv(2))[0]; d = b""
        while len(d) < n: d += self.request.recv(n - len(d))
        log("dns-tcp", self.client_address[0]); a = answer(d)
        self.request.sendall(struct.pack(">H", len(a)) + a)
class Web(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        host = self.headers.get("Host", "")
        log("http", self.client_address[0], "host=" + host)
        body = ("target host=%s\n" % host).encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
servers = [TCP(("::", 7000), Echo), UDP(("::", 443), UdpEcho), UDP(("::", 53), DnsUdp),
           TCP(("::", 53), DnsTcp), HTTP(("::", 80), Web)]
for s in servers: threading.Thread(target=s.serve_forever, daemon=True).start()
log("ready")
threading.Event().wait()
PY

ip_on() { net inspect -f "{{(index .NetworkSettings.Networks \"$2\").IPAddress}}" "$1" 2>/dev/null; }
ip6_on() { net inspect -f "{{(index .NetworkSettings.Networks \"$2\").GlobalIPv6Address}}" "$1" 2>/dev/null; }

# ---- networks, fake internet, target ------------------------------------------------------
if ! net image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    echo "== making base image $BASE_IMAGE (debootstrap)"
    "$here/make-base-image.sh" "$BASE_IMAGE" || { echo "cannot make the base image" >&2; exit 1; }
fi
copy_base_image_to_podman "$BASE_IMAGE"
net build -q -t "$FAKENET_IMAGE" --build-arg "BASE_IMAGE=$BASE_IMAGE" "$here/fakenet" >/dev/null \
    || { echo "cannot build $FAKENET_IMAGE" >&2; exit 1; }
net network create "$NET4" >/dev/null || { echo "cannot create $NET4" >&2; exit 1; }
for _ in 1 2 3 4 5; do
    sub6="fd$(printf '%02x' $((RANDOM % 256))):$(printf '%x' $RANDOM):$(printf '%x' $RANDOM)::/64"
    net network create --ipv6 --subnet "$sub6" "$NET6" >/dev/null 2>&1 && break
done
net network inspect "$NET6" >/dev/null 2>&1 || { echo "cannot create an IPv6 network" >&2; exit 1; }

net run -d --name "$FAKENET" "$FAKENET_IMAGE" >/dev/null && containers+=("$FAKENET")
net network connect "$NET4" "$FAKENET"
net run -d --name "$TARGET" --network "$NET4" "$FAKENET_IMAGE" python3 -u -c "$TARGET_PY" >/dev/null \
    && containers+=("$TARGET")
net network connect "$NET6" "$TARGET"
net network connect bridge "$TARGET"
FAKE_IP=$(net inspect -f '{{.NetworkSettings.IPAddress}}' "$FAKENET")
TARGET4=$(ip_on "$TARGET" "$NET4")
TARGET6=$(ip6_on "$TARGET" "$NET6")
TARGET_BR=$(ip_on "$TARGET" bridge)
wait_until 20 bash -c "'$NET_ENGINE' logs '$TARGET' 2>&1 | grep -q 'target ready'" || echo "warning: the target is slow to start"
wait_until 20 bash -c "'$NET_ENGINE' logs '$FAKENET' 2>&1 | grep -q 'fakenet ready'" || echo "warning: fakenet is slow to start"
echo "== fakenet $FAKE_IP, target $TARGET4 / $TARGET6 / $TARGET_BR"
[[ -n "$FAKE_IP" && -n "$TARGET4" && -n "$TARGET6" ]] || { echo "test network setup failed" >&2; exit 1; }
export OCS_EXTRA_HOSTS="allowed.test=$FAKE_IP,sub.allowed.test=$FAKE_IP,evilallowed.test=$FAKE_IP,blocked.test=$TARGET_BR"

# ---- the sandboxes, started by ocs ---------------------------------------------------------
LISTED_PORT=$((20000 + RANDOM % 5000))
UNLISTED_PORT=$((LISTED_PORT + 1))
PA=$WORK/proj-a
PB=$WORK/proj-b
as_user mkdir -p "$PA" "$PB"
ocs_in "$PA" init --yes --no-build >/dev/null 2>&1
ocs_in "$PB" init --yes --no-build >/dev/null 2>&1
as_user tee "$PA/opencode-sandbox-config.yaml" >/dev/null <<YAML
sandbox-name: atk-a
http-domain-whitelist:
  - .allowed.test
host-ports:
  - $LISTED_PORT
env-passthrough:
  PASSTHROUGH_TOKEN: ATTACK_PASSTHROUGH_SOURCE
YAML
as_user sed -i 's/^sandbox-name:.*/sandbox-name: atk-b/' "$PB/opencode-sandbox-config.yaml"
# The image build runs `mise install` with mise.toml: approved once, as a user would.
ocs_in "$PA" mise approve --yes >/dev/null 2>&1 || echo "warning: ocs mise approve failed in A"
ocs_in "$PB" mise approve --yes >/dev/null 2>&1 || echo "warning: ocs mise approve failed in B"
# Project A is a git repository with a commit, so that .git can be attacked.
(cd "$PA" && as_user git init -q . && as_user git -c user.email=u@e2e.test -c user.name=u add -A \
    && as_user git -c user.email=u@e2e.test -c user.name=u commit -qm init) || echo "warning: git init failed"

PASSTHROUGH_VALUE="ptv-$RANDOM$RANDOM-$RANDOM$RANDOM-passthrough"
t0=$SECONDS
if (cd "$PA" && ATTACK_PASSTHROUGH_SOURCE=$PASSTHROUGH_VALUE as_user "$OCS_BIN" start --detach --yes) >"$WORK/start-a.log" 2>&1; then
    pass "ocs builds and starts sandbox A ($((SECONDS - t0)) s)"
else
    fail "ocs builds and starts sandbox A" "$(tail -30 "$WORK/start-a.log")"
    summary; exit 1
fi
t0=$SECONDS
if (cd "$PB" && as_user "$OCS_BIN" start --detach --yes) >"$WORK/start-b.log" 2>&1; then
    pass "ocs builds and starts sandbox B ($((SECONDS - t0)) s)"
else
    fail "ocs builds and starts sandbox B" "$(tail -30 "$WORK/start-b.log")"
    summary; exit 1
fi
ID_A=$(find "$STATE_ROOT" -mindepth 1 -maxdepth 1 -name 'atk-a-*' -printf '%f\n' | head -1)
ID_B=$(find "$STATE_ROOT" -mindepth 1 -maxdepth 1 -name 'atk-b-*' -printf '%f\n' | head -1)
CA=opencode-sandbox-$ID_A
CB=opencode-sandbox-$ID_B
images+=("opencode-sandbox-$ID_A" "opencode-sandbox-$ID_B")
# Keep the layers for the next run: with the classic builder, removing an image's last tag
# drops its build cache. The anchor is the last layer without our labels (not a sandbox
# image for ocs); BuildKit keeps its cache anyway (no parents there).
anchor=$(eng image inspect -f '{{.Id}}' "opencode-sandbox-$ID_A" 2>/dev/null)
for _ in 1 2 3 4 5 6 7 8; do
    [[ -n "$anchor" ]] || break
    label=$(eng image inspect -f '{{index .Config.Labels "io.opencode-sandbox.id"}}' "$anchor" 2>/dev/null)
    [[ -z "$label" || "$label" == "<no value>" ]] && { eng tag "$anchor" ocs-attack-cache:latest >/dev/null 2>&1; break; }
    anchor=$(eng image inspect -f '{{.Parent}}' "$anchor" 2>/dev/null)
done
PASSWORD_A=$(cat "$STATE_ROOT/$ID_A/opencode-password")
PORT_A=$(ocs_in "$PA" status --json | python3 -c 'import json,sys; print(next(s["port"] for s in json.load(sys.stdin) if s["id"]==sys.argv[1]))' "$ID_A")

# skip_check "what" "why": a check that cannot apply on this engine (printed, not counted).
skip_check() { printf 'SKIP  %s\n      (%s: %s)\n' "$1" "$ENGINE" "$2"; }

if [[ "$ENGINE" != podman ]]; then
    B_IP=$(eng inspect -f '{{.NetworkSettings.IPAddress}}' "$CB")
    # A joins the test's IPv4 and IPv6 networks too (its rules were set at start: they must
    # cover interfaces that appear later).
    eng network connect "$NET4" "$CA" && eng network connect "$NET6" "$CA"
    A6=$(ip6_on "$CA" "$NET6")
    A_IP=$(ip_on "$CA" "$NET4")
    # The plain control container: the sandbox's own image without its entrypoint (no
    # firewall, default privileges), on the same networks.
    eng run -d --name "$CTRL" --entrypoint sleep --add-host "allowed.test:$FAKE_IP" \
        "opencode-sandbox-$ID_A" infinity >/dev/null && sb_containers+=("$CTRL")
    eng network connect "$NET4" "$CTRL" && eng network connect "$NET6" "$CTRL"
else
    # Rootless Podman: every sandbox has a network namespace of its own behind slirp4netns
    # (the same 10.0.2.100 in each); it reaches the test's Docker networks and the host's
    # addresses through the host, as the control below does.
    B_IP=""
    NETMODE=$(eng inspect -f '{{.HostConfig.NetworkMode}}' "$CA")
    echo "== A's network: $NETMODE"
    out=$(eng network create "ocs-atk-pn-$RUN_ID" 2>&1 && eng network connect "ocs-atk-pn-$RUN_ID" "$CA" 2>&1); rc=$?
    eng network rm -f "ocs-atk-pn-$RUN_ID" >/dev/null 2>&1
    if ((rc == 0)); then
        fail "a rootless Podman sandbox gets no network attached later (unexpected: the test must then attack it)" "$out"
    else
        skip_check "A joins the test's networks after its start (rules must cover interfaces that appear later)" \
            "a $NETMODE container cannot be attached to a network: ${out//$'\n'/ }"
    fi
    A_IP=$(eng exec "$CA" hostname -I | awk '{print $1}')
    A6=$(eng exec "$CA" awk '$6 != "lo" && $4 == "00" { print $1; exit }' /proc/net/if_inet6)
    # The plain control container: the sandbox's own image without its entrypoint (no
    # firewall, the engine's default privileges) on the same kind of network as A. Podman's
    # defaults leave NET_RAW out and ping sockets to group 0: both are given here, Docker's
    # defaults, so that the raw-socket and ping controls can work.
    eng run -d --name "$CTRL" --entrypoint sleep --add-host "allowed.test:$FAKE_IP" \
        --cap-add NET_RAW --sysctl "net.ipv4.ping_group_range=0 65535" \
        "opencode-sandbox-$ID_A" infinity >/dev/null && sb_containers+=("$CTRL")
    # Another one that may reach the host's loopback (10.0.2.2), where the engine publishes
    # every sandbox's gate: the control for the path to another sandbox there.
    eng run -d --name "$CTRL_LO" --entrypoint sleep --network slirp4netns:allow_host_loopback=true \
        "opencode-sandbox-$ID_A" infinity >/dev/null && sb_containers+=("$CTRL_LO")
fi

adev() { eng exec -u root "$CA" ocs-dev-exec "$@"; }          # the agent in A
ctl() { eng exec -u dev "$CTRL" "$@"; }                       # plain container (as dev too)
ctl_root() { eng exec -u root "$CTRL" "$@"; }
probe_a() { adev node "$PROBE" "$@"; }
probe_c() { ctl node "$PROBE" "$@"; }

HOST_IP=$(adev getent hosts docker.host | awk '{print $1; exit}')
NET4_GW=$(net network inspect -f '{{(index .IPAM.Config 0).Gateway}}' "$NET4")
# Host services on the bridges' host addresses: one listed port, one not.
mkdir -p "$WORK/www" && echo "host service" >"$WORK/www/index.html"
for ip in "$HOST_IP" "$NET4_GW"; do
    for p in "$LISTED_PORT" "$UNLISTED_PORT"; do
        (cd "$WORK/www" && exec python3 -m http.server "$p" --bind "$ip" >/dev/null 2>&1) &
        host_pids+=($!)
    done
done
wait_until 15 bash -c "exec 3<>/dev/tcp/$HOST_IP/$UNLISTED_PORT" || echo "warning: host services slow to start"
echo "== A=$CA (v6 $A6), B=$CB ($B_IP), host $HOST_IP / $NET4_GW, ports $LISTED_PORT (listed) $UNLISTED_PORT"
if [[ "$ENGINE" != podman ]]; then
    check "A has an IPv6 address on the test's IPv6 network (so the IPv6 attacks mean something)" test -n "$A6"
else
    check "A has a global IPv6 address (slirp4netns routes it to the test's IPv6 network, so the IPv6 attacks mean something)" test -n "$A6"
fi

# =============================================================================================
echo "== verify"
out=$(ocs_in "$PA" verify 2>&1); rc=$?
printf '%s\n' "$out" | sed 's/^/    | /'
if ((rc == 0)) && [[ "$out" == *" 0 failed"* ]]; then pass "ocs verify passes on fresh sandbox A"; else fail "ocs verify passes on fresh sandbox A" "exit $rc"; fi
out=$(ocs_in "$PB" verify 2>&1); rc=$?
if ((rc == 0)); then pass "ocs verify passes on fresh sandbox B"; else fail "ocs verify passes on fresh sandbox B" "exit $rc: $out"; fi

# =============================================================================================
echo "== direct connections (the agent ignoring the proxy)"
pair "TCP to the target by IPv4 ($TARGET4:7000)" probe_a tcp "$TARGET4" 7000 -- probe_c tcp "$TARGET4" 7000
pair "TCP to the target by IPv6 ([$TARGET6]:7000)" probe_a tcp "$TARGET6" 7000 -- probe_c tcp "$TARGET6" 7000
pair "HTTP to fakenet by address, proxy ignored" adev curl -sf --noproxy '*' --max-time 5 "http://$FAKE_IP/" \
    -- ctl curl -sf --noproxy '*' --max-time 5 "http://$FAKE_IP/"
pair "HTTP to a whitelisted name with the proxy variables unset" \
    adev env -u http_proxy -u HTTP_PROXY curl -sf --max-time 5 http://allowed.test/ \
    -- ctl env -u http_proxy -u HTTP_PROXY curl -sf --max-time 5 http://allowed.test/
pair "UDP to 443 (QUIC-like), IPv4" probe_a udp "$TARGET4" 443 -- probe_c udp "$TARGET4" 443
pair "UDP to 443 (QUIC-like), IPv6" probe_a udp "$TARGET6" 443 -- probe_c udp "$TARGET6" 443
# ICMP: to the target; on rootless Podman to slirp4netns's gateway, which answers echo itself
# (beyond it slirp4netns needs ping sockets on the host, which a host may not grant).
ICMP4=$TARGET4 ICMP6=$TARGET6
[[ "$ENGINE" != podman ]] || { ICMP4=10.0.2.2 ICMP6=fd00::2; }
pair "ICMP echo (ping socket), IPv4 ($ICMP4)" adev perl -e "$PING_PL" 4 "$ICMP4" dgram -- ctl perl -e "$PING_PL" 4 "$ICMP4" dgram
pair "ICMP echo (ping socket), IPv6 ($ICMP6)" adev perl -e "$PING_PL" 6 "$ICMP6" dgram -- ctl perl -e "$PING_PL" 6 "$ICMP6" dgram
pair "raw IPv4 socket (ICMP, $ICMP4)" adev perl -e "$PING_PL" 4 "$ICMP4" raw -- ctl_root perl -e "$PING_PL" 4 "$ICMP4" raw
pair "raw packet socket (AF_PACKET)" adev perl -MSocket -e 'socket(my $s, 17, SOCK_RAW, 0) or die "$!\n"' \
    -- ctl_root perl -MSocket -e 'socket(my $s, 17, SOCK_RAW, 0) or die "$!\n"'
if [[ "$ENGINE" != podman ]]; then
    pair "another sandbox's gate ($B_IP:4096)" probe_a tcp "$B_IP" 4096 -- probe_c tcp "$B_IP" 4096
    pair_out "another sandbox's proxy ($B_IP:3128) (also closed to the control: B's own INPUT rules)" \
        'blocked *' 'blocked *' probe_a tcp "$B_IP" 3128 -- probe_c tcp "$B_IP" 3128
else
    # B's only address A could use: its gate, published on the host's loopback.
    PORT_B=$(ocs_in "$PB" status --json | python3 -c 'import json,sys; print(next(s["port"] for s in json.load(sys.stdin) if s["id"]==sys.argv[1]))' "$ID_B")
    pair "another sandbox's gate, published on the host's loopback (10.0.2.2:$PORT_B)" probe_a tcp 10.0.2.2 "$PORT_B" \
        -- eng exec -u dev "$CTRL_LO" node "$PROBE" tcp 10.0.2.2 "$PORT_B"
    pair "the host's loopback at all (A's own published gate, 10.0.2.2:$PORT_A)" probe_a tcp 10.0.2.2 "$PORT_A" \
        -- eng exec -u dev "$CTRL_LO" node "$PROBE" tcp 10.0.2.2 "$PORT_A"
    skip_check "another sandbox's proxy (B:3128)" \
        "B has no address A can reach: each rootless sandbox has its own slirp4netns network (10.0.2.100 is A itself), and B's proxy is not published"
fi
pair "host port not in host-ports (docker.host:$UNLISTED_PORT)" probe_a tcp "$HOST_IP" "$UNLISTED_PORT" \
    -- probe_c tcp "$HOST_IP" "$UNLISTED_PORT"
pair "the IPv4 test network's gateway ($NET4_GW:$UNLISTED_PORT)" probe_a tcp "$NET4_GW" "$UNLISTED_PORT" \
    -- probe_c tcp "$NET4_GW" "$UNLISTED_PORT"
pair "the test network's gateway on a listed port, but not at docker.host ($NET4_GW:$LISTED_PORT)" \
    probe_a tcp "$NET4_GW" "$LISTED_PORT" -- probe_c tcp "$NET4_GW" "$LISTED_PORT"
check "allowed: host port in host-ports at docker.host:$LISTED_PORT" \
    adev curl -sf --noproxy '*' --max-time 8 -o /dev/null "http://docker.host:$LISTED_PORT/"

# =============================================================================================
echo "== DNS (no name resolution for the agent: no tunnelling)"
if [[ "$ENGINE" != podman ]]; then
    pair "DNS/UDP to the engine's resolver 127.0.0.11:53" probe_a dns-udp 127.0.0.11 53 "$TARGET" \
        -- probe_c dns-udp 127.0.0.11 53 "$TARGET"
    pair "DNS/TCP to the engine's resolver 127.0.0.11:53" probe_a dns-tcp 127.0.0.11 53 "$TARGET" \
        -- probe_c dns-tcp 127.0.0.11 53 "$TARGET"
    # The resolver's real port (the NAT target of :53) is in /proc/net/udp for anyone to read.
    realport='p=$(awk '\''FNR > 1 && $2 ~ /^0B00007F:/ { split($2, a, ":"); print a[2]; exit }'\'' /proc/net/udp); printf "%d" "0x$p"'
    pa=$(adev sh -c "$realport"); pc=$(ctl sh -c "$realport")
    pair "DNS/UDP to the engine's resolver at its real port (127.0.0.11:$pa)" probe_a dns-udp 127.0.0.11 "$pa" "$TARGET" \
        -- probe_c dns-udp 127.0.0.11 "$pc" "$TARGET"
else
    # Rootless Podman's resolvers: every nameserver of the sandbox's resolv.conf (slirp4netns's
    # forwarder 10.0.2.3, and the host's own ones it copies), asked for the target's name;
    # any answer (NXDOMAIN too) counts as reached.
    mapfile -t resolvers < <(eng exec "$CA" awk '$1 == "nameserver" { print $2 }' /etc/resolv.conf)
    check "A's resolv.conf names at least one resolver" test "${#resolvers[@]}" -gt 0
    for r in "${resolvers[@]}"; do
        pair "DNS/UDP to the engine's resolver $r:53" probe_a dns-udp "$r" 53 "$TARGET" -- probe_c dns-udp "$r" 53 "$TARGET"
        if o=$(probe_c dns-tcp "$r" 53 "$TARGET" 2>&1); then
            pair "DNS/TCP to the engine's resolver $r:53" probe_a dns-tcp "$r" 53 "$TARGET" -- probe_c dns-tcp "$r" 53 "$TARGET"
        else
            skip_check "DNS/TCP to the engine's resolver $r:53" "it answers no DNS over TCP even to the control ($o): nothing to attack"
        fi
    done
    skip_check "DNS/UDP to the engine's resolver at its real port" \
        "Docker-specific: 127.0.0.11 NATed to another port; Podman's resolvers are plain addresses on port 53, checked above"
fi
pair "DNS/UDP to a test resolver by IPv4 ($TARGET4:53, x.fake.test)" probe_a dns-udp "$TARGET4" 53 x.fake.test \
    -- probe_c dns-udp "$TARGET4" 53 x.fake.test
pair "DNS/TCP to a test resolver by IPv4" probe_a dns-tcp "$TARGET4" 53 x.fake.test -- probe_c dns-tcp "$TARGET4" 53 x.fake.test
pair "DNS/UDP to a test resolver by IPv6" probe_a dns-udp "$TARGET6" 53 x.fake.test -- probe_c dns-udp "$TARGET6" 53 x.fake.test
if [[ "$ENGINE" != podman ]]; then
    pair "name lookup through the system resolver (getent hosts $TARGET)" adev getent hosts "$TARGET" \
        -- ctl getent hosts "$TARGET"
else
    # The engine's resolver does not know the target's name (it is on Docker): the control's
    # lookup ends in NXDOMAIN (ENOTFOUND: a resolver answered); the agent's must get no
    # answer at all (EAI_AGAIN).
    lookup='require("dns").lookup(process.argv[1], e => console.log(e ? e.code : "resolved"))'
    pair_out "name lookup through the system resolver ($TARGET)" 'EAI_AGAIN' 'ENOTFOUND' \
        adev node -e "$lookup" "$TARGET" -- ctl node -e "$lookup" "$TARGET"
fi
pair "DNS-over-HTTPS-style tunnel: CONNECT to the resolver's address" \
    adev curl -sf -x "$PROXY" --max-time 5 "http://$TARGET4:53/" -- probe_c dns-tcp "$TARGET4" 53 x.fake.test

# =============================================================================================
echo "== the proxy (Squid)"
code_a() { adev curl -s -o /dev/null -w '%{http_code} %{http_connect}' --max-time 10 "$@"; }
body_a() { adev curl -s --max-time 10 "$@"; }
expect_eq "allowed: whitelisted name over HTTP via the proxy" "200 000" "$(code_a http://allowed.test/)"
expect_eq "allowed: whitelisted subdomain over HTTPS (CONNECT 443)" "200 200" "$(code_a -k https://sub.allowed.test/)"
pair_out "CONNECT to a non-443 port of a whitelisted name (allowed.test:8443)" '000 403' 'fakenet host=allowed.test:8443 *' \
    code_a -k https://allowed.test:8443/ -- ctl curl -sk --max-time 5 https://allowed.test:8443/
pair_out "plain HTTP to a non-80 port of a whitelisted name (allowed.test:8443)" '403 000' 'fakenet host=allowed.test:8443 *' \
    code_a http://allowed.test:8443/ -- ctl curl -sk --max-time 5 https://allowed.test:8443/
pair_out "plain GET to an IP literal ($FAKE_IP)" '403 000' 'fakenet host=*' \
    code_a "http://$FAKE_IP/" -- ctl curl -s --max-time 5 "http://$FAKE_IP/"
pair_out "CONNECT to an IP literal ($FAKE_IP:443)" '000 403' 'fakenet host=*' \
    code_a -k "https://$FAKE_IP/" -- ctl curl -sk --max-time 5 "https://$FAKE_IP/"
pair_out "GET to an IPv6 literal ([$TARGET6])" '403 000' 'target host=*' \
    code_a "http://[$TARGET6]/" -- ctl curl -s --max-time 5 "http://[$TARGET6]/"
pair_out "GET to a decimal IP literal (http://$(python3 -c "import ipaddress,sys; print(int(ipaddress.ip_address(sys.argv[1])))" "$FAKE_IP")/)" \
    '403 000' 'fakenet host=*' code_a "http://$(python3 -c "import ipaddress,sys; print(int(ipaddress.ip_address(sys.argv[1])))" "$FAKE_IP")/" \
    -- ctl curl -s --max-time 5 "http://$FAKE_IP/"
pair_out "a name not on the whitelist (blocked.test, HTTP)" '403 000' 'target host=blocked.test*' \
    code_a http://blocked.test/ -- ctl curl -s --max-time 5 --resolve "blocked.test:80:$TARGET_BR" http://blocked.test/
pair_out "a name not on the whitelist (blocked.test, CONNECT)" '000 403' 'open' \
    code_a -k https://blocked.test/ -- probe_c tcp "$TARGET_BR" 7000
pair_out "a look-alike of the whitelisted suffix (evilallowed.test)" '403 000' 'fakenet host=evilallowed.test*' \
    code_a http://evilallowed.test/ -- ctl curl -s --max-time 5 --resolve "evilallowed.test:80:$FAKE_IP" http://evilallowed.test/
hits_before=$(net logs "$TARGET" 2>&1 | grep -c 'target http')
r=$(body_a -H 'Host: blocked.test' http://allowed.test/)
expect_contains "fronting over HTTP (Host: blocked.test to allowed.test) reaches only allowed.test's server" "fakenet host=" "$r"
r=$(body_a -k --connect-to blocked.test:443:allowed.test:443 https://blocked.test/)
# The proxy peeks at the ClientHello: its server name must be the CONNECT host.
expect_not_contains "fronting over HTTPS (CONNECT allowed.test:443, SNI blocked.test) is refused by the SNI check" "fakenet" "$r"
check_not "... and allowed.test's server never saw a request for blocked.test over TLS" \
    grep -q 'fakenet https:443 .* host=blocked.test' <<<"$(net logs "$FAKENET" 2>&1)"
expect_contains "... control: CONNECT allowed.test:443 with SNI allowed.test reaches it" \
    "fakenet host=allowed.test port=443" "$(body_a -k https://allowed.test/)"
expect_eq "... and blocked.test's own server (the target) saw nothing of either" "$hits_before" \
    "$(net logs "$TARGET" 2>&1 | grep -c 'target http')"
expect_contains "the proxy forwards neither the client's address nor a Via header" "via= xff=" "$(body_a http://allowed.test/)"
mgr=$(adev curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 5 http://127.0.0.1:3128/squid-internal-mgr/menu)
mgr2=$(adev bash -c 'exec 3<>/dev/tcp/127.0.0.1/3128; printf "GET cache_object://127.0.0.1/menu HTTP/1.0\r\n\r\n" >&3; head -n 1 <&3')
if [[ "$mgr" == 403 && "$mgr2" == *403* ]]; then
    pass "blocked: Squid's cache manager (internal URL and cache_object://)  [control: the same proxy serves allowed.test]"
else
    fail "blocked: Squid's cache manager" "internal: $mgr, cache_object: $mgr2"
fi
if [[ "$ENGINE" != podman ]]; then
    pair_out "Squid listens on loopback only (other containers cannot use A's proxy)" 'blocked *' 'open' \
        probe_c tcp "$A_IP" 3128 -- probe_c tcp "$A_IP" 4096
else
    # No other container can address A (slirp4netns): A's own network address instead.
    pair_out "Squid listens on loopback only (not on A's network address $A_IP)" 'blocked *' 'open' \
        probe_a tcp "$A_IP" 3128 -- probe_a tcp "$A_IP" 4096
fi

# =============================================================================================
echo "== privileges and the firewall"
rules_before=$(eng exec -u root "$CA" sh -c 'iptables -w -S; ip6tables -w -S')
for attempt in "iptables -w -F" "iptables -w -P OUTPUT ACCEPT" "iptables -w -I OUTPUT 1 -j ACCEPT" \
               "ip6tables -w -F" "ip6tables -w -P OUTPUT ACCEPT" "iptables -w -t nat -F"; do
    # shellcheck disable=SC2086 # the attempt is a word list
    pair "as dev: $attempt" adev $attempt -- eng run --rm --cap-drop ALL --cap-add NET_ADMIN --entrypoint "${attempt%% *}" \
        "opencode-sandbox-$ID_A" ${attempt#* }
done
pair "as dev: unshare -U -r (user namespace, then iptables -F in the sandbox's network)" \
    adev unshare -U -r iptables -w -F OUTPUT \
    -- eng run --rm --cap-add SYS_ADMIN --security-opt seccomp=unconfined --entrypoint unshare "opencode-sandbox-$ID_A" -U -r -n iptables -w -F
if [[ "$ENGINE" != podman ]]; then
    pair "as dev: unshare -U -r -n (a new network namespace)" adev unshare -U -r -n true \
        -- eng run --rm --cap-add SYS_ADMIN --security-opt seccomp=unconfined --entrypoint unshare "opencode-sandbox-$ID_A" -U -r -n true
else
    skip_check "as dev: unshare -U -r -n (a new network namespace)" \
        "Podman's seccomp profile allows user namespaces (README: they give no power over the sandbox's network); attacked through them instead, here and with the protected files"
    pair "as dev in a new user and network namespace: TCP to the target ($TARGET4:7000)" \
        adev unshare -U -r -n node "$PROBE" tcp "$TARGET4" 7000 -- probe_c tcp "$TARGET4" 7000
fi
expect_eq "the rules are unchanged after all attempts" "$rules_before" \
    "$(eng exec -u root "$CA" sh -c 'iptables -w -S; ip6tables -w -S')"
pair "... and direct TCP is still refused after them" probe_a tcp "$TARGET4" 7000 -- probe_c tcp "$TARGET4" 7000
st=$(adev cat /proc/self/status)
expect_contains "dev: empty bounding set" "CapBnd:	0000000000000000" "$st"
expect_contains "dev: no effective capabilities" "CapEff:	0000000000000000" "$st"
expect_contains "dev: no_new_privs" "NoNewPrivs:	1" "$st"
expect_eq "no setuid/setgid file in the image" "" \
    "$(adev find / -xdev \( -path /proc -o -path /sys \) -prune -o -type f -perm /6000 -print 2>/dev/null)"
check_not "no sudo" adev sh -c 'command -v sudo'
if [[ "$ENGINE" != podman ]]; then
    hc=$(eng inspect -f '{{range .HostConfig.CapAdd}}{{.}} {{end}}' "$CA" | tr ' ' '\n' | sed 's/^CAP_//' | sort | xargs)
    hc+=" / $(eng inspect -f '{{json .HostConfig.CapDrop}} {{json .HostConfig.SecurityOpt}} {{.HostConfig.PidsLimit}} {{.HostConfig.Memory}}' "$CA")"
    expect_eq "the container: every capability dropped but the entrypoint's four, no-new-privileges, PID and memory limits" \
        'NET_ADMIN SETGID SETPCAP SETUID / ["ALL"] ["no-new-privileges"] 4096 8589934592' "$hc"
else
    # Podman's inspect lists the capabilities it added to and dropped from its own default
    # set: the container's bounding set (PID 1, the init) says what it really got.
    # NET_ADMIN (12), SETPCAP (8), SETUID (7), SETGID (6): 0x11c0.
    hc="$(eng exec -u root "$CA" awk '$1 == "CapBnd:" || $1 == "NoNewPrivs:" { printf "%s %s ", $1, $2 }' /proc/1/status)"
    hc+="/ $(eng inspect -f '{{json .HostConfig.SecurityOpt}}' "$CA")"
    expect_eq "the container: every capability dropped but the entrypoint's four, no-new-privileges" \
        'CapBnd: 00000000000011c0 NoNewPrivs: 1 / ["no-new-privileges"]' "$hc"
    limits=$(eng inspect -f '{{.HostConfig.PidsLimit}} {{.HostConfig.Memory}}' "$CA")
    cg=$(eng info --format '{{.Host.CgroupsVersion}} {{.Host.CgroupManager}} [{{range .Host.CgroupControllers}}{{.}} {{end}}]')
    if [[ "$cg" == v2* && "$cg" == *pids* && "$cg" == *memory* ]]; then
        expect_eq "the container: PID and memory limits" '4096 8589934592' "$limits"
    else
        skip_check "the container: PID and memory limits (got: $limits)" \
            "rootless Podman here ($cg) has no pids/memory cgroup controllers delegated to the user: it ignores --pids-limit and --memory"
    fi
fi

# The gate and OpenCode's own port.
GATE_PID=$(eng exec -u root "$CA" pgrep -u ocs-gate -f ocs-gate.js | head -n 1)
OC_PID=$(eng exec -u root "$CA" pgrep -u dev -f 'opencode serve' | head -n 1)
pair "dev connects to OpenCode's password-less port 127.0.0.1:4097" probe_a tcp 127.0.0.1 4097 \
    -- eng exec -u ocs-gate "$CA" node "$PROBE" tcp 127.0.0.1 4097
pair "dev kills the gate (pid $GATE_PID)" adev kill -9 "$GATE_PID" -- adev sh -c 'sleep 30 & kill -9 $!'
pair "dev takes OpenCode's port over (bind 127.0.0.1:4097)" \
    adev node -e 'require("net").createServer().listen(4097, "127.0.0.1", () => process.exit(0)).on("error", e => { console.log(e.code); process.exit(1) })' \
    -- adev node -e 'require("net").createServer().listen(4099, "127.0.0.1", () => process.exit(0)).on("error", e => { console.log(e.code); process.exit(1) })'
pair "dev takes the gate's port over (bind 0.0.0.0:4096)" \
    adev node -e 'require("net").createServer().listen(4096, "0.0.0.0", () => process.exit(0)).on("error", e => { console.log(e.code); process.exit(1) })' \
    -- adev node -e 'require("net").createServer().listen(4098, "0.0.0.0", () => process.exit(0)).on("error", e => { console.log(e.code); process.exit(1) })'
expect_eq "the gate without the password: 401" 401 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_A/global/health")"
expect_contains "the gate with the password: OpenCode's health JSON" '"healthy":true' "$(curl -s -u "opencode:$PASSWORD_A" "http://127.0.0.1:$PORT_A/global/health")"
expect_eq "dev through the gate without the password: 401" 401 \
    "$(adev curl -s -o /dev/null -w '%{http_code}' --noproxy '*' http://127.0.0.1:4096/global/health)"

# =============================================================================================
echo "== the server password, from everything the agent can read"
look_for() { grep -c -F -e "$PASSWORD_A" -e "$(printf '%s' "opencode:$PASSWORD_A" | base64 -w0)" || true; }
n=$(adev sh -c 'env; for f in /proc/[0-9]*/environ /proc/[0-9]*/cmdline; do cat "$f" 2>/dev/null; echo; done' | tr '\0' '\n' | look_for)
ctl_n=$(eng exec -u root "$CA" cat /proc/self/environ | tr '\0' '\n' | look_for)
if [[ "$n" == 0 && "$ctl_n" -ge 1 ]]; then
    pass "password in no environment or command line dev can read  [control: a plain engine exec process has it in its environ]"
else
    fail "password in no environment or command line dev can read" "dev found it $n times; control found it $ctl_n times"
fi
# The gate reads the password from a pipe: its environ (readable by every process of its
# uid while it runs) does not hold it. Read as the gate's own user (root has no
# CAP_SYS_PTRACE here); the listen port proves it was read.
gate_env=$(eng exec -u ocs-gate "$CA" cat "/proc/$GATE_PID/environ" | tr '\0' '\n')
expect_eq "the gate's /proc/$GATE_PID/environ (read as its user: $(grep -c . <<<"$gate_env") variables, OCS_GATE_LISTEN_PORT=4096 among them) holds no password" \
    "1 0" "$(grep -cx 'OCS_GATE_LISTEN_PORT=4096' <<<"$gate_env") $(look_for <<<"$gate_env")"
pair "the terminal client's user (ocs-term) reads the gate's environ or memory" \
    eng exec -u ocs-term "$CA" node "$PROBE" readable "/proc/$GATE_PID/environ" "/proc/$GATE_PID/mem" \
    -- eng exec -u ocs-gate "$CA" node "$PROBE" readable "/proc/$GATE_PID/environ" "/proc/$GATE_PID/mem"
pair "dev connects to OpenCode's port 4097 (the terminal's user may)" probe_a tcp 127.0.0.1 4097 \
    -- eng exec -u ocs-term "$CA" node "$PROBE" tcp 127.0.0.1 4097
n=$(adev sh -c 'tar -cf - /run /etc /tmp /var/tmp /home/dev /usr/local/lib/ocs "$PWD" 2>/dev/null' | look_for)
expect_eq "password in no file dev can read (/run /etc /tmp /var/tmp /home/dev incl. OpenCode's state, the workspace)" 0 "$n"
pair "dev reads the gate's memory (/proc/$GATE_PID/mem)" probe_a readable "/proc/$GATE_PID/mem" "/proc/$GATE_PID/environ" \
    -- eng exec -u ocs-gate "$CA" node "$PROBE" readable "/proc/$GATE_PID/mem"
pair "dev reads OpenCode's memory and environment (/proc/$OC_PID, same user, non-dumpable)" \
    probe_a readable "/proc/$OC_PID/mem" "/proc/$OC_PID/environ" -- adev sh -c 'sleep 5 & node '"$PROBE"' readable /proc/$!/mem /proc/$!/environ'
pair "dev reads PID 1's environment (docker-init, root)" probe_a readable /proc/1/environ -- ctl_root node "$PROBE" readable /proc/1/environ
# Passthrough values (and every other variable) reach dev's processes without ever being
# in a command line: watch /proc/*/cmdline while ocs-dev-exec runs again and again.
# (Each setpriv lives for a moment only: at least 30 runs, and more, up to 120, until the
# watcher has caught some, which the control below checks; a loaded machine gives the watcher
# fewer looks per run. The watcher runs until the runs are over, 120 s at most.)
adev sh -c 'end=$(($(date +%s) + 120)); while [ $(date +%s) -lt $end ] && [ ! -e /tmp/ocs-cmdline-watch.stop ]; do cat /proc/[0-9]*/cmdline 2>/dev/null | tr "\0" " "; echo; done' \
    >"$WORK/cmdlines.txt" 2>/dev/null &
watcher=$!
sleep 1
for i in $(seq 120); do
    adev true
    ((i >= 30)) && grep -q -F setpriv "$WORK/cmdlines.txt" && break
done
adev touch /tmp/ocs-cmdline-watch.stop
wait "$watcher"
adev rm -f /tmp/ocs-cmdline-watch.stop
leaked=$(grep -F -e "$PASSWORD_A" -e "$PASSTHROUGH_VALUE" "$WORK/cmdlines.txt" | sort -u \
    | sed -e "s/$PASSWORD_A/<PASSWORD>/g" -e "s/$PASSTHROUGH_VALUE/<PASSTHROUGH>/g" | cut -c1-400 || true)
expect_eq "a dev process watching /proc/*/cmdline while ocs-dev-exec runs never sees the password or a passthrough value" "0 0" \
    "$(grep -c -F "$PASSWORD_A" "$WORK/cmdlines.txt") $(grep -c -F "$PASSTHROUGH_VALUE" "$WORK/cmdlines.txt")"
[[ -z "$leaked" ]] || printf '      seen in: %s\n' "$leaked"
expect_contains "... (control: it did see ocs-dev-exec's processes)" "setpriv" "$(cat "$WORK/cmdlines.txt")"
expect_eq "the passthrough value does arrive in dev's environment" "$PASSTHROUGH_VALUE" "$(adev printenv PASSTHROUGH_TOKEN)"
expect_eq "KNOWN LIMIT (documented): 'docker exec -u dev' bypasses ocs-dev-exec and gets the container's variables, password included" \
    "$PASSWORD_A" "$(eng exec -u dev "$CA" printenv OPENCODE_SERVER_PASSWORD)"
check "agent state folder is 0700" test "$(stat -c %a "$STATE_ROOT/$ID_A/opencode-state")" = 700
# The container's variables went through a private --env-file, removed once `run` returned.
expect_eq "no engine env file is left in the state folder after the start" "" \
    "$(find "$STATE_ROOT/$ID_A" -maxdepth 1 -name 'engine-env-*' -printf '%f ')"
expect_contains "... and the variables did reach the container (engine's view of A)" "PASSTHROUGH_TOKEN=" \
    "$(eng inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$CA" | grep -o '^[A-Z_]*=' | tr '\n' ' ')"

# Variables given to the root helpers (what the host runs with an engine exec as root): a
# plain root bash obeys BASH_ENV / SHELLOPTS+PS4 / BASH_FUNC_* and holds NET_ADMIN, so
# the payload (creating an unused iptables chain, recording its uid) shows it could switch
# the firewall off. The helpers start through ocs-root-sh and run nothing of it.
eng exec -u root "$CA" sh -c 'cat >/run/ocs-atk-payload.sh <<"EOF"
iptables -w -N ocs-atk-pwned 2>/dev/null && echo "chain" >>/run/ocs-atk-ran
id -u >>/run/ocs-atk-ran
EOF'
atk_ran() { eng exec -u root "$CA" sh -c 'cat /run/ocs-atk-ran 2>/dev/null | tr "\n" " "; rm -f /run/ocs-atk-ran; iptables -w -X ocs-atk-pwned 2>/dev/null; true'; }
evil=(-e BASH_ENV=/run/ocs-atk-payload.sh -e SHELLOPTS=xtrace -e 'PS4=$(. /run/ocs-atk-payload.sh)'
      -e 'BASH_FUNC_set%%=() { . /run/ocs-atk-payload.sh; }')
eng exec -u root -e BASH_ENV=/run/ocs-atk-payload.sh "$CA" bash -c true
expect_eq "control: a plain root bash started with BASH_ENV runs the payload (creates a firewall chain as root)" "chain 0 " "$(atk_ran)"
out=$(eng exec -u root "${evil[@]}" "$CA" ocs-dev-exec id -un 2>&1)
expect_eq "ocs-dev-exec started with BASH_ENV/SHELLOPTS+PS4/BASH_FUNC_set: no payload ran, the firewall is untouched" "" "$(atk_ran)"
expect_eq "... and it still ran its command as dev" "dev" "$out"
out=$(eng exec -u root "${evil[@]}" "$CA" /usr/local/lib/ocs/ocs-verify 2>&1); rc=$?
expect_eq "ocs-verify started with those variables: no payload ran" "" "$(atk_ran)"
expect_eq "... and every probe still passes (rc, FAIL lines)" "0 0" "$rc $(grep -c '^FAIL' <<<"$out")"
out=$(eng exec -u root "${evil[@]}" "$CA" ocs-attach --help 2>&1)
expect_eq "ocs-attach started with those variables: no payload ran" "" "$(atk_ran)"
expect_contains "... and it still ran the terminal client" "attach" "$out"

# =============================================================================================
echo "== files the host acts on are read-only for the agent"
PROTECTED=(opencode-sandbox-config.yaml opencode-sandbox-pre-start-container.sh mise.toml opencode.jsonc .git/config)
sums() { (cd "$PA" && sha256sum "${PROTECTED[@]}" 2>&1; find .git/hooks -printf '%p %s %m\n' | sort | sha256sum); }
before=$(sums)
for f in "${PROTECTED[@]}"; do
    pair "dev appends to $f" adev sh -c "echo '# x' >> '$f'" -- adev sh -c "echo '# x' >> notes-$RANDOM.txt"
    pair "dev replaces $f (rm / mv over it)" adev sh -c "rm -f '$f' || mv -f notes.txt '$f'" \
        -- adev sh -c "echo a > n1.txt && echo b > n2.txt && mv -f n1.txt n2.txt && rm -f n2.txt"
done
pair "dev adds a git hook (.git/hooks/pre-commit)" adev sh -c 'echo "#!/bin/sh" > .git/hooks/pre-commit' \
    -- adev sh -c 'echo x > .git/info/ocs-attack-probe && rm .git/info/ocs-attack-probe'
pair "dev replaces .git wholesale (mv .git .git-old)" adev mv .git .git-old -- adev sh -c 'mkdir d1 && mv d1 d2 && rmdir d2'
pair "dev moves .git/hooks away" adev mv .git/hooks .git/hooks-old -- adev sh -c 'mkdir .git/d1 && mv .git/d1 .git/d2 && rmdir .git/d2'
pair "dev sets core.hooksPath / core.fsmonitor (git config)" adev git config core.fsmonitor 'touch /tmp/pwned' \
    -- adev git config --file "notes-config" core.fsmonitor x
# Where the engine lets dev make user namespaces (Podman's seccomp profile does), a mount
# namespace of its own: the read-only mounts must stay locked there (no unmount, no
# read-write remount, no bind of the workspace without them). The controls do the same to a
# read-only file bind mount made in that namespace.
if adev unshare -U -r true >/dev/null 2>&1; then
    ro_file='f=/tmp/ocs-ro-$$; : >"$f.src"; : >"$f"; mount --bind "$f.src" "$f" && mount -o remount,bind,ro "$f" && ! touch "$f"'
    pair "dev unmounts .git/config in a user+mount namespace of its own, then writes it" \
        adev unshare -U -r -m sh -c 'umount .git/config && echo "# x" >> .git/config' \
        -- adev unshare -U -r -m sh -c "$ro_file"' && umount "$f" && echo "# x" >> "$f"'
    pair "dev remounts .git/config read-write in a user+mount namespace, then writes it" \
        adev unshare -U -r -m sh -c 'mount -o remount,bind,rw .git/config && echo "# x" >> .git/config' \
        -- adev unshare -U -r -m sh -c "$ro_file"' && mount -o remount,bind,rw "$f" && echo "# x" >> "$f"'
    pair "dev binds the workspace without its read-only mounts (mount --bind \$PWD), then writes .git/config there" \
        adev unshare -U -r -m sh -c 'mkdir -p /tmp/ocs-w && mount --bind "$PWD" /tmp/ocs-w && echo "# x" >> /tmp/ocs-w/.git/config' \
        -- adev unshare -U -r -m sh -c 'mkdir -p /tmp/ocs-s /tmp/ocs-w2 && mount --bind /tmp/ocs-s /tmp/ocs-w2'
else
    skip_check "attacks on the read-only mounts from a user+mount namespace" "dev cannot create user namespaces here (the engine's seccomp profile): no way in"
fi
expect_eq "protected files unchanged on the host" "$before" "$(sums)"
if adev sh -c 'echo change >> README-agent.txt && git add README-agent.txt && git -c user.email=a@e2e.test -c user.name=agent commit -qm "by the agent"'; then
    expect_contains "allowed: the agent can still commit (objects, refs, index writable)" "by the agent" \
        "$(cd "$PA" && as_user git log --oneline -1)"
else
    fail "allowed: the agent can still commit"
fi
expect_eq "KNOWN LIMIT (documented): a protected file that does not exist yet can be created (opencode.json)" created \
    "$(adev sh -c 'echo "{}" > opencode.json && echo created')"
adev rm -f opencode.json
adev sh -c 'echo ../.git-evil > .git/commondir'
out=$(ocs_in "$PA" verify 2>&1); rc=$?
if ((rc != 0)) && [[ "$out" == *"FAIL"*"commondir"* ]]; then
    pass "ocs verify detects a .git/commondir planted by the agent (git would read config and hooks through it)"
else
    fail "ocs verify detects a .git/commondir planted by the agent" "exit $rc: $(grep -i commondir <<<"$out")"
fi
adev rm -f .git/commondir
out=$(ocs_in "$PA" verify 2>&1); rc=$?
if ((rc == 0)); then pass "ocs verify passes again once it is gone"; else fail "ocs verify passes again once it is gone" "$out"; fi

# Last, as it ends sandbox A: the agent can kill its own server (same user), but then
# the whole sandbox ends; nothing can take the server's port over behind the gate.
adev kill -9 "$OC_PID" >/dev/null 2>&1
a_stopped() { [[ "$(eng inspect -f '{{.State.Running}}' "$CA" 2>/dev/null)" != true ]]; }
if wait_until 20 a_stopped; then
    pass "dev killing OpenCode's server ends the whole sandbox (fail closed)"
else
    fail "dev killing OpenCode's server ends the whole sandbox" "$(eng exec "$CA" ps -eo pid,user,args 2>&1)"
fi

echo "== runtime: $((SECONDS - T_START)) s"
summary
