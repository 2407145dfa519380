# mimic -- one plain Makefile.
#
#   make            build/mimic (and the mimic-<arch> links)
#   make static     build/mimic-static, fully static (binfmt_misc F flag)
#   make check      every test; the last line is "N passed, N failed"
#   make demo       build and run the bundled guest programs
#   make bench      mimic vs qemu-user vs native
#   make install    install binaries and binfmt files under $(PREFIX)

CC      ?= gcc
BUILD   := build
PREFIX  ?= /usr/local
DESTDIR ?=

WARN    := -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
CFLAGS  += $(WARN) -std=gnu11 -fno-strict-aliasing -I. -D_GNU_SOURCE
PKGS    := libelf capstone glib-2.0

SRC_DIRS := tcg backends/x86_64 loader linux-user linux-user/arm syscall frontends/arm
SRCS     := $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c))
ASM_SRCS := $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.S))
OBJS     := $(SRCS:%.c=$(BUILD)/obj/%.o) $(ASM_SRCS:%.S=$(BUILD)/obj/%.o)
LIB_OBJS := $(filter-out $(BUILD)/obj/linux-user/main.o,$(OBJS))

UNIT_SRCS := $(wildcard tests/unit/test-*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)

ARCH_LINKS := mimic-arm

.PHONY: all static check demo bench install clean deps unit guest-tests
all: $(BUILD)/mimic $(addprefix $(BUILD)/,$(ARCH_LINKS))

# Install missing Debian packages first (scripts/install-deps is idempotent
# and quick when nothing is missing).
$(BUILD)/.deps-ok: scripts/install-deps
	@mkdir -p $(BUILD)
	@scripts/install-deps
	@touch $@

deps: $(BUILD)/.deps-ok

# Compiler and linker flags of the libraries, computed once the packages
# are present.
$(BUILD)/config.mk: $(BUILD)/.deps-ok Makefile
	@echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))" > $@.tmp
	@echo "PKG_LIBS := $$(pkg-config --libs $(PKGS)) -lpthread -lm" >> $@.tmp
	@echo "PKG_STATIC_LIBS := $$(pkg-config --static --libs $(PKGS)) -lzstd -llzma -lbz2 -lpthread -lm" >> $@.tmp
	@mv $@.tmp $@

ifeq ($(filter clean,$(MAKECMDGOALS)),)
-include $(BUILD)/config.mk
endif

V ?= 0
ifeq ($(V),0)
Q := @
else
Q :=
endif

$(BUILD)/obj/%.o: %.c $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/%.o: %.S $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

-include $(OBJS:.o=.d)

$(BUILD)/mimic: $(OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(addprefix $(BUILD)/,$(ARCH_LINKS)): $(BUILD)/mimic
	ln -sf mimic $@

static: $(BUILD)/mimic-static
$(BUILD)/mimic-static: $(OBJS)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) -static -o $@ $(OBJS) $(PKG_STATIC_LIBS)

# Unit tests (check): each tests/unit/test-*.c is one program linked with
# the core objects.
$(BUILD)/tests/unit/%: tests/unit/%.c $(LIB_OBJS) $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UNIT    $@")
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LIB_OBJS) $(PKG_LIBS) $$(pkg-config --libs check)

unit: $(UNIT_BINS)

# Guest test programs, cross-compiled, and their native references.
include tests/guest/guest.mk
guest-tests: $(BUILD)/.deps-ok
include tests/diff/diff.mk

check: all unit guest-tests diff-tools
	@tests/run

demo: all guest-tests
	@tests/demo

bench: all
	@bench/run

install: all static
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/mimic $(DESTDIR)$(PREFIX)/bin/mimic
	install -m 755 $(BUILD)/mimic-static $(DESTDIR)$(PREFIX)/bin/mimic-static
	for l in $(ARCH_LINKS); do ln -sf mimic $(DESTDIR)$(PREFIX)/bin/$$l; done

clean:
	rm -rf $(BUILD)
