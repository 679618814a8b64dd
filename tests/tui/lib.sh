# Helpers for the terminal tests: drive the real program in a private tmux
# server and assert on what `tmux capture-pane -p` shows. POSIX sh; sourced
# by tests/tui/run.sh.
#
# A test is a shell function run in a subshell by run_test. It starts the
# program with start_tui, sends keys with send, and checks the screen with:
#   wait_for TEXT                 the screen shows TEXT (polls)
#   assert_screen_contains TEXT   the same, under the name of an assertion
#   assert_line N REGEX           line N (1 = top) matches the extended REGEX (polls)
#   assert_not_contains TEXT      the screen, as it is now, does not show TEXT
#   assert_lines_equal FILE       the screen is exactly the capture in FILE (polls)
#   wait_exit STATUS              the program ended with STATUS and left the terminal sane
# Every wait polls capture-pane every 50 ms up to $TUI_TIMEOUT seconds; there
# are no fixed sleeps. A failed check prints the test's name, what was
# expected and the whole screen, then ends the test.

TUI_POLL=0.05
TUI_DATE=2024-02-20

# --- setup and teardown -------------------------------------------------

# tui_init BINARY: checks the tools, makes the temporary directory and starts
# the private tmux server.
tui_init()
{
	TUI_REPO=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
	case $1 in
	/*) TUI_BIN=$1 ;;
	*) TUI_BIN=$(pwd)/$1 ;;
	esac
	TUI_CFG=$TUI_REPO/config/innspill.cfg
	TUI_LOCALEDIR=$TUI_REPO/build/locale
	TUI_PASSED=0
	TUI_FAILED=0
	TUI_FAILED_NAMES=
	TUI_LOGIN=$(id -un 2>/dev/null) || TUI_LOGIN=unknown
	if [ ! -x "$TUI_BIN" ]; then
		echo "tui: $1 is not an executable; build it first (make $1)" >&2
		echo "tui: 0 passed, 1 failed"
		exit 1
	fi
	if ! command -v tmux >/dev/null 2>&1; then
		echo "tui: tmux is not installed; the terminal tests need it (apt-get install tmux)" >&2
		echo "tui: 0 passed, 1 failed"
		exit 1
	fi
	# The sanitizer build starts and draws several times slower: give it
	# more time. Waits poll, so a generous limit costs nothing when all is well.
	if [ -n "${TUI_TIMEOUT:-}" ]; then
		TUI_SHORT=$(((TUI_TIMEOUT + 4) / 5))
	else
		if grep -q __asan_init "$TUI_BIN" 2>/dev/null; then
			TUI_TIMEOUT=10 TUI_SHORT=2
		else
			TUI_TIMEOUT=5 TUI_SHORT=1
		fi
	fi
	TUI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/innspill-tui.XXXXXX") || exit 2
	TUI_SOCK=$TUI_TMP/tmux.sock
	trap 'tui_cleanup' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	trap 'exit 141' PIPE
	# A server of our own (-S): the user's tmux is never touched, and no
	# user configuration is read (-f /dev/null). The server stays up
	# between tests (exit-empty off); dead panes stay so their exit status
	# can be read (remain-on-exit on); no status line, so the pane has the
	# whole window.
	tm start-server \; set -s exit-empty off \; set -g remain-on-exit on \
		\; set -g status off \; set -g default-shell /bin/sh \
		\; set -g default-terminal xterm-256color \; set -g history-limit 100 \
		|| { echo "tui: could not start tmux" >&2; echo "tui: 0 passed, 1 failed"; exit 1; }
	tm set -g default-size 80x24 2>/dev/null || true # tmux >= 2.9
	echo "# tui: $TUI_BIN, $(tmux -V), waits up to ${TUI_TIMEOUT}s"
}

tui_cleanup()
{
	tm kill-server 2>/dev/null
	rm -rf "$TUI_TMP"
}

# tui_finish: the summary line, and the exit status.
tui_finish()
{
	[ "$TUI_FAILED" -gt 0 ] && echo "tui: failing tests:$TUI_FAILED_NAMES"
	echo "tui: $TUI_PASSED passed, $TUI_FAILED failed"
	[ "$TUI_FAILED" -eq 0 ]
}

# tm ARGS...: tmux on the private server, UTF-8 forced on (-u).
tm()
{
	tmux -u -f /dev/null -S "$TUI_SOCK" "$@"
}

# run_test NAME FUNCTION: runs FUNCTION in a subshell with a fresh directory
# $T and a session named after the test, then prints "ok - NAME" or
# "FAIL - NAME".
run_test()
{
	TNAME=$1
	T=$TUI_TMP/$1
	TSESSION=$1
	mkdir -p "$T" || exit 2
	_t0=$(date +%s)
	(tui_run_one "$2")
	_rc=$?
	echo "# $TNAME took $(($(date +%s) - _t0)) s"
	# A program the test left running (a failed test) is killed by its pid.
	if [ -s "$T/pid" ] && [ ! -f "$T/rc" ]; then
		kill -KILL "$(cat "$T/pid")" 2>/dev/null
	fi
	tm kill-session -t "=$TSESSION" 2>/dev/null
	if [ "$_rc" -eq 0 ]; then
		TUI_PASSED=$((TUI_PASSED + 1))
		echo "ok - $TNAME"
	else
		TUI_FAILED=$((TUI_FAILED + 1))
		TUI_FAILED_NAMES="$TUI_FAILED_NAMES $TNAME"
		echo "FAIL - $TNAME"
	fi
}

tui_run_one()
{
	TUI_STDERR_TO_PANE=
	"$1"
}

# skip_test REASON: ends the test as passed, saying why it did not run.
skip_test()
{
	echo "# $TNAME: skipped: $*"
	exit 0
}

# --- the program ---------------------------------------------------------

# shq STRING: STRING quoted for sh.
shq()
{
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# make_demo [DB]: a fresh demo database, $T/demo.db unless DB is given: a
# copy of the one the program made for these settings at the first call of
# this run (the sanitizer build takes seconds to make one).
make_demo()
{
	TDB=${1:-$T/demo.db}
	rm -f "$TDB" "$TDB-wal" "$TDB-shm"
	_key=$(cksum <"$TUI_CFG" | tr ' ' -)
	_tpl=$TUI_TMP/demo-$_key.db
	if [ ! -f "$_tpl" ]; then
		rm -f "$_tpl.new" "$_tpl.new-wal" "$_tpl.new-shm"
		if ! "$TUI_BIN" -c "$TUI_CFG" -d "$_tpl.new" --today "$TUI_DATE" demo >"$T/demo.out" 2>&1; then
			fail "the demo database was made" "$(cat "$T/demo.out")"
		fi
		# The program closed it, so SQLite has put the WAL back into the
		# file: the file alone is the whole database.
		[ -s "$_tpl.new-wal" ] && fail "the demo database's WAL is empty once the program ended"
		mv "$_tpl.new" "$_tpl"
	fi
	cp -p "$_tpl" "$TDB" || fail "the demo database was copied to $TDB"
}

# start_tui [-x COLS] [-y ROWS] [-e NAME=VALUE]... [-c CONFIG] [-- ARG...]
# Starts the program on $TDB in a new tmux session of exactly COLS x ROWS
# (80x24), in a clean environment: LANG=C.UTF-8, TERM=xterm-256color, no
# LANGUAGE, LC_*, LINES or COLUMNS; the sanitizer options pass through.
# The program is started by a small sh wrapper that writes the program's pid
# to $T/pid (the program itself is exec'd into that process), and, after it
# ends, its exit status to $T/rc and `stty -a` of the terminal to $T/stty;
# the wrapper exits with the program's status, so #{pane_dead_status} is the
# program's too. The program's stderr goes to $T/stderr unless
# TUI_STDERR_TO_PANE is set. -c CONFIG replaces the -c and -d options and
# --today: the program gets -c CONFIG and the ARGs only.
start_tui()
{
	_cols=80 _rows=24 _envs='' _cfg=''
	while [ $# -gt 0 ]; do
		case $1 in
		-x) _cols=$2; shift 2 ;;
		-y) _rows=$2; shift 2 ;;
		-e) _envs="$_envs $(shq "$2")"; shift 2 ;;
		-c) _cfg=$2; shift 2 ;;
		--) shift; break ;;
		*) fail "start_tui: unknown option $1" ;;
		esac
	done
	TCOLS=$_cols
	TROWS=$_rows
	tm kill-session -t "=$TSESSION" 2>/dev/null
	rm -f "$T/pid" "$T/rc" "$T/rc.tmp" "$T/stty" "$T/stderr"
	: >"$T/stderr"
	for _v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
		eval "_val=\${$_v-}"
		[ -n "$_val" ] && _envs="$_envs $(shq "$_v=$_val")"
	done
	_args=
	for _a in "$@"; do
		_args="$_args $(shq "$_a")"
	done
	if [ -n "$_cfg" ]; then
		_prog="$(shq "$TUI_BIN") -c $(shq "$_cfg")$_args"
	else
		_prog="$(shq "$TUI_BIN") -c $(shq "$TUI_CFG") -d $(shq "$TDB") --today $TUI_DATE$_args"
	fi
	_inner="echo \$\$ >$(shq "$T/pid.tmp") && mv $(shq "$T/pid.tmp") $(shq "$T/pid") &&"
	_inner="$_inner exec env -i PATH=$(shq "$PATH") HOME=$(shq "${HOME:-/}")"
	_inner="$_inner LANG=C.UTF-8 TERM=xterm-256color INNSPILL_LOCALEDIR=$(shq "$TUI_LOCALEDIR")"
	_inner="$_inner$_envs $_prog"
	[ -z "$TUI_STDERR_TO_PANE" ] && _inner="$_inner 2>>$(shq "$T/stderr")"
	# The wrapper outlives a Ctrl-C to the terminal's process group (it
	# has a trap, so it runs it after the program ends); the program, exec'd
	# with default signal handling, gets the SIGINT.
	_outer="trap : INT QUIT; sh -c $(shq "$_inner"); rc=\$?; stty -a >$(shq "$T/stty") 2>&1;"
	_outer="$_outer echo \$rc >$(shq "$T/rc.tmp"); mv $(shq "$T/rc.tmp") $(shq "$T/rc"); exit \$rc"
	tm new-session -d -s "$TSESSION" -x "$_cols" -y "$_rows" -c "$T" "$_outer" ||
		fail "tmux started a session for the program"
	_size=$(tm display -p -t "=$TSESSION:" '#{pane_width}x#{pane_height}')
	[ "$_size" = "${_cols}x$_rows" ] || fail "the tmux pane is ${_cols}x$_rows" "it is $_size"
	poll_until '[ -s "$T/pid" ] || [ -f "$T/rc" ]' || fail "the program started"
	TPID=$(cat "$T/pid" 2>/dev/null)
}

# resize COLS ROWS: sets the window to exactly COLS x ROWS.
resize()
{
	tm resize-window -t "=$TSESSION:" -x "$1" -y "$2" || fail "tmux resized the window to $1x$2"
	TCOLS=$1
	TROWS=$2
	_size=$1x$2
	poll_until '[ "$(tm display -p -t "=$TSESSION:" "#{pane_width}x#{pane_height}")" = "$_size" ]' ||
		fail "the pane is $1x$2" "it is $(tm display -p -t "=$TSESSION:" '#{pane_width}x#{pane_height}')"
}

# send KEY...: tmux send-keys (tmux key names: Tab, BTab, C-l, Enter...).
send()
{
	tm send-keys -t "=$TSESSION:" "$@" || fail "tmux sent the keys $*"
}

# wait_exit STATUS: the program ends with STATUS, the pane is dead with that
# status, and the terminal is back to normal: canonical mode and echo on,
# the alternate screen and the keypad transmit mode left.
wait_exit()
{
	poll_until '[ -f "$T/rc" ]' || fail "the program ended with status $1" "it is still running"
	_got=$(cat "$T/rc")
	[ "$_got" = "$1" ] || fail "the program ended with status $1" "it ended with status $_got"
	# tmux 3.3 often misses the SIGCHLD of a pane's process and leaves it a
	# zombie with no #{pane_dead_status}; the next child of the server that
	# exits makes it reap every child, so run-shell a no-op while waiting.
	_want=1:$1
	poll_until 'tm run-shell true; [ "$(tm display -p -t "=$TSESSION:" "#{pane_dead}:#{pane_dead_status}")" = "$_want" ]' ||
		fail "the pane is dead with #{pane_dead_status} $1" \
			"pane_dead:pane_dead_status is $(tm display -p -t "=$TSESSION:" '#{pane_dead}:#{pane_dead_status}')"
	_flags=$(tr ' ;' '\n\n' <"$T/stty" | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' ')
	case " $_flags" in
	*" icanon "*) ;;
	*) fail "the terminal is restored (stty shows icanon and echo)" "stty: $_flags" ;;
	esac
	case " $_flags" in
	*" echo "*) ;;
	*) fail "the terminal is restored (stty shows icanon and echo)" "stty: $_flags" ;;
	esac
	# (Not #{cursor_flag}: tmux hides the cursor of a dead pane itself.)
	_modes=$(tm display -p -t "=$TSESSION:" '#{alternate_on}:#{keypad_cursor_flag}')
	[ "$_modes" = "0:0" ] ||
		fail "the alternate screen and keypad mode are left (#{alternate_on}:#{keypad_cursor_flag} 0:0)" \
			"it is $_modes"
	if [ -z "$TUI_STDERR_TO_PANE" ] && [ -s "$T/stderr" ]; then
		fail "the program wrote nothing to stderr"
	fi
}

# --- the screen ------------------------------------------------------------

# capture: the visible screen into $SCREEN (trailing blank lines dropped).
capture()
{
	SCREEN=$(tm capture-pane -p -t "=$TSESSION:" 2>&1)
}

# capture_all: the scrollback and the screen into $SCREEN, with the lines the
# terminal wrapped joined again (for what a program prints, not draws).
capture_all()
{
	SCREEN=$(tm capture-pane -p -J -S - -t "=$TSESSION:" 2>&1)
}

# wait_for_printed TEXT: the scrollback or the screen shows TEXT (polls).
wait_for_printed()
{
	_text=$1
	poll_until 'capture_all; case $SCREEN in *"$_text"*) true ;; *) false ;; esac' ||
		fail "the terminal shows \"$1\" (scrollback included)"
}

# poll_until SH-CONDITION [SECONDS]: evaluates the condition every 50 ms
# until it holds or SECONDS ($TUI_TIMEOUT) have gone; false on timeout.
poll_until()
{
	_n=$((${2:-$TUI_TIMEOUT} * 20))
	while [ "$_n" -gt 0 ]; do
		eval "$1" && return 0
		sleep "$TUI_POLL"
		_n=$((_n - 1))
	done
	eval "$1"
}

# line N: line N of $SCREEN.
line()
{
	printf '%s\n' "$SCREEN" | sed -n "$1p"
}

# matches STRING REGEX: STRING matches the extended REGEX (bytes, C locale).
matches()
{
	printf '%s\n' "$1" | LC_ALL=C grep -Eq -- "$2"
}

screen_has()
{
	capture
	case $SCREEN in
	*"$1"*) return 0 ;;
	esac
	return 1
}

wait_for()
{
	_text=$1
	poll_until 'screen_has "$_text"' || fail "the screen shows \"$1\""
}

assert_screen_contains()
{
	wait_for "$@"
}

assert_not_contains()
{
	screen_has "$1" && fail "the screen does not show \"$1\""
	return 0
}

assert_line()
{
	_ln=$1 _re=$2
	poll_until 'capture; matches "$(line "$_ln")" "$_re"' ||
		fail "line $1 matches /$2/" "line $1 is: '$(line "$1")'"
}

# assert_lines_equal FILE: the screen is exactly the capture saved in FILE.
assert_lines_equal()
{
	_file=$1
	poll_until 'capture; [ "$SCREEN" = "$(cat "$_file")" ]' || {
		printf '%s\n' "$SCREEN" >"$T/screen.now"
		fail "the screen is the same as before ($1)" \
			"$(diff "$1" "$T/screen.now" | sed 's/^/    /')"
	}
}

# save_screen FILE: the current screen into FILE.
save_screen()
{
	capture
	printf '%s\n' "$SCREEN" >"$1"
}

# columns TEXT: TEXT with each UTF-8 character reduced to one byte, so byte
# offsets are screen columns (every character this program shows is one
# column wide).
columns()
{
	printf '%s\n' "$1" | LC_ALL=C tr -d '\200-\277'
}

# col_of LINE TEXT: the 1-based screen column where TEXT starts in LINE, 0 if absent.
col_of()
{
	L=$(columns "$1") S=$(columns "$2") LC_ALL=C awk \
		'BEGIN { print index(ENVIRON["L"], ENVIRON["S"]) }'
}

# assert_aligned FROM TO REGEX COL [end]: on each of lines FROM..TO of the
# screen as last captured, the first match of the extended REGEX starts (or,
# with "end", ends) at screen column COL.
assert_aligned()
{
	_bad=$(columns "$SCREEN" | FROM=$1 TO=$2 RE=$3 COL=$4 END=${5:-} LC_ALL=C awk '
		NR >= ENVIRON["FROM"] + 0 && NR <= ENVIRON["TO"] + 0 {
			c = match($0, ENVIRON["RE"])
			if (c && ENVIRON["END"] != "")
				c += RLENGTH - 1
			if (c != ENVIRON["COL"] + 0)
				printf "line %d: at column %d: %s\n", NR, c, $0
		}')
	_how=starts
	[ -n "${5:-}" ] && _how=ends
	[ -z "$_bad" ] || fail "on lines $1-$2, /$3/ $_how at column $4" "$_bad"
}

# end_of LINE TEXT: the screen column where TEXT ends in LINE, 0 if absent.
end_of()
{
	_c=$(col_of "$1" "$2")
	if [ "$_c" -eq 0 ]; then
		echo 0
	else
		echo $((_c + $(columns "$2" | LC_ALL=C awk '{ print length($0) }') - 1))
	fi
}

# screen_lines: how many lines the last capture has, down to the last non-blank one.
screen_lines()
{
	printf '%s\n' "$SCREEN" | wc -l | tr -d ' '
}

# joined: the last capture as one line, runs of blanks made one space (for
# text the program wraps).
joined()
{
	printf '%s\n' "$SCREEN" | tr '\n' ' ' | tr -s ' '
}

# wait_joined TEXT: the screen, its lines joined, shows TEXT.
wait_joined()
{
	_text=$1
	poll_until 'capture; case $(joined) in *"$_text"*) true ;; *) false ;; esac' ||
		fail "the screen, lines joined, shows \"$1\""
}

# regex_quote TEXT: TEXT with the extended-regex specials escaped.
regex_quote()
{
	printf '%s\n' "$1" | sed 's/[][\\.*^$+?(){}|/]/\\&/g'
}

# fail EXPECTED [DETAIL]: prints the test, what was expected, the detail and
# the whole screen, then ends the test.
fail()
{
	{
		echo "# $TNAME: expected: $1"
		[ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/#   /'
		if tm has-session -t "=$TSESSION" 2>/dev/null; then
			capture
			echo "# screen (${TCOLS:-?}x${TROWS:-?}), between the bars:"
			printf '%s\n' "$SCREEN" | sed 's/^/#   |/; s/$/|/'
		fi
		if [ -s "$T/stderr" ]; then
			echo "# the program's stderr:"
			sed 's/^/#   /' "$T/stderr"
		fi
		[ -f "$T/rc" ] && echo "# the program ended with status $(cat "$T/rc")"
	}
	exit 1
}

# --- the database and the settings (tests/tui/inbox.sh, timeline.sh) --------

# need_sqlite: ends the test as failed when sqlite3 is missing (CI installs it).
need_sqlite()
{
	command -v sqlite3 >/dev/null 2>&1 ||
		fail "sqlite3 is installed (apt-get install sqlite3); this test checks the database with it"
}

# sq SQL: the rows sqlite3 prints for SQL on $TDB ("|" between columns).
sq()
{
	sqlite3 -batch "$TDB" "$1" 2>"$T/sq.err" ||
		fail "sqlite3 could run: $1" "$(cat "$T/sq.err")"
}

# cli ARG...: the program's command line on $TDB with the test's settings
# and date, its output on stdout; a failure ends the test.
cli()
{
	env -i PATH="$PATH" HOME="${HOME:-/}" LANG=C.UTF-8 \
		"$TUI_BIN" -c "$TUI_CFG" -d "$TDB" --today "$TUI_DATE" "$@" 2>"$T/cli.err" ||
		fail "innspill $* succeeded" "$(cat "$T/cli.err")"
}

# cli_count LIMIT: how many rows `list --limit LIMIT` prints.
cli_count()
{
	cli list --limit "$1" --format csv >"$T/cli.out"
	echo $(($(wc -l <"$T/cli.out") - 1))
}

# use_central_cfg: the shipped settings with the register at absolute paths
# and the user running the tests listed as central staff, in $T/central.cfg,
# made the test's settings. A login that is not listed is a reader, who may
# change nothing outside a demo database.
use_central_cfg()
{
	export TUI_REPO TUI_LOGIN
	LC_ALL=C awk '
		function swap(s, name,   i) {
			i = index(s, "\"" name "\"")
			return i ? substr(s, 1, i) ENVIRON["TUI_REPO"] "/config/" name \
				substr(s, i + length(name) + 1) : s
		}
		index($0, "login = \"" ENVIRON["TUI_LOGIN"] "\"") { next }
		{ $0 = swap(swap($0, "kommuner-2024.csv"), "fylker-2024.csv") }
		{ print }
		/^users = \(/ {
			print "  { login = \"" ENVIRON["TUI_LOGIN"] "\"; role = \"central\"; },"
		}' "$TUI_REPO/config/innspill.cfg" >"$T/central.cfg" ||
		fail "the settings for central staff were written"
	TUI_CFG=$T/central.cfg
	"$TUI_BIN" -c "$TUI_CFG" check-config >"$T/central.check" 2>&1 ||
		fail "the settings for central staff are valid" "$(cat "$T/central.check")"
}

# fresh_db: $TDB names a database that does not exist yet.
fresh_db()
{
	TDB=$T/${1:-test}.db
	rm -f "$TDB" "$TDB-wal" "$TDB-shm"
}

# status_line: the last line of the screen as last captured.
status_line()
{
	line "$TROWS"
}

# wait_status TEXT: the status line shows TEXT (polls).
wait_status()
{
	_text=$1
	poll_until 'capture; case $(line "$TROWS") in *"$_text"*) true ;; *) false ;; esac' ||
		fail "the status line shows \"$1\"" "it is: '$(line "$TROWS")'"
}

# type_text TEXT: types TEXT into a prompt, character by character as tmux
# sends them (a text ending in ";" would end the tmux command, so refuse it).
type_text()
{
	case $1 in
	*';') fail "type_text: tmux cannot type a text that ends in ';'" ;;
	esac
	send -l "$1"
}

# selected_row: the screen line (1-based) of the row with the cursor mark ">"
# in the body, 0 when there is none.
selected_row()
{
	printf '%s\n' "$SCREEN" | LC_ALL=C awk 'NR > 1 && /^>/ { print NR; f = 1; exit } END { if (!f) print 0 }'
}

# inbox_rows: the inbox list as last captured, one row a line, as
# "LINE|FLAGS|ID|REGION|STATUS" (FLAGS: the cursor, tag and status letter;
# REGION and STATUS trimmed), by the header's columns.
inbox_rows()
{
	_head=$(line 2)
	_rc=$(col_of "$_head" Region) _sc=$(col_of "$_head" Status) _mc=$(col_of "$_head" Member)
	columns "$SCREEN" | RC=$_rc SC=$_sc MC=$_mc LC_ALL=C awk '
		function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
		NR > 2 && /^[> ][ *][NAFR-] +[0-9]+ / {
			print NR "|" substr($0, 1, 3) "|" trim(substr($0, 4, ENVIRON["MC"] - 5)) "|" \
				trim(substr($0, ENVIRON["RC"], 16)) "|" trim(substr($0, ENVIRON["SC"], 10))
		}'
}

# row_id N: the number (or, for a missing member, the member number) on
# screen line N.
row_id()
{
	line "$1" | LC_ALL=C awk '{ sub(/^[> ][ *][NAFR-]/, ""); print $1 }'
}

# wait_detail: a submission is open below the inbox list (at 80x24): the
# rule on line 9 (ACS, ─ or -) and the submission's first line on line 10.
wait_detail()
{
	assert_line 9 '^(q|─|-)+$'
	assert_line 10 '^ [^ ]'
}

# to_ascii_strip: stdin with the strip's drawing characters as --ascii draws
# them (─ · ┊ ▼ … –), so a UTF-8 and an ASCII screen compare cell by cell.
to_ascii_strip()
{
	sed -e 's/─/-/g' -e 's/·/./g' -e 's/┊/:/g' -e 's/▼/v/g' -e 's/…/~/g' -e 's/–/-/g'
}
