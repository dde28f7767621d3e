#!/usr/bin/env bash
# Browser end-to-end test of "Open web UI": a real sandbox, `ocs web --print-url`, and the
# one-click URL opened in Debian's headless Chromium (driven by playwright-core) exactly as a
# person's browser would; then, when the build has Qt WebEngine, the same sandbox's web UI in
# the tray's embedded view under Xvfb (tests/gui/webview_e2e.cpp: the objects the tray uses).
#
# Usage: tests/e2e/browser-e2e.sh PATH/TO/ocs OUT_DIR [PATH/TO/ocs_webview_e2e]
#   OUT_DIR  a folder of the build tree: playwright-core is installed there (npm, pinned in
#            tests/e2e/browser/package.json), and the screenshots are saved there.
#
# Network traffic goes only to loopback and to the sandbox container this script starts; the
# sandbox's whitelist holds a fake domain only, so OpenCode's start-up fetches go nowhere.
# Exit: 0 all passed, 1 something failed, 77 skipped (no engine or no Chromium; never under
# CI=true).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

OCS_BIN=$(readlink -f "${1:?usage: browser-e2e.sh PATH/TO/ocs OUT_DIR [PATH/TO/ocs_webview_e2e]}")
OUT_DIR=${2:?usage: browser-e2e.sh PATH/TO/ocs OUT_DIR [PATH/TO/ocs_webview_e2e]}
WEBVIEW_BIN=${3:-}
ENGINE=${OCS_E2E_ENGINE:-docker}
BASE_IMAGE=${OCS_E2E_BASE_IMAGE:-ocs-test-base:bookworm}
CHROMIUM=/usr/bin/chromium

# Loud skip, only when what cannot be had is missing (never under CI).
skip_browser() {
    local why=$1
    if [[ "${CI:-}" == "true" ]]; then
        echo "ERROR: $why -- and CI=true, where the browser end-to-end test must run." >&2
        exit 1
    fi
    cat >&2 <<MSG
################################################################################
##  SKIPPED: browser end-to-end test of the web UI                            ##
##  Reason: $why
##  Nothing was tested here. packaging/install-deps.sh --test installs what   ##
##  it needs (chromium, xvfb); a container engine must be running.            ##
################################################################################
MSG
    exit 77
}

command -v "$ENGINE" >/dev/null 2>&1 || skip_browser "$ENGINE is not installed"
"$ENGINE" info >/dev/null 2>&1 || skip_browser "$ENGINE is installed but its engine does not answer ('$ENGINE info' failed)"
[[ -x "$CHROMIUM" ]] || skip_browser "$CHROMIUM is not installed (Debian package chromium)"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "node and npm are needed (Debian packages nodejs, npm)" >&2; exit 1
fi
[[ -x "$OCS_BIN" ]] || { echo "not executable: $OCS_BIN" >&2; exit 1; }
mkdir -p "$OUT_DIR" && OUT_DIR=$(cd "$OUT_DIR" && pwd)

# ---- playwright-core, into the build tree (never the source tree) ----------------------
NODE_DIR=$OUT_DIR/node
mkdir -p "$NODE_DIR"
want=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dependencies"]["playwright-core"])' "$here/browser/package.json")
have=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$NODE_DIR/node_modules/playwright-core/package.json" 2>/dev/null)
if [[ "$have" != "$want" ]]; then
    cp "$here/browser/package.json" "$NODE_DIR/package.json"
    # No lock file: playwright-core has no dependencies and is pinned exactly.
    if ! (cd "$NODE_DIR" && npm install --no-audit --no-fund --no-package-lock --loglevel=error) >"$OUT_DIR/npm-install.log" 2>&1; then
        echo "cannot install playwright-core $want:" >&2; cat "$OUT_DIR/npm-install.log" >&2; exit 1
    fi
fi
echo "== playwright-core $want in $NODE_DIR; $("$CHROMIUM" --version 2>/dev/null)"

# ---- the user the sandbox belongs to (see setup_test_user in lib.sh) --------------------
setup_test_user
WORK=$(as_user mktemp -d /tmp/ocs-browser-e2e.XXXXXX)
chmod 0755 "$WORK"
export OCS_STATE_ROOT=$WORK/state
export OCS_KEYCHAIN=0
export OCS_BASE_IMAGE=$BASE_IMAGE
export OCS_ENGINE=$ENGINE
OCS_EXTRA_CA_CERTS=$(host_extra_cas)
export OCS_EXTRA_CA_CERTS
export OCS_START_TIMEOUT=240
unset DBUS_SESSION_BUS_ADDRESS

ocs_in() { local dir=$1; shift; (cd "$dir" && as_user "$OCS_BIN" "$@"); }

# import_checks PREFIX FILE: a checker's "PASS  what" / "FAIL  what" (+ indented detail
# lines) become checks of this script; other lines are shown as they are.
import_checks() {
    local prefix=$1 file=$2 line pending="" details=""
    while IFS= read -r line; do
        if [[ "$line" == "      "* && -n "$pending" ]]; then
            details+="${details:+$'\n'}${line#      }"
            continue
        fi
        [[ -n "$pending" ]] && fail "$pending" "$details"
        pending="" details=""
        case "$line" in
            "PASS  "*) pass "$prefix${line#PASS  }" ;;
            "FAIL  "*) pending="$prefix${line#FAIL  }" ;;
            *) printf '      %s\n' "$line" ;;
        esac
    done <"$file"
    [[ -n "$pending" ]] && fail "$pending" "$details"
    return 0
}

PROJ=$WORK/proj-web
web_pid=""
cleanup() {
    set +e
    [[ -n "$web_pid" ]] && kill "$web_pid" 2>/dev/null
    [[ -d "$PROJ" ]] && ocs_in "$PROJ" stop >/dev/null 2>&1
    if [[ "${OCS_E2E_KEEP:-}" != 1 ]]; then
        [[ -n "${SANDBOX_ID:-}" ]] && "$ENGINE" rmi -f --no-prune "opencode-sandbox-$SANDBOX_ID" >/dev/null 2>&1
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

if ! "$ENGINE" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    echo "== making base image $BASE_IMAGE (debootstrap)"
    "$here/make-base-image.sh" "$BASE_IMAGE" || { echo "cannot make the base image" >&2; exit 1; }
fi

# ---- a real sandbox ----------------------------------------------------------------------
as_user mkdir -p "$PROJ"
ocs_in "$PROJ" init --yes --no-build >"$WORK/init.log" 2>&1
check "ocs init --yes --no-build makes a project" test -f "$PROJ/opencode-sandbox-config.yaml"
as_user tee "$PROJ/opencode-sandbox-config.yaml" >/dev/null <<YAML
sandbox-name: browser-e2e
http-domain-whitelist:
  - .allowed.test
YAML
t0=$SECONDS
if ocs_in "$PROJ" start --detach --yes >"$WORK/start.log" 2>&1; then
    pass "the sandbox starts and is healthy ($((SECONDS - t0)) s)"
else
    fail "the sandbox starts and is healthy" "$(tail -30 "$WORK/start.log")"
    summary; exit 1
fi
SANDBOX_ID=$(cd "$OCS_STATE_ROOT" && compgen -G 'browser-e2e-*' | head -1)
PASSWORD=$(cat "$OCS_STATE_ROOT/$SANDBOX_ID/opencode-password")
expect_eq "the sandbox has a 48-character password" 48 "${#PASSWORD}"

# ---- the one-click URL in headless Chromium -----------------------------------------------
# exec: the background job is `ocs web` itself (setpriv and env exec too), so that killing
# $web_pid ends the gateway rather than a subshell waiting for it.
(cd "$PROJ" && exec_as_user "$OCS_BIN" web --print-url) >"$WORK/web.out" 2>&1 &
web_pid=$!
wait_until 30 grep -q '__ocs/login' "$WORK/web.out"
login=$(grep -m1 -o 'http://127.0.0.1:[0-9]*/__ocs/login[^ ]*' "$WORK/web.out")
if [[ -z "$login" ]]; then
    fail "ocs web --print-url prints a one-click URL" "$(cat "$WORK/web.out")"
    summary; exit 1
fi
pass "ocs web --print-url prints a one-click URL"
expect_not_contains "the one-click URL holds no password" "$PASSWORD" "$login"

SHOT=$OUT_DIR/opencode-web-ui-chromium.png
rm -f "$SHOT"
echo "== headless Chromium opens the one-click URL"
OCS_E2E_SECRET=$PASSWORD timeout 300 node "$here/browser/open-webui.mjs" \
    --url "$login" --screenshot "$SHOT" --modules "$NODE_DIR" >"$WORK/chromium.out" 2>&1
rc=$?
import_checks "chromium: " "$WORK/chromium.out"
((rc == 0 || rc == 1)) || fail "the Chromium script ran (exit $rc)" "$(tail -20 "$WORK/chromium.out")"
check "the Chromium screenshot exists" test -s "$SHOT"
kill "$web_pid" 2>/dev/null; wait "$web_pid" 2>/dev/null; web_pid=""

# ---- the embedded view (Qt WebEngine) under Xvfb ------------------------------------------
if [[ -n "$WEBVIEW_BIN" ]]; then
    command -v Xvfb >/dev/null 2>&1 || skip_browser "Xvfb is not installed (Debian package xvfb)"
    WV_SHOT=$OUT_DIR/opencode-web-ui-embedded.png
    rm -f "$WV_SHOT"
    echo "== the embedded view opens the same sandbox's web UI"
    # As the sandbox's user (its state folder and password file are owner-only). The
    # screenshot goes to the work folder first (that user may not write to the build tree).
    # Chromium's own sandbox inside WebEngine needs user namespaces, which a test machine
    # (a container) may not allow: it is off for this test only.
    OCS_E2E_SECRET=$PASSWORD \
        QTWEBENGINE_CHROMIUM_FLAGS="--disable-gpu --disable-background-networking --disable-component-update" \
        QTWEBENGINE_DISABLE_SANDBOX=1 QT_LOGGING_RULES="qt.webenginecontext.info=false" \
        as_user timeout 300 bash "$here/../gui/run-xvfb.sh" \
        "$WEBVIEW_BIN" --project "$PROJ" --screenshot "$WORK/embedded.png" >"$WORK/webview.out" 2>&1
    rc=$?
    import_checks "embedded view: " "$WORK/webview.out"
    ((rc == 0 || rc == 1)) || fail "the embedded view check ran to the end (exit $rc)" "$(tail -25 "$WORK/webview.out")"
    [[ -s "$WORK/embedded.png" ]] && cp "$WORK/embedded.png" "$WV_SHOT"
    check "the embedded view's screenshot exists" test -s "$WV_SHOT"
else
    echo "== no embedded view in this build (OCS_WITH_WEBENGINE=OFF): only the external browser was tested"
fi

check "ocs stop" ocs_in "$PROJ" stop
echo "screenshots: $OUT_DIR/opencode-web-ui-*.png"
summary
