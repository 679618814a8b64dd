# innspill: build, run, check, bench, install.
# `make run` and `make check` are all a new machine needs (see README.md).

VERSION   = 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/innspill
MANDIR    = $(PREFIX)/share/man
LOCALEDIR = $(PREFIX)/share/locale

CC       ?= cc
PKGS      = ncursesw sqlite3 libconfig gmime-3.0 glib-2.0 nettle poppler-glib libgsf-1 libxml-2.0
# libcsv ships no pkg-config file.
LIBS_EXTRA = -lcsv -pthread
# Debian package for each pkg-config name, for `make deps`.
DEB_ncursesw = libncurses-dev
DEB_sqlite3  = libsqlite3-dev
DEB_libconfig = libconfig-dev
DEB_cmocka   = libcmocka-dev
DEB_gmime-3.0 = libgmime-3.0-dev
DEB_glib-2.0 = libglib2.0-dev
DEB_nettle   = nettle-dev
DEB_poppler-glib = libpoppler-glib-dev
DEB_libgsf-1 = libgsf-1-dev
DEB_libxml-2.0 = libxml2-dev

CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
DEFS      = -D_GNU_SOURCE -DVERSION='"$(VERSION)"' -DLOCALEDIR='"$(LOCALEDIR)"' \
            -DDEFAULT_CONFIG='"$(DATADIR)/innspill.cfg"'
ALL_CFLAGS = $(WARN) $(DEFS) $(CFLAGS) -pthread -MMD -MP
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

CORE_SRC := $(sort $(wildcard src/core/*.c))
UI_SRC   := $(sort $(wildcard src/ui/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
MAIN_SRC := $(sort $(wildcard src/*.c))
SRC      := $(CORE_SRC) $(UI_SRC) $(CLI_SRC) $(MAIN_SRC)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

B  = build
BA = build/asan
OBJ      = $(SRC:%.c=$(B)/%.o)
CORE_OBJ = $(CORE_SRC:%.c=$(B)/%.o)
OBJ_A      = $(SRC:%.c=$(BA)/%.o)
CORE_OBJ_A = $(CORE_SRC:%.c=$(BA)/%.o)
UNITS   = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
UNITS_A = $(UNIT_SRC:tests/unit/%.c=$(BA)/tests/%)
MO      = $(B)/locale/nb/LC_MESSAGES/innspill.mo

# Fuzzing: one harness per input the program parses (tests/fuzz/). `make fuzz`
# builds them with clang and libFuzzer; `make check` replays their kept inputs
# through the normal build.
FUZZ_TARGETS ?= csv mail settings limit text
FUZZ_SECONDS ?= 300
FUZZ_JOBS    ?= 1
FUZZ_CC      ?= clang
BF        = build/fuzz
FUZZ_SAN  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_LIB  = tests/fuzz/fuzz_common.c
REPLAYS   = $(FUZZ_TARGETS:%=$(B)/replay-%)
REPLAYS_A = $(FUZZ_TARGETS:%=$(BA)/replay-%)

DEMO_DB   = $(B)/demo.db
DEMO_DATE = 2024-02-20

.PHONY: all deps run demo check check-build check-layers check-man check-unit check-cli check-tui check-po check-asan bench \
        check-fuzz fuzz torture install uninstall clean pot po-update

all: deps-quiet $(B)/innspill $(MO) $(B)/innspill.1

# The man page's key list is made from the program's own key table.
$(B)/innspill.1: help/innspill.1.in $(B)/innspill
	@LC_ALL=C $(B)/innspill keys --man > $(B)/keys.roff
	@sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@DATADIR@|$(DATADIR)|g' \
		-e '/@KEYS@/{r $(B)/keys.roff' -e 'd}' help/innspill.1.in > $@

# --- dependencies -------------------------------------------------------
# Installs missing -dev packages with apt-get when run as root; otherwise
# prints the exact command and stops.
deps:
	@sh tests/tools/deps.sh $(foreach p,$(PKGS) cmocka,$(p):$(DEB_$(p))) csv.h:libcsv-dev tmux:tmux msgfmt:gettext bin/xmllint:libxml2-utils bin/sqlite3:sqlite3
deps-quiet:
	@sh tests/tools/deps.sh $(foreach p,$(PKGS),$(p):$(DEB_$(p))) csv.h:libcsv-dev msgfmt:gettext

# --- build --------------------------------------------------------------
$(B)/innspill: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $$(pkg-config --libs $(PKGS)) $(LIBS_EXTRA)

$(BA)/innspill: $(OBJ_A)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $$(pkg-config --libs $(PKGS)) $(LIBS_EXTRA)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(ALL_CFLAGS) $$(pkg-config --cflags $(PKGS)) -c -o $@ $<

$(BA)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $< (sanitizers)"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $$(pkg-config --cflags $(PKGS)) -c -o $@ $<

$(B)/tests/%: $(B)/tests/unit/%.o $(CORE_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $$(pkg-config --libs $(PKGS) cmocka) $(LIBS_EXTRA)

$(BA)/tests/%: $(BA)/tests/unit/%.o $(CORE_OBJ_A)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $$(pkg-config --libs $(PKGS) cmocka) $(LIBS_EXTRA)

$(B)/tests/unit/%.o $(BA)/tests/unit/%.o: ALL_CFLAGS += $$(pkg-config --cflags cmocka) -Isrc/core

# The inbox's logic is tested without a terminal: its UI objects need no curses.
UI_LOGIC = src/ui/inbox_logic.o src/ui/list.o
$(B)/tests/test_inbox_logic: $(UI_LOGIC:%=$(B)/%)
$(BA)/tests/test_inbox_logic: $(UI_LOGIC:%=$(BA)/%)
$(B)/tests/fuzz/%.o $(BA)/tests/fuzz/%.o $(BF)/tests/fuzz/%.o: ALL_CFLAGS += -Isrc/core

# A harness with replay.c instead of libFuzzer, for `make check`.
$(B)/replay-%: $(B)/tests/fuzz/fuzz_%.o $(B)/tests/fuzz/fuzz_common.o $(B)/tests/fuzz/replay.o $(CORE_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $$(pkg-config --libs $(PKGS)) $(LIBS_EXTRA)

$(BA)/replay-%: $(BA)/tests/fuzz/fuzz_%.o $(BA)/tests/fuzz/fuzz_common.o $(BA)/tests/fuzz/replay.o $(CORE_OBJ_A)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $$(pkg-config --libs $(PKGS)) $(LIBS_EXTRA)

# The same harness with libFuzzer, every object built by clang for it.
$(BF)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $< (fuzzer)"
	@$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link $$(pkg-config --cflags $(PKGS)) -c -o $@ $<

$(BF)/fuzz-%: $(BF)/tests/fuzz/fuzz_%.o $(BF)/tests/fuzz/fuzz_common.o $(CORE_SRC:%.c=$(BF)/%.o)
	$(FUZZ_CC) $(CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $$(pkg-config --libs $(PKGS)) $(LIBS_EXTRA)

$(MO): po/nb.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# --- run ----------------------------------------------------------------
# The demo database is made once from the shipped settings; delete it to
# start over.
$(DEMO_DB): $(B)/innspill config/innspill.cfg
	rm -f $@ $@-wal $@-shm
	$(B)/innspill -c config/innspill.cfg -d $@ --today $(DEMO_DATE) demo

run: all $(DEMO_DB)
	INNSPILL_LOCALEDIR=$(B)/locale $(B)/innspill -c config/innspill.cfg -d $(DEMO_DB) \
		--today $(DEMO_DATE)

# --- tests --------------------------------------------------------------
# `make check` builds everything first (-j$(CHECK_JOBS)), then runs the suites
# $(CHECK_JOBS) at a time, the normal build's and the sanitizer build's side by
# side, each into a log of its own. The terminal shows one line per suite and
# a failing suite's failures in full; the compiler commands and the verbose
# output of every suite are in build/check.log (tests/tools/check-report.sh).
# Each check-* target below runs one suite alone, verbosely.
CHECK_JOBS ?= 2
CHECK_LOG   = $(B)/check.log
CK          = $(B)/check
SAN_ENV     = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
SAN_ENV_RUN = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Longest first, so that the last two end close together; the terminal tests
# in two halves, each with a tmux server and directories of its own.
TUI_PARTS ?= 2
TUI_NS      = $(shell seq 1 $(TUI_PARTS))
CHECK_SUITES = $(TUI_NS:%=asan-tui-%) $(TUI_NS:%=tui-%) asan-unit unit asan-cli cli asan-fuzz fuzz \
	layers po man
CHECK_CMD_po   = $(MAKE) --no-print-directory check-po
CHECK_CMD_man  = $(MAKE) --no-print-directory check-man
CHECK_CMD_layers = $(MAKE) --no-print-directory check-layers
CHECK_CMD_unit = sh tests/tools/run-units.sh $(UNITS)
CHECK_CMD_fuzz = sh tests/fuzz/replay.sh $(B) $(FUZZ_TARGETS)
CHECK_CMD_cli  = sh tests/cli/run.sh $(B)/innspill
CHECK_CMD_asan-unit = $(SAN_ENV) sh tests/tools/run-units.sh $(UNITS_A)
CHECK_CMD_asan-fuzz = $(SAN_ENV) LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp \
	sh tests/fuzz/replay.sh $(BA) $(FUZZ_TARGETS)
CHECK_CMD_asan-cli = $(SAN_ENV_RUN) sh tests/cli/run.sh $(BA)/innspill
# The terminal tests' parts: tui-K and asan-tui-K run part K of TUI_PARTS.
check_cmd = $(if $(filter tui-%,$1),sh tests/tui/run.sh $(B)/innspill --part $(1:tui-%=%)/$(TUI_PARTS),$\
	$(if $(filter asan-tui-%,$1),$(SAN_ENV_RUN) sh tests/tui/run.sh $(BA)/innspill $\
	--part $(1:asan-tui-%=%)/$(TUI_PARTS),$(CHECK_CMD_$1)))

check: deps
	@mkdir -p $(CK)
	@rm -f $(CK)/*.log $(CK)/*.rc $(CK)/*.time
	@echo "check: building; the commands go to $(CHECK_LOG)"
	@if ! $(MAKE) --no-print-directory -j$(CHECK_JOBS) check-build >$(CHECK_LOG) 2>&1; then \
		tail -n 40 $(CHECK_LOG); echo "check: the build failed; the whole log: $(CHECK_LOG)"; exit 1; fi
	@echo "check: running $(words $(CHECK_SUITES)) suites, $(CHECK_JOBS) at a time"
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) $(CHECK_SUITES:%=$(CK)/%.rc)
	@sh tests/tools/check-report.sh $(CK) $(CHECK_LOG) $(CHECK_SUITES)

check-build: all $(B)/innspill.1 $(UNITS) $(REPLAYS) $(BA)/innspill $(UNITS_A) $(REPLAYS_A)

# One suite's run: its output into $(CK)/SUITE.log, its exit status into
# SUITE.rc, its time in seconds into SUITE.time and the processor time of
# its processes (user, system) into SUITE.cpu; never fails itself.
$(CK)/%.rc: FORCE
	@t0=$$(date +%s); ( $(call check_cmd,$*) ) >$(CK)/$*.log 2>&1 </dev/null; echo $$? >$(CK)/$*.rc.tmp; \
	echo $$(($$(date +%s) - t0)) >$(CK)/$*.time; times | tail -n 1 >$(CK)/$*.cpu; mv $(CK)/$*.rc.tmp $@

FORCE:

check-man: $(B)/innspill.1
	@man -l --warnings -E UTF-8 $(B)/innspill.1 help/innspill.cfg.5 >/dev/null 2>$(B)/man.err; \
	if [ -s $(B)/man.err ]; then cat $(B)/man.err; exit 1; fi
	@grep -q 'move down' $(B)/innspill.1 && echo "man: innspill.1 lists the keys from the key table"
	@LC_ALL=C $(B)/innspill keys > $(B)/keys.txt; \
	sed -n '/<!-- keys-begin -->/,/<!-- keys-end -->/p' README.md | sed '1,2d;$$d' | sed '$$d' > $(B)/readme-keys.txt; \
	if ! diff -u $(B)/readme-keys.txt $(B)/keys.txt; then \
		echo "README.md's key list differs from the program's (innspill keys)"; exit 1; fi; \
	echo "readme: the key list is the program's"

check-po: pot
	@msgcmp po/nb.po $(B)/innspill.pot && echo "po: nb.po translates every string"

# Only src/core/ sees SQLite's header and the store's insides (store_int.h),
# and only its objects call sqlite3_*: every file outside it is checked with
# the preprocessor and nm. The core's tests (tests/unit, tests/fuzz) may use
# store_int.h and are not checked.
OUTER_SRC := $(UI_SRC) $(CLI_SRC) $(MAIN_SRC)
check-layers: $(OUTER_SRC:%.c=$(B)/%.o)
	@sh tests/tools/check-layers.sh $(B) "$(CC) -std=c11 -D_GNU_SOURCE $$(pkg-config --cflags $(PKGS))" $(OUTER_SRC)

check-unit: $(UNITS)
	@sh tests/tools/run-units.sh $(UNITS)

check-fuzz: $(REPLAYS)
	@sh tests/fuzz/replay.sh $(B) $(FUZZ_TARGETS)

fuzz: deps-quiet
	@sh tests/tools/deps.sh bin/$(FUZZ_CC):clang
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=$(BF)/fuzz-%)
	@sh tests/fuzz/run.sh $(BF) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

check-cli: $(B)/innspill
	@sh tests/cli/run.sh $(B)/innspill

check-tui: $(B)/innspill $(MO)
	@sh tests/tui/run.sh $(B)/innspill

check-asan: $(BA)/innspill $(UNITS_A) $(REPLAYS_A) $(MO)
	@echo "== under AddressSanitizer and UndefinedBehaviorSanitizer =="
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		sh tests/tools/run-units.sh $(UNITS_A)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp sh tests/fuzz/replay.sh $(BA) $(FUZZ_TARGETS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		sh tests/cli/run.sh $(BA)/innspill
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		sh tests/tui/run.sh $(BA)/innspill

bench: all
	@sh tests/bench/run.sh $(B)/innspill

# Kills writers at random moments, fills a disk, takes permissions away
# (tests/torture/run.sh; a few minutes; not part of check).
torture: $(B)/innspill $(B)/torture/killer
	@sh tests/torture/run.sh $(B)/innspill $(B)/torture/killer

$(B)/torture/killer: tests/torture/killer.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -o $@ $<

# --- translations -------------------------------------------------------
pot:
	@mkdir -p $(B)
	@xgettext --from-code=UTF-8 -k_ -kN_ -c/ --package-name=innspill -o $(B)/innspill.pot $(SRC)

po-update: pot
	msgmerge --update --backup=none --no-fuzzy-matching po/nb.po $(B)/innspill.pot

# --- install ------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(LOCALEDIR)/nb/LC_MESSAGES
	install -m 755 $(B)/innspill $(DESTDIR)$(BINDIR)/innspill
	install -m 644 config/innspill.cfg config/kommuner-2024.csv config/fylker-2024.csv \
		config/REGISTER-SOURCES.md $(DESTDIR)$(DATADIR)/
	install -m 644 $(B)/innspill.1 $(DESTDIR)$(MANDIR)/man1/innspill.1
	install -m 644 help/innspill.cfg.5 $(DESTDIR)$(MANDIR)/man5/innspill.cfg.5
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/nb/LC_MESSAGES/innspill.mo

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/innspill $(DESTDIR)$(MANDIR)/man1/innspill.1 \
		$(DESTDIR)$(MANDIR)/man5/innspill.cfg.5 \
		$(DESTDIR)$(LOCALEDIR)/nb/LC_MESSAGES/innspill.mo
	rm -f $(DESTDIR)$(DATADIR)/innspill.cfg $(DESTDIR)$(DATADIR)/kommuner-2024.csv \
		$(DESTDIR)$(DATADIR)/fylker-2024.csv $(DESTDIR)$(DATADIR)/REGISTER-SOURCES.md
	-rmdir $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(B)

# Keep the test objects, and rebuild tests when a header they use changes.
.SECONDARY:
-include $(wildcard $(B)/src/*/*.d $(B)/src/*.d $(B)/tests/*/*.d $(BA)/src/*/*.d $(BA)/src/*.d \
	$(BA)/tests/*/*.d $(BF)/src/*/*.d $(BF)/tests/*/*.d)
