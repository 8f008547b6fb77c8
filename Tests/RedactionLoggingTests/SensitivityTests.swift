import InMemoryLogging
import Logging
import RedactionLogging
import Testing

/// The SLG-0004 `Sensitivity` attribute: sensitive is always masked, public passes unscanned,
/// anything else is scanned; a reason to mask wins over public.
@Suite struct SensitivityTests {
    let redactor: LogRedactor
    let memory = InMemoryLogHandler()
    let secret = Fixtures.canary(11)

    init() throws {
        redactor = try Fixtures.redactor()
    }

    /// Logs `metadata` and returns what reached the wrapped handler. Masked values that carried
    /// attributes keep them (`.stringConvertible`), so compare them by text.
    private func log(_ metadata: Logger.Metadata) -> Logger.Metadata {
        let logger = Logger(label: "s") { [memory, redactor] _ in RedactingLogHandler(wrapping: memory, redactor: redactor) }
        logger.info("m", metadata: metadata)
        return memory.entries.last?.metadata ?? [:]
    }

    @Test func interpolationSetsTheAttribute() {
        let sensitive: Logger.MetadataValue = "user \("alice@example.com", sensitivity: .sensitive)"
        let visible: Logger.MetadataValue = "\("free", sensitivity: .public)"
        let plain: Logger.MetadataValue = "\("x")"
        #expect(sensitive.sensitivity == .sensitive)
        #expect(sensitive.description == "user alice@example.com")
        #expect(visible.sensitivity == .public)
        #expect(plain.sensitivity == nil)
        #expect(Logger.MetadataValue.sensitive("a").sensitivity == .sensitive)
        #expect(Logger.MetadataValue.public("a").sensitivity == .public)
    }

    @Test func sensitiveWinsWhenSegmentsDisagree() {
        let mixed: Logger.MetadataValue = "\("a", sensitivity: .sensitive) \("b", sensitivity: .public)"
        let reversed: Logger.MetadataValue = "\("a", sensitivity: .public) \("b", sensitivity: .sensitive)"
        #expect(mixed.sensitivity == .sensitive)
        #expect(reversed.sensitivity == .sensitive)
    }

    @Test func sensitiveValuesAreAlwaysMasked() {
        let metadata = log([
            "email": "\("alice@example.com", sensitivity: .sensitive)",
            "card": .sensitive(4_111_111_111_111_111),
            "list": [.sensitive("inside an array"), "plain"],
            "nested": ["deep": .sensitive("inside a dictionary")],
        ])
        #expect(metadata["email"]?.description == "***")
        #expect(metadata["card"]?.description == "***")
        #expect(metadata["list"]?.description == #"["***", "plain"]"#)
        #expect(metadata["nested"]?.description == #"["deep": "***"]"#)
        #expect(redactor.counters.snapshot.maskedBySensitivity == 4)
        // The attribute travels on, for handlers further down a chain.
        #expect(metadata["email"]?.sensitivity == .sensitive)
    }

    @Test func publicValuesPassWithoutScanning() {
        let metadata = log(["id": "\(secret, sensitivity: .public)", "scanned": "\(secret)"])
        #expect(metadata["id"]?.description == secret)
        #expect(metadata["scanned"] == "***")
    }

    @Test func attributedValuesWithoutSensitivityAreScanned() {
        enum Priority: Int64, Logger.MetadataValueAttributes.Attribute { case high = 1 }
        let value: Logger.MetadataValue = "\(secret, attributes: [Priority.high])"
        let metadata = log(["v": value])
        #expect(metadata["v"]?.description == "***")
        // Other attributes are kept on the redacted value.
        #expect(metadata["v"]?.attributes[Priority.self] == .high)
    }

    @Test func aReasonToMaskWinsOverPublic() throws {
        #expect(log(["password": .public("hunter2")])["password"]?.description == "***")
        let deny = try Fixtures.redactor(configuration: .init(mode: .denyByDefault(allowing: ["user"])))
        let memory = InMemoryLogHandler()
        Logger(label: "d") { _ in RedactingLogHandler(wrapping: memory, redactor: deny) }
            .info("m", metadata: ["other": .public("x")])
        #expect(memory.entries.first?.metadata["other"]?.description == "***")
    }
}
