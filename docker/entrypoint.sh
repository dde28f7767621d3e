#!/usr/local/lib/ocs/ocs-root-sh
# shellcheck shell=bash
# ocs-entrypoint: runs as root with a minimal capability set, locks the
# container's network down, starts Squid as the only way out and ocs-gate (the
# authenticating proxy in front of OpenCode, the only holder of the server
# password), then drops to the dev user and execs OpenCode's server, without
# any password, on 127.0.0.1:4097. Any failure stops the container (fail
# closed); so does OpenCode's end. See README.md for the contract.
# Started through ocs-root-sh: an empty environment; the container's variables are data in
# OCS_CENV (ocs_load_container_env), and only dev gets the user's, after the drop.
set -euo pipefail
umask 022

# shellcheck source=ocs-lib.sh
source /usr/local/lib/ocs/ocs-lib.sh

on_exit() {
    local rc=$?
    if (( rc != 0 )) && [[ -z "${OCS_DIED:-}" ]]; then
        echo "ocs-entrypoint: aborted by an unexpected error (status $rc)" >&2
    fi
}
trap on_exit EXIT

[[ "$(id -u)" == 0 ]] || ocs_die "must start as root (got uid $(id -u)); do not pass --user"
(( $# == 0 )) || ocs_die "takes no arguments (got: $*)"
ocs_load_container_env \
    || ocs_die "the container's variables were not saved (start the image through its ENTRYPOINT, /usr/local/bin/ocs-entrypoint)"
# Variables that would make bash, the C library or node run code before a program can
# clean its environment: refused (the host's config check refuses them too).
unsafe=()
for name in "${!OCS_CENV[@]}"; do
    if ocs_unsafe_env_name "$name"; then unsafe+=("$name"); fi
done
(( ${#unsafe[@]} == 0 )) \
    || ocs_die "refusing to start: the container's environment sets $(printf '%s\n' "${unsafe[@]}" | LC_ALL=C sort | tr '\n' ' ')(they make programs run code at start-up; see README.md, env)"
# The server password: a variable of this script only (never exported), for the gate.
SERVER_PASSWORD="${OCS_CENV[OPENCODE_SERVER_PASSWORD]:-}"
SERVER_USERNAME="${OCS_CENV[OPENCODE_SERVER_USERNAME]:-opencode}"

WHITELIST_FILE=/etc/squid/ocs-whitelist.txt
SQUID_CONF=/etc/squid/squid.conf
# The live network policy (policyfiles.h): the host mounts its policy folder read-only and
# its log folder read-write below OCS_NET_DIR (root:proxy 0750 in the image: dev never
# reaches it). Without them (older hosts, mise install mode) the whitelist above applies.
OCS_NET_DIR=/run/ocs-net
# The proxy's throw-away TLS certificate (ssl-bump only peeks at ClientHellos, nothing is
# decrypted): made at every start, in a root:proxy 2750 folder (files get group proxy).
TLS_DIR=/etc/squid/ocs-tls

# ---------------------------------------------------------------- capabilities
# Needed: NET_ADMIN (firewall), SETUID+SETGID (Squid -> proxy, setpriv -> dev),
# SETPCAP (empty bounding set for dev and Squid). Others are tolerated, noted.
cap_hex="$(awk '$1 == "CapEff:" { print $2 }' /proc/self/status)"
[[ "$cap_hex" =~ ^[0-9a-fA-F]+$ ]] || ocs_die "cannot read the capabilities of the entrypoint"
cap_eff=$((16#$cap_hex))
missing=()
for c in 12:NET_ADMIN 7:SETUID 6:SETGID 8:SETPCAP; do
    (( cap_eff & (1 << ${c%%:*}) )) || missing+=("${c#*:}")
done
(( ${#missing[@]} == 0 )) \
    || ocs_die "missing capabilities: ${missing[*]} (run with --cap-drop ALL --cap-add NET_ADMIN --cap-add SETUID --cap-add SETGID --cap-add SETPCAP)"
extra=$(( cap_eff & ~((1 << 12) | (1 << 7) | (1 << 6) | (1 << 8)) ))
if (( extra != 0 )); then
    echo "ocs-entrypoint: note: capabilities granted but not needed: $(capsh --decode="$(printf '%x' "$extra")" 2>/dev/null | sed 's/^.*=//')"
fi

# ---------------------------------------------------------------- validation
WS="$(ocs_workspace)"
cd / || ocs_die "cannot change to /"

# ---------------------------------------------------------------- mise install mode
# The image build's second step (see ImageBuilder): the project's mise.toml is installed
# behind the same firewall and proxy as the agent, so nothing it runs (hooks, backends)
# reaches more than the whitelist. Its parameters come from a read-only mount, never from
# the container's variables (which the engine's `commit` would keep in the image).
OCS_MISE_DIR=/run/ocs-mise
MISE_MODE=0
if [[ -f "$OCS_MISE_DIR/whitelist" ]]; then
    MISE_MODE=1
    OCS_WHITELIST="$(head -c 65536 "$OCS_MISE_DIR/whitelist" | tr -d '\n')"
    OCS_HOST_PORTS=""
    echo "ocs-entrypoint: mise install mode (whitelist: ${OCS_WHITELIST:-none})"
fi

# OCS_WHITELIST: comma separated domains, ".example.com" = domain + subdomains.
declare -a WL_EXACT=() WL_WILD=()
label='[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?'
IFS=',' read -r -a wl_items <<<"${OCS_WHITELIST:-}"
for raw in "${wl_items[@]}"; do
    item="${raw//[[:space:]]/}"
    [[ -n "$item" ]] || continue
    item="${item,,}"
    wild=0
    if [[ "$item" == .* ]]; then wild=1; item="${item#.}"; fi
    item="${item%.}"   # tolerate a trailing root dot
    (( ${#item} >= 1 && ${#item} <= 253 )) || ocs_die "OCS_WHITELIST entry '$raw' has an invalid length"
    [[ "$item" =~ ^($label\.)*$label$ ]] || ocs_die "OCS_WHITELIST entry '$raw' is not a domain name (allowed: a-z 0-9 - . and one leading dot)"
    [[ "${item##*.}" =~ [a-z] ]] || ocs_die "OCS_WHITELIST entry '$raw' looks like an IP address; only domain names are allowed"
    if (( wild )); then WL_WILD+=("$item"); else WL_EXACT+=("$item"); fi
done

# Squid refuses overlapping dstdomain entries: drop the ones a wildcard covers.
covered() {
    local d="$1" w
    for w in "${WL_WILD[@]}"; do
        [[ "$d" == "$w" || "$d" == *".$w" ]] && return 0
    done
    return 1
}
declare -a WL_FINAL=()
for w in "${WL_WILD[@]}"; do
    keep=1
    for o in "${WL_WILD[@]}"; do
        [[ "$o" != "$w" && "$w" == *".$o" ]] && keep=0
    done
    (( keep )) && WL_FINAL+=(".$w")
done
for d in "${WL_EXACT[@]}"; do
    covered "$d" || WL_FINAL+=("$d")
done
mapfile -t WL_FINAL < <(printf '%s\n' "${WL_FINAL[@]}" | sed '/^$/d' | sort -u)

# OCS_HOST_PORTS: comma separated TCP ports 1..65535.
declare -a HOST_PORTS=()
IFS=',' read -r -a port_items <<<"${OCS_HOST_PORTS:-}"
for raw in "${port_items[@]}"; do
    p="${raw//[[:space:]]/}"
    [[ -n "$p" ]] || continue
    [[ "$p" =~ ^[0-9]{1,5}$ ]] || ocs_die "OCS_HOST_PORTS entry '$raw' is not a port number"
    p=$((10#$p))
    (( p >= 1 && p <= 65535 )) || ocs_die "OCS_HOST_PORTS entry '$raw' is outside 1..65535"
    HOST_PORTS+=("$p")
done

# OCS_PUBLISHED_PORTS: comma separated TCP ports 1..65535 of servers in the sandbox that
# the host publishes (on its 127.0.0.1 only, see RunPlanner): inbound connections to them are
# accepted. A server must listen on 0.0.0.0 (or the container's address) to be reached.
declare -a PUBLISHED_PORTS=()
IFS=',' read -r -a port_items <<<"${OCS_PUBLISHED_PORTS:-}"
for raw in "${port_items[@]}"; do
    p="${raw//[[:space:]]/}"
    [[ -n "$p" ]] || continue
    [[ "$p" =~ ^[0-9]{1,5}$ ]] || ocs_die "OCS_PUBLISHED_PORTS entry '$raw' is not a port number"
    p=$((10#$p))
    (( p >= 1 && p <= 65535 )) || ocs_die "OCS_PUBLISHED_PORTS entry '$raw' is outside 1..65535"
    (( p != OCS_OPENCODE_PORT && p != OCS_SQUID_INNER_PORT && p != 3128 )) \
        || ocs_die "OCS_PUBLISHED_PORTS entry '$raw' is a port of the sandbox itself"
    PUBLISHED_PORTS+=("$p")
done
(( MISE_MODE == 0 )) || PUBLISHED_PORTS=()

# docker.host's address (from --add-host docker.host:host-gateway). Engines
# without host-gateway (Podman < 4.7) add host.containers.internal instead:
# then that address is named docker.host too.
hosts_lookup() {
    awk -v n="$1" '$1 !~ /^#/ { for (i = 2; i <= NF; i++) if ($i == n) { print $1; exit } }' /etc/hosts
}
DOCKER_HOST_IP="$(hosts_lookup docker.host)" || ocs_die "cannot read /etc/hosts"
if [[ -z "$DOCKER_HOST_IP" ]]; then
    for alias in host.containers.internal host.docker.internal; do
        DOCKER_HOST_IP="$(hosts_lookup "$alias")"
        [[ -n "$DOCKER_HOST_IP" ]] || continue
        printf '%s\tdocker.host\n' "$DOCKER_HOST_IP" >>/etc/hosts \
            || ocs_die "cannot add docker.host ($alias) to /etc/hosts"
        echo "ocs-entrypoint: docker.host = $alias ($DOCKER_HOST_IP)"
        break
    done
fi
if (( ${#HOST_PORTS[@]} > 0 )); then
    [[ -n "$DOCKER_HOST_IP" ]] || ocs_die "OCS_HOST_PORTS is set but docker.host is not in /etc/hosts (missing --add-host docker.host:host-gateway)"
fi
DOCKER_HOST_FAMILY=""
if [[ -n "$DOCKER_HOST_IP" ]]; then
    if [[ "$DOCKER_HOST_IP" =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}$ ]]; then
        DOCKER_HOST_FAMILY=4
    elif [[ "$DOCKER_HOST_IP" =~ ^[0-9a-fA-F:]+$ && "$DOCKER_HOST_IP" == *:* ]]; then
        DOCKER_HOST_FAMILY=6
    else
        ocs_die "docker.host address '$DOCKER_HOST_IP' in /etc/hosts is not an IP address"
    fi
fi

id dev >/dev/null 2>&1 || ocs_die "user dev is missing from the image"
PROXY_UID="$(id -u proxy 2>/dev/null)" || ocs_die "user proxy (Squid) is missing from the image"
GATE_UID="$(id -u "$OCS_GATE_USER" 2>/dev/null)" || ocs_die "user $OCS_GATE_USER is missing from the image"
TERM_UID="$(id -u "$OCS_TERM_USER" 2>/dev/null)" || ocs_die "user $OCS_TERM_USER is missing from the image"
DEV_UID="$(id -u dev)"
[[ "$DEV_UID" != "$PROXY_UID" && "$DEV_UID" != "$GATE_UID" && "$DEV_UID" != "$TERM_UID" && "$DEV_UID" != 0 ]] \
    || ocs_die "dev shares a uid with root, proxy, $OCS_GATE_USER or $OCS_TERM_USER; the firewall cannot tell them apart"

# ---------------------------------------------------------------- firewall
# $1 = iptables, ip6tables or their -legacy variants. Only ever called
# inside $(...): a failure exits that subshell with the tool's words in the
# output. The whole filter table is replaced in one transaction by
# $1-restore (one process instead of one per rule, which took seconds on a
# busy machine): the policies DROP and every rule below take effect together,
# or nothing changes (and the entrypoint stops). Every word of a rule is
# free of spaces (names, numbers, addresses checked above).
apply_firewall() {
    local ipt="$1" fam p t out
    local -a reject_other lines=()
    rule() { lines+=("$*"); }
    if [[ "$ipt" == iptables* ]]; then
        fam=4; reject_other=(-j REJECT --reject-with icmp-admin-prohibited)
    else
        fam=6; reject_other=(-j REJECT --reject-with icmp6-adm-prohibited)
    fi

    # Inbound: loopback, replies, and the gate's port (published by the host).
    rule -A INPUT -i lo -j ACCEPT
    rule -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
    rule -A INPUT -p tcp --dport "$OCS_GATE_PORT" -m conntrack --ctstate NEW -j ACCEPT
    for p in "${PUBLISHED_PORTS[@]}"; do
        rule -A INPUT -p tcp --dport "$p" -m conntrack --ctstate NEW -j ACCEPT
    done
    if (( fam == 6 )); then
        rule -A INPUT -p ipv6-icmp -j ACCEPT
    fi

    # OpenCode's own port (no password there): only the gate and the terminal client
    # (ocs-attach) may connect, over loopback (OpenCode only listens on 127.0.0.1).
    # New connections only: packets the kernel sends for closed sockets (TIME_WAIT)
    # have no owner.
    rule -A OUTPUT -o lo -p tcp --dport "$OCS_OPENCODE_PORT" -m conntrack --ctstate NEW -m owner --uid-owner "$GATE_UID" -j ACCEPT
    rule -A OUTPUT -o lo -p tcp --dport "$OCS_OPENCODE_PORT" -m conntrack --ctstate NEW -m owner --uid-owner "$TERM_UID" -j ACCEPT
    rule -A OUTPUT -p tcp --dport "$OCS_OPENCODE_PORT" -m conntrack --ctstate NEW -j REJECT --reject-with tcp-reset
    # DNS is Squid's alone, also towards a resolver on loopback (Docker's
    # embedded DNS on 127.0.0.11 is NATed to another port: match the
    # original destination port). The resolver's real port is visible in
    # /proc/net/udp, so 127.0.0.11 is closed to everyone but Squid entirely.
    # New connections only: the resolver's answers belong to Squid's
    # connection, and packets the kernel sends for closed sockets have no owner.
    rule -A OUTPUT -o lo -p udp -m conntrack --ctstate NEW --ctorigdstport 53 -m owner ! --uid-owner "$PROXY_UID" "${reject_other[@]}"
    rule -A OUTPUT -o lo -p tcp -m conntrack --ctstate NEW --ctorigdstport 53 -m owner ! --uid-owner "$PROXY_UID" -j REJECT --reject-with tcp-reset
    if (( fam == 4 )); then
        rule -A OUTPUT -o lo -d 127.0.0.11 -p tcp -m conntrack --ctstate NEW -m owner ! --uid-owner "$PROXY_UID" -j REJECT --reject-with tcp-reset
        rule -A OUTPUT -o lo -d 127.0.0.11 -m conntrack --ctstate NEW -m owner ! --uid-owner "$PROXY_UID" "${reject_other[@]}"
    fi
    # Squid's inner port (the TLS ClientHello check of the tunnels it allowed on 3128): for
    # Squid alone, so that nobody gets around the checks of 3128.
    rule -A OUTPUT -o lo -p tcp --dport "$OCS_SQUID_INNER_PORT" -m conntrack --ctstate NEW -m owner ! --uid-owner "$PROXY_UID" -j REJECT --reject-with tcp-reset
    rule -A OUTPUT -o lo -j ACCEPT
    rule -A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
    rule -A OUTPUT -p udp --dport 53 -m owner --uid-owner "$PROXY_UID" -j ACCEPT
    rule -A OUTPUT -p tcp --dport 53 -m owner --uid-owner "$PROXY_UID" -j ACCEPT
    # Docker's embedded resolver (127.0.0.11, user-defined networks) forwards
    # the names it does not know itself from inside this network namespace, as
    # root: only root's DNS besides Squid's (dev can never become root).
    rule -A OUTPUT -p udp --dport 53 -m owner --uid-owner 0 -j ACCEPT
    rule -A OUTPUT -p tcp --dport 53 -m owner --uid-owner 0 -j ACCEPT
    rule -A OUTPUT -p tcp -m multiport --dports 80,443 -m owner --uid-owner "$PROXY_UID" -j ACCEPT
    if [[ "$DOCKER_HOST_FAMILY" == "$fam" ]]; then
        for p in "${HOST_PORTS[@]}"; do
            rule -A OUTPUT -p tcp -d "$DOCKER_HOST_IP" --dport "$p" -j ACCEPT
        done
    fi
    if (( fam == 6 )); then
        # Neighbour discovery only (needed for a v6 docker.host).
        for t in router-solicitation neighbour-solicitation neighbour-advertisement; do
            rule -A OUTPUT -p ipv6-icmp --icmpv6-type "$t" -j ACCEPT
        done
    fi
    rule -A OUTPUT -p tcp -j REJECT --reject-with tcp-reset
    rule -A OUTPUT "${reject_other[@]}"

    # Policies DROP; restore empties the table's chains first (no --noflush).
    out="$(printf '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT DROP [0:0]\n%s\nCOMMIT\n' \
        "$(printf '%s\n' "${lines[@]}")" | "$ipt-restore" -w 2>&1)" \
        || { echo "'$ipt-restore' failed: $out"; exit 1; }
}

# IPv6 can be used here now or later (an engine may attach an IPv6 network
# to a running container): whenever the kernel has it at all.
ipv6_possible() {
    [[ -d /proc/sys/net/ipv6 || -e /proc/net/if_inet6 ]]
}

# nf_tables backend first; the legacy (x_tables) backend only where the
# kernel has no nf_tables (it needs NET_RAW in addition, see README.md).
FW_V4="" FW_V6=""
if fw_err="$(apply_firewall iptables 2>&1)"; then
    FW_V4=iptables
elif fw_err2="$(apply_firewall iptables-legacy 2>&1)"; then
    FW_V4=iptables-legacy
else
    ocs_die "cannot apply the IPv4 firewall (is --cap-add NET_ADMIN set?): ${fw_err//$'\n'/ } / legacy: ${fw_err2//$'\n'/ }"
fi
if [[ "$FW_V4" == iptables ]]; then v6_tools=(ip6tables ip6tables-legacy); else v6_tools=(ip6tables-legacy ip6tables); fi
for t in "${v6_tools[@]}"; do
    if fw_err6="$(apply_firewall "$t" 2>&1)"; then FW_V6="$t"; break; fi
done
if [[ -z "$FW_V6" ]]; then
    if ipv6_possible; then
        ocs_die "the kernel has IPv6 but the IPv6 firewall could not be applied (refusing to start with IPv6 open): ${fw_err6//$'\n'/ }"
    fi
    echo "ocs-entrypoint: note: this kernel has no IPv6 at all; no IPv6 rules needed"
fi
# The rules as set now, for ocs-verify (root only): nobody may change them later.
install -d -m 0700 "$OCS_PRIVATE_DIR" || ocs_die "cannot create $OCS_PRIVATE_DIR"
"$FW_V4" -w -S >"$OCS_PRIVATE_DIR/firewall-v4.rules" 2>/dev/null || ocs_die "cannot list the IPv4 rules"
if [[ -n "$FW_V6" ]]; then
    "$FW_V6" -w -S >"$OCS_PRIVATE_DIR/firewall-v6.rules" 2>/dev/null || ocs_die "cannot list the IPv6 rules"
fi
printf '%s\n%s\n' "$FW_V4" "$FW_V6" >"$OCS_PRIVATE_DIR/firewall-tools"
echo "ocs-entrypoint: firewall up ($FW_V4${FW_V6:+, $FW_V6}; whitelist: ${#WL_FINAL[@]} entries; host ports: ${HOST_PORTS[*]:-none})"

# ---------------------------------------------------------------- gate
# The only process that knows the server password, as its own user. The password is not
# in its environment (/proc/PID/environ stays readable by its uid for the process's whole
# life): it reads it once from fd 3, a here-string (bash writes it into a pipe itself: no
# command line, no file holds it). Started now, behind the firewall, so that node's
# start-up overlaps Squid's (it needs nothing of Squid's; OpenCode, which it forwards to,
# starts only after both are ready). Not in mise install mode (no OpenCode there).
GATE_PID=""
if (( ! MISE_MODE )); then
    [[ -n "$SERVER_PASSWORD" ]] \
        || echo "ocs-entrypoint: warning: OPENCODE_SERVER_PASSWORD is empty; the server is unprotected" >&2
    (
        # shellcheck disable=SC2034 # used through a name reference
        gate_env=(
            "PATH=/usr/bin:/bin" "HOME=$OCS_GATE_HOME" "LANG=C.UTF-8"
            "OPENCODE_SERVER_USERNAME=$SERVER_USERNAME"
            "OCS_GATE_LISTEN_PORT=$OCS_GATE_PORT" "OCS_GATE_UPSTREAM_PORT=$OCS_OPENCODE_PORT"
        )
        exec 3<<<"$SERVER_PASSWORD"
        ocs_exec_as "$OCS_GATE_USER" / gate_env /usr/bin/node /usr/local/lib/ocs/ocs-gate.js
    ) &
    GATE_PID=$!
fi

# ---------------------------------------------------------------- squid
{
    printf '# generated by ocs-entrypoint from OCS_WHITELIST\n'
    printf '%s\n' "${WL_FINAL[@]}"
} >"$WHITELIST_FILE.tmp" || ocs_die "cannot write $WHITELIST_FILE"
chmod 0644 "$WHITELIST_FILE.tmp" || ocs_die "cannot chmod $WHITELIST_FILE.tmp"
mv -f "$WHITELIST_FILE.tmp" "$WHITELIST_FILE" || ocs_die "cannot install $WHITELIST_FILE"

# The policy Squid's helper (ocs-policy.js) reads: the host's files when mounted, else
# WHITELIST_FILE. Decisions go to the log folder when Squid's user can write there.
as_proxy=(/usr/bin/setpriv --reuid=proxy --regid=proxy --clear-groups --)
[[ "$(stat -c '%G %a' "$OCS_NET_DIR" 2>/dev/null)" == "proxy 750" ]] \
    || echo "ocs-entrypoint: note: $OCS_NET_DIR is not root:proxy 0750 ($(stat -c '%U:%G %a' "$OCS_NET_DIR" 2>&1)); the proxy may not reach the policy"
if [[ -d "$OCS_NET_DIR/policy" ]]; then
    echo "ocs-entrypoint: network policy: live, from the host's files ($OCS_NET_DIR/policy)"
    "${as_proxy[@]}" test -r "$OCS_NET_DIR/policy/whitelist" \
        || echo "ocs-entrypoint: note: $OCS_NET_DIR/policy/whitelist is missing or unreadable for the proxy: nothing is allowed"
else
    echo "ocs-entrypoint: network policy: the whitelist given at start (no policy folder mounted)"
fi
if [[ -d "$OCS_NET_DIR/log" ]] && ! "${as_proxy[@]}" test -w "$OCS_NET_DIR/log"; then
    echo "ocs-entrypoint: note: $OCS_NET_DIR/log is not writable for the proxy: decisions are not logged"
fi

# ---------------------------------------------------------------- injected secrets
# OCS_INJECT=1: the host delivers header rules with the secrets' values through
# ocs-secrets-load (`exec -i --user 0`, on stdin) into the root-only tmpfs SECRETS_DIR; Squid
# bumps the CONNECTs to OCS_INJECT_HOSTS (and nothing else) with a leaf for exactly those
# hosts from a CA made here, whose private key is deleted once it signed, and replaces the
# placeholder the agent sends with the value (see README.md, "Injected secrets").
SECRETS_DIR=/run/ocs-secrets
INJECT=0
declare -a INJECT_HOSTS=()
rm -f "$TLS_DIR/key.pem" "$TLS_DIR/cert.pem" || ocs_die "cannot remove the old proxy certificate in $TLS_DIR"
if [[ "${OCS_INJECT:-}" == 1 ]] && (( MISE_MODE == 0 )); then
    IFS=',' read -r -a inject_items <<<"${OCS_INJECT_HOSTS:-}"
    for raw in "${inject_items[@]}"; do
        h="${raw//[[:space:]]/}"
        h="${h,,}"
        [[ -n "$h" ]] || continue
        [[ "$h" =~ ^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$ ]] \
            || ocs_die "OCS_INJECT_HOSTS entry '$raw' is not a host name"
        INJECT_HOSTS+=("$h")
    done
    mapfile -t INJECT_HOSTS < <(printf '%s\n' "${INJECT_HOSTS[@]}" | sed '/^$/d' | LC_ALL=C sort -u)
    (( ${#INJECT_HOSTS[@]} > 0 )) || ocs_die "OCS_INJECT=1 without any host in OCS_INJECT_HOSTS"
    [[ -d "$SECRETS_DIR" && "$(stat -c '%u %a' "$SECRETS_DIR")" == "0 700" ]] \
        || ocs_die "OCS_INJECT=1 needs $SECRETS_DIR as root's 0700 tmpfs (--tmpfs $SECRETS_DIR:rw,nosuid,nodev,noexec,size=1m,mode=0700)"
    # git over HTTPS (OCS_INJECT_GIT=HOST=NAME,...): a credential helper in the system
    # config answers git with the user x-access-token and the placeholder in NAME as the
    # password; the proxy swaps the whole basic-auth header for the one with the value.
    IFS=',' read -r -a git_items <<<"${OCS_INJECT_GIT:-}"
    for raw in "${git_items[@]}"; do
        [[ -n "${raw//[[:space:]]/}" ]] || continue
        [[ "$raw" =~ ^([a-z0-9.-]+)=([A-Za-z_][A-Za-z0-9_]*)$ ]] \
            || ocs_die "OCS_INJECT_GIT entry '$raw' is not HOST=NAME"
        gh="${BASH_REMATCH[1]}" gn="${BASH_REMATCH[2]}"
        printf '%s\n' "${INJECT_HOSTS[@]}" | grep -qxF -- "$gh" \
            || ocs_die "OCS_INJECT_GIT host '$gh' is not in OCS_INJECT_HOSTS"
        # shellcheck disable=SC2016 # expanded by git's shell, in dev's environment
        git config --system "credential.https://$gh.helper" \
            "!f() { test \"\$1\" = get && printf 'username=x-access-token\\npassword=%s\\n' \"\$$gn\"; }; f" \
            || ocs_die "cannot set git's credential helper for $gh"
    done
    for _ in $(seq 1 300); do
        [[ -f "$SECRETS_DIR/ready" ]] && { INJECT=1; break; }
        sleep 0.1
    done
    if (( INJECT )); then
        echo "ocs-entrypoint: injected secrets: TLS of ${INJECT_HOSTS[*]} is terminated by the proxy"
    else
        echo "ocs-entrypoint: note: no secrets were delivered within 30 s (ocs-secrets-load): the placeholders go out unchanged"
    fi
fi
if (( INJECT )); then
    ca_dir="$SECRETS_DIR/ca"
    { rm -rf "$ca_dir" && mkdir -m 0700 "$ca_dir"; } || ocs_die "cannot create $ca_dir"
    sans="$(printf 'DNS:%s,' "${INJECT_HOSTS[@]}")"; sans="${sans%,}"
    permitted="$(printf 'permitted;DNS:%s,' "${INJECT_HOSTS[@]}")"; permitted="${permitted%,}"
    serial="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n' \
        "$sans" >"$ca_dir/leaf.ext" || ocs_die "cannot write $ca_dir/leaf.ext"
    # The CA may only sign for the injected hosts (name constraints), and its key lives in
    # the tmpfs only until the leaf is signed.
    tls_rc=0
    tls_err="$( {
        openssl req -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 30 \
            -subj "/CN=OpenCode Sandbox injection CA $(head -c 64 /proc/sys/kernel/hostname)" -keyout "$ca_dir/ca.key" -out "$ca_dir/ca.crt" \
            -addext basicConstraints=critical,CA:TRUE,pathlen:0 -addext keyUsage=critical,keyCertSign,cRLSign \
            -addext "nameConstraints=critical,$permitted" \
        && openssl req -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -subj "/CN=${INJECT_HOSTS[0]}" \
            -keyout "$TLS_DIR/key.pem" -out "$ca_dir/leaf.csr" \
        && openssl x509 -req -in "$ca_dir/leaf.csr" -CA "$ca_dir/ca.crt" -CAkey "$ca_dir/ca.key" \
            -set_serial "0x$serial" -days 30 -extfile "$ca_dir/leaf.ext" -out "$TLS_DIR/cert.pem"
    } 2>&1)" || tls_rc=$?
    rm -f "$ca_dir/ca.key" "$ca_dir/leaf.csr"
    [[ ! -e "$ca_dir/ca.key" ]] || ocs_die "cannot delete the CA's private key"
    (( tls_rc == 0 )) || ocs_die "cannot make the injection CA and certificate: ${tls_err//$'\n'/ }"
    # Trusted by everything that reads the system bundle (curl, git, node, Python; see
    # ocs_build_dev_env) and, through Debian's hook, Java's cacerts when it is installed.
    install -m 0644 "$ca_dir/ca.crt" /usr/local/share/ca-certificates/ocs-inject-ca.crt \
        || ocs_die "cannot install the injection CA"
    ca_out="$(update-ca-certificates 2>&1)" || ocs_die "update-ca-certificates failed: ${ca_out//$'\n'/ }"
    grep -q "$(sed -n 2p "$ca_dir/ca.crt")" "$OCS_CA_BUNDLE" || ocs_die "the injection CA is not in $OCS_CA_BUNDLE"
    {
        printf '# generated by ocs-entrypoint: injected secrets (root only)\n'
        printf 'acl ocs_inject_hosts dstdomain -n %s\n' "${INJECT_HOSTS[*]}"
        printf 'ssl_bump bump ocs_step1 ocs_on_sni ocs_inject_hosts\n'
        printf 'include %s\n' "$SECRETS_DIR/inject.conf"
    } >"$SECRETS_DIR/squid-inject.conf" || ocs_die "cannot write $SECRETS_DIR/squid-inject.conf"
    INJECT_INCLUDE="include $SECRETS_DIR/squid-inject.conf"
else
    INJECT_INCLUDE=""
    tls_err="$(openssl req -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 3650 \
        -subj /CN=ocs-sandbox-proxy -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" 2>&1)" \
        || ocs_die "cannot make the proxy's TLS certificate in $TLS_DIR: ${tls_err//$'\n'/ }"
fi
chmod 0640 "$TLS_DIR/key.pem" || ocs_die "cannot set the permissions of $TLS_DIR/key.pem"
chmod 0644 "$TLS_DIR/cert.pem" || ocs_die "cannot set the permissions of $TLS_DIR/cert.pem"
"${as_proxy[@]}" test -r "$TLS_DIR/key.pem" \
    || ocs_die "the proxy cannot read its key $TLS_DIR/key.pem (group $(stat -c %G "$TLS_DIR/key.pem"); $TLS_DIR must be root:proxy 2750)"

# Access log: the container's stdout (`docker logs`). Squid opens it after
# becoming `proxy`, so that user must be able to write the stdout pipe (root
# owns it; no capability is needed to chmod it). If that is impossible the
# log goes to a file. Diagnostics: Squid's own stderr (-d 1), so cache_log
# itself goes nowhere.
access_log=/dev/stdout
if (( MISE_MODE )); then
    # Read back after the install, to name what the whitelist blocked.
    access_log=/var/log/squid/access.log
elif ! chmod o+w /proc/self/fd/1 2>/dev/null || ! setpriv --reuid=proxy --regid=proxy --clear-groups test -w /dev/stdout; then
    access_log=/var/log/squid/access.log
    echo "ocs-entrypoint: note: stdout is not writable for Squid; access log goes to $access_log"
fi
# Whitelisted names must not lead to the host either (ports there: OCS_HOST_PORTS).
forbidden_extra="${DOCKER_HOST_IP:-}"
sed -e "s|@OCS_SQUID_ACCESS_LOG@|$access_log|g" \
    -e "s|@OCS_SQUID_CACHE_LOG@|/dev/null|g" \
    -e "s|@OCS_FORBIDDEN_EXTRA@|$forbidden_extra|g" \
    -e "s|@OCS_TLS_CERT@|$TLS_DIR/cert.pem|g" \
    -e "s|@OCS_TLS_KEY@|$TLS_DIR/key.pem|g" \
    -e "s|@OCS_INJECT_INCLUDE@|$INJECT_INCLUDE|g" \
    /usr/local/lib/ocs/squid.conf >"$SQUID_CONF.tmp" || ocs_die "cannot generate $SQUID_CONF"
chmod 0644 "$SQUID_CONF.tmp" || ocs_die "cannot chmod $SQUID_CONF.tmp"
mv -f "$SQUID_CONF.tmp" "$SQUID_CONF" || ocs_die "cannot install $SQUID_CONF"

if ! parse_out="$(squid -k parse -f "$SQUID_CONF" 2>&1)"; then
    # Squid quotes the line it rejects: with injected secrets that may hold a value.
    (( INJECT == 0 )) || ocs_die "squid rejected its configuration with the injected secrets' rules (not shown: they hold the values)"
    ocs_die "squid rejected its configuration: $(grep -iE 'fatal|error' <<<"$parse_out" | head -n 3 | tr '\n' ' ')"
fi

# Squid keeps only what it needs to become `proxy` (no NET_ADMIN), and gets
# none of the container's variables (the password, user variables).
(
    squid_env=("PATH=/usr/sbin:/usr/bin:/sbin:/bin" "LANG=C.UTF-8")
    ocs_replace_env "${squid_env[@]}"
    exec /usr/bin/setpriv --bounding-set=-all,+setuid,+setgid --inh-caps=-all \
        -- /usr/bin/env -u _ -- /usr/sbin/squid -N -d 1 -f "$SQUID_CONF"
) &
SQUID_PID=$!

# Squid's readiness: see "squid (ready?)" below; the mise install waits for it here.
if (( MISE_MODE )); then
    why="$(ocs_squid_ready "$SQUID_PID")" || ocs_die "$why"
    echo "ocs-entrypoint: squid listening on $OCS_PROXY_HOST:$OCS_PROXY_PORT (pid $SQUID_PID)"
    echo "ocs-entrypoint: mise install as dev, through the proxy"
    mise_rc=0
    ( ocs_exec_as_dev /home/dev /usr/local/bin/mise install ) || mise_rc=$?
    # Squid writes its log out when it ends (shutdown_lifetime: 1 s).
    kill "$SQUID_PID" 2>/dev/null || true
    wait "$SQUID_PID" 2>/dev/null || true
    # The log is proxy's (root has no CAP_DAC_OVERRIDE here): read and removed as proxy.
    denied="$("${as_proxy[@]}" cat "$access_log" | awk '$4 ~ /DENIED/ { u = $7; sub(/^[a-z]+:\/\//, "", u); sub(/\/.*/, "", u); print u }' \
        | LC_ALL=C sort -u | tr '\n' ' ')" || denied=""
    # Nothing of this run but the tools goes into the committed image.
    "${as_proxy[@]}" rm -f "$access_log" || true
    rm -rf "$OCS_PRIVATE_DIR" "$WHITELIST_FILE" "$SQUID_CONF" "$TLS_DIR/key.pem" "$TLS_DIR/cert.pem" || true
    if [[ -n "$denied" ]]; then
        echo "ocs-mise: blocked by the whitelist: $denied"
    fi
    if (( mise_rc != 0 )); then
        OCS_DIED=1
        echo "ocs-mise: mise install failed (status $mise_rc)${denied:+; the whitelist blocked: $denied(add what the tools need to whitelist in opencode-sandbox-config.yaml)}" >&2
        exit "$mise_rc"
    fi
    echo "ocs-mise: mise install done"
    trap - EXIT
    exit 0
fi

# ---------------------------------------------------------------- state folder
# OpenCode's state (auth.json with provider keys, the database) is for dev
# alone: the folder 0700 and nothing in it open to group/others.
# shellcheck disable=SC2034 # used through a name reference
state_env=("PATH=/usr/bin:/bin")
# shellcheck disable=SC2016 # expanded by that sh
(
    ocs_exec_as dev / state_env /bin/sh -c \
        'd=/home/dev/.local/share/opencode; [ -d "$d" ] || exit 0; chmod 0700 "$d" && chmod -R go-rwx "$d"'
) || echo "ocs-entrypoint: note: could not restrict the permissions of OpenCode's state folder"

# ---------------------------------------------------------------- gate (ready?)
# Started right after the firewall (see "gate" above); it has had Squid's start-up to get
# ready. OpenCode starts only once it listens.
ready=0
for _ in $(seq 1 200); do
    ocs_alive "$GATE_PID" || ocs_die "ocs-gate exited during start-up (see the log lines above)"
    if (exec 3<>"/dev/tcp/127.0.0.1/$OCS_GATE_PORT") 2>/dev/null; then ready=1; break; fi
    sleep 0.05
done
(( ready )) || ocs_die "ocs-gate did not accept connections on port $OCS_GATE_PORT within 10 s"

# ---------------------------------------------------------------- opencode
# The ready file's folder, root's (dev cannot make the file); the file comes with Squid.
mkdir -p "${OCS_READY_FILE%/*}" || ocs_die "cannot create ${OCS_READY_FILE%/*}"
rm -f "$OCS_READY_FILE"
command -v opencode >/dev/null || ocs_die "opencode is not installed in the image"

echo "ocs-entrypoint: OpenCode listens on 127.0.0.1:$OCS_OPENCODE_PORT without a password of its own, behind ocs-gate on :$OCS_GATE_PORT (which requires it): its 'unsecured' warning is expected"
# ---------------------------------------------------------------- guard
# Ends the sandbox if a protected path's read-only mount goes away (replaced on the host):
# see ocs-guard. Root with only SETUID/SETGID left (to become dev and kill dev's processes).
(
    # shellcheck disable=SC2034 # used through a name reference
    guard_env=("PATH=/usr/bin:/bin" "LANG=C.UTF-8" "OCS_WORKSPACE=$WS"
        "OCS_GUARDED_PATHS=${OCS_GUARDED_PATHS:-}")
    ocs_replace_env "${guard_env[@]}"
    exec /usr/bin/setpriv --bounding-set=-all,+setuid,+setgid --inh-caps=-all \
        -- /usr/bin/env -u _ -- /bin/bash --noprofile --norc /usr/local/lib/ocs/ocs-guard
) &

# ---------------------------------------------------------------- squid (ready?)
# OpenCode starts now, while Squid finishes its own start (0.2-1 s more: it tries its inner
# port before that listens, and again only a second later; see ocs_squid_chain_probe).
# Nothing depends on Squid for safety: the firewall has been up since before either, and
# until Squid serves, the agent's requests find no way out at all. A watcher (root with
# only SETUID and SETGID, like the guard) waits for Squid, then writes the ready file
# (ocs-attach, ocs-dev-exec and ocs-verify wait for it); if Squid fails, it ends OpenCode,
# and with it the container (fail closed, as when this script waited for Squid itself).
# Without an init (the app runs `docker run --init`), OpenCode would be the namespace's
# PID 1, which no process in it can end: then Squid is waited for first, as before.
if (( $$ == 1 )); then
    why="$(ocs_squid_ready "$SQUID_PID")" || ocs_die "$why"
    : >"$OCS_READY_FILE" || ocs_die "cannot write $OCS_READY_FILE"
    echo "ocs-entrypoint: squid listening on $OCS_PROXY_HOST:$OCS_PROXY_PORT (pid $SQUID_PID)"
else
    main_pid=$$ # OpenCode's below: exec keeps the pid
    # In a subshell that ends at once: the watcher's parent becomes the init, which reaps it
    # (OpenCode would leave it a zombie).
    (
        (
            trap - EXIT
            # shellcheck disable=SC2034 # used through a name reference
            watch_env=("PATH=/usr/bin:/bin" "LANG=C.UTF-8")
            ocs_replace_env "${watch_env[@]}"
            # shellcheck disable=SC2016 # expanded by that bash
            exec /usr/bin/setpriv --bounding-set=-all,+setuid,+setgid --inh-caps=-all \
                -- /usr/bin/env -u _ -- /bin/bash --noprofile --norc -c \
                'source /usr/local/lib/ocs/ocs-lib.sh && ocs_squid_watch "$1" "$2"' ocs-squid-watch "$SQUID_PID" "$main_pid"
        ) &
    )
fi

echo "ocs-entrypoint: starting opencode"
trap - EXIT
# This process becomes OpenCode: when it ends, the container ends (nothing else
# can take its port over). No password in its environment: the gate has it.
ocs_exec_as_dev "$WS" "$(command -v opencode)" serve --hostname 127.0.0.1 --port "$OCS_OPENCODE_PORT"
