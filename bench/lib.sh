# shellcheck shell=bash
# Shared helpers for the benchmark scripts in bench/ (sourced, not run).
#
# Every figure is a set of samples (at least 5) and, where it has one, a floor: the same
# work without our additions, measured in the same run. Machines here are shared and noisy,
# so the result that counts is the ratio of the medians, not the absolute time.
#
# A figure script prints one line per figure on stdout:
#   RESULT {"figure":"start_to_ready","unit":"s","samples":[...],"median":..,"min":..,"max":..,
#           "floor_samples":[...],"floor_median":..,"ratio":..,"target":"<= 1.15 x floor","pass":true}
# and anything else (progress, explanations) on stderr. bench/run-bench.sh collects the
# RESULT lines into the result file.

# now_s: wall clock in seconds with nanoseconds (for differences).
now_s() { date +%s.%N; }

# elapsed_s START: seconds since START (from now_s), 3 decimals.
elapsed_s() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.3f", b - a }'; }

# median VALUES...: the median (mean of the middle two for an even count); null without values.
median() {
    (($#)) || { echo null; return; }
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) { print "null"; exit }
              if (NR % 2) printf "%.4f\n", v[(NR + 1) / 2];
              else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# min_of / max_of VALUES... (null without values)
min_of() { (($#)) || { echo null; return; }; printf '%s\n' "$@" | sort -g | head -n 1; }
max_of() { (($#)) || { echo null; return; }; printf '%s\n' "$@" | sort -g | tail -n 1; }

# ratio A B: A / B with 3 decimals; null (valid JSON) when B is 0 or either is not a number.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        num = "^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$"
        if (a !~ num || b !~ num || b + 0 == 0) print "null"; else printf "%.3f\n", a / b }'
}

# json_string TEXT: TEXT as a JSON string (quotes, backslashes and control characters escaped).
json_string() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\t'/\\t}
    s=${s//$'\r'/\\r}
    s=${s//$'\n'/\\n}
    printf '"%s"' "$s"
}

# compare A OP B (OP one of < <= > >=): exit status of the numeric comparison.
compare() { awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN {
    r = (op == "<") ? a < b : (op == "<=") ? a <= b : (op == ">") ? a > b : a >= b; exit !r }'; }

# json_array VALUES...: [v1,v2,...]
json_array() { local IFS=,; printf '[%s]' "$*"; }

# emit_result FIGURE UNIT TARGET_TEXT PASS(true|false|null) SAMPLES -- [FLOOR_SAMPLES]
# Prints the RESULT line. With floor samples, median/ratio are computed against the floor.
# BENCH_NOTE (optional, environment): a short explanation added as "note".
emit_result() {
    local figure=$1 unit=$2 target=$3 pass=$4
    shift 4
    case "$pass" in true | false | null) ;; *) pass=null ;; esac
    local samples=() floor=() in_floor=0 v
    for v in "$@"; do
        if [[ "$v" == "--" ]]; then in_floor=1; continue; fi
        if ((in_floor)); then floor+=("$v"); else samples+=("$v"); fi
    done
    local med; med=$(median "${samples[@]}")
    local line
    line=$(printf '{"figure":%s,"unit":%s,"samples":%s,"median":%s,"min":%s,"max":%s' \
        "$(json_string "$figure")" "$(json_string "$unit")" "$(json_array "${samples[@]}")" "$med" \
        "$(min_of "${samples[@]}")" "$(max_of "${samples[@]}")")
    if ((${#floor[@]})); then
        local fmed; fmed=$(median "${floor[@]}")
        line+=$(printf ',"floor_samples":%s,"floor_median":%s,"ratio":%s' \
            "$(json_array "${floor[@]}")" "$fmed" "$(ratio "$med" "$fmed")")
    fi
    line+=$(printf ',"target":%s,"pass":%s' "$(json_string "$target")" "$pass")
    [[ -n "${BENCH_NOTE:-}" ]] && line+=$(printf ',"note":%s' "$(json_string "$BENCH_NOTE")")
    line+='}'

    echo "RESULT $line"
}

# bench_log MESSAGE...: progress on stderr.
bench_log() { echo "bench: $*" >&2; }
