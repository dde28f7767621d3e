#!/usr/bin/env bash
# Installs what building (and, with --test, testing) OpenCode Sandbox needs, from the
# distribution's packages. Asks before installing system packages unless --yes (or CI=true
# with no terminal). Only missing packages are installed.
#
# Usage: packaging/install-deps.sh [--yes] [--test]
set -euo pipefail

yes=0
tests=0
for a in "$@"; do
    case "$a" in
        --yes|-y) yes=1 ;;
        --test) tests=1 ;;
        *) echo "usage: $0 [--yes] [--test]" >&2; exit 2 ;;
    esac
done
[[ "${CI:-}" == "true" && ! -t 0 ]] && yes=1

if [[ "$(uname -s)" == Darwin ]]; then
    cat <<'MSG'
On macOS install the build tools with Homebrew, then build with CMake:
  brew install cmake ninja qt@6 qtkeychain yaml-cpp
and a container engine: Docker Desktop, or `brew install colima docker && colima start`,
or `brew install podman && podman machine init && podman machine start`.
MSG
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: this script knows Debian and Ubuntu (apt). On other systems install:" >&2
    echo "  CMake >= 3.25, a C++20 compiler, Qt 6 (Widgets, Network, Svg, Test, Linguist tools)," >&2
    echo "  QtKeychain for Qt 6, yaml-cpp, and Docker or Podman." >&2
    exit 1
fi

build_pkgs=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-svg-dev qtkeychain-qt6-dev libyaml-cpp-dev libgl-dev
    qt6-qpa-plugins
    qt6-webengine-dev libqt6webenginecore6-bin)
test_pkgs=(shellcheck clang-format debootstrap curl python3 iptables util-linux xvfb trayer dbus dbus-x11 gnome-keyring
    libsecret-tools xdotool imagemagick x11-utils fonts-dejavu-core
    squashfs-tools fuse3 patchelf file desktop-file-utils appstream dpkg-dev
    libsquashfuse-dev libfuse3-dev zlib1g-dev libzstd-dev liblzma-dev liblz4-dev liblzo2-dev
    qt6-wayland qt6-translations-l10n
    chromium
    podman catatonit conmon uidmap slirp4netns netavark aardvark-dns fuse-overlayfs)
# The browser test drives Chromium with playwright-core from npm. Node from another source
# (such as a nodejs package that bundles npm) is kept; only a machine without npm gets Debian's.
command -v npm >/dev/null 2>&1 || test_pkgs+=(nodejs npm)

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    sudo_cmd=(sudo)
fi

missing() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
    done
}

want=("${build_pkgs[@]}")
((tests)) && want+=("${test_pkgs[@]}")
mapfile -t need < <(missing "${want[@]}")

# A container engine. A `docker` client on the PATH says nothing about a daemon (many
# machines ship the client alone, to talk to a remote engine), so decide by the daemon:
# the test suite needs a local Docker daemon whatever else is there; a build needs some
# engine, Docker's daemon unless Podman is installed or a Docker daemon already answers.
have_daemon() { command -v dockerd >/dev/null 2>&1; }
if ((tests)); then
    have_daemon || mapfile -t -O "${#need[@]}" need < <(missing docker.io)
elif ! have_daemon && ! command -v podman >/dev/null 2>&1 && ! docker info >/dev/null 2>&1; then
    mapfile -t -O "${#need[@]}" need < <(missing docker.io)
fi

if ((${#need[@]} == 0)); then
    echo "install-deps: everything needed is installed."
    exit 0
fi
echo "install-deps: missing packages: ${need[*]}"
if ((!yes)); then
    if [[ ! -t 0 ]]; then
        echo "install-deps: no terminal to ask on; run again with --yes to install them." >&2
        exit 1
    fi
    read -r -p "Install them with apt-get? [Y/n] " answer
    [[ -z "$answer" || "$answer" =~ ^[Yy] ]] || { echo "Not installed." >&2; exit 1; }
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
echo "install-deps: installed ${#need[@]} package(s)."
