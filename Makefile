# swift-redact: the two set-up commands (both install libpcre2-dev when it is missing).
#   make sample   build `redact` and redact the sample log with the built-in rule packs
#   make test     run the test suite (what CI runs)
#   make fuzz     build the libFuzzer targets (FuzzTesting/) and run each for FUZZ_SECONDS
#   make sanitize the test suite under ASan + UBSan, and the concurrency tests under TSan

.PHONY: deps sample test release embed bench fuzz sanitize

deps:
	@.ci/deps

sample: deps
	swift build -c release --product redact
	.build/release/redact --stats Tests/Fixtures/sample.log

test: deps
	swift test

release: deps
	swift build -c release --product redact

# Regenerate the embedded copy of Patterns/*.toml after editing a pack.
embed:
	.ci/embed-patterns

# Side-by-side throughput against ripgrep, sed and perl (see Benchmarks/README.md).
bench: deps
	Benchmarks/compare.py

# libFuzzer targets, a separate package (FuzzTesting/) so the normal build never needs the
# sanitizer runtime. Runs each target for FUZZ_SECONDS seconds; fails on any finding (crash,
# broken invariant, sanitizer or leak report, an input slower than FUZZ_TIMEOUT seconds).
#   make fuzz FUZZ_SECONDS=600
#   make fuzz FUZZ_TARGETS=FuzzRuleLoader
# (d) reserved: add FuzzRecordDecoder here when the record decoders land (see FuzzTesting/README.md).
FUZZ_SECONDS ?= 30
FUZZ_TIMEOUT ?= 10
FUZZ_TARGETS ?= FuzzStreamRedactor FuzzRuleLoader FuzzLogRedactor
fuzz: deps
	FuzzTesting/run-fuzzers --seconds $(FUZZ_SECONDS) --timeout $(FUZZ_TIMEOUT) $(FUZZ_TARGETS)

# The test suite under AddressSanitizer (Swift and C) + UndefinedBehaviorSanitizer (C: Swift has
# no -sanitize=undefined on Linux; its own arithmetic and bounds are always checked), then the
# LogHandler concurrency suite under ThreadSanitizer. Separate scratch paths: the normal .build
# is untouched.
SANITIZE_ASAN_OPTIONS ?= detect_leaks=1:halt_on_error=1
sanitize: deps
	ASAN_OPTIONS=$(SANITIZE_ASAN_OPTIONS) UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		swift test --scratch-path .build-asan --sanitize=address \
		-Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
	TSAN_OPTIONS=halt_on_error=1 \
		swift test --scratch-path .build-tsan --sanitize=thread --filter RedactingLogHandlerConcurrencyTests
