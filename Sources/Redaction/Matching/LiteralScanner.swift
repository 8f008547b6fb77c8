internal import CRedactScan

/// The keyword prefilter: every rule keyword in one case-insensitive multi-literal set, searched
/// over whole read buffers (or single lines), reporting where each keyword occurrence ends and,
/// through the keyword, which rules may match there. A rule's PCRE2 pattern runs only on lines
/// that hold one of its keywords.
///
/// The search itself is the C kernel in `CRedactScan` (a hashed 4-byte-anchor filter with exact
/// verification, see `literal_set.c`). The default rule set's scanner may be built ahead of time
/// on a second core (``PreparedBuiltinScanner``). Every occurrence is
/// reported: the differential tests compare it with a naive search.
///
/// ## Design rationale
/// Vectorscan was measured as the issue suggested and rejected: libvectorscan 5.4.9 (Debian 12)
/// missed keyword occurrences on this AVX-512 host for small literal sets at some buffer
/// alignments, and a prefilter that misses a keyword lets the secret after it through.
///
/// ## Thread safety
/// Immutable after `init`; shared freely. Each stream or thread scans with its own
/// ``LiteralScratch``.
final class LiteralScanner: @unchecked Sendable {
    // SAFETY: `set` is created in init, never mutated (the C API takes it as const), freed in deinit.
    // A ``ValueOverlay`` borrows it and holds this scanner alive.
    let set: OpaquePointer?
    /// Distinct keywords, ASCII-lowercased, concatenated: literal `k` (the id the search reports) is
    /// `literalBytes[literalStart[k]..<literalStart[k + 1]]`.
    let literalBytes: [UInt8]
    let literalStart: [Int32]
    /// `ruleList[ruleStart[k]..<ruleStart[k + 1]]` are the rules that list keyword `k`.
    let ruleStart: [Int32]
    let ruleList: [Int32]

    /// Collects the distinct keywords of every rule and builds the search.
    /// - Parameters:
    ///   - keywordsByRule: for each rule index, its keywords (any case; empty ones and ones holding
    ///     a newline, which can never occur inside a line, are ignored). Keywords equal after
    ///     lowering ASCII capitals are one literal; other bytes compare exactly (so canonically
    ///     equivalent but different UTF-8 stays two literals).
    ///   - wordStartPrefixes: for each rule index (missing entries: nil), the literal its every
    ///     match starts with at a word boundary (``WordStartPrefix``); the rule's keywords that
    ///     begin with it select the rule only where they start a word. A keyword shared with a rule
    ///     without such a prefix, or a trigger, is reported everywhere.
    ///   - triggers: literals that select no rule but make a line worth looking at (the contexts
    ///     in which the engine decodes values, see ``CompiledRuleSet/decoderTriggers``).
    ///
    /// When memory runs out `set` is nil and the scanner is not empty (fail closed):
    /// ``scan(_:_:values:kernel:)`` reports that the search could not run, so the caller tries
    /// every rule, and ``mayContainKeyword(_:values:)`` says there may be a keyword.
    /// `failingForTesting` makes the table build fail as it would then (tests of that path only).
    init(keywordsByRule: [[String]], wordStartPrefixes: [[UInt8]?] = [], triggers: [String] = [],
         failingForTesting: Bool = false) {
        // Built once per rule set, at start-up, for thousands of keywords: the keywords go to C as
        // one flat buffer, which finds the distinct ones (a hash table) and the rules of each.
        var bytes: [UInt8] = []
        var offsets: [UInt32] = [0]
        var rules: [Int32] = []
        var wordStart: [UInt8] = []
        let total = keywordsByRule.reduce(triggers.count) { $0 + $1.count }
        offsets.reserveCapacity(total + 1)
        rules.reserveCapacity(total)
        wordStart.reserveCapacity(total)
        bytes.reserveCapacity(total * 12)
        func add(_ keyword: String, rule: Int32, prefix: [UInt8]?) {
            var keyword = keyword
            wordStart.append(prefix.map { WordStartPrefix.keyword(keyword, startsWith: $0) ? 1 : 0 } ?? 0)
            keyword.withUTF8 { bytes.append(contentsOf: $0) }
            offsets.append(UInt32(bytes.count))
            rules.append(rule)
        }
        for (rule, keywords) in keywordsByRule.enumerated() {
            let prefix = rule < wordStartPrefixes.count ? wordStartPrefixes[rule] : nil
            for keyword in keywords { add(keyword, rule: Int32(rule), prefix: prefix) }
        }
        for trigger in triggers { add(trigger, rule: -1, prefix: nil) }
        var table = redact_keyword_table()
        defer { redact_keyword_table_free(&table) }
        let built = !failingForTesting && bytes.withUnsafeBufferPointer { bytes in
            redact_keyword_table_build(bytes.baseAddress, offsets, rules, wordStart, UInt32(rules.count), &table) == 0
        }
        let count = built ? Int(table.count) : 0
        searchFailed = !built && !rules.isEmpty
        // SAFETY: a built table holds `count` literals: `starts` and `rule_starts` have count + 1
        // entries, `bytes` and `rules` as many as their last entries say.
        literalStart = count == 0 ? [0] : UnsafeBufferPointer(start: table.starts, count: count + 1).map { Int32($0) }
        literalBytes = count == 0 ? [] : Array(UnsafeBufferPointer(start: table.bytes, count: Int(table.starts[count])))
        ruleStart = count == 0 ? [0] : Array(UnsafeBufferPointer(start: table.rule_starts, count: count + 1))
        ruleList = count == 0 ? [] : Array(UnsafeBufferPointer(start: table.rules, count: Int(table.rule_starts[count])))
        wordStartLiterals = count == 0 ? 0 : UnsafeBufferPointer(start: table.word_start, count: count).reduce(0) { $0 + Int($1) }
        set = count == 0 ? nil : Self.makeSet(table.bytes, starts: table.starts, wordStart: table.word_start, count: count)
    }

    /// Number of literals reported only where they start a word.
    let wordStartLiterals: Int

    /// Whether the keyword table could not be built (out of memory): the scanner then counts as
    /// holding keywords it cannot search for.
    private let searchFailed: Bool

    /// Number of distinct literals.
    var literalCount: Int { literalStart.count - 1 }

    /// Length in bytes of literal `literal`.
    @inline(__always)
    func literalLength(_ literal: Int) -> Int { Int(literalStart[literal + 1] - literalStart[literal]) }

    /// The bytes of literal `literal` (ASCII-lowercased).
    func literal(_ literal: Int) -> ArraySlice<UInt8> {
        literalBytes[Int(literalStart[literal])..<Int(literalStart[literal + 1])]
    }

    /// The distinct literals, one array each (for tests and diagnostics; the hot path reads
    /// ``literalLength(_:)``).
    var literals: [[UInt8]] { (0..<literalCount).map { Array(literal($0)) } }

    /// The id of the literal equal to `bytes` (already lowered), or nil.
    func literalID(of bytes: [UInt8]) -> Int? {
        // A linear search (a rule set looks up a few dozen engine literals once, among thousands):
        // lengths first, then the bytes, without slicing arrays.
        literalBytes.withUnsafeBufferPointer { all in
            literalStart.withUnsafeBufferPointer { starts in
                bytes.withUnsafeBufferPointer { wanted in
                    for literal in 0..<literalCount {
                        let start = Int(starts[literal])
                        let end = Int(starts[literal + 1])
                        // SAFETY: literal `literal` is all[start..<end] (see literalBytes).
                        if end - start == wanted.count && UnsafeBufferPointer(rebasing: all[start..<end]).elementsEqual(wanted) {
                            return literal
                        }
                    }
                    return nil
                }
            }
        }
    }

    deinit { redact_literal_set_free(set) }

    /// The search over the `count` literals of a keyword table (the C side copies what it keeps).
    private static func makeSet(_ bytes: UnsafePointer<UInt8>, starts: UnsafePointer<UInt32>, wordStart: UnsafePointer<UInt8>,
                                count: Int) -> OpaquePointer? {
        var pointers: [UnsafePointer<UInt8>?] = []
        var lengths: [UInt32] = []
        pointers.reserveCapacity(count)
        lengths.reserveCapacity(count)
        for literal in 0..<count {
            pointers.append(bytes + Int(starts[literal]))
            lengths.append(starts[literal + 1] - starts[literal])
        }
        return pointers.withUnsafeBufferPointer {
            redact_literal_set_create_word_start($0.baseAddress, lengths, wordStart, UInt32(count))
        }
    }

    /// Whether keyword `literal` is one of rule `rule`'s keywords.
    @inline(__always)
    func literal(_ literal: Int, selects rule: Int32) -> Bool {
        var index = Int(ruleStart[literal])
        let end = Int(ruleStart[literal + 1])
        while index < end {
            if ruleList[index] == rule { return true }
            index += 1
        }
        return false
    }

    /// Whether there is no keyword to look for (false when the table could not be built).
    var isEmpty: Bool { literalCount == 0 && !searchFailed }

    /// Whether `bytes` may hold a keyword or, with `values`, one of its values: false only when
    /// the search ran and found none. Needs no scratch (nothing is recorded), so it is safe from
    /// any thread and allocates nothing.
    /// - Parameter values: an overlay made for this scanner; the caller keeps it from changing
    ///   during the call.
    func mayContainKeyword(_ bytes: UnsafeRawBufferPointer, values: ValueOverlay? = nil) -> Bool {
        let overlay = values?.pointer
        guard !isEmpty || overlay != nil, let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        guard set != nil || isEmpty else { return true }  // the search could not be built: assume a keyword
        var needed = 0
        // SAFETY: with capacity 0 the kernel writes no occurrence (the NULL arrays are never
        // touched); it returns 0 when there is none and -1 (with the count in `needed`) otherwise.
        return redact_literal_set_scan(set, overlay, base.assumingMemoryBound(to: UInt8.self), bytes.count,
                                       nil, nil, 0, &needed) != 0
    }

    /// Finds every keyword occurrence in `bytes` and, with `values`, every occurrence of its values,
    /// and leaves them in `scratch`, in order of their end offset (value hits are told apart by
    /// ``ValueOverlay/isValueHit(_:)``).
    /// - Parameter values: an overlay made for this scanner; the caller keeps it from changing
    ///   during the call.
    /// - Returns: false when the search could not run (out of memory building it): the caller must
    ///   then treat every rule as a candidate.
    func scan(_ bytes: UnsafeRawBufferPointer, _ scratch: LiteralScratch, values: ValueOverlay? = nil,
              kernel: Kernel = .automatic) -> Bool {
        scratch.count = 0
        let overlay = values?.pointer
        guard !isEmpty || overlay != nil else { return true }
        guard set != nil || isEmpty else { return false }
        return scratch.collect(keywords: set, values: overlay, in: bytes, kernel: kernel)
    }
}
