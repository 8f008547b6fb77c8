import FuzzSupport
import Logging
import Redaction
import RedactionLogging

// (c) The LogHandler's value redaction.
//
// The payload is split at 0xFE bytes into the fields of one log event: message, source, error
// text, a handler metadata value (set through `logger[metadataKey:]`), a provider value, a value
// the wrapped handler already held before it was wrapped, and three per-statement metadata
// entries (key, value) whose value kind the decision bytes choose (string, string-convertible,
// `.sensitive`, array, nested dictionary; plus an unplanted `.public` value). A canary is planted
// in the fields a decision mask selects. The event goes through a `RedactingLogHandler` (one of
// three redactors: the shared built-in one, a custom rule set in deny-by-default mode, a custom
// rule set scanning everything) into a capturing handler that merges handler, provider and event
// metadata as `StreamLogHandler` does. Invariants: nothing crashes; no planted canary reaches the
// wrapped handler, in any field, at any depth. Metadata keys are not redacted (as documented), so
// canaries are never planted in keys.

@_cdecl("FuzzLogRedactor_main")
func fuzzMain(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc: argc, argv: argv, fuzzOneInput)
}

/// The redactors under test, made once.
enum Redactors {
    static let custom = FuzzRuleSets.custom[1]  // "[REDACTED:{rule}]"
    static let all: [(LogRedactor, [Canary])] = [
        (LogRedactor.shared, Canary.builtin),
        (LogRedactor(ruleSet: custom, configuration: .init(mode: .denyByDefault(allowing: ["user", "path", "msg", "k1"]))),
         Canary.custom),
        (LogRedactor(ruleSet: custom, configuration: .init(sensitiveKeys: SensitiveKeys.default.adding(["ssn"]))),
         Canary.custom),
    ]
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: data, count: size)
    var input = FuzzInput(raw)
    let which = Int(input.byte()) % Redactors.all.count
    let plantMask = input.uint16()
    let canaryChoice = Int(input.byte())
    let offset = Int(input.uint16())
    let kinds = input.uint16()
    let (redactor, canaries) = Redactors.all[which]
    let candidate = canaries[canaryChoice % canaries.count]
    let canary: Canary? = ByteSearch.contains(Array(raw), candidate.secret) ? nil : candidate

    let pieces = input.pieces(12)
    var field = 0
    /// The next piece as text, with the canary planted when the mask selects this field.
    func text(_ piece: ArraySlice<UInt8>, planted: Bool = true) -> String {
        defer { field += 1 }
        guard planted, let canary, plantMask >> (field % 16) & 1 == 1 else { return String(decoding: piece, as: UTF8.self) }
        return String(decoding: canary.plant(in: piece, at: offset % (piece.count + 1)), as: UTF8.self)
    }
    let message = text(pieces[0])
    let source = text(pieces[1])
    let errorText = text(pieces[2])
    let handlerValue = text(pieces[3])
    let providerValue = text(pieces[4])
    let initialValue = text(pieces[5])
    var metadata: Logger.Metadata = [:]
    for entry in 0..<3 {
        let key = String(decoding: pieces[6 + 2 * entry], as: UTF8.self)
        let valueText = text(pieces[7 + 2 * entry])
        let kind = Int(kinds >> (entry * 3) & 7)
        metadata[key] = value(valueText, kind: kind, key: key)
    }
    metadata["public"] = .public(String(decoding: pieces[0].prefix(16), as: UTF8.self))

    let capture = Capture()
    var wrapped = CapturingHandler(capture: capture)
    wrapped.metadata = ["initial": .string(initialValue)]
    wrapped.metadataProvider = Logger.MetadataProvider { ["provided": .string(providerValue)] }
    var logger = Logger(label: "fuzz") { _ in RedactingLogHandler(wrapping: wrapped, redactor: redactor) }
    logger.logLevel = .trace
    logger[metadataKey: "handler"] = .string(handlerValue)
    logger.log(level: .info, "\(message)", error: UpstreamError(description: errorText), metadata: metadata, source: source)

    let direct = redactor.redact(message)
    if let canary {
        fuzzRequire(capture.events == 1, "the wrapped handler got \(capture.events) events for one log call")
        fuzzRequire(!ByteSearch.contains(capture.text, canary.secret),
                    "a planted canary reached the wrapped handler (plant mask \(plantMask), redactor \(which))")
        fuzzRequire(!ByteSearch.contains(Array(direct.utf8), canary.secret), "LogRedactor.redact(_:) let a planted canary through")
    }
    return 0
}

/// A metadata value of the kind `kind` holding `text`.
func value(_ text: String, kind: Int, key: String) -> Logger.MetadataValue {
    switch kind {
    case 0, 1: return .string(text)
    case 2: return .stringConvertible(Described(description: text))
    case 3: return .sensitive(text)
    case 4: return .array([.string("a"), .string(text), .array([.stringConvertible(Described(description: text))])])
    case 5: return .dictionary([key: .string(text), "nested": .dictionary(["inner": .string(text)])])
    case 6: return "\(text)"  // a string-interpolated value
    default: return .array([])
    }
}

/// A `CustomStringConvertible` value whose description is the fuzzed text.
struct Described: CustomStringConvertible, Sendable {
    var description: String
}

/// An error whose description carries whatever it is given.
struct UpstreamError: Error, CustomStringConvertible {
    var description: String
}

/// Everything the wrapped handler received, as bytes (keys, values at every depth, message,
/// source, error text).
final class Capture: @unchecked Sendable {
    // SAFETY: used from the fuzzing thread only (one log call per input, synchronous).
    var text: [UInt8] = []
    var events = 0

    func record(_ event: LogEvent, handlerMetadata: Logger.Metadata, provided: Logger.Metadata?) {
        events += 1
        append(event.message.description)
        append(event.source)
        if let error = event.error { append(String(describing: error)) }
        for metadata in [handlerMetadata, provided ?? [:], event.metadata ?? [:]] { append(metadata) }
    }

    private func append(_ string: String) {
        text += string.utf8
        text.append(0x0A)
    }

    private func append(_ metadata: Logger.Metadata) {
        for (key, value) in metadata {
            append(key)
            append(value)
        }
    }

    private func append(_ value: Logger.MetadataValue) {
        switch value {
        case .string(let string): append(string)
        case .stringConvertible(let convertible): append(convertible.description)
        case .array(let values): values.forEach(append)
        case .dictionary(let metadata): append(metadata)
        }
    }
}

/// The wrapped handler: records what it receives, merging metadata as `StreamLogHandler` does
/// (handler metadata, then the provider's, then the event's).
struct CapturingHandler: LogHandler {
    let capture: Capture
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        capture.record(event, handlerMetadata: metadata, provided: metadataProvider?.get())
    }
}
