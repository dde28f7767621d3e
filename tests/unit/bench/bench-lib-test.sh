#!/usr/bin/env bash
# Unit test of bench/lib.sh's arithmetic: median (odd, even, unsorted, none), min/max, ratio
# (also against a floor of 0: JSON null, never "nan"), compare, and that emit_result's RESULT
# lines are valid JSON with the expected fields (python3's json module checks them).
#
# Usage: bench-lib-test.sh PATH/TO/bench/lib.sh
set -uo pipefail
# shellcheck source=../../../bench/lib.sh
source "${1:?usage: bench-lib-test.sh PATH/TO/bench/lib.sh}"
failures=0
expect() {
    if [[ "$2" == "$3" ]]; then echo "ok   $1"; else echo "FAIL $1: expected '$2', got '$3'"; failures=$((failures + 1)); fi
}
expect "median of an odd count, unsorted" 2.0000 "$(median 3 1 2)"
expect "median of an even count: mean of the middle two" 2.5000 "$(median 4 1 3 2)"
expect "median sorts numerically (not as text)" 9.0000 "$(median 10 9 8.5)"
expect "median of one value" 0.1230 "$(median 0.123)"
expect "median of nothing is null" null "$(median)"
expect "min_of" -1 "$(min_of 3 -1 2)"
expect "max_of, numerically" 10 "$(max_of 9 10 2)"
expect "ratio" 1.500 "$(ratio 3 2)"
expect "ratio against a floor of 0 is null" null "$(ratio 3 0)"
expect "ratio against a floor of 0.000 is null" null "$(ratio 3 0.000)"
expect "ratio of a non-number is null" null "$(ratio nan 2)"
expect "ratio with an exponent" 2.000 "$(ratio 2e-3 1e-3)"
compare 1 '<' 2 && r=yes || r=no
expect "compare 1 < 2" yes "$r"
compare 2 '<=' 1.5 && r=yes || r=no
expect "compare 2 <= 1.5" no "$r"
expect "json_string escapes quotes, backslashes, newlines" '"a\"b\\c\n"' "$(json_string $'a"b\\c\n')"

# check_json LINE EXPRESSION: the RESULT line is JSON and the Python EXPRESSION (on d) holds.
check_json() {
    local what=$1 line=$2 expr=$3
    [[ "$line" == "RESULT {"* ]] || { expect "$what: a RESULT line" "RESULT {...}" "$line"; return; }
    local r
    r=$(python3 -c 'import json, sys
d = json.loads(sys.argv[1])
print("yes" if eval(sys.argv[2]) else "no: " + json.dumps(d))' "${line#RESULT }" "$expr" 2>&1)
    expect "$what" yes "$r"
}
line=$(emit_result live_allow ms '< 1000 ms' true 300 100 200 400 500)
check_json "emit_result without a floor" "$line" \
    'd["figure"] == "live_allow" and d["median"] == 300 and d["min"] == 100 and d["max"] == 500 and d["samples"] == [300, 100, 200, 400, 500] and "ratio" not in d and d["pass"] is True'
line=$(emit_result proxy_cost ms '<= 2 ms added' false 4 6 5 -- 2 2 3)
check_json "emit_result with a floor: floor median and ratio" "$line" \
    'd["floor_median"] == 2 and d["ratio"] == 2.5 and d["pass"] is False and d["floor_samples"] == [2, 2, 3]'
line=$(emit_result zero_floor s '"quoted" target' true 1 2 3 -- 0 0 0)
check_json "emit_result with a floor of 0: valid JSON, ratio null, target kept" "$line" \
    'd["ratio"] is None and d["target"] == "\"quoted\" target"'
line=$(BENCH_NOTE=$'why\tit missed' emit_result noted s x maybe 1 2 3)
check_json "emit_result: a note, and pass other than true/false becomes null" "$line" \
    'd["note"] == "why\tit missed" and d["pass"] is None'
if ((failures)); then echo "$failures failed"; exit 1; fi
echo "all passed"
