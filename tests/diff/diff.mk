# ARM differential tester (included by the top-level Makefile).
#
#   make diff-tools          build/tests/diff/{difftool,harness}
#   make diff-tests          the bounded sample (fixed seed, a few thousand
#                            cases per class): tests/run diff
#   make fuzz-arm N=1000000  about N cases over all classes, random seed
#                            (printed; SEED=... reproduces a run); CLASS=a32-dp
#                            restricts it to classes whose name contains that
#
# difftool (host) generates cases from the decoder's own pattern tables and
# compares results; harness (static ARM guest, built from source here) runs
# the cases; tests/diff/run drives both under build/mimic and qemu-arm.
# See tests/diff/README.md.

DIFF_DIR      := $(BUILD)/tests/diff
DIFF_TOOL     := $(DIFF_DIR)/difftool
DIFF_HARNESS  := $(DIFF_DIR)/harness
DIFF_GUEST_CC ?= arm-linux-gnueabihf-gcc
DIFF_ARM_OBJS := $(filter $(BUILD)/obj/frontends/arm/%,$(LIB_OBJS))

.PHONY: diff-tools diff-tests fuzz-arm

# The pattern sets the frontend objects define (a family added to the
# decoder becomes a class without an edit here).
$(DIFF_DIR)/diffsets.c: $(DIFF_ARM_OBJS) tests/diff/mksets.sh
	@mkdir -p $(@D)
	$(Q)tests/diff/mksets.sh $@ $(DIFF_ARM_OBJS)

$(DIFF_TOOL): tests/diff/difftool.c tests/diff/difftool.h tests/diff/layout.h $(DIFF_DIR)/diffsets.c \
		$(LIB_OBJS) $(BUILD)/config.mk
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ tests/diff/difftool.c $(DIFF_DIR)/diffsets.c $(LIB_OBJS) $(PKG_LIBS)

# The guest harness: ARM state, static; no -Werror (a newer cross compiler's
# new warning must not break the test build).
$(DIFF_HARNESS): tests/diff/harness.c tests/diff/harness-asm.S tests/diff/layout.h tests/diff/diff.mk \
		$(BUILD)/.deps-ok
	@mkdir -p $(@D)
	@$(if $(Q),echo "  GUEST   $@")
	$(Q)$(DIFF_GUEST_CC) -std=gnu11 -O2 -marm -Wall -Wextra -static -o $@ tests/diff/harness.c \
		tests/diff/harness-asm.S

diff-tools: $(DIFF_TOOL) $(DIFF_HARNESS)

diff-tests: all diff-tools
	@tests/run diff

fuzz-arm: all diff-tools
	@tests/diff/run -N $(or $(N),100000) $(if $(SEED),-s $(SEED)) $(if $(CLASS),-c $(CLASS))
