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

# Exports from the demo database: the report in Markdown and HTML, the
# answers as CSV, one region's report.
check export-md 0 run export --format md
check export-csv 0 run export --format csv
check export-html 0 run export --format html
check export-nordland-md 0 run export --region nordland --format md
check export-bad-format 2 run export --format pdf
check export-bad-region 2 run export --region atlantis

verdict() { # NAME: ok when the command that ran last succeeded
	if [ "$?" -eq 0 ]; then
		echo "ok - $1"
		passed=$((passed + 1))
	else
		echo "FAIL - $1"
		failed=$((failed + 1))
	fi
}

# xmllint comes with libxml2-utils.
wellformed() { # FILE: parses as HTML without a single complaint
	command -v xmllint >/dev/null 2>&1 || { echo "  xmllint is missing (libxml2-utils)"; return 1; }
	xmllint --html --noout "$1" 2>"$tmp/xmllint.err" && [ ! -s "$tmp/xmllint.err" ] ||
		{ head -5 "$tmp/xmllint.err"; return 1; }
}
wellformed "$tmp/export-html.out"
verdict export-html-wellformed

# -o writes a file, refuses to replace it unless --force; --bom for Excel.
run export --format csv --bom -o "$tmp/answers.csv" >"$tmp/o1.out" 2>&1 &&
	[ "$(head -c 3 "$tmp/answers.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
	tail -c +4 "$tmp/answers.csv" | cmp -s - "$tmp/export-csv.out" &&
	! run export --format md -o "$tmp/answers.csv" >"$tmp/o2.out" 2>"$tmp/o2.err" &&
	grep -q 'exists already; add --force' "$tmp/o2.err" &&
	tail -c +4 "$tmp/answers.csv" | cmp -s - "$tmp/export-csv.out" &&
	run export --format md -o "$tmp/answers.csv" --force &&
	cmp -s "$tmp/answers.csv" "$tmp/export-md.out" &&
	[ -z "$(find "$tmp" -name '.answers.csv.*')" ]
verdict export-file

# Hostile text: a resolution imported from a survey CSV with markup, quotes,
# a spreadsheet formula and terminal escapes in its answers, then approved.
# It must come out as text in every format (the Agder county's answer is the
# first quote of the national report).
hdb=$tmp/hostile.db
hrun() { "$bin" -c "$cfg" -d "$hdb" --today 2024-02-20 "$@"; }
esc=$(printf '\033') bel=$(printf '\007')
printf '%s\r\n' 'member,received,decided,body,handlingsrom,rekruttering,lokalt' \
	"42,2024-02-19,2024-02-15,\"<script>alert(1)</script> Vedtak ${esc}[31m\",\"<script>alert(1)</script> & \"\"sitert\"\" <b onmouseover=x>${esc}]0;tittel${bel}\",\"=HYPERLINK(\"\"http://x\"\",\"\"klikk\"\")\",Enig" \
	>"$tmp/hostile.csv"
hrun demo >/dev/null && hrun import "$tmp/hostile.csv" >/dev/null &&
	id=$(hrun list --limit "member:42" --format csv | awk -F, 'NR == 2 { print $1 }') &&
	hrun set-status "$id" approved >/dev/null &&
	hrun export --format html >"$tmp/hostile.html" &&
	hrun export --format md >"$tmp/hostile.md" &&
	hrun export --format csv >"$tmp/hostile-answers.csv"
verdict export-hostile-import
wellformed "$tmp/hostile.html" &&
	! grep -q '<script\|<b ' "$tmp/hostile.html" &&
	grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;sitert&quot; &lt;b onmouseover=x&gt;' "$tmp/hostile.html"
verdict export-hostile-html
grep -q '\\<script\\>alert(1)\\</script\\> \\& "sitert" \\<b onmouseover=x\\>' "$tmp/hostile.md" &&
	! grep -q '[^\\]<script\|^<script' "$tmp/hostile.md"
verdict export-hostile-md
grep -qF "\"'=HYPERLINK(\"\"http://x\"\",\"\"klikk\"\")\"" "$tmp/hostile-answers.csv" &&
	grep -qF '"<script>alert(1)</script> & ""sitert"" <b onmouseover=x>' "$tmp/hostile-answers.csv"
verdict export-hostile-csv
! cat "$tmp/hostile.html" "$tmp/hostile.md" "$tmp/hostile-answers.csv" | grep -q "$esc\|$bel"
verdict export-hostile-no-escapes

# check-db: a sound database passes; a search index that lost a document, or
# an answer whose submission is gone, is found and named; --repair makes the
# index anew, and the search finds the document again.
cdb=$tmp/check.db
cp "$db" "$cdb"
crun() { "$bin" -c "$cfg" -d "$cdb" --today 2024-02-20 "$@"; }
hits() { crun list --limit "cycle:all text:kommunestyre" | wc -l; }
crun check-db >"$tmp/check1.out" && grep -qx 'search index: ok' "$tmp/check1.out" &&
	grep -qx 'references: ok' "$tmp/check1.out" && grep -qx 'pages and indexes: ok' "$tmp/check1.out"
verdict check-db-sound
before=$(hits)
sqlite3 "$cdb" "INSERT INTO submission_fts (submission_fts, rowid, body, answers, notes)
	SELECT 'delete', id, body, answers, notes FROM submission_text
	WHERE id = (SELECT min(id) FROM submission WHERE body LIKE '%kommunestyre%')"
lost=$(hits)
! crun check-db >"$tmp/check2.out" && grep -q '^search index: does not match the texts' "$tmp/check2.out" &&
	[ "$lost" -eq $((before - 1)) ]
verdict check-db-finds-index-damage
crun check-db --repair >"$tmp/check3.out" && grep -qx 'search index: ok' "$tmp/check3.out" &&
	[ "$(hits)" -eq "$before" ] && crun log | tail -1 | grep -q 'rebuild-index'
verdict check-db-repair
sqlite3 "$cdb" "INSERT INTO answer (submission_id, cycle_id, question_id, text)
	VALUES (999999, '2024', 'lokalt', 'x')"
! crun check-db >"$tmp/check4.out" &&
	grep -qx 'references: 1 row of answer points to a submission that is not there' "$tmp/check4.out"
verdict check-db-finds-orphans
check check-db-bad-arg 2 run check-db --fix

# Waiting for another writer, and faults of the database's files.
. tests/cli/faults.sh

# Hostile input: every command ends with a message, never a crash.
# A settings file whose first cycle has no id (it once crashed every command,
# check-config too): exit 1, each problem on its line.
"$bin" -c tests/data/settings/bad-missing-ids.cfg check-config >"$tmp/ids.out" 2>"$tmp/ids.err"
[ $? -eq 1 ] && [ ! -s "$tmp/ids.out" ] &&
	grep -qx 'tests/data/settings/bad-missing-ids.cfg:12: "id" is missing' "$tmp/ids.err" &&
	grep -qx 'innspill: 8 problems in the settings; nothing was changed' "$tmp/ids.err"
verdict settings-missing-ids

# A limit of a thousand words: refused as bad use (exit 2) with the
# program's own message, never SQLite's.
many=$(yes late | head -n 1000 | tr '\n' ' ')
run list --limit "$many" >"$tmp/many.out" 2>"$tmp/many.err"
[ $? -eq 2 ] && [ ! -s "$tmp/many.out" ] &&
	grep -qx 'innspill: the limit has 1000 words; at most 50 are allowed' "$tmp/many.err" &&
	! grep -qi 'sqlite\|expression tree' "$tmp/many.err"
verdict limit-too-many-words

# File names and words from the user reach messages escaped: no ESC or BEL
# on the terminal, and a newline in a file name does not break the one-line
# FILE: message.
bad=$(printf 'a\033[31mb\007\nc.eml')
run import "$tmp/$bad" >"$tmp/esc1.out" 2>"$tmp/esc1.err"
[ $? -eq 1 ] && ! grep -q "$esc\|$bel" "$tmp/esc1.err" &&
	grep -qxF "$tmp/a\\e[31mb\\x07\\nc.eml: cannot read: No such file or directory" "$tmp/esc1.err" &&
	[ "$(wc -l <"$tmp/esc1.err")" -eq 2 ]
verdict escape-file-name
run list --limit "$(printf 'x\033]0;t\007')" >"$tmp/esc2.out" 2>"$tmp/esc2.err"
[ $? -eq 2 ] && ! grep -q "$esc\|$bel" "$tmp/esc2.err" &&
	grep -q '^innspill: "x\\e\]0;t\\x07" is not a limit' "$tmp/esc2.err"
verdict escape-limit-word
run status --region "$(printf 'r\033[2J\nx')" >"$tmp/esc3.out" 2>"$tmp/esc3.err"
[ $? -eq 2 ] && ! grep -q "$esc" "$tmp/esc3.err" && [ "$(wc -l <"$tmp/esc3.err")" -eq 1 ] &&
	grep -q '^innspill: no region "r\\e\[2J\\nx"; the codes are: agder ' "$tmp/esc3.err"
verdict escape-region
run export "$(printf 'x\033c')" >"$tmp/esc4.out" 2>"$tmp/esc4.err"
[ $? -eq 2 ] && ! grep -q "$esc" "$tmp/esc4.err" &&
	grep -qx 'innspill: export: unknown argument "x\\ec"' "$tmp/esc4.err"
verdict escape-argument

# An option's value that is an option itself is refused (exit 2), not taken
# as a file name; nothing is written.
refused() { # WANT-MESSAGE COMMAND...: exit 2 with that message, nothing on stdout
	want=$1
	shift
	(cd "$tmp" && "$@" >"$tmp/refused.out" 2>"$tmp/refused.err")
	[ $? -eq 2 ] && [ ! -s "$tmp/refused.out" ] && grep -qxF "$want" "$tmp/refused.err" ||
		{ echo "  $*: $(head -1 "$tmp/refused.err")"; return 1; }
}
acfg=$PWD/$cfg
case $bin in /*) abin=$bin ;; *) abin=$PWD/$bin ;; esac
arun() { "$abin" -c "$acfg" -d "$db" --today 2024-02-20 "$@"; }
refused 'innspill: export: -o needs a value, not the option "-h"' arun export -o -h &&
	refused 'innspill: ical: -o needs a value, not the option "--force"' arun ical -o --force &&
	refused 'innspill: -c needs a value, not the option "-h"' "$abin" -c -h check-config &&
	refused 'innspill: -d needs a value, not the option "--force"' "$abin" -c "$acfg" -d --force &&
	refused 'innspill: list: --limit needs a value' arun list --limit &&
	refused 'innspill: set-status: --note needs a value, not the option "--help"' \
		arun set-status 1 approved --note --help &&
	[ ! -e "$tmp/-h" ] && [ ! -e "$tmp/--force" ]
verdict option-value-is-an-option

# ical -o writes as export -o does: whole, never replacing a file unasked.
run ical -o "$tmp/plan.ics" && run ical --region agder -o "$tmp/plan.ics" 2>"$tmp/ical.err"
[ $? -eq 1 ] && grep -qx "innspill: $tmp/plan.ics exists already; add --force to replace it" "$tmp/ical.err" &&
	cmp -s "$tmp/plan.ics" "$tmp/all.ics" &&
	run ical --region agder -o "$tmp/plan.ics" --force && cmp -s "$tmp/plan.ics" "$tmp/ical-agder.out" &&
	[ -z "$(find "$tmp" -name '.plan.ics.*')" ]
verdict ical-file

# Text from the settings and the register reaches the output inert too.
sed "s|Bodø|Bod${esc}]0;x${bel}ø|" config/kommuner-2024.csv >"$tmp/kommuner.csv"
sed -e "s|title = \"Debatthefte 2024\"|title = \"Debatthefte${esc}[2J${bel}\"|" \
	-e "s|\"kommuner-2024.csv\"|\"$tmp/kommuner.csv\"|" \
	-e "s|\"fylker-2024.csv\"|\"$PWD/config/fylker-2024.csv\"|" "$cfg" >"$tmp/esc.cfg"
"$bin" -c "$tmp/esc.cfg" check-config >"$tmp/esc5.out" 2>&1 &&
	! grep -q "$esc\|$bel" "$tmp/esc5.out" &&
	grep -q '^  cycle 2024 "Debatthefte\\e\[2J\\x07": sent 2023-11-01' "$tmp/esc5.out"
verdict escape-settings-text
"$bin" -c "$tmp/esc.cfg" -d "$tmp/esc.db" --today 2024-02-20 list --limit "missing member:1804" \
	--format csv >"$tmp/esc6.out" 2>&1 &&
	! grep -q "$esc\|$bel" "$tmp/esc6.out" && grep -q '^,1804,Bod.*]0;x.*ø,nordland,' "$tmp/esc6.out"
verdict escape-list-csv

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
