# shellcheck shell=bash
# Shared helpers for the end-to-end test scripts (sourced, not run). The assertions (pass,
# fail, check, expect_*, summary) are in assert.sh.

source "$(dirname "${BASH_SOURCE[0]}")/assert.sh"

# Loud skip: only when no engine can be had, never under CI.
skip_loudly() {
    local why=$1
    if [[ "${CI:-}" == "true" ]]; then
        echo "ERROR: $why -- and CI=true, where the end-to-end tests must run." >&2
        exit 1
    fi
    cat >&2 <<MSG
################################################################################
##  SKIPPED: end-to-end tests against a real container engine                 ##
##  Reason: $why
##  Nothing was tested here. Start Docker or Podman and run again.
################################################################################
MSG
    exit 77
}

# wait_until SECONDS command...: retries every half second.
wait_until() {
    local limit=$1; shift
    local end=$((SECONDS + limit))
    while ((SECONDS < end)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    return 1
}

# tray_status FILE EXPR: evaluates the Python expression EXPR on the tray app's status file
# (OCS_TRAY_STATUS_FILE; `s` is its content); prints the value, fails when it is None/False
# or the file cannot be read (yet).
tray_status() {
    python3 - "$1" "$2" <<'PY' 2>/dev/null
import json, sys
try:
    s = json.load(open(sys.argv[1]))
except Exception:
    sys.exit(1)
v = eval(sys.argv[2])
if v is None or v is False:
    sys.exit(1)
print(v if v is not True else "")
PY
}

# Colon-separated list of this machine's extra CA certificates (TLS interception, corporate
# proxies), for OCS_EXTRA_CA_CERTS.
host_extra_cas() {
    local f out=""
    for f in /usr/local/share/ca-certificates/*.crt; do
        [[ -r "$f" ]] && out+="${out:+:}$f"
    done
    printf '%s' "$out"
}

# setup_test_user: the user the sandboxes belong to. Real users are not root; as root this
# makes a throw-away user (ocs-e2e, uid 4242) in the engine's group, so that "owned by the
# user" means something. Sets E2E_USER, E2E_HOME, E2E_UID and defines as_user CMD… (runs CMD
# as that user) and exec_as_user CMD… (the same, replacing the calling (sub)shell, so that $!
# is the program's own pid).
# shellcheck disable=SC2317 # as_user, exec_as_user: called by the scripts that source this
setup_test_user() {
    if [[ $(id -u) -eq 0 ]]; then
        E2E_USER=ocs-e2e
        if ! id "$E2E_USER" >/dev/null 2>&1; then
            getent group docker >/dev/null || groupadd --system docker
            useradd --create-home --uid 4242 --user-group --groups docker "$E2E_USER" \
                || { echo "cannot create $E2E_USER" >&2; exit 1; }
        fi
        E2E_HOME=$(getent passwd "$E2E_USER" | cut -d: -f6)
        as_user() { setpriv --reuid="$E2E_USER" --regid="$E2E_USER" --init-groups -- env HOME="$E2E_HOME" USER="$E2E_USER" "$@"; }
        exec_as_user() { exec setpriv --reuid="$E2E_USER" --regid="$E2E_USER" --init-groups -- env HOME="$E2E_HOME" USER="$E2E_USER" "$@"; }
    else
        E2E_USER=$(id -un)
        E2E_HOME=$HOME
        as_user() { "$@"; }
        exec_as_user() { exec "$@"; }
    fi
    # shellcheck disable=SC2034 # for the scripts that source this file
    E2E_UID=$(id -u "$E2E_USER")
}

# setup_engine_env WORK (after setup_test_user; ENGINE set): defines `eng`, the sandbox engine's
# command line as the sandboxes' owner uses it. Docker: run as root (the test user reaches the
# same daemon). Podman: rootless, as the test user without a login session would run it, with
# its runtime folder and configuration under WORK. Skips loudly when the engine cannot work.
setup_engine_env() {
    local work=$1
    if [[ "$ENGINE" != podman ]]; then
        eng() { "$ENGINE" "$@"; }
        eng info >/dev/null 2>&1 || skip_loudly "$ENGINE is installed but its engine does not answer ('$ENGINE info' failed)"
        return
    fi
    [[ -d "$work/runtime" ]] || as_user mkdir -m 0700 "$work/runtime"
    export XDG_RUNTIME_DIR=$work/runtime
    # Podman (godbus) asks the session bus for a systemd user session; with no address at all
    # it starts a D-Bus daemon of its own, which outlives the test. An address where nothing
    # listens makes it go on without one.
    export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/runtime/no-session-bus"
    as_user tee "$work/containers.conf" >/dev/null <<'CONF'
[containers]
default_ulimits = ["nofile=4096:4096"]
[engine]
runtime = "runc"
# No systemd user session here.
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
    # One image store for the user whatever XDG_DATA_HOME a test gives the app. Podman 4.3's
    # `commit` (the image build's mise step) wants runroot and graphroot spelled out.
    as_user tee "$work/storage.conf" >/dev/null <<CONF
[storage]
driver = "overlay"
runroot = "$work/runtime/containers"
graphroot = "$E2E_HOME/.local/share/containers/storage"
rootless_storage_path = "$E2E_HOME/.local/share/containers/storage"
CONF
    export CONTAINERS_CONF=$work/containers.conf CONTAINERS_STORAGE_CONF=$work/storage.conf
    eng() { as_user podman "$@"; }
    # Rootless Podman maps the user's containers onto subordinate ids (useradd gives every new
    # user a range; a user made before /etc/subuid existed may have none).
    if [[ $(id -u) -eq 0 ]] && ! grep -q "^$E2E_USER:" /etc/subuid 2>/dev/null; then
        usermod --add-subuids 300000-365535 --add-subgids 300000-365535 "$E2E_USER" \
            || skip_loudly "cannot give $E2E_USER subordinate ids for rootless podman"
    fi
    as_user test -r /dev/net/tun -a -w /dev/net/tun \
        || skip_loudly "rootless podman needs /dev/net/tun usable by $E2E_USER (mode 0666, as distributions ship it; tests/run-all.sh sets it)"
    eng info >/dev/null 2>&1 || skip_loudly "rootless podman does not work for $E2E_USER ('podman info': $(eng info 2>&1 | tail -1))"
}

# copy_base_image_to_podman IMAGE: rootless Podman has its own image store; the base image
# (made with Docker by make-base-image.sh) is copied over when it is missing there.
copy_base_image_to_podman() {
    [[ "$ENGINE" == podman ]] || return 0
    eng image inspect "$1" >/dev/null 2>&1 && return 0
    echo "== copying $1 from docker to the user's podman"
    docker save "$1" | eng load >/dev/null || { echo "cannot copy the base image $1 to podman" >&2; exit 1; }
}

# end_podman_helpers: rootless Podman leaves a pause process (catatonit) holding the throw-away
# user's namespace, and may have started a D-Bus daemon: end them. Not when the test runs as a
# real user: they are theirs.
end_podman_helpers() {
    [[ "$ENGINE" == podman && $(id -u) -eq 0 && "$E2E_USER" == ocs-e2e ]] || return 0
    pkill -u "$E2E_USER" -x catatonit 2>/dev/null
    pkill -u "$E2E_USER" -x dbus-daemon 2>/dev/null
    return 0
}

# setup_sandbox_test NAME (OCS_BIN, ENGINE and BASE_IMAGE set): what a script that runs `ocs`
# sandboxes needs first. Skips loudly without an engine; makes the test user (setup_test_user),
# a work folder WORK=/tmp/NAME.XXXXXX, the engine's environment (setup_engine_env), and
# exports ocs's variables: a private state root, no keychain, the local base image, the
# host's extra CAs, a start timeout for slow machines.
setup_sandbox_test() {
    command -v "$ENGINE" >/dev/null 2>&1 || skip_loudly "$ENGINE is not installed"
    command -v docker >/dev/null 2>&1 || skip_loudly "docker is not installed (it makes the base image)"
    docker info >/dev/null 2>&1 || skip_loudly "docker is installed but its engine does not answer ('docker info' failed)"
    [[ -x "$OCS_BIN" ]] || { echo "not executable: $OCS_BIN" >&2; exit 1; }
    setup_test_user
    WORK=$(as_user mktemp -d "/tmp/$1.XXXXXX")
    chmod 0755 "$WORK"
    setup_engine_env "$WORK"
    export OCS_STATE_ROOT=$WORK/state
    export OCS_KEYCHAIN=0
    export OCS_BASE_IMAGE=$BASE_IMAGE
    export OCS_ENGINE=$ENGINE
    OCS_EXTRA_CA_CERTS=$(host_extra_cas)
    export OCS_EXTRA_CA_CERTS
    export OCS_START_TIMEOUT=240
    [[ "$ENGINE" == podman ]] || unset DBUS_SESSION_BUS_ADDRESS
}

# ensure_base_image IMAGE: makes the local Debian base image with debootstrap when Docker
# lacks it, and copies it to the user's rootless Podman when the test runs there.
ensure_base_image() {
    if ! docker image inspect "$1" >/dev/null 2>&1; then
        echo "== making base image $1 (debootstrap)"
        "$(dirname "${BASH_SOURCE[0]}")/make-base-image.sh" "$1" || { echo "cannot make the base image" >&2; exit 1; }
    fi
    copy_base_image_to_podman "$1"
}

# remove_project_sandboxes PROJECT_DIR: removes the containers of that project (also when its
# config no longer loads, so `ocs stop` cannot), and its images unless OCS_E2E_KEEP=1.
remove_project_sandboxes() {
    local -a _left _imgs
    mapfile -t _left < <(eng ps -aq --filter "label=io.opencode-sandbox.project=$1" 2>/dev/null)
    ((${#_left[@]} == 0)) || eng rm -f "${_left[@]}" >/dev/null 2>&1
    [[ "${OCS_E2E_KEEP:-}" == 1 ]] && return 0
    mapfile -t _imgs < <(eng images -q --filter "label=io.opencode-sandbox.project=$1" 2>/dev/null | sort -u)
    # --no-prune keeps the untagged build layers (base packages, OpenCode, mise): the next
    # test's image build reuses them instead of downloading and installing them again.
    ((${#_imgs[@]} == 0)) || eng rmi -f --no-prune "${_imgs[@]}" >/dev/null 2>&1
    return 0
}
