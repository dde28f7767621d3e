#!/usr/bin/env bash
# End-to-end test: the image build's `mise install` reaches nothing beyond the whitelist
# (issue 10, item 10), against a real container engine.
#
# Usage: tests/e2e/mise-e2e.sh PATH/TO/ocs
#
# mise.toml runs code at `mise install` (its [hooks], and every backend's downloads), so
# the builder installs its tools in a container of the new image behind the sandbox's own
# firewall and proxy, then commits it. Here a mise.toml's postinstall hook asks three
# things of the fake internet (a container of ours): a whitelisted name through the proxy
# (the positive control: it must arrive), a name that is not whitelisted through the
# proxy, and the fake internet's address with the proxy ignored (neither may arrive; the
# second is what an open build network allowed). Then a tool whose download is not
# whitelisted: the build fails, names the blocked host and leaves no image behind.
#
# OCS_E2E_ENGINE=podman runs it on rootless Podman as the test user.
# Exit: 0 all passed, 1 something failed, 77 skipped (no engine; never under CI=true).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

OCS_BIN=$(readlink -f "${1:?usage: mise-e2e.sh PATH/TO/ocs}")
ENGINE=${OCS_E2E_ENGINE:-docker}
BASE_IMAGE=${OCS_E2E_BASE_IMAGE:-ocs-test-base:bookworm}
FAKENET_IMAGE=ocs-e2e-fakenet:latest
RUN_ID=$$

setup_sandbox_test ocs-mise-e2e

FAKENET=ocs-mise-fakenet-$RUN_ID
ocs_in() { local dir=$1; shift; (cd "$dir" && as_user "$OCS_BIN" "$@"); }
P=$WORK/proj-mise
cleanup() {
    set +e
    [[ -d "$P" ]] && ocs_in "$P" stop >/dev/null 2>&1
    remove_project_sandboxes "$P"
    docker rm -f "$FAKENET" >/dev/null 2>&1
    [[ "${OCS_E2E_KEEP:-}" == 1 ]] || rm -rf "$WORK"
    end_podman_helpers
}
trap cleanup EXIT

ensure_base_image "$BASE_IMAGE"

# ---- the fake internet ----------------------------------------------------------------
docker build -q -t "$FAKENET_IMAGE" --build-arg "BASE_IMAGE=$BASE_IMAGE" "$here/fakenet" >/dev/null \
    || { echo "cannot build $FAKENET_IMAGE" >&2; exit 1; }
docker run -d --name "$FAKENET" "$FAKENET_IMAGE" >/dev/null || { echo "cannot start $FAKENET" >&2; exit 1; }
FAKE_IP=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' "$FAKENET")
wait_until 20 bash -c "docker logs '$FAKENET' 2>&1 | grep -q 'fakenet ready'" || echo "warning: fakenet is slow to start"
[[ -n "$FAKE_IP" ]] || { echo "the fake internet has no address" >&2; exit 1; }
echo "== fakenet $FAKE_IP"
export OCS_EXTRA_HOSTS="allowed.test=$FAKE_IP,blocked.test=$FAKE_IP"
fakenet_saw() { docker logs "$FAKENET" 2>&1 | grep -q -- "$1"; }

# ---- 1. a hook that reaches out three ways ----------------------------------------------
as_user mkdir -p "$P"
ocs_in "$P" init --yes --no-build >/dev/null 2>&1
as_user tee "$P/opencode-sandbox-config.yaml" >/dev/null <<'YAML'
sandbox-name: proj-mise
http-domain-whitelist:
  - allowed.test
YAML
as_user tee "$P/mise.toml" >/dev/null <<TOML
[hooks]
postinstall = "curl -s -o /dev/null --max-time 5 http://allowed.test/mise-via-proxy-allowed || true; curl -s -o /dev/null --max-time 5 http://blocked.test/mise-via-proxy-blocked || true; curl -s -o /dev/null --noproxy '*' --max-time 5 http://$FAKE_IP/mise-direct || true; echo mise-hook-ran"
TOML
ocs_in "$P" mise approve --yes >/dev/null 2>&1 || echo "warning: ocs mise approve failed"
if ocs_in "$P" rebuild >"$WORK/rebuild.log" 2>&1; then
    pass "the image builds with a mise.toml that declares a hook"
else
    fail "the image builds with a mise.toml that declares a hook" "$(tail -25 "$WORK/rebuild.log")"
fi
ID=""
for d in "$OCS_STATE_ROOT"/proj-mise-*; do [[ -d "$d" ]] && ID=${d##*/}; done
BUILD_LOG=$OCS_STATE_ROOT/$ID/docker-build.log
build_log=$(cat "$BUILD_LOG" 2>/dev/null)
expect_contains "mise install ran (the hook's output is in the build log)" "mise-hook-ran" "$build_log"
# Positive control: the whitelisted name arrives through the proxy.
if wait_until 10 fakenet_saw "/mise-via-proxy-allowed"; then
    pass "mise install reaches a whitelisted name through the proxy"
else
    fail "mise install reaches a whitelisted name through the proxy" "$(docker logs --tail 20 "$FAKENET" 2>&1)"
fi
check_not "mise install cannot reach a name outside the whitelist" fakenet_saw "/mise-via-proxy-blocked"
check_not "mise install cannot reach an address with the proxy ignored" fakenet_saw "/mise-direct"
expect_contains "the build log names what the whitelist blocked" "ocs-mise: blocked by the whitelist: blocked.test" "$build_log"
img_env=$(eng image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "opencode-sandbox-$ID" 2>&1)
expect_not_contains "the committed image keeps no variable of the install run" "OCS_" "$img_env"

# The committed image is a working sandbox image.
if ocs_in "$P" start --detach --yes >"$WORK/start.log" 2>&1; then
    pass "a sandbox starts from the image with mise's tools"
else
    fail "a sandbox starts from the image with mise's tools" "$(tail -20 "$WORK/start.log")"
fi
ocs_in "$P" stop >/dev/null 2>&1

# ---- 2. a tool whose download is not whitelisted ----------------------------------------
as_user tee "$P/mise.toml" >/dev/null <<'TOML'
[tools]
"http:ocs-e2e-tool" = { version = "1.0.0", url = "http://blocked.test/ocs-e2e-tool-1.0.0.tar.gz" }
TOML
ocs_in "$P" mise approve --yes >/dev/null 2>&1 || echo "warning: ocs mise approve failed"
if ocs_in "$P" rebuild >"$WORK/rebuild2.log" 2>&1; then
    fail "a tool downloaded from outside the whitelist fails the build" "$(tail -25 "$WORK/rebuild2.log")"
else
    pass "a tool downloaded from outside the whitelist fails the build"
fi
expect_contains "the error names the blocked host" "blocked.test" "$(cat "$WORK/rebuild2.log")"
check_not "the download never reached the fake internet" fakenet_saw "/ocs-e2e-tool-1.0.0.tar.gz"
check_not "no image is left without its tools" eng image inspect "opencode-sandbox-$ID"
check_not "no install container is left behind" eng container inspect "ocs-mise-$ID"

summary
