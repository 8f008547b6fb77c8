extension CompiledRuleSet {
    /// The ids of rules (user rules only: built-in patterns are checked by the test suite) whose
    /// pattern exhausts a small match budget on their own sample lines or on a few adversarial
    /// probes: long runs of one character class after each keyword, the shapes that make nested
    /// quantifiers such as `(a+)+$` backtrack exponentially.
    ///
    /// A rule listed here still runs (each line it fails on is masked, and a rule that keeps
    /// failing is quarantined, see ``MatchLimits/quarantineThreshold``); the caller warns at load
    /// time so the author can fix it before it costs the full match limit on real lines.
    ///
    /// - Parameter matchLimit: the budget per probe (default a tenth of the normal limit).
    public func catastrophicRules(matchLimit: UInt32 = 100_000) -> [String] {
        var limits = options.limits
        limits.matchLimit = matchLimit
        limits.depthLimit = min(limits.depthLimit, matchLimit)
        let scratch = MatchScratch(maximumCaptureCount: maximumCaptureCount, limits: limits)
        let runs: [[UInt8]] = ["a", "A", "0", "aA0", "a-", " ", "=", "x/", "\\n"].map { Array(String(repeating: $0, count: 40).utf8) }
        let tails: [[UInt8]] = [[], Array("!".utf8), Array("\u{1}".utf8), Array(" x".utf8)]
        var slow: [String] = []
        for rule in compiledRules.prefix(visibleRuleCount) where !rule.pattern.isDeferred {
            var probes: [[UInt8]] = (rule.rule.mustRedact + rule.rule.mustKeep).map { Array($0.utf8) }
            for keyword in [[]] + rule.foldedKeywords.prefix(2) {
                for run in runs { for tail in tails { probes.append(keyword + run + tail) } }
            }
            let failed = probes.contains { probe in
                probe.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset <= bytes.count {
                        let rc = scratch.match(rule.pattern, bytes, from: offset)
                        if rc < 0 { return PCRE2Error(code: rc).isResourceLimit }
                        guard rc > 0, let whole = scratch.groupRange(0) else { return false }
                        offset = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
                    }
                    return false
                }
            }
            if failed { slow.append(rule.id) }
        }
        return slow
    }
}
