#!/usr/bin/env bash
# Package test: the .deb. Builds it (target `deb`, CPack), checks its control fields and
# contents, then installs it into a clean Debian bookworm minbase chroot with apt resolving
# the dependencies from the mirror of this machine's apt configuration, and runs
# `ocs --version`, `ocs validate` (a good and a bad sample config), the tray's --version
# (offscreen), and removes it again.
# The debootstrapped chroot is cached as a tarball (and apt's downloads next to it) in the
# cache folder, so reruns are fast; OCS_REFRESH_CHROOT=1 makes it anew.
# Usage: deb-test.sh --build-dir DIR --source-dir DIR --version VERSION --cache-dir DIR --have-target 0|1
#                    [--have-tray 0|1]
set -euo pipefail
pkg_test_name=package_deb
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

build='' src='' version='' cache='' have_target=1 have_tray=1 inner=0 root='' deb=''
while (($#)); do
    case "$1" in
        --build-dir) build=$2; shift 2 ;;
        --source-dir) src=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --cache-dir) cache=$2; shift 2 ;;
        --have-target) have_target=$2; shift 2 ;;
        --have-tray) have_tray=$2; shift 2 ;;
        --inner) inner=1; root=$2; deb=$3; shift 3 ;;
        *) die "unknown argument $1" ;;
    esac
done
[[ -n "$build" && -n "$version" && -n "$cache" ]] || die "usage: $0 --build-dir DIR --source-dir DIR --version V --cache-dir DIR --have-target 0|1"
suite=bookworm

# ==== inside a private mount namespace: the chroot ============================================
if ((inner)); then
    in_root() {
        chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
            DEBIAN_FRONTEND=noninteractive "$@"
    }
    mount -t proc proc "$root/proc"
    mount --bind /dev "$root/dev"
    mkdir -p "$cache/apt-archives/partial"
    mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
    trap 'umount "$root/var/cache/apt/archives" "$root/dev" "$root/proc" 2>/dev/null || true' EXIT

    log "apt-get update in the chroot"
    in_root apt-get update -q >"$root/tmp/apt-update.log" 2>&1 || { cat "$root/tmp/apt-update.log" >&2; die "apt-get update failed in the chroot"; }
    cp "$deb" "$root/tmp/"
    log "apt-get install ./$(basename "$deb") (apt resolves the dependencies)"
    in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >"$root/tmp/apt-install.log" 2>&1 \
        || { tail -n 60 "$root/tmp/apt-install.log" >&2; die "apt-get install of the .deb failed"; }
    grep -cE '^(Setting up|Unpacking) ' "$root/tmp/apt-install.log" | xargs -I{} echo "[$pkg_test_name] apt set up {} package step(s)"

    check "dpkg has the package installed" bash -c "chroot '$root' dpkg-query -W -f='\${Status}' opencode-sandbox | grep -qx 'install ok installed'"
    out=$(in_root ocs --version 2>&1) || true
    check "ocs --version prints 'ocs $version' (got: $out)" test "$out" = "ocs $version"
    check "ocs-init links to ocs" test "$(readlink "$root/usr/bin/ocs-init")" = ocs
    check "the image sources are at /usr/share/opencode-sandbox/docker" test -f "$root/usr/share/opencode-sandbox/docker/Dockerfile"
    mkdir -p "$root/tmp/proj-good" "$root/tmp/proj-bad"
    cat >"$root/tmp/proj-good/opencode-sandbox-config.yaml" <<'YAML'
sandbox-name: package-test
http-domain-whitelist:
  - .github.com
  - api.anthropic.com
host-ports:
  - 5432
env:
  GITHUB_REPOSITORY: my-org/my-repo
YAML
    cat >"$root/tmp/proj-bad/opencode-sandbox-config.yaml" <<'YAML'
sandbox-name: Not A Valid Name
http-domain-whitelist:
  - foo.*.com
YAML
    out=$(in_root sh -c 'cd /tmp/proj-good && ocs validate' 2>&1) && rc=0 || rc=$?
    check "ocs validate accepts the sample config (exit $rc: $out)" test "$rc" = 0
    out=$(in_root sh -c 'cd /tmp/proj-bad && ocs validate' 2>&1) && rc=0 || rc=$?
    # shellcheck disable=SC2317 # called by check
    rejected() { test "$rc" = 1 && grep -q 'opencode-sandbox-config.yaml:[0-9]*:[0-9]*: error' <<<"$out"; }
    check "ocs validate rejects a bad config with file:line:column errors (exit $rc)" rejected
    programs=/usr/bin/ocs
    [[ "$have_tray" == 1 ]] && programs+=" /usr/bin/opencode-sandbox"
    unresolved=$(in_root sh -c "ldd $programs | grep 'not found'" 2>&1 || true)
    check "every library of the programs is installed${unresolved:+ ($unresolved)}" test -z "$unresolved"
    if [[ "$have_tray" == 1 ]]; then
        out=$(in_root env QT_QPA_PLATFORM=offscreen opencode-sandbox --version 2>&1) || true
        check "the tray starts (offscreen platform plugin) and shows $version (got: $out)" grep -q -- "$version" <<<"$out"
    fi
    in_root apt-get remove -y -q opencode-sandbox >"$root/tmp/apt-remove.log" 2>&1 || true
    check "apt-get remove takes the programs and links away" \
        test ! -e "$root/usr/bin/ocs" -a ! -L "$root/usr/bin/ocs-init" -a ! -e "$root/usr/bin/opencode-sandbox"
    finish
fi

# ==== outside ===================================================================================
[[ "$have_target" == 1 ]] || skip "the build tree has no 'deb' target (needs dpkg-deb and dpkg-shlibdeps: package dpkg-dev)"
[[ $(id -u) -eq 0 ]] || skip "needs root (debootstrap, chroot)"
need_tools cmake dpkg-deb debootstrap unshare chroot tar gzip
unshare --mount --propagation private true 2>/dev/null \
    || skip "cannot create a mount namespace here (unshare --mount failed: no CAP_SYS_ADMIN?)"
mirror=${OCS_DEBIAN_MIRROR:-}
[[ -n "$mirror" ]] || mirror=$(find_debian_mirror) \
    || skip "no Debian mirror in /etc/apt/sources.list* (set OCS_DEBIAN_MIRROR)"

build_target "$build" deb
mapfile -t found < <(ls "$build"/packages/opencode-sandbox_"$version"-1_*.deb 2>/dev/null)
((${#found[@]} == 1)) || die "expected one $build/packages/opencode-sandbox_$version-1_*.deb, found ${#found[@]}"
deb=${found[0]}
log "testing $deb ($(du -h "$deb" | cut -f1))"

field() { dpkg-deb -f "$deb" "$1"; }
arch=$(dpkg --print-architecture)
check "Package: opencode-sandbox" test "$(field Package)" = opencode-sandbox
check "Version: $version-1" test "$(field Version)" = "$version-1"
check "Architecture: $arch" test "$(field Architecture)" = "$arch"
check "Section: devel, Priority: optional" test "$(field Section)/$(field Priority)" = devel/optional
check "Maintainer is set ($(field Maintainer))" grep -q '<.*@.*>' <<<"$(field Maintainer)"
check "Homepage is set" test -n "$(field Homepage)"
check "Recommends: docker.io | podman" test "$(field Recommends)" = "docker.io | podman"
depends=$(field Depends)
log "Depends: $depends"
dep_pkgs="libc6 libstdc++6 libqt6core6 libqt6network6 libqt6keychain1 libyaml-cpp"
[[ "$have_tray" == 1 ]] && dep_pkgs+=" libqt6gui6 libqt6widgets6 libqt6svg6"
for p in $dep_pkgs; do
    check "Depends names $p (dpkg-shlibdeps)" grep -q "\\b$p" <<<"$depends"
done
check "the description has a summary and a long text" test "$(field Description | wc -l)" -ge 4
listing=$(dpkg-deb -c "$deb")
want_files="./usr/bin/ocs ./usr/share/opencode-sandbox/docker/Dockerfile"
[[ "$have_tray" == 1 ]] && want_files+=" ./usr/bin/opencode-sandbox ./usr/share/applications/opencode-sandbox.desktop
    ./usr/share/icons/hicolor/256x256/apps/opencode-sandbox.png ./usr/share/icons/hicolor/scalable/apps/opencode-sandbox.svg"
for f in $want_files; do
    check "the package has $f" grep -q " $f\$" <<<"$listing"
done
if [[ "$have_tray" == 1 ]]; then
    check "the package has the AppStream metainfo" grep -q ' ./usr/share/metainfo/.*\.metainfo\.xml$' <<<"$listing"
fi
check "the package links ocs-init -> ocs" grep -q ' ./usr/bin/ocs-init -> ocs$' <<<"$listing"
check "every file belongs to root/root" test -z "$(grep -v ' root/root ' <<<"$listing")"
check "nothing is installed under /usr/local" test -z "$(grep ' ./usr/local' <<<"$listing")"
stripped() {
    local tmp rc=0
    tmp=$(mktemp -d)
    dpkg-deb -x "$deb" "$tmp"
    grep -q 'ELF.*not stripped' <<<"$(file "$tmp"/usr/bin/*)" && rc=1
    rm -rf "$tmp"
    return "$rc"
}
check "the programs are stripped" stripped
((E2E_FAILED == 0)) || { summary; exit 1; }

# --- the chroot (cached) ----------------------------------------------------------------------------
mkdir -p "$cache"
tarball=$cache/$suite-minbase-$arch.tar.gz
if [[ ! -s "$tarball" || "${OCS_REFRESH_CHROOT:-0}" == 1 ]]; then
    log "debootstrap --variant=minbase $suite from $mirror (cached afterwards in $tarball)"
    fresh=$(mktemp -d "$cache/debootstrap.XXXXXX")
    if ! debootstrap --variant=minbase "$suite" "$fresh" "$mirror" >"$cache/debootstrap.log" 2>&1; then
        tail -n 30 "$cache/debootstrap.log" >&2
        rm -rf --one-file-system "$fresh"
        die "debootstrap failed (log: $cache/debootstrap.log)"
    fi
    rm -rf "$fresh"/var/lib/apt/lists/* "$fresh"/var/cache/apt/archives/*.deb
    tar -C "$fresh" -czf "$tarball.part" . && mv -f "$tarball.part" "$tarball"
    rm -rf --one-file-system "$fresh"
fi
work=$(mktemp -d /tmp/ocs-deb-test.XXXXXX)
cleanup() {
    if grep -q " $work/" /proc/self/mounts; then
        echo "[$pkg_test_name] mounts left under $work; not removing it" >&2
    else
        rm -rf --one-file-system "$work"
    fi
}
trap cleanup EXIT
root=$work/root
mkdir -p "$root"
tar -C "$root" -xzf "$tarball"
# This machine's apt sources (and keyrings, and proxy settings if any), its name resolution.
rm -f "$root/etc/apt/sources.list"
rm -rf "$root/etc/apt/sources.list.d"
[[ -f /etc/apt/sources.list ]] && cp /etc/apt/sources.list "$root/etc/apt/"
[[ -d /etc/apt/sources.list.d ]] && cp -a /etc/apt/sources.list.d "$root/etc/apt/"
for d in trusted.gpg.d keyrings; do
    if [[ -d /etc/apt/$d ]]; then cp -a "/etc/apt/$d/." "$root/etc/apt/$d/" 2>/dev/null || true; fi
done
for f in /etc/apt/apt.conf.d/*; do
    [[ -f "$f" ]] && grep -qi 'proxy' "$f" && cp "$f" "$root/etc/apt/apt.conf.d/"
done
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
rc=0
unshare --mount --propagation private -- bash "${BASH_SOURCE[0]}" --build-dir "$build" --source-dir "$src" \
    --version "$version" --cache-dir "$cache" --have-tray "$have_tray" --inner "$root" "$deb" || rc=$?
expect_eq "the checks in the chroot pass (their exit status)" 0 "$rc"
summary || exit 1
log "PASSED"
