#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Where scanning time goes, per rule: on how many lines each rule's pattern ran (its keyword
/// selected it, or it has none), on how many of them it found something to mask, and how long its
/// searches took. For `redact rules profile` and for rule authors; never part of redaction's
/// output, and it holds no content (counts and times only).
///
/// Attach one to a ``ScanScratch`` (``ScanScratch/profile``) before its first line: the scratch's
/// nested and decoding scratches share it, so searches over decoded values count too (they are
/// part of the time of the line that held the value), and so do the scans of a changed line's
/// rendering (a changed line is scanned again until it no longer changes, which keeps redaction
/// idempotent). A search that ends in an engine error counts as a run with its time. Cost when
/// attached: two monotonic clock reads per candidate rule per line; when not attached, one nil
/// check.
///
/// Not thread-safe: use it with one scratch (one stream) at a time.
public final class RuleProfile {
    /// The counters of one rule.
    public struct Entry: Sendable, Equatable {
        /// Index of the rule in the set it was counted for.
        public var rule: Int
        /// The rule's id (the engine's own rules, such as the record layer's, have theirs too).
        public var ruleID: String
        /// Lines (and decoded values) the rule's pattern was searched on.
        public var candidateLines: Int
        /// Of those, the ones on which it found at least one span to mask.
        public var matchedLines: Int
        /// Total time of its searches, including span checks (shape, entropy, allowlists).
        public var nanoseconds: UInt64
    }

    /// Number of rules counted (the set's compiled rules, engine rules included).
    public let ruleCount: Int
    private let runs: UnsafeMutablePointer<Int>
    private let matched: UnsafeMutablePointer<Int>
    private let times: UnsafeMutablePointer<UInt64>

    /// - Parameter ruleSet: the set whose scratches this profile will be attached to.
    public convenience init(for ruleSet: CompiledRuleSet) {
        self.init(ruleCount: ruleSet.compiledRules.count)
    }

    init(ruleCount: Int) {
        self.ruleCount = ruleCount
        let capacity = max(ruleCount, 1)
        runs = .allocate(capacity: capacity)
        runs.initialize(repeating: 0, count: capacity)
        matched = .allocate(capacity: capacity)
        matched.initialize(repeating: 0, count: capacity)
        times = .allocate(capacity: capacity)
        times.initialize(repeating: 0, count: capacity)
    }

    deinit {
        runs.deallocate()
        matched.deallocate()
        times.deallocate()
    }

    /// The rules that ran at least once, most time first (ties by index).
    /// - Parameter ruleSet: the set this profile was made for (its ids name the entries).
    public func entries(in ruleSet: CompiledRuleSet) -> [Entry] {
        (0..<min(ruleCount, ruleSet.compiledRules.count)).compactMap { index in
            runs[index] == 0 ? nil
                : Entry(rule: index, ruleID: ruleSet.compiledRules[index].id, candidateLines: runs[index],
                        matchedLines: matched[index], nanoseconds: times[index])
        }.sorted { ($0.nanoseconds, $1.rule) > ($1.nanoseconds, $0.rule) }
    }

    /// Now, in nanoseconds on the monotonic clock.
    @inline(__always)
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// Counts one search of `rule` that started at `start` (``now()``).
    @inline(__always)
    func record(_ rule: Int32, since start: UInt64, matched found: Bool) {
        let elapsed = Self.now() &- start
        let index = Int(rule)
        guard index >= 0 && index < ruleCount else { return }  // a profile made for another set
        // SAFETY: `index` was checked against the capacity of the three buffers just above.
        runs[index] &+= 1
        times[index] &+= elapsed
        if found { matched[index] &+= 1 }
    }
}
