#!/usr/bin/env python3
"""Reads what tests/bench/run.sh measured (DIR: values.txt, commands.txt,
ttybytes JSON and logs) and writes RESULTS.md, and a summary on stdout.

    python3 report.py DIR OUT.md
"""
import json
import math
import os
import re
import statistics
import sys

R, OUT = sys.argv[1], sys.argv[2]


def load(name):
    with open(os.path.join(R, name)) as f:
        return json.load(f)


def read(name):
    with open(os.path.join(R, name), "rb") as f:
        return f.read()


V = {}
with open(os.path.join(R, "values.txt"), encoding="utf-8") as f:
    for line in f:
        k, _, v = line.rstrip("\n").partition("=")
        V[k] = v


def med(xs):
    return statistics.median(xs) if xs else None


def p95(xs):
    """Nearest rank."""
    if not xs:
        return None
    s = sorted(xs)
    return s[max(0, math.ceil(0.95 * len(s)) - 1)]


def ms(x):
    return "-" if x is None else ("%.1f" % x if x < 100 else "%.0f" % x)


def num(x):
    if x is None:
        return "-"
    if isinstance(x, float) and not x.is_integer():
        return "%.1f" % x
    return "{:,}".format(int(x)).replace(",", " ")


def steps_by(d, label):
    return [s for s in d["steps"] if s["key"] == label]


def settles(steps):
    return [s["settle_ms"] for s in steps if s["bytes"] > 0]


def nbytes(steps):
    return [s["bytes"] for s in steps]


def check_json(d, what):
    if d["notes"] or not d["startup"]["settled"] or any(not s["settled"] for s in d["steps"]):
        problems.append("%s: %s" % (what, "; ".join(d["notes"]) or "a step did not settle"))


problems = []

# ---- clears in the byte stream -------------------------------------------
# ESC[2J (erase display), or cursor home followed by ESC[J (erase below).
CLEAR = re.compile(rb"\x1b\[2J|\x1b\[(?:1;1)?H\x1b\[0?J")


def clears(d, log, keys):
    """{key: number of its steps whose bytes hold a full clear}."""
    out = {k: 0 for k in keys}
    st = d["steps"]
    for i, s in enumerate(st):
        if s["key"] not in out:
            continue
        end = st[i + 1]["offset"] if i + 1 < len(st) else len(log)
        if CLEAR.search(log[s["offset"]:end]):
            out[s["key"]] += 1
    return out


# ---- 1. first screen ---------------------------------------------------------
first = [load("first-%d.json" % i) for i in range(1, 8)]
first_def = [load("first-default-%d.json" % i) for i in range(1, 4)]
rss_first = [load("rss-first-%d.json" % i) for i in range(1, 4)]
for i, d in enumerate(first + first_def + rss_first):
    check_json(d, "first screen run %d" % (i + 1))
first_ms = [d["startup"]["settle_ms"] for d in first]
first_def_ms = [d["startup"]["settle_ms"] for d in first_def]
first_bytes = first[0]["startup"]["bytes"]
rss_kb = [int(read("rss-first-%d.txt" % i).split()[-1]) for i in range(1, 4)]
rss_limit_kb = int(read("rss-limit.txt").split()[-1])
rss_same_bytes = all(d["startup"]["bytes"] == first_bytes for d in rss_first)
rss_first_ms = [d["startup"]["settle_ms"] for d in rss_first]

# ---- 2 and 3. keys --------------------------------------------------------------
nav = load("nav.json")
navm = load("nav-mutt.json")
navl = load("nav-less.json")
for d, w in ((nav, "innspill navigation"), (navm, "mutt navigation"), (navl, "less navigation")):
    check_json(d, w)
KEYS = ["j", "k", "PgDn", "G", "g"]
MUTT_KEY = {"j": "j", "k": "k", "PgDn": "PgDn", "G": "End", "g": "Home"}
nav_clears = clears(nav, read("nav.log"), KEYS)
mutt_clears = clears(navm, read("nav-mutt.log"), list(MUTT_KEY.values()))
less_clears = clears(navl, read("nav-less.log"), KEYS)


def keystat(d, label):
    st = steps_by(d, label)
    b = nbytes(st)
    t = settles(st)
    return {"n": len(st), "bmed": med(b), "bmax": max(b) if b else None,
            "bmean": statistics.mean(b) if b else None,
            "tmed": med(t), "tp95": p95(t)}


K = {k: keystat(nav, k) for k in KEYS}
KM = {k: keystat(navm, MUTT_KEY[k]) for k in KEYS}
KL = {k: keystat(navl, k) for k in KEYS}


def typed_steps(d):
    """The Enter steps of a limit or search run, by what was typed before."""
    out = {}
    st = d["steps"]
    for i, s in enumerate(st):
        if s["key"] != "Enter" or i == 0:
            continue
        prev = bytes.fromhex(st[i - 1]["sent"]).decode("utf-8")
        text = prev.lstrip("l\x15")
        if prev.startswith("/"):
            text = "/" + prev[1:]
        out.setdefault(text, []).append(s)
    return out


lim = load("limit.json")
sea = load("search.json")
check_json(lim, "limit run")
check_json(sea, "search run")
LIM = typed_steps(lim)
SEA = typed_steps(sea)
lim_clears = sum(1 for s in lim["steps"] if s["key"] == "Enter" and
                 CLEAR.search(read("limit.log")[s["offset"]:s["offset"] + s["bytes"]]))
sea_clears = sum(1 for s in sea["steps"] if s["key"] == "Enter" and
                 CLEAR.search(read("search.log")[s["offset"]:s["offset"] + s["bytes"]]))
# A slow answer that outlasted the quiet period would spill into the next
# (typing) step: those stay small when all is well.
lim_spill = max((s["bytes"] for s in lim["steps"] if s["key"] != "Enter" and s["key"] != "q"), default=0)
sea_spill = max((s["bytes"] for s in sea["steps"] if s["key"] != "Enter" and s["key"] != "q"), default=0)
limm = load("limit-mutt.json")
liml = load("limit-less.json")

# ---- ASCII and colour -----------------------------------------------------
VARIANTS = [("var-default", "default (UTF-8, colour)"), ("var-ascii", "--ascii"),
            ("var-nocolor", "--no-color"), ("var-NO_COLOR", "NO_COLOR=1"),
            ("var-ascii-nocolor", "--ascii --no-color"), ("var-LANG_C", "LANG=C (ASCII by locale)")]
VAR = {}
for f, label in VARIANTS:
    d = load(f + ".json")
    check_json(d, label)
    VAR[f] = {"label": label, "startup": d["startup"]["bytes"],
              "keys": sum(s["bytes"] for s in d["steps"] if s["key"] != "q"),
              **{k: med(nbytes(steps_by(d, k))) for k in KEYS}}

# How a name with a non-ASCII letter reached the terminal: Skjervøy (5427)
# is on the first screen of the bench database.
def skjervoy(log):
    i = log.find(b"Skjerv")
    if i < 0:
        return "not on screen"
    tail = log[i + 6:i + 9]
    if tail.startswith(b"\xc3\xb8y"):
        return "`Skjervøy` (UTF-8)"
    if tail.startswith(b"oy"):
        return "`Skjervoy` (transliterated)"
    return "`%s` (the letter is lost)" % ("Skjerv" + tail.decode("ascii", "replace")
                                          .replace("\x1b", "ESC"))


for f, _ in VARIANTS:
    log = read(f + ".log")
    VAR[f]["nonascii"] = sum(1 for b in log if b >= 0x80)
    VAR[f]["name"] = skjervoy(log)

# ---- 4. import ------------------------------------------------------------------
imp_ms = [int(V["import_ms_%d" % i]) for i in (1, 2)]
base_ms = [int(V["baseline_ms_%d" % i]) for i in (1, 2)]
rows = int(V["import_rows_1"])
for i in (1, 2):
    for k in ("import_rows_%d", "import_fts_%d", "baseline_rows_%d", "baseline_fts_%d"):
        if int(V[k % i]) != 100000:
            problems.append("%s = %s, not 100000" % (k % i, V[k % i]))
imp_rps = rows / (min(imp_ms) / 1000.0)
base_rps = rows / (min(base_ms) / 1000.0)
ratio = imp_rps / base_rps

# ---- 5. a change during a long import -------------------------------------------
WAIT = []
for i in (1, 2, 3):
    rc = V["wait_rc_%d" % i].split()
    WAIT.append({"ok": rc == ["0", "0"] and V["wait_status_%d" % i] == "approved",
                 "said": int(V["wait_said_%d" % i]) > 0,
                 "import": int(V["wait_import_ms_%d" % i]), "wait": int(V["wait_ms_%d" % i]),
                 "after": int(V["wait_after_ms_%d" % i])})

# ---- targets ---------------------------------------------------------------------
SCREEN = 80 * 24
PGDN_LIMIT = int(SCREEN * 1.2)
T = []   # (target, measured, limit, ok, by how much, why-key)


def target(name, measured, limit, ok, miss, why=None):
    T.append((name, measured, limit, ok, miss, why))


def over(x, lim, unit):
    return "%s %s over (%.1fx)" % (ms(x - lim) if unit == "ms" else num(x - lim), unit, x / lim)


for k in ("j", "k"):
    a, b = K[k]["bmed"], KM[k]["bmed"]
    target("bytes per %s at 80x24 <= mutt's (median)" % k, "%s B (mutt %s B)" % (num(a), num(b)),
           "<= %s B" % num(b), a <= b, over(a, b, "B"))
a = K["PgDn"]["bmed"]
target("bytes per PgDn <= one screen's text + 20%% (median; max %s B)" % num(K["PgDn"]["bmax"]),
       "%s B" % num(a), "<= %d B" % PGDN_LIMIT, a <= PGDN_LIMIT, over(a, PGDN_LIMIT, "B"))
nclear = sum(nav_clears.values())
target("no full clear (ESC[2J, ESC[H ESC[J) on j k PgDn G g", "%d of %d steps" % (
    nclear, sum(K[k]["n"] for k in KEYS)), "0", nclear == 0, "%d steps clear" % nclear)
fm = med(first_ms)
target("first screen at 100 000 submissions (median of 7)", "%s ms" % ms(fm), "<= 150 ms",
       fm <= 150, over(fm, 150, "ms"), "first")
rk = max(rss_kb + [rss_limit_kb])
target("peak RSS (start + quit, and the limit session)", "%.1f MB" % (rk / 1024.0), "<= 64 MB",
       rk <= 64 * 1024, "%.1f MB over" % ((rk - 64 * 1024) / 1024.0))
for k in KEYS[:4]:
    t = K[k]["tmed"]
    target("key to settled screen, %s (median)" % k, "%s ms (p95 %s)" % (ms(t), ms(K[k]["tp95"])),
           "<= 10 ms", t <= 10, over(t, 10, "ms"))
for text, st in list(LIM.items()) + list(SEA.items()):
    t = med(settles(st))
    kind = "search" if text.startswith("/") else "limit"
    target("key to settled screen, %s `%s` (median)" % (kind, text),
           "%s ms (p95 %s)" % (ms(t), ms(p95(settles(st)))), "<= 100 ms", t <= 100,
           over(t, 100, "ms"), "search" if kind == "search" else ("limit-all" if text == "cycle:all" else "limit"))
target("import rows/s vs sqlite3 .import + FTS5 (best of 2 each)",
       "%s vs %s rows/s = %.2fx" % (num(round(imp_rps)), num(round(base_rps)), ratio), ">= 0.80x",
       ratio >= 0.8, "%.2fx short; needs %s rows/s" % (0.8 - ratio, num(round(0.8 * base_rps))), "import")

went = all(x["ok"] for x in WAIT)
after = max(x["after"] for x in WAIT)
target("a status change during a 250 000-row import waits, says whose, and goes through (3 runs)",
       "%d of 3 went through, %d of 3 said whose" % (sum(x["ok"] for x in WAIT), sum(x["said"] for x in WAIT)),
       "3 of 3", went and all(x["said"] for x in WAIT), "see section 5")
target("... and is through soon after the import ends (worst of 3)", "%d ms after the import's end" % after,
       "<= 500 ms", went and after <= 500, over(after, 500, "ms"))

# ---- how: what the figures rest on, and why a miss would happen ---------------------
HOW = """\
## How the figures are reached

Measured before these changes, at commit 699ab0c on this machine: first screen at `cycle:all`
252 ms, limit `cycle:all` 231 ms, `cycle:all text:` 141 ms, import 0.36x the baseline.

- **The list of every submission** (`src/core/submissions_list.c`) reads one covering index,
  `submission_list` (cycle, current, member, received, status, version, reviewer, assignee,
  decided), and none of the 100 000 resolution texts. Members, regions and deadlines (a few
  hundred members, a few thousand deadlines) are looked up in memory instead of being joined row
  by row; the rows are sorted in C; names and logins are strings shared through the store
  (`store_intern`), not copied for every row. Lateness (`late`, `ontime`) is decided in the same
  pass. The one index replaced four (cycle, status, assignee, received), so an import writes less.
- **Searches and `text:`** run the FTS5 `MATCH` once, as a set of ids.
- **The import** (`src/core/import.c`, `import_csv.c`, `submissions.c`): the file is read and
  checked in a thread of its own, which hands good rows to the writing thread in batches and knows
  rows imported before from a set of content hashes read once. Of the 100 000 rows, 99 628 are
  newer versions of 372 members' resolutions: each member's newest row is held back until the
  next one comes, so a superseded row is written once, already superseded, instead of written and
  then updated. Answers and audit events are written many to a statement. The search index reads
  its texts from a view (FTS5 external content) instead of keeping a second copy of every text,
  with a 32 MB build buffer. For the import only: no per-row foreign key lookups (the import
  checks every member and question against the settings itself) and a 64 MB page cache. SHA-256
  from nettle (the CPU's SHA instructions). Both sides use SQLite's default page size (4096 bytes).
- **Memory:** the list keeps about 80 bytes per row; SQLite's memory-mapped I/O is off, since
  mapped database pages count as the program's memory (152 MB with it, in a run of this bench).
"""

WHY = {
    "first": """\
**First screen.** Startup without the 100 000 rows (the default start on the current cycle)
settles in %(def)s ms; `--limit cycle:all` adds reading the whole list from the covering index,
the lookups in memory and the sort in C before the first `doupdate()`. If this misses, see which
of those grew with `perf record --call-graph dwarf` on `innspill list --limit cycle:all`.""",
    "limit-all": """\
**Limit `cycle:all`.** The same full reload of 100 000 rows as the first screen (see above).""",
    "limit": """\
**Limit expressions.** A limit re-reads the rows it lets through; with `text:` the FTS5 match
of a common word (about half of the 100 000) comes first.""",
    "search": """\
**Search.** `submission_search` runs the FTS5 `MATCH` once and keeps the ids of the current
cycle's submissions among them; a miss here means the plan changed (check `EXPLAIN QUERY PLAN`).""",
    "import": """\
**Import.** The storage work beyond the baseline's: per row a submission with two indexes, five
answer rows, an audit event, the search index over a view, and the content-hash check. The
import's run-to-run spread on this machine is about 10%%; a miss by a few hundredths is that.""",
}

# ---- RESULTS.md ---------------------------------------------------------------------
L = []
w = L.append
w("# Benchmark results")
w("")
w("Made by `make bench` (`tests/bench/run.sh`, not part of `make check`); rewritten on every run.")
w("Data: a deterministic database of %s submissions over %s cycles (%s in the current one), "
  "%s answers, bodies of %s-%s bytes (mean %s), %s MB on disk; a CSV of the same %s rows (%s MB)."
  % (num(int(V["db_submissions"])), V["db_cycles"], V["db_current_cycle"], num(int(V["db_answers"])),
     V["db_body_min"], V["db_body_max"], V["db_body_avg"], num(int(V["db_bytes"]) // 2**20),
     num(rows), num(int(V["csv_bytes"]) // 2**20)))
w("")
w("## Machine")
w("")
w("| | |")
w("|---|---|")
w("| date | %s |" % V["date"])
w("| CPU | %s, %s CPUs (nproc); load average %s at the start, %s at the end |"
  % (V["cpu"], V["nproc"], V.get("load_start", "?"), V.get("load_end", "?")))
w("| RAM | %.1f GB |" % (int(V["ram_kb"]) / 2**20))
w("| system | %s, %s |" % (V["os"], V["kernel"]))
w("| innspill | `%s`, commit %s |" % (V["bin"], V["commit"]))
w("| libraries | SQLite %s, %s |" % (V["libsqlite"], V["ncurses"]))
w("| others | %s; %s |" % (V["mutt"], V["less"]))
w("| terminal | ttybytes pty 80x24, TERM=xterm-256color, LANG=C.UTF-8, ESCDELAY=25 |")
w("")
w("## Targets")
w("")
w("| target | measured | limit | result |")
w("|---|---|---|---|")
for name, meas, limit, ok, miss, _ in T:
    w("| %s | %s | %s | %s |" % (name, meas, limit, "PASS" if ok else "**MISS** by " + miss))
w("")
n_miss = sum(1 for t in T if not t[3])
w("%d of %d targets pass." % (len(T) - n_miss, len(T)))
if problems:
    w("")
    w("Measurement problems (figures above may be off):")
    for p in problems:
        w("- %s" % p)
w("")
w(HOW)
w("## 1. First screen")
w("")
w("Time from start to the last byte of the first screen (ttybytes: output quiet for 1.5 s after it);"
  " peak RSS from `/usr/bin/time -f %M` around the program under ttybytes.")
w("")
w("| start | runs | median | min | max | bytes |")
w("|---|---|---|---|---|---|")
w("| Inbox, `--limit cycle:all` (100 000 rows) | %d | %s ms | %s ms | %s ms | %s |"
  % (len(first_ms), ms(fm), ms(min(first_ms)), ms(max(first_ms)), num(first_bytes)))
w("| default start (Timeline, current cycle) | %d | %s ms | %s ms | %s ms | %s |"
  % (len(first_def_ms), ms(med(first_def_ms)), ms(min(first_def_ms)), ms(max(first_def_ms)),
     num(first_def[0]["startup"]["bytes"])))
w("")
w("Peak RSS: %s MB starting on `cycle:all` and quitting (3 runs: %s KB); %.1f MB over the whole "
  "limit session (18 limits, 6 of them reloading all 100 000 rows). Under `/usr/bin/time` the "
  "first screen was %s bytes in %s ms (median), %s the bytes without it, so ttybytes measured the "
  "program's own output." % ("%.1f" % (max(rss_kb) / 1024.0), ", ".join(map(str, rss_kb)),
                             rss_limit_kb / 1024.0, num(rss_first[0]["startup"]["bytes"]),
                             ms(med(rss_first_ms)), "the same as" if rss_same_bytes else "NOT the same as"))
w("")
w("## 2. Key to settled screen")
w("")
w("Time from the key to the last byte of its output (ttybytes `settle_ms`), in the Inbox at "
  "`cycle:all`. Navigation: `%s` (quiet 150 ms). Limits and searches: the prompt and the words "
  "are one step, Enter is the step timed; a second of quiet after each step keeps a slow answer in "
  "its own step (largest typing step: %s B for limits, %s B for searches)."
  % (V["nav_keys"], num(lim_spill), num(sea_spill)))
w("")
w("| key | n | median | p95 | max | bytes (median) |")
w("|---|---|---|---|---|---|")
for k in KEYS:
    st = steps_by(nav, k)
    w("| %s | %d | %s ms | %s ms | %s ms | %s |" % (k, K[k]["n"], ms(K[k]["tmed"]), ms(K[k]["tp95"]),
                                                  ms(max(settles(st))), num(K[k]["bmed"])))
for text, st in LIM.items():
    t = settles(st)
    w("| limit `%s` | %d | %s ms | %s ms | %s ms | %s |" % (text, len(st), ms(med(t)), ms(p95(t)),
                                                         ms(max(t)), num(med(nbytes(st)))))
for text, st in SEA.items():
    t = settles(st)
    w("| search `%s` | %d | %s ms | %s ms | %s ms | %s |" % (text, len(st), ms(med(t)), ms(p95(t)),
                                                          ms(max(t)), num(med(nbytes(st)))))
w("")
w("## 3. Bytes per key, side by side")
w("")
w("Same run, same terminal. mutt 2: `mutt -n -F /dev/null -f MAILDIR` on %s messages (it has no "
  "G/g: End and Home, last and first entry); less: `less` on `innspill list --limit cycle:all` "
  "(%s lines, the inbox as text)." % (V["maildir_messages"], num(int(V["long_lines"]))))
w("")
w("| key | innspill median | mean | max | mutt median | mean | less median | mean | innspill / mutt |")
w("|---|---|---|---|---|---|---|---|---|")
for k in KEYS:
    a, m, l_ = K[k], KM[k], KL[k]
    w("| %s | %s | %s | %s | %s%s | %s | %s | %s | %.2f |" % (
        k, num(a["bmed"]), num(a["bmean"]), num(a["bmax"]), num(m["bmed"]),
        "" if k == MUTT_KEY[k] else " (%s)" % MUTT_KEY[k], num(m["bmean"]), num(l_["bmed"]),
        num(l_["bmean"]), a["bmed"] / m["bmed"] if m["bmed"] else float("nan")))
w("| startup | %s | | | %s | | %s | | |" % (num(nav["startup"]["bytes"]), num(navm["startup"]["bytes"]),
                                          num(navl["startup"]["bytes"])))
w("")
w("Full clears (ESC[2J, or ESC[H then ESC[J) in the byte stream of each navigation step: innspill "
  "%s; mutt %s; less %s. Limit Enter steps with a full clear: %d of %d; search: %d of %d."
  % (", ".join("%s %d" % kv for kv in nav_clears.items()),
     ", ".join("%s %d" % kv for kv in mutt_clears.items()),
     ", ".join("%s %d" % kv for kv in less_clears.items()),
     lim_clears, sum(len(v) for v in LIM.values()), sea_clears, sum(len(v) for v in SEA.values())))
w("")
w("Limit and search, bytes of the Enter step (median): innspill limit %s B, search %s B; mutt limit "
  "and search %s B; less `&` filter and `/` search %s B."
  % (num(med([s["bytes"] for v in LIM.values() for s in v])),
     num(med([s["bytes"] for v in SEA.values() for s in v])),
     num(med(nbytes(steps_by(limm, "Enter")))), num(med(nbytes(steps_by(liml, "Enter"))))))
w("")
w("mutt's End puts the last message at the top of an otherwise empty page, so its bytes are not "
  "comparable with G, which draws a full last page.")
w("")
w("j and k move a highlighted row: innspill rewrites the two rows and the counter line; after the "
  "cursor passes the last row the list scrolls by one row (ncurses sets a scroll region and sends "
  "a newline, then draws the new row). mutt redraws the same way within a page "
  "and flips a whole page at its edge. PgDn, G and g rewrite the list (no clear): about one "
  "screen's text. A screen's text is %d cells; the PgDn limit above allows 20%% for cursor "
  "addressing, attributes and UTF-8 (æøå are two bytes)." % SCREEN)
w("")
w("## ASCII and colour")
w("")
w("Keys `%s`, median bytes per key and totals; the change is against the default." % V["var_keys"])
w("")
w("| mode | startup | all keys | j | k | PgDn | G | g | non-ASCII bytes | Skjervøy shows as |")
w("|---|---|---|---|---|---|---|---|---|---|")
base = VAR["var-default"]
for f, _ in VARIANTS:
    v = VAR[f]
    def pc(key):
        if f == "var-default" or not base[key]:
            return num(v[key])
        return "%s (%+.0f%%)" % (num(v[key]), 100.0 * (v[key] - base[key]) / base[key])
    w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        v["label"], pc("startup"), pc("keys"), pc("j"), pc("k"), pc("PgDn"), pc("G"), pc("g"),
        num(v["nonascii"]), v["name"]))
w("")
w("Colour costs SGR sequences on the tabs, the status line and the LATE column: `--no-color` and "
  "`NO_COLOR` drop them (%s bytes at start, %+.0f%% over the keys). ASCII mode draws `~`, `-` and "
  "`#` for the ellipsis, dashes and lines%s; it changes the keys' bytes by only %+.0f%%, because the "
  "list is mostly ASCII already. Both together: %+.0f%% at start, %+.0f%% over the keys."
  % (num(base["startup"] - VAR["var-nocolor"]["startup"]),
     100.0 * (VAR["var-nocolor"]["keys"] - base["keys"]) / base["keys"],
     ", and writes letters as ASCII (ø as o)" if VAR["var-ascii"]["nonascii"] == 0 else "",
     100.0 * (VAR["var-ascii"]["keys"] - base["keys"]) / base["keys"],
     100.0 * (VAR["var-ascii-nocolor"]["startup"] - base["startup"]) / base["startup"],
     100.0 * (VAR["var-ascii-nocolor"]["keys"] - base["keys"]) / base["keys"]))
w("")
asc, lc = VAR["var-ascii"], VAR["var-LANG_C"]
if asc["nonascii"] or "lost" in lc["name"]:
    w("**ASCII mode is not ASCII-only.** `--ascii` still sent %s non-ASCII bytes (names and texts "
      "are drawn as they are: %s), and under LANG=C, where ASCII mode comes on by itself, %s. "
      "The TUI's `draw_fitted` (src/ui/draw.c) passes data through `text_fit` only; the command "
      "line already uses `text_to_ascii` (src/cli/cli_timeline.c). Fix: in ASCII mode, transliterate "
      "in `draw_fitted` (and the prompt/pager paths) before fitting, so Skjervøy becomes Skjervoy "
      "and columns stay aligned; that also saves a byte per letter."
      % (num(asc["nonascii"]), asc["name"],
         "names lose their letters: " + lc["name"] + "; ncurses in a non-UTF-8 locale draws each "
         "byte of a UTF-8 letter as a blank" if "lost" in lc["name"] else "names show as " + lc["name"]))
    w("")
w("## 4. Import")
w("")
w("| | run 1 | run 2 | best | rows/s |")
w("|---|---|---|---|---|")
w("| `innspill import` (100 000 rows, full validation, one transaction) | %.2f s | %.2f s | %.2f s | %s |"
  % (imp_ms[0] / 1000.0, imp_ms[1] / 1000.0, min(imp_ms) / 1000.0, num(round(imp_rps))))
w("| sqlite3 `.import` into a plain table + FTS5 over the same text | %.2f s | %.2f s | %.2f s | %s |"
  % (base_ms[0] / 1000.0, base_ms[1] / 1000.0, min(base_ms) / 1000.0, num(round(base_rps))))
w("")
w("Ratio: **%.2fx** (target 0.8x). innspill said: `%s` (one member's rows after the first become "
  "new versions: each row is a submission, 5 answers, an FTS5 row and an audit event). Both start "
  "from a fresh database file with WAL and `synchronous = NORMAL`; times are wall clock, warm page "
  "cache." % (ratio, V["import_result"]))
w("")
w("## 5. A status change during an import")
w("")
w("A `set-status` started once the import of 250 000 rows (a fresh database, `$W/big.csv`) holds "
  "the write lock; times are wall clock. The last column but two is the change's end less the end "
  "of the import's process: negative when the change was through before that process had exited.")
w("")
w("| run | import | the change waited | through after the import ended | said whose | went through |")
w("|---|---|---|---|---|---|")
for i, x in enumerate(WAIT, 1):
    w("| %d | %.2f s | %.2f s | %d ms | %s | %s |" % (i, x["import"] / 1000.0, x["wait"] / 1000.0,
      x["after"], "yes" if x["said"] else "no", "yes" if x["ok"] else "no"))
w("")
whys = []
for name, meas, limit, ok, miss, why in T:
    if not ok and why and why not in whys:
        whys.append(why)
if whys:
    w("## Why the misses")
    w("")
    for why in whys:
        w(WHY[why] % {"def": ms(med(first_def_ms))})
        w("")
w("## Commands")
w("")
w("`$W` is the bench's temporary directory. Settings: `tests/bench/mkcfg.awk` makes `$W/bench.cfg` "
  "(the shipped registers, regions and users, 269 earlier cycles before the shipped one, every "
  "region's timeline for each) and `$W/import.cfg` (the shipped cycle only); both add the user "
  "running the bench as `central`, since the import needs a writer.")
w("")
w("```")
with open(os.path.join(R, "commands.txt"), encoding="utf-8") as f:
    seen = set()
    for line in f:
        line = line.rstrip("\n")
        if line in seen:
            continue
        seen.add(line)
        w(line)
w("```")
w("")
with open(OUT, "w", encoding="utf-8") as f:
    f.write("\n".join(L))

# ---- summary -----------------------------------------------------------------------
for name, meas, limit, ok, miss, _ in T:
    print("%-4s %s: %s (%s)%s" % ("PASS" if ok else "MISS", name, meas, limit, "" if ok else "; " + miss))
for p in problems:
    print("problem: %s" % p)
print("%d of %d targets pass" % (len(T) - n_miss, len(T)))
