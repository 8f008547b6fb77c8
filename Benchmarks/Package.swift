// swift-tools-version: 6.1
// Benchmarks for swift-redact, a separate package so the library does not depend on the benchmark
// tooling. Run with `cd Benchmarks && swift package benchmark`.
import PackageDescription

import struct Foundation.URL

/// The identity of the `.package(path: "../")` dependency is the name of the folder holding the
/// library (e.g. `main`), which depends on where it was cloned.
let library = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "swift-redact-benchmarks",
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "LogHandlerBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "RedactionLogging", package: library),
            ],
            path: "Benchmarks/LogHandlerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Redaction", package: library),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
