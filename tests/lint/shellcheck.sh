#!/usr/bin/env bash
# ShellCheck over every shell script of the repository (tests/lint/shell-scripts.sh lists
# them; .shellcheckrc holds the settings). Exceptions are made in the scripts, one line at a
# time, with the reason.
# Usage: tests/lint/shellcheck.sh SRC
set -euo pipefail
src=$1
if ! command -v shellcheck >/dev/null 2>&1; then
    echo "lint_shellcheck: shellcheck is not installed (packaging/install-deps.sh --test installs it)" >&2
    exit 1
fi
mapfile -t scripts < <("$src/tests/lint/shell-scripts.sh" "$src")
((${#scripts[@]} > 0)) || { echo "lint_shellcheck: no shell scripts found in $src" >&2; exit 1; }
cd "$src"
echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p') on ${#scripts[@]} scripts"
shellcheck --format=gcc "${scripts[@]}"
echo "no findings"
