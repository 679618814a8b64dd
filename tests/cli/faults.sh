# Command-line tests of waiting for another writer and of faults of the
# database's files. Sourced by tests/cli/run.sh, with its $bin, $cfg, $db
# (the demo database), $tmp, check and verdict.

login=$(id -un)
# The import must hold the database well over the second after which a
# waiting writer speaks (about 3 s here; 40 000 rows took 1 s, too close).
# The sanitizer build imports several times slower: a smaller file holds
# the database just as long.
rows=120000
grep -q __asan_init "$bin" 2>/dev/null && rows=30000

# big_csv FILE N TAG: a survey CSV of N rows from the register's members,
# each with a body of its own (TAG in it), so that every row is new.
big_csv() {
	awk -F, -v n="$2" -v tag="$3" 'NR > 1 { m[k++] = $1 }
		END {
			print "member;received;body;handlingsrom"
			for (i = 0; i < n; i++)
				printf "%s;2024-02-%02d;Vedtak %s nr %d fra kommunestyret om debattheftet;Svar %d\n",
					m[i % k], 1 + i % 19, tag, i, i
		}' config/kommuner-2024.csv >"$1"
}

# locked DB: another connection holds the database's write lock now.
locked() {
	sqlite3 "$1" ".timeout 0" "BEGIN IMMEDIATE; ROLLBACK;" 2>&1 | grep -q 'locked'
}

# A change made during someone else's import waits for it, says on stderr
# whose import it waits for, and goes through (it used to fail after 5 s
# with "the database is busy; try again").
wdb=$tmp/wait.db
cp "$db" "$wdb"
wrun() { "$bin" -c "$cfg" -d "$wdb" --today 2024-02-20 "$@"; }
big_csv "$tmp/big.csv" "$rows" stor
wid=$(wrun list --limit status:new --format csv | awk -F, 'NR == 2 { print $1 }')
wrun import "$tmp/big.csv" >"$tmp/wimport.out" 2>"$tmp/wimport.err" &
wpid=$!
n=0
# The import says who it is in a short transaction of its own before the
# long one: wait until that is there and the write lock is held again.
announced() {
	[ "$(sqlite3 "$1" "SELECT count(*) FROM meta WHERE key LIKE 'activity:%'" 2>/dev/null)" = 1 ]
}
while ! { announced "$wdb" && locked "$wdb"; } && [ $n -lt 400 ] && kill -0 $wpid 2>/dev/null; do
	sleep 0.01
	n=$((n + 1))
done
wrun set-status "$wid" approved --note "Sett under importen" >"$tmp/wset.out" 2>"$tmp/wset.err"
wrc=$?
wait $wpid
irc=$?
[ $wrc -eq 0 ] && [ $irc -eq 0 ] &&
	grep -qx "innspill: waiting for $login's import of $tmp/big.csv…" "$tmp/wset.err" &&
	grep -qx "$wid: approved" "$tmp/wset.out" &&
	[ "$(sqlite3 "$wdb" "SELECT status FROM submission WHERE id = $wid")" = approved ] &&
	[ "$(sqlite3 "$wdb" "SELECT count(*) FROM note WHERE submission_id = $wid AND text = 'Sett under importen'")" = 1 ] &&
	[ "$(sqlite3 "$wdb" "SELECT count(*) FROM submission WHERE body LIKE 'Vedtak stor nr %'")" = "$rows" ] ||
	{ echo "  set-status exit $wrc, import exit $irc; set-status's stderr:"; sed 's/^/    /' "$tmp/wset.err"; false; }
verdict write-waits-for-import

# set-status with --note is one change: when the note cannot be saved,
# the status is not changed either, and the exit status says it failed.
adb=$tmp/atomic.db
cp "$db" "$adb"
arun() { "$bin" -c "$cfg" -d "$adb" --today 2024-02-20 "$@"; }
aid=$(arun list --limit status:new --format csv | awk -F, 'NR == 2 { print $1 }')
sqlite3 "$adb" "CREATE TRIGGER no_notes BEFORE INSERT ON note BEGIN SELECT RAISE(ABORT, 'no notes today'); END"
events=$(sqlite3 "$adb" "SELECT count(*) FROM audit_event")
! arun set-status "$aid" approved --note "Sjekket" >"$tmp/a.out" 2>"$tmp/a.err" &&
	grep -q 'no notes today' "$tmp/a.err" && [ ! -s "$tmp/a.out" ] &&
	[ "$(sqlite3 "$adb" "SELECT status FROM submission WHERE id = $aid")" = new ] &&
	[ "$(sqlite3 "$adb" "SELECT count(*) FROM audit_event")" = "$events" ]
verdict set-status-note-all-or-nothing

# Faults of the files: each message names the file at fault and says what
# to do. Permissions do not bite root: as root the commands run as nobody.
as_user=
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
		as_user="setpriv --reuid=$(id -u nobody) --regid=$(id -g nobody) --clear-groups"
	fi
fi
perm_skip=
# nobody must reach the files in $tmp.
[ -n "$as_user" ] && chmod 711 "$tmp"
if [ "$(id -u)" -eq 0 ] && [ -z "$as_user" ]; then
	perm_skip="run as root without setpriv or a user nobody, so permissions do not bite"
fi
# fault_dir: a directory of the user the commands run as, with a copy of
# the demo database in it: $fd/x.db.
fault_dir() {
	fd=$tmp/fault-$1
	mkdir -p "$fd"
	cp "$db" "$fd/x.db"
	chmod 755 "$fd"
	chmod 660 "$fd/x.db"
	[ -n "$as_user" ] && chown -R nobody "$fd"
	:
}
frun() { $as_user "$bin" -c "$cfg" -d "$fd/x.db" --today 2024-02-20 "$@"; }
perm_check() { # NAME FILE-NAMED WHAT-TO-DO COMMAND...
	name=$1 file=$2 todo=$3
	shift 3
	if [ -n "$perm_skip" ]; then
		echo "ok - $name # skip: $perm_skip"
		passed=$((passed + 1))
		return
	fi
	"$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	if [ $rc -eq 1 ] && grep -qF "$file" "$tmp/$name.err" && grep -qF "$todo" "$tmp/$name.err" &&
		! grep -q 'busy\|try again' "$tmp/$name.err"; then
		echo "ok - $name"
		passed=$((passed + 1))
	else
		echo "FAIL - $name: exit $rc, expected 1 and a message naming $file with \"$todo\""
		sed 's/^/  stderr: /' "$tmp/$name.err" | head -5
		failed=$((failed + 1))
	fi
}
fid() { frun list --limit status:new --format csv | awk -F, 'NR == 2 { print $1 }'; }

fault_dir db
chmod 440 "$fd/x.db"
perm_check fault-readonly-database "the database $fd/x.db is not writable" "chmod g+w $fd/x.db" \
	frun set-status "$(fid)" approved
fault_dir dir
chmod 555 "$fd"
perm_check fault-readonly-directory "the directory $fd is not writable" "chmod g+w $fd" \
	frun set-status 1 approved
chmod 755 "$fd"
# A -shm left read-only (another user's session made it with a mode that
# shuts this one out): the reader keeps it open while the write is tried.
fault_dir shm
mkfifo "$fd/hold"
chmod 666 "$fd/hold"
$as_user sqlite3 "$fd/x.db" <"$fd/hold" >/dev/null 2>&1 &
hpid=$!
exec 7>"$fd/hold"
echo "SELECT count(*) FROM submission;" >&7
n=0
while [ ! -e "$fd/x.db-shm" ] && [ $n -lt 200 ]; do sleep 0.01; n=$((n + 1)); done
chmod 444 "$fd/x.db-shm"
perm_check fault-readonly-shm "$fd/x.db-shm is not writable" "chmod g+w $fd/x.db-shm" \
	frun set-status "$(fid)" approved
echo ".quit" >&7
exec 7>&-
wait $hpid 2>/dev/null

# A full disk: a small file system of its own (tmpfs, in a mount namespace
# of its own so that nothing is left mounted), root only.
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null 2>&1; then
	echo "ok - fault-disk-full # skip: needs root and unshare to mount a small tmpfs"
	passed=$((passed + 1))
else
	big_csv "$tmp/full.csv" 20000 full
	mkdir -p "$tmp/mnt"
	cat >"$tmp/full.sh" <<'EOF'
mnt=$1 db=$2 csv=$3 bin=$4 cfg=$5 out=$6
count() { sqlite3 "$mnt/x.db" "SELECT count(*) || '/' || sum(status = 'approved') FROM submission"; }
mount -t tmpfs -o size=2m tmpfs "$mnt" || exit 3
cp "$db" "$mnt/x.db" || exit 3
before=$(count)
"$bin" -c "$cfg" -d "$mnt/x.db" --today 2024-02-20 import "$csv" >"$out.out" 2>"$out.err"
rc=$?
# Unchanged and usable: the same rows, sound pages, and a change goes in.
[ "$rc" -eq 1 ] && [ "$(count)" = "$before" ] &&
	[ "$(sqlite3 "$mnt/x.db" "PRAGMA integrity_check")" = ok ] &&
	"$bin" -c "$cfg" -d "$mnt/x.db" --today 2024-02-20 set-status 1 approved >/dev/null
EOF
	unshare -m sh "$tmp/full.sh" "$tmp/mnt" "$db" "$tmp/full.csv" "$bin" "$cfg" "$tmp/full"
	urc=$?
	if [ $urc -eq 0 ] && grep -qF "the disk holding $tmp/mnt/x.db is full: free space and try again; nothing was saved" "$tmp/full.err" &&
		! grep -q 'disk I/O error' "$tmp/full.err"; then
		echo "ok - fault-disk-full"
		passed=$((passed + 1))
	else
		echo "FAIL - fault-disk-full: the import on a full disk (status $urc) says:"
		sed 's/^/  stderr: /' "$tmp/full.err" 2>/dev/null | head -5
		failed=$((failed + 1))
	fi
fi
