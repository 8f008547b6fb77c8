# swift-redact: the two set-up commands (both install libpcre2-dev when it is missing).
#   make sample   build `redact` and redact the sample log with the built-in rule packs
#   make test     run the test suite (what CI runs)

.PHONY: deps sample test release embed bench

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
