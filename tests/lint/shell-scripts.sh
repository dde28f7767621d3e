#!/usr/bin/env bash
# Lists the repository's shell scripts, one a line (relative to the source folder SRC): every
# *.sh, and files without an extension whose first line runs a shell or that declare
# `# shellcheck shell=...` (docker/ocs-*, .ci/run, packaging/appimage/AppRun).
# Usage: tests/lint/shell-scripts.sh SRC
set -euo pipefail
cd "$1"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files)
else
    mapfile -t files < <(find . -path ./.git -prune -o -path './build*' -prune -o -type f -print | sed 's|^\./||')
fi
for f in "${files[@]}"; do
    [[ -f "$f" ]] || continue
    case "${f##*/}" in
        *.sh) echo "$f" ;;
        *.*) ;;
        *) head -n 3 "$f" | grep -qE '^#!.*(/|env )(ba)?sh( |$)|^#!/usr/local/lib/ocs/ocs-root-sh|^# shellcheck shell=' && echo "$f" ;;
    esac
done
exit 0
