#!/usr/bin/env bash
# Figure 4 (issue 14), the tray at rest: 3 projects registered, one running. After a settling
# time (BENCH_TRAY_SETTLE, default 60 s): resident memory (target <= 40 MB), CPU time over the
# next BENCH_TRAY_WINDOW seconds (default 60; target <= 0.05 s) and wake-ups per second
# (context switches of all threads); then the same after opening the embedded web view once
# and closing it again (Ctrl+W), settled and measured the same way.
# The floor: bench/tray_floor (a QSystemTrayIcon with a menu, nothing else), run the same way.
# Every app and floor runs on its own Xvfb display with a tray host (trayer) in a private
# D-Bus session, as the e2e tests' user; the BENCH_RUNS instances of each run side by side
# (in parallel: 2 x BENCH_RUNS trays at once), so the figure takes about 2 x (settle + window).
# Memory: of the app's own process (tray_*_rss) and of its whole process tree (*_rss_tree:
# the engine's event stream, a `docker events` process, and once opened QtWebEngineProcess
# included); CPU and wake-ups: of the tree. The keychain is off (OCS_KEYCHAIN=0).
# BENCH_TRAY_RUNNING=0: no sandbox is started and the view is not opened (the rest figures
# only, named *_none_running; no container is started, so no engine lock is needed).
# Prints RESULT lines (bench/lib.sh).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SETTLE=${BENCH_TRAY_SETTLE:-60}
WINDOW=${BENCH_TRAY_WINDOW:-60}

# ---- inner part: one app on its own display, as the test user, in dbus-run-session ----------
if [[ "${1:-}" == "--inner" ]]; then
    kind=$2 out=$3 dir=$4 app=$5
    source "$here/lib.sh"
    source "$here/../tests/e2e/lib.sh"
    pids=()
    trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null' EXIT
    rm -f "$dir/xvfb.display"
    Xvfb -displayfd 5 -noreset -screen 0 1280x800x24 -nolisten tcp 5>"$dir/xvfb.display" >"$dir/xvfb.log" 2>&1 &
    pids+=($!)
    wait_until 20 test -s "$dir/xvfb.display" || { echo "error Xvfb did not start" >"$out"; exit 1; }
    DISPLAY=":$(tr -dc 0-9 <"$dir/xvfb.display")"
    export DISPLAY
    wait_until 20 xdpyinfo || { echo "error no display" >"$out"; exit 1; }
    trayer --edge top --align right --widthtype request --height 32 --SetDockType true \
        --transparent false --tint 0x303030 >"$dir/trayer.log" 2>&1 &
    pids+=($!)
    wait_until 10 xdotool search --class trayer || { echo "error trayer" >"$out"; exit 1; }
    "$app" >"$dir/app.log" 2>&1 &
    app_pid=$!
    pids+=("$app_pid")

    # tree PID: the pid and its descendants.
    tree() { local p c; for p in "$@"; do echo "$p"; for c in $(pgrep -P "$p"); do tree "$c"; done; done; }
    # sample FILE: the app's process tree into FILE: "P PID RSS_KB" per process and
    # "T TID CPU_TICKS CONTEXT_SWITCHES" per thread.
    sample() {
        local p t v
        for p in $(tree "$app_pid"); do
            v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null) || continue
            echo "P $p ${v:-0}"
            for t in /proc/"$p"/task/*; do
                v=$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{ print $12 + $13 }') || continue
                echo "T ${t##*/} ${v:-0} $(awk '/ctxt_switches:/ { n += $2 } END { print n + 0 }' "$t/status" 2>/dev/null)"
            done
        done >"$1"
    }
    hz=$(getconf CLK_TCK)
    # measure LABEL: settles, then samples over WINDOW seconds; appends "LABEL TREE_RSS_MB
    # CPU_S WAKEUPS_PER_S OWN_RSS_MB" to $out. CPU and context switches are counted per
    # thread: what each thread of the second sample did since the first (from zero for one
    # started in between: the docker calls the app makes come and go, so do Qt's and the
    # engine's worker threads). A thread that ended within the window is not counted (its
    # counters are gone with it), so these are lower bounds.
    measure() {
        sleep "$SETTLE"
        sample "$dir/sample0"
        sleep "$WINDOW"
        sample "$dir/sample1"
        kill -0 "$app_pid" 2>/dev/null || { echo "error the app ended: $(tail -5 "$dir/app.log")" >>"$out"; exit 1; }
        awk -v label="$1" -v hz="$hz" -v w="$WINDOW" -v app="$app_pid" '
            FNR == NR { if ($1 == "T") { cpu0[$2] = $3; ctx0[$2] = $4 }; next }
            $1 == "P" { rss += $3; if ($2 == app) own = $3 }
            $1 == "T" { cpu += $3 - cpu0[$2]; ctx += $4 - ctx0[$2] }
            END { printf "%s %.1f %.3f %.2f %.1f\n", label, rss / 1024, cpu / hz, ctx / w, own / 1024 }
        ' "$dir/sample0" "$dir/sample1" >>"$out"
    }

    if [[ "$kind" == floor ]]; then
        measure rest
        exit 0
    fi
    STATUS=$OCS_TRAY_STATUS_FILE
    json() { tray_status "$STATUS" "$1"; }
    wait_until 30 json "s['inTray'] and s['trayIcon']['w'] > 0" || { echo "error not in the tray: $(tail -5 "$dir/app.log")" >"$out"; exit 1; }
    if [[ "${RUNNING_NAME:-}" == "" ]]; then
        wait_until 30 json "len(s['projects']) == 3" || { echo "error projects not listed" >"$out"; exit 1; }
        measure rest
        exit 0
    fi
    wait_until 60 json "any(p['state'] == 'Running' for p in s['projects'])" \
        || { echo "error no project shown running" >"$out"; exit 1; }
    measure rest
    # Open the embedded view from the menu: the tray icon, the running project, Open web UI.
    item_center() {
        json "next(('%d %d' % (i['x'] + i['w'] // 2, i['y'] + i['h'] // 2) for m in s['menus'] if m['title'].replace('&','').startswith('''${2:-}''') for i in m['items'] if i['enabled'] and i['text'].replace('&','').startswith('''$1''')), None)"
    }
    click_at() { local x y; read -r x y <<<"$1"; xdotool mousemove --sync "$x" "$y" && sleep 0.3 && xdotool click 1; }
    opened=0
    for _ in 1 2 3; do
        c=$(json "'%d %d' % (s['trayIcon']['x'] + s['trayIcon']['w'] // 2, s['trayIcon']['y'] + s['trayIcon']['h'] // 2)")
        click_at "$c"
        wait_until 5 item_center "$RUNNING_NAME" || { xdotool key Escape; continue; }
        click_at "$(item_center "$RUNNING_NAME")"
        wait_until 5 item_center "Open web UI" "$RUNNING_NAME" || { xdotool key Escape Escape; continue; }
        click_at "$(item_center "Open web UI" "$RUNNING_NAME")"
        opened=1
        break
    done
    view="any('WebView' in w['class'] for w in s['windows'])"
    if ! { ((opened)) && wait_until 30 json "$view"; }; then
        echo "error the web view did not open: $(cat "$STATUS")" >"$out"
        exit 1
    fi
    sleep 10 # let it load
    c=$(json "next('%d %d' % (w['x'] + w['w'] // 2, w['y'] + w['h'] // 2) for w in s['windows'] if 'WebView' in w['class'])")
    click_at "$c"
    xdotool key ctrl+w
    wait_until 15 bash -c "! python3 -c \"import json,sys; s=json.load(open('$STATUS')); sys.exit(0 if $view else 1)\"" \
        || { echo "error the web view did not close" >>"$out"; exit 1; }
    measure view
    exit 0
fi

# ---- outer part ------------------------------------------------------------------------------
source "$here/lib.sh"
source "$here/sandbox.sh"
FLOOR_BIN=$(readlink -f "$BENCH_BUILD_DIR/bench/tray_floor")
for tool in Xvfb trayer xdotool xdpyinfo dbus-run-session python3; do
    command -v "$tool" >/dev/null || { bench_log "$tool is not installed"; exit 1; }
done
[[ -x "$APP_BIN" && -x "$FLOOR_BIN" ]] || { bench_log "missing $APP_BIN or $FLOOR_BIN"; exit 1; }
bench_setup ocs-bench-tray
roots=()
for n in a b c; do
    bench_project "bench-tray-$n" allowed.test || exit 1
    roots+=("$PROJECT")
done
running=bench-tray-a suffix=""
if [[ "${BENCH_TRAY_RUNNING:-1}" == 0 ]]; then
    running="" suffix=_none_running
else
    ocs_in "${roots[0]}" start --detach --yes >"$WORK/start.log" 2>&1 || { tail -30 "$WORK/start.log" >&2; exit 1; }
fi
bench_log "running: ${running:-none}; ${BENCH_RUNS} trays and ${BENCH_RUNS} floors side by side, $SETTLE + $WINDOW s each phase"

launch() { # KIND INDEX
    local kind=$1 i=$2 d=$WORK/$1-$2 app
    as_user mkdir -p "$d/config/opencode-sandbox" "$d/data" "$d/cache"
    as_user mkdir -m 0700 "$d/runtime"
    {
        echo "[preferences]"
        echo "web-ui=embedded"
        echo "[projects]"
        local k=0 r
        for r in "${roots[@]}"; do k=$((k + 1)); printf '%d\\root=%s\n' "$k" "$r"; done
        echo "size=$k"
    } | as_user tee "$d/config/opencode-sandbox/opencode-sandbox.conf" >/dev/null
    app=$APP_BIN
    [[ "$kind" == floor ]] && app=$FLOOR_BIN
    as_user env XDG_RUNTIME_DIR="$d/runtime" XDG_CONFIG_HOME="$d/config" XDG_DATA_HOME="$d/data" \
        XDG_CACHE_HOME="$d/cache" OCS_STATE_ROOT="$OCS_STATE_ROOT" OCS_KEYCHAIN=0 \
        OCS_ENGINE="$ENGINE" OCS_BASE_IMAGE="$BASE_IMAGE" OCS_TRAY_STATUS_FILE="$d/status.json" \
        QT_QPA_PLATFORM=xcb QTWEBENGINE_DISABLE_SANDBOX=1 QTWEBENGINE_CHROMIUM_FLAGS=--disable-gpu \
        RUNNING_NAME="$running" SETTLE="$SETTLE" WINDOW="$WINDOW" BENCH_TRAY_SETTLE="$SETTLE" \
        BENCH_TRAY_WINDOW="$WINDOW" \
        dbus-run-session -- bash "$here/fig-tray.sh" --inner "$kind" "$d/result" "$d" "$app" \
        >"$d/inner.log" 2>&1
}
pids=()
for ((i = 0; i < BENCH_RUNS; i++)); do
    launch app "$i" &
    pids+=($!)
    launch floor "$i" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

declare -A col
for kind in app floor; do
    for phase in rest view; do
        for m in rss cpu wake own; do col[$kind.$phase.$m]=""; done
    done
done
bad=0
for ((i = 0; i < BENCH_RUNS; i++)); do
    for kind in app floor; do
        f=$WORK/$kind-$i/result
        if [[ ! -s "$f" ]] || grep -q '^error' "$f"; then
            bench_log "$kind $i: $(cat "$f" 2>/dev/null) $(tail -5 "$WORK/$kind-$i/inner.log" "$WORK/$kind-$i/app.log" 2>/dev/null)"
            bad=1
            continue
        fi
        while read -r phase rss cpu wake own; do
            col[$kind.$phase.rss]+=" $rss"; col[$kind.$phase.cpu]+=" $cpu"; col[$kind.$phase.wake]+=" $wake"
            col[$kind.$phase.own]+=" $own"
        done <"$f"
        bench_log "$kind $i: $(tr '\n' ';' <"$f")"
    done
done
# emit FIGURE UNIT TARGET LIMIT APP_COLUMN FLOOR_COLUMN (LIMIT empty: reported only)
emit() {
    local figure=$1 unit=$2 target=$3 limit=$4 pass=null
    local -a s f
    read -r -a s <<<"${col[$5]}"
    read -r -a f <<<"${col[$6]}"
    ((${#s[@]})) || return 0
    if [[ -n "$limit" ]]; then pass=false; compare "$(median "${s[@]}")" '<=' "$limit" && pass=true; fi
    emit_result "$figure" "$unit" "$target" "$pass" "${s[@]}" -- "${f[@]}"
}
emit "tray_rest_rss$suffix" MB "<= 40 MB" 40 app.rest.own floor.rest.own
emit "tray_rest_rss_tree$suffix" MB "<= 40 MB" 40 app.rest.rss floor.rest.rss
emit "tray_rest_cpu$suffix" "s/${WINDOW}s" "<= 0.05 s" 0.05 app.rest.cpu floor.rest.cpu
emit "tray_rest_wakeups$suffix" "1/s" "reported" "" app.rest.wake floor.rest.wake
emit tray_after_view_rss MB "reported (40 MB is the target without the view)" "" app.view.own floor.rest.own
emit tray_after_view_rss_tree MB "reported (40 MB is the target without the view)" "" app.view.rss floor.rest.rss
emit tray_after_view_cpu "s/${WINDOW}s" "<= 0.05 s" 0.05 app.view.cpu floor.rest.cpu
emit tray_after_view_wakeups "1/s" "reported" "" app.view.wake floor.rest.wake
exit "$bad"
