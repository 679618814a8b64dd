#!/bin/sh
# The end of `make check`: the suites have run, each into DIR/SUITE.log with
# its exit status in DIR/SUITE.rc and its time in DIR/SUITE.time. Appends
# every suite's log to LOG (after the build's commands), prints the failing
# suites' failures in full (their passing tests' lines left out), where the
# logs are, and last one line per suite: the suite's own summary line
# ("unit: N passed, N failed", ...), the normal build's first, then the
# sanitizer build's. A suite run in parts (tui-1, tui-2) gets one line, its
# parts' counts added up. Exits 1 when a suite failed or did not say how it went.
# Usage: check-report.sh DIR LOG SUITE...
set -u
dir=${1:?usage: check-report.sh DIR LOG SUITE...}
log=${2:?usage: check-report.sh DIR LOG SUITE...}
shift 2
suites=$*
bad=0

# The failing suite's log without what passed: "ok - " lines, cmocka's lines
# for tests that ran well, each test's time, and a "== PROGRAM" heading with
# nothing left under it.
failures()
{
	LC_ALL=C awk '
		/^ok - / || /^\[ +(RUN|OK|PASSED) +\]/ || /^\[=+\]/ || /^# [^ ]+ took [0-9]+ s$/ { next }
		/^== / { head = $0; next }
		{ if (head != "") { print head; head = "" } print "  " $0 }' "$1"
}

# The parts of SUITE that ran: SUITE itself, or SUITE-1, SUITE-2...
parts()
{
	for _s in $suites; do
		case $_s in
		"$1" | "$1"-[0-9]*) echo "$_s" ;;
		esac
	done
}

# summary SUITE: the suite's summary line(s), the counts of its parts added.
summary()
{
	_name=$1 _p=0 _f=0 _prefix= _missing=
	for _s in $(parts "$1"); do
		_line=$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$dir/$_s.log" | tail -n 1)
		if [ -z "$_line" ]; then
			_missing="$_missing $_s"
			continue
		fi
		_prefix=${_line%%:*}
		set -- $(printf '%s\n' "$_line" | sed -E 's/^[a-z-]+: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/')
		_p=$((_p + $1)) _f=$((_f + $2))
	done
	case $_name in
	*unit)
		# cmocka's own counts, over all the test programs.
		LC_ALL=C awk '/^\[  PASSED  \] [0-9]+ test/ { p += $4 }
			/^\[  FAILED  \] [0-9]+ test/ { f += $4 }
			END { printf "cmocka: %d passed, %d failed\n", p, f }' "$dir/$_name.log" ;;
	esac
	[ -n "$_prefix" ] && echo "$_prefix: $_p passed, $_f failed"
	[ -n "$_missing" ] && echo "$_name: no summary line from$_missing (see $dir/${_missing# }.log)"
}

# Every suite's log into the whole log, in the order they are listed.
for s in $suites; do
	rc=$(cat "$dir/$s.rc" 2>/dev/null || echo '?')
	{
		echo
		echo "==== $s: exit $rc, $(cat "$dir/$s.time" 2>/dev/null || echo '?') s"
		cat "$dir/$s.log" 2>/dev/null
	} >>"$log"
done

# The failures, in full.
for s in $suites; do
	rc=$(cat "$dir/$s.rc" 2>/dev/null || echo '?')
	[ "$rc" = 0 ] && continue
	bad=1
	echo "---- $s failed (exit $rc); its whole output: $dir/$s.log"
	failures "$dir/$s.log"
done

echo "check: the whole output (build commands, every test): $log; each suite's: $dir/SUITE.log"
# cpu SUITE: the processor time its processes took, user and system added,
# in whole seconds (from the shell's `times`: "0m1.50s 0m0.25s").
cpu()
{
	[ -f "$dir/$1.cpu" ] || { echo "?"; return; }
	LC_ALL=C awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); t += a[1] * 60 + a[2] }
		printf "%.0f", t }' "$dir/$1.cpu"
}
echo "check: time per suite (s, wall/processor):$(for s in $suites; do printf ' %s %s/%s' "$s" "$(cat "$dir/$s.time")" "$(cpu "$s")"; done)"
# One line per suite, the normal build's first.
asan=
for s in $suites; do
	case $s in asan-*) asan=1 ;; esac
done
for name in po man layers unit fuzz cli tui; do
	[ -n "$(parts "$name")" ] || continue
	case $name in
	po | man)
		rc=$(cat "$dir/$name.rc")
		if [ "$rc" = 0 ]; then cat "$dir/$name.log"; else echo "$name: failed (exit $rc)"; fi ;;
	*) summary "$name" ;;
	esac
done | grep -v '^make'
if [ -n "$asan" ]; then
	echo "== under AddressSanitizer and UndefinedBehaviorSanitizer =="
	for name in asan-unit asan-fuzz asan-cli asan-tui; do
		[ -n "$(parts "$name")" ] && summary "$name"
	done
fi
# A suite that did not say how it went has failed, whatever its exit status.
for s in $suites; do
	case $s in po | man) continue ;; esac
	grep -Eq '^[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$dir/$s.log" || bad=1
done
exit "$bad"
