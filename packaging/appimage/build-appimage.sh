#!/usr/bin/env bash
# Builds OpenCode_Sandbox-<version>-<arch>.AppImage from a built CMake tree, with tools from
# Debian's packages only (no appimagetool/linuxdeploy): cmake --install into an AppDir,
# the Qt plugins and every library the programs need (DT_NEEDED closure, less the system
# libraries named in excludelist), RPATHs set with patchelf, a squashfs made by mksquashfs,
# and our own runtime (packaging/appimage/runtime) in front of it.
#
# Usage: build-appimage.sh --build-dir DIR --runtime FILE --qmake FILE --version VERSION
#                          [--output-dir DIR] [--work-dir DIR] [--languages "en de"]
#                          [--comp zstd|gzip|xz] [--keep-appdir]
# Needs: cmake, patchelf, mksquashfs (squashfs-tools), readelf (binutils), ldd;
# desktop-file-validate and appstreamcli are used when present.
# Normally run by `cmake --build BUILD --target appimage`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { echo "build-appimage: error: $*" >&2; exit 1; }
note() { echo "build-appimage: $*"; }
warn() { echo "build-appimage: WARNING: $*" >&2; }

build_dir='' runtime='' qmake='' version='' output_dir='' work_dir='' languages='' comp=zstd keep=0
while (($#)); do
    case "$1" in
        --build-dir) build_dir=$2; shift 2 ;;
        --runtime) runtime=$2; shift 2 ;;
        --qmake) qmake=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --output-dir) output_dir=$2; shift 2 ;;
        --work-dir) work_dir=$2; shift 2 ;;
        --languages) languages=$2; shift 2 ;;
        --comp) comp=$2; shift 2 ;;
        --keep-appdir) keep=1; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
done
[[ -n "$build_dir" && -f "$build_dir/CMakeCache.txt" ]] || die "--build-dir must name a configured CMake build tree"
[[ -n "$runtime" && -x "$runtime" ]] || die "--runtime must name the built AppImage runtime"
[[ -n "$qmake" && -x "$qmake" ]] || die "--qmake must name the qmake of the Qt to bundle"
[[ -n "$version" ]] || die "--version is needed"
for tool in cmake patchelf mksquashfs readelf ldd; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian: cmake, patchelf, squashfs-tools, binutils, libc-bin)"
done
build_dir=$(cd "$build_dir" && pwd)
output_dir=${output_dir:-$build_dir}
work_dir=${work_dir:-$build_dir/appimage}
mkdir -p "$output_dir" "$work_dir"
output_dir=$(cd "$output_dir" && pwd)
work_dir=$(cd "$work_dir" && pwd)
arch=$(uname -m)
appdir=$work_dir/AppDir
out=$output_dir/OpenCode_Sandbox-$version-$arch.AppImage
start=$SECONDS

qt_plugins=$("$qmake" -query QT_INSTALL_PLUGINS)
qt_translations=$("$qmake" -query QT_INSTALL_TRANSLATIONS)
[[ -d "$qt_plugins" ]] || die "no Qt plugin folder at $qt_plugins"

# --- 1. the installed tree ---------------------------------------------------------------
rm -rf "$appdir"
mkdir -p "$appdir/usr"
note "installing into $appdir/usr"
env -u DESTDIR cmake --install "$build_dir" --prefix "$appdir/usr" --strip >"$work_dir/install.log" \
    || { cat "$work_dir/install.log" >&2; die "cmake --install failed"; }
for f in usr/bin/opencode-sandbox usr/bin/ocs usr/share/opencode-sandbox/docker/Dockerfile \
         usr/share/applications/opencode-sandbox.desktop; do
    [[ -e "$appdir/$f" ]] || die "the install has no $f (is the tray built? OCS_WITH_TRAY=ON?)"
done

# --- 2. Qt plugins, qt.conf, Qt's own translations ----------------------------------------
plugdir=$appdir/usr/plugins
mkdir -p "$plugdir"
copy_plugin() { # GROUP FILE-GLOB required|optional|if-present
    local group=$1 glob=$2 required=$3 found=0 f
    for f in "$qt_plugins/$group"/$glob; do
        [[ -f "$f" ]] || continue
        mkdir -p "$plugdir/$group"
        cp -L "$f" "$plugdir/$group/"
        found=1
    done
    if ((!found)); then
        case "$required" in
            required) die "Qt plugin $group/$glob not found in $qt_plugins" ;;
            optional) warn "Qt plugin $group/$glob not found: not bundled" ;;
        esac
    fi
}
copy_plugin platforms libqxcb.so required
copy_plugin platforms libqoffscreen.so required
copy_plugin platforms libqminimal.so optional
copy_plugin platforms 'libqwayland-*.so' optional          # Debian: qt6-wayland
copy_plugin xcbglintegrations '*.so' optional
copy_plugin platforminputcontexts '*.so' optional
copy_plugin imageformats '*.so' required
copy_plugin iconengines libqsvgicon.so required
copy_plugin tls libqopensslbackend.so required
copy_plugin tls libqcertonlybackend.so optional
copy_plugin networkinformation '*.so' optional
if compgen -G "$plugdir/platforms/libqwayland-*.so" >/dev/null; then
    copy_plugin wayland-decoration-client '*.so' optional
    copy_plugin wayland-graphics-integration-client '*.so' optional
    copy_plugin wayland-shell-integration '*.so' optional
fi
copy_plugin platformthemes libqxdgdesktopportal.so if-present # Debian: qt6-xdgdesktopportal-platformtheme
[[ -f "$plugdir/imageformats/libqsvg.so" ]] || die "the SVG image format plugin is missing (Debian: libqt6svg6)"

cat >"$appdir/usr/bin/qt.conf" <<'CONF'
# Qt of this AppImage: plugins and translations from inside the image, never the system's.
[Paths]
Prefix = ..
Libraries = lib
Plugins = plugins
Translations = translations
Data = share
CONF
mkdir -p "$appdir/usr/translations"
for lang in $languages; do
    [[ "$lang" == en ]] && continue
    if [[ -f "$qt_translations/qtbase_$lang.qm" ]]; then
        cp "$qt_translations/qtbase_$lang.qm" "$appdir/usr/translations/"
    else
        warn "no qtbase_$lang.qm in $qt_translations (Debian: qt6-translations-l10n): Qt's own texts stay English"
    fi
done

# --- 3. libraries: the DT_NEEDED closure, less the system's ----------------------------------
mapfile -t exclude_globs < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$here/excludelist")
excluded() {
    local g
    for g in "${exclude_globs[@]}"; do
        # shellcheck disable=SC2053
        [[ "$1" == $g ]] && return 0
    done
    return 1
}
is_elf() { [[ -f "$1" && ! -L "$1" ]] && [[ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" == '177ELF' ]]; }
needed() { readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

libdir=$appdir/usr/lib
mkdir -p "$libdir"
declare -A bundled=()
queue=()
while IFS= read -r -d '' f; do
    is_elf "$f" && queue+=("$f")
done < <(find "$appdir/usr/bin" "$appdir/usr/lib" "$plugdir" -type f -print0)
# Libraries the install put into usr/lib count as bundled already.
for f in "$libdir"/*; do [[ -e "$f" ]] && bundled[$(basename "$f")]=1; done

note "collecting libraries"
while ((${#queue[@]})); do
    f=${queue[0]}
    queue=("${queue[@]:1}")
    declare -A where=()
    while IFS= read -r line; do
        if [[ "$line" =~ ^[[:space:]]*([^[:space:]]+)[[:space:]]+=\>[[:space:]]+(.*)$ ]]; then
            name=${BASH_REMATCH[1]}
            path=${BASH_REMATCH[2]%% (*}
            where[$name]=$path
        fi
    done < <(env -u LD_LIBRARY_PATH ldd "$f" 2>/dev/null || true)
    for n in $(needed "$f"); do
        excluded "$n" && continue
        [[ -n "${bundled[$n]:-}" ]] && continue
        p=${where[$n]:-}
        [[ -n "$p" && "$p" != "not found" && -f "$p" ]] || die "$(basename "$f") needs $n, which is not installed here"
        cp -L "$p" "$libdir/$n"
        chmod 0644 "$libdir/$n"
        bundled[$n]=1
        queue+=("$libdir/$n")
    done
    unset where
done
note "bundled ${#bundled[@]} libraries"

# --- 4. RPATHs: each program, library and plugin finds the bundled libraries first --------
# DT_RPATH (not RUNPATH) so that a user's LD_LIBRARY_PATH cannot pull in another Qt.
set_rpath() { patchelf --force-rpath --set-rpath "$2" "$1" || die "patchelf failed on $1"; }
# shellcheck disable=SC2016 # $ORIGIN is the dynamic loader's, not the shell's
while IFS= read -r -d '' f; do is_elf "$f" && set_rpath "$f" '$ORIGIN/../lib'; done \
    < <(find "$appdir/usr/bin" -type f -print0)
# shellcheck disable=SC2016 # $ORIGIN is the dynamic loader's, not the shell's
while IFS= read -r -d '' f; do is_elf "$f" && set_rpath "$f" '$ORIGIN'; done \
    < <(find "$libdir" -type f -print0)
# shellcheck disable=SC2016 # $ORIGIN is the dynamic loader's, not the shell's
while IFS= read -r -d '' f; do is_elf "$f" && set_rpath "$f" '$ORIGIN/../../lib'; done \
    < <(find "$plugdir" -type f -print0)

# Self-check: everything resolves, and nothing that is bundled resolves outside the image.
while IFS= read -r -d '' f; do
    is_elf "$f" || continue
    while IFS= read -r line; do
        [[ "$line" =~ ^[[:space:]]*([^[:space:]]+)[[:space:]]+=\>[[:space:]]+(.*)$ ]] || continue
        name=${BASH_REMATCH[1]} path=${BASH_REMATCH[2]%% (*}
        [[ "$path" == "not found" ]] && ! excluded "$name" && die "${f#"$appdir"/}: $name not found"
        [[ "$path" == "not found" ]] && { warn "${f#"$appdir"/}: $name (a system library) is not installed here"; continue; }
        if ! excluded "$name" && [[ "$path" != "$appdir"/* ]]; then
            # Dependencies of excluded libraries (e.g. libXau of libxcb) come from the system.
            [[ -n "${bundled[$name]:-}" ]] && die "${f#"$appdir"/}: $name resolves to $path, not to the bundled copy"
        fi
    done < <(env -u LD_LIBRARY_PATH ldd "$f" 2>/dev/null || true)
done < <(find "$appdir/usr/bin" "$libdir" "$plugdir" -type f -print0)

# --- 5. the AppDir's top level --------------------------------------------------------------
cp "$here/AppRun" "$appdir/AppRun"
chmod 0755 "$appdir/AppRun"
desktop=$appdir/usr/share/applications/opencode-sandbox.desktop
sed -e '/^X-AppImage-Version=/d' "$desktop" >"$appdir/opencode-sandbox.desktop"
printf 'X-AppImage-Version=%s\n' "$version" >>"$appdir/opencode-sandbox.desktop"
icon=$appdir/usr/share/icons/hicolor/256x256/apps/opencode-sandbox.png
if [[ -f "$icon" ]]; then
    cp "$icon" "$appdir/opencode-sandbox.png"
    ln -sf opencode-sandbox.png "$appdir/.DirIcon"
else
    svg=$appdir/usr/share/icons/hicolor/scalable/apps/opencode-sandbox.svg
    [[ -f "$svg" ]] || die "no application icon in the install (hicolor 256x256 PNG or scalable SVG)"
    warn "no 256x256 PNG icon: using the SVG"
    cp "$svg" "$appdir/opencode-sandbox.svg"
    ln -sf opencode-sandbox.svg "$appdir/.DirIcon"
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$appdir/opencode-sandbox.desktop" || die "the desktop file does not validate"
fi
if command -v appstreamcli >/dev/null; then
    for m in "$appdir"/usr/share/metainfo/*.xml; do
        [[ -f "$m" ]] || continue
        appstreamcli validate --no-net "$m" >"$work_dir/appstream.log" 2>&1 \
            || { cat "$work_dir/appstream.log" >&2; die "$(basename "$m") does not validate"; }
    done
fi

# --- 6. squashfs + runtime --------------------------------------------------------------------
payload=$work_dir/payload.squashfs
rm -f "$payload"
case "$comp" in
    zstd) comp_args=(-comp zstd -Xcompression-level 19) ;;
    xz) comp_args=(-comp xz) ;;
    gzip) comp_args=(-comp gzip) ;;
    *) die "unknown compression $comp" ;;
esac
note "making the squashfs ($comp)"
# Reproducible: owner root, no xattrs, fixed times (SOURCE_DATE_EPOCH when set).
epoch=${SOURCE_DATE_EPOCH:-0}
mksquashfs "$appdir" "$payload" -noappend -all-root -no-xattrs "${comp_args[@]}" -b 256K \
    -mkfs-time "$epoch" -all-time "$epoch" -processors "$(nproc)" -quiet -no-progress >/dev/null \
    || die "mksquashfs failed"
tmp_out=$out.part
cat "$runtime" "$payload" >"$tmp_out"
# The AppImage type 2 signature in the ELF identification padding (ignored by the kernel).
printf 'AI\002' | dd of="$tmp_out" bs=1 seek=8 conv=notrunc status=none
chmod 0755 "$tmp_out"
offset=$("$tmp_out" --appimage-offset) || die "the runtime cannot read its own offset"
[[ "$offset" == "$(stat -c %s "$runtime")" ]] \
    || die "the runtime computes offset $offset, but the payload starts at $(stat -c %s "$runtime")"
mv -f "$tmp_out" "$out"
rm -f "$payload"
((keep)) || rm -rf "$appdir"
note "wrote $out ($(du -h "$out" | cut -f1)) in $((SECONDS - start)) s"
