import Logging
import RedactionLogging
import Testing

/// The clean-event fast path of ``LogRedactor/redact(_:)`` (one keyword search over every text of
/// an event under one lock): it must let through exactly the events the full path leaves
/// unchanged. Each event below has one reason to change, in a different place; each must change.
@Suite struct CleanEventTests {
    static func event(_ message: Logger.Message, metadata: Logger.Metadata? = nil, error: (any Error)? = nil,
                      source: String? = "billing") -> LogEvent {
        LogEvent(level: .info, message: message, error: error, metadata: metadata, source: source,
                 file: "Billing/Invoice.swift", function: "run()", line: 7)
    }

    static let cleanMetadata: Logger.Metadata = [
        "user": "42", "path": "/api/v1/orders", "nested": ["list": ["a", "b"], "inner": "x"], "status": "200",
    ]

    @Test func aCleanEventPassesAsIsAndKeepsItsSource() throws {
        let redactor = try Fixtures.redactor()
        var event = Self.event("GET /api/v1/orders completed", metadata: Self.cleanMetadata, source: nil)
        redactor.redact(&event)
        #expect(event.message.description == "GET /api/v1/orders completed")
        #expect(event.metadata == Self.cleanMetadata)
        #expect(event.source == "Billing")  // derived from the file ID, as swift-log does
        #expect(redactor.counters.snapshot.eventsRedacted == 0)
    }

    /// One reason to change per event: a secret in the message, in a nested value, in an array,
    /// in the source; a sensitive key at the top or nested; a value marked sensitive; an error.
    @Test func anEventWithOneReasonToChangeIsRedacted() throws {
        let secret = Fixtures.canary(7)
        let marked: Logger.MetadataValue = "\(secret, sensitivity: .sensitive)"
        let cases: [(String, LogEvent)] = [
            ("message", Self.event("charge \(secret)", metadata: Self.cleanMetadata)),
            ("nested value", Self.event("ok", metadata: ["outer": ["inner": .string("v \(secret)")]])),
            ("array element", Self.event("ok", metadata: ["list": ["a", .string(secret)]])),
            ("source", Self.event("ok", metadata: Self.cleanMetadata, source: "job-\(secret)")),
            ("sensitive key", Self.event("ok", metadata: ["password": "plain-words"])),
            ("nested sensitive key", Self.event("ok", metadata: ["db": ["password": "plain-words"]])),
            ("sensitive value", Self.event("ok", metadata: ["note": marked])),
            ("error", Self.event("ok", error: UpstreamError(description: "upstream said \(secret)"))),
        ]
        for (reason, original) in cases {
            let redactor = try Fixtures.redactor()
            var event = original
            redactor.redact(&event)
            #expect(redactor.counters.snapshot.eventsRedacted == 1, "\(reason)")
            let texts = [event.message.description, event.source, String(describing: event.metadata ?? [:]),
                         event.error.map { String(describing: $0) } ?? ""]
            #expect(!texts.contains { $0.contains(secret) || $0.contains("plain-words") }, "\(reason): \(texts)")
        }
    }

    /// Deny-by-default mode: a top-level key not allowed is masked, so the event is not clean.
    @Test func aKeyNotAllowedIsMasked() throws {
        let redactor = try Fixtures.redactor(configuration: .init(mode: .denyByDefault(allowing: ["user"])))
        var event = Self.event("ok", metadata: ["user": "42", "plan": "gold"])
        redactor.redact(&event)
        #expect(event.metadata?["user"] == "42")
        #expect(event.metadata?["plan"] != "gold")
    }

    /// A value remembered from an earlier event (an echo) makes a later event unclean.
    @Test func aRememberedValueMakesALaterEventUnclean() throws {
        let redactor = try Fixtures.redactor()
        var first = Self.event("x", metadata: ["password": "s3cr3t-Passw0rd"])
        redactor.redact(&first)
        var later = Self.event("retry with s3cr3t-Passw0rd", metadata: Self.cleanMetadata)
        redactor.redact(&later)
        #expect(!later.message.description.contains("s3cr3t-Passw0rd"))
    }
}
