#!/usr/bin/env bash
# with-keyring.sh TEST [ARGS...]
#
# Runs TEST inside a private D-Bus session with an unlocked gnome-keyring (a Secret Service
# for QtKeychain) and a throwaway HOME / XDG folders, so it never sees or changes the
# user's own keyring. Used by CTest for tst_passwordstore_keychain.
#
# When something it needs is missing, TEST still runs, with OCS_KEYRING_UNAVAILABLE set to
# the reason: the test then skips loudly and exits with 77 (CTest: "skipped").
set -u

if [ $# -lt 1 ]; then
    echo "usage: $0 TEST [ARGS...]" >&2
    exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocs-keyring.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/home" "$tmp/runtime"
export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_CACHE_HOME="$tmp/home/.cache"
export XDG_RUNTIME_DIR="$tmp/runtime"
export OCS_KEYRING_WRAPPED=1
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL OCS_KEYCHAIN

missing=()
for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    reason="not installed: ${missing[*]} (Debian/Ubuntu: apt install dbus gnome-keyring libsecret-tools)"
    echo "with-keyring.sh: *** $reason: the keychain test cannot run ***" >&2
    OCS_KEYRING_UNAVAILABLE="$reason" "$@"
    exit $?
fi

# gnome-keyring-daemon --unlock reads the login keyring's password on stdin (creating the
# keyring the first time) and starts the Secret Service on the session bus.
dbus-run-session -- bash -c '
    if ! echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
        export OCS_KEYRING_UNAVAILABLE="gnome-keyring-daemon --unlock failed"
    fi
    exec "$@"' -- "$@"
exit $?
