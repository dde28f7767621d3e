# shellcheck shell=bash
# shellcheck disable=SC2034 # variables used by the scripts that source this
# Shared by ocs-entrypoint and ocs-dev-exec (sourced, bash). Never evaluates
# the contents of any environment variable.

OCS_PROXY_URL="http://127.0.0.1:3128"
OCS_NO_PROXY="localhost,127.0.0.1,docker.host"
OCS_DEV_PATH="/home/dev/.local/share/mise/shims:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
OCS_READY_FILE="/run/ocs/ready"

ocs_die() {
    echo "ocs-entrypoint: $*" >&2
    OCS_DIED=1
    exit 1
}

# Workspace: OCS_WORKSPACE (absolute, existing directory), else the cwd.
ocs_workspace() {
    local ws="${OCS_WORKSPACE:-}"
    if [[ -z "$ws" ]]; then
        ws="$(pwd -P)" || ocs_die "cannot determine the working directory"
    fi
    [[ "$ws" == /* ]] || ocs_die "OCS_WORKSPACE '$ws' is not an absolute path"
    [[ "$ws" != *$'\n'* ]] || ocs_die "OCS_WORKSPACE contains a newline"
    [[ -d "$ws" ]] || ocs_die "workspace '$ws' is not a directory (is the project mounted?)"
    printf '%s' "$ws"
}

# Fills the global array OCS_DEV_ENV with NAME=VALUE words for dev: the fixed
# variables, then every variable of this process except OCS_*, the fixed ones
# and shell/login bookkeeping.
ocs_build_dev_env() {
    local ws="$1" name
    OCS_DEV_ENV=(
        "HOME=/home/dev" "USER=dev" "LOGNAME=dev" "SHELL=/bin/bash"
        "PATH=$OCS_DEV_PATH" "PWD=$ws"
        "http_proxy=$OCS_PROXY_URL" "https_proxy=$OCS_PROXY_URL"
        "HTTP_PROXY=$OCS_PROXY_URL" "HTTPS_PROXY=$OCS_PROXY_URL"
        "NO_PROXY=$OCS_NO_PROXY" "no_proxy=$OCS_NO_PROXY"
        "MISE_TRUSTED_CONFIG_PATHS=$ws"
    )
    while IFS= read -r name; do
        case "$name" in
            OCS_*|HOME|USER|LOGNAME|SHELL|PATH|PWD|OLDPWD|SHLVL|_|\
            http_proxy|https_proxy|HTTP_PROXY|HTTPS_PROXY|NO_PROXY|no_proxy|\
            ALL_PROXY|all_proxy|FTP_PROXY|ftp_proxy|MISE_TRUSTED_CONFIG_PATHS|\
            BASH_ENV|ENV|BASHOPTS|SHELLOPTS|BASH_FUNC_*)
                continue ;;
        esac
        [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
        OCS_DEV_ENV+=("$name=${!name}")
    done < <(compgen -e)
}

# Replaces this process with CMD run as dev: no capabilities (bounding set
# emptied too), no_new_privs, clean environment, cwd = workspace.
ocs_exec_as_dev() {
    local ws="$1"; shift
    ocs_build_dev_env "$ws"
    exec /usr/bin/env -i "${OCS_DEV_ENV[@]}" \
        /usr/bin/setpriv --reuid=dev --regid=dev --init-groups \
            --inh-caps=-all --ambient-caps=-all --bounding-set=-all --no-new-privs \
            -- /usr/bin/env --chdir="$ws" -- "$@"
}
