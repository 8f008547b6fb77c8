// In-process A/B timing of `RedactingLogHandler(wrapping: StreamLogHandler)` against the bare
// `StreamLogHandler`, and of the first use of `LogRedactor.shared` (issue 10, items 3 and 5).
//
//     swift run -c release loghandler-timing            # human-readable
//     swift run -c release loghandler-timing --json     # one JSON object (Benchmarks/compare.py)
//
// Both handlers write to a stream that drops the text (StreamLogHandler still formats the whole
// line: timestamp, level, metadata, source). The two sides run interleaved in rounds (A then B,
// then B then A, ...) so that load from other processes hits both alike; per round the thread's
// CPU time (CLOCK_THREAD_CPUTIME_ID) and the wall time are taken, and the ratio is the median of
// the per-round ratios. Heap allocations are counted by interposing malloc (CAllocationCounter),
// so this executable must stay an executable: never link that target into a library.

import CAllocationCounter
import Logging
import RedactionLogging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `/dev/null`-like destination: StreamLogHandler formats the whole line, the stream drops it.
struct NullStream: TextOutputStream, Sendable {
    mutating func write(_ string: String) { consume(string.utf8.count) }
}

@inline(never)
func consume(_ value: Int) {
    sink &+= value
}

nonisolated(unsafe) var sink = 0

/// 120 bytes, a typical service log message with nothing to redact (as in the package-benchmark suite).
let cleanMessage: Logger.Message =
    "GET /api/v1/orders/8c1e2a43 completed with status 200 in 12.4 ms for tenant acme-eu-west after 1 retry on pool blue-east"
/// 4 metadata values, nothing to redact.
let cleanMetadata: Logger.Metadata = [
    "user": "42",
    "request_id": "req-5f2a9c1e7b",
    "path": "/api/v1/orders",
    "status": "200",
]
/// The same shape with a secret in the message and a bearer token under a sensitive key.
let dirtyMessage: Logger.Message =
    "GET /api/v1/orders/8c1e2a43 failed: upstream rejected ghp_Xk2Lm9Qp4Rs7Tv1Wy3Za5Bc8De0Fg6Hj2Kn4 for tenant acme, 401"
let dirtyMetadata: Logger.Metadata = [
    "user": "42",
    "request_id": "req-5f2a9c1e7b",
    "authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl",
    "status": "401",
]

func nanoseconds(_ clock: clockid_t) -> UInt64 {
    var spec = timespec()
    clock_gettime(clock, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

func milliseconds(_ ns: UInt64) -> Double { Double(ns) / 1e6 }

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

let json = CommandLine.arguments.contains("--json")
let eventsPerSide = 100_000
let roundSize = 1_000

// 1. The first use of the shared redactor (compiles the built-in rule set) and the first event.
// Wall time, and the thread's CPU time (less disturbed by other work on a loaded machine).
let firstUseStart = nanoseconds(CLOCK_MONOTONIC)
let firstUseStartCPU = nanoseconds(CLOCK_THREAD_CPUTIME_ID)
let firstHandler = RedactingLogHandler(wrapping: StreamLogHandler(label: "first", stream: NullStream()))
let firstUseEnd = nanoseconds(CLOCK_MONOTONIC)
let firstUseEndCPU = nanoseconds(CLOCK_THREAD_CPUTIME_ID)
let firstLogger = Logger(label: "first") { _ in firstHandler }
firstLogger.info(cleanMessage, metadata: cleanMetadata)
let firstCleanEnd = nanoseconds(CLOCK_MONOTONIC)
let firstCleanEndCPU = nanoseconds(CLOCK_THREAD_CPUTIME_ID)
firstLogger.info(dirtyMessage, metadata: dirtyMetadata)
let firstDirtyEnd = nanoseconds(CLOCK_MONOTONIC)
precondition((LogRedactor.shared.ruleSet?.count ?? 0) > 0, "the built-in rules did not load")

// 2. Interleaved A/B.
let plain = Logger(label: "bench") { StreamLogHandler(label: $0, stream: NullStream()) }
let redacting = Logger(label: "bench") { RedactingLogHandler(wrapping: StreamLogHandler(label: $0, stream: NullStream())) }

struct Side {
    var cpu: [Double] = []
    var wall: [Double] = []
    var allocations: UInt64 = 0
    var events = 0
}

@inline(never)
func run(_ logger: Logger, _ message: Logger.Message, _ metadata: Logger.Metadata, count: Int, into side: inout Side) {
    let allocationsBefore = allocation_counter_total()
    let cpuBefore = nanoseconds(CLOCK_THREAD_CPUTIME_ID)
    let wallBefore = nanoseconds(CLOCK_MONOTONIC)
    for _ in 0..<count {
        logger.info(message, metadata: metadata)
    }
    let wallAfter = nanoseconds(CLOCK_MONOTONIC)
    let cpuAfter = nanoseconds(CLOCK_THREAD_CPUTIME_ID)
    side.allocations += allocation_counter_total() - allocationsBefore
    side.cpu.append(Double(cpuAfter - cpuBefore) / Double(count))
    side.wall.append(Double(wallAfter - wallBefore) / Double(count))
    side.events += count
}

struct Comparison {
    var plain = Side()
    var redacting = Side()

    /// Median over rounds of redacting/plain, by thread CPU time and by wall time.
    var cpuRatio: Double { median(zip(redacting.cpu, plain.cpu).map { $0 / $1 }) }
    var wallRatio: Double { median(zip(redacting.wall, plain.wall).map { $0 / $1 }) }
    var extraAllocationsPerEvent: Double {
        (Double(redacting.allocations) - Double(plain.allocations)) / Double(max(1, redacting.events))
    }
}

func compare(_ message: Logger.Message, _ metadata: Logger.Metadata) -> Comparison {
    var result = Comparison()
    // Warm-up: caches, lazily compiled patterns, the scratch pool.
    var warm = Side()
    run(plain, message, metadata, count: roundSize, into: &warm)
    run(redacting, message, metadata, count: roundSize, into: &warm)
    for round in 0..<(eventsPerSide / roundSize) {
        if round % 2 == 0 {
            run(plain, message, metadata, count: roundSize, into: &result.plain)
            run(redacting, message, metadata, count: roundSize, into: &result.redacting)
        } else {
            run(redacting, message, metadata, count: roundSize, into: &result.redacting)
            run(plain, message, metadata, count: roundSize, into: &result.plain)
        }
    }
    return result
}

// `--profile N`: only N clean events through the redacting handler (for callgrind), no report.
if let flag = CommandLine.arguments.firstIndex(of: "--profile"), flag + 1 < CommandLine.arguments.count,
   let count = Int(CommandLine.arguments[flag + 1]) {
    var side = Side()
    run(redacting, cleanMessage, cleanMetadata, count: count, into: &side)
    exit(0)
}

let clean = compare(cleanMessage, cleanMetadata)
let dirty = compare(dirtyMessage, dirtyMetadata)

if json {
    func side(_ s: Side) -> String {
        "{\"cpuNs\": \(median(s.cpu)), \"wallNs\": \(median(s.wall)), \"allocationsPerEvent\": "
            + "\(Double(s.allocations) / Double(max(1, s.events))), \"events\": \(s.events)}"
    }
    func comparison(_ c: Comparison) -> String {
        "{\"plain\": \(side(c.plain)), \"redacting\": \(side(c.redacting)), \"cpuRatio\": \(c.cpuRatio), "
            + "\"wallRatio\": \(c.wallRatio), \"extraAllocationsPerEvent\": \(c.extraAllocationsPerEvent)}"
    }
    print("{\"allocationCounting\": \(allocation_counter_is_active() != 0), "
        + "\"firstUseMs\": \(milliseconds(firstUseEnd - firstUseStart)), "
        + "\"firstCleanEventMs\": \(milliseconds(firstCleanEnd - firstUseEnd)), "
        + "\"firstDirtyEventMs\": \(milliseconds(firstDirtyEnd - firstCleanEnd)), "
        + "\"firstUseCpuMs\": \(milliseconds(firstUseEndCPU - firstUseStartCPU)), "
        + "\"firstCleanEventCpuMs\": \(milliseconds(firstCleanEndCPU - firstUseEndCPU)), "
        + "\"clean\": \(comparison(clean)), \"dirty\": \(comparison(dirty))}")
} else {
    func fmt(_ value: Double, _ digits: Int = 2) -> String {
        let scale = pow(10.0, Double(digits))
        return "\((value * scale).rounded() / scale)"
    }
    print("first use of LogRedactor.shared (built-in rules compiled): \(fmt(milliseconds(firstUseEnd - firstUseStart))) ms wall, "
        + "\(fmt(milliseconds(firstUseEndCPU - firstUseStartCPU))) ms CPU")
    print("first log call, clean event: \(fmt(milliseconds(firstCleanEnd - firstUseEnd))) ms; "
        + "first event with secrets: \(fmt(milliseconds(firstDirtyEnd - firstCleanEnd))) ms")
    for (name, c) in [("clean event", clean), ("event with secrets", dirty)] {
        print("\(name), \(c.plain.events) events per side in rounds of \(roundSize), interleaved:")
        print("  StreamLogHandler:                      \(fmt(median(c.plain.cpu), 0)) ns CPU, "
            + "\(fmt(median(c.plain.wall), 0)) ns wall per event (median of rounds)")
        print("  RedactingLogHandler(StreamLogHandler): \(fmt(median(c.redacting.cpu), 0)) ns CPU, "
            + "\(fmt(median(c.redacting.wall), 0)) ns wall per event")
        print("  ratio: \(fmt(c.cpuRatio, 3))x by CPU time, \(fmt(c.wallRatio, 3))x by wall time; extra allocations per event: "
            + (allocation_counter_is_active() != 0 ? fmt(c.extraAllocationsPerEvent, 3) : "not counted (no glibc)"))
    }
}
