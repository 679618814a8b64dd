#!/bin/sh
# Fault torture (make torture; not part of make check). Kills writers with
# SIGKILL at random moments and checks each time that the database is sound
# and that every change is all or nothing; fills a small disk during an
# import; takes permissions away from the database, its directory and its
# -shm. Every message it provokes must name the file and say what to do.
#
#   sh tests/torture/run.sh BINARY KILLER
#
# TORTURE_RUNS (100) sets the kills per kind, TORTURE_SEED the random seed
# (printed, so a failing run can be repeated), TORTURE_PARTS which parts run
# ("abcde"). Prints figures per part and
# ends with the line
#   torture: N passed, N failed
# (N counts the runs and checks). Exits 1 when one failed.
#
# (a) `innspill import` of a CSV of 10 000 rows, killed: its rows are all
#     there or none, and an import that ended is all there.
# (b) `innspill set-status ID STATUS --note TEXT`, killed: status and note
#     both or neither, matched with the audit log.
# (c) the terminal program's bulk change (T, then ;a or ;o on every row of
#     the inbox) in tmux, killed: every row or none, matched with the audit
#     log.
# Half the kills of each come at a random moment after the start, half at a
# random moment after the writer took the database's write lock; the killer
# tells whether the lock was held just before the kill ("mid-transaction").
# After each kill: PRAGMA integrity_check, innspill check-db, the check of
# all or nothing, and a change that must go in (the database is usable).
# (d) a full disk (a tmpfs of 4 MB in a mount namespace of its own; root
#     only, else skipped with the reason) during an import and a note.
# (e) a read-only database, directory and -shm (as nobody when run as root).

set -u
bin=${1:?usage: run.sh BINARY KILLER}
killer=${2:?usage: run.sh BINARY KILLER}
runs=${TORTURE_RUNS:-100}
parts=${TORTURE_PARTS:-abcde}
seed=${TORTURE_SEED:-$(date +%s)}
repo=$(cd "$(dirname "$0")/../.." && pwd)
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $killer in /*) ;; *) killer=$(pwd)/$killer ;; esac
cfg=$repo/config/innspill.cfg
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Europe/Oslo
unset LANGUAGE
tmp=$(mktemp -d /tmp/innspill-torture-XXXXXX)
sock=$tmp/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
passed=0 failed=0
started=$(date +%s)

for tool in sqlite3 tmux awk; do
	command -v $tool >/dev/null 2>&1 || { echo "torture: $tool is needed"; echo "torture: 0 passed, 1 failed"; exit 1; }
done

# --- helpers -----------------------------------------------------------------
# rand N: a number in 0..N-1 from the seeded sequence.
rand() {
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	echo $(( (seed / 65536) % $1 ))
}
run() { "$bin" -c "$cfg" -d "$db" --today 2024-02-20 "$@"; }
sq() { sqlite3 -batch "$db" "$1"; }
ok() { passed=$((passed + 1)); }
bad() { # WHAT
	failed=$((failed + 1))
	echo "FAIL - $1"
}
# sound: the database's pages and indexes, and innspill check-db, and a
# change goes in (the database is usable after the kill).
sound() { # WHAT
	ic=$(sq "PRAGMA integrity_check" 2>&1)
	[ "$ic" = ok ] || { bad "$1: integrity_check says: $ic"; return 1; }
	run check-db >"$tmp/check.out" 2>&1 || { bad "$1: check-db: $(tr '\n' ' ' <"$tmp/check.out")"; return 1; }
	run set-status "$probe_id" follow-up >/dev/null 2>"$tmp/probe.err" ||
		{ bad "$1: a change after the kill failed: $(cat "$tmp/probe.err")"; return 1; }
	return 0
}
# killmode I: "after" or "locked", half and half.
killmode() { [ $(($1 % 2)) -eq 0 ] && echo after || echo locked; }
# csv FILE N TAG: N versions of Oslo's resolution, each body new.
csv() {
	awk -v n="$2" -v tag="$3" 'BEGIN {
		print "member;received;body;handlingsrom;rekruttering"
		for (i = 0; i < n; i++)
			printf "0301;2024-01-02;Vedtak %s nr %d fra bystyret om debattheftet, med en tekst som er lang nok til å telle;Svar %d;Mer %d\n", tag, i, i, i
	}' >"$1"
}
ms() { date +%s%N | cut -c1-13; }
report() { # PART RUNS FAILED MID BEFORE AFTER FINISHED
	printf '%s: %d runs, %d failed; kills mid-transaction %d, before it %d, after its commit %d; ended before the kill %d; %d s\n' "$@" $(( $(date +%s) - part_start ))
}
# part X: whether part X is to run (and its clock starts).
part() {
	part_start=$(date +%s)
	case $parts in *$1*) return 0 ;; esac
	return 1
}
# reap PID: waits for PID, its status in $rc, without the shell's "Killed".
reap() {
	{ wait "$1"; rc=$?; } 2>/dev/null
}

db=$tmp/base.db
"$bin" -c "$cfg" -d "$db" --today 2024-02-20 demo >/dev/null || { echo "torture: no demo database"; exit 1; }
probe_id=$(sq "SELECT min(id) FROM submission WHERE member = '1804'")
echo "# torture: $runs kills of each kind, seed $seed, $bin"

# --- (a) import --------------------------------------------------------------
if part a; then
rows=10000
csv "$tmp/a.csv" $rows calib
cp "$tmp/base.db" "$tmp/a.db"
db=$tmp/a.db
# The shorter of two imports: kills are spread over that time.
span=
for k in 1 2; do
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$tmp/base.db" "$db"
	t0=$(ms)
	run import "$tmp/a.csv" >/dev/null || { echo "torture: the calibration import failed"; exit 1; }
	t=$(( $(ms) - t0 ))
	[ -z "$span" ] || [ "$t" -lt "$span" ] && span=$t
done
echo "# (a) an import of $rows rows takes $span ms here"
fails=$failed mid=0 before=0 after=0 finished=0
i=0
while [ $i -lt "$runs" ]; do
	db=$tmp/a.db
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$tmp/base.db" "$db"
	tag=r$i
	csv "$tmp/a.csv" $rows "$tag"
	mode=$(killmode $i)
	# At a moment of its whole run, or of the first 60 % of its transaction.
	if [ "$mode" = after ]; then delay=$(( $(rand $((span + 1))) * 1000 ));
	else delay=$(( $(rand $((span * 6 / 10 + 1))) * 1000 )); fi
	# Not through run(): a function in the background is a shell of its own.
	"$bin" -c "$cfg" -d "$db" --today 2024-02-20 import "$tmp/a.csv" >"$tmp/a.out" 2>"$tmp/a.err" &
	pid=$!
	where=$("$killer" "$pid" "$db" "$mode" "$delay")
	reap $pid
	n=$(sq "SELECT count(*) FROM submission WHERE body LIKE 'Vedtak $tag nr %'")
	if [ "$rc" -ne 137 ]; then
		finished=$((finished + 1))
		[ "$rc" -eq 0 ] && [ "$n" -eq $rows ] || { bad "(a) run $i: ended with $rc and $n of $rows rows: $(cat "$tmp/a.err")"; i=$((i + 1)); continue; }
	elif [ "$n" -ne 0 ] && [ "$n" -ne $rows ]; then
		bad "(a) run $i: killed ($where), $n of $rows rows are in"
		i=$((i + 1))
		continue
	elif [ "$where" = mid ]; then
		mid=$((mid + 1))
	elif [ "$n" -eq $rows ]; then
		after=$((after + 1))
	else
		before=$((before + 1))
	fi
	# The import's audit event goes with its rows.
	ev=$(sq "SELECT count(*) FROM audit_event WHERE action = 'import'")
	[ $(( n > 0 )) -eq "$ev" ] || { bad "(a) run $i: $n rows but $ev import events"; i=$((i + 1)); continue; }
	sound "(a) run $i ($where)" && ok
	i=$((i + 1))
done
report "(a) import killed" "$runs" $((failed - fails)) $mid $before $after $finished
fi

# --- (b) set-status --note ---------------------------------------------------
if part b; then
db=$tmp/b.db
cp "$tmp/base.db" "$db"
id=$(sq "SELECT min(id) FROM submission WHERE status = 'new' AND current = 1")
t0=$(ms)
run set-status "$id" approved --note calibration >/dev/null
span=$(( $(ms) - t0 ))
echo "# (b) set-status --note takes $span ms here"
fails=$failed mid=0 before=0 after=0 finished=0
i=0
while [ $i -lt "$runs" ]; do
	was=$(sq "SELECT status FROM submission WHERE id = $id")
	case $was in approved) to=rejected ;; *) to=approved ;; esac
	text="torture b $i"
	last=$(sq "SELECT max(id) FROM audit_event")
	mode=$(killmode $i)
	if [ "$mode" = after ]; then delay=$(( $(rand $((span + 1))) * 1000 )); else delay=$(rand 3000); fi
	"$bin" -c "$cfg" -d "$db" --today 2024-02-20 set-status "$id" "$to" --note "$text" \
		>"$tmp/b.out" 2>"$tmp/b.err" &
	pid=$!
	where=$("$killer" "$pid" "$db" "$mode" "$delay")
	reap $pid
	now=$(sq "SELECT status FROM submission WHERE id = $id")
	notes=$(sq "SELECT count(*) FROM note WHERE submission_id = $id AND text = '$text'")
	events=$(sq "SELECT count(*) FROM audit_event WHERE id > $last AND entity_id = $id
		AND ((action = 'set-status' AND after = '$to') OR (action = 'note' AND after = '$text'))")
	if [ "$now" = "$to" ] && [ "$notes" = 1 ] && [ "$events" = 2 ]; then
		done_=1
	elif [ "$now" = "$was" ] && [ "$notes" = 0 ] && [ "$events" = 0 ]; then
		done_=0
	else
		bad "(b) run $i: exit $rc ($where): status $was -> $now (asked $to), $notes notes, $events audit events"
		i=$((i + 1))
		continue
	fi
	if [ "$rc" -ne 137 ]; then
		finished=$((finished + 1))
		[ "$rc" -eq 0 ] && [ $done_ -eq 1 ] || { bad "(b) run $i: ended with $rc, change saved: $done_"; i=$((i + 1)); continue; }
	elif [ "$where" = mid ]; then
		mid=$((mid + 1))
	elif [ $done_ -eq 1 ]; then
		after=$((after + 1))
	else
		before=$((before + 1))
	fi
	sound "(b) run $i ($where)" && ok
	i=$((i + 1))
done
report "(b) set-status --note killed" "$runs" $((failed - fails)) $mid $before $after $finished
fi

# --- (c) the terminal program's bulk change ----------------------------------
# tmux's own complaints (a session that a kill ended) go to a file.
tm() { tmux -S "$sock" -f /dev/null "$@" 2>>"$tmp/tmux.err"; }
screen() { tm capture-pane -p -t "=t:" 2>/dev/null; }
until_screen() { # TEXT [TENTHS]: the screen shows TEXT within TENTHS/10 s (50)
	_n=${2:-50}
	while [ "$_n" -gt 0 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}
if part c; then
db=$tmp/c.db
cp "$tmp/base.db" "$db"
current="SELECT id || ':' || status FROM submission WHERE cycle_id = '2024' AND current = 1 ORDER BY id"
shown=$(sq "SELECT count(*) FROM submission WHERE cycle_id = '2024' AND current = 1")
echo "# (c) the inbox shows $shown submissions; each run tags them all and changes them at once"
fails=$failed mid=0 before=0 after=0 finished=0
i=0
while [ $i -lt "$runs" ]; do
	sq "$current" >"$tmp/c.before"
	last=$(sq "SELECT max(id) FROM audit_event")
	if [ $((i % 2)) -eq 0 ]; then key=a to=approved; else key=o to=new; fi
	rm -f "$tmp/c.pid"
	tm kill-server 2>/dev/null
	tm new-session -d -s t -x 80 -y 24 \
		"echo \$\$ >$tmp/c.pid; exec env -i PATH=\"$PATH\" LANG=C.UTF-8 TERM=xterm-256color $bin -c $cfg -d $db --today 2024-02-20" ||
		{ bad "(c) run $i: tmux did not start"; i=$((i + 1)); continue; }
	until_screen "DEMO" && tm send-keys -t "=t:" 2 && until_screen " of $shown " &&
		tm send-keys -t "=t:" T && until_screen "$shown tagged" ||
		{ bad "(c) run $i: the inbox with every row tagged did not show: $(screen | tail -2 | tr '\n' ' ')"; i=$((i + 1)); continue; }
	pid=$(cat "$tmp/c.pid")
	mode=$(killmode $i)
	if [ "$mode" = after ]; then delay=$(( $(rand 30) * 1000 )); else delay=$(rand 8000); fi
	"$killer" "$pid" "$db" "$mode" "$delay" >"$tmp/c.where" &
	kpid=$!
	tm send-keys -t "=t:" '\;' "$key"
	wait $kpid
	where=$(cat "$tmp/c.where")
	sleep 0.05
	tm kill-server 2>/dev/null
	sq "$current" >"$tmp/c.after"
	changed=$(sort "$tmp/c.before" "$tmp/c.after" | uniq -u | wc -l)
	changed=$((changed / 2))
	events=$(sq "SELECT count(*) FROM audit_event WHERE id > $last AND action = 'set-status' AND after = '$to'")
	want_all=$(awk -F: -v to="$to" '$2 != to { n++ } END { print n + 0 }' "$tmp/c.before")
	all_to=$(awk -F: -v to="$to" '$2 != to { n++ } END { print n + 0 }' "$tmp/c.after")
	if [ "$changed" -eq 0 ] && [ "$events" -eq 0 ]; then
		done_=0
	elif [ "$all_to" -eq 0 ] && [ "$changed" -eq "$want_all" ] && [ "$events" -eq "$want_all" ]; then
		done_=1
	else
		bad "(c) run $i ($where): $changed of $want_all rows changed to $to, $events audit events"
		i=$((i + 1))
		continue
	fi
	if [ "$where" = gone ]; then
		finished=$((finished + 1))
	elif [ "$where" = mid ]; then
		mid=$((mid + 1))
	elif [ $done_ -eq 1 ]; then
		after=$((after + 1))
	else
		before=$((before + 1))
	fi
	sound "(c) run $i ($where)" && ok
	i=$((i + 1))
done
report "(c) bulk change in the terminal killed" "$runs" $((failed - fails)) $mid $before $after $finished
fi

# --- (d) a full disk -----------------------------------------------------------
# expect_msg WHAT FILE-ERR TEXT...: FILE-ERR holds every TEXT.
expect_msg() {
	_what=$1 _err=$2
	shift 2
	for _t in "$@"; do
		grep -qF -- "$_t" "$_err" || { bad "$_what: the message lacks \"$_t\": $(cat "$_err")"; return 1; }
	done
	ok
	echo "ok - $_what: $(head -1 "$_err")"
}
if ! part d; then
	:
elif [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null 2>&1; then
	echo "# (d) skipped: filling a disk needs root (to mount a small tmpfs in a mount namespace of its own)"
else
	csv "$tmp/d.csv" 30000 full
	mkdir -p "$tmp/mnt"
	cat >"$tmp/full.sh" <<'EOF'
mnt=$1 base=$2 csv=$3 bin=$4 cfg=$5 out=$6
db=$mnt/x.db
run() { "$bin" -c "$cfg" -d "$db" --today 2024-02-20 "$@"; }
state() { sqlite3 "$db" "SELECT count(*), sum(status = 'approved'), (SELECT count(*) FROM note), (SELECT count(*) FROM audit_event) FROM submission"; }
mount -t tmpfs -o size=4m tmpfs "$mnt" || exit 3
cp "$base" "$db"
before=$(state)
id=$(sqlite3 "$db" "SELECT min(id) FROM submission WHERE status = 'new'")
run import "$csv" >"$out.import.out" 2>"$out.import.err"
echo "import $?" >"$out.rc"
[ "$(state)" = "$before" ] && echo "import unchanged" >>"$out.rc"
[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] && run check-db >/dev/null && echo "import sound" >>"$out.rc"
# The last bytes of the disk taken too: a note cannot go in either.
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
run set-status "$id" approved --note "full" >"$out.note.out" 2>"$out.note.err"
echo "note $?" >>"$out.rc"
# Space again (sqlite3 too needs a little): unchanged, and usable.
rm -f "$mnt/filler"
[ "$(state)" = "$before" ] && echo "note unchanged" >>"$out.rc"
run set-status "$id" approved --note "space again" >/dev/null 2>"$out.after.err" && echo "usable" >>"$out.rc"
[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] && run check-db >/dev/null && echo "sound" >>"$out.rc"
EOF
	unshare -m sh "$tmp/full.sh" "$tmp/mnt" "$tmp/base.db" "$tmp/d.csv" "$bin" "$cfg" "$tmp/d"
	for want in "import 1" "import unchanged" "import sound" "note 1" "note unchanged" "usable" "sound"; do
		if grep -qx "$want" "$tmp/d.rc" 2>/dev/null; then ok; else bad "(d) full disk: not \"$want\" ($(tr '\n' ',' <"$tmp/d.rc" 2>/dev/null) $(cat "$tmp/d.after.err" 2>/dev/null))"; fi
	done
	expect_msg "(d) import on a full disk" "$tmp/d.import.err" \
		"the disk holding $tmp/mnt/x.db is full: free space and try again; nothing was saved"
	expect_msg "(d) a note on a full disk" "$tmp/d.note.err" \
		"the disk holding $tmp/mnt/x.db is full: free space and try again; nothing was saved"
	for f in "$tmp/d.import.err" "$tmp/d.note.err"; do
		grep -q 'disk I/O error' "$f" && bad "(d) \"disk I/O error\" in $(cat "$f")"
	done
fi

# --- (e) permissions -------------------------------------------------------------
as=
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
		as="setpriv --reuid=$(id -u nobody) --regid=$(id -g nobody) --clear-groups"
		chmod 711 "$tmp"
	fi
fi
if ! part e; then
	:
elif [ "$(id -u)" -eq 0 ] && [ -z "$as" ]; then
	echo "# (e) skipped: run as root without setpriv and a user nobody, permissions do not bite"
else
	# perm_dir NAME: $pd with a copy of the demo database, owned by the user
	# the commands run as.
	perm_dir() {
		pd=$tmp/perm-$1
		rm -rf "$pd"
		mkdir -p "$pd"
		cp "$tmp/base.db" "$pd/x.db"
		chmod 755 "$pd"
		chmod 660 "$pd/x.db"
		[ -n "$as" ] && chown -R nobody "$pd"
		:
	}
	prun() { $as "$bin" -c "$cfg" -d "$pd/x.db" --today 2024-02-20 "$@"; }
	csv "$tmp/e.csv" 100 perm
	chmod 644 "$tmp/e.csv"
	for what in set-status import; do
		case $what in
		set-status) cmd="set-status $probe_id approved --note perm" ;;
		import) cmd="import $tmp/e.csv" ;;
		esac
		perm_dir db
		chmod 440 "$pd/x.db"
		prun $cmd >/dev/null 2>"$tmp/e.err"
		expect_msg "(e) $what, read-only database" "$tmp/e.err" "$pd/x.db is not writable" "chmod g+w $pd/x.db"
		perm_dir dir
		chmod 555 "$pd"
		prun $cmd >/dev/null 2>"$tmp/e.err"
		expect_msg "(e) $what, read-only directory" "$tmp/e.err" "the directory $pd is not writable" "chmod g+w $pd"
		chmod 755 "$pd"
		perm_dir shm
		mkfifo "$pd/hold"
		chmod 666 "$pd/hold"
		$as sqlite3 "$pd/x.db" <"$pd/hold" >/dev/null 2>&1 &
		hpid=$!
		exec 7>"$pd/hold"
		echo "SELECT count(*) FROM submission;" >&7
		n=0
		while [ ! -e "$pd/x.db-shm" ] && [ $n -lt 200 ]; do sleep 0.01; n=$((n + 1)); done
		chmod 444 "$pd/x.db-shm"
		prun $cmd >/dev/null 2>"$tmp/e.err"
		expect_msg "(e) $what, read-only -shm" "$tmp/e.err" "$pd/x.db-shm is not writable" "chmod g+w $pd/x.db-shm"
		echo ".quit" >&7
		exec 7>&-
		wait $hpid 2>/dev/null
	done
fi

echo "# torture took $(( $(date +%s) - started )) s"
echo "torture: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
