# Guest test corpus (included by the top-level Makefile).
#
# Every tests/guest/NAME.c is built
#   - for each guest flavour F at each optimisation level O:
#       $(BUILD)/tests/guest/$(GUEST_ARCH_F)/NAME-F-O      (static guest binary)
#   - natively, as the reference:
#       $(BUILD)/tests/guest/native/NAME
# plus the helpers of the bad-input suite (tests/bad/):
#   $(BUILD)/tests/bad/arm/udf-F   (+ udf-F.pc: address of its UDF, in hex)
#   $(BUILD)/tests/bad/native/{mkelf,sigrun}
#
# Adding a guest is a matter of adding a flavour: append its name to
# GUEST_FLAVOURS and define GUEST_ARCH_<f> (the output subdirectory, which
# tests/run scans), GUEST_CC_<f> and GUEST_CFLAGS_<f>.  Flavour names must
# not contain '-' (tests/run splits NAME-F-O on it).  Example, for later:
#
#   GUEST_FLAVOURS     += mipsel
#   GUEST_ARCH_mipsel   := mipsel
#   GUEST_CC_mipsel     := mipsel-linux-gnu-gcc
#   GUEST_CFLAGS_mipsel :=

GUEST_FLAVOURS := arm thumb

GUEST_ARCH_arm     := arm
GUEST_CC_arm       := arm-linux-gnueabihf-gcc
GUEST_CFLAGS_arm   := -marm

GUEST_ARCH_thumb   := arm
GUEST_CC_thumb     := arm-linux-gnueabihf-gcc
GUEST_CFLAGS_thumb := -mthumb

GUEST_OPTS := O0 O2

# Flags common to guest and native builds.  No -Werror: a newer compiler's
# new warning must not break the test build.
GUEST_COMMON_CFLAGS := -std=gnu11 -g -Wall -Wextra -Wno-unused-parameter
GUEST_LDFLAGS       := -static
GUEST_LIBS          := -lm
GUEST_NATIVE_CC     := gcc
GUEST_NATIVE_CFLAGS := -O2

GUEST_SRCS  := $(sort $(wildcard tests/guest/*.c))
GUEST_NAMES := $(GUEST_SRCS:tests/guest/%.c=%)
GUEST_DIR   := $(BUILD)/tests/guest
BAD_DIR     := $(BUILD)/tests/bad

# Rebuild everything when this file changes (flags may have changed).
GUEST_MK := tests/guest/guest.mk

GUEST_BINS :=
BAD_BINS   :=

# $(1) = flavour, $(2) = optimisation level (O0, O2)
define GUEST_FLAVOUR_OPT_RULES
GUEST_BINS_$(1)_$(2) := $$(GUEST_NAMES:%=$$(GUEST_DIR)/$$(GUEST_ARCH_$(1))/%-$(1)-$(2))
GUEST_BINS += $$(GUEST_BINS_$(1)_$(2))
$$(GUEST_BINS_$(1)_$(2)): $$(GUEST_DIR)/$$(GUEST_ARCH_$(1))/%-$(1)-$(2): tests/guest/%.c $$(GUEST_MK)
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) $$(GUEST_COMMON_CFLAGS) $$(GUEST_CFLAGS_$(1)) -$(2) $$(GUEST_LDFLAGS) -o $$@ $$< $$(GUEST_LIBS)
endef

# $(1) = flavour: the undefined-instruction program of the bad-input suite.
# Only ARM flavours have one (tests/bad/udf.c is ARM assembly).
define BAD_UDF_RULES
BAD_BINS += $$(BAD_DIR)/$$(GUEST_ARCH_$(1))/udf-$(1) $$(BAD_DIR)/$$(GUEST_ARCH_$(1))/udf-$(1).pc
$$(BAD_DIR)/$$(GUEST_ARCH_$(1))/udf-$(1): tests/bad/udf.c $$(GUEST_MK)
	@mkdir -p $$(@D)
	$$(GUEST_CC_$(1)) $$(GUEST_COMMON_CFLAGS) $$(GUEST_CFLAGS_$(1)) -O2 $$(GUEST_LDFLAGS) -o $$@ $$<
$$(BAD_DIR)/$$(GUEST_ARCH_$(1))/udf-$(1).pc: $$(BAD_DIR)/$$(GUEST_ARCH_$(1))/udf-$(1)
	$$(GUEST_CC_$(1):gcc=nm) $$< | awk '$$$$3 == "mimic_udf_insn" { print $$$$1; found = 1 } END { exit !found }' > $$@.tmp
	@mv $$@.tmp $$@
endef

$(foreach f,$(GUEST_FLAVOURS),$(foreach o,$(GUEST_OPTS),$(eval $(call GUEST_FLAVOUR_OPT_RULES,$(f),$(o)))))
$(foreach f,$(filter arm thumb,$(GUEST_FLAVOURS)),$(eval $(call BAD_UDF_RULES,$(f))))

# Native references.
GUEST_NATIVE_BINS := $(GUEST_NAMES:%=$(GUEST_DIR)/native/%)
$(GUEST_NATIVE_BINS): $(GUEST_DIR)/native/%: tests/guest/%.c $(GUEST_MK)
	@mkdir -p $(@D)
	$(GUEST_NATIVE_CC) $(GUEST_COMMON_CFLAGS) $(GUEST_NATIVE_CFLAGS) -o $@ $< $(GUEST_LIBS)

# Native helpers of the bad-input suite.
BAD_NATIVE_BINS := $(BAD_DIR)/native/mkelf $(BAD_DIR)/native/sigrun
$(BAD_NATIVE_BINS): $(BAD_DIR)/native/%: tests/bad/%.c $(GUEST_MK)
	@mkdir -p $(@D)
	$(GUEST_NATIVE_CC) $(GUEST_COMMON_CFLAGS) -O2 -o $@ $<

.PHONY: guest-tests
guest-tests: $(GUEST_BINS) $(GUEST_NATIVE_BINS) $(BAD_BINS) $(BAD_NATIVE_BINS)
