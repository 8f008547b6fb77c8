/// Mutable working memory for scanning lines against one ``CompiledRuleSet``: PCRE2 match data
/// and JIT stack, the candidate-rule set, the found spans and a replacement buffer.
///
/// Allocated once; scanning a line allocates nothing. Not thread-safe: one per thread or stream
/// (the log handler keeps a pool).
public final class ScanScratch {
    let match: MatchScratch
    /// Keyword and value occurrences of the buffer being processed (one search over all its
    /// complete lines, or over a window of them; see ``LineRedactor``).
    let regionLiterals = LiteralScratch()
    /// The keyword occurrences of the line being scanned (for keyword-window rules).
    var lineHits: LineHits?
    /// Where the line being looked at starts in the buffer of `regionLiterals`.
    var regionLineStart = 0
    /// Keyword occurrences of a single line (a re-scan of a rendered line, the per-line path):
    /// kept apart so they never clobber the buffer's.
    let lineLiterals = LiteralScratch()
    /// Per-rule stamp: rule `i` is a candidate for the current line when `stamps[i] == stamp`.
    let stamps: UnsafeMutablePointer<UInt32>
    var stamp: UInt32 = 0
    let candidates: UnsafeMutablePointer<Int32>
    var candidateCount = 0
    let ruleCount: Int
    var spans: [RedactionSpan] = []
    /// Second span array, swapped with ``spans`` when spans are rewritten (no allocation).
    var spanBuffer: [RedactionSpan] = []
    /// The first pass's spans of the current line, kept for findings (only when a sink wants them).
    var findingSpans: [RedactionSpan] = []
    /// Placeholders found on the current line (see ``CompiledRuleSet/subtractPlaceholders(in:_:)``).
    var placeholders: [Range<Int>] = []
    /// Rendered replacement bytes.
    var replacement: [UInt8] = []
    /// The line being scanned with its terminal colour codes blanked (``TerminalEscapes``).
    var blankedLine: [UInt8] = []
    /// A redacted line as rendered by one pass, and the next pass's rendering (swapped): a changed
    /// line is scanned again until it no longer changes (see ``LineRedactor``).
    var rendered: [UInt8] = []
    var renderedNext: [UInt8] = []
    /// Per rule: consecutive lines on which it hit a PCRE2 resource limit, and how many more
    /// candidate lines it stays quarantined for (see ``CompiledRuleSet/scanLine(_:_:)``).
    let limitFailures: UnsafeMutablePointer<UInt16>
    let quarantine: UnsafeMutablePointer<UInt16>

    private let maximumCaptureCount: Int
    private let limits: MatchLimits

    /// A second scratch for scanning text derived from the current line (a decoded value) while
    /// the line's own spans are still held here. Made on first use.
    lazy var nested: ScanScratch = {
        let scratch = ScanScratch(ruleCount: ruleCount, maximumCaptureCount: maximumCaptureCount, limits: limits)
        scratch.profile = profile
        return scratch
    }()

    /// Per-rule counts and times of the searches run with this scratch (`redact rules profile`);
    /// nil (the default) counts nothing. Set it before the first line: the nested and decoding
    /// scratches take it when they are made.
    public var profile: RuleProfile?

    /// How many decodings deep the text scanned with this scratch is (0: a line of input); the
    /// value decoders decode only below ``DecodingLimits/maximumDepth``.
    var decodingDepth = 0
    /// The value decoders' buffers and the scratch that scans decoded text, made on first use.
    private(set) lazy var decoding = DecodingScratch(depth: decodingDepth, ruleCount: ruleCount,
                                                     maximumCaptureCount: maximumCaptureCount, limits: limits,
                                                     profile: profile)

    /// Working memory of the record layer, one per nesting level of JSON inside JSON strings.
    var recordLevels: [RecordScratch] = []
    /// The record layer's own spans of a Docker / journald message that is a JSON record (kept
    /// here so their storage is reused from line to line).
    var recordMessageSpans: [RedactionSpan] = []
    /// The JSON entries of the records of a split-record run (kept apart from the record layer's
    /// levels, which scanning the joined line uses).
    var splitRecordEntries: [JSONRecordEntry] = []
    /// Replacements of spans with a ``RedactionSpan/custom`` index, for the current line.
    var customReplacements: [[UInt8]] = []

    init(ruleCount: Int, maximumCaptureCount: Int, limits: MatchLimits) {
        self.ruleCount = ruleCount
        self.maximumCaptureCount = maximumCaptureCount
        self.limits = limits
        match = MatchScratch(maximumCaptureCount: maximumCaptureCount, limits: limits)
        stamps = .allocate(capacity: max(ruleCount, 1))
        stamps.initialize(repeating: 0, count: max(ruleCount, 1))
        candidates = .allocate(capacity: max(ruleCount, 1))
        limitFailures = .allocate(capacity: max(ruleCount, 1))
        limitFailures.initialize(repeating: 0, count: max(ruleCount, 1))
        quarantine = .allocate(capacity: max(ruleCount, 1))
        quarantine.initialize(repeating: 0, count: max(ruleCount, 1))
        spans.reserveCapacity(64)
        spanBuffer.reserveCapacity(64)
        placeholders.reserveCapacity(16)
        replacement.reserveCapacity(256)
        rendered.reserveCapacity(1024)
        renderedNext.reserveCapacity(1024)
    }

    deinit {
        stamps.deallocate()
        candidates.deallocate()
        limitFailures.deallocate()
        quarantine.deallocate()
    }

    @inline(__always)
    func beginLine() {
        stamp &+= 1
        if stamp == 0 {  // wrapped: reset so no stale stamp can equal the new one
            stamps.update(repeating: 0, count: max(ruleCount, 1))
            stamp = 1
        }
        candidateCount = 0
        spans.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    func addCandidate(_ rule: Int32) {
        if stamps[Int(rule)] != stamp {
            stamps[Int(rule)] = stamp
            candidates[candidateCount] = rule
            candidateCount &+= 1
        }
    }

    @inline(__always)
    func isCandidate(_ rule: Int32) -> Bool { stamps[Int(rule)] == stamp }
}
