# Terminal tests of faults from outside (issue "Hostile input and faults"):
# bytes that are not UTF-8 from the keyboard, a resize inside a prompt or a
# picker, signals in every loop (prompts, pickers, the help, the editor, an
# import), a terminal that goes away without a SIGHUP, a terminal the program
# cannot draw on, and a limit the database cannot run. Sourced by
# tests/tui/run.sh after lib.sh and inbox.sh.

# cpu_ticks PID: the CPU time the process has used, in clock ticks (user and
# system, from /proc/PID/stat; the name in parentheses is skipped).
cpu_ticks()
{
	sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | LC_ALL=C awk '{ print $12 + $13 }'
}

# assert_idle WHAT: over two seconds the program used at most a twentieth of
# a core (10 ticks at 100 a second): it waits, it does not spin. The one
# place these tests sleep: using no CPU takes time to show.
assert_idle()
{
	[ -r "/proc/$TPID/stat" ] || fail "the program (pid $TPID) runs while $1"
	_t0=$(cpu_ticks "$TPID")
	sleep 2
	_t1=$(cpu_ticks "$TPID")
	[ -n "$_t0" ] && [ -n "$_t1" ] || fail "the program (pid $TPID) still runs while $1"
	_hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
	[ $((_t1 - _t0)) -le $((_hz / 10)) ] ||
		fail "the program is idle while $1 (at most $((_hz / 10)) ticks in 2 s)" \
			"it used $((_t1 - _t0)) ticks of CPU in 2 s"
}

# sanitizer_env: the sanitizers' options as NAME=VALUE words for env, quoted.
sanitizer_env()
{
	for _v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
		eval "_val=\${$_v-}"
		[ -n "$_val" ] && printf '%s ' "$(shq "$_v=$_val")"
	done
}

# A database with the survey of Nordland and the maildir (with unmatched
# mails), for the central staff: every prompt and picker of the inbox works
# on it.
robust_db()
{
	use_central_cfg
	fresh_db
	cli import "$TUI_REPO/tests/data/import/csv/survey-nordland.csv" \
		"$TUI_REPO/tests/data/import/mail/maildir" >/dev/null
}

# The keys line, where a prompt shows, at 80x24.
KEYS_LINE=23
HINT_RE='^ [^ >]'

# open_modal KEYS TEXT: KEYS open a prompt or picker whose screen shows TEXT.
open_modal()
{
	send $1
	wait_for "$2"
}

# --- 1. bytes that are not UTF-8 ----------------------------------------------------
# 0xF8 (an ø typed on a Latin-1 terminal) and a lone 0xC3 followed by an
# ASCII letter, in every prompt and picker of the inbox and the coding view:
# each shows as U+FFFD and the next key works. In the list itself such a byte
# is a key that does nothing, and the next one moves the cursor.
robust_typing()  # KEYS TEXT PREFIX-RE: the prompt (or picker filter) shows PREFIX�ok�k
{
	open_modal "$1" "$2"
	send -H f8
	type_text ok
	send -H c3
	type_text k
	assert_line $KEYS_LINE "$3�ok�k\$"
	send Escape
	assert_line $KEYS_LINE "$HINT_RE"
}

test_invalid_bytes()
{
	robust_db
	start_tui
	wait_for "Region"
	open_inbox
	robust_typing N "Note:" '^Note: '
	robust_typing / "Search:" '^Search: '
	robust_typing l "Limit:" '^Limit: '
	robust_typing W "Log for" '^Log for .*: '
	robust_typing A "Give to" '^> '
	set_limit unmatched
	wait_status "shown"
	robust_typing m "Member of this submission" '^> '
	set_limit ""
	wait_status "shown"
	send Enter
	wait_detail
	robust_typing S "Lines of the resolution" '^Lines of the resolution .*: '
	send Enter
	# In the list: a key that does nothing, then j moves.
	assert_line 3 '^> '
	send -H f8
	wait_status "That key does nothing here"
	send j
	assert_line 4 '^> '
	# The coding view's prompt for a new code.
	send 3
	wait_for "Handlingsrom"
	send Enter
	wait_for "Question 1: Handlingsrom"
	robust_typing c "New code:" '^New code: '
	send q
	wait_exit 0
}

# --- 2. a resize inside a prompt or picker ------------------------------------------
# Too small, then large again: the view under it and the prompt come back
# with what was typed, keys work (Left too: the keypad of the new windows),
# and meanwhile the program waits without spinning.
robust_resize() # KEYS TEXT LINE2-RE PREFIX-RE PICKER
{
	open_modal "$1" "$2"
	type_text ab
	assert_line $KEYS_LINE "$4ab\$"
	resize 30 10
	wait_joined "too small: 30x10"
	resize 80 24
	assert_line 2 "$3"
	assert_line $KEYS_LINE "$4ab\$"
	assert_line 24 '  (Inbox|Answers)  today 20\.02\.2024'
	if [ -z "${5:-}" ]; then
		send Left
		type_text X
		assert_line $KEYS_LINE "$4aXb\$"
	else
		type_text c
		assert_line $KEYS_LINE "$4abc\$"
	fi
	send Escape
	assert_line $KEYS_LINE "$HINT_RE"
}

test_prompt_resize()
{
	robust_db
	start_tui
	wait_for "Region"
	open_inbox
	head='^ +No\. Member +Region'
	robust_resize N "Note:" "$head" '^Note: '
	robust_resize / "Search:" "$head" '^Search: '
	robust_resize l "Limit:" "$head" '^Limit: '
	robust_resize W "Log for" "$head" '^Log for .*: '
	robust_resize A "Give to" '^ Give to: type to narrow' '^> ' picker
	set_limit unmatched
	wait_status "shown"
	robust_resize m "Member of this submission" '^ Member of this submission' '^> ' picker
	set_limit ""
	wait_status "shown"
	send Enter
	wait_detail
	robust_resize S "Lines of the resolution" "$head" '^Lines of the resolution .*: '
	assert_line 9 '^(q|─|-)+$'
	send Enter
	send 3
	wait_for "Handlingsrom"
	send Enter
	wait_for "Question 1: Handlingsrom"
	robust_resize c "New code:" '^ Question 1: Handlingsrom' '^New code: '
	send Escape
	assert_line 2 '^   # Question '
	send 2
	assert_line 2 "$head"
	set_limit unmatched
	wait_status "shown"
	# Idle with a prompt open, too small: no spinning, and SIGTERM ends it.
	send l
	wait_for "Limit:"
	resize 30 10
	wait_joined "too small: 30x10"
	assert_idle "a prompt is open in a window too small"
	resize 80 24
	assert_line $KEYS_LINE '^Limit: unmatched$'
	assert_idle "a prompt is open"
	kill -TERM "$TPID"
	wait_exit 143
}

# --- 3. signals in every loop ----------------------------------------------------------
# SIGTERM and SIGHUP end the program from a prompt, a picker, the help, and a
# prompt in a window too small: 143 and 129, the terminal restored, the
# presence mark (a submission open) removed. So do Ctrl-C (130), and q in a
# prompt while the window is too small (0), as the screen says.
robust_signal() # SIGNAL|q STATUS KEYS TEXT [too-small]
{
	start_tui
	wait_for "Region"
	open_inbox
	send Enter
	wait_detail
	poll_until '[ "$(sq "SELECT COUNT(*) FROM presence")" = 1 ]' ||
		fail "the open submission is marked for others"
	open_modal "$3" "$4"
	if [ -n "${5:-}" ]; then
		resize 30 10
		wait_joined "too small: 30x10"
	fi
	if [ "$1" = q ]; then
		send q # too small: q quits, as the screen says
	else
		kill "-$1" "$TPID" || fail "kill -$1 $TPID"
	fi
	wait_exit "$2"
	[ "$(sq "SELECT COUNT(*) FROM presence")" = 0 ] || fail "the presence mark is removed"
}

test_signal_loops()
{
	need_sqlite
	robust_db
	robust_signal TERM 143 N "Note:"
	robust_signal HUP 129 A "Give to"
	robust_signal TERM 143 '?' "Everywhere"
	robust_signal HUP 129 l "Limit:" too-small
	robust_signal TERM 143 A "Give to" too-small
	robust_signal TERM 143 W "Log for" too-small
	robust_signal INT 130 / "Search:"
	robust_signal q 0 N "Note:" too-small
}

# The editor's wait: SIGTERM ends the program at once, and the editor too.
test_editor_signal()
{
	need_sqlite
	make_demo
	mkdir -p "$T/bin"
	printf '#!/bin/sh\necho $$ >%s\nexec sleep 60\n' "$(shq "$T/editor.pid")" >"$T/bin/slow-editor"
	chmod +x "$T/bin/slow-editor"
	start_tui -e "EDITOR=$T/bin/slow-editor"
	wait_for "DEMO"
	send 3
	wait_for "Handlingsrom"
	send s w
	poll_until '[ -s "$T/editor.pid" ]' || fail "the editor started"
	editor=$(cat "$T/editor.pid")
	kill -TERM "$TPID"
	wait_exit 143
	poll_until '! kill -0 "$editor" 2>/dev/null' "$TUI_SHORT" ||
		fail "the editor (pid $editor) ended with the program"
	[ "$(sq "SELECT COUNT(*) FROM region_answer")" = 0 ] || fail "no answer was saved"
}

# big_csv: $T/big.csv, a survey of 400 000 rows: an import that takes many
# seconds (the members of the register in turn, each row a new version).
big_csv()
{
	LC_ALL=C awk -F, 'NR > 1 { m[++n] = $1 }
		END {
			print "member;decided;received;reference;body"
			for (i = 1; i <= 400000; i++)
				printf "%s;2024-01-15;2024-01-18;%d;Kommunestyret vedtok innspill nummer %d.\n",
					m[i % n + 1], i, i
		}' "$TUI_REPO/config/kommuner-2024.csv" >"$T/big.csv"
}

# An import under way: SIGTERM ends the program within the test's wait, and
# nothing of the import is kept.
test_import_signal()
{
	need_sqlite
	make_demo
	before=$(sq "SELECT COUNT(*) FROM submission")
	big_csv
	start_tui
	wait_for "DEMO"
	open_inbox
	send i
	wait_for "Import file or folder:"
	type_text "$T/big.csv"
	send Enter
	wait_status "Importing "
	kill -TERM "$TPID"
	wait_exit 143
	[ "$(sq "SELECT COUNT(*) FROM submission")" = "$before" ] ||
		fail "nothing of the import is kept ($before submissions)" \
			"there are $(sq "SELECT COUNT(*) FROM submission")"
	[ "$(sq "PRAGMA integrity_check")" = ok ] || fail "the database is whole"
	[ "$(sq "SELECT COUNT(*) FROM presence")" = 0 ] || fail "no presence mark is left"
}

# --- 4. a terminal that goes away without a SIGHUP ------------------------------------
# The program in a session of its own (setsid, as su -c does it): when the
# terminal closes it gets no SIGHUP, only EOF or EIO. It must end within
# 2 seconds as on a hangup (129), with its presence mark removed and the
# database whole; in the middle of an import too, which is undone.

# start_setsid: start_tui's program, but in a session of its own; its status
# goes to $T/rc.
start_setsid()
{
	tm kill-session -t "=$TSESSION" 2>/dev/null
	rm -f "$T/pid" "$T/rc"
	: >"$T/stderr"
	_prog="exec env -i PATH=$(shq "$PATH") HOME=$(shq "${HOME:-/}") LANG=C.UTF-8"
	_prog="$_prog TERM=xterm-256color $(sanitizer_env)"
	_prog="$_prog $(shq "$TUI_BIN") -c $(shq "$TUI_CFG") -d $(shq "$TDB") --today $TUI_DATE"
	_inner="echo \$\$ >$(shq "$T/pid.tmp") && mv $(shq "$T/pid.tmp") $(shq "$T/pid") && $_prog 2>>$(shq "$T/stderr")"
	tm new-session -d -s "$TSESSION" -x 80 -y 24 -c "$T" \
		"setsid sh -c $(shq "sh -c $(shq "$_inner"); echo \$? >$(shq "$T/rc")")" ||
		fail "tmux started a session for the program"
	poll_until '[ -s "$T/pid" ]' || fail "the program started"
	TPID=$(cat "$T/pid")
	TCOLS=80 TROWS=24
}

# close_terminal WHAT: closes the terminal; the program ends within 2 s with
# status 129, nothing on stderr.
close_terminal()
{
	_t0=$(cpu_ticks "$TPID")
	tm kill-session -t "=$TSESSION"
	poll_until '! [ -d "/proc/$TPID" ] || grep -q "^State:.*Z" "/proc/$TPID/status" 2>/dev/null' 2 || {
		_t1=$(cpu_ticks "$TPID")
		kill -KILL "$TPID" 2>/dev/null
		fail "the program ends within 2 s of its terminal closing $1" \
			"it still runs, and used $((_t1 - _t0)) ticks of CPU since"
	}
	poll_until '[ -f "$T/rc" ]' 2 || fail "the program's exit status was written"
	[ "$(cat "$T/rc")" = 129 ] || fail "the program ends as on a hangup (status 129) $1" \
		"status $(cat "$T/rc"); stderr: $(cat "$T/stderr")"
	[ ! -s "$T/stderr" ] || fail "the program wrote nothing to stderr $1"
	[ "$(sq "SELECT COUNT(*) FROM presence")" = 0 ] || fail "the presence mark is removed $1"
	[ "$(sq "PRAGMA integrity_check")" = ok ] || fail "the database is whole $1"
}

test_terminal_gone()
{
	need_sqlite
	command -v setsid >/dev/null 2>&1 || skip_test "setsid (util-linux) is not installed"
	make_demo
	start_setsid
	wait_for "DEMO"
	open_inbox
	send Enter
	poll_until '[ "$(sq "SELECT COUNT(*) FROM presence")" = 1 ]' ||
		fail "the open submission is marked for others"
	close_terminal "in the inbox"
	before=$(sq "SELECT COUNT(*) FROM submission")
	big_csv
	start_setsid
	wait_for "DEMO"
	open_inbox
	send i
	wait_for "Import file or folder:"
	type_text "$T/big.csv"
	send Enter
	wait_status "Importing "
	close_terminal "during an import"
	[ "$(sq "SELECT COUNT(*) FROM submission")" = "$before" ] ||
		fail "nothing of the import is kept ($before submissions)" \
			"there are $(sq "SELECT COUNT(*) FROM submission")"
}

# --- 5. a terminal the program cannot draw on ------------------------------------------
# TERM=dumb, an unknown TERM, no TERM: a message on stderr naming it, status
# 1, no database made, and the terminal as it was: nothing drawn, no
# alternate screen, canonical mode and echo on.
robust_bad_term() # TERM-ASSIGNMENT TEXT
{
	fresh_db
	tm kill-session -t "=$TSESSION" 2>/dev/null
	rm -f "$T/rc" "$T/stty"
	: >"$T/stderr"
	_run="env -i PATH=$(shq "$PATH") HOME=$(shq "${HOME:-/}") LANG=C.UTF-8 $1 $(sanitizer_env)"
	_run="$_run $(shq "$TUI_BIN") -c $(shq "$TUI_CFG") -d $(shq "$TDB") --today $TUI_DATE"
	# The pane stays alive after the program (sleep), so that what the
	# terminal shows is the program's doing, not tmux's "Pane is dead".
	tm new-session -d -s "$TSESSION" -x 80 -y 24 -c "$T" \
		"$_run 2>$(shq "$T/stderr"); rc=\$?; stty -a >$(shq "$T/stty") 2>&1; echo \$rc >$(shq "$T/rc"); exec sleep 60" ||
		fail "tmux started a session"
	poll_until '[ -f "$T/rc" ]' || fail "the program ended with $1"
	[ "$(cat "$T/rc")" = 1 ] || fail "status 1 with $1" "status $(cat "$T/rc")"
	grep -qF "$2" "$T/stderr" || fail "stderr says \"$2\" with $1" "stderr: $(cat "$T/stderr")"
	[ ! -e "$TDB" ] || fail "no database is made with $1"
	capture
	[ -z "$(printf '%s' "$SCREEN" | tr -d ' \n')" ] || fail "nothing is drawn with $1"
	[ "$(tm display -p -t "=$TSESSION:" '#{alternate_on}')" = 0 ] ||
		fail "no alternate screen with $1"
	_flags=$(tr ' ;' '\n\n' <"$T/stty" | grep -x -e icanon -e echo | tr '\n' ' ')
	[ "$_flags" = "icanon echo " ] || fail "the terminal is as it was with $1" "stty: $(cat "$T/stty")"
	tm kill-session -t "=$TSESSION" 2>/dev/null
}

test_dumb_terminal()
{
	robust_bad_term TERM=dumb 'the terminal "dumb" (TERM) cannot be used'
	robust_bad_term TERM=no-such-terminal 'the terminal "no-such-terminal" (TERM) cannot be used'
	robust_bad_term '' 'TERM is not set'
}

# --- 6. a limit the database cannot run ----------------------------------------------------
# 1 000 words are more than SQLite's expression tree takes: the screen says
# why, the list stays as it was, and never "Nothing matches".
test_limit_error()
{
	make_demo
	words=$(LC_ALL=C awk 'BEGIN { for (i = 0; i < 1000; i++) printf "text:abc " }')
	start_tui -- --limit "$words"
	assert_line 2 '^ +No\. Member '
	assert_line 24 '[Ll]imit'
	assert_line $IB_COUNTER '^ 1 of 260 '
	assert_not_contains "Nothing matches"
	capture
	case $(status_line) in
	*"0 shown"*) fail "the status line does not say 0 shown" "it is: $(status_line)" ;;
	esac
	send q
	wait_exit 0
}

# --- 7. controls typed or pasted into a prompt -------------------------------------------
# The one control filter (text_is_control) holds for the keyboard too: a bidi
# override and an isolate pasted into a note are dropped as they are typed,
# so the note saved is the text a reader sees.
test_typed_controls()
{
	need_sqlite
	use_central_cfg
	make_demo
	start_tui
	wait_for "DEMO"
	open_inbox
	capture
	id=$(row_id 3)
	send Enter
	wait_detail
	send N
	wait_for "Note:"
	type_text "$(printf 'Ring \342\200\256r\303\245dmannen\342\201\246 i Bod\303\270')"
	send Enter
	wait_status "Note added to 1"
	[ "$(sq "SELECT text FROM note WHERE submission_id = $id")" = "Ring rådmannen i Bodø" ] ||
		fail "the note is saved without the bidi controls" \
			"$(sq "SELECT hex(text) FROM note WHERE submission_id = $id")"
	send q
	send q
	wait_exit 0
}
