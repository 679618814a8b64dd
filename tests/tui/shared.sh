# Terminal tests of coding answers (issue "Aggregated answers") and of two
# people at work in one database (issue "Many staff on one shared server").
# Sourced by tests/tui/run.sh after lib.sh.

# --- coding ------------------------------------------------------------------
# Five answers to a free-text question coded with keys: the codebook's counts
# follow every key, the database holds the codes, and back in the question
# list the codes' counts and bars show the change.
code_count() # LABEL: the count at the end of the codebook line with LABEL
{
	printf '%s\n' "$SCREEN" | grep -F "$1" | head -1 | LC_ALL=C awk '{ print $NF }'
}

bar_cells() # LABEL: how many full block cells the bar on LABEL's line has
{
	printf '%s\n' "$SCREEN" | grep -F "$1" | head -1 | grep -o '█' | wc -l
}

test_coding()
{
	need_sqlite
	make_demo
	start_tui
	wait_for "DEMO"
	send 3
	wait_for "Handlingsrom"
	send Enter
	wait_for "answer 1 of"
	send c
	wait_for "New code:"
	type_text "Statlig styring"
	send Enter
	wait_for "1 [x] Statlig styring"
	[ "$(code_count 'Statlig styring')" = 1 ] || fail "code 1 counts one answer" "$SCREEN"
	send Space
	wait_for "answer 2 of"
	send 1
	poll_until 'capture; [ "$(code_count "Statlig styring")" = 2 ]' ||
		fail "code 1 counts two answers after 1 on the second" "$SCREEN"
	send Space c
	wait_for "New code:"
	type_text "Økonomi"
	send Enter
	wait_for "2 [x] Økonomi"
	send Space
	wait_for "answer 4 of"
	send 1 2
	poll_until 'capture; [ "$(code_count "Økonomi")" = 2 ]' || fail "code 2 counts two" "$SCREEN"
	send Space
	wait_for "answer 5 of"
	send 2
	poll_until 'capture; [ "$(code_count "Økonomi")" = 3 ]' || fail "code 2 counts three" "$SCREEN"
	[ "$(code_count 'Statlig styring')" = 3 ] || fail "code 1 counts three" "$SCREEN"
	# The same in the database: six codes set on five answers.
	[ "$(sq 'SELECT COUNT(*) FROM answer_code')" = 6 ] || fail "six codes are stored"
	[ "$(sq 'SELECT COUNT(DISTINCT submission_id) FROM answer_code')" = 5 ] ||
		fail "five answers are coded"
	# Back to the questions: the codes with their counts and equal bars.
	send Escape
	wait_for "Codes, members per code"
	capture
	[ "$(bar_cells 'Statlig styring')" -gt 0 ] &&
		[ "$(bar_cells 'Statlig styring')" = "$(bar_cells 'Økonomi')" ] ||
		fail "the two codes have bars of the same length" "$SCREEN"
	# Code 1 on the third answer too: its bar stays the longest, code 2's shrinks.
	send Enter
	wait_for "answer 1 of"
	send Space Space
	wait_for "answer 3 of"
	send 1
	poll_until 'capture; [ "$(code_count "Statlig styring")" = 4 ]' || fail "code 1 counts four" "$SCREEN"
	send Escape
	wait_for "Codes, members per code"
	capture
	[ "$(bar_cells 'Økonomi')" -lt "$(bar_cells 'Statlig styring')" ] ||
		fail "code 2's bar is shorter than code 1's" "$SCREEN"
	send q
	wait_exit 0
}

# --- two_instances -------------------------------------------------------------
# Two people with the same inbox open: a change in one appears in the other
# within 2 seconds, without a key pressed there.
test_two_instances()
{
	make_demo
	start_tui
	wait_for "DEMO"
	send 2
	wait_for "1 of 260"
	_other=${TSESSION}-b
	# exec: the pane's process is the program itself, so its end can be
	# checked below. No leak check at its exit in a sanitizer build: twice a
	# program whose terminal was killed stayed behind spinning inside
	# LeakSanitizer's stop-the-world at exit (its tracer waiting on it for
	# ever); leaks are checked in the first program and every other test.
	tm new-session -d -s "$_other" -x 80 -y 24 -c "$T" \
		"exec env -i PATH='$PATH' ASAN_OPTIONS=detect_leaks=0 LANG=C.UTF-8 TERM=xterm-256color $(shq "$TUI_BIN") -c $(shq "$TUI_CFG") -d $(shq "$TDB") --today $TUI_DATE --limit region:troms" ||
		fail "a second program started"
	poll_until 'tm capture-pane -p -t "=$_other:" | grep -q "^> N .*Troms"' ||
		fail "the second program shows Troms og Finnmark's inbox" "$(tm capture-pane -p -t "=$_other:")"
	# The first row in both is the same new submission from Tromsø.
	send a
	wait_for "1 marked approved"
	poll_until 'tm capture-pane -p -t "=$_other:" | sed -n 3p | grep -q approved' 2 ||
		fail "the other program shows the change within 2 seconds" \
			"$(tm capture-pane -p -t "=$_other:")"
	# Its terminal goes away with the session: the program must end.
	_pid=$(tm display-message -p -t "=$_other:" '#{pane_pid}' 2>/dev/null)
	tm kill-session -t "=$_other" 2>/dev/null
	if [ -n "$_pid" ] && ! poll_until "! kill -0 $_pid 2>/dev/null" 3; then
		kill -9 "$_pid" 2>/dev/null
		fail "the second program ends when its terminal goes away"
	fi
	send q
	wait_exit 0
}

# --- the region's answer in the user's editor --------------------------------
# w hands the terminal to the editor and saves what it wrote: with no
# $VISUAL or $EDITOR, Debian's sensible-editor; with $EDITOR set, that one.
# The screen comes back whole, and the database holds the answer.
fake_editor() # NAME LINE: a program in $T/bin that adds LINE to its file
{
	mkdir -p "$T/bin"
	printf '#!/bin/sh\nprintf "%%s\\n" "$1" >%s\nprintf "%%s\\n" %s >>"$1"\n' \
		"$(shq "$T/$1.args")" "$(shq "$2")" >"$T/bin/$1"
	chmod +x "$T/bin/$1"
}

test_region_answer_editor()
{
	need_sqlite
	make_demo
	fake_editor sensible-editor "Regionen ber om mer handlingsrom."
	fake_editor my-editor "Og flere lærlinger."
	start_tui -e "PATH=$T/bin:$PATH"
	wait_for "DEMO"
	send 3
	wait_for "Handlingsrom"
	send w
	wait_for "Choose one region with s first"
	send s w
	wait_for "Saved Agder's answer"
	assert_screen_contains "Handlingsrom"
	case $(cat "$T/sensible-editor.args" 2>/dev/null) in
	*/innspill-*.txt) ;;
	*) fail "sensible-editor was given the text's file" "$(cat "$T/sensible-editor.args" 2>&1)" ;;
	esac
	[ "$(sq "SELECT text FROM region_answer WHERE region_code = 'agder'")" = \
		"Regionen ber om mer handlingsrom." ] || fail "the answer is saved" "$(sq 'SELECT * FROM region_answer')"
	send q
	wait_exit 0
	# $EDITOR comes before the system's editor, and edits the saved text.
	start_tui -e "PATH=$T/bin:$PATH" -e "EDITOR=$T/bin/my-editor"
	wait_for "DEMO"
	send 3
	wait_for "Handlingsrom"
	send s w
	wait_for "Saved Agder's answer"
	[ "$(sq "SELECT text FROM region_answer WHERE region_code = 'agder'")" = \
		"$(printf 'Regionen ber om mer handlingsrom.\nOg flere lærlinger.')" ] ||
		fail "the edited answer is saved" "$(sq 'SELECT * FROM region_answer')"
	[ "$(sq "SELECT version FROM region_answer WHERE region_code = 'agder'")" = 2 ] ||
		fail "the answer's version went up"
	send q
	wait_exit 0
}
