#!/usr/bin/env bash
# clang-format --dry-run -Werror over every tracked C++ file (*.cpp, *.h) with the
# repository's .clang-format: the tree stays formatted.
# Usage: tests/lint/clang-format.sh SRC [CLANG_FORMAT]
set -euo pipefail
src=$1
tool=${2:-clang-format}
if ! command -v "$tool" >/dev/null 2>&1; then
    echo "lint_clang_format: $tool is not installed (packaging/install-deps.sh --test installs it)" >&2
    exit 1
fi
cd "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files -- '*.cpp' '*.h')
else
    mapfile -t files < <(find . -path './build*' -prune -o -type f \( -name '*.cpp' -o -name '*.h' \) -print)
fi
((${#files[@]} > 0)) || { echo "lint_clang_format: no C++ files found in $src" >&2; exit 1; }
echo "$("$tool" --version) on ${#files[@]} files"
"$tool" --dry-run -Werror "${files[@]}"
echo "all formatted"
