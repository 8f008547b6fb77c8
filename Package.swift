// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swift-redact",
    products: [
        .library(name: "Redaction", targets: ["Redaction"]),
        .library(name: "RedactionLogging", targets: ["RedactionLogging"]),
        .library(name: "RedactionFollow", targets: ["RedactionFollow"]),
        .executable(name: "redact", targets: ["redact"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // The keyword prefilter's multi-literal search kernel (C).
        .target(name: "CRedactScan"),
        // The rule-file TOML parser: internal to the package (not a product), `package` access.
        .target(
            name: "TOMLParser",
            swiftSettings: strictSettings
        ),
        .target(
            name: "Redaction",
            dependencies: [
                "CPCRE2",
                "CRedactScan",
                "TOMLParser",
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RedactionLogging",
            dependencies: [
                "Redaction",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RedactionFollow",
            dependencies: [
                "Redaction",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        // What the command runs besides argument parsing: the pipe, the mmexternal session, the
        // --check/--stats reports, rule and known-values files, the output sink, signals and stderr
        // (internal to the package: not a product, `package` access).
        .target(
            name: "RedactionPipelines",
            dependencies: [
                "Redaction",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "redact",
            dependencies: [
                "Redaction",
                "RedactionFollow",
                "RedactionPipelines",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        // Counts heap allocations by interposing malloc: linked only into loghandler-timing.
        .target(name: "CAllocationCounter"),
        // In-process A/B timing of RedactingLogHandler against StreamLogHandler, and of the first
        // use of LogRedactor.shared (`swift run -c release loghandler-timing`; Benchmarks/compare.py).
        .executableTarget(
            name: "loghandler-timing",
            dependencies: [
                "CAllocationCounter",
                "RedactionLogging",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedactionTests",
            // swift-crypto only to check the C SHA-256 / HMAC against it.
            dependencies: ["Redaction", "CRedactScan", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TOMLParserTests",
            dependencies: ["TOMLParser"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedactionLoggingTests",
            dependencies: [
                "RedactionLogging",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedactionFollowTests",
            dependencies: [
                "RedactionFollow",
                "Redaction",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RedactionPipelinesTests",
            dependencies: [
                "RedactionPipelines",
                "Redaction",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "redactTests",
            dependencies: ["redact"],
            swiftSettings: strictSettings
        ),
    ]
)
