import Benchmark
import Logging
import RedactionLogging

/// A `/dev/null`-like destination: StreamLogHandler formats the whole line, the stream drops it.
struct NullStream: TextOutputStream, Sendable {
    mutating func write(_ string: String) { blackHole(string) }
}

/// 120 bytes, a typical service log message with nothing to redact.
let cleanMessage: Logger.Message =
    "GET /api/v1/orders/8c1e2a43 completed with status 200 in 12.4 ms for tenant acme-eu-west after 1 retry on pool blue-east"
/// 4 metadata values, nothing to redact.
let cleanMetadata: Logger.Metadata = [
    "user": "42",
    "request_id": "req-5f2a9c1e7b",
    "path": "/api/v1/orders",
    "status": "200",
]
/// The same shape with a secret in the message and under a sensitive key.
let dirtyMessage: Logger.Message =
    "GET /api/v1/orders/8c1e2a43 failed: upstream rejected key CANARY-ABCDEF123456 for tenant acme-eu-west after 1 retry, 401"
let dirtyMetadata: Logger.Metadata = [
    "user": "42",
    "request_id": "req-5f2a9c1e7b",
    "authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl",
    "status": "401",
]

let canaryRule = RedactionRule(id: "canary", regex: "CANARY-[A-Z0-9]{12}", keywords: ["canary-"])

func streamHandler(_ label: String) -> StreamLogHandler {
    StreamLogHandler(label: label, stream: NullStream(), metadataProvider: nil)
}

let benchmarks: @Sendable () -> Void = {
    precondition(cleanMessage.description.utf8.count == 120 && dirtyMessage.description.utf8.count == 120)
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .instructions, .mallocCountTotal],
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    let plain = Logger(label: "bench") { streamHandler($0) }
    let redacting = Logger(label: "bench") { RedactingLogHandler(wrapping: streamHandler($0)) }
    // The built-in rules plus the canary rule, for the event with secrets.
    let withCanary = try! LogRedactor(rules: [canaryRule])
    let redactingDirty = Logger(label: "bench") { RedactingLogHandler(wrapping: streamHandler($0), redactor: withCanary) }
    precondition((LogRedactor.shared.ruleSet?.count ?? 0) > 0, "the built-in rules did not load")

    // What the harness itself costs per sample (subtract it from the others).
    Benchmark("Baseline: empty loop") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(cleanMessage)
        }
    }

    Benchmark("StreamLogHandler unwrapped, clean event") { benchmark in
        for _ in benchmark.scaledIterations {
            plain.info(cleanMessage, metadata: cleanMetadata)
        }
    }

    Benchmark("RedactingLogHandler(StreamLogHandler), clean event") { benchmark in
        for _ in benchmark.scaledIterations {
            redacting.info(cleanMessage, metadata: cleanMetadata)
        }
    }

    Benchmark("StreamLogHandler unwrapped, event with secrets") { benchmark in
        for _ in benchmark.scaledIterations {
            plain.info(dirtyMessage, metadata: dirtyMetadata)
        }
    }

    Benchmark("RedactingLogHandler(StreamLogHandler), event with secrets") { benchmark in
        for _ in benchmark.scaledIterations {
            redactingDirty.info(dirtyMessage, metadata: dirtyMetadata)
        }
    }

    // The redaction step alone (no formatting, no output).
    Benchmark("LogRedactor.redact(event), clean event") { benchmark in
        let event = LogEvent(level: .info, message: cleanMessage, metadata: cleanMetadata, source: "bench",
                             file: #fileID, function: #function, line: #line)
        for _ in benchmark.scaledIterations {
            var copy = event
            LogRedactor.shared.redact(&copy)
            blackHole(copy)
        }
    }
}
