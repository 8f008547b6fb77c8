/// Counters for one redaction run. Contains counts and rule ids only, never content.
public struct RedactionStatistics: Sendable, Hashable {
    /// Lines read (a final line without terminator counts).
    public var lines: Int = 0
    /// Lines whose output differs from their input.
    public var linesRedacted: Int = 0
    /// Masked regions per rule id (merged overlapping regions count once, for their chosen rule).
    public var redactionsByRule: [String: Int] = [:]
    /// Lines masked because the engine failed on them, by reason (`matchlimit`, `jitstack`, ...).
    public var engineErrors: [String: Int] = [:]
    /// Lines replaced by the line-too-long marker.
    public var overlongLines: Int = 0
    /// Multi-line blocks that hit their line bound without an end marker.
    public var unterminatedBlocks: Int = 0
    /// Lines dropped or passed unscanned because of `--on-error drop|pass`.
    public var linesDropped: Int = 0
    public var linesPassedUnscanned: Int = 0
    public var bytesIn: Int = 0
    public var bytesOut: Int = 0

    public init() {}

    /// Total masked regions over all rules.
    public var totalRedactions: Int { redactionsByRule.values.reduce(0, +) }

    /// Whether anything was redacted, masked or dropped.
    public var foundAnything: Bool {
        totalRedactions > 0 || overlongLines > 0 || !engineErrors.isEmpty || linesDropped > 0
    }

    /// Adds another run's counters.
    public mutating func merge(_ other: RedactionStatistics) {
        lines += other.lines
        linesRedacted += other.linesRedacted
        redactionsByRule.merge(other.redactionsByRule, uniquingKeysWith: +)
        engineErrors.merge(other.engineErrors, uniquingKeysWith: +)
        overlongLines += other.overlongLines
        unterminatedBlocks += other.unterminatedBlocks
        linesDropped += other.linesDropped
        linesPassedUnscanned += other.linesPassedUnscanned
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
    }
}
