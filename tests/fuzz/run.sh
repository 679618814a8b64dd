#!/bin/sh
# `make fuzz`: runs each libFuzzer harness for FUZZ_SECONDS seconds, up to
# FUZZ_JOBS at a time. The fuzzer's working corpus grows in
# build/fuzz/corpus/TARGET/ (seeded from tests/fuzz/corpus/TARGET/); what
# crashes, hangs (over 30 s for one input: the machine may be busy) or leaks lands in
# build/fuzz/found/TARGET/, to be kept under tests/fuzz/found/TARGET/ once
# fixed so that `make check` replays it. Ends with
# "fuzz: N passed, N failed", N counting targets.
# Usage: run.sh BUILD-DIR SECONDS JOBS TARGET...
set -u
dir=${1:?usage: run.sh BUILD-DIR SECONDS JOBS TARGET...}
secs=${2:?}
jobs=${3:?}
shift 3
log=$dir/log
mkdir -p "$log"
# Leaks in the libraries themselves, each explained in the file.
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

fuzz_one() { # TARGET: runs it; its summary goes to $log/TARGET.sum
	t=$1
	mkdir -p "$dir/corpus/$t" "$dir/found/$t"
	dict= found=
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	[ -d "tests/fuzz/found/$t" ] && found="tests/fuzz/found/$t"
	start=$(date +%s)
	# shellcheck disable=SC2086 # $dict and $found are one word or none
	"$dir/fuzz-$t" $dict -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$dir/found/$t/" \
		"$dir/corpus/$t" "tests/fuzz/corpus/$t" $found >"$log/$t.log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log/$t.log")
	found=$(find "$dir/found/$t" -type f | wc -l)
	cov=$(grep -o 'cov: [0-9]*' "$log/$t.log" | tail -1)
	echo "$rc" >"$log/$t.rc"
	echo "$t: exit $rc, ${runs:-0} inputs in ${took}s, ${cov:-cov: ?}, $found found" >"$log/$t.sum"
}

echo "fuzz: $* for ${secs}s each, $jobs at a time; logs in $log/"
running=0
for t in "$@"; do
	fuzz_one "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait

passed=0 failed=0
for t in "$@"; do
	cat "$log/$t.sum"
	if [ -n "$(find "$dir/found/$t" -type f)" ]; then
		find "$dir/found/$t" -type f | sed 's/^/  found: /'
		failed=$((failed + 1))
	elif [ "$(cat "$log/$t.rc")" -ne 0 ]; then
		echo "  the fuzzer itself failed: see $log/$t.log"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
