#!/bin/sh
# Replays the kept fuzz inputs through harnesses built without libFuzzer:
# for each target, tests/fuzz/corpus/TARGET/ (seeds and inputs the fuzzer
# found interesting) and tests/fuzz/found/TARGET/ (every input that ever
# crashed or hung). Ends with one line: "fuzz-replay: N passed, N failed",
# N counting targets. Usage: replay.sh BUILD-DIR TARGET...
# Run from the repository's root: the harnesses read config/.
set -u
dir=${1:?usage: replay.sh BUILD-DIR TARGET...}
shift
passed=0 failed=0
for t in "$@"; do
	bin=$dir/replay-$t
	inputs="tests/fuzz/corpus/$t"
	[ -d "tests/fuzz/found/$t" ] && inputs="$inputs tests/fuzz/found/$t"
	# shellcheck disable=SC2086 # the inputs are our own folder names
	if out=$("$bin" $inputs 2>&1); then
		echo "ok - $t: ${out##*
}"
		passed=$((passed + 1))
	else
		rc=$?
		echo "FAIL - $t: exit $rc"
		# Again, naming each input: the last one named is the culprit.
		"$bin" -v $inputs 2>&1 | tail -30 | sed 's/^/  /'
		failed=$((failed + 1))
	fi
done
echo "fuzz-replay: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
