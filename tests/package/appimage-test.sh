#!/usr/bin/env bash
# Package test: the AppImage. Builds it (target `appimage`), copies it to a temporary
# folder and, in a private mount namespace where the build tree, the source tree and the
# system's Qt (its libraries, plugins, ICU, QtKeychain, yaml-cpp) are hidden, checks:
#   - the file: ELF runtime with the AppImage type 2 signature, squashfs payload at the
#     offset the runtime reports, --appimage-extract, the bundled Qt plugins/libraries,
#     no library of the excludelist, RPATHs, everything resolving inside the image, the
#     desktop file and AppStream metainfo inside validate;
#   - `AppImage ocs --version`, an `ocs` symlink to the AppImage, --appimage-extract-and-run
#     and APPIMAGE_EXTRACT_AND_RUN=1, as root (FUSE mount) and as nobody (extraction), with
#     a clean environment (env -i);
#   - the tray under Xvfb with trayer as the system tray: it reports being in the tray, its
#     tray icon window is embedded in trayer's window, /proc/PID/maps shows Qt (Core, Gui,
#     Widgets, the xcb plugin), QtKeychain and yaml-cpp loaded from inside the image, and the
#     mount / extraction folder is gone after it quits. Once with FUSE (root), once extracted
#     (nobody).
# Usage: appimage-test.sh --build-dir DIR --source-dir DIR --version VERSION --have-target 0|1
set -euo pipefail
pkg_test_name=package_appimage
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

build='' src='' version='' have_target=1 inner=0 work='' appimage=''
while (($#)); do
    case "$1" in
        --build-dir) build=$2; shift 2 ;;
        --source-dir) src=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --have-target) have_target=$2; shift 2 ;;
        --inner) inner=1; work=$2; appimage=$3; shift 3 ;;
        *) die "unknown argument $1" ;;
    esac
done
[[ -n "$build" && -n "$src" && -n "$version" ]] || die "usage: $0 --build-dir DIR --source-dir DIR --version V --have-target 0|1"

# ==== outside: build, copy, enter the namespace ===============================================
if ((!inner)); then
    [[ "$have_target" == 1 ]] || skip "the build tree has no 'appimage' target: it needs the tray, qmake, a C compiler" \
        "and the runtime's static libraries (libsquashfuse-dev libfuse3-dev zlib1g-dev libzstd-dev liblzma-dev liblz4-dev liblzo2-dev)"
    [[ $(id -u) -eq 0 ]] || skip "needs root (a private mount namespace hides the build tree and the system's Qt)"
    need_tools cmake Xvfb trayer xdotool xwininfo unshare setpriv python3 readelf ldd file \
        desktop-file-validate appstreamcli mksquashfs patchelf
    unshare --mount --propagation private true 2>/dev/null \
        || skip "cannot create a mount namespace here (unshare --mount failed: no CAP_SYS_ADMIN?)"
    build_target "$build" appimage
    mapfile -t found < <(ls "$build"/OpenCode_Sandbox-"$version"-*.AppImage 2>/dev/null)
    ((${#found[@]} == 1)) || die "expected one $build/OpenCode_Sandbox-$version-*.AppImage, found ${#found[@]}"
    log "testing ${found[0]} ($(du -h "${found[0]}" | cut -f1))"
    work=$(mktemp -d /tmp/ocs-appimage-test.XXXXXX)
    chmod 0755 "$work"
    trap 'rm -rf --one-file-system "$work"' EXIT
    mkdir -p "$work/app"
    cp "${found[0]}" "$work/app/"
    cp "$src/packaging/appimage/excludelist" "$work/excludelist"
    chmod -R a+rX "$work/app"
    rc=0
    unshare --mount --propagation private -- bash "${BASH_SOURCE[0]}" --build-dir "$build" --source-dir "$src" \
        --version "$version" --inner "$work" "$work/app/$(basename "${found[0]}")" || rc=$?
    exit "$rc"
fi

# ==== inside the private mount namespace ======================================================
name=$(basename "$appimage")
cd "$work/app"
mapfile -t exclude_globs < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$work/excludelist")
excluded() {
    local g
    for g in "${exclude_globs[@]}"; do
        # shellcheck disable=SC2053
        [[ "$1" == $g ]] && return 0
    done
    return 1
}
pids_to_kill=()
cleanup_inner() {
    local p
    for p in "${pids_to_kill[@]}"; do kill "$p" 2>/dev/null || true; done
    sleep 0.3
    for p in "${pids_to_kill[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    # Mounts die with the namespace; what the runtimes left in /tmp is removed here.
    grep -o ' /tmp/\.mount_[^ ]*' /proc/self/mounts 2>/dev/null | while read -r m; do umount -l "$m" 2>/dev/null || true; done || true
    return 0
}
trap cleanup_inner EXIT

# --- 1. the file ------------------------------------------------------------------------------
magic=$(head -c 11 "$name" | od -An -tx1 | tr -d ' \n')
check "starts with an ELF header carrying the AppImage type 2 signature (AI 02)" \
    test "${magic:0:8}" = 7f454c46 -a "${magic:16:6}" = 414902
offset=$(./"$name" --appimage-offset) || die "--appimage-offset failed"
sqmagic=$(dd if="$name" bs=4 count=1 skip="$offset" iflag=skip_bytes status=none)
check "the squashfs payload starts at the reported offset $offset" test "$sqmagic" = hsqs
check "--appimage-version prints the runtime version" test "$(./"$name" --appimage-version)" = "$version"
check "--appimage-help works" ./"$name" --appimage-help >/dev/null

mkdir -p "$work/extract"
(cd "$work/extract" && "$work/app/$name" --appimage-extract >/dev/null) || die "--appimage-extract failed"
root=$work/extract/squashfs-root
mkdir -p "$work/extract-one"
(cd "$work/extract-one" && "$work/app/$name" --appimage-extract 'usr/bin/ocs' >/dev/null) || die "--appimage-extract PATTERN failed"
check "--appimage-extract PATTERN extracts only the matching paths" \
    test -x "$work/extract-one/squashfs-root/usr/bin/ocs" -a ! -e "$work/extract-one/squashfs-root/AppRun"
check "the extracted CLI is identical to the one of the full extraction" \
    cmp -s "$work/extract-one/squashfs-root/usr/bin/ocs" "$root/usr/bin/ocs"
for f in AppRun opencode-sandbox.desktop .DirIcon usr/bin/opencode-sandbox usr/bin/ocs usr/bin/ocs-init \
         usr/bin/ocs-web usr/bin/qt.conf usr/share/opencode-sandbox/docker/Dockerfile \
         usr/plugins/platforms/libqxcb.so usr/plugins/platforms/libqoffscreen.so \
         usr/plugins/iconengines/libqsvgicon.so usr/plugins/imageformats/libqsvg.so \
         usr/plugins/tls/libqopensslbackend.so usr/lib/libQt6Core.so.6 usr/lib/libQt6Gui.so.6 \
         usr/lib/libQt6Widgets.so.6 usr/lib/libQt6Svg.so.6 usr/lib/libQt6XcbQpa.so.6 usr/lib/libqt6keychain.so.1; do
    check "the image has $f" test -e "$root/$f"
done
check "the image has yaml-cpp" compgen -G "$root/usr/lib/libyaml-cpp.so.*" >/dev/null
check "the image has an xcb GL integration" compgen -G "$root/usr/plugins/xcbglintegrations/*.so" >/dev/null
if compgen -G "/usr/lib/*/qt6/plugins/platforms/libqwayland-generic.so" >/dev/null; then
    check "the image has the Wayland platform plugin (qt6-wayland is installed here)" \
        test -e "$root/usr/plugins/platforms/libqwayland-generic.so"
fi
check "AppRun is executable" test -x "$root/AppRun"
check "the top-level desktop file validates" desktop-file-validate "$root/opencode-sandbox.desktop"
for m in "$root"/usr/share/metainfo/*.xml; do
    check "$(basename "$m") validates" appstreamcli validate --no-net "$m"
done
bad=""
for f in "$root"/usr/lib/*; do excluded "$(basename "$f")" && bad+=" $(basename "$f")"; done
check "no library of the excludelist is bundled${bad:+ (found:$bad)}" test -z "$bad"
is_elf() { [[ -f "$1" && ! -L "$1" ]] && [[ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" == '177ELF' ]]; }
norpath=""
while IFS= read -r -d '' f; do
    is_elf "$f" || continue
    # shellcheck disable=SC2016 # a literal $ORIGIN in the pattern
    grep -q 'R.*PATH.*\$ORIGIN' <<<"$(readelf -d "$f")" || norpath+=" ${f#"$root"/}"
done < <(find "$root/usr" -type f -print0)
check "every program, library and plugin has an \$ORIGIN RPATH${norpath:+ (missing:$norpath)}" test -z "$norpath"

# --- 2. hide the build tree, the sources and the system's Qt ------------------------------------
for d in "$build" "$src"; do
    mount -t tmpfs -o size=64k,mode=0700 ocs-hidden "$d" || die "cannot hide $d"
done
hidden=0
while IFS= read -r -d '' f; do
    mount --bind /dev/null "$f" && hidden=$((hidden + 1))
done < <(find /usr/lib /usr/lib64 /lib64 -maxdepth 2 -type f \( -name 'libQt6*.so*' -o -name 'libqt6keychain*.so*' \
            -o -name 'libyaml-cpp*.so*' -o -name 'libicu*.so*' \) -print0 2>/dev/null)
for d in /usr/lib/*/qt6 /usr/lib/qt6; do
    [[ -d "$d" ]] && mount -t tmpfs -o size=64k ocs-hidden "$d"
done
log "hidden: $build, $src, the system Qt plugin folders and $hidden Qt/ICU/QtKeychain/yaml-cpp library files"
check "the build tree is out of reach" test -z "$(ls -A "$build")"

# Every library the image bundles is the one used (RPATH), whatever the system has; nothing
# is missing. (Libraries resolving outside are the excluded ones and their dependencies.)
notfound=""
while IFS= read -r -d '' f; do
    is_elf "$f" || continue
    while IFS= read -r line; do
        [[ "$line" =~ ^[[:space:]]*([^[:space:]]+)[[:space:]]+=\>[[:space:]]+(.*)$ ]] || continue
        n=${BASH_REMATCH[1]} p=${BASH_REMATCH[2]%% (*}
        if [[ "$p" == "not found" ]]; then
            notfound+=" ${f#"$root"/}:$n(not found)"
        elif [[ -e "$root/usr/lib/$n" && "$(realpath -m "$p")" != "$root/usr/lib/$n" ]]; then
            notfound+=" ${f#"$root"/}:$n=>$p"
        fi
    done < <(env -i ldd "$f" 2>/dev/null || true)
done < <(find "$root/usr" -type f -print0)
check "every bundled library resolves to its copy in the image, none is missing${notfound:+ (not:${notfound:0:2000})}" test -z "$notfound"

# --- 3. the CLI -------------------------------------------------------------------------------------
home_root=$work/home-root
home_nobody=$work/home-nobody
mkdir -p "$home_root/run" "$home_nobody/run"
chmod 0700 "$home_root/run" "$home_nobody/run"
chown -R 65534:65534 "$home_nobody"
as_root() { env -i HOME="$home_root" PATH=/usr/bin:/bin XDG_RUNTIME_DIR="$home_root/run" "$@"; }
as_nobody() {
    setpriv --reuid=65534 --regid=65534 --clear-groups \
        env -i HOME="$home_nobody" PATH=/usr/bin:/bin XDG_RUNTIME_DIR="$home_nobody/run" "$@"
}
ln -s "$name" ocs
ln -s "$name" ocs-web

fuse_ok=0
if [[ -c /dev/fuse ]] && (exec 3<>/dev/fuse) 2>/dev/null; then fuse_ok=1; fi
if ((fuse_ok)); then
    out=$(as_root APPIMAGE_DEBUG=1 ./"$name" ocs --version 2>"$work/err") || true
    check "root, FUSE: '$name ocs --version' prints 'ocs $version' (got: $out)" test "$out" = "ocs $version"
    check "root, FUSE: the runtime mounted the image" grep -q 'mounted on /tmp/.mount_' "$work/err"
    out=$(as_root ./ocs --version 2>&1) || true
    check "root, FUSE: an 'ocs' symlink to the AppImage runs the CLI (got: $out)" test "$out" = "ocs $version"
    out=$(as_root ./ocs-web --help 2>&1) || true
    check "root, FUSE: an 'ocs-web' symlink runs the CLI's web command" grep -qi 'web' <<<"$out"
    sleep 1
    check "root, FUSE: no mount is left after the CLI ended" \
        bash -c '! grep -q " /tmp/\.mount_" /proc/self/mounts && ! compgen -G "/tmp/.mount_OpenCode*" >/dev/null'
else
    banner='!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
    printf '%s\n!!! No usable /dev/fuse here: the FUSE mount mode is NOT tested (extraction is).\n%s\n' \
        "$banner" "$banner" >&2
fi
before_extract=$(compgen -G "/tmp/appimage_extracted_*" | sort || true)
out=$(as_nobody ./"$name" --appimage-extract-and-run ocs --version 2>&1) || true
check "nobody: '--appimage-extract-and-run ocs --version' prints 'ocs $version' (got: $out)" test "$out" = "ocs $version"
out=$(as_nobody APPIMAGE_EXTRACT_AND_RUN=1 ./ocs --version 2>&1) || true
check "nobody: APPIMAGE_EXTRACT_AND_RUN=1 through the 'ocs' symlink (got: $out)" test "$out" = "ocs $version"
out=$(as_nobody ./"$name" ocs --version 2>&1) || true
check "nobody, default mode (FUSE if allowed, else extraction): ocs --version (got: $out)" test "$out" = "ocs $version"
check "nobody: the extraction folders are removed afterwards" \
    test "$(compgen -G "/tmp/appimage_extracted_*" | sort || true)" = "$before_extract"

# --- 4. the tray under Xvfb with trayer ------------------------------------------------------------------
Xvfb -displayfd 3 -noreset -screen 0 1280x800x24 -nolisten tcp -ac 3>"$work/display" 2>"$work/xvfb.log" &
pids_to_kill+=($!)
for _ in $(seq 100); do [[ -s "$work/display" ]] && break; sleep 0.1; done
[[ -s "$work/display" ]] || die "Xvfb did not start: $(cat "$work/xvfb.log")"
DISPLAY=:$(head -n1 "$work/display")
export DISPLAY
trayer --edge top --align right --widthtype request --height 32 --transparent false \
    --SetDockType true --SetPartialStrut true --expand true >"$work/trayer.log" 2>&1 &
trayer_pid=$!
pids_to_kill+=("$trayer_pid")
trayer_win=''
for _ in $(seq 100); do
    trayer_win=$(xdotool search --pid "$trayer_pid" 2>/dev/null | head -n1 || true)
    [[ -n "$trayer_win" ]] && break
    sleep 0.1
done
[[ -n "$trayer_win" ]] || die "trayer did not show its window: $(cat "$work/trayer.log")"
sleep 0.5

# descendants PID: PID and all its descendants.
descendants() {
    local p=$1 c
    echo "$p"
    # shellcheck disable=SC2013 # the children files hold space-separated pids
    for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do descendants "$c"; done
}

run_tray() { # MODE(fuse|extract) RUNNER(as_root|as_nobody) HOME EXTRA-ENV...
    local mode=$1 runner=$2 home=$3
    shift 3
    local status=$home/status.json shot=${OCS_TEST_ARTIFACTS:-}/package_appimage-$mode.png
    rm -f "$status"
    $runner DISPLAY="$DISPLAY" OCS_TRAY_STATUS_FILE="$status" QT_LOGGING_RULES='ocs.*.info=true' "$@" \
        ./"$name" >"$work/tray-$mode.log" 2>&1 &
    local launcher=$!
    pids_to_kill+=("$launcher")
    local in_tray=0
    for _ in $(seq 300); do
        if [[ -s "$status" ]] && python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get("inTray") else 1)' "$status" 2>/dev/null; then
            in_tray=1
            break
        fi
        kill -0 "$launcher" 2>/dev/null || break
        sleep 0.2
    done
    check "$mode: the tray reports being in the system tray" test "$in_tray" = 1
    local app='' p
    for p in $(descendants "$launcher"); do
        [[ "$(readlink /proc/"$p"/exe 2>/dev/null)" == */usr/bin/opencode-sandbox ]] && { app=$p; break; }
    done
    check "$mode: the tray process runs from the image" test -n "$app"
    if [[ -n "$app" ]]; then
        local appdir
        appdir=$(tr '\0' '\n' </proc/"$app"/environ | sed -n 's/^APPDIR=//p')
        check "$mode: APPDIR is set ($appdir)" test -n "$appdir"
        case "$mode" in
            fuse) check "fuse: APPDIR is the runtime's FUSE mount" grep -q " $appdir fuse" /proc/self/mounts ;;
            extract) check "extract: APPDIR is an extraction folder" test "${appdir#/tmp/appimage_extracted_}" != "$appdir" ;;
        esac
        check "$mode: OCS_DATA_DIR points into the image and holds the Dockerfile" \
            bash -c "tr '\\0' '\\n' </proc/$app/environ | grep -qx 'OCS_DATA_DIR=$appdir/usr/share/opencode-sandbox' && test -f '$appdir/usr/share/opencode-sandbox/docker/Dockerfile'"
        check "$mode: no LD_LIBRARY_PATH or QT_PLUGIN_PATH leaks into the children's environment" \
            bash -c "! tr '\\0' '\\n' </proc/$app/environ | grep -q -e '^LD_LIBRARY_PATH=' -e '^QT_PLUGIN_PATH='"
        local maps_rc=0
        python3 - "/proc/$app/maps" "$appdir" "$build" "$src" >"$work/maps-$mode.txt" 2>&1 <<'PY' || maps_rc=$?
import re, sys
maps, appdir, build, src = sys.argv[1:]
paths = sorted({l.split(None, 5)[5].strip() for l in open(maps) if len(l.split(None, 5)) == 6})
want = {'libQt6Core.so': None, 'libQt6Gui.so': None, 'libQt6Widgets.so': None, 'libQt6DBus.so': None,
        'libqxcb.so': None, 'libqt6keychain.so': None, 'libyaml-cpp.so': None, 'libicuuc.so': None}
bad = []
for p in paths:
    base = p.rsplit('/', 1)[-1]
    for k in want:
        if base.startswith(k):
            want[k] = p
    if re.search(r'/lib(Qt6|qt6keychain|yaml-cpp|icu)', p) and not p.startswith(appdir + '/'):
        bad.append(p)
    if p.startswith(build + '/') or p.startswith(src + '/'):
        bad.append(p)
for k, v in want.items():
    print(f'{k}: {v}')
    if v is None:
        bad.append(f'{k} not loaded')
    elif not v.startswith(appdir + '/'):
        bad.append(v)
print('BAD: ' + ' '.join(bad) if bad else 'ALL FROM THE IMAGE')
sys.exit(1 if bad else 0)
PY
        check "$mode: Qt, the xcb plugin, ICU, QtKeychain and yaml-cpp are mapped from inside the image ($(tail -n1 "$work/maps-$mode.txt"))" \
            test "$maps_rc" = 0
        # The tray icon's window (WM_CLASS opencode-sandbox) sits inside trayer's panel window.
        check "$mode: the tray icon window is embedded in trayer's system tray" python3 -c '
import re, subprocess, sys
tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
stack = []  # (indent, class string)
for line in tree.splitlines():
    m = re.match(r"^(\s+)0x[0-9a-f]+ .*?: \((.*?)\)", line)
    if not m:
        continue
    indent, cls = len(m.group(1)), m.group(2)
    while stack and stack[-1][0] >= indent:
        stack.pop()
    if "\"opencode-sandbox\"" in cls and any("\"trayer\"" in c for _, c in stack):
        sys.exit(0)
    stack.append((indent, cls))
sys.exit(1)'
        # A screenshot for people, when asked for: OCS_TEST_ARTIFACTS=DIR.
        if [[ -n "${OCS_TEST_ARTIFACTS:-}" ]] && command -v import >/dev/null; then
            import -window root "$shot" 2>/dev/null || true
        fi
        # Quit as a session manager would (SIGTERM); then anything the tray left running.
        local children=() c
        for c in $(descendants "$app"); do
            [[ "$c" != "$app" && "$(readlink /proc/"$c"/exe 2>/dev/null)" != "$(readlink -f "$name")" ]] && children+=("$c")
        done
        kill -TERM "$app" 2>/dev/null || true
        sleep 1
        local orphans=()
        for c in "${children[@]}"; do kill -0 "$c" 2>/dev/null && orphans+=("$c"); done
        if ((${#orphans[@]})); then
            echo "[$pkg_test_name] WARNING ($mode): after SIGTERM the tray left running:" >&2
            for c in "${orphans[@]}"; do echo "    $c $(tr '\0' ' ' </proc/"$c"/cmdline 2>/dev/null)" >&2; done
            echo "    (they hold the AppImage's keep-alive pipe, so a FUSE mount stays until they end; killed now)" >&2
            kill -TERM "${orphans[@]}" 2>/dev/null || true
        fi
    fi
    local ended=0
    for _ in $(seq 100); do kill -0 "$launcher" 2>/dev/null || { ended=1; break; }; sleep 0.1; done
    check "$mode: the AppImage ended after the tray quit" test "$ended" = 1
    wait "$launcher" 2>/dev/null || true
    if [[ -n "${appdir:-}" ]]; then
        local gone=0
        for _ in $(seq 100); do
            if ! grep -q " $appdir " /proc/self/mounts && [[ ! -e "$appdir" ]]; then gone=1; break; fi
            sleep 0.1
        done
        check "$mode: the mount / extraction folder is gone afterwards" test "$gone" = 1
    fi
    if ((E2E_FAILED)); then
        echo "---- tray log ($mode) ----" >&2
        tail -n 40 "$work/tray-$mode.log" >&2
        cat "$work/maps-$mode.txt" >&2 2>/dev/null || true
    fi
}

if ((fuse_ok)); then
    run_tray fuse as_root "$home_root"
fi
run_tray extract as_nobody "$home_nobody" APPIMAGE_EXTRACT_AND_RUN=1

summary || exit 1
log "PASSED"
