#!/bin/sh
# Command-line tests: each command's output from the demo database with a
# pinned date is compared with a golden file in tests/golden/. Run with
# --update to write the golden files anew (then read the diff before you
# commit it).
set -u
bin=${1:?usage: run.sh BINARY [--update]}
update=${2:-}
golden=tests/golden
tmp=$(mktemp -d /tmp/innspill-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
db=$tmp/demo.db
cfg=config/innspill.cfg
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Europe/Oslo
unset LANGUAGE
run() { "$bin" -c "$cfg" -d "$db" --today 2024-02-20 "$@"; }
passed=0 failed=0

check() { # NAME EXPECTED-EXIT COMMAND...
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	if [ "$update" = --update ]; then
		cp "$tmp/$name.out" "$golden/$name.out"
	fi
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL - $name: exit $rc, expected $want"
		sed 's/^/  stderr: /' "$tmp/$name.err" | head -5
		failed=$((failed + 1))
	elif ! diff -u "$golden/$name.out" "$tmp/$name.out" >"$tmp/$name.diff"; then
		echo "FAIL - $name: output differs from $golden/$name.out"
		head -40 "$tmp/$name.diff"
		failed=$((failed + 1))
	else
		echo "ok - $name"
		passed=$((passed + 1))
	fi
}

run demo >/dev/null || { echo "cli: the demo database could not be made"; exit 1; }
check status 0 run status
check status-region 0 run status --region troms-og-finnmark
check status-ascii 0 env LC_ALL=C LANG=C "$bin" -c "$cfg" -d "$db" --today 2024-02-20 status
check missing 0 run missing --region nordland
check missing-csv 0 run missing --format csv
check ical-agder 0 run ical --region agder
check list-limit 0 run list --limit "region:rogaland late"
check list-csv 0 run list --limit "region:rogaland" --format csv
check check-config 0 "$bin" -c "$cfg" check-config

# Bad use says what is wrong, exits 2, prints nothing on stdout.
check bad-region 2 run status --region atlantis
check bad-format 2 run missing --format xml
check bad-command 2 run frobnicate

# The calendar: CRLF line ends, no line over 75 octets, one UID per event.
run ical >"$tmp/all.ics"
if [ "$(grep -c "$(printf '\r')$" "$tmp/all.ics")" -ne "$(wc -l <"$tmp/all.ics")" ] ||
	[ "$(LC_ALL=C awk '{ if (length($0) > 76) n++ } END { print n + 0 }' "$tmp/all.ics")" -ne 0 ] ||
	[ "$(grep -c '^UID:' "$tmp/all.ics")" -ne "$(grep '^UID:' "$tmp/all.ics" | sort -u | wc -l)" ] ||
	[ "$(grep -c '^BEGIN:VEVENT' "$tmp/all.ics")" -ne 44 ]; then
	echo "FAIL - ical-format: line ends, folding, UIDs or event count wrong"
	failed=$((failed + 1))
else
	echo "ok - ical-format"
	passed=$((passed + 1))
fi

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
