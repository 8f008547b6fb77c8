// swift-tools-version: 6.1
// libFuzzer targets for swift-redact. A separate package (depending on the main one by path) so
// the normal build and `make test` never need the sanitizer runtime. Build and run with
// `make fuzz FUZZ_SECONDS=N` (see FuzzTesting/README.md); do not build it with a plain `swift build`:
// the targets only link with `-sanitize=fuzzer` (they have no `main` of their own).
import PackageDescription

let package = Package(
    name: "swift-redact-fuzz",
    dependencies: [
        .package(name: "swift-redact", path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Shared pieces: the libFuzzer driver entry, canaries, sinks, the chunk schedule.
        .target(name: "FuzzSupport", dependencies: [.product(name: "Redaction", package: "swift-redact")]),
        // (a) The stream redactor, differential: whole vs chunked, line count, idempotence, canaries.
        .executableTarget(name: "FuzzStreamRedactor", dependencies: [
            "FuzzSupport", .product(name: "Redaction", package: "swift-redact"),
        ]),
        // (b) The rule loader: any bytes -> RulePack.parse -> RuleSetBuilder.add + build.
        .executableTarget(name: "FuzzRuleLoader", dependencies: [
            "FuzzSupport", .product(name: "Redaction", package: "swift-redact"),
        ]),
        // (c) The LogHandler's value redaction: a canary in any redacted field never reaches the
        // wrapped handler.
        .executableTarget(name: "FuzzLogRedactor", dependencies: [
            "FuzzSupport",
            .product(name: "Redaction", package: "swift-redact"),
            .product(name: "RedactionLogging", package: "swift-redact"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // (d) The record layer (RedactionConfiguration.recordFormat: JSON, Docker, journald and CRI
        // records) and its JSON string codec.
        .executableTarget(name: "FuzzRecordDecoder", dependencies: [
            "FuzzSupport", .product(name: "Redaction", package: "swift-redact"),
        ]),
    ]
)
