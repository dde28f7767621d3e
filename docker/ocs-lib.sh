# shellcheck shell=bash
# shellcheck disable=SC2034 # variables used by the scripts that source this
# Shared by ocs-entrypoint, ocs-dev-exec, ocs-attach and ocs-verify (sourced, bash; all
# started through ocs-root-sh with an empty environment). Never evaluates the contents of
# any environment variable.

OCS_PROXY_HOST="127.0.0.1"
OCS_PROXY_PORT=3128
OCS_PROXY_URL="http://$OCS_PROXY_HOST:$OCS_PROXY_PORT"
OCS_NO_PROXY="localhost,127.0.0.1,docker.host"
# The system CA bundle (Debian's; the image's extra CAs are in it) and the Java trust store
# Debian's ca-certificates-java keeps in step with it (only when a Debian JRE is installed).
OCS_CA_BUNDLE="/etc/ssl/certs/ca-certificates.crt"
OCS_JAVA_CACERTS="/etc/ssl/certs/java/cacerts"
OCS_DEV_PATH="/home/dev/.local/share/mise/shims:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
OCS_READY_FILE="/run/ocs/ready"
# Squid: 3128 for everyone (OCS_PROXY_URL); the inner port checks the TLS ClientHello of the
# tunnels 3128 allowed, for Squid alone (squid.conf).
OCS_SQUID_INNER_PORT=3129
# Private to root: the firewall as set up at start (for ocs-verify).
OCS_PRIVATE_DIR="/run/ocs/private"
# OpenCode listens here (as dev, no password); ocs-gate (the only user the firewall lets
# connect to it) serves 0.0.0.0:4096 with Basic auth in front of it.
OCS_OPENCODE_PORT=4097
OCS_GATE_PORT=4096
OCS_GATE_USER="ocs-gate"
OCS_GATE_HOME="/var/lib/ocs-gate"
# The terminal client (ocs-attach): its own user, so that it can read neither the gate's
# memory nor its environment; also let in to OpenCode's port by the firewall.
OCS_TERM_USER="ocs-term"
OCS_TERM_HOME="/var/lib/ocs-term"
# The container's variables as the entrypoint got them (saved by ocs-root-sh; root only).
OCS_ENV_FILE="$OCS_PRIVATE_DIR/container.env"
# NAME -> VALUE of that file (ocs_load_container_env).
declare -A OCS_CENV=()

ocs_die() {
    echo "ocs-entrypoint: $*" >&2
    OCS_DIED=1
    exit 1
}

# Whether process $1 exists and is not a zombie. (`kill -0` cannot tell: root
# has no CAP_KILL here, so it fails for the processes of other users.)
ocs_alive() {
    local _ocs_st
    _ocs_st="$(sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null)" || return 1
    [[ -n "$_ocs_st" && "${_ocs_st:0:1}" != Z ]]
}

# Workspace: OCS_WORKSPACE (absolute, existing directory), else the cwd.
ocs_workspace() {
    local ws="${OCS_WORKSPACE:-}"
    if [[ -z "$ws" ]]; then
        ws="$(pwd -P)" || ocs_die "cannot determine the working directory"
    fi
    [[ "$ws" == /* ]] || ocs_die "OCS_WORKSPACE '$ws' is not an absolute path"
    [[ "$ws" != *$'\n'* ]] || ocs_die "OCS_WORKSPACE contains a newline"
    [[ -d "$ws" ]] || ocs_die "workspace '$ws' is not a directory (is the project mounted?)"
    printf '%s' "$ws"
}

# Whether NAME is one the sandbox refuses in the container's variables (the config check
# refuses the same, see src/core/config/configrules.cpp): read at program start by bash,
# the dynamic loader / C library or node, they would run code in the sandbox's root
# helpers before those can clean their environment.
ocs_unsafe_env_name() {
    case "$1" in
        BASH_ENV|ENV|BASHOPTS|SHELLOPTS|PS4|BASH_XTRACEFD|BASH_LOADABLES_PATH|BASH_COMPAT|\
        POSIXLY_CORRECT|GLOBIGNORE|CDPATH|PROMPT_COMMAND|IFS|BASH_FUNC_*|\
        LD_*|GCONV_PATH|GLIBC_TUNABLES|LOCPATH|NLSPATH|HOSTALIASES|RES_OPTIONS|LOCALDOMAIN|\
        MALLOC_TRACE|NODE_OPTIONS)
            return 0 ;;
    esac
    return 1
}

# Reads the container's variables (saved by ocs-root-sh when the container started) into
# OCS_CENV, and exports the sandbox's own settings (OCS_*) into this script's environment,
# as plain data. Nothing else of them reaches a root process. Returns 1 if there is no
# such file (not started through ocs-root-sh).
ocs_load_container_env() {
    local _ocs_kv _ocs_n
    local -a _ocs_all=()
    [[ -f "$OCS_ENV_FILE" && -r "$OCS_ENV_FILE" ]] || return 1
    mapfile -d '' -t _ocs_all <"$OCS_ENV_FILE" || return 1
    OCS_CENV=()
    for _ocs_kv in "${_ocs_all[@]}"; do
        _ocs_n="${_ocs_kv%%=*}"
        [[ "$_ocs_kv" == *=* && -n "$_ocs_n" ]] || continue
        OCS_CENV["$_ocs_n"]="${_ocs_kv#*=}"
    done
    for _ocs_n in "${!OCS_CENV[@]}"; do
        [[ "$_ocs_n" =~ ^OCS_[A-Z0-9_]+$ ]] && export "$_ocs_n=${OCS_CENV[$_ocs_n]}"
    done
    return 0
}

# The JVM options that send Java's HTTP(S) through the proxy (Java reads no *_PROXY
# variable) and, when the image has Debian's Java trust store (which holds the extra CAs),
# make every JVM (also one installed by mise) trust that store. Java's nonProxyHosts
# syntax: '|'-separated, '*' wildcards.
ocs_java_tool_options() {
    local _ocs_np="localhost|127.*|[::1]|docker.host"
    local _ocs_o="-Dhttp.proxyHost=$OCS_PROXY_HOST -Dhttp.proxyPort=$OCS_PROXY_PORT"
    _ocs_o+=" -Dhttps.proxyHost=$OCS_PROXY_HOST -Dhttps.proxyPort=$OCS_PROXY_PORT"
    _ocs_o+=" -Dhttp.nonProxyHosts=$_ocs_np"
    if [[ -f "$OCS_JAVA_CACERTS" ]]; then
        # "changeit": the store's well-known public password (it protects nothing).
        _ocs_o+=" -Djavax.net.ssl.trustStore=$OCS_JAVA_CACERTS -Djavax.net.ssl.trustStorePassword=changeit"
    fi
    printf '%s' "$_ocs_o"
}

# Fills the global array OCS_DEV_ENV with NAME=VALUE words for dev: the fixed
# variables (the proxy for every tool, JAVA_TOOL_OPTIONS = ours + the container's, the trust
# store defaults), then every container variable (OCS_CENV) except OCS_*, the fixed ones, the
# server credentials (only ocs-gate has them), the unsafe names (ocs_unsafe_env_name) and
# shell/login bookkeeping; TERM/COLORTERM of this process (a terminal) win.
# (Locals are named _ocs_* throughout: bash scoping is dynamic, and an exported variable
# of the same name as a local would otherwise be shadowed.)
ocs_build_dev_env() {
    local _ocs_ws="$1" _ocs_name
    OCS_DEV_ENV=(
        "HOME=/home/dev" "USER=dev" "LOGNAME=dev" "SHELL=/bin/bash"
        "PATH=$OCS_DEV_PATH" "PWD=$_ocs_ws"
        "http_proxy=$OCS_PROXY_URL" "https_proxy=$OCS_PROXY_URL"
        "HTTP_PROXY=$OCS_PROXY_URL" "HTTPS_PROXY=$OCS_PROXY_URL"
        "NO_PROXY=$OCS_NO_PROXY" "no_proxy=$OCS_NO_PROXY"
        "MISE_TRUSTED_CONFIG_PATHS=$_ocs_ws"
        # Tools that do not read the variables above (see README.md, "Proxy and CAs per tool").
        "CARGO_HTTP_PROXY=$OCS_PROXY_URL"
        "YARN_HTTP_PROXY=$OCS_PROXY_URL" "YARN_HTTPS_PROXY=$OCS_PROXY_URL"
        "JAVA_TOOL_OPTIONS=$(ocs_java_tool_options)${OCS_CENV[JAVA_TOOL_OPTIONS]:+ ${OCS_CENV[JAVA_TOOL_OPTIONS]}}"
        # Trust stores: defaults, a container variable of the same name comes later and wins.
        "SSL_CERT_FILE=$OCS_CA_BUNDLE" "REQUESTS_CA_BUNDLE=$OCS_CA_BUNDLE" "PIP_CERT=$OCS_CA_BUNDLE"
        "NODE_EXTRA_CA_CERTS=$OCS_CA_BUNDLE" "CARGO_HTTP_CAINFO=$OCS_CA_BUNDLE"
        "YARN_CA_FILE_PATH=$OCS_CA_BUNDLE"
    )
    for _ocs_name in "${!OCS_CENV[@]}"; do
        case "$_ocs_name" in
            OCS_*|_ocs_*|HOME|USER|LOGNAME|SHELL|PATH|PWD|OLDPWD|SHLVL|_|\
            http_proxy|https_proxy|HTTP_PROXY|HTTPS_PROXY|NO_PROXY|no_proxy|\
            ALL_PROXY|all_proxy|FTP_PROXY|ftp_proxy|MISE_TRUSTED_CONFIG_PATHS|\
            CARGO_HTTP_PROXY|YARN_HTTP_PROXY|YARN_HTTPS_PROXY|JAVA_TOOL_OPTIONS|\
            OPENCODE_SERVER_PASSWORD|OPENCODE_SERVER_USERNAME|TERM|COLORTERM)
                continue ;;
        esac
        ocs_unsafe_env_name "$_ocs_name" && continue
        [[ "$_ocs_name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
        OCS_DEV_ENV+=("$_ocs_name=${OCS_CENV[$_ocs_name]}")
    done
    for _ocs_name in TERM COLORTERM; do
        if [[ -n "${!_ocs_name:-}" ]]; then
            OCS_DEV_ENV+=("$_ocs_name=${!_ocs_name}")
        elif [[ -n "${OCS_CENV[$_ocs_name]:-}" ]]; then
            OCS_DEV_ENV+=("$_ocs_name=${OCS_CENV[$_ocs_name]}")
        fi
    done
}

# Replaces the exported environment of this shell by exactly the NAME=VALUE words given.
# Values never pass through a command line (`env -i NAME=VALUE ...` would show them in
# /proc/PID/cmdline, which every process can read).
ocs_replace_env() {
    local _ocs_n _ocs_kv
    local -a _ocs_names
    mapfile -t _ocs_names < <(compgen -e)
    for _ocs_n in "${_ocs_names[@]}"; do
        [[ "$_ocs_n" == _ocs_* ]] && continue
        # shellcheck disable=SC2163 # the variable named by $_ocs_n
        unset -v "$_ocs_n" 2>/dev/null || export -n "$_ocs_n" 2>/dev/null || true
    done
    for _ocs_kv in "$@"; do
        export "${_ocs_kv%%=*}=${_ocs_kv#*=}"
    done
}

# Replaces this process with CMD run as USER (dev or ocs-gate): no capabilities (bounding
# set emptied too), no_new_privs, the environment given as NAME=VALUE words in the array
# named by $3, cwd = $2. `env -u _` drops the variable bash adds when it executes setpriv.
ocs_exec_as() {
    local _ocs_user="$1" _ocs_dir="$2" _ocs_envname="$3"; shift 3
    local -n _ocs_envref="$_ocs_envname"
    ocs_replace_env "${_ocs_envref[@]}"
    exec /usr/bin/setpriv --reuid="$_ocs_user" --regid="$_ocs_user" --init-groups \
        --inh-caps=-all --ambient-caps=-all --bounding-set=-all --no-new-privs \
        -- /usr/bin/env --chdir="$_ocs_dir" -u _ -- "$@"
}

# Replaces this process with CMD run as dev: no capabilities (bounding set emptied too),
# no_new_privs, clean environment (see ocs_build_dev_env), cwd = workspace.
ocs_exec_as_dev() {
    local _ocs_wsd="$1"; shift
    ocs_build_dev_env "$_ocs_wsd"
    ocs_exec_as dev "$_ocs_wsd" OCS_DEV_ENV "$@"
}

# Waits (at most 30 s) for OCS_READY_FILE: the entrypoint writes it once the firewall is up
# and Squid serves (ocs_squid_watch), which may be a moment after OpenCode started.
ocs_wait_ready() {
    local _ocs_i
    for ((_ocs_i = 0; _ocs_i < 600; _ocs_i++)); do
        [[ -f "$OCS_READY_FILE" ]] && return 0
        sleep 0.05
    done
    return 1
}

# One CONNECT through Squid (3128) to the name squid.conf reserves for this probe, which it
# passes to its inner port (3129) and no further: 0 when the tunnel is set up. Squid counts
# its inner port as down until it has connected to it once, and its first try comes before
# that port listens; it tries again at most once a second: this asks until it did.
ocs_squid_chain_probe() {
    local _ocs_line=""
    exec 4<>"/dev/tcp/$OCS_PROXY_HOST/$OCS_PROXY_PORT" || return 1
    printf 'CONNECT ocs-chain-probe.invalid:443 HTTP/1.1\r\nHost: ocs-chain-probe.invalid:443\r\n\r\n' >&4
    IFS= read -r -t 5 _ocs_line <&4 || true
    exec 4<&- 4>&-
    [[ "$_ocs_line" == "HTTP/1."?" 200"* ]]
}

# ocs_squid_ready SQUID_PID: waits until Squid accepts connections (20 s at most) and its
# inner port works (10 s at most); else prints why on stdout and returns 1. Called as
# "$(ocs_squid_ready PID)".
ocs_squid_ready() {
    local _ocs_pid="$1" _ocs_i
    # A listener that is not Squid may close the probe's connection: no SIGPIPE (only in the
    # subshell this runs in: "$(ocs_squid_ready ...)").
    trap '' PIPE
    for ((_ocs_i = 0; ; _ocs_i++)); do
        ocs_alive "$_ocs_pid" || { echo "squid exited during start-up (see the log lines above)"; return 1; }
        (exec 3<>"/dev/tcp/$OCS_PROXY_HOST/$OCS_PROXY_PORT") 2>/dev/null && break
        ((_ocs_i < 400)) || { echo "squid did not accept connections on $OCS_PROXY_HOST:$OCS_PROXY_PORT within 20 s"; return 1; }
        sleep 0.05
    done
    for ((_ocs_i = 0; ; _ocs_i++)); do
        ocs_squid_chain_probe 2>/dev/null && return 0
        ocs_alive "$_ocs_pid" || { echo "squid exited during start-up (see the log lines above)"; return 1; }
        ((_ocs_i < 200)) || { echo "squid's TLS check ($OCS_PROXY_HOST:$OCS_SQUID_INNER_PORT) does not answer: tunnels would fail"; return 1; }
        sleep 0.05
    done
}

# ocs_squid_watch SQUID_PID MAIN_PID (root, only SETUID and SETGID left; see the entrypoint):
# while OpenCode (MAIN_PID, dev) starts, waits for Squid; then writes OCS_READY_FILE and says
# so. If Squid fails instead, ends the sandbox (fail closed): OpenCode is asked to stop
# (as dev: root has no CAP_KILL here), then every process of dev is killed.
ocs_squid_watch() {
    local _ocs_squid="$1" _ocs_main="$2" _ocs_why _ocs_i
    local -a _ocs_as_dev=(/usr/bin/setpriv --reuid=dev --regid=dev --clear-groups --no-new-privs --)
    if _ocs_why="$(ocs_squid_ready "$_ocs_squid")"; then
        if : >"$OCS_READY_FILE"; then
            echo "ocs-entrypoint: squid listening on $OCS_PROXY_HOST:$OCS_PROXY_PORT (pid $_ocs_squid)"
            return 0
        fi
        _ocs_why="cannot write $OCS_READY_FILE"
    fi
    echo "ocs-entrypoint: $_ocs_why: stopping the sandbox" >&2
    for ((_ocs_i = 0; _ocs_i < 50; _ocs_i++)); do
        ocs_alive "$_ocs_main" || return 1
        "${_ocs_as_dev[@]}" /bin/kill -TERM "$_ocs_main" 2>/dev/null
        sleep 0.1
    done
    "${_ocs_as_dev[@]}" /bin/kill -KILL -1 2>/dev/null
    return 1
}
