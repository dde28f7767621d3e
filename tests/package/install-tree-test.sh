#!/usr/bin/env bash
# Package test: `cmake --install` lays out a proper tree: the programs and the ocs-* links,
# the sandbox image sources, the .desktop file (desktop-file-validate), the AppStream
# metainfo (appstreamcli validate --no-net), hicolor PNG icons of the right sizes and the
# scalable SVG; the tray has its translations compiled in; the macOS Info.plist is sound.
#
# Usage: install-tree-test.sh --build-dir DIR --version VERSION --have-tray 0|1 --aliases LINK,LINK...
set -euo pipefail
pkg_test_name=package_install_tree
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

build='' version='' have_tray=1 aliases=''
while (($#)); do
    case "$1" in
        --build-dir) build=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --have-tray) have_tray=$2; shift 2 ;;
        --aliases) aliases=$2; shift 2 ;;
        *) die "unknown argument $1" ;;
    esac
done
[[ -n "$build" && -n "$version" && -n "$aliases" ]] || die "usage: $0 --build-dir DIR --version VERSION --have-tray 0|1 --aliases LINK,LINK..."
need_tools cmake python3 file
if [[ "$have_tray" == 1 ]]; then need_tools desktop-file-validate appstreamcli; fi

work=$(mktemp -d /tmp/ocs-install-tree.XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix=$work/usr
log "cmake --install into $prefix"
env -u DESTDIR cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 \
    || { cat "$work/install.log" >&2; die "cmake --install failed"; }


# --- the CLI and its aliases -----------------------------------------------------------------
check "bin/ocs is an executable" test -x "$prefix/bin/ocs" -a ! -L "$prefix/bin/ocs"
IFS=, read -ra alias_list <<<"$aliases" # src/cli/aliases.txt
for alias in "${alias_list[@]}"; do
    check "bin/$alias links to ocs" test "$(readlink "$prefix/bin/$alias" 2>/dev/null)" = ocs
done
out=$("$prefix/bin/ocs" --version 2>&1) || true
check "ocs --version prints 'ocs $version' (got: $out)" test "$out" = "ocs $version"
check "the sandbox image sources are installed" test -f "$prefix/share/opencode-sandbox/docker/Dockerfile" \
    -a -f "$prefix/share/opencode-sandbox/docker/entrypoint.sh"
check "docker/README.md is left out" test ! -e "$prefix/share/opencode-sandbox/docker/README.md"

# --- the tray, desktop integration ----------------------------------------------------------------
if [[ "$have_tray" == 1 ]]; then
    tray=$prefix/bin/opencode-sandbox
    check "bin/opencode-sandbox is an executable" test -x "$tray"
    vout=$(env -i PATH=/usr/bin:/bin HOME="$work" QT_QPA_PLATFORM=offscreen "$tray" --version 2>&1) || true
    check "opencode-sandbox --version shows $version (got: $vout)" grep -q -- "$version" <<<"$vout"

    desktop=$prefix/share/applications/opencode-sandbox.desktop
    check "the .desktop file is installed" test -f "$desktop"
    if [[ -f "$desktop" ]]; then
        check "desktop-file-validate passes" desktop-file-validate "$desktop"
        check "the .desktop file runs opencode-sandbox" grep -q '^Exec=opencode-sandbox' "$desktop"
        check "the .desktop file names the icon opencode-sandbox" grep -qx 'Icon=opencode-sandbox' "$desktop"
    fi

    mapfile -t metainfo < <(find "$prefix/share/metainfo" -name '*.metainfo.xml' 2>/dev/null)
    check "one AppStream metainfo file is installed" test "${#metainfo[@]}" -eq 1
    if ((${#metainfo[@]} == 1)); then
        check "appstreamcli validate --no-net passes" appstreamcli validate --no-net "${metainfo[0]}"
        check "the metainfo launches opencode-sandbox.desktop" \
            grep -q '<launchable type="desktop-id">opencode-sandbox.desktop</launchable>' "${metainfo[0]}"
        check "the metainfo's release is $version" grep -q "<release version=\"$version\"" "${metainfo[0]}"
        id=$(sed -n 's:.*<id>\(.*\)</id>.*:\1:p' "${metainfo[0]}")
        check "the metainfo file is named after its id ($id)" test "$(basename "${metainfo[0]}")" = "$id.metainfo.xml"
    fi

    for size in 16 22 24 32 48 64 128 256; do
        png=$prefix/share/icons/hicolor/${size}x${size}/apps/opencode-sandbox.png
        check "hicolor ${size}x${size} PNG" grep -q "PNG image data, $size x $size" <<<"$(file "$png" 2>&1)"
    done
    check "hicolor scalable SVG" grep -q '<svg' "$prefix/share/icons/hicolor/scalable/apps/opencode-sandbox.svg"

    # Translations are compiled in as resources (:/i18n/opencode-sandbox_<lang>.qm); rcc
    # stores the names in UTF-16.
    langs=""
    for ts in "$prefix"/share/opencode-sandbox/translations/opencode-sandbox_*.ts; do
        [[ -e "$ts" ]] || continue
        ts=${ts##*/opencode-sandbox_}
        langs+="${langs:+ }${ts%.ts}"
    done
    [[ -n "$langs" ]] || langs="en de"
    for lang in $langs; do
        check "the tray embeds opencode-sandbox_$lang.qm" python3 - "$tray" "opencode-sandbox_$lang.qm" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
sys.exit(0 if sys.argv[2].encode('utf-16-be') in data else 1)
PY
    done
fi

# --- nothing unexpected in the tree ---------------------------------------------------------------
unexpected=$(cd "$prefix" && { find . \( -type f -o -type l \) \
    | grep -v -E '^\./bin/(ocs|ocs-[a-z-]+|opencode-sandbox)$' \
    | grep -v -E '^\./share/(opencode-sandbox|applications|metainfo|icons/hicolor)/' || true; })
check "nothing but the programs and share/ files is installed${unexpected:+ (found: $unexpected)}" test -z "$unexpected"

# --- macOS Info.plist (configured on every platform) ---------------------------------------------
plist=$build/packaging/macos/Info.plist
check "the macOS Info.plist is configured" test -f "$plist"
if [[ -f "$plist" ]]; then
    check "Info.plist: LSUIElement, bundle id, version $version, executable" python3 - "$plist" "$version" <<'PY'
import plistlib, sys
p = plistlib.load(open(sys.argv[1], 'rb'))
ok = (p.get('LSUIElement') is True and p.get('CFBundleIdentifier')
      and p.get('CFBundleShortVersionString') == sys.argv[2] and p.get('CFBundleVersion') == sys.argv[2]
      and p.get('CFBundleExecutable') == 'opencode-sandbox' and p.get('CFBundlePackageType') == 'APPL'
      and '@' not in repr(p))
sys.exit(0 if ok else 1)
PY
fi

summary || exit 1
log "PASSED"
