#!/usr/bin/env bash
# Creates the local Debian bookworm base image used by the e2e tests
# (no image registry is needed): debootstrap --variant=minbase + docker import.
#
# Usage: tests/e2e/make-base-image.sh [--force] [IMAGE_TAG]
#   IMAGE_TAG defaults to ocs-test-base:bookworm. Without --force an existing
#   image with that tag is kept. The Debian mirror is read from this machine's
#   apt configuration (OCS_DEBIAN_MIRROR overrides it); no host name is kept here.
# Needs root, debootstrap (installed with apt-get if missing) and docker.
set -euo pipefail

die() { echo "make-base-image: $*" >&2; exit 1; }

force=0
if [[ "${1:-}" == "--force" ]]; then force=1; shift; fi
tag="${1:-ocs-test-base:bookworm}"
suite=bookworm

[[ $(id -u) -eq 0 ]] || die "must run as root (debootstrap needs it)"
command -v docker >/dev/null || die "docker client not found"
docker info >/dev/null 2>&1 || die "docker engine not reachable (is dockerd running?)"

if [[ $force -eq 0 ]] && docker image inspect "$tag" >/dev/null 2>&1; then
    echo "make-base-image: $tag already exists (use --force to rebuild)"
    exit 0
fi

# shellcheck disable=SC2094 # the loop only reads "$f"
# First Debian archive URI of this machine's apt configuration (one-line and
# deb822 formats), skipping the security archive.
find_mirror() {
    local f line
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [[ -r "$f" ]] || continue
        while IFS= read -r line; do
            line="${line%%#*}"
            case "$f" in
                *.sources)
                    if [[ "$line" =~ ^[[:space:]]*URIs:[[:space:]]*(.*)$ ]]; then
                        for u in ${BASH_REMATCH[1]}; do
                            [[ "$u" == http*://* && "$u" != *security* && "$u" == */debian ]] && { echo "$u"; return 0; }
                        done
                    fi ;;
                *)
                    if [[ "$line" =~ ^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+) ]]; then
                        u="${BASH_REMATCH[2]}"
                        [[ "$u" == http*://* && "$u" != *security* && "$u" == */debian ]] && { echo "$u"; return 0; }
                    fi ;;
            esac
        done <"$f"
    done
    return 1
}

mirror="${OCS_DEBIAN_MIRROR:-}"
[[ -n "$mirror" ]] || mirror="$(find_mirror)" || die "no Debian mirror found in /etc/apt/sources.list*; set OCS_DEBIAN_MIRROR"
echo "make-base-image: using mirror $mirror"

if ! command -v debootstrap >/dev/null; then
    apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap \
        || die "cannot install debootstrap"
fi

rootfs="$(mktemp -d /tmp/ocs-rootfs.XXXXXX)"
trap 'rm -rf --one-file-system "$rootfs"' EXIT
debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" || die "debootstrap failed"
# Leave no package list behind; the image's own sources.list names the same mirror.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
tar -C "$rootfs" -c . | docker import - "$tag" || die "docker import failed"
echo "make-base-image: created $tag"
