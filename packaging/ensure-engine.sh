#!/usr/bin/env bash
# Makes sure a container engine answers: Docker or Podman already working is fine;
# otherwise starts the Docker daemon (systemd, or dockerd directly where there is no
# systemd, e.g. CI or containers). Prints what it did; exits non-zero with the fix if it
# cannot.
set -euo pipefail

if [[ -n "${OCS_ENGINE:-}" && "${OCS_ENGINE}" == *podman* ]]; then
    podman info >/dev/null 2>&1 && { echo "ensure-engine: podman answers."; exit 0; }
    echo "ensure-engine: podman does not answer ('podman info' failed)." >&2; exit 1
fi
if docker info >/dev/null 2>&1; then
    echo "ensure-engine: docker answers."
    exit 0
fi
if ! command -v dockerd >/dev/null 2>&1; then
    if command -v podman >/dev/null 2>&1 && podman info >/dev/null 2>&1; then
        echo "ensure-engine: docker is not there, podman answers (set OCS_ENGINE=podman)."
        exit 0
    fi
    echo "ensure-engine: no container engine answers. Install Docker (packaging/install-deps.sh does) or Podman." >&2
    exit 1
fi
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    echo "ensure-engine: starting docker with systemctl"
    "${sudo_cmd[@]}" systemctl start docker
else
    log=/var/log/ocs-dockerd.log
    echo "ensure-engine: starting dockerd in the background (log: $log)"
    "${sudo_cmd[@]}" bash -c "nohup dockerd >$log 2>&1 &"
fi
for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
        echo "ensure-engine: docker answers."
        exit 0
    fi
    # A non-root user may reach the daemon only through the docker group.
    if "${sudo_cmd[@]}" docker info >/dev/null 2>&1 && [[ $(id -u) -ne 0 ]]; then
        echo "ensure-engine: the docker daemon runs, but you may not use it: add yourself to the docker group (sudo usermod -aG docker \$USER) and log in again." >&2
        exit 1
    fi
    sleep 0.5
done
echo "ensure-engine: dockerd did not come up in 30 s; see /var/log/ocs-dockerd.log or 'journalctl -u docker'." >&2
exit 1
