#!/usr/bin/env bash
# End-to-end tests of `ocs` against a real container engine.
#
# Usage: tests/e2e/ocs-e2e.sh PATH/TO/ocs
#
# What it does: builds sandbox images from a local debootstrap base, inits two temporary
# projects with `ocs init --yes`, starts them, and checks from outside and from inside as
# the agent would: auth, workspace ownership, persistence, the proxy whitelist against a
# fake "internet" (a container of ours answering for fake domains), host ports, env
# passthrough, two sandboxes at once, the sign-in gateway, foreground Ctrl+C, stop.
# Network traffic goes only to loopback and to containers this script creates.
#
# OCS_E2E_ENGINE=podman runs the sandboxes on rootless Podman as the test user (the fake
# internet, test infrastructure, stays on Docker; the base image is copied from Docker).
#
# Exit: 0 all passed, 1 something failed, 77 skipped (no engine; never under CI=true).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

OCS_BIN=$(readlink -f "${1:?usage: ocs-e2e.sh PATH/TO/ocs}")
ENGINE=${OCS_E2E_ENGINE:-docker}
BASE_IMAGE=${OCS_E2E_BASE_IMAGE:-ocs-test-base:bookworm}
FAKENET_IMAGE=ocs-e2e-fakenet:latest
RUN_ID=$$
# The fake internet runs on Docker (as root) in every mode.
NET_ENGINE=docker

command -v "$ENGINE" >/dev/null 2>&1 || skip_loudly "$ENGINE is not installed"
command -v "$NET_ENGINE" >/dev/null 2>&1 || skip_loudly "$NET_ENGINE is not installed (it runs the fake internet)"
"$NET_ENGINE" info >/dev/null 2>&1 || skip_loudly "$NET_ENGINE is installed but its engine does not answer ('$NET_ENGINE info' failed)"
[[ -x "$OCS_BIN" ]] || { echo "not executable: $OCS_BIN" >&2; exit 1; }

# ---- the user the sandboxes belong to (see setup_test_user in lib.sh) -------------------
setup_test_user
WORK=$(as_user mktemp -d /tmp/ocs-e2e.XXXXXX)
chmod 0755 "$WORK"
setup_engine_env "$WORK"
STATE_ROOT=$WORK/state
export OCS_STATE_ROOT=$STATE_ROOT     # keep the user's real ~/.opencode-sandbox out of it
export OCS_KEYCHAIN=0                  # headless: the honest 0600-file fallback
export OCS_BASE_IMAGE=$BASE_IMAGE
export OCS_ENGINE=$ENGINE
OCS_EXTRA_CA_CERTS=$(host_extra_cas)
export OCS_EXTRA_CA_CERTS
export OCS_START_TIMEOUT=240
[[ "$ENGINE" == podman ]] || unset DBUS_SESSION_BUS_ADDRESS

ocs() { as_user "$OCS_BIN" "$@"; }
ocs_in() { local dir=$1; shift; (cd "$dir" && as_user "$OCS_BIN" "$@"); }

containers=()
host_pids=()
cleanup() {
    set +e
    for p in "${host_pids[@]}"; do kill "$p" 2>/dev/null; done
    for d in "$WORK"/proj-*; do [[ -d "$d" ]] && (cd "$d" && as_user "$OCS_BIN" stop >/dev/null 2>&1); done
    for c in "${containers[@]}"; do "$NET_ENGINE" rm -f "$c" >/dev/null 2>&1; done
    # This test's projects only (other tests' images in a shared engine are not its business).
    for d in "$WORK"/proj-*; do [[ -d "$d" ]] && remove_project_sandboxes "$d"; done
    [[ -z "$TOOLS_BASE" || "${OCS_E2E_KEEP:-}" == 1 ]] || docker rmi -f "$TOOLS_BASE" >/dev/null 2>&1
    end_podman_helpers
    [[ "${OCS_E2E_KEEP:-}" == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

echo "== engine: $(eng version --format '{{.Server.Version}}' 2>/dev/null || eng version --format '{{.Version}}') ($ENGINE), user $E2E_USER ($E2E_UID), work $WORK"

# ---- images -----------------------------------------------------------------------------
if ! "$NET_ENGINE" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    echo "== making base image $BASE_IMAGE (debootstrap)"
    "$here/make-base-image.sh" "$BASE_IMAGE" || { echo "cannot make the base image" >&2; exit 1; }
fi
copy_base_image_to_podman "$BASE_IMAGE"
# Docker only: the sandboxes' base gets a headless JDK and pip from Debian's packages (a test
# variant of the base image), so that Java and pip are checked inside too. Podman's runs keep
# the plain base (no copy of a bigger image to its store).
TOOLS_BASE=""
if [[ "$ENGINE" == docker ]]; then
    TOOLS_BASE=ocs-e2e-base-tools:$RUN_ID
    t0=$SECONDS
    printf 'FROM %s\nRUN set -eu; apt-get update; DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends default-jdk-headless python3-pip; apt-get clean; rm -rf /var/lib/apt/lists/*\n' \
        "$BASE_IMAGE" | docker build -q -t "$TOOLS_BASE" - >"$WORK/tools-base.log" 2>&1 \
        || { echo "cannot build the base image variant with Java and pip: $(tail -5 "$WORK/tools-base.log")" >&2; exit 1; }
    echo "== base image variant with Java and pip: $((SECONDS - t0)) s, $(($(docker image inspect -f '{{.Size}}' "$TOOLS_BASE") / 1000000)) MB (plain base: $(($(docker image inspect -f '{{.Size}}' "$BASE_IMAGE") / 1000000)) MB)"
    export OCS_BASE_IMAGE=$TOOLS_BASE
fi
echo "== building the fake internet"
"$NET_ENGINE" build -q -t "$FAKENET_IMAGE" --build-arg "BASE_IMAGE=$BASE_IMAGE" "$here/fakenet" >/dev/null \
    || { echo "cannot build $FAKENET_IMAGE" >&2; exit 1; }

# A test CA, trusted in the sandboxes as an extra CA (OCS_EXTRA_CA_CERTS, like a corporate
# one), and the fake internet's certificate from it: the agent's tools must reach it over TLS
# through the proxy without any "insecure" switch.
TLS=$WORK/tls
make_test_ca() {
    mkdir -p "$TLS" || return 1
    openssl req -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 2 \
        -subj "/CN=ocs e2e test CA $RUN_ID" -keyout "$TLS/ca.key" -out "$TLS/ca.crt" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign || return 1
    openssl req -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -subj /CN=allowed.test \
        -keyout "$TLS/key.pem" -out "$TLS/server.csr" || return 1
    printf 'subjectAltName=DNS:allowed.test,DNS:*.allowed.test,DNS:blocked.test,DNS:evilallowed.test\nextendedKeyUsage=serverAuth\n' >"$TLS/ext"
    openssl x509 -req -in "$TLS/server.csr" -CA "$TLS/ca.crt" -CAkey "$TLS/ca.key" -CAcreateserial \
        -days 2 -extfile "$TLS/ext" -out "$TLS/cert.pem"
}
make_test_ca 2>/dev/null || { echo "cannot make the test CA" >&2; exit 1; }
chmod 0755 "$TLS"; chmod 0644 "$TLS/ca.crt" "$TLS/cert.pem" "$TLS/key.pem"
OCS_EXTRA_CA_CERTS=${OCS_EXTRA_CA_CERTS:+$OCS_EXTRA_CA_CERTS:}$TLS/ca.crt

# The fake internet: one container answering for every fake domain.
fakenet=ocs-e2e-fakenet-$RUN_ID
"$NET_ENGINE" run -d --rm --name "$fakenet" -v "$TLS:/srv/fakenet/tls:ro" "$FAKENET_IMAGE" >/dev/null && containers+=("$fakenet")
FAKE_IP=$("$NET_ENGINE" inspect -f '{{.NetworkSettings.IPAddress}}' "$fakenet")
[[ -n "$FAKE_IP" ]] || { echo "fakenet has no address" >&2; exit 1; }
export OCS_EXTRA_HOSTS="allowed.test=$FAKE_IP,sub.allowed.test=$FAKE_IP,api.allowed.test=$FAKE_IP,git.allowed.test=$FAKE_IP,blocked.test=$FAKE_IP,evilallowed.test=$FAKE_IP"

# Services on the host (started once the sandbox shows where the host is): one port listed
# in host-ports, one not.
LISTED_PORT=$((20000 + RANDOM % 5000))
UNLISTED_PORT=$((LISTED_PORT + 1))
start_host_services() {
    local ip=$1 p
    mkdir -p "$WORK/www" && echo "host service" >"$WORK/www/index.html"
    for p in "$LISTED_PORT" "$UNLISTED_PORT"; do
        (cd "$WORK/www" && exec python3 -m http.server "$p" --bind "$ip" >/dev/null 2>&1) &
        host_pids+=($!)
    done
    wait_until 15 bash -c "exec 3<>/dev/tcp/$ip/$UNLISTED_PORT" || echo "warning: host services slow to start on $ip"
}

# ---- project A ----------------------------------------------------------------------------
PA=$WORK/proj-a
as_user mkdir -p "$PA/sub/dir"
out=$(ocs_in "$PA" init --yes --no-build 2>&1)
check "init --yes creates the config" test -f "$PA/opencode-sandbox-config.yaml"
check "init --yes creates mise.toml, opencode.jsonc and the hook" test -f "$PA/mise.toml" -a -f "$PA/opencode.jsonc" -a -x "$PA/opencode-sandbox-pre-start-container.sh"
as_user tee "$PA/opencode-sandbox-config.yaml" >/dev/null <<YAML
sandbox-name: proj-a
http-domain-whitelist:
  - .allowed.test
host-ports:
  - $LISTED_PORT
env-passthrough:
  SECRET_TOKEN: E2E_SECRET_SOURCE
  MISSING_ONE: E2E_NOT_SET_ANYWHERE
env:
  STATIC_VAR: hello world
share-opencode-settings: true
YAML
# Injected secrets (issue 12): E2E_API_KEY's value comes from the host (ocs secret set
# --from-env) and the proxy puts it into x-api-key on the way to api.allowed.test; the agent
# only ever sees a placeholder. The value has a known prefix and a random rest, so that the
# sandbox can be searched for it by its hash without the value ever being sent in.
INJECT_VALUE="e2e-inject-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
sha() { printf '%s' "$1" | sha256sum | cut -c1-64; }
INJECT_SHA=$(sha "$INJECT_VALUE")
INJECT=1
as_user tee -a "$PA/opencode-sandbox-config.yaml" >/dev/null <<'YAML'
injected-secrets:
  E2E_API_KEY:
    hosts: [api.allowed.test]
    header: x-api-key
    git-hosts: [git.allowed.test]
YAML
# OpenCode itself, with a bundled provider whose key is injected (npm is not reachable from
# the sandbox, so no provider package can be installed).
as_user tee "$PA/opencode.json" >/dev/null <<'JSON'
{
  "$schema": "https://opencode.ai/config.json",
  "provider": {
    "anthropic": {
      "options": { "baseURL": "https://api.allowed.test/echo-headers/oc/v1", "apiKey": "{env:E2E_API_KEY}" }
    }
  }
}
JSON
check "validate accepts the project config" ocs_in "$PA" validate

# The user's OpenCode settings (a fake ~/.config/opencode, XDG_CONFIG_HOME for the starts): a
# command and an agent, and what must stay out (credentials, a link to a host file).
XDG_FAKE=$WORK/xdg
as_user mkdir -p "$XDG_FAKE/opencode/commands" "$XDG_FAKE/opencode/agents"
as_user tee "$XDG_FAKE/opencode/commands/e2e-hello.md" >/dev/null <<'MD'
---
description: e2e command from the host's settings
---
Say hello.
MD
as_user tee "$XDG_FAKE/opencode/agents/e2e-agent.md" >/dev/null <<'MD'
---
description: e2e agent from the host's settings
mode: subagent
---
You are a test agent.
MD
as_user sh -c "echo '{\"anthropic\":{\"type\":\"api\",\"key\":\"sk-e2e-host-credential\"}}' >'$XDG_FAKE/opencode/auth.json'"
as_user sh -c "echo HOST_SECRET=e2e > '$XDG_FAKE/opencode/.env'"
as_user sh -c "echo '{}' > '$XDG_FAKE/opencode/opencode.json'"
as_user sh -c "echo host-only > '$WORK/host-only.txt' && ln -s '$WORK/host-only.txt' '$XDG_FAKE/opencode/commands/linked.md'"

t0=$SECONDS
if ocs_in "$PA" rebuild >"$WORK/rebuild-a.log" 2>&1; then
    pass "rebuild builds the image ($((SECONDS - t0)) s)"
else
    fail "rebuild builds the image" "$(tail -25 "$WORK/rebuild-a.log")"
    summary; exit 1
fi
ID_A=$(cd "$STATE_ROOT" && compgen -G 'proj-a-*' | head -1)
expect_eq "SANDBOX_ID is proj-a-<cksum of the root>" "proj-a-$(printf '%s' "$(readlink -f "$PA")" | cksum | { read -r crc _; printf '%x' "$crc" | cut -c1-6; })" "$ID_A"
check "the build log is in the state folder" test -s "$STATE_ROOT/$ID_A/docker-build.log"
CA=opencode-sandbox-$ID_A

# The value's source: the host variable E2E_INJECT_SOURCE of the start (XDG_CONFIG_HOME as
# for the start: the app's settings file is there).
if ocs secret list >/dev/null 2>&1; then
    out=$(XDG_CONFIG_HOME=$XDG_FAKE ocs_in "$PA" secret set E2E_API_KEY --from-env E2E_INJECT_SOURCE 2>&1); rc=$?
    check "ocs secret set --from-env records the source ($out)" test "$rc" -eq 0
else
    fail "ocs secret list works (injected secrets need ocs secret set)" "$(ocs secret list 2>&1 | tail -3)"
fi
SECRET_VALUE="e2e-$RANDOM-$RANDOM-passthrough-value"
t0=$SECONDS
# The first start shows what the sandbox may reach and needs consent (issue 10, item 7).
first=$( (cd "$PA" && as_user "$OCS_BIN" start --detach </dev/null) 2>&1); rc=$?
check "a first start is not made without consent (exit $rc)" test "$rc" -ne 0
expect_contains "... and shows what the sandbox may reach" "whitelist (HTTP/HTTPS): .allowed.test" "$first"
expect_contains "... including the host variables passed in" "SECRET_TOKEN (from host E2E_SECRET_SOURCE)" "$first"
expect_contains "... and which hosts receive the injected secrets" "(the agent sees placeholders): E2E_API_KEY (api.allowed.test; git: git.allowed.test)" "$first"
expect_eq "... and nothing was started" "" "$(eng ps -a -q --filter "name=^$CA\$")"
if (cd "$PA/sub/dir" && XDG_CONFIG_HOME=$XDG_FAKE E2E_SECRET_SOURCE=$SECRET_VALUE E2E_INJECT_SOURCE=$INJECT_VALUE as_user "$OCS_BIN" start --detach --yes) >"$WORK/start-a.log" 2>&1; then
    pass "start --detach from a subfolder reaches healthy ($((SECONDS - t0)) s)"
else
    fail "start --detach from a subfolder reaches healthy" "$(cat "$WORK/start-a.log"; eng logs --tail 30 "$CA" 2>&1)"
    summary; exit 1
fi
expect_contains "start names the variable it could not pass" "MISSING_ONE" "$(cat "$WORK/start-a.log")"

PORT_A=$(ocs status --json | python3 -c 'import json,sys; print(next(s["port"] for s in json.load(sys.stdin) if s["id"]==sys.argv[1]))' "$ID_A")
PASSWORD_A=$(cat "$STATE_ROOT/$ID_A/opencode-password")
check "password file is owner-only (0600)" test "$(stat -c %a "$STATE_ROOT/$ID_A/opencode-password")" = 600
check "state folder is owner-only (0700)" test "$(stat -c %a "$STATE_ROOT/$ID_A")" = 700
expect_eq "password has 48 characters" 48 "${#PASSWORD_A}"
expect_eq "web UI without password: 401" 401 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_A/global/health")"
health=$(curl -s -u "opencode:$PASSWORD_A" "http://127.0.0.1:$PORT_A/global/health")
expect_contains "web UI with the password: healthy JSON" '"healthy":true' "$health"
published=$(eng port "$CA" 4096/tcp)
expect_eq "published on loopback only" "127.0.0.1:$PORT_A" "$published"
expect_not_contains "the password is not in the container's command line or labels" "$PASSWORD_A" "$(eng inspect -f '{{json .Config.Cmd}} {{json .Config.Entrypoint}} {{json .Config.Labels}} {{json .Args}}' "$CA")"
layers=$(eng history --no-trunc "opencode-sandbox-$ID_A" 2>&1; eng image inspect "opencode-sandbox-$ID_A" 2>&1)
expect_contains "the image's history and config can be read" "ocs-entrypoint" "$layers"
expect_not_contains "the password is in no image layer or image config" "$PASSWORD_A" "$layers"

dev() { eng exec -u root "$CA" ocs-dev-exec "$@"; }
dev sh -c 'echo from-the-agent > created-inside.txt'
check "a file written inside appears in the workspace" test -f "$PA/created-inside.txt"
expect_eq "... owned by the user ($E2E_UID)" "$E2E_UID" "$(stat -c %u "$PA/created-inside.txt")"
expect_eq "the agent runs as dev with the user's uid" "$E2E_UID" "$(dev id -u)"
expect_eq "the workspace is mounted at /<dirname>" "/proj-a" "$(dev pwd)"

# Proxy and firewall, as the agent sees them.
HOST_IP=$(dev getent hosts docker.host | awk '{print $1; exit}')
check "docker.host resolves inside the sandbox" test -n "$HOST_IP"
start_host_services "$HOST_IP"
code() { dev curl -s -o /dev/null -w '%{http_code}' --max-time 15 "$@" 2>/dev/null; }
expect_eq "whitelisted domain over HTTP via the proxy: 200" 200 "$(code http://allowed.test/)"
expect_eq "whitelisted subdomain over HTTPS via the proxy: 200" 200 "$(code -k https://sub.allowed.test/)"
expect_contains "the fake internet saw the request for sub.allowed.test" "host=sub.allowed.test" "$("$NET_ENGINE" logs "$fakenet" 2>&1)"
expect_eq "non-whitelisted domain: 403 from the proxy" 403 "$(code http://blocked.test/)"
expect_eq "look-alike of an allowed suffix: 403" 403 "$(code http://evilallowed.test/)"
https_blocked=$(code -k https://blocked.test/)
check "non-whitelisted domain over HTTPS is refused" test "$https_blocked" != 200
check_not "direct connection to the fake internet's address fails" dev curl -s --noproxy '*' --max-time 8 "http://$FAKE_IP/"
check "host port in host-ports is reachable at docker.host" dev curl -s --noproxy '*' --max-time 10 -o /dev/null -f "http://docker.host:$LISTED_PORT/"
check_not "host port not in host-ports is blocked" dev curl -s --noproxy '*' --max-time 8 -o /dev/null "http://docker.host:$UNLISTED_PORT/"

# Environment.
expect_eq "env-passthrough value arrives (renamed)" "$SECRET_VALUE" "$(dev printenv SECRET_TOKEN)"
expect_eq "static env value arrives literally" "hello world" "$(dev printenv STATIC_VAR)"
check_not "unset passthrough variable is absent" dev printenv MISSING_ONE
# shellcheck disable=SC2016 # the container's shell expands $f
cmdlines=$(eng exec -u root "$CA" sh -c 'for f in /proc/[0-9]*/cmdline; do tr "\0" " " <"$f"; echo; done' 2>/dev/null)
expect_not_contains "the passthrough value is in no process's argv in the sandbox" "$SECRET_VALUE" "$cmdlines"
expect_not_contains "the password is in no process's argv in the sandbox" "$PASSWORD_A" "$cmdlines"
expect_not_contains "no host process has the passthrough value in argv" "$SECRET_VALUE" "$(ps -eo args)"

# Injected secrets: the proxy swaps the placeholder for the value only towards the secret's
# host, and the value is nowhere the agent can read.
if (( INJECT )); then
    t_inject=$SECONDS
    expect_contains "the start says which secrets are injected" "Injected secrets (the agent sees placeholders): E2E_API_KEY" "$(cat "$WORK/start-a.log")"
    PH=$(dev printenv E2E_API_KEY)
    # shellcheck disable=SC2016 # bash -c's own $1
    check "the agent's E2E_API_KEY is a placeholder ($PH)" bash -c '[[ "$1" =~ ^ocs-secret-E2E_API_KEY-[0-9a-f]{16}$ ]]' _ "$PH"
    PH_SHA=$(sha "$PH")
    # shellcheck disable=SC2016 # the sandbox's shell expands $E2E_API_KEY
    echo_a=$(dev sh -c 'curl -sS --max-time 15 -H "x-api-key: $E2E_API_KEY" https://api.allowed.test/echo-headers/a' 2>&1)
    expect_contains "(a) the agent's request to api.allowed.test arrives with the real value (no -k: the sandbox's CA is trusted)" "echo x-api-key sha256=$INJECT_SHA" "$echo_a"
    # shellcheck disable=SC2016
    echo_b=$(dev sh -c 'curl -sS --max-time 15 -H "x-api-key: $E2E_API_KEY" https://sub.allowed.test/echo-headers/b' 2>&1)
    expect_contains "(b) the same request to another whitelisted host arrives with the placeholder" "echo x-api-key sha256=$PH_SHA" "$echo_b"
    expect_not_contains "... and without the value" "$INJECT_SHA" "$echo_b"
    # shellcheck disable=SC2016
    echo_c=$(dev sh -c 'curl -sS --max-time 15 -H "x-api-key: $E2E_API_KEY" http://api.allowed.test/echo-headers/c' 2>&1)
    expect_contains "... and so does plain HTTP to the secret's own host" "echo x-api-key sha256=$PH_SHA" "$echo_c"
    expect_not_contains "... never the value" "$INJECT_SHA" "$echo_c"
    # shellcheck disable=SC2016 # bash -c's and the sandbox's shell
    check "the secret's host is served with the sandbox's own CA" \
        bash -c '[[ "$1" == *"OpenCode Sandbox injection CA"* ]]' _ "$(dev sh -c 'curl -sv --max-time 15 -o /dev/null https://api.allowed.test/ 2>&1 | grep -i "issuer:"')"
    # shellcheck disable=SC2016 # bash -c's and the sandbox's shell
    check "the other hosts stay end to end (sub.allowed.test shows the fake internet's own certificate)" \
        bash -c '[[ "$1" == *"CN=allowed.test"* ]]' _ "$(dev sh -c 'curl -sv --max-time 15 -o /dev/null https://sub.allowed.test/ 2>&1 | grep -i "subject:"')"
    # shellcheck disable=SC2016 # the sandbox's shell
    echo_f=$(dev sh -c 'curl -sS --max-time 15 -H "Host: sub.allowed.test" -H "x-api-key: $E2E_API_KEY" https://api.allowed.test/echo-headers/f' 2>&1)
    expect_not_contains "... nor does another Host inside the decrypted tunnel get the value" "$INJECT_SHA" "$echo_f"
    # git over HTTPS: git's credential helper hands out the placeholder; the proxy swaps the
    # whole basic-auth header (user x-access-token) for the one with the value.
    # shellcheck disable=SC2016 # the sandbox's shell
    cred=$(dev sh -c 'printf "protocol=https\nhost=git.allowed.test\n\n" | git credential fill' 2>&1)
    expect_contains "git's credential helper gives the placeholder for git.allowed.test" "password=$PH" "$cred"
    # shellcheck disable=SC2016 # the sandbox's shell
    echo_g=$(dev sh -c 'curl -sS --max-time 15 -H "Authorization: Basic $(printf "x-access-token:%s" "$E2E_API_KEY" | base64 -w0)" https://git.allowed.test/echo-headers/g' 2>&1)
    expect_contains "git's basic auth to git.allowed.test arrives with the value" \
        "echo authorization sha256=$(sha "Basic $(printf 'x-access-token:%s' "$INJECT_VALUE" | base64 -w0)")" "$echo_g"
    # (c) As the agent: every string that looks like the value (its prefix and length) in
    # every process's environment and command line, and every file it can read, hashed; the
    # value's hash must not be among them. Control: a look-alike the agent writes is found.
    DECOY="e2e-inject-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    # shellcheck disable=SC2016 # the sandbox's shell
    dev sh -c 'printf "%s\n" "$1" >/tmp/e2e-decoy.txt' _ "$DECOY"
    # shellcheck disable=SC2016 # the sandbox's shell
    found=$(dev sh -c '
        { cat /proc/[0-9]*/environ /proc/[0-9]*/cmdline 2>/dev/null | tr "\0" "\n"
          find / \( -path /proc -o -path /sys -o -path /dev \) -prune -o -type f -readable -size -64M -print0 2>/dev/null \
              | xargs -0 -r grep -ahoE "e2e-inject-[0-9a-f]{24}" 2>/dev/null
        } | grep -aoE "e2e-inject-[0-9a-f]{24}" | sort -u | while read -r t; do printf "%s" "$t" | sha256sum; done' 2>&1)
    expect_contains "(c) control: the search finds a look-alike the agent wrote" "$(sha "$DECOY")" "$found"
    expect_not_contains "(c) the value is in no process environment or command line and no file the agent can read" "$INJECT_SHA" "$found"
    check_not "(c) the agent cannot list the proxy's secrets folder" dev ls /run/ocs-secrets
    check_not "(c) nor read the rules with the value" dev cat /run/ocs-secrets/inject.conf
    check_not "(c) the CA's private key is gone" eng exec -u root "$CA" test -e /run/ocs-secrets/ca/ca.key
    check_not "(c) the proxy's leaf key is unreadable for the agent" dev cat /etc/squid/ocs-tls/key.pem
    SQUID_PIDS=$(eng exec -u root "$CA" pgrep -u proxy -x squid | tr '\n' ' ')
    check "(c) Squid runs as proxy ($SQUID_PIDS)" test -n "$SQUID_PIDS"
    # shellcheck disable=SC2016
    check_not "(c) the agent cannot read Squid's environment" dev sh -c 'for p in $1; do cat /proc/$p/environ && exit 0; done; exit 1' _ "$SQUID_PIDS"
    # (d) OpenCode itself: one message through its HTTP API (behind the gate) makes its
    # provider call the fake API with the injected key.
    sess=$(curl -s --max-time 20 -u "opencode:$PASSWORD_A" -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$PORT_A/session")
    SID=$(printf '%s' "$sess" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' 2>/dev/null)
    check "(d) OpenCode makes a session ($SID)" test -n "$SID"
    curl -s -o /dev/null --max-time 10 -u "opencode:$PASSWORD_A" -X POST -H 'Content-Type: application/json' \
        -d '{"parts":[{"type":"text","text":"hello"}],"model":{"providerID":"anthropic","modelID":"claude-sonnet-4-5"}}' \
        "http://127.0.0.1:$PORT_A/session/$SID/message" >/dev/null 2>&1
    check "(d) OpenCode's provider request reached the fake API with the real key" wait_until 60 \
        bash -c "'$NET_ENGINE' logs '$fakenet' 2>&1 | grep -q '/echo-headers/oc/v1/messages echo x-api-key sha256=$INJECT_SHA'"
    curl -s -o /dev/null --max-time 10 -u "opencode:$PASSWORD_A" -X POST "http://127.0.0.1:$PORT_A/session/$SID/abort"
    # Outside: no engine record, log or file of the host has the value.
    expect_not_contains "(c) the engine's inspect has no value" "$INJECT_VALUE" "$(eng inspect "$CA" 2>&1)"
    expect_not_contains "(c) the container's log has no value" "$INJECT_VALUE" "$(eng logs "$CA" 2>&1)"
    check_not "(c) the state folder has no value" grep -rqF -- "$INJECT_VALUE" "$STATE_ROOT"
    expect_not_contains "(c) ocs's own output has no value" "$INJECT_VALUE" "$(cat "$WORK/start-a.log")"
    expect_not_contains "(c) no host process has the value in argv" "$INJECT_VALUE" "$(ps -eo args)"
    echo "== injected-secret checks: $((SECONDS - t_inject)) s"
fi

# Tools that do not all read HTTP(S)_PROXY, each over TLS through the proxy to a whitelisted
# fake host whose certificate comes from the extra test CA (no -k, no insecure switch), and
# refused for a host off the whitelist. The fake internet logs each request it got, with its
# path: a marker path in its log means TLS and the proxy worked for that tool.
t_tools=$SECONDS
M="m$RUN_ID$RANDOM"
fakelog() { "$NET_ENGINE" logs "$fakenet" 2>&1; }
expect_eq "curl trusts the extra CA (HTTPS via the proxy, no -k): 200" 200 "$(code "https://sub.allowed.test/curl-$M")"
check_not "curl: a non-whitelisted host over HTTPS is refused" dev curl -sf --max-time 10 -o /dev/null "https://blocked.test/curl-neg-$M"
git_out=$(dev git ls-remote "https://sub.allowed.test/git-$M.git" 2>&1)
expect_contains "git reaches the whitelisted host over TLS through the proxy" "/git-$M.git/info/refs" "$(fakelog)"
expect_not_contains "... trusting its certificate" "certificate" "$git_out"
git_neg=$(dev git ls-remote "https://blocked.test/git-neg-$M.git" 2>&1)
expect_contains "git: a non-whitelisted host is refused by the proxy" "403" "$git_neg"
npm_out=$(dev npm view --fetch-retries=0 --registry "https://sub.allowed.test/npm-$M/" ocs-e2e-pkg 2>&1)
expect_contains "npm reaches the whitelisted registry over TLS through the proxy" "/npm-$M/ocs-e2e-pkg" "$(fakelog)"
expect_not_contains "... trusting its certificate" "certificate" "$npm_out"
check_not "npm: a non-whitelisted registry is refused" dev npm view --fetch-retries=0 --registry "https://blocked.test/npm-neg-$M/" ocs-e2e-pkg
expect_not_contains "no refused request reached the fake internet" "neg-$M" "$(fakelog)"
if [[ -n "$TOOLS_BASE" ]]; then
    as_user tee "$PA/Hello.java" >/dev/null <<'JAVA'
public class Hello {
    public static void main(String[] args) throws Exception {
        var c = (java.net.HttpURLConnection) new java.net.URL(args[0]).openConnection();
        c.setConnectTimeout(10000);
        c.setReadTimeout(10000);
        System.out.println("status " + c.getResponseCode());
    }
}
JAVA
    java_out=$(dev java Hello.java "https://sub.allowed.test/java-$M" 2>&1)
    expect_contains "Java (java Hello.java) reaches the whitelisted host over TLS through the proxy" "status 200" "$java_out"
    expect_contains "... the fake internet saw it" "/java-$M" "$(fakelog)"
    java_neg=$(dev java Hello.java "https://blocked.test/java-neg-$M" 2>&1)
    expect_contains "Java: a non-whitelisted host is refused by the proxy" "403" "$java_neg"
    pip_out=$(dev pip download --no-deps --no-cache-dir --retries 0 --timeout 10 -d /tmp/pip-e2e \
        --index-url "https://sub.allowed.test/pip-$M/simple/" ocs-e2e-pkg 2>&1)
    expect_contains "pip reaches the whitelisted index over TLS through the proxy" "/pip-$M/simple/ocs-e2e-pkg/" "$(fakelog)"
    expect_not_contains "... trusting its certificate" "CERTIFICATE_VERIFY_FAILED" "$pip_out"
    check_not "pip: a non-whitelisted index is refused" dev pip download --no-deps --no-cache-dir --retries 0 --timeout 10 \
        -d /tmp/pip-e2e --index-url "https://blocked.test/pip-neg-$M/simple/" ocs-e2e-pkg
    expect_not_contains "no refused Java or pip request reached the fake internet" "neg-$M" "$(fakelog)"
fi
# Where tools that ignore the variables read the proxy and the CAs (Java, pip, Gradle, Maven,
# cargo, yarn 2+: their settings; the tools themselves are not in this image).
expect_contains "Java: JAVA_TOOL_OPTIONS sends it through the proxy" "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=3128" "$(dev printenv JAVA_TOOL_OPTIONS)"
expect_contains "... except localhost, 127.0.0.1 and docker.host" "-Dhttp.nonProxyHosts=localhost|127.*|[::1]|docker.host" "$(dev printenv JAVA_TOOL_OPTIONS)"
expect_eq "git's system config names the proxy" "http://127.0.0.1:3128" "$(dev git config --system http.proxy)"
expect_contains "npm's global config names the proxy" "http://127.0.0.1:3128" "$(dev npm config get https-proxy)"
expect_contains "pip's system config names the proxy and the CA bundle" "proxy = http://127.0.0.1:3128" "$(dev cat /etc/pip.conf)"
expect_contains "Gradle's properties name the proxy" "systemProp.https.proxyHost=127.0.0.1" "$(dev cat /home/dev/.gradle/gradle.properties)"
expect_contains "Maven's settings name the proxy" "<host>127.0.0.1</host><port>3128</port>" "$(dev cat /home/dev/.m2/settings.xml)"
expect_eq "Python/pip trust the system bundle (REQUESTS_CA_BUNDLE)" /etc/ssl/certs/ca-certificates.crt "$(dev printenv REQUESTS_CA_BUNDLE)"
expect_eq "cargo's proxy variable" "http://127.0.0.1:3128" "$(dev printenv CARGO_HTTP_PROXY)"
check "the system bundle holds the extra test CA" dev grep -q "$(sed -n 2p "$TLS/ca.crt")" /etc/ssl/certs/ca-certificates.crt
echo "== tool checks: $((SECONDS - t_tools)) s"

# The user's OpenCode settings (share-opencode-settings: true): visible, read-only, without
# credentials or links; OpenCode itself lists the command and the agent.
t_settings=$SECONDS
expect_contains "the host's OpenCode command is visible inside" "Say hello." "$(dev cat /home/dev/.config/opencode/commands/e2e-hello.md)"
expect_contains "the host's OpenCode agent is visible inside" "You are a test agent." "$(dev cat /home/dev/.config/opencode/agents/e2e-agent.md)"
check_not "auth.json is not there" dev test -e /home/dev/.config/opencode/auth.json
check_not ".env is not there" dev test -e /home/dev/.config/opencode/.env
check_not "a link to a host file is not there" dev test -e /home/dev/.config/opencode/commands/linked.md
check_not "the settings are read-only for the agent" dev sh -c 'echo x >/home/dev/.config/opencode/commands/e2e-hello.md'
check_not "... no new file in them either" dev touch /home/dev/.config/opencode/commands/new.md
check_not "... nor a changed top-level file" dev sh -c 'echo x >>/home/dev/.config/opencode/opencode.json'
# The folder around them is a tmpfs (OpenCode writes .gitignore and package.json there when it
# loads its config): what the agent writes there reaches neither the copy nor the host.
dev sh -c 'echo agent >/home/dev/.config/opencode/agent-note.md' >/dev/null 2>&1
check_not "... what the agent writes next to them reaches no host folder" \
    test -e "$STATE_ROOT/$ID_A/opencode-settings/agent-note.md" -o -e "$XDG_FAKE/opencode/agent-note.md"
expect_not_contains "no host credential anywhere in them" "sk-e2e-host-credential" "$(dev sh -c 'cat /home/dev/.config/opencode/*/* /home/dev/.config/opencode/* 2>/dev/null')"
check_not "... nor in the copy in the state folder" grep -rq "sk-e2e-host-credential" "$STATE_ROOT/$ID_A/opencode-settings"
expect_contains "the start named what it left out" "auth.json" "$(cat "$WORK/start-a.log")"
expect_contains "OpenCode lists the host's command" "e2e-hello" "$(curl -s -u "opencode:$PASSWORD_A" "http://127.0.0.1:$PORT_A/command")"
expect_contains "OpenCode lists the host's agent" "e2e-agent" "$(curl -s -u "opencode:$PASSWORD_A" "http://127.0.0.1:$PORT_A/agent")"
echo "== settings checks: $((SECONDS - t_settings)) s"

# Persistence of the agent's state.
dev sh -c 'echo kept > ~/.local/share/opencode/e2e-marker'
check "agent state lands in the state folder" test -f "$STATE_ROOT/$ID_A/opencode-state/e2e-marker"

# ---- the sign-in gateway ------------------------------------------------------------------
(cd "$PA" && exec_as_user "$OCS_BIN" web --print-url) >"$WORK/web.out" 2>&1 &
web_pid=$!
host_pids+=("$web_pid")
wait_until 20 grep -q '__ocs' "$WORK/web.out"
login=$(grep -m1 -o 'http://127.0.0.1:[0-9]*/[^ ]*' "$WORK/web.out")
expect_not_contains "the sign-in URL holds no password" "$PASSWORD_A" "$login"
if [[ -n "$login" ]]; then
    gw=$(printf '%s' "$login" | sed -E 's#(http://127.0.0.1:[0-9]+)/.*#\1#')
    expect_eq "gateway without cookie: 401" 401 "$(curl -s -o /dev/null -w '%{http_code}' "$gw/global/health")"
    first=$(curl -s -o /dev/null -c "$WORK/cookies" -w '%{http_code} %{redirect_url}' "$login")
    expect_eq "one-time URL signs in and redirects" "303 $gw/" "$first"
    expect_contains "gateway with the cookie reaches OpenCode" '"healthy":true' "$(curl -s -b "$WORK/cookies" "$gw/global/health")"
    expect_eq "the one-time URL works only once" 401 "$(curl -s -o /dev/null -w '%{http_code}' "$login")"
else
    fail "ocs web --print-url printed a sign-in URL" "$(cat "$WORK/web.out")"
fi
kill "$web_pid" 2>/dev/null
wait "$web_pid" 2>/dev/null
# The next gateway of this sandbox takes the same port again (the same origin, so the browser
# keeps the web UI's stored settings), remembered in the sandbox's state file.
(cd "$PA" && exec_as_user "$OCS_BIN" web --print-url) >"$WORK/web2.out" 2>&1 &
web_pid=$!
host_pids+=("$web_pid")
wait_until 20 grep -q '__ocs' "$WORK/web2.out"
login2=$(grep -m1 -o 'http://127.0.0.1:[0-9]*/[^ ]*' "$WORK/web2.out")
expect_eq "a second ocs web uses the remembered gateway port" "${gw:-none}" \
    "$(printf '%s' "$login2" | sed -E 's#(http://127.0.0.1:[0-9]+)/.*#\1#')"
expect_contains "the port is remembered in ocs-state.json" "\"gatewayPort\": ${gw##*:}" \
    "$(cat "$STATE_ROOT/$ID_A/ocs-state.json")"
kill "$web_pid" 2>/dev/null
wait "$web_pid" 2>/dev/null

# ---- stop, start again: state persists ---------------------------------------------------
check "stop succeeds" ocs_in "$PA" stop
expect_eq "stop leaves no container behind" "" "$(eng ps -a -q --filter "name=^$CA\$")"
expect_contains "status shows it stopped" "stopped" "$(ocs status)"
# A config change since the last start must be shown and accepted before it applies.
as_user sed -i 's/^  - .allowed.test$/  - .allowed.test\n  - .extra.test/' "$PA/opencode-sandbox-config.yaml"
# Published ports (issue 15), applied by this same restart: PUB_PORT is published, its host
# port taken beforehand by a listener of this test (so another free one must be chosen);
# UNPUB_PORT is not published.
t_ports=$SECONDS
PUB_PORT=$((25000 + RANDOM % 5000))
UNPUB_PORT=$((PUB_PORT + 1))
mkdir -p "$WORK/taken" && echo "the test's own listener" >"$WORK/taken/index.html"
(cd "$WORK/taken" && exec python3 -m http.server "$PUB_PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
host_pids+=($!)
wait_until 15 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PUB_PORT" || echo "warning: the test's listener on $PUB_PORT is slow to start"
out=$(ocs_in "$PA" ports publish "$PUB_PORT" 2>&1)
expect_contains "ocs ports publish edits the config" "Published port $PUB_PORT" "$out"
expect_contains "... and says a restart applies it" "next start" "$out"
expect_contains "... in published-ports, the comments kept" "published-ports:" "$(cat "$PA/opencode-sandbox-config.yaml")"
ports_secs=$((SECONDS - t_ports))
refused=$( (cd "$PA" && as_user "$OCS_BIN" start --detach </dev/null) 2>&1); rc=$?
check "a changed whitelist is not applied without consent (exit $rc)" test "$rc" -ne 0
expect_contains "... and the change is shown" "+ whitelist: .extra.test" "$refused"
expect_eq "... and nothing was started" "" "$(eng ps -a -q --filter "name=^$CA\$")"
if (cd "$PA" && as_user "$OCS_BIN" start --detach --yes) >"$WORK/start-a2.log" 2>&1; then
    pass "second start reaches healthy"
    expect_eq "state persisted across stop and start" kept "$(dev cat /home/dev/.local/share/opencode/e2e-marker)"
    PORT_A2=$(ocs status --json | python3 -c 'import json,sys; print(next(s["port"] for s in json.load(sys.stdin) if s["id"]==sys.argv[1]))' "$ID_A")
    expect_eq "the sandbox keeps its port" "$PORT_A" "$PORT_A2"
    expect_eq "and its password" 200 "$(curl -s -o /dev/null -w '%{http_code}' -u "opencode:$PASSWORD_A" "http://127.0.0.1:$PORT_A/global/health")"

    # Published ports: the agent's server on 0.0.0.0:PUB_PORT answers on the host's
    # 127.0.0.1:<shown port> only; a server on the unpublished port does not answer.
    t_ports=$SECONDS
    SHOWN=$(ocs status --json | python3 -c 'import json,sys; s=next(s for s in json.load(sys.stdin) if s["id"]==sys.argv[1]); print(next((p["hostPort"] for p in s["published"] if p["port"]==int(sys.argv[2])), ""))' "$ID_A" "$PUB_PORT")
    check "the taken host port $PUB_PORT led to another one ($SHOWN)" test -n "$SHOWN" -a "$SHOWN" != "$PUB_PORT"
    status_text=$(ocs status)
    expect_contains "ocs status shows the mapping" "$PUB_PORT → 127.0.0.1:$SHOWN" "$status_text"
    if [[ "$(eng inspect -f '{{.HostConfig.Memory}}' "$CA")" != 0 ]]; then
        expect_contains "ocs status shows memory use against the limit" "memory " "$status_text"
        expect_contains "... of 8 GiB" " of 8 GiB" "$status_text"
    else
        # Rootless Podman on cgroup v1 ignores the limits (and has no stats): said so.
        expect_contains "ocs status says that the engine applied no limits" "no resource limits" "$status_text"
    fi
    expect_contains "ocs ports lists it with its address" "$PUB_PORT → 127.0.0.1:$SHOWN" "$(ocs_in "$PA" ports)"
    expect_eq "the engine publishes it on loopback only" "127.0.0.1:$SHOWN" "$(eng port "$CA" "$PUB_PORT/tcp")"
    # shellcheck disable=SC2016 # node's code, not the shell's
    server='require("http").createServer((q, r) => r.end("sandbox-server-" + process.argv[1])).listen(+process.argv[1], "0.0.0.0")'
    for p in "$PUB_PORT" "$UNPUB_PORT"; do
        eng exec -d -u root "$CA" ocs-dev-exec node -e "$server" "$p"
    done
    wait_until 15 dev curl -s --noproxy '*' -o /dev/null -f "http://127.0.0.1:$UNPUB_PORT/" || echo "warning: the agent's servers are slow to start"
    expect_eq "the agent's server answers on the host's 127.0.0.1:$SHOWN" "sandbox-server-$PUB_PORT" "$(curl -s --max-time 10 "http://127.0.0.1:$SHOWN/")"
    OTHER_IP=$(ip -4 -o addr show scope global 2>/dev/null | awk '{split($4, a, "/"); print a[1]; exit}')
    if [[ -n "$OTHER_IP" ]]; then
        check_not "... and not on the host's other address $OTHER_IP" curl -s --max-time 5 -o /dev/null "http://$OTHER_IP:$SHOWN/"
    else
        fail "the host has a non-loopback IPv4 address to try" "$(ip -4 -o addr 2>&1)"
    fi
    expect_contains "the test's listener keeps the wanted port" "the test's own listener" "$(curl -s --max-time 5 "http://127.0.0.1:$PUB_PORT/")"
    check_not "the unpublished port does not answer on the host" curl -s --max-time 5 -o /dev/null "http://127.0.0.1:$UNPUB_PORT/"
    ports_secs=$((ports_secs + SECONDS - t_ports))
    echo "== published-ports checks took $ports_secs s"
else
    fail "second start reaches healthy" "$(cat "$WORK/start-a2.log")"
fi

# ---- project B: two sandboxes at once, in the foreground --------------------------------
PB=$WORK/proj-b
as_user mkdir -p "$PB"
ocs_in "$PB" init --yes --no-build >/dev/null 2>&1
as_user sed -i 's/^sandbox-name:.*/sandbox-name: proj-b/' "$PB/opencode-sandbox-config.yaml"
(cd "$PB" && XDG_CONFIG_HOME=$XDG_FAKE exec_as_user "$OCS_BIN" start --yes) >"$WORK/start-b.log" 2>&1 &
fg_pid=$!
ID_B=""
if wait_until 600 grep -q 'Press Ctrl+C' "$WORK/start-b.log"; then
    pass "foreground start of a second project reaches running"
    ID_B=$(cd "$STATE_ROOT" && compgen -G 'proj-b-*' | head -1)
    status_json=$(ocs status --json)
    running=$(printf '%s' "$status_json" | python3 -c 'import json,sys; print(sum(1 for s in json.load(sys.stdin) if s["state"]=="running"))')
    expect_eq "two sandboxes run at once" 2 "$running"
    PORT_B=$(printf '%s' "$status_json" | python3 -c 'import json,sys; print(next(s["port"] for s in json.load(sys.stdin) if s["id"]==sys.argv[1]))' "$ID_B")
    check "they have different ports" test "$PORT_A" != "$PORT_B"
    PASSWORD_B=$(cat "$STATE_ROOT/$ID_B/opencode-password")
    check "they have different passwords" test "$PASSWORD_A" != "$PASSWORD_B"
    expect_eq "B's password does not open A" 401 "$(curl -s -o /dev/null -w '%{http_code}' -u "opencode:$PASSWORD_B" "http://127.0.0.1:$PORT_A/global/health")"
    expect_eq "B answers with its own password" 200 "$(curl -s -o /dev/null -w '%{http_code}' -u "opencode:$PASSWORD_B" "http://127.0.0.1:$PORT_B/global/health")"
    # B's config does not share the OpenCode settings (and the Preferences do not either).
    check_not "without the opt-in nothing of the host's OpenCode settings is inside" \
        eng exec -u root "opencode-sandbox-$ID_B" ocs-dev-exec test -e /home/dev/.config/opencode/commands/e2e-hello.md
    check_not "... and no copy of them in its state folder" test -e "$STATE_ROOT/$ID_B/opencode-settings"
    kill -INT "$fg_pid"
    if wait_until 60 bash -c "! kill -0 $fg_pid"; then
        wait "$fg_pid"; rc=$?
        expect_eq "Ctrl+C ends the foreground start cleanly" 0 "$rc"
    else
        fail "Ctrl+C ends the foreground start" "still running"
    fi
    expect_eq "Ctrl+C removed B's container" "" "$(eng ps -a -q --filter "name=^opencode-sandbox-$ID_B\$")"
    expect_eq "A still runs" 200 "$(curl -s -o /dev/null -w '%{http_code}' -u "opencode:$PASSWORD_A" "http://127.0.0.1:$PORT_A/global/health")"
else
    fail "foreground start of a second project reaches running" "$(tail -30 "$WORK/start-b.log")"
    kill "$fg_pid" 2>/dev/null
fi

check "final stop of A" ocs_in "$PA" stop
# This test's sandboxes (other tests' leftovers in a shared engine are not its business); by
# name and status, so that a failure says which one.
leftover=$(for proj in "$PA" "$PB"; do eng ps -a --format '{{.Names}} {{.Status}}' --filter "label=io.opencode-sandbox.project=$proj"; done)
expect_eq "no sandbox container is left" "" "$leftover"

summary
