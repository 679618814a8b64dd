#!/bin/sh
# Terminal tests: runs the real program in a private tmux server and checks
# what the screen shows. POSIX sh. Run from anywhere, usually as
#   sh tests/tui/run.sh build/innspill [TEST...]
# (make check-tui; make check-asan runs it on build/asan/innspill). With TEST
# names only those run; with --part K/N (before any names) every Nth test
# from the Kth. Prints "ok - NAME" or "FAIL - NAME" per test, the screen and
# what was expected for a failure, and last
#   tui: N passed, N failed
# Exits 1 when a test failed. TUI_TIMEOUT (seconds) sets how long a wait
# polls before it fails: 5, or 10 for a sanitizer build.
#
# The demo data set is deterministic for --today 2024-02-20; the numbers
# below were read from its screens (and the Agder counts are checked against
# the database with sqlite3 when it is installed). When the demo changes,
# update them.

if [ $# -lt 1 ]; then
	echo "usage: sh tests/tui/run.sh BINARY [TEST...]" >&2
	echo "tui: 0 passed, 0 failed (no binary given)"
	exit 2
fi
. "$(dirname "$0")/lib.sh"
tui_init "$1"
shift

TABS='^ 1 Timeline  2 Inbox  3 Answers +Debatthefte 2024$'
# With no message, the right of the status line tells the nearest milestone
# within a reminder's lead time ("Trøndelag: county board today").
REMINDER_RE='( .*)?'
LOGIN_RE=$(regex_quote "$TUI_LOGIN")

# --- 1. the Timeline pane -------------------------------------------------------
# The regions as the 80-column screen shows them (a long name is cut with …).
REGIONS_80="Agder|Innlandet|Møre og Romsdal|Nordland|Rogaland|Troms og Finnmark|Trøndelag|Vestfold og Telem…|Vestland|Viken"

test_timeline()
{
	make_demo
	start_tui
	wait_for "DEMO"
	assert_line 1 "$TABS"
	assert_line 2 '^ Region +.* +Recd\. +Late +Miss$'
	# Every region in the settings' order, the first selected.
	_i=3
	_IFS=$IFS
	IFS='|'
	for _r in $REGIONS_80; do
		IFS=$_IFS
		assert_line $_i "^[> ]$(regex_quote "$_r") "
		_i=$((_i + 1))
	done
	IFS=$_IFS
	assert_line 13 '^$'
	# The demo's counts: received/expected, late, missing, and ! past due.
	assert_line 3 '^>Agder .* 19/26    2    7 !$'
	assert_line 4 '^ Innlandet .* 28/47    3   19 !$'
	assert_line 5 '^ Møre og Romsdal .* 22/28    2    6 !$'
	assert_line 8 '^ Troms og Finnmark .* 34/41    2    7 !$'
	assert_line 11 '^ Vestland .* 22/44    0   22 \*$'
	assert_line 12 '^ Viken .* 41/54    4   13 !$'
	assert_line 20 '^ Agder: next is strategy conference 01\.–02\.03 \(in 10 days\)'
	assert_line 23 '^ Enter region  u upcoming .* \? help$'
	assert_line 24 "^ $LOGIN_RE \\(.*\\)  Timeline  today 20\\.02\\.2024  DEMO$REMINDER_RE\$"
	# The columns line up whatever the letters in the names (ø is two bytes
	# but one column): names start in column 2, the strips start in one
	# column, the counts end under the end of "Recd.", "Late" and "Miss".
	capture
	head=$(line 2)
	assert_aligned 3 12 '[^ >]' 2
	strip=$(columns "$(line 3)" | LC_ALL=C awk '{ match(substr($0, 8), /[^ ]/); print RSTART + 7 }')
	bad=$(columns "$SCREEN" | S=$strip LC_ALL=C awk 'NR >= 3 && NR <= 12 &&
		!(substr($0, ENVIRON["S"] - 1, 1) == " " && substr($0, ENVIRON["S"], 1) != " ") {
			print "line " NR ": " $0 }')
	[ -z "$bad" ] || fail "the strips start in column $strip on every row" "$bad"
	assert_aligned 3 12 '[0-9]+/[0-9]+' "$(end_of "$head" Recd.)" end
	assert_aligned 3 12 '[0-9]+/[0-9]+ +[0-9]+' "$(end_of "$head" Late)" end
	assert_aligned 3 12 '[0-9]+/[0-9]+ +[0-9]+ +[0-9]+' "$(end_of "$head" Miss)" end
	# The received and expected counts are the database's.
	if command -v sqlite3 >/dev/null 2>&1; then
		db=$(sqlite3 "$TDB" "
			SELECT SUM(e.expected AND EXISTS (SELECT 1 FROM submission s
				WHERE s.cycle_id = e.cycle_id AND s.member = e.member))
			       || '/' || SUM(e.expected)
			  FROM expected e JOIN member m ON m.number = e.member
			  JOIN region_county rc ON rc.county = m.county
			 WHERE e.cycle_id = '2024' AND rc.region_code = 'agder'") ||
			fail "sqlite3 could read $TDB"
		[ "$db" = "19/26" ] ||
			fail "the database has 19 of Agder's 26 expected members answered (as the screen shows)" \
				"sqlite3 says $db"
	else
		echo "# $TNAME: sqlite3 is not installed; the database cross-check was skipped"
	fi
	send q
	wait_exit 0
}

# --- 2. the Inbox pane ------------------------------------------------------------
test_inbox()
{
	make_demo
	start_tui
	wait_for "DEMO"
	send 2
	assert_line 2 '^ +No\. Member +Region +Received +Status +Reviewer$'
	assert_line 3 '^> *N +219 Tromsø +Troms og Finnma… 20\.02\.2024 new +LATE$'
	assert_line 4 '^  *N +245 Gamvik '
	assert_line 22 '^ 1 of 260  91 new '
	assert_line 24 "^ $LOGIN_RE \\(.*\\)  Inbox  today 20\\.02\\.2024  DEMO$REMINDER_RE\$"
	capture
	head=$(line 2)
	# Names with ø, æ, á (and the Sami double names) keep the columns.
	received=$(col_of "$head" Received)
	assert_aligned 3 21 '[0-9][0-9]\.[0-9][0-9]\.20[0-9][0-9]' "$received"
	region=$(col_of "$head" Region)
	member=$(col_of "$head" Member)
	for pair in "Deatnu - Tana:Troms og Finnma" "Tromsø:Troms og Finnma" "Bømlo:Vestland" \
		"Sør-Varanger:Troms og Finnma" "Bygland:Agder"; do
		name=${pair%%:*} reg=${pair#*:}
		row=$(printf '%s\n' "$SCREEN" | grep -F " $name " | head -n 1)
		[ -n "$row" ] || fail "a row for $name"
		[ "$(col_of "$row" " $name ")" -eq $((member - 1)) ] ||
			fail "$name starts in the Member column ($member)" "row: $row"
		[ "$(col_of "$row" " $reg")" -eq $((region - 1)) ] ||
			fail "$name's region $reg starts in the Region column ($region)" "row: $row"
	done
	send j
	assert_line 4 '^> *N +245 Gamvik '
	assert_line 3 '^  *N +219 Tromsø '
	assert_line 22 '^ 2 of 260 '
	send G
	assert_line 22 '^ 260 of 260 '
	assert_line 21 '^> *N +214 Ørland +Trøndelag +10\.01\.2024 new'
	# The Sami names at the end of the list keep the columns too.
	capture
	assert_aligned 3 21 '[0-9][0-9]\.[0-9][0-9]\.20[0-9][0-9]' "$received"
	row=$(printf '%s\n' "$SCREEN" | grep -F "Hábmer - Hamarøy")
	[ -n "$row" ] && [ "$(col_of "$row" " Nordland")" -eq $((region - 1)) ] ||
		fail "a row for Hábmer - Hamarøy with Nordland in the Region column ($region)" "row: $row"
	send g
	assert_line 3 '^> *N +219 Tromsø '
	assert_line 22 '^ 1 of 260 '
	send q
	wait_exit 0
}

# --- 3. the Answers pane ------------------------------------------------------------
test_answers()
{
	make_demo
	start_tui
	wait_for "DEMO"
	send 3
	assert_line 2 '^   # Question +Kind +Answered +Approved$'
	assert_line 3 '^>  1 Handlingsrom +text +244 +127$'
	assert_line 4 '^   2 Prioritering i oppgjøret +choice +227 +117$'
	assert_line 5 '^   3 Rekruttering +text +239 +123$'
	assert_line 6 '^   4 Lokale forhandlinger +choice +247 +129$'
	assert_line 7 '^   5 Ungt utenforskap +text +231 +121$'
	# Below the list the selected question's text, and what is counted.
	assert_line 9 '^ Har vi tilstrekkelig handlingsrom for omstilling\? +\[approved answers'
	assert_line 24 "^ $LOGIN_RE \\(.*\\)  Answers  today 20\\.02\\.2024  DEMO$REMINDER_RE\$"
	send j
	assert_line 4 '^>  2 Prioritering i oppgjøret '
	assert_line 9 '^ Hvilken gruppe bør prioriteres høyest i lønnsoppgjøret 2024\? +\[approved'
	# A choice question: each option per region, and for the nation (the
	# approved answers: 45 + 47 + 25 = 117, as the list says).
	assert_line 11 '^ Region +Lærere +Sykepleiere +Generelt tillegg$'
	assert_line 12 '^ Agder +[0-9]+ '
	assert_line 22 '^ Nation +45 .* 38% +47 .* 40% +25 .* 21%$'
	if command -v sqlite3 >/dev/null 2>&1; then
		db=$(sqlite3 "$TDB" "SELECT group_concat(n, '/') FROM (SELECT a.choice, COUNT(*) AS n
			FROM answer a JOIN submission s ON s.id = a.submission_id
			WHERE a.question_id = 'prioritering' AND s.status = 'approved' AND s.current = 1
			GROUP BY a.choice ORDER BY a.choice)")
		[ "$db" = "25/45/47" ] ||
			fail "the database has 25, 45 and 47 approved answers per option" "sqlite3 says $db"
	fi
	send q
	wait_exit 0
}

# --- 4. keys: Tab, Shift-Tab, help, redraw, quit --------------------------------
test_keys()
{
	make_demo
	start_tui
	wait_for "DEMO"
	send Tab
	assert_line 24 '  Inbox  today '
	assert_line 2 '^ +No\. Member '
	send Tab
	assert_line 24 '  Answers  today '
	assert_line 2 '^ +# Question '
	send Tab
	assert_line 24 '  Timeline  today '
	assert_line 2 '^ Region '
	send BTab
	assert_line 24 '  Answers  today '
	assert_line 2 '^ +# Question '
	save_screen "$T/answers"
	# ? opens the help over the pane; ?, q and Esc close it.
	send '?'
	wait_for "Everywhere"
	assert_screen_contains "In lists"
	assert_screen_contains "quit"
	assert_screen_contains "move down"
	assert_line 1 "$TABS"
	assert_line 23 'q close'
	send '?'
	assert_lines_equal "$T/answers"
	assert_not_contains "Everywhere"
	send '?'
	wait_for "Everywhere"
	send q
	assert_lines_equal "$T/answers"
	send F1
	wait_for "Everywhere"
	send Escape
	assert_lines_equal "$T/answers"
	send C-l
	assert_lines_equal "$T/answers"
	# A key with no binding says so on the status line (what fits of it),
	# and the next key clears it.
	send Z
	assert_line 24 ' That key '
	send j
	assert_line 4 '^>  2 Prioritering i oppgjøret '
	assert_not_contains "That key does nothing"
	send q
	wait_exit 0
}

# Each key shows once in the help: two bindings with the same name (Enter
# and the keypad's Enter) are one key to the reader.
test_help_keys()
{
	make_demo
	start_tui
	wait_for "DEMO"
	send '?'
	wait_for "Everywhere"
	pages=0
	: >"$T/help"
	while [ $pages -lt 30 ]; do
		capture
		printf '%s\n' "$SCREEN" | sed '1d; $d' | sed '$d' >>"$T/help"
		# The last page: Space changes nothing.
		before=$SCREEN
		send Space
		poll_until 'capture; [ "$SCREEN" != "$before" ]' "$TUI_SHORT" || break
		pages=$((pages + 1))
	done
	grep -q "Inbox" "$T/help" || fail "the help has an Inbox section" "$(cat "$T/help")"
	dup=$(LC_ALL=C grep -E '^   ([^ ,]+), \1( |,)' "$T/help")
	[ -z "$dup" ] || fail "no key listed twice on a help line" "$dup"
	send q
	assert_line 2 '^ Region '
	send q
	wait_exit 0
}

# --- 5. resize --------------------------------------------------------------
test_resize()
{
	make_demo
	start_tui
	wait_for "DEMO"
	save_screen "$T/80x24"
	resize 100 30
	assert_line 30 "^ $LOGIN_RE \\(.*\\)  Timeline  today 20\\.02\\.2024  DEMO$REMINDER_RE\$"
	assert_line 1 "$TABS"
	assert_line 3 '^>Agder .* 19/26    2    7 !$'
	assert_line 10 '^ Vestfold og Telemark .* 16/25    2    9 !$'
	capture
	[ "$(screen_lines)" -eq 30 ] || fail "30 lines on the screen" "there are $(screen_lines)"
	end=$(end_of "$(line 1)" "Debatthefte 2024")
	[ "$end" -ge 98 ] && [ "$end" -le 100 ] ||
		fail "\"Debatthefte 2024\" ends at column 98-100 of 100" "it ends at $end"
	end=$(end_of "$(line 2)" Miss)
	[ "$end" -ge 95 ] && [ "$end" -le 100 ] ||
		fail "the table widens with the window: \"Miss\" ends at column 95-100" "it ends at $end"
	resize 80 24
	assert_lines_equal "$T/80x24"
	send q
	wait_exit 0
}

# --- 6. too small -------------------------------------------------------------
test_too_small()
{
	make_demo
	start_tui
	wait_for "DEMO"
	save_screen "$T/80x24"
	resize 30 10
	wait_joined "too small"
	wait_joined "30x10"
	wait_joined "at least 60x12"
	assert_not_contains "DEMO"
	# Keys other than q do nothing while too small: back at 80x24 the
	# screen is the first one again, not the Inbox.
	send 2 j
	wait_joined "too small"
	resize 80 24
	assert_lines_equal "$T/80x24"
	resize 59 12
	wait_joined "too small: 59x12"
	resize 60 11
	wait_joined "too small: 60x11"
	send q
	wait_exit 0
}

# --- 7. a bad settings file ---------------------------------------------------
write_bad_cfg()
{
	cat >"$T/bad.cfg" <<EOF
# Two faults: member_deadline "2024-02-30" is not a date, and county "99"
# is not in the county register.
registers = (
  { id = "2024";
    municipalities = "$TUI_REPO/config/kommuner-2024.csv";
    counties = "$TUI_REPO/config/fylker-2024.csv"; }
);
cycles = (
  { id = "2024";
    title = "Debatthefte 2024";
    register = "2024";
    sent = "2023-11-01";
    national_deadline = "2024-03-08";
    main_board = "2024-03-21";
    questions = (
      { id = "handlingsrom"; title = "Handlingsrom"; kind = "text";
        text = "Har vi tilstrekkelig handlingsrom?"; }
    );
  }
);
regions = (
  { code = "sor"; name = "Sør";
    counties = ["03", "11", "15", "31", "32", "33", "34", "39", "40", "42", "46"];
    milestones = ( { member_deadline = "2024-02-30"; } ); },
  { code = "nord"; name = "Nord";
    counties = ["18", "50", "55", "56", "99"];
    milestones = ( { member_deadline = "2024-02-16"; } ); }
);
EOF
	DATE_LINE=$(grep -n 'member_deadline = "2024-02-30"' "$T/bad.cfg" | cut -d: -f1)
	COUNTY_LINE=$(grep -n 'counties = .*"99"' "$T/bad.cfg" | cut -d: -f1)
}

test_bad_settings()
{
	write_bad_cfg
	# Outside tmux: the messages name the file and the line.
	(cd "$T" && "$TUI_BIN" -c bad.cfg -d x.db >out 2>err)
	rc=$?
	[ "$rc" -eq 1 ] || fail "exit status 1 for bad settings" "status $rc; stderr: $(cat "$T/err")"
	grep "^bad\\.cfg:$DATE_LINE: .*2024-02-30" "$T/err" >/dev/null ||
		fail "stderr has bad.cfg:$DATE_LINE: about \"2024-02-30\"" "$(cat "$T/err")"
	grep "^bad\\.cfg:$COUNTY_LINE: .*99" "$T/err" >/dev/null ||
		fail "stderr has bad.cfg:$COUNTY_LINE: about county 99" "$(cat "$T/err")"
	[ ! -s "$T/out" ] || fail "nothing on stdout" "$(cat "$T/out")"
	[ ! -e "$T/x.db" ] || fail "no database made from bad settings"
	# In a terminal: the same messages on the screen, status 1, and the
	# terminal as it was (icanon and echo on).
	TUI_STDERR_TO_PANE=1
	start_tui -c bad.cfg -- -d x.db
	wait_exit 1
	wait_for_printed "bad.cfg:$DATE_LINE: \"2024-02-30\" is not a real date"
	wait_for_printed "bad.cfg:$COUNTY_LINE: county \"99\""
}

# --- 8. an odd size just above the minimum ------------------------------------
test_odd_size()
{
	make_demo
	start_tui -x 61 -y 17
	assert_line 2 '^ Region '
	assert_line 1 "$TABS"
	assert_line 17 "^ $LOGIN_RE \\(.*\\)  Timeline"
	assert_line 3 '^>Agder .* 19/26    2    7 !$'
	assert_line 11 '^ Vestland .* 22/44    0   22 \*$'
	assert_not_contains "too small"
	capture
	[ "$(screen_lines)" -eq 17 ] || fail "17 lines on the screen" "there are $(screen_lines)"
	send 2
	assert_line 2 '^ +No\. Member +Region +Received +Status'
	assert_line 3 '^> *N +219 Tromsø '
	assert_line 15 '^ 1 of 260  91 new '
	assert_line 17 "^ $LOGIN_RE \\(.*\\)  Inbox"
	assert_not_contains "too small"
	send 3
	assert_line 2 '^   # Question +Kind +Answered +Approved$'
	assert_line 6 '^   4 Lokale forhandlinger +choice +247 +129$'
	assert_line 8 '^ Har vi tilstrekkelig handlingsrom for omstilling\?$'
	assert_line 17 "^ $LOGIN_RE \\(.*\\)  Answers"
	assert_not_contains "too small"
	send '?'
	wait_for "Everywhere"
	assert_line 1 "$TABS"
	assert_line 16 'q close'
	send q
	assert_line 2 '^   # Question '
	send q
	wait_exit 0
}

# --- 9. SIGTERM -----------------------------------------------------------------
test_sigterm()
{
	make_demo
	start_tui
	wait_for "DEMO"
	[ -n "$TPID" ] || fail "the program's pid"
	kill -TERM "$TPID" || fail "kill -TERM $TPID"
	wait_exit 143
}

# Ctrl-C in the terminal: SIGINT, the same way out.
test_ctrl_c()
{
	make_demo
	start_tui
	wait_for "DEMO"
	send 2
	assert_line 2 '^ +No\. Member '
	send C-c
	wait_exit 130
}

# --- 10. no colours --------------------------------------------------------------
# has_color_sgr: the screen, with its attributes, sets a foreground or
# background colour somewhere.
has_color_sgr()
{
	_esc=$(printf '\033')
	tm capture-pane -p -e -t "=$TSESSION:" |
		LC_ALL=C grep -Eq "$_esc\\[([0-9;]*;)?([34][0-7]|[34]8)(;[0-9;]*)?m"
}

test_no_color()
{
	make_demo
	start_tui
	wait_for "DEMO"
	save_screen "$T/color"
	has_color_sgr || fail "colours on the screen by default"
	send q
	wait_exit 0
	start_tui -e NO_COLOR=1
	assert_lines_equal "$T/color"
	has_color_sgr && fail "no colours with NO_COLOR=1"
	send q
	wait_exit 0
	start_tui -- --no-color
	assert_lines_equal "$T/color"
	has_color_sgr && fail "no colours with --no-color"
	send 2
	assert_line 3 '^> *N +219 Tromsø '
	has_color_sgr && fail "no colours with --no-color in the Inbox"
	send q
	wait_exit 0
}

# --- 11. Norwegian ------------------------------------------------------------------
test_norwegian()
{
	[ -f "$TUI_REPO/po/nb.po" ] || skip_test "po/nb.po is not in the tree"
	[ -f "$TUI_LOCALEDIR/nb/LC_MESSAGES/innspill.mo" ] ||
		fail "build/locale/nb/LC_MESSAGES/innspill.mo exists (make builds it from po/nb.po)"
	make_demo
	# The nb_NO.UTF-8 locale when there is one; else glibc takes LANGUAGE=nb
	# with LANG=C.UTF-8 (LANGUAGE is ignored only in the plain C locale).
	tried=
	if locale -a 2>/dev/null | grep -qix 'nb_NO\.utf-\{0,1\}8'; then
		start_tui -e LANG=nb_NO.UTF-8
		poll_until 'screen_has Tidslinje' && {
			assert_line 1 '^ 1 Tidslinje  2 Innboks  3 '
			assert_line 24 '  Tidslinje  i dag 20\.02\.2024  '
			send q
			wait_exit 0
			return 0
		}
		tried="LANG=nb_NO.UTF-8 (installed) showed no Norwegian; "
	fi
	start_tui -e LANGUAGE=nb
	poll_until 'screen_has Tidslinje' ||
		fail "Norwegian on the screen" "${tried}LANG=C.UTF-8 LANGUAGE=nb showed no Norwegian either; the nb_NO.UTF-8 locale is missing (locale -a lists: $(locale -a 2>/dev/null | tr '\n' ' ')); generate it: sed -i 's/^# *nb_NO.UTF-8/nb_NO.UTF-8/' /etc/locale.gen && locale-gen"
	assert_line 1 '^ 1 Tidslinje  2 Innboks  3 '
	assert_line 24 '  Tidslinje  i dag 20\.02\.2024  '
	send q
	wait_exit 0
}

# --- 12. the minimum size ------------------------------------------------------------
# At exactly 60x12 every row stays on its own line: a column that does not
# fit must not wrap onto the next line.
test_min_size()
{
	make_demo
	start_tui -x 60 -y 12
	assert_line 2 '^ Region '
	assert_not_contains "too small"
	assert_line 3 '^>Agder .* 19/26    2    7 !$'
	assert_line 4 '^ Innlandet .* 28/47    3   19 !$'
	assert_line 12 "^ $LOGIN_RE \\(.*\\)  Timeline"
	# The Inbox limited to late submissions: LATE on every row, the last
	# row's included.
	send 2
	assert_line 2 '^ +No\. Member '
	send l
	send late Enter
	assert_line 10 '^ 1 of 25 .*limit: late'
	assert_line 9 '^  *[NAFR] +[0-9]+ '
	capture
	[ "$(screen_lines)" -eq 12 ] || fail "12 lines on the screen" "there are $(screen_lines)"
	send q
	wait_exit 0
}

# The inbox's review work (issue "Resolution inbox"), the timeline's strips
# and views (issue "Region timelines"), coding and several users (shared.sh),
# and faults from outside: bad bytes, resizes in prompts, signals, a lost or
# unusable terminal (robust.sh), in files of their own.
. "$(dirname "$0")/inbox.sh"
. "$(dirname "$0")/timeline.sh"
. "$(dirname "$0")/shared.sh"
. "$(dirname "$0")/robust.sh"
. "$(dirname "$0")/wait.sh"

ALL="timeline inbox answers keys help_keys resize too_small bad_settings odd_size sigterm"
ALL="$ALL ctrl_c no_color norwegian min_size"
ALL="$ALL import_in_pane review_keys reload_keeps_view note limit search bulk hostile_text unmatched_mail split"
ALL="$ALL timeline_80 timeline_132 region_detail upcoming no_color_timeline unusual_settings"
ALL="$ALL months_today ascii_only coding two_instances region_answer_editor"
ALL="$ALL invalid_bytes prompt_resize signal_loops editor_signal import_signal terminal_gone"
ALL="$ALL dumb_terminal limit_error"
ALL="$ALL wait_for_import"
ALL="$ALL typed_controls"
# --part K/N: the Kth of N parts (make check runs the halves side by side,
# each with its own tmux server). The tests are dealt out longest first, back
# and forth (1 2 2 1 1 2...), so that the parts take about as long.
SLOWEST="signal_loops wait_for_import prompt_resize terminal_gone invalid_bytes editor_signal"
SLOWEST="$SLOWEST search note region_detail no_color unusual_settings"
part=
if [ "${1:-}" = --part ]; then
	part=${2:?--part K/N}
	shift 2
fi
[ $# -gt 0 ] || set -- $ALL
if [ -n "$part" ]; then
	_k=${part%/*} _n=${part#*/} _i=0 _some=
	for name in $SLOWEST "$@"; do
		case " $* " in *" $name "*) ;; *) continue ;; esac # not asked for
		case " $_some $_dealt " in *" $name "*) continue ;; esac # dealt already
		_dealt="${_dealt:-} $name"
		_p=$((_i % _n)) # back and forth: 0 1 .. N-1 N-1 .. 1 0
		[ $((_i / _n % 2)) -eq 1 ] && _p=$((_n - 1 - _p))
		[ $((_p + 1)) -eq "$_k" ] && _some="$_some $name"
		_i=$((_i + 1))
	done
	set -- $_some
fi
for name in "$@"; do
	case " $ALL " in
	*" $name "*) run_test "$name" "test_$name" ;;
	*) echo "tui: no test named $name (tests: $ALL)" >&2; exit 2 ;;
	esac
done
tui_finish
