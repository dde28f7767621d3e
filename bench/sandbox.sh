# shellcheck shell=bash disable=SC2034 # (variables for the figure scripts)
# Shared set-up of the benchmark figures that run sandboxes on the real engine (sourced after
# lib.sh): the e2e tests' throw-away user, private state root and local base image
# (tests/e2e/lib.sh), a fake internet of our own (tests/e2e/fakenet: every fake name answers
# on :80 and :443) and projects with fake-domain whitelists only. bench/run-bench.sh runs the
# figure scripts under the engine lock (flock /tmp/ocs-e2e.lock).
#
# Needs BENCH_BUILD_DIR (ocs, opencode-sandbox). OCS_E2E_ENGINE=podman: rootless Podman.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$bench_root/tests/e2e/lib.sh"

OCS_BIN=$(readlink -f "${BENCH_BUILD_DIR:?}/src/cli/ocs")
APP_BIN=$(readlink -f "$BENCH_BUILD_DIR/src/tray/opencode-sandbox")
ENGINE=${OCS_E2E_ENGINE:-docker}
BASE_IMAGE=${OCS_E2E_BASE_IMAGE:-ocs-test-base:bookworm}
FAKENET_IMAGE=ocs-e2e-fakenet:latest
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_PROJECTS=()
BENCH_CONTAINERS=()

# bench_setup NAME: the user, WORK, the engine's environment, the base image; cleans up at exit.
bench_setup() {
    # tests/e2e/lib.sh's summary/pass/fail are not used here; its set-up is.
    setup_sandbox_test "$1"
    ensure_base_image "$BASE_IMAGE"
    trap bench_cleanup EXIT
}

# ocs_in DIR ARGS...: ocs in a project folder, as the sandboxes' owner.
ocs_in() { local dir=$1; shift; (cd "$dir" && as_user "$OCS_BIN" "$@"); }

# bench_fakenet NAME...: starts the fake internet and maps every NAME to it for the sandboxes
# (OCS_EXTRA_HOSTS). Sets FAKE_IP.
bench_fakenet() {
    docker build -q -t "$FAKENET_IMAGE" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
        "$bench_root/tests/e2e/fakenet" >/dev/null || { bench_log "cannot build $FAKENET_IMAGE"; return 1; }
    local c=ocs-bench-fakenet-$$
    docker run -d --name "$c" "$FAKENET_IMAGE" >/dev/null || { bench_log "cannot start $c"; return 1; }
    BENCH_CONTAINERS+=("$c")
    FAKE_IP=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' "$c")
    wait_until 20 bash -c "docker logs '$c' 2>&1 | grep -q 'fakenet ready'" || bench_log "fakenet is slow to start"
    local hosts="" h
    for h in "$@"; do hosts+="${hosts:+,}$h=$FAKE_IP"; done
    export OCS_EXTRA_HOSTS=$hosts
}

# bench_project NAME [WHITELISTED_NAME...]: a project folder $WORK/NAME (ocs init, a config with
# that whitelist); sets PROJECT to its path (not in a subshell: cleanup needs the list).
bench_project() {
    local name=$1 p=$WORK/$1 h
    shift
    as_user mkdir -p "$p"
    ocs_in "$p" init --yes --no-build >/dev/null 2>&1 || { bench_log "ocs init in $p failed"; return 1; }
    {
        echo "sandbox-name: $name"
        echo "http-domain-whitelist:"
        for h in "$@"; do echo "  - $h"; done
        (($#)) || echo "  []"
    } | as_user tee "$p/opencode-sandbox-config.yaml" >/dev/null
    ocs_in "$p" mise approve --yes >/dev/null 2>&1 || true
    BENCH_PROJECTS+=("$p")
    PROJECT=$p
}

# bench_container PROJECT_DIR: the sandbox's container name.
bench_container() {
    local id
    id=$(sandbox_id "$1") || return 1
    echo "opencode-sandbox-$id"
}
# sandbox_id PROJECT_DIR: the sandbox id (its state folder's name).
sandbox_id() {
    local name
    name=$(sed -n 's/^sandbox-name: *//p' "$1/opencode-sandbox-config.yaml")
    find "$OCS_STATE_ROOT" -mindepth 1 -maxdepth 1 -name "$name-*" -printf '%f\n' | head -1
}

bench_cleanup() {
    set +e
    local p
    for p in "${BENCH_PROJECTS[@]}"; do
        ocs_in "$p" stop >/dev/null 2>&1 &
    done
    wait
    for p in "${BENCH_PROJECTS[@]}"; do remove_project_sandboxes "$p"; done
    ((${#BENCH_CONTAINERS[@]})) && docker rm -f "${BENCH_CONTAINERS[@]}" >/dev/null 2>&1
    [[ "${OCS_E2E_KEEP:-}" == 1 ]] || rm -rf "$WORK"
    end_podman_helpers
}

# now_ms: wall clock in milliseconds.
now_ms() { date +%s%3N; }
