# shellcheck shell=bash
# Sourced by the test scripts that need Debian's archive (debootstrap).
# First Debian archive URI of this machine's apt configuration (one-line and deb822
# formats), skipping the security archive. No host name is written in this repository.
find_debian_mirror() {
    local f line u
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [[ -r "$f" ]] || continue
        # SC2094: $f is only matched against patterns inside the loop, never written.
        # shellcheck disable=SC2094
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
