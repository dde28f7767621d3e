#!/usr/bin/env bash
# Build step: create the `dev` user/group with the host's uid/gid.
# Usage: ocs-create-user.sh HOST_UID HOST_GID
#
# Rules (also in README.md):
# - both must be decimal numbers below 2^31-1, else the build fails;
# - uid 0 (root) and the uid of Squid's `proxy` user are never given to dev
#   (the firewall trusts the proxy uid): they are replaced by 1000, with a
#   build message;
# - gid 0 and the gids of groups that grant privileges inside the image (root,
#   adm, tty, disk, kmem, shadow, utmp, staff, sudo, proxy) are likewise
#   replaced by 1000;
# - a uid/gid that already exists in the base under another name is renamed
#   to dev (e.g. macOS' gid 20 is `dialout` in Debian), so ids stay unique.
set -euo pipefail

fail() { echo "ocs-build: $*" >&2; exit 1; }
note() { echo "ocs-build: $*"; }

uid="${1:-}" gid="${2:-}"
[[ "$uid" =~ ^[0-9]{1,10}$ ]] || fail "HOST_UID '$uid' is not a number"
[[ "$gid" =~ ^[0-9]{1,10}$ ]] || fail "HOST_GID '$gid' is not a number"
uid=$((10#$uid)) gid=$((10#$gid))
(( uid < 2147483647 )) || fail "HOST_UID $uid is out of range"
(( gid < 2147483647 )) || fail "HOST_GID $gid is out of range"

proxy_uid="$(id -u proxy)" || fail "the proxy user (from the squid package) is missing"
if (( uid == 0 )); then
    note "HOST_UID=0 (root) is not allowed for the sandbox user: dev gets uid 1000 instead"
    uid=1000
elif (( uid == proxy_uid )); then
    note "HOST_UID=$uid is Squid's proxy user: dev gets uid 1000 instead"
    uid=1000
fi

reserved_gids=" 0 "
for g in root adm tty disk kmem shadow utmp staff sudo proxy; do
    n="$(getent group "$g" | cut -d: -f3)" || continue
    reserved_gids+="$n "
done
if [[ "$reserved_gids" == *" $gid "* ]]; then
    note "HOST_GID=$gid belongs to a privileged group of the image: dev gets gid 1000 instead"
    gid=1000
fi

# Group.
if getent group dev >/dev/null; then
    [[ "$(getent group dev | cut -d: -f3)" == "$gid" ]] || groupmod -g "$gid" dev
else
    other="$(getent group "$gid" | cut -d: -f1 || true)"
    if [[ -n "$other" ]]; then
        note "gid $gid exists as group '$other': renaming it to dev"
        groupmod -n dev "$other"
    else
        groupadd -g "$gid" dev
    fi
fi

# User.
if getent passwd dev >/dev/null; then
    [[ "$(id -u dev)" == "$uid" ]] || usermod -u "$uid" dev
    usermod -g "$gid" -d /home/dev -s /bin/bash dev
else
    other="$(getent passwd "$uid" | cut -d: -f1 || true)"
    if [[ -n "$other" ]]; then
        note "uid $uid exists as user '$other': renaming it to dev"
        usermod -l dev -c dev -g "$gid" -d /home/dev -s /bin/bash "$other"
    else
        useradd -l -u "$uid" -g "$gid" -d /home/dev -s /bin/bash -M dev
    fi
fi

mkdir -p /home/dev/.local/share/opencode /home/dev/.config /home/dev/.cache
[[ -f /home/dev/.bashrc ]] || cp /etc/skel/.bashrc /home/dev/.bashrc 2>/dev/null || touch /home/dev/.bashrc
[[ -f /home/dev/.profile ]] || cp /etc/skel/.profile /home/dev/.profile 2>/dev/null || true
chown -R dev:dev /home/dev
chmod 0750 /home/dev
[[ "$(id -u dev)" == "$uid" && "$(id -g dev)" == "$gid" ]] || fail "dev ended up as $(id dev), expected $uid:$gid"
note "user dev is uid $uid gid $gid"
