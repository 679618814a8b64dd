#!/bin/sh
# Runs each unit test binary given as an argument (a cmocka suite), lets it
# print its own report, and ends with one line for the whole run:
#   unit: N passed, N failed
# where N counts suites. Exits non-zero when any suite failed, crashed or
# could not be run. Run it from the repository root: the tests read
# config/ and tests/data/ relative to it.
if [ $# -eq 0 ]; then
	echo "usage: run-units.sh TEST-BINARY..." >&2
	echo "unit: 0 passed, 0 failed (no test binaries given)"
	exit 2
fi

passed=0
failed=0
failed_names=""
for t in "$@"; do
	echo "== ${t##*/}"
	if [ ! -x "$t" ]; then
		echo "$t: not found or not executable" >&2
		rc=127
	else
		"$t"
		rc=$?
	fi
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failed_names="$failed_names ${t##*/}"
		if [ "$rc" -gt 128 ]; then
			echo "${t##*/}: ended by signal $((rc - 128))" >&2
		fi
	fi
done

[ "$failed" -gt 0 ] && echo "unit: failing suites:$failed_names"
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
