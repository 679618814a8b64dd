# Terminal tests of the Timeline pane (issue "Region timelines"): the strip of
# every region at 80 and 132 columns, the region view, the upcoming view, the
# ASCII drawing and unusual settings. Sourced by tests/tui/run.sh after
# lib.sh; each test_NAME runs in a subshell with its own $T.
#
# Where a mark must be is computed here from the dates, as
# src/ui/pane_timeline.c (make_strip) and src/ui/strip.c lay the strip out:
#   name_width = 18 below 100 columns, else 22
#   width      = COLS - 2 - name_width - 1 - 8 - 10 - 2 - 1
#   x0         = 1 + name_width + 1          (0-based screen column)
#   col(day)   = (day - from) * (width - 1) / (to - from)
# from and to are the cycle's first and last day: the earliest milestone (or
# the day the booklet was sent) and the latest (or the main board). A cell is
# "─" when today is past the cell's first day, else "·"; today's cell is "┊";
# a milestone's letter goes in its first day's cell and "=" in the cells of
# the rest of its days; when two share a cell the one that matters more wins:
# D 7, | and M 6, B 5, C 4, S 3, X 2, A 1.

# The shipped settings (config/innspill.cfg), region by region in their
# order: K:FROM[:TO] per milestone (A autumn conference, D member deadline,
# C strategy conference, B county board, X an extra milestone).
TL_SENT=2023-11-01
TL_NATIONAL=2024-03-08
TL_MAIN=2024-03-21
TL_SHIPPED='Agder|A:2023-10-12 D:2024-02-16 C:2024-03-01:2024-03-02 B:2024-03-04
Innlandet|A:2023-10-05 D:2024-02-05 C:2024-02-16:2024-02-17 B:2024-02-23
Møre og Romsdal|A:2023-09-28 D:2024-02-02 C:2024-02-15:2024-02-16 B:2024-02-22
Nordland|A:2023-09-21 D:2024-01-26 C:2024-02-07 B:2024-02-08
Rogaland|A:2023-10-19 D:2024-02-05 C:2024-02-15 B:2024-02-21
Troms og Finnmark|A:2023-10-26 D:2024-02-16 C:2024-02-28:2024-03-01 B:2024-03-05 X:2024-02-22
Trøndelag|A:2023-10-03 D:2024-02-02 C:2024-02-15:2024-02-16 B:2024-02-20
Vestfold og Telemark|A:2023-10-10 D:2024-02-05 C:2024-02-16:2024-02-17 B:2024-02-27
Vestland|A:2023-10-17 D:2024-02-23 C:2024-03-07 B:2024-03-08
Viken|A:2023-09-26 D:2024-02-02 C:2024-02-15:2024-02-16 B:2024-02-26'

# tests/data/tui/unusual.cfg: Vestland's conference and board after
# 8 March, Nordland with two extra milestones (one on the leap day).
TL_UNUSUAL=$(printf '%s\n' "$TL_SHIPPED" | sed \
	-e 's/^Vestland|.*/Vestland|A:2023-10-17 D:2024-02-23 C:2024-03-12 B:2024-03-14/' \
	-e 's/^Nordland|.*/& X:2024-02-29 X:2024-03-11:2024-03-13/')

# The awk functions of the layout: day numbers and the strip's columns.
TL_AWK_LIB='
function days(s,   y, m, d) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) { y--; m += 12 }
	return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d
}
function layout(cols) {
	NW = cols >= 100 ? 22 : 18
	W = cols - 2 - NW - 1 - 8 - 10 - 2 - 1
	if (W < 10) W = 10
	X0 = 1 + NW + 1
}
function col(d,   c) {
	if (TO <= FROM || W < 2) return 0
	c = int((d - FROM) * (W - 1) / (TO - FROM))
	return c < 0 ? 0 : c >= W ? W - 1 : c
}
'

# strip_model COLS TODAY TABLE: what the strips must show at COLS columns on
# TODAY for the regions in TABLE, in ASCII (- . : for ─ · ┊). Prints
#   meta X0COL WIDTH TODAYCOL      (1-based screen column of the strip's first cell)
#   month NAME COL                 (1-based screen column of each month name)
#   row NAME|STRIP                 (per region, in order)
strip_model()
{
	printf '%s\n' "$3" | COLS=$1 TODAY=$2 SENT=$TL_SENT NATIONAL=$TL_NATIONAL MAIN=$TL_MAIN \
		LC_ALL=C awk "$TL_AWK_LIB"'
	BEGIN {
		FS = "|"
		split("A D C B X S | M", kinds, " ")
		for (i = 1; i <= 8; i++) order[kinds[i]] = i
		prio["A"] = 1; prio["D"] = 7; prio["C"] = 4; prio["B"] = 5; prio["X"] = 2
		prio["S"] = 3; prio["|"] = 6; prio["M"] = 6
		FROM = days(ENVIRON["SENT"]); TO = days(ENVIRON["MAIN"])
	}
	NF == 2 {
		n++
		name[n] = $1
		m = split($2 " S:" ENVIRON["SENT"] " |:" ENVIRON["NATIONAL"] " M:" ENVIRON["MAIN"], ms, " ")
		cnt[n] = m
		for (i = 1; i <= m; i++) {
			k = split(ms[i], p, ":")
			kind[n, i] = p[1]; a[n, i] = days(p[2]); b[n, i] = days(k > 2 ? p[3] : p[2])
			if (a[n, i] < FROM) FROM = a[n, i]
			if (b[n, i] > TO) TO = b[n, i]
		}
	}
	END {
		layout(ENVIRON["COLS"] + 0)
		today = days(ENVIRON["TODAY"])
		tcol = today >= FROM && today <= TO ? col(today) : -1
		print "meta", X0 + 1, W, (tcol >= 0 ? X0 + 1 + tcol : 0)
		split("jan feb mar apr may jun jul aug sep oct nov dec", mon, " ")
		free = 0
		# the first day of each month in the span
		for (yy = substr(ENVIRON["SENT"], 1, 4) - 1; yy <= substr(ENVIRON["MAIN"], 1, 4) + 1; yy++)
		for (mo = 1; mo <= 12; mo++) {
			d = days(sprintf("%04d-%02d-01", yy, mo))
			if (d < FROM || d > TO) continue
			c = col(d)
			if (c >= free && c + 3 <= W) {
				print "month", mon[mo], X0 + 1 + c
				free = c + 4
			}
		}
		for (r = 1; r <= n; r++) {
			for (i = 0; i < W; i++) {
				cell[i] = today > FROM + int((TO - FROM) * i / (W - 1)) ? "-" : "."
				pr[i] = 0
			}
			if (tcol >= 0) cell[tcol] = ":"
			# milestones by date, then by kind
			m = cnt[r]
			for (i = 1; i <= m; i++) idx[i] = i
			for (i = 2; i <= m; i++)
				for (j = i; j > 1; j--) {
					p1 = idx[j - 1]; p2 = idx[j]
					if (a[r, p1] > a[r, p2] || (a[r, p1] == a[r, p2] && order[kind[r, p1]] > order[kind[r, p2]])) {
						idx[j - 1] = p2; idx[j] = p1
					} else break
				}
			for (i = 1; i <= m; i++) {
				q = idx[i]; k = kind[r, q]; ca = col(a[r, q]); cb = col(b[r, q])
				for (c = ca + 1; c <= cb; c++)
					if (pr[c] < prio[k]) { cell[c] = "="; pr[c] = prio[k] }
				if (pr[ca] < prio[k]) { cell[ca] = k; pr[ca] = prio[k] }
			}
			s = ""
			for (i = 0; i < W; i++) s = s cell[i]
			print "row " name[r] "|" s
		}
	}'
}

# day_col COLS DAY [FIRST LAST]: the 1-based screen column of DAY's cell at
# COLS columns, by the formula above (the shipped cycle's span by default).
day_col()
{
	COLS=$1 DAY=$2 FIRST=${3:-2023-09-21} LAST=${4:-2024-03-21} LC_ALL=C awk "$TL_AWK_LIB"'
	BEGIN {
		layout(ENVIRON["COLS"] + 0)
		FROM = days(ENVIRON["FIRST"]); TO = days(ENVIRON["LAST"])
		print X0 + 1 + col(days(ENVIRON["DAY"]))
	}'
}

# check_strips TODAY TABLE: the header and the region rows of the timeline as
# last captured ($SCREEN, $TCOLS) are what strip_model says: the month names
# and ▼ in their columns, each region's strip cell by cell. In ASCII mode
# (--ascii) the screen is compared as it is; else ─ · ┊ ▼ count as - . : v.
check_strips()
{
	strip_model "$TCOLS" "$1" "$2" >"$T/model" || fail "the strip model was computed"
	set -- $(grep '^meta ' "$T/model")
	_x=$2 _w=$3 _tc=$4
	printf '%s\n' "$SCREEN" | to_ascii_strip | LC_ALL=C tr -d '\200-\277' >"$T/screen.ascii"
	_head=$(sed -n 2p "$T/screen.ascii")
	# ▼ (v) in today's column of the header, and nowhere else in the strip.
	if [ "$_tc" -gt 0 ]; then
		[ "$(printf '%s\n' "$_head" | cut -c"$_tc")" = v ] ||
			fail "the header shows ▼ in today's column $_tc" "header: $(line 2)"
	fi
	# Each month's name starts at the column of its first day (a name that
	# today's ▼ covers is checked by the test months_today).
	grep '^month ' "$T/model" | while read -r _k _name _c; do
		if [ "$_tc" -ge "$_c" ] && [ "$_tc" -lt $((_c + 3)) ]; then
			continue
		fi
		[ "$(printf '%s\n' "$_head" | cut -c"$_c-$((_c + 2))")" = "$_name" ] ||
			fail "the header shows \"$_name\" at column $_c" "header: $(line 2)"
	done || exit 1
	# The region rows, lines 3 on, in the settings' order.
	_n=3
	grep '^row ' "$T/model" | sed 's/^row //' >"$T/model.rows"
	_bad=
	while IFS='|' read -r _name _want; do
		_got=$(sed -n "${_n}p" "$T/screen.ascii" | cut -c"$_x-$((_x + _w - 1))")
		if [ "$_got" != "$_want" ]; then
			_bad="$_bad
line $_n, $_name:
  got  '$_got'
  want '$_want'"
		fi
		_n=$((_n + 1))
	done <"$T/model.rows"
	[ -z "$_bad" ] ||
		fail "every region's strip shows its milestones in their columns (from column $_x, $_w cells)" "$_bad"
}

# strip_of NAME: the strip of the region row whose name starts with NAME, as
# last captured, in ASCII (from $T/screen.ascii, check_strips' columns).
strip_of()
{
	set -- "$1" $(grep '^meta ' "$T/model")
	grep "^[> ]$1 " "$T/screen.ascii" | head -n 1 | cut -c"$3-$(($3 + $4 - 1))"
}

# --- timeline_80, timeline_132 ---------------------------------------------------
# The strips of the demo at two sizes: every mark in its column, Nordland's
# D and | checked against the formula by hand, the counts against sqlite3.
timeline_strips()
{
	_cols=$1 _rows=$2
	make_demo
	start_tui -x "$_cols" -y "$_rows"
	wait_for "DEMO"
	assert_line 2 '^ Region  .*oct +nov +dec +jan +feb.*▼.* Recd\. Late Miss$'
	capture
	check_strips "$TUI_DATE" "$TL_SHIPPED"
	# Nordland, by hand: the cycle runs from the autumn conference on
	# 21 September 2023 to the main board on 21 March 2024.
	nw=18
	[ "$_cols" -ge 100 ] && nw=22
	width=$((_cols - 2 - nw - 1 - 8 - 10 - 2 - 1))
	x0=$((1 + nw + 1))
	span=182 # days from 2023-09-21 to 2024-03-21
	d_col=$((x0 + 1 + 127 * (width - 1) / span)) # 2024-01-26, 127 days in
	n_col=$((x0 + 1 + 169 * (width - 1) / span)) # 2024-03-08, 169 days in
	[ "$d_col" -eq "$(day_col "$_cols" 2024-01-26)" ] && [ "$n_col" -eq "$(day_col "$_cols" 2024-03-08)" ] ||
		fail "the hand-computed columns agree with day_col" "D $d_col, | $n_col"
	row=$(printf '%s\n' "$SCREEN" | grep '^[> ]Nordland ')
	[ "$(columns "$row" | cut -c"$d_col")" = D ] ||
		fail "Nordland's member deadline D in column $d_col" "row: $row"
	[ "$(columns "$row" | cut -c"$n_col")" = "|" ] ||
		fail "the national deadline | in column $n_col on Nordland's row" "row: $row"
	# Every row shows D, | and M; C and B show unless a mark that matters
	# more shares their cell (check_strips checked which).
	bad=$(grep '^row ' "$T/model" | sed 's/^row //' | LC_ALL=C awk '
		{ s = substr($0, index($0, "|") + 1) }
		s !~ /D/ || index(s, "|") == 0 || s !~ /M/ { print "model: " $0 }')
	[ -z "$bad" ] || fail "every region has D, | and M on its strip" "$bad"
	# Today's column: ┊ on the rows without a mark there (check_strips
	# knows which), a mark on the others.
	set -- $(grep '^meta ' "$T/model")
	tc=$4
	bad=$(TC=$tc LC_ALL=C awk 'NR >= 3 && NR <= 12 {
		c = substr($0, ENVIRON["TC"], 1); if (c !~ /[:A-Z=|]/) print NR ": " $0 }' "$T/screen.ascii")
	[ -z "$bad" ] || fail "today's column $tc shows ┊ or a mark on every row" "$bad"
	n_plain=$(cut -c"$tc" "$T/screen.ascii" | sed -n '3,12p' | grep -c ':')
	[ "$n_plain" -ge 1 ] || fail "┊ on at least one row in today's column $tc"
	# Nordland's counts, and the database's.
	assert_line 6 '^ Nordland .* 29/42 +2 +13 !$'
	need_sqlite
	db=$(sq "SELECT SUM(e.expected AND EXISTS (SELECT 1 FROM submission s
			WHERE s.cycle_id = e.cycle_id AND s.member = e.member))
		       || '/' || SUM(e.expected)
		  FROM expected e JOIN member m ON m.number = e.member
		  JOIN region_county rc ON rc.county = m.county
		 WHERE e.cycle_id = '2024' AND rc.region_code = 'nordland'")
	[ "$db" = "29/42" ] || fail "the database has 29 of Nordland's 42 members answered" "sqlite3 says $db"
	send q
	wait_exit 0
}

test_timeline_80()
{
	timeline_strips 80 24
}

test_timeline_132()
{
	timeline_strips 132 40
}

# --- region_detail -----------------------------------------------------------------
test_region_detail()
{
	make_demo
	start_tui
	wait_for "DEMO"
	send j j j
	assert_line 6 '^>Nordland '
	send Enter
	assert_line 2 '^ Nordland: 29 of 42 answered, 2 late, 13 missing$'
	assert_line 3 '^  A autumn conference +21\.09 +152 days ago$'
	assert_line 5 '^  D member deadline +26\.01 +25 days ago$'
	assert_line 6 '^  C strategy conference +07\.02 +13 days ago$'
	assert_line 7 '^  B county board +08\.02 +12 days ago$'
	assert_line 8 '^  \| national deadline +08\.03 +in 17 days$'
	assert_line 9 '^  M main board +21\.03 +in 30 days$'
	assert_line 11 '^ Members \(sorted by number\)$'
	assert_line 12 '^> 18 +Nordland - Nordlánnda +on time +16\.01\.2024$'
	assert_screen_contains "1812  Sømna"
	capture
	printf '%s\n' "$SCREEN" | grep -q '^  1812  Sømna  .* missing *$' ||
		fail "a member (Sømna) shown as missing"
	# s goes round the orders; missing members first by state.
	send s
	assert_line 11 '^ Members \(sorted by name\)$'
	assert_line 12 '^> 1826 +Aarborte - Hattfjelldal '
	send s
	assert_line 11 '^ Members \(sorted by state\)$'
	assert_line 12 '^> [0-9]+ .* missing *$'
	send s
	assert_line 11 '^ Members \(sorted by received\)$'
	send s
	assert_line 11 '^ Members \(sorted by number\)$'
	# Enter on a member with a submission: the inbox, limited to it, with
	# the submission open.
	send j
	assert_line 13 '^> 1804 +Bodø +on time '
	send Enter
	assert_line 24 '  Inbox  '
	wait_status "Limit: member:1804 (1 shown)"
	need_sqlite
	id=$(sq "SELECT id FROM submission WHERE member = '1804' AND current = 1")
	assert_line 3 "^>[ *][NAFR] +$id Bodø "
	assert_line 10 '^ Bodø · kommunestyret '
	wait_detail
	# Back to the timeline: the region view as it was; Esc goes back to the
	# regions, the cursor still on Nordland.
	send 1
	assert_line 2 '^ Nordland: 29 of 42 answered'
	assert_line 13 '^> 1804 +Bodø '
	# A member without a submission: the inbox shows it as missing.
	send k k k k k k k k
	send s s
	assert_line 11 '^ Members \(sorted by state\)$'
	assert_line 12 '^> 1812 +Sømna +missing'
	send Enter
	wait_status "Limit: missing member:1812 (1 shown)"
	assert_line 3 '^> -  1812 Sømna .* missing'
	send 1
	assert_line 2 '^ Nordland: 29 of 42 answered'
	send Escape
	assert_line 2 '^ Region '
	assert_line 6 '^>Nordland '
	send q
	wait_exit 0
}

# --- upcoming -------------------------------------------------------------------------
test_upcoming()
{
	make_demo
	start_tui
	wait_for "DEMO"
	send u
	assert_line 2 '^ Upcoming: the next 14 days in every region$'
	assert_line 3 '^> 20\.02 +now +Trøndelag +county board$'
	assert_line 4 '^  21\.02 +in 1 day +Rogaland +county board$'
	assert_line 23 'u or Esc back'
	capture
	# Every row in date order (a range sorts by its first day), all within
	# the 14 days from 20.02 to 05.03.
	rows=$(printf '%s\n' "$SCREEN" | sed -n '3,22p' | LC_ALL=C grep -E '^[> ] [0-9][0-9]\.')
	[ "$(printf '%s\n' "$rows" | wc -l)" -eq 12 ] || fail "12 milestones in the next 14 days" "$rows"
	# (the first field: 20.02, 28.02–01.03 or 01.–02.03)
	bad=$(printf '%s\n' "$rows" | LC_ALL=C awk '{
		split(substr($0, 3), f, " "); t = f[1]; d = substr(t, 1, 2)
		m = substr(t, 4, 1) ~ /[0-9]/ ? substr(t, 4, 2) : substr(t, length(t) - 1, 2)
		k = m * 100 + d
		if (k < last || k < 220 || k > 305) print NR ": " $0
		last = k }')
	[ -z "$bad" ] || fail "the upcoming milestones in date order, 20.02 to 05.03" "$bad"
	printf '%s\n' "$rows" | tail -n 1 | grep -q '^  05\.03 \+in 14 days \+Troms og Finnmark \+county board$' ||
		fail "the last row is Troms og Finnmark's county board on 05.03" "$rows"
	send j
	assert_line 4 '^> 21\.02 '
	send u
	assert_line 2 '^ Region '
	send u
	assert_line 2 '^ Upcoming: '
	send Escape
	assert_line 2 '^ Region '
	send q
	wait_exit 0
}

# --- no_color_timeline -------------------------------------------------------------
# NO_COLOR=1 and --ascii: the strip in - . : v and the same letters, the !
# and * flags, no colours, and the rest of the text as with UTF-8.
test_no_color_timeline()
{
	make_demo
	start_tui
	wait_for "DEMO"
	capture
	printf '%s\n' "$SCREEN" | to_ascii_strip >"$T/utf8"
	send q
	wait_exit 0
	start_tui -e NO_COLOR=1 -- --ascii
	wait_for "DEMO"
	assert_line 2 '^ Region .*oct +nov +dec +jan +febv mar .*Recd\.'
	capture
	has_color_sgr && fail "no colours with NO_COLOR=1 --ascii"
	check_strips "$TUI_DATE" "$TL_SHIPPED"
	set -- $(grep '^meta ' "$T/model")
	bad=$(columns "$SCREEN" | sed -n '3,12p' | X=$2 W=$3 LC_ALL=C awk '{
		s = substr($0, ENVIRON["X"], ENVIRON["W"]); if (s ~ /[^-.:=|A-Z]/) print NR + 2 ": " s }')
	[ -z "$bad" ] || fail "the strips are drawn with - . : = | and letters only" "$bad"
	assert_line 3 '^>Agder .* 19/26 +2 +7 !$'
	assert_line 11 '^ Vestland .* 22/44 +0 +22 \*$'
	# The rest is the same text: the letters of the names may be spelt in
	# ASCII (ø as o), nothing else may differ.
	printf '%s\n' "$SCREEN" >"$T/ascii"
	norm='s/ø/o/g; s/Ø/O/g; s/æ/ae/g; s/Æ/AE/g; s/å/aa/g; s/Å/AA/g'
	sed "$norm" "$T/utf8" >"$T/utf8.n"
	sed "$norm" "$T/ascii" >"$T/ascii.n"
	diff "$T/utf8.n" "$T/ascii.n" >"$T/diff" ||
		fail "the ASCII screen says what the UTF-8 one says" "$(sed 's/^/  /' "$T/diff")"
	send q
	wait_exit 0
}

# --- ascii_only --------------------------------------------------------------------
# --ascii, and a locale that is not UTF-8, draw with ASCII characters only
# (innspill(1)): the names of regions and members too (Møre as More).
ascii_screen_check()
{
	capture
	bad=$(printf '%s\n' "$SCREEN" | LC_ALL=C grep -n '[^ -~]')
	[ -z "$bad" ] || fail "only ASCII characters on the screen ($1)" "$bad"
}

test_ascii_only()
{
	make_demo
	for how in ascii locale; do
		if [ $how = ascii ]; then
			start_tui -- --ascii
		else
			start_tui -e LANG=C
		fi
		wait_for "DEMO"
		assert_line 5 '^ M.*re og Romsdal '
		ascii_screen_check "$how: Timeline"
		send 2
		assert_line 2 '^ +No\. Member '
		send Enter
		wait_detail
		ascii_screen_check "$how: Inbox with a submission open"
		send q
		wait_exit 0
	done
}

# --- months_today --------------------------------------------------------------------
# On the first of a month (and on 29 February, a day before) today's ▼ falls
# on the month's first cell: the month's name must still show whole.
test_months_today()
{
	fresh_db
	for day in 2024-03-01 2024-02-29; do
		start_tui -c "$TUI_CFG" -- -d "$TDB" --today "$day"
		wait_for "Region"
		assert_line 2 '^ Region .*▼'
		capture
		head=$(line 2)
		for m in oct nov dec jan feb mar; do
			case $head in
			*" $m"* | *"▼$m"*) ;;
			*) fail "the header shows the month \"$m\" whole on $day" "header: '$head'" ;;
			esac
		done
		send q
		wait_exit 0
	done
}

# --- unusual_settings -----------------------------------------------------------------
# tests/data/tui/unusual.cfg: a strategy conference and county board after
# 8 March (Vestland), extra milestones (Nordland, one on the leap day), today
# on the leap day.
test_unusual_settings()
{
	cfg=$TUI_REPO/tests/data/tui/unusual.cfg
	day=2024-02-29
	# check-config takes it (registers relative to the file's directory).
	(cd "$T" && "$TUI_BIN" -c "$cfg" check-config >"$T/check.out" 2>"$T/check.err") ||
		fail "check-config accepts $cfg" "$(cat "$T/check.err")"
	grep -q 'the settings are valid' "$T/check.out" || fail "check-config says the settings are valid" "$(cat "$T/check.out")"
	[ ! -s "$T/check.err" ] || fail "check-config wrote nothing to stderr" "$(cat "$T/check.err")"
	fresh_db
	start_tui -c "$cfg" -- -d "$TDB" --today "$day"
	assert_line 1 "$TABS"
	assert_line 24 '  Timeline  today 29\.02\.2024'
	assert_line 11 '^ Vestland '
	capture
	check_strips "$day" "$TL_UNUSUAL"
	# At 80 columns 8 March and 12 March share a cell: | wins, B is right of it.
	s=$(strip_of Vestland)
	case $s in
	*"|"*B*) ;;
	*) fail "Vestland's B right of | at 80 columns" "strip: $s" ;;
	esac
	resize 132 40
	assert_line 40 '  Timeline  today 29\.02\.2024'
	capture
	check_strips "$day" "$TL_UNUSUAL"
	s=$(strip_of Vestland)
	pn=$(printf '%s\n' "$s" | LC_ALL=C awk '{ print index($0, "|") }')
	pc=$(printf '%s\n' "$s" | LC_ALL=C awk '{ print index($0, "C") }')
	pb=$(printf '%s\n' "$s" | LC_ALL=C awk '{ print index($0, "B") }')
	[ "$pn" -gt 0 ] && [ "$pc" -gt "$pn" ] && [ "$pb" -gt "$pc" ] ||
		fail "Vestland's C right of | and B right of C at 132 columns" "strip: $s"
	s=$(strip_of Nordland)
	[ "$(printf '%s\n' "$s" | tr -cd X | wc -c)" -eq 2 ] ||
		fail "Nordland's two extra milestones (X) on its strip" "strip: $s"
	# The region view lists the milestones in date order.
	send j j j j j j j j
	assert_line 11 '^>Vestland '
	send Enter
	assert_line 2 '^ Vestland: 0 of 44 answered, 0 late, 44 missing$'
	assert_line 6 '^  \| national deadline +08\.03 +in 8 days$'
	assert_line 7 '^  C strategy conference +12\.03 +in 12 days$'
	assert_line 8 '^  B county board +14\.03 +in 14 days$'
	assert_line 9 '^  M main board +21\.03 +in 21 days$'
	send Escape k k k k k
	assert_line 6 '^>Nordland '
	send Enter
	assert_line 8 '^  X Skuddårsmøte +29\.02 +now$'
	assert_line 10 '^  X Regionrådet +11\.–13\.03 +in 11 days$'
	send Escape u
	assert_line 2 '^ Upcoming: the next 14 days in every region$'
	assert_screen_contains "Skuddårsmøte"
	capture
	printf '%s\n' "$SCREEN" | grep -q '^  29\.02 \+now \+Nordland \+Skuddårsmøte$' ||
		fail "Upcoming lists Nordland's leap-day milestone as now"
	printf '%s\n' "$SCREEN" | grep -q '^  12\.03 \+in 12 days \+Vestland \+strategy conference$' ||
		fail "Upcoming lists Vestland's conference on 12.03"
	resize 80 24
	send u
	assert_line 2 '^ Region '
	send q
	wait_exit 0
}
