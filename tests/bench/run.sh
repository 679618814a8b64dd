#!/bin/sh
# make bench: innspill at 100 000 submissions, and over a slow link.
#
#   sh tests/bench/run.sh build/innspill
#
# Makes a deterministic database of 100 000 submissions (270 cycles of all
# 372 members, as far as the 100 000 go) and a CSV of 100 000 rows, then
# measures, in a pseudo-terminal of 80x24 (../shared/tools/ttybytes):
#   1. the first screen: start to the first complete Inbox of every cycle
#      (--limit cycle:all), and peak memory (RSS);
#   2. key to settled screen for j, k, PgDn, G, limit expressions and a search;
#   3. bytes per key for the same keys, and the same for mutt on a maildir of
#      400 messages and less on a long file, in the same run;
#   4. import: rows per second through `innspill import` against sqlite3's own
#      .import plus an FTS5 index over the same text;
#   5. a status change made during an import of 250 000 rows: how long it
#      waits, and how soon after the import it goes through.
# and writes tests/bench/RESULTS.md (machine, date, commands, figures,
# targets). Missing tools (sqlite3, mutt, less, /usr/bin/time, python3) are
# installed with apt-get when run as root. Not part of `make check`.
#
# Environment: BENCH_DIR=DIR works in DIR (kept) instead of a temporary
# directory; BENCH_OUT=FILE writes the results elsewhere; TTYBYTES=PATH.
set -u

if [ $# -ne 1 ]; then
	echo "usage: sh tests/bench/run.sh path/to/innspill" >&2
	exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd) || exit 2
REPO=$(cd "$HERE/../.." && pwd) || exit 2
case $1 in
/*) BIN=$1 ;;
*) BIN=$(pwd)/$1 ;;
esac
if [ ! -x "$BIN" ]; then
	echo "bench: $1 is not an executable; build it first (make build/innspill)" >&2
	exit 1
fi
TTYBYTES=${TTYBYTES:-$REPO/../shared/tools/ttybytes}
OUT=${BENCH_OUT:-$HERE/RESULTS.md}
TODAY=2024-02-20

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# ---- tools -------------------------------------------------------------
missing=
for pair in python3:python3 sqlite3:sqlite3 mutt:mutt less:less; do
	command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
done
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		say "installing:$missing"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing \
			>/dev/null || die "apt-get could not install:$missing"
	else
		die "missing:$missing. Install them with: sudo apt-get install$missing"
	fi
fi
[ -x "$TTYBYTES" ] || die "$TTYBYTES is missing (ttybytes, from ../shared/tools)"

# The same terminal for every program.
unset LC_ALL LC_CTYPE LC_MESSAGES LANGUAGE COLUMNS LINES NO_COLOR INNSPILL_CONFIG
LANG=C.UTF-8
TERM=xterm-256color
export LANG TERM

if [ -n "${BENCH_DIR:-}" ]; then
	W=$BENCH_DIR
	mkdir -p "$W" || exit 1
else
	W=$(mktemp -d "${TMPDIR:-/tmp}/innspill-bench.XXXXXX") || exit 1
	trap 'rm -rf "$W"' EXIT
	trap 'exit 130' INT TERM
fi
W=$(cd "$W" && pwd)
R=$W/out
rm -rf "$R"
mkdir -p "$R" "$W/home/Mail"
: >"$R/commands.txt"
: >"$R/values.txt"

# Records a command for RESULTS.md (paths shortened, quoted for sh), then
# runs it.
quote()
{
	case $1 in
	'' | *[!A-Za-z0-9_./:=,%+@-]*) printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
	*) printf '%s' "$1" ;;
	esac
}
cmd()
{
	line=
	for a in "$@"; do line="$line${line:+ }$(quote "$a")"; done
	printf '%s\n' "$line" | sed -e "s|$W|\$W|g" -e "s|$REPO/||g" -e "s|$REPO|.|g" >>"$R/commands.txt"
	"$@"
}
value() { printf '%s=%s\n' "$1" "$2" >>"$R/values.txt"; }
now_ms() { date +%s%3N; }
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }

TTY="$TTYBYTES --cols 80 --rows 24 --term xterm-256color --env ESCDELAY=25 --env LANG=C.UTF-8 --json"

# ---- the settings and the database ---------------------------------------
say "settings: 270 cycles, and the shipped one for the import"
LOGIN=$(id -un 2>/dev/null || echo bench)
awk -v past=269 -v cfgdir="$REPO/config" -v login="$LOGIN" -f "$HERE/mkcfg.awk" \
	"$REPO/config/innspill.cfg" >"$W/bench.cfg" || die "mkcfg.awk failed"
awk -v past=0 -v cfgdir="$REPO/config" -v login="$LOGIN" -f "$HERE/mkcfg.awk" \
	"$REPO/config/innspill.cfg" >"$W/import.cfg" || die "mkcfg.awk failed"
cmd "$BIN" -c "$W/bench.cfg" check-config >"$R/check-config.txt" 2>&1 ||
	die "the bench settings are not valid: $(cat "$R/check-config.txt")"
cmd "$BIN" -c "$W/import.cfg" check-config >/dev/null 2>&1 || die "import.cfg is not valid"

say "database: 100 000 submissions"
DB=$W/bench.db
rm -f "$DB" "$DB-wal" "$DB-shm"
t0=$(now_ms)
cmd "$BIN" -c "$W/bench.cfg" -d "$DB" --today $TODAY status >/dev/null || die "innspill could not make $DB"
cmd sqlite3 "$DB" ".read $HERE/fill.sql" || die "fill.sql failed"
t1=$(now_ms)
value gen_ms $((t1 - t0))
sqlite3 -separator ' ' "$DB" "SELECT 'db_submissions', count(*) FROM submission;
	SELECT 'db_cycles', count(*) FROM cycle;
	SELECT 'db_answers', count(*) FROM answer;
	SELECT 'db_fts', count(*) FROM submission_fts_docsize;
	SELECT 'db_body_min', min(length(CAST(body AS BLOB))) FROM submission;
	SELECT 'db_body_avg', CAST(avg(length(CAST(body AS BLOB))) AS INTEGER) FROM submission;
	SELECT 'db_body_max', max(length(CAST(body AS BLOB))) FROM submission;
	SELECT 'db_current_cycle', count(*) FROM submission WHERE cycle_id = '2024';
	SELECT 'db_demo', count(*) FROM meta WHERE key = 'demo';" |
	while read -r k v; do value "$k" "$v"; done
value db_bytes "$(wc -c <"$DB")"
[ "$(sed -n 's/^db_submissions=//p' "$R/values.txt")" = 100000 ] || die "the database does not hold 100 000 submissions"
# Settle the file (WAL into the main file). The page cache is warmed before
# each timed part: a VM may reclaim it meanwhile (DAMON), and cold reads
# would be timed instead of the program.
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
warm() { cat "$@" >/dev/null; }
value load_start "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

# The same resolutions as a survey CSV, 100 000 rows for one cycle.
say "CSV: 100 000 rows"
CSV=$W/survey.csv
cmd sqlite3 "$DB" ".read $HERE/csv.sql" >"$CSV" || die "csv.sql failed"
value csv_bytes "$(wc -c <"$CSV")"

# A long file for less: the list of every submission, as the inbox shows it.
"$BIN" -c "$W/bench.cfg" -d "$DB" --today $TODAY list --limit cycle:all >"$W/long.txt"
value long_lines "$(wc -l <"$W/long.txt")"
echo "$BIN -c \$W/bench.cfg -d \$W/bench.db --today $TODAY list --limit cycle:all > \$W/long.txt" |
	sed -e "s|$REPO/||g" >>"$R/commands.txt"

# A maildir of the 400 newest resolutions, as mails, for mutt.
say "maildir: 400 messages"
MD0=$W/maildir.orig
rm -rf "$MD0"
mkdir -p "$MD0/cur" "$MD0/new" "$MD0/tmp"
sqlite3 -separator '|' "$DB" "
	SELECT s.id, replace(m.name, '|', '/'), s.member,
	  substr('SunMonTueWedThuFriSat', 1 + 3 * strftime('%w', s.received), 3) || ', '
	  || CAST(strftime('%d', s.received) AS INTEGER) || ' '
	  || substr('JanFebMarAprMayJunJulAugSepOctNovDec', 3 * strftime('%m', s.received) - 2, 3)
	  || strftime(' %Y ', s.received) || printf('%02d:%02d:00 +0100', 8 + s.id % 8, s.id % 60),
	  replace(replace(s.body, char(10), ' '), '|', '/')
	FROM submission s JOIN member m ON m.number = s.member ORDER BY s.id DESC LIMIT 400" |
while IFS='|' read -r id name num date body; do
	if [ $((id % 4)) -eq 0 ]; then f=$MD0/new/1708400000.$id.bench; else f=$MD0/cur/1708400000.$id.bench:2,S; fi
	{
		printf 'From: %s <postmottak@k%s.kommune.no>\nTo: innspill@ks.no\n' "$name" "$num"
		printf 'Subject: Vedtak fra %s: innspill til Debatthefte\nDate: %s\n' "$name" "$date"
		printf 'Message-ID: <vedtak-%s@k%s.kommune.no>\nMIME-Version: 1.0\n' "$id" "$num"
		printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n'
		printf '%s\n' "$body" | fold -s -w 72
	} >"$f"
done
value maildir_messages "$(find "$MD0/cur" "$MD0/new" -type f | wc -l)"
fresh_maildir()
{
	rm -rf "$W/maildir"
	cp -R "$MD0" "$W/maildir"
}

# ---- 1. the first screen ----------------------------------------------------
INN="$BIN -c $W/bench.cfg -d $DB --today $TODAY"
say "first screen: 7 starts on --limit cycle:all, 3 on the default start"
warm "$DB"
# One start to warm up, not counted.
$TTY --startup-settle-ms 1500 --keys q -- $INN --limit cycle:all >/dev/null
for i in 1 2 3 4 5 6 7; do
	cmd $TTY --startup-settle-ms 1500 --keys q -- $INN --limit cycle:all >"$R/first-$i.json"
done
for i in 1 2 3; do
	cmd $TTY --startup-settle-ms 1500 --keys q -- $INN >"$R/first-default-$i.json"
done
say "peak memory"
for i in 1 2 3; do
	cmd $TTY --startup-settle-ms 1500 --keys q -- /usr/bin/time -f %M -o "$R/rss-first-$i.txt" \
		$INN --limit cycle:all >"$R/rss-first-$i.json"
done

# ---- 2 and 3. keys: time and bytes -------------------------------------
GG=
i=0
while [ $i -lt 10 ]; do GG="$GG G g"; i=$((i + 1)); done
HE=
i=0
while [ $i -lt 10 ]; do HE="$HE End Home"; i=$((i + 1)); done
NAV="j*40 k*40 PgDn*15$GG q"
NAV_MUTT="j*40 k*40 PgDn*15$HE q"
value nav_keys "$NAV"
value nav_keys_mutt "$NAV_MUTT"

say "navigation: innspill, mutt, less"
warm "$DB" "$W/long.txt"
cmd $TTY --startup-settle-ms 1500 --log "$R/nav.log" --keys "$NAV" -- $INN --limit cycle:all >"$R/nav.json"
fresh_maildir
cmd env HOME="$W/home" $TTY --startup-settle-ms 1500 --log "$R/nav-mutt.log" --keys "$NAV_MUTT" -- \
	mutt -n -F /dev/null -f "$W/maildir" >"$R/nav-mutt.json"
cmd env LESSHISTFILE=- $TTY --startup-settle-ms 1500 --log "$R/nav-less.log" --keys "$NAV" -- \
	less "$W/long.txt" >"$R/nav-less.json"

# Limits and searches: each is two steps, the typing (the prompt key, Ctrl-U,
# the words) and Enter, which is the step measured. The long quiet period
# keeps a slow answer inside its own step.
LIMIT_A="cycle:all region:nordland status:approved late"
LIMIT_B="cycle:all"
LIMIT_C="cycle:all text:utenforskap"
value limit_a "$LIMIT_A"
value limit_b "$LIMIT_B"
value limit_c "$LIMIT_C"
LK=
i=0
while [ $i -lt 6 ]; do
	for e in "$LIMIT_A" "$LIMIT_B" "$LIMIT_C"; do
		LK="$LK hex:$(hex "l")15$(hex "$e") Enter"
	done
	i=$((i + 1))
done
SK=
i=0
while [ $i -lt 6 ]; do
	for w in sykepleiere utenforskap heltidskultur; do SK="$SK '/$w' Enter"; done
	i=$((i + 1))
done
say "limit expressions and searches (slow: a second's quiet after each step)"
warm "$DB"
cmd $TTY --settle-ms 1000 --startup-settle-ms 1500 --log "$R/limit.log" --keys "$LK q" -- \
	/usr/bin/time -f %M -o "$R/rss-limit.txt" $INN --limit cycle:all >"$R/limit.json"
warm "$DB"
cmd $TTY --settle-ms 1000 --startup-settle-ms 1500 --log "$R/search.log" --keys "$SK q" -- \
	$INN --limit cycle:all >"$R/search.json"
# The same for mutt (limit ~f, search) and less (& filters lines, / searches):
# bytes only, for scale.
fresh_maildir
cmd env HOME="$W/home" $TTY --settle-ms 300 --startup-settle-ms 1500 --keys \
	"l '~f Bodø' Enter l 'all' Enter / 'Narvik' Enter / 'Tromsø' Enter q" -- \
	mutt -n -F /dev/null -f "$W/maildir" >"$R/limit-mutt.json"
cmd env LESSHISTFILE=- $TTY --settle-ms 300 --startup-settle-ms 1500 --keys \
	"'&nordland' Enter '&' Enter '/Bodø' Enter '/Narvik' Enter q" -- less "$W/long.txt" >"$R/limit-less.json"

# ---- ASCII and colour ---------------------------------------------------
say "ASCII and no-colour"
VNAV="j*20 k*20 PgDn*10 G g G g q"
value var_keys "$VNAV"
warm "$DB"
for v in "default|" "ascii|--ascii" "nocolor|--no-color" "NO_COLOR|--env NO_COLOR=1" \
	"ascii-nocolor|--ascii --no-color" "LANG_C|--env LANG=C"; do
	name=${v%%|*}
	opts=${v#*|}
	case $opts in
	--env*) topt=$opts; iopt= ;;
	*) topt=; iopt=$opts ;;
	esac
	cmd $TTY --startup-settle-ms 1500 $topt --log "$R/var-$name.log" --keys "$VNAV" -- \
		$INN $iopt --limit cycle:all >"$R/var-$name.json"
done

# ---- 4. import ------------------------------------------------------------
say "import: innspill, then sqlite3's .import + FTS5 (twice each)"
for i in 1 2; do
	F=$W/fresh.db
	rm -f "$F" "$F-wal" "$F-shm"
	"$BIN" -c "$W/import.cfg" -d "$F" --today $TODAY status >/dev/null || die "cannot make $F"
	warm "$CSV"
	t0=$(now_ms)
	cmd "$BIN" -c "$W/import.cfg" -d "$F" --today $TODAY import "$CSV" >"$R/import-$i.txt" 2>&1
	rc=$?
	t1=$(now_ms)
	[ $rc = 0 ] || die "innspill import failed: $(head -5 "$R/import-$i.txt")"
	value "import_ms_$i" $((t1 - t0))
	value "import_rows_$i" "$(sqlite3 "$F" "SELECT count(*) FROM submission")"
	value "import_fts_$i" "$(sqlite3 "$F" "SELECT count(*) FROM submission_fts_docsize")"
	# The database and its search index are sound after the import (not timed).
	"$BIN" -c "$W/import.cfg" -d "$F" --today $TODAY check-db >"$R/check-db-$i.txt" 2>&1 ||
		die "check-db after the import: $(cat "$R/check-db-$i.txt")"

	B=$W/baseline.db
	rm -f "$B" "$B-wal" "$B-shm"
	warm "$CSV"
	t0=$(now_ms)
	(cd "$W" && cmd sqlite3 "$B" ".read $HERE/baseline.sql") >"$R/baseline-$i.txt" 2>&1
	rc=$?
	t1=$(now_ms)
	[ $rc = 0 ] || die "the sqlite3 baseline failed: $(cat "$R/baseline-$i.txt")"
	value "baseline_ms_$i" $((t1 - t0))
	value "baseline_rows_$i" "$(sqlite3 "$B" "SELECT count(*) FROM raw")"
	value "baseline_fts_$i" "$(sqlite3 "$B" "SELECT count(*) FROM raw_fts")"
done
value import_result "$(cat "$R/import-1.txt")"
rm -f "$W/fresh.db" "$W/fresh.db-wal" "$W/fresh.db-shm" "$W/baseline.db"*

# ---- 5. a change during a long import --------------------------------------
# Someone changes a status while a colleague imports 250 000 rows: the change
# waits for the import (saying whose it is) and goes through when it ends.
# Measured: how long the change waited, and how soon after the import's end
# it was through.
say "a status change during an import of 250 000 rows (3 runs)"
BIG=$W/big.csv
awk -F, -v n=250000 'NR > 1 { m[k++] = $1 }
	END {
		print "member;received;body;handlingsrom"
		for (i = 0; i < n; i++)
			printf "%s;2024-02-%02d;Vedtak nr %d fra kommunestyret om debattheftet;Svar %d\n",
				m[i % k], 1 + i % 19, i, i
	}' "$REPO/config/kommuner-2024.csv" >"$BIG"
printf 'member;received;body;handlingsrom\n1804;2024-02-01;Vedtak fra Bodø;Svar\n' >"$W/one.csv"
held() { # DB: the import has said who it is and holds the write lock
	[ "$(sqlite3 "$1" "SELECT count(*) FROM meta WHERE key LIKE 'activity:%'" 2>/dev/null)" = 1 ] &&
		sqlite3 "$1" ".timeout 0" "BEGIN IMMEDIATE; ROLLBACK;" 2>&1 | grep -q locked
}
for i in 1 2 3; do
	F=$W/wait.db
	rm -f "$F" "$F-wal" "$F-shm"
	"$BIN" -c "$W/import.cfg" -d "$F" --today $TODAY import "$W/one.csv" >/dev/null 2>&1 ||
		die "cannot make $F"
	id=$(sqlite3 "$F" "SELECT id FROM submission LIMIT 1")
	warm "$BIG"
	t0=$(now_ms)
	( cmd "$BIN" -c "$W/import.cfg" -d "$F" --today $TODAY import "$BIG" >"$R/wait-import-$i.txt" 2>&1
	  echo "$? $(now_ms)" >"$R/wait-import-end-$i.txt" ) &
	n=0
	while ! held "$F" && [ $n -lt 1000 ]; do sleep 0.01; n=$((n + 1)); done
	t1=$(now_ms)
	cmd "$BIN" -c "$W/import.cfg" -d "$F" --today $TODAY set-status "$id" approved \
		>"$R/wait-set-$i.txt" 2>"$R/wait-set-err-$i.txt"
	rc=$?
	t2=$(now_ms)
	wait
	read -r irc tend <"$R/wait-import-end-$i.txt"
	value "wait_rc_$i" "$rc $irc"
	value "wait_import_ms_$i" $((tend - t0))
	value "wait_ms_$i" $((t2 - t1))
	value "wait_after_ms_$i" $((t2 - tend))
	value "wait_said_$i" "$(grep -c 'waiting for .*import' "$R/wait-set-err-$i.txt")"
	value "wait_status_$i" "$(sqlite3 "$F" "SELECT status FROM submission WHERE id = $id")"
done
rm -f "$W/wait.db" "$W/wait.db-wal" "$W/wait.db-shm" "$BIG"

# ---- the machine, and the report ---------------------------------------
value load_end "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
value nproc "$(nproc 2>/dev/null || echo '?')"
value cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
value ram_kb "$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\).*/\1/p' /proc/meminfo)"
value kernel "$(uname -sr)"
value os "$(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release 2>/dev/null)"
value date "$(date -u '+%Y-%m-%d %H:%M UTC')"
value sqlite "$(sqlite3 --version | cut -d' ' -f1)"
value libsqlite "$(sqlite3 ':memory:' 'SELECT sqlite_version()')"
value mutt "$(mutt -v 2>/dev/null | head -1)"
value less "$(less --version 2>/dev/null | head -1)"
value ncurses "$(ldd "$BIN" 2>/dev/null | sed -n 's/.*\(libncursesw[^ ]*\) => \([^ ]*\).*/\2/p' | xargs -r readlink -f | xargs -r basename)"
value commit "$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null)$(cd "$REPO" && git diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ has uncommitted changes)')"
value bin "$(echo "$BIN" | sed "s|$REPO/||")"

python3 "$HERE/report.py" "$R" "$OUT" || die "report.py failed"
say "wrote $(echo "$OUT" | sed "s|$REPO/||")"
