# workflow - a case file for work-inclusion services, as Unix commands.
#
#   make            build into build/ (SAN=1: with ASan and UBSan, into build/san)
#   make check      all tests (bats); ends with "N passed, N failed"
#   make check-valgrind  the demo and refusals under valgrind
#   make fuzz       each fuzz harness for FUZZ_SECONDS (clang, libFuzzer)
#   make demo       a real pipeline on a fresh demo store
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       install the Debian packages that are missing (as root)
#   make bench      imports; make bench-store: lists and reports at scale

PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share
LOCALEDIR = $(DATADIR)/locale
# The languages there is a catalogue for (po/LANG.po).
LANGS = it
PKGS = sqlite3 yaml-0.1 libcjson nettle libpq
CC ?= cc

CMDS = wf wf-refer wf-assess wf-place wf-monitor wf-report
MAN1 = man/wf.1 man/wf-refer.1 man/wf-assess.1 man/wf-place.1 \
       man/wf-monitor.1 man/wf-report.1
MAN7 = man/workflow.7

SANITIZE = -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
ifeq ($(FUZZ),1)
# libFuzzer needs clang (Debian's clang and libclang-rt-dev).
CC = clang
BUILD = build/fuzz
OPT = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(SANITIZE)
else ifeq ($(SAN),1)
BUILD = build/san
OPT = -O1 -g -fno-omit-frame-pointer $(SANITIZE)
# what the system's libraries allocate for themselves (tests/lsan.supp)
export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
else
BUILD = build/rel
OPT = -O2
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# Messages are cut to fixed buffers on purpose: truncation is not a fault.
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
ifneq ($(FUZZ),1)
WARN += -Wno-format-truncation
endif
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(OPT) -Ilib \
	$(patsubst %/,-I%,$(LIB_DIRS)) \
	-DWF_LOCALEDIR='"$(LOCALEDIR)"' $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(OPT) $(LDFLAGS)

# lib/ has a folder a layer (lib/README); the store's engines a folder
# each under store/.
LIB_DIRS = $(sort $(dir $(wildcard lib/*/*.[ch] lib/*/*/*.[ch])))
LIB_SRC = $(wildcard lib/*/*.c lib/*/*/*.c)
LIB_HDR = $(wildcard lib/*.h lib/*/*.h lib/*/*/*.h)
LIB_OBJ = $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o) $(BUILD)/gen/version.o
BINS = $(CMDS:%=$(BUILD)/bin/%)
# The catalogues, beside the programs as they are once installed
# (bin/../share/locale), so that a build reads its own.
MOS = $(LANGS:%=$(BUILD)/share/locale/%/LC_MESSAGES/workflow.mo)

all: have-deps engine-headers $(BINS) $(MOS)
	@mkdir -p build && rm -f build/bin && ln -s $(notdir $(BUILD))/bin build/bin

# Tools the tests run besides the commands: the fuzz harnesses are built
# here with a main that replays saved inputs (tests/fuzz/corpus, and every
# crash found, kept in tests/fuzz/regress).
FUZZERS = reader date money taxcode programme
REPLAYS = $(FUZZERS:%=$(BUILD)/tests/fuzz-%)
UNIT_OBJ = $(patsubst tests/unit/%.c,$(BUILD)/tests/unit-obj/%.o,$(wildcard tests/unit/*.c))
UNIT = $(BUILD)/tests/unit
TEST_TOOLS = $(BUILD)/tests/sqlplan $(REPLAYS) $(UNIT)
FUZZ_COMMON = tests/fuzz/common.c

$(BUILD)/tests/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c $(FUZZ_COMMON) $(BUILD)/libwf.a $(BUILD)/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -MMD -MP -o $@ $< tests/fuzz/replay.c $(FUZZ_COMMON) $(BUILD)/libwf.a $(ALL_LDFLAGS) $(PKG_LIBS)

# The unit layer: the library's rules called directly (tests/unit).
$(BUILD)/tests/unit-obj/%.o: tests/unit/%.c $(BUILD)/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(UNIT): $(UNIT_OBJ) $(BUILD)/libwf.a
	$(CC) -o $@ $(UNIT_OBJ) $(BUILD)/libwf.a $(ALL_LDFLAGS) $(PKG_LIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libwf.a $(BUILD)/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -o $@ $< $(BUILD)/libwf.a $(ALL_LDFLAGS) $(PKG_LIBS)

# libFuzzer targets: the same harnesses linked with -fsanitize=fuzzer.
$(BUILD)/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_COMMON) $(BUILD)/libwf.a $(BUILD)/flags
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -fsanitize=fuzzer -o $@ $< $(FUZZ_COMMON) $(BUILD)/libwf.a $(ALL_LDFLAGS) $(PKG_LIBS)

# What a build is made with, kept in a file rewritten only when it
# changes (as bfs keeps its config): every object depends on it, so
# objects built with other flags (CFLAGS=..., SAN=1 in the same folder)
# are built again, and nothing else is.
quote = '$(subst ','\'',$(1))'
FLAGS_NOW = $(CC) $(ALL_CFLAGS) | $(ALL_LDFLAGS) $(PKG_LIBS)
$(BUILD)/flags: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' $(call quote,$(FLAGS_NOW)) | cmp -s - $@ || \
		printf '%s\n' $(call quote,$(FLAGS_NOW)) > $@

# The version (tools/version.sh: git describe, else the VERSION file),
# compiled in from a file rewritten only when it changes.
$(BUILD)/gen/version.c: FORCE
	@mkdir -p $(@D)
	@v=$$(tools/version.sh) && \
	printf '/* made by make from tools/version.sh */\n#include "wf.h"\nconst char wf_version[] = "%s";\n' "$$v" > $@.tmp && \
	{ cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@; }

$(BUILD)/gen/version.o: $(BUILD)/gen/version.c $(BUILD)/flags
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

FORCE:
.PHONY: FORCE engine-headers check-layers

# No file of lib/ calls a layer above its own (lib/README); make check
# runs it too (tests/00-conventions.bats).
check-layers: $(BUILD)/libwf.a
	tools/layers.sh $(BUILD)

# Only the store's engines speak to a database's own API: a file outside
# lib/store/sqlite/ (and lib/store/pg/) that includes its header fails
# the build.
engine-headers:
	@bad=$$(grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](sqlite3|libpq-fe)\.h[>"]' \
		$(wildcard lib/*.[ch] lib/*/*.[ch] lib/*/*/*.[ch] cmd/*.c) | grep -vE '^lib/store/(sqlite|pg)/'); \
	if [ -n "$$bad" ]; then \
		echo "only lib/store/sqlite/ and lib/store/pg/ may include an engine's header:" $$bad >&2; \
		exit 1; \
	fi

have-deps:
	@pkg-config --exists $(PKGS) || { echo "missing libraries: run 'make deps' (as root) first" >&2; exit 1; }

$(BUILD)/lib/%.o: lib/%.c $(BUILD)/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/share/locale/%/LC_MESSAGES/workflow.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# The messages of the code (po/workflow.pot) and each catalogue brought
# up to them; then translate what msgfmt --statistics says is missing.
XGETTEXT_KEYS = -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 -kwf_err_set:3 \
	-kwf_record_err:6 -kwf_warn:2 -kwf_stored_bad:2 -kwf_emit_rows:4 \
	-kwf_emit_made:4 -kwf_json_addf:2 -kngettext:1,2 \
	--flag=wf_err_set:3:c-format \
	--flag=wf_json_addf:2:c-format \
	--flag=wf_record_err:6:c-format --flag=wf_warn:2:c-format
POT = po/workflow.pot
po: $(POT)
	for l in $(LANGS); do \
		msgmerge -q --update --backup=none po/$$l.po $(POT) && \
		msgattrib --no-obsolete -o po/$$l.po po/$$l.po; \
	done
$(POT): $(LIB_SRC) $(LIB_HDR) $(wildcard cmd/*.c)
	xgettext -o $@ --from-code=UTF-8 --package-name=workflow \
		--package-version=$(shell cat VERSION) \
		--msgid-bugs-address=workflow --sort-by-file --add-comments=TRANSLATORS: \
		$(XGETTEXT_KEYS) $(LIB_SRC) $(LIB_HDR) cmd/*.c

# The Italian locale the tests run under, made here from Debian's
# locales sources, so that no locale need be installed (LOCPATH).
build/locale/it_IT.UTF-8:
	@mkdir -p build/locale
	localedef -c -i it_IT -f UTF-8 $@ || test -f $@/LC_CTYPE

# Made anew each time: ar would keep a member whose source has gone.
$(BUILD)/libwf.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# A program's dependency file goes in cmd/, so that bin/ holds programs
# only.
$(BUILD)/bin/%: cmd/%.c $(BUILD)/libwf.a $(BUILD)/flags
	@mkdir -p $(@D) $(BUILD)/cmd
	$(CC) $(ALL_CFLAGS) -MMD -MP -MF $(BUILD)/cmd/$*.d -MT $@ -o $@ $< $(BUILD)/libwf.a $(ALL_LDFLAGS) $(PKG_LIBS)

-include $(LIB_OBJ:.o=.d) $(CMDS:%=$(BUILD)/cmd/%.d) $(TEST_TOOLS:=.d) \
	$(UNIT_OBJ:.o=.d)

# Debian packages behind each need; installed only where missing. sqlite3,
# zsh and fish serve the tests (the store's contents, the completions);
# jq builds the malformed records of tests/15-malformed.bats; gettext
# builds the catalogues and locales holds the Italian locale's sources;
# chromium renders the HTML reports and poppler-utils counts their pages;
# parallel lets bats run the suites side by side; postgresql gives the
# throwaway server the shared store's tests run on (tests/pg-cluster.sh).
deps:
	@missing=""; \
	command -v pkg-config >/dev/null || missing="$$missing pkgconf"; \
	command -v cc >/dev/null || missing="$$missing gcc"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	pkg-config --exists yaml-0.1 2>/dev/null || missing="$$missing libyaml-dev"; \
	pkg-config --exists libcjson 2>/dev/null || missing="$$missing libcjson-dev"; \
	pkg-config --exists nettle 2>/dev/null || missing="$$missing nettle-dev"; \
	pkg-config --exists libpq 2>/dev/null || missing="$$missing libpq-dev"; \
	command -v bats >/dev/null || missing="$$missing bats"; \
	test -f /usr/lib/bats/bats-support/load.bash || missing="$$missing bats-support"; \
	test -f /usr/lib/bats/bats-assert/load.bash || missing="$$missing bats-assert"; \
	command -v parallel >/dev/null || missing="$$missing parallel"; \
	command -v mandoc >/dev/null || missing="$$missing mandoc"; \
	command -v sqlite3 >/dev/null || missing="$$missing sqlite3"; \
	command -v jq >/dev/null || missing="$$missing jq"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	test -f /usr/share/i18n/locales/it_IT || missing="$$missing locales"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdfinfo >/dev/null || missing="$$missing poppler-utils"; \
	command -v valgrind >/dev/null || missing="$$missing valgrind"; \
	command -v zsh >/dev/null || missing="$$missing zsh"; \
	command -v fish >/dev/null || missing="$$missing fish"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "missing:$$missing"; echo "run: sudo apt-get install$$missing" >&2; exit 1; \
	fi

check: deps
	@$(MAKE) --no-print-directory all $(TEST_TOOLS) build/locale/it_IT.UTF-8
	@WF_BUILD=$(CURDIR)/$(BUILD) WF_LOCPATH=$(CURDIR)/build/locale \
		tests/run-bats --unit $(UNIT) tests/*.bats

# The same suites again, every store on PostgreSQL: a throwaway cluster
# started and removed by tests/pg-suite, a database a test.
check-pg: deps
	@$(MAKE) --no-print-directory all $(TEST_TOOLS) build/locale/it_IT.UTF-8
	@WF_BUILD=$(CURDIR)/$(BUILD) WF_LOCPATH=$(CURDIR)/build/locale \
		tests/pg-suite tests/*.bats

# The demo pipeline and a set of refusals, each command under valgrind:
# fails on any memory error or leak (tests/valgrind.sh).
check-valgrind: deps
	@$(MAKE) --no-print-directory all $(UNIT)
	@WF_BUILD=$(CURDIR)/$(BUILD) tests/valgrind.sh

check-man:
	mandoc -Tlint -W warning $(MAN1) $(MAN7)

check-install: all
	rm -rf build/destdir
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/build/destdir
	$(MAKE) --no-print-directory uninstall DESTDIR=$(CURDIR)/build/destdir
	@left=$$(find build/destdir -type f | head -5); \
	if [ -n "$$left" ]; then echo "left after uninstall: $$left" >&2; exit 1; fi

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	install -d $(DESTDIR)$(DATADIR)/bash-completion/completions \
		$(DESTDIR)$(DATADIR)/zsh/site-functions \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	for c in $(CMDS); do \
		install -m 644 completions/wf.bash $(DESTDIR)$(DATADIR)/bash-completion/completions/$$c; \
		install -m 644 completions/wf.fish $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/$$c.fish; \
	done
	install -m 644 completions/_wf $(DESTDIR)$(DATADIR)/zsh/site-functions/_wf
	for l in $(LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 644 $(BUILD)/share/locale/$$l/LC_MESSAGES/workflow.mo \
			$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/workflow.mo; \
	done

uninstall:
	for c in $(CMDS); do \
		rm -f $(DESTDIR)$(BINDIR)/$$c \
			$(DESTDIR)$(DATADIR)/bash-completion/completions/$$c \
			$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/$$c.fish; \
	done
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) $(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%)
	rm -f $(DESTDIR)$(DATADIR)/zsh/site-functions/_wf
	for l in $(LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/workflow.mo; done

demo: deps
	@$(MAKE) --no-print-directory all
	@PATH=$(CURDIR)/$(BUILD)/bin:$$PATH sh examples/demo.sh

# The screenshots the README shows: the demo's month and final report, in
# Italian, as headless Chromium renders their HTML.
SHOTS = build/shots
screenshots: deps
	@$(MAKE) --no-print-directory all
	rm -rf $(SHOTS) && mkdir -p $(SHOTS) examples/screenshots
	PATH=$(CURDIR)/$(BUILD)/bin:$$PATH DEMO_DB=$(SHOTS)/wf.db sh examples/demo.sh >/dev/null
	WF_LANG=it WF_DB=$(SHOTS)/wf.db WF_TODAY=2026-11-22 $(BUILD)/bin/wf-report monthly \
		--month 2026-11 -o html > $(SHOTS)/monthly.html
	WF_LANG=it WF_DB=$(SHOTS)/wf.db WF_TODAY=2026-11-22 $(BUILD)/bin/wf-report case \
		2026-0005 -o html > $(SHOTS)/case.html
	for p in monthly case; do \
		chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
			--user-data-dir=$(CURDIR)/$(SHOTS)/chromium --window-size=1000,1400 \
			--screenshot=$(CURDIR)/examples/screenshots/$$p-it.png \
			file://$(CURDIR)/$(SHOTS)/$$p.html 2>/dev/null || exit 1; \
	done

bench: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory -C tests/bench BUILD=$(CURDIR)/$(BUILD) CC="$(CC)"

# Stores of 10,000 and 100,000 cases built through the commands (kept in
# build/bench-store and reused; SIZES="..." for others), every working
# list and report timed on each beside hand-written SQL.
bench-store: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory -C tests/bench store \
		BUILD=$(CURDIR)/$(BUILD) CC="$(CC)" STORES=$(CURDIR)/build/bench-store

# Each harness under ASan+UBSan for FUZZ_SECONDS, from the seed corpus
# (the inputs it finds are kept in build/fuzz/corpus). A crash or hang is
# written to build/fuzz/crash/; make it a regression test by copying it
# into tests/fuzz/regress/NAME/.
FUZZ_SECONDS ?= 60
fuzz: have-deps
	@command -v clang >/dev/null || { echo "make fuzz needs clang and libclang-rt-14-dev" >&2; exit 1; }
	@$(MAKE) --no-print-directory FUZZ=1 $(FUZZERS:%=build/fuzz/fuzz-%)
	@mkdir -p build/fuzz/crash; failed=0; \
	for n in $(FUZZERS); do \
		mkdir -p build/fuzz/corpus/$$n; \
		dict=; [ -f tests/fuzz/$$n.dict ] && dict=-dict=tests/fuzz/$$n.dict; \
		echo "fuzz-$$n: $(FUZZ_SECONDS) s"; \
		build/fuzz/fuzz-$$n -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=2048 -print_final_stats=1 $$dict \
			-artifact_prefix=build/fuzz/crash/$$n- \
			build/fuzz/corpus/$$n tests/fuzz/corpus/$$n \
			>build/fuzz/$$n.log 2>&1 || { failed=1; echo "fuzz-$$n: FOUND (build/fuzz/$$n.log)"; }; \
		grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' build/fuzz/$$n.log; \
	done; exit $$failed

clean:
	rm -rf build

.PHONY: all have-deps deps po screenshots check check-pg check-valgrind check-man check-install install uninstall demo bench bench-store fuzz clean
