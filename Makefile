# deskutils - a command-line helpdesk. See README.md.
#
#   make            build the commands into $(B)/bin
#   make demo       set up (installing missing dependencies) and run a demo day
#   make check      build and run every test: unit, end-to-end, torture, sanitizers,
#                   man lint, and a fuzz smoke (regressions, then 20 s a target)
#   make torture    concurrency, crash (SIGKILL) and disk-full tests at full size
#   make bench      benchmarks against a static C floor (see bench/README)
#   make install    PREFIX, DESTDIR, BINDIR, MANDIR, *COMPDIR are honoured

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

CC ?= cc
CFLAGS ?= -O2 -g
B ?= build
PKG_CONFIG ?= pkg-config
PROVE ?= prove

# CI treats warnings as errors.
ifeq ($(CI),true)
WERROR = -Werror
endif

DESK_CFLAGS = -std=c11 -Wall -Wextra $(WERROR) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Iinclude $(shell $(PKG_CONFIG) --cflags sqlite3 yaml-0.1 2>/dev/null)

# SQLite and libyaml are linked statically where Debian ships the archive:
# process start-up is most of a command's latency (0.97 ms vs 1.76 ms for
# `select 1` measured when the project began).
SQLITE_LIBDIR := $(shell $(PKG_CONFIG) --variable=libdir sqlite3 2>/dev/null)
YAML_LIBDIR := $(shell $(PKG_CONFIG) --variable=libdir yaml-0.1 2>/dev/null)
ifneq ($(wildcard $(SQLITE_LIBDIR)/libsqlite3.a),)
SQLITE_LIBS = $(SQLITE_LIBDIR)/libsqlite3.a -lm -ldl -lpthread
else
SQLITE_LIBS = $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null)
endif
ifneq ($(wildcard $(YAML_LIBDIR)/libyaml.a),)
YAML_LIBS = $(YAML_LIBDIR)/libyaml.a
else
YAML_LIBS = $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null)
endif
LIBS = $(YAML_LIBS) $(SQLITE_LIBS)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

# lib/ holds the text core and store; each subsystem of the desk has a folder
LIB_SRC := $(sort $(wildcard lib/*.c lib/*/*.c))
LIB_OBJ := $(LIB_SRC:lib/%.c=$(B)/lib/%.o)
CMD_SRC := $(sort $(wildcard cmd/*.c))
COMMANDS := $(CMD_SRC:cmd/%.c=%)
BINS := $(COMMANDS:%=$(B)/bin/%)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
MANPAGES := $(sort $(wildcard man/*.[1-8]))

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps demo check check-build unit cli manlint asan valgrind torture bench install uninstall clean
.DELETE_ON_ERROR:
.SECONDARY:

all: $(BINS)

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(DESK_CFLAGS) -Ilib $(CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

$(B)/libdesk.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(DESK_CFLAGS) -Icmd/common $(CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

# what the commands share: options, errors, bodies, id loops (cmd/common)
$(B)/cmd/cli.o: cmd/common/cli.c
	@mkdir -p $(@D)
	$(CC) $(DESK_CFLAGS) -Icmd/common $(CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

$(B)/bin/%: $(B)/cmd/%.o $(B)/cmd/cli.o $(B)/libdesk.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(DESK_CFLAGS) $(CMOCKA_CFLAGS) -Ilib $(CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/test_%: $(B)/tests/test_%.o $(B)/tests/unit_util.o $(B)/libdesk.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(CMOCKA_LIBS)

$(B)/tests/unit_util.o: tests/unit/unit_util.c
	@mkdir -p $(@D)
	$(CC) $(DESK_CFLAGS) $(CMOCKA_CFLAGS) -Ilib $(CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

-include $(LIB_OBJ:.o=.d) $(wildcard $(B)/cmd/*.d $(B)/tests/*.d)

# The dependency step: pkg-config must find sqlite3, yaml-0.1 and cmocka.
deps:
	@sh scripts/deps

demo: deps
	@$(MAKE) --no-print-directory all
	@sh examples/demo.sh $(B)/bin

check: deps
	@$(MAKE) --no-print-directory check-build
	@$(MAKE) --no-print-directory unit cli manlint
	@$(MAKE) --no-print-directory asan
	@$(MAKE) --no-print-directory fuzz-smoke
	@echo "check: all tests passed"

TEST_HELPERS = $(B)/tests/hold-lock $(B)/tests/db-check $(B)/tests/db-stat $(B)/tests/enospc.so \
	$(B)/tests/db-invariants

check-build: $(BINS) $(UNIT_BINS) $(TEST_HELPERS)

$(B)/tests/db-invariants: tests/db-invariants.c $(B)/libdesk.a
	@mkdir -p $(@D)
	$(CC) $(DESK_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/enospc.so: tests/enospc.c
	@mkdir -p $(@D)
	$(CC) -shared -fPIC -O1 -g -Wall -Wextra -o $@ $< -ldl

$(B)/tests/%: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(DESK_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(SQLITE_LIBS)

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done

cli: $(BINS) $(TEST_HELPERS)
	@DESK_BIN=$(CURDIR)/$(B)/bin DESK_TEST_BIN=$(CURDIR)/$(B)/tests $(PROVE) -j2 tests/cli/ tests/torture/

# The torture tests at full size: 2000 kills, 400 operations per process.
torture: $(BINS) $(TEST_HELPERS)
	@KILLS=2000 OPS=400 DESK_BIN=$(CURDIR)/$(B)/bin DESK_TEST_BIN=$(CURDIR)/$(B)/tests \
		$(PROVE) -v tests/torture/

manlint:
	@out=$$(mandoc -Tlint -Wwarning $(MANPAGES) 2>&1); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; echo "manlint: $(words $(MANPAGES)) pages clean"

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory B=build-asan CFLAGS="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" \
		check-build unit cli

valgrind: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do \
		valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect $$t; done

bench: all
	@$(MAKE) --no-print-directory -C bench

# libFuzzer targets for the parsers, built with clang into fuzz/build (see
# fuzz/README.md): `make fuzz FUZZ_SECONDS=N` (default 60 s a target);
# `make fuzz-smoke` replays fuzz/regressions, then 20 s a target (CI).
.PHONY: fuzz fuzz-smoke
fuzz fuzz-smoke:
	@$(MAKE) --no-print-directory -f fuzz/Makefile $@

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(wildcard man/*.5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(wildcard man/*.7) $(DESTDIR)$(MANDIR)/man7
	for c in $(COMMANDS); do \
		install -m 644 completions/bash/deskutils $(DESTDIR)$(BASHCOMPDIR)/$$c; done
	install -m 644 completions/zsh/_deskutils $(DESTDIR)$(ZSHCOMPDIR)/_deskutils
	for c in $(COMMANDS); do \
		install -m 644 completions/fish/deskutils.fish $(DESTDIR)$(FISHCOMPDIR)/$$c.fish; done

uninstall:
	for c in $(COMMANDS); do rm -f $(DESTDIR)$(BINDIR)/$$c $(DESTDIR)$(MANDIR)/man1/$$c.1 \
		$(DESTDIR)$(BASHCOMPDIR)/$$c $(DESTDIR)$(FISHCOMPDIR)/$$c.fish; done
	rm -f $(DESTDIR)$(MANDIR)/man5/desk.yaml.5 $(DESTDIR)$(MANDIR)/man5/desk-policy.5 $(DESTDIR)$(MANDIR)/man7/deskutils.7 \
		$(DESTDIR)$(MANDIR)/man7/desk-filter.7 $(DESTDIR)$(ZSHCOMPDIR)/_deskutils

clean:
	rm -rf build build-asan fuzz/build
