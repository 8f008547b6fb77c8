/// Mutable working memory for scanning lines against one ``CompiledRuleSet``: PCRE2 match data
/// and JIT stack, the candidate-rule set, the found spans and a replacement buffer.
///
/// Allocated once; scanning a line allocates nothing. Not thread-safe: one per thread or stream
/// (the log handler keeps a pool).
public final class ScanScratch {
    let match: MatchScratch
    /// Per-rule stamp: rule `i` is a candidate for the current line when `stamps[i] == stamp`.
    let stamps: UnsafeMutablePointer<UInt32>
    var stamp: UInt32 = 0
    let candidates: UnsafeMutablePointer<Int32>
    var candidateCount = 0
    let ruleCount: Int
    var spans: [RedactionSpan] = []
    /// Rendered replacement bytes.
    var replacement: [UInt8] = []

    init(ruleCount: Int, maximumCaptureCount: Int, limits: MatchLimits) {
        self.ruleCount = ruleCount
        match = MatchScratch(maximumCaptureCount: maximumCaptureCount, limits: limits)
        stamps = .allocate(capacity: max(ruleCount, 1))
        stamps.initialize(repeating: 0, count: max(ruleCount, 1))
        candidates = .allocate(capacity: max(ruleCount, 1))
        spans.reserveCapacity(64)
        replacement.reserveCapacity(256)
    }

    deinit {
        stamps.deallocate()
        candidates.deallocate()
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
