# aiops-agent - GNU Make, hand-written.
#
#   make            build bin/aiops-agent
#   make demo       replay one scenario offline and say where everything went
#   make test       ASan+UBSan build, unit and integration tests (installs missing packages)
#   make check      unit tests only (seconds; the loop while you work)
#   make bench      start-up, replay, diagnosis accuracy over incidents/, model critical
#                   path, digest throughput, Loghub grouping accuracy, CiDiff
#                   distillation (bench/; data from ../shared)
#   make check-style  banned functions, one-library-one-file, layering
#   make analyze    cppcheck and clang-tidy; any finding fails (run by CI after make test)
#   make deps       install missing Debian packages (no-op when present)

CC      ?= cc
PKGS    := libcurl libgit2 jansson yaml-0.1 zlib
WARN    := -Wall -Wextra -Werror -Wformat-security -Wmissing-prototypes \
           -Wstrict-prototypes -Wold-style-definition -Wpointer-arith -Wvla \
           -Wwrite-strings -Wshadow -Wno-unused-parameter
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lmbedcrypto -lpthread -lm
BASE_CFLAGS = -std=c17 $(WARN) -Iinclude $(PKG_CFLAGS) -MMD -MP

# A new module is a new file in agent/<layer>/: nothing else to edit here.
AGENT_SRCS := $(sort $(wildcard agent/*/*.c))
LIB_SRCS   := $(filter-out agent/cli/main.c,$(AGENT_SRCS))
SUPPORT_SRCS := $(sort $(wildcard tests/support/*.c))
UNIT_SRCS  := $(sort $(wildcard tests/unit/*.c))
INTEG_SRCS := $(sort $(wildcard tests/integration/*.c))

REL_DIR  := build/rel
ASAN_DIR := build/asan
REL_OBJS  := $(AGENT_SRCS:%.c=$(REL_DIR)/%.o)
ASAN_OBJS := $(AGENT_SRCS:%.c=$(ASAN_DIR)/%.o)
ASAN_LIB_OBJS := $(LIB_SRCS:%.c=$(ASAN_DIR)/%.o)
SUPPORT_OBJS := $(SUPPORT_SRCS:%.c=$(ASAN_DIR)/%.o)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(ASAN_DIR)/%.o)
INTEG_OBJS := $(INTEG_SRCS:%.c=$(ASAN_DIR)/%.o)

REL_CFLAGS  := -O2 -g
ASAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=undefined

.PHONY: all deps demo test check unit integration bench bench-tools bench-digest bench-loghub check-style analyze clean

all: bin/aiops-agent

bin/aiops-agent: $(REL_OBJS)
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(REL_DIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(REL_CFLAGS) -c -o $@ $<

$(ASAN_DIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(ASAN_CFLAGS) -c -o $@ $<

# Tests include their support headers (harness, doubles) by bare name.
$(ASAN_DIR)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -Itests/support $(ASAN_CFLAGS) -c -o $@ $<

$(ASAN_DIR)/aiops-agent: $(ASAN_OBJS)
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(ASAN_DIR)/unit-tests: $(ASAN_LIB_OBJS) $(SUPPORT_OBJS) $(UNIT_OBJS)
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(ASAN_DIR)/integration-tests: $(ASAN_LIB_OBJS) $(SUPPORT_OBJS) $(INTEG_OBJS)
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

deps:
	@sh scripts/deps.sh

demo: deps
	@$(MAKE) --no-print-directory bin/aiops-agent
	@sh scripts/demo.sh

test: deps
	@sh tests/doubles/github/install.sh
	@sh tests/lint/install.sh
	@sh tests/fixtures/events/examples/install.sh
	@$(MAKE) --no-print-directory check-style
	@$(MAKE) --no-print-directory $(ASAN_DIR)/aiops-agent $(ASAN_DIR)/unit-tests $(ASAN_DIR)/integration-tests
	@sh tests/run.sh $(ASAN_DIR)

# The fast loop while you work: unit tests only, no doubles, no binary runs.
check unit: $(ASAN_DIR)/unit-tests
	@$(ASAN_DIR)/unit-tests

bench: deps
	@$(MAKE) --no-print-directory bin/aiops-agent $(BENCH_TOOLS) build/bench/model_double \
		$(REL_DIR)/bench/cidiff $(REL_DIR)/bench/tokens
	@sh bench/run.sh
	@sh bench/diagnosis.sh
	@AIOPS_SUITE=bench/held-out sh bench/diagnosis.sh
	@sh bench/model.sh
	@sh bench/digest.sh
	@sh bench/loghub.sh
	@sh bench/cidiff.sh
	@sh bench/tokens.sh

# bench/cidiff.sh's and bench/tokens.sh's drivers: the agent's objects (main.o aside) and
# bench/<name>.c.
$(REL_DIR)/bench/cidiff $(REL_DIR)/bench/tokens: $(REL_DIR)/bench/%: \
		$(filter-out $(REL_DIR)/agent/cli/main.o,$(REL_OBJS)) bench/%.c
	@mkdir -p $(@D)
	$(CC) $(filter-out -MMD -MP,$(BASE_CFLAGS)) $(REL_CFLAGS) -o $@ $^ $(PKG_LIBS)

# Bench tools (stand-alone C programs, no project headers): the synthetic log generator,
# the Loghub grouping-accuracy scorer and a peak-RSS wrapper; and the two digest benches.
BENCH_TOOLS := build/bench/genlog build/bench/ga build/bench/rss

bench-tools: $(BENCH_TOOLS)

build/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) -std=c17 $(WARN) -O2 -o $@ $<

bench-digest: bin/aiops-agent $(BENCH_TOOLS)
	@sh bench/digest.sh

bench-loghub: bin/aiops-agent $(BENCH_TOOLS)
	@sh bench/loghub.sh

check-style:
	@sh scripts/check-style.sh

# Static analysis that fails on any finding (.clang-tidy makes every warning an error);
# part of CI (.ci/run). clang-tidy runs one file per core.
analyze: deps
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability -Iinclude agent
	printf '%s\n' $(AGENT_SRCS) | xargs -P "$$(nproc)" -I{} clang-tidy --quiet {} \
		-- -std=c17 -Iinclude $(PKG_CFLAGS)

clean:
	rm -rf build bin out

# ---- Fuzzing and valgrind (tests/fuzz/README.md) ----
#   make fuzz            each libFuzzer harness of tests/fuzz/ for FUZZ_SECONDS (default 600)
#                        with its corpus; clang from Debian; crashes go to build/fuzz/crashes/
#   make check-valgrind  the integration tests and every agent run under valgrind (slow)
# The corpora replay in `make test` through tests/fuzz/driver.c, built here with cc and ASan.
FUZZ_NAMES   := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_DIR     := build/fuzz
FUZZ_CC      ?= clang
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=undefined
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(FUZZ_DIR)/%.o)
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz-%)
REPLAY_BINS  := $(FUZZ_NAMES:%=$(ASAN_DIR)/fuzz/%)
VG_DIR       := build/vg
VG_CFLAGS    := -O1 -g
VG_LIB_OBJS  := $(LIB_SRCS:%.c=$(VG_DIR)/%.o)
VG_TEST_OBJS := $(SUPPORT_SRCS:%.c=$(VG_DIR)/%.o) $(INTEG_SRCS:%.c=$(VG_DIR)/%.o)

.PHONY: fuzz fuzz-build check-valgrind
# Objects reached through the pattern rules only; keep them so a rebuild is incremental.
.SECONDARY: $(FUZZ_LIB_OBJS) $(FUZZ_NAMES:%=$(FUZZ_DIR)/tests/fuzz/fuzz_%.o) \
	$(FUZZ_DIR)/tests/fuzz/fuzz.o $(FUZZ_NAMES:%=$(ASAN_DIR)/tests/fuzz/fuzz_%.o) \
	$(ASAN_DIR)/tests/fuzz/fuzz.o $(ASAN_DIR)/tests/fuzz/driver.o

$(FUZZ_DIR)/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_CFLAGS) -Itests/support $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/fuzz-%: $(FUZZ_DIR)/tests/fuzz/fuzz_%.o $(FUZZ_DIR)/tests/fuzz/fuzz.o $(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

# The replay drivers: the same harnesses, fed once per corpus file by tests/fuzz/driver.c.
$(ASAN_DIR)/fuzz/%: $(ASAN_DIR)/tests/fuzz/fuzz_%.o $(ASAN_DIR)/tests/fuzz/fuzz.o \
		$(ASAN_DIR)/tests/fuzz/driver.o $(ASAN_LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

test: $(REPLAY_BINS)

fuzz-build:
	@sh scripts/deps.sh clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_NAMES)

$(VG_DIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -Itests/support $(VG_CFLAGS) -c -o $@ $<

$(VG_DIR)/aiops-agent: $(AGENT_SRCS:%.c=$(VG_DIR)/%.o)
	$(CC) $(VG_CFLAGS) -o $@ $^ $(PKG_LIBS)

$(VG_DIR)/integration-tests: $(VG_LIB_OBJS) $(VG_TEST_OBJS)
	$(CC) $(VG_CFLAGS) -o $@ $^ $(PKG_LIBS)

check-valgrind: deps
	@sh scripts/deps.sh valgrind
	@sh tests/doubles/github/install.sh
	@sh tests/fixtures/events/examples/install.sh
	@$(MAKE) --no-print-directory $(VG_DIR)/aiops-agent $(VG_DIR)/integration-tests
	@sh scripts/valgrind.sh $(VG_DIR)

-include $(wildcard $(FUZZ_DIR)/*/*/*.d $(FUZZ_DIR)/*/*/*/*.d $(VG_DIR)/*/*/*.d $(VG_DIR)/*/*/*/*.d $(ASAN_DIR)/tests/fuzz/*.d)

-include $(REL_OBJS:.o=.d) $(ASAN_OBJS:.o=.d) $(SUPPORT_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(INTEG_OBJS:.o=.d)
