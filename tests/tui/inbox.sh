# Terminal tests of the Inbox's review work (issue "Resolution inbox"):
# importing from the pane, the review keys and undo, notes, limits, search,
# tags and bulk changes, hostile text, the member picker and splitting.
# Sourced by tests/tui/run.sh after lib.sh; each test_NAME runs in a subshell
# with its own $T. What the screen says is checked against the database
# (sqlite3) and the command line (`innspill list`).
#
# Outside a demo database a login that is not in the settings is a reader
# (and a listed one may be a reader or work for one region only), so the
# tests run with settings that list the tester as central staff
# (use_central_cfg); the demo made with them is the same but for the
# reviewers' names.

# The inbox at 80x24: the header on line 2, rows from line 3, the counter on
# line 22 while no submission is open; with one open, 6 rows (3-8), a rule
# (9) and the submission from line 10.
IB_COUNTER=22

# open_inbox: the Inbox pane, its header shown.
open_inbox()
{
	send 2
	assert_line 2 '^ +No\. Member +Region +Received +Status'
}

# set_limit EXPR: the limit prompt, emptied, EXPR typed, Enter.
set_limit()
{
	send l
	wait_for "Limit:"
	send C-u
	[ -n "$1" ] && type_text "$1"
	send Enter
}

# detail_text: every line of the open submission, scrolled through with J
# (the lines from line 10 down to the keys line), into $T/detail.
detail_text()
{
	: >"$T/detail"
	_k=0
	capture
	while [ $_k -lt 40 ]; do
		printf '%s\n' "$SCREEN" | sed -n "10,$((TROWS - 2))p" >>"$T/detail"
		_before=$SCREEN
		send J J J J J J J J J J
		poll_until 'capture; [ "$SCREEN" != "$_before" ]' "$TUI_SHORT" || break
		_k=$((_k + 1))
	done
}

# --- import_in_pane -------------------------------------------------------------
# An empty database: `i` takes in the Nordland survey (9 rows); a broken file
# shows every problem as FILE:LINE and changes nothing.
test_import_in_pane()
{
	use_central_cfg
	fresh_db
	csv=$TUI_REPO/tests/data/import/csv/survey-nordland.csv
	bad=$TUI_REPO/tests/data/import/csv/bad-many.csv
	start_tui
	wait_for "Region"
	[ -f "$TDB" ] || fail "the program made the database $TDB"
	open_inbox
	assert_screen_contains "No submissions in this cycle yet"
	send i
	wait_for "Import file or folder:"
	type_text "$csv"
	send Enter
	wait_status "Imported: 9 new"
	assert_line $IB_COUNTER '^ 1 of 9  9 new '
	capture
	inbox_rows >"$T/rows"
	[ "$(wc -l <"$T/rows")" -eq 9 ] || fail "9 rows in the inbox" "$(cat "$T/rows")"
	bad_rows=$(LC_ALL=C awk -F'|' '$4 != "Nordland" || $5 != "new"' "$T/rows")
	[ -z "$bad_rows" ] || fail "every row is a new one from Nordland" "$bad_rows"
	for name in "Rana - Raane" Bodø Narvik Vestvågøy "Fauske - Fuossko"; do
		printf '%s\n' "$SCREEN" | grep -q "^[> ] N  *[0-9][0-9]* $name " ||
			fail "a row for $name"
	done
	assert_line 3 '^> N +[0-9]+ Vestvågøy +Nordland +29\.01\.2024 new +LATE'
	[ "$(cli_count "")" -eq 9 ] || fail "list shows the 9 submissions" "$(cat "$T/cli.out")"
	# A broken file: every problem, nothing imported.
	send i
	wait_for "Import file or folder:"
	type_text "$bad"
	send Enter
	assert_line 2 '^ 6 problems; nothing was imported \(q closes\)$'
	for ln in 5 6 7 9 10; do
		assert_screen_contains "bad-many.csv:$ln: "
	done
	capture
	n=$(printf '%s\n' "$SCREEN" | grep -c '^ /.*bad-many\.csv:[0-9][0-9]*: ')
	[ "$n" -eq 6 ] || fail "6 lines FILE:LINE: message" "there are $n"
	assert_line 23 'q close'
	send q
	assert_line 2 '^ +No\. Member '
	assert_line $IB_COUNTER '^ 1 of 9  9 new '
	[ "$(cli_count "")" -eq 9 ] || fail "still 9 submissions after the broken file" "$(cat "$T/cli.out")"
	need_sqlite
	[ "$(sq "SELECT COUNT(*) FROM submission")" -eq 9 ] || fail "9 rows in the submission table"
	send q
	wait_exit 0
}

# --- review_keys --------------------------------------------------------------------
# a, f, r on three rows in turn, the cursor moving on; u undoes the last. The
# audit table holds each change with before, after and the login.
test_review_keys()
{
	need_sqlite
	use_central_cfg
	make_demo
	base=$(sq "SELECT COALESCE(MAX(id), 0) FROM audit_event")
	start_tui
	wait_for "DEMO"
	open_inbox
	capture
	id1=$(row_id 3) id2=$(row_id 4) id3=$(row_id 5)
	for id in "$id1" "$id2" "$id3"; do
		[ "$(sq "SELECT status FROM submission WHERE id = $id")" = new ] ||
			fail "submission $id is new in the demo"
	done
	send Enter
	wait_detail
	capture
	printf '%s\n' "$SCREEN" | grep -q '^ Answers$' || fail "the open submission shows its Answers"
	printf '%s\n' "$SCREEN" | grep -q '^   1  [^ ]' || fail "the resolution's lines are numbered (\"  1  \")"
	send a
	wait_status "1 marked approved"
	assert_line 3 "^  A +$id1 "
	assert_line 4 "^> N +$id2 "
	send f
	wait_status "1 marked follow-up"
	assert_line 4 "^  F +$id2 "
	assert_line 5 "^> N +$id3 "
	send r
	wait_status "1 marked rejected"
	assert_line 5 "^  R +$id3 "
	assert_line 6 '^> '
	send u
	wait_status "Undone: 1 changed back"
	assert_line 5 "^  N +$id3 "
	assert_line 3 "^  A +$id1 "
	assert_line 4 "^  F +$id2 "
	got=$(sq "SELECT action, entity_id, before, after, user FROM audit_event
		   WHERE id > $base AND action IN ('set-status', 'undo') ORDER BY id")
	want="set-status|$id1|new|approved|$TUI_LOGIN
set-status|$id2|new|follow-up|$TUI_LOGIN
set-status|$id3|new|rejected|$TUI_LOGIN
%|$id3|rejected|new|$TUI_LOGIN"
	printf '%s\n' "$got" | sed '4s/^[a-z-]*|/%|/' >"$T/audit"
	[ "$(cat "$T/audit")" = "$want" ] ||
		fail "the audit table holds the three changes and the undo, in order" "got:
$got"
	[ "$(sq "SELECT status || ',' || reviewer FROM submission WHERE id = $id1")" = "approved,$TUI_LOGIN" ] ||
		fail "submission $id1 approved by $TUI_LOGIN"
	[ "$(sq "SELECT status FROM submission WHERE id = $id3")" = new ] || fail "submission $id3 new again"
	send q
	wait_exit 0
}

# --- reload_keeps_view ----------------------------------------------------------
# Reading the rows again (after a review key, or after another user's change)
# keeps the view: the cursor on its submission, the rows around it on the
# same screen lines. The page was taken to be as long as the list, so the view
# jumped and the cursor landed on the bottom row.
test_reload_keeps_view()
{
	make_demo
	start_tui
	wait_for "DEMO"
	open_inbox
	# The end of the list, then up to the 6th row on screen (line 8): the
	# list is scrolled, and the cursor is in the middle of the page.
	send G
	assert_line $IB_COUNTER '^ 260 of 260 '
	send k k k k k k k k k k k k k
	assert_line $IB_COUNTER '^ 247 of 260 '
	capture
	matches "$(line 8)" '^> N ' || fail "the cursor is on a new submission on line 8" "$(line 8)"
	top=$(line 3) cur=$(row_id 8) next=$(row_id 9)
	send a
	wait_status "1 marked approved"
	assert_line 3 "^$(regex_quote "$top")\$"
	assert_line 8 "^  A +$cur "
	assert_line 9 "^> . +$next "
	assert_line $IB_COUNTER '^ 248 of 260 '
	# Another user's change: the rows come again, nothing moves.
	other=$(row_id 12)
	cli set-status "$other" follow-up >/dev/null
	poll_until 'capture; matches "$(line 12)" "^  F +$other "' ||
		fail "the other user's change shows on line 12" "$(line 12)"
	assert_line 3 "^$(regex_quote "$top")\$"
	assert_line 9 "^> . +$next "
}

# --- note --------------------------------------------------------------------------------
test_note()
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
	type_text "Ring rådmannen i Bodø"
	send Enter
	wait_status "Note added to 1"
	detail_text
	grep -q '^ Notes$' "$T/detail" || fail "the submission has a Notes section" "$(cat "$T/detail")"
	grep -q "^   $(regex_quote "$TUI_LOGIN") [0-9-]*: Ring rådmannen i Bodø\$" "$T/detail" ||
		fail "the note under Notes with its author" "$(cat "$T/detail")"
	[ "$(sq "SELECT text || '|' || author FROM note WHERE submission_id = $id")" = \
		"Ring rådmannen i Bodø|$TUI_LOGIN" ] ||
		fail "the note table holds the note, æøå intact" "$(sq "SELECT * FROM note")"
	# The whole log (W) ends with the note, who wrote it and on which submission.
	send W
	wait_for "Log for"
	send Enter
	wait_for "The log (q closes)"
	send G
	poll_until 'capture; printf "%s\n" "$SCREEN" | grep -q "$(regex_quote "$TUI_LOGIN") note submission $id.*Ring rådmannen i Bodø"' ||
		fail "the log's last lines show the note" "$SCREEN"
	send q
	send q
	wait_exit 0
}

# --- limit --------------------------------------------------------------------------------
# At 100 columns, where the counter line has room for the limit.
test_limit()
{
	use_central_cfg
	make_demo
	start_tui -x 100 -y 30
	wait_for "DEMO"
	open_inbox
	n=$(cli_count "region:nordland status:new")
	[ "$n" -gt 0 ] || fail "new submissions from Nordland in the demo"
	set_limit "region:nordland status:new"
	wait_status "$n shown"
	assert_line 28 "^ 1 of $n  $n new .*  limit: region:nordland status:new\$"
	capture
	inbox_rows >"$T/rows"
	[ "$(wc -l <"$T/rows")" -eq "$n" ] || fail "$n rows" "$(cat "$T/rows")"
	bad=$(LC_ALL=C awk -F'|' '$4 != "Nordland" || $5 != "new"' "$T/rows")
	[ -z "$bad" ] || fail "every row is Nordland's and new" "$bad"
	cut -d'|' -f3 "$T/rows" | sort >"$T/ids.screen"
	tail -n +2 "$T/cli.out" | cut -d, -f1 | sort >"$T/ids.cli"
	cmp -s "$T/ids.screen" "$T/ids.cli" ||
		fail "the rows are the ones list --limit prints" "$(diff "$T/ids.cli" "$T/ids.screen")"
	# A bad limit: the message, and the limit as it was.
	set_limit "bogus"
	wait_status "is not a limit"
	assert_line 28 "^ 1 of $n  $n new .*  limit: region:nordland status:new\$"
	# Members who have not answered.
	m=$(cli_count "missing region:agder")
	set_limit "missing region:agder"
	wait_status "$m shown"
	assert_line 28 "^ 1 of $m .*  limit: missing region:agder\$"
	capture
	inbox_rows >"$T/rows"
	[ "$(wc -l <"$T/rows")" -eq "$m" ] || fail "$m rows of missing members" "$(cat "$T/rows")"
	bad=$(LC_ALL=C awk -F'|' '$4 != "Agder" || $5 != "missing" || $2 !~ /-$/' "$T/rows")
	[ -z "$bad" ] || fail "every row is an Agder member, missing" "$bad"
	# A missing member has nothing to open.
	send Enter
	assert_screen_contains "No submission from this member"
	send Enter
	assert_line 28 "^ 1 of $m "
	send q
	wait_exit 0
}

# --- search --------------------------------------------------------------------------------
test_search()
{
	need_sqlite
	use_central_cfg
	make_demo
	start_tui
	wait_for "DEMO"
	open_inbox
	send /
	wait_for "Search:"
	type_text utenforskap
	send Enter
	wait_status " hits"
	capture
	hits=$(status_line | sed -n 's/.* \([0-9][0-9]*\) hits.*/\1/p')
	db=$(sq "SELECT COUNT(*) FROM submission_fts f JOIN submission s ON s.id = f.rowid
		  WHERE submission_fts MATCH '\"utenforskap\"*' AND s.cycle_id = '2024' AND s.current = 1")
	[ -n "$hits" ] && [ "$hits" -eq "$db" ] ||
		fail "the message gives the number of hits, as the database has them ($db)" "status: $(status_line)"
	# The cursor is on a hit; n moves it to the next hit further down.
	r1=$(selected_row)
	id1=$(row_id "$r1")
	send n
	poll_until 'capture; [ "$(selected_row)" != "$r1" ]' ||
		fail "n moves the cursor from line $r1"
	r2=$(selected_row)
	id2=$(row_id "$r2")
	[ "$r2" -gt "$r1" ] || fail "the next hit is further down" "line $r1 to $r2"
	for id in "$id1" "$id2"; do
		[ "$(sq "SELECT COUNT(*) FROM submission_fts WHERE rowid = $id AND submission_fts MATCH 'utenforskap*'")" -eq 1 ] ||
			fail "submission $id is a hit"
	done
	# The rows between the two are no hits.
	r=$((r1 + 1))
	while [ "$r" -lt "$r2" ]; do
		id=$(row_id "$r")
		[ "$(sq "SELECT COUNT(*) FROM submission_fts WHERE rowid = $id AND submission_fts MATCH 'utenforskap*'")" -eq 0 ] ||
			fail "n skipped no hit (line $r, submission $id)"
		r=$((r + 1))
	done
	# Its text says the word (besides the title of question 5).
	send Enter
	wait_detail
	detail_text
	sed 's/Ungt utenforskap//g' "$T/detail" | grep -qi utenforskap ||
		fail "submission $id2's text has \"utenforskap\"" "$(cat "$T/detail")"
	# p goes back to the hit before; Esc ends the search and n goes to new
	# submissions again.
	send Enter
	assert_line $IB_COUNTER '^ [0-9]+ of '
	send p
	poll_until 'capture; [ "$(row_id "$(selected_row)")" = "$id1" ]' ||
		fail "p goes back to the hit before ($id1)"
	send Escape
	wait_status "Cancelled"
	send q
	wait_exit 0
}

# --- bulk ------------------------------------------------------------------------------
# T tags every row the limit shows, ";" then a approves the tagged rows that
# are shown; a tagged row the limit hides stays as it was; u undoes the
# whole change.
test_bulk()
{
	need_sqlite
	use_central_cfg
	make_demo
	base=$(sq "SELECT COALESCE(MAX(id), 0) FROM audit_event")
	start_tui
	wait_for "DEMO"
	open_inbox
	# A row tagged under another limit.
	set_limit "region:agder status:new"
	wait_status "shown"
	assert_line 3 '^> N +[0-9]+ .* Agder '
	capture
	hidden=$(row_id 3)
	send t
	assert_line 3 "^ \\*N +$hidden "
	assert_line $IB_COUNTER ' 1 tagged '
	# The Rogaland rows.
	n=$(cli_count "region:rogaland status:new")
	[ "$n" -gt 1 ] || fail "new submissions from Rogaland in the demo"
	set_limit "region:rogaland status:new"
	wait_status "$n shown"
	send T
	wait_status "$n tagged"
	assert_line $IB_COUNTER " $((n + 1)) tagged "
	capture
	[ "$(printf '%s\n' "$SCREEN" | grep -c '^[> ]\*N ')" -eq "$n" ] || fail "$n rows with the tag mark *"
	send '\;'
	assert_line 23 '^ Tagged rows: a approve'
	send a
	wait_status "$n marked approved"
	assert_screen_contains "Nothing matches the limit"
	[ "$(cli_count "region:rogaland status:new")" -eq 0 ] ||
		fail "list --limit 'region:rogaland status:new' prints no rows now" "$(cat "$T/cli.out")"
	[ "$(sq "SELECT status FROM submission WHERE id = $hidden")" = new ] ||
		fail "the tagged row the limit hid ($hidden) is still new"
	[ "$(sq "SELECT COUNT(*) FROM audit_event WHERE id > $base AND action = 'set-status'")" -eq "$n" ] ||
		fail "$n status changes in the audit table"
	[ "$(sq "SELECT COUNT(*) FROM audit_event WHERE id > $base AND entity_id = $hidden")" -eq 0 ] ||
		fail "no audit event for the hidden row $hidden"
	# u takes back the whole bulk change.
	send u
	wait_status "Undone: $n changed back"
	assert_line $IB_COUNTER "^ 1 of $n "
	[ "$(cli_count "region:rogaland status:new")" -eq "$n" ] ||
		fail "the $n Rogaland rows are new again" "$(cat "$T/cli.out")"
	send q
	wait_exit 0
}

# --- hostile_text ---------------------------------------------------------------------
# Escape sequences (clear screen, set the window title, bell) and bidi
# controls in a resolution are shown as �, never sent to the terminal.
test_hostile_text()
{
	use_central_cfg
	fresh_db
	printf 'member;decided;received;reference;body\n1804;2024-01-15;2024-01-18;24/1;"Bodø sier \033[2J\033]0;pwned\007 og \342\200\256snudd\342\200\254 tekst."\n' \
		>"$T/hostile.csv"
	cli import "$T/hostile.csv" "$TUI_REPO/tests/data/import/mail/eml/hostile.eml" >/dev/null
	start_tui
	wait_for "Region"
	title=$(tm display -p -t "=$TSESSION:" '#{pane_title}')
	open_inbox
	# The mail (received today, so first): its sender and subject carry
	# escapes too.
	assert_line 3 '^> N +[0-9]+ \(unmatched\) '
	assert_line 4 '^  N +[0-9]+ Bodø +Nordland '
	send Enter
	assert_line 12 '^ From: Evil .*<evil@attacker\.example>$'
	assert_line 13 '^ Subject: Vedtak '
	assert_line 1 "$TABS"
	assert_line 24 '  Inbox  today 20\.02\.2024'
	send j
	wait_detail
	assert_screen_contains "Bodø sier �[2J�]0;pwned� og �snudd� tekst."
	assert_line 1 "$TABS"
	assert_line 2 '^ +No\. Member '
	assert_line 10 '^ Bodø 15\.01\.2024 · case 24/1$'
	assert_line 24 '  Inbox  today 20\.02\.2024'
	capture
	case $SCREEN in
	*"$(printf '\342\200\256')"* | *"$(printf '\342\200\254')"*)
		fail "no bidi control on the screen" ;;
	esac
	[ "$(tm display -p -t "=$TSESSION:" '#{pane_title}')" = "$title" ] ||
		fail "the window title is unchanged" "it is $(tm display -p -t "=$TSESSION:" '#{pane_title}')"
	# Ctrl-L draws everything anew: the same screen.
	save_screen "$T/before"
	send C-l
	assert_lines_equal "$T/before"
	send q
	wait_exit 0
}

# --- unmatched_mail ----------------------------------------------------------------------
# Mails from private addresses have no member; m picks one (typing narrows the
# list). At 100 columns, where the member's whole name shows.
test_unmatched_mail()
{
	need_sqlite
	use_central_cfg
	fresh_db
	cli import "$TUI_REPO/tests/data/import/mail/maildir" >/dev/null
	n=$(cli_count unmatched)
	[ "$n" -ge 1 ] || fail "the maildir has unmatched mails"
	start_tui -x 100 -y 30
	wait_for "Region"
	open_inbox
	set_limit unmatched
	wait_status "$n shown"
	assert_line 3 '^> N +[0-9]+ \(unmatched\) +- '
	capture
	id=$(row_id 3)
	send m
	wait_for "Member of this submission"
	type_text Kautok
	assert_line 3 '^ 5612  Guovdageaidnu - Kautokeino  \(Troms og Finnmark\)'
	send Enter
	wait_status "Member set: Guovdageaidnu - Kautokeino"
	# The unmatched limit no longer shows it; without a limit it has its member.
	capture
	printf '%s\n' "$SCREEN" | grep -q "^[> ] N  *$id " && fail "submission $id is gone from the unmatched rows"
	set_limit ""
	wait_status "shown"
	assert_screen_contains "Guovdageaidnu - Kautokeino"
	capture
	printf '%s\n' "$SCREEN" | grep -q "^[> ] N  *$id Guovdageaidnu - Kautokeino  *Troms og Finnma" ||
		fail "submission $id's row shows Guovdageaidnu - Kautokeino"
	[ "$(sq "SELECT member FROM submission WHERE id = $id")" = 5612 ] ||
		fail "submission $id belongs to 5612 in the database"
	[ "$(cli_count unmatched)" -eq $((n - 1)) ] || fail "one unmatched mail fewer"
	send q
	wait_exit 0
}

# --- split ------------------------------------------------------------------------------
# S: lines 1-2 of Bodø's resolution become the answer to question 1 (a text
# question), with the stance "partly agree".
test_split()
{
	need_sqlite
	use_central_cfg
	fresh_db
	cli import "$TUI_REPO/tests/data/import/csv/survey-nordland.csv" >/dev/null
	id=$(sq "SELECT id FROM submission WHERE member = '1804'")
	start_tui
	wait_for "Region"
	open_inbox
	set_limit "member:1804"
	wait_status "1 shown"
	send Enter
	wait_detail
	assert_line 13 '^   1  Bystyret i Bodø slutter seg '
	assert_line 14 '^   2  Bystyret vil særlig '
	send S
	wait_for "Lines of the resolution (1-2"
	type_text 1-2
	send Enter
	wait_for "Which question (1-5)?"
	type_text 1
	send Enter
	wait_for "Stance:"
	type_text p
	send Enter
	wait_status "Lines 1-2 are now the answer to question 1"
	wait_joined "1 Handlingsrom [partly agree] Bystyret i Bodø slutter seg til hovedtrekkene"
	wait_joined "handlingsrom for å omstille tjenestene. (lines 1-2)"
	[ "$(sq "SELECT stance || ',' || line_from || ',' || line_to FROM answer
		 WHERE submission_id = $id AND question_id = 'handlingsrom'")" = "partly,1,2" ] ||
		fail "the answer has the stance and the lines in the database" \
			"$(sq "SELECT * FROM answer WHERE submission_id = $id")"
	send q
	wait_exit 0
}
