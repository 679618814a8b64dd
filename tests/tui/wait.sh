# Terminal tests of a change made while someone else's import holds the
# database (issue "Hostile input and faults"): the status line says whose
# import it waits for, the screen follows a resize, the change goes through
# when the import ends; Esc gives the change up; SIGTERM ends the program
# while it waits. Sourced by tests/tui/run.sh after lib.sh.

# wait_csv FILE N TAG: a survey CSV of N versions of Oslo's resolution,
# every body new (TAG in it), received early in January: the rows the
# inbox shows first are left as they were.
wait_csv()
{
	awk -v n="$2" -v tag="$3" 'BEGIN {
		print "member;received;body;handlingsrom"
		for (i = 0; i < n; i++)
			printf "0301;2024-01-02;Vedtak %s nr %d fra bystyret;Svar %d\n", tag, i, i
	}' >"$1"
}

# bg_import FILE: `innspill import FILE` in the background, as another
# person's; returns once it holds the database (its write lock is taken).
bg_import()
{
	env -i PATH="$PATH" HOME="${HOME:-/}" LANG=C.UTF-8 \
		"$TUI_BIN" -c "$TUI_CFG" -d "$TDB" --today "$TUI_DATE" import "$1" \
		>"$T/import.out" 2>"$T/import.err" &
	IMPORT_PID=$!
	echo "$IMPORT_PID" >"$T/import.pid"
	poll_until 'sqlite3 "$TDB" ".timeout 0" "BEGIN IMMEDIATE; ROLLBACK;" 2>&1 | grep -q locked' ||
		fail "the import holds the database" "$(cat "$T/import.err")"
}

# import_done: the background import ended well.
import_done()
{
	wait "$IMPORT_PID" || fail "the import ended with status 0" "$(cat "$T/import.err")"
}

test_wait_for_import()
{
	need_sqlite
	make_demo
	# Long enough to be seen; the sanitizer build is slower anyway.
	rows=30000
	grep -q __asan_init "$TUI_BIN" 2>/dev/null && rows=15000
	for tag in a b c; do
		wait_csv "$T/$tag.csv" $rows $tag
	done
	start_tui
	wait_for "DEMO"
	send 2
	assert_line 3 '^> *N +[0-9]+ '
	capture
	id1=$(row_id 3) id2=$(row_id 4)
	# 1. The wait shows on the status line, a resize redraws the screen while
	# it lasts, and the change goes in when the import is done.
	bg_import "$T/a.csv"
	send a
	wait_status "Waiting for $TUI_LOGIN's import… Esc cancels"
	resize 100 30
	assert_line 30 "Waiting for $LOGIN_RE's import… Esc cancels"
	assert_line 3 "^> *N +$id1 "
	assert_line 2 '^ +No\. Member '
	poll_until 'capture; case $(line 30) in *"1 marked approved"*) true ;; *) false ;; esac' 180 ||
		fail "the status line says \"1 marked approved\" once the import is done" \
			"it is: '$(line 30)'"
	import_done
	[ "$(sq "SELECT status FROM submission WHERE id = $id1")" = approved ] ||
		fail "submission $id1 is approved in the database"
	[ "$(sq "SELECT count(*) FROM submission WHERE body LIKE 'Vedtak a nr %'")" = "$rows" ] ||
		fail "the import's $rows rows are in"
	resize 80 24
	assert_line 4 "^> *N +$id2 "
	# 2. Esc gives the change up and says nothing was saved; keys work on.
	bg_import "$T/b.csv"
	send a
	wait_status "Waiting for $TUI_LOGIN's import… Esc cancels"
	send Escape
	wait_status "cancelled; nothing was saved"
	send k
	assert_line 3 "^> *A +$id1 "
	import_done
	[ "$(sq "SELECT status FROM submission WHERE id = $id2")" = new ] ||
		fail "submission $id2 is still new: the cancelled change was not saved"
	# 3. SIGTERM while waiting ends the program at once, terminal restored.
	send j
	bg_import "$T/c.csv"
	send a
	wait_status "Waiting for $TUI_LOGIN's import… Esc cancels"
	kill -TERM "$TPID" || fail "kill -TERM $TPID"
	wait_exit 143
	import_done
	[ "$(sq "SELECT status FROM submission WHERE id = $id2")" = new ] ||
		fail "submission $id2 is still new after SIGTERM"
}
