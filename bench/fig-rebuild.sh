#!/usr/bin/env bash
# Figure 3 (issue 14), rebuilds, on the real engine:
#  - rebuild_noop: `ocs rebuild` when nothing changed (target < 3 s); floor: a plain
#    `docker build` of the same build context (ocs's own, <state>/build) with the same build
#    arguments, all layers cached: what the engine needs for a no-op build at all.
#  - config_change_rebuilds: a whitelist, host-port or env change (one per run, in turn),
#    then `ocs start`: images built (target 0: the image does not depend on them). Detected by
#    the image id and <state>/docker-build.log (written by every build) staying the same.
#  - cold_build: `ocs rebuild --no-cache` against `docker build --no-cache` of the same
#    context and arguments (the floor), interleaved; reported, target <= 1.10 x floor.
#    BENCH_COLD_RUNS (default BENCH_RUNS) sets how many; each downloads the packages again.
# BENCH_REBUILD_PARTS (default "noop config cold") picks the parts, e.g. "cold" alone.
# BENCH_RUNS runs (default 5). Prints RESULT lines (bench/lib.sh).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
source "$here/sandbox.sh"
COLD_RUNS=${BENCH_COLD_RUNS:-$BENCH_RUNS}
PARTS=" ${BENCH_REBUILD_PARTS:-noop config cold} "

bench_setup ocs-bench-rebuild
# The same npm registry for ocs and the plain build (ocs would ask the user's npm).
if [[ -z "${OCS_NPM_REGISTRY:-}" ]] && command -v npm >/dev/null; then
    OCS_NPM_REGISTRY=$(npm config get registry 2>/dev/null)
    export OCS_NPM_REGISTRY
fi
bench_project bench-rebuild allowed.test || exit 1
P=$PROJECT
t0=$(now_s)
ocs_in "$P" rebuild >"$WORK/first.log" 2>&1 || { tail -30 "$WORK/first.log" >&2; exit 1; }
bench_log "first build (ocs rebuild) in $(elapsed_s "$t0") s"
ID=$(sandbox_id "$P")
STATE=$OCS_STATE_ROOT/$ID
IMAGE=$(eng inspect -f '{{.Config.Image}}' "$(bench_container "$P")" 2>/dev/null)
[[ -n "$IMAGE" ]] || IMAGE=$(eng images --filter "label=io.opencode-sandbox.project=$P" --format '{{.Repository}}:{{.Tag}}' | head -1)
CTX=$WORK/plain-context
as_user cp -a "$STATE/build" "$CTX" || { bench_log "no build context in $STATE/build"; exit 1; }
PLAIN_TAG=ocs-bench-plain-$$:latest
plain_args=(build --tag "$PLAIN_TAG" --file "$CTX/Dockerfile" --build-arg "BASE_IMAGE=$BASE_IMAGE"
    --build-arg "HOST_UID=$E2E_UID" --build-arg "HOST_GID=$(id -g "$E2E_USER")")
[[ -n "${OCS_NPM_REGISTRY:-}" ]] && plain_args+=(--build-arg "NPM_REGISTRY=$OCS_NPM_REGISTRY")
# plain_build cached|no-cache
plain_build() {
    local extra=()
    [[ "${1:-}" == no-cache ]] && extra=(--no-cache)
    eng "${plain_args[@]}" "${extra[@]}" "$CTX" >"$WORK/plain.log" 2>&1
}
# timed_s LOG CMD...: seconds CMD took (its output into LOG); fails with CMD.
timed_s() { local log=$1 t0; shift; t0=$(now_s); "$@" >"$log" 2>&1 || return 1; elapsed_s "$t0"; }
trap 'eng rmi -f "$PLAIN_TAG" >/dev/null 2>&1; bench_cleanup' EXIT
plain_build cached || { tail -20 "$WORK/plain.log" >&2; exit 1; } # its cache, once

# ---- no-op rebuild ------------------------------------------------------------------------
noop=() noop_floor=()
for ((i = 0; i < BENCH_RUNS; i++)); do
    [[ "$PARTS" == *" noop "* ]] || break
    s=$(timed_s /dev/null plain_build cached) || { tail -20 "$WORK/plain.log" >&2; exit 1; }
    noop_floor+=("$s")
    s=$(timed_s "$WORK/noop.log" ocs_in "$P" rebuild) || { tail -20 "$WORK/noop.log" >&2; exit 1; }
    noop+=("$s")
    bench_log "no-op rebuild $((i + 1)): ocs ${noop[-1]} s, plain docker build ${noop_floor[-1]} s"
done
if ((${#noop[@]})); then
    med=$(median "${noop[@]}")
    pass=false; compare "$med" '<' 3 && pass=true
    emit_result rebuild_noop s "< 3 s" "$pass" "${noop[@]}" -- "${noop_floor[@]}"
fi

# ---- configuration changes: no rebuild ------------------------------------------------------
cfg=$P/opencode-sandbox-config.yaml
builds=() kinds=()
if [[ "$PARTS" == *" config "* ]]; then
    ocs_in "$P" start --detach --yes >"$WORK/start.log" 2>&1 || { tail -30 "$WORK/start.log" >&2; exit 1; }
fi
for ((i = 0; i < BENCH_RUNS; i++)); do
    [[ "$PARTS" == *" config "* ]] || break
    ocs_in "$P" stop >/dev/null 2>&1
    case $((i % 3)) in
        0) kind=whitelist; as_user sed -i "s/^http-domain-whitelist:\$/&\n  - run$i.test/" "$cfg" ;;
        1) kind=host-port; printf 'host-ports:\n  - %d\n' $((15400 + i)) | as_user tee -a "$cfg" >/dev/null ;;
        2) kind='env'; printf 'env:\n  BENCH_RUN: "%d"\n' "$i" | as_user tee -a "$cfg" >/dev/null ;;
    esac
    # Only one host-ports/env block at a time: drop the previous run's.
    as_user python3 - "$cfg" <<'PY'
import sys
out = open(sys.argv[1]).read().split("\n")
def blocks(name):
    return [i for i, l in enumerate(out) if l == name + ":"]
for name in ("host-ports", "env"):
    starts = blocks(name)
    for s in reversed(starts[:-1]):
        e = s + 1
        while e < len(out) and out[e].startswith("  "):
            e += 1
        del out[s:e]
open(sys.argv[1], "w").write("\n".join(out))
PY
    img_before=$(eng image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null)
    log_before=$(stat -c '%Y.%s' "$STATE/docker-build.log" 2>/dev/null)
    ocs_in "$P" start --detach --yes >"$WORK/start.log" 2>&1 || { tail -30 "$WORK/start.log" >&2; cat "$cfg" >&2; exit 1; }
    img_after=$(eng image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null)
    log_after=$(stat -c '%Y.%s' "$STATE/docker-build.log" 2>/dev/null)
    n=0
    [[ "$img_before" == "$img_after" && "$log_before" == "$log_after" ]] || n=1
    builds+=("$n"); kinds+=("$kind")
    bench_log "config change $((i + 1)) ($kind), then ocs start: $n image build(s)"
done
if ((${#builds[@]})); then
    pass=false; [[ "$(max_of "${builds[@]}")" == 0 ]] && pass=true
    BENCH_NOTE="changes in turn: ${kinds[*]}" \
        emit_result config_change_rebuilds builds "0 (no rebuild)" "$pass" "${builds[@]}"
    ocs_in "$P" stop >/dev/null 2>&1
fi

# ---- cold build -----------------------------------------------------------------------------
cold=() cold_floor=()
[[ "$PARTS" == *" cold "* ]] || COLD_RUNS=0
for ((i = 0; i < COLD_RUNS; i++)); do
    s=$(timed_s "$WORK/cold.log" ocs_in "$P" rebuild --no-cache) || { tail -20 "$WORK/cold.log" >&2; exit 1; }
    cold+=("$s")
    eng rmi -f "$PLAIN_TAG" >/dev/null 2>&1
    s=$(timed_s /dev/null plain_build no-cache) || { tail -20 "$WORK/plain.log" >&2; exit 1; }
    cold_floor+=("$s")
    bench_log "cold build $((i + 1)): ocs ${cold[-1]} s, plain docker build ${cold_floor[-1]} s"
done
((${#cold[@]})) || exit 0
med=$(median "${cold[@]}")
fmed=$(median "${cold_floor[@]}")
pass=false; compare "$med" '<=' "$(awk -v f="$fmed" 'BEGIN { print 1.10 * f }')" && pass=true
emit_result cold_build s "<= 1.10 x plain docker build" "$pass" "${cold[@]}" -- "${cold_floor[@]}"
