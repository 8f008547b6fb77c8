import InMemoryLogging
import Logging
import RedactionLogging
import Testing

/// An engine error masks the whole value it happened in, is counted, and never reaches the
/// caller as a throw or a crash.
@Suite struct FailClosedTests {
    /// A PCRE2 match limit of 1 and a backtracking rule: any attempt fails with MATCHLIMIT. (The
    /// rule has no required literal, so PCRE2's start-up checks cannot reject a subject early.)
    static func failingRedactor(configuration: LogRedactor.Configuration = .init()) throws -> LogRedactor {
        var limits = MatchLimits()
        limits.matchLimit = 1
        let rule = RedactionRule(id: "backtracking", regex: "(?:canary-\\w+)+\\d", keywords: ["canary-"])
        let ruleSet = try CompiledRuleSet(rules: [rule], options: .init(limits: limits))
        return LogRedactor(ruleSet: ruleSet, configuration: configuration)
    }

    @Test func engineErrorMasksTheWholeValueAndIsCounted() throws {
        let redactor = try Self.failingRedactor()
        let memory = InMemoryLogHandler()
        let logger = Logger(label: "f") { _ in RedactingLogHandler(wrapping: memory, redactor: redactor) }
        logger.info("first line is fine\nsecond has canary-aaaaaaaaaaaaaaaaaaaa",
                    error: UpstreamError(description: "failed: canary-cccccccccccccccccccccc"), metadata: [
            "value": "prefix canary-aaaaaaaaaaaaaaaaaaaaaaaaaaaa suffix",
            "nested": ["ok", ["deep": "canary-bbbbbbbbbbbbbbbbbbbbbbbbbb"]],
            "clean": "no keyword here",
        ])

        let entry = try #require(memory.entries.first)
        // The whole message, not only the failing line.
        #expect(entry.message == "[REDACTED:engine-error]")
        #expect(entry.metadata["value"] == "[REDACTED:engine-error]")
        #expect(entry.metadata["nested"] == ["ok", ["deep": "[REDACTED:engine-error]"]])
        #expect(entry.metadata["clean"] == "no keyword here")
        #expect((entry.error as? RedactedError)?.description == "[REDACTED:engine-error]")
        #expect(redactor.counters.engineErrors == 4)
        #expect(redactor.counters.snapshot.eventsRedacted == 1)
    }

    @Test func theMarkerIsConfigurable() throws {
        let redactor = try Self.failingRedactor(configuration: .init(engineErrorMarker: "<<masked>>"))
        #expect(redactor.redact("x canary-dddddddddddddddddddd") == "<<masked>>")
        #expect(redactor.redact("nothing") == "nothing")
    }

    @Test func providerAndHandlerMetadataFailClosedToo() throws {
        let redactor = try Self.failingRedactor()
        var memory = InMemoryLogHandler()
        memory.metadataProvider = Logger.MetadataProvider { ["p": "canary-eeeeeeeeeeeeeeeeeeeeeeee"] }
        var logger = Logger(label: "f") { _ in RedactingLogHandler(wrapping: memory, redactor: redactor) }
        logger[metadataKey: "h"] = "canary-ffffffffffffffffffffffff"
        logger.info("m")
        #expect(memory.entries.first?.metadata == ["p": "[REDACTED:engine-error]", "h": "[REDACTED:engine-error]"])
        #expect(redactor.counters.engineErrors == 2)
    }
}
