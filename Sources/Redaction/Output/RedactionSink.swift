/// Receives redacted output, pushed by ``StreamRedactor`` (ripgrep's "push" model).
///
/// The redactor calls ``write(_:)`` with slices of its input buffer (unchanged bytes) and with
/// replacement bytes, in output order. Clean input arrives in as few calls as possible (one per
/// processed buffer), so a sink may write large slices straight to a descriptor.
///
/// A sink that throws stops the redactor: the error propagates out of the redactor's call and no
/// further output is produced for that call (for example, EPIPE on stdout).
public protocol RedactionSink {
    /// Consumes output bytes.
    /// - Warning: Do not escape the pointer from the call for later use; it points into a buffer
    ///   the redactor reuses.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws

    /// Whether ``record(_:)`` should be called. When false, the redactor skips building findings.
    var wantsFindings: Bool { get }

    /// Called once per masked region, after its replacement was written. A finding never carries
    /// the secret.
    mutating func record(_ finding: RedactionFinding) throws
}

extension RedactionSink {
    public var wantsFindings: Bool { false }
    public mutating func record(_ finding: RedactionFinding) throws {}
}

/// A sink that appends to a byte array (tests, and callers that want the output in memory).
public struct ByteArraySink: RedactionSink {
    public var bytes: [UInt8] = []
    public var findings: [RedactionFinding] = []
    public var collectFindings: Bool

    public init(collectFindings: Bool = false) { self.collectFindings = collectFindings }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(contentsOf: bytes) }
    public var wantsFindings: Bool { collectFindings }
    public mutating func record(_ finding: RedactionFinding) { findings.append(finding) }
}

/// A sink that discards output (for `--check`, which only reports findings).
public struct DiscardingSink: RedactionSink {
    public var findings: [RedactionFinding] = []
    public init() {}
    public mutating func write(_ bytes: UnsafeRawBufferPointer) {}
    public var wantsFindings: Bool { true }
    public mutating func record(_ finding: RedactionFinding) { findings.append(finding) }
}
