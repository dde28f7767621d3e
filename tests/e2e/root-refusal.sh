#!/usr/bin/env bash
# Root use (README "Running as root"): `ocs start` run by root on the real Docker engine
# fails at once with the message that names the fix, and leaves nothing behind: no image
# built, no container. Needs root (CI runs as root); skips (77) otherwise or without Docker.
#
# Usage: tests/e2e/root-refusal.sh PATH/TO/ocs
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

OCS_BIN=$(readlink -f "${1:?usage: root-refusal.sh PATH/TO/ocs}")
[[ $(id -u) -eq 0 ]] || { echo "SKIPPED: this test runs ocs as root; run it as root" >&2; exit 77; }
command -v docker >/dev/null 2>&1 || skip_loudly "docker is not installed"
docker info >/dev/null 2>&1 || skip_loudly "docker is installed but its engine does not answer"

WORK=$(mktemp -d /tmp/ocs-root-refusal.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export OCS_STATE_ROOT=$WORK/state OCS_KEYCHAIN=0 OCS_ENGINE=docker OCS_LOG_DIR=$WORK/log
unset OCS_TEST_ALLOW_ROOT
mkdir -p "$WORK/proj"
cd "$WORK/proj" || exit 1

fails=0
# --no-build: init works as root (it only writes files); its image build would be refused.
"$OCS_BIN" init --yes --no-build >"$WORK/init.out" 2>&1 || { echo "FAIL: ocs init as root:"; cat "$WORK/init.out"; exit 1; }
before_images=$(docker images -q --filter "label=io.opencode-sandbox.project=$WORK/proj" | wc -l)

start=$SECONDS
"$OCS_BIN" start --yes >"$WORK/start.out" 2>&1
rc=$?
took=$((SECONDS - start))
cat "$WORK/start.out"
if [[ $rc -eq 0 ]]; then
    echo "FAIL: ocs start as root succeeded"; fails=$((fails + 1))
    (cd "$WORK/proj" && "$OCS_BIN" stop >/dev/null 2>&1)
else
    echo "ok: ocs start as root failed (exit $rc, ${took}s)"
fi
if grep -q "does not run sandboxes as root" "$WORK/start.out" && grep -q "runuser -u USER -- ocs start" "$WORK/start.out"; then
    echo "ok: the message says why and names the fix"
else
    echo "FAIL: the message does not explain the refusal"; fails=$((fails + 1))
fi
containers=$(docker ps -aq --filter "label=io.opencode-sandbox.project=$WORK/proj" | wc -l)
images=$(docker images -q --filter "label=io.opencode-sandbox.project=$WORK/proj" | wc -l)
if [[ $containers -eq 0 && $images -eq $before_images ]]; then
    echo "ok: no container was started and no image built"
else
    echo "FAIL: $containers container(s), $images image(s) for the project"; fails=$((fails + 1))
fi
# The refusal also went to the app log (0600).
if grep -q "does not run sandboxes as root" "$WORK/log/opencode-sandbox.log" 2>/dev/null &&
    [[ $(stat -c %a "$WORK/log/opencode-sandbox.log") == 600 && $(stat -c %a "$WORK/log") == 700 ]]; then
    echo "ok: the app log has it (0600 in a 0700 folder)"
else
    echo "FAIL: the app log lacks the refusal or has other modes"; fails=$((fails + 1))
fi
[[ $fails -eq 0 ]] && echo "root-refusal: all passed" || echo "root-refusal: $fails failed"
exit $((fails > 0))
