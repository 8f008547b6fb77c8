/// How lines are handled around the rule matching itself. Shared by ``StreamRedactor`` and the
/// one-shot ``CompiledRuleSet/redact(_:scratch:into:)``.
public struct RedactionConfiguration: Sendable, Hashable {
    /// Lines whose content is longer than this are replaced by ``lineTooLongMarker`` (fail closed)
    /// and never held in memory whole. Default 1 MiB.
    public var maxLineBytes: Int = 1 << 20
    /// Bytes requested per read. Default 64 KiB.
    public var readSize: Int = 64 * 1024
    public var onError: EngineErrorPolicy = .mask
    /// How lines are read as records (JSON, Docker, journald) before scanning. Default `.auto`.
    public var recordFormat: RecordFormat = .auto
    /// Looks at every line with its own keyword search instead of searching the buffer once and
    /// skipping lines without keywords. Same output, slower: for differential tests.
    var scansEveryLine = false
    /// Replaces the content of a line longer than ``maxLineBytes``.
    public var lineTooLongMarker: String = "[REDACTED:line-too-long]" {
        didSet { lineTooLongMarkerBytes = Array(lineTooLongMarker.utf8) }
    }
    /// Replaces the content of a line the engine failed on (``EngineErrorPolicy/mask``).
    public var engineErrorMarker: String = "[REDACTED:engine-error]" {
        didSet { engineErrorMarkerBytes = Array(engineErrorMarker.utf8) }
    }
    // Shared default storage: creating a configuration allocates nothing.
    private(set) var lineTooLongMarkerBytes: [UInt8] = RedactionConfiguration.defaultLineTooLongMarker
    private(set) var engineErrorMarkerBytes: [UInt8] = RedactionConfiguration.defaultEngineErrorMarker
    private static let defaultLineTooLongMarker = Array("[REDACTED:line-too-long]".utf8)
    private static let defaultEngineErrorMarker = Array("[REDACTED:engine-error]".utf8)

    public init(maxLineBytes: Int = 1 << 20, readSize: Int = 64 * 1024, onError: EngineErrorPolicy = .mask) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.readSize = max(1, readSize)
        self.onError = onError
    }
}
