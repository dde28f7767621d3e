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
source "$(dirname "${BASH_SOURCE[0]}")/debian-mirror.sh"

mirror="${OCS_DEBIAN_MIRROR:-}"
[[ -n "$mirror" ]] || mirror="$(find_debian_mirror)" || die "no Debian mirror found in /etc/apt/sources.list*; set OCS_DEBIAN_MIRROR"
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
