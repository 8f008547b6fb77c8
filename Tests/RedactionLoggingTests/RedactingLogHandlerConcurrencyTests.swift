import Dispatch
import Foundation
import Logging
import RedactionLogging
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// L2: many threads log events with canaries in every field into ONE shared destination (a
/// `StreamLogHandler` over a locked collector). Pass: 0 canaries out, exactly one whole line per
/// event, none torn, none lost or duplicated.
///
/// Full size (8 threads x 20,000 events = 160,000 events) by default: about 30 s in a debug build
/// on 2 cores. `REDACT_STRESS=0` runs 8 x 2,000 for a quick local loop. Under TSan:
/// `swift test --sanitize=thread --filter RedactingLogHandlerConcurrencyTests`.
@Suite struct RedactingLogHandlerConcurrencyTests {
    static let threads = 8
    static let eventsPerThread = ProcessInfo.processInfo.environment["REDACT_STRESS"] == "0" ? 2_000 : 20_000

    /// Builds the one logger every thread copies: provider, handler metadata and sensitive keys
    /// all carry secrets.
    static func makeLogger(into collector: LineCollector) throws -> Logger {
        let redactor = try Fixtures.redactor()
        let provider = Logger.MetadataProvider { ["provided": "p-\(Fixtures.canary(1_000_001))"] }
        let stream = StreamLogHandler(label: "stress", stream: CollectingStream(collector: collector),
                                      metadataProvider: provider)
        var logger = Logger(label: "stress") { _ in RedactingLogHandler(wrapping: stream, redactor: redactor) }
        logger[metadataKey: "h"] = "\(Fixtures.canary(1_000_002))"
        return logger
    }

    static func logOne(_ logger: Logger, thread: Int, sequence: Int) {
        let base = (thread * 1_000_000 + sequence) * 8
        logger.error(
            "m t=\(thread) n=\(sequence) \(Fixtures.canary(base)) end",
            error: UpstreamError(description: "failed \(Fixtures.canary(base + 1))"),
            metadata: [
                "s": "\(Fixtures.canary(base + 2))",
                "a": ["x \(Fixtures.canary(base + 3))"],
                "d": ["inner": "\(Fixtures.canary(base + 4))"],
                "password": "hunter2-\(sequence)",
                "sens": "\("SENSITIVE-\(sequence)", sensitivity: .sensitive)",
            ],
            source: "src-\(Fixtures.canary(base + 5))"
        )
    }

    /// What every line must hold, in StreamLogHandler's sorted-metadata order.
    static let expectedMiddle = Array(
        #"stress: a=["x ***"] d=["inner": "***"] error.message=failed *** error.type=RedactionLogging.RedactedError h=*** password=*** provided=p-*** s=*** sens=*** [src-***] m t="#
            .utf8)

    /// Checks the collected output; returns the number of good lines.
    static func verify(_ output: [UInt8], threads: Int, events: Int) -> Int {
        for needle in ["CANARY", "SENSITIVE-", "hunter2"] {
            #expect(find(needle, in: output[...]) == nil, "leak: \(needle)")
        }
        var seen = Array(repeating: [Bool](repeating: false, count: events), count: threads)
        var good = 0
        var lines = 0
        for line in output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            lines += 1
            guard let (thread, sequence) = parse(line), thread < threads, sequence < events,
                  !seen[thread][sequence]
            else {
                Issue.record("torn, foreign or duplicated line: \(String(decoding: line.prefix(300), as: UTF8.self))")
                continue
            }
            seen[thread][sequence] = true
            good += 1
        }
        #expect(output.last == UInt8(ascii: "\n"))
        #expect(lines == threads * events)
        #expect(good == threads * events)
        return good
    }

    /// `<timestamp> error stress: ... m t=<t> n=<n> *** end` -> (t, n).
    static func parse(_ line: ArraySlice<UInt8>) -> (Int, Int)? {
        guard let middle = find(expectedMiddle, in: line), line.first != UInt8(ascii: " ") else { return nil }
        let prefix = line[line.startIndex..<middle]
        guard prefix.count > 7, prefix.suffix(7).elementsEqual(" error ".utf8) else { return nil }
        let rest = String(decoding: line[(middle + expectedMiddle.count)...], as: UTF8.self)
        let parts = rest.split(separator: " ")
        guard parts.count == 4, parts[1].hasPrefix("n="), parts[2] == "***", parts[3] == "end",
              let thread = Int(parts[0]), let sequence = Int(parts[1].dropFirst(2))
        else { return nil }
        return (thread, sequence)
    }

    static func find(_ needle: String, in haystack: ArraySlice<UInt8>) -> Int? {
        find(Array(needle.utf8), in: haystack)
    }

    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        // memchr for the first byte, memcmp for the rest (fast even in debug builds).
        guard let first = needle.first else { return haystack.startIndex }
        return haystack.withUnsafeBytes { hay -> Int? in
            needle.withUnsafeBytes { pin -> Int? in
                guard let base = hay.baseAddress, hay.count >= pin.count else { return nil }
                var offset = 0
                while offset + pin.count <= hay.count {
                    guard let hit = memchr(base + offset, Int32(first), hay.count - pin.count - offset + 1) else { return nil }
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position, pin.baseAddress!, pin.count) == 0 { return haystack.startIndex + position }
                    offset = position + 1
                }
                return nil
            }
        }
    }

    @Test func threadsIntoOneDestination() throws {
        let collector = LineCollector()
        let logger = try Self.makeLogger(into: collector)
        let group = DispatchGroup()
        for thread in 0..<Self.threads {
            group.enter()
            let worker = Thread {
                let mine = logger  // each thread its own copy (value semantics)
                for sequence in 0..<Self.eventsPerThread {
                    Self.logOne(mine, thread: thread, sequence: sequence)
                }
                group.leave()
            }
            worker.start()
        }
        group.wait()
        let good = Self.verify(collector.output, threads: Self.threads, events: Self.eventsPerThread)
        #expect(good == Self.threads * Self.eventsPerThread)
    }

    @Test func taskGroupIntoOneDestination() async throws {
        let collector = LineCollector()
        let logger = try Self.makeLogger(into: collector)
        let tasks = 1_000
        let events = 10
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for sequence in 0..<events { Self.logOne(logger, thread: task, sequence: sequence) }
                }
            }
        }
        _ = Self.verify(collector.output, threads: tasks, events: events)
    }
}
