#!/usr/bin/env bash
# SC2015: pass always returns 0, so `condition && pass ... || fail ...` is an if-then-else.
# shellcheck disable=SC2015
# End-to-end test of the tray app against the real container engine, on a virtual X display
# with a real tray host (trayer), a private D-Bus session and an unlocked gnome-keyring (the
# real Secret Service for the sandbox password).
#
# Usage: tests/gui/tray-e2e.sh PATH/TO/opencode-sandbox PATH/TO/ocs SCREENSHOT_DIR
#
# Flow, all through the real tray menu (mouse clicks at the items' places, which the app
# reports in OCS_TRAY_STATUS_FILE, a read-only test hook) and the keyboard: a temporary
# project (ocs init --yes --no-build, fake domains only) is registered by a second launch
# (`opencode-sandbox --add`), started from the menu (the first start builds the image),
# checked healthy, opened with `ocs web` (which must use the app's gateway), its whitelist
# edited in the Settings dialog and saved (applied live), a host the agent was denied allowed
# from the tray's notification (click, then Enter in the Network activity window; applied live),
# stopped from the menu, verified from the menu, and
# the app quit from the menu. Screenshots of the menu, the settings dialog, the running state
# and the verification report are saved in SCREENSHOT_DIR. OCS_E2E_ENGINE=podman runs it on
# rootless Podman.
#
# Exit: 0 all passed, 1 something failed, 77 skipped (no engine or no Xvfb; never under
# CI=true).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../e2e/lib.sh"

ENGINE=${OCS_E2E_ENGINE:-docker}
BASE_IMAGE=${OCS_E2E_BASE_IMAGE:-ocs-test-base:bookworm}

# ================================================================================================
# Inner part: runs as the test user inside `dbus-run-session`.
# ================================================================================================
if [[ "${1:-}" == "--inner" ]]; then
    APP=$2 OCS_BIN=$3 SHOTS=$4 WORK=$5
    STATUS=$OCS_TRAY_STATUS_FILE
    # The engine as this user (the app's user) runs it.
    eng() { "$ENGINE" "$@"; }
    pids=()
    # shellcheck disable=SC2317 # called through the EXIT trap
    cleanup_inner() {
        set +e
        for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
        wait 2>/dev/null
    }
    trap cleanup_inner EXIT

    json() { tray_status "$STATUS" "$1"; } # EXPR on the status file (tests/e2e/lib.sh)
    # The test's project in the status (this user may have others listed).
    P="next((p for p in s['projects'] if p['root'] == '''$PROJECT'''), None)"
    state() { json "($P or {}).get('state')"; }
    state_is() { local now; now=$(state) && [[ " $* " == *" $now "* ]]; }
    shot() { if import -window root "$SHOTS/$1" 2>/dev/null; then pass "screenshot $1"; else fail "screenshot $1"; fi; }
    # item_center PATTERN [MENU_PATTERN]: the middle of the first visible menu item whose text
    # (mnemonic '&' removed) starts with PATTERN, in a menu whose title starts with MENU_PATTERN.
    item_center() {
        json "next(('%d %d' % (i['x'] + i['w'] // 2, i['y'] + i['h'] // 2) for m in s['menus'] if m['title'].replace('&','').startswith('''${2:-}''') for i in m['items'] if i['enabled'] and i['text'].replace('&','').startswith('''$1''')), None)"
    }
    click_at() { local x y; read -r x y <<<"$1"; xdotool mousemove --sync "$x" "$y" && sleep 0.3 && xdotool click 1; }
    open_tray_menu() {
        local c
        for _ in 1 2 3; do
            c=$(json "'%d %d' % (s['trayIcon']['x'] + s['trayIcon']['w'] // 2, s['trayIcon']['y'] + s['trayIcon']['h'] // 2)") || return 1
            click_at "$c"
            wait_until 5 item_center "Add project" && return 0
            xdotool key Escape
        done
        return 1
    }
    # choose PROJECT_ITEM: opens the project's submenu from the open tray menu and clicks ITEM.
    choose() {
        local c
        c=$(item_center "$PROJECT_NAME") || { fail "the project is in the tray menu"; return 1; }
        click_at "$c"
        wait_until 5 item_center "$1" "$PROJECT_NAME" || { fail "the submenu offers '$1'" "$(cat "$STATUS")"; return 1; }
        c=$(item_center "$1" "$PROJECT_NAME")
        click_at "$c"
    }
    close_menus() { for _ in 1 2 3; do xdotool key Escape; sleep 0.2; done; }
    # find_window TITLE_REGEX: the first window so named, waiting up to 10 s. `xdotool search`
    # walks every window and dies with BadWindow when one vanishes meanwhile (a balloon or a
    # menu closing), so a failed walk is tried again instead of being taken as "no window".
    find_window() {
        local w
        for _ in $(seq 1 40); do
            w=$(xdotool search --name "$1" 2>/dev/null | head -1)
            [[ -n "$w" ]] && { echo "$w"; return 0; }
            sleep 0.25
        done
        return 1
    }
    # key_in_window TITLE_REGEX KEY: focuses the window and presses KEY in it.
    key_in_window() {
        local w
        w=$(find_window "$1") || return 1
        xdotool windowfocus --sync "$w" 2>/dev/null; sleep 0.3
        xdotool key --clearmodifiers "$2"
    }
    # close_window TITLE_REGEX KEY TITLE_PREFIX: presses KEY in the window until the app no
    # longer lists a window whose title starts with TITLE_PREFIX (a key sent while the focus
    # moved elsewhere is tried again).
    close_window() {
        for _ in 1 2 3; do
            key_in_window "$1" "$2"
            wait_until 3 json "not any(w['title'].startswith('$3') for w in s['windows'])" && return 0
        done
        return 1
    }

    # --- the desktop: keyring, X, tray host ---------------------------------------------------
    if echo -n e2e-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
        pass "gnome-keyring unlocked (a real Secret Service)"
    else
        fail "gnome-keyring-daemon --unlock"
    fi
    # Xvfb picks a free display itself and writes its number (-displayfd): choosing one by
    # its lock file raced with the previous test's Xvfb still shutting down on it.
    # -noreset: by default the server resets whenever its last client leaves (here after each
    # xdpyinfo below), and a client connecting during that reset is turned away -- CI lost
    # trayer that way ("cannot open display") while every core was busy.
    Xvfb -displayfd 5 -noreset -screen 0 1280x800x24 -nolisten tcp 5>"$WORK/xvfb.display" >"$WORK/xvfb.log" 2>&1 &
    xvfb_pid=$!
    pids+=("$xvfb_pid")
    wait_until 20 test -s "$WORK/xvfb.display" || { fail "Xvfb starts" "$(cat "$WORK/xvfb.log")"; summary; exit 1; }
    DISPLAY=":$(tr -dc 0-9 <"$WORK/xvfb.display")"
    export DISPLAY
    wait_until 20 xdpyinfo && kill -0 "$xvfb_pid" 2>/dev/null \
        || { fail "Xvfb starts on $DISPLAY" "$(cat "$WORK/xvfb.log")"; summary; exit 1; }
    # trayer gets three tries: one that cannot open the display exits at once.
    for _ in 1 2 3; do
        trayer --edge top --align right --widthtype request --height 32 --SetDockType true \
            --transparent false --tint 0x303030 >>"$WORK/trayer.log" 2>&1 &
        trayer_pid=$!
        pids+=("$trayer_pid")
        wait_until 10 bash -c "xdotool search --class trayer || ! kill -0 $trayer_pid" || break
        kill -0 "$trayer_pid" 2>/dev/null && break
    done
    xdotool search --class trayer >/dev/null 2>&1 || fail "trayer runs" "$(cat "$WORK/trayer.log")"

    # --- the app ------------------------------------------------------------------------------
    "$APP" >"$WORK/app.log" 2>&1 &
    app_pid=$!
    pids+=("$app_pid")
    if wait_until 30 json "s['inTray'] and s['trayVisible'] and s['trayIcon']['w'] > 0"; then
        pass "the app shows its icon in the tray (trayer)"
    else
        fail "the app shows its icon in the tray" "$(cat "$STATUS" "$WORK/app.log" 2>&1 | tail -30)"
        summary; exit 1
    fi
    expect_contains "no project yet" "No projects yet" "$(json "s['headline']")"

    # A second launch registers the project in the running instance and ends.
    if timeout 30 "$APP" --add "$PROJECT" >"$WORK/second.log" 2>&1; then
        pass "a second launch (--add PATH) hands over and ends"
    else
        fail "a second launch (--add PATH) hands over and ends" "$(cat "$WORK/second.log")"
    fi
    wait_until 15 json "$P" \
        && pass "the project is registered in the running app" \
        || fail "the project is registered in the running app" "$(cat "$STATUS")"
    if kill -0 "$app_pid" 2>/dev/null; then pass "still one app"; else fail "the first app still runs"; fi
    wait_until 15 json "($P or {}).get('state') == 'Stopped'" \
        || fail "the project is stopped at first" "$(cat "$STATUS")"
    SANDBOX_ID=$(json "${P}['id']")

    # --- start from the menu ------------------------------------------------------------------
    open_tray_menu || fail "clicking the tray icon opens the menu" "$(cat "$STATUS")"
    c=$(item_center "$PROJECT_NAME") && click_at "$c"
    wait_until 5 item_center "Start" "$PROJECT_NAME"
    shot tray-menu.png
    if c=$(item_center "Start" "$PROJECT_NAME"); then
        click_at "$c"
        pass "Start clicked in the project's submenu"
    else
        fail "the submenu offers Start" "$(cat "$STATUS")"
        summary; exit 1
    fi
    # A first start shows what the sandbox may reach and asks (issue 10, item 7).
    if wait_until 15 json "any(w['title'].endswith('for the first time?') for w in s['windows'])"; then
        pass "the first start asks, showing what the sandbox may reach"
        key_in_window "for the first time\?$" Return     # "Start" (the default button)
    else
        fail "the first start asks" "$(cat "$STATUS")"
    fi
    wait_until 30 state_is Building Starting Running \
        && pass "the start begins (building or starting)" \
        || fail "the start begins" "$(cat "$STATUS" "$WORK/app.log" | tail -40)"
    if wait_until 60 json "($P or {}).get('state') == 'Building' and ' of ' in ${P}['stateLine']"; then
        pass "the first start builds the image, with progress (step x of y)"
        open_tray_menu && c=$(item_center "$PROJECT_NAME") && click_at "$c" && sleep 1
        shot tray-building.png
        close_menus
    fi
    t0=$SECONDS
    if wait_until 1800 state_is Running Error && state_is Running; then
        pass "the sandbox runs ($((SECONDS - t0)) s after the build began)"
    else
        fail "the sandbox runs" "$(cat "$STATUS"; tail -40 "$WORK/app.log")"
        summary; exit 1
    fi
    wait_until 10 bash -c "grep -q 'is running' '$STATUS'" && pass "a notification says it runs" \
        || fail "a notification says it runs" "$(cat "$STATUS")"
    PORT=$(json "${P}['port']")
    PASSWORD=$(secret-tool lookup user "server-password/$SANDBOX_ID" server opencode-sandbox 2>/dev/null)
    if [[ -n "$PASSWORD" ]]; then
        pass "the password is in the Secret Service (not in a file)"
        check "no password file next to it" test ! -e "$OCS_STATE_ROOT/$SANDBOX_ID/opencode-password"
    else
        fail "the password is in the Secret Service" "$(ls -la "$OCS_STATE_ROOT/$SANDBOX_ID")"
        PASSWORD=$(cat "$OCS_STATE_ROOT/$SANDBOX_ID/opencode-password" 2>/dev/null)
    fi
    expect_eq "health check of the web UI: 200" 200 \
        "$(curl -s -o /dev/null -w '%{http_code}' -u "opencode:$PASSWORD" "http://127.0.0.1:$PORT/global/health")"
    expect_contains "the tooltip says it runs" "Running on port $PORT" "$(json "s['toolTip']")"
    open_tray_menu && c=$(item_center "$PROJECT_NAME") && click_at "$c"
    wait_until 5 item_center "Open web UI" "$PROJECT_NAME" \
        && pass "the running project's submenu offers Open web UI" \
        || fail "Open web UI is enabled when running" "$(cat "$STATUS")"
    shot tray-running.png
    close_menus

    # --- `ocs web` goes through the app's gateway -------------------------------------------------
    web_out=$(cd "$PROJECT" && timeout 30 "$OCS_BIN" web --print-url 2>&1)
    expect_eq "ocs web ends at once when the app runs the sandbox" 0 "$?"
    expect_contains "ocs web says it used the app's gateway" "OpenCode Sandbox app's gateway" "$web_out"
    login=$(grep -m1 -o 'http://127.0.0.1:[0-9]*/__ocs/login[^ ]*' <<<"$web_out")
    gw=${login%%/__ocs*}
    if [[ -n "$login" ]]; then
        expect_eq "the app's one-time URL signs in" "303 $gw/" \
            "$(curl -s -o /dev/null -c "$WORK/cookies" -w '%{http_code} %{redirect_url}' "$login")"
        expect_contains "the app's gateway reaches OpenCode" '"healthy":true' \
            "$(curl -s -b "$WORK/cookies" "$gw/global/health")"
        again=$(cd "$PROJECT" && timeout 30 "$OCS_BIN" web --print-url 2>/dev/null)
        again=$(grep -m1 -o 'http://127.0.0.1:[0-9]*/__ocs/login[^ ]*' <<<"$again")
        expect_eq "a second ocs web gets the same gateway" "$gw" "${again%%/__ocs*}"
        # Only the same gateway knows the session: a new one would answer 401.
        expect_contains "the browser session carries over to it" '"healthy":true' \
            "$(curl -s -b "$WORK/cookies" "$gw/global/health")"
    else
        fail "ocs web printed the app's sign-in URL" "$web_out"
    fi

    # --- verify from the menu (the probes of `ocs verify`, run inside as the agent) -------------
    open_tray_menu && choose "Verify sandbox"
    if wait_until 180 json "any(n.startswith('tray-e2e verified') or n.startswith('Verifying tray-e2e') for n in s['notifications'])"; then
        pass "Verify sandbox runs the probes and reports"
        wait_until 10 json "any(w['title'] == 'Verification — tray-e2e' for w in s['windows'])" \
            && pass "the verification report opens" || fail "the verification report opens" "$(cat "$STATUS")"
        sleep 0.5
        shot verify-report.png
        json "[n for n in s['notifications'] if 'tray-e2e' in n and 'erif' in n][-1]" | sed 's/^/      note: /'
        if close_window "^Verification" alt+o 'Verification'; then
            pass "the report window closes (Alt+O)"
        else
            fail "the report window closes (Alt+O)" "$(cat "$STATUS")"
        fi
    else
        fail "Verify sandbox runs the probes and reports" "$(cat "$STATUS")"
    fi

    # --- settings: add a domain -----------------------------------------------------------------
    CONFIG=$PROJECT/opencode-sandbox-config.yaml
    open_tray_menu && choose "Settings"
    if wait_until 15 json "any(w['class'] == 'ocs::tray::SettingsDialog' for w in s['windows'])"; then
        pass "Settings… opens the settings dialog"
    else
        fail "Settings… opens the settings dialog" "$(cat "$STATUS")"
    fi
    win=$(find_window "^Settings")
    xdotool windowfocus --sync "$win" 2>/dev/null
    sleep 0.5
    xdotool key --clearmodifiers alt+w; sleep 0.4        # the Network tab
    xdotool key --clearmodifiers alt+a; sleep 0.4        # its "Allowed domains" editor
    xdotool key --clearmodifiers ctrl+End Return
    xdotool type --delay 40 "bad domain"
    sleep 0.6
    shot settings-invalid.png
    for _ in $(seq 10); do xdotool key BackSpace; done
    xdotool type --delay 40 "added.allowed.test"
    sleep 0.6
    shot settings-dialog.png
    xdotool key --clearmodifiers alt+s                   # Save
    if wait_until 10 grep -q "added.allowed.test" "$CONFIG"; then
        pass "saving from the dialog writes the new domain into the YAML"
    else
        fail "saving writes the new domain" "$(cat "$CONFIG"; cat "$STATUS")"
    fi
    check "the YAML keeps its comments" grep -q "^#" "$CONFIG"
    check_not "the invalid entry was never saved" grep -q "bad domain" "$CONFIG"
    check "ocs validate accepts the saved file" bash -c "cd '$PROJECT' && '$OCS_BIN' validate"
    # The whitelist is applied live (issue 11): written to the running sandbox's policy
    # files, no restart offered.
    if wait_until 5 grep -qx "added.allowed.test" "$OCS_STATE_ROOT/$SANDBOX_ID/network/policy/whitelist"; then
        pass "the new domain is applied to the running sandbox's policy"
    else
        fail "the new domain is applied live" "$(ls -la "$OCS_STATE_ROOT/$SANDBOX_ID/network/policy" 2>&1; cat "$STATUS")"
    fi
    if wait_until 3 json "any(w['title'] == 'Apply the new settings' for w in s['windows'])"; then
        fail "a whitelist change needs no restart" "$(cat "$STATUS")"
        key_in_window "^Apply the new settings" Escape    # "Later"
    else
        pass "a whitelist change offers no restart (applied live)"
    fi

    # The Settings save wrote the file in place: its read-only mount in the running sandbox
    # stays, so the guard did not stop it and the agent still cannot write it (issue 10, item 1).
    sleep 1
    state_is Running && pass "the sandbox still runs after the Settings save" \
        || fail "the sandbox still runs after the Settings save" "$(cat "$STATUS"; eng logs --tail 20 "opencode-sandbox-$SANDBOX_ID" 2>&1)"
    check "control: the agent writes a new file in the workspace" \
        eng exec -u root "opencode-sandbox-$SANDBOX_ID" ocs-dev-exec sh -c 'echo x > agent-wrote.txt'
    check_not "after the Settings save the config is still read-only for the agent" \
        eng exec -u root "opencode-sandbox-$SANDBOX_ID" ocs-dev-exec sh -c 'echo "env: {BASH_ENV: /tmp/x}" >> opencode-sandbox-config.yaml'

    # --- a blocked host: the notification, a click on it, Allow (issue 11) -----------------------
    # The agent asks for a host outside the whitelist; the tray says so; clicking the message
    # opens the project's Network activity window with the host selected; Enter allows it,
    # live: the agent's next request is allowed by the new entry, with no restart.
    NETLOG="$OCS_STATE_ROOT/$SANDBOX_ID/network/log/decisions.jsonl"
    agent_get() { eng exec -u root "opencode-sandbox-$SANDBOX_ID" ocs-dev-exec curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$1/"; }
    started_at=$(eng inspect -f '{{.Id}} {{.State.StartedAt}}' "opencode-sandbox-$SANDBOX_ID")
    expect_eq "the agent's request to tray-blocked.test (not whitelisted) is denied" 403 "$(agent_get tray-blocked.test)"
    if wait_until 10 json "any('tray-blocked.test' in n for n in s['notifications'])"; then
        pass "the tray notifies that tray-blocked.test was blocked"
    else
        fail "the tray notifies that tray-blocked.test was blocked" "$(cat "$STATUS"; tail -3 "$NETLOG" 2>&1)"
    fi
    balloon="next(('%d %d' % (w['x'] + w['w'] // 2, w['y'] + w['h'] // 2) for w in s['windows'] if w['class'] == 'QBalloonTip'), None)"
    if wait_until 5 json "$balloon"; then
        shot tray-blocked-notification.png
        click_at "$(json "$balloon")"
        if wait_until 10 json "any(w['title'].startswith('Network activity') for w in s['windows'])"; then
            pass "clicking the notification opens the Network activity window"
            shot tray-network-activity.png
            key_in_window "^Network activity" Return      # Allow the selected host
        else
            fail "clicking the notification opens the Network activity window" "$(cat "$STATUS")"
        fi
    else
        fail "the notification is shown on the desktop (a balloon by the tray icon)" "$(cat "$STATUS")"
    fi
    if wait_until 5 grep -qx "tray-blocked.test" "$OCS_STATE_ROOT/$SANDBOX_ID/network/policy/whitelist"; then
        pass "Enter in the window allows the host in the live policy"
    else
        fail "Enter in the window allows the host in the live policy" "$(cat "$OCS_STATE_ROOT/$SANDBOX_ID/network/policy/whitelist" 2>&1)"
    fi
    check "  ... and in the project's config" grep -q -- "- tray-blocked.test" "$CONFIG"
    agent_get tray-blocked.test >/dev/null
    if wait_until 5 grep -q '"host":"tray-blocked.test","port":80,"method":"GET","rule":"whitelist tray-blocked.test"' "$NETLOG"; then
        pass "the agent's next request to tray-blocked.test is allowed by the new entry (live)"
    else
        fail "the agent's next request is allowed live" "$(tail -3 "$NETLOG" 2>&1)"
    fi
    expect_eq "  ... with no restart (same container, same start time)" "$started_at" \
        "$(eng inspect -f '{{.Id}} {{.State.StartedAt}}' "opencode-sandbox-$SANDBOX_ID")"
    close_window "^Network activity" alt+o 'Network activity' || true

    # --- stop from the menu ---------------------------------------------------------------------
    open_tray_menu && choose "Stop"
    if wait_until 60 state_is Stopped; then
        pass "Stop in the menu stops the sandbox"
    else
        fail "Stop in the menu stops the sandbox" "$(cat "$STATUS")"
    fi
    expect_eq "no container remains" "" "$("$ENGINE" ps -aq --filter "label=io.opencode-sandbox.id=$SANDBOX_ID")"

    # --- quit from the menu -----------------------------------------------------------------------
    open_tray_menu && c=$(item_center "Quit") && click_at "$c"
    if wait_until 15 bash -c "! kill -0 $app_pid 2>/dev/null"; then
        pass "Quit ends the app (nothing ran, so no question)"
    else
        fail "Quit ends the app" "$(cat "$STATUS")"
    fi
    grep -iE "warning|critical" "$WORK/app.log" | grep -v "propagateSizeHints\|XDG_RUNTIME_DIR" >"$WORK/warnings.txt"
    check "no warnings in the app's output" test ! -s "$WORK/warnings.txt"
    summary
    exit $?
fi

# ================================================================================================
# Outer part: prerequisites, the test user, then the inner part in a private D-Bus session.
# ================================================================================================
APP=$(readlink -f "${1:?usage: tray-e2e.sh PATH/TO/opencode-sandbox PATH/TO/ocs SCREENSHOT_DIR}")
OCS_BIN=$(readlink -f "${2:?}")
SHOTS=${3:?}

command -v "$ENGINE" >/dev/null 2>&1 || skip_loudly "$ENGINE is not installed"
# The base image is made with Docker (and copied to Podman's own store in Podman mode).
docker info >/dev/null 2>&1 || skip_loudly "docker is not installed or its engine does not answer ('docker info' failed)"
command -v Xvfb >/dev/null 2>&1 || skip_loudly "Xvfb is not installed (apt install xvfb)"
missing=()
for tool in trayer xdotool import xdpyinfo dbus-run-session gnome-keyring-daemon secret-tool curl python3 setpriv; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "tray-e2e: missing tools: ${missing[*]} (packaging/install-deps.sh --test installs them)" >&2
    exit 1
fi
[[ -x "$APP" && -x "$OCS_BIN" ]] || { echo "not executable: $APP or $OCS_BIN" >&2; exit 1; }

# The user the app runs as: not root (see setup_test_user in tests/e2e/lib.sh).
setup_test_user

if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    echo "== making base image $BASE_IMAGE (debootstrap)"
    "$here/../e2e/make-base-image.sh" "$BASE_IMAGE" || { echo "cannot make the base image" >&2; exit 1; }
fi

WORK=$(as_user mktemp -d /tmp/ocs-tray-e2e.XXXXXX)
chmod 0755 "$WORK"
setup_engine_env "$WORK"
copy_base_image_to_podman "$BASE_IMAGE"
export OCS_ENGINE=$ENGINE
mkdir -p "$SHOTS" && chmod 0777 "$SHOTS"
PROJECT_NAME=tray-e2e
PROJECT=$WORK/$PROJECT_NAME
SANDBOX_ID=
# shellcheck disable=SC2317 # called through the EXIT trap
cleanup() {
    set +e
    [[ -d "$PROJECT" ]] && (cd "$PROJECT" && as_user env OCS_STATE_ROOT="$WORK/state" OCS_KEYCHAIN=0 "$OCS_BIN" stop >/dev/null 2>&1)
    for c in $(eng ps -aq --filter "label=io.opencode-sandbox.project=$PROJECT"); do eng rm -f "$c" >/dev/null 2>&1; done
    if [[ "${OCS_E2E_KEEP:-}" != 1 ]]; then
        # shellcheck disable=SC2046 # image ids, one word each
        eng rmi -f --no-prune $(eng images -q --filter "label=io.opencode-sandbox.project=$PROJECT" | sort -u) >/dev/null 2>&1
    fi
    end_podman_helpers
    [[ "${OCS_E2E_KEEP:-}" == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

as_user mkdir -p "$PROJECT" "$WORK/state" "$WORK/config" "$WORK/data" "$WORK/cache"
[[ -d "$WORK/runtime" ]] || as_user mkdir -m 0700 "$WORK/runtime"
(cd "$PROJECT" && as_user env OCS_STATE_ROOT="$WORK/state" OCS_KEYCHAIN=0 "$OCS_BIN" init --yes --no-build >"$WORK/init.log" 2>&1) \
    || { cat "$WORK/init.log"; echo "ocs init failed" >&2; exit 1; }
# Fake domains only: nothing leaves the machine.
as_user tee "$PROJECT/opencode-sandbox-config.yaml" >/dev/null <<'YAML'
# The tray end-to-end test's project (comments must survive saving from the dialog)
sandbox-name: tray-e2e

# Only fake domains
http-domain-whitelist:
  - .allowed.test

host-ports:
env-passthrough:
env:
YAML

echo "== engine: $(eng version --format '{{.Server.Version}}' 2>/dev/null || eng version --format '{{.Version}}') ($ENGINE), user $E2E_USER, work $WORK"
as_user env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY \
    XDG_RUNTIME_DIR="$WORK/runtime" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" \
    XDG_CACHE_HOME="$WORK/cache" OCS_STATE_ROOT="$WORK/state" OCS_ENGINE="$ENGINE" \
    OCS_BASE_IMAGE="$BASE_IMAGE" OCS_EXTRA_CA_CERTS="$(host_extra_cas)" OCS_START_TIMEOUT=240 \
    OCS_TRAY_STATUS_FILE="$WORK/status.json" QT_QPA_PLATFORM=xcb QT_LOGGING_RULES="ocs.*.info=true" \
    PROJECT="$PROJECT" PROJECT_NAME="$PROJECT_NAME" OCS_STATE_ROOT="$WORK/state" \
    dbus-run-session -- bash "$here/tray-e2e.sh" --inner "$APP" "$OCS_BIN" "$SHOTS" "$WORK"
rc=$?
if ((rc != 0)); then
    echo "---- app log ----"; tail -60 "$WORK/app.log" 2>/dev/null
fi
echo "screenshots: $SHOTS"
exit $rc
