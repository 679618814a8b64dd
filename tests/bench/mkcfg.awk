# Makes a bench settings file from the shipped one (POSIX awk).
#
#   awk -v past=N -v cfgdir=DIR -v login=USER -f mkcfg.awk config/innspill.cfg
#
# - register file names become absolute (DIR/NAME), so the file can live in
#   a temporary directory;
# - N cycles are added before the shipped one (ids 2024-N .. 2023, titles
#   "Debatthefte NNNN", the shipped five questions). The program accepts no
#   date before 1900, so their dates run three cycles a year backwards from
#   2023: sent on the 1st, national deadline on the 8th two months later,
#   main board on the 21st;
# - every region gets a timeline for every added cycle (member deadline the
#   month before the national deadline, strategy conference and county board
#   in its month), and its shipped timeline gets cycle = "2024";
# - USER is added to the users as "central" (the import needs a writer; a
#   login not in the settings is a reader).
# Everything else is copied as it is.

function pad(n, w) { return sprintf("%0" w "d", n) }

# Cycle number j (1 = the one just before the shipped cycle) -> year and the
# month of its national deadline.
function cyc_year(j) { return 2023 - int((j - 1) / 3) }
function cyc_month(j) { return 9 - 3 * ((j - 1) % 3) }   # 9, 6, 3

function print_cycles(   j, id, y, m) {
	for (j = past; j >= 1; j--) {
		id = 2024 - j
		y = cyc_year(j)
		m = cyc_month(j)
		printf "  { id = \"%d\"; title = \"Debatthefte %d\"; register = \"2024\";\n", id, id
		printf "    sent = \"%d-%s-01\"; national_deadline = \"%d-%s-08\"; main_board = \"%d-%s-21\";\n",
		    y, pad(m - 2, 2), y, pad(m, 2), y, pad(m, 2)
		print "    not_expected = [\"0301\", \"03\"];"
		print "    not_expected_reason = \"Oslo har ikke gitt KS forhandlingsfullmakt\";"
		print "    questions = ("
		print "      { id = \"handlingsrom\"; title = \"Handlingsrom\"; kind = \"text\";"
		print "        text = \"Har vi tilstrekkelig handlingsrom for omstilling?\"; },"
		print "      { id = \"prioritering\"; title = \"Prioritering i oppgjøret\"; kind = \"choice\";"
		print "        text = \"Hvilken gruppe bør prioriteres høyest i lønnsoppgjøret?\";"
		print "        options = [\"Lærere\", \"Sykepleiere\", \"Generelt tillegg\"]; },"
		print "      { id = \"rekruttering\"; title = \"Rekruttering\"; kind = \"text\";"
		print "        text = \"Hvordan kan vi beholde og rekruttere medarbeidere, og utvikle deres kompetanse?\"; },"
		print "      { id = \"lokalt\"; title = \"Lokale forhandlinger\"; kind = \"choice\";"
		print "        text = \"Bør en større del av rammen fordeles i lokale forhandlinger?\";"
		print "        options = [\"Enig\", \"Delvis enig\", \"Uenig\"]; },"
		print "      { id = \"utenforskap\"; title = \"Ungt utenforskap\"; kind = \"text\";"
		print "        text = \"Hvordan kan vi forhindre og bekjempe ungt utenforskap?\"; }"
		print "    ); },"
	}
}

function print_timelines(ri,   j, id, y, m) {
	for (j = past; j >= 1; j--) {
		id = 2024 - j
		y = cyc_year(j)
		m = cyc_month(j)
		printf "      { cycle = \"%d\"; member_deadline = \"%d-%s-%s\"; strategy_conference = \"%d-%s-%s\"; county_board = \"%d-%s-%s\"; },\n",
		    id, y, pad(m - 1, 2), pad(18 + ri, 2), y, pad(m, 2), pad(10 + ri, 2), y, pad(m, 2), pad(20 + ri, 2)
	}
}

BEGIN { section = ""; region = -1 }

/^registers[ \t]*=/ { section = "registers" }
/^cycles[ \t]*=/ { section = "cycles" }
/^regions[ \t]*=/ { section = "regions" }
/^users[ \t]*=/ { section = "users" }
/^\);/ {
	if (section == "users")
		printf "  ,{ login = \"%s\"; role = \"central\"; }\n", login
	section = ""
}

section == "registers" && /"[^"\/]*\.csv"/ {
	sub(/"/, "\"" cfgdir "/")
	print
	next
}

section == "cycles" && /^cycles[ \t]*=/ {
	print
	print_cycles()
	next
}

section == "regions" && /code[ \t]*=/ { region++ }
section == "regions" && /milestones[ \t]*=[ \t]*\([ \t]*\{/ {
	i = index($0, "(")
	head = substr($0, 1, i)
	rest = substr($0, i + 1)
	sub(/^[ \t]*\{/, "", rest)
	print head
	print_timelines(region)
	print "      { cycle = \"2024\";" rest
	next
}

{ print }
