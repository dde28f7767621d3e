# shellcheck shell=bash
# Shared helpers of the benchmark figures that drive the tray app (sourced after lib.sh and
# tests/e2e/lib.sh): a display of its own with a tray host, the app started on it as the e2e
# tests' user, and what the app says it shows (OCS_TRAY_STATUS_FILE, written by the app's
# StatusFileWriter at most 150 ms after a change), read to find menu items and click them.
# Needs Xvfb, trayer, xdotool, xdpyinfo, dbus-run-session and python3.
#
# Every background process started here is appended to BG (the caller kills them at exit).

[[ -v BG ]] || BG=()

# bench_display_tools: fails (and says which) when a tool is missing.
bench_display_tools() {
    local tool
    for tool in Xvfb trayer xdotool xdpyinfo dbus-run-session python3; do
        command -v "$tool" >/dev/null || { bench_log "$tool is not installed"; return 1; }
    done
}

# bench_display DIR: Xvfb and trayer, logs in DIR; sets DISP.
bench_display() {
    local d=$1
    mkdir -p "$d"
    rm -f "$d/xvfb.display"
    Xvfb -displayfd 5 -noreset -screen 0 1280x800x24 -nolisten tcp 5>"$d/xvfb.display" >"$d/xvfb.log" 2>&1 &
    BG+=($!)
    wait_until 20 test -s "$d/xvfb.display" || return 1
    DISP=":$(tr -dc 0-9 <"$d/xvfb.display")"
    wait_until 20 env DISPLAY="$DISP" xdpyinfo || return 1
    DISPLAY=$DISP trayer --edge top --align right --widthtype request --height 32 --SetDockType true \
        --transparent false --tint 0x303030 >"$d/trayer.log" 2>&1 &
    BG+=($!)
    wait_until 10 env DISPLAY="$DISP" xdotool search --class trayer
}

# bench_tray_app DIR DISPLAY PROJECT_ROOT...: the app (APP_BIN) as the e2e user on DISPLAY with
# those projects registered, its own XDG folders below DIR, the sandboxes' state root and
# engine of the figure, the keychain off, its status in DIR/status.json (sets STATUS) and its
# log in DIR/app.log. Menu timing is logged (OCS_TRAY_MENU_TIMING).
bench_tray_app() {
    local d=$1 disp=$2 k=0 r
    shift 2
    chown -R "$E2E_USER" "$d" # made by bench_display as root
    as_user mkdir -p "$d/config/opencode-sandbox" "$d/data" "$d/cache"
    as_user mkdir -m 0700 -p "$d/runtime"
    {
        echo "[projects]"
        for r in "$@"; do k=$((k + 1)); printf '%d\\root=%s\n' "$k" "$r"; done
        echo "size=$k"
    } | as_user tee "$d/config/opencode-sandbox/opencode-sandbox.conf" >/dev/null
    STATUS=$d/status.json
    # OCS_BENCH_TRACE=1: every category's debug messages, with times (bench/start-trace.py).
    local trace=()
    [[ "${OCS_BENCH_TRACE:-}" == 1 ]] &&
        trace=(OCS_DEBUG=1 "QT_MESSAGE_PATTERN=%{time yyyy-MM-ddTHH:mm:ss.zzz} %{category} %{message}")
    as_user env DISPLAY="$disp" XDG_RUNTIME_DIR="$d/runtime" XDG_CONFIG_HOME="$d/config" \
        XDG_DATA_HOME="$d/data" XDG_CACHE_HOME="$d/cache" OCS_STATE_ROOT="$OCS_STATE_ROOT" OCS_KEYCHAIN=0 \
        OCS_ENGINE="$ENGINE" OCS_BASE_IMAGE="$BASE_IMAGE" OCS_TRAY_STATUS_FILE="$STATUS" \
        ${OCS_EXTRA_HOSTS:+OCS_EXTRA_HOSTS="$OCS_EXTRA_HOSTS"} \
        ${OCS_EXTRA_CA_CERTS:+OCS_EXTRA_CA_CERTS="$OCS_EXTRA_CA_CERTS"} \
        OCS_START_TIMEOUT="${OCS_START_TIMEOUT:-180}" \
        OCS_TRAY_MENU_TIMING=1 QT_LOGGING_RULES="ocs.tray.info=true" QT_QPA_PLATFORM=xcb \
        "${trace[@]}" dbus-run-session -- "$APP_BIN" >"$d/app.log" 2>&1 &
    BG+=($!)
}

# bench_status EXPR: the Python expression EXPR on the app's status (`s`, from STATUS; see
# tray_status in tests/e2e/lib.sh).
bench_status() { tray_status "$STATUS" "$1"; }

# bench_item_center TEXT [MENU_TITLE]: "X Y" of the middle of the first enabled item of a
# visible menu whose text starts with TEXT ('&' removed), in a menu whose title starts with
# MENU_TITLE.
bench_item_center() {
    bench_status "next(('%d %d' % (i['x'] + i['w'] // 2, i['y'] + i['h'] // 2) for m in s['menus'] if m['title'].replace('&','').startswith('''${2:-}''') for i in m['items'] if i['enabled'] and i['text'].replace('&','').startswith('''$1''')), None)"
}

# bench_click DISPLAY "X Y": a left click there.
bench_click() {
    local x y
    read -r x y <<<"$2"
    DISPLAY=$1 xdotool mousemove --sync "$x" "$y" && sleep 0.2 && DISPLAY=$1 xdotool click 1
}
